"""CIFAR-100 from the Keras 1 cache (keras 1.2.2 datasets/cifar100.py).

Expects ``~/.keras/datasets/cifar-100-python/`` (train, test), or the archive
``cifar-100-python.tar.gz`` next to it.
"""
import os

import numpy as np

from ..backend import common as K
from ..utils.data_utils import get_file
from .cifar import load_batch

ORIGIN = 'http://www.cs.toronto.edu/~kriz/cifar-100-python.tar.gz'


def load_data(label_mode='fine'):
    """``(x_train, y_train), (x_test, y_test)`` with 'fine' (100) or 'coarse' (20) labels of shape (N, 1)."""
    if label_mode not in ('fine', 'coarse'):
        raise ValueError('label_mode must be one of "fine" "coarse", got %r.' % (label_mode,))
    path = get_file('cifar-100-python', origin=ORIGIN, untar=True)
    x_train, y_train = load_batch(os.path.join(path, 'train'), label_key=label_mode + '_labels')
    x_test, y_test = load_batch(os.path.join(path, 'test'), label_key=label_mode + '_labels')
    y_train = np.reshape(y_train, (len(y_train), 1))
    y_test = np.reshape(y_test, (len(y_test), 1))
    if K.image_dim_ordering() == 'tf':
        x_train = x_train.transpose(0, 2, 3, 1)
        x_test = x_test.transpose(0, 2, 3, 1)
    return (x_train, y_train), (x_test, y_test)
