"""TimeDistributedDense on masked sequences (Embedding mask_zero) into LSTM(return_sequences)
with the mask reaching the per-step loss; categorical crossentropy over time, accuracy."""
import numpy as np
from keras.models import Sequential
from keras.layers import Embedding, TimeDistributedDense, LSTM, TimeDistributed, Dense


def build():
    model = Sequential()
    model.add(Embedding(15, 5, input_length=7, mask_zero=True))
    model.add(TimeDistributedDense(6, activation='tanh'))
    model.add(LSTM(5, return_sequences=True, consume_less='mem'))
    model.add(TimeDistributed(Dense(4, activation='softmax')))
    model.compile(loss='categorical_crossentropy', optimizer='adagrad', metrics=['accuracy'])
    return model


def warmup(model, rng):
    model.set_weights([w * 3 for w in model.get_weights()])


def inputs(rng):
    x = rng.randint(1, 15, size=(5, 7))
    for i, n in enumerate([0, 2, 3, 5, 6]):
        x[i, n + 1:] = 0  # right padding
    return x


def targets(rng, out):
    y = np.zeros(out.shape, dtype='float32')
    idx = rng.randint(0, 4, size=out.shape[:2])
    for i in range(out.shape[0]):
        for t in range(out.shape[1]):
            y[i, t, idx[i, t]] = 1
    return y
