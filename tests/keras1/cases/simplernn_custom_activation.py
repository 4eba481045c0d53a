"""SimpleRNN with a custom (named function) activation and 'relu', stacked; poisson loss."""
from keras import backend as K
from keras.models import Sequential
from keras.layers import SimpleRNN, Dense


def scaled_tanh(x):
    return 1.7159 * K.tanh(2.0 * x / 3.0)


def build():
    model = Sequential()
    model.add(SimpleRNN(5, activation=scaled_tanh, return_sequences=True, input_shape=(5, 3)))
    model.add(SimpleRNN(4, activation='relu'))
    model.add(Dense(2, activation='softplus'))
    model.compile(loss='poisson', optimizer='rmsprop')
    return model


def inputs(rng):
    return rng.randn(6, 5, 3).astype('float32')


def targets(rng, out):
    return rng.poisson(1.5, size=out.shape).astype('float32')
