"""First layer of a Sequential with ``input_shape=`` -> an explicit ``Input`` (Keras 3 style).

``model = Sequential(); model.add(Dense(12, input_shape=(5,)))`` ->
``model.add(Input(shape=(5,))); model.add(Dense(12))``. Keras 3 still accepts ``input_shape`` on
a layer but warns; the explicit Input is what its docs ask for. ``batch_input_shape`` becomes
``Input(batch_shape=...)``. Runs after layer_args, which turned input_dim/input_length into
input_shape. Only the first ``.add`` after ``M = Sequential()`` in the same block is touched.
"""
from __future__ import annotations

import libcst as cst

from .base import Fixer, fix_commas, kwarg, statements_using
from .sequential_merge import _add_call

SHAPES = {'input_shape': 'shape', 'batch_input_shape': 'batch_shape', 'input_dtype': 'dtype'}


class SequentialInput(Fixer):
    name = 'sequential_input'

    def leave_Module(self, original, updated):
        return updated.with_changes(body=self._process(original.body, updated.body))

    def leave_IndentedBlock(self, original, updated):
        return updated.with_changes(body=self._process(original.body, updated.body))

    def _process(self, orig_body, body):
        body = list(body)
        inserts = []
        for i, stmt in enumerate(orig_body):
            var = self._sequential_var(stmt)
            if var is None:
                continue
            j = next((k for k in range(i + 1, len(orig_body))
                      if statements_using(orig_body[k], var)), None)
            layer = _add_call(orig_body[j], var) if j is not None else None
            if not isinstance(layer, cst.Call):
                continue
            moved = [a for a in layer.args if a.keyword and a.keyword.value in SHAPES]
            if not moved or not any(a.keyword.value != 'input_dtype' for a in moved):
                continue
            inp = cst.Call(cst.Name('Input'), fix_commas(
                [kwarg(SHAPES[a.keyword.value], a.value) for a in moved]))
            new_layer = layer.with_changes(args=fix_commas([a for a in layer.args if a not in moved]))
            call = body[j].body[0].value
            add_layer = body[j].with_changes(body=[cst.Expr(call.with_changes(
                args=[call.args[0].with_changes(value=new_layer)]))], leading_lines=[])
            add_input = body[j].with_changes(body=[cst.Expr(call.with_changes(
                args=[cst.Arg(inp)]))], trailing_whitespace=cst.TrailingWhitespace())
            inserts.append((j, add_input, add_layer))
            self.need('keras.layers', 'Input')
            self.change(layer, f'{var}: ' + ', '.join(a.keyword.value for a in moved) +
                        ' -> Input(...) as the first layer')
        for j, add_input, add_layer in reversed(inserts):
            body[j:j + 1] = [add_input, add_layer]
        return body

    def _sequential_var(self, stmt):
        if isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1 and \
                isinstance(stmt.body[0], cst.Assign) and len(stmt.body[0].targets) == 1:
            target, value = stmt.body[0].targets[0].target, stmt.body[0].value
            if isinstance(target, cst.Name) and isinstance(value, cst.Call) and \
                    self.keras_name(value.func) == 'Sequential' and not value.args:
                return target.value
        return None
