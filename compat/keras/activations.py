"""Keras 1.2.2 activation functions on TensorFlow tensors.

Formulas follow keras 1.2.2 ``activations.py`` and the Theano ops its
``backend/theano_backend.py`` calls (Theano 1.0 ``tensor/nnet``), including the
float32 cut-offs of Theano's C kernels for ``sigmoid`` and ``softplus``.
Where a ``tf.where`` picks between branches, the unused branch is computed on
a clamped input so that its gradient is finite (no NaN leaks through ``where``).
"""
from compat._keras3 import tf

__all__ = ['softmax', 'elu', 'softplus', 'softsign', 'relu', 'tanh', 'sigmoid',
           'hard_sigmoid', 'linear', 'get', 'serialize']


def softmax(x):
    """keras 1.2.2 activations.softmax: 2-D (Theano T.nnet.softmax) or 3-D, over the last axis."""
    ndim = x.shape.rank
    if ndim not in (2, 3):
        raise ValueError('Cannot apply softmax to a tensor that is not 2D or 3D. '
                         'Here, ndim=%s' % (ndim,))
    # T.nnet.softmax (2-D) and the explicit 3-D branch compute the same thing.
    e = tf.exp(x - tf.reduce_max(x, axis=-1, keepdims=True))
    return e / tf.reduce_sum(e, axis=-1, keepdims=True)


def elu(x, alpha=1.0):
    """Theano 1.0 nnet.elu: switch(x > 0, x, alpha * expm1(x))."""
    return tf.where(x > 0, x, alpha * tf.math.expm1(tf.minimum(x, 0.)))


def softplus(x):
    """Theano ScalarSoftplus float32 C code: 0 below -103, x above 14, else log1p(exp(x))."""
    inner = tf.math.log1p(tf.exp(tf.clip_by_value(x, -103., 14.)))
    return tf.where(x > 14., x, tf.where(x < -103., tf.zeros_like(x), inner))


def softsign(x):
    """keras 1.2.2 theano_backend T_softsign: x / (1 + |x|)."""
    return x / (1. + tf.abs(x))


@tf.custom_gradient
def _theano_relu(x):
    """Theano 1.0 nnet.relu(x): ``0.5 * (x + |x|)``, which is max(x, 0) exactly in float32 but three
    kernels, and blocks oneDNN's conv+bias+relu fusion. So: tf.nn.relu forward, Theano's gradient
    back, ``0.5 * (1 + sign(x))`` (abs's gradient is sign, 0 at 0: the gradient at exactly 0 is 0.5,
    where tf.nn.relu's is 0; zero pre-activations are common at the first step, as biases start at 0)."""
    def grad(dy):
        return dy * (0.5 * (1. + tf.sign(x)))
    return tf.nn.relu(x), grad


def relu(x, alpha=0., max_value=None):
    """Theano 1.0 nnet.relu (0.5*(x+|x|), leaky form f1*x + f2*|x|), then keras 1.2.2 max_value."""
    if alpha == 0:
        y = _theano_relu(x)
    else:
        y = 0.5 * (1. + alpha) * x + 0.5 * (1. - alpha) * tf.abs(x)
    if max_value is not None:
        y = tf.minimum(y, max_value)
    return y


def tanh(x):
    return tf.tanh(x)


def sigmoid(x):
    """Theano ScalarSigmoid float32 C code: 0 below -88, exactly 1 above 15."""
    inner = 1. / (1. + tf.exp(-tf.clip_by_value(x, -88., 15.)))
    return tf.where(x > 15., tf.ones_like(x), tf.where(x < -88., tf.zeros_like(x), inner))


def hard_sigmoid(x):
    """Theano nnet.hard_sigmoid: clip(0.2 * x + 0.5, 0, 1)."""
    return tf.clip_by_value(x * 0.2 + 0.5, 0., 1.)


def linear(x):
    return x


def _accept_symbolic_tensors():
    """Keras 1 code applies activations to placeholders and layer outputs too
    (``K.function([x], [activations.relu(x)])``): on Keras 3 symbolic tensors they
    become small graph ops (compat.keras.backend._lift.symbolic)."""
    from compat.keras.backend._lift import symbolic
    for name in ('softmax', 'elu', 'softplus', 'softsign', 'relu', 'tanh', 'sigmoid', 'hard_sigmoid', 'linear'):
        globals()[name] = symbolic(globals()[name])


_accept_symbolic_tensors()

# Keras 1 resolves names through the module's globals (keras 1.2.2 activations.get).
_BY_NAME = {f.__name__: f for f in (softmax, elu, softplus, softsign, relu, tanh, sigmoid,
                                    hard_sigmoid, linear)}


def get(identifier):
    """keras 1.2.2 activations.get: None -> linear, a name -> the function, a callable -> itself."""
    if identifier is None:
        return linear
    if isinstance(identifier, str):
        try:
            return _BY_NAME[identifier]
        except KeyError:
            raise ValueError('Invalid activation function: %r. Valid Keras 1 names: %s'
                             % (identifier, ', '.join(sorted(_BY_NAME)))) from None
    if callable(identifier):
        return identifier
    raise ValueError('activation must be a name or a callable, got %r' % (identifier,))


def serialize(fn):
    """The name Keras 1 writes in layer configs (``self.activation.__name__``)."""
    fn = get(fn)
    name = getattr(fn, '__name__', None)
    if name is None:
        raise ValueError('activation %r has no __name__; Keras 1 configs store activations by name'
                         % (fn,))
    return name

from compat.keras._reexports import reexported  # noqa: E402

__getattr__ = reexported(__name__)
