"""scikit-learn 0.18's modules that Keras 1 era scripts imported, served from ``sklearn.model_selection``.

Keras 1.2.2's mnist_sklearn_wrapper (and the tuning scripts of its time) start with ``from
sklearn.grid_search import GridSearchCV``; scikit-learn 0.20 removed ``sklearn.grid_search``,
``sklearn.cross_validation`` and ``sklearn.learning_curve``, so such a script dies on its imports.
While compat is installed (``compat.install()``, ``python -m compat``) and scikit-learn is, an import
of one of these modules that scikit-learn itself no longer answers gets a module built from the
upgrader's table (compat/upgrade/table.py ``SKLEARN_MODULES``, ``SKLEARN_CALLS``,
``SKLEARN_SCORING``, ``SKLEARN_REMOVED_ARGS``: the same rewrite ``python -m compat upgrade`` writes
into source), with one note when it is first imported:

- the names whose calls still work are today's ``sklearn.model_selection`` objects;
- the calls of ``SKLEARN_CALLS`` take scikit-learn 0.18's signature and defaults: positional arguments
  by 0.18's order, ``cv`` left out or None is 3 folds (0.18 ``check_cv``; 5 since 0.22), a failing fit
  raises (0.18 ``error_score='raise'``; today's default records NaN), the scoring names 0.20 removed
  are their ``neg_`` names (the old scorers negated these losses already: the same values),
  ``iid=`` is dropped with a note (removed in 0.24), ``fit_params=`` is today's ``params=`` where the
  call has it and refused with what to do where it does not;
- the names whose constructors changed (``KFold(n, n_folds)``...) are not served: touching one says so.

    import compat
    compat.install()
    from sklearn.grid_search import GridSearchCV      # scikit-learn 0.18's module and name
    search = GridSearchCV(KerasClassifier(build), {'nb_epoch': [3, 6]}, scoring='log_loss')  # 3 folds
"""
import ast
import functools
import importlib
import importlib.abc
import importlib.util
import inspect
import sys
import warnings

def _table():
    from compat.upgrade import table   # the upgrader's table: one source for both
    return table


def old_call(today, name):
    """``today`` (a sklearn.model_selection function or class) called with scikit-learn 0.18's
    signature and defaults for ``name`` (table.SKLEARN_CALLS); returns what ``today`` returns."""
    table = _table()
    params, _ = table.SKLEARN_CALLS[name]
    takes = inspect.signature(today).parameters

    @functools.wraps(today)
    def call(*args, **kwargs):
        if len(args) > len(params):
            raise TypeError('%s takes at most %d positional arguments in scikit-learn 0.18 (%s); got %d'
                            % (name, len(params), ', '.join(params), len(args)))
        for param, value in zip(params, args):
            if param in kwargs:
                raise TypeError('%s got multiple values for argument %r' % (name, param))
            kwargs[param] = value
        scoring = kwargs.get('scoring')
        if isinstance(scoring, str) and scoring in table.SKLEARN_SCORING:
            kwargs['scoring'] = table.SKLEARN_SCORING[scoring]
        if 'iid' in kwargs:
            kwargs.pop('iid')
            warnings.warn('compat: %s: iid= %s; dropped' % (name, table.SKLEARN_REMOVED_ARGS['iid']), _warning())
        if 'fit_params' in kwargs:
            fit_params = kwargs.pop('fit_params')
            if 'params' not in takes:
                raise TypeError('%s: fit_params= %s' % (name, table.SKLEARN_REMOVED_ARGS['fit_params']))
            if fit_params is not None:
                kwargs['params'] = fit_params
        for param, (value, calls) in table.SKLEARN_OLD_DEFAULTS.items():
            if name in calls and kwargs.get(param) is None:
                kwargs[param] = ast.literal_eval(value)
        return today(**kwargs)
    call.__doc__ = ('scikit-learn 0.18 %s (compat.sklearn_modules.old_call): today\'s sklearn.model_selection.%s '
                    'with 0.18\'s arguments and defaults.' % (name, name))
    return call


def _warning():
    from compat.keras.engine.arguments import Keras1Warning
    return Keras1Warning


class _OldModules(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Last on ``sys.meta_path``: asked only for modules no other finder found."""

    def find_spec(self, fullname, path=None, target=None):
        if not fullname.startswith('sklearn.') or fullname not in _table().SKLEARN_MODULES:
            return None
        return importlib.util.spec_from_loader(fullname, self)

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        table = _table()
        old = module.__name__
        new_name, moved = table.SKLEARN_MODULES[old]
        new = importlib.import_module(new_name)
        for name in sorted(moved):
            today = getattr(new, name)
            setattr(module, name, old_call(today, name) if name in table.SKLEARN_CALLS else today)
        module.__all__ = sorted(moved)

        def changed(attr):
            raise AttributeError('%s was removed in scikit-learn 0.20; compat serves %s from %s; %s changed '
                                 'there (cross-validators take n_splits and are iterated with .split(X, y)): '
                                 'port by hand' % (old, ', '.join(sorted(moved)), new_name, attr))
        module.__getattr__ = changed
        warnings.warn('compat: %s (removed in scikit-learn 0.20) is served from %s for this code: %s, with '
                      "scikit-learn 0.18's arguments and defaults (cv=3 folds, error_score='raise', old scoring "
                      'names)' % (old, new_name, ', '.join(sorted(moved))), _warning())


_FINDER = _OldModules()


def install():
    """Serve the old modules where scikit-learn is installed; return whether it is."""
    if importlib.util.find_spec('sklearn') is None:
        return False
    if _FINDER not in sys.meta_path:
        sys.meta_path.append(_FINDER)
    return True


def uninstall():
    """Stop serving them; forget the modules served."""
    if _FINDER in sys.meta_path:
        sys.meta_path.remove(_FINDER)
    for name, module in list(sys.modules.items()):
        if getattr(getattr(module, '__spec__', None), 'loader', None) is _FINDER:
            del sys.modules[name]
            parent, _, child = name.rpartition('.')
            if getattr(sys.modules.get(parent), child, None) is module:
                delattr(sys.modules[parent], child)
