"""Keras 1.2.2 ``keras.layers.convolutional`` on Keras 3, with Theano numerics.

What Keras 1 with Theano did, and compat reproduces:

- kernels are stored 'th' ``(nb_filter, stack, rows, cols)`` (or 'tf'
  ``(rows, cols, stack, nb_filter)``) and applied as a *true* convolution
  (Theano ``filter_flip=True``): the Keras 3 kernel is the Keras 1 kernel
  flipped on its spatial axes. ``get_weights``/``set_weights`` convert;
  ``set_weights(..., backend='tensorflow')`` takes kernels saved by Keras 1's
  TensorFlow backend (no flip);
- 'th' tensors stay channels-first between layers (so Flatten, Reshape and
  Permute see Keras 1's layout); each convolution computes channels-last
  internally, because TensorFlow has no channels-first convolution on CPU,
  and hands the channels-last result on to the next layer (``_theano``:
  layout);
- Theano 'same'/'full' borders (see ``_theano``).

>>> from compat.keras.layers.convolutional import Convolution2D
>>> conv = Convolution2D(8, 3, 3, border_mode='same', input_shape=(3, 20, 20))
>>> conv.get_config()['nb_row'], conv.get_config()['border_mode']
(3, 'same')
"""
import numpy as np

from compat._keras3 import keras, tf
from compat.keras import constraints
from compat.keras.engine.arguments import INIT
from compat.keras.engine.topology import Keras1Layer
from compat.keras.layers import _theano


class _TheanoConv(Keras1Layer):
    """Shared body of the Keras 1 convolutions (n spatial axes)."""
    rank = 2

    # -- Keras 1 view of the arguments ------------------------------------------
    def _kernel_size(self, k1):
        return (k1['nb_row'], k1['nb_col'])

    def _strides(self, k1):
        return tuple(k1['subsample'])

    def _dilation(self, k1):
        return tuple(k1.get('atrous_rate') or (1,) * self.rank)

    def _channels_first(self):
        return self._k1.get('dim_ordering', 'tf') == 'th'

    def _keras3_kwargs(self, k1):
        if k1['border_mode'] not in ('valid', 'same', 'full'):
            raise ValueError("%s(border_mode=%r): Keras 1 accepts 'valid', 'same' or 'full'"
                             % (type(self).__name__, k1['border_mode']))
        return {'kernel_size': self._kernel_size(k1), 'strides': self._strides(k1),
                'dilation_rate': self._dilation(k1), 'padding': 'valid',
                'data_format': 'channels_last'}

    def _pads(self):
        k1 = self._k1
        return [_theano.conv_padding(k, k1['border_mode'], d)
                for k, d in zip(self._kernel_size(k1), self._dilation(k1))]

    # -- Keras 3 hooks ------------------------------------------------------------
    def _keras1_kernel_shape(self, channels):
        k1 = self._k1
        if self._channels_first():
            return (k1['nb_filter'], channels) + self._kernel_size(k1)
        return self._kernel_size(k1) + (channels, k1['nb_filter'])

    def _init_dim_ordering(self):
        return self._k1['dim_ordering']

    def build(self, input_shape):
        shape = tuple(input_shape)
        if self._channels_first():
            shape = (shape[0],) + shape[2:] + (shape[1],)
        # keras 1.2.2 conv build: W drawn in its Keras 1 shape (fans from that shape, NumPy's RNG),
        # then flipped/transposed into the storage layout
        init, k1_shape = INIT(self._k1['init']), self._keras1_kernel_shape(int(shape[-1]))
        ordering = self._init_dim_ordering()
        self.kernel_initializer = lambda _shape, dtype=None: self._kernel_from_keras1(
            np.asarray(init(k1_shape, dim_ordering=ordering)))
        if self._channels_first() and self.kernel_constraint is not None:
            self.kernel_constraint = constraints.in_layout(self.kernel_constraint, (2, 3, 1, 0))
        super().build(shape)
        self.input_spec = keras.InputSpec(ndim=self.rank + 2)

    def call(self, x):
        if self._channels_first():
            x = _theano.channels_last_of(x)
        spatial = [int(d) if d is not None else None for d in x.shape[1:-1]]
        y = super().call(_theano.pad_channels_last(x, self._pads()))
        if self._k1['border_mode'] == 'same':
            y = _theano.crop_channels_last(y, spatial, self._strides(self._k1))
        return _theano.as_channels_first(y) if self._channels_first() else y

    def compute_output_shape(self, input_shape):
        k1 = self._k1
        shape = tuple(input_shape)
        spatial = shape[2:] if self._channels_first() else shape[1:-1]
        out = tuple(_theano.output_length(n, k, k1['border_mode'], s, d) for n, k, s, d in zip(
            spatial, self._kernel_size(k1), self._strides(k1), self._dilation(k1)))
        filters = k1['nb_filter']
        return (shape[0], filters) + out if self._channels_first() else (shape[0],) + out + (filters,)

    # -- weights ------------------------------------------------------------------
    def _kernel_to_keras1(self, kernel):
        raise NotImplementedError

    def _kernel_from_keras1(self, w):
        raise NotImplementedError

    def _to_keras1(self, arrays):
        return [self._kernel_to_keras1(arrays[0])] + arrays[1:]

    def _from_keras1(self, arrays, backend='theano'):
        w = arrays[0]
        if backend == 'tensorflow':
            w = self._flip(w)  # TF backend kernels were correlations: flip to Theano's convention
        elif backend != 'theano':
            raise ValueError("backend must be 'theano' or 'tensorflow', got %r" % (backend,))
        return [self._kernel_from_keras1(w)] + arrays[1:]

    def _flip(self, w):
        raise NotImplementedError


class Convolution2D(_TheanoConv, keras.layers.Conv2D):
    """keras 1.2.2 layers/convolutional.py Convolution2D(nb_filter, nb_row, nb_col, ...)."""

    def _kernel_from_keras1(self, w):
        if self._channels_first():  # (out, in, r, c) true conv -> (r, c, in, out) correlation
            return w[:, :, ::-1, ::-1].transpose(2, 3, 1, 0)
        return w[::-1, ::-1]

    def _kernel_to_keras1(self, kernel):
        if self._channels_first():
            return np.ascontiguousarray(kernel.transpose(3, 2, 0, 1)[:, :, ::-1, ::-1])
        return np.ascontiguousarray(kernel[::-1, ::-1])

    def _flip(self, w):
        return w[:, :, ::-1, ::-1] if self._channels_first() else w[::-1, ::-1]


class AtrousConvolution2D(Convolution2D):
    """keras 1.2.2 AtrousConvolution2D: Convolution2D with ``atrous_rate`` (dilation)."""


class Convolution1D(_TheanoConv, keras.layers.Conv1D):
    """keras 1.2.2 layers/convolutional.py Convolution1D(nb_filter, filter_length, ...).

    Keras 1 ran it as a 'tf'-ordered 2-D convolution with kernel
    ``(filter_length, 1, input_dim, nb_filter)``; Theano flipped it along the
    filter length.
    """
    rank = 1

    def _kernel_size(self, k1):
        return (k1['filter_length'],)

    def _strides(self, k1):
        return (k1['subsample_length'],)

    def _dilation(self, k1):
        return (k1.get('atrous_rate') or 1,)

    def _channels_first(self):
        return False

    def _keras1_kernel_shape(self, channels):
        return (self._k1['filter_length'], 1, channels, self._k1['nb_filter'])

    def _init_dim_ordering(self):
        return 'th'  # keras 1.2.2 Convolution1D.build: functools.partial(self.init, dim_ordering='th')

    def _kernel_from_keras1(self, w):
        return w[::-1, 0]

    def _kernel_to_keras1(self, kernel):
        return np.ascontiguousarray(kernel[::-1, None])

    def _flip(self, w):
        return w[::-1]


class AtrousConvolution1D(Convolution1D):
    """keras 1.2.2 AtrousConvolution1D: Convolution1D with ``atrous_rate``."""


def _data_format(k1):
    return 'channels_first' if k1.get('dim_ordering') == 'th' else 'channels_last'


class ZeroPadding1D(Keras1Layer, keras.layers.ZeroPadding1D):
    """keras 1.2.2 ZeroPadding1D(padding=1): an int, (left, right) or {'left_pad', 'right_pad'}."""

    def _keras3_kwargs(self, k1):
        p = k1['padding']
        if isinstance(p, dict):
            unknown = set(p) - {'left_pad', 'right_pad'}
            if unknown:
                raise ValueError('ZeroPadding1D(padding=dict): unknown keys %s; use left_pad, right_pad'
                                 % sorted(unknown))
            p = (p.get('left_pad', 0), p.get('right_pad', 0))
        return {'padding': tuple(p) if isinstance(p, (list, tuple)) else p}


class ZeroPadding2D(Keras1Layer, keras.layers.ZeroPadding2D):
    """keras 1.2.2 ZeroPadding2D(padding=(1, 1), dim_ordering): 2-tuple, 4-tuple or dict."""

    def _keras3_kwargs(self, k1):
        p = k1['padding']
        if isinstance(p, dict):
            unknown = set(p) - {'top_pad', 'bottom_pad', 'left_pad', 'right_pad'}
            if unknown:
                raise ValueError('ZeroPadding2D(padding=dict): unknown keys %s; use top_pad, bottom_pad, '
                                 'left_pad, right_pad' % sorted(unknown))
            p = ((p.get('top_pad', 0), p.get('bottom_pad', 0)), (p.get('left_pad', 0), p.get('right_pad', 0)))
        elif len(p) == 4:  # keras 1.2.2: (top, bottom, left, right)
            p = ((p[0], p[1]), (p[2], p[3]))
        elif len(p) != 2:
            raise ValueError('ZeroPadding2D(padding=%r): give 2 ints, 4 ints or a dict' % (p,))
        return {'padding': tuple(p), 'data_format': _data_format(k1)}

    def call(self, x):
        if self.data_format == 'channels_first' and _theano.has_channels_last(x):  # _theano: layout
            return _theano.as_channels_first(_theano.pad_channels_last(_theano.channels_last_of(x), self.padding))
        return super().call(x)


class UpSampling1D(Keras1Layer, keras.layers.UpSampling1D):
    """keras 1.2.2 UpSampling1D(length=2)."""

    def _keras3_kwargs(self, k1):
        return {'size': k1['length']}


class UpSampling2D(Keras1Layer, keras.layers.UpSampling2D):
    """keras 1.2.2 UpSampling2D(size=(2, 2), dim_ordering): nearest-neighbour repeat."""

    def _keras3_kwargs(self, k1):
        return {'size': tuple(k1['size']), 'data_format': _data_format(k1)}


class Cropping1D(Keras1Layer, keras.layers.Cropping1D):
    """keras 1.2.2 Cropping1D(cropping=(1, 1)).

    Keras 1 cropped by slicing, so cropping a sequence down to length 0 was
    allowed (its own test does it); Keras 3 refuses, so compat slices itself.
    """

    def _keras3_kwargs(self, k1):
        return {'cropping': tuple(k1['cropping'])}

    def call(self, x):
        # keras 1.2.2 Cropping1D.call: x[:, cropping[0]:length - cropping[1], :]
        start, end = self.cropping
        return x[:, start:tf.shape(x)[1] - end, :]

    def compute_output_shape(self, input_shape):
        # keras 1.2.2 Cropping1D.get_output_shape_for
        length = input_shape[1]
        if length is not None:
            length = length - self.cropping[0] - self.cropping[1]
        return (input_shape[0], length, input_shape[2])


class Cropping2D(Keras1Layer, keras.layers.Cropping2D):
    """keras 1.2.2 Cropping2D(cropping=((0, 0), (0, 0)), dim_ordering)."""

    def _keras3_kwargs(self, k1):
        return {'cropping': tuple(tuple(c) for c in k1['cropping']), 'data_format': _data_format(k1)}


# keras 1.2.2 keeps these in keras.layers.convolutional too (defined in convolutional_extra)
from compat.keras.layers.convolutional_extra import (AveragePooling3D, Conv3D, Convolution3D, Cropping3D,  # noqa: E402,F401
                                                     Deconv2D, Deconvolution2D, MaxPooling3D, SeparableConv2D,
                                                     SeparableConvolution2D, UpSampling3D, ZeroPadding3D)

# keras 1.2.2 layers/convolutional.py imports the pooling layers and defines the short aliases
from compat.keras.layers.pooling import (AveragePooling1D, AveragePooling2D, MaxPooling1D,  # noqa: E402,F401
                                         MaxPooling2D)
Conv1D = Convolution1D
Conv2D = Convolution2D
AtrousConv1D = AtrousConvolution1D
AtrousConv2D = AtrousConvolution2D

from compat.keras._reexports import reexported  # noqa: E402

__getattr__ = reexported(__name__)
