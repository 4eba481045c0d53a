"""Merge of Sequentials whose first layers are Embeddings (integer inputs), concat along time
and sum; sparse categorical crossentropy with sparse accuracy."""
from keras.models import Sequential
from keras.layers import Embedding, Merge, LSTM, GRU, Dense


def build():
    left = Sequential()
    left.add(Embedding(20, 4, input_length=5))
    right = Sequential()
    right.add(Embedding(30, 4, input_length=5))
    model = Sequential()
    model.add(Merge([left, right], mode='concat', concat_axis=1))
    model.add(LSTM(6))
    model.add(Dense(5, activation='softmax'))
    model.compile(loss='sparse_categorical_crossentropy', optimizer='rmsprop',
                  metrics=['accuracy'])
    return model


def inputs(rng):
    return [rng.randint(0, 20, size=(6, 5)), rng.randint(0, 30, size=(6, 5))]


def targets(rng, out):
    return rng.randint(0, 5, size=(len(out), 1))
