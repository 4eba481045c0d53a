"""Keras 1 loss and metric names Keras 3 does not have (table.LOSS_NAMES).

In ``compile(loss=..., metrics=...)`` (a string, or strings in a list or dict) and in references
bound by a Keras import (``objectives.cosine_proximity``): ``'kullback_leibler_divergence'`` ->
``'kl_divergence'`` (Keras 3's computes the same), ``'cosine_proximity'``/``'cosine'`` -> the
inlined ``keras1_cosine_proximity`` (keras 1.2.2 objectives.py: the mean over the last axis;
Keras 3's ``cosine_similarity`` is the sum, n times larger).

Before::

    model.compile(optimizer='sgd', loss=['cosine_proximity', 'kld'])

After::

    model.compile(optimizer='sgd', loss=[keras1_cosine_proximity, 'kld'])

A flat ``metrics=[...]`` list next to a loss dict or list (several outputs) is given to each output,
as Keras 1 did (keras 1.2.2 engine/training.py Model.compile: ``nested_metrics`` copies the list for
every output); Keras 3 wants one list per output::

    model.compile('adam', loss={'flag': 'binary_crossentropy', 'kind': 'mse'}, metrics=['accuracy'])
    # ->
    model.compile('adam', loss={'flag': 'binary_crossentropy', 'kind': 'mse'},
                  metrics={'flag': ['accuracy'], 'kind': ['accuracy']})
"""
from __future__ import annotations

import libcst as cst

from .. import table
from .base import Fixer, fix_commas, try_literal


class Losses(Fixer):
    name = 'losses'

    def __init__(self, ctx):
        super().__init__(ctx)
        self._in_compile = self._in_import = 0
        self._positional = []

    def visit_ImportFrom(self, node):
        self._in_import += 1

    def leave_ImportFrom(self, original, updated):
        self._in_import -= 1
        return updated

    def _compile_arg(self, node):
        return isinstance(node, cst.Arg) and (node.keyword.value in ('loss', 'metrics') if node.keyword
                                              else any(node is a for a in self._positional))

    def visit_Call(self, node):
        if isinstance(node.func, cst.Attribute) and node.func.attr.value == 'compile':
            self._in_compile += 1
            # keras 1.2.2 Model.compile(optimizer, loss, metrics=None, ...): loss, metrics by position
            self._positional = [a for a in node.args[1:3] if a.keyword is None]

    def leave_Call(self, original, updated):
        if isinstance(original.func, cst.Attribute) and original.func.attr.value == 'compile':
            self._in_compile -= 1
            return self._metrics_per_output(original, updated)
        return updated

    def _metrics_per_output(self, original, call):
        """compile(loss={a: .., b: ..} or [.., ..], metrics=[m]) -> metrics={a: [m], b: [m]} or
        [[m], [m]]: Keras 1 gave a flat metrics list to every output, Keras 3 wants one per output.
        'accuracy' of an output trained with binary_crossentropy -> 'binary_accuracy'."""
        args = list(call.args)
        # keras 1.2.2 Model.compile(optimizer, loss, metrics=None, ...)
        at = {(a.keyword.value if a.keyword else ('optimizer', 'loss', 'metrics')[i] if i < 3 else None): i
              for i, a in enumerate(args)}
        if 'loss' not in at or 'metrics' not in at:
            return call
        loss, metrics = args[at['loss']].value, args[at['metrics']].value
        if not isinstance(metrics, cst.List) or any(
                isinstance(e.value, (cst.List, cst.Tuple, cst.Dict)) for e in metrics.elements):
            return call
        if isinstance(loss, cst.Dict) and all(isinstance(e, cst.DictElement) for e in loss.elements):
            per_output = cst.Dict([cst.DictElement(e.key, self._accuracy(original, metrics, e.value))
                                   for e in loss.elements])
        elif isinstance(loss, (cst.List, cst.Tuple)) and len(loss.elements) > 1 and \
                not any(isinstance(e, cst.StarredElement) for e in loss.elements):
            per_output = cst.List([cst.Element(self._accuracy(original, metrics, e.value))
                                   for e in loss.elements])
        else:
            per_output = self._accuracy(original, metrics, loss)
            if per_output is metrics:
                return call
        if per_output is not metrics:
            per_output = per_output.with_changes(elements=fix_commas(list(per_output.elements)))
            if not isinstance(loss, (cst.SimpleString, cst.Name, cst.Attribute)):
                self.change(original, 'metrics: the list given to each output (Keras 3 wants one per '
                                      'output, Keras 1 copied it)')
        args[at['metrics']] = args[at['metrics']].with_changes(value=per_output)
        return call.with_changes(args=args)

    def _accuracy(self, original, metrics, loss):
        """keras 1.2.2 Model.compile: 'accuracy'/'acc' is binary accuracy for an output trained with
        binary_crossentropy, whatever its width; Keras 3 decides by the width (categorical if > 1)."""
        if try_literal(loss) != 'binary_crossentropy' or \
                not any(try_literal(e.value) in ('accuracy', 'acc') for e in metrics.elements):
            return metrics
        self.change(original, "'accuracy' under binary_crossentropy -> 'binary_accuracy' (Keras 1's "
                              'choice; Keras 3 takes categorical accuracy for outputs wider than 1)')
        return metrics.with_changes(elements=[
            e.with_changes(value=cst.SimpleString(e.value.value[0] + 'binary_accuracy' + e.value.value[0]))
            if try_literal(e.value) in ('accuracy', 'acc') else e for e in metrics.elements])

    def visit_Arg(self, node):
        self._loss_arg = self._in_compile and self._compile_arg(node)

    def leave_SimpleString(self, original, updated):
        if not getattr(self, '_loss_arg', False):
            return updated
        name = try_literal(original)
        if name not in table.LOSS_NAMES:
            return updated
        return self._replace(original, updated, name, string=True)

    def _replace(self, original, updated, name, string):
        keras3, helper = table.LOSS_NAMES[name]
        if helper:
            self.ctx.helpers.add(helper)
            self.change(original, f'{name} -> {helper} (inlined: Keras 1 averages over the last axis, '
                                  "Keras 3's cosine_similarity sums)")
            return cst.Name(helper)
        self.change(original, f'{name} -> {keras3} (the same function in Keras 3)')
        return cst.SimpleString(repr(keras3)) if string else cst.Name(keras3)

    def leave_Attribute(self, original, updated):
        q = self.keras_qualname(original)
        name = original.attr.value
        if q and q.endswith('.' + name) and q.split('.')[1] in ('objectives', 'metrics') \
                and name in table.LOSS_NAMES and table.LOSS_NAMES[name][1]:
            return self._replace(original, updated, name, string=False)
        return updated

    def leave_Name(self, original, updated):
        q = self.keras_qualname(original)
        name = original.value
        if not self._in_import and q in (f'keras.objectives.{name}', f'keras.metrics.{name}') \
                and name in table.LOSS_NAMES and table.LOSS_NAMES[name][1]:
            return self._replace(original, updated, name, string=False)
        return updated
