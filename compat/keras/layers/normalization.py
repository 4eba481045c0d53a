"""Keras 1.2.2 ``keras.layers.normalization.BatchNormalization`` (modes 0, 1, 2).

Keras 1 with Theano kept, in the weight it calls ``running_std``, a moving
average of *variance + epsilon* (theano_backend.normalize_batch_in_training
returns ``1 / stdinv**2``) and used it as a variance at test time
(theano_backend.batch_normalization). Compat stores and updates it the same
way, so Keras 1 weight files load unchanged and training moves it as Keras 1 did.

>>> from compat.keras.layers.normalization import BatchNormalization
>>> BatchNormalization(mode=0, axis=1).get_config()['momentum']
0.99
"""
from compat._keras3 import keras, tf
from compat.keras.engine.arguments import INIT, REGULARIZER
from compat.keras.engine.topology import Keras1Layer


class BatchNormalization(Keras1Layer, keras.layers.Layer):
    """keras 1.2.2 BatchNormalization(epsilon=1e-3, mode=0, axis=-1, momentum=0.99, weights=None, ...).

    mode 0: feature-wise, batch statistics in training and running ones at test;
    mode 1: sample-wise (over the last axis); mode 2: feature-wise, batch
    statistics in training *and* test. Weights: gamma, beta, running_mean, running_std.
    """

    def _keras3_kwargs(self, k1):
        if k1['mode'] not in (0, 1, 2):
            raise ValueError('BatchNormalization(mode=%r): Keras 1 modes are 0, 1 and 2' % (k1['mode'],))
        self.supports_masking = True
        return {}

    def build(self, input_shape):
        k1 = self._k1
        shape = (input_shape[k1['axis']],)
        self.gamma = self.add_weight(name='gamma', shape=shape, initializer=INIT(k1['gamma_init']),
                                     regularizer=REGULARIZER(k1['gamma_regularizer']))
        self.beta = self.add_weight(name='beta', shape=shape, initializer=INIT(k1['beta_init']),
                                    regularizer=REGULARIZER(k1['beta_regularizer']))
        self.running_mean = self.add_weight(name='running_mean', shape=shape, initializer='zeros',
                                            trainable=False)
        self.running_std = self.add_weight(name='running_std', shape=shape, initializer='ones',
                                           trainable=False)

    def _broadcast(self, v, ndim):
        shape = [1] * ndim
        shape[self._k1['axis']] = -1
        return tf.reshape(v, shape)

    def call(self, x, training=None):
        k1 = self._k1
        eps = k1['epsilon']
        ndim = len(x.shape)
        if k1['mode'] == 1:  # keras 1.2.2 BatchNormalization.call, mode 1
            mean = tf.reduce_mean(x, axis=-1, keepdims=True)
            std = tf.sqrt(tf.math.reduce_variance(x, axis=-1, keepdims=True) + eps)
            return self.gamma * ((x - mean) / (std + eps)) + self.beta
        gamma, beta = self._broadcast(self.gamma, ndim), self._broadcast(self.beta, ndim)
        if k1['mode'] == 0 and not training:
            mean, var = self._broadcast(self.running_mean, ndim), self._broadcast(self.running_std, ndim)
            return (x - mean) / tf.sqrt(var + eps) * gamma + beta
        axis = k1['axis'] % ndim
        reduction = [i for i in range(ndim) if i != axis]
        mean, var = tf.nn.moments(x, reduction, keepdims=True)
        if k1['mode'] == 0:
            m = k1['momentum']  # theano_backend.moving_average_update, with var + eps as "std"
            self.running_mean.assign(self.running_mean * m + tf.reshape(mean, [-1]) * (1 - m))
            self.running_std.assign(self.running_std * m + (tf.reshape(var, [-1]) + eps) * (1 - m))
        return (x - mean) / tf.sqrt(var + eps) * gamma + beta

    def compute_output_shape(self, input_shape):
        return input_shape

from compat.keras._reexports import reexported  # noqa: E402

__getattr__ = reexported(__name__)
