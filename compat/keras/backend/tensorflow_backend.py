"""Alias so ``from keras.backend import tensorflow_backend as K`` resolves.

Keras 1.2.2 ``keras/backend/tensorflow_backend.py``; compat has one backend
(TensorFlow 2 underneath, Theano numerics; see ``compat.keras.backend``).
"""
from compat.keras.backend import *  # noqa: F401,F403
from compat.keras.backend import __all__  # noqa: F401
