"""IMDB sentiment from the Keras 1 cache (keras 1.2.2 datasets/imdb.py).

Expects ``~/.keras/datasets/imdb_full.pkl`` (a pickle of
``((x_train, y_train), (x_test, y_test))`` with word-index lists) and, for
``get_word_index``, ``imdb_word_index.pkl``.
"""
import gzip
import pickle

import numpy as np

from ..utils.data_utils import get_file
from ._sequences import as_array, remap, shuffle_pair


def load_data(path='imdb_full.pkl', nb_words=None, skip_top=0, maxlen=None, seed=113,
              start_char=1, oov_char=2, index_from=3):
    """``(x_train, y_train), (x_test, y_test)`` as keras 1.2.2 imdb.load_data returns them.

    Train and test are shuffled separately (seeds ``seed`` and ``2 * seed``),
    then remapped together.
    """
    path = get_file(path, origin='https://s3.amazonaws.com/text-datasets/imdb_full.pkl',
                    md5_hash='d091312047c43cf9e4e38fef92437263')
    opener = gzip.open if path.endswith('.gz') else open
    with opener(path, 'rb') as f:
        (x_train, labels_train), (x_test, labels_test) = pickle.load(f, encoding='latin1')
    x_train, labels_train = list(x_train), list(labels_train)
    x_test, labels_test = list(x_test), list(labels_test)
    shuffle_pair(x_train, labels_train, seed)
    shuffle_pair(x_test, labels_test, seed * 2)
    nb_train = len(x_train)
    xs, labels = remap(x_train + x_test, labels_train + labels_test, nb_words, skip_top, maxlen,
                       start_char, oov_char, index_from)
    # keras 1.2.2 splits at the original train size even after maxlen filtering
    return ((as_array(xs[:nb_train]), np.array(labels[:nb_train])),
            (as_array(xs[nb_train:]), np.array(labels[nb_train:])))


def get_word_index(path='imdb_word_index.pkl'):
    """Word -> index dict (keras 1.2.2 imdb.get_word_index)."""
    path = get_file(path, origin='https://s3.amazonaws.com/text-datasets/imdb_word_index.pkl',
                    md5_hash='72d94b01291be4ff843198d3b0e1e4d7')
    with open(path, 'rb') as f:
        return pickle.load(f, encoding='latin1')
