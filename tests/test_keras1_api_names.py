"""Keras 1.2.2's whole import surface, and what its helpers compute.

tests/fixtures/keras1_api_names.json is ../shared/oracle/keras1_api_names.json: every public Keras name of
every Keras 1.2.2 module (its own and those it re-exported), listed by ../shared/oracle/api_names.py under
the real Keras 1.2.2. Old code imports from wherever a name was reachable, so each one must resolve, as user
code imports it under compat.install() and as compat.keras.*; the names compat leaves out (README "Known
limits") are the only misses allowed. The helpers' numbers come from the Keras 1.2.2 oracle (fixtures named
in each test) or from 1.2.2's source, named there.
"""
import importlib
import json
import os

import numpy as np
import pytest

import compat
from compat._keras3 import tf

FIXTURES = os.path.join(os.path.dirname(__file__), 'fixtures')
NAMES = json.load(open(os.path.join(FIXTURES, 'keras1_api_names.json')))
LEFT_OUT = {}  # 'module.name': why -- also listed in README.md; compat leaves nothing out today


def _misses(import_module):
    misses, total = [], 0
    for module, names in sorted(NAMES.items()):
        try:
            mod = import_module(module)
        except Exception:
            misses.append(module)
            total += max(len(names), 1)
            continue
        total += 1 + len(names)
        misses += ['%s.%s' % (module, n) for n in names if not hasattr(mod, n)]
    return misses, total


def test_every_keras1_name_resolves_under_install():
    compat.install()
    try:
        misses, total = _misses(lambda m: __import__(m, globals(), None, ['__name__'], 0))
    finally:
        compat.uninstall()
    assert total > 1100
    assert (total - len(misses)) / total >= 0.98
    assert sorted(misses) == sorted(LEFT_OUT)


def test_every_keras1_name_resolves_under_compat_keras():
    misses, _ = _misses(lambda m: importlib.import_module('compat.' + m))
    assert sorted(misses) == sorted(LEFT_OUT)


def test_reexports_are_the_same_objects():
    from compat.keras import backend, initializations
    from compat.keras.engine.base_layer import Layer
    from compat.keras.layers import convolutional, core, pooling, recurrent
    from compat.keras.utils import layer_utils
    assert core.Layer is Layer and core.K is backend and recurrent.initializations is initializations
    assert pooling.MaxPooling3D is convolutional.MaxPooling3D  # keras 1.2.2 convolutional.py imports pooling's
    assert layer_utils.Recurrent is recurrent.Recurrent and layer_utils.Dense is core.Dense
    with pytest.raises(AttributeError, match='no attribute'):
        core.NotAKeras1Name


# -- helpers compute what they computed in 1.2.2 ----------------------------------------------------------
def test_ctc_batch_cost_is_theanos():
    """tests/fixtures/backend/ctc.npz: tests/keras1/backend/make_ctc_fixture.py under the oracle (theano_backend
    ctc_batch_cost: alpha-smoothed predictions, (1, samples) costs), with its gradient."""
    from compat.keras import backend as K
    io = np.load(os.path.join(FIXTURES, 'backend', 'ctc.npz'))
    y_pred = tf.constant(io['probs'])
    with tf.GradientTape() as tape:
        tape.watch(y_pred)
        cost = K.ctc_batch_cost(io['labels'], y_pred, io['input_length'], io['label_length'])
        total = tf.reduce_sum(cost)
    np.testing.assert_allclose(cost.numpy(), io['costs'], rtol=1e-5)
    np.testing.assert_allclose(tape.gradient(total, y_pred).numpy(), io['grads'], rtol=1e-4, atol=1e-5)
    # the one-sequence Theano helpers give the same
    i = 0
    length, label_length = io['input_length'][i, 0], io['label_length'][i, 0]
    np.testing.assert_allclose(float(K.ctc_cost(io['probs'][i, :length], io['labels'][i, :label_length])),
                               io['costs'][0, i], rtol=1e-5)
    assert K.ctc_interleave_blanks(np.array([3, 3, 1])).numpy().tolist() == [-1, 3, -1, 3, -1, 1, -1]
    assert K.ctc_create_skip_idxs(np.array([-1, 3, -1, 3, -1, 1, -1])).numpy().tolist() == [3]


def test_conv_lengths_follow_keras1():
    # keras 1.2.2 utils/np_utils.py conv_output_length / conv_input_length
    from compat.keras.layers import conv_input_length, conv_output_length
    assert [conv_output_length(10, 3, mode, 2) for mode in ('valid', 'same', 'full')] == [4, 5, 6]
    assert conv_output_length(None, 3, 'valid', 1) is None
    assert [conv_input_length(4, 3, mode, 2) for mode in ('valid', 'same', 'full')] == [9, 7, 5]


def test_get_from_module_and_func_dump():
    from compat.keras.layers.core import func_dump, func_load, get_from_module
    from compat.keras import activations
    assert get_from_module('relu', vars(activations), 'activation') is activations.relu
    with pytest.raises(ValueError, match='activation'):
        get_from_module('no_such_activation', vars(activations), 'activation')

    def scaled(x, factor=3):
        return x * factor + offset
    offset = 1
    restored = func_load(*func_dump(scaled), allow_unsafe=True)
    assert restored(2) == 7 and restored(2, factor=1) == 3


def test_training_helpers():
    from compat.keras.engine.training import check_array_lengths, collect_metrics
    a3, a4 = np.zeros((3, 1)), np.zeros((4, 1))
    check_array_lengths([a3], [a3], [a3])
    with pytest.raises(ValueError, match='same number of samples as target'):
        check_array_lengths([a3], [a4], [a3])
    assert collect_metrics(['acc'], ['a', 'b']) == [['acc'], ['acc']]
    assert collect_metrics({'b': 'mse'}, ['a', 'b']) == [[], ['mse']]
    assert collect_metrics(None, ['a']) == [[]]


def test_is_keras_tensor_and_explicit_shape():
    from compat.keras import backend as K
    assert K.is_keras_tensor(K.placeholder(shape=(2, 3)))
    assert not K.is_keras_tensor(K.variable(np.zeros(2))) and not K.is_keras_tensor(np.zeros(2))
    assert K.is_explicit_shape((None, 3)) and not K.is_explicit_shape((2, 3.0)) and not K.is_explicit_shape(3)


def test_time_distributed_dense():
    from compat.keras.layers.recurrent import time_distributed_dense
    rng = np.random.RandomState(0)
    x, w, b = rng.randn(2, 3, 4).astype('float32'), rng.randn(4, 5).astype('float32'), np.ones(5, 'float32')
    np.testing.assert_allclose(time_distributed_dense(x, w, b).numpy(), x @ w + b, rtol=1e-5)


def test_optimizer_from_config_and_tf_optimizer():
    from compat.keras.models import optimizer_from_config
    from compat.keras.optimizers import SGD, TFOptimizer, get
    opt = optimizer_from_config({'class_name': 'SGD', 'config': {'lr': 0.5}})
    assert isinstance(opt, SGD) and float(opt.lr.numpy()) == 0.5
    wrapped = get(tf.compat.v1.train.GradientDescentOptimizer(0.1))
    assert isinstance(wrapped, TFOptimizer)
    w = tf.Variable([1.0, 2.0])
    wrapped.apply_gradients([tf.constant([1.0, -1.0])], [w])
    np.testing.assert_allclose(w.numpy(), [0.9, 2.1])
    with pytest.raises(ValueError, match='constraints'):
        wrapped.apply_gradients([tf.constant([1.0, -1.0])], [w], constraints=[lambda p: p])
    with pytest.raises(NotImplementedError):
        wrapped.get_config()
