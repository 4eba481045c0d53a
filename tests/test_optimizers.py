"""compat.keras.optimizers against Keras 1.2.2 (Theano) update rules.

Fixtures: tests/fixtures/numerics/optimizers.npz and configs.json ('optimizers'),
made by tests/keras1/numerics/make_numerics.py: two params (3x4, 4) take 4 steps
of fixed gradients (loss = sum(p * g), so dloss/dp == g); the params after each
step, get_weights() at the end (Keras 1 order) and get_config() are recorded.
"""
import json
import os

import numpy as np
import pytest

from compat._keras3 import tf
from compat.keras import constraints, optimizers

HERE = os.path.join(os.path.dirname(__file__), 'fixtures', 'numerics')
FIX = np.load(os.path.join(HERE, 'optimizers.npz'))
with open(os.path.join(HERE, 'configs.json')) as _f:
    CASES = json.load(_f)['optimizers']
N_STEPS = 4


def _run(case, through_tf_function):
    spec = CASES[case]
    params = [tf.Variable(FIX['init_%d' % i]) for i in range(2)]
    opt = getattr(optimizers, spec['class_name'])(**spec['kwargs'])
    cons = [None, None]
    for i, (cname, cargs) in spec['constraints'].items():
        cons[int(i)] = getattr(constraints, cname)(**cargs)
    opt.build(params)
    step_fn = opt.apply_gradients
    if through_tf_function:
        step_fn = tf.function(lambda g0, g1: opt.apply_gradients([g0, g1], params, cons))
    history = []
    for step in range(N_STEPS):
        if str(step) in spec['lr_changes']:
            opt.lr.assign(spec['lr_changes'][str(step)])  # what K.set_value does
        grads = [tf.constant(FIX['grad_%d_%d' % (step, i)]) for i in range(2)]
        if through_tf_function:
            step_fn(*grads)
        else:
            step_fn(grads, params, cons)
        history.append([p.numpy() for p in params])
    return opt, history


@pytest.mark.parametrize('case', sorted(CASES))
def test_steps_and_weights_match_keras1(case):
    opt, history = _run(case, through_tf_function=True)
    for step, values in enumerate(history):
        for i, value in enumerate(values):
            np.testing.assert_allclose(value, FIX['%s__step%d_param%d' % (case, step, i)],
                                       rtol=1e-5, atol=1e-6,
                                       err_msg='%s step %d param %d' % (case, step, i))
    weights = opt.get_weights()
    spec = CASES[case]
    assert [list(w.shape) for w in weights] == spec['weight_shapes']
    for j, w in enumerate(weights):
        np.testing.assert_allclose(w, FIX['%s__weight%d' % (case, j)], rtol=1e-5, atol=1e-6,
                                   err_msg='%s weight %d' % (case, j))
    assert opt.get_config() == spec['config']


@pytest.mark.parametrize('case', ['sgd_nesterov_decay', 'adam_decay_clipvalue', 'nadam_default'])
def test_eager_steps_match_too(case):
    _, history = _run(case, through_tf_function=False)
    np.testing.assert_allclose(history[-1][0], FIX['%s__step%d_param0' % (case, N_STEPS - 1)],
                               rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize('case', ['adam_default', 'sgd_nesterov_decay', 'adadelta_default',
                                  'rmsprop_default'])
def test_set_weights_round_trip_resumes_identically(case):
    """Keras 1 ``model.save`` -> load: a fresh optimizer from the config, given the saved
    weights after 3 steps, takes step 4 exactly as the original did.

    (Not so with decay for RMSprop/Adagrad/Adadelta: Keras 1 left ``iterations`` out of
    their weights, so a reloaded one restarts the decay schedule -- as compat does.)"""
    spec = CASES[case]
    params = [tf.Variable(FIX['init_%d' % i]) for i in range(2)]
    first = getattr(optimizers, spec['class_name'])(**spec['kwargs'])
    for step in range(N_STEPS - 1):
        first.apply_gradients(_grads(step), params)
    saved = first.get_weights()

    fresh = optimizers.get({'class_name': spec['class_name'], 'config': spec['config']})
    restored = [tf.Variable(p.numpy()) for p in params]
    fresh.build(restored)
    with pytest.raises(ValueError, match='expected %d arrays' % len(saved)):
        fresh.set_weights(saved[:-1])
    fresh.set_weights(saved)
    fresh.apply_gradients(_grads(N_STEPS - 1), restored)
    for i in range(2):
        np.testing.assert_allclose(restored[i].numpy(),
                                   FIX['%s__step%d_param%d' % (case, N_STEPS - 1, i)],
                                   rtol=1e-5, atol=1e-6)


def _grads(step):
    return [tf.constant(FIX['grad_%d_%d' % (step, i)]) for i in range(2)]


def test_hyperparameters_are_variables():
    opt = optimizers.SGD(lr=0.1, momentum=0.9, decay=0.01)
    for name in ('lr', 'momentum', 'decay', 'iterations'):
        assert isinstance(getattr(opt, name), tf.Variable)
    opt.lr.assign(0.5)
    assert opt.get_config()['lr'] == 0.5
    assert isinstance(optimizers.Adadelta().rho, float)  # a Python number in Keras 1 too


def test_iterations_move_only_where_keras1_moved_them():
    p = [tf.Variable(np.ones(3, 'float32'))]
    g = [tf.constant(np.ones(3, 'float32'))]
    for cls, decay, moves in ((optimizers.SGD, 0., False), (optimizers.SGD, 0.1, True),
                              (optimizers.RMSprop, 0., False), (optimizers.Adam, 0., True)):
        opt = cls(decay=decay)
        opt.apply_gradients(g, [tf.Variable(p[0].numpy())])
        assert float(opt.iterations.numpy()) == (1. if moves else 0.), cls.__name__


def test_indexed_slices_gradients_are_densified():
    """A token repeated in a batch: Keras 1 summed its rows into one dense gradient."""
    emb = tf.Variable(np.zeros((4, 2), 'float32'))
    sparse = tf.IndexedSlices(tf.constant([[1., 1.], [1., 1.]]), tf.constant([1, 1]),
                              tf.constant([4, 2]))
    opt = optimizers.Adagrad(lr=1.0)
    opt.apply_gradients([sparse], [emb])
    # dense g row 1 = [2, 2]; adagrad step = lr * g / (sqrt(g**2) + eps) = 1 per entry
    np.testing.assert_allclose(emb.numpy()[1], [-1., -1.], rtol=1e-6)
    np.testing.assert_allclose(emb.numpy()[[0, 2, 3]], 0.)


def test_get_forms_and_errors():
    assert isinstance(optimizers.get('rmsprop'), optimizers.RMSprop)
    assert optimizers.get('sgd', {'lr': 0.5}).get_config()['lr'] == 0.5
    opt = optimizers.Nadam()
    assert optimizers.get(opt) is opt
    assert optimizers.get({'name': 'adam', 'lr': 0.01}).get_config()['lr'] == pytest.approx(0.01)
    with pytest.raises(ValueError, match="'adamw'"):
        optimizers.get('adamw')
    with pytest.raises(TypeError, match='momentum'):
        optimizers.Adam(momentum=0.9)
    with pytest.raises(ValueError, match='No gradient'):
        optimizers.SGD().apply_gradients([None], [tf.Variable([1.])])
    assert optimizers.SGD().weights == []  # Keras 1: empty until the train function is made
