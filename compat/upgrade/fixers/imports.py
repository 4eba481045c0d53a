"""Imports and symbol names: Keras 1 modules -> Keras 3 modules, renamed classes everywhere,
imports of replaced symbols removed, imports the other fixers need added, and the helper
functions (the Keras 1 hard sigmoid) inserted once after the imports.

Runs last: it is the only fixer that renames references, so the others match Keras 1 names.
"""
from __future__ import annotations

import re

import libcst as cst

from .. import table
from .base import HARD_SIGMOID, SAME_POOLING, Fixer, code

# Inserted into upgraded files that need it, so they do not import compat. Registered so that a
# saved Keras 3 model can be loaded again (with this module imported).
HELPERS = {
    HARD_SIGMOID: '''
@keras.saving.register_keras_serializable(package="keras1")
def keras1_hard_sigmoid(x):
    """Keras 1.2.2's hard sigmoid, clip(0.2 * x + 0.5, 0, 1); Keras 3's "hard_sigmoid" has slope 1/6."""
    return keras.ops.clip(0.2 * x + 0.5, 0.0, 1.0)
''',
    SAME_POOLING: '''
@keras.saving.register_keras_serializable(package="keras1")
class Keras1SamePooling(keras.layers.Layer):
    """Keras 1.2.2 (Theano) pooling with border_mode='same': pool - 2 (odd pool > 2) or pool - 1
    cells padded on both sides, which never win a max and are left out of averages; the first
    ceil(n / stride) outputs are kept. mode is 'max' or 'average'."""

    def __init__(self, mode, pool_size, strides=None, data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.mode = mode
        self.pool_size = tuple(pool_size) if isinstance(pool_size, (tuple, list)) else (pool_size,)
        strides = self.pool_size if strides is None else strides
        if not isinstance(strides, (tuple, list)):
            strides = (strides,) * len(self.pool_size)
        self.strides = tuple(strides)
        self.data_format = data_format or keras.config.image_data_format()

    def call(self, x):
        first = 2 if self.data_format == "channels_first" else 1
        axes = range(first, first + len(self.pool_size))
        pads = [(0, 0)] * len(x.shape)
        crop = [slice(None)] * len(x.shape)
        for axis, p, s in zip(axes, self.pool_size, self.strides):
            pad = p - 2 if p > 2 and p % 2 else p - 1
            pads[axis] = (pad, pad)
            crop[axis] = slice(0, -(-keras.ops.shape(x)[axis] // s))
        args = (self.pool_size, self.strides, "valid", self.data_format)
        if self.mode == "max":
            y = keras.ops.max_pool(keras.ops.pad(x, pads, constant_values=float("-inf")), *args)
        else:  # sum over the real cells / their number
            y = keras.ops.average_pool(keras.ops.pad(x, pads), *args) / keras.ops.average_pool(
                keras.ops.pad(keras.ops.ones_like(x), pads), *args)
        return y[tuple(crop)]

    def get_config(self):
        return {**super().get_config(), "mode": self.mode, "pool_size": self.pool_size,
                "strides": self.strides, "data_format": self.data_format}
''',
    # keras 1.2.2 optimizers.py RMSprop.get_updates (fixers/optimizers.py; table.KERAS1_OPTIMIZERS)
    'Keras1RMSprop': '''
@keras.saving.register_keras_serializable(package="keras1")
class Keras1RMSprop(keras.optimizers.Optimizer):
    """Keras 1.2.2's RMSprop: a = rho * a + (1 - rho) * g ** 2, then p -= lr * g / (sqrt(a) +
    epsilon). Keras 3's RMSprop divides by sqrt(a + epsilon): other steps where a is small."""

    def __init__(self, learning_rate=0.001, rho=0.9, epsilon=1e-8, name="keras1_rmsprop", **kwargs):
        super().__init__(learning_rate=learning_rate, name=name, **kwargs)
        self.rho, self.epsilon = rho, epsilon

    def build(self, variables):
        if not self.built:
            super().build(variables)
            self.accumulators = [self.add_variable_from_reference(v, "accumulator") for v in variables]

    def update_step(self, gradient, variable, learning_rate):
        a = self.accumulators[self._get_variable_index(variable)]
        # dense (an embedding's sparse gradient too), as Theano's were: every accumulator row decays
        zeros = keras.ops.zeros(variable.shape, variable.dtype)      # (zeros_like fails on JAX)
        g = keras.ops.add(zeros, keras.ops.cast(gradient, variable.dtype))
        self.assign(a, self.rho * a + (1.0 - self.rho) * keras.ops.square(g))
        lr = keras.ops.cast(learning_rate, variable.dtype)
        self.assign_sub(variable, lr * g / (keras.ops.sqrt(a) + self.epsilon))

    def get_config(self):
        return {**super().get_config(), "rho": self.rho, "epsilon": self.epsilon}
''',
    # keras 1.2.2 optimizers.py Adagrad.get_updates (fixers/optimizers.py; table.KERAS1_OPTIMIZERS)
    'Keras1Adagrad': '''
@keras.saving.register_keras_serializable(package="keras1")
class Keras1Adagrad(keras.optimizers.Optimizer):
    """Keras 1.2.2's Adagrad: a += g ** 2 (from 0), then p -= lr * g / (sqrt(a) + epsilon).
    Keras 3's Adagrad divides by sqrt(a + epsilon): other steps where a is small."""

    def __init__(self, learning_rate=0.01, epsilon=1e-8, name="keras1_adagrad", **kwargs):
        super().__init__(learning_rate=learning_rate, name=name, **kwargs)
        self.epsilon = epsilon

    def build(self, variables):
        if not self.built:
            super().build(variables)
            self.accumulators = [self.add_variable_from_reference(v, "accumulator") for v in variables]

    def update_step(self, gradient, variable, learning_rate):
        a = self.accumulators[self._get_variable_index(variable)]
        # dense (an embedding's sparse gradient too), as Theano's were: every accumulator row decays
        zeros = keras.ops.zeros(variable.shape, variable.dtype)      # (zeros_like fails on JAX)
        g = keras.ops.add(zeros, keras.ops.cast(gradient, variable.dtype))
        self.assign_add(a, keras.ops.square(g))
        lr = keras.ops.cast(learning_rate, variable.dtype)
        self.assign_sub(variable, lr * g / (keras.ops.sqrt(a) + self.epsilon))

    def get_config(self):
        return {**super().get_config(), "epsilon": self.epsilon}
''',
    # keras 1.2.2 optimizers.py Nadam.get_updates (fixers/optimizers.py; table.KERAS1_OPTIMIZERS)
    'Keras1Nadam': '''
@keras.saving.register_keras_serializable(package="keras1")
class Keras1Nadam(keras.optimizers.Optimizer):
    """Keras 1.2.2's Nadam: momentum cache c_t = beta_1 * (1 - 0.5 * 0.96 ** (t * schedule_decay)), its
    running product s; p -= lr * ((1 - c_t) * g / (1 - s_t) + c_t+1 * m / (1 - s_t * c_t+1)) /
    (sqrt(v / (1 - beta_2 ** t)) + epsilon). Keras 3's Nadam has no schedule_decay (0.96 ** t)."""

    def __init__(self, learning_rate=0.002, beta_1=0.9, beta_2=0.999, epsilon=1e-8,
                 schedule_decay=0.004, name="keras1_nadam", **kwargs):
        super().__init__(learning_rate=learning_rate, name=name, **kwargs)
        self.beta_1, self.beta_2 = beta_1, beta_2
        self.epsilon, self.schedule_decay = epsilon, schedule_decay

    def build(self, variables):
        if not self.built:
            super().build(variables)
            self.momentums = [self.add_variable_from_reference(v, "momentum") for v in variables]
            self.velocities = [self.add_variable_from_reference(v, "velocity") for v in variables]
            # the product of the momentum caches so far, kept with each variable
            self.schedules = [self.add_variable((), initializer="ones", name="m_schedule")
                              for _ in variables]

    def update_step(self, gradient, variable, learning_rate):
        i = self._get_variable_index(variable)
        m, v, schedule = self.momentums[i], self.velocities[i], self.schedules[i]
        # dense (an embedding's sparse gradient too), as Theano's were
        zeros = keras.ops.zeros(variable.shape, variable.dtype)      # (zeros_like fails on JAX)
        g = keras.ops.add(zeros, keras.ops.cast(gradient, variable.dtype))
        t = keras.ops.cast(self.iterations + 1, variable.dtype)
        cache = self.beta_1 * (1.0 - 0.5 * keras.ops.power(0.96, t * self.schedule_decay))
        cache_next = self.beta_1 * (1.0 - 0.5 * keras.ops.power(0.96, (t + 1.0) * self.schedule_decay))
        schedule_new = schedule * cache
        m_t = self.beta_1 * m + (1.0 - self.beta_1) * g
        v_t = self.beta_2 * v + (1.0 - self.beta_2) * keras.ops.square(g)
        m_bar = (1.0 - cache) * g / (1.0 - schedule_new) + cache_next * m_t / (1.0 - schedule_new * cache_next)
        v_hat = v_t / (1.0 - keras.ops.power(self.beta_2, t))
        self.assign(schedule, schedule_new)
        self.assign(m, m_t)
        self.assign(v, v_t)
        lr = keras.ops.cast(learning_rate, variable.dtype)
        self.assign_sub(variable, lr * m_bar / (keras.ops.sqrt(v_hat) + self.epsilon))

    def get_config(self):
        return {**super().get_config(), "beta_1": self.beta_1, "beta_2": self.beta_2,
                "epsilon": self.epsilon, "schedule_decay": self.schedule_decay}
''',
    # keras 1.2.2 regularizers.py L1L2Regularizer as an activity regularizer (fixers/
    # activity_regularizers.py; table.ACTIVITY_REGULARIZERS)
    'Keras1ActivityRegularizer': '''
@keras.saving.register_keras_serializable(package="keras1")
class Keras1ActivityRegularizer(keras.regularizers.Regularizer):
    """Keras 1.2.2's activity penalty, l1 * sum(|x|) + l2 * sum(x ** 2) over the whole batch.
    Keras 3 divides a layer's activity penalty by the batch size: this returns it times that."""

    def __init__(self, l1=0.0, l2=0.0):
        self.l1, self.l2 = float(l1), float(l2)

    def __call__(self, x):
        penalty = self.l1 * keras.ops.sum(keras.ops.abs(x)) + self.l2 * keras.ops.sum(keras.ops.square(x))
        return penalty * keras.ops.cast(keras.ops.shape(x)[0], penalty.dtype)

    def get_config(self):
        return {"l1": self.l1, "l2": self.l2}
''',
    # keras 1.2.2 objectives.py cosine_proximity (fixers/losses.py; table.LOSS_NAMES)
    'keras1_cosine_proximity': '''
@keras.saving.register_keras_serializable(package="keras1")
def keras1_cosine_proximity(y_true, y_pred):
    """Keras 1.2.2's cosine_proximity, -mean(l2_normalize(y_true) * l2_normalize(y_pred), axis=-1)
    (Theano's l2_normalize: x / sqrt(sum(x ** 2)), no epsilon). Keras 3's cosine_similarity sums."""
    y_true = y_true / keras.ops.sqrt(keras.ops.sum(keras.ops.square(y_true), axis=-1, keepdims=True))
    y_pred = y_pred / keras.ops.sqrt(keras.ops.sum(keras.ops.square(y_pred), axis=-1, keepdims=True))
    return -keras.ops.mean(y_true * y_pred, axis=-1)
''',
    # keras 1.2.2 models.py Sequential.predict_classes (fixers/training.py; Keras 3 has none)
    'keras1_predict_classes': '''
def keras1_predict_classes(model, x, batch_size=32, verbose=1):
    """Keras 1.2.2's Sequential.predict_classes: the most probable class, or probability > 0.5
    when the model has a single output column."""
    proba = model.predict(x, batch_size=batch_size, verbose=verbose)
    if proba.shape[-1] > 1:
        return proba.argmax(axis=-1)
    return (proba > 0.5).astype("int32")
''',
    # Keras 3's Adam, Adamax, Adadelta on dense gradients (fixers/optimizers.py; table.
    # DENSE_GRADIENT_OPTIMIZERS): keras 1.2.2 optimizers.py got Theano's dense gradients
    **{dense: '''
@keras.saving.register_keras_serializable(package="keras1")
class %s(keras.optimizers.%s):
    """Keras 3's %s on dense gradients, as Keras 1.2.2's were (Theano): an Embedding's rows that
    repeat in a batch are summed first. Keras 3 updates with each sparse piece alone."""

    def update_step(self, gradient, variable, learning_rate):
        zeros = keras.ops.zeros(variable.shape, variable.dtype)      # (zeros_like fails on JAX)
        dense = keras.ops.add(zeros, keras.ops.cast(gradient, variable.dtype))
        super().update_step(dense, variable, learning_rate)
''' % (dense, base, base) for base, dense in table.DENSE_GRADIENT_OPTIMIZERS.items()},
    # SciPy 1.1 misc/pilutil.py imsave (toimage + bytescale); SciPy 1.2 removed it
    'imsave': '''
def imsave(name, arr, format=None):
    """SciPy <= 1.1's scipy.misc.imsave: byte-scale `arr` (its min -> 0, max -> 255, unless it is
    uint8 already) and save it with Pillow."""
    import numpy as np
    from PIL import Image
    data = np.asarray(arr)
    if data.dtype != np.uint8:
        low, high = data.min(), data.max()
        scale = 255.0 / ((high - low) or 1)
        data = ((data - low) * scale).clip(0, 255) + 0.5
    Image.fromarray(data.astype(np.uint8)).save(name, format)
''',
    # SciPy 1.1 misc/pilutil.py imread (fromimage); SciPy 1.2 removed it
    'imread': '''
def imread(name, flatten=False, mode=None):
    """SciPy <= 1.1's scipy.misc.imread: the image as an array, through Pillow."""
    import numpy as np
    from PIL import Image
    im = Image.open(name)
    if mode is None and im.mode == "P":
        im = im.convert("RGBA" if "transparency" in im.info else "RGB")
    if flatten:
        im = im.convert("F")
    elif mode is not None:
        im = im.convert(mode)
    return np.array(im)
''',
    # keras 1.2.2 engine/training.py slice_X (table.INLINED_FUNCTIONS; Keras 3 has none)
    'slice_X': '''
def slice_X(X, start=None, stop=None):
    """Keras 1.2.2's slice_X: X[start:stop] of an array or of each array in a list; `start` may
    be a list/array of indices (then `stop` is unused)."""
    def cut(x):
        if hasattr(start, "__len__"):
            return x[start.tolist() if hasattr(start, "shape") else start]
        return x[start:stop]
    return [cut(x) for x in X] if isinstance(X, list) else cut(X)
''',
}


def _init_class(k1_name: str) -> str:
    """Keras 3 class name of a Keras 1 initializations function ('normal' -> 'RandomNormal')."""
    src = table.INIT_FUNCTIONS[k1_name][0]
    return re.match(r'keras\.initializers\.(\w+)', src).group(1)


def _dotted(node) -> str:
    return code(node) if node is not None else ''


class _Uses(cst.CSTVisitor):
    """Names referenced outside import statements."""
    def __init__(self):
        self.names, self._in_import = set(), 0

    def visit_Import(self, node):
        self._in_import += 1

    def leave_Import(self, node):
        self._in_import -= 1

    def visit_ImportFrom(self, node):
        self._in_import += 1

    def leave_ImportFrom(self, node):
        self._in_import -= 1

    def visit_Name(self, node):
        if not self._in_import:
            self.names.add(node.value)


def names_used(module) -> set:
    """Names a module references outside its import statements."""
    uses = _Uses()
    module.visit(uses)
    return uses.names


class Imports(Fixer):
    name = 'imports'

    def __init__(self, ctx):
        super().__init__(ctx)
        self._in_import = 0

    def visit_Module(self, node):
        self._used = names_used(node)

    # -- import statements ------------------------------------------------------------------
    def visit_ImportFrom(self, node):
        self._in_import += 1

    def visit_Import(self, node):
        self._in_import += 1
        for alias in node.names:
            mod = _dotted(alias.name)
            if mod in table.MODULES or mod in table.GONE_MODULES:
                self.warn(node, f'import {mod}: use `from {table.MODULES.get(mod, mod)} import ...`'
                                if mod in table.MODULES else table.GONE_MODULES[mod])
            elif mod in table.NEEDS_HUMAN_MODULES:
                self.add('error', node, table.NEEDS_HUMAN_MODULES[mod])
            elif mod in table.LEGACY_MODULES:
                self.warn(node, f'import {mod}: use `from {table.LEGACY_MODULES[mod][0]} import ...` '
                                '(deprecated Keras 2 code)')

    def leave_Import(self, original, updated):
        self._in_import -= 1
        return updated

    def _inline_elsewhere(self, original, updated, mod):
        """`from scipy.misc import imsave` -> the function inlined (table.INLINED_ELSEWHERE)."""
        if isinstance(updated.names, cst.ImportStar):
            return updated
        kept = []
        for alias in updated.names:
            name = code(alias.name)
            if name in table.INLINED_ELSEWHERE[mod] and alias.asname is None:
                self.ctx.helpers.add(name)
                self.change(original, f'{mod}.{name}: removed from its library; a Pillow version is inlined')
            else:
                kept.append(alias)
        if not kept:
            return cst.RemovalSentinel.REMOVE
        return updated.with_changes(names=[a.with_changes(comma=cst.MaybeSentinel.DEFAULT) if i == len(kept) - 1
                                           else a for i, a in enumerate(kept)])

    def leave_ImportFrom(self, original: cst.ImportFrom, updated: cst.ImportFrom):
        self._in_import -= 1
        if original.relative:
            return updated
        mod = _dotted(original.module)
        if mod in table.INLINED_ELSEWHERE:
            return self._inline_elsewhere(original, updated, mod)
        if not (mod == 'keras' or mod.startswith('keras.')):
            return updated
        if mod in table.GONE_MODULES:
            self.warn(original, table.GONE_MODULES[mod])
        if mod in table.NEEDS_HUMAN_MODULES:     # another constructor: not rewritten
            self.add('error', original, table.NEEDS_HUMAN_MODULES[mod])
            return updated
        legacy_mod, legacy_names, legacy_note = table.LEGACY_MODULES.get(mod, (None, (), None))
        if legacy_mod and legacy_names is None:          # the whole module moved
            updated = updated.with_changes(module=cst.parse_expression(legacy_mod))
            self.change(original, f'from {mod} -> from {legacy_mod}')
            for alias in ([] if isinstance(updated.names, cst.ImportStar) else updated.names):
                self.warn(original, legacy_note.format(name=code(alias.name)))
            return updated
        new_mod = table.MODULES.get(mod, mod)
        if new_mod != mod:
            self.change(original, f'from {mod} -> from {new_mod}')
            updated = updated.with_changes(module=cst.parse_expression(new_mod))
        if isinstance(updated.names, cst.ImportStar):
            return updated
        aliases, split = [], []
        for alias in updated.names:
            name = alias.name.value if isinstance(alias.name, cst.Name) else code(alias.name)
            sub = f'{mod}.{name}'
            bound = code(alias.asname.name) if alias.asname else name
            if bound in self.ctx.original_uses and bound not in self._used:
                # `from keras import backend as K` once K.image_dim_ordering() became 'th'
                self.change(original, f'import of {bound} removed (the rewrite left no use of it)')
                continue
            if sub in table.MODULES:               # from keras.utils import np_utils
                parent, last = table.MODULES[sub].rsplit('.', 1)
                if parent != new_mod and len(updated.names) > 1:
                    # from keras.layers import Dense, recurrent -> ...; from keras import layers as recurrent
                    split.append(cst.ImportFrom(module=cst.parse_expression(parent), names=[
                        cst.ImportAlias(cst.Name(last), asname=alias.asname or cst.AsName(
                            name=cst.Name(name)))]))
                    self.change(original, f'{sub} -> {table.MODULES[sub]} (a separate import)')
                    continue
                else:
                    if parent != new_mod:              # from keras.utils import np_utils
                        updated = updated.with_changes(module=cst.parse_expression(parent))
                        new_mod = parent
                    alias = alias.with_changes(name=cst.Name(last), asname=alias.asname or cst.AsName(
                        name=cst.Name(name)))
                    self.change(original, f'{sub} -> {table.MODULES[sub]}')
            elif legacy_names and name in legacy_names and alias.asname is None:
                self.need(legacy_mod, name)          # leave_Module writes the import
                self.warn(original, legacy_note.format(name=name))
                continue
            elif name in table.INLINED_FUNCTIONS and alias.asname is None:
                self.ctx.helpers.add(name)
                self.change(original, f'{name}: Keras 3 has none; the Keras 1 function is inlined')
                continue
            elif mod == 'keras.initializations' and name in table.INIT_FUNCTIONS:
                if name not in self._used:
                    self.change(original, f'import of {name} removed (rewritten to a Keras 3 '
                                          'initializer)')
                    continue
                alias = alias.with_changes(name=cst.Name(_init_class(name)))
                self.warn(original, f'{name} is a function f(shape, scale, name) in Keras 1; Keras 3 '
                                    f'has the class {_init_class(name)}(...) called with (shape, '
                                    'dtype): rewrite its uses by hand')
            elif name in table.REPLACED and name not in self._used:
                self.change(original, f'import of {name} removed (replaced)')
                continue
            elif alias.asname is not None and \
                    table.LAYER_ALIASES.get(code(alias.asname.name)) == name:
                # `Convolution2D as Conv2D` (layer_args) -> `Conv2D`: references are renamed too
                new = table.SYMBOLS.get(name, name)
                self.change(original, f'{code(alias.asname.name)} (Keras 1 alias of {name}) -> {new}')
                alias = alias.with_changes(name=cst.Name(new), asname=None)
            elif name in table.SYMBOLS:
                alias = alias.with_changes(name=cst.Name(table.SYMBOLS[name]))
                self.change(original, f'{name} -> {table.SYMBOLS[name]}')
            elif name in table.GONE_SYMBOLS:
                self.warn(original, table.GONE_SYMBOLS[name])
            aliases.append(alias)
        if not aliases:
            return cst.FlattenSentinel(split) if split else cst.RemoveFromParent()
        last = aliases[-1]
        if isinstance(last.comma, cst.Comma) and updated.rpar is None:
            aliases[-1] = last.with_changes(comma=cst.MaybeSentinel.DEFAULT)
        updated = updated.with_changes(names=aliases)
        return cst.FlattenSentinel([updated, *split]) if split else updated

    # -- references -------------------------------------------------------------------------
    def leave_Name(self, original: cst.Name, updated: cst.Name):
        if self._in_import:
            return updated
        q = self.keras_qualname(original)
        k = q.rsplit('.', 1)[-1] if q else None
        if k and k == original.value and k in table.SYMBOLS:
            return updated.with_changes(value=table.SYMBOLS[k])
        if k and table.LAYER_ALIASES.get(original.value) == k:     # Conv2D bound to Convolution2D
            return updated.with_changes(value=table.SYMBOLS.get(k, k))
        if k == original.value and self._init_function(q):
            return updated.with_changes(value=_init_class(k))
        return updated

    @staticmethod
    def _init_function(q) -> bool:
        return q.startswith('keras.initializations.') and q.rsplit('.', 1)[-1] in table.INIT_FUNCTIONS

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute):
        if self._in_import:
            return updated
        q = self.keras_qualname(original)
        if q is None:
            return updated
        dotted = code(original)
        if q == dotted and dotted in table.MODULES:          # keras.layers.core -> keras.layers
            return cst.parse_expression(table.MODULES[dotted])
        k = q.rsplit('.', 1)[-1]
        if original.attr.value == k and k in table.SYMBOLS:
            return updated.with_changes(attr=cst.Name(table.SYMBOLS[k]))
        if original.attr.value == k and self._init_function(q):
            self.warn(original, f'{code(original)}: a Keras 1 function f(shape, scale, name); Keras 3 '
                                f'has the class {_init_class(k)}(...): check this use by hand')
            return updated.with_changes(attr=cst.Name(_init_class(k)))
        return updated

    # -- additions --------------------------------------------------------------------------
    def leave_Module(self, original: cst.Module, updated: cst.Module):
        body = list(updated.body)
        last_import = -1
        for i, stmt in enumerate(body):
            if isinstance(stmt, cst.SimpleStatementLine) and any(
                    isinstance(s, (cst.Import, cst.ImportFrom)) for s in stmt.body):
                last_import = i
        needed = set(self.ctx.imports)
        if any('keras.' in HELPERS[h] for h in self.ctx.helpers):
            needed.add(('keras', None))
        new_lines = []
        for module, name in sorted(needed, key=lambda mn: (mn[0], mn[1] or '')):
            if name is None:
                if not self._has_import_keras(body):
                    new_lines.append(cst.parse_statement('import keras\n'))
                continue
            if self._binds(body, name):
                continue
            i = self._find_from(body, module)
            if i is not None:
                stmt = body[i]
                imp = stmt.body[0]
                names = list(imp.names)
                if isinstance(names[-1].comma, cst.Comma) and imp.rpar is None:
                    names[-1] = names[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
                names[-1] = names[-1].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(' ')))
                names.append(cst.ImportAlias(name=cst.Name(name)))
                body[i] = stmt.with_changes(body=[imp.with_changes(names=names)])
            else:
                new_lines.append(cst.parse_statement(f'from {module} import {name}\n'))
            self.change(original, f'import {name} from {module} (used by the rewrite)')
        if new_lines:
            body[last_import + 1:last_import + 1] = new_lines
            last_import += len(new_lines)
        keras_first = next((i for i, s in self._imports(body)
                            if code(s).replace('from ', 'import ', 1).startswith('import keras')), None)
        for i, stmt in enumerate(list(body)):     # `import keras` first among the keras imports
            if any(stmt is n for n in new_lines) and code(stmt).strip() == 'import keras' and \
                    keras_first is not None and keras_first < i:
                body.pop(i)
                body.insert(keras_first, stmt.with_changes(leading_lines=[]))
                if keras_first < len(body) - 1 and body[keras_first + 1].leading_lines:
                    lead = body[keras_first + 1].leading_lines
                    body[keras_first] = body[keras_first].with_changes(leading_lines=lead)
                    body[keras_first + 1] = body[keras_first + 1].with_changes(leading_lines=[])
                break
        for helper in sorted(self.ctx.helpers):
            if any(isinstance(s, (cst.FunctionDef, cst.ClassDef)) and s.name.value == helper
                   for s in body):
                continue
            fn = cst.parse_module(HELPERS[helper]).body[0]
            fn = fn.with_changes(leading_lines=[cst.EmptyLine(), cst.EmptyLine()])
            body.insert(last_import + 1, fn)
            nxt = last_import + 2
            if nxt < len(body):   # two blank lines after a top-level function (PEP 8)
                lead = list(body[nxt].leading_lines)
                blanks = 0
                while blanks < len(lead) and lead[blanks].comment is None:
                    blanks += 1
                body[nxt] = body[nxt].with_changes(
                    leading_lines=[cst.EmptyLine()] * max(0, 2 - blanks) + lead)
            self.change(original, f'helper {helper}() inserted after the imports')
        return updated.with_changes(body=body)

    @staticmethod
    def _imports(body):
        for i, stmt in enumerate(body):
            if isinstance(stmt, cst.SimpleStatementLine):
                for s in stmt.body:
                    if isinstance(s, (cst.Import, cst.ImportFrom)):
                        yield i, s

    def _has_import_keras(self, body):
        return any(isinstance(s, cst.Import) and any(code(a.name) == 'keras' and a.asname is None
                                                     for a in s.names)
                   for _, s in self._imports(body))

    def _binds(self, body, name):
        for _, s in self._imports(body):
            if isinstance(s, cst.ImportFrom) and not isinstance(s.names, cst.ImportStar):
                for a in s.names:
                    bound = a.asname.name.value if a.asname else code(a.name)
                    if bound == name:
                        return True
        return False

    def _find_from(self, body, module):
        for i, s in self._imports(body):
            if (isinstance(s, cst.ImportFrom) and not isinstance(s.names, cst.ImportStar)
                    and not s.relative and _dotted(s.module) == module
                    and len(body[i].body) == 1):
                return i
        return None
