"""Graph manipulation and control flow (keras 1.2.2 backend) on TF 2.

``function`` evaluates Keras 3 symbolic tensors by building (once) a
``keras.Model`` from its inputs to its outputs. ``rnn`` follows Theano's scan
semantics. Sessions do not exist in TF 2: the session functions are shims.
"""
import warnings

import numpy as np

from compat._keras3 import keras, tf
from compat.keras.backend.common import reset_uids
from compat.keras.backend._lift import (LEARNING_PHASE, KerasTensor, current_phase,
                                        learning_phase, set_learning_phase, symbolic)
from compat.keras.backend._ops import _t
from compat.keras.backend._variables import Update

__all__ = ['learning_phase', 'set_learning_phase', 'function', 'Function', 'gradients',
           'stop_gradient', 'rnn', 'switch', 'in_train_phase', 'in_test_phase', 'map_fn',
           'foldl', 'foldr', 'clear_session', 'get_session', 'set_session',
           'ctc_label_dense_to_sparse', 'ctc_batch_cost', 'ctc_decode']

_VARIABLE_TYPES = (tf.Variable, keras.Variable)


def _is_fixed_phase(x):
    return isinstance(x, int) and not isinstance(x, bool) and x in (0, 1)


class Function(object):
    """keras 1.2.2 backend Function: ``f([array, ...]) -> outputs``.

    ``inputs`` are Keras 3 symbolic tensors (``keras.Input``, ``K.placeholder``,
    model inputs, layer outputs) and optionally ``K.learning_phase()``, whose
    fed 0/1 becomes ``training=``. Outputs may be symbolic tensors or
    variables; a single (non-list) output gives a single array, as with
    Theano. ``updates`` (pairs from ``K.update*`` or ``(variable, value)``)
    are applied after the outputs are computed, all from the old values.
    """

    def __init__(self, inputs, outputs, updates=(), **kwargs):
        if not isinstance(inputs, (list, tuple)):
            raise TypeError('K.function: `inputs` must be a list of tensors, got %r' % type(inputs))
        self._single = not isinstance(outputs, (list, tuple))
        self.outputs = [outputs] if self._single else list(outputs)
        self.inputs = list(inputs)
        self._phase_index = None
        self._feeds = []  # (position in fed list, KerasTensor)
        for i, x in enumerate(self.inputs):
            if x is LEARNING_PHASE:
                self._phase_index = i
            elif isinstance(x, KerasTensor):
                self._feeds.append((i, x))
            elif not _is_fixed_phase(x):  # a fixed phase (set_learning_phase) is ignored
                raise TypeError('K.function: input %d is %r; inputs must be symbolic tensors '
                                '(keras.Input / K.placeholder / layer outputs) or '
                                'K.learning_phase().' % (i, x))
        # keras 1.2.2 theano_backend Function: first update of a variable wins
        self.updates = []
        seen = set()
        for u in updates or ():
            if not isinstance(u, (tuple, list)) or len(u) != 2:
                raise TypeError('K.function: each update must be (variable, new_value), got %r' % (u,))
            if id(u[0]) not in seen:
                seen.add(id(u[0]))
                self.updates.append(u)
        sym = [o for o in self.outputs if isinstance(o, KerasTensor)]
        sym += [u[1] for u in self.updates if isinstance(u[1], KerasTensor)]
        self._symbolic = list({id(t): t for t in sym}.values())
        self._model = None
        if self._symbolic:
            if not self._feeds:
                raise ValueError('K.function: outputs are symbolic but no symbolic inputs given.')
            self._model = keras.Model([t for _, t in self._feeds], self._symbolic)
        if kwargs:
            warnings.warn('K.function: arguments %s are Theano/TF-session options and are '
                          'ignored by compat.' % sorted(kwargs))

    def _training(self, values):
        if self._phase_index is not None:
            return bool(np.asarray(values[self._phase_index]))
        return current_phase()

    def __call__(self, inputs):
        if not isinstance(inputs, (list, tuple)):
            raise TypeError('K.function: call with a list of arrays, one per input, got %r'
                            % type(inputs))
        if len(inputs) != len(self.inputs):
            raise ValueError('K.function: expected %d input arrays, got %d'
                             % (len(self.inputs), len(inputs)))
        computed = {}
        if self._model is not None:
            feed = [np.asarray(inputs[i], dtype=t.dtype) for i, t in self._feeds]
            values = self._model(feed, training=self._training(inputs))
            values = values if isinstance(values, (list, tuple)) else [values]
            computed = {id(t): v for t, v in zip(self._symbolic, values)}
        results = [self._value(o, computed) for o in self.outputs]
        new_values = [self._new_value(u, computed) for u in self.updates]
        for (var, _), value in zip(self.updates, new_values):
            var.assign(tf.cast(value, var.dtype))
        return results[0] if self._single else results

    @staticmethod
    def _value(o, computed):
        if id(o) in computed:
            return np.asarray(computed[id(o)])
        return np.asarray(_t(o))

    @staticmethod
    def _new_value(u, computed):
        if id(u[1]) in computed:
            return computed[id(u[1])]
        if isinstance(u, Update) and u.recompute is not None:
            return _t(u.recompute())
        return _t(u[1])


def function(inputs, outputs, updates=(), **kwargs):
    """keras 1.2.2 backend function (see Function)."""
    return Function(inputs, outputs, updates=updates, **kwargs)


def gradients(loss, variables):
    """keras 1.2.2 backend gradients (T.grad) on TF 2.

    - ``loss`` a zero-argument callable: evaluated under a GradientTape
      (eager), returning gradients w.r.t. ``variables``;
    - ``loss`` a tensor inside a ``tf.function``/graph: ``tf.gradients``.
    Limits: an eager tensor loss has no recorded graph, and symbolic
    (KerasTensor) losses are not differentiated; both raise with advice.
    """
    variables = list(variables) if isinstance(variables, (list, tuple)) else [variables]
    if callable(loss):
        with tf.GradientTape() as tape:
            for v in variables:
                if not isinstance(v, _VARIABLE_TYPES):
                    tape.watch(v)
            value = loss()
        return tape.gradient(value, variables)
    if isinstance(loss, KerasTensor):
        raise NotImplementedError('K.gradients: symbolic (KerasTensor) losses are not supported; '
                                  'compute the loss in a function and pass that callable, or use '
                                  'tf.GradientTape.')
    if tf.executing_eagerly():
        raise ValueError('K.gradients: `loss` is an eager tensor, already computed, so TF 2 has '
                         'nothing to differentiate. Pass a zero-argument callable returning the '
                         'loss instead, e.g. K.gradients(lambda: loss_fn(), weights).')
    return tf.gradients(loss, variables)


@symbolic
def stop_gradient(variables):
    return tf.stop_gradient(variables)


# ---------------------------------------------------------------- control flow

def _mask_for(m, value):
    """Reshape a (samples, 1) step mask to broadcast over a tensor of any rank."""
    return tf.reshape(m, [-1] + [1] * (value.shape.rank - 1))


def rnn(step_function, inputs, initial_states, go_backwards=False, mask=None,
        constants=None, unroll=False, input_length=None):
    """keras 1.2.2 theano_backend rnn (theano.scan semantics).

    ``step_function(x_t, states + constants) -> (output, new_states)``. With a
    mask (samples, time), a masked step keeps the previous output (zeros
    before the first step) and the previous states. ``go_backwards`` iterates
    from the last step and, as in Keras 1, leaves ``outputs`` in iteration
    (reversed) order. Returns (last_output, outputs (samples, time, ...),
    new_states). Static time lengths run as a Python loop; dynamic ones use
    tf.scan. Symbolic (KerasTensor) inputs are run inside a layer.
    """
    if isinstance(inputs, KerasTensor) or any(isinstance(s, KerasTensor)
                                              for s in list(initial_states) + [mask]):
        return _symbolic_rnn(step_function, inputs, initial_states, go_backwards, mask,
                             constants, unroll, input_length)
    inputs = _t(inputs)
    ndim = inputs.shape.rank
    if ndim is None or ndim < 3:
        raise ValueError('rnn: inputs must be at least 3-D (samples, time, ...), got shape %s'
                         % (inputs.shape,))
    if unroll and input_length is None:
        raise ValueError('rnn: when specifying `unroll=True`, an `input_length` must be provided.')
    constants = list(constants or [])
    states = [_t(s) for s in initial_states]
    perm = [1, 0] + list(range(2, ndim))
    seq = tf.transpose(inputs, perm)
    if mask is not None:
        mask = tf.cast(mask, tf.bool)
        if mask.shape.rank == 2:
            mask = tf.expand_dims(mask, -1)
        mask = tf.transpose(mask, [1, 0] + list(range(2, mask.shape.rank)))
    if go_backwards:  # theano.scan(go_backwards=True): reversed iteration and outputs
        seq = tf.reverse(seq, [0])
        mask = None if mask is None else tf.reverse(mask, [0])

    def step(x_t, m_t, prev_output, states):
        output, new_states = step_function(x_t, list(states) + constants)
        new_states = list(new_states)
        if m_t is not None:
            if prev_output is None:  # Theano's masked scan starts from a zero output
                prev_output = tf.zeros_like(output)
            output = tf.where(_mask_for(m_t, output), output, prev_output)
            new_states = [tf.where(_mask_for(m_t, ns), ns, s) for ns, s in zip(new_states, states)]
        return output, new_states

    steps = seq.shape[0]
    if steps is not None:
        outputs, prev = [], None
        for t in range(steps):
            m_t = None if mask is None else mask[t]
            prev, states = step(seq[t], m_t, prev, states)
            outputs.append(prev)
        outputs = tf.stack(outputs)
    else:
        # dynamic length: scan with a zero initial output, as Theano's masked scan
        zero = tf.zeros_like(step_function(seq[0], list(states) + constants)[0])
        elems = (seq, mask if mask is not None else tf.ones_like(seq[..., :1], dtype=tf.bool))

        def body(carry, elem):
            out, st = step(elem[0], elem[1] if mask is not None else None, carry[0], carry[1])
            return out, st

        outputs, state_seq = tf.scan(body, elems, initializer=(zero, states))
        states = [s[-1] for s in state_seq]
    last_output = outputs[-1]
    outputs = tf.transpose(outputs, [1, 0] + list(range(2, outputs.shape.rank)))
    return last_output, outputs, list(states)


def _symbolic_rnn(step_function, inputs, initial_states, go_backwards, mask, constants, unroll,
                  input_length):
    n_states = len(initial_states)

    @symbolic
    def run(inputs, initial_states, mask):
        last, outputs, states = rnn(step_function, inputs, list(initial_states), go_backwards,
                                    mask, constants, unroll, input_length)
        return [last, outputs] + list(states)

    flat = run(inputs, list(initial_states), mask)
    return flat[0], flat[1], list(flat[2:2 + n_states])


def _resolve(x):
    return x() if callable(x) else x


@symbolic
def switch(condition, then_expression, else_expression):
    """keras 1.2.2 theano_backend switch: T.switch, element-wise with
    broadcasting (the TF backend of Keras 1 required a scalar condition).
    A Python bool/int condition just picks a branch."""
    if isinstance(condition, (bool, int, np.bool_)):
        return _resolve(then_expression) if condition else _resolve(else_expression)
    then_value, else_value = _t(_resolve(then_expression)), _t(_resolve(else_expression))
    cond = tf.cast(condition, tf.bool)
    return tf.where(cond, then_value, tf.cast(else_value, then_value.dtype))


def _phase_select(train, test):
    phase = current_phase()
    if isinstance(phase, bool):
        return _resolve(train) if phase else _resolve(test)
    train, test = _t(_resolve(train)), _t(_resolve(test))
    return tf.cond(phase, lambda: train, lambda: test)


@symbolic
def in_train_phase(x, alt):
    """keras 1.2.2 in_train_phase: x when training, else alt.

    The phase is set_learning_phase's value, else the ``training`` flag of the
    enclosing Keras 3 call (K.function feeds K.learning_phase() there), else
    test.
    """
    return _phase_select(x, alt)


@symbolic
def in_test_phase(x, alt):
    """keras 1.2.2 in_test_phase: x at test time, else alt."""
    return _phase_select(alt, x)


# ---------------------------------------------------------------- higher order

def map_fn(fn, elems, name=None):
    return tf.map_fn(fn, elems, name=name)


def foldl(fn, elems, initializer=None, name=None):
    return tf.foldl(fn, elems, initializer=initializer, name=name)


def foldr(fn, elems, initializer=None, name=None):
    return tf.foldr(fn, elems, initializer=initializer, name=name)


# ---------------------------------------------------------------- sessions (TF 1 only)

def clear_session():
    """keras 1.2.2 tensorflow_backend clear_session: reset Keras state and uids."""
    keras.backend.clear_session()
    reset_uids()


def get_session():
    raise RuntimeError('K.get_session: TensorFlow 2 has no sessions; compat runs eagerly. '
                       'Remove session handling (tf.Session/ConfigProto) from the script.')


def set_session(session):
    warnings.warn('K.set_session: ignored, TensorFlow 2 has no sessions.')


# ---------------------------------------------------------------- CTC (tensorflow_backend)
# theano_backend's CTC smoothed predictions differently (alpha = 1e-4); compat
# follows keras 1.2.2 tensorflow_backend ctc_* (TF's ctc_loss), documented gap.

def ctc_label_dense_to_sparse(labels, label_lengths):
    labels = tf.cast(labels, tf.int32)
    lengths = tf.reshape(tf.cast(label_lengths, tf.int32), [-1])
    mask = tf.sequence_mask(lengths, tf.shape(labels)[1])
    indices = tf.where(mask)
    return tf.SparseTensor(indices, tf.gather_nd(labels, indices),
                           tf.cast(tf.shape(labels), tf.int64))


@symbolic
def ctc_batch_cost(y_true, y_pred, input_length, label_length):
    """keras 1.2.2 tensorflow_backend ctc_batch_cost: (samples, 1) CTC losses;
    y_pred are softmax outputs (blank = last class)."""
    label_length = tf.reshape(tf.cast(label_length, tf.int32), [-1])
    input_length = tf.reshape(tf.cast(input_length, tf.int32), [-1])
    sparse = ctc_label_dense_to_sparse(y_true, label_length)
    logits = tf.math.log(tf.transpose(_t(y_pred), [1, 0, 2]) + 1e-8)
    loss = tf.compat.v1.nn.ctc_loss(labels=sparse, inputs=logits, sequence_length=input_length)
    return tf.expand_dims(loss, 1)


def ctc_decode(y_pred, input_length, greedy=True, beam_width=100, top_paths=1):
    """keras 1.2.2 tensorflow_backend ctc_decode: (list of dense decodings with -1
    padding, log probabilities)."""
    logits = tf.math.log(tf.transpose(_t(y_pred), [1, 0, 2]) + 1e-8)
    input_length = tf.reshape(tf.cast(input_length, tf.int32), [-1])
    if greedy:
        decoded, log_prob = tf.nn.ctc_greedy_decoder(logits, input_length)
    else:
        decoded, log_prob = tf.nn.ctc_beam_search_decoder(logits, input_length,
                                                          beam_width=beam_width,
                                                          top_paths=top_paths)
    dense = [tf.sparse.to_dense(st, default_value=-1) for st in decoded]
    return dense, log_prob
