"""Keras 1.2.2 regularizers: ``reg(x)`` -> the scalar penalty Keras 1 adds to the loss.

Follows keras 1.2.2 ``regularizers.py``. Weight regularizers are applied to
the weight (``Layer.add_weight``: ``add_loss(regularizer(weight))``), activity
regularizers to each layer output (``Layer.__call__``); both are plain sums,
not averaged over the batch. ``WeightRegularizer`` and ``ActivityRegularizer``
are aliases of ``L1L2Regularizer`` in 1.2.2, so configs name that class.
"""
import warnings

import numpy as np

from compat._keras3 import tf
from compat.keras.backend.common import floatx

__all__ = ['Regularizer', 'EigenvalueRegularizer', 'L1L2Regularizer', 'WeightRegularizer',
           'ActivityRegularizer', 'l1', 'l2', 'l1l2', 'activity_l1', 'activity_l2',
           'activity_l1l2', 'get']


class Regularizer(object):
    """keras 1.2.2 Regularizer: no penalty."""

    def __call__(self, x):
        return tf.constant(0., dtype=floatx())

    def get_config(self):
        return {'name': self.__class__.__name__}

    def set_param(self, _):
        warnings.warn('The `set_param` method on regularizers is deprecated. It no longer does '
                      'anything, and it will be removed after 06/2017.')

    def set_layer(self, _):
        warnings.warn('The `set_layer` method on regularizers is deprecated. It no longer does '
                      'anything, and it will be removed after 06/2017.')


class EigenvalueRegularizer(Regularizer):
    """keras 1.2.2 EigenvalueRegularizer: k * sqrt(dominant eigenvalue of x^T x), 9 power steps.

    Keras 1's config holds only the name (``k`` is not saved), so a model saved
    with it cannot be rebuilt from its config -- in Keras 1 either.
    """

    def __init__(self, k):
        self.k = k

    def __call__(self, x):
        x = tf.convert_to_tensor(x)
        if x.shape.rank != 2:
            raise ValueError('EigenvalueRegularizer is only available for tensors of rank 2.')
        covariance = tf.matmul(x, x, transpose_a=True)
        o = tf.ones([int(covariance.shape[0]), 1], dtype=x.dtype)
        main_eigenvect = tf.matmul(covariance, o)
        for _ in range(9 - 1):  # power method, 9 iterations in all
            main_eigenvect = tf.matmul(covariance, main_eigenvect)
        covariance_d = tf.matmul(covariance, main_eigenvect)
        main_eigenval = (tf.matmul(covariance_d, main_eigenvect, transpose_a=True)
                         / tf.matmul(main_eigenvect, main_eigenvect, transpose_a=True))
        return tf.reduce_sum((main_eigenval ** 0.5) * self.k)


class L1L2Regularizer(Regularizer):
    """keras 1.2.2 L1L2Regularizer: sum(l1 * |x|) + sum(l2 * x**2); factors stored as floatx."""

    def __init__(self, l1=0., l2=0.):
        self.l1 = np.asarray(l1, dtype=floatx())
        self.l2 = np.asarray(l2, dtype=floatx())

    def __call__(self, x):
        x = tf.convert_to_tensor(x)
        regularization = tf.constant(0., dtype=x.dtype)
        if self.l1:
            regularization += tf.reduce_sum(self.l1 * tf.abs(x))
        if self.l2:
            regularization += tf.reduce_sum(self.l2 * tf.square(x))
        return regularization

    def get_config(self):
        # float() of the float32 factor, as Keras 1 wrote it (0.01 -> 0.009999999776482582).
        return {'name': self.__class__.__name__, 'l1': float(self.l1), 'l2': float(self.l2)}


# Aliases (keras 1.2.2 regularizers.py).
WeightRegularizer = L1L2Regularizer
ActivityRegularizer = L1L2Regularizer


def l1(l=0.01):
    return L1L2Regularizer(l1=l)


def l2(l=0.01):
    return L1L2Regularizer(l2=l)


def l1l2(l1=0.01, l2=0.01):
    return L1L2Regularizer(l1=l1, l2=l2)


def activity_l1(l=0.01):
    return L1L2Regularizer(l1=l)


def activity_l2(l=0.01):
    return L1L2Regularizer(l2=l)


def activity_l1l2(l1=0.01, l2=0.01):
    return L1L2Regularizer(l1=l1, l2=l2)


_BY_NAME = {
    'Regularizer': Regularizer, 'EigenvalueRegularizer': EigenvalueRegularizer,
    'L1L2Regularizer': L1L2Regularizer, 'WeightRegularizer': WeightRegularizer,
    'ActivityRegularizer': ActivityRegularizer, 'l1': l1, 'l2': l2, 'l1l2': l1l2,
    'activity_l1': activity_l1, 'activity_l2': activity_l2, 'activity_l1l2': activity_l1l2,
}


def _lookup(name):
    try:
        return _BY_NAME[name]
    except KeyError:
        raise ValueError('Invalid regularizer: %r. Valid Keras 1 names: %s'
                         % (name, ', '.join(sorted(_BY_NAME)))) from None


def get(identifier, kwargs=None):
    """keras 1.2.2 regularizers.get: None -> None, instance -> itself, a name -> instantiated
    (with ``kwargs``), a config dict ``{'name': ..., **args}`` -> instantiated."""
    if identifier is None or isinstance(identifier, Regularizer):
        return identifier
    if isinstance(identifier, str):
        return _lookup(identifier)(**(kwargs or {}))
    if isinstance(identifier, dict):
        config = dict(identifier)  # Keras 1 popped 'name' from the caller's dict; we copy
        if 'name' not in config:
            raise ValueError("regularizer config dict needs a 'name' key, got %r" % (identifier,))
        cls = _lookup(config.pop('name'))
        try:
            return cls(**config)
        except TypeError as e:
            raise ValueError('regularizer config %r: %s' % (identifier, e)) from None
    if callable(identifier):
        return identifier
    raise ValueError('regularizer must be None, a Keras 1 regularizer, name or config dict, got %r'
                     % (identifier,))

from compat.keras._reexports import reexported  # noqa: E402

__getattr__ = reexported(__name__)
