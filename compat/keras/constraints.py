"""Keras 1.2.2 weight constraints, applied by the optimizer to each updated weight.

Follows keras 1.2.2 ``constraints.py``. ``axis`` refers to the Keras 1 weight
layout. Where compat stores a weight in another layout (a 'th' conv kernel is
``(out, in, rows, cols)`` in Keras 1 but ``(rows, cols, in, out)`` in Keras 3),
the layer wraps the constraint with :func:`in_layout`, which transposes the
stored weight back to the Keras 1 layout, applies the constraint there and
transposes the result back -- so any constraint, user-written ones included,
sees what it saw in Keras 1.
"""
import numpy as np

from compat._keras3 import tf
from compat.keras.backend.common import epsilon, floatx

__all__ = ['Constraint', 'MaxNorm', 'NonNeg', 'UnitNorm', 'MinMaxNorm', 'maxnorm', 'nonneg',
           'unitnorm', 'get', 'in_layout']


def _axis(axis):
    return tuple(axis) if isinstance(axis, (list, tuple)) else axis


def _norms(p, axis):
    return tf.sqrt(tf.reduce_sum(tf.square(p), axis=_axis(axis), keepdims=True))


class Constraint(object):
    def __call__(self, p):
        return p

    def get_config(self):
        return {'name': self.__class__.__name__}


class MaxNorm(Constraint):
    """keras 1.2.2 MaxNorm: rescale so the norm along ``axis`` is at most ``m``."""

    def __init__(self, m=2, axis=0):
        self.m = m
        self.axis = axis

    def __call__(self, p):
        norms = _norms(p, self.axis)
        desired = tf.clip_by_value(norms, 0., self.m)
        return p * (desired / (epsilon() + norms))

    def get_config(self):
        return {'name': self.__class__.__name__, 'm': self.m, 'axis': self.axis}


class NonNeg(Constraint):
    """keras 1.2.2 NonNeg: zero the negative weights."""

    def __call__(self, p):
        return p * tf.cast(p >= 0., floatx())


class UnitNorm(Constraint):
    """keras 1.2.2 UnitNorm: p / (eps + norm along ``axis``)."""

    def __init__(self, axis=0):
        self.axis = axis

    def __call__(self, p):
        return p / (epsilon() + _norms(p, self.axis))

    def get_config(self):
        return {'name': self.__class__.__name__, 'axis': self.axis}


class MinMaxNorm(Constraint):
    """keras 1.2.2 MinMaxNorm: move the norm towards [low, high] at ``rate``."""

    def __init__(self, low=0.0, high=1.0, rate=1.0, axis=0):
        self.low = low
        self.high = high
        self.rate = rate
        self.axis = axis

    def __call__(self, p):
        norms = _norms(p, self.axis)
        desired = self.rate * tf.clip_by_value(norms, self.low, self.high) + (1 - self.rate) * norms
        return p * (desired / (epsilon() + norms))

    def get_config(self):
        return {'name': self.__class__.__name__, 'low': self.low, 'high': self.high,
                'rate': self.rate, 'axis': self.axis}


# Aliases (keras 1.2.2 constraints.py).
maxnorm = MaxNorm
nonneg = NonNeg
unitnorm = UnitNorm

_BY_NAME = {'Constraint': Constraint, 'MaxNorm': MaxNorm, 'NonNeg': NonNeg, 'UnitNorm': UnitNorm,
            'MinMaxNorm': MinMaxNorm, 'maxnorm': maxnorm, 'nonneg': nonneg, 'unitnorm': unitnorm}


def _lookup(name):
    try:
        return _BY_NAME[name]
    except KeyError:
        raise ValueError('Invalid constraint: %r. Valid Keras 1 names: %s'
                         % (name, ', '.join(sorted(_BY_NAME)))) from None


def get(identifier, kwargs=None):
    """keras 1.2.2 constraints.get: None -> None, instance -> itself, a name -> instantiated
    (with ``kwargs``), a config dict ``{'name': ..., **args}`` -> instantiated."""
    if identifier is None or isinstance(identifier, Constraint):
        return identifier
    if isinstance(identifier, str):
        return _lookup(identifier)(**(kwargs or {}))
    if isinstance(identifier, dict):
        config = dict(identifier)
        if 'name' not in config:
            raise ValueError("constraint config dict needs a 'name' key, got %r" % (identifier,))
        cls = _lookup(config.pop('name'))
        try:
            return cls(**config)
        except TypeError as e:
            raise ValueError('constraint config %r: %s' % (identifier, e)) from None
    if callable(identifier):
        return identifier
    raise ValueError('constraint must be None, a Keras 1 constraint, name or config dict, got %r'
                     % (identifier,))


class _InLayout(Constraint):
    def __init__(self, constraint, perm):
        self.constraint = constraint
        self.perm = tuple(perm)
        self.inverse = tuple(int(i) for i in np.argsort(self.perm))

    def __call__(self, p):
        keras1 = tf.transpose(p, self.inverse)
        return tf.transpose(self.constraint(keras1), self.perm)

    def get_config(self):
        return self.constraint.get_config()


def in_layout(constraint, perm):
    """Wrap ``constraint`` (Keras 1 layout) for a weight stored as ``transpose(keras1, perm)``.

    E.g. a 'th' Convolution2D kernel, Keras 1 ``(out, in, r, c)``, stored as
    ``(r, c, in, out)``: ``in_layout(MaxNorm(2, axis=[1, 2, 3]), (2, 3, 1, 0))``.
    ``get_config()`` still returns the Keras 1 config of the wrapped constraint.
    Returns None for None.
    """
    constraint = get(constraint)
    if constraint is None:
        return None
    return _InLayout(constraint, perm)

from compat.keras._reexports import reexported  # noqa: E402

__getattr__ = reexported(__name__)
