"""Keras 1 files: JSON configs, weights, whole models with optimizer state — read and written.

Fixtures under tests/fixtures/keras1 were written by the real Keras 1.2.2 (model.json,
weights.h5, full.h5 after three training steps, io.npz with the predictions after those steps
and `resumed`: the losses of two more steps). Files under tests/fixtures/roundtrip were written
by compat and read back by the real Keras 1.2.2 (tests/keras1/roundtrip/make_roundtrip.py).
"""
import json
import os

import h5py
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import compat.keras as keras
from compat.keras import layers as L
from compat.keras.engine.saving import Keras1FileError
from compat.keras.models import load_model, model_from_json
from helpers import FIXTURES, KERAS1_FIXTURES, case_custom_objects, load_case, numbered_arrays, one_or_list, \
    parity_cases

KERAS1 = str(KERAS1_FIXTURES)
ROUNDTRIP = os.path.join(FIXTURES, 'roundtrip')
# Cases whose own layer class has no get_config for its arguments: Keras 1.2.2 could not rebuild them
# from their files either (Layer.from_config calls cls(**config)); compat must say so clearly.
NO_GET_CONFIG = {'custom_layer_weights_updates': 'CenteredDense', 'custom_recurrent_step': 'ContextRNN'}
FULL = [c for c in parity_cases(has='full.h5') if c not in NO_GET_CONFIG]
ALL = [c for c in parity_cases(has=('model.json', 'io.npz')) if c not in NO_GET_CONFIG]


def _io(case):
    io = np.load(os.path.join(KERAS1, case, 'io.npz'))
    return io, lambda prefix: one_or_list(numbered_arrays(io, prefix))


def _list(x):
    return x if isinstance(x, list) else [x]


# Configs real Keras 1.2.2 itself could not reload faithfully: its get_config dropped an argument.
KERAS1_CONFIG_LOSSES = {
    'pad_crop_2d': 'keras 1.2.2 ZeroPadding2D/Cropping2D.get_config omit dim_ordering',
    'prelu_shared_axes_conv': 'keras 1.2.2 PReLU.get_config omits shared_axes',
}


def _marked(cases):
    """Parametrize values: Keras 1's own config losses as strict xfails, so that a fix shows up."""
    return [pytest.param(c, marks=pytest.mark.xfail(reason=KERAS1_CONFIG_LOSSES[c], strict=True))
            if c in KERAS1_CONFIG_LOSSES else c for c in cases]


def _read_config(case):
    """The case's Keras 1 JSON, and custom_objects holding the case's own functions."""
    with open(os.path.join(KERAS1, case, 'model.json')) as f:
        text = f.read()
    if '"function_type": "lambda"' in text:
        with pytest.raises(Keras1FileError, match='marshalled Python bytecode'):
            model_from_json(text)
        pytest.skip('Keras 1 Lambda bytecode is refused (tested); the function must come from custom_objects')
    return text, case_custom_objects(load_case(case))


@pytest.mark.parametrize('case', sorted(NO_GET_CONFIG))
def test_a_user_layer_without_get_config_is_refused_by_name(case):
    text, functions = _read_config(case)
    with pytest.raises(Keras1FileError, match="Cannot build layer .*%s.*missing 1 required positional argument"
                       % NO_GET_CONFIG[case]):
        model_from_json(text, custom_objects=functions)


@pytest.mark.parametrize('case', _marked(ALL))
def test_model_from_keras1_json_and_weights_predicts_as_keras1(case):
    _, pick = _io(case)
    text, functions = _read_config(case)
    model = model_from_json(text, custom_objects=functions)
    model.load_weights(os.path.join(KERAS1, case, 'weights.h5'))
    for got, want in zip(_list(model.predict(pick('x'))), _list(pick('predictions'))):
        np.testing.assert_allclose(got, want, rtol=1e-3, atol=1e-5)


@pytest.mark.parametrize('case', _marked(FULL))
def test_load_model_resumes_training_exactly_where_keras1_stopped(case):
    io, pick = _io(case)
    _, functions = _read_config(case)
    model = load_model(os.path.join(KERAS1, case, 'full.h5'), custom_objects=functions)
    for got, want in zip(_list(model.predict(pick('x'))), _list(pick('after'))):
        np.testing.assert_allclose(got, want, rtol=1e-3, atol=1e-5)
    resumed = np.array([np.atleast_1d(model.train_on_batch(pick('x'), pick('y'))) for _ in range(2)])
    # Keras 1.2.2 saved no `iterations` for RMSprop/Adagrad/Adadelta and no schedule for Nadam: after a
    # reload (in Keras 1 too) their decay restarts, so only the first step is the in-memory run's
    config = json.loads(h5py.File(os.path.join(KERAS1, case, 'full.h5'), 'r').attrs['training_config'])
    opt = config['optimizer_config']
    partial = opt['class_name'] == 'Nadam' or (opt['class_name'] in ('RMSprop', 'Adagrad', 'Adadelta')
                                               and opt['config'].get('decay', 0) > 0)
    rows = 1 if partial else 2
    np.testing.assert_allclose(resumed[:rows], io['resumed'][:rows], rtol=2e-3, atol=1e-5)


ROUNDTRIP_CASES = sorted(f[:-len('.keras1.npz')] for f in os.listdir(ROUNDTRIP) if f.endswith('.keras1.npz')) \
    if os.path.isdir(ROUNDTRIP) else []


@pytest.mark.parametrize('case', ROUNDTRIP_CASES)
def test_files_compat_wrote_were_read_by_keras1_and_compat_agrees(case):
    """Keras 1.2.2 loaded these compat-written files; compat must compute what Keras 1 computed from them."""
    _, pick = _io(case)
    keras1 = np.load(os.path.join(ROUNDTRIP, case + '.keras1.npz'))
    model = load_model(os.path.join(ROUNDTRIP, case + '.h5'))
    for i, got in enumerate(_list(model.predict(pick('x')))):
        np.testing.assert_allclose(got, keras1['predictions%d' % i], rtol=1e-3, atol=1e-5)
    losses = np.array([np.atleast_1d(model.train_on_batch(pick('x'), pick('y'))) for _ in range(2)])
    np.testing.assert_allclose(losses, keras1['losses'], rtol=2e-3, atol=1e-5)


@pytest.mark.parametrize('case', ROUNDTRIP_CASES[:3])
def test_compat_still_writes_the_files_keras1_accepted(case, tmp_path):
    """Re-saving a loaded compat file gives the same HDF5 layout and values Keras 1.2.2 read."""
    model = load_model(os.path.join(ROUNDTRIP, case + '.h5'))
    path = str(tmp_path / 'again.h5')
    model.save(path)

    def walk(f):
        items = {}
        f.visititems(lambda name, obj: items.__setitem__(name, np.asarray(obj) if isinstance(obj, h5py.Dataset)
                                                          else dict(obj.attrs)))
        return items, {k: (v if not isinstance(v, bytes) else v.decode()) for k, v in f.attrs.items()}
    with h5py.File(os.path.join(ROUNDTRIP, case + '.h5'), 'r') as a, h5py.File(path, 'r') as b:
        (items_a, attrs_a), (items_b, attrs_b) = walk(a), walk(b)
    assert sorted(items_a) == sorted(items_b)
    assert json.loads(attrs_a['model_config']) == json.loads(attrs_b['model_config'])
    assert json.loads(attrs_a['training_config']) == json.loads(attrs_b['training_config'])
    for name, value in items_a.items():
        if isinstance(value, np.ndarray):
            np.testing.assert_array_equal(value, items_b[name], err_msg=name)


# -- safety and bad input ----------------------------------------------------------------------------
LAMBDA_JSON = json.dumps({'class_name': 'Sequential', 'keras_version': '1.2.2', 'config': [
    {'class_name': 'Lambda', 'config': {
        'name': 'lambda_1', 'trainable': True, 'batch_input_shape': [None, 3], 'input_dtype': 'float32',
        'function': ['4wEAAAAAAAAAAQAAAAIAAABDAAAAcwgAAAB8AGQBFABTACkCTukCAAAAqQApAdoBeHIBAAAAcgEAAAD6'
                     'H...', None, None],
        'function_type': 'lambda', 'output_shape': None, 'output_shape_type': 'raw', 'arguments': {}}}]})


def test_lambda_bytecode_is_refused_by_default_naming_the_layer():
    with pytest.raises(Keras1FileError, match=r"Lambda layer 'lambda_1' holds marshalled Python bytecode.*"
                                             r"custom_objects=\{'lambda_1': fn\}"):
        model_from_json(LAMBDA_JSON)


def test_lambda_function_can_be_supplied_by_layer_name():
    model = model_from_json(LAMBDA_JSON, custom_objects={'lambda_1': lambda x: x * 2})
    np.testing.assert_allclose(model.predict(np.ones((1, 3), 'float32')), [[2, 2, 2]])


def test_named_lambda_function_can_be_supplied_by_function_name():
    # keras 1.2.2 Lambda.get_config stores a named (non-lambda) function by its name, function_type 'function'
    config = json.loads(LAMBDA_JSON)
    config['config'][0]['config'].update(function='double', function_type='function')
    with pytest.raises(Keras1FileError, match=r"uses the Python function 'double'.*custom_objects=\{'double': fn\}"):
        model_from_json(json.dumps(config))
    model = model_from_json(json.dumps(config), custom_objects={'double': lambda x: x * 2})
    np.testing.assert_allclose(model.predict(np.ones((1, 3), 'float32')), [[2, 2, 2]])


def test_unknown_layer_class_and_invalid_json():
    bad = json.dumps({'class_name': 'Sequential', 'config': [{'class_name': 'Frobnicate', 'config': {'name': 'f'}}]})
    with pytest.raises(Keras1FileError, match="Unknown Keras 1 layer class 'Frobnicate'.*custom_objects"):
        model_from_json(bad)
    with pytest.raises(Keras1FileError, match='Invalid Keras 1 model JSON'):
        model_from_json('{"class_name": "Sequential", ')


def test_truncated_full_model_file(tmp_path):
    src = os.path.join(KERAS1, 'conv2d_th_adam', 'full.h5')
    cut = tmp_path / 'truncated.h5'
    cut.write_bytes(open(src, 'rb').read()[:5000])
    with pytest.raises(Keras1FileError, match='truncated.h5 is not a readable HDF5 file'):
        load_model(str(cut))


def test_weights_from_a_different_model_name_the_layer_and_shapes():
    model = keras.models.Sequential([L.Dense(10, input_dim=6), L.BatchNormalization(), L.Dense(2)])
    with pytest.raises(Keras1FileError, match=r"layer #2 \(named \"dense_\d+\".*expects shapes "
                                             r"\[\(10, 2\), \(2,\)\], the file has \[\(10, 1\), \(1,\)\]"):
        # batchnorm_mode0 holds Dense(10) -> BatchNormalization -> Dense(1)
        model.load_weights(os.path.join(KERAS1, 'batchnorm_mode0', 'weights.h5'))


def test_weights_only_file_given_to_load_model():
    with pytest.raises(Keras1FileError, match='holds weights only'):
        load_model(os.path.join(KERAS1, 'activations_zoo', 'weights.h5'))


def test_save_and_load_round_trip_in_compat(tmp_path):
    model = keras.models.Sequential([L.Embedding(20, 4, input_length=5, mask_zero=True), L.GRU(3),
                                     L.Dense(2, activation='softmax')])
    model.compile(optimizer=keras.optimizers.Adam(lr=0.01), loss='categorical_crossentropy', metrics=['acc'])
    x = np.random.RandomState(0).randint(0, 20, (6, 5))
    y = np.eye(2, dtype='float32')[[0, 1, 0, 1, 1, 0]]
    model.train_on_batch(x, y)
    path = str(tmp_path / 'm.h5')
    model.save(path)
    again = load_model(path)
    np.testing.assert_allclose(again.predict(x), model.predict(x), rtol=1e-6)
    np.testing.assert_allclose(again.train_on_batch(x, y), model.train_on_batch(x, y), rtol=1e-5)


# -- fuzzing the readers (hypothesis); cases that once failed are kept as examples -------------------------
json_values = st.recursive(st.none() | st.booleans() | st.integers(-3, 300) | st.text(max_size=8),
                           lambda children: st.lists(children, max_size=4) | st.dictionaries(
                               st.text(max_size=12), children, max_size=4), max_leaves=20)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(['Sequential', 'Model', 'Merge', 'Dense', 'Nope']), json_values)
def test_config_reader_fails_only_with_clear_errors(class_name, config):
    try:
        model_from_json(json.dumps({'class_name': class_name, 'config': config}))
    except Keras1FileError:
        pass


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 4000), st.binary(min_size=1, max_size=64))
def test_weights_reader_on_corrupted_files_fails_cleanly(tmp_path_factory, offset, junk):
    src = open(os.path.join(KERAS1, 'dense_sgd_nesterov', 'weights.h5'), 'rb').read()
    path = tmp_path_factory.mktemp('fuzz') / 'w.h5'
    data = bytearray(src)
    data[offset:offset + len(junk)] = junk
    path.write_bytes(bytes(data))
    model = keras.models.Sequential([L.Dense(32, input_dim=20), L.Dense(16), L.Dense(5)])
    try:
        model.load_weights(str(path))
    except Keras1FileError:
        pass
