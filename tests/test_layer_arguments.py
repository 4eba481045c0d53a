"""Layer arguments as Keras 1.2.2 took them (compat/keras/engine/arguments.py binds them to the Keras 1.2.2
signatures): positional meaning, misspellings, Keras 3-only names, missing or bad values, the one-time
Keras 3 spelling hint, and Keras 1's automatic layer names.
"""
import warnings

import pytest

import compat
from compat.keras import layers as L
from compat.keras.backend import common
from compat.keras.models import Sequential


def test_positional_convolution2d_means_keras1_kernel_not_strides():
    conv = L.Convolution2D(32, 3, 5, input_shape=(3, 20, 20))
    model = Sequential([conv])
    assert model.output_shape == (None, 32, 18, 16)
    assert conv.strides == (1, 1) and conv.kernel_size == (3, 5)


def test_misspelled_argument_names_the_layer_and_suggests():
    with pytest.raises(TypeError, match=r"Dense\(\) got an argument 'ouput_dim'.*did you mean 'output_dim'"):
        L.Dense(ouput_dim=3)


def test_keras3_only_argument_is_refused_clearly():
    with pytest.raises(TypeError, match=r"Convolution2D\(\) got an argument 'padding' that Keras 1.2.2 did not"):
        L.Convolution2D(8, 3, 3, padding='same')


def test_too_many_positional_arguments():
    with pytest.raises(TypeError, match=r'GRU\(\) takes at most 10 positional'):
        L.GRU(*range(11))


def test_missing_required_argument():
    with pytest.raises(TypeError, match=r'Embedding\(\) missing required Keras 1 argument\(s\): output_dim'):
        L.Embedding(10)


def test_bad_values_are_named():
    with pytest.raises(ValueError, match="border_mode"):
        L.Convolution2D(8, 3, 3, border_mode='SAME')
    with pytest.raises(ValueError, match='mode'):
        L.BatchNormalization(mode=3)
    with pytest.raises(ValueError, match='consume_less'):
        L.GRU(3, consume_less='fast')


def test_keras1_idioms_warn_once_with_the_keras3_spelling():
    from compat.keras.engine import arguments
    arguments._WARNED.discard(('Dense', 'output_dim'))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        L.Dense(output_dim=2)
        L.Dense(output_dim=2)
    mine = [w for w in caught if issubclass(w.category, compat.Keras1Warning)]
    assert len(mine) == 1 and 'units=' in str(mine[0].message)


# -- names: keras 1.2.2 Layer.__init__ (class name lower-cased, numbered by backend.get_uid) ---------------
def test_auto_names_follow_keras1():
    common.reset_uids()
    assert [L.Convolution2D(2, 3, 3).name, L.Convolution2D(2, 3, 3).name, L.GRU(2).name,
            L.TimeDistributedDense(2).name] == ['convolution2d_1', 'convolution2d_2', 'gru_1',
                                                'timedistributeddense_1']
