"""GRU and LSTM with consume_less 'gpu' and 'mem', stacked (stateful=False), inner_activation
'sigmoid'; Adam."""
from keras.models import Sequential
from keras.layers import GRU, LSTM, Dense


def build():
    model = Sequential()
    model.add(GRU(5, consume_less='gpu', return_sequences=True, input_shape=(6, 3)))
    model.add(LSTM(4, consume_less='mem', return_sequences=True, inner_activation='sigmoid'))
    model.add(GRU(4, consume_less='mem', return_sequences=True, inner_activation='sigmoid'))
    model.add(LSTM(3, consume_less='gpu', stateful=False))
    model.add(Dense(2))
    model.compile(loss='mse', optimizer='adam')
    return model


def warmup(model, rng):
    model.set_weights([w * 3 for w in model.get_weights()])


def inputs(rng):
    return rng.randn(5, 6, 3).astype('float32')


def targets(rng, out):
    return rng.randn(*out.shape).astype('float32')
