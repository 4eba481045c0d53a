"""fixers/keras1_layers.py and the classes it inlines (compat/upgrade/inlined/layers.py).

Before/after rewrites on snippets; the inlined classes against hand-derived Keras 1.2.2 numbers
(keras 1.2.2 layers/core.py, local.py, advanced_activations.py, normalization.py). The Keras 1
oracle parity of whole upgraded models (weights loaded with compat.load_keras1_weights) is
tests/test_load_keras1_weights.py (advanced_activations_train, highway_*, ext_local_spatialdrop,
batchnorm_modes_1_2, ext_deconv2d, ext_convlstm2d, bidirectional_*).
"""
import ast

import numpy as np
import pytest

from compat.upgrade.fixers import keras1_layers
from compat.upgrade.fixers.keras1_layers import class_sources


def _run_all(run, src):
    new, entries = run(src)
    ast.parse(new)
    assert 'compat' not in new
    return new, entries


# -- rewrites ---------------------------------------------------------------------------------
def test_highway_and_maxout_are_inlined_once_and_imports_go(run):
    new, entries = _run_all(run, """\
        from keras.models import Sequential
        from keras.layers import Dense, Highway, MaxoutDense
        model = Sequential()
        model.add(Dense(6, input_dim=4))
        model.add(Highway(activation='relu', transform_bias=-2))
        model.add(MaxoutDense(5, nb_feature=3))
        model.add(Highway(init='normal'))
        """)
    assert 'from keras.layers import Dense, Input\n' in new
    assert new.count('class Highway(keras.layers.Layer)') == 1
    assert new.count('class MaxoutDense(keras.layers.Layer)') == 1
    assert 'class SReLU' not in new and 'import keras\n' in new
    assert "Highway(activation='relu')" in new                 # transform_bias dropped
    assert 'MaxoutDense(5, nb_feature=3)' in new
    assert "Highway(kernel_initializer='random_normal')" in new
    assert any(e.fixer == 'keras1_layers' and 'class Highway' in e.message for e in entries)
    # the classes come after the imports and before the code using them
    assert new.index('import keras') < new.index('class Highway') < new.index('model = Sequential()')


def test_advanced_activations_and_local_arguments(run):
    new, _ = _run_all(run, """\
        from keras.layers.advanced_activations import ThresholdedReLU, ParametricSoftplus, SReLU
        from keras.layers.local import LocallyConnected1D, LocallyConnected2D
        a = SReLU(t_left_init='zero', a_right_init='one')
        b = ParametricSoftplus(alpha_init=0.3, beta_init=4.0)
        c = LocallyConnected1D(4, 3, subsample_length=2, activation='tanh')
        d = LocallyConnected2D(3, 3, 2, subsample=(2, 1), bias=False)
        """)
    assert 'from keras.layers import ReLU\n' in new
    assert 'keras.layers.local' not in new
    assert "SReLU(t_left_initializer='zeros', a_right_initializer='ones')" in new
    assert 'ParametricSoftplus(alpha_init=0.3, beta_init=4.0)' in new
    assert "LocallyConnected1D(4, 3, strides=2, activation='tanh')" in new
    assert ("LocallyConnected2D(3, (3, 2), strides=(2, 1), use_bias=False, "
            "data_format='channels_first')") in new
    for name in ('SReLU', 'ParametricSoftplus', 'LocallyConnected1D', 'LocallyConnected2D'):
        assert f'class {name}(keras.layers.Layer)' in new


def test_batchnorm_modes(run):
    new, entries = _run_all(run, """\
        from keras.layers.normalization import BatchNormalization
        a = BatchNormalization(mode=0)
        b = BatchNormalization(mode=1)
        c = BatchNormalization(mode=2, epsilon=1e-2, beta_init='zero')
        """)
    assert 'a = BatchNormalization()' in new
    assert 'b = Keras1BatchNormalization(mode=1)' in new
    assert "c = Keras1BatchNormalization(mode=2, epsilon=1e-2, beta_initializer='zeros')" in new
    assert 'class Keras1BatchNormalization(keras.layers.Layer)' in new
    assert not any(e.severity != 'change' for e in entries if 'mode' in e.message)
    _, entries = _run_all(run, 'from keras.layers import BatchNormalization\nb = BatchNormalization(mode=m)\n')
    assert [e.severity for e in entries if 'mode=m' in e.message] == ['warning']


def test_deconvolution_same_gets_output_padding_and_theano_crop(run):
    new, entries = _run_all(run, """\
        from keras.layers import Input, Deconvolution2D
        x = Input(shape=(3, 4, 5))
        a = Deconvolution2D(2, 3, 3, output_shape=(None, 2, 8, 10), border_mode='same', subsample=(2, 2))(x)
        b = Deconvolution2D(2, 2, 2, (None, 2, 8, 10), subsample=(2, 2))(x)
        """)
    # hand-derived: pad 1 ('half'), (8 + 2 - 3) % 2 = 1; (8 - 2) % 2 = 0
    assert ("a = Cropping2D(((1, 1), (1, 1)))(Conv2DTranspose(2, (3, 3), padding='valid', "
            "strides=(2, 2), output_padding=(1, 1))(x_channels_last))") in new
    assert "b = Conv2DTranspose(2, (2, 2), strides=(2, 2), output_padding=(0, 0))(x_channels_last)" in new
    assert 'output_shape' not in new and 'Cropping2D' in new.splitlines()[0]


def test_deconvolution_in_sequential_add(run):
    new, _ = _run_all(run, """\
        from keras.models import Sequential
        from keras.layers import Deconvolution2D
        m = Sequential()
        m.add(Deconvolution2D(2, 3, 3, output_shape=(None, 7, 9, 2), border_mode='same', dim_ordering='tf', input_shape=(4, 5, 3)))
        """)
    # (7 + 2 - 3) % 1 = 0 at stride 1
    assert "m.add(Conv2DTranspose(2, (3, 3), padding='valid', data_format='channels_last', output_padding=(0, 0)))" in new
    assert "m.add(Cropping2D(((1, 1), (1, 1)), data_format='channels_last'))" in new


def test_deconvolution_without_literal_output_shape_warns(run):
    new, entries = _run_all(run, """\
        from keras.layers import Deconvolution2D
        d = Deconvolution2D(2, 3, 3, output_shape=shape)
        """)
    assert 'output_shape' not in new
    assert any(e.severity == 'warning' and 'output_shape dropped' in e.message for e in entries)


def test_conv_lstm_even_kernel_only(run):
    new, _ = _run_all(run, """\
        from keras.layers import ConvLSTM2D
        a = ConvLSTM2D(3, 3, 3, border_mode='same')
        b = ConvLSTM2D(2, 3, 2, border_mode='valid')
        """)
    assert 'a = ConvLSTM2D(3, (3, 3)' in new
    assert 'b = Keras1ConvLSTM2D(2, (3, 2)' in new
    assert 'class Keras1ConvLSTM2D(keras.layers.ConvLSTM2D)' in new


def test_file_without_such_layers_is_untouched_by_this_fixer(run):
    src = 'from keras.layers import Dense\nd = Dense(3)\n'
    _, entries = run(src, keras1_layers.Keras1Layers)
    assert entries == []


# -- the inlined classes compute Keras 1's numbers ----------------------------------------------
@pytest.fixture(scope='module')
def L():
    """The classes as an upgraded file has them: their source text, executed with keras only."""
    import libcst as cst
    ns = {}
    exec(compile('import keras\n' + cst.Module(list(class_sources().values())).code, 'inlined', 'exec'), ns)
    return ns


def _built(layer, shape, weights):
    import keras
    layer(keras.Input(shape))
    layer.set_weights([np.asarray(w, 'float32') for w in weights])
    return layer


def test_srelu_pieces(L):
    # t_left 0, t_right_actual = 0 + |1| = 1, a_left 0.5, a_right 2 (keras 1.2.2 SReLU.call)
    layer = _built(L['SReLU'](), (3,), [[0, 0, 0], [0.5] * 3, [-1, -1, -1], [2] * 3])
    x = np.array([[-2.0, 0.5, 3.0]], 'float32')
    np.testing.assert_allclose(np.asarray(layer(x)), [[-1.0, 0.5, 5.0]], rtol=1e-6)


def test_parametric_softplus(L):
    layer = _built(L['ParametricSoftplus'](alpha_init=0.3, beta_init=4.0), (2,), [[0.3, 0.3], [4, 4]])
    x = np.array([[0.0, 1.0]], 'float32')
    np.testing.assert_allclose(np.asarray(layer(x)), [[0.3 * np.log(2), 0.3 * np.log1p(np.exp(4))]],
                               rtol=1e-6)
    assert [w.shape for w in layer.get_weights()] == [(2,), (2,)]


def test_highway_weights_order_and_formula(L):
    eye, zero = np.eye(2), np.zeros((2, 2))
    # W = I, W_carry = 0, b = 0, b_carry = 0: t = 1/2, out = (relu(x) + x) / 2
    layer = _built(L['Highway'](activation='relu'), (2,), [eye, zero, [0, 0], [0, 0]])
    np.testing.assert_allclose(np.asarray(layer(np.array([[-2.0, 4.0]], 'float32'))), [[-1.0, 4.0]])
    assert [w.name for w in layer.weights] == ['kernel', 'carry_kernel', 'bias', 'carry_bias']


def test_maxout(L):
    w = np.array([[[1.0]], [[-1.0]]])                # two pieces: x and -x  -> |x| (+ bias)
    layer = _built(L['MaxoutDense'](1, nb_feature=2), (1,), [w, [[0.0], [1.0]]])
    np.testing.assert_allclose(np.asarray(layer(np.array([[-3.0], [0.5]], 'float32'))), [[4.0], [0.5]])


def test_locally_connected_2d_channels_first_bias_is_reshaped_not_transposed(L):
    # 1 channel, 2x2 image, 1x1 kernel -> 4 positions, 2 filters; kernel zero: output is the bias
    # keras 1.2.2 LocallyConnected2D.call reshapes b (rows, cols, filters) to (filters, rows, cols)
    b = np.arange(8.0).reshape(2, 2, 2)
    layer = _built(L['LocallyConnected2D'](2, (1, 1), data_format='channels_first'), (1, 2, 2),
                   [np.zeros((4, 1, 2)), b])
    out = np.asarray(layer(np.ones((1, 1, 2, 2), 'float32')))
    np.testing.assert_array_equal(out[0], b.reshape(2, 2, 2))
    assert not np.array_equal(out[0], b.transpose(2, 0, 1))


def test_locally_connected_1d_unshared(L):
    # steps of length 2, stride 2 over 4 steps -> 2 outputs, each its own weights
    kernel = np.array([[[1.0], [1.0]], [[10.0], [10.0]]])      # (2 steps, 2 * 1, 1 filter)
    layer = _built(L['LocallyConnected1D'](1, 2, strides=2), (4, 1), [kernel, [[0.0], [0.5]]])
    x = np.array([[[1.0], [2.0], [3.0], [4.0]]], 'float32')
    np.testing.assert_allclose(np.asarray(layer(x)), [[[3.0], [70.5]]])


def test_batchnorm_mode_1_and_2(L):
    x = np.array([[1.0, 2.0, 3.0], [3.0, 6.0, 9.0]], 'float32')
    ones, zeros = np.ones(3), np.zeros(3)
    m1 = _built(L['Keras1BatchNormalization'](mode=1, epsilon=1e-3), (3,), [ones, zeros, zeros, ones])
    # row 1: mean 2, var 2/3 -> (x - 2) / (sqrt(2/3 + eps) + eps)
    want = (np.array([1.0, 2.0, 3.0]) - 2) / (np.sqrt(2 / 3 + 1e-3) + 1e-3)
    np.testing.assert_allclose(np.asarray(m1(x))[0], want, rtol=1e-5)
    m2 = _built(L['Keras1BatchNormalization'](mode=2, epsilon=1e-2), (3,), [ones * 2, ones, zeros, ones])
    # column-wise over the batch, also at inference: column 0 mean 2, var 1 -> 2 * (+-1 / sqrt(1.01)) + 1
    got = np.asarray(m2(x, training=False))
    np.testing.assert_allclose(got[:, 0], [1 - 2 / np.sqrt(1.01), 1 + 2 / np.sqrt(1.01)], rtol=1e-5)


def test_inlined_classes_round_trip_their_config(L):
    import keras
    layer = L['LocallyConnected2D'](3, (2, 2), strides=(1, 2), data_format='channels_last',
                                     activation='tanh', kernel_regularizer='l2')
    clone = type(layer).from_config(layer.get_config())
    assert clone.get_config() == layer.get_config()
    assert keras.saving.get_registered_name(type(layer)) == 'keras1>LocallyConnected2D'


def test_load_keras1_weights_pairs_same_class_layers_in_creation_order():
    # compat/convert/weights.py: a Cropping2D after one Conv2DTranspose makes Keras 3 list it first
    from compat.convert.weights import _by_creation
    names = ['conv2d_transpose_2', 'conv2d_transpose', 'dense', 'conv2d_transpose_1', 'my_layer']
    assert _by_creation(names, str) == ['conv2d_transpose', 'conv2d_transpose_1', 'dense',
                                        'conv2d_transpose_2', 'my_layer']
