"""MaxPooling1D with stride and 'same' on odd lengths, AveragePooling1D with stride ('valid';
'same' is in avg_pool_same); Adagrad with clipvalue."""
from keras.layers import Input, Convolution1D, MaxPooling1D, AveragePooling1D, Flatten, Dense, merge
from keras.models import Model
from keras.optimizers import Adagrad


def build():
    x = Input(shape=(9, 3))
    h = Convolution1D(3, 1, activation='tanh')(x)
    outs = [MaxPooling1D(3, stride=2, border_mode='same')(h),
            MaxPooling1D(2, stride=1, border_mode='same')(h),
            MaxPooling1D(3, stride=1, border_mode='same')(h),
            AveragePooling1D(2, stride=3)(h),
            MaxPooling1D(4, border_mode='same')(h)]
    out = Dense(2)(merge([Flatten()(t) for t in outs], mode='concat'))
    model = Model(input=x, output=out)
    model.compile(loss='mse', optimizer=Adagrad(lr=0.05, clipvalue=0.05))
    return model


def inputs(rng):
    return rng.randn(5, 9, 3).astype('float32')


def targets(rng, out):
    return 3 * rng.randn(*out.shape).astype('float32')
