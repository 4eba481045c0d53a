"""Masking on float sequences (zeroed steps at the start, middle and end) into
LSTM(consume_less='gpu', return_sequences=True) then LSTM; the loss is masked per step."""
from keras.models import Sequential
from keras.layers import Masking, LSTM, TimeDistributed, Dense


def build():
    model = Sequential()
    model.add(Masking(mask_value=0., input_shape=(6, 3)))
    model.add(LSTM(5, consume_less='gpu', return_sequences=True))
    model.add(TimeDistributed(Dense(2)))
    model.compile(loss='mse', optimizer='adam')
    return model


def warmup(model, rng):
    model.set_weights([w * 3 for w in model.get_weights()])


def inputs(rng):
    x = rng.randn(5, 6, 3).astype('float32')
    x[0, :2] = 0
    x[1, 3] = 0
    x[2, 4:] = 0
    x[3, :] = 0
    x[3, 5] = 1.0
    return x


def targets(rng, out):
    return rng.randn(*out.shape).astype('float32')
