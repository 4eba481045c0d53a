"""Upgraded and converted Keras 1 models run on every Keras 3 backend, not only TensorFlow.

`python -m compat upgrade` writes Keras 3 built-ins and `keras.ops` only (the helper classes it
inlines included), and `python -m compat convert` writes a native .keras file. Here every upgraded
parity case (tests/fixtures/keras1, the seed's caption model among them) is built under TensorFlow,
takes Keras 1's weights through `compat.load_keras1_weights` and is saved with `save_weights`; one
subprocess with KERAS_BACKEND=jax, where compat is not imported and TensorFlow cannot be, builds
the same upgraded code, loads those weights and predicts. The converted .keras files are loaded
and predict in the same subprocess. Both must give Keras 1.2.2's predictions (io.npz, from the
real oracle) at check.py's rtol 1e-3 / atol 1e-5. The optimizers the upgrade inlines take the same
three training steps on both backends.
"""
import json
import os
import subprocess
import sys

import numpy as np
import pytest

import compat
from compat.convert import ConvertError, convert
from compat.keras.engine.saving import Keras1FileError
from compat.upgrade import upgrade_source
from helpers import KERAS1_FIXTURES as FIXTURES
from helpers import parity_cases

pytestmark = pytest.mark.slow

CASES = parity_cases(has=('case.py', 'weights.h5', 'io.npz'))
CONVERTIBLE = parity_cases(has=('model.json', 'weights.h5', 'io.npz'))

# Both backends: an inlined optimizer (compat/upgrade/inlined/optimizers.py) trains a small
# Embedding model from the same weights for three steps (a repeated word: the sparse-gradient path
# on TensorFlow).
TRAIN_THREE_STEPS = r'''
def train_three_steps(helper, weights):
    import numpy as np
    import keras
    ns = {'keras': keras}
    exec(compile(open(helper).read(), helper, 'exec'), ns)
    name = [k for k in ns if k.startswith('Keras1')][0]
    model = keras.Sequential([keras.Input((4,), dtype='int32'), keras.layers.Embedding(6, 3),
                              keras.layers.Flatten(), keras.layers.Dense(2, activation='softmax')])
    model.load_weights(weights)
    model.compile(loss='categorical_crossentropy', optimizer=ns[name]())
    x, y = np.array([[1, 1, 2, 5], [0, 1, 1, 3]]), np.array([[1.0, 0.0], [0.0, 1.0]], 'float32')
    for _ in range(3):
        model.train_on_batch(x, y)
    return np.concatenate([np.ravel(keras.ops.convert_to_numpy(w)) for w in model.weights])
'''
exec(TRAIN_THREE_STEPS)     # here too, for the TensorFlow side
OPTIMIZER_HELPERS = ['Keras1RMSprop', 'Keras1Adagrad', 'Keras1Nadam', 'Keras1Adam', 'Keras1Adamax',
                     'Keras1Adadelta']

# Runs in a fresh interpreter on the JAX backend: the upgraded code takes the weights saved under
# TensorFlow, the converted files load; each prediction is saved for the test to compare.
ON_JAX = r'''
import importlib.abc, json, sys


class NoTensorFlow(importlib.abc.MetaPathFinder):
    """As on a machine without TensorFlow (Keras 3 looks for it lazily and does without)."""

    def find_spec(self, name, path, target=None):
        if name.split('.')[0] == 'tensorflow':
            raise ImportError('TensorFlow is blocked in this process: ' + name)


sys.meta_path.insert(0, NoTensorFlow())
import numpy as np
import keras
assert keras.backend.backend() == 'jax', keras.backend.backend()
jobs = json.loads(sys.argv[1])
''' + TRAIN_THREE_STEPS + r'''
for job in jobs:
    if job['kind'] != 'optimizer':
        io = np.load(job['io'])
        xs = [io['x%d' % i] for i in range(10) if 'x%d' % i in io]
    if job['kind'] == 'upgraded':
        ns = {'__name__': 'upgraded_' + job['name']}
        exec(compile(open(job['source']).read(), job['source'], 'exec'), ns)
        model = ns['build']()
        model.load_weights(job['weights'])
        out = model(xs if len(xs) > 1 else xs[0], training=False)
    elif job['kind'] == 'optimizer':
        out = [train_three_steps(job['helper'], job['weights'])]
    else:
        model = keras.saving.load_model(job['model'])
        out = model.predict(xs if len(xs) > 1 else xs[0], verbose=0)
    out = out if isinstance(out, (list, tuple)) else [out]
    np.savez(job['out'], *[keras.ops.convert_to_numpy(o) for o in out])
assert 'compat' not in sys.modules, 'the JAX process imported compat'
print('JAX-OK')
'''



@pytest.fixture(scope='module')
def on_jax(tmp_path_factory):
    """Upgrade, load Keras 1 weights and save (TensorFlow, here); convert; predict all on JAX."""
    tmp = tmp_path_factory.mktemp('backends')
    jobs, not_on_tensorflow = [], {}
    for case in CASES:
        source = tmp / (case + '.py')
        source.write_text(upgrade_source((FIXTURES / case / 'case.py').read_text(), case)[0])
        ns = {'__name__': 'upgraded_' + case}
        try:
            exec(compile(source.read_text(), str(source), 'exec'), ns)
            model = ns['build']()
        except Exception as e:  # reported by the test of this case
            not_on_tensorflow[case] = '%s: %s' % (type(e).__name__, str(e)[:200])
            continue
        compat.load_keras1_weights(model, FIXTURES / case / 'weights.h5')
        model.save_weights(tmp / (case + '.weights.h5'))
        jobs.append({'kind': 'upgraded', 'name': case, 'source': str(source),
                     'io': str(FIXTURES / case / 'io.npz'), 'weights': str(tmp / (case + '.weights.h5')),
                     'out': str(tmp / (case + '.upgraded.npz'))})
    import keras
    from compat.upgrade.inlined import source
    for name in OPTIMIZER_HELPERS:
        (tmp / (name + '.py')).write_text('import keras\n' + source(name))
        model = keras.Sequential([keras.Input((4,), dtype='int32'), keras.layers.Embedding(6, 3),
                                  keras.layers.Flatten(), keras.layers.Dense(2, activation='softmax')])
        rng = np.random.RandomState(0)
        model.set_weights([0.5 * rng.randn(*w.shape).astype('float32') for w in model.get_weights()])
        model.save_weights(tmp / (name + '.weights.h5'))
        jobs.append({'kind': 'optimizer', 'name': name, 'helper': str(tmp / (name + '.py')),
                     'weights': str(tmp / (name + '.weights.h5')), 'out': str(tmp / (name + '.trained.npz'))})
    refused = {}
    for case in CONVERTIBLE:
        d = FIXTURES / case
        try:
            convert([d / 'model.json', d / 'weights.h5'], tmp / (case + '.keras'))
        except (ConvertError, Keras1FileError) as e:
            refused[case] = str(e)[:200]
            continue
        jobs.append({'kind': 'converted', 'name': case, 'model': str(tmp / (case + '.keras')),
                     'io': str(d / 'io.npz'), 'out': str(tmp / (case + '.converted.npz'))})
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL='3', KERAS_BACKEND='jax', JAX_PLATFORMS='cpu')
    env.pop('PYTHONPATH', None)
    proc = subprocess.run([sys.executable, '-c', ON_JAX, json.dumps(jobs)], capture_output=True,
                          text=True, env=env, cwd=str(tmp))
    assert proc.returncode == 0 and 'JAX-OK' in proc.stdout, proc.stderr[-3000:]
    return tmp, refused, not_on_tensorflow


def _compare(got_file, case):
    io, got = np.load(FIXTURES / case / 'io.npz'), np.load(got_file)
    want = [io['predictions%d' % i] for i in range(10) if 'predictions%d' % i in io.files]
    assert len(got.files) == len(want)
    for i, expected in enumerate(want):
        np.testing.assert_allclose(got['arr_%d' % i], expected, rtol=1e-3, atol=1e-5)


# Upgraded cases that do not build under TensorFlow either (tests/upgrade/test_cases_build.py).
UPGRADE_GAPS = json.loads((FIXTURES / 'upgrade_gaps.json').read_text())


@pytest.mark.parametrize('case', [
    pytest.param(c, marks=pytest.mark.xfail(reason=UPGRADE_GAPS[c], strict=True)) if c in UPGRADE_GAPS
    else c for c in CASES])
def test_upgraded_case_predicts_as_keras1_on_jax(on_jax, case):
    tmp, _, not_on_tensorflow = on_jax
    assert case not in not_on_tensorflow, 'the upgraded code does not build: ' + not_on_tensorflow.get(case, '')
    _compare(tmp / (case + '.upgraded.npz'), case)


def test_the_seed_is_among_the_upgraded_cases():
    assert 'seed_caption_small' in CASES


@pytest.mark.parametrize('case', CONVERTIBLE)
def test_converted_file_predicts_as_keras1_on_jax(on_jax, case):
    tmp, refused, _ = on_jax
    if case in refused:   # what convert refuses, and why, is tests/test_convert.py's to hold
        pytest.skip('compat convert refuses it: ' + refused[case])
    _compare(tmp / (case + '.converted.npz'), case)


@pytest.mark.parametrize('name', OPTIMIZER_HELPERS)
def test_inlined_optimizer_trains_the_same_on_jax(on_jax, name):
    tmp = on_jax[0]
    on_tensorflow = train_three_steps(str(tmp / (name + '.py')), str(tmp / (name + '.weights.h5')))
    on_jax_ = np.load(tmp / (name + '.trained.npz'))['arr_0']
    np.testing.assert_allclose(on_jax_, on_tensorflow, rtol=1e-5, atol=1e-6)
