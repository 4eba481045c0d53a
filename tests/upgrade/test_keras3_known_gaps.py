"""Keras 3 behaviours the upgrade's report and README name as gaps, checked against Keras 3 itself,
so the warnings stay true: when a Keras release fixes one, its test here fails and the warning
(fixers/layer_args.py NCHW_CAVEAT, given under --keep-channels-first; compat/upgrade/README.md
"Known gaps") should go.

The upgrade's default output runs 'th' layers channels-last, where Keras 3 adds a conv bias
along the last axis as it should; the gap is left to --keep-channels-first code, whose
channels_first Conv layers add their (1, C, 1, 1) bias with keras.ops.add. Checked on that op,
which runs on every CPU (a channels_first Conv2D itself needs oneDNN or a GPU there)."""
import numpy as np
import pytest


def _channels_first_bias_add(channels, width):
    import keras
    x = np.zeros((2, channels, 4, width), dtype='float32')
    bias = np.arange(1, channels + 1, dtype='float32').reshape(1, channels, 1, 1)
    return np.asarray(keras.ops.add(x, bias)), x + bias


def test_channels_first_bias_right_when_width_differs():
    got, want = _channels_first_bias_add(channels=3, width=5)
    np.testing.assert_array_equal(got, want)


def test_channels_first_bias_wrong_when_width_equals_channels():
    # keras 3.15 keras/src/backend/tensorflow/numpy.py add: x2 (1, 3, 1, 1) "looks like a bias" and
    # x1.shape[-1] == 3, so it becomes tf.nn.bias_add(..., data_format='NHWC'): added along the width
    pytest.importorskip('tensorflow')
    got, want = _channels_first_bias_add(channels=3, width=3)
    assert not np.array_equal(got, want), 'Keras fixed it: drop the NCHW bias warning'
