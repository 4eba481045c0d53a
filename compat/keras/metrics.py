"""Keras 1.2.2 metrics: batch-wise scalars, plus the 'accuracy' resolution rule.

Follows keras 1.2.2 ``metrics.py`` (formulas, over the Theano backend ops) and
``engine/training.py`` ``Model.compile`` (which accuracy 'acc' means, and the
display names that become the logs / History keys).
"""
from compat._keras3 import tf
from compat.keras import objectives
from compat.keras.backend.common import epsilon, floatx

__all__ = ['binary_accuracy', 'categorical_accuracy', 'sparse_categorical_accuracy',
           'top_k_categorical_accuracy', 'mean_squared_error', 'mean_absolute_error',
           'mean_absolute_percentage_error', 'mean_squared_logarithmic_error', 'hinge',
           'squared_hinge', 'categorical_crossentropy', 'sparse_categorical_crossentropy',
           'binary_crossentropy', 'kullback_leibler_divergence', 'poisson', 'cosine_proximity',
           'matthews_correlation', 'precision', 'recall', 'fbeta_score', 'fmeasure', 'get',
           'resolve', 'per_key']


def _pair(y_true, y_pred):
    y_pred = tf.convert_to_tensor(y_pred)
    return tf.cast(y_true, y_pred.dtype), y_pred


def _mean_of(boolean):
    return tf.reduce_mean(tf.cast(boolean, floatx()))


def binary_accuracy(y_true, y_pred):
    y_true, y_pred = _pair(y_true, y_pred)
    # theano_backend.round is half-to-even, as tf.round.
    return _mean_of(tf.equal(y_true, tf.round(y_pred)))


def categorical_accuracy(y_true, y_pred):
    return _mean_of(tf.equal(tf.argmax(y_true, axis=-1), tf.argmax(y_pred, axis=-1)))


def sparse_categorical_accuracy(y_true, y_pred):
    y_true, y_pred = _pair(y_true, y_pred)
    return _mean_of(tf.equal(tf.reduce_max(y_true, axis=-1),
                             tf.cast(tf.argmax(y_pred, axis=-1), y_pred.dtype)))


def top_k_categorical_accuracy(y_true, y_pred, k=5):
    """keras 1.2.2 theano_backend.in_top_k: the target index among argsort(pred)[:, -k:].

    With tied scores the later index ranks higher, as Theano's (small-array
    stable) argsort did; tf.math.in_top_k would count every tie instead.
    """
    targets = tf.argmax(y_true, axis=-1, output_type=tf.int32)
    top_k = tf.argsort(y_pred, axis=-1, stable=True)[:, -k:]
    hit = tf.reduce_any(tf.equal(top_k, targets[:, None]), axis=-1)
    return _mean_of(hit)


# Losses as metrics: keras 1.2.2 metrics.py takes the mean over everything.
def mean_squared_error(y_true, y_pred):
    y_true, y_pred = _pair(y_true, y_pred)
    return tf.reduce_mean(tf.square(y_pred - y_true))


def mean_absolute_error(y_true, y_pred):
    y_true, y_pred = _pair(y_true, y_pred)
    return tf.reduce_mean(tf.abs(y_pred - y_true))


def mean_absolute_percentage_error(y_true, y_pred):
    return tf.reduce_mean(objectives.mean_absolute_percentage_error(y_true, y_pred))


def mean_squared_logarithmic_error(y_true, y_pred):
    return tf.reduce_mean(objectives.mean_squared_logarithmic_error(y_true, y_pred))


def hinge(y_true, y_pred):
    return tf.reduce_mean(objectives.hinge(y_true, y_pred))


def squared_hinge(y_true, y_pred):
    return tf.reduce_mean(objectives.squared_hinge(y_true, y_pred))


def categorical_crossentropy(y_true, y_pred):
    return tf.reduce_mean(objectives.categorical_crossentropy(y_true, y_pred))


def sparse_categorical_crossentropy(y_true, y_pred):
    return tf.reduce_mean(objectives.sparse_categorical_crossentropy(y_true, y_pred))


def binary_crossentropy(y_true, y_pred):
    return tf.reduce_mean(objectives.binary_crossentropy(y_true, y_pred))


def kullback_leibler_divergence(y_true, y_pred):
    return tf.reduce_mean(objectives.kullback_leibler_divergence(y_true, y_pred))


def poisson(y_true, y_pred):
    return tf.reduce_mean(objectives.poisson(y_true, y_pred))


def cosine_proximity(y_true, y_pred):
    return tf.reduce_mean(objectives.cosine_proximity(y_true, y_pred))


def matthews_correlation(y_true, y_pred):
    y_true, y_pred = _pair(y_true, y_pred)
    y_pred_pos = tf.round(tf.clip_by_value(y_pred, 0., 1.))
    y_pred_neg = 1. - y_pred_pos
    y_pos = tf.round(tf.clip_by_value(y_true, 0., 1.))
    y_neg = 1. - y_pos
    tp = tf.reduce_sum(y_pos * y_pred_pos)
    tn = tf.reduce_sum(y_neg * y_pred_neg)
    fp = tf.reduce_sum(y_neg * y_pred_pos)
    fn = tf.reduce_sum(y_pos * y_pred_neg)
    numerator = tp * tn - fp * fn
    denominator = tf.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))
    return numerator / (denominator + epsilon())


def precision(y_true, y_pred):
    y_true, y_pred = _pair(y_true, y_pred)
    true_positives = tf.reduce_sum(tf.round(tf.clip_by_value(y_true * y_pred, 0., 1.)))
    predicted_positives = tf.reduce_sum(tf.round(tf.clip_by_value(y_pred, 0., 1.)))
    return true_positives / (predicted_positives + epsilon())


def recall(y_true, y_pred):
    y_true, y_pred = _pair(y_true, y_pred)
    true_positives = tf.reduce_sum(tf.round(tf.clip_by_value(y_true * y_pred, 0., 1.)))
    possible_positives = tf.reduce_sum(tf.round(tf.clip_by_value(y_true, 0., 1.)))
    return true_positives / (possible_positives + epsilon())


def fbeta_score(y_true, y_pred, beta=1):
    """keras 1.2.2 metrics.fbeta_score.

    Keras 1's "no true positives -> 0" test compares a symbolic Theano tensor
    with ``== 0``, which is always False, so it never fires; it is left out here.
    """
    if beta < 0:
        raise ValueError('The lowest choosable beta is zero (only precision).')
    p = precision(y_true, y_pred)
    r = recall(y_true, y_pred)
    bb = beta ** 2
    return (1 + bb) * (p * r) / (bb * p + r + epsilon())


def fmeasure(y_true, y_pred):
    return fbeta_score(y_true, y_pred, beta=1)


# Aliases (keras 1.2.2 metrics.py).
mse = MSE = mean_squared_error
mae = MAE = mean_absolute_error
mape = MAPE = mean_absolute_percentage_error
msle = MSLE = mean_squared_logarithmic_error
cosine = cosine_proximity
fscore = f1score = fmeasure

_FUNCTIONS = (binary_accuracy, categorical_accuracy, sparse_categorical_accuracy,
              top_k_categorical_accuracy, mean_squared_error, mean_absolute_error,
              mean_absolute_percentage_error, mean_squared_logarithmic_error, hinge, squared_hinge,
              categorical_crossentropy, sparse_categorical_crossentropy, binary_crossentropy,
              kullback_leibler_divergence, poisson, cosine_proximity, matthews_correlation,
              precision, recall, fbeta_score, fmeasure)
_BY_NAME = dict({f.__name__: f for f in _FUNCTIONS},
                mse=mse, MSE=MSE, mae=mae, MAE=MAE, mape=mape, MAPE=MAPE, msle=msle, MSLE=MSLE,
                cosine=cosine, fscore=fscore, f1score=f1score)


def get(identifier):
    """keras 1.2.2 metrics.get: a name -> the metric function, a callable -> itself.

    ``'accuracy'``/``'acc'`` are not names here (Keras 1 resolves them in
    compile, see :func:`resolve`).
    """
    if isinstance(identifier, str):
        try:
            return _BY_NAME[identifier]
        except KeyError:
            raise ValueError("Invalid metric: %r. Valid Keras 1 names: 'accuracy', 'acc', %s"
                             % (identifier, ', '.join(sorted(_BY_NAME)))) from None
    if callable(identifier):
        return identifier
    raise ValueError('metric must be a Keras 1 metric name or a callable f(y_true, y_pred), got %r'
                     % (identifier,))


# keras 1.2.2 engine/training.py Model.compile: the accuracy variant follows the loss.
_ACCURACY_BY_LOSS = {
    objectives.binary_crossentropy: binary_accuracy,
    objectives.sparse_categorical_crossentropy: sparse_categorical_accuracy,
}


def resolve(metric, loss_fn, output_shape):
    """Return ``(fn, display_name)`` for one metric of one output, as Keras 1 compile does.

    ``'accuracy'``/``'acc'`` -> binary accuracy when ``output_shape[-1] == 1`` or
    the loss is binary_crossentropy, sparse categorical accuracy when the loss is
    sparse_categorical_crossentropy, else categorical accuracy; named ``'acc'``.
    Anything else -> ``get(metric)`` named by the function's ``__name__`` (so
    ``'mse'`` logs as ``'mean_squared_error'``). The engine adds the
    ``<output layer name>_`` prefix for multi-output models, and when a custom
    metric returns a dict, Keras 1 logged one entry per key instead.
    """
    if metric in ('accuracy', 'acc'):
        loss_fn = objectives.get(loss_fn)  # compile compares objectives.get(loss) by identity
        if output_shape is not None and output_shape[-1] == 1:
            return binary_accuracy, 'acc'
        return _ACCURACY_BY_LOSS.get(loss_fn, categorical_accuracy), 'acc'
    fn = get(metric)
    name = getattr(fn, '__name__', None)
    if name is None:
        raise ValueError('metric %r has no __name__; Keras 1 names a metric by its function name. '
                         'Give it one (def or functools.update_wrapper).' % (fn,))
    return fn, name


def per_key(fn, label, output_shape, dtype):
    """``[(fn, name)]`` for one resolved metric: one entry, or one per key when ``fn`` returns a
    dict of named values (keras 1.2.2 engine/training.py Model.compile: a result that is not a dict
    becomes ``{metric_fn.__name__: result}``, and each key is logged under its own name). Keys come
    in the dict's order (Keras 1 on Python 2 iterated in hash order).

    Whether ``fn`` returns a dict is found by tracing it once on symbolic inputs of the output's
    shape: nothing runs. A custom metric that cannot be traced alone (one closing over the model's
    tensors) stays one entry, as before.
    """
    if fn in _BY_NAME.values() or fn in _ACCURACY_BY_LOSS.values() or fn is categorical_accuracy:
        return [(fn, label)]
    specs = (tf.TensorSpec([None] * len(output_shape), dtype), tf.TensorSpec(output_shape, dtype))
    try:
        result = tf.function(fn, autograph=False).get_concrete_function(*specs).structured_outputs
    except Exception:  # noqa: BLE001 -- a probe only: the real call reports any error at training
        return [(fn, label)]
    if not isinstance(result, dict):
        return [(fn, label)]

    def entry(key):
        def value(y_true, y_pred):
            return fn(y_true, y_pred)[key]
        value.__name__ = str(key)
        return value, str(key)
    return [entry(key) for key in result]

from compat.keras._reexports import reexported  # noqa: E402

__getattr__ = reexported(__name__)
