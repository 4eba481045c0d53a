"""Keras 1's symbolic-graph idioms against real Keras 1.2.2 (Theano) numbers.

The cases (tests/keras1/symbolic_graph/graphs.py) are run here with compat's
Keras 1 names and by the oracle with Keras 1.2.2's
(tests/keras1/symbolic_graph/make_fixtures.py, fixtures in
tests/fixtures/symbolic_graph): ``K.gradients`` of a symbolic loss, further K
ops on the gradient and ``K.function`` of both (conv_filter_visualization),
``loss = K.variable(0.); loss += ...`` over a model fed by a
variable/placeholder concatenation (neural_style_transfer, deep_dream), and
``Input(tensor=...)`` (neural_doodle).
"""
import importlib.util
import os

import numpy as np
import pytest

from compat.keras import backend as K
from compat.keras.engine.topology import get_source_inputs
from compat.keras.layers import Convolution2D, Dense, Input
from compat.keras.models import Model

HERE = os.path.dirname(os.path.abspath(__file__))
FIX = os.path.join(HERE, 'fixtures', 'symbolic_graph')
RTOL, ATOL = 1e-3, 1e-5

_spec = importlib.util.spec_from_file_location(
    'keras1_symbolic_graphs', os.path.join(HERE, 'keras1', 'symbolic_graph', 'graphs.py'))
graphs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(graphs)


class Compat(object):
    K, Input, Convolution2D, Dense, Model = K, staticmethod(Input), Convolution2D, Dense, Model
    get_source_inputs = staticmethod(get_source_inputs)


@pytest.mark.filterwarnings('ignore::Warning')
@pytest.mark.parametrize('case', graphs.CASES, ids=lambda c: c.__name__)
def test_matches_keras1(case):
    weights, data = graphs.stand_ins()
    name = case.__name__
    expected = np.load(os.path.join(FIX, name + '.npz'))
    got = case(Compat, weights[name], data[name])
    assert sorted(got) == sorted(expected.files)
    for key in expected.files:
        np.testing.assert_allclose(got[key], expected[key], rtol=RTOL, atol=ATOL, err_msg='%s: %s' % (name, key))


def test_gradient_of_a_list_is_a_list_and_of_one_tensor_the_tensor():
    # T.grad: the gradient alone for one variable, a list for a list
    x = K.placeholder((2, 3))
    loss = K.sum(K.square(x))
    one, listed = K.gradients(loss, x), K.gradients(loss, [x])
    assert isinstance(listed, list) and len(listed) == 1
    value = np.arange(6, dtype='float32').reshape(2, 3)
    out = K.function([x], [one, listed[0]])([value])
    np.testing.assert_allclose(out[0], 2 * value)
    np.testing.assert_allclose(out[1], 2 * value)


def test_gradient_needs_a_scalar_loss_and_a_connected_input():
    x, other = K.placeholder((2, 3)), K.placeholder((2, 3))
    with pytest.raises(TypeError, match='scalar'):
        K.gradients(K.square(x), x)
    with pytest.raises(ValueError, match='does not depend'):
        K.gradients(K.sum(x), other)


def test_function_names_a_missing_input():
    x, y = K.placeholder((2, 3), name='fed_x'), K.placeholder((2, 3), name='unfed_y')
    with pytest.raises(ValueError, match='unfed_y'):
        K.function([x], [K.sum(x * y)])


def test_variable_keeps_its_value_after_in_place_operators():
    v = K.variable(np.ones(3))
    total = v
    total += 2.
    total *= 3.
    np.testing.assert_allclose(K.eval(total), [9., 9., 9.])
    np.testing.assert_allclose(K.get_value(v), [1., 1., 1.])


def test_a_backend_expression_is_not_a_keras_tensor_until_wrapped():
    # keras 1.2.2 is_keras_tensor: only tensors with _keras_shape (inputs, layer outputs)
    p = K.placeholder((1, 3))
    expression = K.concatenate([K.variable(np.zeros((1, 3))), p], axis=0)
    assert K.is_keras_tensor(p) and not K.is_keras_tensor(expression)
    wrapped = Input(tensor=expression, shape=(3,))
    assert K.is_keras_tensor(expression) and get_source_inputs(expression) == [wrapped]


def test_gradients_with_respect_to_variables_and_layer_weights():
    x = Input(shape=(3,))
    dense = Dense(2)
    y = dense(x)
    v = K.variable(np.full(3, 2.))
    data = np.arange(6, dtype='float32').reshape(2, 3)
    grad_v, = K.gradients(K.sum(x * v), [v])
    np.testing.assert_allclose(K.function([x], [grad_v])([data])[0], data.sum(0))
    kernel, bias = K.gradients(K.sum(y), dense.trainable_weights)
    kernel_value, bias_value = K.function([x], [kernel, bias])([data])
    np.testing.assert_allclose(kernel_value, np.repeat(data.sum(0)[:, None], 2, axis=1))
    np.testing.assert_allclose(bias_value, [2., 2.])


@pytest.mark.filterwarnings('ignore::Warning')
def test_an_application_on_an_expression_starts_with_its_own_input_layer():
    # keras 1.2.2 applications/vgg19.py: input_tensor that is not a Keras tensor is wrapped in
    # Input(tensor=...), so model.layers[0] is that input and [1:] the network (neural_doodle.py
    # pairs these layers with a mask model's by position)
    from compat.keras.applications import VGG19
    before = K.image_dim_ordering()
    K.set_image_dim_ordering('th')
    try:
        image = K.placeholder((1, 3, 32, 32))
        images = K.concatenate([K.variable(np.ones((1, 3, 32, 32))), image], axis=0)
        model = VGG19(include_top=False, weights=None, input_tensor=images)
    finally:
        K.set_image_dim_ordering(before)
    assert type(model.layers[0]).__name__ == 'InputLayer'
    assert [layer.name for layer in model.layers[1:3]] == ['block1_conv1', 'block1_conv2']
    loss = K.mean(model.layers[1].output[1])
    value = np.random.RandomState(0).rand(1, 3, 32, 32).astype('float32')
    loss_value, grads = K.function([image], [loss, K.gradients(loss, image)])([value])
    assert grads.shape == (1, 3, 32, 32) and np.isfinite(loss_value)
