"""Keras 1.2.2 activations Keras 3 computes differently, as ``python -m compat upgrade`` inlines them.

Inlined into an upgraded file by fixers/layer_args.py (``activation='hard_sigmoid'``).
"""
import keras


# keras 1.2.2 backend/theano_backend.py hard_sigmoid (T.nnet.hard_sigmoid): slope 0.2
@keras.saving.register_keras_serializable(package="keras1")
def keras1_hard_sigmoid(x):
    """Keras 1.2.2's hard sigmoid, clip(0.2 * x + 0.5, 0, 1); Keras 3's "hard_sigmoid" has slope 1/6."""
    return keras.ops.clip(0.2 * x + 0.5, 0.0, 1.0)
