"""Run Keras 1.2.2's own test suite (``tests/keras``, unchanged) against compat; tally for docs/coverage.md.

    git -C KERAS archive 1.2.2 tests | tar -x -C /tmp/keras122     # KERAS: a clone of keras-team/keras
    python tests/keras1/coverage/make_standins.py /tmp/k1home
    python tests/keras1/coverage/run_keras1_tests.py /tmp/keras122/tests/keras /tmp/k1tests [MODULE ...]
    python tests/keras1/coverage/run_keras1_tests.py --table docs/coverage/keras1_tests.txt /tmp/k1tests

The test files are copied unchanged to OUT/keras; OUT gets an empty
``pytest.ini`` (so that Keras 1.2.2's own one, with ``-n 2`` and coverage
options, is not used) and a ``conftest.py`` that calls ``compat.install()``, so
their ``import keras`` is compat. Each module MODULE (a path under tests/keras,
e.g. ``layers/test_core.py``) runs on its own as

    python -m pytest -q -p no:cacheprovider --junitxml OUT/xml/MODULE.xml keras/MODULE

in OUT with PYTHONPATH set to this checkout (its compat is what is measured;
the table names its commit) and HOME=/tmp/k1home (env STANDINS:
make_standins.py's dataset cache, which test_datasets reads; FULL_MNIST
modules get its full-size MNIST home, STANDINS/full_mnist; no
``image_dim_ordering`` in its keras.json, so compat's default 'th'), for at
most LIMIT seconds (env, default 200). The table names the homes used. A module cut off at the limit counts as
``timeout`` (its tests in neither column).

Each module's pytest output goes to OUT/log/MODULE.log; one line per run of a
module is appended to OUT/results.jsonl: the counts of passed, failed (failures
and errors) and skipped test items from the JUnit XML, and the failed items
with the first line of their message. ``--table PATH OUT`` writes the latest
line of each module and the totals to PATH (docs/coverage/keras1_tests.txt is
that output, committed).
"""
import json
import os
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

from measured import ROOT, checkout, write_table

LIMIT = int(os.environ.get('LIMIT', 200))
STANDINS = os.environ.get('STANDINS', '/tmp/k1home')
PYTHON = os.path.join(ROOT, '.venv', 'bin', 'python')
# modules that hard-code MNIST's full size (test_regularizers: ``X_train.reshape(60000, 784)``): they read
# make_standins.py's full-size MNIST home, STANDINS/full_mnist, as run_examples.FULL_MNIST's examples do
FULL_MNIST = {'test_regularizers.py'}
CONFTEST = 'import compat\n\ncompat.install()  # the unchanged tests\' `import keras` is compat.keras\n'


def junit_counts(path):
    """(passed, failed, skipped, [(test id, first message line)...]) of a pytest JUnit XML file."""
    passed, skipped, failures = 0, 0, []
    for case in ET.parse(path).getroot().iter('testcase'):
        bad = case.find('failure')
        if bad is None:
            bad = case.find('error')
        if bad is not None:
            message = (bad.get('message') or bad.text or '').strip().splitlines()
            failures.append(('%s::%s' % (case.get('classname', '').rpartition('.')[2], case.get('name')),
                             (message[0] if message else '')[:160]))
        elif case.find('skipped') is not None:
            skipped += 1
        else:
            passed += 1
    return passed, len(failures), skipped, failures


def prepare(tests, out):
    """OUT/keras: the unchanged test tree; OUT/pytest.ini and OUT/conftest.py as the docstring says."""
    shutil.copytree(tests, os.path.join(out, 'keras'), dirs_exist_ok=True)
    with open(os.path.join(out, 'pytest.ini'), 'w') as f:
        f.write('[pytest]\n')
    with open(os.path.join(out, 'conftest.py'), 'w') as f:
        f.write(CONFTEST)


def modules(tests):
    return sorted(os.path.relpath(os.path.join(root, name), tests)
                  for root, _, names in os.walk(tests) for name in names
                  if name.startswith('test_') and name.endswith('.py'))


def run(out, module):
    stem = module[:-3].replace(os.sep, '.')
    log, xml = os.path.join(out, 'log', stem + '.log'), os.path.join(out, 'xml', stem + '.xml')
    for path in (log, xml):
        os.makedirs(os.path.dirname(path), exist_ok=True)
    if os.path.exists(xml):
        os.remove(xml)
    # PYTHONPATH: this checkout's compat, whichever one the venv has installed
    home = os.path.join(STANDINS, 'full_mnist') if module in FULL_MNIST else STANDINS
    env = dict(os.environ, HOME=home, TF_CPP_MIN_LOG_LEVEL='3', MPLBACKEND='Agg', PYTHONPATH=ROOT)
    load = round(os.getloadavg()[0], 1)  # the machine is shared: how busy it was
    start = time.time()
    with open(log, 'w') as f:
        try:
            rc = subprocess.run([PYTHON, '-m', 'pytest', '-q', '-p', 'no:cacheprovider', '--junitxml', xml,
                                 os.path.join('keras', module)], cwd=out, env=env, stdout=f,
                                stderr=subprocess.STDOUT, timeout=LIMIT).returncode
        except subprocess.TimeoutExpired:
            rc = 'timeout'
    row = {'module': module, 'checkout': checkout(), 'rc': rc, 'seconds': round(time.time() - start), 'load': load,
           'home': home}
    if rc == 'timeout' or not os.path.exists(xml):
        return dict(row, passed=0, failed=0, skipped=0, failures=[], note='timeout' if rc == 'timeout' else
                    'no JUnit XML (pytest exit %s): see the log' % rc)
    passed, failed, skipped, failures = junit_counts(xml)
    return dict(row, passed=passed, failed=failed, skipped=skipped, failures=failures)


def table(out):
    """The latest row per module and the totals, as text."""
    latest = {}
    with open(os.path.join(out, 'results.jsonl')) as f:
        for line in f:
            row = json.loads(line)
            latest[row['module']] = row
    rows = [latest[k] for k in sorted(latest)]
    loads = [r['load'] for r in rows if 'load' in r]
    lines = ['# python tests/keras1/coverage/run_keras1_tests.py KERAS122/tests/keras OUT  (LIMIT=%d s per module)'
             % LIMIT, '# then: python tests/keras1/coverage/run_keras1_tests.py --table PATH OUT',
             '# compat at: %s' % ', '.join(sorted({r.get('checkout', '?') for r in rows})),
             '# HOME (stand-in caches): %s' % ', '.join(sorted({r.get('home', '?') for r in rows})),
             '# 1-minute load average when each module started: %s' % (
                 '%.1f to %.1f (2 cores)' % (min(loads), max(loads)) if loads else 'not recorded'),
             '# columns: module, seconds, passed, failed (failures and errors), skipped; then each failed item', '']
    for r in rows:
        lines.append('%-45s %4ds  passed %3d  failed %3d  skipped %2d%s'
                     % (r['module'], r['seconds'], r['passed'], r['failed'], r['skipped'],
                        '  ' + r['note'] if r.get('note') else ''))
        lines += ['    FAILED %s: %s' % (test, message) for test, message in r['failures']]
    passed, failed, skipped = (sum(r[k] for r in rows) for k in ('passed', 'failed', 'skipped'))
    cut = [r['module'] for r in rows if r.get('note')]
    total = passed + failed + skipped
    lines += ['', '%d modules: %d of %d test items pass (%.1f%%), %d fail, %d skipped; %d modules without a result%s'
              % (len(rows), passed, total, 100.0 * passed / max(total, 1), failed, skipped, len(cut),
                 (' (%s)' % ', '.join(cut)) if cut else '')]
    return '\n'.join(lines) + '\n'


def main(*argv):
    if argv and argv[0] == '--table':
        path, out = argv[1], argv[2]
        write_table(path, table(out))
        return
    tests, out = os.path.abspath(argv[0]), os.path.abspath(argv[1])
    os.makedirs(out, exist_ok=True)
    prepare(tests, out)
    for module in argv[2:] or modules(tests):
        row = run(out, module)
        with open(os.path.join(out, 'results.jsonl'), 'a') as f:
            f.write(json.dumps(row) + '\n')
        print('%s  passed %d failed %d skipped %d  %ds %s' % (module, row['passed'], row['failed'],
                                                            row['skipped'], row['seconds'], row.get('note', '')),
              flush=True)


if __name__ == '__main__':
    main(*sys.argv[1:])
