"""Before/after tests: pickles Python 2 wrote (compat/upgrade/python2/pickles.py), and loading
real ones: tests/fixtures/py2/*.pkl were written by CPython 2.7.18's cPickle (protocol 2) with
NumPy 1.16.6 (tests/fixtures/py2/make_pickles.py, run under Python 2)."""
import gzip
import pathlib
import pickle
from textwrap import dedent

import numpy as np
import pytest

from compat.upgrade import upgrade_source

FIXTURES = pathlib.Path(__file__).parent.parent / 'fixtures' / 'py2'


def upgrade2(src):
    new, entries = upgrade_source(dedent(src), 'old.py', fixers=[])
    return new, [e for e in entries if e.fixer == 'python2:pickle']


@pytest.mark.parametrize('before, after', [
    ("import cPickle\nd = cPickle.load(open('d.pkl'))\n",
     "import pickle\nd = pickle.load(open('d.pkl', 'rb'), encoding='latin1')\n"),
    ("import cPickle as pickle\nd = pickle.load(open('d.pkl', 'r'))\n",
     "import pickle as pickle\nd = pickle.load(open('d.pkl', 'rb'), encoding='latin1')\n"),
    ("import cPickle\ncPickle.dump(d, open('d.pkl', 'w'), 2)\n",
     "import pickle\npickle.dump(d, open('d.pkl', 'wb'), 2)\n"),
    ("import cPickle\nf = open(p)\nd = cPickle.load(f)\n",
     "import pickle\nf = open(p, 'rb')\nd = pickle.load(f, encoding='latin1')\n"),
    ("import cPickle\nwith open(p, 'w') as f:\n    cPickle.dump(d, f)\n",
     "import pickle\nwith open(p, 'wb') as f:\n    pickle.dump(d, f)\n"),
    ("import cPickle, gzip\nd = cPickle.load(gzip.open(p, 'rb'))\n",
     "import pickle, gzip\nd = pickle.load(gzip.open(p, 'rb'), encoding='latin1')\n"),
    ("import pickle\ns = pickle.loads(b)\nprint s\n",
     "import pickle\ns = pickle.loads(b, encoding='latin1')\nprint(s)\n"),
])
def test_pickle_rewrites(before, after):
    new, entries = upgrade2(before)
    assert new == after
    assert entries and all(e.severity == 'change' for e in entries)


@pytest.mark.parametrize('src', [
    "import cPickle\nd = cPickle.load(f, encoding='bytes')\n",       # the file chose
    "import cPickle\nd = cPickle.load(open(p, 'rb'), encoding='bytes')\n",
    "import cPickle\nd = other.load(open(p))\n",
])
def test_untouched(src):
    new, entries = upgrade2(src)
    assert new == src.replace('cPickle', 'pickle') and not entries


def test_python2_pickles_load_with_latin1():
    """cPickle protocol 2 files from Python 2.7: a dict of str -> NumPy arrays and str."""
    with open(FIXTURES / 'arrays_py2.pkl', 'rb') as f:
        raw = f.read()
    with pytest.raises(UnicodeDecodeError):
        pickle.loads(raw)                                 # Python 3's default (ASCII) fails
    data = pickle.loads(raw, encoding='latin1')
    np.testing.assert_array_equal(data['x'], np.arange(12, dtype=np.float32).reshape(3, 4) / 8)
    assert data['x'].dtype == np.float32
    np.testing.assert_array_equal(data['labels'], [0, 1, 2])
    assert data['labels'].dtype == np.int64
    assert data['name'] == 'caf\xe9' and data['vocab'] == {'the': 1, 'a': 2}


def test_python2_mnist_style_gzip_pickle():
    with gzip.open(FIXTURES / 'tiny_mnist_py2.pkl.gz', 'rb') as f:
        (x_train, y_train), (x_test, y_test) = pickle.load(f, encoding='latin1')
    assert x_train.shape == (32, 1, 8, 8) and x_train.dtype == np.float32
    assert y_train.shape == (32,) and set(np.unique(y_train)) <= set(range(3))
    assert x_test.shape == (8, 1, 8, 8)
