"""Offline Keras 3 dataset cache for run_upgraded_examples.py (put this folder on PYTHONPATH).

Python imports ``sitecustomize`` at start-up. This one installs an import hook
that, as soon as ``keras.src.utils.file_utils`` has been executed, wraps its
``get_file`` -- before ``keras.utils`` and ``keras.src.datasets.*`` bind the
name with ``from ... import get_file`` -- so that:

* the file hash is not checked (the stand-ins from ``make_standins.py --keras3``
  are random data; Keras 3 would otherwise re-download on a mismatch), and
* a file missing from the cache raises FileNotFoundError naming it, instead of
  a download attempt (this machine has no network).

Everything else (cache path, archive extraction, the datasets' own parsing) is
Keras 3's unchanged code. Nothing here imports compat.
"""
import importlib.abc
import importlib.machinery
import os
import sys

TARGET = 'keras.src.utils.file_utils'


def _offline(get_file):
    def get_file_offline(fname=None, origin=None, *args, **kwargs):
        kwargs.pop('file_hash', None)
        kwargs.pop('md5_hash', None)
        kwargs.pop('force_download', None)
        cache_dir = os.path.expanduser(kwargs.get('cache_dir') or os.environ.get('KERAS_HOME', '~/.keras'))
        name = fname or (origin or '').split('/')[-1]
        folder = os.path.join(cache_dir, kwargs.get('cache_subdir', 'datasets'))
        # the names keras 3 file_utils.get_file looks for: the file itself, or '<name>_archive' when extracting
        candidates = [os.path.join(folder, name), os.path.join(folder, name + '_archive')]
        if not any(os.path.exists(c) for c in candidates):
            raise FileNotFoundError('offline stand-in cache has no %r (looked for %s; origin %s); '
                                    'run tests/keras1/coverage/make_standins.py --keras3'
                                    % (name, ' or '.join(candidates), origin))
        return get_file(fname, origin, *args, **kwargs)
    return get_file_offline


class _Hook(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name != TARGET:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return spec
        exec_module = spec.loader.exec_module

        def exec_and_patch(module):
            exec_module(module)
            module.get_file = _offline(module.get_file)
            sys.stderr.write('[offline stand-ins] keras get_file: no hash check, no download\n')
        spec.loader.exec_module = exec_and_patch
        return spec


sys.meta_path.insert(0, _Hook())
