"""Keras 1.2.2 ``keras.callbacks``: the training loop's callbacks, with Keras 1 ``logs``.

Callbacks see Keras 1 names (``loss``, ``acc``, ``val_loss``, ``val_acc``),
``self.model`` (the compat model) and ``self.params`` (``batch_size``,
``nb_epoch``, ``nb_sample``, ``verbose``, ``do_validation``, ``metrics``),
as in keras 1.2.2 callbacks.py.

>>> from compat.keras.callbacks import History
>>> History().__class__.__name__
'History'
"""
import numpy as np


class CallbackList:
    """keras 1.2.2 callbacks.py CallbackList."""

    def __init__(self, callbacks=None):
        self.callbacks = list(callbacks or [])

    def append(self, callback):
        self.callbacks.append(callback)

    def _set_params(self, params):
        for c in self.callbacks:
            c._set_params(params)

    def _set_model(self, model):
        for c in self.callbacks:
            c._set_model(model)

    def _call(self, method, *args):
        for c in self.callbacks:
            getattr(c, method)(*args)

    def on_epoch_begin(self, epoch, logs=None):
        self._call('on_epoch_begin', epoch, logs if logs is not None else {})

    def on_epoch_end(self, epoch, logs=None):
        self._call('on_epoch_end', epoch, logs if logs is not None else {})

    def on_batch_begin(self, batch, logs=None):
        self._call('on_batch_begin', batch, logs if logs is not None else {})

    def on_batch_end(self, batch, logs=None):
        self._call('on_batch_end', batch, logs if logs is not None else {})

    def on_train_begin(self, logs=None):
        self._call('on_train_begin', logs if logs is not None else {})

    def on_train_end(self, logs=None):
        self._call('on_train_end', logs if logs is not None else {})


class Callback:
    """keras 1.2.2 callbacks.py Callback: subclass and override the ``on_*`` methods."""

    def __init__(self):
        self.model = None
        self.params = {}

    def _set_params(self, params):
        self.params = params

    def _set_model(self, model):
        self.model = model

    # Keras 2+ spellings, used by some code written later
    set_params = _set_params
    set_model = _set_model

    def on_epoch_begin(self, epoch, logs=None):
        pass

    def on_epoch_end(self, epoch, logs=None):
        pass

    def on_batch_begin(self, batch, logs=None):
        pass

    def on_batch_end(self, batch, logs=None):
        pass

    def on_train_begin(self, logs=None):
        pass

    def on_train_end(self, logs=None):
        pass


class BaseLogger(Callback):
    """keras 1.2.2 BaseLogger: epoch logs are sample-weighted means of the batch logs."""

    def on_epoch_begin(self, epoch, logs=None):
        self.seen = 0
        self.totals = {}

    def on_batch_end(self, batch, logs=None):
        size = logs.get('size', 0)
        self.seen += size
        for k, v in logs.items():
            self.totals[k] = self.totals.get(k, 0) + v * size

    def on_epoch_end(self, epoch, logs=None):
        for k in self.params['metrics']:
            if k in self.totals:
                logs[k] = self.totals[k] / self.seen


class ProgbarLogger(Callback):
    """keras 1.2.2 ProgbarLogger: 'Epoch i/n' and the Keras 1 progress bar."""

    def on_train_begin(self, logs=None):
        self.verbose = self.params['verbose']
        self.nb_epoch = self.params['nb_epoch']

    def on_epoch_begin(self, epoch, logs=None):
        from compat.keras.utils.generic_utils import Progbar
        if self.verbose:
            print('Epoch %d/%d' % (epoch + 1, self.nb_epoch))
            self.progbar = Progbar(target=self.params['nb_sample'], verbose=self.verbose)
        self.seen = 0

    def on_batch_begin(self, batch, logs=None):
        if self.seen < self.params['nb_sample']:
            self.log_values = []

    def on_batch_end(self, batch, logs=None):
        self.seen += logs.get('size', 0)
        for k in self.params['metrics']:
            if k in logs:
                self.log_values.append((k, logs[k]))
        if self.verbose and self.seen < self.params['nb_sample']:
            self.progbar.update(self.seen, self.log_values)

    def on_epoch_end(self, epoch, logs=None):
        for k in self.params['metrics']:
            if k in logs:
                self.log_values.append((k, logs[k]))
        if self.verbose:
            self.progbar.update(self.seen, self.log_values, force=True)


class History(Callback):
    """keras 1.2.2 History: ``history.history`` maps each log key to its per-epoch values."""

    def on_train_begin(self, logs=None):
        self.epoch = []
        self.history = {}

    def on_epoch_end(self, epoch, logs=None):
        self.epoch.append(epoch)
        for k, v in (logs or {}).items():
            self.history.setdefault(k, []).append(v)


def _monitor_op(mode, monitor, name):
    """keras 1.2.2 callbacks: 'auto' maximises acc/fmeasure, minimises the rest."""
    if mode not in ('auto', 'min', 'max'):
        import warnings
        warnings.warn('%s mode %s is unknown, fallback to auto mode.' % (name, mode), RuntimeWarning)
        mode = 'auto'
    if mode == 'max' or (mode == 'auto' and ('acc' in monitor or monitor.startswith('fmeasure'))):
        return np.greater, -np.inf
    return np.less, np.inf


class ModelCheckpoint(Callback):
    """keras 1.2.2 ModelCheckpoint(filepath, monitor='val_loss', verbose=0, save_best_only=False,
    save_weights_only=False, mode='auto', period=1); files are written atomically."""

    def __init__(self, filepath, monitor='val_loss', verbose=0, save_best_only=False, save_weights_only=False,
                 mode='auto', period=1):
        super().__init__()
        self.filepath, self.monitor, self.verbose = filepath, monitor, verbose
        self.save_best_only, self.save_weights_only, self.period = save_best_only, save_weights_only, period
        self.epochs_since_last_save = 0
        self.monitor_op, self.best = _monitor_op(mode, monitor, 'ModelCheckpoint')

    def _save(self, path):
        if self.save_weights_only:
            self.model.save_weights(path, overwrite=True)
        else:
            self.model.save(path, overwrite=True)

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        self.epochs_since_last_save += 1
        if self.epochs_since_last_save < self.period:
            return
        self.epochs_since_last_save = 0
        path = self.filepath.format(epoch=epoch, **logs)
        if not self.save_best_only:
            if self.verbose > 0:
                print('Epoch %05d: saving model to %s' % (epoch, path))
            self._save(path)
            return
        current = logs.get(self.monitor)
        if current is None:
            import warnings
            warnings.warn('Can save best model only with %s available, skipping.' % self.monitor, RuntimeWarning)
        elif self.monitor_op(current, self.best):
            if self.verbose > 0:
                print('Epoch %05d: %s improved from %0.5f to %0.5f, saving model to %s'
                      % (epoch, self.monitor, self.best, current, path))
            self.best = current
            self._save(path)
        elif self.verbose > 0:
            print('Epoch %05d: %s did not improve' % (epoch, self.monitor))


class EarlyStopping(Callback):
    """keras 1.2.2 EarlyStopping(monitor='val_loss', min_delta=0, patience=0, verbose=0, mode='auto')."""

    def __init__(self, monitor='val_loss', min_delta=0, patience=0, verbose=0, mode='auto'):
        super().__init__()
        self.monitor, self.patience, self.verbose = monitor, patience, verbose
        self.monitor_op, _ = _monitor_op(mode, monitor, 'EarlyStopping')
        self.min_delta = min_delta if self.monitor_op == np.greater else -min_delta

    def on_train_begin(self, logs=None):
        self.wait = 0
        self.stopped_epoch = 0
        self.best = np.inf if self.monitor_op == np.less else -np.inf

    def on_epoch_end(self, epoch, logs=None):
        current = (logs or {}).get(self.monitor)
        if current is None:
            import warnings
            warnings.warn('Early stopping requires %s available!' % self.monitor, RuntimeWarning)
            return
        if self.monitor_op(current - self.min_delta, self.best):
            self.best = current
            self.wait = 0
        else:
            if self.wait >= self.patience:
                self.stopped_epoch = epoch
                self.model.stop_training = True
            self.wait += 1

    def on_train_end(self, logs=None):
        if self.stopped_epoch > 0 and self.verbose > 0:
            print('Epoch %05d: early stopping' % self.stopped_epoch)


class LearningRateScheduler(Callback):
    """keras 1.2.2 LearningRateScheduler(schedule): ``schedule(epoch)`` sets ``optimizer.lr``."""

    def __init__(self, schedule):
        super().__init__()
        self.schedule = schedule

    def on_epoch_begin(self, epoch, logs=None):
        lr = self.schedule(epoch)
        if not isinstance(lr, (float, np.float32, np.float64)):
            raise ValueError('The output of the "schedule" function should be float.')
        self.model.optimizer.lr.assign(lr)


class ReduceLROnPlateau(Callback):
    """keras 1.2.2 ReduceLROnPlateau(monitor='val_loss', factor=0.1, patience=10, verbose=0, mode='auto',
    epsilon=1e-4, cooldown=0, min_lr=0)."""

    def __init__(self, monitor='val_loss', factor=0.1, patience=10, verbose=0, mode='auto', epsilon=1e-4,
                 cooldown=0, min_lr=0):
        super().__init__()
        if factor >= 1.0:
            raise ValueError('ReduceLROnPlateau does not support a factor >= 1.0.')
        self.monitor, self.factor, self.min_lr, self.epsilon = monitor, factor, min_lr, epsilon
        self.patience, self.verbose, self.cooldown, self.mode = patience, verbose, cooldown, mode
        self._reset()

    def _reset(self):
        op, _ = _monitor_op(self.mode, self.monitor, 'ReduceLROnPlateau')
        if op == np.less:
            self.monitor_op, self.best = (lambda a, b: np.less(a, b - self.epsilon)), np.inf
        else:
            self.monitor_op, self.best = (lambda a, b: np.greater(a, b + self.epsilon)), -np.inf
        self.cooldown_counter = 0
        self.wait = 0
        self.lr_epsilon = self.min_lr * 1e-4

    def on_train_begin(self, logs=None):
        self._reset()

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        logs['lr'] = float(self.model.optimizer.lr.numpy())
        current = logs.get(self.monitor)
        if current is None:
            import warnings
            warnings.warn('Learning Rate Plateau Reducing requires %s available!' % self.monitor, RuntimeWarning)
            return
        if self.cooldown_counter > 0:
            self.cooldown_counter -= 1
            self.wait = 0
        if self.monitor_op(current, self.best):
            self.best = current
            self.wait = 0
        elif self.cooldown_counter <= 0:
            if self.wait >= self.patience:
                old_lr = float(self.model.optimizer.lr.numpy())
                if old_lr > self.min_lr + self.lr_epsilon:
                    new_lr = max(old_lr * self.factor, self.min_lr)
                    self.model.optimizer.lr.assign(new_lr)
                    if self.verbose > 0:
                        print('\nEpoch %05d: reducing learning rate to %s.' % (epoch, new_lr))
                    self.cooldown_counter = self.cooldown
                    self.wait = 0
            self.wait += 1


class CSVLogger(Callback):
    """keras 1.2.2 CSVLogger(filename, separator=',', append=False): one row per epoch.

    The header is written when the file is new or empty (with ``append=True``, a
    file that already has lines gets none); one logger may serve several ``fit`` calls.
    """

    def __init__(self, filename, separator=',', append=False):
        super().__init__()
        self.filename, self.sep, self.append = filename, separator, append
        self.keys = None
        self.writer = None
        self.append_header = True

    def on_train_begin(self, logs=None):
        # keras 1.2.2 CSVLogger.on_train_begin
        import os
        if self.append and os.path.exists(self.filename):
            with open(self.filename) as f:
                self.append_header = not f.readline()
        self.csv_file = open(self.filename, 'a' if self.append else 'w')

    def on_epoch_end(self, epoch, logs=None):
        # keras 1.2.2 CSVLogger.on_epoch_end: a new writer (and keys) per fit
        import csv
        logs = logs or {}
        if self.writer is None:
            self.keys = sorted(logs)
            self.writer = csv.DictWriter(self.csv_file, fieldnames=['epoch'] + self.keys, delimiter=self.sep)
            if self.append_header:
                self.writer.writeheader()
        row = {'epoch': epoch}
        row.update((k, _csv_value(logs[k])) for k in self.keys)
        self.writer.writerow(row)
        self.csv_file.flush()

    def on_train_end(self, logs=None):
        self.csv_file.close()
        self.writer = None


def _csv_value(value):
    """keras 1.2.2 CSVLogger handle_value: a sequence as ``"[a, b]"``, anything else as it is."""
    if isinstance(value, (list, tuple)) or (isinstance(value, np.ndarray) and value.ndim > 0):
        return '"[%s]"' % ', '.join(map(str, value))
    return value


class LambdaCallback(Callback):
    """keras 1.2.2 LambdaCallback(on_epoch_begin=None, on_epoch_end=None, on_batch_begin=None,
    on_batch_end=None, on_train_begin=None, on_train_end=None)."""

    def __init__(self, on_epoch_begin=None, on_epoch_end=None, on_batch_begin=None, on_batch_end=None,
                 on_train_begin=None, on_train_end=None, **kwargs):
        super().__init__()
        self.__dict__.update(kwargs)
        noop2 = lambda a, logs: None  # noqa: E731
        noop1 = lambda logs: None  # noqa: E731
        self.on_epoch_begin = on_epoch_begin or noop2
        self.on_epoch_end = on_epoch_end or noop2
        self.on_batch_begin = on_batch_begin or noop2
        self.on_batch_end = on_batch_end or noop2
        self.on_train_begin = on_train_begin or noop1
        self.on_train_end = on_train_end or noop1


class RemoteMonitor(Callback):
    """keras 1.2.2 RemoteMonitor: sends epoch logs over HTTP. Unavailable here (no network at run time)."""

    def __init__(self, root='http://localhost:9000', path='/publish/epoch/end/', field='data', headers=None):
        raise NotImplementedError('RemoteMonitor is not supported by compat (it posts to a server); '
                                  'use CSVLogger or a LambdaCallback instead')


def _summary_ops():
    """(scalar, histogram, recording context) for TensorBoard event files. ``tf.summary.scalar``
    needs the tensorboard package; without it, TensorFlow's own summary ops write the classic
    simple-value and histogram records (TensorBoard reads both)."""
    import contextlib

    from compat._keras3 import tf
    try:
        import tensorboard  # noqa: F401
        return tf.summary.scalar, tf.summary.histogram, contextlib.nullcontext
    except ImportError:
        from tensorflow.python.ops import summary_ops_v2
        return summary_ops_v2.scalar, summary_ops_v2.histogram, summary_ops_v2.always_record_summaries


class TensorBoard(Callback):
    """keras 1.2.2 TensorBoard(log_dir='./logs', histogram_freq=0, write_graph=True, write_images=False):
    epoch logs as TensorFlow scalar summaries (histograms of weights when histogram_freq > 0)."""

    def __init__(self, log_dir='./logs', histogram_freq=0, write_graph=True, write_images=False):
        super().__init__()
        self.log_dir, self.histogram_freq = log_dir, histogram_freq
        self.write_graph, self.write_images = write_graph, write_images

    def on_train_begin(self, logs=None):
        from compat._keras3 import tf
        self.writer = tf.summary.create_file_writer(self.log_dir)

    def on_epoch_end(self, epoch, logs=None):
        scalar, histogram, recording = _summary_ops()
        with self.writer.as_default(), recording():
            for k, v in (logs or {}).items():
                scalar(k, float(v), step=epoch)
            if self.histogram_freq and epoch % self.histogram_freq == 0:
                for layer in self.model.layers:
                    for w in layer.weights:
                        histogram(w.path if hasattr(w, 'path') else w.name, w.numpy(), step=epoch)
        self.writer.flush()

    def on_train_end(self, logs=None):
        self.writer.close()

from compat.keras._reexports import reexported  # noqa: E402

__getattr__ = reexported(__name__)
