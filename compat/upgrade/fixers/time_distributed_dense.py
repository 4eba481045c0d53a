"""``TimeDistributedDense(n, ...)`` -> ``TimeDistributed(Dense(n, ...))``.

Runs after layer_args, which already converted the Dense arguments (and input_dim/input_length to
input_shape, which goes on the wrapper: keras 1.2.2 layers/core.py TimeDistributedDense takes the
(input_length, input_dim) of the sequence). Same weights as Keras 1 (W, b of one Dense).
"""
from __future__ import annotations

import libcst as cst

from .base import Fixer, fix_commas


class TimeDistributedDense(Fixer):
    name = 'time_distributed_dense'

    def leave_Call(self, original: cst.Call, updated: cst.Call):
        if self.keras_name(original.func) != 'TimeDistributedDense':
            return updated
        inner = [a for a in updated.args if not (a.keyword and a.keyword.value == 'input_shape')]
        outer = [a for a in updated.args if a.keyword and a.keyword.value == 'input_shape']
        dense = cst.Call(func=cst.Name('Dense'), args=fix_commas(inner))
        self.need('keras.layers', 'Dense')
        self.need('keras.layers', 'TimeDistributed')
        self.change(original, 'TimeDistributedDense -> TimeDistributed(Dense(...))')
        return updated.with_changes(func=cst.Name('TimeDistributed'),
                                    args=fix_commas([cst.Arg(dense)] + outer))
