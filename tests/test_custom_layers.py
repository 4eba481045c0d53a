"""Custom layers written the Keras 1 way: Layer subclasses from scratch (forward, shapes, training by hand),
Recurrent, ConvRecurrent2D and Wrapper subclasses, Layer weight lists, updates, constraints and the deprecated regularizers list, Node. Their training parity with Keras 1.2.2
is in tests/test_parity.py (fixtures custom_*); these check the rest of the keras 1.2.2 engine/topology.py,
layers/recurrent.py, layers/convolutional_recurrent.py and layers/wrappers.py behaviour they rely on.
"""
import warnings

import numpy as np
import pytest

from compat.keras import backend as K
from compat.keras.engine.topology import InputSpec, Layer, Node
from compat.keras.layers import Dense, Input
from compat.keras.layers.convolutional_recurrent import ConvRecurrent2D
from compat.keras.layers.recurrent import Recurrent
from compat.keras.layers.wrappers import Wrapper
from compat.keras.models import Model, Sequential
from compat.keras.optimizers import SGD


class Accumulate(Recurrent):
    """h_t = h_{t-1} * decay + x_t W (a stateful-capable Keras 1 RNN)."""

    def __init__(self, output_dim, decay=0.5, **kwargs):
        self.output_dim, self.decay = output_dim, decay
        super(Accumulate, self).__init__(**kwargs)

    def build(self, input_shape):
        self.input_spec = [InputSpec(shape=input_shape)]
        self.W = self.add_weight((input_shape[2], self.output_dim), initializer='one', name='W')
        if self.stateful:
            self.reset_states()
        else:
            self.states = [None]

    def step(self, x, states):
        h = states[0] * self.decay + K.dot(x, self.W)
        return h, [h]


def _accumulate(x, decay=0.5, h=None):
    h = np.zeros((x.shape[0], 1)) if h is None else h
    for t in range(x.shape[1]):
        h = h * decay + x[:, t].sum(axis=1, keepdims=True)
    return h


def test_recurrent_subclass_masks_and_shapes():
    x = np.random.RandomState(0).rand(2, 4, 3).astype('float32')
    model = Sequential([Accumulate(1, input_shape=(4, 3))])
    assert model.output_shape == (None, 1)
    np.testing.assert_allclose(model.predict(x), _accumulate(x), rtol=1e-5)
    seq = Sequential([Accumulate(1, return_sequences=True, input_shape=(4, 3))])
    assert seq.output_shape == (None, 4, 1)
    assert Accumulate(2, go_backwards=True).get_config()['go_backwards'] is True


def test_stateful_recurrent_subclass_carries_its_state_and_resets():
    x = np.random.RandomState(1).rand(2, 3, 2).astype('float32')
    model = Sequential([Accumulate(1, stateful=True, batch_input_shape=(2, 3, 2))])
    first = model.predict(x, batch_size=2)
    second = model.predict(x, batch_size=2)  # keras 1.2.2: a stateful layer's updates run when predicting
    np.testing.assert_allclose(first, _accumulate(x), rtol=1e-5)
    np.testing.assert_allclose(second, _accumulate(x, h=_accumulate(x)), rtol=1e-5)
    model.layers[0].reset_states()
    np.testing.assert_allclose(model.predict(x, batch_size=2), first, rtol=1e-5)


class ChannelRNN(ConvRecurrent2D):
    """A 1x1 'tf' convolutional RNN: h = tanh(x W + h U) per pixel."""

    def __init__(self, nb_filter, **kwargs):
        super(ChannelRNN, self).__init__(nb_filter=nb_filter, nb_row=1, nb_col=1, dim_ordering='tf', **kwargs)
        self.border_mode, self.subsample = 'valid', (1, 1)

    def build(self, input_shape):
        self.W_shape = (input_shape[4], self.nb_filter)
        self.W = self.add_weight(self.W_shape, initializer='one', name='W')
        self.U = self.add_weight((self.nb_filter, self.nb_filter), initializer='zero', name='U')
        self.states = [None, None]

    def conv_step(self, x, W, border_mode='valid'):
        return K.dot(x, W)

    def step(self, x, states):
        h = K.tanh(self.conv_step(x, self.W) + self.conv_step(states[0], self.U))
        return h, [h, h]


def test_conv_recurrent_subclass():
    x = np.random.RandomState(2).rand(2, 3, 4, 5, 2).astype('float32')
    layer = ChannelRNN(3, input_shape=(3, 4, 5, 2))
    model = Sequential([layer])
    assert model.output_shape == (None, 4, 5, 3)
    want = np.repeat(np.tanh(x[:, -1].sum(axis=-1, keepdims=True)), 3, axis=-1)
    np.testing.assert_allclose(model.predict(x), want, rtol=1e-5)
    assert ChannelRNN(3, return_sequences=True).get_output_shape_for((None, 3, 4, 5, 2)) == (None, 3, 4, 5, 3)


class Doubled(Wrapper):
    def build(self, input_shape):
        self.layer.build(input_shape)
        super(Doubled, self).build()

    def get_output_shape_for(self, input_shape):
        return self.layer.get_output_shape_for(input_shape)

    def call(self, x, mask=None):
        return 2 * self.layer.call(x)


def test_wrapper_subclass_weights_and_config():
    wrapper = Doubled(Dense(2), input_shape=(3,))
    model = Sequential([wrapper])
    assert len(wrapper.trainable_weights) == 2 and model.count_params() == 8
    assert [w.shape for w in wrapper.get_weights()] == [(3, 2), (2,)]
    config = wrapper.get_config()
    assert config['layer']['class_name'] == 'Dense'
    again = Doubled.from_config(config)
    assert isinstance(again.layer, Dense) and again.layer.get_config()['output_dim'] == 2


class Lists(Layer):
    def build(self, input_shape):
        self.W = K.variable(np.ones((input_shape[1], 2)), name='W')
        self.trainable_weights = [self.W]
        self.gamma = self.add_weight((2,), initializer='one', name='gamma')  # appended after W, as in 1.2.2
        self.count = K.variable(0., name='count')
        self.non_trainable_weights = [self.count]
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter('always')
            self.regularizers = []
            self.regularizers.append(lambda loss: loss + 100.)  # keras 1.2.2 ignores it
        self.deprecation = [str(w.message) for w in caught]

    def call(self, x, mask=None):
        self.add_update([(self.count, self.count + 1.)], x)
        return K.dot(x, self.W) * self.gamma

    def get_output_shape_for(self, input_shape):
        return (input_shape[0], 2)


def test_layer_lists_updates_and_deprecated_regularizers():
    layer = Lists(input_shape=(3,))
    model = Sequential([layer])
    assert [w.name.split('/')[-1].split(':')[0] for w in layer.weights][:2] == ['W', 'gamma']
    assert layer.deprecation and 'deprecated' in layer.deprecation[0]
    assert not model._graph.losses  # no penalty from the regularizers list
    model.compile('sgd', 'mse')
    x, y = np.ones((4, 3), 'float32'), np.zeros((4, 2), 'float32')
    model.predict(x)
    assert float(K.get_value(layer.count)) == 0.  # updates run in training only
    model.train_on_batch(x, y)
    model.train_on_batch(x, y)
    assert float(K.get_value(layer.count)) == 2.
    layer.trainable = False
    assert layer.trainable_weights == [] and len(layer.non_trainable_weights) == 3


def test_node_views_and_helpers():
    from compat.keras.engine.topology import object_list_uid, to_list
    x = Input(shape=(3,), name='node_in')
    dense = Dense(2, name='node_dense')
    y = dense(x)
    Model(x, y)
    node = dense.inbound_nodes[0]
    assert isinstance(node, Node) and node.inbound_layers[0].name == 'node_in'
    assert node.output_shapes == [(None, 2)] and node.get_config()['outbound_layer'] == 'node_dense'
    assert to_list(3) == [3] and to_list([3]) == [3]
    assert object_list_uid([x, y]) == '%d, %d' % (abs(id(x)), abs(id(y)))


def test_recurrent_step_must_be_defined():
    class NoStep(Recurrent):
        output_dim = 1

        def build(self, input_shape):
            self.states = [None]

    with pytest.raises(NotImplementedError, match='step'):
        NoStep()(np.ones((1, 2, 1), 'float32'))


def test_stateful_recurrent_in_a_functional_model_finds_its_batch_size():
    x = np.ones((2, 3, 2), 'float32')
    inputs = Input(batch_shape=(2, 3, 2))
    layer = Accumulate(1, stateful=True)
    model = Model(inputs, layer(inputs))
    first = model.predict(x, batch_size=2)
    layer.reset_states()
    np.testing.assert_allclose(model.predict(x, batch_size=2), first, rtol=1e-6)

# -- Keras 1 style layers written from scratch: add_weight in Keras 1 order, K.variable weights, -----------
# -- get_output_shape_for (keras 1.2.2 examples/antirectifier.py) ---------------------------------------
class Scale(Layer):
    """Keras 1 style: add_weight(shape, initializer) in Keras 1 order, call(x, mask=None)."""

    def build(self, input_shape):
        self.w = self.add_weight((input_shape[1],), 'one', name='{}_w'.format(self.name))
        self.built = True

    def call(self, x, mask=None):
        return x * self.w


class PlusBias(Layer):
    """Keras 1 style: K.variable weights assigned to self.trainable_weights."""

    def build(self, input_shape):
        self.b = K.variable(np.zeros((input_shape[1],)), name='{}_b'.format(self.name))
        self.trainable_weights = [self.b]

    def call(self, x, mask=None):
        return x + self.b


class PosNeg(Layer):
    """keras 1.2.2 examples/antirectifier.py style: get_output_shape_for doubles the features."""

    def get_output_shape_for(self, input_shape):
        return (input_shape[0], input_shape[1] * 2)

    def call(self, x, mask=None):
        return K.concatenate([K.relu(x), K.relu(-x)], axis=1)


def test_custom_layers_forward_shapes_and_weights():
    model = Sequential()
    model.add(Scale(input_shape=(2,)))
    model.add(PlusBias())
    model.add(PosNeg())
    assert model.output_shape == (None, 4)
    assert [tuple(w.shape) for w in model.trainable_weights] == [(2,), (2,)]
    assert model.count_params() == 4
    x = np.array([[1., -2.]], 'float32')
    np.testing.assert_allclose(model.predict(x), [[1., 0., 0., 2.]])


def test_custom_layers_train_by_hand():
    # out = w * x + b, x = 1, y = 3, mse over 1 unit, SGD lr 0.1: grads -2 (y - out) for both w and b
    model = Sequential([Scale(input_shape=(1,)), PlusBias()])
    model.compile(SGD(lr=0.1), 'mse')
    x, y = np.ones((1, 1), 'float32'), np.full((1, 1), 3., 'float32')
    assert model.train_on_batch(x, y) == pytest.approx(4.0)  # (3 - 1)^2
    # w = 1 + 0.4, b = 0.4 -> out 1.8, loss 1.44
    np.testing.assert_allclose([w.ravel()[0] for w in model.get_weights()], [1.4, 0.4], rtol=1e-6)
    assert model.train_on_batch(x, y) == pytest.approx(1.44, rel=1e-5)
