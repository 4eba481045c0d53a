"""``merge([a, b], mode='concat', concat_axis=1)`` -> ``concatenate([a, b], axis=1)``.

Modes map through ``table.MERGE_MODES``. A callable mode becomes ``Lambda(mode, output_shape=...,
arguments=..., name=...)([a, b])``: keras 1.2.2 engine/topology.py Merge.call calls
``mode(inputs, **arguments)`` on the list of input tensors, and Merge.get_output_shape_for treats
``output_shape`` as Keras 3's Lambda does (a callable gets the list of input shapes, a tuple leaves
out the batch axis). Other Keras 1 options (output_mask, node/tensor indices) are left with a
warning.
Where the file binds the merge function's name itself (``dot = merge(..., mode='dot')``) the call
is written ``keras.layers.dot(...)``; modes whose Keras 1 tensor had another shape get a Reshape
(``table.MERGE_RESHAPE``: cos -> (batch, 1, 1)).
"""
from __future__ import annotations

import libcst as cst

from .. import table
from .base import Fixer, bound_names, code, fix_commas, kwarg, try_literal


def build_merge(fixer: Fixer, node, call: cst.Call, inputs: cst.BaseExpression | None = None):
    """The Keras 3 merge call for a Keras 1 Merge/merge call, or None (after a warning)."""
    named = {}
    for i, a in enumerate(call.args):
        if a.star:
            fixer.warn(node, 'merge with *args/**kwargs: rewrite it by hand')
            return None
        key = a.keyword.value if a.keyword else table.MERGE_POSITIONAL[i]
        named[key] = a
    mode = try_literal(named['mode'].value, object()) if 'mode' in named else 'sum'
    if mode not in table.MERGE_MODES and isinstance(named['mode'].value, MODE_CALLABLE):
        return _lambda_merge(fixer, node, named, inputs)
    if mode not in table.MERGE_MODES:
        fixer.warn(node, f'merge mode {code(named["mode"].value)} has no Keras 3 merge function: '
                         'use a Lambda layer (or a custom layer)')
        return None
    fn, renames, extra, note = table.MERGE_MODES[mode]
    args = [cst.Arg(inputs if inputs is not None else named['layers'].value)]
    for key, a in named.items():
        if key in ('layers', 'mode'):
            continue
        if key in renames:
            if key == 'dot_axes' and try_literal(a.value) is None:
                fixer.warn(node, 'dot_axes is not a literal: check it for Keras 3 `axes`')
            args.append(kwarg(renames[key], a.value))
        elif key == 'name':
            args.append(kwarg('name', a.value))
        else:
            fixer.warn(node, f'merge argument {key}= has no Keras 3 counterpart: rewrite by hand')
            return None
    present = {a.keyword.value for a in args if a.keyword}
    args += [kwarg(k, cst.parse_expression(v)) for k, v in extra.items() if k not in present]
    if note:
        fixer.warn(node, note)
    if fn in getattr(fixer, 'bound', ()):        # the file has its own `dot`, `add`...
        fixer.need('keras', None)
        func = cst.parse_expression(f'keras.layers.{fn}')
    else:
        fixer.need('keras.layers', fn)
        func = cst.Name(fn)
    out = cst.Call(func=func, args=fix_commas(args))
    if mode in table.MERGE_RESHAPE:
        fixer.need('keras.layers', 'Reshape')
        out = cst.Call(cst.Call(cst.Name('Reshape'), [cst.Arg(cst.parse_expression(
            table.MERGE_RESHAPE[mode]))]), [cst.Arg(out)])
    return out


# A mode given as a function name, attribute or lambda (keras 1.2.2 Merge: `callable(mode)`).
MODE_CALLABLE = (cst.Name, cst.Attribute, cst.Lambda)
# Keras 1 Merge keywords -> Keras 3 Lambda keywords, for a callable mode.
LAMBDA_KEYWORDS = {'output_shape': 'output_shape', 'arguments': 'arguments', 'name': 'name'}


def _lambda_merge(fixer: Fixer, node, named: dict, inputs):
    """merge([a, b], mode=f, output_shape=s) -> Lambda(f, output_shape=s)([a, b]), or None."""
    args = [cst.Arg(named['mode'].value)]
    for key, a in named.items():
        if key in ('layers', 'mode'):
            continue
        if key not in LAMBDA_KEYWORDS:
            fixer.warn(node, f'merge(mode=<function>) with {key}=: Keras 3 Lambda has no such '
                             'option; rewrite by hand')
            return None
        args.append(kwarg(LAMBDA_KEYWORDS[key], a.value))
    if 'Lambda' in getattr(fixer, 'bound', ()):
        fixer.need('keras', None)
        func = cst.parse_expression('keras.layers.Lambda')
    else:
        fixer.need('keras.layers', 'Lambda')
        func = cst.Name('Lambda')
    layer = cst.Call(func=func, args=fix_commas(args))
    return cst.Call(func=layer, args=[cst.Arg(inputs if inputs is not None else named['layers'].value)])


class MergeFunction(Fixer):
    name = 'merge_function'

    def visit_Module(self, node):
        self.bound = bound_names(node)

    def leave_Call(self, original: cst.Call, updated: cst.Call):
        if self.keras_name(original.func) == 'Merge':   # left over by sequential_merge
            self.warn(original, 'Merge layer: Keras 3 has none; use the functional merge layers '
                                '(concatenate, add, ...) in a functional Model')
            return updated
        if self.keras_name(original.func) != 'merge':
            return updated
        new = build_merge(self, original, updated)
        if new is None:
            return updated
        head = code(new.func)
        if head.startswith(('Lambda(', 'keras.layers.Lambda(')):
            head = head.split('(', 1)[0] + '(<mode>, ...)'
        self.change(original, f'merge(mode=...) -> {head}(...)')
        return new
