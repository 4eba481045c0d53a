"""Disk I/O helpers of Keras 1.2.2 (keras 1.2.2 utils/io_utils.py)."""
from collections import defaultdict

import numpy as np

try:
    import h5py
except ImportError:  # h5py is an install requirement; keep the Keras 1 message anyway
    h5py = None

__all__ = ['HDF5Matrix', 'save_array', 'load_array', 'ask_to_proceed_with_overwrite']


class HDF5Matrix(object):
    """A slice ``[start, end)`` of an HDF5 dataset that models accept instead of a numpy array.

    keras 1.2.2 io_utils.HDF5Matrix: files are opened once per path and shared
    (class attribute ``refs``); indexes (int, slice, list, int array) are
    relative to ``start``; ``normalizer`` is applied to every read.
    """
    refs = defaultdict(int)

    def __init__(self, datapath, dataset, start=0, end=None, normalizer=None):
        if h5py is None:
            raise ImportError('The use of HDF5Matrix requires HDF5 and h5py installed.')
        if datapath not in self.refs:
            # keras 1.2.2 used h5py.File(datapath) (mode 'a' in old h5py); read-only is enough.
            self.refs[datapath] = h5py.File(datapath, 'r')
        f = self.refs[datapath]
        if dataset not in f:
            raise KeyError('HDF5Matrix: no dataset %r in %s (it has: %s)' % (dataset, datapath, list(f.keys())))
        self.data = f[dataset]
        self.start = start
        self.end = self.data.shape[0] if end is None else end
        self.normalizer = normalizer

    def __len__(self):
        return self.end - self.start

    def _index(self, key):
        # keras 1.2.2 HDF5Matrix.__getitem__: shift by start, refuse anything reaching past end.
        if isinstance(key, slice):
            start = 0 if key.start is None else key.start
            stop = len(self) if key.stop is None else key.stop
            if stop + self.start <= self.end:
                return slice(start + self.start, stop + self.start)
        elif isinstance(key, (int, np.integer)):
            if key + self.start < self.end:
                return int(key) + self.start
        elif isinstance(key, np.ndarray):
            if np.max(key) + self.start < self.end:
                return (self.start + key).tolist()
        elif isinstance(key, list):
            if max(key) + self.start < self.end:
                return [k + self.start for k in key]
        else:
            raise TypeError('HDF5Matrix indices must be int, slice, list or int array; got %r' % (key,))
        raise IndexError('HDF5Matrix index %r out of range for length %d' % (key, len(self)))

    def __getitem__(self, key):
        data = self.data[self._index(key)]
        return self.normalizer(data) if self.normalizer is not None else data

    @property
    def shape(self):
        return (self.end - self.start,) + self.data.shape[1:]

    @property
    def dtype(self):
        return self.data.dtype

    @property
    def ndim(self):
        return len(self.shape)


def _tables():
    try:
        import tables
    except ImportError:
        raise ImportError('save_array/load_array need the optional PyTables package: pip install tables')
    return tables


def save_array(array, name):
    """keras 1.2.2 io_utils.save_array (PyTables carray ``data``)."""
    tables = _tables()
    f = tables.open_file(name, 'w')
    ds = f.create_carray(f.root, 'data', tables.Atom.from_dtype(array.dtype), array.shape)
    ds[:] = array
    f.close()


def load_array(name):
    """keras 1.2.2 io_utils.load_array."""
    tables = _tables()
    f = tables.open_file(name)
    array = f.root.data[:]
    f.close()
    return array


def ask_to_proceed_with_overwrite(filepath):
    """Ask on stdin whether to overwrite ``filepath`` (keras 1.2.2 io_utils.ask_to_proceed_with_overwrite)."""
    overwrite = input('[WARNING] %s already exists - overwrite? [y/n]' % filepath)
    while overwrite not in ('y', 'n'):
        overwrite = input('Enter "y" (overwrite) or "n" (cancel).')
    if overwrite == 'n':
        return False
    print('[TIP] Next time specify overwrite=True!')
    return True
