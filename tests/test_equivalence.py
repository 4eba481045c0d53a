"""legacy (the seed script, run through compat) and modern (clean Keras 3) compute the same thing.

The legacy model is the one `legacy/caption_seed.py` builds when run unchanged through compat
(with no training epochs); `modern.from_legacy` carries its weights into the modern model.
Full seed size: 9,718,960 parameters, 3x100x100 images, vocabulary 10000.
"""
import os
import runpy

import numpy as np
import pytest

import compat
import compat.keras as k1
from modern.legacy_weights import from_legacy, to_legacy

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture(scope='module')
def legacy_model():
    env = {'CAPTION_IMAGES': '1', 'CAPTION_EPOCHS': '0'}
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    compat.install()
    try:
        scope = runpy.run_path(os.path.join(ROOT, 'legacy', 'caption_seed.py'), run_name='__main__')
    finally:
        compat.uninstall()
        for k, v in saved.items():
            os.environ.pop(k) if v is None else os.environ.__setitem__(k, v)
    return scope['model']


def _inputs(n=4, seed=0):
    rng = np.random.RandomState(seed)
    images = rng.rand(n, 3, 100, 100).astype('float32')
    captions = rng.randint(0, 10000, size=(n, 16))
    return images, captions


def test_the_seed_script_builds_the_seed_model(legacy_model):
    assert legacy_model.count_params() == 9718960


def test_same_next_word_distributions(legacy_model):
    modern = from_legacy(legacy_model)
    assert modern.count_params() == legacy_model.count_params()
    images, captions = _inputs()
    want = legacy_model.predict([images, captions])
    got = modern.predict([images.transpose(0, 2, 3, 1), captions], verbose=0)
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-7)
    assert np.abs(want).max() > 0  # not a trivially zero model


def test_same_training_losses_with_the_same_rule(legacy_model):
    import keras
    modern = from_legacy(legacy_model)
    legacy_model.compile(loss='categorical_crossentropy', optimizer=k1.optimizers.SGD(lr=0.5))
    modern.compile(loss='categorical_crossentropy', optimizer=keras.optimizers.SGD(learning_rate=0.5))
    images, captions = _inputs(8, seed=1)
    targets = np.eye(10000, dtype='float32')[np.random.RandomState(2).randint(0, 10000, 8)]
    legacy_losses, modern_losses = [], []
    for _ in range(3):
        legacy_losses.append(legacy_model.train_on_batch([images, captions], targets))
        modern_losses.append(float(modern.train_on_batch([images.transpose(0, 2, 3, 1), captions], targets)))
    np.testing.assert_allclose(modern_losses, legacy_losses, rtol=1e-4)
    assert legacy_losses[2] < legacy_losses[0]  # training moved both models, and by the same amount


def test_weights_go_back_unchanged(legacy_model):
    before = [w.copy() for w in legacy_model.get_weights()]
    to_legacy(from_legacy(legacy_model), legacy_model)
    for a, b in zip(before, legacy_model.get_weights()):
        np.testing.assert_array_equal(a, b)
