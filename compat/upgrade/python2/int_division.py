"""Python 2's integer division kept: `a / b` of two ints the file shows -> `a // b`.

Python 2 floored `/` when both operands were ints (unless the file imported `division` from
`__future__`, in which case this fixer does not run). An operand is an int when the file shows it:
an int literal, `len()`/`int()`/`ord()`, `x.shape[i]`, a `for i in range(...)` (or `enumerate`)
counter, `+ - * // % /` of ints, or a name every binding of which in the file is one of those
(`batch_size = 32`, `nb_batch = len(X) / batch_size`). A float literal or `float()` on either side
is true division in both Pythons: left alone. Any other `/` is listed for a human: Python 3 divides
it as floats, Python 2 floored it if both values were ints at run time.
"""
from __future__ import annotations

import numbers

import libcst as cst

from ..fixers.base import Fixer, code

INT, FLOAT = 'int', 'float'
_INT_CALLS = frozenset({'len', 'int', 'ord', 'hash', 'id'})
_FLOAT_CALLS = frozenset({'float', 'round'})        # Python 2's round() returned a float
_RANGE_CALLS = frozenset({'range', 'xrange'})
_ARITH = (cst.Add, cst.Subtract, cst.Multiply, cst.FloorDivide, cst.Modulo, cst.Divide)


class _IntBindings(cst.CSTVisitor):
    """{name: [value node, or None for bindings that show no value]}; `for i in range(...)` binds
    i to the literal 0 (an int), `for i, x in enumerate(...)` too."""
    ZERO = cst.Integer('0')

    def __init__(self):
        super().__init__()
        self.values: dict[str, list] = {}

    def _bind(self, target, value=None):
        if isinstance(target, cst.Name):
            self.values.setdefault(target.value, []).append(value)
        elif isinstance(target, (cst.Tuple, cst.List)):
            values = [None] * len(target.elements)
            if isinstance(value, (cst.Tuple, cst.List)) and len(value.elements) == len(values):
                values = [e.value for e in value.elements]
            for e, v in zip(target.elements, values):
                self._bind(e.value, v)
        elif isinstance(target, cst.StarredElement):
            self._bind(target.value)

    def _loop(self, target, iterable):
        func = iterable.func.value if isinstance(iterable, cst.Call) and \
            isinstance(iterable.func, cst.Name) else None
        if func in _RANGE_CALLS:
            self._bind(target, self.ZERO)
        elif func == 'enumerate' and isinstance(target, cst.Tuple) and len(target.elements) == 2:
            self._bind(target.elements[0].value, self.ZERO)
            self._bind(target.elements[1].value)
        else:
            self._bind(target)

    def visit_Assign(self, node):
        for t in node.targets:
            self._bind(t.target, node.value)

    def visit_AugAssign(self, node):
        # n += 1 keeps n an int when n and the value are; `n /= 2` too (Python 2 floor)
        if isinstance(node.target, cst.Name) and isinstance(
                node.operator, (cst.AddAssign, cst.SubtractAssign, cst.MultiplyAssign,
                                cst.FloorDivideAssign, cst.ModuloAssign, cst.DivideAssign)):
            self._bind(node.target, node.value)
        else:
            self._bind(node.target)

    def visit_AnnAssign(self, node):
        self._bind(node.target, node.value)

    def visit_NamedExpr(self, node):
        self._bind(node.target, node.value)

    def visit_For(self, node):
        self._loop(node.target, node.iter)

    def visit_CompFor(self, node):
        self._loop(node.target, node.iter)

    def visit_AsName(self, node):
        self._bind(node.name)

    def visit_ImportAlias(self, node):
        self._bind(cst.Name(code(node.name).split('.')[0]) if node.asname is None else node.asname.name)

    def visit_Param(self, node):
        self._bind(node.name)

    def visit_FunctionDef(self, node):
        self._bind(node.name)

    def visit_ClassDef(self, node):
        self._bind(node.name)

    def visit_Global(self, node):
        for n in node.names:
            self._bind(n.name)


def kind(node, bindings, seen=frozenset()) -> str | None:
    """INT, FLOAT or None (the file does not show) for the value of `node` under Python 2."""
    if isinstance(node, cst.Integer):
        return INT
    if isinstance(node, cst.Float):
        return FLOAT
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Name):
        if node.func.value in _INT_CALLS:
            return INT
        if node.func.value in _FLOAT_CALLS:
            return FLOAT
        if node.func.value in ('abs', 'max', 'min') and node.args:
            kinds = {kind(a.value, bindings, seen) for a in node.args}
            return kinds.pop() if len(kinds) == 1 else (FLOAT if FLOAT in kinds else None)
        return None
    if isinstance(node, cst.Subscript):        # NumPy shapes are tuples of ints
        if isinstance(node.value, cst.Attribute) and node.value.attr.value == 'shape' and \
                len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
            return INT
        return None
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, (cst.Minus, cst.Plus)):
        return kind(node.expression, bindings, seen)
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, _ARITH):
        left, right = kind(node.left, bindings, seen), kind(node.right, bindings, seen)
        if FLOAT in (left, right):
            return FLOAT
        return INT if left == right == INT else None
    if isinstance(node, cst.Name) and node.value not in seen:
        values = bindings.get(node.value)
        if not values or any(v is None for v in values):
            return None
        kinds = {kind(v, bindings, seen | {node.value}) for v in values}
        return kinds.pop() if len(kinds) == 1 else None
    return None


class IntDivision(Fixer):
    """`/` of two ints -> `//` (Python 2's floor); `/` the file cannot type -> a report item."""
    name = 'python2:int_division'

    def visit_Module(self, node):
        v = _IntBindings()
        node.visit(v)
        self._bindings = v.values

    def leave_BinaryOperation(self, original, updated):
        if not isinstance(original.operator, cst.Divide):
            return updated
        left = kind(original.left, self._bindings)
        right = kind(original.right, self._bindings)
        text = code(original.with_changes(lpar=[], rpar=[]))
        if left == right == INT:
            self.change(original, f'{text} -> //, as Python 2 computed it (both operands are ints)')
            op = original.operator
            return updated.with_changes(operator=cst.FloorDivide(
                whitespace_before=op.whitespace_before, whitespace_after=op.whitespace_after))
        if FLOAT not in (left, right):
            self.warn(original, f'{text}: Python 2 floored this division if both operands were '
                                'ints at run time, Python 3 divides as floats; the file does not '
                                'show their types: write // if they are ints')
        return updated

    def leave_AugAssign(self, original, updated):
        if not isinstance(original.operator, cst.DivideAssign):
            return updated
        target = kind(original.target, self._bindings)
        value = kind(original.value, self._bindings)
        text = code(original).strip()
        if target == value == INT:
            self.change(original, f'{text} -> //=, as Python 2 computed it (both operands are ints)')
            op = original.operator
            return updated.with_changes(operator=cst.FloorDivideAssign(
                whitespace_before=op.whitespace_before, whitespace_after=op.whitespace_after))
        if FLOAT not in (target, value):
            self.warn(original, f'{text}: Python 2 floored this division if both operands were '
                                'ints at run time; the file does not show their types: write //= '
                                'if they are ints')
        return updated


CLASSIC_DIVISION = '__compat_classic_division__'
CLASSIC_INPLACE_DIVISION = '__compat_classic_inplace_division__'


def classic_division(a, b):
    """Python 2's `a / b` (no `from __future__ import division`): floor division when both are
    integers -- Python ints or bools, NumPy integer scalars or integer arrays -- true division
    otherwise (Python 2.7 Objects/intobject.c int_classic_div; NumPy's `divide` on integer arrays
    was floor_divide under Python 2)."""
    if _integral(a) and _integral(b):
        return a // b
    return a / b


def classic_inplace_division(a, b):
    """Python 2's `a /= b`: in place where `a` is mutable (a NumPy array keeps its identity and
    dtype, as under Python 2), by classic_division's rule; returns the new value of `a`."""
    if _integral(a) and _integral(b):
        a //= b
    else:
        a /= b
    return a


def _integral(x):
    if isinstance(x, numbers.Integral):          # NumPy integer scalars are registered here
        return True
    return getattr(getattr(x, 'dtype', None), 'kind', None) in ('i', 'u', 'b')


class ClassicDivision(IntDivision):
    """`python -m compat SCRIPT.py`: a `/` the file cannot type calls classic_division (Python 2's
    rule applied to the values at run time) instead of being listed for a human."""
    name = 'python2:classic_division'

    def leave_BinaryOperation(self, original, updated):
        new = super().leave_BinaryOperation(original, updated)
        if new is updated and isinstance(original.operator, cst.Divide) and FLOAT not in (
                kind(original.left, self._bindings), kind(original.right, self._bindings)):
            return cst.Call(cst.Name(CLASSIC_DIVISION), [cst.Arg(updated.left), cst.Arg(updated.right)],
                            lpar=updated.lpar, rpar=updated.rpar)
        return new

    def leave_AugAssign(self, original, updated):
        new = super().leave_AugAssign(original, updated)
        if new is updated and isinstance(original.operator, cst.DivideAssign) and \
                isinstance(original.target, cst.Name) and FLOAT not in (
                    kind(original.target, self._bindings), kind(original.value, self._bindings)):
            return cst.Assign([cst.AssignTarget(updated.target)], cst.Call(
                cst.Name(CLASSIC_INPLACE_DIVISION), [cst.Arg(updated.target), cst.Arg(updated.value)]))
        return new

    def warn(self, node, message):           # decided at run time: nothing for a human
        pass
