"""Keras 1.2.2 ``keras.layers.noise`` on Keras 3 (active in training only).

>>> from compat.keras.layers.noise import GaussianNoise
>>> GaussianNoise(0.1).get_config()['sigma']
0.1
"""
from compat._keras3 import keras
from compat.keras.engine.topology import Keras1Layer


class GaussianNoise(Keras1Layer, keras.layers.GaussianNoise):
    """keras 1.2.2 GaussianNoise(sigma): adds N(0, sigma) noise."""


class GaussianDropout(Keras1Layer, keras.layers.GaussianDropout):
    """keras 1.2.2 GaussianDropout(p): multiplies by N(1, sqrt(p / (1 - p)))."""
