"""Shared pieces of the fixers: the per-file context and the transformer base class.

A fixer is one libcst transformer that does one kind of rewrite. The runner runs them in order,
each on the previous one's output, with fresh metadata (positions, qualified names) per pass.
"""
from __future__ import annotations

import dataclasses

import libcst as cst
from libcst.metadata import PositionProvider, QualifiedNameProvider, QualifiedNameSource

from ..report import Entry

HARD_SIGMOID = 'keras1_hard_sigmoid'   # name of the helper function inserted into upgraded files
SAME_POOLING = 'Keras1SamePooling'   # helper layer for Theano 'same' pooling (theano_pool_same.py)


@dataclasses.dataclass
class Context:
    """What the fixers of one file share: options, report entries, imports and helpers to add."""
    filename: str = '<string>'
    dim_ordering: str = 'th'          # Keras 1 global image_dim_ordering the script ran under
    ordering_set: bool = False        # the file calls set_image_dim_ordering itself
    entries: list = dataclasses.field(default_factory=list)
    imports: set = dataclasses.field(default_factory=set)   # {(module, name)} to import
    helpers: set = dataclasses.field(default_factory=set)   # helper function names to insert
    original_uses: set = dataclasses.field(default_factory=set)   # names the input file uses


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
