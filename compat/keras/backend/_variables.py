"""Variables, placeholders, values, updates and random tensors (keras 1.2.2 backend).

Variables are ``tf.Variable``; placeholders are Keras 3 symbolic tensors
(``keras.Input``). Updates keep Keras 1's ``(variable, new_value)`` tuple form
and are applied by ``K.function``.
"""
import numpy as np

from compat._keras3 import keras, tf
from tensorflow.python.ops import resource_variable_ops  # noqa: E402  (after compat pins the backend)
from compat.keras.backend.common import floatx
from compat.keras.backend._lift import KerasTensor, is_keras_tensor, symbolic

__all__ = ['is_sparse', 'to_dense', 'variable', 'placeholder', 'shape', 'int_shape', 'ndim',
           'dtype', 'eval', 'zeros', 'ones', 'eye', 'zeros_like', 'ones_like',
           'random_uniform_variable', 'random_normal_variable', 'count_params', 'cast',
           'update', 'update_add', 'update_sub', 'moving_average_update', 'get_value',
           'batch_get_value', 'set_value', 'batch_set_value', 'get_variable_shape',
           'print_tensor', 'random_normal', 'random_uniform', 'random_binomial',
           'manual_variable_initialization', 'is_keras_tensor', 'is_explicit_shape']


def is_explicit_shape(shape):
    """keras 1.2.2 theano_backend.py is_explicit_shape: an iterable of ints and Nones (no symbolic dims)."""
    if hasattr(shape, '__iter__'):
        for x in shape:
            if x is not None and not isinstance(x, int):
                return False
        return True
    return False

_VARIABLE_TYPES = (tf.Variable, keras.Variable)


class _SharedVariable(resource_variable_ops.ResourceVariable):
    """A ``tf.Variable`` whose in-place operators build a new expression.

    keras 1.2.2 theano_backend variable is a Theano shared variable, which has
    no in-place operators: ``loss = K.variable(0.); loss += expr`` falls back
    to ``loss = loss + expr``, a new expression, and the variable keeps its
    value. A plain ``tf.Variable`` refuses ``+=``.
    """
    # dense: keras.ops.multiply takes an operand without this attribute for a sparse one
    sparse = False

    def __iadd__(self, other):
        return self + other

    def __isub__(self, other):
        return self - other

    def __imul__(self, other):
        return self * other

    def __itruediv__(self, other):
        return self / other

    def __ipow__(self, other):
        return self ** other

    __idiv__ = __itruediv__


def _dtype_name(d):
    return tf.as_dtype(d).name if not isinstance(d, str) else d


def is_sparse(tensor):
    return isinstance(tensor, tf.SparseTensor)


def to_dense(tensor):
    return tf.sparse.to_dense(tensor) if is_sparse(tensor) else tensor


def variable(value, dtype=None, name=None):
    """keras 1.2.2 backend variable: a tf.Variable holding ``value`` cast to dtype.

    scipy sparse values become ``tf.SparseTensor`` (constant), as in
    tensorflow_backend.variable.
    """
    dtype = dtype or floatx()
    if hasattr(value, 'tocoo'):
        coo = value.tocoo()
        indices = np.stack([coo.row, coo.col], axis=1).astype('int64')
        v = tf.SparseTensor(indices, coo.data.astype(dtype), coo.shape)
        return v
    if isinstance(value, _VARIABLE_TYPES) or tf.is_tensor(value):
        value = np.asarray(value)
    value = np.asarray(value, dtype=dtype)
    name = name.replace(':', '_') if name else None  # TF refuses ':' in names
    v = _SharedVariable(value, dtype=dtype, name=name)
    v._keras_shape = value.shape
    v._uses_learning_phase = False
    return v


def placeholder(shape=None, ndim=None, dtype=None, sparse=False, name=None):
    """keras 1.2.2 backend placeholder, as a Keras 3 symbolic input.

    Compat: returns ``keras.Input(batch_shape=shape)`` (a KerasTensor), so the
    first entry of ``shape`` is the batch dimension, exactly as in Keras 1
    where ``placeholder((None, 4))`` is a batch of 4-vectors. Feed it through
    ``K.function``.
    """
    if shape is None and ndim is None:
        raise ValueError('placeholder: specify either `shape` or `ndim`.')
    if shape is None:
        shape = (None,) * int(ndim)
    shape = tuple(shape)
    if len(shape) == 0:
        raise ValueError('placeholder: scalar placeholders are not supported by Keras 3 inputs; '
                         'give a shape with a batch dimension, e.g. (None,).')
    x = keras.Input(batch_shape=shape, dtype=dtype or floatx(), sparse=sparse, name=name)
    return x


@symbolic
def shape(x):
    """keras 1.2.2 backend shape: the symbolic (runtime) shape, an int32 tensor."""
    return tf.shape(x)


def int_shape(x):
    """keras 1.2.2 backend int_shape: static shape as a tuple of ints/None."""
    if hasattr(x, '_keras_shape'):
        return tuple(x._keras_shape)
    if isinstance(x, KerasTensor):
        return tuple(x.shape)
    if hasattr(x, 'shape'):
        return tuple(None if d is None else int(d) for d in tf.TensorShape(x.shape).as_list())
    raise TypeError('int_shape: expected a tensor or variable, got %r' % type(x))


def ndim(x):
    if is_sparse(x):
        return int(x.shape.rank)
    if isinstance(x, KerasTensor):
        return len(x.shape)
    return len(tf.TensorShape(x.shape))


def dtype(x):
    """keras 1.2.2 backend dtype: the dtype name, e.g. 'float32'."""
    d = x.dtype
    return d if isinstance(d, str) else _dtype_name(getattr(d, 'base_dtype', d))


def eval(x):
    """keras 1.2.2 backend eval: the numpy value of a variable or eager tensor."""
    if isinstance(x, KerasTensor):
        raise TypeError('eval: %r is symbolic (a placeholder or layer output); evaluate it with '
                        'K.function([inputs], [x])([values]) instead.' % (x,))
    return np.asarray(to_dense(tf.convert_to_tensor(x)))


def zeros(shape, dtype=None, name=None):
    return variable(np.zeros(shape), dtype, name)


def ones(shape, dtype=None, name=None):
    return variable(np.ones(shape), dtype, name)


def eye(size, dtype=None, name=None):
    return variable(np.eye(size), dtype, name)


@symbolic
def zeros_like(x, dtype=None, name=None):
    # keras 1.2.2 theano_backend zeros_like: dtype None keeps x's dtype.
    return tf.zeros_like(x, dtype=dtype)


@symbolic
def ones_like(x, dtype=None, name=None):
    return tf.ones_like(x, dtype=dtype)


def random_uniform_variable(shape, low, high, dtype=None, name=None):
    """keras 1.2.2 theano_backend random_uniform_variable: drawn with numpy's global
    RNG, so ``np.random.seed`` reproduces Keras 1's values exactly."""
    return variable(np.random.uniform(low=low, high=high, size=shape), dtype=dtype, name=name)


def random_normal_variable(shape, mean, scale, dtype=None, name=None):
    """keras 1.2.2 theano_backend random_normal_variable, numpy RNG.

    Theano-backend fidelity: Keras 1.2.2 passed ``loc=0.0`` and ignored
    ``mean``; kept so seeded scripts give the same numbers.
    """
    return variable(np.random.normal(loc=0.0, scale=scale, size=shape), dtype=dtype, name=name)


def count_params(x):
    """keras 1.2.2 backend count_params: number of scalars in x."""
    return int(np.prod(int_shape(x)))


@symbolic
def cast(x, dtype):
    return tf.cast(x, dtype)


# --- updates (keras 1.2.2 theano_backend update/update_add/...: (x, new_x)) ---

class Update(tuple):
    """A Keras 1 ``(variable, new_value)`` pair that K.function applies.

    ``recompute`` (if set) gives the new value from the variable's value at
    call time, so ``update_add(v, 1)`` keeps adding on every call, as the
    Theano graph did, rather than re-assigning a value frozen at build time.
    """

    def __new__(cls, variable, new_value, recompute=None):
        self = super().__new__(cls, (variable, new_value))
        self.recompute = recompute
        return self


def _is_static(value):
    return not isinstance(value, KerasTensor)


def update(x, new_x):
    return Update(x, new_x)


def update_add(x, increment):
    from compat.keras.backend._ops import _add
    rec = (lambda: x + increment) if _is_static(increment) else None
    return Update(x, _add(x, increment), rec)


def update_sub(x, decrement):
    from compat.keras.backend._ops import _sub
    rec = (lambda: x - decrement) if _is_static(decrement) else None
    return Update(x, _sub(x, decrement), rec)


def moving_average_update(variable, value, momentum):
    """keras 1.2.2 theano_backend moving_average_update: v*momentum + value*(1-momentum)."""
    from compat.keras.backend._ops import _moving_average
    rec = (lambda: variable * momentum + value * (1. - momentum)) if _is_static(value) else None
    return Update(variable, _moving_average(variable, value, momentum), rec)


# --- values ---

def get_value(x):
    if isinstance(x, np.ndarray):
        # compat's initializations return arrays where Keras 1 returned a K.variable holding them
        return x
    if not isinstance(x, _VARIABLE_TYPES):
        raise TypeError('get_value() can only be called on a variable (K.variable). '
                        'If you have an expression instead, use K.eval().')
    return np.asarray(x.numpy())


def batch_get_value(xs):
    return [get_value(x) for x in xs]


def set_value(x, value):
    if not isinstance(x, _VARIABLE_TYPES):
        raise TypeError('set_value: first argument must be a variable (K.variable), got %r'
                        % type(x))
    x.assign(np.asarray(value, dtype=dtype(x)))


def batch_set_value(tuples):
    for x, value in tuples:
        set_value(x, value)


def get_variable_shape(x):
    return tuple(int_shape(x))


@symbolic
def print_tensor(x, message=''):
    """keras 1.2.2 print_tensor: print message and value when evaluated, return x."""
    tf.print(message, x)
    return tf.identity(x)


def manual_variable_initialization(value):
    """keras 1.2.2 tensorflow_backend flag; TF2 variables are initialised at once (no-op)."""
    return None


# --- random tensors (keras 1.2.2 theano_backend random_*: MRG streams) ---
# Theano's MRG generator cannot be reproduced; distributions and shapes match.

def _seed(seed):
    return None if seed is None else int(seed)


@symbolic
def random_normal(shape, mean=0.0, std=1.0, dtype=None, seed=None):
    return tf.random.normal(shape, mean=mean, stddev=std, dtype=dtype or floatx(), seed=_seed(seed))


@symbolic
def random_uniform(shape, low=0.0, high=1.0, dtype=None, seed=None):
    return tf.random.uniform(shape, minval=low, maxval=high, dtype=dtype or floatx(),
                             seed=_seed(seed))


@symbolic
def random_binomial(shape, p=0.0, dtype=None, seed=None):
    """keras 1.2.2 random_binomial: 1 with probability p, else 0."""
    u = tf.random.uniform(shape, dtype=tf.float32, seed=_seed(seed))
    return tf.cast(u < p, dtype or floatx())
