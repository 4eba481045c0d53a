"""Keras 1.2.2 ``keras.layers.core`` on Keras 3.

>>> import compat.keras as keras
>>> from compat.keras.layers.core import Dense
>>> model = keras.models.Sequential([Dense(4, input_dim=3, init='he_normal')])
>>> model.count_params()
16
"""
import functools

import numpy as np

from compat._keras3 import keras, tf
from compat.keras.engine.topology import FunctionName, Keras1Layer, config_with_functions
from compat.keras.engine.arguments import ACTIVATION, CONSTRAINT, INIT, REGULARIZER
from compat.keras import activations
from compat.keras.layers import _theano
from compat.keras.layers.convolutional import _data_format


class Dense(Keras1Layer, keras.layers.Dense):
    """keras 1.2.2 layers/core.py Dense(output_dim, init, activation, ...); W is (in, out) as in Keras 3."""


class TimeDistributedDense(Keras1Layer, keras.layers.Dense):
    """keras 1.2.2 layers/core.py TimeDistributedDense: the same Dense applied at every time step.

    Its weights ``[W (input_dim, output_dim), b]`` are Dense's; Keras 3's Dense on
    a 3-D input computes exactly this (and passes the time-step mask through,
    as the Keras 1 layer's ``supports_masking = True`` did).
    """


def _channels_last_elementwise(call):
    """Let a layout-blind element-wise ``call`` work on the channels-last tensor a 'th' conv or pool
    left behind (``_theano``: layout), so a conv/activation/pool run needs no transposes between."""
    @functools.wraps(call)  # Keras 3 reads call's signature (the ``training`` argument)
    def layout_blind_call(self, x, *args, **kwargs):
        if not (self._elementwise() and _theano.has_channels_last(x)):
            return call(self, x, *args, **kwargs)
        return _theano.as_channels_first(call(self, _theano.channels_last_of(x), *args, **kwargs))
    return layout_blind_call


class Activation(Keras1Layer, keras.layers.Activation):
    """keras 1.2.2 layers/core.py Activation, with the Keras 1 activation functions."""
    # softmax normalises over the last axis: the only Keras 1 activation that sees the layout
    _ELEMENTWISE = frozenset({'relu', 'tanh', 'sigmoid', 'hard_sigmoid', 'linear', 'softplus', 'softsign', 'elu'})

    def _elementwise(self):
        fn = self._k1['activation']
        if getattr(fn, '__module__', None) == activations.__name__:
            fn = fn.__name__
        return isinstance(fn, str) and fn in self._ELEMENTWISE

    call = _channels_last_elementwise(keras.layers.Activation.call)


def draw_theano_seed():
    """keras 1.2.2 theano_backend dropout/random_*: ``seed = np.random.randint(1, 10e6)`` when no seed
    is given, drawn as the layer is wired in. Drawing it too keeps NumPy's global RNG (and so every
    later initial weight) in step with Keras 1."""
    return int(np.random.randint(1, 10e6))


class Dropout(Keras1Layer, keras.layers.Dropout):
    """keras 1.2.2 layers/core.py Dropout(p): inverted dropout, active in training only."""

    def _elementwise(self):  # Theano's mask cannot be reproduced anyway; in either layout it is i.i.d.
        return self.noise_shape is None

    call = _channels_last_elementwise(keras.layers.Dropout.call)

    def build(self, input_shape):
        if 0. < self._k1['p'] < 1. and self._k1['seed'] is None:
            draw_theano_seed()
        super().build(input_shape)


def _accepting_trainable(base):
    """Keras 3's SpatialDropout* take no ``trainable`` argument; Keras1Layer passes one (it has no weights)."""
    class Base(base):
        def __init__(self, rate, trainable=True, **kwargs):
            super().__init__(rate, **kwargs)
    Base.__name__ = base.__name__
    return Base


# keras 1.2.2 layers/core.py SpatialDropout*._get_noise_shape: dropout of whole feature maps, one draw per
# sample and channel, broadcast over the steps/spatial axes (channel axis from ``dim_ordering``); identity
# at inference, as Keras 1.
class SpatialDropout1D(Keras1Layer, _accepting_trainable(keras.layers.SpatialDropout1D)):
    """keras 1.2.2 SpatialDropout1D(p): noise shape (samples, 1, features).

    >>> SpatialDropout1D(0.5).get_config()['p']
    0.5
    """

    def _keras3_kwargs(self, k1):
        return {'rate': k1['p']}


class SpatialDropout2D(Keras1Layer, _accepting_trainable(keras.layers.SpatialDropout2D)):
    """keras 1.2.2 SpatialDropout2D(p, dim_ordering): noise shape (samples, channels, 1, 1) for 'th'."""

    def _keras3_kwargs(self, k1):
        return {'rate': k1['p'], 'data_format': _data_format(k1)}


class SpatialDropout3D(Keras1Layer, _accepting_trainable(keras.layers.SpatialDropout3D)):
    """keras 1.2.2 SpatialDropout3D(p, dim_ordering): noise shape (samples, channels, 1, 1, 1) for 'th'."""

    def _keras3_kwargs(self, k1):
        return {'rate': k1['p'], 'data_format': _data_format(k1)}


class Flatten(Keras1Layer, keras.layers.Flatten):
    """keras 1.2.2 layers/core.py Flatten: reshape in storage order.

    Compat keeps Keras 1 tensors in their Keras 1 layout ('th' images stay
    (C, H, W)), so flattening in storage order is what Keras 1 did.
    """
    keras3_fixed = {'data_format': 'channels_last'}


class Reshape(Keras1Layer, keras.layers.Reshape):
    """keras 1.2.2 layers/core.py Reshape(target_shape), -1 allowed."""


class Permute(Keras1Layer, keras.layers.Permute):
    """keras 1.2.2 layers/core.py Permute(dims), 1-based dims."""


class RepeatVector(Keras1Layer, keras.layers.RepeatVector):
    """keras 1.2.2 layers/core.py RepeatVector(n)."""


class Masking(Keras1Layer, keras.layers.Masking):
    """keras 1.2.2 layers/core.py Masking(mask_value)."""


class Lambda(Keras1Layer, keras.layers.Lambda):
    """keras 1.2.2 layers/core.py Lambda(function, output_shape=None, arguments=None).

    ``output_shape`` is a shape without the batch axis, or a function of the
    full input shape, as in Keras 1. Configs holding marshalled bytecode are
    refused when loading a model unless the caller opts in (see compat.keras.models).
    """

    def _keras3_kwargs(self, k1):
        output_shape = k1['output_shape']
        return {'function': k1['function'], 'output_shape': output_shape,
                'arguments': k1['arguments'] or {}}

    def _config(self):
        # functions by name (a FunctionName: still the function while the config is in memory)
        fn, output_shape = self._k1['function'], self._k1['output_shape']
        return {'function': FunctionName(fn), 'function_type': 'function',
                'output_shape': FunctionName(output_shape) if callable(output_shape) else output_shape,
                'output_shape_type': 'function' if callable(output_shape) else 'raw'}

    @classmethod
    def from_config(cls, config):
        # keras 1.2.2 Lambda.from_config
        return cls(**config_with_functions('Lambda', config))


class ActivityRegularization(Keras1Layer, keras.layers.Layer):
    """keras 1.2.2 layers/core.py ActivityRegularization(l1, l2): identity, adding
    ``l1 * sum|y| + l2 * sum y**2`` over the batch to the loss."""

    def _keras3_kwargs(self, k1):
        from compat.keras.regularizers import L1L2Regularizer
        self.__dict__['_k1_activity_regularizer'] = L1L2Regularizer(l1=k1['l1'], l2=k1['l2'])
        self.supports_masking = True
        return {}

    def call(self, x):
        return x

    def compute_output_shape(self, input_shape):
        return input_shape


class _OwnWeightsLayer(Keras1Layer, keras.layers.Layer):
    """Base for Keras 1 layers with no Keras 3 counterpart (weights made here)."""

    def _weight(self, name, shape, init, regularizer=None, constraint=None, trainable=True):
        return self.add_weight(
            name=name, shape=shape, initializer=INIT(init) if isinstance(init, str) else init,
            regularizer=REGULARIZER(regularizer) if regularizer is not None else None,
            constraint=CONSTRAINT(constraint) if constraint is not None else None, trainable=trainable)


class Highway(_OwnWeightsLayer):
    """keras 1.2.2 layers/core.py Highway: ``t * act(xW + b) + (1 - t) * x``, ``t = sigmoid(xW_carry + b_carry)``.

    Weights in Keras 1 order: W, W_carry, b, b_carry (b_carry starts at one).
    """

    def build(self, input_shape):
        k1, n = self._k1, input_shape[-1]
        self.W = self._weight('W', (n, n), k1['init'], k1['W_regularizer'], k1['W_constraint'])
        self.W_carry = self._weight('W_carry', (n, n), k1['init'])
        if k1['bias']:
            self.b = self._weight('b', (n,), 'zero', k1['b_regularizer'], k1['b_constraint'])
            self.b_carry = self._weight('b_carry', (n,), 'one')
        self.activation = ACTIVATION(k1['activation'])

    def call(self, x):
        carry = tf.matmul(x, self.W_carry)
        linear = tf.matmul(x, self.W)
        if self._k1['bias']:
            carry, linear = carry + self.b_carry, linear + self.b
        transform = tf.sigmoid(carry)
        return self.activation(linear) * transform + (1 - transform) * x

    def compute_output_shape(self, input_shape):
        return input_shape


class MaxoutDense(_OwnWeightsLayer):
    """keras 1.2.2 layers/core.py MaxoutDense: max over ``nb_feature`` linear maps.

    Weights: W (nb_feature, input_dim, output_dim), b (nb_feature, output_dim).
    """

    def build(self, input_shape):
        k1 = self._k1
        shape = (k1['nb_feature'], input_shape[-1], k1['output_dim'])
        self.W = self._weight('W', shape, k1['init'], k1['W_regularizer'], k1['W_constraint'])
        if k1['bias']:
            self.b = self._weight('b', shape[::2], 'zero', k1['b_regularizer'], k1['b_constraint'])

    def call(self, x):
        out = tf.einsum('bi,fio->bfo', x, self.W)  # Theano K.dot(2-D, 3-D)
        if self._k1['bias']:
            out = out + self.b
        return tf.reduce_max(out, axis=1)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self._k1['output_dim'])


# keras 1.2.2 layers/core.py re-exported the engine's Merge
from compat.keras.layers.merge import Merge, merge  # noqa: E402,F401

from compat.keras._reexports import reexported  # noqa: E402

__getattr__ = reexported(__name__)
