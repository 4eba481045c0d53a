"""Every way old code reaches Keras while compat is installed (compat.install, compat.wants_keras1).

User code sees compat's Keras 1.2.2 through ``import``, ``__import__``, ``importlib.import_module``,
``pkgutil.resolve_name``, ``unittest.mock.patch`` (decorator and context manager), pytest's
``monkeypatch``, ``pickle`` (objects Keras 1.2.2 pickled by their ``keras.*`` paths:
tests/keras1/pickles/make_fixtures.py) and ``sys.modules['keras...']``; TensorFlow, Keras 3 and other
installed packages keep Keras 3. Cases where process state matters run in a fresh interpreter.
"""
import json
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import compat
from helpers import import_user_code, keras1_user_code

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PICKLES = os.path.join(ROOT, 'tests', 'fixtures', 'pickles')


def _run(code, tmp_path, files=None):
    """Run ``code`` as a user's script in a fresh interpreter (its folder: tmp_path); its last stdout line
    is JSON."""
    for name, text in (files or {}).items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    script = tmp_path / 'user_script.py'
    script.write_text(textwrap.dedent(code))
    env = dict(os.environ, TF_ENABLE_ONEDNN_OPTS='0', TF_CPP_MIN_LOG_LEVEL='3', PYTHONPATH=ROOT)
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env, cwd=str(tmp_path),
                         timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_imports_import_module_resolve_name_and_sys_modules(tmp_path):
    got = _run('''
        import importlib, json, pkgutil, sys
        import compat
        compat.install()
        before_import = sys.modules['keras'].__version__   # a lookup before any import keras
        import keras
        from keras.layers.core import Dense
        import keras.datasets.mnist
        from keras import backend as K
        print(json.dumps({
            'fromlist_module': sys.modules['keras.backend'].__name__,
            'before_import': before_import,
            'import': keras.__version__,
            'from_import': Dense.__module__,
            'dotted': keras.datasets.mnist.__name__,
            'dunder': __import__('keras.datasets.mnist', fromlist=['load_data']).__name__,
            'dunder_top': __import__('keras').__version__,
            'import_module': importlib.import_module('keras.datasets.mnist').__name__,
            'import_module_relative': importlib.import_module('.mnist', 'keras.datasets').__name__,
            'resolve_name': pkgutil.resolve_name('keras.datasets.mnist:load_data').__module__,
            'resolve_name_dotted': pkgutil.resolve_name('keras.datasets.mnist.load_data').__module__,
            'sys_modules': sys.modules['keras'].__version__,
            'sys_modules_sub': sys.modules['keras.datasets.mnist'].load_data.__module__,
            'same_function': sys.modules['keras.layers.core'].Dense is Dense,
        }))
    ''', tmp_path)
    mnist = 'compat.keras.datasets.mnist'
    assert got == {'fromlist_module': 'compat.keras.backend', 'before_import': '1.2.2', 'import': '1.2.2',
                   'from_import': got['from_import'], 'dotted': mnist, 'dunder': mnist, 'dunder_top': '1.2.2', 'import_module': mnist, 'import_module_relative': mnist,
                   'resolve_name': mnist, 'resolve_name_dotted': mnist, 'sys_modules': '1.2.2',
                   'sys_modules_sub': mnist, 'same_function': True}
    assert got['from_import'].startswith('compat.keras.')


def test_mock_patch_patches_the_module_user_code_uses(tmp_path):
    got = _run('''
        import json, unittest, unittest.mock
        import compat
        compat.install()
        import loader   # user code elsewhere: from keras.datasets import mnist; mnist.load_data()

        results = {}

        class T(unittest.TestCase):
            @unittest.mock.patch('keras.datasets.mnist.load_data', return_value='decorated fake')
            def test_decorator(self, fake):
                results['decorator'] = loader.load()

            def test_context_manager(self):
                with unittest.mock.patch('keras.datasets.mnist.load_data', return_value='with fake'):
                    results['context_manager'] = loader.load()

        unittest.main(argv=['x'], exit=False, verbosity=0)
        import keras.datasets.mnist
        results['restored'] = keras.datasets.mnist.load_data.__module__
        print(json.dumps(results))
    ''', tmp_path, files={'loader.py': '''
        from keras.datasets import mnist
        def load():
            return mnist.load_data()
    '''})
    assert got == {'decorator': 'decorated fake', 'context_manager': 'with fake',
                   'restored': 'compat.keras.datasets.mnist'}


def test_pytest_monkeypatch_patches_compats_module(monkeypatch, tmp_path):
    (tmp_path / 'uses_mnist.py').write_text('from keras.datasets import mnist\ndef load():\n'
                                            '    return mnist.load_data()\n')
    compat.install()
    try:
        sys.path.insert(0, str(tmp_path))
        import uses_mnist
        monkeypatch.setattr('keras.datasets.mnist.load_data', lambda: 'monkeypatched')
        assert uses_mnist.load() == 'monkeypatched'
    finally:
        monkeypatch.undo()
        sys.path.remove(str(tmp_path))
        sys.modules.pop('uses_mnist', None)
        compat.uninstall()


@pytest.mark.slow
def test_pickles_keras1_wrote_load_as_compats_objects(tmp_path):
    # a fresh interpreter that has not imported keras: unpickling is the first touch
    got = _run('''
        import json, pickle, sys
        import compat
        compat.install()
        fixtures = sys.argv[0].rsplit('/', 1)[0]
        tokenizer = pickle.load(open(%r + '/tokenizer.pkl', 'rb'))
        history = pickle.load(open(%r + '/history.pkl', 'rb'))
        config = pickle.load(open(%r + '/config.pkl', 'rb'))
        import numpy as np
        through_numpy = np.load(%r + '/tokenizer.pkl', allow_pickle=True)   # numpy unpickles for the caller
        from keras.models import Sequential
        model = Sequential.from_config(config)
        texts = %r
        again = pickle.loads(pickle.dumps(tokenizer))
        print(json.dumps({
            'class': type(tokenizer).__module__ + '.' + type(tokenizer).__name__,
            'through_numpy': type(through_numpy).__module__,
            'sequences': tokenizer.texts_to_sequences(texts),
            'word_index': tokenizer.word_index,
            'matrix': tokenizer.texts_to_matrix(texts, mode='count').tolist(),
            'again': again.texts_to_sequences(texts),
            'history': {k: [float(v) for v in vs] for k, vs in history.items()},
            'config_classes': [type(l).__name__ for l in model.layers],
            'model_pickled_config': pickle.loads(pickle.dumps(model.get_config())) == model.get_config(),
        }))
    ''' % (PICKLES, PICKLES, PICKLES, PICKLES, ['The cat sat on the mat.', 'The dog ate my homework!', 'cat and dog']),
        tmp_path)
    want = json.load(open(os.path.join(PICKLES, 'expected.json')))
    assert got['class'] == 'compat.keras.preprocessing.text.Tokenizer'
    assert got['through_numpy'] == 'compat.keras.preprocessing.text'
    for key in ('sequences', 'word_index', 'matrix', 'config_classes'):
        assert got[key] == want[key], key
    assert got['again'] == want['sequences']
    assert got['history'] == want['history']
    assert got['model_pickled_config']


@pytest.mark.slow
def test_keras3_tensorflow_and_installed_packages_keep_keras3(tmp_path):
    got = _run('''
        import importlib, json, sys
        sys.path.insert(0, 'venv/lib/site-packages')
        import compat
        compat.install()
        import keras                         # the user's: Keras 1
        import tensorflow as tf
        import installed_lib                 # a package installed in site-packages: Keras 3
        print(json.dumps({
            'user': keras.__version__,
            'tf_keras': tf.keras.layers.Dense.__module__,
            'tf_keras_runs': list(tf.keras.layers.Dense(2)(tf.ones((1, 3))).shape),
            'lib_import': installed_lib.keras.__version__,
            'lib_import_module': installed_lib.by_import_module().__version__,
            'lib_sys_modules': installed_lib.from_sys_modules(),
            'user_after': sys.modules['keras'].__version__,
        }))
    ''', tmp_path, files={'venv/lib/site-packages/installed_lib.py': '''
        import importlib, sys
        import keras
        def by_import_module():
            return importlib.import_module('keras')
        def from_sys_modules():
            return sys.modules['keras'].__version__
    '''})
    assert got['user'] == got['user_after'] == '1.2.2'
    assert got['tf_keras'].startswith('keras.src.') and got['tf_keras_runs'] == [1, 2]
    assert got['lib_import'].startswith('3.') and got['lib_import_module'].startswith('3.')
    assert got['lib_sys_modules'].startswith('3.')


@pytest.mark.slow
def test_uninstall_gives_everything_back(tmp_path):
    got = _run('''
        import builtins, importlib, json, sys, unittest.mock
        import numpy as np
        saved = builtins.__import__, importlib.import_module, unittest.mock._get_target
        import compat
        compat.install()
        import keras, keras.datasets.mnist
        had_alias = np.float is float
        compat.uninstall()
        import keras as again
        print(json.dumps({
            'had_alias': had_alias, 'alias_gone': not hasattr(np, 'float'),
            'hooks_back': (builtins.__import__, importlib.import_module, unittest.mock._get_target) == saved,
            'keras': again.__version__, 'module_is_keras3': type(sys.modules['keras']) is type(sys),
            'mnist': importlib.import_module('keras.datasets.mnist').__name__,
        }))
    ''', tmp_path)
    assert got == {'had_alias': True, 'alias_gone': True, 'hooks_back': True, 'keras': got['keras'],
                   'module_is_keras3': True, 'mnist': 'keras.datasets.mnist'}
    assert got['keras'].startswith('3.')


@pytest.mark.slow
def test_old_numpy_and_python36_re_split_keywords(tmp_path):
    got = _run('''
        import json, re, warnings
        import numpy as np
        import compat
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter('always')
            compat.install(old_numpy=False)
            no_alias = not hasattr(np, 'float')
            compat.uninstall()
            compat.install(python36_re_split=True)
        import tokens
        print(json.dumps({
            'no_alias_when_off': no_alias,
            'alias': np.zeros(2, dtype=np.float).dtype.name,
            'numpy2_removed': [bool(np.alltrue([1, 0])), np.float_ is np.float64, np.Inf],
            'note': [str(w.message) for w in caught if 'np.float' in str(w.message)],
            'user_split': tokens.tokenize('Where is the apple?'),
            'stdlib_split': re.sub('x*', '-', 'ab'),
        }))
    ''', tmp_path, files={'tokens.py': '''
        import re
        def tokenize(sent):   # keras 1.2.2 examples/babi_rnn.py tokenize
            return [x.strip() for x in re.split('(\\\\W+)?', sent) if x.strip()]
    '''})
    assert got['no_alias_when_off'] and got['alias'] == 'float64'
    assert got['numpy2_removed'] == [False, True, float('inf')]
    assert got['note'] and 'restored for this code as what they were aliases of' in got['note'][0]
    assert got['user_split'] == ['Where', 'is', 'the', 'apple', '?']
    assert got['stdlib_split'] == '-a-b-'


def test_the_decision_is_by_caller():
    assert compat.wants_keras1(sys._getframe()) is True  # this test module is user code
    import tensorflow as tf
    assert compat._kind(vars(tf)) == 'keras3'
    import pkgutil
    assert compat._kind(vars(pkgutil)) == 'pass' and compat._kind(vars(np)) == 'pass'

# -- Keras 1 import lines, as user code imports them under compat.install() ------------------------------
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
    assert import_user_code(module, 'user_code').VERSION == '1.2.2'


def test_install_leaves_keras3_to_installed_packages(tmp_path):
    import keras as keras3  # this test module is user code, but compat is not installed here
    assert keras3.__version__.startswith('3.')
    with keras1_user_code():
        import tensorflow as tf
        assert tf.keras.layers.Dense is keras3.layers.Dense  # TensorFlow still gets Keras 3
        assert keras3.layers.Dense(2)(np.ones((1, 3), 'float32')).shape == (1, 2)
    import keras as again
    assert again is keras3


def test_compat_keras_is_the_keras1_api():
    import compat.keras as keras
    from compat.keras import layers as L
    assert keras.__version__ == '1.2.2'
    assert keras.layers.Convolution2D is L.Convolution2D
    assert keras.backend.image_dim_ordering() in ('th', 'tf')
