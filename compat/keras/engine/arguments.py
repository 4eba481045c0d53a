"""The Keras 1 → Keras 3 argument translator: one table, one small binder.

A Keras 1 call such as ``Convolution2D(32, 3, 3, border_mode='same')`` is first
*bound* against the real Keras 1.2.2 signature (``compat/spec/signatures.py``,
generated from keras 1.2.2 itself), so positional arguments mean what they meant
in Keras 1 — in Keras 3, ``Conv2D(32, 3, 3)`` would silently mean strides=3.
The bound Keras 1 arguments are then *translated* through ``RENAMES`` (derived
from the layer rows of ``compat/spec/layers.py``, which the upgrader shares) into
the Keras 3 keyword arguments of the layer compat builds on. Arguments that have no
Keras 3 counterpart stay with the compat layer, which implements them itself
(``border_mode``, ``dim_ordering``, ``mode``...). Misspelled or unsupported
arguments raise a TypeError naming the layer and the argument.
"""
import difflib
import warnings

import numpy as np

from compat import spec
from compat.keras.backend import common
from compat.spec import COMMON_KWARGS, INHERITED_KEYWORDS, REQUIRED, SIGNATURES


class Keras1Warning(UserWarning):
    """A Keras 1 idiom compat translated; the message names the Keras 3 spelling.

    Filter them with ``warnings.simplefilter('ignore', compat.Keras1Warning)``.
    """


_WARNED = set()


def warn_once(key, message):
    """Warn once per process for each Keras 1 idiom (``key``)."""
    if key not in _WARNED:
        _WARNED.add(key)
        warnings.warn(message, Keras1Warning, stacklevel=4)


# Converters named in RENAMES, resolved lazily (the modules import TensorFlow).
def _init(value):
    from compat.keras import initializations
    fn = initializations.get(value)
    if getattr(fn, '__module__', None) == initializations.__name__:
        return fn

    def keras1_init(shape, dtype=None, **kwargs):
        # keras 1.2.2 layers call a user's init as init(shape, name=...) (conv layers add
        # dim_ordering=); it may return a K.variable
        kwargs.pop('fans', None)
        made = fn(tuple(shape), name=None, **kwargs)
        return np.asarray(made.numpy() if hasattr(made, 'numpy') else made, dtype=dtype or 'float32')
    keras1_init.__name__ = getattr(fn, '__name__', 'init')
    return keras1_init


def _activation(value):
    from compat.keras import activations
    return activations.get(value)


def _regularizer(value):
    from compat.keras import regularizers
    return regularizers.get(value)


def _constraint(value):
    from compat.keras import constraints
    return constraints.get(value)


INIT, ACTIVATION, REGULARIZER, CONSTRAINT = _init, _activation, _regularizer, _constraint
CONVERTERS = {'initializer': INIT, 'activation': ACTIVATION, 'regularizer': REGULARIZER,
              'constraint': CONSTRAINT}

# Keras 1 argument -> (Keras 3 argument, conversion or None), for the arguments each compat layer
# hands to its Keras 3 base class: the rows' ``forwarded`` arguments, renamed as the rows say
# (the Keras 2 legacy interface names, keras 2.1.6 legacy/interfaces.py, then Keras 3's).
RENAMES = {name: {k1: (row.renames.get(k1, k1), CONVERTERS.get(spec.VALUE_KINDS.get(k1)))
                  for k1 in row.forwarded}
           for name, row in spec.LAYERS.items() if row.forwarded}


def _signature(layer):
    if layer not in SIGNATURES:
        raise TypeError('compat has no Keras 1.2.2 signature for layer class %r' % layer)
    return SIGNATURES[layer], INHERITED_KEYWORDS.get(layer, [])


def bind(layer, args, kwargs):
    """Bind a Keras 1 call of ``layer`` to its Keras 1.2.2 signature.

    Returns ``(arguments, common)``: every Keras 1 parameter with its value or
    Keras 1 default, and the engine-level keywords (``name``, ``input_shape``...).
    """
    positional, keywords = _signature(layer)
    popped = spec.row(layer).popped
    names = [n for n, _ in positional]
    if len(args) > len(positional):
        raise TypeError('%s() takes at most %d positional arguments in Keras 1 (%s), got %d'
                        % (layer, len(positional), ', '.join(names), len(args)))
    values = {n: d for n, d in positional + keywords}
    values.update(zip(names, args))
    engine_kwargs = {}
    for key, value in kwargs.items():
        if key in names[:len(args)]:
            raise TypeError('%s() got argument %r twice (positionally and as a keyword)' % (layer, key))
        if key in values:
            values[key] = value
        elif key in popped:
            warnings.warn(popped[key])
        elif key in COMMON_KWARGS:
            engine_kwargs[key] = value
        else:
            known = sorted(set(values) | set(COMMON_KWARGS))
            close = difflib.get_close_matches(key, known, n=1)
            raise TypeError('%s() got an argument %r that Keras 1.2.2 did not have%s. Keras 1 arguments: %s'
                            % (layer, key, (" (did you mean %r?)" % close[0]) if close else '',
                               ', '.join(known)))
    values = {k: _python(v) for k, v in values.items()}
    missing = [n for n, v in values.items() if isinstance(v, str) and v == REQUIRED]
    if missing:
        raise TypeError('%s() missing required Keras 1 argument(s): %s' % (layer, ', '.join(missing)))
    if values.get('dim_ordering') == 'default':
        # keras 1.2.2 layers: 'default' means the configured image_dim_ordering
        values['dim_ordering'] = common.image_dim_ordering()
    if 'dim_ordering' in values and values['dim_ordering'] not in ('th', 'tf'):
        raise ValueError("%s(dim_ordering=%r): use 'th' or 'tf'" % (layer, values['dim_ordering']))
    return values, engine_kwargs


def _python(value):
    """NumPy scalars (e.g. ``output_dim=np.max(y) + 1``) as the Python numbers Keras 1 accepted."""
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, tuple):
        return tuple(_python(v) for v in value)
    return value


def to_keras3(layer, arguments, explicit=()):
    """Keras 3 keyword arguments for the Keras 1 ``arguments`` of ``layer``.

    ``explicit`` are the keywords the caller actually wrote; renamed ones warn once.
    """
    table = RENAMES.get(layer, {})
    out = {}
    for key, (new, convert) in table.items():
        if key not in arguments:
            continue
        value = arguments[key]
        out[new] = convert(value) if convert is not None and value is not None else value
        if key in explicit and key != new:
            warn_once((layer, key), '%s(%s=...) is Keras 1; Keras 3 spells it %s=...' % (layer, key, new))
    spelling = spec.row(layer).keras3_spelling
    if spelling:
        warn_once(layer, '%s is Keras 1; the Keras 3 spelling is %s' % (layer, spelling))
    return out


def input_batch_shape(layer, arguments, common_kwargs):
    """The Keras 1 ``batch_input_shape`` a layer declares, or None.

    Follows keras 1.2.2 engine/topology.py Layer.__init__ and the per-layer
    ``input_dim``/``input_length`` shortcuts (keras 1.2.2 layers/*.py ``__init__``: declared
    when ``input_dim`` is given; Embedding always declares ``(input_length,)``).
    """
    if common_kwargs.get('batch_input_shape') is not None:
        return tuple(common_kwargs['batch_input_shape'])
    if common_kwargs.get('input_shape') is not None:
        return (None,) + tuple(common_kwargs['input_shape'])
    shortcut = spec.row(layer).input_shortcut
    if shortcut and ('input_dim' not in shortcut or arguments.get('input_dim') is not None):
        return (None,) + tuple(arguments.get(n) for n in shortcut)
    return None
