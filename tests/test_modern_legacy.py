"""modern/ computes what real Keras 1.2.2 computed for the seed caption model.

Fixture: tests/fixtures/keras1/seed_caption_small (made by tests/keras1/make.py under the Keras 1.2.2
Theano oracle): the seed architecture with vocab 300 and 3x32x32 images, its weights, inputs,
predictions, and the losses of 3 RMSprop train_on_batch steps.
"""
import os

import numpy as np
import pytest

from modern import legacy_weights as LW
from modern import model as M

FIX = os.path.join(os.path.dirname(__file__), "fixtures", "keras1", "seed_caption_small")


@pytest.fixture(scope="module")
def small():
    io = np.load(os.path.join(FIX, "io.npz"))
    weights = LW.read_keras1_h5(os.path.join(FIX, "weights.h5"))
    model = LW.from_keras1_weights(weights, max_len=16, image_shape=(32, 32, 3))
    return model, weights, io


def test_small_seed_matches_keras1_predictions(small):
    model, _, io = small
    images = io["x0"].transpose(0, 2, 3, 1)  # channels-first -> channels-last
    pred = model.predict([images, io["x1"].astype("int32")], verbose=0)
    np.testing.assert_allclose(pred, io["predictions0"], rtol=1e-3, atol=1e-5)


def test_small_seed_sizes_inferred_from_weights(small):
    _, weights, _ = small
    assert LW.infer_sizes(weights) == dict(vocab_size=300, max_len=16, image_shape=(32, 32, 3), rnn="gru")
    assert M.build_model(300, 16, (32, 32, 3)).count_params() == 982732  # summary.json total_params


def _keras1_rmsprop_steps(model, x, y, steps, lr=1e-3, rho=0.9, eps=1e-8):
    """Train with Keras 1's RMSprop rule; returns the loss of each step (before its update).

    keras 1.2.2 optimizers.py RMSprop.get_updates: a = rho a + (1 - rho) g^2;
    p -= lr g / (sqrt(a) + eps). (Keras 3's RMSprop divides by sqrt(a + eps) instead, which
    differs wherever gradients are small, so it is not the same rule.)
    """
    import keras
    import tensorflow as tf
    variables = model.trainable_variables
    acc = [np.zeros(v.shape, "float32") for v in variables]
    losses = []
    for _ in range(steps):
        with tf.GradientTape() as tape:
            loss = keras.ops.mean(keras.losses.categorical_crossentropy(y, model(x)))
        grads = [tf.convert_to_tensor(g).numpy() for g in tape.gradient(loss, variables)]
        for v, g, a in zip(variables, grads, acc):
            a[...] = rho * a + (1 - rho) * g * g
            v.assign(v.numpy() - lr * g / (np.sqrt(a) + eps))
        losses.append(float(loss))
    return losses


def test_small_seed_training_losses_match_keras1(small):
    """Same optimizer rule as the oracle's compile(optimizer='rmsprop') -> same losses, 3 steps."""
    _, weights, io = small
    model = LW.from_keras1_weights(weights, image_shape=(32, 32, 3))
    x = [io["x0"].transpose(0, 2, 3, 1), io["x1"].astype("int32")]
    before = model.predict(x, verbose=0)
    losses = _keras1_rmsprop_steps(model, x, io["y0"], 3)
    np.testing.assert_allclose(losses, io["losses"][:, 0], rtol=2e-3)
    # after training, as ../shared/oracle/check.py judges it: three steps amplify float rounding
    # (which differs with the CPU's kernels, oneDNN on or off), so rtol 1e-2 / atol 1e-4, and what
    # the steps changed within 10% of what they changed in Keras 1
    after = model.predict(x, verbose=0)
    np.testing.assert_allclose(after, io["after0"], rtol=1e-2, atol=1e-4)
    changed = io["after0"].astype("float64") - io["predictions0"]
    np.testing.assert_allclose(after - before, changed, rtol=0, atol=0.1 * np.abs(changed).max() + 1e-7)


def test_round_trip_small_is_exact(small):
    model, weights, _ = small
    back = LW.to_keras1_weights(model)
    assert [w.shape for w in back] == [w.shape for w in weights]
    for a, b in zip(back, weights):
        np.testing.assert_array_equal(a, b)


def test_full_size_seed_param_count_and_round_trip():
    """The seed's own sizes: 9,718,960 params (Keras 1.2.2 model.summary()), exact round trip."""
    model = M.build_model()
    assert model.count_params() == 9718960
    rng = np.random.RandomState(0)
    k1 = [rng.standard_normal(w.shape).astype("float32") for w in LW.to_keras1_weights(model)]
    assert [w.shape for w in k1][:3] == [(32, 3, 3, 3), (32,), (32, 32, 3, 3)]
    assert k1[8].shape == (64 * 22 * 22, 128) and len(k1) == 33
    back = LW.to_keras1_weights(LW.from_keras1_weights(k1, image_shape=(100, 100, 3)))
    for a, b in zip(back, k1):
        np.testing.assert_array_equal(a, b)


def test_layout_conversions_hand_derived():
    """Conv flip/transpose, Flatten row permutation and gate order against hand-made indices."""
    model = M.build_model(vocab_size=7, max_len=3, image_shape=(16, 16, 2))  # final map 1x1x64
    k1 = LW.to_keras1_weights(model)
    w = np.arange(32 * 2 * 3 * 3, dtype="float32").reshape(32, 2, 3, 3)
    k1[0] = w
    # GRU1: fill gate z with 1, r with 2, h with 3 -> Keras 3 kernel columns [1..|2..|3..]
    for gate, value in enumerate((1.0, 2.0, 3.0)):
        for j in range(3):
            k1[11 + 3 * gate + j] = np.full_like(k1[11 + 3 * gate + j], value)
    m = LW.from_keras1_weights(k1, max_len=3, image_shape=(16, 16, 2))
    kernel = m.get_layer("conv1").get_weights()[0]
    # true convolution: Keras 3 kernel[r, c, i, o] == W[o, i, 2 - r, 2 - c]
    assert kernel[0, 1, 1, 5] == w[5, 1, 2, 1]
    gru = m.get_layer("rnn1").get_weights()
    assert np.all(gru[0][:, :128] == 1) and np.all(gru[0][:, 128:256] == 2) and np.all(gru[2][256:] == 3)


def test_flatten_permutation_hand_derived():
    model = M.build_model(vocab_size=7, max_len=3, image_shape=(20, 20, 3))  # final map 2x2x64
    k1 = LW.to_keras1_weights(model)
    dense = np.zeros_like(k1[8])
    dense[1 * 4 + 1 * 2 + 0, 0] = 1.0  # Keras 1 row of (c=1, h=1, w=0) in a (64, 2, 2) map
    k1[8] = dense
    m = LW.from_keras1_weights(k1, max_len=3, image_shape=(20, 20, 3))
    rows = np.nonzero(m.get_layer("image_dense").get_weights()[0][:, 0])[0]
    assert rows.tolist() == [1 * 2 * 64 + 0 * 64 + 1]  # modern row of (h=1, w=0, c=1)


def test_bad_weight_list_is_rejected():
    with pytest.raises(ValueError, match="33 \\(GRU\\) or 39 \\(LSTM\\)"):
        LW.from_keras1_weights([np.zeros(3)] * 5)


class _FakeLegacy:
    """Duck-typed legacy model: the only interface modern/legacy_weights.py relies on."""

    def __init__(self, weights, input_shape):
        self.weights, self.input_shape = weights, input_shape

    def get_weights(self):
        return self.weights

    def set_weights(self, weights):
        self.weights = weights


def test_from_legacy_to_legacy(small):
    _, weights, io = small
    legacy = _FakeLegacy(weights, [(None, 3, 32, 32), (None, 16)])
    model = LW.from_legacy(legacy)
    assert M.sizes(model) == (300, 16, (32, 32, 3))
    target = _FakeLegacy([np.zeros_like(w) for w in weights], None)
    LW.to_legacy(model, target)
    for a, b in zip(target.weights, weights):
        np.testing.assert_array_equal(a, b)


def test_lstm_switch_round_trip():
    model = M.build_model(vocab_size=11, max_len=4, image_shape=(16, 16, 3), rnn="lstm")
    k1 = LW.to_keras1_weights(model)
    assert len(k1) == 39
    # Keras 1 LSTM order i, c, f, o; the forget bias (3rd gate in the list) starts at one
    np.testing.assert_array_equal(k1[11 + 3 * 2 + 2], np.ones(128))
    np.testing.assert_array_equal(k1[11 + 3 * 1 + 2], np.zeros(128))
    back = LW.to_keras1_weights(LW.from_keras1_weights(k1, max_len=4, image_shape=(16, 16, 3)))
    for a, b in zip(back, k1):
        np.testing.assert_array_equal(a, b)


def test_keras1_hard_sigmoid():
    x = np.array([-3.0, -2.5, -1.0, 0.0, 0.7, 2.5, 4.0], "float32")
    expected = np.clip(0.2 * x + 0.5, 0, 1)  # Theano T.nnet.hard_sigmoid
    np.testing.assert_allclose(np.asarray(M.keras1_hard_sigmoid(x)), expected, rtol=1e-6)
    with pytest.raises(ValueError, match="rnn='rnn'"):
        M.build_model(10, 3, (16, 16, 3), rnn="rnn")
