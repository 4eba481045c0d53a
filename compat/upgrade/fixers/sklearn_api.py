"""scikit-learn calls of the Keras 1 era (0.18) that today's scikit-learn removed or changed.

Keras 1 scripts tuned models with ``sklearn.grid_search.GridSearchCV`` (mnist_sklearn_wrapper).
The tables are ``table.SKLEARN_*``:

- **Modules removed in 0.20** (grid_search, cross_validation, learning_curve) -> sklearn.model_selection
  for the names that kept their calls; the others (``KFold(n, n_folds)``...) get a warning.
- **Positional arguments** (of the removed modules' functions) past today's keyword-only marker become keywords, by the 0.18
  signature (``GridSearchCV(est, grid, 'log_loss')`` -> ``GridSearchCV(est, grid, scoring=...)``).
- **Old defaults** (``table.SKLEARN_OLD_DEFAULTS``): ``cv`` left out meant 3 folds until 0.22 (now 5)
  and a failing fit raised (``error_score='raise'``; today's default records NaN): both are written,
  in calls of sklearn.model_selection too (0.18 had it, with those defaults).
- **scoring** names removed in 0.20 -> their ``neg_`` names (same values: the old scorers
  negated these losses already).
- ``iid=`` (removed in 0.24) is dropped with a warning; ``fit_params=`` is left with one.

Before::

    from sklearn.grid_search import GridSearchCV
    search = GridSearchCV(clf, param_grid=grid, scoring='log_loss')

After::

    from sklearn.model_selection import GridSearchCV
    search = GridSearchCV(clf, param_grid=grid, scoring='neg_log_loss', cv=3, error_score='raise')
"""
from __future__ import annotations

import libcst as cst
from libcst.metadata import QualifiedNameProvider, QualifiedNameSource

from .. import table
from .base import Fixer, code, find_kwarg, fix_commas, kwarg, try_literal


class SklearnApi(Fixer):
    name = 'sklearn_api'

    def _sklearn_name(self, func) -> tuple[str, str] | tuple[None, None]:
        """('sklearn.grid_search', 'GridSearchCV') when `func` is bound by an import from a
        removed module or from sklearn.model_selection, else (None, None)."""
        try:
            names = self.get_metadata(QualifiedNameProvider, func)
        except KeyError:
            return None, None
        for q in names:
            mod, _, name = q.name.rpartition('.')
            if q.source == QualifiedNameSource.IMPORT and (
                    mod in table.SKLEARN_MODULES or mod == 'sklearn.model_selection'):
                return mod, name
        return None, None

    def leave_ImportFrom(self, original, updated):
        mod = code(original.module) if original.module is not None and not original.relative else ''
        if mod not in table.SKLEARN_MODULES or isinstance(updated.names, cst.ImportStar):
            return updated
        new_mod, moved = table.SKLEARN_MODULES[mod]
        stuck = [code(a.name) for a in updated.names if code(a.name) not in moved]
        if stuck:
            self.warn(original, f'{mod} was removed in scikit-learn 0.20; {", ".join(stuck)} changed '
                                f'in {new_mod} (cross-validators take n_splits and are iterated with '
                                '.split(X, y)): port by hand')
            return updated
        self.change(original, f'{mod} -> {new_mod} (removed in scikit-learn 0.20)')
        return updated.with_changes(module=cst.parse_expression(new_mod))

    def leave_Import(self, original, updated):
        for alias in original.names:
            if code(alias.name) in table.SKLEARN_MODULES:
                self.warn(original, f'{code(alias.name)} was removed in scikit-learn 0.20: import its '
                                    f'names from {table.SKLEARN_MODULES[code(alias.name)][0]}')
        return updated

    def leave_Call(self, original, updated):
        mod, name = self._sklearn_name(original.func)
        if name not in table.SKLEARN_CALLS:
            return updated
        params, positional = table.SKLEARN_CALLS[name]
        args = list(updated.args)
        for i, a in enumerate(args):                      # keyword-only today
            if mod in table.SKLEARN_MODULES and a.keyword is None and not a.star and \
                    positional <= i < len(params):
                args[i] = a.with_changes(keyword=cst.Name(params[i]), equal=kwarg('_', a.value).equal)
                self.change(original, f'{name}: argument {i + 1} -> {params[i]}= (keyword-only now)')
        call = updated.with_changes(args=args)
        kept = []
        for a in call.args:
            key = a.keyword.value if a.keyword is not None else None
            if key == 'scoring' and try_literal(a.value) in table.SKLEARN_SCORING:
                new = table.SKLEARN_SCORING[try_literal(a.value)]
                a = a.with_changes(value=cst.SimpleString(repr(new)))
                self.change(original, f'scoring={code(a.value)} (the name scikit-learn 0.20 kept; '
                                      'same values)')
            if key == 'iid':
                self.warn(original, f'{name}: iid= {table.SKLEARN_REMOVED_ARGS["iid"]}; dropped')
                continue
            if key == 'fit_params':
                self.warn(original, f'{name}: fit_params= {table.SKLEARN_REMOVED_ARGS["fit_params"]}')
            kept.append(a)
        for param, (value, calls) in table.SKLEARN_OLD_DEFAULTS.items():
            if name in calls and find_kwarg(call, param) is None and not any(a.star for a in kept):
                kept.append(kwarg(param, cst.parse_expression(value)))
                self.change(original, f'{name}: {param}={value} written (the scikit-learn 0.18 default; '
                                      'today\'s differs)')
        return call.with_changes(args=fix_commas(kept))
