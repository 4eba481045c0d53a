"""Before/after tests: Python 2's integer division (compat/upgrade/python2/int_division.py).

The expectations are Python 2.7's rule (Objects/intobject.c int_classic_div: `/` of two ints
floors) applied by hand to each snippet."""
from textwrap import dedent

import numpy as np
import pytest

from compat.upgrade import upgrade_source
from compat.upgrade.python2.int_division import classic_division

PY2 = 'xs = range(3)\nfor i in xrange(1): pass\n'     # makes the snippet Python 2 (xrange)


def upgrade2(src):
    new, entries = upgrade_source(PY2 + dedent(src), 'old.py', fixers=[])
    entries = [e for e in entries if e.fixer == 'python2:int_division']
    for e in entries:
        e.line -= 2
    return new.split('\n', 2)[2], entries


@pytest.mark.parametrize('before, after', [
    ('a = 7 / 2\n', 'a = 7 // 2\n'),
    ('n = len(X) / 32\n', 'n = len(X) // 32\n'),
    ('h = X.shape[0] / 2\n', 'h = X.shape[0] // 2\n'),
    ('batch_size = 32\nnb = len(X) / batch_size\n', 'batch_size = 32\nnb = len(X) // batch_size\n'),
    ('bs = 16\nnb = len(X) / bs\nhalf = nb / 2\n', 'bs = 16\nnb = len(X) // bs\nhalf = nb // 2\n'),
    ('for i in range(10):\n    s = i * 32 / 3\n', 'for i in range(10):\n    s = i * 32 // 3\n'),
    ('for i, x in enumerate(xs):\n    m = i / 2\n', 'for i, x in enumerate(xs):\n    m = i // 2\n'),
    ('y = X[:len(X) / 2]\n', 'y = X[:len(X) // 2]\n'),
    ('k = (int(a) + 1) / -2\n', 'k = (int(a) + 1) // -2\n'),
    ('n = 10\nn /= 3\n', 'n = 10\nn //= 3\n'),
    ('n = 10\nn += 1\nm = n / 2\n', 'n = 10\nn += 1\nm = n // 2\n'),
])
def test_ints_floor(before, after):
    new, entries = upgrade2(before)
    assert new == after
    assert entries and all(e.severity == 'change' for e in entries)


@pytest.mark.parametrize('src', [
    'a = 7 / 2.0\n', 'b = float(n) / 3\n', 'c = x / 255.\n', 'r = 1.5\nd = r / 2\n',
    'e = round(x) / 2\n',            # Python 2's round() returned a float
])
def test_float_division_untouched(src):
    assert upgrade2(src) == (src, [])


@pytest.mark.parametrize('src', [
    'a = x / y\n', 'def f(n):\n    return n / 2\n', 'n = 3\nn = 2.0\nm = n / 2\n',
    'p = np.prod(X.shape) / 2\n', 's = X.shape / 2\n', 'v = 10\nv /= w\n',
])
def test_unknown_listed_for_a_human(src):
    new, entries = upgrade2(src)
    assert new == src
    assert [e.severity for e in entries] == ['warning']
    assert 'write //' in entries[0].message


def test_future_division_keeps_slash():
    src = 'from __future__ import division\nfor i in xrange(2):\n    a = len(x) / 2\n'
    new, entries = upgrade_source(src, fixers=[])
    assert 'len(x) / 2' in new and not [e for e in entries if 'division' in e.fixer]


def test_report_position_is_the_division():
    _, entries = upgrade2('x = 1\ny = len(z) / 4\n')
    assert [(e.line, e.column) for e in entries] == [(2, 4)]


@pytest.mark.parametrize('a, b, expected', [
    (7, 2, 3), (-7, 2, -4), (7, 2.0, 3.5), (np.int64(7), 2, 3), (True, 2, 0),
    (np.array([7, 9]), 2, [3, 4]), (np.array([7., 9.]), 2, [3.5, 4.5]), (7, np.float32(2), 3.5),
])
def test_classic_division_at_run_time(a, b, expected):
    """python -m compat's rule for the `/` the file cannot type: Python 2.7's values."""
    np.testing.assert_array_equal(classic_division(a, b), expected)
