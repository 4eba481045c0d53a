"""AveragePooling2D ('th') and AveragePooling1D with border_mode='same' (odd sizes, strides 1
and 2) at inference: Keras 1.2.2/Theano averages only over the real cells (average_exc_pad)
and cannot take their gradient, so no training steps."""
from keras.layers import Input, AveragePooling2D, AveragePooling1D, Flatten, merge
from keras.models import Model


def build():
    x = Input(shape=(2, 7, 8))
    s = Input(shape=(9, 3))
    outs = [AveragePooling2D((3, 3), strides=(2, 2), border_mode='same')(x),
            AveragePooling2D((2, 2), strides=(1, 1), border_mode='same')(x),
            AveragePooling2D((3, 3), strides=(1, 1), border_mode='same')(x),
            AveragePooling2D((2, 3), strides=(2, 2), border_mode='same')(x),
            AveragePooling1D(3, stride=2, border_mode='same')(s),
            AveragePooling1D(2, stride=1, border_mode='same')(s),
            AveragePooling1D(4, border_mode='same')(s)]
    model = Model(input=[x, s], output=merge([Flatten()(t) for t in outs], mode='concat'))
    model.compile(loss='mse', optimizer='sgd')
    return model


def inputs(rng):
    return [rng.randn(3, 2, 7, 8).astype('float32'), rng.randn(3, 9, 3).astype('float32')]
