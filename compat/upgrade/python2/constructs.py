"""The Python 2 -> 3 constructs pass: fissix's (the maintained lib2to3 fork's) fixers, one per
construct, each change recorded at the original line:column with the construct it removed.

``CONSTRUCTS`` is the table: fissix fixer name -> what the Python 2 construct was and what it
becomes. Only the fixers in it run (2to3's default set, less ``future``: ``from __future__``
lines stay, they document the file's semantics). ``PY2_ONLY`` are the fixers whose match can only
be Python 2 code; a file that parses as Python 3 is taken for Python 2 only when one of them fires.
"""
from __future__ import annotations

import dataclasses
import logging

from fissix import pygram, pytree
from fissix.pgen2 import driver as pgen_driver
from fissix.pgen2 import parse as pgen_parse
from fissix.pgen2 import token
from fissix.pgen2 import tokenize as pgen_tokenize
from fissix.fixes import fix_imports, fix_imports2
from fissix.refactor import RefactoringTool, _detect_future_features

CONSTRUCTS = {
    'apply': 'apply(f, args) -> f(*args)',
    'asserts': 'deprecated unittest assert aliases (assertEquals, ...) -> their names',
    'basestring': 'basestring -> str',
    'dict': 'dict.iteritems()/iterkeys()/itervalues()/has_key views -> items()/keys()/values() '
            '(list(...) where a list was used)',
    'except': 'except E, e -> except E as e',
    'exec': 'exec statement -> exec()',
    'execfile': 'execfile(f) -> exec(compile(open(f).read(), f, "exec"))',
    'exitfunc': 'sys.exitfunc -> atexit.register',
    'filter': 'filter() returned a list -> list(filter(...))',
    'funcattrs': 'f.func_name/func_code/... -> f.__name__/__code__/...',
    'getcwdu': 'os.getcwdu() -> os.getcwd()',
    'has_key': 'd.has_key(k) -> k in d',
    'import': 'implicit relative import of a module of the package -> from . import',
    'imports': 'renamed standard modules (cPickle -> pickle, cStringIO -> io, Queue -> queue, ...)',
    'imports2': 'renamed standard modules (dbm, ...)',
    'input': 'input() evaluated its text -> eval(input())',
    'intern': 'intern() -> sys.intern()',
    'isinstance': 'isinstance(x, (int, long)) duplicates -> one type',
    'itertools': 'itertools.izip/imap/ifilter -> zip/map/filter',
    'itertools_imports': 'from itertools import izip, ... -> the builtins',
    'long': 'long -> int',
    'map': 'map() returned a list -> list(map(...))',
    'metaclass': '__metaclass__ = M -> class C(metaclass=M)',
    'methodattrs': 'm.im_func/im_self -> m.__func__/__self__',
    'ne': '<> -> !=',
    'next': 'it.next() -> next(it)',
    'nonzero': '__nonzero__ -> __bool__',
    'numliterals': 'octal 0777 / long 10L literals -> 0o777 / 10',
    'operator': 'operator.isCallable/sequenceIncludes/... -> their Python 3 forms',
    'paren': '[x for x in 1, 2] -> [x for x in (1, 2)]',
    'print': 'print statement -> print() function',
    'raise': 'raise E, v -> raise E(v)',
    'raw_input': 'raw_input() -> input()',
    'reduce': 'reduce() builtin -> functools.reduce',
    'reload': 'reload() builtin -> importlib.reload',
    'renames': 'sys.maxint -> sys.maxsize',
    'repr': '`x` -> repr(x)',
    'sorted': 'sorted(x, cmp, key) positional -> keywords',
    'standarderror': 'StandardError -> Exception',
    'sys_exc': 'sys.exc_type/exc_value/exc_traceback -> sys.exc_info()',
    'throw': 'g.throw(E, v) -> g.throw(E(v))',
    'tuple_params': 'def f((a, b)): tuple parameters -> unpacked in the body',
    'types': 'types.StringType/IntType/... -> str/int/...',
    'unicode': "unicode -> str, u'' literals",
    'urllib': 'urllib/urllib2 functions -> urllib.request/parse/error',
    'xrange': 'xrange -> range',
    'xreadlines': 'f.xreadlines() -> f',
    'zip': 'zip() returned a list -> list(zip(...))',
}

# Fixers whose match can only be Python 2 code ('dict' only for its iter*/view* methods and
# 'unicode' only for the name: u'' literals are Python 3 too; see py2_only). 'import' fires on
# `import sibling` inside a package, which Python 3 reads as an absolute import.
PY2_ONLY = frozenset({'apply', 'basestring', 'except', 'exec', 'execfile', 'funcattrs', 'getcwdu',
                      'has_key', 'import', 'imports', 'imports2', 'itertools', 'itertools_imports', 'long',
                      'methodattrs', 'ne', 'numliterals', 'operator', 'print', 'raise', 'raw_input',
                      'renames', 'repr', 'standarderror', 'sys_exc', 'tuple_params', 'xrange',
                      'xreadlines'})


RENAMED_MODULES = {'imports': fix_imports.MAPPING, 'imports2': fix_imports2.MAPPING}


@dataclasses.dataclass
class Change:
    construct: str      # a CONSTRUCTS key
    line: int
    column: int
    severity: str = 'change'
    message: str = ''


class ParseFailure(Exception):
    """The fissix (Python 2 grammar) parser's error, with its 1-based line and 0-based column."""
    def __init__(self, message, line, column):
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


def _column(node):
    for leaf in node.leaves():
        return leaf.column
    return 0


class _Tool(RefactoringTool):
    """fissix's RefactoringTool, each fixer's transform recorded as a Change (first match position)."""

    def __init__(self, names, print_function):
        super().__init__(['fissix.fixes.fix_' + n for n in names],
                         {'print_function': print_function})
        self.changes: list[Change] = []

    def log_error(self, msg, *args, **kwds):
        raise      # re-raise the parse error (RefactoringTool's own behaviour, kept explicit)

    def get_fixers(self):
        pre, post = super().get_fixers()
        for fixer in pre + post:
            name = fixer.__class__.__module__.rsplit('.fix_', 1)[-1]
            fixer.transform = self._recording(name, fixer.transform)
            fixer.warning = self._warning(name)
            fixer.cannot_convert = self._cannot_convert(name)
        return pre, post

    def _recording(self, name, transform):
        def recorded(node, results):
            line, col = node.get_lineno(), _column(node)
            before, parent = str(node), node.parent
            renamed = next((leaf.value for leaf in node.leaves()
                            if leaf.value in RENAMED_MODULES.get(name, ())), None)
            new = transform(node, results)
            if (new is not None and str(new) != before) or str(node) != before or \
                    node.parent is not parent:      # replaced in the tree by the fixer itself
                self.changes.append(Change(name, line, col))
                if name == 'dict':       # the method name tells Python 2 (iteritems) from 3 (keys)
                    method = results.get('method')
                    self.changes[-1].message = method[0].value if method else ''
                elif name == 'unicode':
                    self.changes[-1].message = 'literal' if node.type == token.STRING else 'name'
                elif renamed:                       # which module: 'cPickle -> pickle'
                    self.changes[-1].message = f'{renamed} -> {RENAMED_MODULES[name][renamed]}'
            return new
        return recorded

    def _warning(self, name):
        def warning(node, reason):
            self.changes.append(Change(name, node.get_lineno(), _column(node), 'warning', reason))
        return warning

    def _cannot_convert(self, name):
        def cannot_convert(node, reason=None):
            self.changes.append(Change(name, node.get_lineno(), _column(node), 'warning',
                                       'could not convert: ' + (reason or str(node).strip())))
        return cannot_convert


def parse_python2(code: str, print_function: bool = False):
    """The fissix tree of `code` (Python 2 grammar; print statement unless `print_function`)."""
    grammar = pygram.python_grammar.copy()
    if print_function or 'print_function' in _detect_future_features(code):
        del grammar.keywords['print']
    d = pgen_driver.Driver(grammar, convert=pytree.convert, logger=logging.getLogger('fissix'))
    try:
        return d.parse_string(code)
    except pgen_parse.ParseError as e:
        prefix, (line, col) = e.context
        return _raise(f'bad input {e.value!r}', line, col)
    except pgen_tokenize.TokenError as e:
        msg, (line, col) = e.args
        return _raise(msg, line, col)
    except IndentationError as e:
        return _raise(e.msg, e.lineno or 0, (e.offset or 1) - 1)


def _raise(message, line, col):
    raise ParseFailure(message, line, col)


def run_constructs(code: str, filename: str, names=None, print_function: bool = False):
    """Apply the fixers `names` (default: all of CONSTRUCTS) to Python 2 `code`;
    returns (new_code, [Change]). Raises ParseFailure if fissix cannot parse it."""
    if not code.endswith('\n'):
        code += '\n'
    tree = parse_python2(code, print_function)
    tree.future_features = _detect_future_features(code)
    tool = _Tool(sorted(CONSTRUCTS if names is None else names), print_function)
    tool.refactor_tree(tree, filename)
    return str(tree), tool.changes


def py2_only(changes) -> bool:
    """Do these changes show Python 2 code (not Python 3 code 2to3 would also touch)?"""
    for c in changes:
        if c.construct in PY2_ONLY:
            return True
        if c.construct == 'dict' and c.message.startswith(('iter', 'view')):
            return True
        if c.construct == 'unicode' and c.message == 'name':
            return True
    return False
