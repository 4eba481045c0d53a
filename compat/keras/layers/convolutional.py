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

SeparableConvolution2D is the exception: Keras 1.2.2's Theano backend raised NotImplementedError for
it (theano_backend.py separable_conv2d), so compat follows the only Keras 1 backend that ran it,
TensorFlow (tensorflow_backend.py separable_conv2d: correlation, TF padding).

>>> from compat.keras.layers.convolutional import Convolution2D
>>> conv = Convolution2D(8, 3, 3, border_mode='same', input_shape=(3, 20, 20))
>>> conv.get_config()['nb_row'], conv.get_config()['border_mode']
(3, 'same')
"""
import numpy as np

from compat._keras3 import keras, tf
from compat.keras import constraints
from compat.keras.engine.arguments import ACTIVATION, CONSTRAINT, INIT, REGULARIZER
from compat.keras.engine.topology import Keras1Layer
from compat.keras.layers import _theano
# keras 1.2.2 layers/convolutional.py imports the pooling layers
from compat.keras.layers.pooling import (AveragePooling1D, AveragePooling2D, AveragePooling3D,  # noqa: F401
                                         MaxPooling1D, MaxPooling2D, MaxPooling3D)


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


def _renamed(k1, table):
    """Keras 3 keywords for the Keras 1 arguments found in ``table`` (the format of arguments.RENAMES)."""
    return {new: (convert(k1[key]) if convert is not None and k1[key] is not None else k1[key])
            for key, (new, convert) in table.items() if key in k1}


class _ChannelsLast2D(Keras1Layer):
    """A 2-D layer whose Keras 3 base is built channels-last, whatever the Keras 1 ``dim_ordering``."""

    def _channels_first(self):
        return self._k1['dim_ordering'] == 'th'

    def build(self, input_shape):
        shape = tuple(input_shape)
        if self._channels_first():
            shape = (shape[0],) + shape[2:] + (shape[1],)
        super().build(shape)
        self.input_spec = keras.InputSpec(ndim=4)


class Deconvolution2D(_ChannelsLast2D, keras.layers.Conv2DTranspose):
    """keras 1.2.2 Deconvolution2D(nb_filter, nb_row, nb_col, output_shape, ...).

    Theano computed it as the gradient of a *true* convolution
    (theano_backend.py deconv2d: ``AbstractConv2d_gradInputs``, filter_flip)
    whose kernel is the Keras 1 kernel ``(nb_filter, stack, rows, cols)`` with
    its first two axes swapped; the output size is the given ``output_shape``.
    compat runs TensorFlow's transposed convolution (a correlation's
    gradient) on the flipped kernel, over the padded output, then cuts
    Theano's 'half' padding off.
    """

    def _keras3_kwargs(self, k1):
        if k1['border_mode'] not in ('valid', 'same'):
            raise ValueError("Deconvolution2D(border_mode=%r): Keras 1 accepts 'valid' or 'same'"
                             % (k1['border_mode'],))
        shape = k1['output_shape']
        if shape is None or len(shape) != 4:
            raise ValueError('Deconvolution2D(output_shape=%r): give the 4-D output shape including the batch '
                             'axis, e.g. (None, 3, 14, 14) for dim_ordering="th"' % (shape,))
        # (filters, init, regularizers...: the row's forwarded arguments, compat/spec/layers.py)
        return dict(kernel_size=(k1['nb_row'], k1['nb_col']), strides=tuple(k1['subsample']),
                    padding='valid', data_format='channels_last')

    def _out_rows_cols(self):
        shape = self._k1['output_shape']
        return tuple(shape[2:4]) if self._channels_first() else tuple(shape[1:3])

    def call(self, x):
        k1 = self._k1
        if self._channels_first():
            x = _theano.to_channels_last(x)
        pads = [_theano.conv_padding(k, k1['border_mode']) for k in (k1['nb_row'], k1['nb_col'])]
        rows, cols = self._out_rows_cols()
        full = (rows + 2 * pads[0][0], cols + 2 * pads[1][0])
        batch = tf.shape(x)[0]
        y = tf.nn.conv2d_transpose(x, self.kernel, tf.stack([batch, full[0], full[1], k1['nb_filter']]),
                                   strides=(1,) + tuple(k1['subsample']) + (1,), padding='VALID')
        y = y[:, pads[0][0]:pads[0][0] + rows, pads[1][0]:pads[1][0] + cols, :]
        if self.use_bias:
            y = y + self.bias
        if self.activation is not None:
            y = self.activation(y)
        return _theano.to_channels_first(y) if self._channels_first() else y

    def compute_output_shape(self, input_shape):
        rows, cols = self._out_rows_cols()
        f = self._k1['nb_filter']
        return (input_shape[0], f, rows, cols) if self._channels_first() else (input_shape[0], rows, cols, f)

    def _to_keras1(self, arrays):
        # Keras 3 (rows, cols, nb_filter, stack) correlation -> Keras 1 'th' (nb_filter, stack, rows, cols)
        k = arrays[0][::-1, ::-1]
        k = k.transpose(2, 3, 0, 1) if self._channels_first() else k.transpose(0, 1, 3, 2)
        return [np.ascontiguousarray(k)] + arrays[1:]

    def _from_keras1(self, arrays, backend='theano'):
        w = arrays[0]
        if self._channels_first():
            w = w.transpose(2, 3, 0, 1)  # (nb_filter, stack, r, c) -> (r, c, nb_filter, stack)
        else:
            w = w.transpose(0, 1, 3, 2)  # (r, c, stack, nb_filter) -> (r, c, nb_filter, stack)
        if backend == 'theano':
            w = w[::-1, ::-1]
        elif backend != 'tensorflow':
            raise ValueError("backend must be 'theano' or 'tensorflow', got %r" % (backend,))
        return [w] + arrays[1:]


class SeparableConvolution2D(_ChannelsLast2D, keras.layers.SeparableConv2D):
    """keras 1.2.2 SeparableConvolution2D(nb_filter, nb_row, nb_col, depth_multiplier=1, ...).

    TensorFlow-backend numerics (the Theano backend had none): correlation,
    TensorFlow 'same' padding. Keras 1 'th' weights: depthwise
    ``(depth_multiplier, stack, rows, cols)``, pointwise
    ``(nb_filter, depth_multiplier * stack, 1, 1)``, bias.
    """

    def _keras3_kwargs(self, k1):
        if k1['border_mode'] not in ('valid', 'same'):
            raise ValueError("SeparableConvolution2D(border_mode=%r): Keras 1 accepts 'valid' or 'same'"
                             % (k1['border_mode'],))
        table = {'nb_filter': ('filters', None), 'init': ('depthwise_initializer', INIT),
                 'activation': ('activation', ACTIVATION),
                 'depthwise_regularizer': ('depthwise_regularizer', REGULARIZER),
                 'pointwise_regularizer': ('pointwise_regularizer', REGULARIZER),
                 'b_regularizer': ('bias_regularizer', REGULARIZER),
                 'activity_regularizer': ('activity_regularizer', REGULARIZER),
                 'depthwise_constraint': ('depthwise_constraint', CONSTRAINT),
                 'pointwise_constraint': ('pointwise_constraint', CONSTRAINT),
                 'b_constraint': ('bias_constraint', CONSTRAINT), 'bias': ('use_bias', None),
                 'depth_multiplier': ('depth_multiplier', None)}
        out = _renamed(k1, table)
        out['pointwise_initializer'] = out['depthwise_initializer']  # keras 1.2.2: one `init` for both
        return dict(out, kernel_size=(k1['nb_row'], k1['nb_col']), strides=tuple(k1['subsample']),
                    padding=k1['border_mode'], data_format='channels_last')

    def call(self, x):
        if self._channels_first():
            return _theano.to_channels_first(super().call(_theano.to_channels_last(x)))
        return super().call(x)

    def compute_output_shape(self, input_shape):
        # keras 1.2.2 SeparableConvolution2D.get_output_shape_for (conv_output_length, 'same'/'valid')
        k1, shape = self._k1, tuple(input_shape)
        spatial = shape[2:] if self._channels_first() else shape[1:3]
        out = tuple(_theano.output_length(n, k, k1['border_mode'], s)
                    for n, k, s in zip(spatial, (k1['nb_row'], k1['nb_col']), k1['subsample']))
        f = k1['nb_filter']
        return (shape[0], f) + out if self._channels_first() else (shape[0],) + out + (f,)

    def _to_keras1(self, arrays):
        if not self._channels_first():
            return arrays
        depthwise, pointwise = arrays[0], arrays[1]  # (r, c, in, dm), (1, 1, in*dm, f)
        return [np.ascontiguousarray(depthwise.transpose(3, 2, 0, 1)),
                np.ascontiguousarray(pointwise.transpose(3, 2, 0, 1))] + arrays[2:]

    def _from_keras1(self, arrays, backend='theano'):
        if not self._channels_first():
            return arrays
        # keras 1.2.2 tensorflow_backend._preprocess_conv2d_kernel: 'th' kernels transposed (2, 3, 1, 0)
        return [arrays[0].transpose(2, 3, 1, 0), arrays[1].transpose(2, 3, 1, 0)] + arrays[2:]


class Convolution3D(_TheanoConv, keras.layers.Conv3D):
    """keras 1.2.2 layers/convolutional.py Convolution3D(nb_filter, kernel_dim1, kernel_dim2, kernel_dim3, ...).

    Theano ``T.nnet.conv3d`` (keras 1.2.2 theano_backend.py conv3d) flips the
    kernel like conv2d; 'same' is Theano's 'half' with the even-kernel crop
    of _postprocess_conv3d_output.
    """
    rank = 3

    def _kernel_size(self, k1):
        return (k1['kernel_dim1'], k1['kernel_dim2'], k1['kernel_dim3'])

    def _dilation(self, k1):
        return (1, 1, 1)

    def _kernel_from_keras1(self, w):
        if self._channels_first():  # (out, in, d1, d2, d3) true conv -> (d1, d2, d3, in, out) correlation
            return w[:, :, ::-1, ::-1, ::-1].transpose(2, 3, 4, 1, 0)
        return w[::-1, ::-1, ::-1]

    def _kernel_to_keras1(self, kernel):
        if self._channels_first():
            return np.ascontiguousarray(kernel.transpose(4, 3, 0, 1, 2)[:, :, ::-1, ::-1, ::-1])
        return np.ascontiguousarray(kernel[::-1, ::-1, ::-1])

    def _flip(self, w):
        return w[:, :, ::-1, ::-1, ::-1] if self._channels_first() else w[::-1, ::-1, ::-1]


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


class ZeroPadding3D(Keras1Layer, keras.layers.ZeroPadding3D):
    """keras 1.2.2 ZeroPadding3D(padding=(1, 1, 1), dim_ordering): symmetric zeros on each spatial axis."""

    def _keras3_kwargs(self, k1):
        p = k1['padding']
        if len(p) != 3:
            raise ValueError('ZeroPadding3D(padding=%r): give 3 ints (one per spatial axis)' % (p,))
        return {'padding': tuple((int(a), int(a)) for a in p), 'data_format': _data_format(k1)}


class UpSampling1D(Keras1Layer, keras.layers.UpSampling1D):
    """keras 1.2.2 UpSampling1D(length=2)."""

    def _keras3_kwargs(self, k1):
        return {'size': k1['length']}


class UpSampling2D(Keras1Layer, keras.layers.UpSampling2D):
    """keras 1.2.2 UpSampling2D(size=(2, 2), dim_ordering): nearest-neighbour repeat."""

    def _keras3_kwargs(self, k1):
        return {'size': tuple(k1['size']), 'data_format': _data_format(k1)}


class UpSampling3D(Keras1Layer, keras.layers.UpSampling3D):
    """keras 1.2.2 UpSampling3D(size=(2, 2, 2), dim_ordering): nearest-neighbour repeat (resize_volumes)."""

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


class Cropping3D(Keras1Layer, keras.layers.Cropping3D):
    """keras 1.2.2 Cropping3D(cropping=((1, 1), (1, 1), (1, 1)), dim_ordering)."""

    def _keras3_kwargs(self, k1):
        return {'cropping': tuple(tuple(c) for c in k1['cropping']), 'data_format': _data_format(k1)}


# keras 1.2.2 aliases
Conv1D = Convolution1D
Conv2D = Convolution2D
Conv3D = Convolution3D
Deconv2D = Deconvolution2D
AtrousConv1D = AtrousConvolution1D
AtrousConv2D = AtrousConvolution2D
SeparableConv2D = SeparableConvolution2D

from compat.keras._reexports import reexported  # noqa: E402

__getattr__ = reexported(__name__)
