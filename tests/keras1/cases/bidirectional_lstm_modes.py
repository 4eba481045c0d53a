"""Bidirectional(LSTM) in concat, sum, mul and ave modes, TimeDistributed(Dense); Adam."""
from keras.layers import Input, LSTM, Bidirectional, TimeDistributed, Dense, merge
from keras.models import Model


def build():
    x = Input(shape=(5, 3))
    seqs = Bidirectional(LSTM(4, return_sequences=True), merge_mode='concat')(x)
    seqs = TimeDistributed(Dense(3, activation='tanh'))(seqs)
    a = Bidirectional(LSTM(3), merge_mode='sum')(seqs)
    b = Bidirectional(LSTM(3), merge_mode='mul')(seqs)
    c = Bidirectional(LSTM(3, return_sequences=True), merge_mode='ave')(x)
    c = TimeDistributed(Dense(1))(c)
    from keras.layers import Flatten
    out = Dense(2)(merge([a, b, Flatten()(c)], mode='concat'))
    model = Model(input=x, output=out)
    model.compile(loss='mse', optimizer='adam')
    return model


def warmup(model, rng):
    model.set_weights([w * 3 for w in model.get_weights()])


def inputs(rng):
    return rng.randn(4, 5, 3).astype('float32')


def targets(rng, out):
    return rng.randn(*out.shape).astype('float32')
