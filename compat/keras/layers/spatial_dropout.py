"""Keras 1.2.2 SpatialDropout1D/2D/3D (layers/core.py): dropout of whole feature maps.

keras 1.2.2 core.py SpatialDropout*._get_noise_shape: one draw per sample and
channel, broadcast over the steps/spatial axes (channel axis from
``dim_ordering``). Identity at inference, as Keras 1.

>>> from compat.keras.layers.spatial_dropout import SpatialDropout2D
>>> SpatialDropout2D(0.5, dim_ordering='th').get_config()['p']
0.5
"""
from compat._keras3 import keras
from compat.keras.engine.topology import Keras1Layer
from compat.keras.layers.convolutional import _data_format


def _accepting_trainable(base):
    """Keras 3's SpatialDropout* take no ``trainable`` argument; Keras1Layer passes one (it has no weights)."""
    class Base(base):
        def __init__(self, rate, trainable=True, **kwargs):
            super().__init__(rate, **kwargs)
    Base.__name__ = base.__name__
    return Base


class SpatialDropout1D(Keras1Layer, _accepting_trainable(keras.layers.SpatialDropout1D)):
    """keras 1.2.2 SpatialDropout1D(p): noise shape (samples, 1, features)."""

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
