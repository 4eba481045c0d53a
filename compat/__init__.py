"""keras1-compat: Keras 1.2.2 code and models, number for number, on Keras 3 / TensorFlow.

- ``import compat.keras as keras`` in edited code gives the Keras 1.2.2 API;
- ``compat.install()`` makes an unchanged ``import keras`` (and ``from
  keras.layers.core import Dense``...) in *your* code give it, while Keras 3
  and TensorFlow keep importing the real Keras 3; ``compat.uninstall()`` undoes it;
- ``python -m compat SCRIPT.py [ARGS...]`` runs a Keras 1 script unchanged.

Keras 1 idioms warn once each with a :class:`Keras1Warning` naming the Keras 3
spelling; silence them with ``warnings.simplefilter('ignore', compat.Keras1Warning)``.
"""
import builtins
import os
import sys

__version__ = '0.1.0'
KERAS1_VERSION = '1.2.2'


def _pin_keras3_backend():
    """Keras 3 must run on TensorFlow even where a Keras 1 keras.json or KERAS_BACKEND says
    'theano' (Keras 3 would fail to import). Done on ``import compat``, before Keras 3 loads."""
    if 'keras' in sys.modules:
        return
    asked = os.environ.get('KERAS_BACKEND')
    if asked and asked != 'tensorflow':
        import warnings
        warnings.warn('compat: KERAS_BACKEND=%r ignored; compat runs Keras 3 on TensorFlow and reproduces '
                      "Theano's numerics where Keras 1 differed" % asked)
    os.environ['KERAS_BACKEND'] = 'tensorflow'


_pin_keras3_backend()

# Modules that import the real Keras 3 even while compat is installed.
_KERAS3_USERS = frozenset(['keras', 'tensorflow', 'tf_keras', 'tensorboard', 'compat', 'modern', 'bench',
                           'absl', 'optree', 'namex', 'h5py', 'ml_dtypes'])
_real_import = None


def _wants_keras1(importer_globals):
    """Keras 1 for the user's code; Keras 3 for installed packages and compat itself."""
    if not importer_globals:
        return True
    name = importer_globals.get('__name__') or ''
    if name.split('.')[0] in _KERAS3_USERS:
        return False
    path = importer_globals.get('__file__') or ''
    return not any(part in path for part in (os.sep + 'site-packages' + os.sep, os.sep + 'dist-packages' + os.sep))


def _import(name, globals=None, locals=None, fromlist=(), level=0):
    if level == 0 and (name == 'keras' or name.startswith('keras.')) and _wants_keras1(globals):
        module = _real_import('compat.' + name, globals, locals, fromlist, 0)
        return module if fromlist else sys.modules['compat.keras']
    return _real_import(name, globals, locals, fromlist, level)


def install():
    """Make ``import keras`` in user code give compat's Keras 1.2.2 API."""
    global _real_import
    from compat import _keras3  # noqa: F401  (Keras 3 loads first, under its own name)
    if _real_import is None:
        _real_import = builtins.__import__
        builtins.__import__ = _import


def uninstall():
    """Undo :func:`install`: ``import keras`` gives Keras 3 again."""
    global _real_import
    if _real_import is not None:
        builtins.__import__ = _real_import
        _real_import = None


def installed():
    return _real_import is not None


def __getattr__(name):
    if name == 'Keras1Warning':
        from compat.keras.engine.arguments import Keras1Warning
        return Keras1Warning
    if name == 'keras':
        import importlib
        return importlib.import_module('compat.keras')
    if name == 'load_keras1_weights':
        from compat.convert import load_keras1_weights
        return load_keras1_weights
    raise AttributeError("module 'compat' has no attribute %r" % name)
