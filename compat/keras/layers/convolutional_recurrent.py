"""Keras 1.2.2 ``keras.layers.convolutional_recurrent`` (ConvLSTM2D) on Keras 3.

Keras 1 numerics kept (keras 1.2.2 layers/convolutional_recurrent.py ConvLSTM2D):

- 'th' input ``(samples, time, channels, rows, cols)`` and output
  ``(samples, [time,] nb_filter, rows, cols)`` stay channels-first between
  layers; the recurrence runs channels-last inside (TensorFlow has no
  channels-first convolution on CPU);
- the input convolutions are Theano true convolutions (kernels flipped on both
  spatial axes) with Theano's border modes and ``subsample``; the recurrent
  convolutions are Theano 'same' (``k // 2`` zeros on both sides, cropped for
  even kernels; ConvLSTM2D.step ``border_mode='same'``), not TensorFlow's
  'SAME', which pads the odd pixel at the end;
- gates use ``inner_activation`` (default: Keras 1's hard sigmoid);
- weights in Keras 1 order ``W_i, U_i, b_i, W_c, U_c, b_c, W_f, U_f, b_f,
  W_o, U_o, b_o`` with kernels 'th' ``(nb_filter, stack, rows, cols)`` /
  ``(nb_filter, nb_filter, rows, cols)`` (Keras 3 packs gates i, f, c, o);
  initial values drawn from NumPy in Keras 1's build order;
- masked steps carry the previous output and state; ``go_backwards`` returns
  the sequence in processing (reversed) order (theano_backend.py rnn).

Not reproduced: Keras 1.2.2's 'tf' dim_ordering with an even kernel under
Theano (its even-kernel crop tested the kernel's channel axes,
_postprocess_conv2d_output on a 'tf' kernel shape); compat crops by rows/cols.

>>> from compat.keras.layers.convolutional_recurrent import ConvLSTM2D
>>> ConvLSTM2D(4, 3, 3, border_mode='same', input_shape=(5, 2, 8, 8)).get_config()['inner_activation']
'hard_sigmoid'
"""
import numpy as np

from compat._keras3 import keras, tf
from compat.keras import backend as K
from compat.keras.engine.arguments import ACTIVATION, INIT, REGULARIZER
from compat.keras.engine.base_layer import Layer
from compat.keras.engine.topology import InputSpec, Keras1Layer
from compat.keras.layers import _theano
from compat.keras.layers.convolutional import Convolution2D
from compat.keras.utils.np_utils import conv_output_length
from keras.src.layers.rnn.conv_lstm import ConvLSTMCell  # noqa: E402  (Keras 3 has no public cell class)

class ConvRecurrent2D(Layer):
    """keras 1.2.2 layers/convolutional_recurrent.py ConvRecurrent2D: the base class of convolutional
    recurrent layers written the Keras 1 way (5D input ``(samples, time, channels, rows, cols)`` for 'th').

    A subclass sets ``border_mode``, ``subsample`` and ``W_shape``, defines ``conv_step(x, W, border_mode)``
    (used by the default ``get_initial_states``) and ``step(x, states)``, and creates ``self.states`` in
    ``build``; ``call`` runs ``step`` with ``K.rnn`` as keras 1.2.2 did. compat's own ConvLSTM2D is built on
    Keras 3's ConvLSTM instead (same numbers, see ConvLSTM2D).
    """

    def __init__(self, weights=None, nb_row=None, nb_col=None, nb_filter=None, return_sequences=False,
                 go_backwards=False, stateful=False, dim_ordering=None, **kwargs):
        self.return_sequences = return_sequences
        self.go_backwards = go_backwards
        self.stateful = stateful
        self.initial_weights = weights
        self.nb_row = nb_row
        self.nb_col = nb_col
        self.nb_filter = nb_filter
        self.dim_ordering = dim_ordering
        super(ConvRecurrent2D, self).__init__(**kwargs)
        self.input_spec = [InputSpec(ndim=5)]

    def compute_mask(self, input, mask=None):
        return mask if self.return_sequences else None

    def get_output_shape_for(self, input_shape):
        if self.dim_ordering not in ('th', 'tf'):
            raise ValueError('%s: invalid dim_ordering %r (use "th" or "tf")' % (self.name, self.dim_ordering))
        rows, cols = (input_shape[3], input_shape[4]) if self.dim_ordering == 'th' else input_shape[2:4]
        rows = conv_output_length(rows, self.nb_row, self.border_mode, self.subsample[0])
        cols = conv_output_length(cols, self.nb_col, self.border_mode, self.subsample[1])
        image = (self.nb_filter, rows, cols) if self.dim_ordering == 'th' else (rows, cols, self.nb_filter)
        if self.return_sequences:
            return (input_shape[0], input_shape[1]) + image
        return (input_shape[0],) + image

    def step(self, x, states):
        raise NotImplementedError('%s: a ConvRecurrent2D subclass defines step(x, states)' % type(self).__name__)

    def get_constants(self, X, train=False):
        return None

    def get_initial_states(self, X):
        initial_state = K.sum(K.zeros_like(X), axis=1)
        # keras 1.2.2 convolved with K.zeros(self.W_shape); a constant, since call() may run in a tf.function
        initial_state = self.conv_step(initial_state, tf.zeros(self.W_shape, K.floatx()), border_mode=self.border_mode)
        return [initial_state for _ in range(2)]

    def preprocess_input(self, x):
        return x

    def call(self, x, mask=None):
        if K.ndim(x) != 5:
            raise ValueError('%s expects 5D input (samples, time, ...), got %dD' % (self.name, K.ndim(x)))
        initial_states = self.states if self.stateful else self.get_initial_states(x)
        last_output, outputs, states = K.rnn(self.step, self.preprocess_input(x), initial_states,
                                             go_backwards=self.go_backwards, mask=mask,
                                             constants=self.get_constants(x), unroll=False,
                                             input_length=K.int_shape(x)[1])
        if self.stateful:
            self.updates = [(self.states[i], states[i]) for i in range(len(states))]
        return outputs if self.return_sequences else last_output

    def get_config(self):
        config = {'return_sequences': self.return_sequences, 'go_backwards': self.go_backwards,
                  'stateful': self.stateful}
        return dict(super(ConvRecurrent2D, self).get_config(), **config)


# Keras 3 block index (i, f, c, o) of each Keras 1 gate, in Keras 1's get_weights order i, c, f, o
_KERAS1_ORDER = (0, 2, 1, 3)
# keras 1.2.2 ConvLSTM2D.build draws i, f, c, o (Keras 3 block order)
_CREATION_ORDER = (0, 1, 2, 3)
_FORGET = 1  # Keras 3 block of the forget gate


class _TheanoConvLSTMCell(ConvLSTMCell):
    """Keras 3's ConvLSTM cell with Theano's padding on the input and recurrent convolutions."""

    def __init__(self, border_mode, **kwargs):
        super().__init__(**kwargs)
        self.border_mode = border_mode

    def _theano_conv(self, x, w, border_mode, strides):
        # keras 1.2.2 theano_backend.py conv2d: 'half'/'full' padding both sides, then the even-kernel crop
        spatial = [int(d) for d in x.shape[1:-1]]
        x = _theano.pad_channels_last(x, [_theano.conv_padding(k, border_mode) for k in self.kernel_size])
        y = keras.ops.conv(x, w, strides=strides, padding='valid', data_format='channels_last')
        return _theano.crop_channels_last(y, spatial, strides) if border_mode == 'same' else y

    def input_conv(self, x, w, b=None, padding='valid'):
        # keras 1.2.2 ConvLSTM2D.conv_step: subsample, the layer's border_mode, bias
        y = self._theano_conv(x, w, self.border_mode, self.strides)
        return y if b is None else y + b

    def recurrent_conv(self, x, w):
        # keras 1.2.2 ConvLSTM2D.conv_step_hidden: stride 1, border_mode='same'
        return self._theano_conv(x, w, 'same', (1, 1))

    def compute_output_shape(self, inputs_shape, states_shape=None):
        # keras 1.2.2 ConvRecurrent2D.get_output_shape_for (conv_output_length), channels-last
        rows, cols = (_theano.output_length(n, k, self.border_mode, s)
                      for n, k, s in zip(inputs_shape[1:3], self.kernel_size, self.strides))
        shape = (inputs_shape[0], rows, cols, self.filters)
        return shape, [shape, shape]

    def get_config(self):
        return dict(super().get_config(), border_mode=self.border_mode)


class ConvLSTM2D(Keras1Layer, keras.layers.RNN):
    """keras 1.2.2 ConvLSTM2D(nb_filter, nb_row, nb_col, init, inner_init, forget_bias_init, activation,
    inner_activation, dim_ordering, border_mode, subsample, W/U/b_regularizer, dropout_W, dropout_U)."""

    # keras 1.2.2 stores Theano ('th') or correlation-flipped ('tf') kernels like Convolution2D
    _kernel_from_keras1 = Convolution2D._kernel_from_keras1
    _kernel_to_keras1 = Convolution2D._kernel_to_keras1
    _flip = Convolution2D._flip

    def _keras3_kwargs(self, k1):
        if k1['border_mode'] not in ('valid', 'same', 'full'):
            raise ValueError("ConvLSTM2D(border_mode=%r): Keras 1 accepts 'valid', 'same' or 'full'"
                             % (k1['border_mode'],))
        if len(tuple(k1['subsample'])) != 2:
            raise ValueError('ConvLSTM2D(subsample=%r): give 2 ints (rows, cols)' % (k1['subsample'],))
        # Initial values are drawn in build(), the way Keras 1 drew them; Keras 3 only allocates.
        cell = _TheanoConvLSTMCell(
            border_mode=k1['border_mode'], rank=2, filters=k1['nb_filter'],
            kernel_size=(k1['nb_row'], k1['nb_col']), strides=tuple(k1['subsample']), padding='valid',
            data_format='channels_last', activation=ACTIVATION(k1['activation']),
            recurrent_activation=ACTIVATION(k1['inner_activation']),
            kernel_initializer='zeros', recurrent_initializer='zeros', bias_initializer='zeros',
            unit_forget_bias=False, kernel_regularizer=REGULARIZER(k1['W_regularizer']),
            recurrent_regularizer=REGULARIZER(k1['U_regularizer']),
            bias_regularizer=REGULARIZER(k1['b_regularizer']),
            dropout=k1['dropout_W'], recurrent_dropout=k1['dropout_U'], name='conv_lstm_cell')
        return {'cell': cell, 'return_sequences': k1['return_sequences'], 'go_backwards': k1['go_backwards'],
                'stateful': k1['stateful']}

    def _channels_first(self):
        return self._k1['dim_ordering'] == 'th'

    # -- shapes and call ----------------------------------------------------------------
    def build(self, sequences_shape, initial_state_shape=None):
        shape = tuple(sequences_shape)
        if self._channels_first():
            shape = shape[:2] + shape[3:] + shape[2:3]
        super().build(shape)
        self.input_spec = keras.InputSpec(ndim=5)
        if self._pending_keras1_weights is None:
            self.set_weights(self._keras1_initial_weights(int(shape[-1])))

    def call(self, sequences, initial_state=None, mask=None, training=False):
        if self._channels_first():  # (samples, time, channels, rows, cols) -> channels-last
            sequences = tf.transpose(sequences, [0, 1, 3, 4, 2])
        y = super().call(sequences, initial_state=initial_state, mask=mask, training=training)
        if not self._channels_first():
            return y
        return tf.transpose(y, [0, 1, 4, 2, 3]) if self.return_sequences else _theano.to_channels_first(y)

    def compute_output_shape(self, sequences_shape, initial_state_shape=None):
        # keras 1.2.2 ConvRecurrent2D.get_output_shape_for
        k1, shape = self._k1, tuple(sequences_shape)
        spatial = shape[3:5] if self._channels_first() else shape[2:4]
        rows, cols = (_theano.output_length(n, k, k1['border_mode'], s)
                      for n, k, s in zip(spatial, (k1['nb_row'], k1['nb_col']), k1['subsample']))
        step = (k1['nb_filter'], rows, cols) if self._channels_first() else (rows, cols, k1['nb_filter'])
        return (shape[0],) + ((shape[1],) if self.return_sequences else ()) + step

    def compute_mask(self, inputs, mask=None):
        # keras 1.2.2 ConvRecurrent2D.compute_mask
        return mask if self.return_sequences else None

    # -- weights ------------------------------------------------------------------------
    def _keras1_shapes(self, channels):
        f, r, c = self._k1['nb_filter'], self._k1['nb_row'], self._k1['nb_col']
        if self._channels_first():
            return (f, channels, r, c), (f, f, r, c)
        return (r, c, channels, f), (r, c, f, f)

    def _keras1_initial_weights(self, channels):
        """keras 1.2.2 ConvLSTM2D.build: per gate i, f, c, o, W with `init` and U with `inner_init`
        (called without dim_ordering, so fans are 'th'), b zeros or `forget_bias_init`; returned in
        get_weights order."""
        k1, f = self._k1, self._k1['nb_filter']
        init, inner = INIT(k1['init']), INIT(k1['inner_init'])
        w_shape, u_shape = self._keras1_shapes(channels)
        drawn = {}
        for gate in _CREATION_ORDER:
            w = np.asarray(init(w_shape))
            u = np.asarray(inner(u_shape))
            b = (np.asarray(INIT(k1['forget_bias_init'])((f,)), 'float32') if gate == _FORGET
                 else np.zeros((f,), 'float32'))
            drawn[gate] = [w, u, b]
        return [a for gate in _KERAS1_ORDER for a in drawn[gate]]

    def _to_keras1(self, arrays):
        kernel, recurrent, bias = (np.split(a, 4, axis=-1) for a in arrays)
        out = []
        for block in _KERAS1_ORDER:
            out += [self._kernel_to_keras1(kernel[block]), self._kernel_to_keras1(recurrent[block]), bias[block]]
        return out

    def _from_keras1(self, arrays, backend='theano'):
        if backend not in ('theano', 'tensorflow'):
            raise ValueError("backend must be 'theano' or 'tensorflow', got %r" % (backend,))
        by_block = {}
        for i, block in enumerate(_KERAS1_ORDER):
            w, u, b = arrays[3 * i:3 * i + 3]
            if backend == 'tensorflow':  # TF backend kernels were correlations: flip to Theano's convention
                w, u = self._flip(w), self._flip(u)
            by_block[block] = (self._kernel_from_keras1(w), self._kernel_from_keras1(u), b)
        return [np.concatenate([by_block[b][j] for b in range(4)], axis=-1) for j in range(3)]

from compat.keras._reexports import reexported  # noqa: E402

__getattr__ = reexported(__name__)
