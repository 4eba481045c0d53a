"""`python -m compat convert` to ONNX, LiteRT and SavedModel: every fixture that convert accepts is
exported to the three formats, and each artifact is run here in its own runtime, loaded with the
runtime's plain API (onnxruntime.InferenceSession, ai_edge_litert's Interpreter, tf.saved_model.load),
against the predictions the real Keras 1.2.2 made (io.npz, tests/keras1/make.py)."""
import os
import pathlib
import re
import runpy

import numpy as np
import pytest

from compat.convert import ConvertError, convert, main
from compat.convert.export import VerificationError
from compat.keras.engine.saving import Keras1FileError
from helpers import KERAS1_FIXTURES as FIXTURES
from helpers import parity_cases

ROOT = pathlib.Path(__file__).parent.parent
CASES = parity_cases(has=('model.json', 'weights.h5', 'io.npz'))
EXPORTS = {'onnx': 'model.onnx', 'litert': 'model.tflite', 'saved_model': 'saved_model'}


def _io_arrays(io, letter):
    keys = sorted((k for k in io.files if re.fullmatch(letter + r'\d+', k)), key=lambda k: int(k[len(letter):]))
    return [io[k] for k in keys]


def _numbered(names):
    return sorted(names, key=lambda n: int(re.search(r'(\d+)$', n).group(1)))


def run_onnx(path, names, xs):
    import onnxruntime
    session = onnxruntime.InferenceSession(str(path), providers=['CPUExecutionProvider'])
    types = {'tensor(float)': 'float32', 'tensor(int32)': 'int32', 'tensor(int64)': 'int64'}
    return session.run(None, {i.name: x.astype(types[i.type]) for i, x in zip(session.get_inputs(), xs)})


def run_litert(path, names, xs):
    from ai_edge_litert.interpreter import Interpreter
    runner = Interpreter(model_path=str(path)).get_signature_runner('serving_default')
    details = runner.get_input_details()
    assert sorted(details) == sorted(names)
    out = runner(**{n: x.astype(details[n]['dtype']) for n, x in zip(names, xs)})
    return [out[k] for k in _numbered(out)]


def run_saved_model(path, names, xs):
    import tensorflow as tf
    serve = tf.saved_model.load(str(path)).signatures['serving_default']
    specs = serve.structured_input_signature[1]
    assert sorted(specs) == sorted(names)  # Keras 1's input names
    out = serve(**{n: tf.constant(x.astype(specs[n].dtype.as_numpy_dtype)) for n, x in zip(names, xs)})
    return [out[k].numpy() for k in _numbered(out)]


RUN = {'onnx': run_onnx, 'litert': run_litert, 'saved_model': run_saved_model}


@pytest.fixture(scope='module')
def exported(tmp_path_factory):
    """Every fixture convert accepts (it writes a .keras) exported to the three formats once, each
    verified by convert against compat; what it cannot export is recorded."""
    tmp = tmp_path_factory.mktemp('export')
    done, refused, failed = {}, {}, {}
    for case in CASES:
        d = FIXTURES / case
        files = [d / 'model.json', d / 'weights.h5']
        try:
            convert(files, tmp / (case + '.keras'), samples=d / 'io.npz')
        except (ConvertError, Keras1FileError) as e:  # not convertible (tests/test_convert.py)
            refused[case] = e
            continue
        for fmt, out in EXPORTS.items():
            path = tmp / ('%s_%s' % (case, out))
            try:
                done[case, fmt] = (path, convert(files, path, samples=d / 'io.npz').input_names)
            except VerificationError as e:
                failed[case, fmt] = '\n'.join(e.report.verification)
            except ConvertError as e:
                failed[case, fmt] = str(e)
    return done, refused, failed


@pytest.mark.slow
@pytest.mark.parametrize('fmt', sorted(EXPORTS))
def test_every_accepted_fixture_runs_in_its_runtime_with_keras1_predictions(exported, fmt):
    done, refused, failed = exported
    assert not {k: v for k, v in failed.items() if k[1] == fmt}, failed
    checked = []
    for case in CASES:
        if case in refused:
            continue
        path, names = done[case, fmt]
        assert path.exists()
        io = np.load(FIXTURES / case / 'io.npz')
        got = RUN[fmt](path, names, _io_arrays(io, 'x'))
        want = _io_arrays(io, 'predictions')
        assert len(got) == len(want), case
        for g, w in zip(got, want):
            np.testing.assert_allclose(g, w, rtol=1e-3, atol=1e-5, err_msg='%s (%s)' % (case, fmt))
        checked.append(case)
    assert len(checked) >= 40, checked


def test_litert_artifact_has_builtin_ops_only(tmp_path):
    """A GRU exported to LiteRT runs in the interpreter as users install it (no Flex delegate)."""
    d = FIXTURES / 'gru_masked'
    out = tmp_path / 'gru.tflite'
    report = convert([d / 'model.json', d / 'weights.h5'], out, samples=d / 'io.npz')
    assert b'Flex' not in out.read_bytes()
    assert any('unrolled' in c for c in report.caveats)
    io = np.load(d / 'io.npz')
    got = run_litert(out, report.input_names, [io['x0']])
    np.testing.assert_allclose(got[0], io['predictions0'], rtol=1e-3, atol=1e-5)


def test_cli_prints_the_verification(tmp_path, capsys):
    d = FIXTURES / 'conv2d_th_adam'
    out = tmp_path / 'model.onnx'
    rc = main([str(d / 'model.json'), str(d / 'weights.h5'), '-o', str(out)])
    captured = capsys.readouterr()
    assert rc == 0 and out.exists(), captured.err
    assert 'Verified in onnxruntime' in captured.out and 'seeded random' in captured.out
    assert re.search(r'activation_3\s+max abs \S+\s+max rel \S+\s+ok', captured.out), captured.out


def test_format_flag_and_savedmodel_folder(tmp_path, capsys):
    d = FIXTURES / 'dense_sgd_nesterov'
    out = tmp_path / 'served'
    assert main([str(d / 'full.h5'), '-o', str(out)]) == 0
    assert (out / 'saved_model.pb').exists()
    assert main([str(d / 'full.h5'), '-o', str(tmp_path / 'x.bin'), '--format', 'onnx']) == 0
    import onnxruntime
    onnxruntime.InferenceSession(str(tmp_path / 'x.bin'))
    capsys.readouterr()


def test_over_tolerance_exits_1_and_writes_nothing(tmp_path, capsys):
    """An impossible tolerance: the artifact is written, checked, found off, and removed."""
    d = FIXTURES / 'dense_sgd_nesterov'
    out = tmp_path / 'model.onnx'
    rc = main([str(d / 'model.json'), str(d / 'weights.h5'), '-o', str(out), '--rtol', '0', '--atol', '1e-30'])
    captured = capsys.readouterr()
    assert rc == 1
    assert 'OVER TOLERANCE' in captured.out and 'nothing written' in captured.err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize('args, words', [
    (['-o', 'model.pdf'], 'unknown extension'),
    (['-o', 'model.onnx', '--inputs', 'missing.npz'], 'missing.npz'),
    (['-o', 'model.onnx', '--inputs', 'wrong.npz'], 'x0'),
    (['-o', 'nodir/model.onnx'], 'does not exist'),
])
def test_bad_input_exits_2_and_writes_nothing(tmp_path, capsys, args, words):
    d = FIXTURES / 'dense_sgd_nesterov'
    np.savez(tmp_path / 'wrong.npz', z=np.zeros((2, 20), 'float32'))
    before = sorted(tmp_path.iterdir())
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        rc = main([str(d / 'model.json'), str(d / 'weights.h5')] + args)
    finally:
        os.chdir(cwd)
    err = capsys.readouterr().err
    assert rc == 2 and words in err and 'Traceback' not in err, err
    assert sorted(tmp_path.iterdir()) == before


# -- the seed caption model, full size --------------------------------------------------------
@pytest.fixture(scope='module')
def seed_files(tmp_path_factory):
    """The seed script's model (9,718,960 parameters) saved as Keras 1 files (as tests/test_equivalence.py
    builds it: legacy/caption_seed.py run unchanged through compat, no training epochs)."""
    import compat
    env = {'CAPTION_IMAGES': '1', 'CAPTION_EPOCHS': '0'}
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    compat.install()
    try:
        model = runpy.run_path(str(ROOT / 'legacy' / 'caption_seed.py'), run_name='__main__')['model']
    finally:
        compat.uninstall()
        for k, v in saved.items():
            os.environ.pop(k) if v is None else os.environ.__setitem__(k, v)
    assert model.count_params() == 9718960
    tmp = tmp_path_factory.mktemp('seed')
    (tmp / 'model.json').write_text(model.to_json())
    model.save_weights(str(tmp / 'weights.h5'))
    rng = np.random.RandomState(1)
    xs = [rng.rand(2, 3, 100, 100).astype('float32'), rng.randint(0, 10000, size=(2, 16)).astype('int32')]
    np.savez(tmp / 'x.npz', x0=xs[0], x1=xs[1])
    want = model.predict(xs)
    return tmp, xs, want


@pytest.mark.slow
@pytest.mark.parametrize('fmt', sorted(EXPORTS))
def test_full_size_seed_model_exports(seed_files, fmt):
    tmp, xs, want = seed_files
    files = [tmp / 'model.json', tmp / 'weights.h5']
    path = tmp / EXPORTS[fmt]
    report = convert(files, path, samples=tmp / 'x.npz')
    assert any('ok' in line for line in report.verification), report.verification
    got = RUN[fmt](path, report.input_names, xs)
    np.testing.assert_allclose(got[0], want, rtol=1e-3, atol=1e-5)
    assert np.abs(want).max() > 0
