"""`compat.convert` / `python -m compat convert`: Keras 1 files -> a native .keras file that plain
Keras 3 loads in a process that never imports compat, reproducing the Keras 1.2.2 predictions
(io.npz, written by the real Keras 1.2.2 oracle: tests/keras1/make.py)."""
import json
import os
import subprocess
import sys

import numpy as np
import pytest

from compat.convert import ConvertError, convert, main
from compat.keras.engine.saving import Keras1FileError
from helpers import KERAS1_FIXTURES as FIXTURES
from helpers import case_custom_objects, load_case, parity_cases

CASES = parity_cases(has=('model.json', 'weights.h5', 'io.npz'))
# Not convertible by design: (error type, words the message must hold).
_NO_BUILTIN = (ConvertError, 'not convertible')
_CUSTOM_LAYER = (ConvertError, 'has no Keras 3 built-in form')
# the user's layer has no get_config for its own arguments: Keras 1.2.2 could not rebuild it from the file either
_NO_GET_CONFIG = (Keras1FileError, "missing 1 required positional argument: 'output_dim'")
REFUSED = {
    'batchnorm_modes_1_2': (ConvertError, 'mode=1'),
    'advanced_activations_train': (ConvertError, 'srelu_1 (SReLU)'),
    'lambda_permute_repeat_actreg': (Keras1FileError, "Lambda layer 'lambda_1'"),
    'symbolic_loss_vae': (Keras1FileError, "Lambda layer 'lambda_1'"),
    'simplernn_custom_activation': (ConvertError, "activation 'scaled_tanh' has no Keras 3 built-in"),
    'ext_conv3d_pool3d': _NO_BUILTIN,
    'ext_deconv2d': _NO_BUILTIN,
    'ext_local_spatialdrop': _NO_BUILTIN,
    'noise_layers_inference': _NO_BUILTIN,
    'ext_convlstm2d': _NO_BUILTIN,
    'custom_attention_rnn': _CUSTOM_LAYER,
    'custom_layer_weights_updates': _NO_GET_CONFIG,
    'custom_recurrent_step': _NO_GET_CONFIG,
    'custom_wrapper_residual': _CUSTOM_LAYER,
}
# Files real Keras 1.2.2 itself wrote without what it needs to rebuild the model (its get_config
# dropped an argument): each a strict xfail, so that a fix shows up.
KERAS1_CONFIG_LOSSES = {
    'pad_crop_2d': 'keras 1.2.2 ZeroPadding2D/Cropping2D.get_config omit dim_ordering',
    'prelu_shared_axes_conv': 'keras 1.2.2 PReLU.get_config omits shared_axes',
}
CHANNELS_LAST_CASE = 'conv2d_th_same_even_rmsprop'

# Runs in a fresh interpreter that never imports compat: load each .keras, predict, save.
PLAIN_KERAS3 = r'''
import json, sys
import numpy as np
import keras
jobs = json.loads(sys.argv[1])
for job in jobs:
    io = np.load(job['io'])
    xs = [io['x%d' % i] for i in range(10) if 'x%d' % i in io]
    if job['channels_last']:
        xs = [x.transpose(0, 2, 3, 1) if x.ndim == 4 else x for x in xs]
    model = keras.saving.load_model(job['model'])
    out = model.predict(xs if len(xs) > 1 else xs[0], verbose=0)
    out = out if isinstance(out, list) else [out]
    np.savez(job['out'], *out)
assert 'compat' not in sys.modules, 'the plain Keras 3 process imported compat'
print('PLAIN-OK')
'''


@pytest.fixture(scope='module')
def converted(tmp_path_factory):
    """Convert every fixture once; predict them all in one plain-Keras-3 subprocess."""
    tmp = tmp_path_factory.mktemp('convert')
    jobs, errors = [], {}
    for case in CASES:
        d = FIXTURES / case
        for channels_last in ([False, True] if case == CHANNELS_LAST_CASE else [False]):
            name = case + ('_cl' if channels_last else '')
            try:
                convert([d / 'model.json', d / 'weights.h5'], tmp / (name + '.keras'), channels_last=channels_last,
                        custom_objects=case_custom_objects(load_case(case)))
            except (ConvertError, Keras1FileError) as e:
                errors[name] = e
                continue
            jobs.append({'io': str(d / 'io.npz'), 'model': str(tmp / (name + '.keras')),
                         'out': str(tmp / (name + '.npz')), 'channels_last': channels_last, 'name': name})
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL='3', KERAS_BACKEND='tensorflow')
    env.pop('PYTHONPATH', None)
    proc = subprocess.run([sys.executable, '-c', PLAIN_KERAS3, json.dumps(jobs)], capture_output=True,
                          text=True, env=env, cwd=str(tmp))
    assert proc.returncode == 0 and 'PLAIN-OK' in proc.stdout, proc.stderr[-3000:]
    return {j['name']: j['out'] for j in jobs}, errors


@pytest.mark.parametrize('case', [
    pytest.param(c, marks=pytest.mark.xfail(reason=KERAS1_CONFIG_LOSSES[c], strict=True)) if c in KERAS1_CONFIG_LOSSES
    else c for c in CASES if c not in REFUSED])
@pytest.mark.slow
def test_converted_file_reproduces_keras1_predictions(converted, case):
    outputs, errors = converted
    assert case in outputs, errors.get(case)
    io, got = np.load(FIXTURES / case / 'io.npz'), np.load(outputs[case])
    for i in range(len(got.files)):
        np.testing.assert_allclose(got['arr_%d' % i], io['predictions%d' % i], rtol=1e-3, atol=1e-5)


@pytest.mark.slow
@pytest.mark.parametrize('case', sorted(REFUSED))
def test_refused_with_the_reason(converted, case):
    _, errors = converted
    kind, words = REFUSED[case]
    assert isinstance(errors.get(case), kind) and words in str(errors[case]), errors.get(case)


@pytest.mark.slow
def test_channels_last_variant(converted):
    outputs, errors = converted
    got = np.load(outputs[CHANNELS_LAST_CASE + '_cl'])['arr_0']
    want = np.load(FIXTURES / CHANNELS_LAST_CASE / 'io.npz')['predictions0']
    np.testing.assert_allclose(got, want, rtol=1e-3, atol=1e-5)


def test_hard_sigmoid_identity():
    """Keras 1 clip(0.2x + 0.5, 0, 1) == Keras 3 hard_sigmoid(1.2x) (the fold the converter relies on)."""
    import keras
    x = np.linspace(-6, 6, 1001).astype('float32')
    np.testing.assert_allclose(keras.ops.convert_to_numpy(keras.activations.hard_sigmoid(1.2 * x)),
                               np.clip(0.2 * x + 0.5, 0, 1), atol=1e-6)


# -- the CLI and bad input -------------------------------------------------------------------
def _cli(tmp_path, capsys, *args):
    out = tmp_path / 'out.keras'
    rc = main([str(a) for a in args] + ['-o', str(out)])
    captured = capsys.readouterr()
    return rc, captured, out


def _assert_refused(rc, captured, out, words):
    assert rc == 2
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and 'Traceback' not in captured.err, captured.err
    assert words in lines[0], lines[0]
    assert not out.exists() and not [p for p in out.parent.iterdir() if p.suffix == '.keras']


def test_cli_report(tmp_path, capsys):
    d = FIXTURES / 'lstm_timedistributed'
    rc, captured, out = _cli(tmp_path, capsys, d / 'model.json', d / 'weights.h5', '--report')
    assert rc == 0 and out.exists()
    assert 'LSTM' in captured.out and 'hard_sigmoid' in captured.out and 'Numeric caveats' in captured.out


def test_cli_missing_file(tmp_path, capsys):
    _assert_refused(*_cli(tmp_path, capsys, tmp_path / 'nope.json', tmp_path / 'nope.h5'), 'nope.json')


def test_cli_invalid_json(tmp_path, capsys):
    bad = tmp_path / 'model.json'
    bad.write_text('{"class_name": "Sequential", ')
    _assert_refused(*_cli(tmp_path, capsys, bad, FIXTURES / 'dense_sgd_nesterov' / 'weights.h5'),
                    'Invalid Keras 1 model JSON')


def test_cli_unknown_layer(tmp_path, capsys):
    config = json.loads((FIXTURES / 'dense_sgd_nesterov' / 'model.json').read_text())
    config['config'][0]['class_name'] = 'FancyDense'
    bad = tmp_path / 'model.json'
    bad.write_text(json.dumps(config))
    _assert_refused(*_cli(tmp_path, capsys, bad, FIXTURES / 'dense_sgd_nesterov' / 'weights.h5'),
                    "Unknown Keras 1 layer class 'FancyDense'")


def test_cli_truncated_h5(tmp_path, capsys):
    data = (FIXTURES / 'dense_sgd_nesterov' / 'full.h5').read_bytes()
    bad = tmp_path / 'full.h5'
    bad.write_bytes(data[:len(data) // 2])
    _assert_refused(*_cli(tmp_path, capsys, bad), 'full.h5')


def test_cli_not_hdf5(tmp_path, capsys):
    bad = tmp_path / 'weights.h5'
    bad.write_text('not hdf5')
    _assert_refused(*_cli(tmp_path, capsys, FIXTURES / 'dense_sgd_nesterov' / 'model.json', bad),
                    'is not a readable HDF5 file')


def test_cli_mismatching_weights(tmp_path, capsys):
    _assert_refused(*_cli(tmp_path, capsys, FIXTURES / 'dense_sgd_nesterov' / 'model.json',
                          FIXTURES / 'conv2d_th_adam' / 'weights.h5'), 'weights.h5')


def test_cli_unconvertible_layer(tmp_path, capsys):
    d = FIXTURES / 'batchnorm_modes_1_2'
    _assert_refused(*_cli(tmp_path, capsys, d / 'model.json', d / 'weights.h5'), 'not convertible')


def test_cli_debug_shows_traceback(tmp_path):
    with pytest.raises(FileNotFoundError):
        main([str(tmp_path / 'nope.h5'), '-o', str(tmp_path / 'out.keras'), '--debug'])
