"""compat's Keras 1 API surface: imports, install, the script runner, arguments, names, weights, summaries."""
import json
import os
import subprocess
import sys
import textwrap
import warnings

import numpy as np
import pytest

import compat
import compat.keras as keras
from compat.keras import layers as L
from compat.keras.backend import common

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def run_python(args, env=None, cwd=None):
    full_env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL='3', PYTHONWARNINGS='ignore')
    full_env.update(env or {})
    return subprocess.run([sys.executable] + args, capture_output=True, text=True, env=full_env,
                          cwd=cwd or ROOT, timeout=300)


# -- the module tree -----------------------------------------------------------------------------
KERAS1_IMPORTS = [
    'from keras.models import Sequential, Model, model_from_json, model_from_yaml, load_model',
    'from keras.layers import Dense, Merge, merge, Input, TimeDistributedDense, Convolution2D',
    'from keras.layers.core import Dense, Activation, Dropout, Flatten, Reshape, Permute, RepeatVector, '
    'Lambda, Masking, Highway, MaxoutDense, TimeDistributedDense',
    'from keras.layers.convolutional import Convolution1D, Convolution2D, ZeroPadding1D, ZeroPadding2D, '
    'UpSampling1D, UpSampling2D, Cropping1D, Cropping2D',
    'from keras.layers.pooling import MaxPooling1D, MaxPooling2D, AveragePooling1D, AveragePooling2D, '
    'GlobalMaxPooling1D, GlobalAveragePooling1D, GlobalMaxPooling2D, GlobalAveragePooling2D',
    'from keras.layers.recurrent import SimpleRNN, GRU, LSTM',
    'from keras.layers.embeddings import Embedding',
    'from keras.layers.normalization import BatchNormalization',
    'from keras.layers.advanced_activations import LeakyReLU, PReLU, ELU, ThresholdedReLU, '
    'ParametricSoftplus, SReLU',
    'from keras.layers.wrappers import TimeDistributed, Bidirectional',
    'from keras.layers.noise import GaussianNoise, GaussianDropout',
    'from keras.engine import Input, Layer, InputSpec, Merge, merge',
    'from keras.engine.topology import Layer, Merge',
    'from keras.optimizers import SGD, RMSprop, Adagrad, Adadelta, Adam, Adamax, Nadam',
    'from keras import objectives, metrics, initializations, regularizers, constraints, callbacks',
    'from keras import backend as K',
    'from keras.utils.np_utils import to_categorical',
    'from keras.preprocessing.sequence import pad_sequences',
    'from keras.regularizers import l2, WeightRegularizer',
    'from keras.callbacks import ModelCheckpoint, EarlyStopping, History',
]


@pytest.mark.parametrize('line', KERAS1_IMPORTS)
def test_keras1_import_lines_resolve_through_install(line, tmp_path):
    module = tmp_path / 'user_code.py'
    module.write_text(line + '\nimport keras\nVERSION = keras.__version__\n')
    compat.install()
    try:
        import importlib.util
        spec = importlib.util.spec_from_file_location('user_code', str(module))
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
    finally:
        compat.uninstall()
    assert mod.VERSION == '1.2.2'


def test_install_leaves_keras3_to_installed_packages(tmp_path):
    import keras as keras3  # this test module is user code, but compat is not installed here
    assert keras3.__version__.startswith('3.')
    compat.install()
    try:
        import tensorflow as tf
        assert tf.keras.layers.Dense is keras3.layers.Dense  # TensorFlow still gets Keras 3
        assert keras3.layers.Dense(2)(np.ones((1, 3), 'float32')).shape == (1, 2)
    finally:
        compat.uninstall()
    import keras as again
    assert again is keras3


def test_compat_keras_is_the_keras1_api():
    assert keras.__version__ == '1.2.2'
    assert keras.layers.Convolution2D is L.Convolution2D
    assert keras.backend.image_dim_ordering() in ('th', 'tf')


# -- python -m compat ------------------------------------------------------------------------------
@pytest.mark.slow
def test_script_runs_unchanged_as_main_with_argv_and_user_tracebacks(tmp_path):
    script = tmp_path / 'old_script.py'
    script.write_text(textwrap.dedent('''\
        import sys
        from keras.models import Sequential
        from keras.layers.core import Dense
        model = Sequential()
        model.add(Dense(output_dim=3, input_dim=2))
        import numpy as np
        assert np.zeros(2, dtype=np.float).dtype == np.float64  # removed from NumPy 1.24; 2016 scripts use it
        print('main' if __name__ == '__main__' else 'imported', sys.argv[1:], model.count_params())
        if '--fail' in sys.argv:
            raise RuntimeError('boom from the user script')
    '''))
    ok = run_python(['-m', 'compat', str(script), 'a', 'b'])
    assert ok.returncode == 0, ok.stderr
    assert "main ['a', 'b'] 9" in ok.stdout
    bad = run_python(['-m', 'compat', str(script), '--fail'])
    assert bad.returncode != 0
    assert 'old_script.py", line 10' in bad.stderr and 'boom from the user script' in bad.stderr


def test_old_theano_keras_json_does_not_break_keras3(tmp_path):
    (tmp_path / '.keras').mkdir()
    (tmp_path / '.keras' / 'keras.json').write_text(json.dumps(
        {'image_dim_ordering': 'tf', 'epsilon': 1e-07, 'floatx': 'float32', 'backend': 'theano'}))
    out = run_python(['-c', 'import compat.keras as k; import keras; '
                      'print(k.backend.image_dim_ordering(), keras.backend.backend())'],
                     env={'HOME': str(tmp_path), 'KERAS_BACKEND': 'theano'})
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ['tf', 'tensorflow']


def test_version_flag():
    out = run_python(['-m', 'compat', '--version'])
    assert out.returncode == 0 and '1.2.2' in out.stdout


# -- arguments --------------------------------------------------------------------------------------
def test_positional_convolution2d_means_keras1_kernel_not_strides():
    conv = L.Convolution2D(32, 3, 5, input_shape=(3, 20, 20))
    model = keras.models.Sequential([conv])
    assert model.output_shape == (None, 32, 18, 16)
    assert conv.strides == (1, 1) and conv.kernel_size == (3, 5)


def test_misspelled_argument_names_the_layer_and_suggests():
    with pytest.raises(TypeError, match=r"Dense\(\) got an argument 'ouput_dim'.*did you mean 'output_dim'"):
        L.Dense(ouput_dim=3)


def test_keras3_only_argument_is_refused_clearly():
    with pytest.raises(TypeError, match=r"Convolution2D\(\) got an argument 'padding' that Keras 1.2.2 did not"):
        L.Convolution2D(8, 3, 3, padding='same')


def test_too_many_positional_arguments():
    with pytest.raises(TypeError, match=r'GRU\(\) takes at most 10 positional'):
        L.GRU(*range(11))


def test_missing_required_argument():
    with pytest.raises(TypeError, match=r'Embedding\(\) missing required Keras 1 argument\(s\): output_dim'):
        L.Embedding(10)


def test_bad_values_are_named():
    with pytest.raises(ValueError, match="border_mode"):
        L.Convolution2D(8, 3, 3, border_mode='SAME')
    with pytest.raises(ValueError, match='mode'):
        L.BatchNormalization(mode=3)
    with pytest.raises(ValueError, match='consume_less'):
        L.GRU(3, consume_less='fast')


def test_keras1_idioms_warn_once_with_the_keras3_spelling():
    from compat.keras.engine import arguments
    arguments._WARNED.discard(('Dense', 'output_dim'))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        L.Dense(output_dim=2)
        L.Dense(output_dim=2)
    mine = [w for w in caught if issubclass(w.category, compat.Keras1Warning)]
    assert len(mine) == 1 and 'units=' in str(mine[0].message)


# -- names ---------------------------------------------------------------------------------------------
def test_auto_names_follow_keras1():
    common.reset_uids()
    assert [L.Convolution2D(2, 3, 3).name, L.Convolution2D(2, 3, 3).name, L.GRU(2).name,
            L.TimeDistributedDense(2).name] == ['convolution2d_1', 'convolution2d_2', 'gru_1',
                                                'timedistributeddense_1']


# -- weights -------------------------------------------------------------------------------------------
def test_keras1_weight_layouts():
    model = keras.models.Sequential()
    model.add(L.Convolution2D(4, 3, 2, input_shape=(3, 8, 8)))
    model.add(L.Flatten())
    model.add(L.RepeatVector(2))
    model.add(L.GRU(5, return_sequences=True))
    model.add(L.LSTM(6))
    shapes = [w.shape for w in model.get_weights()]
    assert shapes[:2] == [(4, 3, 3, 2), (4,)]
    assert shapes[2:11] == [(168, 5), (5, 5), (5,)] * 3
    assert shapes[11:] == [(5, 6), (6, 6), (6,)] * 4


def test_weights_argument_and_set_weights_check_shapes():
    w = [np.arange(6, dtype='float32').reshape(2, 3), np.ones(3, 'float32')]
    model = keras.models.Sequential([L.Dense(3, input_dim=2, weights=w)])
    np.testing.assert_array_equal(model.get_weights()[0], w[0])
    with pytest.raises(ValueError, match=r'expects Keras 1 weights of shapes \[\(2, 3\), \(3,\)\]'):
        model.layers[0].set_weights([np.ones((3, 2)), np.ones(3)])


def test_theano_kernel_is_a_true_convolution():
    # a kernel with a single 1 at the top-left, applied by Theano as a convolution, picks the
    # pixel at the *bottom-right* of each window
    kernel = np.zeros((1, 1, 2, 2), 'float32')
    kernel[0, 0, 0, 0] = 1
    model = keras.models.Sequential([L.Convolution2D(1, 2, 2, input_shape=(1, 3, 3),
                                                     weights=[kernel, np.zeros(1, 'float32')])])
    x = np.arange(9, dtype='float32').reshape(1, 1, 3, 3)
    np.testing.assert_array_equal(model.predict(x)[0, 0], [[4, 5], [7, 8]])
    model.layers[0].set_weights([kernel, np.zeros(1, 'float32')], backend='tensorflow')
    np.testing.assert_array_equal(model.predict(x)[0, 0], [[0, 1], [3, 4]])


def test_load_weights_refuses_a_mismatching_file_and_changes_nothing(tmp_path):
    a = keras.models.Sequential([L.Dense(3, input_dim=2), L.Dense(4)])
    b = keras.models.Sequential([L.Dense(3, input_dim=2), L.Dense(5)])
    path = str(tmp_path / 'a.h5')
    a.save_weights(path)
    before = b.get_weights()
    with pytest.raises(ValueError, match=r'a\.h5.*expects shapes \[\(3, 5\), \(5,\)\], the file has \[\(3, 4\), \(4,\)\]'):
        b.load_weights(path)
    for x, y in zip(before, b.get_weights()):
        np.testing.assert_array_equal(x, y)


def test_load_weights_errors_on_missing_and_non_hdf5_files(tmp_path):
    model = keras.models.Sequential([L.Dense(3, input_dim=2)])
    with pytest.raises(FileNotFoundError, match='nothere.h5'):
        model.load_weights(str(tmp_path / 'nothere.h5'))
    bad = tmp_path / 'bad.h5'
    bad.write_text('not hdf5')
    with pytest.raises(ValueError, match='bad.h5 is not a readable HDF5 file'):
        model.load_weights(str(bad))


def test_save_weights_is_atomic(tmp_path):
    model = keras.models.Sequential([L.Dense(3, input_dim=2)])
    path = tmp_path / 'w.h5'
    with pytest.raises(FileExistsError):
        path.write_text('keep me')
        model.save_weights(str(path), overwrite=False)
    assert path.read_text() == 'keep me'
    assert os.listdir(tmp_path) == ['w.h5']


# -- summaries -------------------------------------------------------------------------------------------
def test_summaries_match_keras1_text():
    out = run_python(['-m', 'compat', os.path.join(HERE, 'keras1', 'summaries', 'print_summaries.py')])
    assert out.returncode == 0, out.stderr
    with open(os.path.join(HERE, 'fixtures', 'summaries', 'keras1.txt')) as f:
        assert out.stdout == f.read()


# -- training API ------------------------------------------------------------------------------------------
def test_fit_history_uses_keras1_keys_and_validation_split():
    np.random.seed(1)
    model = keras.models.Sequential([L.Dense(3, input_dim=4, activation='softmax')])
    model.compile(loss='categorical_crossentropy', optimizer='sgd', metrics=['accuracy'])
    x = np.random.rand(20, 4).astype('float32')
    y = np.eye(3, dtype='float32')[np.random.randint(0, 3, 20)]
    hist = model.fit(x, y, nb_epoch=2, batch_size=8, verbose=0, validation_split=0.25)
    assert sorted(hist.history) == ['acc', 'loss', 'val_acc', 'val_loss']
    assert len(hist.history['loss']) == 2 and hist.epoch == [0, 1]
    assert model.metrics_names == ['loss', 'acc']
    assert model.predict_classes(x, verbose=0).shape == (20,)


def test_fit_batches_follow_numpy_seed_like_keras1():
    """keras 1.2.2 _fit_loop shuffles with np.random.shuffle: the same seed, the same batches."""
    seen = []

    class Record(keras.callbacks.Callback):
        def on_batch_end(self, batch, logs=None):
            seen.append(round(logs['loss'], 6))

    def run():
        model = keras.models.Sequential([L.Dense(1, input_dim=1, weights=[np.ones((1, 1)), np.zeros(1)])])
        model.compile(loss='mse', optimizer=keras.optimizers.SGD(lr=0.0))
        x = np.arange(10, dtype='float32').reshape(10, 1)
        np.random.seed(3)
        model.fit(x, x * 0, batch_size=2, nb_epoch=1, verbose=0, callbacks=[Record()])
    run()
    first = list(seen)
    seen.clear()
    run()
    assert seen == first
    np.random.seed(3)
    order = np.arange(10)
    np.random.shuffle(order)
    assert first == [round(float(np.mean(order[i:i + 2].astype('float64') ** 2)), 6) for i in range(0, 10, 2)]


def test_evaluate_and_train_on_batch_agree_with_keras1_weighting():
    model = keras.models.Sequential([L.Dense(1, input_dim=1, weights=[np.ones((1, 1)), np.zeros(1)])])
    model.compile(loss='mse', optimizer=keras.optimizers.SGD(lr=0.0))
    x = np.array([[1.], [2.], [3.]], 'float32')
    # keras 1.2.2 weighted_objective: mean(loss * w) / mean(w != 0)
    loss = model.train_on_batch(x, np.zeros((3, 1)), sample_weight=np.array([1., 0., 2.]))
    assert loss == pytest.approx((1 * 1 + 0 + 9 * 2) / 3 / (2 / 3))
    assert model.evaluate(x, np.zeros((3, 1)), batch_size=2, verbose=0) == pytest.approx((1 + 4 + 9) / 3)


def test_sequential_pop_removes_the_last_layer():
    model = keras.models.Sequential([L.Dense(3, input_dim=2), L.Dense(4), L.Dense(5)])
    model.pop()
    assert [l.name for l in model.layers] == [l.name for l in model.layers[:2]] and len(model.layers) == 2
    assert model.output_shape == (None, 4)
    assert model.predict(np.ones((1, 2), 'float32')).shape == (1, 4)


def test_script_code_gets_python36_re_split(tmp_path):
    # keras 1.2.2 examples/babi_rnn.py tokenize, with the result its docstring promises (Python 3.6);
    # on Python >= 3.7 re.split also splits on empty matches and x.strip() meets None groups
    (tmp_path / 'tokens.py').write_text(textwrap.dedent('''\
        import re
        def tokenize(sent):
            return [x.strip() for x in re.split('(\\\\W+)?', sent) if x.strip()]
    '''))
    # a package installed in a virtual environment inside the script's folder keeps today's re.split
    installed = tmp_path / '.venv' / 'lib' / 'site-packages'
    installed.mkdir(parents=True)
    (installed / 'libsplit.py').write_text("import re\ndef split(s):\n    return re.split('x*', s)\n")
    script = tmp_path / 'babi_like.py'
    script.write_text(textwrap.dedent('''\
        import sys
        sys.path.insert(0, %r)
        from tokens import tokenize
        import libsplit
        print(tokenize('Bob dropped the apple. Where is the apple?'))
        print(libsplit.split('axb'))
    ''' % str(installed)))
    out = run_python(['-m', 'compat', str(script)])
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[0] == str(['Bob', 'dropped', 'the', 'apple', '.', 'Where', 'is', 'the', 'apple',
                                              '?'])
    assert out.stdout.splitlines()[1] == str(['', 'a', '', 'b', ''])  # Python >= 3.7 semantics


def test_python36_split_matches_python36_semantics():
    from compat.__main__ import python36_split
    assert python36_split('x*', 'axbc') == ['a', 'bc']  # 3.7+: ['', 'a', '', 'b', 'c', '']
    assert python36_split('(,)', 'a,b', 0) == ['a', ',', 'b']
    assert python36_split(',', 'a,b,c', 1) == ['a', 'b,c']
    assert python36_split(r'\s+', ' a b ') == ['', 'a', 'b', '']
