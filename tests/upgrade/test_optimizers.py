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
    ('Adagrad(lr=0.05)', 'Adagrad(learning_rate=0.05, epsilon=1e-8, initial_accumulator_value=0.0)'),
    ('Adadelta()', 'Adadelta(learning_rate=1.0, epsilon=1e-8)'),
    ('RMSprop(decay=0.)', 'RMSprop(epsilon=1e-8)'),
    ('Adam(decay=0.1)', 'Adam(learning_rate=keras.optimizers.schedules.InverseTimeDecay(0.001, '
                        'decay_steps=1, decay_rate=0.1), epsilon=1e-8)'),
])
def test_optimizer_objects(run, before, after):
    new, _ = run(IMP + f'o = {before}\n', Optimizers)
    assert new == IMP + f'o = {after}\n'


def test_string_optimizer_in_compile(run):
    new, entries = run("model.compile(loss='mse', optimizer='rmsprop')\nm.compile('sgd', 'mse')\n",
                       Optimizers)
    assert new == ("model.compile(loss='mse', optimizer=RMSprop(epsilon=1e-8))\n"
                   "m.compile('sgd', 'mse')\n")
    assert any(e.severity == 'warning' for e in entries)   # eps placement approximation


def test_inverse_time_decay_is_keras1_decay():
    # hand-derived Keras 1 rule: lr_t = lr / (1 + decay * t), t = iterations before the step
    import keras
    sched = keras.optimizers.schedules.InverseTimeDecay(0.1, decay_steps=1, decay_rate=0.01)
    for t in (0, 1, 10):
        assert float(sched(t)) == pytest.approx(0.1 / (1 + 0.01 * t), rel=1e-6)
