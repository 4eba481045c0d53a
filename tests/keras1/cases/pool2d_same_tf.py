"""MaxPooling2D/AveragePooling2D 'same' with odd sizes in dim_ordering='tf' (NHWC), inference."""
from keras.layers import Input, MaxPooling2D, AveragePooling2D, Flatten, merge
from keras.models import Model


def build():
    x = Input(shape=(7, 8, 2))
    outs = [MaxPooling2D((3, 3), strides=(2, 2), border_mode='same', dim_ordering='tf')(x),
            AveragePooling2D((3, 3), strides=(2, 2), border_mode='same', dim_ordering='tf')(x),
            MaxPooling2D((2, 2), strides=(1, 1), border_mode='same', dim_ordering='tf')(x),
            AveragePooling2D((2, 2), strides=(1, 1), border_mode='same', dim_ordering='tf')(x),
            AveragePooling2D((3, 2), strides=(2, 1), border_mode='same', dim_ordering='tf')(x),
            MaxPooling2D((2, 2), border_mode='valid', dim_ordering='tf')(x)]
    model = Model(input=x, output=merge([Flatten()(t) for t in outs], mode='concat'))
    model.compile(loss='mse', optimizer='sgd')
    return model


def inputs(rng):
    return rng.randn(3, 7, 8, 2).astype('float32')
