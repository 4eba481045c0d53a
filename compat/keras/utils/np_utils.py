"""Numpy helpers of Keras 1.2.2 (keras 1.2.2 utils/np_utils.py)."""
import numpy as np

from ..backend import common as _backend

__all__ = ['to_categorical', 'normalize', 'binary_logloss', 'multiclass_logloss', 'accuracy',
           'probas_to_classes', 'categorical_probas_to_classes', 'convert_kernel',
           'conv_output_length', 'conv_input_length']


def to_categorical(y, nb_classes=None):
    """One-hot float64 matrix of integer labels (keras 1.2.2 np_utils.to_categorical).

    ``nb_classes`` falsy means ``max(y) + 1``; ``y`` of any shape is flattened.
    """
    y = np.array(y, dtype='int').ravel()
    if not nb_classes:
        nb_classes = np.max(y) + 1
    if y.size and (y.min() < 0 or y.max() >= nb_classes):
        raise ValueError('to_categorical: labels must lie in [0, nb_classes=%d); got min %d, max %d. '
                         'Pass a larger nb_classes.' % (nb_classes, y.min(), y.max()))
    categorical = np.zeros((y.shape[0], nb_classes))
    categorical[np.arange(y.shape[0]), y] = 1
    return categorical


def normalize(a, axis=-1, order=2):
    """Divide by the ``order``-norm along ``axis``; zero norms count as 1 (keras 1.2.2 np_utils.normalize)."""
    norms = np.atleast_1d(np.linalg.norm(a, order, axis))
    norms[norms == 0] = 1
    return a / np.expand_dims(norms, axis)


def binary_logloss(p, y):
    """keras 1.2.2 np_utils.binary_logloss: mean binary cross-entropy with p clipped to [1e-15, 1-1e-15]."""
    p = np.minimum(1 - 1e-15, np.maximum(1e-15, p))
    total = sum(y * np.log(p) + np.subtract(1, y) * np.log(np.subtract(1, p)))
    return total * (-1.0 / len(y))


def multiclass_logloss(p, y):
    """keras 1.2.2 np_utils.multiclass_logloss; labels ``y`` are 1-based there, kept as is."""
    picked = [p[i][y[i] - 1] for i in range(len(y))]
    return -(1. / len(y)) * np.sum(np.log(picked))


def accuracy(p, y):
    """keras 1.2.2 np_utils.accuracy: fraction of equal pairs."""
    return np.mean([a == b for a, b in zip(p, y)])


def probas_to_classes(y_pred):
    """argmax for 2D multi-column input, else threshold 0.5 (keras 1.2.2 np_utils.probas_to_classes)."""
    if len(y_pred.shape) > 1 and y_pred.shape[1] > 1:
        return categorical_probas_to_classes(y_pred)
    return np.array([1 if p > 0.5 else 0 for p in y_pred])


def categorical_probas_to_classes(p):
    """keras 1.2.2 np_utils.categorical_probas_to_classes."""
    return np.argmax(p, axis=1)


# Which kernel axes keep their direction; the spatial axes are reversed
# (keras 1.2.2 np_utils.convert_kernel).
_KERNEL_CHANNEL_AXES = {'th': lambda ndim: (0, 1), 'tf': lambda ndim: (ndim - 2, ndim - 1)}


def convert_kernel(kernel, dim_ordering=None):
    """Flip the spatial axes of a 4D/5D kernel: Theano <-> TensorFlow convolution (its own inverse)."""
    if dim_ordering is None:
        dim_ordering = _backend.image_dim_ordering()
    kernel = np.asarray(kernel)
    if not 4 <= kernel.ndim <= 5:
        raise ValueError('convert_kernel: kernel must be 4D or 5D, got shape %s' % (kernel.shape,))
    if dim_ordering not in _KERNEL_CHANNEL_AXES:
        raise ValueError("convert_kernel: dim_ordering must be 'th' or 'tf', got %r" % (dim_ordering,))
    keep = _KERNEL_CHANNEL_AXES[dim_ordering](kernel.ndim)
    slices = tuple(slice(None) if axis in keep else slice(None, None, -1) for axis in range(kernel.ndim))
    return np.copy(kernel[slices])


# keras 1.2.2 np_utils.conv_output_length / conv_input_length
_OUTPUT_LENGTH = {
    'same': lambda n, f: n,
    'valid': lambda n, f: n - f + 1,
    'full': lambda n, f: n + f - 1,
}
_INPUT_PAD = {'same': lambda f: f // 2, 'valid': lambda f: 0, 'full': lambda f: f - 1}


def _check_border_mode(border_mode):
    if border_mode not in _OUTPUT_LENGTH:
        raise ValueError("border_mode must be one of 'same', 'valid', 'full'; got %r" % (border_mode,))


def conv_output_length(input_length, filter_size, border_mode, stride, dilation=1):
    """Length after a convolution (keras 1.2.2 np_utils.conv_output_length)."""
    if input_length is None:
        return None
    _check_border_mode(border_mode)
    dilated = filter_size + (filter_size - 1) * (dilation - 1)
    return (_OUTPUT_LENGTH[border_mode](input_length, dilated) + stride - 1) // stride


def conv_input_length(output_length, filter_size, border_mode, stride):
    """Input length giving ``output_length`` (keras 1.2.2 np_utils.conv_input_length)."""
    if output_length is None:
        return None
    _check_border_mode(border_mode)
    return (output_length - 1) * stride - 2 * _INPUT_PAD[border_mode](filter_size) + filter_size

from compat.keras._reexports import reexported  # noqa: E402

__getattr__ = reexported(__name__)
