"""Convolution2D 'th': 'same' with even kernels (2x2, 4x4, 2x3) and strides 2 on odd and even
map sizes; RMSprop(rho, decay); mse."""
from keras.models import Sequential
from keras.layers import Convolution2D, Flatten, Dense
from keras.optimizers import RMSprop


def build():
    model = Sequential()
    model.add(Convolution2D(4, 2, 2, border_mode='same', subsample=(2, 2), activation='relu',
                            input_shape=(2, 9, 10)))
    model.add(Convolution2D(4, 4, 4, border_mode='same', subsample=(2, 2)))
    model.add(Convolution2D(3, 2, 3, border_mode='same'))
    model.add(Flatten())
    model.add(Dense(3))
    model.compile(loss='mse', optimizer=RMSprop(lr=0.01, rho=0.8, decay=0.05))
    return model


def inputs(rng):
    return rng.randn(5, 2, 9, 10).astype('float32')


def targets(rng, out):
    return rng.randn(*out.shape).astype('float32')
