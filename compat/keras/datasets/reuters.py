"""Reuters newswire topics from the Keras 1 cache (keras 1.2.2 datasets/reuters.py).

Expects ``~/.keras/datasets/reuters.pkl`` (a pickle of ``(xs, labels)``) and,
for ``get_word_index``, ``reuters_word_index.pkl``.
"""
import pickle

from ..utils.data_utils import get_file
from ._sequences import remap, shuffle_pair


def load_data(path='reuters.pkl', nb_words=None, skip_top=0, maxlen=None, test_split=0.2, seed=113,
              start_char=1, oov_char=2, index_from=3):
    """``(x_train, y_train), (x_test, y_test)`` as lists, as keras 1.2.2 reuters.load_data returns them."""
    path = get_file(path, origin='https://s3.amazonaws.com/text-datasets/reuters.pkl')
    with open(path, 'rb') as f:
        xs, labels = pickle.load(f, encoding='latin1')
    xs, labels = list(xs), list(labels)
    shuffle_pair(xs, labels, seed)
    xs, labels = remap(xs, labels, nb_words, skip_top, maxlen, start_char, oov_char, index_from)
    split = int(len(xs) * (1 - test_split))
    return (xs[:split], labels[:split]), (xs[split:], labels[split:])


def get_word_index(path='reuters_word_index.pkl'):
    """Word -> index dict (keras 1.2.2 reuters.get_word_index)."""
    path = get_file(path, origin='https://s3.amazonaws.com/text-datasets/reuters_word_index.pkl')
    with open(path, 'rb') as f:
        return pickle.load(f, encoding='latin1')
