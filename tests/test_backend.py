"""compat.keras.backend against real Keras 1.2.2 (Theano) numbers.

Fixtures come from tests/keras1/backend/make_fixtures.py run under the
Keras 1.2.2 oracle: every case in cases.json is replayed here as
``K.<fn>(*inputs, **kwargs)`` and compared with Theano's output.
"""
import json
import os

import numpy as np
import pytest

from compat.keras import backend as K

HERE = os.path.dirname(os.path.abspath(__file__))
FIX = os.path.join(HERE, 'fixtures', 'backend')
RTOL, ATOL = 1e-3, 1e-5

with open(os.path.join(FIX, 'cases.json')) as _f:
    CASES = json.load(_f)
ARRAYS = np.load(os.path.join(FIX, 'cases.npz'))
SPECIAL = np.load(os.path.join(FIX, 'special.npz'))


def tuplify(obj):
    return tuple(tuplify(o) for o in obj) if isinstance(obj, list) else obj


def case_inputs(c, as_tensor):
    args = []
    for i, n_list in enumerate(c['list_inputs']):
        if n_list:
            args.append([as_tensor(ARRAYS['%s__in%d_%d' % (c['name'], i, j)], False)
                         for j in range(n_list)])
        else:
            args.append(as_tensor(ARRAYS['%s__in%d' % (c['name'], i)], i in c['int_inputs']))
    return args


def variable_of(a, is_int):
    return K.variable(a, dtype='int32' if is_int else None)


def check(got, c):
    got = got if isinstance(got, (tuple, list)) else [got]
    assert len(got) == c['n_out'], c['name']
    for j, g in enumerate(got):
        want = ARRAYS['%s__out%d' % (c['name'], j)]
        g = np.asarray(g)
        assert g.shape == want.shape, '%s out%d: shape %s, Keras 1 %s' % (c['name'], j, g.shape,
                                                                           want.shape)
        np.testing.assert_allclose(g.astype('float64'), want.astype('float64'), rtol=RTOL,
                                   atol=ATOL, err_msg=c['name'])


@pytest.mark.parametrize('c', CASES, ids=[c['name'] for c in CASES])
def test_against_keras1(c):
    kwargs = {k: tuplify(v) for k, v in c['kwargs'].items()}
    check(getattr(K, c['fn'])(*case_inputs(c, variable_of), **kwargs), c)


SYMBOLIC = ['conv2d_same_k2x2_s2', 'pool2d_avg_same_p33_s22', 'batch_dot_3d_12', 'dot_3d_3d',
            'cce', 'resize_images_th', 'normalize_batch_4d']


@pytest.mark.parametrize('name', SYMBOLIC)
def test_symbolic_through_function(name):
    """The same cases with placeholders as inputs, evaluated by K.function."""
    c = next(c for c in CASES if c['name'] == name.replace('k2x2', 'k22'))
    arrays = case_inputs(c, lambda a, is_int: a)
    holders = [K.placeholder(shape=a.shape) for a in arrays]
    out = getattr(K, c['fn'])(*holders, **{k: tuplify(v) for k, v in c['kwargs'].items()})
    outs = list(out) if isinstance(out, (tuple, list)) else [out]
    check(K.function(holders, outs)(arrays), c)


# ---------------------------------------------------------------- rnn

def _rnn(tag, **kw):
    W, U = K.variable(SPECIAL['rnn_W']), K.variable(SPECIAL['rnn_U'])

    def step(x, states):
        h = K.tanh(K.dot(x, W) + K.dot(states[0], U))
        return h, [h]
    return K.rnn(step, K.variable(SPECIAL['rnn_x']), [K.variable(SPECIAL['rnn_h0'])], **kw)


@pytest.mark.parametrize('tag,kw', [
    ('plain', {}), ('back', dict(go_backwards=True)), ('mask', dict(mask=True)),
    ('mask_back', dict(mask=True, go_backwards=True)),
    ('mask_unroll', dict(mask=True, unroll=True, input_length=5))])
def test_rnn_against_keras1(tag, kw):
    if kw.pop('mask', False):
        kw['mask'] = K.variable(SPECIAL['rnn_mask'])
    last, outputs, states = _rnn(tag, **kw)
    for got, key in ((last, 'last'), (outputs, 'outputs'), (states[0], 'state')):
        np.testing.assert_allclose(K.eval(got), SPECIAL['rnn_%s_%s' % (tag, key)], rtol=RTOL,
                                   atol=ATOL, err_msg='%s %s' % (tag, key))


def test_rnn_symbolic_inputs():
    x = K.placeholder(shape=(None, 5, 4))
    h0 = K.placeholder(shape=(None, 2))
    W, U = K.variable(SPECIAL['rnn_W']), K.variable(SPECIAL['rnn_U'])

    def step(x_t, states):
        h = K.tanh(K.dot(x_t, W) + K.dot(states[0], U))
        return h, [h]
    last, outputs, states = K.rnn(step, x, [h0], go_backwards=True)
    got = K.function([x, h0], [outputs, states[0]])([SPECIAL['rnn_x'], SPECIAL['rnn_h0']])
    np.testing.assert_allclose(got[0], SPECIAL['rnn_back_outputs'], rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(got[1], SPECIAL['rnn_back_state'], rtol=RTOL, atol=ATOL)


# ---------------------------------------------------------------- variables, random, phase

def test_seeded_random_variables_match_keras1():
    np.random.seed(77)
    np.testing.assert_allclose(K.get_value(K.random_uniform_variable((3, 4), -2., 3.)),
                               SPECIAL['rand_uniform_var'], rtol=1e-6)
    np.testing.assert_allclose(K.get_value(K.random_normal_variable((3, 4), 5., 2.)),
                               SPECIAL['rand_normal_var'], rtol=1e-6)


def test_function_learning_phase_matches_keras1():
    xp = K.placeholder(shape=(None, 3))
    f = K.function([xp, K.learning_phase()], [K.in_train_phase(xp * 2., xp - 1.)])
    np.testing.assert_allclose(f([SPECIAL['phase_x'], 1])[0], SPECIAL['phase_train'], rtol=RTOL)
    np.testing.assert_allclose(f([SPECIAL['phase_x'], 0])[0], SPECIAL['phase_test'], rtol=RTOL)


def test_function_updates_apply_every_call():
    v = K.variable(np.zeros((2,)))
    x = K.placeholder(shape=(None, 2))
    f = K.function([x], [K.sum(x)], updates=[K.update_add(v, 1.)])
    assert f([np.ones((3, 2))])[0] == 6.0
    f([np.ones((3, 2))])
    np.testing.assert_array_equal(K.get_value(v), [2., 2.])
    # symbolic new value: v <- mean of the fed batch
    g = K.function([x], [], updates=[K.update(v, K.mean(x, axis=0))])
    g([np.array([[1., 3.], [3., 5.]])])
    np.testing.assert_array_equal(K.get_value(v), [2., 4.])


def test_single_output_function_returns_array():
    x = K.placeholder(ndim=2)
    out = K.function([x], K.square(x))([np.array([[3.]])])
    np.testing.assert_array_equal(out, [[9.]])


def test_variables_and_shapes():
    v = K.variable(np.arange(6).reshape(2, 3), name='w:0')
    assert K.int_shape(v) == (2, 3) and K.ndim(v) == 2 and K.dtype(v) == 'float32'
    assert K.count_params(v) == 6 and K.get_variable_shape(v) == (2, 3)
    K.set_value(v, np.ones((2, 3)))
    np.testing.assert_array_equal(K.batch_get_value([v])[0], np.ones((2, 3)))
    p = K.placeholder(shape=(None, 4, 5))
    assert K.is_keras_tensor(p) and not K.is_keras_tensor(v)
    assert K.int_shape(p) == (None, 4, 5) and K.ndim(p) == 3
    np.testing.assert_array_equal(K.eval(K.eye(2)), np.eye(2))
    assert K.eval(K.zeros_like(K.variable(np.ones(3), dtype='int32'))).dtype == np.int32
    np.testing.assert_array_equal(K.eval(K.arange(2, 7, 2)), [2, 4, 6])


@pytest.mark.parametrize('args', [(-20,), (0,), (10,), (5, 0), (0, 1, 2), (5, 0, -2), (0, 5, -1)])
def test_arange_follows_numpy_as_theano_did(args):
    # keras 1.2.2 theano_backend.arange is T.arange (NumPy's rule; tests/keras/backend test_arange
    # compares it with np.arange): a range running the wrong way is empty
    np.testing.assert_array_equal(K.eval(K.arange(*args)), np.arange(*args))


def test_dropout_scaling_and_noise_shape():
    x = K.variable(np.ones((8, 5, 6)))
    out = K.eval(K.dropout(x, 0.25, noise_shape=(8, 1, 6)))
    assert set(np.unique(out)) <= {0.0, np.float32(1 / 0.75)}
    # one keep/drop draw per (sample, feature): identical along time
    assert (out == out[:, :1, :]).all()
    with pytest.raises(ValueError, match='level'):
        K.dropout(x, 1.0)


def test_gradients_of_callable_and_errors():
    w = K.variable(np.array([1., -2., 3.]))
    grad, = K.gradients(lambda: K.sum(K.square(w)), [w])
    np.testing.assert_allclose(K.eval(grad), [2., -4., 6.])
    with pytest.raises(ValueError, match='callable'):
        K.gradients(K.sum(K.square(w)), [w])


def test_switch_and_phase_with_python_values():
    K.set_learning_phase(1)
    try:
        assert K.in_train_phase(1., 2.) == 1.
        assert K.learning_phase() == 1
    finally:
        from compat.keras.backend import _lift
        _lift._FIXED_PHASE[0] = None
    assert K.in_train_phase(lambda: 1., lambda: 2.) == 2.  # default: test phase
    assert K.switch(0, 'a', 'b') == 'b'


def test_backend_names_and_aliases():
    from compat.keras.backend import tensorflow_backend, theano_backend
    assert K.backend() == 'tensorflow'
    assert theano_backend.batch_dot is K.batch_dot and tensorflow_backend.conv2d is K.conv2d
    for name in ('epsilon', 'floatx', 'image_dim_ordering', 'set_image_dim_ordering', 'get_uid',
                 'cast_to_floatx', 'legacy_weight_ordering', 'pack', 'stack', 'ctc_batch_cost'):
        assert hasattr(K, name), name


def test_bad_arguments_raise_clear_errors():
    with pytest.raises(ValueError, match='shape'):
        K.placeholder()
    with pytest.raises(ValueError, match='dim_ordering'):
        K.conv2d(K.variable(np.ones((1, 1, 3, 3))), K.variable(np.ones((1, 1, 2, 2))),
                 dim_ordering='nchw')
    with pytest.raises(ValueError, match='border_mode'):
        K.pool2d(K.variable(np.ones((1, 1, 3, 3))), (2, 2), border_mode='full')
    with pytest.raises(TypeError, match='K.function'):
        K.eval(K.placeholder(shape=(None, 2)))
