"""Losses and metrics that close over graph tensors other than (y_true, y_pred).

keras 1.2.2 examples/variational_autoencoder.py adds a KL term of the encoder's ``z_mean``/``z_log_var``
(module globals) to its loss. Oracle parity for such a loss (closure variant: losses, metrics, predictions
after training) is the fixture tests/fixtures/keras1/symbolic_loss_vae, checked by tests/test_parity.py.
Here: the module-globals variant against hand-derived numbers (keras 1.2.2 engine/training.py
weighted_objective, objectives.binary_crossentropy), the gradient the KL term alone sends to a layer the
output does not depend on, fit/validation, loss_weights, and the errors.
"""
import numpy as np
import pytest

import compat.keras as keras
from compat.keras import backend as K
from compat.keras import objectives
from compat.keras.layers import Dense, Input, merge
from compat.keras.models import Model
from compat.keras.optimizers import SGD

DIM, LATENT = 6, 2
z_mean = z_log_var = None  # set by _vae(), read by vae_loss as in the Keras 1 example


def vae_loss(x, x_decoded_mean):
    xent_loss = DIM * objectives.binary_crossentropy(x, x_decoded_mean)
    kl_loss = - 0.5 * K.sum(1 + z_log_var - K.square(z_mean) - K.exp(z_log_var), axis=-1)
    return xent_loss + kl_loss


def _vae(lr=0.1):
    """The decoder reads [z_mean, z_log_var] with zero weights for z_log_var: so the output is a function of
    z_mean, and in the first step z_log_var's layer gets a gradient from the KL term alone."""
    global z_mean, z_log_var
    np.random.seed(3)
    x = Input(shape=(DIM,))
    h = Dense(5, activation='tanh')(x)
    z_mean = Dense(LATENT)(h)
    z_log_var = Dense(LATENT)(h)
    decoder = Dense(DIM, activation='sigmoid')
    out = decoder(merge([z_mean, z_log_var], mode='concat'))
    w, b = decoder.get_weights()
    w[LATENT:] = 0
    decoder.set_weights([w, b])
    model = Model(x, out)
    model.compile(optimizer=SGD(lr=lr), loss=vae_loss)
    return model, Model(x, h), Model(x, [z_mean, z_log_var])


def _data(n=8):
    rng = np.random.RandomState(0)
    return rng.rand(n, DIM).astype('float32'), rng.rand(n, DIM).astype('float32')


def _bce(t, p):
    # keras 1.2.2 theano_backend.binary_crossentropy: clip to [eps, 1 - eps], then T.nnet.binary_crossentropy
    p = np.clip(p.astype('float64'), 1e-7, 1 - 1e-7)
    return -(t * np.log(p) + (1 - t) * np.log(1 - p)).mean(axis=-1)


def _per_sample(model, latent, x, y):
    m, lv = latent.predict(x)
    kl = -0.5 * (1 + lv - m ** 2 - np.exp(lv)).sum(axis=-1)
    return DIM * _bce(y, model.predict(x)) + kl


def test_loss_with_sample_weights_is_keras1s_weighted_objective():
    model, _, latent = _vae()
    x, y = _data()
    w = np.array([1, 0, 2, 1, 0, 3, 1, 1], dtype='float32')
    scores = _per_sample(model, latent, x, y)
    # keras 1.2.2 weighted_objective: mean(score * w) / mean(w != 0)
    want = np.mean(scores * w) / np.mean(w != 0)
    assert model.test_on_batch(x, y, sample_weight=w) == pytest.approx(want, rel=1e-4)
    assert model.evaluate(x, y, batch_size=3, verbose=0) == pytest.approx(scores.mean(), rel=1e-4)


def test_the_kl_term_sends_its_gradient_to_the_tensors_it_closes_over():
    model, hidden, latent = _vae(lr=0.1)
    x, y = _data()
    layer = z_log_var._keras_history[0]
    assert layer in model.layers
    w0, b0 = [a.astype('float64') for a in layer.get_weights()]
    h = hidden.predict(x).astype('float64')
    lv = h @ w0 + b0
    # d mean_i(KL_i) / d lv = -0.5 (1 - exp(lv)) / n; plain SGD moves by -lr times the gradient
    g = -0.5 * (1 - np.exp(lv)) / len(x)
    want = _per_sample(model, latent, x, y).mean()
    assert model.train_on_batch(x, y) == pytest.approx(want, rel=1e-4)  # Keras 1: the loss before the update
    w1, b1 = layer.get_weights()
    np.testing.assert_allclose(w1 - w0, -0.1 * h.T @ g, rtol=1e-3, atol=1e-6)
    np.testing.assert_allclose(b1 - b0, -0.1 * g.sum(axis=0), rtol=1e-3, atol=1e-6)


def test_fit_reports_keras1_logs_with_validation():
    model, _, latent = _vae()
    x, y = _data()
    val_want = _per_sample(model, latent, x, y).mean()
    model.compile(optimizer=SGD(lr=0.), loss=vae_loss)  # lr 0: the validation loss stays the initial one
    history = model.fit(x, y, batch_size=4, nb_epoch=2, verbose=0, validation_data=(x, y))
    assert sorted(history.history) == ['loss', 'val_loss']
    np.testing.assert_allclose(history.history['val_loss'], [val_want] * 2, rtol=1e-4)
    np.testing.assert_allclose(history.history['loss'], [val_want] * 2, rtol=1e-4)


def test_two_outputs_loss_weights_and_a_metric_that_closes_over_a_tensor():
    model, _, latent = _vae()
    two = Model(model.input, [model.output, z_mean])

    def kl(y_true, y_pred):
        return K.mean(-0.5 * K.sum(1 + z_log_var - K.square(z_mean) - K.exp(z_log_var), axis=-1))

    two.compile(optimizer='sgd', loss=[vae_loss, 'mse'], loss_weights=[0.5, 2.0], metrics={two.output_names[0]: [kl]})
    x, y = _data()
    t = np.full((len(x), LATENT), 0.25, 'float32')
    m, lv = latent.predict(x)
    first = _per_sample(model, latent, x, y).mean()
    second = ((m - t) ** 2).mean()
    kl_want = (-0.5 * (1 + lv - m ** 2 - np.exp(lv)).sum(axis=-1)).mean()
    assert len(two.metrics_names) == 4 and two.metrics_names[3].endswith('_kl')
    got = two.test_on_batch(x, [y, t])
    np.testing.assert_allclose(got, [0.5 * first + 2.0 * second, first, second, kl_want], rtol=1e-4)


def test_ordinary_losses_keep_the_plain_path():
    model, _, _ = _vae()
    model.compile(optimizer='sgd', loss='binary_crossentropy', metrics=['mse', lambda a, b: K.mean(b)])
    assert model._captures is None


def test_a_tensor_of_another_model_is_refused_at_compile():
    model, _, _ = _vae()
    other = Dense(2)(Input(shape=(3,)))

    def foreign(y_true, y_pred):
        return objectives.mse(y_true, y_pred) + K.sum(other, axis=-1)

    with pytest.raises(ValueError, match=r"\['foreign'\] use tensors that are not computed from the inputs"):
        model.compile(optimizer='sgd', loss=foreign)


def test_a_tensor_compat_cannot_find_gets_advice():
    model, _, _ = _vae()
    holder = keras.layers  # any object: the tensor is reached through an attribute, which is not scanned
    holder._test_symbolic_loss_z = z_mean
    try:
        def hidden(y_true, y_pred):
            return objectives.mse(y_true, y_pred) + K.sum(holder._test_symbolic_loss_z, axis=-1)

        model.compile(optimizer='sgd', loss=hidden)
        x, y = _data()
        with pytest.raises(ValueError, match="'hidden' uses a symbolic tensor of the model graph that compat could "
                                             "not find"):
            model.train_on_batch(x, y)
    finally:
        del holder._test_symbolic_loss_z


def test_a_layer_off_the_output_path_is_not_trained():
    """keras 1.2.2 Container collects its layers from the outputs back and training updates only their
    weights: a loss term of a tensor whose layer is off that path does not train that layer (seen in 1.2.2)."""
    np.random.seed(3)
    x = Input(shape=(DIM,))
    off = Dense(LATENT)(x)
    model = Model(x, Dense(DIM)(x))

    def loss(y_true, y_pred):
        return objectives.mse(y_true, y_pred) + K.sum(K.exp(off), axis=-1)

    model.compile(optimizer=SGD(lr=0.1), loss=loss)
    layer = off._keras_history[0]
    before = [w.copy() for w in layer.get_weights()]
    model.train_on_batch(*_data())
    for got, want in zip(layer.get_weights(), before):
        np.testing.assert_array_equal(got, want)
