"""ZeroPadding1D (int, tuple and dict), UpSampling1D, Cropping1D around Convolution1D; RMSprop."""
from keras.models import Sequential
from keras.layers import (ZeroPadding1D, UpSampling1D, Cropping1D, Convolution1D, Flatten, Dense)


def build():
    model = Sequential()
    model.add(ZeroPadding1D(2, input_shape=(5, 3)))
    model.add(Convolution1D(3, 3, activation='tanh'))
    model.add(ZeroPadding1D((1, 2)))
    model.add(UpSampling1D(length=2))
    model.add(Cropping1D(cropping=(1, 3)))
    model.add(ZeroPadding1D({'left_pad': 0, 'right_pad': 1}))
    model.add(Convolution1D(2, 2))
    model.add(Flatten())
    model.add(Dense(2))
    model.compile(loss='mse', optimizer='rmsprop')
    return model


def inputs(rng):
    return rng.randn(4, 5, 3).astype('float32')


def targets(rng, out):
    return rng.randn(*out.shape).astype('float32')
