"""Highway(transform_bias=...): Keras 1.2.2 still accepts the argument, warns that it is
deprecated and ignores it (b_carry starts at one); inference only."""
from keras.models import Sequential
from keras.layers import Dense, Highway


def build():
    model = Sequential()
    model.add(Dense(5, input_dim=3))
    model.add(Highway(activation='tanh', transform_bias=-2))
    model.compile(loss='mse', optimizer='sgd')
    return model


def inputs(rng):
    return rng.randn(4, 3).astype('float32')
