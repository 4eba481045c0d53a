"""Sequential Merge in 'max' and 'dot' (dot_axes) modes, then Dense; squared hinge loss."""
from keras.models import Sequential
from keras.layers import Dense, Merge


def branch(n_in):
    b = Sequential()
    b.add(Dense(5, input_dim=n_in, activation='tanh'))
    return b


def build():
    mx = Sequential()
    mx.add(Merge([branch(3), branch(4)], mode='max'))
    dt = Sequential()
    dt.add(Merge([branch(3), branch(4)], mode='dot', dot_axes=1))
    model = Sequential()
    model.add(Merge([mx, dt], mode='concat'))
    model.add(Dense(3, activation='tanh'))
    model.compile(loss='squared_hinge', optimizer='sgd')
    return model


def inputs(rng):
    x3, x4 = rng.randn(6, 3).astype('float32'), rng.randn(6, 4).astype('float32')
    return [x3, x4, x3, x4]


def targets(rng, out):
    return (rng.randint(0, 2, size=out.shape) * 2 - 1).astype('float32')
