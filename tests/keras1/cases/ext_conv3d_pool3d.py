"""Convolution3D ('th', same/valid/full, odd and even kernels, subsample) with 3-D max/average
pooling, ZeroPadding3D, UpSampling3D, Cropping3D and SpatialDropout3D; SGD training steps."""
from keras.layers import (Input, Convolution3D, MaxPooling3D, AveragePooling3D, ZeroPadding3D,
                          UpSampling3D, Cropping3D, SpatialDropout3D, Flatten, Dense, merge)
from keras.models import Model


def build():
    x = Input(shape=(2, 5, 6, 5))
    a = Convolution3D(3, 3, 3, 3, border_mode='same', activation='tanh')(x)
    a = MaxPooling3D((2, 2, 2), border_mode='same')(a)
    b = Convolution3D(2, 2, 3, 2, border_mode='same', subsample=(2, 1, 2))(ZeroPadding3D((1, 0, 1))(x))
    b = AveragePooling3D((2, 2, 2), strides=(1, 2, 1))(b)
    c = Convolution3D(2, 2, 2, 2, border_mode='full', bias=False)(x)
    c = Cropping3D(((1, 0), (0, 1), (1, 1)))(UpSampling3D((1, 2, 1))(c))
    c = SpatialDropout3D(0.)(c)  # identity: dropout noise cannot be matched
    d = Convolution3D(2, 2, 2, 2, border_mode='valid', activation='relu')(x)
    out = merge([Flatten()(t) for t in (a, b, c, d)], mode='concat')
    model = Model(input=x, output=Dense(3, activation='softmax')(out))
    model.compile(loss='categorical_crossentropy', optimizer='sgd')
    return model


def inputs(rng):
    return rng.randn(4, 2, 5, 6, 5).astype('float32')


def targets(rng, out):
    y = (out * 0).astype('float32')
    y[range(len(y)), rng.randint(0, 3, size=len(y))] = 1
    return y
