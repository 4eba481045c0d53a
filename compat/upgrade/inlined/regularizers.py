"""Keras 1.2.2 regularizers Keras 3 applies differently, as ``python -m compat upgrade`` inlines them.

Inlined by fixers/activity_regularizers.py (table.ACTIVITY_REGULARIZERS).
"""
import keras


# keras 1.2.2 regularizers.py L1L2Regularizer, as an activity regularizer
@keras.saving.register_keras_serializable(package="keras1")
class Keras1ActivityRegularizer(keras.regularizers.Regularizer):
    """Keras 1.2.2's activity penalty, l1 * sum(|x|) + l2 * sum(x ** 2) over the whole batch.
    Keras 3 divides a layer's activity penalty by the batch size: this returns it times that."""

    def __init__(self, l1=0.0, l2=0.0):
        self.l1, self.l2 = float(l1), float(l2)

    def __call__(self, x):
        penalty = self.l1 * keras.ops.sum(keras.ops.abs(x)) + self.l2 * keras.ops.sum(keras.ops.square(x))
        return penalty * keras.ops.cast(keras.ops.shape(x)[0], penalty.dtype)

    def get_config(self):
        return {"l1": self.l1, "l2": self.l2}
