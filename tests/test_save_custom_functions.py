"""Models compiled with the user's own loss and metric functions: saved, loaded and resumed as Keras 1.2.2.

Keras 1 (keras 1.2.2 models.py save_model) wrote a function it could not serialise by its name into the
file's training_config, and load_model(path, custom_objects={name: fn}) compiled the model again with it.
Fixtures: tests/keras1/save_custom/make_fixtures.py run with the real Keras 1.2.2 (Adam, so resuming
also needs the optimizer state to come back).
"""
import json
import os

import h5py
import numpy as np
import pytest

import compat
from helpers import TESTS, import_user_code

FIXTURES = os.path.join(TESTS, 'fixtures', 'save_custom')
CASES = ('sequential', 'functional')
FUNCTIONS = import_user_code(TESTS / 'keras1' / 'save_custom' / 'functions.py', 'save_custom_functions')


def _fixture(case):
    io = np.load(os.path.join(FIXTURES, case, 'io.npz'))
    def targets(prefix):
        arrays = [io[k] for k in sorted(k for k in io.files if k.startswith(prefix) and k[len(prefix):].isdigit())]
        return arrays[0] if len(arrays) == 1 else arrays
    return io, io['x'], targets('y'), io['val_x'], targets('val_y')


def _model(case):
    np.random.seed(0)
    model = FUNCTIONS.build(case)
    model.load_weights(os.path.join(FIXTURES, case, 'weights.h5'))
    return model


def _steps(model, x, y, n):
    return np.array([np.atleast_1d(model.train_on_batch(x, y)) for _ in range(n)], dtype='float64')


def _training_config(path):
    with h5py.File(path, 'r') as f:
        raw = f.attrs['training_config']
    return json.loads(raw.decode('utf8') if isinstance(raw, bytes) else raw)


@pytest.mark.parametrize('case', CASES)
def test_training_config_names_the_functions_as_keras1(case, tmp_path):
    io, x, y, _, _ = _fixture(case)
    model = _model(case)
    _steps(model, x, y, len(io['steps']))
    path = str(tmp_path / 'model.h5')
    model.save(path)
    got = _training_config(path)
    want = json.load(open(os.path.join(FIXTURES, case, 'training_config.json')))
    for key in ('loss', 'metrics', 'loss_weights', 'sample_weight_mode'):
        assert got[key] == want[key], key
    assert got['optimizer_config']['class_name'] == want['optimizer_config']['class_name']
    for key, value in want['optimizer_config']['config'].items():
        assert got['optimizer_config']['config'][key] == pytest.approx(value, rel=1e-6), key


@pytest.mark.parametrize('case', CASES)
def test_keras1_file_resumes_training_with_keras1s_numbers(case):
    io, x, y, _, _ = _fixture(case)
    model = compat.keras.models.load_model(os.path.join(FIXTURES, case, 'full.h5'),
                                           custom_objects=FUNCTIONS.CUSTOM_OBJECTS)
    np.testing.assert_allclose(_steps(model, x, y, len(io['resumed'])), io['resumed'], rtol=2e-3, atol=1e-5)


@pytest.mark.parametrize('case', CASES)
def test_save_then_load_resumes_as_keras1(case, tmp_path):
    io, x, y, _, _ = _fixture(case)
    model = _model(case)
    np.testing.assert_allclose(_steps(model, x, y, len(io['steps'])), io['steps'], rtol=2e-3, atol=1e-5)
    path = str(tmp_path / 'model.h5')
    model.save(path)
    loaded = compat.keras.models.load_model(path, custom_objects=FUNCTIONS.CUSTOM_OBJECTS)
    assert loaded.metrics_names == model.metrics_names
    np.testing.assert_allclose(_steps(loaded, x, y, len(io['resumed'])), io['resumed'], rtol=2e-3, atol=1e-5)


@pytest.mark.parametrize('case', CASES)
def test_checkpoint_save_best_only_resumes_as_keras1(case, tmp_path):
    io, x, y, vx, vy = _fixture(case)
    from compat.keras.callbacks import ModelCheckpoint
    model = _model(case)
    path = str(tmp_path / 'best.h5')
    checkpoint = ModelCheckpoint(path, monitor=FUNCTIONS.MONITOR[case], save_best_only=True, mode='min')
    history = model.fit(x, y, batch_size=8, nb_epoch=len(io['fit_history']), verbose=0, shuffle=False,
                        validation_data=(vx, vy), callbacks=[checkpoint])
    np.testing.assert_allclose(history.history[FUNCTIONS.MONITOR[case]], io['fit_history'], rtol=2e-3, atol=1e-5)
    loaded = compat.keras.models.load_model(path, custom_objects=FUNCTIONS.CUSTOM_OBJECTS)
    np.testing.assert_allclose(_steps(loaded, x, y, len(io['best_resumed'])), io['best_resumed'],
                               rtol=2e-3, atol=1e-5)


def test_missing_custom_function_names_it_and_the_fix():
    path = os.path.join(FIXTURES, 'sequential', 'full.h5')
    with pytest.raises(compat.keras.engine.saving.Keras1FileError,
                       match=r"full\.h5 was compiled with the loss 'scaled_squared_error'.*custom_objects"):
        compat.keras.models.load_model(path)
    with pytest.raises(compat.keras.engine.saving.Keras1FileError, match=r"metric 'mean_abs_gap'"):
        compat.keras.models.load_model(path, custom_objects={
            'scaled_squared_error': FUNCTIONS.scaled_squared_error})


def test_uncompiled_model_loads_uncompiled_with_keras1s_warning(tmp_path):
    from compat.keras.layers import Dense
    from compat.keras.models import Sequential
    model = Sequential()
    model.add(Dense(2, input_dim=3))
    path = str(tmp_path / 'uncompiled.h5')
    model.save(path)
    with h5py.File(path, 'r') as f:
        assert 'training_config' not in f.attrs
    with pytest.warns(UserWarning, match=r'No training configuration found in save file .*uncompiled\.h5'):
        loaded = compat.keras.models.load_model(path)
    np.testing.assert_allclose(loaded.predict(np.ones((1, 3), 'float32')), model.predict(np.ones((1, 3), 'float32')))


def test_metrics_dict_of_lists_round_trips(tmp_path):
    """metrics={'output': [fn]}: Keras 1 wrote the names but its load_model failed on the list (unhashable);
    compat reads it back."""
    from compat.keras.layers import Dense, Input
    from compat.keras.models import Model
    inp = Input(shape=(3,))
    model = Model(input=inp, output=[Dense(2, name='labels')(inp), Dense(1, name='score')(inp)])
    model.compile('sgd', loss=FUNCTIONS.scaled_squared_error, metrics={'labels': [FUNCTIONS.mean_abs_gap, 'mae']})
    path = str(tmp_path / 'model.h5')
    model.save(path)
    assert _training_config(path)['metrics'] == {'labels': ['mean_abs_gap', 'mae']}
    with pytest.raises(compat.keras.engine.saving.Keras1FileError, match="metric 'mean_abs_gap'"):
        compat.keras.models.load_model(path, custom_objects={'scaled_squared_error': FUNCTIONS.scaled_squared_error})
    loaded = compat.keras.models.load_model(path, custom_objects=FUNCTIONS.CUSTOM_OBJECTS)
    assert loaded.metrics_names == model.metrics_names
    x, y = np.ones((4, 3), 'float32'), [np.zeros((4, 2), 'float32'), np.zeros((4, 1), 'float32')]
    np.testing.assert_allclose(loaded.test_on_batch(x, y), model.test_on_batch(x, y), rtol=1e-6)
