"""Dropout, GaussianNoise, GaussianDropout, SpatialDropout1D/2D and recurrent dropout_W/U:
identity at inference (no targets, so no training randomness)."""
from keras.layers import (Input, Dense, Dropout, GaussianNoise, GaussianDropout, SpatialDropout1D,
                          SpatialDropout2D, Convolution2D, Flatten, LSTM, GRU, SimpleRNN,
                          Embedding, merge)
from keras.models import Model


def build():
    x = Input(shape=(4,))
    h = GaussianDropout(0.3)(GaussianNoise(0.5)(Dropout(0.5)(Dense(5)(x))))
    s = Input(shape=(5,), dtype='int32')
    e = SpatialDropout1D(0.4)(Embedding(10, 3, dropout=0.3)(s))
    r = GRU(3, dropout_W=0.3, dropout_U=0.3, return_sequences=True)(e)
    r = LSTM(3, dropout_W=0.2, dropout_U=0.4, return_sequences=True)(r)
    r = SimpleRNN(2, dropout_W=0.5, dropout_U=0.5)(r)
    m = Input(shape=(2, 4, 4))
    c = Flatten()(SpatialDropout2D(0.5)(Convolution2D(2, 2, 2)(m)))
    out = Dense(2)(merge([h, r, c], mode='concat'))
    model = Model(input=[x, s, m], output=out)
    model.compile(loss='mse', optimizer='sgd')
    return model


def inputs(rng):
    return [rng.randn(4, 4).astype('float32'), rng.randint(0, 10, size=(4, 5)),
            rng.randn(4, 2, 4, 4).astype('float32')]
