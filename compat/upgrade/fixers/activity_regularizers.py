"""Activity regularizers keep Keras 1's penalty: a sum over the batch, not Keras 3's batch mean.

keras 1.2.2 regularizers.py: ``ActivityRegularizer`` is ``L1L2Regularizer``, whose penalty is
``sum(l1 * |x|) + sum(l2 * x ** 2)`` over the layer's whole output; Keras 3's Layer divides an
activity penalty by the batch size. So ``activity_l1/l2/l1l2(...)``, ``ActivityRegularizer(...)``
and a weight regularizer given as ``activity_regularizer=`` become the inlined
``Keras1ActivityRegularizer(l1=..., l2=...)`` (Keras 1's defaults written out;
table.ACTIVITY_REGULARIZERS), and the ``ActivityRegularization(l1, l2)`` layer becomes
``Identity(activity_regularizer=Keras1ActivityRegularizer(...))``.

Before::

    model.add(MaxoutDense(5, nb_feature=3, activity_regularizer=activity_l2(0.05)))
    model.add(ActivityRegularization(l2=0.1))

After::

    model.add(MaxoutDense(5, nb_feature=3, activity_regularizer=Keras1ActivityRegularizer(l2=0.05)))
    model.add(Identity(activity_regularizer=Keras1ActivityRegularizer(l2=0.1)))
"""
from __future__ import annotations

import libcst as cst

from .. import table
from .base import Fixer, code, find_kwarg, fix_commas, kwarg

HELPER = 'Keras1ActivityRegularizer'


class ActivityRegularizers(Fixer):
    name = 'activity_regularizers'

    def _penalty(self, node, call, params):
        """Keras1ActivityRegularizer(l1=, l2=) from a Keras 1 regularizer call, or None (*args)."""
        if any(a.star for a in call.args):
            self.warn(node, f'{code(call.func)}(*args): write Keras1ActivityRegularizer(l1=, l2=) by hand')
            return None
        given = {}
        for i, a in enumerate(call.args):
            key = a.keyword.value if a.keyword else (params[i][0] if i < len(params) else None)
            given[key] = a.value
        args = [kwarg(target, given.get(param, cst.parse_expression(default)))
                for param, target, default in params]
        self.ctx.helpers.add(HELPER)
        return cst.Call(cst.Name(HELPER), fix_commas(args))

    def leave_Call(self, original, updated):
        name = self.keras_name(original.func)
        if name in table.ACTIVITY_REGULARIZERS:
            new = self._penalty(original, updated, table.ACTIVITY_REGULARIZERS[name])
            if new is not None:
                self.change(original, f'{name}(...) -> {code(new)} (Keras 1 sums the penalty over the '
                                      'batch; Keras 3 would average it)')
                return new
            return updated
        if name == 'ActivityRegularization':
            return self._layer(original, updated)
        arg = find_kwarg(updated, 'activity_regularizer')
        if arg is None:
            return updated
        value = find_kwarg(original, 'activity_regularizer').value
        inner = self.keras_name(value.func) if isinstance(value, cst.Call) else None
        if inner in table.WEIGHT_REGULARIZERS:
            new = self._penalty(value, arg.value, table.WEIGHT_REGULARIZERS[inner])
            if new is not None:
                self.change(value, f'activity_regularizer={inner}(...) -> {code(new)} (Keras 1 sums '
                                   'the penalty over the batch)')
                return updated.with_changes(args=[a.with_changes(value=new) if a is arg else a
                                                  for a in updated.args])
        elif not (isinstance(arg.value, cst.Call) and code(arg.value.func) == HELPER):
            self.warn(original, 'activity_regularizer: Keras 3 divides the penalty by the batch size, '
                                f'Keras 1 did not: use {HELPER}(l1=, l2=) or scale it by hand')
        return updated

    def _layer(self, original, updated):
        """ActivityRegularization(l1, l2, **kw) -> Identity(activity_regularizer=..., **kw)."""
        params = (('l1', 'l1', '0.0'), ('l2', 'l2', '0.0'))      # keras 1.2.2 core.py defaults
        rest = [a for a in updated.args if a.keyword is not None and a.keyword.value not in ('l1', 'l2')]
        ours = [a for a in updated.args if a not in rest]
        penalty = self._penalty(original, updated.with_changes(args=ours), params)
        if penalty is None:
            return updated
        self.need('keras.layers', 'Identity')
        self.change(original, f'ActivityRegularization -> Identity(activity_regularizer={code(penalty)}) '
                              '(Keras 1 sums the penalty over the batch)')
        return cst.Call(cst.Name('Identity'), fix_commas([kwarg('activity_regularizer', penalty), *rest]))
