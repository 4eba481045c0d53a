"""`python -m compat OLD_PY2_SCRIPT.py`: Python 2 code translated in memory as it is imported.

Only the script's own files -- the script, and the modules it imports from its folder (not
installed packages, not a virtual environment inside that folder) -- go through the same Python 2
pass as `python -m compat upgrade` (constructs, integer division, pickles; not the Keras fixers:
compat gives such code the Keras 1 API). Nothing is written: no translated file, no bytecode
cache. The compiled code carries the original line numbers, so tracebacks point at the lines of
the Python 2 file (and show them). Python 3 files compile as usual.
"""
from __future__ import annotations

import ast
import builtins
import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys

_INSTALLED = (os.sep + 'site-packages' + os.sep, os.sep + 'dist-packages' + os.sep)


def compile_python2(source: str, path: str):
    """The code object of Python 2 `source` translated to Python 3, with the original line
    numbers; None if `source` is Python 3. Raises SyntaxError (at the parser's line and column)
    for code that is neither."""
    from ..runner import _line_map, upgrade_source
    from .int_division import (CLASSIC_DIVISION, CLASSIC_INPLACE_DIVISION, ClassicDivision,
                               classic_division, classic_inplace_division)
    new, entries = upgrade_source(source, filename=path, fixers=[], python2_division=ClassicDivision)
    errors = [e for e in entries if e.severity == 'error']
    if errors:
        err = SyntaxError(errors[0].message)
        err.filename, err.lineno, err.offset = path, errors[0].line, errors[0].column + 1
        raise err
    if new == source:
        return None
    setattr(builtins, CLASSIC_DIVISION, classic_division)
    setattr(builtins, CLASSIC_INPLACE_DIVISION, classic_inplace_division)
    orig_of = _line_map(source, new)
    lines = source.splitlines() or ['']
    tree = ast.parse(new, path)
    for node in ast.walk(tree):      # original lines; each node spans its whole original line(s)
        if getattr(node, 'lineno', None):
            node.lineno = orig_of[min(node.lineno - 1, len(orig_of) - 1)] + 1
            node.end_lineno = max(node.lineno, orig_of[min((node.end_lineno or node.lineno) - 1,
                                                           len(orig_of) - 1)] + 1)
            first = lines[min(node.lineno, len(lines)) - 1]
            node.col_offset = len(first) - len(first.lstrip())
            node.end_col_offset = len(lines[min(node.end_lineno, len(lines)) - 1].rstrip())
    _note(path)
    return compile(tree, path, 'exec', dont_inherit=True)


_noted = []


def _note(path):
    if not _noted:
        _noted.append(path)
        print(f'compat: {os.path.basename(path)} is Python 2: it (and any Python 2 module it '
              'imports from its folder) is translated to Python 3 in memory as it loads, line '
              'numbers kept; `python -m compat upgrade` writes the translation out',
              file=sys.stderr)


def own_file(path: str, folder: str) -> bool:
    path = os.path.abspath(path)
    return path.startswith(os.path.join(os.path.abspath(folder), '')) and \
        not any(part in path for part in _INSTALLED)


class _Loader(importlib.machinery.SourceFileLoader):
    def source_to_code(self, data, path, *, _optimize=-1):
        source = importlib.util.decode_source(data)
        code = compile_python2(source, path)
        return code if code is not None else compile(source, path, 'exec', dont_inherit=True)

    def get_code(self, fullname):          # never read nor write a bytecode cache
        path = self.get_filename(fullname)
        return self.source_to_code(self.get_data(path), path)


class Python2Finder(importlib.abc.MetaPathFinder):
    """Finds the modules of `folder` (as the path finder would) and loads them through the
    Python 2 pass."""

    def __init__(self, folder: str):
        self.folder = folder

    def find_spec(self, name, path=None, target=None):
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or not isinstance(spec.loader, importlib.machinery.SourceFileLoader) \
                or not own_file(spec.origin, self.folder):
            return None
        spec.loader = _Loader(spec.loader.name, spec.loader.path)
        return spec


def install(folder: str) -> Python2Finder:
    finder = Python2Finder(folder)
    sys.meta_path.insert(0, finder)
    return finder


def main_code(path: str):
    """The code object of the script at `path` (Python 2 translated, or Python 3 as it is)."""
    with open(path, 'rb') as f:
        source = importlib.util.decode_source(f.read())
    code = compile_python2(source, path)
    return code if code is not None else compile(source, path, 'exec', dont_inherit=True)
