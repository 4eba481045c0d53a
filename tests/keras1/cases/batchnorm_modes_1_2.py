"""BatchNormalization mode 1 (sample-wise) and mode 2 (feature-wise, batch statistics at test
time too), training steps; SGD."""
from keras.models import Sequential
from keras.layers import Dense, Activation
from keras.layers.normalization import BatchNormalization


def build():
    model = Sequential()
    model.add(Dense(8, input_dim=5))
    model.add(BatchNormalization(mode=1))
    model.add(Activation('tanh'))
    model.add(Dense(6))
    model.add(BatchNormalization(mode=2, epsilon=1e-2))
    model.add(Activation('relu'))
    model.add(Dense(2))
    model.compile(loss='mse', optimizer='sgd')
    return model


def inputs(rng):
    return rng.randn(8, 5).astype('float32') * 2 + 1


def targets(rng, out):
    return rng.randn(*out.shape).astype('float32')
