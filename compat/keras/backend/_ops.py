"""Linear algebra, element-wise and shape operations (keras 1.2.2 backend).

Each function follows keras 1.2.2 ``theano_backend.py`` (the numbers compat
reproduces); where the TensorFlow backend of Keras 1 differed, the comment
says so. All accept TF tensors, variables, numpy arrays, and Keras 3 symbolic
tensors (see ``_lift.symbolic``).
"""
import builtins

import numpy as np

from compat._keras3 import tf
from compat.keras.backend.common import floatx, image_dim_ordering
from compat.keras.backend._lift import symbolic

__all__ = ['dot', 'batch_dot', 'transpose', 'gather', 'max', 'min', 'sum', 'prod', 'mean', 'std',
           'var', 'any', 'all', 'argmax', 'argmin', 'square', 'abs', 'sqrt', 'exp', 'log',
           'round', 'sign', 'pow', 'clip', 'equal', 'not_equal', 'greater', 'greater_equal',
           'lesser', 'lesser_equal', 'maximum', 'minimum', 'sin', 'cos',
           'normalize_batch_in_training', 'batch_normalization', 'concatenate', 'reshape',
           'permute_dimensions', 'repeat_elements', 'resize_images', 'resize_volumes', 'repeat',
           'arange', 'tile', 'flatten', 'batch_flatten', 'expand_dims', 'squeeze',
           'temporal_padding', 'asymmetric_temporal_padding', 'spatial_2d_padding',
           'asymmetric_spatial_2d_padding', 'spatial_3d_padding', 'stack', 'pack', 'one_hot',
           'reverse', 'pattern_broadcast', 'cumsum', 'cumprod', 'logsumexp']

_LETTERS = 'bcdefghijklmnopqrstuvwxyz'


def _t(x):
    """Any tensor-like (variable, numpy, number) as a tf.Tensor."""
    if isinstance(x, tf.SparseTensor):
        return x
    if isinstance(x, np.ndarray) and x.dtype == np.float64:
        x = x.astype(floatx())  # numpy defaults to float64; Keras 1 worked in floatx
    return tf.convert_to_tensor(x)


def _binary(x, y):
    """Convert two operands; a Python/numpy operand takes the tensor operand's dtype."""
    x_is, y_is = tf.is_tensor(x), tf.is_tensor(y)
    if x_is and not y_is:
        x = _t(x)
        return x, tf.cast(_t(y), x.dtype)
    if y_is and not x_is:
        y = _t(y)
        return tf.cast(_t(x), y.dtype), y
    return _t(x), _t(y)


def _dim_ordering(dim_ordering):
    if dim_ordering == 'default':
        dim_ordering = image_dim_ordering()
    if dim_ordering not in {'th', 'tf'}:
        raise ValueError("dim_ordering must be 'th' or 'tf' (or 'default'), got %r" % (dim_ordering,))
    return dim_ordering


# ---------------------------------------------------------------- linear algebra

@symbolic
def dot(x, y):
    """keras 1.2.2 theano_backend dot (T.dot, numpy semantics for N-D):
    contracts the last axis of x with the second-to-last axis of y, so
    (2, 3) . (4, 3, 5) -> (2, 4, 5)."""
    if isinstance(x, tf.SparseTensor):
        return tf.sparse.sparse_dense_matmul(x, _t(y))
    x, y = _binary(x, y)
    if x.shape.rank <= 2 and y.shape.rank == 2:
        return tf.matmul(x, y)
    y_axis = builtins.max(y.shape.rank - 2, 0)
    return tf.tensordot(x, y, axes=[[x.shape.rank - 1], [y_axis]])


def _axis_list(a, rank):
    items = list(a) if isinstance(a, (list, tuple)) else [a]
    return [int(i) % rank for i in items]


@symbolic
def batch_dot(x, y, axes=None):
    """keras 1.2.2 theano_backend batch_dot: T.batched_tensordot(x, y, axes).

    For each sample, contracts ``axes[0]`` of x with ``axes[1]`` of y; the
    result has x's remaining axes then y's remaining non-batch axes. ``axes``
    default is ``[x.ndim - 1, y.ndim - 2]``; an int means the same axis in
    both. A rank-1 result becomes (batch, 1). The TensorFlow backend of Keras 1
    disagreed for some axes (e.g. 2-D with axes=(0, 1) or 3-D (1, 1)); compat
    follows Theano.
    """
    x, y = _binary(x, y)
    rx, ry = x.shape.rank, y.shape.rank
    if isinstance(axes, int):
        axes = (axes, axes)
    if axes is None:
        axes = [rx - 1, ry - 2]
    if len(axes) != 2:
        raise ValueError('batch_dot: axes must be an int or a pair (x_axes, y_axes), got %r' % (axes,))
    ax, ay = _axis_list(axes[0], rx), _axis_list(axes[1], ry)
    if len(ax) != len(ay) or 0 in ax or 0 in ay:
        raise ValueError('batch_dot: axes %r must pair the same number of non-batch axes' % (axes,))
    letters = iter(_LETTERS[1:])
    xs = ['a'] + [next(letters) for _ in range(rx - 1)]
    ys = ['a'] + [next(letters) for _ in range(ry - 1)]
    for i, j in zip(ax, ay):
        ys[j] = xs[i]
    out_sub = [c for i, c in enumerate(xs) if i not in ax] + \
              [c for j, c in enumerate(ys) if j != 0 and j not in ay]
    out = tf.einsum('%s,%s->%s' % (''.join(xs), ''.join(ys), ''.join(out_sub)), x, y)
    if out.shape.rank == 1:
        out = tf.expand_dims(out, 1)
    return out


@symbolic
def transpose(x):
    return tf.transpose(_t(x))


@symbolic
def gather(reference, indices):
    """keras 1.2.2 gather: reference[indices] along axis 0."""
    return tf.gather(reference, tf.cast(indices, 'int32'))


# ---------------------------------------------------------------- reductions

def _reducer(tf_fn, doc, int_to_float=False):
    @symbolic
    def reduce(x, axis=None, keepdims=False):
        x = _t(x)
        if int_to_float and (x.dtype.is_integer or x.dtype == tf.bool):
            # keras 1.2.2 theano_backend mean: integer/bool input averages in floatx
            x = tf.cast(x, floatx())
        return tf_fn(x, axis=_norm_axis(axis), keepdims=keepdims)
    reduce.__doc__ = doc
    return reduce


def _norm_axis(axis):
    return list(axis) if isinstance(axis, tuple) else axis


def _bool_reducer(tf_fn):
    @symbolic
    def reduce(x, axis=None, keepdims=False):
        return tf_fn(tf.cast(x, tf.bool), axis=_norm_axis(axis), keepdims=keepdims)
    return reduce


max = _reducer(tf.reduce_max, 'keras 1.2.2 max(x, axis, keepdims).')
min = _reducer(tf.reduce_min, 'keras 1.2.2 min(x, axis, keepdims).')
sum = _reducer(tf.reduce_sum, 'keras 1.2.2 sum(x, axis, keepdims).')
prod = _reducer(tf.reduce_prod, 'keras 1.2.2 prod(x, axis, keepdims).')
mean = _reducer(tf.reduce_mean, 'keras 1.2.2 mean; ints average in floatx.', int_to_float=True)
# T.var / T.std: biased (divide by N), like tf.math.reduce_variance.
var = _reducer(tf.math.reduce_variance, 'keras 1.2.2 var (biased).', int_to_float=True)
std = _reducer(tf.math.reduce_std, 'keras 1.2.2 std (biased).', int_to_float=True)
any = _bool_reducer(tf.reduce_any)
all = _bool_reducer(tf.reduce_all)
for _name, _fn in [('max', max), ('min', min), ('sum', sum), ('prod', prod), ('mean', mean),
                   ('var', var), ('std', std), ('any', any), ('all', all)]:
    _fn.__name__ = _fn.__qualname__ = _name


@symbolic
def argmax(x, axis=-1):
    return tf.argmax(x, axis=axis)


@symbolic
def argmin(x, axis=-1):
    return tf.argmin(x, axis=axis)


@symbolic
def cumsum(x, axis=0):
    """Not in keras 1.2.2 (added in Keras 2); provided for convenience."""
    return tf.cumsum(x, axis=axis)


@symbolic
def cumprod(x, axis=0):
    """Not in keras 1.2.2 (added in Keras 2); provided for convenience."""
    return tf.math.cumprod(x, axis=axis)


@symbolic
def logsumexp(x, axis=None, keepdims=False):
    """Not in keras 1.2.2 (added in Keras 2); provided for convenience."""
    return tf.reduce_logsumexp(x, axis=_norm_axis(axis), keepdims=keepdims)


# ---------------------------------------------------------------- element-wise

def _unary(tf_fn, name):
    @symbolic
    def op(x):
        return tf_fn(_t(x))
    op.__name__ = op.__qualname__ = name
    op.__doc__ = 'keras 1.2.2 backend %s (element-wise).' % name
    return op


square = _unary(tf.square, 'square')
abs = _unary(tf.abs, 'abs')
exp = _unary(tf.exp, 'exp')
log = _unary(tf.math.log, 'log')
sign = _unary(tf.sign, 'sign')
sin = _unary(tf.sin, 'sin')
cos = _unary(tf.cos, 'cos')
# keras 1.2.2 theano_backend round: T.round(mode='half_to_even'), as tf.round.
round = _unary(tf.round, 'round')


@symbolic
def sqrt(x):
    """keras 1.2.2 theano_backend sqrt: clips negatives to 0 first."""
    x = _t(x)
    return tf.sqrt(tf.maximum(x, tf.zeros([], x.dtype)))


@symbolic
def pow(x, a):
    x, a = _binary(x, a)
    return tf.pow(x, a)


@symbolic
def clip(x, min_value, max_value):
    """keras 1.2.2 theano_backend clip: max < min means max = min; None means +inf."""
    if max_value is not None and min_value is not None and max_value < min_value:
        max_value = min_value
    x = _t(x)
    lo = -np.inf if min_value is None else min_value
    hi = np.inf if max_value is None else max_value
    return tf.clip_by_value(x, tf.cast(lo, x.dtype), tf.cast(hi, x.dtype))


def _compare(tf_fn, name):
    @symbolic
    def op(x, y):
        x, y = _binary(x, y)
        return tf_fn(x, y)
    op.__name__ = op.__qualname__ = name
    return op


equal = _compare(tf.equal, 'equal')
not_equal = _compare(tf.not_equal, 'not_equal')
greater = _compare(tf.greater, 'greater')
greater_equal = _compare(tf.greater_equal, 'greater_equal')
lesser = _compare(tf.less, 'lesser')
lesser_equal = _compare(tf.less_equal, 'lesser_equal')
maximum = _compare(tf.maximum, 'maximum')
minimum = _compare(tf.minimum, 'minimum')


@symbolic
def _add(x, y):
    x, y = _binary(x, y)
    return x + y


@symbolic
def _sub(x, y):
    x, y = _binary(x, y)
    return x - y


@symbolic
def _moving_average(variable, value, momentum):
    v, value = _binary(variable, value)
    return v * momentum + value * (1. - momentum)


# ---------------------------------------------------------------- batch norm

@symbolic
def normalize_batch_in_training(x, gamma, beta, reduction_axes, epsilon=1e-3):
    """keras 1.2.2 theano_backend normalize_batch_in_training
    (T.nnet.bn.batch_normalization_train).

    Returns (normed, mean, var) where, as in Keras 1 on Theano, ``var`` is
    ``1 / invstd**2`` = biased batch variance + epsilon. 1-D gamma/beta are laid
    along the non-reduced axes; mean/var come back in gamma's shape.
    """
    x = _t(x)
    rank = x.shape.rank
    axes = sorted(int(a) % rank for a in reduction_axes)
    kept = [i for i in range(rank) if i not in axes]
    mean_k, var_k = tf.nn.moments(x, axes=axes, keepdims=True)
    gamma, beta = _t(gamma), _t(beta)
    if gamma.shape.rank != rank:
        bshape = [1 if i in axes else -1 for i in range(rank)]
        if len(kept) == 1:
            gamma_b, beta_b = tf.reshape(gamma, bshape), tf.reshape(beta, bshape)
        else:
            sizes = [tf.shape(x)[i] if i not in axes else 1 for i in range(rank)]
            gamma_b, beta_b = tf.reshape(gamma, sizes), tf.reshape(beta, sizes)
    else:
        gamma_b, beta_b = gamma, beta
    invstd = 1. / tf.sqrt(var_k + epsilon)
    normed = (x - mean_k) * gamma_b * invstd + beta_b
    var_out = 1. / tf.square(invstd)
    if gamma.shape.rank != rank:
        mean_k, var_out = tf.squeeze(mean_k, axes), tf.squeeze(var_out, axes)
    return normed, mean_k, var_out


@symbolic
def batch_normalization(x, mean, var, beta, gamma, epsilon=1e-3):
    """keras 1.2.2 theano_backend batch_normalization (batch_normalization_test):
    (x - mean) * gamma / sqrt(var + epsilon) + beta; 1-D parameters apply along
    the last axis, full-rank ones broadcast."""
    x = _t(x)
    mean, var, beta, gamma = (tf.cast(_t(p), x.dtype) for p in (mean, var, beta, gamma))
    return (x - mean) * (gamma / tf.sqrt(var + epsilon)) + beta


# ---------------------------------------------------------------- shapes

@symbolic
def concatenate(tensors, axis=-1):
    if builtins.all(isinstance(t, tf.SparseTensor) for t in tensors):
        return tf.sparse.concat(axis, list(tensors))
    return tf.concat([_t(t) for t in tensors], axis=axis)


@symbolic
def reshape(x, shape):
    return tf.reshape(x, shape)


@symbolic
def permute_dimensions(x, pattern):
    return tf.transpose(x, perm=list(pattern))


@symbolic
def repeat_elements(x, rep, axis):
    """keras 1.2.2 repeat_elements: np.repeat along axis."""
    return tf.repeat(_t(x), rep, axis=axis)


_IMAGE_AXES = {'th': (2, 3, 4), 'tf': (1, 2, 3)}


@symbolic
def resize_images(X, height_factor, width_factor, dim_ordering):
    """keras 1.2.2 resize_images: nearest-neighbour upsampling by repeating rows/cols."""
    a = _IMAGE_AXES[_dim_ordering(dim_ordering)]
    return tf.repeat(tf.repeat(_t(X), height_factor, axis=a[0]), width_factor, axis=a[1])


@symbolic
def resize_volumes(X, depth_factor, height_factor, width_factor, dim_ordering):
    a = _IMAGE_AXES[_dim_ordering(dim_ordering)]
    out = _t(X)
    for axis, factor in zip(a, (depth_factor, height_factor, width_factor)):
        out = tf.repeat(out, factor, axis=axis)
    return out


@symbolic
def repeat(x, n):
    """keras 1.2.2 repeat: (samples, dim) -> (samples, n, dim)."""
    x = _t(x)
    if x.shape.rank != 2:
        raise ValueError('repeat: x must be 2-D (samples, dim), got shape %s' % (x.shape,))
    return tf.repeat(tf.expand_dims(x, 1), n, axis=1)


def arange(start, stop=None, step=1, dtype='int32'):
    """keras 1.2.2 theano_backend arange (T.arange, NumPy's rule): one argument means stop, and a range
    that runs the wrong way is empty (``arange(-20)``), where tf.range refuses it."""
    if stop is None:
        start, stop = 0, start
    if builtins.all(isinstance(v, (int, float, np.number)) for v in (start, stop, step)):
        stop = builtins.max(start, stop) if step > 0 else builtins.min(start, stop)   # (K.all/max/min here)
    return tf.range(start, stop, step, dtype=dtype)


@symbolic
def tile(x, n):
    """keras 1.2.2 theano_backend tile (T.tile, numpy.tile semantics)."""
    x = _t(x)
    reps = [int(n)] if np.isscalar(n) else list(n)
    while x.shape.rank < len(reps):
        x = tf.expand_dims(x, 0)
    reps = [1] * (x.shape.rank - len(reps)) + reps
    return tf.tile(x, reps)


@symbolic
def flatten(x):
    return tf.reshape(x, [-1])


@symbolic
def batch_flatten(x):
    x = _t(x)
    return tf.reshape(x, [tf.shape(x)[0], -1])


@symbolic
def expand_dims(x, dim=-1):
    """keras 1.2.2 theano_backend expand_dims: dim -1 appends a last axis."""
    return tf.expand_dims(x, dim)


@symbolic
def squeeze(x, axis):
    return tf.squeeze(x, [axis])


def _pad(x, pads):
    return tf.pad(_t(x), [list(p) for p in pads])


@symbolic
def temporal_padding(x, padding=1):
    """keras 1.2.2 temporal_padding: zeros left and right of axis 1 of a 3-D tensor."""
    return _pad(x, [(0, 0), (padding, padding), (0, 0)])


@symbolic
def asymmetric_temporal_padding(x, left_pad=1, right_pad=1):
    return _pad(x, [(0, 0), (left_pad, right_pad), (0, 0)])


def _spatial_pads(pads, ordering):
    return [(0, 0), (0, 0)] + pads if ordering == 'th' else [(0, 0)] + pads + [(0, 0)]


@symbolic
def spatial_2d_padding(x, padding=(1, 1), dim_ordering='default'):
    p = [(padding[0], padding[0]), (padding[1], padding[1])]
    return _pad(x, _spatial_pads(p, _dim_ordering(dim_ordering)))


@symbolic
def asymmetric_spatial_2d_padding(x, top_pad=1, bottom_pad=1, left_pad=1, right_pad=1,
                                  dim_ordering='default'):
    p = [(top_pad, bottom_pad), (left_pad, right_pad)]
    return _pad(x, _spatial_pads(p, _dim_ordering(dim_ordering)))


@symbolic
def spatial_3d_padding(x, padding=(1, 1, 1), dim_ordering='default'):
    p = [(q, q) for q in padding]
    return _pad(x, _spatial_pads(p, _dim_ordering(dim_ordering)))


@symbolic
def stack(x):
    """keras 1.2.2 stack: stack a list of tensors on a new first axis."""
    return tf.stack([_t(t) for t in x])


pack = stack  # the name of `stack` before keras 1.1


@symbolic
def one_hot(indices, nb_classes):
    """keras 1.2.2 one_hot: (batch, ...) ints -> (batch, ..., nb_classes) floats."""
    return tf.one_hot(tf.cast(indices, 'int32'), nb_classes, dtype=floatx())


@symbolic
def reverse(x, axes):
    if isinstance(axes, int):
        axes = [axes]
    return tf.reverse(x, list(axes))


def pattern_broadcast(x, broadcastable):
    """keras 1.2.2 theano_backend pattern_broadcast: a Theano type hint; no-op on TF."""
    return x
