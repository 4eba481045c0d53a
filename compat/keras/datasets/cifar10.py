"""CIFAR-10 from the Keras 1 cache (keras 1.2.2 datasets/cifar10.py).

Expects ``~/.keras/datasets/cifar-10-batches-py/`` (data_batch_1..5,
test_batch), or the archive ``cifar-10-batches-py.tar.gz`` next to it.
"""
import os

import numpy as np

from ..backend import common as K
from ..utils.data_utils import get_file
from .cifar import load_batch

ORIGIN = 'http://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz'


def load_data():
    """``(x_train, y_train), (x_test, y_test)``; x uint8 (N, 3, 32, 32) or (N, 32, 32, 3) for 'tf', y (N, 1)."""
    path = get_file('cifar-10-batches-py', origin=ORIGIN, untar=True)
    parts = [load_batch(os.path.join(path, 'data_batch_%d' % i)) for i in range(1, 6)]
    # keras 1.2.2 filled fixed uint8 arrays of 50000; concatenating keeps stand-in caches of any size working
    x_train = np.concatenate([p[0] for p in parts]).astype('uint8')
    y_train = np.concatenate([np.asarray(p[1]) for p in parts]).astype('uint8')
    x_test, y_test = load_batch(os.path.join(path, 'test_batch'))
    y_train = np.reshape(y_train, (len(y_train), 1))
    y_test = np.reshape(y_test, (len(y_test), 1))
    if K.image_dim_ordering() == 'tf':
        x_train = x_train.transpose(0, 2, 3, 1)
        x_test = x_test.transpose(0, 2, 3, 1)
    return (x_train, y_train), (x_test, y_test)
