"""Keras 1.2.2 ``keras.layers.noise`` on Keras 3 (active in training only).

>>> from compat.keras.layers.noise import GaussianNoise
>>> GaussianNoise(0.1).get_config()['sigma']
0.1
"""
from compat._keras3 import keras
from compat.keras.engine.topology import Keras1Layer
from compat.keras.layers.core import draw_theano_seed


class GaussianNoise(Keras1Layer, keras.layers.GaussianNoise):
    """keras 1.2.2 GaussianNoise(sigma): adds N(0, sigma) noise."""

    def build(self, input_shape):
        draw_theano_seed()  # keras 1.2.2 GaussianNoise.call: K.random_normal draws a seed
        super().build(input_shape)


class GaussianDropout(Keras1Layer, keras.layers.GaussianDropout):
    """keras 1.2.2 GaussianDropout(p): multiplies by N(1, sqrt(p / (1 - p)))."""

    def build(self, input_shape):
        if 0 < self._k1['p'] < 1:  # keras 1.2.2 GaussianDropout.call
            draw_theano_seed()
        super().build(input_shape)

from compat.keras._reexports import reexported  # noqa: E402

__getattr__ = reexported(__name__)
