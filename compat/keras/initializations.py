"""Keras 1.2.2 weight initializations, drawn from NumPy's global RNG as Keras 1 did.

Follows keras 1.2.2 ``initializations.py`` over ``backend/theano_backend.py``
(``random_uniform_variable`` / ``random_normal_variable`` call
``np.random.uniform`` / ``np.random.normal``). Drawing from the same global
RNG with the same shapes in the same order therefore gives *the same weights*
as Keras 1 after ``np.random.seed(...)``.

Every initializer is a function ``init(shape, dtype=None, fans=None,
dim_ordering='th', name=None, **keras1 args)`` returning a NumPy array of
``dtype`` (default floatx). It also works as a Keras 3 initializer
(``init(shape, dtype=...)``) and accepts Keras 1 calls such as
``normal(shape, scale=0.01, name=name)`` in user-written init functions.

Layers whose Keras 3 storage layout differs from Keras 1's (a 'th' conv kernel
is ``(out, in, rows, cols)`` in Keras 1, ``(rows, cols, in, out)`` in Keras 3)
should use :func:`in_layout`: it draws in the Keras 1 shape (same random
stream, same fans) and transposes to the storage layout. Passing ``fans=``
instead only fixes the scale, not the draw order.
"""
import numpy as np

from compat.keras.backend.common import floatx

__all__ = ['get_fans', 'uniform', 'normal', 'lecun_uniform', 'glorot_normal', 'glorot_uniform',
           'he_normal', 'he_uniform', 'orthogonal', 'identity', 'zero', 'one', 'get', 'in_layout']


def get_fans(shape, dim_ordering='th'):
    """keras 1.2.2 initializations.get_fans."""
    shape = tuple(shape)
    if len(shape) == 2:
        return shape[0], shape[1]
    if len(shape) in (4, 5):
        # convolution kernels: 'th' (depth, input_depth, ...), 'tf' (..., input_depth, depth)
        if dim_ordering == 'th':
            receptive_field_size = np.prod(shape[2:])
            return shape[1] * receptive_field_size, shape[0] * receptive_field_size
        if dim_ordering == 'tf':
            receptive_field_size = np.prod(shape[:2])
            return shape[-2] * receptive_field_size, shape[-1] * receptive_field_size
        raise ValueError("Invalid dim_ordering: %r (use 'th' or 'tf')" % (dim_ordering,))
    # no specific assumptions
    fan = np.sqrt(np.prod(shape))
    return fan, fan


def _np_dtype(dtype):
    if dtype is None:
        return np.dtype(floatx())
    as_numpy = getattr(dtype, 'as_numpy_dtype', None)  # a tf.DType
    return np.dtype(as_numpy if as_numpy is not None else dtype)


def _fans(shape, fans, dim_ordering):
    if fans is None:
        return get_fans(shape, dim_ordering)
    if len(fans) != 2:
        raise ValueError('fans must be (fan_in, fan_out), got %r' % (fans,))
    return fans


def _shape(shape):
    return tuple(int(d) for d in shape)


def uniform(shape, scale=0.05, name=None, dim_ordering='th', dtype=None, fans=None):
    """theano_backend.random_uniform_variable: np.random.uniform(-scale, scale)."""
    return np.random.uniform(low=-scale, high=scale, size=_shape(shape)).astype(_np_dtype(dtype))


def normal(shape, scale=0.05, name=None, dim_ordering='th', dtype=None, fans=None):
    """theano_backend.random_normal_variable: np.random.normal(0, scale), untruncated."""
    return np.random.normal(loc=0.0, scale=scale, size=_shape(shape)).astype(_np_dtype(dtype))


def lecun_uniform(shape, name=None, dim_ordering='th', dtype=None, fans=None):
    fan_in, _ = _fans(shape, fans, dim_ordering)
    return uniform(shape, np.sqrt(3. / fan_in), dtype=dtype)


def glorot_normal(shape, name=None, dim_ordering='th', dtype=None, fans=None):
    fan_in, fan_out = _fans(shape, fans, dim_ordering)
    return normal(shape, np.sqrt(2. / (fan_in + fan_out)), dtype=dtype)


def glorot_uniform(shape, name=None, dim_ordering='th', dtype=None, fans=None):
    fan_in, fan_out = _fans(shape, fans, dim_ordering)
    return uniform(shape, np.sqrt(6. / (fan_in + fan_out)), dtype=dtype)


def he_normal(shape, name=None, dim_ordering='th', dtype=None, fans=None):
    fan_in, _ = _fans(shape, fans, dim_ordering)
    return normal(shape, np.sqrt(2. / fan_in), dtype=dtype)


def he_uniform(shape, name=None, dim_ordering='th', dtype=None, fans=None):
    fan_in, _ = _fans(shape, fans, dim_ordering)
    return uniform(shape, np.sqrt(6. / fan_in), dtype=dtype)


def orthogonal(shape, scale=1.1, name=None, dim_ordering='th', dtype=None, fans=None):
    """keras 1.2.2 orthogonal: SVD of a (shape[0], prod(shape[1:])) normal draw, times 1.1."""
    shape = _shape(shape)
    if len(shape) < 2:
        raise ValueError('orthogonal initialization needs a shape of rank >= 2, got %r' % (shape,))
    flat_shape = (shape[0], int(np.prod(shape[1:])))
    a = np.random.normal(0.0, 1.0, flat_shape)
    u, _, v = np.linalg.svd(a, full_matrices=False)
    q = u if u.shape == flat_shape else v  # the factor with the right shape
    return (scale * q.reshape(shape)).astype(_np_dtype(dtype))


def identity(shape, scale=1, name=None, dim_ordering='th', dtype=None, fans=None):
    shape = _shape(shape)
    if len(shape) != 2 or shape[0] != shape[1]:
        raise ValueError('Identity matrix initialization can only be used for 2D square matrices; '
                         'got shape %r' % (shape,))
    return (scale * np.identity(shape[0])).astype(_np_dtype(dtype))


def zero(shape, name=None, dim_ordering='th', dtype=None, fans=None):
    return np.zeros(_shape(shape), dtype=_np_dtype(dtype))


def one(shape, name=None, dim_ordering='th', dtype=None, fans=None):
    return np.ones(_shape(shape), dtype=_np_dtype(dtype))


_BY_NAME = {f.__name__: f for f in (uniform, normal, lecun_uniform, glorot_normal, glorot_uniform,
                                    he_normal, he_uniform, orthogonal, identity, zero, one)}


def get(identifier, **kwargs):
    """keras 1.2.2 initializations.get: a name -> the function (not called), a callable -> itself."""
    if isinstance(identifier, str):
        try:
            return _BY_NAME[identifier]
        except KeyError:
            raise ValueError('Invalid initialization: %r. Valid Keras 1 names: %s'
                             % (identifier, ', '.join(sorted(_BY_NAME)))) from None
    if callable(identifier):
        return identifier
    raise ValueError('init must be a Keras 1 initialization name or a callable '
                     'init(shape, name=None), got %r' % (identifier,))


def in_layout(init, keras1_shape, perm, dim_ordering=None):
    """A Keras 3 initializer that draws as Keras 1 did and returns the storage layout.

    ``init`` (a name or function) is called with the Keras 1 ``keras1_shape``
    (so random draws and fans match Keras 1) and the result is transposed by
    ``perm`` (``np.transpose(value, perm)`` must give the Keras 3 shape), e.g.
    ``in_layout('glorot_uniform', (out, in, r, c), (2, 3, 1, 0))`` for a 'th'
    Convolution2D kernel stored as (r, c, in, out). ``dim_ordering`` is passed on
    only when given, as keras 1.2.2 conv layers do (``functools.partial(init,
    dim_ordering=...)``); Dense-like layers call ``init(shape)`` alone.
    """
    fn = get(init)
    keras1_shape = _shape(keras1_shape)
    storage_shape = tuple(keras1_shape[i] for i in perm)

    def initializer(shape, dtype=None, **_):
        if _shape(shape) != storage_shape:
            raise ValueError('in_layout(%s): asked for shape %r, expected %r (Keras 1 shape %r '
                             'transposed by %r)' % (getattr(fn, '__name__', fn), tuple(shape),
                                                     storage_shape, keras1_shape, tuple(perm)))
        extra = {} if dim_ordering is None else {'dim_ordering': dim_ordering}
        value = np.asarray(fn(keras1_shape, **extra))
        return np.ascontiguousarray(np.transpose(value, perm)).astype(_np_dtype(dtype))

    initializer.__name__ = getattr(fn, '__name__', 'initializer')
    return initializer

from compat.keras._reexports import reexported  # noqa: E402

__getattr__ = reexported(__name__)
