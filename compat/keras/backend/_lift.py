"""Let backend functions written for TF tensors also take Keras 3 symbolic tensors.

Keras 1 code builds graphs by calling backend functions on placeholders and
layer outputs (``K.function([model.input], [K.mean(model.output)])``). In
Keras 3 those are ``KerasTensor`` objects, which TensorFlow ops refuse. The
``symbolic`` decorator runs such a call inside a tiny Keras layer, so the
result is a KerasTensor that ``keras.Model``/``K.function`` can evaluate
later. Arguments that are not KerasTensors (numbers, ``tf.Variable`` weights,
callables) are kept by reference: variables are read when the graph runs, as
Theano shared variables were.

The learning phase lives here too, because layers and ``in_train_phase`` both
need it.
"""
import functools

from compat._keras3 import keras, tf

try:  # Keras 3 keeps the `training` flag of the current outer call here.
    from keras.src.backend.common import global_state as _global_state
except ImportError:  # pragma: no cover - layout of a future Keras 3
    _global_state = None

KerasTensor = keras.KerasTensor


def is_keras_tensor(x):
    """keras 1.2.2 backend/common.py is_keras_tensor: a tensor of the layer graph.

    Keras 1 asked for ``_keras_shape``, which inputs, placeholders and layer
    outputs had and backend expressions (``K.concatenate(...)``, ``x + y``)
    lacked; a tensor wrapped by ``Input(tensor=...)`` became one. Compat:
    Keras 3 symbolic tensors made by an input or a layer, not by a backend
    function or a Keras 3 operation.
    """
    if not isinstance(x, KerasTensor):
        return False
    from compat.keras.backend._symbolic_graph import input_wrapping
    history = getattr(x, '_keras_history', None)
    if history is None:
        return input_wrapping(x) is not None
    op = history[0]
    if isinstance(op, keras.layers.Layer) and not getattr(op, '_keras1_expression', False):
        return True
    return input_wrapping(x) is not None


def _flatten(obj):
    """Yield leaves of nested lists/tuples/dicts (the arg shapes Keras 1 uses)."""
    if isinstance(obj, (list, tuple)):
        for item in obj:
            yield from _flatten(item)
    elif isinstance(obj, dict):
        for item in obj.values():
            yield from _flatten(item)
    else:
        yield obj


def _substitute(obj, mapping):
    """Rebuild ``obj`` with KerasTensors replaced by their runtime tensors."""
    if isinstance(obj, KerasTensor):
        return mapping[id(obj)]
    if isinstance(obj, tuple) and not hasattr(obj, '_fields'):
        return tuple(_substitute(o, mapping) for o in obj)
    if isinstance(obj, list):
        return [_substitute(o, mapping) for o in obj]
    if isinstance(obj, dict):
        return {k: _substitute(v, mapping) for k, v in obj.items()}
    return obj


def unique_name(prefix):
    """``prefix_N`` with a per-prefix counter (keras 1.2.2 backend get_uid)."""
    from compat.keras.backend.common import get_uid
    return '%s_%d' % (prefix, get_uid(prefix))


class BackendOp(keras.layers.Layer):
    """A layer that runs one backend function on its symbolic arguments."""
    _keras1_expression = True  # its outputs are backend expressions, not Keras 1 layer outputs

    def __init__(self, fn, **kwargs):
        # unique names: a keras.Model refuses two operations of one name (K.mean twice in a graph)
        super().__init__(name=kwargs.pop('name', None) or unique_name('k_' + fn.__name__), **kwargs)
        # Held in a closure, not as attributes: Keras must not track the
        # variables passed as arguments as weights of this layer.
        self._run = fn

    def call(self, inputs):
        return self._run(inputs)

    def compute_mask(self, inputs, mask=None):
        return None


def symbolic(fn):
    """Decorator: when any argument is a KerasTensor, build a BackendOp layer."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        leaves = [a for a in _flatten((args, kwargs)) if isinstance(a, KerasTensor)]
        if not leaves:
            return fn(*args, **kwargs)
        unique = list({id(t): t for t in leaves}.values())

        def run(tensors):
            mapping = {id(k): v for k, v in zip(unique, tensors)}
            return fn(*_substitute(args, mapping), **_substitute(kwargs, mapping))

        run.__name__ = fn.__name__
        return BackendOp(run)(unique)

    return wrapper


# keras 1.2.2 theano_backend.py learning_phase: a symbolic uint8 scalar fed to
# K.function. Compat: a sentinel object K.function recognises among inputs; its
# fed value becomes `training=` of the Keras 3 call.
class _LearningPhase(object):
    _keras_shape = ()
    _uses_learning_phase = True

    def __repr__(self):
        return '<keras_learning_phase>'


LEARNING_PHASE = _LearningPhase()
_FIXED_PHASE = [None]  # set_learning_phase(0/1) value, or None


def learning_phase():
    """keras 1.2.2 learning_phase: the placeholder for 0 = test, 1 = train."""
    if _FIXED_PHASE[0] is not None:
        return _FIXED_PHASE[0]
    return LEARNING_PHASE


def set_learning_phase(value):
    """keras 1.2.2 set_learning_phase: fix the phase to 0 or 1 for all later calls."""
    if value not in {0, 1}:
        raise ValueError('set_learning_phase: expected 0 (test) or 1 (train), got %r' % (value,))
    _FIXED_PHASE[0] = int(value)


def current_phase():
    """The phase in effect now: fixed phase, else the enclosing Keras 3 call's
    ``training`` flag, else test (0). Returns a Python bool or a bool tensor."""
    if _FIXED_PHASE[0] is not None:
        return bool(_FIXED_PHASE[0])
    if _global_state is not None:
        ctx = _global_state.get_global_attribute('current_call_ctx')
        training = ctx.get_value('training') if ctx is not None else None
        if training is not None:
            if isinstance(training, (bool, int)):
                return bool(training)
            return tf.cast(training, tf.bool)
    return False
