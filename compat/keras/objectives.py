"""Keras 1.2.2 losses ("objectives"): ``f(y_true, y_pred)`` -> one value per sample.

Formulas follow keras 1.2.2 ``objectives.py`` and, for the cross-entropies,
``backend/theano_backend.py`` (normalise, clip to [eps, 1 - eps], then Theano's
``T.nnet`` formula). Keras 3's losses are deliberately not used: they take a
logits shortcut when ``y_pred`` comes from a softmax/sigmoid, which changes the
numbers for saturated predictions.
"""
from compat._keras3 import tf
from compat.keras.backend.common import epsilon

__all__ = ['mean_squared_error', 'mean_absolute_error', 'mean_absolute_percentage_error',
           'mean_squared_logarithmic_error', 'squared_hinge', 'hinge', 'categorical_crossentropy',
           'sparse_categorical_crossentropy', 'binary_crossentropy', 'kullback_leibler_divergence',
           'poisson', 'cosine_proximity', 'get']


def _pair(y_true, y_pred):
    y_pred = tf.convert_to_tensor(y_pred)
    return tf.cast(y_true, y_pred.dtype), y_pred


def _clip_min(x, lo):
    # keras 1.2.2 theano_backend.clip with max_value=None clips to [lo, inf).
    return tf.maximum(x, lo)


def mean_squared_error(y_true, y_pred):
    y_true, y_pred = _pair(y_true, y_pred)
    return tf.reduce_mean(tf.square(y_pred - y_true), axis=-1)


def mean_absolute_error(y_true, y_pred):
    y_true, y_pred = _pair(y_true, y_pred)
    return tf.reduce_mean(tf.abs(y_pred - y_true), axis=-1)


def mean_absolute_percentage_error(y_true, y_pred):
    y_true, y_pred = _pair(y_true, y_pred)
    diff = tf.abs((y_true - y_pred) / _clip_min(tf.abs(y_true), epsilon()))
    return 100. * tf.reduce_mean(diff, axis=-1)


def mean_squared_logarithmic_error(y_true, y_pred):
    y_true, y_pred = _pair(y_true, y_pred)
    first_log = tf.math.log(_clip_min(y_pred, epsilon()) + 1.)
    second_log = tf.math.log(_clip_min(y_true, epsilon()) + 1.)
    return tf.reduce_mean(tf.square(first_log - second_log), axis=-1)


def squared_hinge(y_true, y_pred):
    y_true, y_pred = _pair(y_true, y_pred)
    return tf.reduce_mean(tf.square(tf.maximum(1. - y_true * y_pred, 0.)), axis=-1)


def hinge(y_true, y_pred):
    y_true, y_pred = _pair(y_true, y_pred)
    return tf.reduce_mean(tf.maximum(1. - y_true * y_pred, 0.), axis=-1)


def _theano_categorical_crossentropy(output, target):
    """keras 1.2.2 theano_backend.categorical_crossentropy (from_logits=False)."""
    eps = epsilon()
    output = output / tf.reduce_sum(output, axis=-1, keepdims=True)
    output = tf.clip_by_value(output, eps, 1. - eps)
    # Theano T.nnet.categorical_crossentropy with a one-hot/probability target.
    return -tf.reduce_sum(target * tf.math.log(output), axis=-1)


def categorical_crossentropy(y_true, y_pred):
    y_true, y_pred = _pair(y_true, y_pred)
    return _theano_categorical_crossentropy(y_pred, y_true)


def sparse_categorical_crossentropy(y_true, y_pred):
    """keras 1.2.2 theano_backend.sparse_categorical_crossentropy.

    Integer labels (shape ``y_pred.shape[:-1] + (1,)`` as Keras 1 fed them) are
    flattened, one-hot encoded and reshaped to ``y_pred``'s shape.
    """
    y_pred = tf.convert_to_tensor(y_pred)
    labels = tf.cast(tf.reshape(y_true, [-1]), tf.int32)
    target = tf.one_hot(labels, depth=tf.shape(y_pred)[-1], dtype=y_pred.dtype)
    target = tf.reshape(target, tf.shape(y_pred))
    return _theano_categorical_crossentropy(y_pred, target)


def binary_crossentropy(y_true, y_pred):
    """keras 1.2.2 objectives.binary_crossentropy over theano_backend.binary_crossentropy."""
    y_true, y_pred = _pair(y_true, y_pred)
    eps = epsilon()
    output = tf.clip_by_value(y_pred, eps, 1. - eps)
    # Theano T.nnet.binary_crossentropy
    bce = -(y_true * tf.math.log(output) + (1. - y_true) * tf.math.log(1. - output))
    return tf.reduce_mean(bce, axis=-1)


def kullback_leibler_divergence(y_true, y_pred):
    y_true, y_pred = _pair(y_true, y_pred)
    y_true = tf.clip_by_value(y_true, epsilon(), 1.)
    y_pred = tf.clip_by_value(y_pred, epsilon(), 1.)
    return tf.reduce_sum(y_true * tf.math.log(y_true / y_pred), axis=-1)


def poisson(y_true, y_pred):
    y_true, y_pred = _pair(y_true, y_pred)
    return tf.reduce_mean(y_pred - y_true * tf.math.log(y_pred + epsilon()), axis=-1)


def l2_normalize(x, axis):
    """keras 1.2.2 theano_backend.l2_normalize: x / sqrt(sum(x**2)) -- no epsilon."""
    return x / tf.sqrt(tf.reduce_sum(tf.square(x), axis=axis, keepdims=True))


def cosine_proximity(y_true, y_pred):
    y_true, y_pred = _pair(y_true, y_pred)
    return -tf.reduce_mean(l2_normalize(y_true, -1) * l2_normalize(y_pred, -1), axis=-1)


# Aliases (keras 1.2.2 objectives.py).
mse = MSE = mean_squared_error
mae = MAE = mean_absolute_error
mape = MAPE = mean_absolute_percentage_error
msle = MSLE = mean_squared_logarithmic_error
kld = KLD = kullback_leibler_divergence
cosine = cosine_proximity

_BY_NAME = {
    'mean_squared_error': mean_squared_error, 'mse': mse, 'MSE': MSE,
    'mean_absolute_error': mean_absolute_error, 'mae': mae, 'MAE': MAE,
    'mean_absolute_percentage_error': mean_absolute_percentage_error, 'mape': mape, 'MAPE': MAPE,
    'mean_squared_logarithmic_error': mean_squared_logarithmic_error, 'msle': msle, 'MSLE': MSLE,
    'squared_hinge': squared_hinge, 'hinge': hinge,
    'categorical_crossentropy': categorical_crossentropy,
    'sparse_categorical_crossentropy': sparse_categorical_crossentropy,
    'binary_crossentropy': binary_crossentropy,
    'kullback_leibler_divergence': kullback_leibler_divergence, 'kld': kld, 'KLD': KLD,
    'poisson': poisson, 'cosine_proximity': cosine_proximity, 'cosine': cosine,
}


def get(identifier):
    """keras 1.2.2 objectives.get: a name -> the loss function, a callable -> itself."""
    if isinstance(identifier, str):
        try:
            return _BY_NAME[identifier]
        except KeyError:
            raise ValueError('Invalid objective (loss): %r. Valid Keras 1 names: %s'
                             % (identifier, ', '.join(sorted(_BY_NAME)))) from None
    if callable(identifier):
        return identifier
    raise ValueError('loss must be a Keras 1 loss name or a callable f(y_true, y_pred), got %r'
                     % (identifier,))

from compat.keras._reexports import reexported  # noqa: E402

__getattr__ = reexported(__name__)
