"""merge() in dot (dot_axes on 2-D and 3-D), cos (2-D) and max modes; training.
(cos on 3-D tensors is left out: Keras 1 takes sqrt of batch_dot products that can be negative.)"""
from keras.layers import Input, Dense, LSTM, Flatten, Reshape, merge
from keras.models import Model


def build():
    a = Input(shape=(4,))
    b = Input(shape=(4,))
    ha = Dense(6, activation='tanh')(a)
    hb = Dense(6, activation='tanh')(b)
    dot = merge([ha, hb], mode='dot', dot_axes=1)
    mx = merge([ha, hb], mode='max')
    sa = Reshape((3, 2))(ha)
    sb = Reshape((3, 2))(Dense(6)(b))
    dot3 = merge([sa, sb], mode='dot', dot_axes=(1, 1))   # (None, 2, 2)
    dot3b = merge([sa, sb], mode='dot', dot_axes=[2, 2])  # (None, 3, 3)
    cos = merge([ha, Dense(6)(b)], mode='cos', dot_axes=1)  # (None, 1, 1) under Theano
    feats = merge([dot, mx, Flatten()(dot3), Flatten()(dot3b), Flatten()(cos)], mode='concat')
    out = Dense(2)(feats)
    model = Model(input=[a, b], output=out)
    model.compile(loss='mse', optimizer='rmsprop')
    return model


def inputs(rng):
    return [rng.randn(5, 4).astype('float32'), rng.randn(5, 4).astype('float32')]


def targets(rng, out):
    return rng.randn(*out.shape).astype('float32')
