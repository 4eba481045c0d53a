"""Convolution1D 'same' with even filter_length and subsample_length=2 on odd/even lengths;
Nadam; binary crossentropy with binary accuracy."""
from keras.models import Sequential
from keras.layers import Convolution1D, Flatten, Dense
from keras.optimizers import Nadam


def build():
    model = Sequential()
    model.add(Convolution1D(4, 4, border_mode='same', subsample_length=2, activation='relu',
                            input_shape=(11, 3)))
    model.add(Convolution1D(3, 2, border_mode='same'))
    model.add(Convolution1D(3, 3, border_mode='same', subsample_length=2))
    model.add(Flatten())
    model.add(Dense(2, activation='sigmoid'))
    model.compile(loss='binary_crossentropy', optimizer=Nadam(lr=0.01), metrics=['accuracy'])
    return model


def inputs(rng):
    return rng.randn(6, 11, 3).astype('float32')


def targets(rng, out):
    return rng.randint(0, 2, size=out.shape).astype('float32')
