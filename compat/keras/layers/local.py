"""Keras 1.2.2 ``keras.layers.local``: LocallyConnected1D/2D (unshared convolution weights).

Keras 3 has no locally connected layers; compat computes them as keras 1.2.2
layers/local.py did: one patch per output position, flattened in the input's
own layout ('th': channel, row, col; 'tf': row, col, channel), times that
position's weight matrix. Weights keep Keras 1's shapes: W ``(positions,
patch_size, nb_filter)``, b ``(length, nb_filter)`` or ``(rows, cols, nb_filter)``.

>>> from compat.keras.layers.local import LocallyConnected1D
>>> LocallyConnected1D(4, 3, input_shape=(10, 2)).compute_output_shape((None, 10, 2))
(None, 8, 4)
"""
from compat._keras3 import keras, tf
from compat.keras.engine import arguments
from compat.keras.engine.topology import Keras1Layer
from compat.keras.layers import _theano


def _weight_args(k1):
    """(initializer, regularizers, constraints) of W and b, from the Keras 1 arguments."""
    reg = lambda v: arguments.REGULARIZER(v) if v is not None else None  # noqa: E731
    con = lambda v: arguments.CONSTRAINT(v) if v is not None else None  # noqa: E731
    return (arguments.INIT(k1['init']), reg(k1['W_regularizer']), reg(k1['b_regularizer']),
            con(k1['W_constraint']), con(k1['b_constraint']))


class _LocallyConnected(Keras1Layer, keras.layers.Layer):
    """Shared body: patches, weights, activation."""

    def _keras3_kwargs(self, k1):
        if k1['border_mode'] != 'valid':
            raise ValueError("%s(border_mode=%r): Keras 1 supports only 'valid'" % (type(self).__name__,
                                                                                     k1['border_mode']))
        reg = k1.get('activity_regularizer')
        return {'activity_regularizer': arguments.REGULARIZER(reg)} if reg is not None else {}

    def _make_weights(self, positions, patch, bias_shape):
        init, w_reg, b_reg, w_con, b_con = _weight_args(self._k1)
        self.W = self.add_weight(shape=(positions, patch, self._k1['nb_filter']), initializer=init,
                                 regularizer=w_reg, constraint=w_con, name='W')
        self.b = self.add_weight(shape=bias_shape, initializer='zeros', regularizer=b_reg, constraint=b_con,
                                 name='b') if self._k1['bias'] else None

    def _project(self, patches):
        """(positions, batch, patch) -> (positions, batch, nb_filter): keras 1.2.2 K.batch_dot(x, W)."""
        return tf.einsum('pbf,pfo->pbo', patches, self.W)

    def _activate(self, y):
        return arguments.ACTIVATION(self._k1['activation'])(y)


class LocallyConnected1D(_LocallyConnected):
    """keras 1.2.2 LocallyConnected1D(nb_filter, filter_length, ..., subsample_length=1) on (samples, steps, dim)."""

    def _length(self, steps):
        k1 = self._k1
        return _theano.output_length(steps, k1['filter_length'], 'valid', k1['subsample_length'])

    def build(self, input_shape):
        k1 = self._k1
        n = self._length(input_shape[1])
        self._make_weights(n, k1['filter_length'] * input_shape[2], (n, k1['nb_filter']))
        self.input_spec = keras.InputSpec(ndim=3)

    def call(self, x):
        k1 = self._k1
        n, size, stride = self._length(x.shape[1]), k1['filter_length'], k1['subsample_length']
        patches = tf.stack([tf.reshape(x[:, i * stride:i * stride + size, :], (-1, self.W.shape[1]))
                            for i in range(n)])
        y = tf.transpose(self._project(patches), (1, 0, 2))
        if self.b is not None:
            y = y + self.b[None]
        return self._activate(y)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self._length(input_shape[1]), self._k1['nb_filter'])


class LocallyConnected2D(_LocallyConnected):
    """keras 1.2.2 LocallyConnected2D(nb_filter, nb_row, nb_col, ..., subsample=(1, 1), dim_ordering)."""

    def _channels_first(self):
        return self._k1['dim_ordering'] == 'th'

    def _grid(self, input_shape):
        k1 = self._k1
        rows, cols = (input_shape[2], input_shape[3]) if self._channels_first() else input_shape[1:3]
        return (_theano.output_length(rows, k1['nb_row'], 'valid', k1['subsample'][0]),
                _theano.output_length(cols, k1['nb_col'], 'valid', k1['subsample'][1]))

    def build(self, input_shape):
        k1 = self._k1
        rows, cols = self._grid(input_shape)
        channels = input_shape[1] if self._channels_first() else input_shape[3]
        self._make_weights(rows * cols, k1['nb_row'] * k1['nb_col'] * channels, (rows, cols, k1['nb_filter']))
        self.input_spec = keras.InputSpec(ndim=4)

    def call(self, x):
        k1 = self._k1
        rows, cols = self._grid(tuple(x.shape))
        (sr, sc), nr, nc, f = k1['subsample'], k1['nb_row'], k1['nb_col'], k1['nb_filter']
        th = self._channels_first()
        patches = []
        for i in range(rows):
            for j in range(cols):
                r, c = slice(i * sr, i * sr + nr), slice(j * sc, j * sc + nc)
                patch = x[:, :, r, c] if th else x[:, r, c, :]
                patches.append(tf.reshape(patch, (-1, self.W.shape[1])))
        y = tf.reshape(self._project(tf.stack(patches)), (rows, cols, -1, f))
        y = tf.transpose(y, (2, 3, 0, 1) if th else (2, 0, 1, 3))
        if self.b is not None:
            # keras 1.2.2 LocallyConnected2D.call: 'th' *reshapes* b (rows, cols, f) to (1, f, rows, cols)
            y = y + (tf.reshape(self.b, (1, f, rows, cols)) if th else self.b[None])
        return self._activate(y)

    def compute_output_shape(self, input_shape):
        rows, cols = self._grid(tuple(input_shape))
        f = self._k1['nb_filter']
        return (input_shape[0], f, rows, cols) if self._channels_first() else (input_shape[0], rows, cols, f)

from compat.keras._reexports import reexported  # noqa: E402

__getattr__ = reexported(__name__)
