"""Pickles Python 2 wrote load under Python 3.

A Python 2 file's `cPickle.load(f)` / `pickle.loads(s)` read pickles Python 2 wrote, where a
Python 2 `str` (and the raw buffer of every NumPy array) is 8-bit bytes. Python 3 decodes those
as ASCII by default and fails; `encoding='latin1'` is the decoding that gives back the same bytes
(NumPy's documented way to load Python 2 array pickles). Python 2 also let a pickle file be
opened in text mode; Python 3 needs binary: `open(p)` / `open(p, 'r')` passed to (or bound by
`f = open(...)` / `with open(...) as f` and then passed to) load/dump becomes `'rb'` / `'wb'`.
"""
from __future__ import annotations

import libcst as cst

from ..fixers.base import Fixer, code, find_kwarg, fix_commas, kwarg

_READERS = frozenset({'load', 'loads', 'Unpickler'})
_WRITERS = frozenset({'dump', 'Pickler'})
_BINARY = {'': 'rb', 'r': 'rb', 'w': 'wb', 'a': 'ab', 'r+': 'r+b', 'w+': 'w+b', 'a+': 'a+b'}


def _is_open(node):
    return isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == 'open'


class Pickles(Fixer):
    """`pickle.load(f)` -> `pickle.load(f, encoding='latin1')`; pickle files opened in binary."""
    name = 'python2:pickle'

    def visit_Module(self, node):
        self._modules = set()          # names bound to the pickle module
        self._files = {}                # name -> 'rb'/'wb' for files passed to load/dump

        class Collect(cst.CSTVisitor):
            def visit_Import(inner, n):
                for alias in n.names:
                    if code(alias.name) in ('pickle', 'cPickle'):
                        self._modules.add(alias.asname.name.value if alias.asname else code(alias.name))
        node.visit(Collect())

        fixer = self

        class Files(cst.CSTVisitor):
            def visit_Call(inner, n):
                role = fixer._role(n)
                if role and n.args and isinstance(n.args[role[1]].value if len(n.args) > role[1]
                                                  else None, cst.Name):
                    fixer._files[n.args[role[1]].value.value] = role[0]
        node.visit(Files())
        self._open_targets = {}        # id(open call) -> mode, from `f = open()` / `with ... as f`

        class Opens(cst.CSTVisitor):
            def visit_Assign(inner, n):
                if _is_open(n.value) and len(n.targets) == 1 and \
                        isinstance(n.targets[0].target, cst.Name) and n.targets[0].target.value in fixer._files:
                    fixer._open_targets[id(n.value)] = fixer._files[n.targets[0].target.value]

            def visit_WithItem(inner, n):
                if _is_open(n.item) and n.asname is not None and \
                        isinstance(n.asname.name, cst.Name) and n.asname.name.value in fixer._files:
                    fixer._open_targets[id(n.item)] = fixer._files[n.asname.name.value]
        node.visit(Opens())

    def _role(self, call):
        """('rb', file argument index) for pickle readers, ('wb', 1) for writers, else None."""
        f = call.func
        if isinstance(f, cst.Attribute) and isinstance(f.value, cst.Name) and f.value.value in self._modules:
            if f.attr.value in _READERS - {'loads'}:
                return 'rb', 0
            if f.attr.value in _WRITERS:
                return 'wb', 1 if f.attr.value == 'dump' else 0
        return None

    def leave_Call(self, original, updated):
        f = original.func
        role = self._role(original)
        if role and len(updated.args) > role[1] and _is_open(original.args[role[1]].value):
            args = list(updated.args)
            args[role[1]] = args[role[1]].with_changes(
                value=self._binary(original.args[role[1]].value, args[role[1]].value, role[0]))
            updated = updated.with_changes(args=args)
        if id(original) in self._open_targets:
            return self._binary(original, updated, self._open_targets[id(original)])
        if isinstance(f, cst.Attribute) and isinstance(f.value, cst.Name) and \
                f.value.value in self._modules and f.attr.value in _READERS and \
                find_kwarg(original, 'encoding') is None and \
                not any(a.star for a in original.args):
            self.change(original, f"{code(f)}(...): encoding='latin1' (a pickle Python 2 wrote: "
                                  'its str objects and NumPy arrays load as Python 2 read them)')
            return updated.with_changes(args=fix_commas(
                list(updated.args) + [kwarg('encoding', cst.SimpleString("'latin1'"))]))
        return updated

    def _binary(self, original, updated, want):
        """open(...) with its mode made binary (`want` is 'rb' or 'wb' when no mode is given)."""
        mode = find_kwarg(original, 'mode')
        if mode is None and len(original.args) > 1 and original.args[1].keyword is None:
            mode = original.args[1]
        if mode is None:
            self.change(original, f"{code(original)}: a pickle file, opened '{want}' (Python 3 "
                                  'reads and writes pickles in binary)')
            return updated.with_changes(args=fix_commas(
                list(updated.args) + [cst.Arg(cst.SimpleString(f"'{want}'"))]))
        if not isinstance(mode.value, cst.SimpleString):
            self.warn(original, f'{code(original)}: a pickle file: its mode must be binary in Python 3')
            return updated
        text = mode.value.evaluated_value
        if 'b' in text or text not in _BINARY:
            return updated
        new = _BINARY[text]
        self.change(original, f"{code(original)}: a pickle file, mode {text!r} -> {new!r} (Python 3 "
                              'reads and writes pickles in binary)')
        quote = mode.value.value[-1]
        new_arg = mode.with_changes(value=cst.SimpleString(f'{quote}{new}{quote}'))
        index = list(original.args).index(mode)
        args = list(updated.args)
        args[index] = args[index].with_changes(value=new_arg.value)
        return updated.with_changes(args=args)
