"""Keras 1.2.2 model methods Keras 3 lacks, as ``python -m compat upgrade`` inlines them (as functions).

Inlined by fixers/training.py (``model.predict_classes(x)`` -> ``keras1_predict_classes(model, x)``).
"""


# keras 1.2.2 models.py Sequential.predict_classes; Keras 3 has none
def keras1_predict_classes(model, x, batch_size=32, verbose=1):
    """Keras 1.2.2's Sequential.predict_classes: the most probable class, or probability > 0.5
    when the model has a single output column."""
    proba = model.predict(x, batch_size=batch_size, verbose=verbose)
    if proba.shape[-1] > 1:
        return proba.argmax(axis=-1)
    return (proba > 0.5).astype("int32")
