"""PReLU with shared_axes on 'th' conv maps ([2, 3]) and on 'tf' maps ([1, 2]); training."""
from keras.layers import Input, Convolution2D, Flatten, Dense, merge
from keras.layers.advanced_activations import PReLU
from keras.models import Model


def build():
    x = Input(shape=(2, 5, 5))
    h = Convolution2D(3, 2, 2)(x)
    h = PReLU(init='zero', shared_axes=[2, 3])(h)
    h = Convolution2D(2, 2, 2)(h)
    h = PReLU(shared_axes=[3])(h)
    y = Input(shape=(5, 5, 2))
    g = Convolution2D(3, 2, 2, dim_ordering='tf')(y)
    g = PReLU(shared_axes=[1, 2])(g)
    out = Dense(2)(merge([Flatten()(h), Flatten()(g)], mode='concat'))
    model = Model(input=[x, y], output=out)
    model.compile(loss='mse', optimizer='sgd')
    return model


def warmup(model, rng):
    w = model.get_weights()
    model.set_weights([a + 0.3 * rng.randn(*a.shape).astype('float32') for a in w])


def inputs(rng):
    return [rng.randn(4, 2, 5, 5).astype('float32'), rng.randn(4, 5, 5, 2).astype('float32')]


def targets(rng, out):
    return rng.randn(*out.shape).astype('float32')
