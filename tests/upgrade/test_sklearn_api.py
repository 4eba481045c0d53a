"""Before/after tests: scikit-learn 0.18 calls of Keras 1 era scripts (fixers/sklearn_api.py).

The expected code is written from scikit-learn 0.18's signatures and defaults (sklearn/grid_search.py,
cross_validation.py: cv=None meant 3 folds, a failing fit raised) and today's keyword-only markers; one test runs the
rewritten mnist_sklearn_wrapper call against the installed scikit-learn.
"""
import pytest

from compat.upgrade.fixers import SklearnApi


@pytest.mark.parametrize('before, after', [
    # keras 1.2.2 examples/mnist_sklearn_wrapper.py
    ("from sklearn.grid_search import GridSearchCV\n"
     "v = GridSearchCV(clf, param_grid={'a': [1]},\n"
     "                 scoring='log_loss',\n"
     "                 n_jobs=1)\n",
     "from sklearn.model_selection import GridSearchCV\n"
     "v = GridSearchCV(clf, param_grid={'a': [1]},\n"
     "                 scoring='neg_log_loss',\n"
     "                 n_jobs=1, cv=3, error_score='raise')\n"),
    # positional scoring (0.18: the third parameter) -> keyword-only today
    ("from sklearn.grid_search import GridSearchCV\nGridSearchCV(clf, grid, 'mean_squared_error')\n",
     "from sklearn.model_selection import GridSearchCV\n"
     "GridSearchCV(clf, grid, scoring='neg_mean_squared_error', cv=3, error_score='raise')\n"),
    # cross_validation.cross_val_score(estimator, X, y, scoring, cv): cv given positionally
    ("from sklearn.cross_validation import cross_val_score, train_test_split\n"
     "s = cross_val_score(clf, X, y, None, 10)\n",
     "from sklearn.model_selection import cross_val_score, train_test_split\n"
     "s = cross_val_score(clf, X, y, scoring=None, cv=10, error_score='raise')\n"),
    # module-qualified names and model_selection (0.18 had it, with the 3-fold default)
    ("import sklearn.model_selection as ms\nms.cross_val_predict(clf, X, y)\n",
     "import sklearn.model_selection as ms\nms.cross_val_predict(clf, X, y, cv=3)\n"),
    ("from sklearn.model_selection import GridSearchCV\nGridSearchCV(clf, grid, cv=cv)\n",
     "from sklearn.model_selection import GridSearchCV\nGridSearchCV(clf, grid, cv=cv, error_score='raise')\n"),
    ("from sklearn.model_selection import GridSearchCV\nGridSearchCV(clf, grid, cv=cv, error_score=0)\n",
     "from sklearn.model_selection import GridSearchCV\nGridSearchCV(clf, grid, cv=cv, error_score=0)\n"),
])
def test_rewrites(run, before, after):
    new, entries = run(before, SklearnApi)
    assert new == after
    assert all(e.severity == 'change' for e in entries)


def test_iid_is_dropped_and_fit_params_kept_with_warnings(run):
    new, entries = run("from sklearn.grid_search import GridSearchCV\n"
                       "GridSearchCV(clf, grid, iid=False, fit_params={'w': 1}, cv=2)\n", SklearnApi)
    assert new == ("from sklearn.model_selection import GridSearchCV\n"
                   "GridSearchCV(clf, grid, fit_params={'w': 1}, cv=2, error_score='raise')\n")
    warnings = [e.message for e in entries if e.severity == 'warning']
    assert any('iid=' in w and 'dropped' in w for w in warnings)
    assert any('fit_params=' in w for w in warnings)


def test_changed_cross_validators_are_left_with_a_warning(run):
    src = "from sklearn.cross_validation import KFold, cross_val_score\nkf = KFold(100, n_folds=5)\n"
    new, entries = run(src, SklearnApi)
    assert new == src
    assert [e.line for e in entries if e.severity == 'warning' and 'KFold' in e.message] == [1]
    src = 'import sklearn.grid_search\n'
    new, entries = run(src, SklearnApi)
    assert new == src and 'sklearn.model_selection' in entries[0].message


@pytest.mark.parametrize('src', [
    'def GridSearchCV(a, b):\n    pass\nGridSearchCV(clf, grid)\n',      # not scikit-learn's
    "from mylib import cross_val_score\ncross_val_score(m, X, y, scoring='log_loss')\n",
    "from sklearn.metrics import log_loss\nf(scoring='log_loss')\n",
])
def test_lookalikes_untouched(run, src):
    new, entries = run(src, SklearnApi)
    assert new == src and not entries


def test_rewritten_call_runs_on_todays_scikit_learn(run):
    # the call as mnist_sklearn_wrapper wrote it fails today (scoring 'log_loss' is gone); rewritten,
    # it searches with the 0.18 folds: KFold(3) for one-hot targets
    np = pytest.importorskip('numpy')
    pytest.importorskip('sklearn')
    from sklearn.dummy import DummyClassifier
    new, _ = run("from sklearn.grid_search import GridSearchCV\n"
                 "v = GridSearchCV(DummyClassifier(), param_grid={'strategy': ['prior']},\n"
                 "                 scoring='log_loss', n_jobs=1)\n", SklearnApi)
    ns = {'DummyClassifier': DummyClassifier}
    exec(compile(new, 'upgraded', 'exec'), ns)
    y = np.eye(3)[[0, 1, 2, 0, 1, 2]]
    ns['v'].fit(np.zeros((6, 1)), y)
    assert ns['v'].n_splits_ == 3 and ns['v'].best_score_ < 0


def test_old_defaults_name_the_calls_whose_todays_signature_takes_them():
    import inspect

    model_selection = pytest.importorskip('sklearn.model_selection')
    from compat.upgrade import table
    for param, (_, calls) in table.SKLEARN_OLD_DEFAULTS.items():
        takes = {name for name in table.SKLEARN_CALLS
                 if param in inspect.signature(getattr(model_selection, name)).parameters}
        assert calls == takes, param
