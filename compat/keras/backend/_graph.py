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
from compat.keras.backend._symbolic_graph import clear as clear_graphs
from compat.keras.backend._symbolic_graph import (carried, evaluate, sharing_the_loss, source_inputs,
                                                  symbolic_gradients)
from compat.keras.backend._variables import Update

__all__ = ['learning_phase', 'set_learning_phase', 'function', 'Function', 'gradients',
           'stop_gradient', 'rnn', 'switch', 'in_train_phase', 'in_test_phase', 'map_fn',
           'foldl', 'foldr', 'clear_session', 'get_session', 'set_session',
           'ctc_label_dense_to_sparse', 'ctc_batch_cost', 'ctc_decode', 'ctc_interleave_blanks',
           'ctc_create_skip_idxs', 'ctc_update_log_p', 'ctc_path_probs', 'ctc_cost']

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
        self._evaluated = sharing_the_loss(self._symbolic)
        # theano.function raises MissingInputError at compile time; inputs carrying
        # their own value (Input(tensor=...)) are fed by themselves
        fed = {id(t) for _, t in self._feeds}
        missing = [s for s in source_inputs(self._symbolic, given=fed)
                   if id(s) not in fed and carried(s) is None]
        if missing:
            raise ValueError('K.function: the outputs need the input(s) %s, which are not in the '
                             'inputs list (Theano: MissingInputError). Add them to the inputs.'
                             % ', '.join(getattr(m, 'name', repr(m)) for m in missing))
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
        if self._symbolic:
            feeds = {id(t): tf.convert_to_tensor(np.asarray(inputs[i], dtype=t.dtype))
                     for i, t in self._feeds}
            values = evaluate(self._evaluated, feeds, training=self._training(inputs))
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
    """keras 1.2.2 theano_backend gradients (T.grad) on TF 2.

    - ``loss`` a symbolic tensor (computed from placeholders, model inputs or
      layer outputs): symbolic gradients, KerasTensors to use in further
      backend functions and ``K.function`` (see _symbolic_graph.Gradients);
    - ``loss`` a zero-argument callable: evaluated under a GradientTape
      (eager), returning gradients w.r.t. ``variables``;
    - ``loss`` a tensor inside a ``tf.function``/graph: ``tf.gradients``.
    An eager tensor loss has no recorded graph and raises with advice.

    As T.grad, a list of variables gives a list of gradients and a single
    variable its gradient alone (so ``K.gradients(loss, x)[0]`` is the
    gradient's first sample, as in Keras 1 on Theano).
    """
    as_list = isinstance(variables, (list, tuple))
    grads = _gradients(loss, list(variables) if as_list else [variables])
    return list(grads) if as_list else grads[0]


def _gradients(loss, variables):
    if isinstance(loss, KerasTensor):
        return symbolic_gradients(loss, variables)
    if callable(loss):
        with tf.GradientTape() as tape:
            for v in variables:
                if not isinstance(v, _VARIABLE_TYPES):
                    tape.watch(v)
            value = loss()
        return tape.gradient(value, variables)
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
    clear_graphs()


def get_session():
    raise RuntimeError('K.get_session: TensorFlow 2 has no sessions; compat runs eagerly. '
                       'Remove session handling (tf.Session/ConfigProto) from the script.')


def set_session(session):
    warnings.warn('K.set_session: ignored, TensorFlow 2 has no sessions.')


# ---------------------------------------------------------------- CTC
# ctc_batch_cost and its helpers follow keras 1.2.2 theano_backend.py (the backend compat reproduces):
# predictions smoothed with alpha = 1e-4, the forward-backward lattice over the label with blanks (-1, the
# last class) interleaved, one scan per sequence. ctc_label_dense_to_sparse and ctc_decode existed only in
# tensorflow_backend.py and follow it.

def ctc_label_dense_to_sparse(labels, label_lengths):
    """keras 1.2.2 tensorflow_backend ctc_label_dense_to_sparse: the labels as a SparseTensor."""
    labels = tf.cast(labels, tf.int32)
    lengths = tf.reshape(tf.cast(label_lengths, tf.int32), [-1])
    mask = tf.sequence_mask(lengths, tf.shape(labels)[1])
    indices = tf.where(mask)
    return tf.SparseTensor(indices, tf.gather_nd(labels, indices),
                           tf.cast(tf.shape(labels), tf.int64))


def ctc_interleave_blanks(Y):
    """keras 1.2.2 theano_backend ctc_interleave_blanks: ``[-1, y1, -1, y2, ..., -1]`` (blank = -1)."""
    Y = tf.cast(_t(Y), tf.int32)
    blanks = -tf.ones_like(Y)
    return tf.concat([tf.reshape(tf.stack([blanks, Y], axis=1), [-1]), [-1]], 0)


def ctc_create_skip_idxs(Y):
    """keras 1.2.2 theano_backend ctc_create_skip_idxs: the label positions of an interleaved label from
    which a path may skip the next blank (the next label differs)."""
    Y = _t(Y)
    skip_idxs = tf.range((tf.shape(Y)[0] - 3) // 2) * 2 + 1
    non_repeats = tf.not_equal(tf.gather(Y, skip_idxs), tf.gather(Y, skip_idxs + 2))
    return tf.boolean_mask(skip_idxs, non_repeats)


def ctc_update_log_p(skip_idxs, zeros, active, log_p_curr, log_p_prev):
    """keras 1.2.2 theano_backend ctc_update_log_p: one step of the CTC recursion in log space over the
    ``active`` first lattice positions; returns ``(active_next, log_p_next)`` (positions past
    ``active_next`` hold ``zeros``)."""
    zeros, log_p_curr, log_p_prev = _t(zeros), _t(log_p_curr), _t(log_p_prev)
    skip_idxs, active = tf.cast(_t(skip_idxs), tf.int32), tf.cast(active, tf.int32)
    size = tf.shape(zeros)[0]
    positions = tf.range(size)
    active_skip_idxs = tf.boolean_mask(skip_idxs, skip_idxs < active)
    active_next = tf.minimum(tf.maximum(active + 1, tf.reduce_max(tf.concat([active_skip_idxs, [-1]], 0)) + 3),
                             tf.shape(log_p_curr)[0])
    is_active = positions < active
    common_factor = tf.reduce_max(tf.boolean_mask(log_p_prev, is_active))
    p_prev = tf.where(is_active, tf.exp(tf.where(is_active, log_p_prev, common_factor) - common_factor),
                      tf.zeros_like(zeros))
    previous = tf.concat([tf.zeros_like(zeros[:1]), p_prev[:-1]], 0)  # previous transitions
    skips = tf.scatter_nd(active_skip_idxs[:, None] + 2, tf.gather(p_prev, active_skip_idxs), [size])
    reached = positions < active_next
    # where() keeps log(0) of unreached positions out of the gradient
    updated_log_p_prev = tf.math.log(tf.where(reached, p_prev + previous + skips, tf.ones_like(zeros))) \
        + common_factor
    return active_next, tf.where(reached, log_p_curr + updated_log_p_prev, zeros)


def ctc_path_probs(predict, Y, alpha=1e-4):
    """keras 1.2.2 theano_backend ctc_path_probs: for the predictions of one sequence ``(time, classes)``
    and an interleaved label ``Y``, the log probability of every (time, lattice position) and the mask of
    positions reachable from both ends."""
    predict = _t(predict)
    Y = tf.cast(_t(Y), tf.int32)
    classes = tf.where(Y < 0, Y + tf.shape(predict)[1], Y)  # Theano's predict[:, -1]: the last class
    smoothed_predict = (1 - alpha) * tf.gather(predict, classes, axis=1) \
        + alpha * 1. / tf.cast(tf.shape(Y)[0], predict.dtype)
    L = tf.math.log(smoothed_predict)
    zeros = tf.zeros_like(L[0])
    f_skip_idxs = ctc_create_skip_idxs(Y)
    b_skip_idxs = ctc_create_skip_idxs(Y[::-1])

    def step(carry, logs):
        f_active, log_f_prev, b_active, log_b_prev = carry
        f_active, log_f_next = ctc_update_log_p(f_skip_idxs, zeros, f_active, logs[0], log_f_prev)
        b_active, log_b_next = ctc_update_log_p(b_skip_idxs, zeros, b_active, logs[1], log_b_prev)
        return f_active, log_f_next, b_active, log_b_next

    one = tf.constant(1, tf.int32)
    f_active, log_f_probs, b_active, log_b_probs = tf.scan(step, (L, tf.reverse(L, [0, 1])),
                                                           initializer=(one, zeros, one, zeros))
    idxs = tf.range(tf.shape(L)[1])[None, :]
    mask = (idxs < f_active[:, None]) & tf.reverse(idxs < b_active[:, None], [0, 1])
    log_probs = log_f_probs + tf.reverse(log_b_probs, [0, 1]) - L
    return log_probs, mask


def ctc_cost(predict, Y):
    """keras 1.2.2 theano_backend ctc_cost: minus the log of the summed probabilities of the masked
    lattice entries, for one sequence's predictions ``(time, classes)`` and label ``Y``."""
    log_probs, mask = ctc_path_probs(predict, ctc_interleave_blanks(Y))
    common_factor = tf.reduce_max(log_probs)
    total_log_prob = tf.math.log(tf.reduce_sum(tf.boolean_mask(tf.exp(log_probs - common_factor), mask))) \
        + common_factor
    return -total_log_prob


def _ctc_skips(labels, sizes):
    """ctc_create_skip_idxs for a batch of interleaved labels ``(samples, positions)`` of ``sizes``, as a
    mask over the positions."""
    positions = tf.range(tf.shape(labels)[1])[None, :]
    ahead = tf.concat([labels[:, 2:], -tf.ones_like(labels[:, :2])], 1)
    return (positions % 2 == 1) & (positions < ((sizes[:, None] - 3) // 2) * 2) & tf.not_equal(labels, ahead)


def _ctc_step(skips, sizes, active, log_p_curr, log_p_prev):
    """ctc_update_log_p for a batch, positions as the last axis (``skips`` a mask, ``sizes`` each label's)."""
    positions = tf.range(tf.shape(skips)[1])[None, :]
    active_skips = skips & (positions < active[:, None])
    last_skip = tf.reduce_max(tf.where(active_skips, positions, -1), axis=1)
    active_next = tf.minimum(tf.maximum(active + 1, last_skip + 3), sizes)
    is_active = positions < active[:, None]
    common_factor = tf.reduce_max(tf.where(is_active, log_p_prev, log_p_prev.dtype.min), axis=1, keepdims=True)
    p_prev = tf.where(is_active, tf.exp(tf.where(is_active, log_p_prev, common_factor) - common_factor), 0.)
    previous = tf.concat([tf.zeros_like(p_prev[:, :1]), p_prev[:, :-1]], 1)
    skipped = tf.concat([tf.zeros_like(p_prev[:, :2]), tf.where(active_skips, p_prev, 0.)[:, :-2]], 1)
    reached = positions < active_next[:, None]
    updated = tf.math.log(tf.where(reached, p_prev + previous + skipped, 1.)) + common_factor
    return active_next, tf.where(reached, log_p_curr + updated, 0.)


@symbolic
def ctc_batch_cost(y_true, y_pred, input_length, label_length):
    """keras 1.2.2 theano_backend ctc_batch_cost: ``ctc_cost`` of each sample's first ``input_length``
    predictions (softmax outputs, blank = last class) and first ``label_length`` labels, as a
    ``(1, samples)`` tensor (Theano's ``dimshuffle('x', 0)``).

    The samples run side by side (each one's label and time steps masked to its lengths) over a Python
    loop on the time steps, so the time dimension must be known."""
    y_pred = _t(y_pred)
    steps, classes = y_pred.shape[1], tf.shape(y_pred)[2]
    if steps is None:
        raise ValueError('ctc_batch_cost: y_pred needs a known number of time steps, got shape %s '
                         '(give the model input its time length)' % (y_pred.shape,))
    lengths = tf.cast(_t(input_length), tf.int32)[:, 0]
    label_length = tf.cast(_t(label_length), tf.int32)[:, 0]
    sizes = 2 * label_length + 1
    labels = tf.cast(_t(y_true), tf.int32)
    width = 2 * tf.shape(labels)[1] + 1
    interleaved = tf.reshape(tf.stack([-tf.ones_like(labels), labels], axis=2), [tf.shape(labels)[0], -1])
    interleaved = tf.concat([interleaved, -tf.ones_like(labels[:, :1])], 1)
    in_label = tf.range(width)[None, :] < sizes[:, None]
    interleaved = tf.where(in_label, interleaved, -1)
    backward_labels = tf.reverse_sequence(interleaved, sizes, seq_axis=1, batch_axis=0)
    # ctc_path_probs: predictions at each label position, smoothed with alpha = 1e-4 over the label's size
    alpha = 1e-4
    picked = tf.gather(y_pred, tf.where(interleaved < 0, classes - 1, interleaved), axis=2, batch_dims=1)
    L = tf.math.log((1 - alpha) * picked + alpha / tf.cast(sizes, y_pred.dtype)[:, None, None])
    L_backward = tf.reverse_sequence(tf.reverse_sequence(L, lengths, seq_axis=1, batch_axis=0), sizes,
                                     seq_axis=2, batch_axis=0)
    forward_skips, backward_skips = _ctc_skips(interleaved, sizes), _ctc_skips(backward_labels, sizes)
    zeros = tf.zeros_like(L[:, 0])
    f_active = b_active = tf.ones_like(sizes)
    log_f, log_b = zeros, zeros
    f_actives, log_fs, b_actives, log_bs = [], [], [], []
    for t in range(steps):
        f_active, log_f = _ctc_step(forward_skips, sizes, f_active, L[:, t], log_f)
        b_active, log_b = _ctc_step(backward_skips, sizes, b_active, L_backward[:, t], log_b)
        f_actives.append(f_active), log_fs.append(log_f), b_actives.append(b_active), log_bs.append(log_b)
    positions = tf.range(width)[None, None, :]

    def forward_order(x):  # back from the backward pass's reversed time and positions
        return tf.reverse_sequence(tf.reverse_sequence(x, lengths, seq_axis=1, batch_axis=0), sizes,
                                   seq_axis=2, batch_axis=0)

    log_probs = tf.stack(log_fs, 1) + forward_order(tf.stack(log_bs, 1)) - L
    mask = (positions < tf.stack(f_actives, 1)[:, :, None]) \
        & forward_order(positions < tf.stack(b_actives, 1)[:, :, None])
    valid = (tf.range(steps)[None, :, None] < lengths[:, None, None]) & in_label[:, None, :]
    # ctc_cost: Theano's max over the sequence's whole (time, position) array
    common_factor = tf.reduce_max(tf.where(valid, log_probs, log_probs.dtype.min), axis=[1, 2], keepdims=True)
    kept = mask & valid
    summed = tf.reduce_sum(tf.where(kept, tf.exp(tf.where(kept, log_probs, common_factor) - common_factor), 0.),
                           axis=[1, 2])
    return -(tf.math.log(summed) + common_factor[:, 0, 0])[None, :]


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
