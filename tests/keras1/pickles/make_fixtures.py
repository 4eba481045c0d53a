"""Pickles of Keras 1 objects as old code wrote them with the real Keras 1.2.2.

usage: /tmp/keras1-oracle/run tests/keras1/pickles/make_fixtures.py tests/fixtures/pickles

tokenizer.pkl     a fitted keras.preprocessing.text.Tokenizer (the class is pickled by its Keras 1 path)
history.pkl       a History's ``history`` dict after 2 epochs of fit (Theano's numpy values)
config.pkl        a Sequential model's get_config()
expected.json     what the Tokenizer gives for TEXTS, the history and the config's layer classes
"""
import json
import os
import pickle
import sys

import numpy as np
from keras.layers import Dense
from keras.models import Sequential
from keras.preprocessing.text import Tokenizer

TEXTS = ['The cat sat on the mat.', 'The dog ate my homework!', 'cat and dog']


def main(out):
    os.makedirs(out, exist_ok=True)
    tokenizer = Tokenizer(nb_words=6)
    tokenizer.fit_on_texts(TEXTS)
    np.random.seed(3)
    model = Sequential()
    model.add(Dense(2, input_dim=3, activation='softmax'))
    model.compile('sgd', 'categorical_crossentropy', metrics=['accuracy'])
    rng = np.random.RandomState(0)
    history = model.fit(rng.rand(8, 3), np.eye(2)[rng.randint(0, 2, 8)], nb_epoch=2, verbose=0).history
    for name, value in (('tokenizer', tokenizer), ('history', history), ('config', model.get_config())):
        with open(os.path.join(out, name + '.pkl'), 'wb') as f:
            pickle.dump(value, f, protocol=2)
    expected = {'sequences': tokenizer.texts_to_sequences(TEXTS), 'word_index': tokenizer.word_index,
                'matrix': tokenizer.texts_to_matrix(TEXTS, mode='count').tolist(),
                'history': {k: [float(v) for v in vs] for k, vs in history.items()},
                'config_classes': [layer['class_name'] for layer in model.get_config()]}
    with open(os.path.join(out, 'expected.json'), 'w') as f:
        json.dump(expected, f, indent=1, sort_keys=True)


if __name__ == '__main__':
    main(sys.argv[1])
