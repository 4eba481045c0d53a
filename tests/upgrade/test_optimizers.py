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
    # Keras 1's Nadam schedule (0.96 ** (t * schedule_decay)); Keras 3's has none
    ('Nadam(lr=0.01, schedule_decay=0.01)', 'Keras1Nadam(learning_rate=0.01, schedule_decay=0.01)'),
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
    from compat.upgrade.inlined import optimizers
    opt = getattr(optimizers, name)(learning_rate=0.1, **({'rho': rho} if rho else {}))
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


def test_dense_gradient_classes_where_the_file_uses_embedding(run):
    src = IMP + "e = Embedding(10, 3)\no = Adam(lr=0.01)\nm.compile(loss='mse', optimizer='adadelta')\n"
    new, _ = run(src, Optimizers)
    assert new.endswith("o = Keras1Adam(learning_rate=0.01, epsilon=1e-8)\n"
                        "m.compile(loss='mse', optimizer=Keras1Adadelta(learning_rate=1.0, epsilon=1e-8))\n")
    assert run(IMP + 'o = Adam(lr=0.01)\n', Optimizers)[0].endswith('o = Adam(learning_rate=0.01, epsilon=1e-8)\n')


def _sparse_and_dense():
    """An Embedding-like gradient with row 1 twice: as TensorFlow gives it, and as Theano summed it."""
    import tensorflow as tf
    sparse = tf.IndexedSlices(tf.constant([[0.2, -0.1], [0.3, 0.4]]), tf.constant([1, 1]), tf.constant([3, 2]))
    return sparse, tf.convert_to_tensor(sparse).numpy()


@pytest.mark.parametrize('name', ['Keras1Adam', 'Keras1Adamax', 'Keras1Adadelta'])
def test_dense_gradient_classes_step_as_on_the_summed_gradient(name):
    import keras
    import numpy as np
    from compat.upgrade.inlined import optimizers
    base = getattr(keras.optimizers, name[len('Keras1'):])
    sparse, dense = _sparse_and_dense()
    p0 = np.array([[1.0, -2.0], [0.5, 0.25], [3.0, 1.0]], 'float32')
    got, want, plain = keras.Variable(p0), keras.Variable(p0), keras.Variable(p0)
    getattr(optimizers, name)(learning_rate=0.1).apply([sparse], [got])
    base(learning_rate=0.1).apply([dense], [want])
    base(learning_rate=0.1).apply([sparse], [plain])
    np.testing.assert_allclose(got.numpy(), want.numpy(), rtol=1e-6)
    assert not np.allclose(plain.numpy(), want.numpy(), rtol=1e-4)   # what Keras 3 alone does


def test_inlined_nadam_steps_like_keras1():
    # keras 1.2.2 optimizers.py Nadam.get_updates, by hand with NumPy; the sparse gradient counts
    # as its dense sum (Theano)
    import keras
    import numpy as np
    from compat.upgrade.inlined.optimizers import Keras1Nadam
    lr, b1, b2, eps, sd = 0.01, 0.9, 0.999, 1e-8, 0.004
    opt = Keras1Nadam(learning_rate=lr)
    p0 = np.array([[1.0, -2.0], [0.5, 0.25], [3.0, 1.0]], 'float32')
    v = keras.Variable(p0)
    sparse, dense = _sparse_and_dense()
    grads = [(np.array([[0.3, -0.1], [0.0, 0.0], [1e-5, 2.0]], 'float32'),) * 2, (sparse, dense),
             (np.full((3, 2), -0.5, 'float32'),) * 2]
    p, m, u, schedule = p0.astype('float64'), 0.0, 0.0, 1.0
    for t, (g_in, g) in enumerate(grads, start=1):
        opt.apply([g_in], [v])
        cache, cache_next = (b1 * (1 - 0.5 * 0.96 ** (k * sd)) for k in (t, t + 1))
        schedule_new, schedule_next = schedule * cache, schedule * cache * cache_next
        m, u = b1 * m + (1 - b1) * g, b2 * u + (1 - b2) * g ** 2
        m_bar = (1 - cache) * g / (1 - schedule_new) + cache_next * m / (1 - schedule_next)
        p = p - lr * m_bar / (np.sqrt(u / (1 - b2 ** t)) + eps)
        schedule = schedule_new
        np.testing.assert_allclose(v.numpy(), p, rtol=1e-5, atol=1e-7)
