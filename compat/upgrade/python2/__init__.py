"""The Python 2 -> 3 pass of `python -m compat upgrade` (and of `python -m compat SCRIPT.py`).

A file is Python 2 when it does not parse as Python 3 but does as Python 2, or when it parses as
both and uses a construct only Python 2 has (`xrange`, `d.iteritems()`, `cPickle`...:
constructs.PY2_ONLY). Such a file gets, in order:

1. ``constructs.run_constructs``: fissix's fixers, one per construct (``constructs.CONSTRUCTS``,
   the table of what each one changes); each change is a report entry naming the construct;
2. the libcst fixers of ``PY2_FIXERS``: ``int_division`` (Python 2's floor for `/` of ints the
   file shows; skipped under ``from __future__ import division``) and ``pickles``
   (``encoding='latin1'`` and binary modes for pickles Python 2 wrote);

then the Keras fixers like any Python 3 file (``runner.upgrade_source``).
"""
from __future__ import annotations

import dataclasses
import os
import re

import libcst as cst
from fissix.refactor import _detect_future_features

from ..report import Entry
from .constructs import CONSTRUCTS, ParseFailure, py2_only, run_constructs
from .int_division import ClassicDivision, IntDivision  # noqa: F401  (ClassicDivision: importer)
from .pickles import Pickles

__all__ = ['CONSTRUCTS', 'Translation', 'constructs_pass', 'fixers_for', 'is_python2']

# Words a Python 2 file that also parses as Python 3 must contain (a cheap filter before fissix).
_HINTS = re.compile(r'\b(xrange|iteritems|iterkeys|itervalues|viewitems|viewkeys|viewvalues|has_key|'
                    r'cPickle|cStringIO|StringIO|raw_input|unicode|basestring|long|maxint|execfile|'
                    r'apply|izip|imap|ifilter|urllib2|urlparse|Queue|StandardError|func_name|'
                    r'func_code|im_func|im_self|getcwdu|exc_type|xreadlines|isCallable|'
                    r'sequenceIncludes)\b'
                    # statements Python 3 also parses, as something else: `print >>f, x`,
                    # `except E, e:`
                    r'|^[ \t]*print[ \t]*>>|^[ \t]*except\b[^:#]*,',
                    re.MULTILINE)
_PRINT_CHEVRON = re.compile(r'^[ \t]*print[ \t]*>>', re.MULTILINE)


@dataclasses.dataclass
class Translation:
    code: str                     # Python 3 source (the input unchanged if not Python 2)
    entries: list                 # report entries at the input's line:column
    python2: bool
    future_division: bool = False
    error: Entry | None = None    # neither Python 3 nor Python 2: the parsers' positions


def constructs_pass(code: str, filename: str = '<string>') -> Translation:
    """Step 1 for a Python 2 file; a Python 3 file comes back unchanged (python2=False)."""
    try:
        cst.parse_module(code)
        py3_error = None
    except cst.ParserSyntaxError as e:
        py3_error = e
    if py3_error is None and not _HINTS.search(code) and not _sibling_import(code, filename):
        return Translation(code, [], False)
    try:
        # A file Python 3 parses has print() calls (`print(a, b)` is a call, not Python 2's print
        # statement of a tuple) unless it has Python 2's `print >>f, x`.
        new, changes = run_constructs(code, filename, print_function=py3_error is None
                                      and not _PRINT_CHEVRON.search(code))
    except ParseFailure as e:
        if py3_error is None:          # Python 3 only syntax (f-strings, keyword-only...): Python 3
            return Translation(code, [], False)
        return Translation(code, [], False, error=_parse_error(py3_error, e, filename))
    if py3_error is None and not py2_only(changes):
        return Translation(code, [], False)
    if not code.endswith('\n'):
        new = new[:-1]
    entries = [Entry(c.severity, c.line, c.column, 'python2:' + c.construct,
                     f'{c.message} (renamed standard module)' if ' -> ' in c.message else
                     CONSTRUCTS[c.construct] + (f': {c.message}' if c.severity == 'warning' else ''),
                     filename) for c in changes]
    return Translation(new, entries, True, 'division' in _detect_future_features(code))


def _sibling_import(code: str, filename: str) -> bool:
    """Does a module of a package import a module of the same package without a dot (Python 2's
    implicit relative import; constructs' 'import' fixer then makes it `from . import`)?"""
    folder = os.path.dirname(os.path.abspath(filename))
    if not os.path.isfile(filename) or not os.path.exists(os.path.join(folder, '__init__.py')):
        return False
    siblings = {os.path.splitext(n)[0] for n in os.listdir(folder) if n.endswith('.py')} | \
        {n for n in os.listdir(folder) if os.path.exists(os.path.join(folder, n, '__init__.py'))}
    siblings.discard('__init__')
    return any(m.group(1) in siblings for m in _IMPORTS.finditer(code))


_IMPORTS = re.compile(r'^[ \t]*(?:import|from)[ \t]+(\w+)', re.MULTILINE)


def _parse_error(py3: cst.ParserSyntaxError, py2: ParseFailure, filename: str) -> Entry:
    """One error entry at the position of the parser that read further."""
    message = (f'neither Python 3 ({py3.raw_line}:{py3.raw_column}: {py3.message.strip()}) nor '
               f'Python 2 ({py2.line}:{py2.column}: {py2.message}) parses it; left unchanged')
    line, col = max((py3.raw_line, py3.raw_column), (py2.line, py2.column))
    return Entry('error', line, col, 'parse', message, filename)


def fixers_for(translation: Translation, division=IntDivision) -> list:
    """Step 2: the libcst fixers a Python 2 file gets before the Keras ones (`division`:
    IntDivision for `upgrade`, ClassicDivision for running in memory)."""
    if not translation.python2:
        return []
    return ([] if translation.future_division else [division]) + [Pickles]


def is_python2(code: str) -> bool:
    return constructs_pass(code).python2
