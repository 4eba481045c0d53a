"""Code that ``python -m compat upgrade`` copies into upgraded files, kept as real modules.

Where Keras 3 has nothing that computes what Keras 1.2.2 did, the upgrade inserts a small function
or class into the user's file after its imports, so that the file imports only ``keras`` (and
NumPy, Pillow, scikit-learn): never compat. Each module here holds such definitions, grouped by
the Keras 1.2.2 module they stand for (``optimizers.py``: Keras1RMSprop...);
``compat/scipy_misc.py``, which the runtime puts back on ``scipy.misc``, holds SciPy 1.1's
``imsave``/``imread``, copied the same way.
Every definition is self-contained: it uses module-level ``keras`` and the builtins only, and
imports anything else inside itself.

``layers.py`` (Highway, MaxoutDense...) and ``scikit_learn.py`` (Keras 1's KerasClassifier...) are
copied class by class by fixers/keras1_layers.py and fixers/sklearn_wrappers.py, the latter
with the imports at its top.

The upgrade reads these files as text (it never imports Keras); tests import them. What is copied
is a top-level definition exactly as written here, its decorators and docstring included, without
the comment lines above it (they name the Keras 1.2.2 source)::

    >>> print(source('slice_X').splitlines()[0])
    def slice_X(X, start=None, stop=None):
"""
from __future__ import annotations

import functools
import pathlib

import libcst as cst

_HERE = pathlib.Path(__file__).parent
# The modules whose top-level definitions fixers/imports.py copies by name (ctx.helpers).
MODULES = tuple(_HERE / f'{name}.py' for name in (
    'activations', 'objectives', 'optimizers', 'regularizers', 'pooling', 'models', 'training',
)) + (_HERE.parent.parent / 'scipy_misc.py',)


@functools.lru_cache(maxsize=None)
def _definitions() -> dict:
    """{name: libcst FunctionDef or ClassDef} of every top-level definition in MODULES."""
    found = {}
    for path in MODULES:
        for stmt in cst.parse_module(path.read_text()).body:
            if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
                if stmt.name.value in found:
                    raise ValueError(f'{stmt.name.value} is defined twice in {MODULES}')
                found[stmt.name.value] = stmt.with_changes(leading_lines=[])
    return found


def definition(name: str):
    """The libcst node of the top-level function or class ``name``, without leading lines."""
    try:
        return _definitions()[name]
    except KeyError:
        raise KeyError(f'{name}: no such definition in compat/upgrade/inlined') from None


def source(name: str) -> str:
    """The text the upgrade copies for ``name``: its definition, decorators included."""
    return cst.Module(body=[definition(name)]).code
