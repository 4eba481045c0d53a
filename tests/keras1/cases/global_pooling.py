"""GlobalMax/AveragePooling1D and GlobalMax/AveragePooling2D ('th' and 'tf'); SGD with decay."""
from keras.layers import (Input, Convolution1D, Convolution2D, GlobalMaxPooling1D,
                          GlobalAveragePooling1D, GlobalMaxPooling2D, GlobalAveragePooling2D,
                          Dense, merge)
from keras.models import Model
from keras.optimizers import SGD


def build():
    seq = Input(shape=(7, 3))
    s = Convolution1D(4, 2, activation='relu')(seq)
    img = Input(shape=(2, 5, 6))
    m = Convolution2D(4, 2, 2, activation='relu')(img)
    img_tf = Input(shape=(5, 6, 2))
    t = Convolution2D(3, 2, 2, dim_ordering='tf')(img_tf)
    feats = [GlobalMaxPooling1D()(s), GlobalAveragePooling1D()(s),
             GlobalMaxPooling2D()(m), GlobalAveragePooling2D()(m),
             GlobalMaxPooling2D(dim_ordering='tf')(t), GlobalAveragePooling2D(dim_ordering='tf')(t)]
    out = Dense(3)(merge(feats, mode='concat'))
    model = Model(input=[seq, img, img_tf], output=out)
    model.compile(loss='mse', optimizer=SGD(lr=0.05, decay=0.1))
    return model


def inputs(rng):
    return [rng.randn(4, 7, 3).astype('float32'), rng.randn(4, 2, 5, 6).astype('float32'),
            rng.randn(4, 5, 6, 2).astype('float32')]


def targets(rng, out):
    return rng.randn(*out.shape).astype('float32')
