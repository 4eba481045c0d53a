"""Python/NumPy idioms of Keras 1 era scripts that newer Python and NumPy broke (pyupgrade-style).

- **Removed NumPy aliases** (``compat.spec.numpy_names``, shared with ``compat.install()``): the
  aliases of builtins (``np.float``, ``np.int``... deprecated in NumPy 1.20, removed in 1.24) were
  the builtins themselves, so ``dtype=np.float`` -> ``dtype=float`` changes nothing; the names
  NumPy 2.0 removed become what they aliased (``np.alltrue`` -> ``np.all``). Only where the name
  is bound by ``import numpy`` (``np``, ``numpy`` or any alias).
- **re.split on a pattern that can match the empty string.** Python <= 3.6 never split on an
  empty match (CPython 3.6 Modules/_sre.c pattern_split: an empty match advances one character
  and splits nothing; compat/__main__.py python36_split reproduces it); Python 3.7 splits there
  too and yields ``None`` groups (keras 1.2.2 examples/babi_rnn.py ``re.split('(\\W+)?', sent)``).
  Under the 3.6 rule only the non-empty matches count, so a literal pattern ``(X)?`` with X
  never empty is the same split as ``(X)``, and ``A*`` for one atom A the same as ``A+``: those
  are rewritten (as raw strings). Any other literal pattern of zero minimum width gets a warning.
"""
from __future__ import annotations

import re

import libcst as cst
from libcst.metadata import QualifiedNameProvider, QualifiedNameSource

from compat.spec.numpy_names import REMOVED_NUMPY_NAMES

from .base import Fixer, code, try_literal

try:                     # Python 3.11+: the regex parser moved to re._parser
    from re import _parser as _sre_parse
except ImportError:      # pragma: no cover  (Python < 3.11)
    import sre_parse as _sre_parse

# One regex atom: an escape (\W, \d, \.), a character class without nested brackets, '.', or a
# single ordinary character.
_ATOM = r'(?:\\.|\[\^?\]?[^\]]*\]|[^\\\[\](){}|?*+^$])'
_STAR = re.compile(f'({_ATOM})\\*')                  # whole pattern `A*`
_OPTIONAL_GROUP = re.compile(r'\((.*)\)\?')          # whole pattern `(X)?`


def _min_width(pattern: str) -> int | None:
    try:
        return _sre_parse.parse(pattern).getwidth()[0]
    except Exception:          # not a valid pattern: leave it to re at run time
        return None


def split_pattern_fix(pattern: str) -> str | None:
    """The pattern splitting like `pattern` did under Python 3.6 and never matching empty, or
    None when there is no such simple rewrite."""
    m = _STAR.fullmatch(pattern)
    if m:
        return m.group(1) + '+'
    m = _OPTIONAL_GROUP.fullmatch(pattern)
    if m and _valid(m.group(1)) and (_min_width(m.group(1)) or 0) > 0:
        return f'({m.group(1)})'
    return None


def _valid(inner: str) -> bool:
    """`inner` is a pattern of its own, so `(inner)?` is one optional group (not `(a)|(b)?`)."""
    try:
        re.compile(inner)
        return True
    except re.error:
        return False


def raw_literal(value: str, quote: str) -> str:
    """A raw string literal for `value` (falls back to repr where a raw string cannot hold it)."""
    if quote not in value and not value.endswith('\\') and '\n' not in value:
        return f'r{quote}{value}{quote}'
    return repr(value)


class PythonIdioms(Fixer):
    name = 'python_idioms'

    def _imported(self, node, qualname: str) -> bool:
        try:
            names = self.get_metadata(QualifiedNameProvider, node)
        except KeyError:
            return False
        return any(q.name == qualname and q.source == QualifiedNameSource.IMPORT for q in names)

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute):
        alias = original.attr.value
        if alias in REMOVED_NUMPY_NAMES and self._imported(original, f'numpy.{alias}'):
            module, _, name = REMOVED_NUMPY_NAMES[alias].rpartition('.')
            if module:      # a NumPy name: keep the user's spelling of numpy (np.alltrue -> np.all)
                replacement = updated.with_changes(attr=cst.Name(name))
                why = 'NumPy 2.0 removed the alias'
            else:           # a builtin: np.float -> float
                replacement = cst.Name(name)
                why = 'NumPy alias of the builtin, removed in NumPy 1.24'
            self.change(original, f'{code(original)} -> {code(replacement)} ({why})')
            return replacement
        return updated

    def leave_Call(self, original: cst.Call, updated: cst.Call):
        if not self._imported(original.func, 're.split'):
            return updated
        arg = next((a for a in updated.args if a.keyword is None or a.keyword.value == 'pattern'),
                   None)
        if arg is None or not isinstance(arg.value, cst.SimpleString):
            return updated
        pattern = try_literal(arg.value)
        if not isinstance(pattern, str) or _min_width(pattern) != 0:
            return updated
        fixed = split_pattern_fix(pattern)
        if fixed is None:
            self.warn(original, f're.split({arg.value.value}, ...): the pattern can match the empty '
                                'string; Python >= 3.7 splits there too (Python 3.6 did not): '
                                'make it match at least one character')
            return updated
        quote = arg.value.quote if len(arg.value.quote) == 1 else "'"
        new = cst.SimpleString(raw_literal(fixed, quote))
        self.change(original, f're.split pattern {arg.value.value} -> {new.value}: Python 3.6 '
                              'skipped empty matches, Python >= 3.7 splits on them')
        return updated.with_changes(args=[a.with_changes(value=new) if a is arg else a
                                          for a in updated.args])
