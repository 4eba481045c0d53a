"""Keras 1 training: compile, fit, evaluate, predict and the *_on_batch calls.

Compat runs its own loop, following keras 1.2.2 engine/training.py, rather
than Keras 3's ``fit``: the numbers and the observable behaviour are Keras 1's.

- the loss is keras 1.2.2 ``weighted_objective``: per-sample Keras 1 loss,
  masked by the output mask, averaged, weighted by sample/class weights and
  renormalised by the share of non-zero weights; plus every regularisation
  penalty (``model.losses``);
- optimizers are compat's Keras 1 optimizers (exact update rules);
- ``fit`` shuffles with ``np.random.shuffle`` (so ``np.random.seed`` gives
  Keras 1's batch order), splits ``validation_split`` off the end before
  shuffling, calls Keras 1 callbacks with Keras 1 ``logs`` (``loss``, ``acc``,
  ``val_loss``...) and returns a History;
- each step is one ``tf.function`` (built once per model and compile), so the
  per-batch Python work is slicing the numpy arrays;
- a loss or metric may use graph tensors other than (y_true, y_pred), as Keras
  1's variational autoencoder example does (``engine/captures.py``).
"""
import copy
import json

import numpy as np

from compat._keras3 import keras, tf
# callbacks, metrics, objectives, optimizers, Progbar: imported as keras 1.2.2 engine/training.py did
from compat.keras import callbacks as cbks
from compat.keras import metrics as metrics_module
from compat.keras import objectives, optimizers
from compat.keras.backend import common
from compat.keras.engine import captures as captures_module
from compat.keras.engine import saving
from compat.keras.engine.generators import Keras1Generators
from compat.keras.engine.topology import Keras1Layer, auto_name, in_memory_functions
from compat.keras.utils.generic_utils import Progbar


def _as_list(x):
    if x is None:
        return []
    return list(x) if isinstance(x, (list, tuple)) else [x]


def make_batches(size, batch_size):
    """keras 1.2.2 engine/training.py make_batches."""
    count = int(np.ceil(size / float(batch_size)))
    return [(i * batch_size, min(size, (i + 1) * batch_size)) for i in range(count)]


def batch_shuffle(index_array, batch_size):
    """keras 1.2.2 engine/training.py batch_shuffle: shuffle whole batches (HDF5 data)."""
    count = len(index_array) // batch_size
    last = index_array[count * batch_size:]
    head = index_array[:count * batch_size].reshape((count, batch_size))
    np.random.shuffle(head)
    return np.append(head.flatten(), last)


def slice_X(X, start=None, stop=None):
    """keras 1.2.2 engine/training.py slice_X: X[start:stop], or X[indices], for an array or a list."""
    def one(x):
        if hasattr(start, '__len__'):
            if hasattr(start, 'shape'):
                return x[start.tolist()] if not isinstance(x, np.ndarray) else x[start]
            return x[start]
        return x[start:stop]
    return [one(x) for x in X] if isinstance(X, list) else one(X)


def _slice(arrays, index):
    return [a[index] for a in arrays]


def standardize_input_data(data, names, shapes=None, check_batch_axis=True, exception_prefix=''):
    """keras 1.2.2 engine/training.py standardize_input_data: the user's data as a list of arrays in
    ``names`` order, 1-D arrays made (n, 1), shapes checked where ``shapes`` gives one.

    Keras 1 took a dict by name, a list of arrays, one array for a one-name model, and a plain
    list (of numbers, or nested lists) for a one-name model, which it turned into one array
    (``train_on_batch(x, [1] * 8 + [0] * 8)``). A tuple is none of these: Keras 1 refused it.
    Where Keras 1 failed on ``.shape`` (a list in place of an array), compat raises the same
    AttributeError with a message that says what to pass.
    """
    where = 'Error when checking %s' % exception_prefix
    if isinstance(data, dict):
        arrays = []
        for name in names:
            if name not in data:
                raise ValueError('No data provided for "%s". Need data for each key in: %s' % (name, names))
            arrays.append(data[name])
    elif isinstance(data, list):
        arrays = list(data)
        if len(data) != len(names):
            if data and hasattr(data[0], 'shape'):
                raise ValueError('%s: the list of Numpy arrays that you are passing to your model is not the size '
                                 'the model expected. Expected to see %d arrays for %s but instead got %d arrays'
                                 % (where, len(names), names, len(data)))
            if len(names) != 1:
                raise ValueError('%s: you are passing a list as input to your model, but the model expects a list '
                                 'of %d Numpy arrays (for %s) instead. The list you passed was: %.200s'
                                 % (where, len(names), names, data))
            arrays = [np.asarray(data)]
    else:
        if not hasattr(data, 'shape'):
            raise TypeError('%s: data should be a Numpy array, or list/dict of Numpy arrays. Found: %.200s...'
                            % (where, data))
        if len(names) != 1:
            raise ValueError('The model expects %d input arrays (%s), but only received one array. '
                             'Found: array with shape %s' % (len(names), names, data.shape))
        arrays = [data]
    for i, name in enumerate(names):
        if not hasattr(arrays[i], 'shape'):
            raise AttributeError('%s: the data for %s is a %s, not a Numpy array (Keras 1 made an array only of '
                                 'a plain list given for a model with one %s); pass np.asarray(...)'
                                 % (where, name, type(arrays[i]).__name__, exception_prefix.split()[-1]
                                    if exception_prefix else 'input'))
        if len(arrays[i].shape) == 1:
            arrays[i] = np.expand_dims(arrays[i], 1)
    for i, name in enumerate(names):
        if not shapes or shapes[i] is None:
            continue
        array, shape = arrays[i], tuple(shapes[i])
        if len(array.shape) != len(shape):
            raise ValueError('%s: expected %s to have %d dimensions, but got array with shape %s'
                             % (where, name, len(shape), array.shape))
        for j, (dim, ref_dim) in enumerate(zip(array.shape, shape)):
            if (j or check_batch_axis) and ref_dim and ref_dim != dim:
                raise ValueError('%s: expected %s to have shape %s but got array with shape %s'
                                 % (where, name, shape, array.shape))
    return arrays


def standardize_sample_or_class_weights(x_weight, output_names, weight_type):
    """keras 1.2.2 engine/training.py standardize_sample_or_class_weights: one entry per output."""
    if x_weight is None or len(x_weight) == 0:
        return [None for _ in output_names]
    if len(output_names) == 1:
        if isinstance(x_weight, list) and len(x_weight) == 1:
            return x_weight
        if isinstance(x_weight, dict) and output_names[0] in x_weight:
            return [x_weight[output_names[0]]]
        return [x_weight]
    if isinstance(x_weight, list):
        if len(x_weight) != len(output_names):
            raise ValueError('Provided `%s` was a list of %d elements, but the model has %d outputs (%s). You '
                             'should provide one `%s` array per model output.'
                             % (weight_type, len(x_weight), len(output_names), output_names, weight_type))
        return x_weight
    if isinstance(x_weight, dict):
        return [x_weight.get(name) for name in output_names]
    raise TypeError('The model has multiple outputs (%s), so `%s` should be either a list or a dict. Provided '
                    '`%s` type not understood: %.200s' % (output_names, weight_type, weight_type, x_weight))


def standardize_class_weights(class_weight, output_names):
    """keras 1.2.2 engine/training.py standardize_class_weights."""
    return standardize_sample_or_class_weights(class_weight, output_names, 'class_weight')


def standardize_sample_weights(sample_weight, output_names):
    """keras 1.2.2 engine/training.py standardize_sample_weights."""
    return standardize_sample_or_class_weights(sample_weight, output_names, 'sample_weight')


def standardize_weights(y, sample_weight=None, class_weight=None, sample_weight_mode=None):
    """keras 1.2.2 engine/training.py standardize_weights: one weight per sample (or timestep)."""
    if sample_weight is not None and not hasattr(sample_weight, 'shape'):
        # keras 1.2.2 read sample_weight.shape: a plain list failed there
        raise AttributeError('sample_weight is a %s, not a Numpy array: pass np.asarray(sample_weight)'
                             % type(sample_weight).__name__)
    if sample_weight_mode is not None:
        if sample_weight_mode != 'temporal':
            raise ValueError('sample_weight_mode should be None or "temporal". Found: %r' % (sample_weight_mode,))
        if len(y.shape) < 3:
            raise ValueError('Found a sample_weight array for an output with shape %s. Timestep-wise sample '
                             'weighting (sample_weight_mode="temporal") is restricted to outputs that are at '
                             'least 3D, i.e. that have a time dimension.' % (y.shape,))
        if sample_weight is not None and len(sample_weight.shape) != 2:
            raise ValueError('Found a sample_weight array with shape %s. In order to use timestep-wise sample '
                             'weighting, you should pass a 2D sample_weight array.' % (sample_weight.shape,))
    elif sample_weight is not None and len(sample_weight.shape) != 1:
        raise ValueError('Found a sample_weight array with shape %s. In order to use timestep-wise sample '
                         'weights, you should specify sample_weight_mode="temporal" in compile(). If you just '
                         'mean to use sample-wise weights, make sure your sample_weight array is 1D.'
                         % (sample_weight.shape,))
    if sample_weight is not None:
        if len(sample_weight.shape) > len(y.shape) or y.shape[:sample_weight.ndim] != sample_weight.shape:
            raise ValueError('sample_weight of shape %s does not match targets of shape %s'
                             % (sample_weight.shape, y.shape))
        return np.asarray(sample_weight, dtype=common.floatx())
    if isinstance(class_weight, dict):
        if len(y.shape) > 2:
            raise ValueError('class_weight not supported for 3+ dimensional targets.')
        if y.shape[1] > 1:
            classes = y.argmax(axis=1)
        elif y.shape[1] == 1:
            classes = np.reshape(y, y.shape[0])
        else:
            classes = y
        try:
            return np.asarray([class_weight[c] for c in classes], dtype=common.floatx())
        except KeyError as e:
            raise ValueError('class_weight has no entry for class %s' % e) from None
    shape = (y.shape[0],) if sample_weight_mode is None else (y.shape[0], y.shape[1])
    return np.ones(shape, dtype=common.floatx())


# keras 1.2.2 engine/training.py check_loss_and_target_compatibility names 'mean_square_error', which no
# loss is called: mean squared error targets are checked by standardize_input_data only.
_SAME_SHAPE_LOSSES = frozenset({'mean_square_error', 'binary_crossentropy', 'categorical_crossentropy'})


def check_loss_and_target_compatibility(targets, losses, output_shapes):
    """keras 1.2.2 engine/training.py check_loss_and_target_compatibility."""
    for y, loss, shape in zip(targets, losses, output_shapes):
        name = getattr(loss, '__name__', '')
        if name == 'categorical_crossentropy' and y.shape[-1] == 1:
            raise ValueError('You are passing a target array of shape %s while using as loss '
                             '`categorical_crossentropy`: it expects one-hot targets of shape (samples, classes); '
                             'for integer targets use `sparse_categorical_crossentropy`, or convert them with '
                             '`keras.utils.np_utils.to_categorical(y)`' % (y.shape,))
        if name in _SAME_SHAPE_LOSSES:
            for target_dim, out_dim in zip(y.shape[1:], shape[1:]):
                if out_dim is not None and target_dim != out_dim:
                    raise ValueError('A target array with shape %s was passed for an output of shape %s while '
                                     'using as loss `%s`: this loss expects targets to have the same shape as '
                                     'the output' % (y.shape, shape, name))


def weighted_objective(fn):
    """keras 1.2.2 engine/training.py weighted_objective."""
    def weighted(y_true, y_pred, weights, mask=None):
        scores = fn(y_true, y_pred)
        if mask is not None:
            mask = tf.cast(mask, scores.dtype)
            scores = scores * mask
            scores = scores / tf.reduce_mean(mask)
        ndim, weight_ndim = len(scores.shape), len(weights.shape)
        if ndim > weight_ndim:
            scores = tf.reduce_mean(scores, axis=list(range(weight_ndim, ndim)))
        scores = scores * weights
        scores = scores / tf.reduce_mean(tf.cast(tf.not_equal(weights, 0), scores.dtype))
        return tf.reduce_mean(scores)
    return weighted


class Keras1Training:
    """compile/fit/evaluate/predict with Keras 1.2.2 semantics, for compat models.

    The host class provides ``_graph`` (a Keras 3 functional model),
    ``_k1_input_names``/``_k1_output_names`` and ``_k1_output_layer_names``.
    """

    # Keras 3's Trainer defines metrics_names from its metric objects; Keras 1's is a list of labels.
    @property
    def metrics_names(self):
        return getattr(self, '_k1_metrics_names', ['loss'])

    @metrics_names.setter
    def metrics_names(self, names):
        self._k1_metrics_names = names

    # -- compile -------------------------------------------------------------------
    def compile(self, optimizer, loss, metrics=None, loss_weights=None, sample_weight_mode=None, **kwargs):
        """keras 1.2.2 Model.compile(optimizer, loss, metrics=None, loss_weights=None, sample_weight_mode=None)."""
        _check_theano_function_kwargs(kwargs)
        graph = self._graph
        names = self._k1_output_names()
        self.optimizer = optimizers.get(optimizer)
        self.loss = loss
        self.loss_functions = _per_output(loss, names, 'loss', objectives.get)
        weights = _per_output(loss_weights, names, 'loss_weights', float, default=1.0) \
            if loss_weights is not None else [1.0] * len(names)
        self.loss_weights = loss_weights
        self.sample_weight_mode = sample_weight_mode
        self.sample_weight_modes = _per_output(sample_weight_mode, names, 'sample_weight_mode', lambda m: m,
                                               default=None) if sample_weight_mode is not None \
            else [None] * len(names)
        self._k1_metrics = metrics
        self.metrics_names = ['loss']
        self._metric_fns = []  # (output index, fn)
        if len(names) > 1:
            self.metrics_names += [n + '_loss' for n in names]
        nested = _nested_metrics(metrics, names)
        output_shapes = [tuple(o.shape) for o in graph.outputs]
        layer_names = self._k1_output_layer_names()
        for i, output_metrics in enumerate(nested):
            for metric in output_metrics:
                fn, label = metrics_module.resolve(metric, self.loss_functions[i], output_shapes[i])
                for fn, label in metrics_module.per_key(fn, label, output_shapes[i], graph.outputs[i].dtype):
                    self.metrics_names.append(label if len(names) == 1 else layer_names[i] + '_' + label)
                    self._metric_fns.append((i, fn))
        self._loss_weights_list = weights
        self._weighted_losses = [weighted_objective(captures_module.explained(fn)) for fn in self.loss_functions]
        # keras 1.2.2 Model.compile built the loss inside the model's graph: graph tensors a loss or metric
        # closes over (a VAE's z_mean) come from one run of a graph that also outputs them
        self._captures = captures_module.find(list(self.loss_functions) + [fn for _, fn in self._metric_fns])
        if self._captures:
            self._captures.build(graph, 'loss/metric')
        self._train_fn = self._test_fn = None
        self.built_for_training = True

    def _check_compiled(self):
        if getattr(self, 'optimizer', None) is None or not hasattr(self, '_weighted_losses'):
            raise RuntimeError('You must compile your model before training/testing it: '
                               'model.compile(optimizer, loss)')

    # -- the compiled step functions ------------------------------------------------
    def _losses_and_metrics(self, xs, ys, sws, training):
        captures = getattr(self, '_captures', None)
        graph = captures.model if captures else self._graph
        outputs = _as_list(graph(xs if len(xs) > 1 else xs[0], training=training))
        weighted_losses, metric_fns = self._weighted_losses, self._metric_fns
        if captures:
            outputs, captured = outputs[:len(ys)], outputs[len(ys):]
            weighted_losses = [weighted_objective(captures_module.explained(captures.bind(fn, captured)))
                               for fn in self.loss_functions]
            metric_fns = [(i, captures.bind(fn, captured)) for i, fn in metric_fns]
        total, per_output = 0.0, []
        for i, (out, y) in enumerate(zip(outputs, ys)):
            mask = getattr(out, '_keras_mask', None)
            loss = weighted_losses[i](tf.cast(y, out.dtype), out, sws[i], mask)
            per_output.append(loss)
            total = total + self._loss_weights_list[i] * loss
        reg = graph.losses
        if reg:
            total = total + tf.add_n([tf.cast(r, total.dtype) for r in reg])
        values = [total] + (per_output if len(outputs) > 1 else [])
        values += [tf.reduce_mean(captures_module.explained(fn)(tf.cast(ys[i], outputs[i].dtype), outputs[i]))
                   for i, fn in metric_fns]
        return total, values

    def _make_train_function(self):
        self._check_compiled()
        if self._train_fn is None:
            variables = self._collected_trainable_weights()
            self.optimizer.build(variables)
            constraints = [getattr(v, 'constraint', None) for v in variables]

            @tf.function(reduce_retracing=True)
            def train_step(xs, ys, sws):
                with tf.GradientTape() as tape:
                    total, values = self._losses_and_metrics(xs, ys, sws, training=True)
                grads = tape.gradient(total, variables)
                self.optimizer.apply_gradients(grads, variables, constraints=constraints)
                return values

            self._train_fn = train_step
        return self._train_fn

    def _collected_trainable_weights(self):
        """Trainable weights layer by layer in Keras 1 layer order (optimizer_state relies on it)."""
        from compat.keras.engine.optimizer_state import _layers
        seen, out = set(), []
        for layer in _layers(self):
            for w in layer.trainable_weights:
                if id(w) not in seen:
                    seen.add(id(w))
                    out.append(w)
        return out

    def _make_test_function(self):
        self._check_compiled()
        if self._test_fn is None:
            @tf.function(reduce_retracing=True)
            def test_step(xs, ys, sws):
                return self._losses_and_metrics(xs, ys, sws, training=False)[1]
            self._test_fn = test_step
        return self._test_fn

    def _make_predict_function(self):
        if getattr(self, '_predict_fn', None) is None:
            @tf.function(reduce_retracing=True)
            def predict_step(xs):
                return _as_list(self._graph(xs if len(xs) > 1 else xs[0], training=False))
            self._predict_fn = predict_step
        return self._predict_fn

    def _reset_step_functions(self):
        self._train_fn = self._test_fn = self._predict_fn = None

    # -- data --------------------------------------------------------------------------
    def _standardize_x(self, x, check_batch_axis=False):
        """keras 1.2.2 Model.predict/predict_on_batch: standardize_input_data, then the inputs' dtypes."""
        xs = standardize_input_data(x, self._k1_input_names(), [tuple(t.shape) for t in self._graph.inputs],
                                    check_batch_axis=check_batch_axis, exception_prefix='model input')
        return [_as_dtype(a, t.dtype) for a, t in zip(xs, self._graph.inputs)]

    def _standardize_user_data(self, x, y, sample_weight=None, class_weight=None):
        """keras 1.2.2 Model._standardize_user_data (which checked no batch axis, whatever it was asked)."""
        self._check_compiled()
        xs = self._standardize_x(x)
        output_shapes = []
        for t, fn in zip(self._graph.outputs, self.loss_functions):
            name = getattr(fn, '__name__', '')
            if name == 'sparse_categorical_crossentropy':
                output_shapes.append(tuple(t.shape)[:-1] + (1,))
            elif getattr(objectives, name, None) is None:  # a loss of the user's own: its targets are unchecked
                output_shapes.append(None)
            else:
                output_shapes.append(tuple(t.shape))
        names = self._k1_output_names()
        ys = standardize_input_data(y, names, output_shapes, check_batch_axis=False, exception_prefix='model target')
        ys = [_as_dtype(a, None) for a in ys]
        sample_weights = standardize_sample_weights(sample_weight, names)
        class_weights = standardize_class_weights(class_weight, names)
        sws = [standardize_weights(ref, sw, cw, mode)
               for ref, sw, cw, mode in zip(ys, sample_weights, class_weights, self.sample_weight_modes)]
        check_array_lengths(xs, ys, sws)
        check_loss_and_target_compatibility(ys, self.loss_functions, [tuple(t.shape) for t in self._graph.outputs])
        return xs, ys, sws

    # -- on batch ------------------------------------------------------------------------
    def train_on_batch(self, x, y, sample_weight=None, class_weight=None):
        """keras 1.2.2 Model.train_on_batch: the loss (and metrics) of the batch, before the update."""
        xs, ys, sws = self._standardize_user_data(x, y, sample_weight, class_weight)
        outs = [float(v) for v in self._make_train_function()(xs, ys, sws)]
        return outs[0] if len(outs) == 1 else outs

    def test_on_batch(self, x, y, sample_weight=None):
        """keras 1.2.2 Model.test_on_batch."""
        xs, ys, sws = self._standardize_user_data(x, y, sample_weight)
        outs = [float(v) for v in self._make_test_function()(xs, ys, sws)]
        return outs[0] if len(outs) == 1 else outs

    def predict_on_batch(self, x):
        """keras 1.2.2 Model.predict_on_batch."""
        outs = [o.numpy() for o in self._make_predict_function()(self._standardize_x(x, check_batch_axis=True))]
        return outs[0] if len(outs) == 1 else outs

    # -- loops -------------------------------------------------------------------------------
    def predict(self, x, batch_size=32, verbose=0):
        """keras 1.2.2 Model.predict: outputs for the whole input, in batches."""
        xs = self._standardize_x(x)
        fn = self._make_predict_function()
        n = len(xs[0])
        progbar = _progbar(n) if verbose == 1 else None
        chunks = None
        for start, end in make_batches(n, batch_size):
            outs = [o.numpy() for o in fn(_slice(xs, slice(start, end)))]
            chunks = [[o] for o in outs] if chunks is None else [c + [o] for c, o in zip(chunks, outs)]
            if progbar:
                progbar.update(end)
        outs = [np.concatenate(c) for c in chunks] if chunks else []
        return outs[0] if len(outs) == 1 else outs

    def _test_loop(self, xs, ys, sws, batch_size=32, verbose=0):
        fn = self._make_test_function()
        n = len(xs[0])
        totals = None
        progbar = _progbar(n) if verbose == 1 else None
        for start, end in make_batches(n, batch_size):
            idx = slice(start, end)
            outs = [float(v) for v in fn(_slice(xs, idx), _slice(ys, idx), _slice(sws, idx))]
            # keras 1.2.2 _test_loop: batch results weighted by batch size
            totals = [o * (end - start) for o in outs] if totals is None else \
                [t + o * (end - start) for t, o in zip(totals, outs)]
            if progbar:
                progbar.update(end)
        outs = [t / n for t in totals]
        return outs[0] if len(outs) == 1 else outs

    def evaluate(self, x, y, batch_size=32, verbose=1, sample_weight=None):
        """keras 1.2.2 Model.evaluate: loss (and metrics) averaged over the samples."""
        xs, ys, sws = self._standardize_user_data(x, y, sample_weight)
        return self._test_loop(xs, ys, sws, batch_size=batch_size, verbose=verbose)

    def fit(self, x, y, batch_size=32, nb_epoch=10, verbose=1, callbacks=None, validation_split=0.,
            validation_data=None, shuffle=True, class_weight=None, sample_weight=None, initial_epoch=0,
            **kwargs):
        """keras 1.2.2 Model.fit: returns a History whose ``history`` has Keras 1 keys."""
        if 'epochs' in kwargs:  # Keras 2+ spelling, accepted with a note
            from compat.keras.engine.arguments import warn_once
            nb_epoch = kwargs.pop('epochs')
            warn_once('fit-epochs', 'fit(epochs=...) is Keras 2+; Keras 1 spelled it nb_epoch=')
        if kwargs:
            raise TypeError('fit() got Keras 1-unknown argument(s): %s' % sorted(kwargs))
        xs, ys, sws = self._standardize_user_data(x, y, sample_weight, class_weight)
        val = None
        if validation_data:
            if len(validation_data) not in (2, 3):
                raise ValueError('validation_data must be (x_val, y_val) or (x_val, y_val, sample_weights); '
                                 'got %d items' % len(validation_data))
            val = self._standardize_user_data(*validation_data[:2], sample_weight=(
                validation_data[2] if len(validation_data) == 3 else None))
        elif validation_split and 0. < validation_split < 1.:
            split_at = int(len(xs[0]) * (1. - validation_split))
            val = (_slice(xs, slice(split_at, None)), _slice(ys, slice(split_at, None)),
                   _slice(sws, slice(split_at, None)))
            xs, ys, sws = (_slice(a, slice(0, split_at)) for a in (xs, ys, sws))
        out_labels = _dedupe(self.metrics_names)
        callback_metrics = copy.copy(out_labels) + (['val_' + n for n in out_labels] if val else [])
        self.history = cbks.History()
        callback_list = [cbks.BaseLogger()] + (callbacks or [])
        if verbose:
            callback_list.append(cbks.ProgbarLogger())
        callback_list.append(self.history)
        callback_list = cbks.CallbackList(callback_list)
        callback_list._set_model(self)
        n = len(xs[0])
        callback_list._set_params({'batch_size': batch_size, 'nb_epoch': nb_epoch, 'nb_sample': n,
                                   'verbose': verbose, 'do_validation': bool(val),
                                   'metrics': callback_metrics})
        train = self._make_train_function()
        self.stop_training = False
        callback_list.on_train_begin()
        index_array = np.arange(n)
        for epoch in range(initial_epoch, nb_epoch):
            callback_list.on_epoch_begin(epoch)
            if shuffle == 'batch':
                index_array = batch_shuffle(index_array, batch_size)
            elif shuffle:
                np.random.shuffle(index_array)
            batches = make_batches(n, batch_size)
            epoch_logs = {}
            for batch_index, (start, end) in enumerate(batches):
                ids = index_array[start:end]
                batch_logs = {'batch': batch_index, 'size': len(ids)}
                callback_list.on_batch_begin(batch_index, batch_logs)
                outs = train(_slice(xs, ids), _slice(ys, ids), _slice(sws, ids))
                for label, value in zip(out_labels, outs):
                    batch_logs[label] = float(value)
                callback_list.on_batch_end(batch_index, batch_logs)
                if batch_index == len(batches) - 1 and val:
                    val_outs = _as_list(self._test_loop(*val, batch_size=batch_size, verbose=0))
                    for label, value in zip(out_labels, val_outs):
                        epoch_logs['val_' + label] = value
            callback_list.on_epoch_end(epoch, epoch_logs)
            if self.stop_training:
                break
        callback_list.on_train_end()
        return self.history

    def predict_proba(self, x, batch_size=32, verbose=1):
        """keras 1.2.2 Sequential.predict_proba (warns if outputs are not probabilities)."""
        preds = self.predict(x, batch_size, verbose)
        if preds.min() < 0. or preds.max() > 1.:
            import warnings
            warnings.warn('Network returning invalid probability values. The last layer might not '
                          'normalize predictions into probabilities (like softmax or sigmoid would).')
        return preds

    def predict_classes(self, x, batch_size=32, verbose=1):
        """keras 1.2.2 Sequential.predict_classes: argmax, or > 0.5 for one output unit."""
        proba = self.predict(x, batch_size=batch_size, verbose=verbose)
        if proba.shape[-1] > 1:
            return proba.argmax(axis=-1)
        return (proba > 0.5).astype('int32')


# keras 1.2.2 Model.compile passes **kwargs to K.function, i.e. theano.function (theano_backend.function
# rejects any other name). These only steer Theano's compiler or profiler: compat has nothing to steer.
THEANO_COMPILE_ONLY_KWARGS = frozenset({'mode', 'name', 'profile', 'on_unused_input', 'allow_input_downcast',
                                        'accept_inplace', 'rebuild_strict'})


def _check_theano_function_kwargs(kwargs):
    ignored = sorted(set(kwargs) & THEANO_COMPILE_ONLY_KWARGS)
    if ignored:
        from compat.keras.engine.arguments import warn_once
        warn_once('compile-theano-' + ','.join(ignored), 'compile(%s): Theano compiler options; compat ignores '
                  'them (they do not change the numbers)' % ', '.join('%s=' % k for k in ignored))
    unsupported = sorted(set(kwargs) - THEANO_COMPILE_ONLY_KWARGS)
    if unsupported:
        raise TypeError('compile() got unsupported argument(s) %s: Keras 1 passed them to theano.function; compat '
                        'ignores only %s, and cannot honour the others (givens, updates...)'
                        % (unsupported, ', '.join(sorted(THEANO_COMPILE_ONLY_KWARGS))))


def _progbar(target):
    return Progbar(target=target)


def _dedupe(labels):
    """keras 1.2.2 Model.fit: repeated metric names get _2, _3 suffixes."""
    out = []
    for i, label in enumerate(labels):
        out.append(label + ('_%d' % (labels[:i].count(label) + 1) if labels.count(label) > 1 else ''))
    return out


def _per_output(value, names, what, convert, default=None):
    """A compile/fit argument given once, as a list, or as a dict by output name (keras 1.2.2 rules)."""
    if isinstance(value, dict):
        unknown = set(value) - set(names)
        if unknown:
            raise ValueError('Unknown entries in %s dictionary: %s. Only expected the following keys: %s'
                             % (what, sorted(unknown), names))
        if default is None and what == 'loss':
            missing = [n for n in names if n not in value]
            if missing:
                raise ValueError('Output "%s" missing from %s dictionary' % (missing[0], what))
        return [convert(value[n]) if n in value else default for n in names]
    if isinstance(value, (list, tuple)) and not (what == 'sample_weight' and len(names) == 1
                                                  and not isinstance(value, list)):
        if len(value) != len(names):
            raise ValueError('When passing a list as %s, it should have one entry per model output. '
                             'The model has %d outputs, but you passed %d' % (what, len(names), len(value)))
        return [convert(v) for v in value]
    return [convert(value) for _ in names]


def _nested_metrics(metrics, names):
    """keras 1.2.2 engine/training.py collect_metrics."""
    if not metrics:
        return [[] for _ in names]
    if isinstance(metrics, list):
        return [copy.copy(metrics) for _ in names]
    if isinstance(metrics, dict):
        return [_as_list(metrics.get(n, [])) for n in names]
    raise TypeError('metrics must be a list or a dict by output name, got %r' % (metrics,))


def _as_dtype(a, dtype):
    """An input as its graph input's dtype; a numeric target as floatx (what the Theano function cast it to)."""
    a = np.asarray(a)
    if dtype is not None:
        return a.astype(dtype.name if hasattr(dtype, 'name') else dtype, copy=False)
    if a.dtype != np.float32 and a.dtype.kind in 'fiub':
        return a.astype(common.floatx(), copy=False)
    return a




def check_array_lengths(inputs, targets, weights):
    """keras 1.2.2 engine/training.py check_array_lengths: every input, target and sample-weight array
    has the same number of samples; else a ValueError saying which differ."""
    for arrays, what in ((inputs, 'input arrays (x)'), (targets, 'target arrays (y)'),
                         (weights, 'sample_weight arrays')):
        if len({a.shape[0] for a in arrays}) != 1:
            raise ValueError('All %s should have the same number of samples, got %s'
                             % (what, [a.shape[0] for a in arrays]))
    x, y, w = inputs[0].shape[0], targets[0].shape[0], weights[0].shape[0]
    if x != y:
        raise ValueError('Input arrays should have the same number of samples as target arrays. Found %d '
                         'input samples and %d target samples.' % (x, y))
    if x != w:
        raise ValueError('Sample_weight arrays should have the same number of samples as input arrays. '
                         'Found %d input samples and %d target samples.' % (x, w))


def collect_metrics(metrics, output_names):
    """keras 1.2.2 engine/training.py collect_metrics: the metrics of each output, from a list (for all
    outputs) or a dict by output name."""
    if not metrics:
        return [[] for _ in output_names]
    if isinstance(metrics, list):
        return [copy.copy(metrics) for _ in output_names]
    if isinstance(metrics, dict):
        return [m if isinstance(m, list) else [m] for m in (metrics.get(name, []) for name in output_names)]
    raise TypeError('Type of `metrics` argument not understood. Expected a list or dictionary, found: %s'
                    % (metrics,))


class Model(Keras1Generators, Keras1Training, keras.Model):
    """keras 1.2.2 engine/topology.py Container + engine/training.py Model.

    ``Model(input=tensor_or_list, output=tensor_or_list, name=None)``;
    ``inputs=``/``outputs=`` (Keras 2+) are accepted too.

    A Keras 3 model (usable as a layer, nested, called on tensors) that runs a Keras 3 functional graph,
    ``_graph``, built from the Keras 1 description: ``Model(input=..., output=...)``, or the layers of a
    Sequential (models.py), whose first layer may be a ``Merge`` of whole sub-models (the seed caption
    model). What users see is Keras 1: ``model.layers``, weights in Keras 1 order and layout, Keras 1
    summaries, configs and HDF5 files.

    >>> from compat.keras.engine import Input, Model
    >>> from compat.keras.layers import Dense
    >>> x = Input(shape=(4,))
    >>> model = Model(input=x, output=Dense(3)(x))
    >>> [w.shape for w in model.get_weights()]
    [(4, 3), (3,)]
    """

    def __init__(self, input=None, output=None, name=None, inputs=None, outputs=None):
        super().__init__(name=name or auto_name(self._name_prefix()))
        self._graph_cache = None
        inputs = input if input is not None else inputs
        outputs = output if output is not None else outputs
        if inputs is not None or outputs is not None:
            if inputs is None or outputs is None:
                raise ValueError('Model(input=..., output=...) needs both the input and the output tensors')
            ins, outs = _as_list(inputs), _as_list(outputs)
            # one tensor, not a list of one: called as a layer, a one-output model returns a tensor
            self._graph_cache = keras.Model(ins if len(ins) > 1 else ins[0], outs if len(outs) > 1 else outs[0],
                                            name=self.name + '_graph')

    @classmethod
    def _name_prefix(cls):
        return 'model'

    # -- the executable graph ------------------------------------------------------
    @property
    def _graph(self):
        if self._graph_cache is None:
            raise RuntimeError('Model %s has no layers with an input shape yet' % self.name)
        return self._graph_cache

    def call(self, inputs, training=None, mask=None):
        return self._graph(inputs, training=training)

    def compute_output_shape(self, input_shape):
        return self._graph.compute_output_shape(input_shape)

    def get_output_shape_for(self, input_shape):
        """keras 1.2.2 Container.get_output_shape_for: the output shape(s) for the given input shape(s)."""
        if isinstance(input_shape, list) and len(input_shape) == 1:
            input_shape = input_shape[0]
        shape = self._graph.compute_output_shape(input_shape)
        if isinstance(shape, (list, tuple)) and shape and isinstance(shape[0], (list, tuple)):
            return [tuple(s) for s in shape]
        return tuple(shape)

    # -- Keras 1 structure -----------------------------------------------------------
    @property
    def layers(self):
        """keras 1.2.2 Container.layers: every layer, input layers included, in topological order."""
        return list(self._graph.layers)

    @property
    def flattened_layers(self):
        return self.layers

    @property
    def inputs(self):
        return list(self._graph.inputs)

    @property
    def outputs(self):
        return list(self._graph.outputs)

    @property
    def input(self):
        ins = self.inputs
        return ins[0] if len(ins) == 1 else ins

    @property
    def output(self):
        outs = self.outputs
        return outs[0] if len(outs) == 1 else outs

    @property
    def input_shape(self):
        shapes = [tuple(t.shape) for t in self.inputs]
        return shapes[0] if len(shapes) == 1 else shapes

    @property
    def output_shape(self):
        shapes = [tuple(t.shape) for t in self.outputs]
        return shapes[0] if len(shapes) == 1 else shapes

    @property
    def input_names(self):
        return self._k1_input_names()

    @property
    def output_names(self):
        return self._k1_output_names()

    def _k1_input_names(self):
        return [t._keras_history[0].name for t in self._graph.inputs]

    def _k1_output_names(self):
        return [t._keras_history[0].name for t in self._graph.outputs]

    def _k1_output_layer_names(self):
        return self._k1_output_names()

    def get_layer(self, name=None, index=None):
        """keras 1.2.2 Container.get_layer(name=None, index=None)."""
        layers = self.layers
        if index is not None:
            if len(layers) <= index:
                raise ValueError('Was asked to retrieve layer at index %d but model only has %d layers.'
                                 % (index, len(layers)))
            return layers[index]
        for layer in layers:
            if layer.name == name:
                return layer
        raise ValueError('No such layer: %s' % name)

    # -- weights ---------------------------------------------------------------------
    def _weighted_layers(self):
        return [l for l in self.flattened_layers if l.weights]

    def get_weights(self):
        """Every layer's Keras 1 weights, in Keras 1 layer order."""
        return [w for layer in self.flattened_layers for w in layer.get_weights()]

    def set_weights(self, weights, backend='theano'):
        weights = list(weights)
        for layer in self.flattened_layers:
            n = len(layer.get_weights())
            if n:
                chunk, weights = weights[:n], weights[n:]
                set_layer_weights(layer, chunk, backend)
        if weights:
            raise ValueError('Model %s: %d weight arrays left over after setting every layer'
                             % (self.name, len(weights)))

    @property
    def weights(self):
        return [w for layer in self.flattened_layers for w in layer.weights]

    @property
    def trainable_weights(self):
        return [w for layer in self.flattened_layers if layer.trainable for w in layer.trainable_weights]

    @property
    def non_trainable_weights(self):
        return [w for layer in self.flattened_layers for w in layer.weights
                if not (layer.trainable and any(w is t for t in layer.trainable_weights))]

    def reset_states(self):
        """keras 1.2.2 Container.reset_states: reset every stateful layer (nested models included)."""
        for layer in self.flattened_layers:
            if isinstance(layer, Model) or getattr(layer, 'stateful', False):
                layer.reset_states()

    def count_params(self):
        """keras 1.2.2 Container.count_params: all weights, trainable or not."""
        return int(sum(np.prod(w.shape) for w in self.weights))

    def save_weights(self, filepath, overwrite=True):
        """keras 1.2.2 Container.save_weights: the Keras 1 HDF5 layout (readable by Keras 1.2.2)."""
        saving.save_weights(self, filepath, overwrite=overwrite)

    def load_weights(self, filepath, by_name=False, backend='theano', samples=None):
        """keras 1.2.2 Container.load_weights; ``backend='tensorflow'`` for files made by Keras 1's
        TensorFlow backend (their convolution kernels are not flipped); ``backend='auto'`` with
        labelled ``samples=(x, y)`` keeps the reading with the lower loss and returns the choice
        (compat/convert/backend.py)."""
        if backend == 'auto':
            from compat.convert.backend import load_weights_auto
            return load_weights_auto(self, lambda b: saving.load_weights(self, filepath, by_name=by_name, backend=b),
                                     samples)
        saving.load_weights(self, filepath, by_name=by_name, backend=backend)

    def save(self, filepath, overwrite=True):
        """keras 1.2.2 Model.save: config, weights and optimizer state in one HDF5 file."""
        saving.save_model(self, filepath, overwrite=overwrite)

    # -- config and summary ----------------------------------------------------------
    def get_config(self):
        return saving.model_config(self)['config']

    def to_json(self, **kwargs):
        return json.dumps(saving.model_config(self), **kwargs)

    def to_yaml(self, **kwargs):
        import yaml
        # through JSON: function names (FunctionName) become plain strings
        return yaml.dump(json.loads(json.dumps(saving.model_config(self))), **kwargs)

    def summary(self, line_length=100, positions=None):
        """keras 1.2.2 Container.summary (utils/layer_utils.py print_summary)."""
        from compat.keras.utils.layer_utils import print_summary
        print_summary(self, line_length=line_length, positions=positions)

    @classmethod
    def from_config(cls, config, custom_objects=None):
        # in_memory_functions: a config from get_config still holds its Lambda/Merge functions
        return saving.model_from_config({'class_name': cls.__name__, 'config': in_memory_functions(config)},
                                        custom_objects=custom_objects)


def set_layer_weights(layer, arrays, backend):
    """A layer's weights from Keras 1 arrays: compat layers and models take ``backend`` (Theano's
    flipped convolution kernels, or TensorFlow's), plain Keras 3 layers take the arrays as they are."""
    if isinstance(layer, (Keras1Layer, Model)):
        layer.set_weights(arrays, backend=backend)
    else:
        layer.set_weights(arrays)


from compat.keras._reexports import reexported  # noqa: E402

__getattr__ = reexported(__name__)
