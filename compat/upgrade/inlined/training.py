"""Keras 1.2.2 engine/training.py functions Keras 3 lacks, as ``python -m compat upgrade`` inlines them.

Inlined by fixers/imports.py for ``from keras.engine.training import slice_X`` (table.INLINED_FUNCTIONS).
"""


# keras 1.2.2 engine/training.py slice_X
def slice_X(X, start=None, stop=None):
    """Keras 1.2.2's slice_X: X[start:stop] of an array or of each array in a list; `start` may
    be a list/array of indices (then `stop` is unused)."""
    def cut(x):
        if hasattr(start, "__len__"):
            return x[start.tolist() if hasattr(start, "shape") else start]
        return x[start:stop]
    return [cut(x) for x in X] if isinstance(X, list) else cut(X)
