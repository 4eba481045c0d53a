"""Run the Keras 1.2.2 examples unchanged under compat; tally for docs/coverage.md.

    git -C /work/.mirror/keras-team+keras/repo archive 1.2.2 examples tests | tar -x -C /tmp/keras122
    python tests/keras1/coverage/make_standins.py /tmp/k1home
    python tests/keras1/coverage/run_examples.py /tmp/keras122/examples /tmp/k1cov [EXAMPLE ...]

Each example runs as ``python -m compat EXAMPLE.py`` in the examples folder with
HOME=/tmp/k1home (the stand-in dataset cache) and MPLBACKEND=Agg, for at most
LIMIT seconds. Verdict: ``pass`` if it exits 0, ``pass (timeout in training)``
if it is still running at the limit after printing a training line
(``Epoch``/``Train on``/a progress bar) and no traceback; otherwise ``fail``.
Logs go to OUT/NAME.log, verdicts to OUT/results.tsv.
"""
import os
import re
import subprocess
import sys
import time

LIMIT = int(os.environ.get('LIMIT', 75))
PYTHON = os.path.join(os.path.dirname(__file__), '..', '..', '..', '.venv', 'bin', 'python')
# examples that need what this machine cannot have: downloads of weights/data, or removed libraries
SKIP = {
    'conv_filter_visualization': 'downloads VGG16 weights (keras.applications); scipy.misc.imsave was removed',
    'deep_dream': 'downloads VGG16 weights; needs an image argument; scipy.misc.imsave was removed',
    'neural_style_transfer': 'downloads VGG16 weights; needs image arguments; scipy.misc.imsave was removed',
    'neural_doodle': 'downloads VGG19 weights; needs image arguments; scipy.misc.imread was removed',
    'image_ocr': 'downloads wordlists.tgz (its cairocffi and editdistance: the coverage extra)',
    'pretrained_word_embeddings': 'needs the GloVe vectors and 20 Newsgroups (800 MB, not a Keras cache file)',
    'mnist_sklearn_wrapper': 'imports sklearn.grid_search (removed from scikit-learn in 0.20)',
}
TRAINING = re.compile(r'Epoch \d|Train on \d|\d+/\d+ \[[=>.]')


def run(examples, out, name):
    env = dict(os.environ, HOME='/tmp/k1home', MPLBACKEND='Agg', TF_CPP_MIN_LOG_LEVEL='3')
    log = os.path.join(out, name + '.log')
    start = time.time()
    with open(log, 'w') as f:
        try:
            rc = subprocess.run([os.path.abspath(PYTHON), '-m', 'compat', name + '.py'], cwd=examples, env=env,
                                stdout=f, stderr=subprocess.STDOUT, timeout=LIMIT).returncode
        except subprocess.TimeoutExpired:
            rc = 'timeout'
    text = open(log, errors='replace').read()
    if rc == 0:
        verdict = 'pass'
    elif rc == 'timeout' and TRAINING.search(text) and 'Traceback' not in text:
        verdict = 'pass (timeout in training)'
    else:
        last = [line for line in text.splitlines() if line.strip()][-1:] or ['(no output)']
        verdict = 'fail: ' + last[0][:200]
    return verdict, time.time() - start


def main(examples, out, *names):
    os.makedirs(out, exist_ok=True)
    names = names or sorted(f[:-3] for f in os.listdir(examples) if f.endswith('.py'))
    with open(os.path.join(out, 'results.tsv'), 'a') as results:
        for name in names:
            if name in SKIP:
                verdict, secs = 'skip: ' + SKIP[name], 0
            else:
                verdict, secs = run(examples, out, name)
            results.write('%s\t%s\t%.0f\n' % (name, verdict, secs))
            results.flush()
            print(name, verdict, '%.0fs' % secs, flush=True)


if __name__ == '__main__':
    main(*sys.argv[1:])
