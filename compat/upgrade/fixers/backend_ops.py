"""Keras 1 backend functions -> ``keras.ops``: ``K.square(x) + 1`` -> ``keras.ops.square(x) + 1``.

Keras 3's ``keras.backend`` keeps only a few utilities (epsilon, floatx...); the tensor functions
of Keras 1 (keras 1.2.2 backend/theano_backend.py) are in ``keras.ops``, with some keywords and
defaults changed. ``table.BACKEND_OPS`` lists those with the same result: keywords are renamed,
Keras 1 defaults that keras.ops changed are written out (``K.argmax(x)`` ->
``keras.ops.argmax(x, axis=-1)``) and Theano's own clipping is kept (``K.sqrt(x)`` ->
``keras.ops.sqrt(keras.ops.maximum(x, 0.0))``). Works on calls and on bare references
(``Lambda(K.square)``), wherever they are (Lambda bodies, custom activations, losses). Any other
``K.<name>`` is left to human_review's warning.

Random draws go to ``keras.random`` (``K.random_normal(shape, std=s)`` ->
``keras.random.normal(shape, stddev=s)``). The image ordering calls become the ordering the upgrade
chose for the layers' ``data_format`` (``K.image_dim_ordering()`` -> ``'th'``,
``K.set_image_dim_ordering('th')`` -> ``keras.backend.set_image_data_format('channels_first')``).
"""
from __future__ import annotations

import libcst as cst

from .. import table
from .base import Fixer, code, fix_commas, kwarg, try_literal
from .human_review import KERAS3_BACKEND

_PREFIX = 'keras.backend.'


class BackendOps(Fixer):
    name = 'backend_ops'

    def __init__(self, ctx):
        super().__init__(ctx)
        self._funcs = set()          # Attribute nodes that are the function of a call

    def _backend_name(self, node):
        q = self.keras_qualname(node)
        if q and q.startswith(_PREFIX) and '.' not in q[len(_PREFIX):]:
            return q[len(_PREFIX):]
        return None

    def _ops(self, op):
        self.need('keras', None)
        return cst.parse_expression(f'keras.{op.module}.{op.keras3}')

    def _image_ordering(self, original, updated, name):
        """K.image_dim_ordering() / K.set_image_dim_ordering('th') (table.IMAGE_ORDERING_CALLS)."""
        if name == 'image_dim_ordering' and not updated.args:
            ordering = self.ctx.dim_ordering
        elif name == 'set_image_dim_ordering' and len(updated.args) == 1 and \
                try_literal(updated.args[0].value) in table.DIM_ORDERING:
            ordering = try_literal(updated.args[0].value)
        else:
            self.warn(original, f'K.{name}: rewrite it by hand (Keras 3: keras.backend.'
                                "image_data_format() returns 'channels_first'|'channels_last')")
            return updated
        data_format = table.DIM_ORDERING[ordering]
        new = cst.parse_expression(table.IMAGE_ORDERING_CALLS[name].format(
            ordering=ordering, data_format=data_format))
        if name == 'set_image_dim_ordering':
            self.need('keras', None)
            self.change(original, f'K.set_image_dim_ordering({ordering!r}) -> keras.backend.'
                                  f'set_image_data_format({data_format!r})')
        else:
            self.change(original, f'K.image_dim_ordering() -> {ordering!r}: the ordering this '
                                  f'upgrade ran under (image layers got data_format='
                                  f'{data_format!r}; --dim-ordering or the file\'s '
                                  'set_image_dim_ordering call)')
        return new

    def visit_Call(self, node):
        self._funcs.add(node.func)

    def leave_Call(self, original: cst.Call, updated: cst.Call):
        name = self._backend_name(original.func) if isinstance(original.func, cst.Attribute) \
            else None
        if name is None:
            return updated
        if name in table.IMAGE_ORDERING_CALLS:
            return self._image_ordering(original, updated, name)
        op = table.BACKEND_OPS.get(name)
        if op is None:   # human_review warns
            return updated
        target = f'keras.{op.module}.{op.keras3}'
        if any(a.star for a in updated.args) or (
                op.max_args is not None and len(updated.args) > op.max_args):
            self.warn(original, f'K.{name} with these arguments: {target} has no such '
                                'options; rewrite it by hand')
            return updated
        args, positional = [], 0
        for i, a in enumerate(updated.args):
            if a.keyword is None and op.params and i > 0:   # Keras 3 takes them in another order
                a = kwarg(op.renames.get(op.params[i], op.params[i]), a.value).with_changes(
                    comma=a.comma)
            elif a.keyword is None:
                if positional == 0 and op.first:
                    a = a.with_changes(value=cst.parse_expression(op.first.format(code(a.value))))
                positional += 1
            elif a.keyword.value in op.renames:
                a = a.with_changes(keyword=cst.Name(op.renames[a.keyword.value]))
            args.append(a)
        given = {a.keyword.value for a in args if a.keyword is not None}
        for kw, (index, src) in op.explicit.items():
            k1 = {v: k for k, v in op.renames.items()}.get(kw, kw)
            if positional <= index and kw not in given and k1 not in given:
                args.append(kwarg(kw, cst.parse_expression(src)))
        self.change(original, f'K.{name} -> {target}' + (f' ({op.note})' if op.note else ''))
        return updated.with_changes(func=self._ops(op), args=fix_commas(args))

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute):
        if original in self._funcs:
            return updated
        name = self._backend_name(original)
        if name is None:
            return updated
        if name in table.IMAGE_ORDERING_CALLS:
            self.warn(original, f'K.{name} passed as a function: rewrite it by hand')
            return updated
        op = table.BACKEND_OPS.get(name)
        if op is None:   # human_review warns
            return updated
        target = f'keras.{op.module}.{op.keras3}'
        if op.renames or op.explicit or op.first or op.max_args or op.params:
            self.warn(original, f'K.{name} passed as a function: {target} differs '
                                'in its arguments/defaults; wrap it in a function by hand')
            return updated
        self.change(original, f'K.{name} -> {target}' + (f' ({op.note})' if op.note else ''))
        return self._ops(op)

    def visit_ImportFrom(self, node):
        # `from keras.backend import square`: the import itself fails in Keras 3
        if node.module is None or code(node.module) != 'keras.backend' or \
                isinstance(node.names, cst.ImportStar):
            return
        for a in node.names:
            name = code(a.name)
            if name not in KERAS3_BACKEND:
                op = table.BACKEND_OPS.get(name)
                self.warn(node, f'{name} imported from keras.backend: '
                                + (f'use keras.{op.module}.{op.keras3} (check its arguments)' if op
                                   else 'Keras 3 has no such function'))
