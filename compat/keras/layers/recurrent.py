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
from compat.keras.engine.arguments import INIT
from compat.keras.engine.topology import Keras1Layer


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
