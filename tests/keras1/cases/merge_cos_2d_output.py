"""merge(mode='cos') on 2-D tensors as a model output; inference only (Keras 1 gives this
output a rank-3 shape (N, 1, 1) under Theano)."""
from keras.layers import Input, Dense, merge
from keras.models import Model


def build():
    a = Input(shape=(4,))
    b = Input(shape=(4,))
    cos = merge([Dense(5)(a), Dense(5)(b)], mode='cos', dot_axes=1)
    model = Model(input=[a, b], output=cos)
    model.compile(loss='mse', optimizer='sgd')
    return model


def inputs(rng):
    return [rng.randn(5, 4).astype('float32'), rng.randn(5, 4).astype('float32')]
