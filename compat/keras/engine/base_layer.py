"""The Keras 1.2.2 ``Layer`` base class, for layers users write themselves.

A Keras 1 custom layer sets attributes, calls ``super().__init__(**kwargs)``,
creates weights in ``build(input_shape)`` with ``self.add_weight(shape,
initializer, ...)`` (Keras 1 argument order) or with ``K.variable`` plus
``self.trainable_weights = [...]``, and defines ``call(x, mask=None)`` and
``get_output_shape_for(input_shape)`` (keras 1.2.2 engine/topology.py Layer).
This class maps those onto Keras 3's Layer.

>>> from compat.keras.engine import Layer
>>> from compat.keras import backend as K
>>> class Scale(Layer):
...     def build(self, input_shape):
...         self.w = self.add_weight((input_shape[1],), initializer='one', name='w')
...     def call(self, x, mask=None):
...         return x * self.w
>>> Scale().name
'scale_1'
"""
import numpy as np

from compat._keras3 import keras
from compat.keras.backend import common
from compat.keras.engine.arguments import CONSTRAINT, INIT, REGULARIZER
from compat.keras.engine.signatures import COMMON_KWARGS
from compat.keras.engine.topology import auto_name


class Layer(keras.layers.Layer):
    """keras 1.2.2 engine/topology.py Layer, for subclassing."""

    def __init__(self, **kwargs):
        unknown = set(kwargs) - set(COMMON_KWARGS)
        if unknown:
            raise TypeError('%s: Keras 1 Layer keyword argument(s) not understood: %s (allowed: %s)'
                            % (type(self).__name__, sorted(unknown), ', '.join(COMMON_KWARGS)))
        super().__init__(name=kwargs.get('name') or auto_name(type(self).__name__),
                         trainable=kwargs.get('trainable', True))
        shape = kwargs.get('batch_input_shape')
        if shape is None and kwargs.get('input_shape') is not None:
            shape = (None,) + tuple(kwargs['input_shape'])
        self.batch_input_shape = tuple(shape) if shape is not None else None
        self._k1_input_dtype = kwargs.get('input_dtype') or common.floatx()
        self._extra_trainable = []
        self._extra_non_trainable = []
        if not hasattr(self, 'supports_masking'):
            self.supports_masking = False

    def add_weight(self, shape=None, initializer='glorot_uniform', name=None, trainable=True, regularizer=None,
                   constraint=None, **kwargs):
        """keras 1.2.2 Layer.add_weight(shape, initializer, name=None, trainable=True, regularizer=None,
        constraint=None); Keras 3 keywords are passed through."""
        init = INIT(initializer) if isinstance(initializer, str) else initializer
        return super().add_weight(
            shape=tuple(shape), initializer=init, name=name, trainable=trainable,
            regularizer=REGULARIZER(regularizer) if regularizer is not None else None,
            constraint=CONSTRAINT(constraint) if constraint is not None else None, **kwargs)

    # Keras 1 layers could assign these lists (with K.variable weights). Keras 3's own
    # trainable_weights goes through ``weights``, so both are derived here from its tracked variables.
    def _k3_tracked_weights(self):
        return list(keras.layers.Layer.weights.fget(self))

    @staticmethod
    def _as_keras3(weights):
        """K.variable weights are TensorFlow variables; Keras 3 reads ``regularizer``/``constraint`` on each."""
        for w in weights:
            for attr in ('regularizer', 'constraint'):
                if not hasattr(w, attr):
                    setattr(w, attr, None)
        return list(weights)

    @staticmethod
    def _new(extra, own):
        return [w for w in extra if all(w is not o for o in own)]

    @property
    def trainable_weights(self):
        if not self.trainable:
            return []
        own = [w for w in self._k3_tracked_weights() if w.trainable]
        return own + self._new(self._extra_trainable, own)

    @trainable_weights.setter
    def trainable_weights(self, weights):
        self._extra_trainable = self._as_keras3(weights)

    @property
    def non_trainable_weights(self):
        tracked = self._k3_tracked_weights()
        if not self.trainable:  # keras 1.2.2 Layer.non_trainable_weights: all weights of a frozen layer
            return tracked + self._new(self._extra_trainable + self._extra_non_trainable, tracked)
        own = [w for w in tracked if not w.trainable]
        return own + self._new(self._extra_non_trainable, tracked)

    @non_trainable_weights.setter
    def non_trainable_weights(self, weights):
        self._extra_non_trainable = self._as_keras3(weights)

    @property
    def weights(self):
        return self.trainable_weights + self.non_trainable_weights

    def get_weights(self):
        return [np.asarray(w.numpy()) for w in self.weights]

    def set_weights(self, weights, backend='theano'):
        mine = self.weights
        if len(mine) != len(weights):
            raise ValueError('Layer %s expects %d weights, got %d' % (self.name, len(mine), len(weights)))
        for v, w in zip(mine, weights):
            if tuple(v.shape) != np.shape(w):
                raise ValueError('Layer %s: weight %s has shape %s, got %s'
                                 % (self.name, v.name, tuple(v.shape), np.shape(w)))
            v.assign(w)

    def get_output_shape_for(self, input_shape):
        return input_shape

    def compute_output_shape(self, input_shape):
        shape = self.get_output_shape_for(input_shape)
        return tuple(shape) if isinstance(shape, list) and not isinstance(input_shape, list) else shape

    def get_config(self):
        config = {'name': self.name, 'trainable': self.trainable}
        if self.batch_input_shape is not None:
            config['batch_input_shape'] = list(self.batch_input_shape)
            config['input_dtype'] = self._k1_input_dtype
        return config

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def count_params(self):
        return int(sum(np.prod(w.shape) for w in self.weights))

    @property
    def output_shape(self):
        return tuple(self.output.shape)

    @property
    def input_shape(self):
        return tuple(self.input.shape)
