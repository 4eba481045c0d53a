"""Before/after tests: optimizers (lr, decay, Keras 1 defaults). Defaults from keras 1.2.2
optimizers.py __init__ signatures."""
import pytest

from compat.upgrade.fixers import Optimizers

IMP = 'from keras.optimizers import SGD, Adam, Adagrad, Adadelta, RMSprop, Nadam\n'


@pytest.mark.parametrize('before, after', [
    ('Adam(lr=0.01)', 'Adam(learning_rate=0.01, epsilon=1e-8)'),
    ('SGD(lr=0.1, momentum=0.9, decay=1e-2, nesterov=True)',
     'SGD(learning_rate=keras.optimizers.schedules.InverseTimeDecay(0.1, decay_steps=1, '
     'decay_rate=1e-2), momentum=0.9, nesterov=True)'),
    ('SGD(0.1, 0.9)', 'SGD(learning_rate=0.1, momentum=0.9)'),
    # Keras 1's update rule (epsilon outside the sqrt): the inlined classes, Keras 1 defaults inside
    ('Adagrad(lr=0.05)', 'Keras1Adagrad(learning_rate=0.05)'),
    ('RMSprop(0.01, 0.8, decay=0.05)', 'Keras1RMSprop(learning_rate=keras.optimizers.schedules.'
                                       'InverseTimeDecay(0.01, decay_steps=1, decay_rate=0.05), rho=0.8)'),
    # keras 1.2.2 Optimizer.get_gradients clips by the norm of all gradients together
    ('Adam(clipnorm=1.0)', 'Adam(global_clipnorm=1.0, epsilon=1e-8)'),
    ('Adadelta()', 'Adadelta(learning_rate=1.0, epsilon=1e-8)'),
    ('RMSprop(decay=0.)', 'Keras1RMSprop()'),
    ('Adam(decay=0.1)', 'Adam(learning_rate=keras.optimizers.schedules.InverseTimeDecay(0.001, '
                        'decay_steps=1, decay_rate=0.1), epsilon=1e-8)'),
])
def test_optimizer_objects(run, before, after):
    new, _ = run(IMP + f'o = {before}\n', Optimizers)
    assert new == IMP + f'o = {after}\n'


def test_string_optimizer_in_compile(run):
    new, entries = run("model.compile(loss='mse', optimizer='rmsprop')\nm.compile('sgd', 'mse')\n",
                       Optimizers)
    assert new == ("model.compile(loss='mse', optimizer=Keras1RMSprop())\n"
                   "m.compile('sgd', 'mse')\n")
    assert all(e.severity == 'change' for e in entries)


@pytest.mark.parametrize('name, rho', [('Keras1RMSprop', 0.8), ('Keras1Adagrad', None)])
def test_inlined_optimizers_step_like_keras1(name, rho):
    # keras 1.2.2 optimizers.py get_updates, by hand: a = rho * a + (1 - rho) * g^2 (RMSprop) or
    # a + g^2 (Adagrad); p -= lr * g / (sqrt(a) + epsilon); an embedding-like sparse gradient
    # counts as dense (every accumulator row decays, as with Theano)
    import keras
    import numpy as np
    import tensorflow as tf
    from compat.upgrade.fixers.imports import HELPERS
    ns = {'keras': keras}
    exec(HELPERS[name], ns)
    opt = ns[name](learning_rate=0.1, **({'rho': rho} if rho else {}))
    p0 = np.array([[1.0, -2.0], [0.5, 0.25], [3.0, 1.0]], 'float32')
    v = keras.Variable(p0)
    grads = [np.array([[0.3, -0.1], [0.0, 0.0], [1e-5, 2.0]], 'float32'),
             tf.IndexedSlices(tf.constant([[0.2, 0.2]]), tf.constant([1]), tf.constant([3, 2]))]
    a, p = np.zeros_like(p0), p0.copy()
    for g in grads:
        opt.apply([g], [v])
        g = tf.convert_to_tensor(g).numpy()
        a = rho * a + (1 - rho) * g ** 2 if rho else a + g ** 2
        p = p - 0.1 * g / (np.sqrt(a) + 1e-8)
        np.testing.assert_allclose(v.numpy(), p, rtol=1e-5)


def test_inverse_time_decay_is_keras1_decay():
    # hand-derived Keras 1 rule: lr_t = lr / (1 + decay * t), t = iterations before the step
    import keras
    sched = keras.optimizers.schedules.InverseTimeDecay(0.1, decay_steps=1, decay_rate=0.01)
    for t in (0, 1, 10):
        assert float(sched(t)) == pytest.approx(0.1 / (1 + 0.01 * t), rel=1e-6)
