"""keras.applications as in Keras 1.2.2: parity with the real Keras 1.2.2, the weight cache, the checks.

Parity: each tests/fixtures/applications/<case>.json was made by the real Keras 1.2.2
(tests/keras1/applications/make_fixtures.py): the layer list of a stand-in weights file, its
seed and the exact file name Keras 1 read it under, plus <case>.npz, Keras 1's predictions
with ``weights='imagenet'`` ('msd'). Here the same file is written into a temporary
``~/.keras/models`` and compat's model, built with ``weights='imagenet'``, must predict the same
(rtol 1e-3, atol 1e-5) on the same stand-in images through compat's ``preprocess_input``.
"""
import glob
import importlib
import importlib.util
import json
import os
import socket
import urllib.request
import warnings

import numpy as np
import pytest

import compat
from compat.keras import backend as K

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, 'fixtures', 'applications')
GENERATOR = os.path.join(HERE, 'keras1', 'applications')


def _load(name):
    spec = importlib.util.spec_from_file_location('keras1_applications_' + name, os.path.join(GENERATOR, name + '.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


standin = _load('standin')
CASES = {os.path.basename(p)[:-5]: p for p in sorted(glob.glob(os.path.join(FIXTURES, '*.json')))}


def _meta(name):
    with open(CASES[name]) as f:
        return json.load(f)


def _params():
    out = []
    for name in CASES:
        marks = [pytest.mark.slow] if _meta(name)['slow'] else []
        out.append(pytest.param(name, marks=marks, id=name))
    return out


@pytest.fixture
def keras1_home(tmp_path, monkeypatch):
    """An empty home: ~/.keras/models is where the weights must come from."""
    monkeypatch.setenv('HOME', str(tmp_path))
    return tmp_path


@pytest.fixture
def ordering():
    """Set the image_dim_ordering for one test, then restore it."""
    before = K.image_dim_ordering()
    yield K.set_image_dim_ordering
    K.set_image_dim_ordering(before)


@pytest.fixture
def offline(monkeypatch):
    """Any connection attempt fails the test."""
    def refuse(*args, **kwargs):
        raise AssertionError('keras.applications tried to use the network: %r' % (args,))
    monkeypatch.setattr(socket.socket, 'connect', refuse)
    monkeypatch.setattr(socket, 'create_connection', refuse)
    monkeypatch.setattr(urllib.request, 'urlopen', refuse)
    monkeypatch.setattr(urllib.request, 'urlretrieve', refuse)


def _build(meta, weights, **kwargs):
    module = importlib.import_module('compat.keras.applications.' + meta['module'])
    constructor = getattr(module, meta['function'])
    if meta['model'] == 'music_tagger_crnn':
        return module, constructor(weights=weights, include_top=meta['include_top'], **kwargs)
    shape = None if meta['include_top'] else tuple(meta['input_shape'])
    return module, constructor(include_top=meta['include_top'], weights=weights, input_shape=shape, **kwargs)


def _inputs(meta, module):
    batch_shape = (meta['batch'],) + tuple(meta['input_shape'])
    if meta['preprocess'] == 'melgram':
        return standin.input_melgrams(meta['seed'], batch_shape)
    x = standin.input_images(meta['seed'], batch_shape)
    if meta['preprocess'] == 'imagenet':
        from compat.keras.applications.imagenet_utils import preprocess_input
        return preprocess_input(x)
    return module.preprocess_input(x)


def _without_counter(name):
    stem, _, last = name.rpartition('_')
    return stem if last.isdigit() else name


@pytest.mark.parametrize('name', _params())
def test_predictions_match_keras1(name, keras1_home, ordering, offline):
    meta = _meta(name)
    ordering(meta['ordering'])
    standin.write_weight_file(str(keras1_home / '.keras' / 'models' / meta['weight_file']), meta['layers'],
                              meta['seed'], channels_first=meta['ordering'] == 'th',
                              variance_scale=meta.get('variance_scale', 1.0))
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')  # the stand-in's md5 is not the real file's
        module, model = _build(meta, meta['weights'])
    assert list(model.output_shape[1:]) == meta['output_shape'][1:]
    # the layers in Keras 1's order, under its names (auto-name counters depend on what was built before)
    assert [_without_counter(layer.name) for layer in model.layers] == \
        [_without_counter(name) for name, _ in meta['layers']]
    predictions = model.predict(_inputs(meta, module), batch_size=meta['batch'])
    expected = np.load(os.path.join(FIXTURES, name + '.npz'))['predictions']
    np.testing.assert_allclose(predictions, expected, rtol=1e-3, atol=1e-5)


# -- the files Keras 1.2.2 read ------------------------------------------------------------------------------
def _weight_file(meta):
    module = importlib.import_module('compat.keras.applications.' + meta['module'])
    if meta['model'] == 'xception':
        return module.WEIGHT_FILES[meta['include_top']]
    if meta['model'] == 'music_tagger_crnn':
        return module.WEIGHT_FILES[meta['ordering']]
    return module.WEIGHT_FILES[meta['ordering'], meta['include_top']]


@pytest.mark.parametrize('name', list(CASES))
def test_weight_file_names_and_urls_are_keras1s(name):
    """The file name and URL Keras 1.2.2's own code used for this model, ordering and top (from the oracle)."""
    meta = _meta(name)
    wanted = _weight_file(meta)
    assert (wanted.fname, wanted.url) == (meta['weight_file'], meta['url'])


def test_missing_weights_name_the_file_the_url_and_the_place(keras1_home, ordering, offline):
    ordering('tf')
    from compat.keras.applications import VGG16
    from compat.keras.applications.vgg16 import TF_WEIGHTS_PATH_NO_TOP
    with pytest.raises(FileNotFoundError) as e:
        VGG16(include_top=False, input_shape=(48, 48, 3))
    message = str(e.value)
    path = str(keras1_home / '.keras' / 'models' / 'vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5')
    assert TF_WEIGHTS_PATH_NO_TOP in message and path in message and 'never downloads' in message
    assert not os.path.exists(path)


def test_missing_msd_weights_for_music_tagger(keras1_home, ordering, offline):
    ordering('th')
    from compat.keras.applications.music_tagger_crnn import TH_WEIGHTS_PATH, MusicTaggerCRNN
    with pytest.raises(FileNotFoundError) as e:
        MusicTaggerCRNN()
    assert 'music_tagger_crnn_weights_tf_kernels_th_dim_ordering.h5' in str(e.value)
    assert TH_WEIGHTS_PATH in str(e.value)


def test_a_file_of_another_model_is_refused(keras1_home, ordering):
    """A weights file that does not fit the architecture (here VGG16's under VGG19's name) is an error."""
    ordering('th')
    meta = _meta('vgg16_th_notop')
    path = keras1_home / '.keras' / 'models' / 'vgg19_weights_th_dim_ordering_th_kernels_notop.h5'
    standin.write_weight_file(str(path), meta['layers'], meta['seed'], channels_first=True)
    from compat.keras.applications import VGG19
    with pytest.raises(Exception, match='vgg19_weights_th_dim_ordering_th_kernels_notop.h5'):
        VGG19(include_top=False, input_shape=(3, 48, 48))


# -- decode_predictions and preprocess_input ---------------------------------------------------------------------
def _class_index(home):
    index = {str(i): ['n%08d' % i, 'class_%d' % i] for i in range(1000)}
    path = home / '.keras' / 'models' / 'imagenet_class_index.json'
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(index))


@pytest.fixture
def fresh_class_index(monkeypatch):
    from compat.keras.applications import imagenet_utils
    monkeypatch.setattr(imagenet_utils, 'CLASS_INDEX', None)


def test_decode_predictions_reads_the_class_index_from_the_cache(keras1_home, fresh_class_index, offline):
    _class_index(keras1_home)
    from compat.keras.applications.imagenet_utils import decode_predictions
    preds = np.zeros((2, 1000), 'float32')
    preds[0, [7, 3, 999]] = [0.5, 0.3, 0.2]
    preds[1, 42] = 1.0
    decoded = decode_predictions(preds, top=3)
    assert [(c, n) for c, n, _ in decoded[0]] == [('n00000007', 'class_7'), ('n00000003', 'class_3'),
                                                  ('n00000999', 'class_999')]
    assert decoded[0][0][2] == np.float32(0.5) and decoded[1][0][:2] == ('n00000042', 'class_42')


def test_decode_predictions_without_the_class_index(keras1_home, fresh_class_index, offline):
    from compat.keras.applications.imagenet_utils import CLASS_INDEX_PATH, decode_predictions
    with pytest.raises(FileNotFoundError) as e:
        decode_predictions(np.zeros((1, 1000)))
    assert CLASS_INDEX_PATH in str(e.value)
    assert str(keras1_home / '.keras' / 'models' / 'imagenet_class_index.json') in str(e.value)


def test_decode_predictions_wants_1000_classes():
    from compat.keras.applications.imagenet_utils import decode_predictions
    with pytest.raises(ValueError, match=r'\(samples, 1000\)'):
        decode_predictions(np.zeros((1, 10)))


def test_preprocess_input_bgr_minus_mean_in_place():
    from compat.keras.applications.imagenet_utils import preprocess_input
    x = np.zeros((1, 3, 1, 1), 'float32')
    x[0, :, 0, 0] = [10, 20, 30]  # R, G, B
    out = preprocess_input(x, dim_ordering='th')
    np.testing.assert_allclose(out[0, :, 0, 0], [30 - 103.939, 20 - 116.779, 10 - 123.68], rtol=1e-6)
    np.testing.assert_allclose(x[0, :, 0, 0], [10 - 123.68, 20 - 116.779, 30 - 103.939], rtol=1e-6)  # Keras 1: in place


def test_music_tags_decoded_best_first():
    from compat.keras.applications.audio_conv_utils import decode_predictions
    preds = np.zeros((1, 50))
    preds[0, [2, 9]] = [0.4, 0.9]
    assert decode_predictions(preds, top_n=2) == [[('jazz', 0.9), ('alternative', 0.4)]]


# -- Keras 1.2.2's argument checks ---------------------------------------------------------------------------------
@pytest.mark.parametrize('kwargs, match', [
    (dict(weights='places'), 'The `weights` argument should be either'),
    (dict(weights='imagenet', classes=10), '`classes` should be 1000'),
    (dict(include_top=True, input_shape=(3, 100, 100)), r'`input_shape` should be \(3, 224, 224\)'),
    (dict(include_top=False, input_shape=(3, 40, 48)), 'Input size must be at least 48x48'),
    (dict(include_top=False, input_shape=(1, 64, 64)), 'The input must have 3 channels'),
    (dict(include_top=False, input_shape=(64, 64)), 'must be a tuple of three integers'),
])
def test_keras1_input_checks(kwargs, match, ordering):
    ordering('th')
    from compat.keras.applications import VGG16
    with pytest.raises(ValueError, match=match):
        VGG16(**kwargs)


def test_min_sizes_are_keras1s(ordering):
    ordering('tf')
    from compat.keras.applications import InceptionV3, ResNet50, Xception
    for constructor, size in ((ResNet50, 197), (InceptionV3, 139), (Xception, 71)):
        with pytest.raises(ValueError, match='at least %dx%d' % (size, size)):
            constructor(include_top=False, weights=None, input_shape=(size - 1, size - 1, 3))


def test_xception_builds_tf_ordering_under_th_and_says_so(ordering):
    ordering('th')
    from compat.keras.applications import Xception
    with pytest.warns(UserWarning, match='only available for the input dimension ordering "tf"'):
        model = Xception(include_top=False, weights=None, input_shape=(71, 71, 3))
    assert model.output_shape == (None, 3, 3, 2048)
    assert K.image_dim_ordering() == 'th'  # restored, as Keras 1.2.2 did
    with pytest.warns(UserWarning), pytest.raises(ValueError, match='The input must have 3 channels'):
        Xception(include_top=False, weights=None, input_shape=(3, 71, 71))  # 'th' shapes are refused


def test_input_tensor_is_the_model_input(ordering):
    ordering('tf')
    from compat.keras.applications import VGG16
    from compat.keras.layers import Input
    image = Input(shape=(48, 48, 3))
    model = VGG16(include_top=False, weights=None, input_tensor=image)
    assert model.inputs[0] is image and model.output_shape == (None, 1, 1, 512)


def test_no_keras1_warnings_from_compats_own_model_code(ordering):
    ordering('tf')
    from compat.keras.applications import VGG16
    with warnings.catch_warnings():
        warnings.simplefilter('error', compat.Keras1Warning)
        VGG16(include_top=False, weights=None, input_shape=(48, 48, 3))


def test_importable_as_keras_applications_under_install():
    was_installed = compat.installed()
    with warnings.catch_warnings():
        warnings.simplefilter('ignore', compat.Keras1Warning)  # install()'s own notes
        compat.install()
    try:
        ns = {'__name__': 'user_script'}
        exec('import keras.applications.vgg16\n'
             'from keras.applications import VGG16, ResNet50, InceptionV3, Xception, VGG19\n'
             'from keras.applications.music_tagger_crnn import MusicTaggerCRNN\n'
             'from keras.applications.imagenet_utils import preprocess_input, decode_predictions\n'
             'from keras.applications.audio_conv_utils import TAGS\n'
             'from keras.applications.resnet50 import identity_block, conv_block, TH_WEIGHTS_PATH\n'
             'from keras.applications.inception_v3 import conv2d_bn\n', ns)
    finally:
        if not was_installed:
            compat.uninstall()
    from compat.keras.applications import vgg16
    assert ns['keras'].applications.vgg16 is vgg16 and ns['VGG16'] is vgg16.VGG16
    assert ns['TH_WEIGHTS_PATH'].endswith('/v0.2/resnet50_weights_th_dim_ordering_th_kernels.h5')


def test_inception_mixed_layers_by_name(ordering):
    """Keras 1 fine-tuning code picks InceptionV3's blocks by name: model.get_layer('mixed7')."""
    ordering('tf')
    from compat.keras.applications import InceptionV3
    model = InceptionV3(include_top=False, weights=None, input_shape=(139, 139, 3))
    names = {layer.name for layer in model.layers}
    assert {'mixed%d' % i for i in range(11)} | {'mixed9_0', 'mixed9_1'} <= names
    assert model.get_layer('mixed7').output_shape == (None, 7, 7, 768)


def test_audio_preprocessing_needs_librosa(monkeypatch):
    from compat.keras.applications import audio_conv_utils
    monkeypatch.setattr(audio_conv_utils, 'librosa', None)
    with pytest.raises(ImportError, match='Librosa is required'):
        audio_conv_utils.preprocess_input('song.mp3', dim_ordering='tf')
