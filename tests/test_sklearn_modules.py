"""scikit-learn 0.18's removed modules served while compat is installed (compat/sklearn_modules.py).

The expected arguments are scikit-learn 0.18's (sklearn/grid_search.py BaseSearchCV.__init__:
scoring third, error_score='raise'; cross_validation.check_cv: cv=None is 3 folds) and the scores are
computed here by hand from the 3 contiguous folds 0.18's KFold made.
"""
import os
import subprocess
import sys
import textwrap
import warnings

import numpy as np
import pytest

pytest.importorskip('sklearn')

from compat import Keras1Warning, sklearn_modules  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture
def served():
    sklearn_modules.install()
    try:
        yield
    finally:
        sklearn_modules.uninstall()


def test_grid_search_takes_0_18_arguments_and_defaults(served):
    from sklearn.model_selection import GridSearchCV as Today
    from sklearn.dummy import DummyClassifier
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        from sklearn.grid_search import GridSearchCV, ParameterGrid
        import sklearn.grid_search  # noqa: F401  (a second import: no second note)
    notes = [str(w.message) for w in caught if issubclass(w.category, Keras1Warning)]
    assert len(notes) == 1 and 'sklearn.grid_search' in notes[0] and 'sklearn.model_selection' in notes[0]
    from sklearn.model_selection import ParameterGrid as TodayGrid
    assert ParameterGrid is TodayGrid
    search = GridSearchCV(DummyClassifier(), {'strategy': ['prior']}, 'log_loss')   # 0.18: scoring third
    assert type(search) is Today
    assert (search.scoring, search.cv, search.error_score) == ('neg_log_loss', 3, 'raise')
    given = GridSearchCV(DummyClassifier(), {}, cv=4, error_score=0.0, scoring='accuracy')
    assert (given.scoring, given.cv, given.error_score) == ('accuracy', 4, 0.0)


def test_removed_arguments_dropped_renamed_or_refused_by_name(served):
    from sklearn.dummy import DummyRegressor
    from sklearn.grid_search import GridSearchCV
    from sklearn.cross_validation import cross_val_score
    with pytest.warns(Keras1Warning, match='iid= removed in scikit-learn 0.24'):
        GridSearchCV(DummyRegressor(), {}, iid=False)
    with pytest.raises(TypeError, match='GridSearchCV: fit_params= removed'):
        GridSearchCV(DummyRegressor(), {}, fit_params={'sample_weight': None})
    with pytest.raises(TypeError, match='multiple values'):
        GridSearchCV(DummyRegressor(), {}, param_grid={})
    x, y = np.arange(12.0).reshape(6, 2), np.arange(6.0)
    weights = np.array([1.0, 1.0, 1.0, 1.0, 3.0, 1.0])
    scores = cross_val_score(DummyRegressor(), x, y, fit_params={'sample_weight': weights}, cv=2)  # -> params=
    assert scores.shape == (2,)


def test_cross_val_score_three_folds_and_old_scoring_names(served):
    from sklearn.dummy import DummyRegressor
    from sklearn.cross_validation import cross_val_score, train_test_split
    from sklearn.model_selection import train_test_split as today
    assert train_test_split is today
    x, y = np.arange(18.0).reshape(9, 2), np.array([0., 1, 4, 9, 16, 25, 36, 49, 64])
    scores = cross_val_score(DummyRegressor(), x, y, 'mean_squared_error')   # 0.18: scoring fourth
    folds = np.split(np.arange(9), 3)      # 0.18 KFold(9, 3): contiguous, unshuffled
    expected = [-np.mean((y[test] - np.delete(y, test).mean()) ** 2) for test in folds]
    np.testing.assert_allclose(scores, expected)


def test_changed_names_say_so_and_uninstall_forgets(served):
    import sklearn.cross_validation as old
    with pytest.raises(AttributeError, match='KFold changed there.*port by hand'):
        old.KFold
    sklearn_modules.uninstall()
    assert 'sklearn.cross_validation' not in sys.modules
    with pytest.raises(ImportError):
        import sklearn.cross_validation  # noqa: F401


@pytest.mark.slow
def test_install_and_python_m_compat_serve_them(tmp_path):
    script = tmp_path / 'old_tuning.py'
    script.write_text(textwrap.dedent('''\
        from sklearn.grid_search import GridSearchCV
        from sklearn.dummy import DummyClassifier
        print(GridSearchCV(DummyClassifier(), {}, scoring='log_loss').cv)
    '''))
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL='3', TF_ENABLE_ONEDNN_OPTS='0', PYTHONPATH=ROOT)
    out = subprocess.run([sys.executable, '-m', 'compat', str(script)], capture_output=True, text=True, env=env,
                         cwd=str(tmp_path), timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    assert out.stdout.strip() == '3' and 'sklearn.grid_search (removed in scikit-learn 0.20)' in out.stderr
    check = ('import compat\ncompat.install(old_sklearn=False)\n'
             'try:\n    import sklearn.grid_search\nexcept ImportError:\n    print("refused")\n')
    out = subprocess.run([sys.executable, '-c', check], capture_output=True, text=True, env=env, timeout=300)
    assert out.stdout.strip() == 'refused', out.stderr[-3000:]
