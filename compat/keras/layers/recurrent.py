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


class _BlockInitializer:
    """Initialise a packed (fan_in, gates * units) kernel one gate block at a time."""

    def __init__(self, inits):
        self.inits = inits

    def __call__(self, shape, dtype=None):
        width = shape[-1] // len(self.inits)
        blocks = [init(tuple(shape[:-1]) + (width,), dtype=dtype) for init in self.inits]
        return tf.concat([tf.cast(b, dtype or 'float32') for b in blocks], axis=-1)


class _Recurrent(Keras1Layer):
    """Keras 1 Recurrent: argument handling and the gate-block weight layout."""
    gates = 1          # gate blocks in Keras 3's packed kernels
    keras1_order = (0,)  # Keras 3 block index of each Keras 1 gate, in Keras 1 order

    def _keras3_kwargs(self, k1):
        if k1['consume_less'] not in ('cpu', 'mem', 'gpu'):
            raise ValueError("%s(consume_less=%r): use 'cpu', 'mem' or 'gpu'"
                             % (type(self).__name__, k1['consume_less']))
        out = {}
        if self.gates > 1 and k1['consume_less'] != 'gpu':
            init = INIT(k1['init'])
            out['kernel_initializer'] = _BlockInitializer([init] * self.gates)
            out['recurrent_initializer'] = _BlockInitializer([init] * self.gates)
        return out

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

    def reset_states(self, states=None):
        """keras 1.2.2 Recurrent.reset_states (stateful layers)."""
        return super().reset_states() if states is None else super().reset_states(states)


class SimpleRNN(_Recurrent, keras.layers.SimpleRNN):
    """keras 1.2.2 SimpleRNN(output_dim, init, inner_init, activation, ...): weights W, U, b."""


class GRU(_Recurrent, keras.layers.GRU):
    """keras 1.2.2 GRU: reset gate before the recurrent matmul, hard-sigmoid gates."""
    gates = 3
    keras1_order = (0, 1, 2)  # z, r, h in both
    keras3_fixed = {'reset_after': False}


class LSTM(_Recurrent, keras.layers.LSTM):
    """keras 1.2.2 LSTM: Keras 1 stores gates i, c, f, o; Keras 3 packs i, f, c, o."""
    gates = 4
    keras1_order = (0, 2, 1, 3)  # Keras 1 gate order i, c, f, o as Keras 3 block indices

    def _keras3_kwargs(self, k1):
        out = super()._keras3_kwargs(k1)
        forget = INIT(k1['forget_bias_init'])
        zero = INIT('zero')
        out['unit_forget_bias'] = False
        out['bias_initializer'] = _BlockInitializer([zero, forget, zero, zero])
        return out

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
