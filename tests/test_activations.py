"""compat.keras.activations against Keras 1.2.2 (Theano) outputs and gradients.

Fixtures: tests/fixtures/numerics/activations.npz, made by
tests/keras1/numerics/make_numerics.py under the Keras 1.2.2 oracle.
"""
import os

import numpy as np
import pytest

from compat._keras3 import tf
from compat.keras import activations

FIX = np.load(os.path.join(os.path.dirname(__file__), 'fixtures', 'numerics', 'activations.npz'))

VARIANTS = {
    'softmax': activations.softmax, 'elu': activations.elu, 'softplus': activations.softplus,
    'softsign': activations.softsign, 'relu': activations.relu, 'tanh': activations.tanh,
    'sigmoid': activations.sigmoid, 'hard_sigmoid': activations.hard_sigmoid,
    'linear': activations.linear,
    'relu_leaky': lambda x: activations.relu(x, alpha=0.1),
    'relu_max6': lambda x: activations.relu(x, max_value=6.),
    'relu_leaky_max6': lambda x: activations.relu(x, alpha=0.2, max_value=6.),
    'elu_alpha05': lambda x: activations.elu(x, alpha=0.5),
}
CASES = [(name, tag) for name in VARIANTS for tag in ('2', '3') if 'grad' not in name
         and '%s_%s' % (name, tag) in FIX.files]


@pytest.mark.parametrize('name,tag', CASES)
def test_value_and_gradient_match_keras1(name, tag):
    x = tf.constant(FIX['x' + tag])
    w = tf.constant(FIX['w' + tag])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = VARIANTS[name](x)
        total = tf.reduce_sum(y * w)
    grad = tape.gradient(total, x)
    np.testing.assert_allclose(y.numpy(), FIX['%s_%s' % (name, tag)], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(grad.numpy(), FIX['%s_grad_%s' % (name, tag)], rtol=1e-4, atol=1e-6)
    assert np.all(np.isfinite(grad.numpy()))


def test_theano_saturation_points():
    # Theano's float32 sigmoid is exactly 1 above 15; hard_sigmoid is clip(0.2x + 0.5, 0, 1).
    x = tf.constant([15.5, -2.5, 2.5, 0.])
    assert activations.sigmoid(x).numpy()[0] == 1.0
    np.testing.assert_array_equal(activations.hard_sigmoid(x).numpy(), [1., 0., 1., 0.5])


def test_softmax_rejects_4d():
    with pytest.raises(ValueError, match='ndim=4'):
        activations.softmax(tf.zeros((1, 2, 3, 4)))


def test_get_and_serialize():
    assert activations.get(None) is activations.linear
    assert activations.get('hard_sigmoid') is activations.hard_sigmoid
    custom = lambda x: x  # noqa: E731
    assert activations.get(custom) is custom
    for name in ('softmax', 'elu', 'softplus', 'softsign', 'relu', 'tanh', 'sigmoid',
                 'hard_sigmoid', 'linear'):
        assert activations.serialize(activations.get(name)) == name
    with pytest.raises(ValueError, match="'swish'.*hard_sigmoid"):
        activations.get('swish')
