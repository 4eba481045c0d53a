"""Keras 1.2.2 ``keras.layers.pooling`` on Keras 3, with Theano's border handling.

>>> from compat.keras.layers.pooling import MaxPooling2D
>>> MaxPooling2D(pool_size=(2, 2), border_mode='same').get_config()['strides']
[2, 2]
"""
from compat._keras3 import keras, tf
from compat.keras.engine.topology import Keras1Layer
from compat.keras.layers import _theano


class _Pooling(Keras1Layer, keras.layers.Layer):
    """Max/average pooling over ``rank`` spatial axes (keras 1.2.2 theano_backend.pool2d)."""
    rank = 2
    mode = 'max'

    def _pool(self):
        k1 = self._k1
        return tuple(k1['pool_size'])

    def _strides(self):
        k1 = self._k1
        return tuple(k1['strides']) if k1['strides'] is not None else self._pool()

    def _channels_first(self):
        return self._k1.get('dim_ordering') == 'th'

    def _keras3_kwargs(self, k1):
        _theano.pool_padding(2, k1['border_mode'])  # validates border_mode
        return {}

    def call(self, x):
        x4 = _theano.channels_last_of(x) if self._channels_first() else x
        spatial = [int(d) if d is not None else None for d in x4.shape[1:-1]]
        pads = [(p, p) for p in (_theano.pool_padding(k, self._k1['border_mode']) for k in self._pool())]
        window, strides = list(self._pool()), list(self._strides())
        if None not in spatial and any(n + 2 * p < k for n, (p, _), k in zip(spatial, pads, window)):
            # Theano pool2d(ignore_border=True) with a window wider than the (padded) input: no rows
            # (keras 1.2.2 conv_output_length gives 0); TensorFlow's pooling refuses instead
            lengths = [max(0, _theano.output_length(n, k, self._k1['border_mode'], st))
                       for n, k, st in zip(spatial, window, strides)]
            empty = tf.zeros([tf.shape(x4)[0]] + lengths + [tf.shape(x4)[-1]], x4.dtype)
            return _theano.to_channels_first(empty) if self._channels_first() else empty
        if self.mode == 'max':
            padded = _theano.pad_channels_last(x4, pads, value=x4.dtype.min)
            # tf.nn.max_pool/avg_pool: unlike tf.nn.pool they allow stride > window, as Theano did
            y = tf.nn.max_pool(padded, window, strides, 'VALID')
        else:  # Theano 'average_exc_pad': padded cells are left out of each mean
            total = tf.nn.avg_pool(_theano.pad_channels_last(x4, pads), window, strides, 'VALID')
            if any(p for p, _ in pads):
                count = tf.nn.avg_pool(_theano.pad_channels_last(tf.ones_like(x4[:1]), pads), window, strides,
                                       'VALID')
                total = total / count
            y = total
        if self._k1['border_mode'] == 'same':
            y = _theano.crop_channels_last(y, spatial, strides)
        return _theano.as_channels_first(y) if self._channels_first() else y

    def compute_output_shape(self, input_shape):
        shape = tuple(input_shape)
        spatial = shape[2:] if self._channels_first() else shape[1:-1]
        out = tuple(_theano.output_length(n, k, self._k1['border_mode'], s)
                    for n, k, s in zip(spatial, self._pool(), self._strides()))
        if self._channels_first():
            return (shape[0], shape[1]) + out
        return (shape[0],) + out + (shape[-1],)


class _Pooling1D(_Pooling):
    """keras 1.2.2 _Pooling1D(pool_length=2, stride=None, border_mode='valid') on (samples, steps, features)."""
    rank = 1

    def _pool(self):
        return (self._k1['pool_length'],)

    def _strides(self):
        stride = self._k1['stride']
        return (stride if stride is not None else self._k1['pool_length'],)

    def _channels_first(self):
        return False


class MaxPooling1D(_Pooling1D):
    """keras 1.2.2 MaxPooling1D."""


class AveragePooling1D(_Pooling1D):
    """keras 1.2.2 AveragePooling1D."""
    mode = 'avg'


class MaxPooling2D(_Pooling):
    """keras 1.2.2 MaxPooling2D(pool_size=(2, 2), strides=None, border_mode='valid', dim_ordering)."""

    def _config(self):
        return {'strides': list(self._strides())}


class AveragePooling2D(_Pooling):
    """keras 1.2.2 AveragePooling2D."""
    mode = 'avg'

    def _config(self):
        return {'strides': list(self._strides())}


class MaxPooling3D(_Pooling):
    """keras 1.2.2 MaxPooling3D(pool_size=(2, 2, 2), strides=None, border_mode='valid', dim_ordering)
    (theano_backend.py pool3d: Theano padding, ignore_border, crop for 'same')."""
    rank = 3


class AveragePooling3D(_Pooling):
    """keras 1.2.2 AveragePooling3D: 'average_exc_pad' as pool3d."""
    rank = 3
    mode = 'avg'


class _GlobalPooling(Keras1Layer, keras.layers.Layer):
    """Mean or max over all spatial axes (keras 1.2.2 pooling.py _GlobalPooling1D/2D)."""
    reduce = staticmethod(tf.reduce_mean)

    def _axes(self, ndim):
        if self._k1.get('dim_ordering') == 'th':
            return list(range(2, ndim))
        return list(range(1, ndim - 1))

    def call(self, x):
        return self.reduce(x, axis=self._axes(len(x.shape)))

    def compute_output_shape(self, input_shape):
        axes = self._axes(len(input_shape))
        return tuple(d for i, d in enumerate(input_shape) if i not in axes)


class GlobalAveragePooling1D(_GlobalPooling):
    """keras 1.2.2 GlobalAveragePooling1D."""


class GlobalMaxPooling1D(_GlobalPooling):
    """keras 1.2.2 GlobalMaxPooling1D."""
    reduce = staticmethod(tf.reduce_max)


class GlobalAveragePooling2D(_GlobalPooling):
    """keras 1.2.2 GlobalAveragePooling2D(dim_ordering)."""


class GlobalMaxPooling2D(_GlobalPooling):
    """keras 1.2.2 GlobalMaxPooling2D(dim_ordering)."""
    reduce = staticmethod(tf.reduce_max)


class GlobalAveragePooling3D(_GlobalPooling):
    """keras 1.2.2 GlobalAveragePooling3D(dim_ordering): mean over the three spatial axes."""


class GlobalMaxPooling3D(_GlobalPooling):
    """keras 1.2.2 GlobalMaxPooling3D(dim_ordering): max over the three spatial axes."""
    reduce = staticmethod(tf.reduce_max)

from compat.keras._reexports import reexported  # noqa: E402

__getattr__ = reexported(__name__)
