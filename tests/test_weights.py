"""Weights as Keras 1.2.2 held them: layouts per layer, the ``weights`` argument, set_weights,
load_weights/save_weights on HDF5 files (shapes checked, files written whole or not at all), and the
Theano kernel's flip.
"""
import os

import numpy as np
import pytest

from compat.keras import layers as L
from compat.keras.models import Sequential


def test_keras1_weight_layouts():
    model = Sequential()
    model.add(L.Convolution2D(4, 3, 2, input_shape=(3, 8, 8)))
    model.add(L.Flatten())
    model.add(L.RepeatVector(2))
    model.add(L.GRU(5, return_sequences=True))
    model.add(L.LSTM(6))
    shapes = [w.shape for w in model.get_weights()]
    assert shapes[:2] == [(4, 3, 3, 2), (4,)]
    assert shapes[2:11] == [(168, 5), (5, 5), (5,)] * 3
    assert shapes[11:] == [(5, 6), (6, 6), (6,)] * 4


def test_weights_argument_and_set_weights_check_shapes():
    w = [np.arange(6, dtype='float32').reshape(2, 3), np.ones(3, 'float32')]
    model = Sequential([L.Dense(3, input_dim=2, weights=w)])
    np.testing.assert_array_equal(model.get_weights()[0], w[0])
    with pytest.raises(ValueError, match=r'expects Keras 1 weights of shapes \[\(2, 3\), \(3,\)\]'):
        model.layers[0].set_weights([np.ones((3, 2)), np.ones(3)])


def test_theano_kernel_is_a_true_convolution():
    # a kernel with a single 1 at the top-left, applied by Theano as a convolution, picks the
    # pixel at the *bottom-right* of each window
    kernel = np.zeros((1, 1, 2, 2), 'float32')
    kernel[0, 0, 0, 0] = 1
    model = Sequential([L.Convolution2D(1, 2, 2, input_shape=(1, 3, 3),
                                                     weights=[kernel, np.zeros(1, 'float32')])])
    x = np.arange(9, dtype='float32').reshape(1, 1, 3, 3)
    np.testing.assert_array_equal(model.predict(x)[0, 0], [[4, 5], [7, 8]])
    model.layers[0].set_weights([kernel, np.zeros(1, 'float32')], backend='tensorflow')
    np.testing.assert_array_equal(model.predict(x)[0, 0], [[0, 1], [3, 4]])


def test_load_weights_refuses_a_mismatching_file_and_changes_nothing(tmp_path):
    a = Sequential([L.Dense(3, input_dim=2), L.Dense(4)])
    b = Sequential([L.Dense(3, input_dim=2), L.Dense(5)])
    path = str(tmp_path / 'a.h5')
    a.save_weights(path)
    before = b.get_weights()
    with pytest.raises(ValueError, match=r'a\.h5.*expects shapes \[\(3, 5\), \(5,\)\], the file has \[\(3, 4\), \(4,\)\]'):
        b.load_weights(path)
    for x, y in zip(before, b.get_weights()):
        np.testing.assert_array_equal(x, y)


def test_load_weights_errors_on_missing_and_non_hdf5_files(tmp_path):
    model = Sequential([L.Dense(3, input_dim=2)])
    with pytest.raises(FileNotFoundError, match='nothere.h5'):
        model.load_weights(str(tmp_path / 'nothere.h5'))
    bad = tmp_path / 'bad.h5'
    bad.write_text('not hdf5')
    with pytest.raises(ValueError, match='bad.h5 is not a readable HDF5 file'):
        model.load_weights(str(bad))


def test_save_weights_is_atomic(tmp_path):
    model = Sequential([L.Dense(3, input_dim=2)])
    path = tmp_path / 'w.h5'
    with pytest.raises(FileExistsError):
        path.write_text('keep me')
        model.save_weights(str(path), overwrite=False)
    assert path.read_text() == 'keep me'
    assert os.listdir(tmp_path) == ['w.h5']
