"""MaxPooling2D 'same' with odd sizes (3x3 stride 2, 2x2 stride 1, 2x3 stride 2) on odd and even
'th' maps, and AveragePooling2D 'valid' with stride; trained, Adam with custom betas.
(AveragePooling 'same' cannot train under Keras 1.2.2/Theano: AveragePoolGrad raises 'padding
must be zero for average_exc_pad', so it lives in the inference case avg_pool_same.)"""
from keras.layers import Input, Convolution2D, MaxPooling2D, AveragePooling2D, Flatten, Dense, merge
from keras.models import Model
from keras.optimizers import Adam


def build():
    x = Input(shape=(2, 7, 8))
    h = Convolution2D(3, 1, 1, activation='tanh')(x)
    a = MaxPooling2D((3, 3), strides=(2, 2), border_mode='same')(h)
    c = MaxPooling2D((2, 2), strides=(1, 1), border_mode='same')(h)
    f = MaxPooling2D((2, 3), strides=(2, 2), border_mode='same')(h)
    g = MaxPooling2D((3, 3), strides=(1, 1), border_mode='same')(h)
    b = AveragePooling2D((3, 2), strides=(2, 1))(h)
    out = merge([Flatten()(t) for t in (a, b, c, f, g)], mode='concat')
    out = Dense(3)(out)
    model = Model(input=x, output=out)
    model.compile(loss='mse', optimizer=Adam(lr=0.01, beta_1=0.8, beta_2=0.99))
    return model


def inputs(rng):
    return rng.randn(4, 2, 7, 8).astype('float32')


def targets(rng, out):
    return rng.randn(*out.shape).astype('float32')
