"""Layer constructor arguments, driven by the Keras 1 layer rows (``compat/spec``, via ``table.LAYERS``).

``Convolution2D(32, 3, 3, border_mode='valid')`` -> ``Conv2D(32, (3, 3), padding='valid')``:
Keras 1 positional arguments are named first (Keras 3 ``Conv2D(32, 3, 3)`` would mean strides=3),
combined (nb_row, nb_col -> kernel_size), value-converted ('th' -> 'channels_first',
'hard_sigmoid' -> the Keras 1 hard sigmoid helper, Keras 1 initializer names), renamed, and the
Keras 1 defaults that Keras 3 changed are written out (GRU reset_after=False, ...). The class
name itself is renamed by the imports fixer, which sees every reference.

Keras 1 aliases (``Conv2D = Convolution2D``, table.LAYER_ALIASES) take their class's row, and their
imports are written ``from keras.layers import Convolution2D as Conv2D`` so that the later fixers
see the Keras 1 class; Keras 1 initializer functions (``lambda shape, name: normal(shape,
scale=0.001, name=name)``, ``init=normal``) become Keras 3 initializer objects
(table.INIT_FUNCTIONS).
"""
from __future__ import annotations

import libcst as cst

from compat import spec

from .. import table
from .base import HARD_SIGMOID, Fixer, code, fix_commas, kwarg, try_literal
from .keras1_layers import INLINED
from .theano_pool_same import POOLS
from .theano_same_padding import CONVS

_NO_VALUE = object()
NCHW_CAVEAT = ("channels_first layers run on CPU only while TensorFlow's oneDNN is on "
               "(TF_ENABLE_ONEDNN_OPTS=0 raises UnimplementedError); GPUs run them natively. Keras "
               "3.15 on TensorFlow adds a channels_first conv's bias along the width in training when "
               "the output width equals the filter count (compat/upgrade/README.md, known gaps)")


# Classes later fixers rewrite too, at direct call sites only (not through a variable).
LATER_FIXED = {*CONVS, *POOLS, *INLINED, 'BatchNormalization', 'Deconvolution2D', 'ConvLSTM2D',
               'TimeDistributedDense'}
_INT_OPS = (cst.Add, cst.Subtract, cst.Multiply, cst.FloorDivide, cst.Modulo)


class _Item:
    """One argument on its way from Keras 1 to Keras 3."""
    def __init__(self, name, value, positional, arg=None):
        self.name, self.value, self.positional, self.arg = name, value, positional, arg
        self.original = None
        self.keras1_name = name


class LayerArgs(Fixer):
    name = 'layer_args'

    def __init__(self, ctx):
        super().__init__(ctx)
        self._nchw_reported = False
        self._imported_from_keras = False

    def visit_Module(self, node):
        self._bindings = self.ctx.bindings
        # `RNN = recurrent.LSTM` (keras 1.2.2 examples/addition_rnn.py): calls `RNN(...)` take
        # LSTM's row when the file binds the name once; otherwise a warning
        self._class_aliases = {}
        for name, values in self._bindings.items():
            classes = [self._layer_class(x) for x in values if x is not None]
            if not any(classes):
                continue
            if len(values) == 1:
                self._class_aliases[name] = classes[0]
            else:
                self.warn(next(x for x in values if self._layer_class(x)),
                          f'{name} is bound to a Keras 1 layer class and to other values: calls '
                          f'{name}(...) are not rewritten; convert their arguments by hand')

    def _layer_class(self, node):
        k1 = self.keras_name(node)
        k1 = table.LAYER_ALIASES.get(k1, k1)
        return k1 if k1 in table.LAYERS and not table.LAYERS[k1].removed else None

    def visit_Import(self, node):
        self._imported_from_keras = False

    # -- Python int sizes (the rows' int_sizes) ------------------------------------------------
    def _int_known(self, node, seen=frozenset()) -> bool:
        """Is `node` a Python int for sure: an int literal, int(...)/len(...), x.shape[i], int
        arithmetic of those, or a name the file binds only to such values?"""
        if isinstance(node, cst.Integer):
            return True
        if isinstance(node, cst.Call):
            return isinstance(node.func, cst.Name) and node.func.value in ('int', 'len')
        if isinstance(node, cst.Subscript):       # numpy array shapes are tuples of ints
            return isinstance(node.value, cst.Attribute) and node.value.attr.value == 'shape'
        if isinstance(node, cst.UnaryOperation):
            return isinstance(node.operator, (cst.Minus, cst.Plus)) and \
                self._int_known(node.expression, seen)
        if isinstance(node, cst.BinaryOperation):
            return isinstance(node.operator, _INT_OPS) and \
                self._int_known(node.left, seen) and self._int_known(node.right, seen)
        if isinstance(node, cst.Name) and node.value not in seen:
            values = self._bindings.get(node.value)
            return bool(values) and all(v is not None and self._int_known(v, seen | {node.value})
                                        for v in values)
        return False

    # -- Keras 1 aliases ----------------------------------------------------------------------
    def leave_ImportAlias(self, original: cst.ImportAlias, updated: cst.ImportAlias):
        name = code(original.name)
        if name in table.LAYER_ALIASES and self._imported_from_keras:
            return updated.with_changes(name=cst.Name(table.LAYER_ALIASES[name]),
                                        asname=updated.asname or cst.AsName(name=cst.Name(name)))
        return updated

    def visit_ImportFrom(self, node):
        mod = code(node.module) if node.module is not None and not node.relative else ''
        self._imported_from_keras = mod == 'keras' or mod.startswith('keras.')

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute):
        q = self.keras_qualname(original)          # keras.layers.Conv2D -> keras.layers.Convolution2D
        if q and q.rsplit('.', 1)[-1] == original.attr.value in table.LAYER_ALIASES:
            return updated.with_changes(attr=cst.Name(table.LAYER_ALIASES[original.attr.value]))
        return updated

    # -- Keras 1 initializer functions ---------------------------------------------------------
    def leave_Lambda(self, original: cst.Lambda, updated: cst.Lambda):
        new = self._init_lambda(original)
        if new is None:
            return updated
        self.change(original, f'{code(original)} -> {new} (keras 1.2.2 initializations.py)')
        return self._expr(new)

    def _init_function(self, node):
        q = self.keras_qualname(node)
        if q and q.startswith('keras.initializations.') and q.rsplit('.', 1)[-1] in table.INIT_FUNCTIONS:
            return q.rsplit('.', 1)[-1]
        return None

    def _init_lambda(self, lam: cst.Lambda):
        """`lambda shape, name: normal(shape, scale=s, name=name)` -> the Keras 3 source, or None."""
        body, params = lam.body, [p.name.value for p in lam.params.params]
        if not (params and isinstance(body, cst.Call)):
            return None
        fn = self._init_function(body.func)
        if fn is None:
            return None
        src, default = table.INIT_FUNCTIONS[fn]
        rest = list(body.args)
        first = rest.pop(0) if rest and rest[0].keyword is None else None
        scale = None
        for i, a in enumerate(rest):
            kw = a.keyword.value if a.keyword else ('scale' if i == 0 and default else None)
            if kw == 'scale' and default and not a.star:
                scale = a.value
            elif kw not in ('name', 'dim_ordering') or a.star:
                scale = _NO_VALUE
        if first is None or code(first.value) != params[0] or scale is _NO_VALUE:
            self.warn(lam, f'{code(lam)}: not the Keras 1 `lambda shape, name: {fn}(shape, '
                           'scale=..., name=name)` idiom; write a Keras 3 initializer by hand')
            return None
        if scale is None:
            return src.format(scale=default)
        s = code(scale)
        simple = isinstance(scale, (cst.Name, cst.Integer, cst.Float, cst.Attribute))
        return src.format(scale=s if simple else f'({s})')

    def leave_Call(self, original: cst.Call, updated: cst.Call):
        k1 = self.keras_name(original.func)
        k1 = table.LAYER_ALIASES.get(k1, k1)
        alias = None
        if k1 is None and isinstance(original.func, cst.Name):
            k1 = self._class_aliases.get(original.func.value)
            alias = original.func.value if k1 else None
        row = table.LAYERS.get(k1)
        if row is None:
            return updated
        if alias and k1 in LATER_FIXED:
            self.warn(original, f'{alias}(...) calls {k1} through a variable: its arguments are '
                                f'converted, but the other {k1} rewrites (padding, inlined '
                                f'classes) apply to direct calls only: call {k1} directly')
        if row.removed:
            self.warn(original, f'{k1}: {row.removed}')
            return updated
        if any(a.star for a in updated.args):
            self.warn(original, f'{k1}(*args/**kwargs): arguments not converted; check them by hand')
            return updated
        items, notes = [], []
        n_pos = 0
        for a, orig in zip(updated.args, original.args):
            if a.keyword is None:
                if n_pos >= len(row.positional):
                    self.warn(original, f'{k1}: more positional arguments than Keras 1 accepts; '
                                        'left unchanged')
                    return updated
                items.append(_Item(row.positional[n_pos], a.value, True, a))
                n_pos += 1
            else:
                items.append(_Item(a.keyword.value, a.value, False, a))
            items[-1].original = orig.value          # has metadata (qualified names)

        items = self._convert_values(original, k1, row, items, notes)
        items = self._convert_input(original, k1, row, items, notes)
        items = self._combine(original, k1, row, items, notes)
        for it in items:
            new = row.renames.get(it.name)
            if new and new != it.name:
                if not it.positional:
                    notes.append(f'{it.name} -> {new}')
                it.name = new
        for it in items:
            if it.name in row.int_sizes and not self._int_known(it.original):
                it.value = cst.Call(func=cst.Name('int'), args=[cst.Arg(it.value)])
                notes.append(f'{it.name}={code(it.value)} (Keras 3 takes only Python ints)')
        present = {it.name for it in items}
        for kw, src in row.explicit.items():
            if kw not in present:
                items.append(_Item(kw, self._expr(src), False))
                notes.append(f'{kw}={src} written out (Keras 1 default)')
        if row.image and 'data_format' not in present and self.ctx.dim_ordering == 'th':
            items.append(_Item('data_format', cst.SimpleString("'channels_first'"), False))
            notes.append("data_format='channels_first' written out (Keras 1 'th' default)")
        if row.image and self._channels_first(items) and not self._nchw_reported and \
                not self.ctx.channels_last:
            self._nchw_reported = True
            self.warn(original, NCHW_CAVEAT)

        args = self._build_args(row, items)
        for it, arg in zip(items, args):
            if it.positional and arg.keyword is not None:     # a Keras 1 positional, now named
                notes.append(f'positional {it.keras1_name} -> {it.name}={code(it.value)}')
        new_call = updated.with_changes(args=args)
        if notes or row.keras3 != k1:
            head = f'{k1} -> {row.keras3}' if row.keras3 != k1 else k1
            head = f'{alias} ({head})' if alias else head
            self.change(original, head + (': ' + '; '.join(notes) if notes else ''))
        return new_call

    # -- steps ------------------------------------------------------------------------------
    def _expr(self, src: str) -> cst.BaseExpression:
        if src == HARD_SIGMOID:
            self.ctx.helpers.add(HARD_SIGMOID)
        if 'keras.' in src:
            self.need('keras', None)
        return cst.parse_expression(src)

    def _convert_values(self, node, k1, row, items, notes):
        out = []
        for it in items:
            val = try_literal(it.value, _NO_VALUE)
            if it.name == 'dim_ordering':
                if val == 'default':
                    notes.append("dim_ordering='default' dropped")
                    continue
                if val in table.DIM_ORDERING:
                    it.value = cst.SimpleString(repr(table.DIM_ORDERING[val]))
                else:
                    self.warn(node, f'{k1}: dim_ordering={code(it.value)} is not a literal; '
                                    "map 'th' -> 'channels_first', 'tf' -> 'channels_last' by hand")
            elif it.name in table.ACTIVATION_KEYWORDS and val == 'hard_sigmoid':
                it.value = self._expr(HARD_SIGMOID)
                notes.append(f"{it.name}='hard_sigmoid' -> the Keras 1 hard sigmoid")
            elif it.name in table.INITIALIZER_KEYWORDS and val in table.INITIALIZERS:
                it.value = self._expr(table.INITIALIZERS[val])
            elif it.name in table.INITIALIZER_KEYWORDS and self._init_function(it.original):
                fn = self._init_function(it.original)       # init=normal: the Keras 1 defaults
                src, default = table.INIT_FUNCTIONS[fn]
                it.value = self._expr(src.format(scale=default))
                notes.append(f'{it.name}={fn} -> {code(it.value)}')
            elif k1 == 'BatchNormalization' and it.name == 'mode':
                if val == 0:
                    notes.append('mode=0 dropped (the only Keras 3 mode)')
                    continue
                # modes 1/2: keras1_layers inlines Keras1BatchNormalization (or warns)
            elif row.padding_keys and it.name == 'padding':
                it.value = self._zeropadding(row.padding_keys, it.value, val, notes)
            if it.name in row.drop:
                quiet = it.name == 'consume_less' or (it.name == 'forget_bias_init' and val == 'one')
                self.add('change' if quiet else 'warning', node,
                         f'{k1}: {it.name}={code(it.value)} dropped: {row.drop[it.name]}')
                continue
            if it.name in row.review:
                self.warn(node, f'{k1}: {row.review[it.name]}')
            out.append(it)
        return out

    @staticmethod
    def _zeropadding(keys, value, val, notes):
        # keras 1.2.2 layers/convolutional.py ZeroPadding1D: int, (left, right) or a dict;
        # ZeroPadding2D: (rows, cols), (top, bottom, left, right) or a dict.
        if isinstance(val, dict):
            val = tuple(val.get(k, 0) for k in keys)
            if len(val) == 2:
                notes.append(f'padding dict -> {val!r}')
                return cst.parse_expression(repr(val))
        if isinstance(val, tuple) and len(val) == 4:
            notes.append('padding (top, bottom, left, right) -> ((top, bottom), (left, right))')
            return cst.parse_expression(repr(((val[0], val[1]), (val[2], val[3]))))
        return value

    def _convert_input(self, node, k1, row, items, notes):
        by = {it.name: it for it in items}
        if row.input_shortcut == spec.DENSE_INPUT and 'input_dim' in by:
            it = by['input_dim']
            it.name, it.value = 'input_shape', cst.parse_expression(f'({code(it.value)},)')
            notes.append('input_dim -> input_shape')
        elif row.input_shortcut == spec.SEQUENCE_INPUT and 'input_dim' in by:
            length = by.pop('input_length', None)
            it = by['input_dim']
            n = code(length.value) if length else 'None'
            it.name, it.value = 'input_shape', cst.parse_expression(f'({n}, {code(it.value)})')
            items = [i for i in items if i is not length]
            notes.append('input_length, input_dim -> input_shape' if length
                         else 'input_dim -> input_shape')
        elif row.input_shortcut and 'input_length' in row.input_shortcut and 'input_length' in by:
            it = by['input_length']
            if row.input_shortcut == spec.EMBEDDING_INPUT:
                it.name, it.value = 'input_shape', cst.parse_expression(f'({code(it.value)},)')
                notes.append('input_length -> input_shape')
            else:
                self.warn(node, f'{k1}: input_length without input_dim; give the layer an '
                                'input_shape=(input_length, features)')
        return items

    def _combine(self, node, k1, row, items, notes):
        for new, parts in row.combine:
            found = [it for it in items if it.name in parts]
            if not found:
                continue
            if len(found) != len(parts):
                self.warn(node, f'{k1}: {", ".join(parts)} must all be given to build {new}')
                continue
            found.sort(key=lambda it: parts.index(it.name))
            tup = cst.Tuple([cst.Element(f.value) for f in found])
            merged = _Item(new, tup, all(f.positional for f in found))
            at = items.index(found[0])
            items = [it for it in items if it not in found]
            items.insert(at, merged)
            notes.append(f'{", ".join(parts)} -> {new}')
        return items

    @staticmethod
    def _channels_first(items):
        for it in items:
            if it.name in ('data_format', 'dim_ordering') and \
                    try_literal(it.value) == 'channels_first':
                return True
        return False

    @staticmethod
    def _build_args(row, items):
        args, positional = [], True
        for i, it in enumerate(items):
            keep_pos = (positional and it.positional and i < len(row.positional3)
                        and row.positional3[i] == it.name)
            positional = keep_pos
            if keep_pos:
                base = it.arg or cst.Arg(value=it.value)
                args.append(base.with_changes(value=it.value, keyword=None, equal=cst.MaybeSentinel.DEFAULT))
            elif it.arg is not None and it.arg.keyword is not None:
                args.append(it.arg.with_changes(keyword=cst.Name(it.name), value=it.value))
            else:
                new = kwarg(it.name, it.value)
                if it.arg is not None:
                    new = new.with_changes(comma=it.arg.comma)
                args.append(new)
        return fix_commas(args)
