"""``from keras.wrappers.scikit_learn import KerasClassifier`` -> Keras 1's wrappers, inlined.

Keras 3's ``keras.wrappers.SKLearnClassifier``/``SKLearnRegressor`` take ``model=`` a callable of
``(X, y, **model_kwargs)`` and nest its arguments in ``model_kwargs``/``fit_kwargs``, so a Keras 1
``KerasClassifier(build_fn, **sk_params)`` and the ``GridSearchCV`` grids over its sk_params
(``{'nb_epoch': [3, 6], 'dense_layer_sizes': [...]}``) have no one-to-one rewrite. The import goes,
and the classes of ``compat/upgrade/inlined/scikit_learn.py`` (Keras 1.2.2's BaseWrapper, KerasClassifier,
KerasRegressor on a plain Keras 3 model, as scikit-learn estimators) are copied after the imports,
with the imports they need. Calls stay as they are. An aliased import (``as KC``) is left to the
imports fixer's "needs a human" error.

Before::

    from keras.wrappers.scikit_learn import KerasClassifier
    clf = KerasClassifier(make_model, batch_size=32)

After::

    import inspect
    import keras
    import numpy as np
    from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin


    class BaseWrapper(BaseEstimator):
        ...


    class KerasClassifier(ClassifierMixin, BaseWrapper):
        ...


    clf = KerasClassifier(make_model, batch_size=32)
"""
from __future__ import annotations

import functools
import pathlib

import libcst as cst

from .base import Fixer, code, insert_after_imports

MODULE = 'keras.wrappers.scikit_learn'
SOURCE = pathlib.Path(__file__).parent.parent / 'inlined' / 'scikit_learn.py'
BASE = 'BaseWrapper'


@functools.lru_cache(maxsize=None)
def _source():
    """(import statements, {class name: ClassDef}) of inlined/scikit_learn.py."""
    module = cst.parse_module(SOURCE.read_text())
    imports = [s for s in module.body if isinstance(s, cst.SimpleStatementLine)
               and isinstance(s.body[0], (cst.Import, cst.ImportFrom))]
    return imports, {s.name.value: s for s in module.body if isinstance(s, cst.ClassDef)}


def _bindings(stmt) -> set:
    """{(bound name, what it is bound to)} of one import statement line."""
    out = set()
    for imp in stmt.body:
        if isinstance(imp, cst.Import):
            out.update((code(a.asname.name) if a.asname else code(a.name).split('.')[0], code(a.name))
                       for a in imp.names)
        elif isinstance(imp, cst.ImportFrom) and not isinstance(imp.names, cst.ImportStar):
            mod = '.' * len(imp.relative) + (code(imp.module) if imp.module else '')
            out.update((code(a.asname.name) if a.asname else code(a.name), f'{mod}.{code(a.name)}')
                       for a in imp.names)
    return out


class SklearnWrappers(Fixer):
    name = 'sklearn_wrappers'

    def __init__(self, ctx):
        super().__init__(ctx)
        self._used = set()

    def leave_ImportFrom(self, original, updated):
        if original.relative or original.module is None or code(original.module) != MODULE \
                or isinstance(updated.names, cst.ImportStar):
            return updated
        classes = _source()[1]
        if any(a.asname is not None or code(a.name) not in classes for a in updated.names):
            return updated                    # the imports fixer reports it (needs a human)
        for a in updated.names:
            self._used.add(code(a.name))
            self.change(original, f'{code(a.name)}: Keras 3 has no {MODULE} (keras.wrappers.'
                                  "SKLearnClassifier takes model=, model_kwargs=, fit_kwargs=); Keras "
                                  '1.2.2\'s wrapper, on a Keras 3 model, is inlined')
        return cst.RemoveFromParent()

    def leave_Module(self, original, updated):
        if not self._used:
            return updated
        imports, classes = _source()
        defined = {s.name.value for s in updated.body if isinstance(s, cst.ClassDef)}
        new = [classes[c] for c in classes if (c in self._used or c == BASE) and c not in defined]
        body = insert_after_imports(updated.body, new)
        have = set()
        for s in body:
            if isinstance(s, cst.SimpleStatementLine) and isinstance(s.body[0], (cst.Import, cst.ImportFrom)):
                have |= _bindings(s)
        missing = [s for s in imports if not _bindings(s) <= have]
        at = 1 + max((i for i, s in enumerate(body) if isinstance(s, cst.SimpleStatementLine)
                      and isinstance(s.body[0], (cst.Import, cst.ImportFrom))), default=-1)
        body[at:at] = [s.with_changes(leading_lines=[]) for s in missing]
        for c in new:
            self.change(original, f'class {c.name.value} (Keras 1.2.2\'s, on Keras 3) inserted after the imports')
        return updated.with_changes(body=body)
