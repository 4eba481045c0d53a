"""Keras 3 behaviours the upgrade's report and README name as gaps, checked against Keras 3 itself,
so the warnings stay true: when a Keras release fixes one, its test here fails and the warning
(fixers/layer_args.py NCHW_CAVEAT, compat/upgrade/README.md "Known gaps") should go."""
import numpy as np
import pytest


def _bias_gradient(filters, width_out):
    import keras
    import tensorflow as tf
    kw = 3
    model = keras.Sequential([keras.Input((4, 4, width_out + kw - 1)),
                              keras.layers.Conv2D(filters, (2, kw), data_format='channels_first')])
    rng = np.random.RandomState(0)
    x = rng.randn(5, 4, 4, width_out + kw - 1).astype('float32')
    t = rng.randn(5, filters, 3, width_out).astype('float32')
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(model(x) * t)
    got = tape.gradient(loss, model.layers[0].bias).numpy()
    return got, t.sum(axis=(0, 2, 3))     # d/db of sum(out * t): t summed over all but channels


def test_channels_first_bias_right_when_width_differs():
    got, want = _bias_gradient(filters=3, width_out=5)
    np.testing.assert_allclose(got, want, rtol=1e-4)


def test_channels_first_bias_wrong_when_width_equals_filters():
    # keras 3.15 keras/src/backend/tensorflow/numpy.py add: x2 (1, 3, 1, 1) "looks like a bias" and
    # x1.shape[-1] == 3, so it becomes tf.nn.bias_add(..., data_format='NHWC')
    pytest.importorskip('tensorflow')
    got, want = _bias_gradient(filters=3, width_out=3)
    assert not np.allclose(got, want, rtol=1e-4), 'Keras fixed it: drop the NCHW bias warning'
