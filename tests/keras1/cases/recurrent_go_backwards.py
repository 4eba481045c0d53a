"""GRU and LSTM with go_backwards=True, returning sequences and not; masked input; Nadam."""
from keras.layers import Input, Embedding, GRU, LSTM, Dense, Flatten, merge
from keras.models import Model
from keras.optimizers import Nadam


def build():
    x = Input(shape=(6,), dtype='int32')
    e = Embedding(12, 4, mask_zero=True)(x)
    a = GRU(3, go_backwards=True)(e)
    b = LSTM(3, go_backwards=True, inner_activation='sigmoid')(e)
    c = GRU(2, go_backwards=True, return_sequences=True, consume_less='gpu')(e)
    c = LSTM(2, go_backwards=True, consume_less='mem')(c)
    out = Dense(2)(merge([a, b, c], mode='concat'))
    model = Model(input=x, output=out)
    model.compile(loss='mse', optimizer=Nadam(lr=0.01))
    return model


def warmup(model, rng):
    model.set_weights([w * 3 for w in model.get_weights()])


def inputs(rng):
    x = rng.randint(1, 12, size=(5, 6))
    for i, n in enumerate([0, 1, 2, 4, 5]):
        x[i, :n] = 0
    return x


def targets(rng, out):
    return rng.randn(*out.shape).astype('float32')
