"""Loss and metric functions that close over tensors of the model graph.

Keras 1 built the loss inside the model's Theano graph, so a loss could use
any graph tensor besides ``(y_true, y_pred)``: keras 1.2.2
examples/variational_autoencoder.py adds a KL term of the encoder's
``z_mean``/``z_log_var``. In compat those names hold Keras 3 ``KerasTensor``s
(symbolic) while the loss runs on real tensors, which TensorFlow refuses.

``find`` looks for the KerasTensors a function reaches by name: its globals,
its closure, its default arguments, and the same-module functions it calls.
The training step then runs one Keras 3 functional graph, ``Captures.model``,
whose outputs are the model outputs followed by those tensors (one forward
pass, as in Keras 1, so a sampling layer draws once and the gradient reaches
the layers that made them), and calls ``Captures.bind(fn, values)``: a copy
of the function in which each of those names holds the tensor's value.
"""
import types

from compat._keras3 import keras
from compat.keras.backend._lift import KerasTensor, _flatten, _substitute

_KERAS_TENSOR_TO_TF = 'KerasTensor cannot be used as input to a TensorFlow function'


def _code_names(code):
    """Global names a code object and the code nested in it (lambdas, comprehensions) load."""
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= _code_names(const)
    return names


def _holds_tensor(value):
    return any(isinstance(leaf, KerasTensor) for leaf in _flatten(value))


def _is_user_function(fn):
    # compat's own objectives/metrics never close over graph tensors; don't scan them
    return isinstance(fn, types.FunctionType) and not (fn.__module__ or '').startswith('compat.')


class _Binder:
    """What one function reads that holds graph tensors: globals, free variables, defaults.

    Functions it calls (same-module globals, or held in its closure) that
    themselves hold graph tensors are rebound too, so a ``kl(y_true, y_pred)``
    helper that reads ``z_mean`` works.
    """

    def __init__(self, fn, seen):
        self.fn = fn
        seen[id(fn)] = None  # in progress: a recursive call is left as it is
        code, g = fn.__code__, fn.__globals__
        self.globals, self.free = {}, {}  # name / closure cell index -> value or _Binder
        for name in sorted(n for n in _code_names(code) if n in g):
            value = self._captured(g[name], seen, same_module=g)
            if value is not None:
                self.globals[name] = value
        for i, cell in enumerate(fn.__closure__ or ()):
            try:
                value = self._captured(cell.cell_contents, seen)
            except ValueError:  # a cell not yet assigned
                continue
            if value is not None:
                self.free[i] = value
        self.defaults = fn.__defaults__ if _holds_tensor(fn.__defaults__ or ()) else None
        self.kwdefaults = fn.__kwdefaults__ if _holds_tensor(fn.__kwdefaults__ or {}) else None
        seen[id(fn)] = self if self else None

    @staticmethod
    def _captured(value, seen, same_module=None):
        """``value`` if it holds graph tensors, a _Binder if it is a function that does, else None."""
        if _is_user_function(value):
            if same_module is not None and value.__globals__ is not same_module:
                return None
            return seen[id(value)] if id(value) in seen else _Binder(value, seen) or None
        return value if _holds_tensor(value) else None

    def __bool__(self):
        return bool(self.globals or self.free or self.defaults or self.kwdefaults)

    def tensors(self):
        found = []
        for value in list(self.globals.values()) + list(self.free.values()) + [self.defaults, self.kwdefaults]:
            if isinstance(value, _Binder):
                found += value.tensors()
            else:
                found += [t for t in _flatten(value) if isinstance(t, KerasTensor)]
        return found

    def bind(self, mapping):
        """A copy of the function whose graph tensors read their values from ``mapping`` (id -> tensor)."""
        fn = self.fn

        def value(v):
            return v.bind(mapping) if isinstance(v, _Binder) else _substitute(v, mapping)

        namespace = dict(fn.__globals__)
        namespace.update({n: value(v) for n, v in self.globals.items()})
        closure = tuple(types.CellType(value(self.free[i])) if i in self.free else cell
                        for i, cell in enumerate(fn.__closure__ or ())) or None
        defaults = _substitute(self.defaults, mapping) if self.defaults else fn.__defaults__
        bound = types.FunctionType(fn.__code__, namespace, fn.__name__, defaults, closure)
        bound.__kwdefaults__ = _substitute(self.kwdefaults, mapping) if self.kwdefaults else fn.__kwdefaults__
        bound.__dict__.update(fn.__dict__)
        bound.__qualname__ = fn.__qualname__
        return bound


class Captures:
    """The graph tensors a model's loss and metric functions close over, and the graph that computes them."""

    def __init__(self, binders):
        self._binders = {id(b.fn): b for b in binders}
        self.tensors = list({id(t): t for b in binders for t in b.tensors()}.values())
        self.model = None

    def build(self, graph, what):
        """The Keras 3 model: ``graph``'s inputs -> ``graph``'s outputs + the captured tensors."""
        try:
            self.model = keras.Model(graph.inputs, list(graph.outputs) + self.tensors, name=graph.name + '_loss')
        except ValueError as e:
            names = sorted({b.fn.__name__ for b in self._binders.values()})
            raise ValueError('%s function(s) %s use tensors that are not computed from the inputs of this model '
                             '(%s): a Keras 1 loss or metric may only use tensors of the model being compiled. '
                             '(%s)' % (what, names, [t.name for t in graph.inputs], e)) from None
        return self

    def bind(self, fn, values):
        """``fn`` with its captured tensors bound to ``values`` (in ``self.tensors`` order)."""
        binder = self._binders.get(id(fn))
        if binder is None:
            return fn
        return binder.bind({id(t): v for t, v in zip(self.tensors, values)})


def find(fns):
    """A ``Captures`` for the functions among ``fns`` that close over graph tensors, or None."""
    binders = []
    for fn in fns:
        if _is_user_function(fn) and id(fn) not in {id(b.fn) for b in binders}:
            binder = _Binder(fn, {})
            if binder:
                binders.append(binder)
    return Captures(binders) if binders else None


def explained(fn):
    """``fn``, with the TensorFlow error for an unfound graph tensor turned into advice."""
    def advice():
        return ValueError('loss/metric function %r uses a symbolic tensor of the model graph that compat could '
                          'not find: compat finds graph tensors the function holds in module globals, in its '
                          'closure or default arguments, or in functions of its module that it calls. Reach the '
                          'tensor in one of those ways (e.g. a global or an enclosing function variable).'
                          % getattr(fn, '__name__', fn))

    def call(y_true, y_pred):
        try:
            out = fn(y_true, y_pred)
        except ValueError as e:
            if _KERAS_TENSOR_TO_TF not in str(e):
                raise
            raise advice() from e
        if isinstance(out, KerasTensor):  # arithmetic with a KerasTensor stays symbolic instead of failing
            raise advice()
        return out
    call.__name__ = getattr(fn, '__name__', 'loss')
    return call
