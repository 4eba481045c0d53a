"""Deconvolution2D ('th'): valid and same border modes, stride 1 and 2, odd and even kernels;
trained with RMSprop."""
from keras.layers import Input, Deconvolution2D, Flatten, Dense, merge
from keras.models import Model
from keras.optimizers import RMSprop


def build():
    x = Input(shape=(3, 4, 5))
    a = Deconvolution2D(2, 3, 3, output_shape=(None, 2, 6, 7), border_mode='valid')(x)
    b = Deconvolution2D(2, 3, 3, output_shape=(None, 2, 9, 11), subsample=(2, 2), activation='relu')(x)
    c = Deconvolution2D(2, 3, 3, output_shape=(None, 2, 8, 10), border_mode='same', subsample=(2, 2))(x)
    d = Deconvolution2D(2, 2, 2, output_shape=(None, 2, 8, 10), border_mode='valid', subsample=(2, 2),
                        bias=False)(x)
    out = merge([Flatten()(t) for t in (a, b, c, d)], mode='concat')
    model = Model(input=x, output=Dense(2)(out))
    model.compile(loss='mse', optimizer=RMSprop(lr=0.01))
    return model


def inputs(rng):
    return rng.randn(3, 3, 4, 5).astype('float32')


def targets(rng, out):
    return rng.randn(*out.shape).astype('float32')
