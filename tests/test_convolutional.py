"""keras 1.2.2 layers/convolutional.py and layers/pooling.py beyond what the parity fixtures show: Cropping1D,
the convolutional module's aliases, SeparableConvolution2D on TensorFlow, global 3-D pooling, pooling
windows wider than their input. Expectations derived by hand from that source.
"""
import numpy as np
import pytest

from compat._keras3 import keras as k3
from compat.keras import backend as K
from compat.keras.layers import AveragePooling2D, Input, SeparableConvolution2D, convolutional, pooling
from compat.keras.models import Model, Sequential


def test_cropping1d_may_crop_everything():
    layer = convolutional.Cropping1D(cropping=(2, 2))
    x = Input(shape=(4, 3))
    y = layer(x)
    assert tuple(y.shape) == (None, 0, 3)
    assert Model(x, y).predict(np.ones((2, 4, 3), 'float32')).shape == (2, 0, 3)
    got = convolutional.Cropping1D(cropping=(1, 2))(K.variable(np.arange(8.).reshape(1, 4, 2)))
    np.testing.assert_array_equal(K.eval(got), [[[2., 3.]]])


def test_convolutional_module_names():
    assert convolutional.Conv2D is convolutional.Convolution2D
    assert convolutional.AtrousConv1D is convolutional.AtrousConvolution1D
    assert convolutional.MaxPooling2D is pooling.MaxPooling2D


@pytest.mark.parametrize('cls, reduce', [(pooling.GlobalMaxPooling3D, np.max),
                                         (pooling.GlobalAveragePooling3D, np.mean)])
def test_global_pooling_3d(cls, reduce):
    x = np.random.RandomState(0).rand(2, 3, 2, 4, 5).astype('float32')
    th = K.eval(cls(dim_ordering='th')(K.variable(x)))
    np.testing.assert_allclose(th, reduce(x, axis=(2, 3, 4)), rtol=1e-6)
    tf_ = K.eval(cls(dim_ordering='tf')(K.variable(x)))
    np.testing.assert_allclose(tf_, reduce(x, axis=(1, 2, 3)), rtol=1e-6)
    assert cls(dim_ordering='th').get_output_shape_for((2, 3, 2, 4, 5)) == (2, 3)


def test_pool_window_wider_than_input_gives_no_rows():
    # Theano pool2d(ignore_border=True): keras 1.2.2 conv_output_length(4, 5, 'valid', 1) = 0 columns
    model = Sequential([AveragePooling2D(pool_size=(5, 5), strides=(1, 1), input_shape=(11, 12, 4),
                                         dim_ordering='th')])
    assert model.output_shape == (None, 11, 8, 0)
    assert model.predict(np.ones((3, 11, 12, 4), 'float32')).shape == (3, 11, 8, 0)


def test_separable_conv2d_tensorflow_numerics_th_weights():
    # one input channel, depth_multiplier 1, 2x2 kernel of ones, pointwise 2 filters (1, -1), valid
    layer = SeparableConvolution2D(2, 2, 2, dim_ordering='th', input_shape=(1, 3, 3))
    model = Sequential([layer])
    layer.set_weights([np.ones((1, 1, 2, 2), 'float32'), np.array([1., -1.]).reshape(2, 1, 1, 1),
                       np.array([0.5, 0.], 'float32')])
    x = np.arange(9, dtype='float32').reshape(1, 1, 3, 3)
    windows = np.array([[0 + 1 + 3 + 4, 1 + 2 + 4 + 5], [3 + 4 + 6 + 7, 4 + 5 + 7 + 8]], 'float32')
    np.testing.assert_allclose(model.predict(x)[0], [windows + 0.5, -windows])
    assert [w.shape for w in layer.get_weights()] == [(1, 1, 2, 2), (2, 1, 1, 1), (2,)]


def teardown_module():
    k3.backend.clear_session()
