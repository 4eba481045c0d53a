"""The one place compat imports Keras 3.

An old ``~/.keras/keras.json`` written by Keras 1 says ``"backend": "theano"``;
Keras 3 would try to load that backend and fail. Compat always computes with
TensorFlow, so the backend is pinned through the environment variable (which
Keras 3 reads before the file) before Keras 3 is first imported.
"""
import os
import compat  # noqa: F401,E402  (pins KERAS_BACKEND before Keras 3 loads)
os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '2')

import tensorflow as tf  # noqa: E402
import keras  # noqa: E402  (Keras 3)

__all__ = ['tf', 'keras']
