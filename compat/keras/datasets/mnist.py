"""MNIST from the Keras 1 cache (keras 1.2.2 datasets/mnist.py).

Expects ``~/.keras/datasets/mnist.pkl.gz``: a gzipped pickle of
``((x_train, y_train), (x_test, y_test))`` (Keras 1's file is a Python 2 pickle).
"""
import gzip
import pickle

from ..utils.data_utils import get_file

ORIGIN = 'https://s3.amazonaws.com/img-datasets/mnist.pkl.gz'


def load_data(path='mnist.pkl.gz'):
    """``(x_train, y_train), (x_test, y_test)``: uint8 (N, 28, 28) images, labels, as pickled."""
    path = get_file(path, origin=ORIGIN)
    opener = gzip.open if path.endswith('.gz') else open
    with opener(path, 'rb') as f:
        return pickle.load(f, encoding='bytes')
