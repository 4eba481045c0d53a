"""keras 1.2.2 callbacks.py CSVLogger and TensorBoard (which compat writes without the tensorboard package)."""
import csv
import os

import numpy as np
import pytest

from compat.keras import callbacks
from compat.keras.layers import Dense
from compat.keras.models import Sequential


def test_csv_logger_reused_with_append_writes_one_header(tmp_path):
    path = str(tmp_path / 'log.csv')
    logger = callbacks.CSVLogger(path, separator=';', append=True)
    for _ in range(2):  # one logger, two fits: the second appends rows under the same header
        logger.on_train_begin()
        logger.on_epoch_end(0, {'loss': 0.5, 'acc': np.float32(1.0)})
        logger.on_train_end()
    with open(path) as f:
        rows = list(csv.reader(f, delimiter=';'))
    assert rows == [['epoch', 'acc', 'loss'], ['0', '1.0', '0.5'], ['0', '1.0', '0.5']]


def test_tensorboard_writes_scalars_without_the_tensorboard_package(tmp_path):
    import tensorflow as tf
    board = callbacks.TensorBoard(log_dir=str(tmp_path), histogram_freq=1)
    board.set_model(Sequential([Dense(1, input_dim=2)]))
    board.on_train_begin()
    board.on_epoch_end(0, {'loss': 0.25})
    board.on_train_end()
    (event_file,) = os.listdir(tmp_path)
    values = {}
    for event in tf.compat.v1.train.summary_iterator(str(tmp_path / event_file)):
        for v in event.summary.value:
            values[v.tag] = v
    assert values['loss'].simple_value == pytest.approx(0.25) or \
        float(tf.make_ndarray(values['loss'].tensor)) == pytest.approx(0.25)
    assert len(values) >= 3  # the loss and the Dense layer's two weights
