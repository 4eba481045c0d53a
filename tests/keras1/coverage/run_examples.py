"""Run the Keras 1.2.2 examples unchanged under compat; tally for docs/coverage.md.

    git -C /work/.mirror/keras-team+keras/repo archive 1.2.2 examples | tar -x -C /tmp/keras122
    python tests/keras1/coverage/make_standins.py /tmp/k1home
    python tests/keras1/coverage/run_examples.py /tmp/keras122/examples /tmp/k1cov [EXAMPLE ...]
    python tests/keras1/coverage/run_examples.py --table docs/coverage/examples_compat.txt /tmp/k1cov

Each example runs as ``python -m compat EXAMPLE.py [ARGS[EXAMPLE]]`` in the
examples folder with HOME=/tmp/k1home (the stand-in dataset cache, the VGG
stand-in weights in ~/.keras/models and the stand-in images of
make_standins.py) and MPLBACKEND=Agg, for at most LIMIT seconds (env, default
75). The example's code is never changed; only the command-line arguments that
its argparse requires are given (ARGS). The stand-in MNIST is small (a few
hundred images) so the examples' hard-coded epochs end; the examples that
hard-code its full size run with HOME=/tmp/k1home/full_mnist (FULL_MNIST), a
cache holding a full-size MNIST. Stand-ins an example reads at fixed paths
outside HOME (PLACED) are linked there for its run and unlinked after; a path
that exists already is left alone and the example is skipped, saying so, as it
is where the links cannot be made.

Verdicts, kept apart because the second kind never reached the end:

- ``finished``: exited 0 within the limit;
- ``running at limit``: still running at the limit, after printing a training
  line (``Epoch``/``Train on``/a progress bar, or an image example's
  ``Start of iteration``/``Processing filter``) and no traceback; killed there
  (the table adds, from LONG, what in the example's own code no stand-in shortens);
- ``failed: LINE``: anything else, with the exception line of the traceback;
- ``skipped: WHY``: needs what no stand-in gives (SKIP).

Logs go to OUT/NAME.log, one row per run is appended to OUT/results.tsv (with
the 1-minute load average at its start, since the machine is shared, and the
commit of compat measured: measured.checkout).
``--table PATH OUT`` writes the latest row of each example and the totals to
PATH (docs/coverage/examples_compat.txt is that output, committed).
"""
import os
import re
import subprocess
import sys
import time

from measured import checkout, write_table

LIMIT = int(os.environ.get('LIMIT', 75))
STANDINS = os.environ.get('STANDINS', '/tmp/k1home')
PYTHON = os.path.join(os.path.dirname(__file__), '..', '..', '..', '.venv', 'bin', 'python')
# examples that need what no stand-in here gives
SKIP = {}
# examples that hard-code MNIST's full size (X_train.reshape(60000, 784)): make_standins.mnist_full's home
FULL_MNIST = {'antirectifier', 'mnist_mlp', 'mnist_siamese_graph'}
# stand-ins read at fixed paths outside HOME: {example: [(the path it opens, the stand-in under STANDINS)]};
# pretrained_word_embeddings reads GloVe and 20 Newsgroups at the file system's root (its BASE_DIR = '')
PLACED = {'pretrained_word_embeddings': [('/glove.6B', 'root/glove.6B'), ('/20_newsgroup', 'root/20_newsgroup')]}
# the command-line arguments the image examples' argparse requires: make_standins.py's images under STANDINS
ARGS = {
    'deep_dream': ['{home}/images/base.png', '{out}/deep_dream'],
    'neural_style_transfer': ['{home}/images/base.png', '{home}/images/style.png', '{out}/neural_style_transfer'],
    'neural_doodle': ['--nlabels', '4', '--style-image', '{home}/images/style.png',
                      '--style-mask', '{home}/images/style_mask.png', '--target-mask', '{home}/images/target_mask.png',
                      '--target-image-prefix', '{out}/neural_doodle'],
}
# what, in the example's own code, no stand-in can shorten (a stand-in dataset is ours, its loops are not):
# --table writes it after 'running at limit', so the measured verdict and its cause stay apart
LONG = {
    'addition_rnn': 'generates its own 50000 questions; 199 fit calls',
    'antirectifier': 'hard-codes the full MNIST (reshape(60000, 784)); 40 epochs',
    'cifar10_cnn': '200 epochs of augmented batches',
    'conv_filter_visualization': '200 filters, 20 gradient-ascent steps each on a 128x128 image',
    'conv_lstm': 'generates its own 1200 movies; 300 epochs',
    'deep_dream': 'resizes to its own 600x600; 5 iterations of up to 7 L-BFGS evaluations of VGG16',
    'image_ocr': 'fixed 16000 words an epoch; 20 + 5 epochs',
    'lstm_text_generation': '59 iterations, each 1600 one-character predictions',
    'mnist_acgan': '50 epochs, each also evaluating, generating images and saving weights',
    'mnist_irnn': '200 epochs of a 784-step RNN',
    'mnist_siamese_graph': 'hard-codes the full MNIST (reshape(60000, 784)); 20 epochs of its 120000 pairs',
    'neural_doodle': '50 iterations of up to 20 L-BFGS evaluations of VGG19',
    'neural_style_transfer': 'resizes to its own 400 rows; 10 iterations of up to 20 L-BFGS evaluations of VGG16',
    'stateful_lstm': 'generates its own 50000-step cosine; 25 epochs at batch size 25',
}
TRAINING = re.compile(r'Epoch \d|Train on \d|\d+/\d+ \[[=>.]')
# the image examples' optimisation loops print these instead of Keras training lines
ITERATING = re.compile(r'Start of iteration \d|Processing filter \d')
FINISHED, RUNNING = 'finished', 'running at limit'


def exception_line(text):
    """The exception line of the last traceback, else the last non-empty line."""
    lines = text.splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith('Traceback (most recent call last)')]
    if starts:
        for line in lines[starts[-1] + 1:]:
            if line and not line[0].isspace():
                return line.strip()[:200]
    return ([line.strip() for line in lines if line.strip()][-1:] or ['(no output)'])[0][:200]


def verdict(rc, text):
    if rc == 0:
        return FINISHED
    if rc == 'timeout' and (TRAINING.search(text) or ITERATING.search(text)) and 'Traceback' not in text:
        return RUNNING
    return 'failed: ' + exception_line(text)


def place(links):
    """Link each (path, stand-in) pair; return (the links made, why not all were: '' when they were)."""
    made = []
    for path, standin in links:
        standin = os.path.join(os.path.abspath(STANDINS), standin)
        if os.path.lexists(path):
            return made, '%s exists already (not a stand-in of this run): left alone' % path
        if not os.path.exists(standin):
            return made, 'no stand-in %s (run make_standins.py)' % standin
        try:
            os.symlink(standin, path)
        except OSError as e:
            return made, 'cannot place its stand-in at %s: %s' % (path, e.strerror)
        made.append(path)
    return made, ''


def unplace(made):
    for path in made:
        if os.path.islink(path):
            os.unlink(path)


def run(examples, out, name):
    home = os.path.join(STANDINS, 'full_mnist') if name in FULL_MNIST else STANDINS
    env = dict(os.environ, HOME=home, MPLBACKEND='Agg', TF_CPP_MIN_LOG_LEVEL='3')
    log = os.path.join(out, name + '.log')
    args = [a.format(home=STANDINS, out=os.path.abspath(out)) for a in ARGS.get(name, [])]
    start = time.time()
    made, why_not = place(PLACED.get(name, []))
    try:
        if why_not:
            return 'skipped: ' + why_not, 0
        with open(log, 'w') as f:
            try:
                rc = subprocess.run([os.path.abspath(PYTHON), '-m', 'compat', name + '.py'] + args, cwd=examples,
                                    env=env, stdout=f, stderr=subprocess.STDOUT, timeout=LIMIT).returncode
            except subprocess.TimeoutExpired:
                rc = 'timeout'
    finally:
        unplace(made)
    return verdict(rc, open(log, errors='replace').read()), time.time() - start


def table(out):
    """The latest row per example from OUT/results.tsv, and the totals, as text."""
    latest, loads, checkouts = {}, {}, {}
    with open(os.path.join(out, 'results.tsv')) as f:
        for line in f:
            name, result, secs, *more = line.rstrip('\n').split('\t')   # more: load, checkout (older rows lack them)
            latest[name] = (result, secs)
            loads[name], checkouts[name] = (more + ['', ''])[:2]
    measured = [float(v) for v in loads.values() if v]
    kinds = [r for r, _ in latest.values()]
    finished, running = kinds.count(FINISHED), kinds.count(RUNNING)
    failed = sum(r.startswith('failed') for r in kinds)
    skipped = sum(r.startswith('skipped') for r in kinds)
    lines = ['# python tests/keras1/coverage/run_examples.py EXAMPLES OUT  (LIMIT=%d s per example)' % LIMIT,
             '# then: python tests/keras1/coverage/run_examples.py --table PATH OUT',
             '# compat at: %s' % (', '.join(sorted({c for c in checkouts.values() if c})) or 'not recorded'),
             '# 1-minute load average when each example started: %s' % (
                 '%.1f to %.1f (2 cores)' % (min(measured), max(measured)) if measured else 'not recorded'), '']
    lines += ['%-31s %4ss  %s' % (name, secs, result + (' (%s)' % LONG[name] if result == RUNNING and name in LONG
                                                       else '')) for name, (result, secs) in sorted(latest.items())]
    lines += ['', '%d examples: %d finished (exit 0), %d running at limit (in training, killed), %d failed, %d skipped'
              % (len(latest), finished, running, failed, skipped)]
    return '\n'.join(lines) + '\n'


def main(*argv):
    if argv and argv[0] == '--table':
        path, out = argv[1], argv[2]
        write_table(path, table(out))
        return
    examples, out, names = argv[0], argv[1], argv[2:]
    os.makedirs(out, exist_ok=True)
    names = names or sorted(f[:-3] for f in os.listdir(examples) if f.endswith('.py'))
    with open(os.path.join(out, 'results.tsv'), 'a') as results:
        for name in names:
            load = round(os.getloadavg()[0], 1)  # the machine is shared: how busy it was
            if name in SKIP:
                result, secs = 'skipped: ' + SKIP[name], 0
            else:
                result, secs = run(examples, out, name)
            results.write('%s\t%s\t%.0f\t%s\t%s\n' % (name, result, secs, load, checkout()))
            results.flush()
            print(name, result, '%.0fs' % secs, flush=True)


if __name__ == '__main__':
    main(*sys.argv[1:])
