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


@pytest.mark.parametrize('name', _params())
def test_predictions_match_keras1(name, keras1_home, ordering, offline):
    meta = _meta(name)
    ordering(meta['ordering'])
    standin.write_weight_file(str(keras1_home / '.keras' / 'models' / meta['weight_file']), meta['layers'],
                              meta['seed'], channels_first=meta['ordering'] == 'th')
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')  # the stand-in's md5 is not the real file's
        module, model = _build(meta, meta['weights'])
    assert list(model.output_shape[1:]) == meta['output_shape'][1:]
    predictions = model.predict(_inputs(meta, module), batch_size=meta['batch'])
    expected = np.load(os.path.join(FIXTURES, name + '.npz'))['predictions']
    np.testing.assert_allclose(predictions, expected, rtol=1e-3, atol=1e-5)
