"""Alias so ``from keras.backend import theano_backend as K`` resolves.

Keras 1.2.2 ``keras/backend/theano_backend.py``; compat has one backend, whose
numbers already follow Theano (see ``compat.keras.backend``).
"""
from compat.keras.backend import *  # noqa: F401,F403
from compat.keras.backend import __all__  # noqa: F401

from compat.keras._reexports import reexported  # noqa: E402

__getattr__ = reexported(__name__)
