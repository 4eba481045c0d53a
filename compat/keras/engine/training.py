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

import numpy as np

from compat._keras3 import keras, tf
from compat.keras.backend import common
from compat.keras.engine import captures as captures_module


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


def standardize_weights(y, sample_weight=None, class_weight=None, sample_weight_mode=None):
    """keras 1.2.2 engine/training.py standardize_weights."""
    if sample_weight_mode is not None and sample_weight_mode != 'temporal':
        raise ValueError('sample_weight_mode must be None or "temporal", got %r' % (sample_weight_mode,))
    if sample_weight is not None:
        sample_weight = np.asarray(sample_weight, dtype=common.floatx())
        if sample_weight.shape[:sample_weight.ndim] != y.shape[:sample_weight.ndim]:
            raise ValueError('sample_weight of shape %s does not match targets of shape %s'
                             % (sample_weight.shape, y.shape))
        return sample_weight
    if isinstance(class_weight, dict):
        if y.ndim > 2:
            raise ValueError('class_weight is not supported for 3+ dimensional targets')
        if y.ndim == 2 and y.shape[1] > 1:
            classes = y.argmax(axis=1)
        elif y.ndim == 2:
            classes = y.reshape(y.shape[0])
        else:
            classes = y
        try:
            return np.asarray([class_weight[int(c)] for c in classes], dtype=common.floatx())
        except KeyError as e:
            raise ValueError('class_weight has no entry for class %s' % e) from None
    shape = (y.shape[0],) if sample_weight_mode is None else (y.shape[0], y.shape[1])
    return np.ones(shape, dtype=common.floatx())


def check_loss_and_target_compatibility(targets, losses, output_shapes):
    """keras 1.2.2 engine/training.py check_loss_and_target_compatibility."""
    key_losses = {'mean_squared_error', 'binary_crossentropy', 'categorical_crossentropy'}
    for y, loss, shape in zip(targets, losses, output_shapes):
        name = getattr(loss, '__name__', '')
        if name == 'categorical_crossentropy' and y.shape[-1] == 1:
            raise ValueError('You are passing a target array of shape %s while using as loss '
                             '`categorical_crossentropy`: it expects one-hot targets of shape (samples, classes); '
                             'for integer targets use `sparse_categorical_crossentropy`, or convert them with '
                             '`keras.utils.np_utils.to_categorical(y)`' % (y.shape,))
        if name in key_losses:
            for target_dim, out_dim in zip(y.shape[1:], shape[1:]):
                if out_dim is not None and target_dim != out_dim:
                    raise ValueError('A target array with shape %s was passed for an output of shape %s while '
                                     'using as loss `%s`: this loss expects targets to have the same shape as '
                                     'the output' % (y.shape, shape, name))


def __getattr__(name):
    if name == 'Model':  # keras 1.2.2 defined Model in engine/training.py
        from compat.keras.models import Model
        return Model
    raise AttributeError("module 'keras.engine.training' (compat) has no attribute %r" % name)


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
        from compat.keras import metrics as metrics_module
        from compat.keras import objectives, optimizers
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
    def _standardize_x(self, x):
        return _standardize(x, self._k1_input_names(), [tuple(t.shape) for t in self._graph.inputs],
                            [t.dtype for t in self._graph.inputs], 'input')

    def _standardize_user_data(self, x, y, sample_weight=None, class_weight=None):
        self._check_compiled()
        xs = self._standardize_x(x)
        # keras 1.2.2 _standardize_user_data: sparse targets are (..., 1) for a (..., classes) output
        shapes = [tuple(t.shape) if getattr(fn, '__name__', '') != 'sparse_categorical_crossentropy'
                  else tuple(t.shape)[:-1] + (1,) for t, fn in zip(self._graph.outputs, self.loss_functions)]
        if not isinstance(y, dict):
            check_loss_and_target_compatibility([np.asarray(a) for a in _as_list(y)], self.loss_functions,
                                                [tuple(t.shape) for t in self._graph.outputs])
        ys = _standardize(y, self._k1_output_names(), shapes, [None] * len(self._graph.outputs), 'target')
        sample_weights = _per_output(sample_weight, self._k1_output_names(), 'sample_weight',
                                     lambda w: w, default=None) if sample_weight is not None \
            else [None] * len(ys)
        class_weights = _per_output(class_weight, self._k1_output_names(), 'class_weight',
                                    lambda w: w, default=None) \
            if isinstance(class_weight, (list, tuple)) or (isinstance(class_weight, dict) and set(
                class_weight) <= set(self._k1_output_names()) and class_weight) else [class_weight] * len(ys)
        sws = [standardize_weights(yi, sw, cw, mode)
               for yi, sw, cw, mode in zip(ys, sample_weights, class_weights, self.sample_weight_modes)]
        lengths = {len(a) for a in xs + ys + sws}
        if len(lengths) > 1:
            raise ValueError('Input arrays should have the same number of samples as target arrays: got %s '
                             'input samples and %s target samples'
                             % ([len(a) for a in xs], [len(a) for a in ys]))
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
        outs = [o.numpy() for o in self._make_predict_function()(self._standardize_x(x))]
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
        from compat.keras import callbacks as cbks
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
    from compat.keras.utils.generic_utils import Progbar
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


def _standardize(data, names, shapes, dtypes, what):
    """keras 1.2.2 engine/training.py standardize_input_data: arrays in model order, shapes checked."""
    if isinstance(data, dict):
        missing = [n for n in names if n not in data]
        if missing:
            raise ValueError('No data provided for "%s". Need data for each key in: %s' % (missing[0], names))
        arrays = [data[n] for n in names]
    elif isinstance(data, (list, tuple)):
        if len(data) != len(names):
            raise ValueError('Error when checking model %s: the list of Numpy arrays that you are passing to '
                             'your model is not the size the model expected. Expected to see %d arrays for '
                             'the names %s but instead got %d arrays' % (what, len(names), names, len(data)))
        arrays = list(data)
    else:
        if len(names) != 1:
            raise ValueError('Error when checking model %s: the model expects %d arrays (%s), got one array'
                             % (what, len(names), names))
        arrays = [data]
    out = []
    for name, shape, dtype, a in zip(names, shapes, dtypes, arrays):
        a = np.asarray(a)
        if a.ndim == 1 and len(shape) == 2:
            a = np.expand_dims(a, 1)  # keras 1.2.2 standardize_input_data: 1-D arrays become (n, 1)
        if a.ndim != len(shape):
            raise ValueError('Error when checking model %s: expected %s to have %d dimensions, but got array '
                             'with shape %s' % (what, name, len(shape), a.shape))
        for i, (want, got) in enumerate(zip(shape[1:], a.shape[1:])):
            if want is not None and want != got:
                raise ValueError('Error when checking model %s: expected %s to have shape %s but got array '
                                 'with shape %s' % (what, name, shape, a.shape))
        if dtype is not None:
            a = a.astype(dtype.name if hasattr(dtype, 'name') else dtype, copy=False)
        elif a.dtype != np.float32 and a.dtype.kind in 'fiub':
            a = a.astype(common.floatx(), copy=False)
        out.append(a)
    return out
