"""Keras 1 file cache, read-only (keras 1.2.2 utils/data_utils.py).

``get_file`` resolves the path Keras 1.2.2 would have downloaded to and
returns it when the file is there. It never downloads: a missing file raises
``FileNotFoundError`` naming the path to fill and the URL Keras 1 used.
"""
import hashlib
import os
import tarfile
import warnings

__all__ = ['get_file', 'validate_file', 'cache_dir']


def cache_dir(cache_subdir='datasets'):
    """``~/.keras/<cache_subdir>``, or ``/tmp/.keras/<cache_subdir>`` when ~/.keras is not writable
    (keras 1.2.2 data_utils.get_file)."""
    base = os.path.expanduser(os.path.join('~', '.keras'))
    if not os.access(base, os.W_OK):
        base = os.path.join('/tmp', '.keras')
    return os.path.join(base, cache_subdir)


def _candidates(cache_subdir):
    # Keras 1 fell back on /tmp/.keras when ~/.keras was unwritable; look in both so a
    # read-only home with a filled cache still works.
    home = os.path.join(os.path.expanduser(os.path.join('~', '.keras')), cache_subdir)
    tmp = os.path.join('/tmp', '.keras', cache_subdir)
    return [home] if home == tmp else [home, tmp]


def get_file(fname, origin, untar=False, md5_hash=None, cache_subdir='datasets'):
    """Path of the cached ``fname`` that keras 1.2.2 get_file would return; never downloads.

    With ``untar=True`` Keras 1 returned the extracted ``<cache>/<fname>``
    (from ``<fname>.tar.gz``): an existing extracted folder is returned, and a
    present ``.tar.gz`` is extracted next to it, as Keras 1 did.
    """
    for datadir in _candidates(cache_subdir):
        target = os.path.join(datadir, fname)
        if untar:
            if os.path.exists(target):
                return target
            archive = target + '.tar.gz'
            if os.path.exists(archive):
                _check_md5(archive, md5_hash)
                with tarfile.open(archive, 'r:gz') as tfile:
                    # the 'data' filter refuses absolute paths and links out of datadir
                    safe = {'filter': 'data'} if hasattr(tarfile, 'data_filter') else {}
                    tfile.extractall(path=datadir, **safe)
                return target
        elif os.path.exists(target):
            _check_md5(target, md5_hash)
            return target
    expected = os.path.join(_candidates(cache_subdir)[0], fname)
    what = ('the extracted folder %s (or the archive %s.tar.gz)' % (expected, expected)
            if untar else 'the file %s' % expected)
    raise FileNotFoundError(
        'compat never downloads: Keras 1.2.2 would fetch %s from %s. Put %s there (copy it from a '
        'machine that has it) and run again.' % (fname, origin, what))


def _check_md5(fpath, md5_hash):
    # Keras 1 re-downloaded a file whose md5 differed. With no download, a
    # stand-in or newer file is used as it is, with a warning.
    if md5_hash is not None and not validate_file(fpath, md5_hash):
        warnings.warn('%s does not match the md5 %s of the file Keras 1.2.2 downloaded; using it anyway.'
                      % (fpath, md5_hash))


def validate_file(fpath, md5_hash):
    """True when the file's md5 hex digest equals ``md5_hash`` (keras 1.2.2 data_utils.validate_file)."""
    hasher = hashlib.md5()
    with open(fpath, 'rb') as f:
        for chunk in iter(lambda: f.read(1 << 20), b''):
            hasher.update(chunk)
    return hasher.hexdigest() == str(md5_hash)

from compat.keras._reexports import reexported  # noqa: E402

__getattr__ = reexported(__name__)
