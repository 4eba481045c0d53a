"""Before/after tests: the Python 2 constructs pass (compat/upgrade/python2/constructs.py).

Each case is a Python 2 snippet, the Python 3 it becomes (2to3's rewrite, by fissix) and the
constructs the report names for it; Python 3 code, even code 2to3 would touch, is left alone."""
import pytest

from compat.upgrade import upgrade_source
from compat.upgrade.python2 import CONSTRUCTS, constructs_pass


def upgrade2(src):
    return upgrade_source(src, 'old.py', fixers=[])


@pytest.mark.parametrize('before, after, constructs', [
    ("print 'loss', x\n", "print('loss', x)\n", ['print']),
    ("print >>f, x,\n", "print(x, end=' ', file=f)\n", ['print']),
    ('try:\n    f()\nexcept ValueError, e:\n    pass\n',
     'try:\n    f()\nexcept ValueError as e:\n    pass\n', ['except']),
    ('for i in xrange(3):\n    pass\n', 'for i in range(3):\n    pass\n', ['xrange']),
    ('for k, v in d.iteritems():\n    pass\n', 'for k, v in d.items():\n    pass\n', ['dict']),
    ('ks = d.keys()\nfor i in xrange(2): pass\n', 'ks = list(d.keys())\nfor i in range(2): pass\n',
     ['dict', 'xrange']),
    ('if d.has_key(k):\n    pass\n', 'if k in d:\n    pass\n', ['has_key']),
    ('import cPickle\ncPickle.dumps(x)\n', 'import pickle\npickle.dumps(x)\n', ['imports', 'imports']),
    ('from StringIO import StringIO\n', 'from io import StringIO\n', ['imports']),
    ("s = raw_input('> ')\n", "s = input('> ')\n", ['raw_input']),
    ('u = unicode(x)\n', 'u = str(x)\n', ['unicode']),
    ('ok = isinstance(x, basestring)\n', 'ok = isinstance(x, str)\n', ['basestring']),
    ('m = sys.maxint\n', 'm = sys.maxsize\n', ['renames']),
    ("exec 'x = 1'\n", "exec('x = 1')\n", ['exec']),
    ("raise ValueError, 'bad'\n", "raise ValueError('bad')\n", ['raise']),
    ('y = `x`\n', 'y = repr(x)\n', ['repr']),
    ('if a <> b:\n    pass\n', 'if a != b:\n    pass\n', ['ne']),
    ('m = 0777 + 10L\n', 'm = 0o777 + 10\n', ['numliterals', 'numliterals']),
    ('name = f.func_name\n', 'name = f.__name__\n', ['funcattrs']),
    ('apply(f, args)\n', 'f(*args)\n', ['apply']),
    ('ys = map(f, xs)\nprint ys\n', 'ys = list(map(f, xs))\nprint(ys)\n', ['map', 'print']),
    ('v = it.next()\nprint v\n', 'v = next(it)\nprint(v)\n', ['next', 'print']),
    ('class E(StandardError):\n    pass\n', 'class E(Exception):\n    pass\n', ['standarderror']),
    ('print(1, 2)\nfor i in xrange(2): pass\n', 'print(1, 2)\nfor i in range(2): pass\n',
     ['xrange']),               # Python 3 parses the file: print() is taken for the function
    ('print >>f, (1, 2)\nprint(1, 2)\n', 'print((1, 2), file=f)\nprint((1, 2))\n',
     ['print', 'print']),       # Python 2's print statement: the second one printed a tuple
    ('from __future__ import print_function\nprint(1, 2)\nfor i in xrange(2): pass\n',
     'from __future__ import print_function\nprint(1, 2)\nfor i in range(2): pass\n', ['xrange']),
])
def test_construct(before, after, constructs):
    new, entries = upgrade2(before)
    assert new == after
    assert sorted(e.fixer for e in entries) == sorted('python2:' + c for c in constructs)
    assert all(e.severity == 'change' and e.message in (
        CONSTRUCTS[e.fixer.split(':')[1]], MODULE_RENAMES.get(before.split()[1])) for e in entries)


MODULE_RENAMES = {'cPickle': 'cPickle -> pickle (renamed standard module)',
                  'StringIO': 'StringIO -> io (renamed standard module)'}


@pytest.mark.parametrize('src', [
    'ks = d.keys()\nys = map(f, xs)\n',           # 2to3 would wrap these; Python 3 code keeps them
    'print(x, end="")\n',
    'try:\n    f()\nexcept (A, B):\n    pass\n',
    "s = u'text'\n",                                  # u'' literals are Python 3 too
    'from functools import reduce\nr = reduce(f, xs)\n',
    "print('main' if a else 'imported', sys.argv[1:], model.count_params())\nnp.float\n",
])
def test_python3_untouched(src):
    assert upgrade2(src) == (src, [])
    assert not constructs_pass(src).python2


def test_positions_are_the_python2_lines():
    src = 'x = 1\nfor i in xrange(3):\n    print i, x\n'
    _, entries = upgrade2(src)
    assert sorted((e.fixer, e.line, e.column) for e in entries) == [
        ('python2:print', 3, 4), ('python2:xrange', 2, 9)]


def test_neither_python_3_nor_2_is_an_error_at_the_parser_position():
    src = 'x = 1\nprint "a"\ndef f(:\n    pass\n'
    new, entries = upgrade_source(src, 'bad.py')
    assert new == src
    [e] = entries
    assert (e.severity, e.fixer, e.line) == ('error', 'parse', 3)
    assert 'Python 3' in e.message and 'Python 2' in e.message


def test_python2_file_gets_the_keras_fixers_too():
    src = ('from keras.models import Sequential\nfrom keras.layers import Dense\n'
           'model = Sequential()\nmodel.add(Dense(3, input_dim=4))\n'
           "model.compile('sgd', 'mse')\nprint 'fitting'\nmodel.fit(x, y, nb_epoch=2)\n")
    new, entries = upgrade_source(src, 'old.py')
    assert "print('fitting')" in new and 'epochs=2' in new
    assert {('python2:print', 6)} <= {(e.fixer, e.line) for e in entries}
    assert any(e.line == 7 and e.fixer == 'training' for e in entries)   # original line
