"""Convolution2D with dim_ordering='tf' (NHWC input): 'same' with even kernels 2x2/4x4 and
strides 2, maxnorm and l1 on a 'tf' kernel; plain SGD, categorical accuracy."""
from keras.models import Sequential
from keras.layers import Convolution2D, Flatten, Dense
from keras.optimizers import SGD
from keras.constraints import maxnorm
from keras.regularizers import l1


def build():
    model = Sequential()
    model.add(Convolution2D(4, 2, 2, border_mode='same', subsample=(2, 2), activation='relu',
                            dim_ordering='tf', input_shape=(9, 8, 3)))
    # maxnorm's default axis 0 is the kernel-rows axis of a 'tf' kernel (rows, cols, in, out)
    model.add(Convolution2D(5, 4, 4, border_mode='same', dim_ordering='tf', activation='tanh',
                            W_constraint=maxnorm(0.7), W_regularizer=l1(0.01)))
    model.add(Convolution2D(3, 3, 4, border_mode='same', subsample=(2, 2), dim_ordering='tf'))
    model.add(Flatten())
    model.add(Dense(4, activation='softmax'))
    model.compile(loss='categorical_crossentropy', optimizer=SGD(lr=0.2), metrics=['accuracy'])
    return model


def inputs(rng):
    return rng.randn(6, 9, 8, 3).astype('float32')


def targets(rng, out):
    y = (out * 0).astype('float32')
    y[range(len(y)), rng.randint(0, 4, size=len(y))] = 1
    return y
