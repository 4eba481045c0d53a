"""keras.utils (np_utils, generic_utils, data_utils, io_utils, visualize_util).

Numbers and Progbar text come from the real Keras 1.2.2
(tests/fixtures/preprocessing/utils.json, made by
tests/keras1/preprocessing/make_fixtures.py with the same fake clock).
"""
import io
import json
import os
import sys

import h5py
import numpy as np
import pytest

from compat.keras.utils import generic_utils, io_utils, np_utils, visualize_util

FIX = os.path.join(os.path.dirname(__file__), 'fixtures', 'preprocessing', 'utils.json')


@pytest.fixture(scope='module')
def fix():
    with open(FIX) as f:
        return json.load(f)


class FakeClock(object):
    """Same clock as make_fixtures.py: 1000.0, then +0.7 s per time.time() call."""

    def __init__(self):
        self.now = 1000.0

    def time(self):
        t = self.now
        self.now += 0.7
        return t


@pytest.mark.parametrize('name', ['verbose1_interval0', 'verbose1_default_interval', 'verbose1_width10_shrinking',
                                  'verbose2', 'verbose0'])
def test_progbar_text_matches_keras1(fix, monkeypatch, name):
    case = fix['progbar'][name]
    script = case['script']
    monkeypatch.setattr(generic_utils, 'time', FakeClock())
    out = io.StringIO()
    monkeypatch.setattr(sys, 'stdout', out)
    bar = generic_utils.Progbar(script['target'], **script['kwargs'])
    for step in script['steps']:
        values = [tuple(v) for v in step[2]]
        if step[0] == 'add':
            bar.add(step[1], values)
        else:
            bar.update(step[1], values, *step[3:])
    assert out.getvalue() == case['output']


def test_to_categorical(fix):
    got = np_utils.to_categorical([0, 2, 1, 2, 4])
    assert got.dtype == np.float64
    np.testing.assert_array_equal(got, fix['to_categorical'])
    np.testing.assert_array_equal(np_utils.to_categorical(np.array([[1], [3], [0]]), 7), fix['to_categorical_nb7'])
    with pytest.raises(ValueError, match='nb_classes'):
        np_utils.to_categorical([0, 5], 3)


def test_np_utils_numbers(fix):
    a = np.array([[3., 4.], [0., 0.], [1., -1.]])
    np.testing.assert_allclose(np_utils.normalize(a), fix['normalize'], rtol=1e-12)
    np.testing.assert_allclose(np_utils.normalize(a, axis=0, order=1), fix['normalize_axis0_l1'], rtol=1e-12)
    k = np.arange(2 * 3 * 2 * 3, dtype='float32').reshape(2, 3, 2, 3)
    np.testing.assert_array_equal(np_utils.convert_kernel(k, 'th'), fix['convert_kernel_th'])
    np.testing.assert_array_equal(np_utils.convert_kernel(k, 'tf'), fix['convert_kernel_tf'])
    np.testing.assert_array_equal(np_utils.convert_kernel(np_utils.convert_kernel(k, 'th'), 'th'), k)
    p = np.array([[0.1, 0.7, 0.2], [0.5, 0.2, 0.3]])
    assert np_utils.categorical_probas_to_classes(p).tolist() == fix['categorical_probas_to_classes']
    assert np_utils.probas_to_classes(np.array([0.2, 0.5, 0.51, 0.9])).tolist() == fix['probas_to_classes']
    assert [np_utils.conv_output_length(11, 3, m, s, d) for m in ('same', 'valid', 'full')
            for s in (1, 2) for d in (1, 2)] == fix['conv_output_length']
    assert [np_utils.conv_input_length(5, 3, m, s) for m in ('same', 'valid', 'full')
            for s in (1, 2)] == fix['conv_input_length']
    with pytest.raises(ValueError, match='4D or 5D'):
        np_utils.convert_kernel(np.zeros((2, 2)))


def test_custom_objects_and_get_from_module():
    class Thing(object):
        def __init__(self, size=1):
            self.size = size

    module = {'relu': 'relu-fn'}
    assert generic_utils.get_from_module('relu', module, 'activation') == 'relu-fn'
    with pytest.raises(ValueError, match='Invalid activation: Thing'):
        generic_utils.get_from_module('Thing', module, 'activation')
    with generic_utils.custom_object_scope({'Thing': Thing}):
        assert generic_utils.get_custom_objects()['Thing'] is Thing
        assert generic_utils.get_from_module('Thing', module, 'x', instantiate=True, kwargs={'size': 3}).size == 3
        assert generic_utils.get_from_module({'name': 'Thing', 'size': 5}, module, 'x').size == 5
    assert 'Thing' not in generic_utils.get_custom_objects()
    marker = object()
    assert generic_utils.get_from_module(marker, module, 'x') is marker


def test_func_dump_load_needs_opt_in():
    scale = 3

    def f(x, y=2):
        return x * y * scale

    dumped = generic_utils.func_dump(f)
    with pytest.raises(ValueError, match='allow_unsafe=True'):
        generic_utils.func_load(dumped)
    g = generic_utils.func_load(dumped, allow_unsafe=True)
    assert g(5) == 30 and g(1, y=1) == 3


def test_hdf5_matrix(tmp_path):
    path = str(tmp_path / 'data.h5')
    data = np.arange(40, dtype='float32').reshape(10, 4)
    with h5py.File(path, 'w') as f:
        f['x'] = data
    m = io_utils.HDF5Matrix(path, 'x', start=2, end=8, normalizer=lambda v: v * 2)
    assert len(m) == 6 and m.shape == (6, 4) and m.ndim == 2
    np.testing.assert_array_equal(m[0], data[2] * 2)
    np.testing.assert_array_equal(m[1:3], data[3:5] * 2)
    np.testing.assert_array_equal(m[[0, 5]], data[[2, 7]] * 2)
    np.testing.assert_array_equal(m[np.array([1, 2])], data[[3, 4]] * 2)
    for bad in (6, slice(0, 7), [6], np.array([0, 6])):
        with pytest.raises(IndexError):
            m[bad]
    whole = io_utils.HDF5Matrix(path, 'x')
    assert whole.shape == (10, 4)
    with pytest.raises(KeyError, match='no dataset'):
        io_utils.HDF5Matrix(path, 'y')
    for f in io_utils.HDF5Matrix.refs.values():
        f.close()
    io_utils.HDF5Matrix.refs.clear()


def test_plot_without_pydot_says_what_to_install(monkeypatch):
    import builtins
    real_import = builtins.__import__

    def no_pydot(name, *args, **kwargs):
        if name in ('pydot', 'pydot_ng'):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, '__import__', no_pydot)
    with pytest.raises(ImportError, match='pip install pydot'):
        visualize_util.plot(object(), to_file='model.png')


class _FakeModel(object):
    """Records calls; stands in for a compiled Keras 1 model (the wrappers are duck-typed)."""
    metrics_names = ['loss', 'acc']

    def __init__(self, loss, hidden):
        self.loss, self.hidden, self.calls = loss, hidden, []

    def fit(self, x, y, **kw):
        self.calls.append(('fit', np.asarray(y).shape, kw))
        return 'history'

    def predict_classes(self, x, **kw):
        return np.zeros(len(x), dtype=int)

    def predict_proba(self, x, **kw):
        return np.full((len(x), 1), 0.25)

    def predict(self, x, **kw):
        return np.ones((len(x), 1))

    def evaluate(self, x, y, **kw):
        self.calls.append(('evaluate', np.asarray(y).shape, kw))
        return [0.5, 0.75]


def test_scikit_learn_wrappers():
    from compat.keras.wrappers.scikit_learn import KerasClassifier, KerasRegressor

    def build(hidden=4, loss='categorical_crossentropy'):
        return _FakeModel(loss, hidden)

    clf = KerasClassifier(build, hidden=8, nb_epoch=3, batch_size=2)
    assert clf.get_params()['hidden'] == 8 and clf.get_params()['build_fn'] is build
    assert clf.fit(np.zeros((4, 2)), [0, 1, 2, 1], verbose=0) == 'history'
    assert clf.model.hidden == 8
    # integer labels are one-hot encoded for categorical_crossentropy, and fit gets its sk_params
    assert clf.model.calls[0] == ('fit', (4, 3), {'nb_epoch': 3, 'batch_size': 2, 'verbose': 0})
    assert clf.score(np.zeros((4, 2)), [0, 1, 2, 1]) == 0.75
    assert clf.model.calls[1] == ('evaluate', (4, 3), {'batch_size': 2})
    np.testing.assert_allclose(clf.predict_proba(np.zeros((2, 2))), [[0.75, 0.25]] * 2)
    assert list(clf.predict(np.zeros((3, 2)))) == [0, 0, 0]
    with pytest.raises(ValueError, match='epochs is not a legal parameter'):
        KerasClassifier(build, epochs=3)
    reg = KerasRegressor(build, loss='mse').set_params(hidden=2)
    reg.fit(np.zeros((3, 2)), np.zeros(3))
    assert reg.predict(np.zeros((3, 2))).shape == (3,) and reg.score(np.zeros((3, 2)), np.zeros(3)) == 0.5


def test_scikit_learn_wrappers_in_todays_grid_search():
    # scikit-learn >= 1.6 asks for tags (the BaseEstimator/ClassifierMixin bases), its probability
    # scorers for classes_, and its clone for get_params returning the constructor's own objects
    pytest.importorskip('sklearn')
    from sklearn.base import clone, is_classifier, is_regressor
    from sklearn.model_selection import GridSearchCV
    from compat.keras.layers import Dense
    from compat.keras.models import Sequential
    from compat.keras.wrappers.scikit_learn import KerasClassifier, KerasRegressor

    def build(hidden=4, sizes=None):
        model = Sequential([Dense(hidden, input_dim=4, activation='relu'), Dense(3, activation='softmax')])
        model.compile(loss='categorical_crossentropy', optimizer='sgd', metrics=['accuracy'])
        return model

    sizes = [8, 8]
    clf = KerasClassifier(build, sizes=sizes, verbose=0)
    assert is_classifier(clf) and is_regressor(KerasRegressor(build))
    assert clone(clf).get_params()['sizes'] == sizes       # keras 1.2.2's deep copies: RuntimeError
    x = np.random.RandomState(0).rand(12, 4).astype('float32')
    labels = np.array([0, 1, 2] * 4)
    search = GridSearchCV(clf, {'hidden': [2, 4], 'nb_epoch': [1]}, scoring='neg_log_loss', cv=3)
    search.fit(x, labels)
    assert search.best_params_['hidden'] in (2, 4) and list(search.best_estimator_.classes_) == [0, 1, 2]
    assert search.best_estimator_.predict_proba(x).shape == (12, 3)
