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


def test_scikit_learn_wrapper_needs_a_human(run):
    src = 'from keras.wrappers.scikit_learn import KerasClassifier\n'
    new, entries = run(src, Imports)
    assert new == src                                     # not rewritten silently
    assert any(e.severity == 'error' and 'needs a human' in e.message
               and 'SKLearnClassifier' in e.message for e in entries)


def test_slice_x_inlined_and_matches_keras1():
    # keras 1.2.2 engine/training.py slice_X: X[start:stop], per array of a list, index lists
    import numpy as np
    from compat.upgrade import upgrade_source
    new, _ = upgrade_source('from keras.engine.training import slice_X\n'
                            'from keras.layers import Dense, recurrent\n')
    assert 'import slice_X' not in new and 'def slice_X(' in new and 'import keras\n' not in new
    assert 'from keras.layers import Dense; from keras import layers as recurrent' in new
    ns = {}
    exec(new.split('from keras.layers')[0] + new[new.index('def slice_X'):], ns)
    x, y = np.arange(10), np.arange(10, 20)
    assert ns['slice_X'](x, 2, 5).tolist() == [2, 3, 4]
    assert ns['slice_X'](x, 7).tolist() == [7, 8, 9]
    assert [a.tolist() for a in ns['slice_X']([x, y], 8)] == [[8, 9], [18, 19]]
    assert ns['slice_X'](x, np.array([1, 3])).tolist() == [1, 3]
    assert [a.tolist() for a in ns['slice_X']([x, y], [0, 9])] == [[0, 9], [10, 19]]


def test_legacy_preprocessing_modules(run):
    new, entries = run(dedent('''\
        from keras.preprocessing.image import ImageDataGenerator, load_img
        from keras.preprocessing.text import Tokenizer, one_hot
        g = ImageDataGenerator(rotation_range=10, dim_ordering='th')
        t = Tokenizer(nb_words=100)
        h = one_hot(text='a b', n=5)
        '''))
    assert new == dedent('''\
        from keras.preprocessing.image import load_img
        from keras.src.legacy.preprocessing.text import Tokenizer, one_hot
        from keras.src.legacy.preprocessing.image import ImageDataGenerator
        g = ImageDataGenerator(rotation_range=10, data_format='channels_first')
        t = Tokenizer(num_words=100)
        h = one_hot(input_text='a b', n=5)
        ''')
    warned = ' '.join(e.message for e in entries if e.severity == 'warning')
    assert 'image_dataset_from_directory' in warned and 'TextVectorization' in warned


def test_image_data_generator_default_ordering_written_out(run):
    # keras 1.2.2 preprocessing/image.py: dim_ordering='default' -> image_dim_ordering() ('th')
    src = 'from keras.preprocessing.image import ImageDataGenerator\ng = ImageDataGenerator(True)\n'
    new, _ = run(src)
    assert new.endswith("g = ImageDataGenerator(True, data_format='channels_first')\n")
    new, _ = run(src, dim_ordering='tf')
    assert new.endswith('g = ImageDataGenerator(True)\n')


def test_keras1_conv_aliases(run):
    # keras 1.2.2 layers/convolutional.py: Conv2D = Convolution2D, Deconv2D = Deconvolution2D ...
    new, _ = run(dedent('''\
        from keras.layers import Conv1D, Conv2D, AtrousConv2D
        from keras.layers.convolutional import Deconv2D as D
        import keras
        a = Conv2D(64, 3, 3, border_mode='valid')
        b = Conv1D(8, 3, subsample_length=2)
        c = AtrousConv2D(8, 3, 3, atrous_rate=(2, 2), border_mode='valid')
        d = keras.layers.Conv2D(4, 5, 5)
        '''))
    assert new == dedent('''\
        from keras.layers import Conv1D, Conv2D, Conv2D
        from keras.layers import Conv2DTranspose as D
        import keras
        a = Conv2D(64, (3, 3), padding='valid', data_format='channels_first')
        b = Conv1D(8, 3, strides=2)
        c = Conv2D(8, (3, 3), dilation_rate=(2, 2), padding='valid', data_format='channels_first')
        d = keras.layers.Conv2D(4, (5, 5), data_format='channels_first')
        ''')


def test_keras1_initializer_functions(run):
    # keras 1.2.2 initializations.py normal(shape, scale=0.05) ~ N(0, scale);
    # identity(shape, scale=1) = scale * I; uniform(shape, scale=0.05) ~ U(-scale, scale)
    new, entries = run(dedent('''\
        from keras.layers import SimpleRNN, Dense
        from keras.initializations import normal, identity, uniform
        r = SimpleRNN(100, init=lambda shape, name: normal(shape, scale=0.001, name=name),
                      inner_init=lambda shape, name: identity(shape, scale=1.0, name=name))
        d = Dense(3, init=normal)
        e = Dense(3, init=lambda shape, name: uniform(shape, 0.1, name=name))
        '''))
    assert new == dedent('''\
        import keras
        from keras.layers import SimpleRNN, Dense
        r = SimpleRNN(100, kernel_initializer=keras.initializers.RandomNormal(stddev=0.001),
                      recurrent_initializer=keras.initializers.Identity(gain=1.0))
        d = Dense(3, kernel_initializer=keras.initializers.RandomNormal(stddev=0.05))
        e = Dense(3, kernel_initializer=keras.initializers.RandomUniform(minval=-0.1, maxval=0.1))
        ''')


def test_unrecognised_initializer_use_warns(run):
    new, entries = run(dedent('''\
        from keras.initializations import normal
        def my_init(shape, name=None):
            return normal(shape, 0.01, name=name)
        f = lambda shape, name: normal(shape, mean=1, name=name)
        '''))
    assert 'from keras.initializers import RandomNormal' in new
    assert 'return RandomNormal(shape, 0.01, name=name)' in new
    assert sum(e.severity == 'warning' for e in entries) >= 2


def test_hard_sigmoid_helper_matches_keras1_formula():
    # hand-derived: Keras 1.2.2 (Theano) hard_sigmoid = clip(0.2 x + 0.5, 0, 1)
    import numpy as np
    from compat.upgrade.inlined.activations import keras1_hard_sigmoid
    x = np.array([-4.0, -2.5, -1.0, 0.0, 0.3, 2.5, 3.0], 'float32')
    got = np.asarray(keras1_hard_sigmoid(x))
    np.testing.assert_allclose(got, [0, 0, 0.3, 0.5, 0.56, 1.0, 1.0], rtol=1e-6, atol=1e-7)


def test_scipy_misc_imsave_imread_inlined(tmp_path):
    import numpy as np
    from compat.upgrade import upgrade_source
    # scipy.misc.imsave/imread (removed in SciPy 1.2): conv_filter_visualization, deep_dream,
    # neural_style_transfer and neural_doodle import them
    new, entries = upgrade_source('from scipy.misc import imread, imsave\nimport numpy as np\n')
    assert 'from scipy.misc' not in new and 'def imsave(' in new and 'def imread(' in new
    assert sum('Pillow version is inlined' in e.message for e in entries) == 2
    kept, _ = upgrade_source('from scipy.misc import imsave, factorial\n')
    assert 'from scipy.misc import factorial\n' in kept
    ns = {}
    exec(new, ns)
    # SciPy 1.1 bytescale: (x - min) * 255 / (max - min), clipped, + 0.5, to uint8
    ns['imsave'](str(tmp_path / 'a.png'), np.array([[0., .5], [1., 1.]]))
    assert ns['imread'](str(tmp_path / 'a.png')).tolist() == [[0, 128], [255, 255]]


def test_import_left_without_uses_by_the_rewrite_goes(run):
    # keras 1.2.2 examples/mnist_cnn.py: K served only K.image_dim_ordering()
    new, entries = run("from keras import backend as K\nfrom keras.layers import Dense\n"
                       "if K.image_dim_ordering() == 'th':\n    a = Dense(2)\n",
                       keep_channels_first=True)
    assert new == 'from keras.layers import Dense\na = Dense(2)\n'
    assert any('import of K removed' in e.message for e in entries)
    # an import the file itself never used is the file's business
    src = 'from keras import backend as K\nx = 1\n'
    assert run(src)[0] == src
