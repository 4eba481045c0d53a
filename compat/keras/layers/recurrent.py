"""Keras 1.2.2 ``keras.layers.recurrent`` (SimpleRNN, GRU, LSTM) on Keras 3.

Keras 1 numerics kept (keras 1.2.2 layers/recurrent.py):

- GRU applies the reset gate before the recurrent matmul: ``reset_after=False``;
- gates use ``inner_activation`` (default: Keras 1's hard sigmoid,
  ``clip(0.2x + 0.5, 0, 1)``, from compat.keras.activations);
- weights in Keras 1 order: GRU 9 arrays ``W_z, U_z, b_z, W_r, U_r, b_r, W_h,
  U_h, b_h`` (3 with ``consume_less='gpu'``: W, U, b, gates z|r|h), LSTM 12
  arrays ``i, c, f, o`` (Keras 3 packs i|f|c|o), SimpleRNN ``W, U, b``;
- masked steps carry the previous output and state; ``go_backwards`` returns
  the sequence in processing (reversed) order;
- with ``consume_less`` 'cpu'/'mem', Keras 1 initialised each gate block
  separately, the recurrent blocks with ``init`` rather than ``inner_init``
  (a Keras 1 quirk), and LSTM's forget bias with ``forget_bias_init``.

>>> from compat.keras.layers.recurrent import GRU
>>> gru = GRU(4, input_dim=3, input_length=5)
>>> gru.get_config()['inner_activation']
'hard_sigmoid'
"""
import numpy as np

from compat._keras3 import keras, tf
from compat.keras import backend as K
from compat.keras.engine.arguments import INIT
from compat.keras.engine.base_layer import Layer
from compat.keras.engine.topology import InputSpec, Keras1Layer


def time_distributed_dense(x, w, b=None, dropout=None, input_dim=None, output_dim=None, timesteps=None):
    """keras 1.2.2 layers/recurrent.py time_distributed_dense: ``y . w + b`` for every time slice y of x,
    with one dropout mask (``dropout``, training only) shared by all time steps.

    >>> import numpy as np
    >>> time_distributed_dense(np.ones((2, 3, 4), 'float32'), np.ones((4, 5), 'float32')).shape
    TensorShape([2, 3, 5])
    """
    x = tf.convert_to_tensor(x)
    input_dim = input_dim or tf.shape(x)[2]
    timesteps = timesteps or tf.shape(x)[1]
    output_dim = output_dim or tf.shape(w)[1]
    if dropout is not None and 0. < dropout < 1.:
        ones = K.ones_like(K.reshape(x[:, 0, :], (-1, input_dim)))
        expanded_dropout_matrix = K.repeat(K.dropout(ones, dropout), timesteps)
        x = K.in_train_phase(x * expanded_dropout_matrix, x)
    y = K.dot(K.reshape(x, (-1, input_dim)), w)
    if b is not None:  # keras 1.2.2 tested ``if b:``; a weight is always truthy there
        y = y + b
    return tf.reshape(y, tf.stack([-1, timesteps, output_dim]))


class Recurrent(Layer):
    """keras 1.2.2 layers/recurrent.py Recurrent: the base class of recurrent layers written the Keras 1 way.

    A subclass sets ``output_dim``, creates its weights and ``self.states = [None, ...]`` (one per state) in
    ``build``, and defines ``step(x, states) -> (output, new_states)``; ``call`` runs it with ``K.rnn`` over
    ``preprocess_input(x)``, from ``get_initial_states(x)`` (zeros of shape (samples, output_dim), or the
    layer's state variables when ``stateful``), with ``get_constants(x)`` appended to the states at every
    step, masks and ``go_backwards`` as Keras 1 (compat's K.rnn follows theano_backend.rnn).

    >>> import numpy as np
    >>> from compat.keras import backend as K
    >>> class Accumulate(Recurrent):
    ...     def __init__(self, output_dim, **kwargs):
    ...         self.output_dim = output_dim
    ...         super(Accumulate, self).__init__(**kwargs)
    ...     def build(self, input_shape):
    ...         self.states = [None]
    ...     def step(self, x, states):
    ...         h = states[0] + x
    ...         return h, [h]
    >>> Accumulate(2)(np.ones((1, 3, 2), 'float32')).numpy().tolist()
    [[3.0, 3.0]]
    """

    def __init__(self, weights=None, return_sequences=False, go_backwards=False, stateful=False, unroll=False,
                 consume_less='cpu', input_dim=None, input_length=None, **kwargs):
        self.return_sequences = return_sequences
        self.initial_weights = weights
        self.go_backwards = go_backwards
        self.stateful = stateful
        self.unroll = unroll
        self.consume_less = consume_less
        self.supports_masking = True
        self.input_dim = input_dim
        self.input_length = input_length
        if self.input_dim:
            kwargs['input_shape'] = (self.input_length, self.input_dim)
        super(Recurrent, self).__init__(**kwargs)
        self.input_spec = [InputSpec(ndim=3)]

    def get_output_shape_for(self, input_shape):
        if self.return_sequences:
            return (input_shape[0], input_shape[1], self.output_dim)
        return (input_shape[0], self.output_dim)

    def compute_mask(self, input, mask=None):
        return mask if self.return_sequences else None

    def step(self, x, states):
        raise NotImplementedError('%s: a Recurrent subclass defines step(x, states) -> (output, new_states)'
                                  % type(self).__name__)

    def get_constants(self, x):
        return []

    def get_initial_states(self, x):
        # (samples, timesteps, input_dim) -> zeros (samples, output_dim), one per state
        initial_state = K.zeros_like(x)
        initial_state = K.sum(initial_state, axis=(1, 2))
        initial_state = K.expand_dims(initial_state)
        initial_state = K.tile(initial_state, [1, self.output_dim])
        return [initial_state for _ in range(len(self.states))]

    def preprocess_input(self, x):
        return x

    def call(self, x, mask=None):
        input_shape = K.int_shape(x)
        if self.unroll and input_shape[1] is None:
            raise ValueError('%s: cannot unroll a RNN if the time dimension is undefined; give the input '
                             'length (input_shape / batch_input_shape / Input(shape=...))' % self.name)
        initial_states = self.states if self.stateful else self.get_initial_states(x)
        constants = self.get_constants(x)
        preprocessed_input = self.preprocess_input(x)
        last_output, outputs, states = K.rnn(self.step, preprocessed_input, initial_states,
                                             go_backwards=self.go_backwards, mask=mask, constants=constants,
                                             unroll=self.unroll, input_length=input_shape[1])
        if self.stateful:
            self.add_update([(self.states[i], states[i]) for i in range(len(states))], x)
        return outputs if self.return_sequences else last_output

    def reset_states(self):
        """keras 1.2.2 Recurrent.reset_states: zero the state variables of a stateful layer."""
        if not self.stateful:
            raise AttributeError('%s: layer must be stateful to reset its states' % self.name)
        spec = self.input_spec[0] if isinstance(self.input_spec, list) and self.input_spec else None
        shape = self.batch_input_shape or getattr(spec, 'shape', None) or (None,)  # 1.2.2: input_spec[0].shape
        batch_size = shape[0]
        if not batch_size:
            raise ValueError('%s: a stateful RNN needs its batch size: give batch_input_shape=(batch, time, '
                             'features) to the first layer (Input(batch_shape=...))' % self.name)
        zeros = np.zeros((batch_size, self.output_dim), 'float32')
        if getattr(self, 'states', None) and self.states[0] is not None:
            for state in self.states:
                K.set_value(state, zeros)
        else:
            self.states = [K.zeros((batch_size, self.output_dim))]

    def get_config(self):
        config = {'return_sequences': self.return_sequences, 'go_backwards': self.go_backwards,
                  'stateful': self.stateful, 'unroll': self.unroll, 'consume_less': self.consume_less}
        if not self.stateful:
            config['input_dim'] = self.input_dim
            config['input_length'] = self.input_length
        return dict(super(Recurrent, self).get_config(), **config)


class _Recurrent(Keras1Layer):
    """Keras 1 Recurrent: argument handling and the gate-block weight layout."""
    gates = 1          # gate blocks in Keras 3's packed kernels
    keras1_order = (0,)  # Keras 3 block index of each Keras 1 gate, in Keras 1 order

    creation_order = (0,)  # Keras 1 add_weight order of the gates, as indices into keras1_order

    def _keras3_kwargs(self, k1):
        if k1['consume_less'] not in ('cpu', 'mem', 'gpu'):
            raise ValueError("%s(consume_less=%r): use 'cpu', 'mem' or 'gpu'"
                             % (type(self).__name__, k1['consume_less']))
        # Initial values are drawn in build(), the way Keras 1 drew them; Keras 3 only allocates.
        return {'kernel_initializer': 'zeros', 'recurrent_initializer': 'zeros', 'bias_initializer': 'zeros'}

    def build(self, input_shape):
        super().build(input_shape)
        if self._pending_keras1_weights is None:
            self.set_weights(self._keras1_initial_weights(int(input_shape[-1])))

    def _gate_bias(self, gate, units):
        return np.zeros((units,), 'float32')

    def _keras1_initial_weights(self, input_dim):
        """Keras 1's initial weights, drawn from NumPy's RNG in keras 1.2.2 build() order, returned in
        get_weights order (layers/recurrent.py SimpleRNN/GRU/LSTM.build)."""
        k1, units = self._k1, self._k1['output_dim']
        init, inner = INIT(k1['init']), INIT(k1['inner_init'])
        if self._packed():
            w = np.asarray(init((input_dim, self.gates * units)))
            u = np.asarray(inner((units, self.gates * units)))
            return [w, u, np.concatenate([self._gate_bias(g, units) for g in range(self.gates)])]
        drawn = {}
        for gate in self.creation_order:  # keras 1.2.2 'cpu'/'mem': U drawn with `init` too
            drawn[gate] = [np.asarray(init((input_dim, units))), np.asarray(init((units, units))),
                           self._gate_bias(gate, units)]
        return [a for gate in range(self.gates) for a in drawn[gate]]

    def _packed(self):
        return self._k1['consume_less'] == 'gpu' or self.gates == 1

    def _to_keras1(self, arrays):
        kernel, recurrent, bias = arrays
        if self._packed():
            order = list(self.keras1_order) if self.gates > 1 else [0]
            if order == sorted(order):
                return [kernel, recurrent, bias]
            return [self._reorder(a, order) for a in (kernel, recurrent, bias)]
        out = []
        for block in self.keras1_order:
            for a in (kernel, recurrent, bias):
                out.append(np.split(a, self.gates, axis=-1)[block])
        return out

    def _from_keras1(self, arrays, backend='theano'):
        if self._packed():
            order = list(self.keras1_order) if self.gates > 1 else [0]
            if order == sorted(order):
                return arrays
            inverse = list(np.argsort(order))
            return [self._reorder(a, inverse) for a in arrays]
        triples = [arrays[3 * i:3 * i + 3] for i in range(self.gates)]
        by_block = {block: t for block, t in zip(self.keras1_order, triples)}
        return [np.concatenate([by_block[b][j] for b in range(self.gates)], axis=-1) for j in range(3)]

    def _reorder(self, a, order):
        blocks = np.split(a, self.gates, axis=-1)
        return np.concatenate([blocks[i] for i in order], axis=-1)

    def _get_regularization_losses(self):
        """``layer.losses``' weight terms: keras 1.2.2 GRU/LSTM.build with consume_less 'cpu'/'mem' make a
        W, U and b per gate, each regularised on its own (GRU 9 terms, LSTM 12); 'gpu' packs them (3)."""
        if self._packed():
            return super()._get_regularization_losses()
        losses = []
        for variable in self.trainable_weights:
            if variable.regularizer is not None:
                blocks = tf.split(tf.convert_to_tensor(variable), self.gates, axis=-1)
                losses.extend(variable.regularizer(blocks[b]) for b in self.keras1_order)
        return losses

    def reset_states(self, states=None):
        """keras 1.2.2 Recurrent.reset_states (stateful layers)."""
        return super().reset_states() if states is None else super().reset_states(states)


class SimpleRNN(_Recurrent, keras.layers.SimpleRNN):
    """keras 1.2.2 SimpleRNN(output_dim, init, inner_init, activation, ...): weights W, U, b."""

    def _keras1_initial_weights(self, input_dim):
        k1, units = self._k1, self._k1['output_dim']
        return [np.asarray(INIT(k1['init'])((input_dim, units))),
                np.asarray(INIT(k1['inner_init'])((units, units))), np.zeros((units,), 'float32')]


class GRU(_Recurrent, keras.layers.GRU):
    """keras 1.2.2 GRU: reset gate before the recurrent matmul, hard-sigmoid gates."""
    gates = 3
    keras1_order = (0, 1, 2)  # z, r, h in both
    creation_order = (0, 1, 2)
    keras3_fixed = {'reset_after': False}


class LSTM(_Recurrent, keras.layers.LSTM):
    """keras 1.2.2 LSTM: Keras 1 stores gates i, c, f, o; Keras 3 packs i, f, c, o."""
    gates = 4
    keras1_order = (0, 2, 1, 3)  # Keras 1 gate order i, c, f, o as Keras 3 block indices
    creation_order = (0, 2, 1, 3)  # keras 1.2.2 LSTM.build creates i, f, c, o (Keras 1 list positions)

    def _keras3_kwargs(self, k1):
        return dict(super()._keras3_kwargs(k1), unit_forget_bias=False)

    def _gate_bias(self, gate, units):
        # Keras 1 list position 2 is the forget gate (order i, c, f, o); 'gpu' packs i, f, c, o
        forget = 1 if self._packed() else 2
        if gate == forget:
            return np.asarray(INIT(self._k1['forget_bias_init'])((units,)), 'float32')
        return np.zeros((units,), 'float32')

    def _packed(self):
        # keras 1.2.2 LSTM 'gpu' packs W as i|f|c|o, the same block order as Keras 3
        return self._k1['consume_less'] == 'gpu'

    def _to_keras1(self, arrays):
        if self._packed():
            return list(arrays)
        return super()._to_keras1(arrays)

    def _from_keras1(self, arrays, backend='theano'):
        if self._packed():
            return list(arrays)
        return super()._from_keras1(arrays, backend)

from compat.keras._reexports import reexported  # noqa: E402

__getattr__ = reexported(__name__)
