"""Upgraded and converted Keras 1 models run on every Keras 3 backend, not only TensorFlow.

`python -m compat upgrade` writes Keras 3 built-ins and `keras.ops` only (the helper classes it
inlines included), and `python -m compat convert` writes a native .keras file. Here every upgraded
parity case (tests/fixtures/keras1, the seed's caption model among them) is built under TensorFlow,
takes Keras 1's weights through `compat.load_keras1_weights` and is saved with `save_weights`; one
subprocess with KERAS_BACKEND=jax, where compat is not imported and TensorFlow cannot be, builds
the same upgraded code, loads those weights and predicts. The converted .keras files are loaded
and predict in the same subprocess. Both must give Keras 1.2.2's predictions (io.npz, from the
real oracle) at check.py's rtol 1e-3 / atol 1e-5.
"""
import json
import os
import pathlib
import subprocess
import sys

import numpy as np
import pytest

import compat
from compat.convert import ConvertError, convert
from compat.keras.engine.saving import Keras1FileError
from compat.upgrade import upgrade_source

pytestmark = pytest.mark.slow

FIXTURES = pathlib.Path(__file__).parent / 'fixtures' / 'keras1'
CASES = sorted(p.name for p in FIXTURES.iterdir()
               if all((p / f).exists() for f in ('case.py', 'weights.h5', 'io.npz')))
CONVERTIBLE = sorted(p.name for p in FIXTURES.iterdir()
                     if all((p / f).exists() for f in ('model.json', 'weights.h5', 'io.npz')))
# Refused by `compat convert` by design (tests/test_convert.py checks each refusal's message).
NOT_CONVERTIBLE = {'batchnorm_modes_1_2', 'advanced_activations_train', 'lambda_permute_repeat_actreg',
                   'ext_conv3d_pool3d', 'ext_deconv2d', 'ext_local_spatialdrop', 'noise_layers_inference',
                   'ext_convlstm2d'}

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
for job in jobs:
    io = np.load(job['io'])
    xs = [io['x%d' % i] for i in range(10) if 'x%d' % i in io]
    if job['kind'] == 'upgraded':
        ns = {'__name__': 'upgraded_' + job['name']}
        exec(compile(open(job['source']).read(), job['source'], 'exec'), ns)
        model = ns['build']()
        model.load_weights(job['weights'])
        out = model(xs if len(xs) > 1 else xs[0], training=False)
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
    jobs = []
    for case in CASES:
        source = tmp / (case + '.py')
        source.write_text(upgrade_source((FIXTURES / case / 'case.py').read_text(), case)[0])
        ns = {'__name__': 'upgraded_' + case}
        exec(compile(source.read_text(), str(source), 'exec'), ns)
        model = ns['build']()
        compat.load_keras1_weights(model, FIXTURES / case / 'weights.h5')
        model.save_weights(tmp / (case + '.weights.h5'))
        jobs.append({'kind': 'upgraded', 'name': case, 'source': str(source), 'io': str(FIXTURES / case / 'io.npz'),
                     'weights': str(tmp / (case + '.weights.h5')), 'out': str(tmp / (case + '.upgraded.npz'))})
    refused = set()
    for case in CONVERTIBLE:
        d = FIXTURES / case
        try:
            convert([d / 'model.json', d / 'weights.h5'], tmp / (case + '.keras'))
        except (ConvertError, Keras1FileError):
            refused.add(case)
            continue
        jobs.append({'kind': 'converted', 'name': case, 'model': str(tmp / (case + '.keras')),
                     'io': str(d / 'io.npz'), 'out': str(tmp / (case + '.converted.npz'))})
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL='3', KERAS_BACKEND='jax', JAX_PLATFORMS='cpu')
    env.pop('PYTHONPATH', None)
    proc = subprocess.run([sys.executable, '-c', ON_JAX, json.dumps(jobs)], capture_output=True,
                          text=True, env=env, cwd=str(tmp))
    assert proc.returncode == 0 and 'JAX-OK' in proc.stdout, proc.stderr[-3000:]
    return tmp, refused


def _compare(got_file, case):
    io, got = np.load(FIXTURES / case / 'io.npz'), np.load(got_file)
    want = [io['predictions%d' % i] for i in range(10) if 'predictions%d' % i in io.files]
    assert len(got.files) == len(want)
    for i, expected in enumerate(want):
        np.testing.assert_allclose(got['arr_%d' % i], expected, rtol=1e-3, atol=1e-5)


@pytest.mark.parametrize('case', CASES)
def test_upgraded_case_predicts_as_keras1_on_jax(on_jax, case):
    tmp, _ = on_jax
    _compare(tmp / (case + '.upgraded.npz'), case)


def test_the_seed_is_among_the_upgraded_cases():
    assert 'seed_caption_small' in CASES


@pytest.mark.parametrize('case', CONVERTIBLE)
def test_converted_file_predicts_as_keras1_on_jax(on_jax, case):
    tmp, refused = on_jax
    if case in NOT_CONVERTIBLE:
        assert case in refused
        pytest.skip('not convertible by design (tests/test_convert.py)')
    assert case not in refused
    _compare(tmp / (case + '.converted.npz'), case)
