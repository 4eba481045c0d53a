"""Branches on the image ordering, decided: only the branch the upgrade's ordering takes is kept.

backend_ops turns ``K.image_dim_ordering()`` into the ordering the upgrade ran under, so the
Keras 1 idiom ``if K.image_dim_ordering() == 'th': ... else: ...`` arrives here as
``if 'tf' == 'th':`` (a file that asks the ordering is upgraded as 'tf', its channels-last branch:
runner.py) or, under ``--keep-channels-first``, ``if 'th' == 'th':``. A test that compares two string literals with ``==`` or ``!=`` is decided
now: the statement (or conditional expression) becomes its taken branch, so the upgraded file
reads as if written for that ordering, and later fixers see one binding (the Deconvolution2D
``output_shape`` set in such a branch). Anything else in the test leaves the statement as it is.

Before::

    if 'th' == 'th':
        input_shape = (1, img_rows, img_cols)
    else:
        input_shape = (img_rows, img_cols, 1)

After::

    input_shape = (1, img_rows, img_cols)
"""
from __future__ import annotations

import libcst as cst

from .base import Fixer, code


def _decided(test) -> bool | None:
    """The value of ``'a' == 'b'`` / ``'a' != 'b'``, or None for any other test."""
    if not (isinstance(test, cst.Comparison) and len(test.comparisons) == 1
            and isinstance(test.left, cst.SimpleString)
            and isinstance(test.comparisons[0].comparator, cst.SimpleString)):
        return None
    op = test.comparisons[0].operator
    if not isinstance(op, (cst.Equal, cst.NotEqual)):
        return None
    same = test.left.evaluated_value == test.comparisons[0].comparator.evaluated_value
    return same if isinstance(op, cst.Equal) else not same


def _statements(block) -> list:
    """The statements of an indented block or of a one-line suite (`if x: a = 1`)."""
    if isinstance(block, cst.SimpleStatementSuite):
        return [cst.SimpleStatementLine(list(block.body))]
    return list(block.body)


class OrderingBranches(Fixer):
    name = 'ordering_branches'

    def __init__(self, ctx):
        super().__init__(ctx)
        self._elifs = set()        # ids of If nodes that are another If's `elif`

    def visit_If(self, node):
        if isinstance(node.orelse, cst.If):
            self._elifs.add(id(node.orelse))

    def leave_If(self, original, updated):
        taken = _decided(updated.test)
        if taken is None:
            return updated
        self.change(original, f'if {code(updated.test)}: decided ({taken}); only the branch taken is kept')
        if id(original) in self._elifs:        # an elif becomes the else it leads to, or goes
            if taken:
                return cst.Else(body=updated.body)
            return updated.orelse if updated.orelse is not None else cst.RemovalSentinel.REMOVE
        if taken:
            kept = _statements(updated.body)
        elif updated.orelse is None:
            return cst.RemovalSentinel.REMOVE
        elif isinstance(updated.orelse, cst.If):
            kept = [updated.orelse]
        else:
            kept = _statements(updated.orelse.body)
        kept[0] = kept[0].with_changes(leading_lines=[*updated.leading_lines, *kept[0].leading_lines])
        return cst.FlattenSentinel(kept)

    def leave_IfExp(self, original, updated):
        taken = _decided(updated.test)
        if taken is None:
            return updated
        self.change(original, f'{code(updated.test)}: decided ({taken}); the value taken is kept')
        return updated.body if taken else updated.orelse
