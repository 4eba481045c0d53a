"""keras1-compat: Keras 1.2.2 code and models, number for number, on Keras 3 / TensorFlow.

- ``import compat.keras as keras`` in edited code gives the Keras 1.2.2 API;
- ``compat.install()`` makes an unchanged ``import keras`` (and ``from
  keras.layers.core import Dense``...) in *your* code give it, while Keras 3
  and TensorFlow keep importing the real Keras 3; ``compat.uninstall()`` undoes it;
  ``compat.install()`` covers every way code reaches Keras (``importlib.import_module``,
  ``unittest.mock.patch``, ``pickle``, ``sys.modules['keras']``...), by one rule,
  :func:`wants_keras1`, and restores NumPy's removed aliases (``old_numpy=True``) and scikit-learn's
  removed modules (``old_sklearn=True``);
- ``python -m compat SCRIPT.py [ARGS...]`` runs a Keras 1 script unchanged.

Keras 1 idioms warn once each with a :class:`Keras1Warning` naming the Keras 3
spelling; silence them with ``warnings.simplefilter('ignore', compat.Keras1Warning)``.
"""
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

# -- which Keras a caller sees: decided here, and only here -------------------------------------
# Code of these packages sees the real Keras 3 even while compat is installed.
_KERAS3_USERS = frozenset(['keras', 'tensorflow', 'tf_keras', 'tensorboard', 'compat', 'modern', 'bench',
                           'absl', 'optree', 'namex', 'h5py', 'ml_dtypes'])
# Code that reaches Keras on someone else's behalf (a test runner resolving 'keras.x.y' for a test's
# monkeypatch, np.load or joblib unpickling the caller's Tokenizer); like the standard library, it
# passes the decision to the code that called it.
_GO_BETWEENS = frozenset(['_pytest', 'pytest', 'pluggy', 'mock', 'nose', 'numpy', 'joblib', 'dill', 'cloudpickle'])
_INSTALLED = (os.sep + 'site-packages' + os.sep, os.sep + 'dist-packages' + os.sep)
_STDLIB = frozenset(getattr(sys, 'stdlib_module_names', ())) - {'__main__'}
_kinds = {}


def _kind(module_globals):
    """'keras1' for the user's code, 'keras3' for installed packages and compat itself, 'pass' for the
    standard library and go-betweens (the code that called them decides)."""
    name = module_globals.get('__name__') or ''
    path = module_globals.get('__file__') or ''
    key = (name, path)
    kind = _kinds.get(key)
    if kind is None:
        top = name.split('.')[0]
        installed = any(part in path for part in _INSTALLED)
        if top in _KERAS3_USERS:
            kind = 'keras3'
        elif top in _GO_BETWEENS or (top in _STDLIB and (installed or not path or _in_stdlib(path))):
            kind = 'pass'
        else:
            kind = 'keras3' if installed else 'keras1'
        _kinds[key] = kind
    return kind


def _in_stdlib(path):
    import sysconfig
    return os.path.abspath(path).startswith(os.path.join(sysconfig.get_paths()['stdlib'], ''))


def wants_keras1(frame=None):
    """Whether the code running ``frame`` (default: the caller's) sees compat's Keras 1.

    The one decision behind every way code reaches Keras while compat is installed (``import``,
    ``__import__``, ``importlib.import_module``, ``pkgutil.resolve_name``, ``unittest.mock.patch``,
    ``pickle``, ``sys.modules['keras']``): frames of the standard library and of go-betweens
    (pytest) are passed over; the first other frame decides: the user's code sees Keras 1,
    installed packages (TensorFlow, Keras 3 itself) and compat see Keras 3. No deciding frame: Keras 3.
    """
    frame = frame or sys._getframe(1)
    while frame is not None:
        kind = _kind(frame.f_globals)
        if kind != 'pass':
            return kind == 'keras1'
        frame = frame.f_back
    return False


_real = {}  # what install() replaced: name -> the original


def _is_keras_name(name):
    return name == 'keras' or name.startswith('keras.')


def _import(name, globals=None, locals=None, fromlist=(), level=0):
    """``builtins.__import__`` while installed: ``keras...`` from the user's code is ``compat.keras...``."""
    # the importing frame (an import statement's, or the caller of __import__, or of pickle.load)
    if level == 0 and _is_keras_name(name) and wants_keras1(sys._getframe(1)):
        module = _real['__import__']('compat.' + name, globals, locals, fromlist, 0)
        for shown in [name] + ['%s.%s' % (name, item) for item in fromlist or () if item != '*']:
            _show_in_sys_modules(shown)  # from keras import backend: sys.modules['keras.backend'] too
        return module if fromlist else sys.modules['compat.keras']
    return _keras3_module(_real['__import__'](name, globals, locals, fromlist, level))


def _keras3_module(module):
    """Keras 3's own module where the import system found compat's two-sided sys.modules entry."""
    if not isinstance(module, _KerasModule):
        return module
    try:
        return _KerasModule._compat_keras3(module)
    except AttributeError as e:
        raise ModuleNotFoundError(str(e)) from None


def _import_module(name, package=None):
    """``importlib.import_module`` while installed (so also ``pkgutil.resolve_name``)."""
    absolute = name
    if name.startswith('.'):
        import importlib.util
        absolute = importlib.util.resolve_name(name, package)
    if _is_keras_name(absolute) and wants_keras1(sys._getframe(1)):
        module = _real['import_module']('compat.' + absolute)
        _show_in_sys_modules(absolute)
        return module
    return _keras3_module(_real['import_module'](name, package))


def _get_target(target):
    """``unittest.mock``'s target parser while installed: ``patch('keras.x.y')`` written in the user's
    code patches compat's ``keras.x``, decided where the patch is written (a decorator runs it later,
    called by the test runner, with no user frame left to ask)."""
    if isinstance(target, str) and _is_keras_name(target) and wants_keras1(sys._getframe(1)):
        target = 'compat.' + target
    return _real['_get_target'](target)


_NOT_IN_KERAS3 = object()


class _KerasModule(type(sys)):
    """What ``sys.modules['keras...']`` holds while compat is installed: compat's module to the user's
    code (a ``sys.modules['keras']`` lookup, ``pickle`` resolving ``keras.preprocessing.text.Tokenizer``),
    Keras 3's to everyone else, each attribute decided by :func:`wants_keras1`."""

    def __init__(self, name, keras3):
        super().__init__(name)
        type(sys).__getattribute__(self, '__dict__')['_compat_keras3'] = keras3

    def _compat_target(self):
        if wants_keras1(sys._getframe(2)):
            return sys.modules['compat.' + type(sys).__getattribute__(self, '__dict__')['__name__']]
        return _KerasModule._compat_keras3(self)

    def _compat_keras3(self):
        own = type(sys).__getattribute__(self, '__dict__')
        name = own['__name__']
        if own['_compat_keras3'] is None:  # Keras 3's side asks for a module Keras 3 had not loaded
            del sys.modules[name]
            try:
                own['_compat_keras3'] = _real['import_module'](name)
            except ImportError:
                own['_compat_keras3'] = _NOT_IN_KERAS3
            finally:
                sys.modules[name] = self
        if own['_compat_keras3'] is _NOT_IN_KERAS3:
            raise AttributeError('Keras 3 has no module %s: only compat (for user code) has it' % name)
        return own['_compat_keras3']

    def __getattribute__(self, attr):
        return getattr(_KerasModule._compat_target(self), attr)

    def __setattr__(self, attr, value):
        setattr(_KerasModule._compat_target(self), attr, value)

    def __delattr__(self, attr):
        delattr(_KerasModule._compat_target(self), attr)

    def __dir__(self):
        return dir(_KerasModule._compat_target(self))

    def __repr__(self):
        return repr(_KerasModule._compat_target(self))


def _show_in_sys_modules(name):
    """``sys.modules`` entries for ``name`` and its parents answer the user's code with compat's modules."""
    parts = name.split('.')
    for i in range(1, len(parts) + 1):
        key = '.'.join(parts[:i])
        current = sys.modules.get(key)
        if not isinstance(current, _KerasModule) and 'compat.' + key in sys.modules:
            sys.modules[key] = _KerasModule(key, current)


_restored_numpy_aliases = []


def restore_numpy_aliases(note='this script'):
    """Give old code the NumPy names it was written against that NumPy has removed (each one NumPy
    lacks, as what it was an alias of: ``np.float`` is ``float``, ``np.alltrue`` is ``np.all``; the
    table is ``compat.spec.numpy_names``, shared with the upgrader), with one note."""
    import builtins
    import numpy as np
    from compat.spec.numpy_names import REMOVED_NUMPY_NAMES
    missing = [name for name in REMOVED_NUMPY_NAMES if name not in np.__dict__]
    for name in missing:
        module, _, attr = REMOVED_NUMPY_NAMES[name].rpartition('.')
        setattr(np, name, getattr(np if module else builtins, attr))
    _restored_numpy_aliases.extend(missing)
    if missing:
        import warnings
        from compat.keras.engine.arguments import Keras1Warning
        warnings.warn('compat: np.%s are restored for %s as what they were aliases of (np.float is float, '
                      'np.alltrue is np.all; NumPy 1.24 and 2.0 removed them)' % (', np.'.join(missing), note),
                      Keras1Warning)


def _user_code_re_split(pattern, string, maxsplit=0, flags=0):
    """``re.split`` while installed with python36_re_split=True: Python 3.6's for the user's code."""
    from compat.__main__ import python36_split
    if _kind(sys._getframe(1).f_globals) == 'keras1':
        return python36_split(pattern, string, maxsplit, flags)
    return _real['re.split'](pattern, string, maxsplit, flags)


def install(old_numpy=True, python36_re_split=False, old_sklearn=True):
    """Make ``import keras`` (and every other way of reaching Keras) in *user code* give compat's
    Keras 1.2.2 API; Keras 3, TensorFlow and other installed packages keep Keras 3.

    ``old_numpy`` (default on): the NumPy aliases old code used (``np.float``, ``np.int``...,
    removed in NumPy 1.24) come back as the Python builtins, as ``python -m compat`` gives scripts;
    they only turn an AttributeError into what the code meant.
    ``python36_re_split`` (default off, since it changes what working code computes): ``re.split``
    in the user's code splits as Python 3.6 did (empty matches never split; the bAbI examples'
    tokenizer needs it); the standard library and installed packages keep today's.
    ``old_sklearn`` (default on): where scikit-learn is installed, the modules scikit-learn 0.20
    removed (``sklearn.grid_search``, ``sklearn.cross_validation``, ``sklearn.learning_curve``) import
    again, served from ``sklearn.model_selection`` with 0.18's arguments and defaults and a note
    (:mod:`compat.sklearn_modules`); they only turn an ImportError into what the code meant.
    """
    import builtins
    import importlib
    import re
    import unittest.mock
    from compat import _keras3  # noqa: F401  (Keras 3 loads first, under its own name)
    if not _real:
        _real.update({'__import__': builtins.__import__, 'import_module': importlib.import_module,
                      '_get_target': unittest.mock._get_target})
        builtins.__import__ = _import
        importlib.import_module = _import_module
        unittest.mock._get_target = _get_target
        importlib.import_module('compat.keras')
        _show_in_sys_modules('keras')
    if old_numpy:
        restore_numpy_aliases('this code')
    if old_sklearn:
        from compat import sklearn_modules
        sklearn_modules.install()
    if python36_re_split and 're.split' not in _real:
        _real['re.split'] = re.split
        re.split = _user_code_re_split


def uninstall():
    """Undo :func:`install`: ``import keras`` gives Keras 3 again, NumPy and ``re`` are as they were."""
    import builtins
    import importlib
    import re
    import unittest.mock
    if not _real:
        return
    builtins.__import__ = _real.pop('__import__')
    importlib.import_module = _real.pop('import_module')
    unittest.mock._get_target = _real.pop('_get_target')
    if 're.split' in _real:
        re.split = _real.pop('re.split')
    for key, module in list(sys.modules.items()):
        if isinstance(module, _KerasModule):
            keras3 = type(sys).__getattribute__(module, '__dict__')['_compat_keras3']
            if keras3 is None or keras3 is _NOT_IN_KERAS3:
                del sys.modules[key]
            else:
                sys.modules[key] = keras3
    from compat import sklearn_modules
    sklearn_modules.uninstall()
    import numpy as np
    while _restored_numpy_aliases:
        delattr(np, _restored_numpy_aliases.pop())


def installed():
    return bool(_real)


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
