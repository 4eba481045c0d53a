"""Keras 1.2.2 ``keras.layers``: every layer class, under its Keras 1 name.

>>> from compat.keras.layers import Convolution2D, Dense, Merge, TimeDistributedDense
"""
from compat.keras.engine.topology import Input, InputLayer, InputSpec
from compat.keras.engine.base_layer import Layer
from compat.keras.layers.advanced_activations import (ELU, LeakyReLU, ParametricSoftplus, PReLU, SReLU,
                                                      ThresholdedReLU)
from compat.keras.layers.convolutional import (AtrousConvolution1D, AtrousConvolution2D, Conv3D, Convolution1D,
                                               Convolution2D, Convolution3D, Cropping1D, Cropping2D, Cropping3D,
                                               Deconv2D, Deconvolution2D, SeparableConv2D, SeparableConvolution2D,
                                               UpSampling1D, UpSampling2D, UpSampling3D, ZeroPadding1D,
                                               ZeroPadding2D, ZeroPadding3D)
from compat.keras.layers.core import (Activation, ActivityRegularization, Dense, Dropout, Flatten, Highway,
                                      Lambda, Masking, MaxoutDense, Permute, RepeatVector, Reshape,
                                      SpatialDropout1D, SpatialDropout2D, SpatialDropout3D, TimeDistributedDense)
from compat.keras.layers.embeddings import Embedding
from compat.keras.layers.merge import Merge, merge
from compat.keras.layers.noise import GaussianDropout, GaussianNoise
from compat.keras.layers.normalization import BatchNormalization
from compat.keras.layers.pooling import (AveragePooling1D, AveragePooling2D, AveragePooling3D,
                                         GlobalAveragePooling1D, GlobalAveragePooling2D, GlobalMaxPooling1D,
                                         GlobalMaxPooling2D, MaxPooling1D, MaxPooling2D, MaxPooling3D)
from compat.keras.layers.recurrent import GRU, LSTM, SimpleRNN
from compat.keras.layers.wrappers import Bidirectional, TimeDistributed

# keras 1.2.2 aliases
Conv1D, Conv2D = Convolution1D, Convolution2D
AtrousConv1D, AtrousConv2D = AtrousConvolution1D, AtrousConvolution2D

__all__ = sorted(n for n in dir() if n[:1].isupper() and n not in ('Input', 'InputSpec', 'Layer'))
__all__ += ['Input', 'InputSpec', 'Layer', 'merge']


def deserialize(config, custom_objects=None):
    """A compat layer from its Keras 1 ``{'class_name': ..., 'config': ...}``."""
    from compat.keras.engine.saving import deserialize_layer
    return deserialize_layer(config, custom_objects=custom_objects)

# the rest of the Keras 1.2.2 layers
from compat.keras.layers.local import LocallyConnected1D, LocallyConnected2D  # noqa: E402
from compat.keras.layers.pooling import GlobalAveragePooling3D, GlobalMaxPooling3D  # noqa: E402

__all__ += ['LocallyConnected1D', 'LocallyConnected2D', 'GlobalAveragePooling3D', 'GlobalMaxPooling3D']
from compat.keras.layers.convolutional_recurrent import ConvLSTM2D  # noqa: E402
__all__ += ['ConvLSTM2D']

from compat.keras._reexports import reexported  # noqa: E402

__getattr__ = reexported(__name__)
