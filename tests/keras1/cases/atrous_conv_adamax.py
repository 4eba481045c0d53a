"""AtrousConvolution2D ('valid' and 'same', rate 2) and AtrousConvolution1D; Adamax."""
from keras.layers import Input, AtrousConvolution2D, AtrousConvolution1D, Flatten, Dense, merge
from keras.models import Model
from keras.optimizers import Adamax


def build():
    img = Input(shape=(2, 9, 9))
    h = AtrousConvolution2D(3, 3, 3, atrous_rate=(2, 2), activation='relu')(img)
    h = AtrousConvolution2D(2, 3, 2, atrous_rate=(2, 1), border_mode='same')(h)
    seq = Input(shape=(10, 3))
    s = AtrousConvolution1D(4, 3, atrous_rate=2, activation='tanh')(seq)
    s = AtrousConvolution1D(2, 2, atrous_rate=3, border_mode='same')(s)
    out = Dense(2)(merge([Flatten()(h), Flatten()(s)], mode='concat'))
    model = Model(input=[img, seq], output=out)
    model.compile(loss='mae', optimizer=Adamax(lr=0.01))
    return model


def inputs(rng):
    return [rng.randn(4, 2, 9, 9).astype('float32'), rng.randn(4, 10, 3).astype('float32')]


def targets(rng, out):
    return rng.randn(*out.shape).astype('float32')
