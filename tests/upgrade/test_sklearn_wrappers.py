"""fixers/sklearn_wrappers.py and the Keras 1.2.2 wrappers it inlines (compat/upgrade/inlined/scikit_learn.py).

Rewrites on snippets, then the inlined classes run on plain Keras 3 against what keras 1.2.2
wrappers/scikit_learn.py and models.py did: nb_epoch (default 10) epochs, predict_classes'
argmax / > 0.5 rule, score = the 'acc' metric (classifier) or the loss itself (regressor), sk_params
routed by name and checked. Expected values are computed with NumPy from the model's own
predictions, not with the wrapper.
"""
import ast

import numpy as np
import pytest

from compat.upgrade.fixers import SklearnWrappers
from compat.upgrade.fixers.imports import Imports

SNIPPET = """\
import numpy as np
from keras.wrappers.scikit_learn import KerasClassifier, KerasRegressor
clf = KerasClassifier(make_model, batch_size=32)
"""


def test_import_goes_and_classes_and_their_imports_come(run):
    new, entries = run(SNIPPET, SklearnWrappers)
    ast.parse(new)
    assert 'keras.wrappers' not in new
    assert new.count('import numpy as np') == 1              # the file's own import serves
    assert 'import inspect\nimport keras\nfrom sklearn.base import BaseEstimator' in new
    classes = [n.name for n in ast.parse(new).body if isinstance(n, ast.ClassDef)]
    assert classes == ['BaseWrapper', 'KerasClassifier', 'KerasRegressor']
    assert new.endswith('\n\n\nclf = KerasClassifier(make_model, batch_size=32)\n')
    assert not [e for e in entries if e.severity != 'change']


def test_only_what_is_imported_is_inlined_once(run):
    src = 'from keras.wrappers.scikit_learn import KerasRegressor\nr = KerasRegressor(f)\n'
    new, _ = run(src, SklearnWrappers)
    again, _ = run(new, SklearnWrappers)
    classes = [n.name for n in ast.parse(again).body if isinstance(n, ast.ClassDef)]
    assert classes == ['BaseWrapper', 'KerasRegressor'] and again == new


def test_aliased_import_needs_a_human(run):
    src = 'from keras.wrappers.scikit_learn import KerasClassifier as KC\n'
    new, entries = run(src, SklearnWrappers, Imports)
    assert new == src
    assert [e.severity for e in entries] == ['error'] and 'no `as`' in entries[0].message


@pytest.fixture(scope='module')
def wrappers():
    """The inlined classes, as an upgraded file defines them (plain Keras 3, no compat)."""
    pytest.importorskip('sklearn')
    from compat.upgrade import upgrade_source
    new, _ = upgrade_source('from keras.wrappers.scikit_learn import KerasClassifier, KerasRegressor\n')
    assert 'compat' not in new
    ns = {}
    exec(compile(new, 'upgraded', 'exec'), ns)
    return ns


def _build(units=3, activation='softmax', loss='categorical_crossentropy'):
    import keras
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(units, activation=activation)])
    model.compile(loss=loss, optimizer='sgd', metrics=['accuracy'])
    return model


X = np.random.RandomState(0).rand(12, 4).astype('float32')
LABELS = np.array([0, 1, 2] * 4)


def test_classifier_is_keras1s(wrappers):
    clf = wrappers['KerasClassifier'](_build, verbose=0)
    history = clf.fit(X, LABELS)                          # integer labels: one-hot for the loss
    assert len(history.history['loss']) == 10              # Keras 1's nb_epoch default
    assert list(clf.classes_) == [0, 1, 2]
    proba = clf.model.predict(X, verbose=0)
    np.testing.assert_array_equal(clf.predict(X), proba.argmax(-1))
    np.testing.assert_allclose(clf.predict_proba(X), proba)
    assert clf.score(X, LABELS) == pytest.approx(np.mean(proba.argmax(-1) == LABELS), abs=1e-6)
    assert len(clf.set_params(nb_epoch=2).fit(X, np.eye(3)[LABELS]).history['loss']) == 2


def test_one_sigmoid_column(wrappers):
    clf = wrappers['KerasClassifier'](_build, units=1, activation='sigmoid', loss='binary_crossentropy',
                                      nb_epoch=1, verbose=0)
    clf.fit(X, LABELS % 2)
    p = clf.model.predict(X, verbose=0)
    np.testing.assert_array_equal(clf.predict(X), (p > 0.5).astype('int32'))
    np.testing.assert_allclose(clf.predict_proba(X), np.hstack([1 - p, p]))
    assert list(clf.classes_) == [0, 1]


def test_regressor_scores_its_loss(wrappers):
    reg = wrappers['KerasRegressor'](_build, units=1, activation=None, loss='mse', nb_epoch=1, verbose=0)
    y = X.sum(axis=1)
    reg.fit(X, y)
    pred = reg.predict(X)
    assert pred.shape == (12,)
    # keras 1.2.2 KerasRegressor.score: the loss itself (Keras 2 negated it)
    assert reg.score(X, y) == pytest.approx(np.mean((pred - y) ** 2), rel=1e-4)


def test_parameters(wrappers):
    from sklearn.base import clone
    with pytest.raises(ValueError, match='hidden is not a legal parameter'):
        wrappers['KerasClassifier'](_build, hidden=3)
    sizes = [32, 32]
    clf = wrappers['KerasClassifier'](_build, units=sizes, nb_epoch=3)
    assert clf.get_params()['units'] is sizes and clf.get_params()['build_fn'] is _build
    assert clone(clf).get_params()['nb_epoch'] == 3       # today's clone needs the same objects back
    assert clf.filter_sk_params('fit', {'verbose': 0}) == {'epochs': 3, 'verbose': 0}


def test_grid_search_over_build_and_fit_arguments(wrappers):
    from sklearn.model_selection import GridSearchCV
    search = GridSearchCV(wrappers['KerasClassifier'](_build, verbose=0),
                          {'units': [3], 'nb_epoch': [1, 2]}, scoring='neg_log_loss', cv=3)
    search.fit(X, np.eye(3)[LABELS])
    assert search.best_params_['nb_epoch'] in (1, 2) and search.n_splits_ == 3
    assert len(search.best_estimator_.model.history.history['loss']) == search.best_params_['nb_epoch']
