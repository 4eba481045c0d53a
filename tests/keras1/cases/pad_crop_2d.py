"""ZeroPadding2D with a 4-tuple and a dict, Cropping2D, in 'th' and 'tf'; Adam with clipnorm."""
from keras.layers import Input, ZeroPadding2D, Cropping2D, Convolution2D, Flatten, Dense, merge
from keras.models import Model
from keras.optimizers import Adam


def build():
    x = Input(shape=(2, 4, 5))
    h = ZeroPadding2D(padding=(1, 0, 2, 1))(x)
    h = Convolution2D(3, 2, 2, activation='relu')(h)
    h = ZeroPadding2D(padding={'top_pad': 2, 'right_pad': 1})(h)
    h = Cropping2D(cropping=((1, 0), (2, 1)))(h)
    y = Input(shape=(4, 5, 2))
    g = ZeroPadding2D(padding=(0, 1, 1, 2), dim_ordering='tf')(y)
    g = Convolution2D(2, 2, 2, dim_ordering='tf')(g)
    g = Cropping2D(cropping=((0, 1), (1, 1)), dim_ordering='tf')(g)
    out = Dense(3)(merge([Flatten()(h), Flatten()(g)], mode='concat'))
    model = Model(input=[x, y], output=out)
    model.compile(loss='mse', optimizer=Adam(lr=0.02, clipnorm=0.1))
    return model


def inputs(rng):
    return [rng.randn(4, 2, 4, 5).astype('float32'), rng.randn(4, 4, 5, 2).astype('float32')]


def targets(rng, out):
    return 2 * rng.randn(*out.shape).astype('float32')
