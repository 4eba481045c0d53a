"""Before/after tests of the imports fixer (module paths, renames, removals, additions)."""
from compat.upgrade.fixers import Imports, LayerArgs

from textwrap import dedent


def test_module_paths_and_renames(run):
    src = dedent('''\
        from keras.layers.core import Dense, Merge
        from keras.layers.convolutional import Convolution2D as C2, Convolution1D
        from keras.utils import np_utils
        from keras.regularizers import l1l2
        import keras
        m = Convolution1D(4, 3)
        k = keras.layers.Convolution2D
        y = np_utils.to_categorical(t, 3)
        ''')
    new, _ = run(src, Imports)
    assert new == dedent('''\
        from keras.layers import Dense
        from keras.layers import Convolution2D as C2, Conv1D
        from keras import utils as np_utils
        from keras.regularizers import l1_l2
        import keras
        m = Conv1D(4, 3)
        k = keras.layers.Conv2D
        y = np_utils.to_categorical(t, 3)
        ''').replace('Convolution2D as C2', 'Conv2D as C2')


def test_helper_and_added_imports(run):
    src = dedent('''\
        """doc"""
        from keras.layers import GRU
        m = GRU(3)
        ''')
    new, _ = run(src, LayerArgs, Imports)
    assert new == dedent('''\
        """doc"""
        import keras
        from keras.layers import GRU


        @keras.saving.register_keras_serializable(package="keras1")
        def keras1_hard_sigmoid(x):
            """Keras 1.2.2's hard sigmoid, clip(0.2 * x + 0.5, 0, 1); Keras 3's "hard_sigmoid" has slope 1/6."""
            return keras.ops.clip(0.2 * x + 0.5, 0.0, 1.0)


        m = GRU(3, recurrent_activation=keras1_hard_sigmoid, reset_after=False)
        ''')


def test_gone_module_warns(run):
    _, entries = run('from keras.wrappers.scikit_learn import KerasClassifier\n', Imports)
    assert any(e.severity == 'warning' and 'scikeras' in e.message for e in entries)


def test_hard_sigmoid_helper_matches_keras1_formula():
    # hand-derived: Keras 1.2.2 (Theano) hard_sigmoid = clip(0.2 x + 0.5, 0, 1)
    import numpy as np
    from compat.upgrade.fixers.imports import HELPERS
    ns = {}
    exec('import keras\n' + HELPERS['keras1_hard_sigmoid'], ns)
    x = np.array([-4.0, -2.5, -1.0, 0.0, 0.3, 2.5, 3.0], 'float32')
    got = np.asarray(ns['keras1_hard_sigmoid'](x))
    np.testing.assert_allclose(got, [0, 0, 0.3, 0.5, 0.56, 1.0, 1.0], rtol=1e-6, atol=1e-7)
