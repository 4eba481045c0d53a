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
import warnings

import numpy as np

from compat._keras3 import keras, tf
from compat.keras.backend import common
from compat.keras.backend._lift import current_phase
from compat.keras.engine.arguments import CONSTRAINT, INIT, REGULARIZER
from compat.spec import COMMON_KWARGS
from compat.keras.engine.topology import auto_name, inbound_nodes, outbound_nodes


class _Constraints(dict):
    """keras 1.2.2 Layer.constraints, ``{weight: constraint}``: the optimizer applies each constraint after
    the update (optimizers.py get_updates). Weights are keyed by identity (TensorFlow variables are not
    hashable) and the constraint is also set on the weight, where compat's training step reads it."""

    def __setitem__(self, weight, constraint):
        from compat.keras.engine.arguments import CONSTRAINT
        constraint = CONSTRAINT(constraint) if isinstance(constraint, str) else constraint
        try:
            weight.constraint = constraint
        except AttributeError:  # a tf.Variable (K.variable) has a read-only ``constraint`` over ``_constraint``
            weight._constraint = constraint
        super().__setitem__(id(weight), (weight, constraint))

    def __getitem__(self, weight):
        return super().__getitem__(id(weight))[1]

    def __contains__(self, weight):
        return super().__contains__(id(weight))

    def items(self):
        return list(super().values())

    def keys(self):
        return [w for w, _ in super().values()]

    def __iter__(self):
        return iter(self.keys())


class Layer(keras.layers.Layer):
    """keras 1.2.2 engine/topology.py Layer, for subclassing.

    Besides ``add_weight`` and ``trainable_weights``/``non_trainable_weights`` lists, Keras 1 layers could
    set ``self.updates`` (``[(variable, new_value)]`` made in ``call``, or ``add_update``): the training
    step applies them, all computed before any is written as in one Theano update list; a ``stateful``
    layer's updates also apply when predicting (keras 1.2.2 Container.state_updates). ``self.constraints``
    is the ``{weight: constraint}`` dict; ``self.regularizers`` is deprecated and ignored, as in 1.2.2
    (a penalty comes from ``add_weight(regularizer=...)`` or ``add_loss``).
    """
    # set as plain attributes: Keras 3 would track the variables inside them as the layer's own weights
    _KERAS1_PLAIN = ('updates', 'constraints', 'regularizers', 'losses')

    def __setattr__(self, name, value):
        if name in self._KERAS1_PLAIN:
            return object.__setattr__(self, name, value)
        return super().__setattr__(name, value)

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
        if not hasattr(self, 'supports_masking'):
            self.supports_masking = False
        if not hasattr(self, 'uses_learning_phase'):
            self.uses_learning_phase = False
        if '_k1_constraints' not in self.__dict__:
            self.constraints = {}

    # -- keras 1.2.2 Layer attributes with Keras 1 meaning ------------------------------------------
    @property
    def constraints(self):
        return self.__dict__['_k1_constraints']

    @constraints.setter
    def constraints(self, value):
        table = _Constraints()
        for weight, constraint in (value.items() if isinstance(value, _Constraints) else
                                   [(w, value[w]) for w in value] if isinstance(value, dict) else value):
            table[weight] = constraint
        self.__dict__['_k1_constraints'] = table

    @property
    def regularizers(self):
        # keras 1.2.2 engine/topology.py Layer.regularizers: deprecated, always []
        warnings.warn('The `regularizers` property of layers/models is deprecated. Regularization losses are '
                      'now managed via the `losses` layer/model property.')
        return []

    @regularizers.setter
    def regularizers(self, _):
        warnings.warn('The `regularizers` property of layers/models is deprecated. Regularization losses are '
                      'now managed via the `losses` layer/model property.')

    @property
    def losses(self):
        return list(keras.layers.Layer.losses.fget(self)) + list(self.__dict__.get('_k1_losses', []))

    @losses.setter
    def losses(self, value):
        # keras 1.2.2 Wrapper.build copies the wrapped layer's losses; Keras 3 already collects a sublayer's
        own = [id(v) for v in keras.layers.Layer.losses.fget(self)]
        self.__dict__['_k1_losses'] = [v for v in value if id(v) not in own]

    def add_loss(self, losses, inputs=None):
        """keras 1.2.2 Layer.add_loss(losses, inputs=None): penalties added to the model's loss."""
        for loss in (losses if isinstance(losses, (list, tuple)) else [losses]):
            super().add_loss(loss)

    @property
    def updates(self):
        return self.__dict__.setdefault('_k1_updates', [])

    @updates.setter
    def updates(self, pairs):
        self.__dict__['_k1_updates'] = list(pairs)

    def add_update(self, updates, inputs=None):
        """keras 1.2.2 Layer.add_update(updates, inputs=None)."""
        self.updates = self.updates + (list(updates) if isinstance(updates, list) else [updates])

    def get_updates_for(self, inputs):
        return self.updates

    inbound_nodes = property(inbound_nodes)
    outbound_nodes = property(outbound_nodes)

    def __call__(self, *args, **kwargs):
        before = [id(u) for u in self.updates]
        out = super().__call__(*args, **kwargs)
        made = [u for u in self.updates if id(u) not in before]
        symbolic = any(isinstance(o, keras.KerasTensor) for o in tf.nest.flatten(out))
        if made and not symbolic:
            self._apply_updates(made)
        return out

    def _apply_updates(self, pairs):
        """keras 1.2.2 training: ``updates`` join the train function's update list (every new value computed
        from the old ones, then written); a stateful layer's also join predict/test (state_updates)."""
        phase = True if getattr(self, 'stateful', False) else current_phase()
        if phase is False:
            return
        values = [tf.convert_to_tensor(new) for _, new in pairs]
        if phase is not True:
            values = [tf.where(phase, new, tf.convert_to_tensor(v)) for (v, _), new in zip(pairs, values)]
        for (variable, _), value in zip(pairs, values):
            variable.assign(tf.cast(value, variable.dtype))

    def add_weight(self, shape=None, initializer='glorot_uniform', name=None, trainable=True, regularizer=None,
                   constraint=None, **kwargs):
        """keras 1.2.2 Layer.add_weight(shape, initializer, name=None, trainable=True, regularizer=None,
        constraint=None); Keras 3 keywords are passed through."""
        init = INIT(initializer) if isinstance(initializer, str) else initializer
        weight = super().add_weight(
            shape=tuple(shape), initializer=init, name=name, trainable=trainable,
            regularizer=REGULARIZER(regularizer) if regularizer is not None else None,
            constraint=CONSTRAINT(constraint) if constraint is not None else None, **kwargs)
        self.__dict__.setdefault('_k1_added', set()).add(id(weight))
        self._k1_list(trainable).append(weight)  # keras 1.2.2 add_weight appends to the layer's list
        return weight

    # keras 1.2.2 Layer kept two lists, _trainable_weights and _non_trainable_weights: add_weight appends,
    # assigning ``self.trainable_weights = [...]`` (K.variable weights) replaces. Weights Keras 3 tracks that
    # the lists do not hold (a wrapped layer's) follow them.
    def _k1_list(self, trainable):
        return self.__dict__.setdefault('_k1_trainable' if trainable else '_k1_non_trainable', [])

    def _untracked_by_keras1(self, trainable):
        listed = {id(w) for w in self._k1_list(True) + self._k1_list(False)} | self.__dict__.get('_k1_added', set())
        return [w for w in keras.layers.Layer.weights.fget(self)
                if bool(w.trainable) == trainable and id(w) not in listed]

    def _as_keras3(self, weights):
        """K.variable weights are TensorFlow variables; Keras 3 reads ``regularizer``/``constraint`` on each.

        A NumPy array is what compat's initializations return where Keras 1's returned a K.variable
        (``self.W = self.init(shape)`` then ``self.trainable_weights = [self.W]``): it becomes a variable,
        and the layer attributes holding that array are rebound to it."""
        from compat.keras.backend import variable
        out = []
        for w in weights:
            if isinstance(w, np.ndarray):
                v = variable(w, name='%s_%d' % (self.name, len(self._k1_list(True) + self._k1_list(False))
                                                + len(out)))
                for attr, value in list(vars(self).items()):
                    if value is w:
                        object.__setattr__(self, attr, v)
                w = v
            for attr in ('regularizer', 'constraint'):
                if not hasattr(w, attr):
                    setattr(w, attr, None)
            out.append(w)
        return out

    @property
    def trainable_weights(self):
        if not self.trainable:
            return []
        return self._k1_list(True) + self._untracked_by_keras1(True)

    @trainable_weights.setter
    def trainable_weights(self, weights):
        self.__dict__['_k1_trainable'] = self._as_keras3(weights)

    @property
    def non_trainable_weights(self):
        frozen = self._k1_list(False) + self._untracked_by_keras1(False)
        if not self.trainable:  # keras 1.2.2 Layer.non_trainable_weights: all weights of a frozen layer
            return self._k1_list(True) + self._untracked_by_keras1(True) + frozen
        return frozen

    @non_trainable_weights.setter
    def non_trainable_weights(self, weights):
        self.__dict__['_k1_non_trainable'] = self._as_keras3(weights)

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
