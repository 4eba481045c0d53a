"""The one place compat imports Keras 3.

An old ``~/.keras/keras.json`` written by Keras 1 says ``"backend": "theano"``;
Keras 3 would try to load that backend and fail. Compat always computes with
TensorFlow, so the backend is pinned through the environment variable (which
Keras 3 reads before the file) before Keras 3 is first imported.
"""
import os
import sys
import warnings

if 'keras' not in sys.modules or not hasattr(sys.modules['keras'], 'src'):
    _asked = os.environ.get('KERAS_BACKEND')
    if _asked and _asked != 'tensorflow':
        warnings.warn('compat: KERAS_BACKEND=%r ignored; compat always runs Keras 3 on TensorFlow '
                      '(Theano numerics are reproduced where Keras 1 differed).' % _asked)
    os.environ['KERAS_BACKEND'] = 'tensorflow'
os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '2')

import tensorflow as tf  # noqa: E402
import keras  # noqa: E402  (Keras 3)

__all__ = ['tf', 'keras']
