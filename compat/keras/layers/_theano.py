"""Theano's border modes, expressed as explicit padding and cropping.

Keras 1.2.2 with Theano did not pad like TensorFlow's 'SAME':

- convolutions (keras 1.2.2 backend/theano_backend.py conv2d,
  _preprocess_border_mode, _postprocess_conv2d_output): 'same' is Theano's
  'half' mode, ``k // 2`` zeros on *both* sides (dilated kernel size), then the
  output is cropped to ``ceil(n / stride)`` for even kernels; 'full' pads
  ``k - 1`` on both sides.
- pooling (theano_backend.py pool2d): 'same' pads ``pool - 2`` (odd pool > 2)
  or ``pool - 1`` on both sides, pools with ignore_border=True, then crops to
  ``ceil(n / stride)``; padded cells never win a max and are excluded from
  averages ('average_exc_pad').

TensorFlow's 'SAME' puts the odd pixel at the end, so results differ for
even kernels, strides > 1 and pooling; compat always pads explicitly and
runs TensorFlow's 'VALID'.

Layout. 'th' tensors are channels-first between layers (Flatten, Reshape and
Permute see Keras 1's layout), but TensorFlow convolves and pools on CPU only
channels-last. So each channels-first output made from a channels-last result
keeps that result (``as_channels_first``) and the next layer that works
channels-last takes it back (``channels_last_of``) instead of transposing
twice. Within a traced step the unused transposes are pruned, so a run of
conv/activation/pool layers costs two transposes, not two per layer. A
transpose is exact: the numbers do not change.
"""
from compat._keras3 import tf


def conv_padding(kernel_size, border_mode, dilation=1):
    """(before, after) zeros Theano added on one axis."""
    k = kernel_size + (kernel_size - 1) * (dilation - 1)
    if border_mode == 'valid':
        return 0, 0
    if border_mode == 'same':
        return k // 2, k // 2
    if border_mode == 'full':
        return k - 1, k - 1
    raise ValueError("border_mode must be 'valid', 'same' or 'full', got %r" % (border_mode,))


def pool_padding(pool_size, border_mode):
    """Pad on both sides, keras 1.2.2 theano_backend.pool2d."""
    if border_mode == 'valid':
        return 0
    if border_mode == 'same':
        return pool_size - 2 if pool_size > 2 and pool_size % 2 == 1 else pool_size - 1
    raise ValueError("border_mode must be 'valid' or 'same' for pooling, got %r" % (border_mode,))


def output_length(length, kernel_size, border_mode, stride, dilation=1):
    """keras 1.2.2 utils/np_utils.py conv_output_length."""
    if length is None:
        return None
    k = kernel_size + (kernel_size - 1) * (dilation - 1)
    if border_mode == 'same':
        n = length
    elif border_mode == 'valid':
        n = length - k + 1
    elif border_mode == 'full':
        n = length + k - 1
    else:
        raise ValueError("unknown border_mode %r" % (border_mode,))
    return (n + stride - 1) // stride


def pad_channels_last(x, pads, value=0.0):
    """Pad the spatial axes (1..n) of a channels-last tensor; pads is [(before, after), ...]."""
    if not any(b or a for b, a in pads):
        return x
    return tf.pad(x, [[0, 0]] + [list(p) for p in pads] + [[0, 0]], constant_values=value)


def crop_channels_last(y, lengths, strides):
    """Keep the first ceil(n / stride) outputs on each spatial axis (Theano 'same')."""
    slices = [slice(None)]
    for n, s in zip(lengths, strides):
        slices.append(slice(0, (n + s - 1) // s) if n is not None else slice(None))
    slices.append(slice(None))
    return y[tuple(slices)]


_CHANNELS_LAST = '_compat_channels_last'


def as_channels_first(y):
    """``y`` (channels-last) transposed to channels-first, remembering ``y`` for ``channels_last_of``."""
    x = to_channels_first(y)
    try:
        setattr(x, _CHANNELS_LAST, y)
    except AttributeError:  # a tensor type without attributes: the next layer transposes back
        pass
    return x


def channels_last_of(x):
    """``x`` (channels-first) as channels-last: the tensor it was made from when there is one."""
    y = getattr(x, _CHANNELS_LAST, None)
    return y if y is not None else to_channels_last(x)


def has_channels_last(x):
    return getattr(x, _CHANNELS_LAST, None) is not None


def to_channels_last(x):
    ndim = len(x.shape)
    return tf.transpose(x, [0] + list(range(2, ndim)) + [1])


def to_channels_first(x):
    ndim = len(x.shape)
    return tf.transpose(x, [0, ndim - 1] + list(range(1, ndim - 1)))
