"""Keras 1.2.2 ``keras.layers.advanced_activations`` on Keras 3.

>>> from compat.keras.layers.advanced_activations import LeakyReLU
>>> LeakyReLU(alpha=0.2).get_config()['alpha']
0.2
"""
from compat._keras3 import keras, tf
from compat.keras.engine.arguments import INIT
from compat.keras.engine.topology import Keras1Layer


class LeakyReLU(Keras1Layer, keras.layers.Layer):
    """keras 1.2.2 LeakyReLU(alpha=0.3): Theano ``relu(x, alpha)``; any alpha, negative ones too
    (Keras 3's LeakyReLU refuses negative slopes)."""

    def _keras3_kwargs(self, k1):
        self.supports_masking = True
        return {}

    def call(self, x):
        return tf.where(x > 0, x, self._k1['alpha'] * x)

    def compute_output_shape(self, input_shape):
        return input_shape


class ELU(Keras1Layer, keras.layers.ELU):
    """keras 1.2.2 ELU(alpha=1.0): x if x > 0 else alpha * (exp(x) - 1)."""

    def _keras3_kwargs(self, k1):
        return {'alpha': k1['alpha']}


class ThresholdedReLU(Keras1Layer, keras.layers.Layer):
    """keras 1.2.2 ThresholdedReLU(theta=1.0): x where x > theta, else 0."""

    def call(self, x):
        return x * tf.cast(x > self._k1['theta'], x.dtype)

    def compute_output_shape(self, input_shape):
        return input_shape


class _ParametricActivation(Keras1Layer, keras.layers.Layer):
    """Per-unit parameters shaped like the input (minus batch), with ``shared_axes`` of size 1."""

    def _param_shape(self, input_shape):
        shape = list(input_shape[1:])
        shared = self._k1.get('shared_axes') or []
        for axis in ([shared] if isinstance(shared, int) else shared):
            shape[axis - 1] = 1
        return tuple(shape)

    def _param(self, name, shape, init):
        if isinstance(init, (int, float)):  # keras 1.2.2 ParametricSoftplus: a constant start value
            value = float(init)
            return self.add_weight(name=name, shape=shape, initializer=keras.initializers.Constant(value))
        return self.add_weight(name=name, shape=shape, initializer=INIT(init))

    def compute_output_shape(self, input_shape):
        return input_shape


class PReLU(_ParametricActivation):
    """keras 1.2.2 PReLU(init='zero', weights=None, shared_axes=None): ``max(x, 0) + alphas * min(x, 0)``."""

    def build(self, input_shape):
        self.alphas = self._param('alphas', self._param_shape(input_shape), self._k1['init'])

    def call(self, x):
        return tf.nn.relu(x) + self.alphas * (x - tf.abs(x)) * 0.5


class ParametricSoftplus(_ParametricActivation):
    """keras 1.2.2 ParametricSoftplus: ``alphas * softplus(betas * x)``; weights alphas, betas."""

    def build(self, input_shape):
        shape = self._param_shape(input_shape)
        self.alphas = self._param('alphas', shape, self._k1['alpha_init'])
        self.betas = self._param('betas', shape, self._k1['beta_init'])

    def call(self, x):
        return self.alphas * tf.nn.softplus(self.betas * x)


class SReLU(_ParametricActivation):
    """keras 1.2.2 SReLU: S-shaped ReLU with t_left, a_left, t_right, a_right (in that order)."""

    def build(self, input_shape):
        shape = self._param_shape(input_shape)
        k1 = self._k1
        self.t_left = self._param('t_left', shape, k1['t_left_init'])
        self.a_left = self._param('a_left', shape, k1['a_left_init'])
        self.t_right = self._param('t_right', shape, k1['t_right_init'])
        self.a_right = self._param('a_right', shape, k1['a_right_init'])

    def call(self, x):
        # keras 1.2.2 advanced_activations.py SReLU.call, with Theano K.relu(x, alpha, max_value)
        t_right_actual = self.t_left + tf.abs(self.t_right)
        shifted = x - self.t_left
        leaky = tf.where(shifted > 0, shifted, self.a_left * shifted)
        y_left_and_center = self.t_left + tf.minimum(leaky, t_right_actual - self.t_left)
        return y_left_and_center + tf.nn.relu(x - t_right_actual) * self.a_right

from compat.keras._reexports import reexported  # noqa: E402

__getattr__ = reexported(__name__)
