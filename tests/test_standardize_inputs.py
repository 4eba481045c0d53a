"""Inputs, targets and weights as Keras 1.2.2 took them (keras 1.2.2 engine/training.py
standardize_input_data, standardize_sample_weights, standardize_class_weights, standardize_weights,
check_array_lengths, check_loss_and_target_compatibility).

Fixture: tests/keras1/standardize_inputs/make_fixture.py run with the real Keras 1.2.2: for every form in
tests/keras1/standardize_inputs/cases.py and every method (fit, train_on_batch, test_on_batch, evaluate,
predict, predict_on_batch), what Keras 1 returned from the same initial weights, or the error it raised.
"""
import json
import os

import numpy as np
import pytest

from helpers import TESTS, import_user_code

FIXTURES = os.path.join(TESTS, 'fixtures', 'standardize_inputs')
RESULTS = json.load(open(os.path.join(FIXTURES, 'results.json')))
CASES = import_user_code(TESTS / 'keras1' / 'standardize_inputs' / 'cases.py', 'standardize_input_cases')
_MODELS = {}


def _model(name):
    if name not in _MODELS:
        _MODELS[name] = CASES.build(name)
    model = _MODELS[name]
    model.load_weights(os.path.join(FIXTURES, 'weights_%s.h5' % name))
    return model


@pytest.mark.parametrize('model_name,method,form', CASES.CASES, ids=[CASES.case_id(*c) for c in CASES.CASES])
def test_takes_what_keras1_took(model_name, method, form):
    want = RESULTS[CASES.case_id(model_name, method, form)]
    model = _model(model_name)
    if 'error' in want:
        with pytest.raises(Exception) as raised:
            CASES.call(model, model_name, method, form)
        assert type(raised.value).__name__ == want['error'], (str(raised.value), want['message'])
        return
    got = CASES.call(model, model_name, method, form)
    assert len(got) == len(want['values'])
    for g, w in zip(got, want['values']):
        np.testing.assert_allclose(g, np.asarray(w), rtol=2e-3, atol=1e-5)


def test_fixture_covers_every_case():
    assert sorted(RESULTS) == sorted(CASES.case_id(*c) for c in CASES.CASES)


def test_gan_discriminator_list_of_labels():
    """The idiom the issue names: a plain Python list of 0/1 labels for a one-output model."""
    model = _model('discriminator')
    labels = [1] * 8 + [0] * 8
    as_list = model.train_on_batch(CASES.DATA['x'], labels)
    model = _model('discriminator')
    as_array = model.train_on_batch(CASES.DATA['x'], np.array(labels, dtype='float32')[:, None])
    np.testing.assert_allclose(as_list, as_array, rtol=1e-6)


def test_messages_say_what_to_pass():
    model = _model('two_by_two')
    with pytest.raises(AttributeError, match=r"data for real is a list, not a Numpy array.*np\.asarray"):
        model.train_on_batch([CASES.DATA['x'], CASES.DATA['b']], [CASES.DATA['labels'], CASES.DATA['score']])
    with pytest.raises(ValueError, match=r"expects 2 input arrays \(\['a', 'b'\]\)"):
        model.predict(CASES.DATA['x'])
    with pytest.raises(AttributeError, match=r'sample_weight is a list.*np\.asarray'):
        _model('discriminator').fit(CASES.DATA['x'], CASES.DATA['labels'], sample_weight=[1.0] * 16, verbose=0)


def test_names_importable_from_engine_training():
    from compat.keras.engine import training
    for name in ('standardize_input_data', 'standardize_sample_or_class_weights', 'standardize_sample_weights',
                 'standardize_class_weights', 'standardize_weights', 'check_array_lengths',
                 'check_loss_and_target_compatibility'):
        assert callable(getattr(training, name)), name
    arrays = training.standardize_input_data([1, 0, 1], ['out'], [(None, 1)], exception_prefix='model target')
    assert [a.shape for a in arrays] == [(3, 1)]
