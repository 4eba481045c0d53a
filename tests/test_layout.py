"""'th' tensors stay channels-first for Keras 1 code, but runs of conv/activation/pool layers hand the
channels-last tensor on (compat/keras/layers/_theano.py, layout). The numbers are the parity suite's
business (seed_caption_small, conv2d_th_*, pool2d_same_th...); these tests pin the transposes."""
import numpy as np

from compat._keras3 import tf
from compat.keras.layers import Activation, Convolution2D, Dense, Dropout, Flatten, MaxPooling2D, ZeroPadding2D
from compat.keras.models import Sequential


def _transposes_behind(tensor):
    """Transpose ops the tensor depends on (the ones a traced step actually runs)."""
    seen, stack, count = set(), [tensor.op], 0
    while stack:
        op = stack.pop()
        if op.name not in seen:
            seen.add(op.name)
            count += op.type == 'Transpose'
            stack.extend(t.op for t in op.inputs)
    return count


def _vgg_block(activation='relu'):
    model = Sequential()
    model.add(ZeroPadding2D((1, 1), input_shape=(3, 12, 12)))
    model.add(Convolution2D(4, 3, 3))
    model.add(Activation(activation))
    model.add(ZeroPadding2D((1, 1)))
    model.add(Convolution2D(4, 3, 3))
    model.add(Activation(activation))
    model.add(MaxPooling2D())
    model.add(Dropout(0.5))
    model.add(Flatten())
    model.add(Dense(2))
    return model


def _traced_output(model, training):
    fn = tf.function(lambda x: model(x, training=training))
    return fn.get_concrete_function(tf.TensorSpec((None, 3, 12, 12))).graph.outputs[0]


def test_th_conv_run_transposes_once_in_and_once_out():
    # one transpose into channels-last at the first conv, one back for Flatten; before layout
    # propagation every conv and pool transposed in and out (8 on this path)
    for training in (False, True):
        assert _transposes_behind(_traced_output(_vgg_block(), training)) == 2


def test_layout_visible_activation_breaks_the_run():
    # a callable activation may look at the layout: compat must not hand it channels-last
    model = _vgg_block(activation=lambda x: x * tf.cast(tf.range(4)[None, :, None, None] + 1, x.dtype))
    assert _transposes_behind(_traced_output(model, False)) > 2


def test_eager_call_agrees_with_predict():
    model = _vgg_block()
    x = np.random.RandomState(0).rand(3, 3, 12, 12).astype('float32')
    np.testing.assert_allclose(np.asarray(model(x)), model.predict(x), rtol=1e-6)
