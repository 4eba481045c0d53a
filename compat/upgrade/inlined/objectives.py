"""Keras 1.2.2 objectives Keras 3 computes differently, as ``python -m compat upgrade`` inlines them.

Inlined by fixers/losses.py (table.LOSS_NAMES).
"""
import keras


# keras 1.2.2 objectives.py cosine_proximity
@keras.saving.register_keras_serializable(package="keras1")
def keras1_cosine_proximity(y_true, y_pred):
    """Keras 1.2.2's cosine_proximity, -mean(l2_normalize(y_true) * l2_normalize(y_pred), axis=-1)
    (Theano's l2_normalize: x / sqrt(sum(x ** 2)), no epsilon). Keras 3's cosine_similarity sums."""
    y_true = y_true / keras.ops.sqrt(keras.ops.sum(keras.ops.square(y_true), axis=-1, keepdims=True))
    y_pred = y_pred / keras.ops.sqrt(keras.ops.sum(keras.ops.square(y_pred), axis=-1, keepdims=True))
    return -keras.ops.mean(y_true * y_pred, axis=-1)
