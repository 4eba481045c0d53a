"""ConvLSTM2D ('th'): Theano 'same' with an odd kernel returning the last output, an even kernel
with go_backwards and return_sequences (Theano's even-kernel crop on both the input and the
recurrent convolutions), and 'valid' with a non-square kernel, relu and sigmoid gates; SGD.
No subsample: keras 1.2.2 ConvLSTM2D.get_config drops it, so the saved model.json/full.h5 could
not be reloaded (by Keras 1 either) with its shapes."""
from keras.layers import Input, ConvLSTM2D, Flatten, Dense, merge
from keras.models import Model


def build():
    x = Input(shape=(3, 2, 5, 5))
    a = ConvLSTM2D(3, 3, 3, border_mode='same', return_sequences=False)(x)
    b = ConvLSTM2D(2, 2, 2, border_mode='same', return_sequences=True, go_backwards=True)(x)
    c = ConvLSTM2D(2, 3, 2, border_mode='valid', activation='relu', inner_activation='sigmoid',
                   forget_bias_init='zero')(x)
    out = merge([Flatten()(t) for t in (a, b, c)], mode='concat')
    model = Model(input=x, output=Dense(2)(out))
    model.compile(loss='mse', optimizer='sgd')
    return model


def inputs(rng):
    return rng.randn(4, 3, 2, 5, 5).astype('float32')


def targets(rng, out):
    return rng.randn(*out.shape).astype('float32')
