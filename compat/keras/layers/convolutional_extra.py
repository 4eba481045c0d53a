"""The rest of Keras 1.2.2 ``keras.layers.convolutional``: 3-D layers, Deconvolution2D, SeparableConvolution2D.

Same conventions as ``convolutional``: 'th' tensors stay channels-first
between layers, the arithmetic runs channels-last, kernels are Theano's
(true convolutions, flipped for TensorFlow) and border modes are Theano's
(see ``_theano``). SeparableConvolution2D is the exception: Keras 1.2.2's
Theano backend raised NotImplementedError for it (theano_backend.py
separable_conv2d), so compat follows the only Keras 1 backend that ran it,
TensorFlow (tensorflow_backend.py separable_conv2d: correlation, TF padding).

>>> from compat.keras.layers.convolutional_extra import Convolution3D
>>> Convolution3D(4, 3, 3, 3, input_shape=(2, 8, 8, 8)).get_config()['kernel_dim1']
3
"""
import numpy as np

from compat._keras3 import keras, tf
from compat.keras.engine import arguments
from compat.keras.engine.topology import Keras1Layer
from compat.keras.layers import _theano
from compat.keras.layers.convolutional import _TheanoConv, _data_format
from compat.keras.layers.pooling import _Pooling


def _renamed(k1, table):
    """Keras 3 keywords for the Keras 1 arguments found in ``table`` (arguments.RENAMES format)."""
    return {new: (convert(k1[key]) if convert is not None and k1[key] is not None else k1[key])
            for key, (new, convert) in table.items() if key in k1}


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


class Deconvolution2D(Keras1Layer, keras.layers.Conv2DTranspose):
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

    def _channels_first(self):
        return self._k1['dim_ordering'] == 'th'

    def _out_rows_cols(self):
        shape = self._k1['output_shape']
        return tuple(shape[2:4]) if self._channels_first() else tuple(shape[1:3])

    def build(self, input_shape):
        shape = tuple(input_shape)
        if self._channels_first():
            shape = (shape[0],) + shape[2:] + (shape[1],)
        super().build(shape)
        self.input_spec = keras.InputSpec(ndim=4)

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


class SeparableConvolution2D(Keras1Layer, keras.layers.SeparableConv2D):
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
        table = {'nb_filter': ('filters', None), 'init': ('depthwise_initializer', arguments.INIT),
                 'activation': ('activation', arguments.ACTIVATION),
                 'depthwise_regularizer': ('depthwise_regularizer', arguments.REGULARIZER),
                 'pointwise_regularizer': ('pointwise_regularizer', arguments.REGULARIZER),
                 'b_regularizer': ('bias_regularizer', arguments.REGULARIZER),
                 'activity_regularizer': ('activity_regularizer', arguments.REGULARIZER),
                 'depthwise_constraint': ('depthwise_constraint', arguments.CONSTRAINT),
                 'pointwise_constraint': ('pointwise_constraint', arguments.CONSTRAINT),
                 'b_constraint': ('bias_constraint', arguments.CONSTRAINT), 'bias': ('use_bias', None),
                 'depth_multiplier': ('depth_multiplier', None)}
        out = _renamed(k1, table)
        out['pointwise_initializer'] = out['depthwise_initializer']  # keras 1.2.2: one `init` for both
        return dict(out, kernel_size=(k1['nb_row'], k1['nb_col']), strides=tuple(k1['subsample']),
                    padding=k1['border_mode'], data_format='channels_last')

    def _channels_first(self):
        return self._k1['dim_ordering'] == 'th'

    def build(self, input_shape):
        shape = tuple(input_shape)
        if self._channels_first():
            shape = (shape[0],) + shape[2:] + (shape[1],)
        super().build(shape)
        self.input_spec = keras.InputSpec(ndim=4)

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


class MaxPooling3D(_Pooling):
    """keras 1.2.2 MaxPooling3D(pool_size=(2, 2, 2), strides=None, border_mode='valid', dim_ordering)
    (theano_backend.py pool3d: Theano padding, ignore_border, crop for 'same')."""
    rank = 3


class AveragePooling3D(_Pooling):
    """keras 1.2.2 AveragePooling3D: 'average_exc_pad' as pool3d."""
    rank = 3
    mode = 'avg'


class ZeroPadding3D(Keras1Layer, keras.layers.ZeroPadding3D):
    """keras 1.2.2 ZeroPadding3D(padding=(1, 1, 1), dim_ordering): symmetric zeros on each spatial axis."""

    def _keras3_kwargs(self, k1):
        p = k1['padding']
        if len(p) != 3:
            raise ValueError('ZeroPadding3D(padding=%r): give 3 ints (one per spatial axis)' % (p,))
        return {'padding': tuple((int(a), int(a)) for a in p), 'data_format': _data_format(k1)}


class UpSampling3D(Keras1Layer, keras.layers.UpSampling3D):
    """keras 1.2.2 UpSampling3D(size=(2, 2, 2), dim_ordering): nearest-neighbour repeat (resize_volumes)."""

    def _keras3_kwargs(self, k1):
        return {'size': tuple(k1['size']), 'data_format': _data_format(k1)}


class Cropping3D(Keras1Layer, keras.layers.Cropping3D):
    """keras 1.2.2 Cropping3D(cropping=((1, 1), (1, 1), (1, 1)), dim_ordering)."""

    def _keras3_kwargs(self, k1):
        return {'cropping': tuple(tuple(c) for c in k1['cropping']), 'data_format': _data_format(k1)}


# keras 1.2.2 aliases
Conv3D, Deconv2D, SeparableConv2D = Convolution3D, Deconvolution2D, SeparableConvolution2D
