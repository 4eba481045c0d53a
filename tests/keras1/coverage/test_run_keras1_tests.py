"""Pieces of the Keras 1.2.2 test-suite measurement (run_keras1_tests.py)."""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import run_keras1_tests as rkt  # noqa: E402

JUNIT = '''<?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest" errors="1" failures="1"
 skipped="1" tests="5"><testcase classname="keras.layers.test_core" name="test_dense" time="1.0"/>
<testcase classname="keras.layers.test_core" name="test_merge" time="1.0"/>
<testcase classname="keras.layers.test_core" name="test_masking" time="0.1"><failure message="AssertionError: 2 != 3&#10;second line">trace</failure></testcase>
<testcase classname="keras.layers.test_core" name="test_lambda" time="0.1"><error message="">E   ImportError: theano
</error></testcase>
<testcase classname="keras.layers.test_core" name="test_gpu" time="0.0"><skipped message="no gpu"/></testcase>
</testsuite></testsuites>'''


def test_junit_counts_failures_and_errors_as_failed_with_their_first_line(tmp_path):
    (tmp_path / 'r.xml').write_text(JUNIT)
    passed, failed, skipped, failures = rkt.junit_counts(str(tmp_path / 'r.xml'))
    assert (passed, failed, skipped) == (2, 2, 1)
    assert failures == [('test_core::test_masking', 'AssertionError: 2 != 3'),
                        ('test_core::test_lambda', 'E   ImportError: theano')]


def test_table_takes_each_modules_latest_row_and_totals_items(tmp_path):
    rows = [dict(module='a.py', seconds=9, passed=0, failed=3, skipped=0, failures=[('a::t', 'old')]),
            dict(module='a.py', seconds=9, passed=2, failed=1, skipped=0, failures=[('a::t', 'ValueError: v')]),
            dict(module='b/test_b.py', seconds=200, passed=0, failed=0, skipped=0, failures=[], note='timeout'),
            dict(module='c.py', seconds=5, passed=5, failed=0, skipped=1, failures=[], load=7.5, checkout='abc')]
    (tmp_path / 'results.jsonl').write_text(''.join(json.dumps(r) + '\n' for r in rows))
    text = rkt.table(str(tmp_path))
    assert 'old' not in text and '    FAILED a::t: ValueError: v' in text
    assert '# 1-minute load average when each module started: 7.5 to 7.5 (2 cores)' in text
    assert '# compat at: ?, abc' in text
    assert '# HOME (stand-in caches): ?' in text
    assert text.rstrip().endswith('3 modules: 7 of 9 test items pass (77.8%), 1 fail, 1 skipped; '
                                  '1 modules without a result (b/test_b.py)')


def test_prepare_copies_the_tests_unchanged_and_installs_compat_first(tmp_path):
    tests = tmp_path / 'keras'
    (tests / 'layers').mkdir(parents=True)
    (tests / 'layers' / 'test_x.py').write_text('import keras\n')
    (tests / 'test_y.py').write_text('x = 1\n')
    (tests / 'helper.py').write_text('')
    out = tmp_path / 'out'
    rkt.prepare(str(tests), str(out))
    assert (out / 'keras' / 'layers' / 'test_x.py').read_text() == 'import keras\n'
    assert 'compat.install()' in (out / 'conftest.py').read_text()
    assert (out / 'pytest.ini').read_text() == '[pytest]\n'
    assert rkt.modules(str(tests)) == [os.path.join('layers', 'test_x.py'), 'test_y.py']
