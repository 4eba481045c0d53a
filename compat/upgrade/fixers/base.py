"""Shared pieces of the fixers: the per-file context and the transformer base class.

A fixer is one libcst transformer that does one kind of rewrite. The runner runs them in order,
each on the previous one's output, with fresh metadata (positions, qualified names) per pass.
"""
from __future__ import annotations

import dataclasses

import libcst as cst
from libcst.metadata import PositionProvider, QualifiedNameProvider, QualifiedNameSource

from compat.spec import HARD_SIGMOID  # noqa: F401  (the helper function's name, for the fixers)

from ..report import Entry

SAME_POOLING = 'Keras1SamePooling'   # helper layer for Theano 'same' pooling (theano_pool_same.py)


@dataclasses.dataclass
class Context:
    """What the fixers of one file share: options, report entries, imports and helpers to add."""
    filename: str = '<string>'
    dim_ordering: str = 'th'          # Keras 1 global image_dim_ordering the script ran under
    ordering_set: bool = False        # the file calls set_image_dim_ordering itself
    channels_last: bool = True        # 'th' image layers run channels-last (fixers/channels_last.py)
    entries: list = dataclasses.field(default_factory=list)
    imports: set = dataclasses.field(default_factory=set)   # {(module, name)} to import
    helpers: set = dataclasses.field(default_factory=set)   # helper function names to insert
    original_uses: set = dataclasses.field(default_factory=set)   # names the input file uses
    bindings: dict = dataclasses.field(default_factory=dict)      # name_bindings() of this pass's input


class Fixer(cst.CSTTransformer):
    """Base transformer: keras-name resolution and report helpers."""
    METADATA_DEPENDENCIES = (PositionProvider, QualifiedNameProvider)
    name = 'fixer'

    def __init__(self, ctx: Context):
        super().__init__()
        self.ctx = ctx

    # -- report -----------------------------------------------------------------------------
    def _pos(self, node):
        try:
            start = self.get_metadata(PositionProvider, node).start
            return start.line, start.column
        except KeyError:          # a node this pass created has no position
            return 0, 0

    def add(self, severity: str, node, message: str):
        line, col = self._pos(node)
        self.ctx.entries.append(Entry(severity, line, col, self.name, message, self.ctx.filename))

    def change(self, node, message):
        self.add('change', node, message)

    def warn(self, node, message):
        self.add('warning', node, message)

    # -- names ------------------------------------------------------------------------------
    def keras_qualname(self, node) -> str | None:
        """'keras.layers.core.Dense' for a Name/Attribute bound by a keras import, else None."""
        if not isinstance(node, (cst.Name, cst.Attribute)):
            return None
        try:
            names = self.get_metadata(QualifiedNameProvider, node)
        except KeyError:
            return None
        for q in names:
            if q.source == QualifiedNameSource.IMPORT and (q.name == 'keras'
                                                            or q.name.startswith('keras.')):
                return q.name
        return None

    def keras_name(self, node) -> str | None:
        """Last component of keras_qualname ('Dense'), or None when node is not a keras symbol."""
        q = self.keras_qualname(node)
        return q.rsplit('.', 1)[-1] if q else None

    def need(self, module: str, name: str):
        self.ctx.imports.add((module, name))

    def ints(self, node, rank):
        """`node` as a tuple of `rank` ints (an int means that many copies), or None."""
        if node is None:
            return None
        v = self.constant(node)
        if isinstance(v, int) and not isinstance(v, bool):
            return (v,) * rank
        if isinstance(v, (tuple, list)) and len(v) == rank and all(isinstance(i, int) for i in v):
            return tuple(v)
        return None

    def constant(self, node, default=None):
        """The value of `node` as constant_value() finds it with this pass's bindings, or default."""
        try:
            return constant_value(node, self.ctx.bindings)
        except ValueError:
            return default


# -- small CST helpers shared by fixers ---------------------------------------------------------
def literal(node):
    """The Python value of a literal expression (numbers, strings, tuples, None...), or raise."""
    import ast
    return ast.literal_eval(cst.Module([]).code_for_node(node))


def try_literal(node, default=None):
    try:
        return literal(node)
    except Exception:
        return default


class _Bindings(cst.CSTVisitor):
    """Every binding of each name in the file: the value of `name = value` (or of its element in
    `a, b = x, y`), None for any other binding (parameters, loops, imports...), whatever the scope."""
    def __init__(self):
        super().__init__()
        self.values = {}

    def _bind(self, target, value=None):
        if isinstance(target, cst.Name):
            self.values.setdefault(target.value, []).append(value)
        elif isinstance(target, (cst.Tuple, cst.List)):
            values = [None] * len(target.elements)
            if isinstance(value, (cst.Tuple, cst.List)) and len(value.elements) == len(values) \
                    and not any(isinstance(e, cst.StarredElement) for e in (*target.elements, *value.elements)):
                values = [e.value for e in value.elements]
            for e, v in zip(target.elements, values):
                self._bind(e.value, v)
        elif isinstance(target, cst.StarredElement):
            self._bind(target.value)

    def visit_Assign(self, node):
        for t in node.targets:
            self._bind(t.target, node.value)

    def visit_AugAssign(self, node):
        self._bind(node.target)

    def visit_AnnAssign(self, node):
        self._bind(node.target)

    def visit_NamedExpr(self, node):
        self._bind(node.target)

    def visit_For(self, node):
        self._bind(node.target)

    def visit_CompFor(self, node):
        self._bind(node.target)

    def visit_AsName(self, node):
        self._bind(node.name)

    def visit_ImportAlias(self, node):
        if node.asname is None:
            self._bind(cst.Name(code(node.name).split('.')[0]))

    def visit_Param(self, node):
        self._bind(node.name)

    def visit_FunctionDef(self, node):
        self._bind(node.name)

    def visit_ClassDef(self, node):
        self._bind(node.name)

    def visit_Global(self, node):          # assigned from a function: not a constant
        for n in node.names:
            self._bind(n.name)


def name_bindings(module) -> dict:
    """{name: [the value of each binding of it, or None]} over the whole file (_Bindings)."""
    v = _Bindings()
    module.visit(v)
    return v.values


_CONSTANT_OPS = {cst.Add: lambda a, b: a + b, cst.Subtract: lambda a, b: a - b,
                 cst.Multiply: lambda a, b: a * b, cst.FloorDivide: lambda a, b: a // b}


def constant_value(node, bindings, seen=frozenset()):
    """The Python value of an expression made of literals, tuples/lists, `+ - * //`, constant
    subscripts and names the file binds exactly once to such an expression (`nb_conv = 3`,
    `kernel_size = (3, 3)`, `kernel_size[0]`, `img_rows, img_cols = 28, 28`); ValueError otherwise."""
    if isinstance(node, cst.Name) and node.value not in ('True', 'False', 'None'):
        values = bindings.get(node.value, [])
        if node.value in seen or len(values) != 1 or values[0] is None:
            raise ValueError(node.value)
        return constant_value(values[0], bindings, seen | {node.value})
    if isinstance(node, (cst.Tuple, cst.List)):
        if any(isinstance(e, cst.StarredElement) for e in node.elements):
            raise ValueError('starred')
        items = [constant_value(e.value, bindings, seen) for e in node.elements]
        return tuple(items) if isinstance(node, cst.Tuple) else items
    if isinstance(node, cst.BinaryOperation) and type(node.operator) in _CONSTANT_OPS:
        try:
            return _CONSTANT_OPS[type(node.operator)](constant_value(node.left, bindings, seen),
                                                      constant_value(node.right, bindings, seen))
        except (TypeError, ZeroDivisionError) as e:
            raise ValueError(str(e)) from None
    if isinstance(node, cst.Subscript) and len(node.slice) == 1 and \
            isinstance(node.slice[0].slice, cst.Index):
        seq = constant_value(node.value, bindings, seen)
        index = constant_value(node.slice[0].slice.value, bindings, seen)
        if not isinstance(seq, (tuple, list)) or not isinstance(index, int) or not -len(seq) <= index < len(seq):
            raise ValueError('subscript')
        return seq[index]
    try:
        return literal(node)
    except Exception:
        raise ValueError(code(node)) from None


def code(node) -> str:
    return cst.Module([]).code_for_node(node)


def kwarg(name: str, value: cst.BaseExpression) -> cst.Arg:
    return cst.Arg(value=value, keyword=cst.Name(name),
                   equal=cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(''),
                                         whitespace_after=cst.SimpleWhitespace('')))


def find_kwarg(call: cst.Call, name: str):
    for a in call.args:
        if a.keyword is not None and a.keyword.value == name:
            return a
    return None


def fix_commas(args: list) -> list:
    """Make a rebuilt argument list well-formed: commas between args, none after the last
    unless the original had one (keeps the formatting libcst preserved on each arg)."""
    out = []
    for i, a in enumerate(args):
        last = i == len(args) - 1
        if not last and a.comma is cst.MaybeSentinel.DEFAULT:
            a = a.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(' ')))
        if last and isinstance(a.comma, cst.Comma) and not _comma_has_newline(a.comma):
            a = a.with_changes(comma=cst.MaybeSentinel.DEFAULT)
        out.append(a)
    return out


def _comma_has_newline(comma: cst.Comma) -> bool:
    return isinstance(comma.whitespace_after, cst.ParenthesizedWhitespace)


def insert_after_imports(body: list, stmts: list) -> list:
    """`body` (a module's statements) with `stmts` (class/function definitions) after its last
    top-level import, each after two blank lines, and two before the statement that follows."""
    at = 1 + max((i for i, s in enumerate(body) if isinstance(s, cst.SimpleStatementLine)
                  and any(isinstance(x, (cst.Import, cst.ImportFrom)) for x in s.body)), default=-1)
    body = list(body)
    if not stmts:
        return body
    if at < len(body):   # two blank lines after the last definition (PEP 8)
        lead = list(body[at].leading_lines)
        blanks = next((i for i, line in enumerate(lead) if line.comment is not None), len(lead))
        body[at] = body[at].with_changes(leading_lines=[cst.EmptyLine()] * max(0, 2 - blanks) + lead)
    body[at:at] = [s.with_changes(leading_lines=[cst.EmptyLine(), cst.EmptyLine()]) for s in stmts]
    return body


def statements_using(stmt, name: str) -> bool:
    """Does a statement mention the variable `name` anywhere?"""
    class _Find(cst.CSTVisitor):
        found = False

        def visit_Name(self, node):
            if node.value == name:
                self.found = True
    f = _Find()
    stmt.visit(f)
    return f.found


def bound_names(module) -> set:
    """Names the file binds itself (assignments, defs, parameters, loop/with targets, imports
    from outside keras): a name the rewrite imports from keras must not be one of them."""
    class _Bound(cst.CSTVisitor):
        def __init__(self):
            super().__init__()
            self.names = set()

        def _target(self, node):
            for n in _names_in(node):
                self.names.add(n)

        def visit_AssignTarget(self, node):
            self._target(node.target)

        def visit_AnnAssign(self, node):
            self._target(node.target)

        def visit_AugAssign(self, node):
            self._target(node.target)

        def visit_For(self, node):
            self._target(node.target)

        def visit_CompFor(self, node):
            self._target(node.target)

        def visit_AsName(self, node):
            self._target(node.name)

        def visit_FunctionDef(self, node):
            self.names.add(node.name.value)

        def visit_ClassDef(self, node):
            self.names.add(node.name.value)

        def visit_Param(self, node):
            self.names.add(node.name.value)

        def visit_ImportFrom(self, node):
            mod = code(node.module) if node.module is not None else ''
            if not (mod == 'keras' or mod.startswith('keras.')) and \
                    not isinstance(node.names, cst.ImportStar):
                for a in node.names:
                    self.names.add(code(a.asname.name if a.asname else a.name))
    v = _Bound()
    module.visit(v)
    return v.names


def _names_in(node):
    if isinstance(node, cst.Name):
        yield node.value
    elif isinstance(node, (cst.Tuple, cst.List)):
        for e in node.elements:
            yield from _names_in(e.value)
    elif isinstance(node, cst.StarredElement):
        yield from _names_in(node.value)
