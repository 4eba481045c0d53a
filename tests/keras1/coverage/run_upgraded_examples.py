"""Upgrade the Keras 1.2.2 examples with ``python -m compat upgrade`` and run the result on plain Keras 3.

    git -C KERAS archive 1.2.2 examples | tar -x -C /tmp/keras122     # KERAS: a clone of keras-team/keras
    python tests/keras1/coverage/make_standins.py --keras3 /tmp/k3home
    python tests/keras1/coverage/run_upgraded_examples.py /tmp/keras122/examples /tmp/k3cov [EXAMPLE ...]
    python tests/keras1/coverage/run_upgraded_examples.py --table docs/coverage/examples_upgraded.txt /tmp/k3cov

For each example NAME (tally for docs/coverage.md; docs/coverage/examples_upgraded.txt is the
``--table`` output, committed):

1. upgrade: ``python -m compat upgrade NAME.py -o OUT/NAME.py --report OUT/NAME.report.txt``
   with PYTHONPATH set to this checkout (its upgrader is what is measured; the table names its commit);
2. parses: ``ast.parse`` of OUT/NAME.py;
3. imports: the module's top-level ``import``/``from ... import`` statements alone
   (OUT/NAME.imports.py) run under plain Keras 3; an upgraded file that still
   imports ``compat`` counts as failing here;
4. runs: ``python OUT/NAME.py`` -- plain Python, never ``-m compat`` -- in
   OUT/work/NAME with HOME=/tmp/k3home (env STANDINS), MPLBACKEND=Agg, for at
   most LIMIT seconds (env, default 75). Verdicts as run_examples.py, kept apart
   because the second kind never reached the end of the script: ``finished`` on
   exit 0; ``running at limit`` if still running at the limit after a training
   line and no traceback (killed there); else ``failed: LINE`` with the
   exception line and the last frame in the upgraded file (OUT/NAME.py:LINE and
   that line's source); ``skipped: WHY`` for RUN_SKIP entries that need
   downloads or command-line arguments. Not run when the imports fail.

Offline data, and the one thing that is not plain Keras 3: the upgraded examples
call Keras 3's ``keras.datasets.*.load_data()`` / ``keras.utils.get_file``,
which check file hashes and download on a mismatch. The stand-ins from
``make_standins.py --keras3`` are random data in Keras 3's formats, so the run
puts ``keras3_offline/`` (a ``sitecustomize``) on PYTHONPATH: it wraps
``keras.src.utils.file_utils.get_file`` to skip the hash check and to raise
FileNotFoundError instead of downloading. Cache paths, extraction and the
datasets' parsing stay Keras 3's own code. Nothing imports compat.

Logs: OUT/NAME.{upgrade,imports,run}.log; rows appended to OUT/results.jsonl;
OUT/results.md is the table of the latest row per example; ``--table PATH OUT`` writes
the latest row per example and the totals as text to PATH.
"""
import ast
import json
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from measured import ROOT, checkout, write_table  # noqa: E402  (ROOT: the checkout whose upgrader is measured)
from run_examples import FINISHED, RUNNING, SKIP, TRAINING  # noqa: E402  (same verdicts and skip reasons)

LIMIT = int(os.environ.get('LIMIT', 75))
IMPORT_LIMIT = int(os.environ.get('IMPORT_LIMIT', 180))  # TensorFlow's import alone is slow on a loaded machine
STANDINS = os.environ.get('STANDINS', '/tmp/k3home')
PYTHON = os.path.join(ROOT, '.venv', 'bin', 'python')
OFFLINE = os.path.join(HERE, 'keras3_offline')
# run_examples.SKIP reasons that still hold after the upgrade (downloads, arguments, external data);
# an import-only reason (mnist_sklearn_wrapper) is left to the import check
RUN_SKIP = dict(SKIP, **{
    name: 'downloads VGG weights (no stand-ins in Keras 3\'s cache); needs image arguments'
    for name in ('conv_filter_visualization', 'deep_dream', 'neural_style_transfer', 'neural_doodle')},
    image_ocr='downloads wordlists.tgz (its cairocffi and editdistance: the coverage extra)',
    pretrained_word_embeddings="reads the GloVe vectors and 20 Newsgroups from /glove.6B/ and /20_newsgroup/ at the "
                               "file system's root (its BASE_DIR = ''); this run places no stand-ins there")
ERRORS = re.compile(r'(\d+) error\(s\)')
# Keras 3's progress bar ('  3/469 ━━━...', with ANSI colour codes) besides run_examples' Keras 1 training lines
TRAINING3 = re.compile(TRAINING.pattern + r'|\d+/\d+(\x1b\[0m)? +(\x1b\[\d+m)?━')


def _env(path):
    env = {k: v for k, v in os.environ.items() if k not in ('PYTHONPATH', 'KERAS_HOME', 'KERAS_BACKEND')}
    env.update(HOME=STANDINS, MPLBACKEND='Agg', TF_CPP_MIN_LOG_LEVEL='3', PYTHONPATH=path)
    return env


def _call(args, log, cwd, limit, path=OFFLINE):
    """Run ``args`` with PYTHONPATH=path (the upgrade: ROOT's compat; everything else: only keras3_offline)."""
    with open(log, 'w') as f:
        try:
            rc = subprocess.run(args, cwd=cwd, env=_env(path), stdout=f, stderr=subprocess.STDOUT,
                                timeout=limit).returncode
        except subprocess.TimeoutExpired:
            rc = 'timeout'
    return rc, open(log, errors='replace').read()


def first_error(text):
    """The exception line of the last traceback (or the last line), and the deepest frame in the upgraded file."""
    lines = text.splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith('Traceback (most recent call last)')]
    message = None
    if starts:
        for line in lines[starts[-1] + 1:]:
            if line and not line[0].isspace():
                message = line
                break
    if message is None:
        message = ([line for line in lines if line.strip()][-1:] or ['(no output)'])[0]
    return message.strip()[:300]


def upgraded_frame(text, path):
    """'NAME.py:LINE: source' of the last traceback frame inside the upgraded file ``path``."""
    frames = re.findall(r'File "%s", line (\d+)' % re.escape(path), text)
    if not frames:
        return ''
    n = int(frames[-1])
    source = open(path).read().splitlines()
    return '%s:%d: %s' % (os.path.basename(path), n, source[n - 1].strip() if n <= len(source) else '?')


def import_module(tree):
    """Source made of the module's top-level import statements only."""
    imports = [node for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom))]
    return ast.unparse(ast.Module(body=imports, type_ignores=[])) + '\n', imports


def check(examples, out, name):
    row = {'example': name, 'checkout': checkout()}
    src, dst = os.path.join(os.path.abspath(examples), name + '.py'), os.path.join(out, name + '.py')
    report = os.path.join(out, name + '.report.txt')
    for stale in (dst, report):
        if os.path.exists(stale):
            os.remove(stale)
    rc, text = _call([PYTHON, '-m', 'compat', 'upgrade', src, '-o', dst, '--report', report],
                     os.path.join(out, name + '.upgrade.log'), out, IMPORT_LIMIT, path=ROOT)
    errors = ERRORS.search(open(report).read()) if os.path.exists(report) else None
    row['upgrade'] = 'ok' if rc == 0 and os.path.exists(dst) else 'fail: ' + first_error(text)
    row['upgrade_errors'] = int(errors.group(1)) if errors else None
    if not os.path.exists(dst):
        return dict(row, parses='no', imports='-', runs='-')

    try:
        tree = ast.parse(open(dst).read(), dst)
        row['parses'] = 'yes'
    except SyntaxError as e:
        return dict(row, parses='no: %s (line %s)' % (e.msg, e.lineno), imports='-', runs='-')

    source, imports = import_module(tree)
    compat_imports = [ast.unparse(n) for n in imports
                      if any((a.name if isinstance(n, ast.Import) else n.module or '').split('.')[0] == 'compat'
                             for a in (n.names if isinstance(n, ast.Import) else [n]))]
    probe = os.path.join(out, name + '.imports.py')
    with open(probe, 'w') as f:
        f.write(source)
    rc, text = _call([PYTHON, probe], os.path.join(out, name + '.imports.log'), out, IMPORT_LIMIT)
    if compat_imports:
        row['imports'] = 'fail: imports compat (%s)' % '; '.join(compat_imports)
    elif rc == 0:
        row['imports'] = 'yes'
    else:
        row['imports'] = 'fail: ' + first_error(text)
        row['where'] = upgraded_frame(text, probe).replace(name + '.imports.py', name + '.py (imports)')
    if row['imports'] != 'yes':
        return dict(row, runs='- (imports fail)')
    if name in RUN_SKIP:
        return dict(row, runs='skipped: ' + RUN_SKIP[name])

    work = os.path.join(out, 'work', name)
    os.makedirs(work, exist_ok=True)
    row['load'] = round(os.getloadavg()[0], 1)  # the machine is shared: how busy it was
    start = time.time()
    rc, text = _call([PYTHON, os.path.abspath(dst)], os.path.join(out, name + '.run.log'), work, LIMIT)
    row['seconds'] = round(time.time() - start)
    if rc == 0:
        row['runs'] = FINISHED
    elif rc == 'timeout' and TRAINING3.search(text) and 'Traceback' not in text:
        row['runs'] = RUNNING
    else:
        row['runs'] = 'failed' + (' (timeout)' if rc == 'timeout' else '') + ': ' + first_error(text)
        row['where'] = upgraded_frame(text, os.path.abspath(dst))
    return row


def latest_rows(out):
    """The latest row per example of OUT/results.jsonl, sorted by name."""
    rows = {}
    with open(os.path.join(out, 'results.jsonl')) as f:
        for line in f:
            row = json.loads(line)
            rows[row['example']] = row
    return [rows[k] for k in sorted(rows)]


def totals(rows):
    """One line: how many parse, import, and how each run ended (finished and running at limit apart)."""
    runs = [r['runs'] for r in rows]
    return ('%d examples: %d parse, %d import; runs: %d finished (exit 0), %d running at limit (in training, '
            'killed), %d failed, %d skipped, %d not run (imports fail)'
            % (len(rows), sum(r['parses'] == 'yes' for r in rows), sum(r['imports'] == 'yes' for r in rows),
               runs.count(FINISHED), runs.count(RUNNING), sum(r.startswith('failed') for r in runs),
               sum(r.startswith('skipped') for r in runs), sum(r.startswith('-') for r in runs)))


def table(out):
    """Markdown table of the latest row per example, with totals."""
    rows = latest_rows(out)
    lines = [totals(rows), '', '| example | parses | imports | runs | where |', '|---|---|---|---|---|']
    for r in rows:
        lines.append('| %s | %s | %s | %s | %s |' % (r['example'], r['parses'], r['imports'], r['runs'],
                                                     r.get('where', '').replace('|', '\\|')))
    return '\n'.join(lines) + '\n'


def load_range(rows):
    loads = [r['load'] for r in rows if 'load' in r]
    return '%.1f to %.1f (2 cores)' % (min(loads), max(loads)) if loads else 'not recorded'


def text_table(out):
    """The committed form: the commands, one line per example (seconds, parse, import, run) and the totals."""
    rows = latest_rows(out)
    lines = ['# python tests/keras1/coverage/run_upgraded_examples.py EXAMPLES OUT  (LIMIT=%d s per run)' % LIMIT,
             '# then: python tests/keras1/coverage/run_upgraded_examples.py --table PATH OUT',
             '# upgraded by compat at: %s' % ', '.join(sorted({r.get('checkout', '?') for r in rows})),
             '# 1-minute load average when each run started: %s' % load_range(rows),
             '# columns: example, seconds of the run, parses, imports (plain Keras 3), run verdict [where]', '']
    for r in rows:
        seconds = '%4ss' % r['seconds'] if 'seconds' in r else '    -'
        where = ('  [%s]' % r['where']) if r.get('where') else ''
        lines.append('%-31s %s  parses=%s  imports=%s  %s%s' % (r['example'], seconds, r['parses'], r['imports'],
                                                               r['runs'], where))
    return '\n'.join(lines + ['', totals(rows)]) + '\n'


def main(*argv):
    if argv and argv[0] == '--table':
        path, out = argv[1], argv[2]
        write_table(path, text_table(out))
        return
    examples, out, names = argv[0], os.path.abspath(argv[1]), argv[2:]
    os.makedirs(out, exist_ok=True)
    if not os.path.isdir(os.path.join(STANDINS, '.keras', 'datasets')):
        sys.exit('no stand-in cache under %s: run tests/keras1/coverage/make_standins.py --keras3 %s'
                 % (STANDINS, STANDINS))
    names = names or sorted(f[:-3] for f in os.listdir(examples) if f.endswith('.py'))
    for name in names:
        start = time.time()
        row = check(examples, out, name)
        row['total_seconds'] = round(time.time() - start)
        with open(os.path.join(out, 'results.jsonl'), 'a') as f:
            f.write(json.dumps(row) + '\n')
        with open(os.path.join(out, 'results.md'), 'w') as f:
            f.write(table(out))
        print(name, '|', row['parses'], '|', row['imports'], '|', row['runs'], '|', row.get('where', ''),
              '%ds' % row['total_seconds'], flush=True)


if __name__ == '__main__':
    main(*sys.argv[1:])
