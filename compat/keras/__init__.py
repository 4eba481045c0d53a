"""The Keras 1.2.2 public API, running on Keras 3 / TensorFlow.

``import compat.keras as keras`` in edited code, or ``compat.install()`` so an
unchanged ``import keras`` gets this package. Submodules mirror keras 1.2.2's
``keras/__init__.py`` and load on first use.
"""
import importlib

__version__ = '1.2.2'

_SUBMODULES = ('backend', 'datasets', 'engine', 'layers', 'preprocessing', 'utils', 'wrappers',
               'callbacks', 'constraints', 'initializations', 'metrics', 'models', 'objectives',
               'optimizers', 'regularizers', 'activations', 'applications')


def __getattr__(name):
    if name in _SUBMODULES:
        return importlib.import_module(__name__ + '.' + name)
    raise AttributeError("module 'keras' (compat, Keras 1.2.2 API) has no attribute %r" % name)


def __dir__():
    return sorted(list(globals()) + list(_SUBMODULES))
