"""Activations, losses, dropout, convolutions and pooling (keras 1.2.2 backend).

Convolution follows Theano (keras 1.2.2 ``theano_backend.conv2d``): a true
convolution (the kernel is flipped), kernels in Keras 1 layout ('th':
(out, in, rows, cols); 'tf': (rows, cols, in, out)), and ``border_mode='same'``
meaning Theano's 'half' padding (k // 2 zeros on both sides) followed by a
crop to ceil(size / stride) for even kernels. Pooling 'same' follows
``theano_backend.pool2d``'s padding. TF on CPU cannot run NCHW convolutions,
so everything is computed in NHWC and transposed back.
"""
import numpy as np

from compat._keras3 import tf
from compat.keras.backend.common import epsilon, floatx
from compat.keras.backend._lift import symbolic
from compat.keras.backend._ops import _dim_ordering, _t

__all__ = ['relu', 'elu', 'softmax', 'softplus', 'softsign', 'sigmoid', 'hard_sigmoid', 'tanh',
           'categorical_crossentropy', 'sparse_categorical_crossentropy', 'binary_crossentropy',
           'dropout', 'l2_normalize', 'in_top_k', 'conv1d', 'conv2d', 'deconv2d',
           'atrous_conv2d', 'separable_conv2d', 'conv3d', 'pool2d', 'pool3d']


# ---------------------------------------------------------------- activations

@symbolic
def relu(x, alpha=0., max_value=None):
    """keras 1.2.2 theano_backend relu: T.nnet.relu(x, alpha) then min(x, max_value)."""
    x = _t(x)
    out = tf.nn.relu(x) if not alpha else tf.where(x > 0, x, alpha * x)
    if max_value is not None:
        out = tf.minimum(out, tf.cast(max_value, out.dtype))
    return out


@symbolic
def elu(x, alpha=1.0):
    x = _t(x)
    return tf.where(x > 0, x, alpha * (tf.exp(tf.minimum(x, 0.)) - 1.))


@symbolic
def softmax(x):
    """keras 1.2.2 softmax (T.nnet.softmax) over the last axis."""
    return tf.nn.softmax(_t(x), axis=-1)


@symbolic
def softplus(x):
    return tf.nn.softplus(_t(x))


@symbolic
def softsign(x):
    return tf.nn.softsign(_t(x))


@symbolic
def sigmoid(x):
    return tf.sigmoid(_t(x))


@symbolic
def hard_sigmoid(x):
    """keras 1.2.2 hard_sigmoid (T.nnet.hard_sigmoid): clip(0.2 * x + 0.5, 0, 1)."""
    x = _t(x)
    return tf.clip_by_value(0.2 * x + 0.5, 0., 1.)


@symbolic
def tanh(x):
    return tf.tanh(_t(x))


# ---------------------------------------------------------------- losses
# Keras 1 argument order: (output, target).

@symbolic
def categorical_crossentropy(output, target, from_logits=False):
    """keras 1.2.2 theano_backend categorical_crossentropy: rescale rows to sum
    to 1 (or softmax logits), clip to [eps, 1 - eps], -sum(target * log)."""
    output, target = _t(output), _t(target)
    if from_logits:
        output = tf.nn.softmax(output, axis=-1)
    else:
        output = output / tf.reduce_sum(output, axis=-1, keepdims=True)
    output = tf.clip_by_value(output, epsilon(), 1. - epsilon())
    return -tf.reduce_sum(tf.cast(target, output.dtype) * tf.math.log(output), axis=-1)


@symbolic
def sparse_categorical_crossentropy(output, target, from_logits=False):
    """keras 1.2.2 theano_backend sparse_categorical_crossentropy: integer targets
    (any shape with output's leading size) are one-hot encoded."""
    output = _t(output)
    target = tf.cast(tf.reshape(target, [-1]), 'int32')
    target = tf.reshape(tf.one_hot(target, tf.shape(output)[-1], dtype=output.dtype),
                        tf.shape(output))
    return categorical_crossentropy(output, target, from_logits)


@symbolic
def binary_crossentropy(output, target, from_logits=False):
    """keras 1.2.2 theano_backend binary_crossentropy: clip then
    -(t log o + (1 - t) log(1 - o)) (T.nnet.binary_crossentropy). The TF backend
    of Keras 1 went through logits instead; Theano's formula is kept."""
    output, target = _t(output), _t(target)
    if from_logits:
        output = tf.sigmoid(output)
    output = tf.clip_by_value(output, epsilon(), 1. - epsilon())
    target = tf.cast(target, output.dtype)
    return -(target * tf.math.log(output) + (1. - target) * tf.math.log(1. - output))


# ---------------------------------------------------------------- misc nn

@symbolic
def dropout(x, level, noise_shape=None, seed=None):
    """keras 1.2.2 theano_backend dropout: zero entries with probability ``level``
    and divide the kept ones by (1 - level). ``noise_shape`` (dims of 1
    broadcast) shares one keep/drop draw across those axes. The random stream
    differs from Theano's MRG generator."""
    if level < 0. or level >= 1:
        raise ValueError('dropout: level must be in [0, 1), got %r' % (level,))
    x = _t(x)
    retain = 1. - level
    shape = tf.shape(x) if noise_shape is None else tuple(noise_shape)
    keep = tf.cast(tf.random.uniform(shape, seed=seed) < retain, x.dtype)
    return x * keep / retain


@symbolic
def l2_normalize(x, axis):
    """keras 1.2.2 theano_backend l2_normalize: x / sqrt(sum(x**2)); no epsilon
    (the TF backend used tf.nn.l2_normalize, which has one)."""
    x = _t(x)
    return x / tf.sqrt(tf.reduce_sum(tf.square(x), axis=axis, keepdims=True))


@symbolic
def in_top_k(predictions, targets, k):
    """keras 1.2.2 in_top_k: whether targets[i] is among the k largest
    predictions[i]. Ties count as inside (TF semantics; Theano's argsort
    broke ties arbitrarily)."""
    return tf.math.in_top_k(tf.cast(targets, 'int32'), tf.cast(predictions, 'float32'), k)


# ---------------------------------------------------------------- convolution helpers

# 'tf'-layout kernel -> 'th' layout, per spatial rank (theano_backend
# _preprocess_conv2d_kernel / _preprocess_conv3d_kernel).
_TF_KERNEL_TO_TH = {2: (3, 2, 0, 1), 3: (4, 3, 0, 1, 2)}
# 'th' kernel (out, in, *spatial) -> TF filter (*spatial, in, out)
_TH_KERNEL_TO_TF = {2: (2, 3, 1, 0), 3: (2, 3, 4, 1, 0)}
_TO_CHANNELS_LAST = {2: (0, 2, 3, 1), 3: (0, 2, 3, 4, 1)}
_TO_CHANNELS_FIRST = {2: (0, 3, 1, 2), 3: (0, 4, 1, 2, 3)}
_TF_CONV = {2: tf.nn.conv2d, 3: tf.nn.conv3d}


def _theano_pad(border_mode, k, dilation):
    """Per-side zero padding of Theano's border modes (theano_backend
    _preprocess_border_mode: same -> 'half')."""
    dk = (k - 1) * dilation + 1
    table = {'valid': 0, 'same': dk // 2, 'full': dk - 1}
    if border_mode not in table:
        raise ValueError("border_mode must be 'valid', 'same' or 'full', got %r" % (border_mode,))
    return table[border_mode]


def _to_th_kernel(kernel, ordering, nsp):
    kernel = _t(kernel)
    if kernel.shape.rank != nsp + 2:
        raise ValueError('conv: kernel must be %d-D, got shape %s' % (nsp + 2, kernel.shape))
    return kernel if ordering == 'th' else tf.transpose(kernel, _TF_KERNEL_TO_TH[nsp])


def _theano_conv(x, kernel, strides, border_mode, dim_ordering, dilation, nsp):
    """Theano T.nnet.conv2d/conv3d (filter_flip=True) + keras 1.2.2
    _postprocess_conv2d_output's crop for even kernels with 'same'."""
    ordering = _dim_ordering(dim_ordering)
    x = _t(x)
    th_kernel = _to_th_kernel(kernel, ordering, nsp)
    x = tf.cast(x, th_kernel.dtype) if x.dtype != th_kernel.dtype else x
    ksize = th_kernel.shape[2:]
    strides, dilation = tuple(strides), tuple(dilation)
    # true convolution: flip every spatial axis, then cross-correlate
    flt = tf.transpose(tf.reverse(th_kernel, list(range(2, nsp + 2))), _TH_KERNEL_TO_TF[nsp])
    xl = tf.transpose(x, _TO_CHANNELS_LAST[nsp]) if ordering == 'th' else x
    pads = [_theano_pad(border_mode, k, d) for k, d in zip(ksize, dilation)]
    xl = tf.pad(xl, [[0, 0]] + [[p, p] for p in pads] + [[0, 0]])
    dilated = any(d > 1 for d in dilation)
    step = (1,) * nsp if dilated else strides  # TF refuses strides with dilation
    out = _TF_CONV[nsp](xl, flt, strides=(1,) + step + (1,), padding='VALID',
                        dilations=(1,) + dilation + (1,))
    if dilated and any(s > 1 for s in strides):
        out = out[(slice(None),) + tuple(slice(None, None, s) for s in strides)]
    if border_mode == 'same':
        in_sizes = tf.shape(x)[2:] if ordering == 'th' else tf.shape(x)[1:-1]
        crop = [slice(None)]
        for i, (k, s) in enumerate(zip(ksize, strides)):
            crop.append(slice(None, (in_sizes[i] + s - 1) // s) if k % 2 == 0 else slice(None))
        out = out[tuple(crop)]
    return tf.transpose(out, _TO_CHANNELS_FIRST[nsp]) if ordering == 'th' else out


# ---------------------------------------------------------------- convolutions

@symbolic
def conv2d(x, kernel, strides=(1, 1), border_mode='valid', dim_ordering='default',
           image_shape=None, filter_shape=None, filter_dilation=(1, 1)):
    """keras 1.2.2 theano_backend conv2d (see module docstring). Theano-backend
    fidelity: 'tf'-ordered kernels are flipped too, as Theano did."""
    return _theano_conv(x, kernel, strides, border_mode, dim_ordering, filter_dilation, 2)


@symbolic
def conv3d(x, kernel, strides=(1, 1, 1), border_mode='valid', dim_ordering='default',
           volume_shape=None, filter_shape=None, filter_dilation=(1, 1, 1)):
    """keras 1.2.2 theano_backend conv3d (T.nnet.conv3d, flipped kernel)."""
    return _theano_conv(x, kernel, strides, border_mode, dim_ordering, filter_dilation, 3)


@symbolic
def atrous_conv2d(x, kernel, rate=1, border_mode='valid', dim_ordering='default',
                  image_shape=None, filter_shape=None):
    """Dilated conv. theano_backend.atrous_conv2d raised NotImplementedError; Keras 1's
    AtrousConvolution2D on Theano called conv2d(filter_dilation=rate), which is
    what this does."""
    return _theano_conv(x, kernel, (1, 1), border_mode, dim_ordering, (rate, rate), 2)


@symbolic
def deconv2d(x, kernel, output_shape, strides=(1, 1), border_mode='valid',
             dim_ordering='default', image_shape=None, filter_shape=None):
    """keras 1.2.2 theano_backend deconv2d: the gradient of Theano's conv2d with
    the kernel transposed (1, 0, 2, 3) w.r.t. its input of ``output_shape``,
    then Keras 1's 'same' crop for even kernels, measured on x (as Keras 1 did)."""
    ordering = _dim_ordering(dim_ordering)
    x = _t(x)
    th_kernel = _to_th_kernel(kernel, ordering, 2)
    ksize = th_kernel.shape[2:]
    output_shape = list(output_shape)
    if ordering == 'th':
        output_shape = [output_shape[0], output_shape[2], output_shape[3], output_shape[1]]
    if output_shape[0] is None:
        output_shape[0] = tf.shape(x)[0]
    # forward conv maps y (nb_filter channels) to x: th kernel (x_ch, y_ch, r, c)
    # flipped -> TF filter (r, c, y_ch, x_ch), the layout conv2d_transpose wants.
    fwd = tf.reverse(tf.transpose(th_kernel, (1, 0, 2, 3)), [2, 3])
    flt = tf.transpose(fwd, (2, 3, 1, 0))
    xl = tf.transpose(x, (0, 2, 3, 1)) if ordering == 'th' else x
    pads = [_theano_pad(border_mode, k, 1) for k in ksize]
    out = tf.nn.conv2d_transpose(xl, flt, tf.stack(output_shape), (1,) + tuple(strides) + (1,),
                                 padding=[[0, 0], [pads[0], pads[0]], [pads[1], pads[1]], [0, 0]])
    if border_mode == 'same':
        in_sizes = tf.shape(xl)[1:3]
        crop = [slice(None)]
        for i, (k, s) in enumerate(zip(ksize, strides)):
            crop.append(slice(None, (in_sizes[i] + s - 1) // s) if k % 2 == 0 else slice(None))
        out = out[tuple(crop)]
    return tf.transpose(out, (0, 3, 1, 2)) if ordering == 'th' else out


_TF_PADDING = {'same': 'SAME', 'valid': 'VALID'}


def _tf_padding(border_mode):
    if border_mode not in _TF_PADDING:
        raise ValueError("border_mode must be 'same' or 'valid', got %r" % (border_mode,))
    return _TF_PADDING[border_mode]


@symbolic
def conv1d(x, kernel, stride=1, border_mode='valid', image_shape=None, filter_shape=None):
    """keras 1.2.2 tensorflow_backend conv1d (theano_backend raised
    NotImplementedError): x (samples, steps, input_dim), kernel
    (filter_length, input_dim, nb_filter), cross-correlation with TF padding.
    Keras 1's Convolution1D layer did not use it (it reshapes to conv2d)."""
    return tf.nn.conv1d(_t(x), _t(kernel), stride, padding=_tf_padding(border_mode))


@symbolic
def separable_conv2d(x, depthwise_kernel, pointwise_kernel, strides=(1, 1),
                     border_mode='valid', dim_ordering='default'):
    """keras 1.2.2 tensorflow_backend separable_conv2d (Theano had none): kernels
    in 'th' layout are transposed (2, 3, 1, 0); cross-correlation, TF padding."""
    ordering = _dim_ordering(dim_ordering)
    x, dk, pk = _t(x), _t(depthwise_kernel), _t(pointwise_kernel)
    if ordering == 'th':
        x = tf.transpose(x, (0, 2, 3, 1))
        dk, pk = tf.transpose(dk, (2, 3, 1, 0)), tf.transpose(pk, (2, 3, 1, 0))
    out = tf.nn.separable_conv2d(x, dk, pk, (1,) + tuple(strides) + (1,),
                                 padding=_tf_padding(border_mode))
    return tf.transpose(out, (0, 3, 1, 2)) if ordering == 'th' else out


# ---------------------------------------------------------------- pooling

def _pool2d_pad(p):
    # keras 1.2.2 theano_backend pool2d 'same': odd sizes > 2 pad p - 2, others p - 1
    return p - 2 if p > 2 and p % 2 == 1 else p - 1


def _pool3d_pad(p):
    # keras 1.2.2 theano_backend pool3d 'same': odd sizes pad p - 2 (no "> 2"
    # guard there; size 1 would give -1, which Theano rejects: 0 here).
    return max(p - 2 if p % 2 == 1 else p - 1, 0)


_POOL_PAD = {2: _pool2d_pad, 3: _pool3d_pad}
_TF_POOL = {('max', 2): tf.nn.max_pool2d, ('max', 3): tf.nn.max_pool3d,
            ('avg', 2): tf.nn.avg_pool2d, ('avg', 3): tf.nn.avg_pool3d}


def _theano_pool(x, pool_size, strides, border_mode, dim_ordering, pool_mode, nsp):
    """Theano pool_2d/pool_3d(ignore_border=True, pad=...) with 'max' or
    'average_exc_pad' (padding excluded from averages), then Keras 1's crop
    to ceil(size / stride) for 'same'."""
    ordering = _dim_ordering(dim_ordering)
    if (pool_mode, nsp) not in _TF_POOL:
        raise ValueError("pool_mode must be 'max' or 'avg', got %r" % (pool_mode,))
    if border_mode not in ('same', 'valid'):
        raise ValueError("border_mode must be 'same' or 'valid', got %r" % (border_mode,))
    x = _t(x)
    xl = tf.transpose(x, _TO_CHANNELS_LAST[nsp]) if ordering == 'th' else x
    pads = [_POOL_PAD[nsp](p) if border_mode == 'same' else 0 for p in pool_size]
    paddings = [[0, 0]] + [[p, p] for p in pads] + [[0, 0]]
    window, step = tuple(pool_size), tuple(strides)
    if pool_mode == 'max':
        xp = tf.pad(xl, paddings, constant_values=xl.dtype.min)
        out = _TF_POOL['max', nsp](xp, window, step, 'VALID')
    else:
        total = _TF_POOL['avg', nsp](tf.pad(xl, paddings), window, step, 'VALID')
        count = _TF_POOL['avg', nsp](tf.pad(tf.ones_like(xl[..., :1]), paddings), window, step,
                                     'VALID')
        out = total / count
    if border_mode == 'same':
        sizes = tf.shape(xl)[1:-1]
        out = out[(slice(None),) + tuple(slice(None, (sizes[i] + s - 1) // s)
                                         for i, s in enumerate(step))]
    return tf.transpose(out, _TO_CHANNELS_FIRST[nsp]) if ordering == 'th' else out


@symbolic
def pool2d(x, pool_size, strides=(1, 1), border_mode='valid', dim_ordering='default',
           pool_mode='max'):
    """keras 1.2.2 theano_backend pool2d."""
    return _theano_pool(x, pool_size, strides, border_mode, dim_ordering, pool_mode, 2)


@symbolic
def pool3d(x, pool_size, strides=(1, 1, 1), border_mode='valid', dim_ordering='default',
           pool_mode='max'):
    """keras 1.2.2 theano_backend pool3d."""
    return _theano_pool(x, pool_size, strides, border_mode, dim_ordering, pool_mode, 3)
