"""Before/after tests: pooling 'same' -> the inlined Keras1SamePooling layer, and that layer's
numbers on small hand-worked inputs.

Hand-derived from keras 1.2.2 theano_backend.py pool2d: 'same' pads pool - 2 (odd pool > 2) or
pool - 1 cells on both sides, pools with ignore_border, keeps ceil(n / stride) outputs; padded
cells never win a max and are left out of averages ('average_exc_pad'). The parity cases
avg_pool_same, pool1d_stride_same, pool2d_same_th/tf check the same against the real Keras 1.2.2.
"""
import numpy as np
import pytest

from compat.upgrade.fixers import LayerArgs, TheanoPoolSame
from compat.upgrade.inlined.pooling import Keras1SamePooling

IMP = 'from keras.layers import MaxPooling1D, MaxPooling2D, AveragePooling2D, AveragePooling3D\n'


def test_rewrites_2d_th(run):
    new, entries = run(IMP + "y = MaxPooling2D((3, 3), strides=(2, 2), border_mode='same')(x)\n",
                       LayerArgs, TheanoPoolSame)
    assert new == IMP + ("y = Keras1SamePooling('max', (3, 3), strides=(2, 2), "
                         "data_format='channels_first')(x)\n")
    assert any(e.fixer == 'theano_pool_same' and e.severity == 'change' for e in entries)


def test_rewrites_1d_positional_and_default_stride(run):
    new, _ = run(IMP + "m.add(MaxPooling1D(4, None, 'same', input_shape=(9, 3)))\n"
                       "m.add(MaxPooling1D(border_mode='same'))\n", LayerArgs, TheanoPoolSame)
    assert new == IMP + ("m.add(Keras1SamePooling('max', 4, input_shape=(9, 3)))\n"
                         "m.add(Keras1SamePooling('max', 2))\n")


def test_average_3d_tf(run):
    new, _ = run(IMP + "AveragePooling3D((2, 2, 2), border_mode='same', dim_ordering='tf')\n",
                 LayerArgs, TheanoPoolSame)
    assert new == IMP + "Keras1SamePooling('average', (2, 2, 2), data_format='channels_last')\n"


@pytest.mark.parametrize('src', ["MaxPooling2D((3, 3), strides=(1, 1), border_mode='same')",
                                 "MaxPooling2D((1, 3), strides=(2, 1), border_mode='same')",
                                 "MaxPooling2D((2, 2), border_mode='valid')"])
def test_untouched_where_tensorflow_agrees(run, src):
    new, _ = run(IMP + src + '\n', LayerArgs, TheanoPoolSame)
    assert 'Keras1SamePooling' not in new


def test_non_literal_warns(run):
    new, entries = run(IMP + "MaxPooling2D(p, border_mode='same')\n", LayerArgs, TheanoPoolSame)
    assert 'Keras1SamePooling' not in new
    assert any(e.severity == 'warning' and 'non-literal' in e.message for e in entries)


def test_helper_inserted_once_and_file_runs(run):
    new, _ = run(IMP + "a = MaxPooling2D((2, 2), strides=(1, 1), border_mode='same')\n"
                       "b = AveragePooling2D((2, 2), strides=(1, 1), border_mode='same')\n")
    assert new.count('class Keras1SamePooling') == 1 and 'compat' not in new
    ns = {}
    exec(new, ns)
    assert ns['a'].get_config()['mode'] == 'max'


@pytest.fixture(scope='module')
def pool():
    return lambda *args, **kw: lambda x: np.asarray(Keras1SamePooling(*args, **kw)(
        np.asarray(x, 'float32')))


@pytest.mark.parametrize('mode, pool_size, strides, x, want', [
    # pool 2, stride 1: windows [i - 1, i]; the padded cell never wins, even over negatives
    ('max', 2, 1, [-1, -2, -3], [-1, -1, -2]),
    ('average', 2, 1, [-1, -2, -3], [-1, -1.5, -2.5]),
    # pool 3, stride 2, n = 5: pad 1, windows start at -1, 1, 3
    ('max', 3, 2, [1, 2, 3, 4, 5], [2, 4, 5]),
    ('average', 3, 2, [1, 2, 3, 4, 5], [1.5, 3, 4.5]),
    # pool 4 (stride 4), n = 9: pad 3, windows start at -3, 1, 5; ceil(9 / 4) = 3 outputs
    ('max', 4, None, list(range(9)), [0, 4, 8]),
    ('average', 4, None, list(range(9)), [0, 2.5, 6.5]),
    # pool 5, stride 1, n = 4: pad 3 (odd pool > 2: pool - 2), windows [i - 3, i + 1]
    # (TensorFlow's 'same' centres them: [3, 4, 4, 4])
    ('max', 5, 1, [1, 2, 3, 4], [2, 3, 4, 4]),
])
def test_helper_numbers_1d(pool, mode, pool_size, strides, x, want):
    got = pool(mode, pool_size, strides=strides)(np.reshape(x, (1, -1, 1)))
    np.testing.assert_allclose(got[0, :, 0], want, rtol=1e-6)


def test_helper_channels_first_2d(pool):
    x = np.arange(12, dtype='float32').reshape(1, 1, 3, 4) * -1      # all <= 0
    got = pool('max', (2, 2), strides=(2, 2), data_format='channels_first')(x)
    # pad 1 before/after each axis; windows rows {-1,0},{1,2}, cols {-1,0},{1,2}: max = min |.|
    np.testing.assert_allclose(got[0, 0], [[0, -1], [-4, -5]])
