"""Before/after tests: removed NumPy aliases and re.split patterns (fixers/python_idioms.py).

The re.split expectations are hand-derived from Python 3.6's rule (CPython 3.6 Modules/_sre.c
pattern_split: empty matches never split); compat/__main__.py python36_split, an independent
implementation of that rule, cross-checks that the rewritten pattern splits the same."""
from textwrap import dedent

import pytest

from compat.upgrade.fixers import PythonIdioms


@pytest.mark.parametrize('before, after', [
    ('import numpy as np\na = np.zeros(3, dtype=np.float)\n',
     'import numpy as np\na = np.zeros(3, dtype=float)\n'),
    ('import numpy\nb = numpy.int(x) + numpy.bool(y)\n', 'import numpy\nb = int(x) + bool(y)\n'),
    ('import numpy as onp\nc = [onp.object, onp.str, onp.complex]\n',
     'import numpy as onp\nc = [object, str, complex]\n'),
    # names NumPy 2.0 removed: what they aliased, under the user's spelling of numpy
    # (keras 1.2.2 tests/keras/backend/test_backends.py test_ctc: np.alltrue)
    ('import numpy as np\nok = np.alltrue(a) and np.sometrue(b)\n',
     'import numpy as np\nok = np.all(a) and np.any(b)\n'),
    ('import numpy\nd = numpy.float_(x) * numpy.Inf\n', 'import numpy\nd = numpy.float64(x) * numpy.inf\n'),
])
def test_numpy_aliases(run, before, after):
    new, entries = run(before, PythonIdioms)
    assert new == after and entries and all(e.severity == 'change' for e in entries)


@pytest.mark.parametrize('src', [
    'import numpy as np\na = np.float32(1) + np.int64(2) + np.bool_(1)\n',   # real NumPy types
    'np = object()\na = np.float\n',                    # np is not the numpy import here
    'import mylib as np\na = np.float\n',
])
def test_numpy_lookalikes_untouched(run, src):
    new, entries = run(src, PythonIdioms)
    assert new == src and not entries


@pytest.mark.parametrize('before, after', [
    # keras 1.2.2 examples/babi_rnn.py, babi_memnn.py tokenize
    ("re.split('(\\W+)?', sent)", "re.split(r'(\\W+)', sent)"),
    ("re.split('\\s*', s)", "re.split(r'\\s+', s)"),
    ('re.split("[ ,]*", s, maxsplit=2)', 're.split(r"[ ,]+", s, maxsplit=2)'),
    ("re.split(pattern='(ab|c)?', string=s)", "re.split(pattern=r'(ab|c)', string=s)"),
])
def test_split_patterns(run, before, after):
    new, entries = run('import re\nx = ' + before + '\n', PythonIdioms)
    assert new == 'import re\nx = ' + after + '\n'
    assert [e.severity for e in entries] == ['change']


@pytest.mark.parametrize('src', ["re.split('a|b*', s)", "re.split('(a*)?', s)",
                                 "re.split('\\\\b', s)"])
def test_split_other_empty_patterns_warn(run, src):
    new, entries = run('import re\n' + src + '\n', PythonIdioms)
    assert new == 'import re\n' + src + '\n' and [e.severity for e in entries] == ['warning']


@pytest.mark.parametrize('src', ["re.split('\\\\W+', s)", 're.split(p, s)', "text.split('x*')"])
def test_split_untouched(run, src):
    new, entries = run('import re\n' + src + '\n', PythonIdioms)
    assert new == 'import re\n' + src + '\n' and not entries


def test_babi_tokenize_like_python36(run):
    """The rewritten tokenizer gives the bAbI tokens Keras 1 got under Python 3.6 (hand-derived)."""
    new, _ = run(dedent('''\
        import re
        def tokenize(sent):
            return [x.strip() for x in re.split('(\\W+)?', sent) if x.strip()]
        '''), PythonIdioms)
    ns = {}
    exec(new, ns)
    assert ns['tokenize']('Bob dropped the apple. Where is the apple?') == \
        ['Bob', 'dropped', 'the', 'apple', '.', 'Where', 'is', 'the', 'apple', '?']


@pytest.mark.parametrize('pattern', ['(\\W+)?', '\\s*', '[ ,]*', '(ab|c)?', 'x*'])
def test_rewrite_agrees_with_python36_split(pattern):
    import re
    from compat.__main__ import python36_split
    from compat.upgrade.fixers.python_idioms import split_pattern_fix
    fixed = split_pattern_fix(pattern)
    for s in ['', 'a', 'ab, c  xx', ' x,, abc ab c!', 'xxaxx  ,', 'Hello, world!  ok']:
        assert re.split(fixed, s) == python36_split(pattern, s), (pattern, s)
