"""`python -m compat verify`: per-layer error of a port against Keras 1's numbers (compat), and
`--backend auto`. Faults are planted in a correct conversion (or in correct upgraded code) and
verify must name the faulty layer first; the Keras 1 side is the fixture files written by
Keras 1.2.2 (tests/keras1/make.py)."""
import pathlib
import re
import shutil

import h5py
import numpy as np
import pytest

from compat.convert import convert
from compat.convert.verify import main as verify_main
from compat.upgrade import upgrade_source

FIXTURES = pathlib.Path(__file__).parent / 'fixtures' / 'keras1'


def _files(case):
    d = FIXTURES / case
    return [str(d / 'model.json'), str(d / 'weights.h5')]


def _verify(capsys, case, against, *extra):
    rc = verify_main(_files(case) + ['--against', str(against), '--inputs', str(FIXTURES / case / 'io.npz')] +
                     [str(e) for e in extra])
    return rc, capsys.readouterr()


def _first_over(out):
    line = next(l for l in out.splitlines() if l.startswith('First layer over tolerance:'))
    return line.split(':', 1)[1].split()[0]


def _planted(tmp_path, case, layer_name, corrupt):
    """Convert ``case`` to .keras, then corrupt one layer's weights with ``corrupt(list) -> list``."""
    import keras
    good = tmp_path / 'good.keras'
    convert(_files(case), good)
    model = keras.saving.load_model(good)
    layer = model.get_layer(layer_name)
    layer.set_weights(corrupt([np.array(w) for w in layer.get_weights()]))
    bad = tmp_path / 'bad.keras'
    model.save(bad)
    return good, bad


@pytest.mark.slow
def test_correct_conversion_passes_every_layer(tmp_path, capsys):
    good = tmp_path / 'good.keras'
    convert(_files('conv2d_th_adam'), good)
    rc, captured = _verify(capsys, 'conv2d_th_adam', good, '--plot', tmp_path / 'err.png')
    assert rc == 0, captured.out
    assert 'All 8 compared layers within tolerance' in captured.out
    for name in ('convolution2d_1', 'maxpooling2d_1', 'flatten_2', 'dense_11'):
        assert name in captured.out
    assert (tmp_path / 'err.png').read_bytes()[:4] == b'\x89PNG'


def test_unflipped_conv_kernel_is_named(tmp_path, capsys):
    _, bad = _planted(tmp_path, 'conv2d_th_adam', 'convolution2d_2',
                      lambda w: [w[0][::-1, ::-1].copy()] + w[1:])
    rc, captured = _verify(capsys, 'conv2d_th_adam', bad)
    assert rc == 1
    assert _first_over(captured.out) == 'convolution2d_2'
    assert 'kernel flip' in captured.out
    ok = [l for l in captured.out.splitlines() if l.strip().startswith(('zeropadding2d_1', 'convolution2d_1 '))]
    assert len(ok) == 2 and all(l.rstrip().endswith('ok') for l in ok), ok


def _swap_gru_gates(weights):
    """Keras 3 GRU blocks z|r|h: swap the update and reset gates in kernel, recurrent kernel, bias."""
    out = []
    for w in weights:
        z, r, h = np.split(w, 3, axis=-1)
        out.append(np.concatenate([r, z, h], axis=-1))
    return out


@pytest.mark.slow
def test_swapped_gru_gates_are_named(tmp_path, capsys):
    _, bad = _planted(tmp_path, 'gru_masked', 'gru_1', _swap_gru_gates)
    rc, captured = _verify(capsys, 'gru_masked', bad)
    assert rc == 1
    assert _first_over(captured.out) == 'gru_1'
    assert 'gate order' in captured.out


def _upgraded_file(tmp_path, case, edit=lambda s: s):
    source, _ = upgrade_source((FIXTURES / case / 'case.py').read_text(), case)
    path = tmp_path / ('new_%s.py' % case)
    path.write_text(edit(source))
    return '%s:build' % path


@pytest.mark.slow
def test_upgraded_code_passes_every_layer(tmp_path, capsys):
    rc, captured = _verify(capsys, 'lstm_timedistributed', _upgraded_file(tmp_path, 'lstm_timedistributed'))
    assert rc == 0, captured.out
    assert 'All 4 compared layers within tolerance' in captured.out


@pytest.mark.slow
def test_keras3_hard_sigmoid_in_upgraded_code_is_named(tmp_path, capsys):
    def keras3_hard_sigmoid(source):
        assert 'recurrent_activation=keras1_hard_sigmoid' in source
        return source.replace('recurrent_activation=keras1_hard_sigmoid', "recurrent_activation='hard_sigmoid'")
    new = _upgraded_file(tmp_path, 'lstm_timedistributed', keras3_hard_sigmoid)
    rc, captured = _verify(capsys, 'lstm_timedistributed', new)
    assert rc == 1
    assert _first_over(captured.out) == 'lstm_1'
    assert 'hard sigmoid' in captured.out
    assert [l for l in captured.out.splitlines() if l.strip().startswith('embedding_3')][0].rstrip().endswith('ok')


@pytest.mark.slow
def test_keras3_hard_sigmoid_in_converted_file_is_named(tmp_path, capsys):
    """The 1.2 factor (Keras 1 clip(0.2x + 0.5) == Keras 3 hard_sigmoid(1.2x)) left out of one LSTM."""
    def unfold(weights):  # Keras 3 LSTM blocks i|f|c|o; the gates i, f, o feed the hard sigmoid
        return [np.concatenate([b / 1.2 if k in (0, 1, 3) else b for k, b in enumerate(np.split(w, 4, axis=-1))],
                               axis=-1) for w in weights]
    _, bad = _planted(tmp_path, 'lstm_timedistributed', 'lstm_1', unfold)
    rc, captured = _verify(capsys, 'lstm_timedistributed', bad)
    assert rc == 1 and _first_over(captured.out) == 'lstm_1'


def test_bad_against(tmp_path, capsys):
    rc = verify_main(_files('dense_sgd_nesterov') + ['--against', str(tmp_path / 'missing.onnx')])
    captured = capsys.readouterr()
    assert rc == 2 and 'missing.onnx' in captured.err and 'Traceback' not in captured.err
    rc = verify_main(_files('dense_sgd_nesterov') + ['--against', str(tmp_path / 'x.pdf')])
    assert rc == 2 and 'unknown extension' in capsys.readouterr().err


# -- --backend auto ----------------------------------------------------------------------------
def _tensorflow_style(tmp_path, case):
    """The fixture's weights as Keras 1's TensorFlow backend stores them: convolution kernels
    not flipped (keras 1.2.2 utils/np_utils.py convert_kernel undoes Theano's flip)."""
    src = FIXTURES / case / 'weights.h5'
    dst = tmp_path / 'weights_tf.h5'
    shutil.copy(src, dst)
    flipped = 0
    with h5py.File(dst, 'r+') as f:
        def visit(name, obj):
            nonlocal flipped
            if isinstance(obj, h5py.Dataset) and obj.ndim == 4:  # 'th' (out, in, rows, cols)
                obj[...] = np.asarray(obj)[:, :, ::-1, ::-1]
                flipped += 1
        f.visititems(visit)
    assert flipped == 2
    return dst


def _io(case):
    io = np.load(FIXTURES / case / 'io.npz')
    return io['x0'], io['predictions0']


@pytest.mark.slow
@pytest.mark.parametrize('stored', ['theano', 'tensorflow'])
def test_backend_auto_picks_the_reading(tmp_path, capsys, stored):
    case = 'conv2d_th_adam'
    weights = FIXTURES / case / 'weights.h5' if stored == 'theano' else _tensorflow_style(tmp_path, case)
    x, want = _io(case)
    samples = tmp_path / 'xy.npz'
    np.savez(samples, x=x, y=want)  # labels: what the model should predict
    from compat.convert.cli import main as convert_main
    out = tmp_path / 'm.keras'
    rc = convert_main([str(FIXTURES / case / 'model.json'), str(weights), '-o', str(out), '--backend', 'auto',
                       '--inputs', str(samples), '--report'])
    captured = capsys.readouterr()
    assert rc == 0, captured.err
    line = next(l for l in captured.out.splitlines() if '--backend auto' in l)
    assert 'theano reading: loss' in line and 'tensorflow reading: loss' in line
    assert line.rstrip().endswith('-> %s' % stored), line
    import keras
    np.testing.assert_allclose(keras.saving.load_model(out).predict(x, verbose=0), want, rtol=1e-3, atol=1e-5)


def test_backend_auto_without_labels_asks(tmp_path, capsys):
    case = 'conv2d_th_adam'
    out = tmp_path / 'm.keras'
    from compat.convert.cli import main as convert_main
    rc = convert_main(_files(case) + ['-o', str(out), '--backend', 'auto'])
    err = capsys.readouterr().err
    assert rc == 2 and 'cannot tell' in err and '--backend' in err and not out.exists()
    x, _ = _io(case)
    np.savez(tmp_path / 'x.npz', x=x)
    convert(_files(case), out)
    rc = verify_main(_files(case) + ['--against', str(out), '--backend', 'auto', '--inputs', str(tmp_path / 'x.npz')])
    err = capsys.readouterr().err
    assert rc == 2 and 'no labels' in err


@pytest.mark.slow
def test_load_keras1_weights_auto(tmp_path):
    import compat
    case = 'conv2d_th_adam'
    source, _ = upgrade_source((FIXTURES / case / 'case.py').read_text(), case)
    ns = {'__name__': 'upgraded_auto'}
    exec(compile(source, '<upgraded>', 'exec'), ns)
    x, want = _io(case)
    for stored, weights in [('theano', FIXTURES / case / 'weights.h5'),
                            ('tensorflow', _tensorflow_style(tmp_path, case))]:
        model = ns['build']()
        choice = compat.load_keras1_weights(model, weights, backend='auto', samples=(x, want))
        assert choice.backend == stored, choice.summary()
        np.testing.assert_allclose(model.predict(x, verbose=0), want, rtol=1e-3, atol=1e-5)
    with pytest.raises(ValueError, match='labelled'):
        compat.load_keras1_weights(ns['build'](), FIXTURES / case / 'weights.h5', backend='auto')


@pytest.mark.slow
def test_compat_load_weights_auto(tmp_path):
    from compat.keras.models import model_from_json
    case = 'conv2d_th_adam'
    x, want = _io(case)
    for stored, weights in [('theano', FIXTURES / case / 'weights.h5'),
                            ('tensorflow', _tensorflow_style(tmp_path, case))]:
        model = model_from_json((FIXTURES / case / 'model.json').read_text())
        choice = model.load_weights(str(weights), backend='auto', samples=(x, want))
        assert choice.backend == stored, choice.summary()
        np.testing.assert_allclose(model.predict(x), want, rtol=1e-3, atol=1e-5)


def test_export_is_compared_on_its_outputs(tmp_path, capsys):
    case = 'dense_sgd_nesterov'
    out = tmp_path / 'model.onnx'
    convert(_files(case), out)
    rc, captured = _verify(capsys, case, out)
    assert rc == 0, captured.out
    assert 'outputs only (onnxruntime)' in captured.out
    assert re.search(r'dense_14\s+Dense\s+\S+\s+\S+\s+ok', captured.out), captured.out
