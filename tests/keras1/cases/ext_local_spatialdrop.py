"""LocallyConnected1D (stride 2) and LocallyConnected2D ('th' and 'tf', stride 2, with and without
bias) with SpatialDropout1D/2D (p=0, identity: dropout noise cannot be matched); trained with Adam."""
from keras.layers import (Input, LocallyConnected1D, LocallyConnected2D, SpatialDropout1D,
                          SpatialDropout2D, Flatten, Dense, merge)
from keras.models import Model
from keras.optimizers import Adam


def build():
    s = Input(shape=(9, 3))
    x = Input(shape=(2, 6, 5))
    a = LocallyConnected1D(4, 3, subsample_length=2, activation='tanh')(SpatialDropout1D(0.)(s))
    b = LocallyConnected2D(3, 3, 2, subsample=(2, 1))(SpatialDropout2D(0.)(x))
    c = LocallyConnected2D(2, 2, 3, dim_ordering='tf', bias=False)(x)
    d = LocallyConnected1D(2, 4, W_regularizer='l2')(s)
    out = merge([Flatten()(t) for t in (a, b, c, d)], mode='concat')
    model = Model(input=[s, x], output=Dense(2, activation='sigmoid')(out))
    model.compile(loss='binary_crossentropy', optimizer=Adam(lr=0.01))
    return model


def inputs(rng):
    return [rng.randn(4, 9, 3).astype('float32'), rng.randn(4, 2, 6, 5).astype('float32')]


def targets(rng, out):
    return (rng.rand(*out.shape) > 0.5).astype('float32')
