"""Convolution2D border_mode='full', bias=False, W_regularizer=l2 (penalty in the training
loss), W_constraint=maxnorm (default axis 0 on the 'th' kernel); SGD with momentum."""
from keras.models import Sequential
from keras.layers import Convolution2D, Flatten, Dense
from keras.regularizers import l2
from keras.constraints import maxnorm
from keras.optimizers import SGD


def build():
    model = Sequential()
    model.add(Convolution2D(3, 3, 3, border_mode='full', bias=False, W_regularizer=l2(0.05),
                            W_constraint=maxnorm(0.6), input_shape=(2, 5, 6)))
    model.add(Convolution2D(2, 2, 2, border_mode='full', W_regularizer=l2(0.01)))
    model.add(Flatten())
    model.add(Dense(3, W_constraint=maxnorm(0.8)))
    model.compile(loss='mse', optimizer=SGD(lr=0.05, momentum=0.9))
    return model


def inputs(rng):
    return rng.randn(4, 2, 5, 6).astype('float32')


def targets(rng, out):
    return rng.randn(*out.shape).astype('float32')
