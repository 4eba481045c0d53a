"""What the tests share: where the fixtures are, which Keras 1.2.2 cases hold which files, and importing a
file as a Keras 1 user's code (``import keras`` in it gives compat's Keras 1.2.2).

Test modules import it as ``helpers``: setup.cfg's ``[tool:pytest] pythonpath = tests`` puts this folder on
``sys.path`` (pytest runs with ``--import-mode=importlib``, which does not). tests/conftest.py holds the
pytest hooks.
"""
import contextlib
import importlib.util
import os
import pathlib
import subprocess
import sys

TESTS = pathlib.Path(__file__).parent
ROOT = TESTS.parent
FIXTURES = TESTS / 'fixtures'
# One folder per case, written by the real Keras 1.2.2 (tests/keras1/make.py): case.py (the Keras 1 code),
# model.json, weights.h5, full.h5, io.npz, summary.json.
KERAS1_FIXTURES = FIXTURES / 'keras1'
# Names a case.py defines for the fixture maker (tests/keras1/make.py), not as the model's custom objects.
_CASE_PROTOCOL = ('build', 'inputs', 'targets', 'warmup')


def parity_cases(has=()):
    """Sorted names of the Keras 1.2.2 fixture cases whose folder holds every file named in ``has``.

    >>> 'gru_masked' in parity_cases(has=('case.py', 'weights.h5'))
    True
    """
    has = (has,) if isinstance(has, str) else tuple(has)
    return sorted(p.name for p in KERAS1_FIXTURES.iterdir() if p.is_dir() and all((p / f).exists() for f in has))


@contextlib.contextmanager
def keras1_user_code():
    """Inside the block ``import keras`` gives compat's Keras 1.2.2 (compat.install()); Keras 3 after it."""
    import compat
    compat.install()
    try:
        yield
    finally:
        compat.uninstall()


def import_user_code(path, module_name):
    """The Python file ``path`` imported as a Keras 1 user's module named ``module_name``."""
    spec = importlib.util.spec_from_file_location(module_name, str(path))
    module = importlib.util.module_from_spec(spec)
    with keras1_user_code():
        spec.loader.exec_module(module)
    return module


def load_case(name):
    """tests/fixtures/keras1/NAME/case.py imported as user code (a fresh module each call)."""
    return import_user_code(KERAS1_FIXTURES / name / 'case.py', 'keras1_case_' + name)


def case_custom_objects(module):
    """The functions and classes a case module defines, as its Keras 1 user passed them in custom_objects."""
    return {k: v for k, v in vars(module).items() if callable(v) and getattr(v, '__module__', '') == module.__name__
            and k not in _CASE_PROTOCOL}


def numbered_arrays(io, prefix):
    """The arrays an .npz holds as PREFIX0, PREFIX1, ... in that order (a model's inputs, targets or outputs)."""
    keys = sorted((k for k in io.files if k.startswith(prefix) and k[len(prefix):].isdigit()),
                  key=lambda k: int(k[len(prefix):]))
    return [io[k] for k in keys]


def one_or_list(arrays):
    """One array as itself, several as a list: what a Keras 1 model with one or several inputs takes."""
    return arrays[0] if len(arrays) == 1 else arrays


def run_python(args, env=None, cwd=None):
    """``python ARGS`` in a fresh interpreter (in the repository root unless ``cwd``), TensorFlow's logs and
    Python's warnings silenced; the CompletedProcess with text stdout and stderr."""
    full_env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL='3', PYTHONWARNINGS='ignore')
    full_env.update(env or {})
    return subprocess.run([sys.executable] + list(args), capture_output=True, text=True, env=full_env,
                          cwd=str(cwd or ROOT), timeout=300)
