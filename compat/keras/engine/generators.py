"""Keras 1 generator training: ``fit_generator``, ``evaluate_generator``, ``predict_generator``.

Keras 1.2.2 (engine/training.py) counted generator work in *samples*, not
steps: an epoch ends once ``samples_per_epoch`` samples have been seen (a
batch that overshoots it still runs, with a warning), validation stops after
``nb_val_samples`` samples, and ``evaluate_generator``/``predict_generator``
after ``val_samples``. Batches come through a queue filled by ``nb_worker``
threads (or processes, ``pickle_safe=True``), keras 1.2.2 GeneratorEnqueuer.

>>> import numpy as np
>>> from compat.keras.models import Sequential
>>> from compat.keras.layers import Dense
>>> model = Sequential([Dense(1, input_dim=2)])
>>> model.compile('sgd', 'mse')
>>> def batches():
...     while True:
...         yield np.ones((4, 2)), np.ones((4, 1))
>>> model.predict_generator(batches(), val_samples=6).shape
(6, 1)
"""
import multiprocessing
import queue
import threading
import time
import warnings

import numpy as np

from compat.keras import callbacks as cbks
from compat.keras.backend import common

_WAIT = 0.01  # keras 1.2.2 fit_generator wait_time: seconds between polls of an empty queue


class GeneratorEnqueuer:
    """keras 1.2.2 engine/training.py GeneratorEnqueuer: a queue fed from a generator.

    Threads share one generator; a lock serialises ``next`` (Keras 1 did not,
    and ``nb_worker > 1`` on a plain Python generator failed there with
    "generator already executing"). An exception in the generator stops the
    workers and is re-raised by ``get`` in the training thread, instead of
    Keras 1's confusing "output of generator should be a tuple ... Found: None".
    """

    def __init__(self, generator, pickle_safe=False):
        if not (hasattr(generator, '__next__') or hasattr(generator, 'next')):
            raise TypeError('expected a generator (an object with __next__), got %r; '
                            'write it as a function with `while True: ... yield x, y`' % (generator,))
        self._generator = generator
        self._pickle_safe = pickle_safe
        self._workers = []
        self._stop = None
        self._error = None
        self._lock = threading.Lock()
        self.queue = None

    def _task(self, max_q_size, wait_time):
        while not self._stop.is_set():
            try:
                if self._pickle_safe or self.queue.qsize() < max_q_size:
                    with self._lock:
                        item = next(self._generator)
                    self.queue.put(item)
                else:
                    time.sleep(wait_time)
            except StopIteration:
                self._error = StopIteration('the generator stopped (it must loop forever: Keras 1 '
                                            'generators are infinite, e.g. `while True: ... yield`)')
                self._stop.set()
            except Exception as e:  # noqa: BLE001 (handed to the consumer)
                self._error = e
                self._stop.set()

    def start(self, nb_worker=1, max_q_size=10, wait_time=0.05):
        if self._pickle_safe:
            # fork, so the children inherit the generator (generators do not pickle)
            ctx = multiprocessing.get_context('fork')
            self.queue, self._stop = ctx.Queue(maxsize=max_q_size), ctx.Event()
        else:
            self.queue, self._stop = queue.Queue(), threading.Event()
        for _ in range(nb_worker):
            if self._pickle_safe:
                np.random.seed()  # keras 1.2.2: children must not share the parent's seed
                worker = ctx.Process(target=self._task, args=(max_q_size, wait_time), daemon=True)
            else:
                worker = threading.Thread(target=self._task, args=(max_q_size, wait_time), daemon=True)
            self._workers.append(worker)
            worker.start()

    def is_running(self):
        return self._stop is not None and not self._stop.is_set()

    def get(self):
        """The next generator output; raises what the generator raised."""
        while True:
            try:
                return self.queue.get(timeout=_WAIT)
            except queue.Empty:
                if not self.is_running():
                    if self._error is not None:
                        raise self._error
                    if self._pickle_safe and not any(w.is_alive() for w in self._workers):
                        raise RuntimeError('the generator worker processes died (pickle_safe=True)')
                    if not self._pickle_safe:
                        raise RuntimeError('the generator stopped producing data')

    def stop(self, timeout=None):
        if self.is_running():
            self._stop.set()
        for worker in self._workers:
            if worker.is_alive():
                if self._pickle_safe:
                    worker.terminate()
                else:
                    worker.join(timeout)
        if self._pickle_safe and self.queue is not None:
            self.queue.close()
        self._workers, self._stop, self.queue = [], None, None


def _unpack(output, allow_x_only=False):
    """(x, y, sample_weight) from a generator output, keras 1.2.2 fit_generator rules."""
    if isinstance(output, tuple) and len(output) in (2, 3):
        return output if len(output) == 3 else (output[0], output[1], None)
    if allow_x_only and not isinstance(output, tuple):
        return output, None, None
    raise ValueError('output of generator should be a tuple (x, y, sample_weight) or (x, y). Found: %s'
                     % (str(output)[:200],))


def _batch_size(x):
    """keras 1.2.2 fit_generator: samples in a batch, from its first input array."""
    if isinstance(x, dict):
        x = list(x.values())
    if isinstance(x, (list, tuple)):
        x = x[0]
    return len(x)


def _as_list(x):
    return list(x) if isinstance(x, list) else [x]


class Keras1Generators:
    """``fit_generator``/``evaluate_generator``/``predict_generator``, keras 1.2.2 engine/training.py Model.

    Mixed into compat's Model next to ``Keras1Training``, whose batch methods it calls.
    """

    def fit_generator(self, generator, samples_per_epoch, nb_epoch, verbose=1, callbacks=None,
                      validation_data=None, nb_val_samples=None, class_weight=None, max_q_size=10,
                      nb_worker=1, pickle_safe=False, initial_epoch=0, **kwargs):
        """keras 1.2.2 Model.fit_generator: epochs of ``samples_per_epoch`` samples from ``generator``."""
        from compat.keras.engine.training import _dedupe
        if kwargs:
            raise TypeError('fit_generator() got Keras 1-unknown argument(s) %s (Keras 1 counts samples: '
                            'samples_per_epoch=, nb_epoch=, nb_val_samples=)' % sorted(kwargs))
        if not samples_per_epoch or samples_per_epoch <= 0:
            raise ValueError('fit_generator(samples_per_epoch=%r): give the number of samples per epoch'
                             % (samples_per_epoch,))
        self._make_train_function()
        do_validation = bool(validation_data) if not hasattr(validation_data, '__next__') else True
        val_gen = hasattr(validation_data, '__next__') or hasattr(validation_data, 'next')
        if do_validation:
            self._make_test_function()
        if val_gen and not nb_val_samples:
            raise ValueError('When using a generator for validation data, you must specify a value for '
                             '"nb_val_samples".')
        out_labels = _dedupe(self.metrics_names)
        callback_metrics = out_labels + ['val_' + n for n in out_labels]
        # keras 1.2.2 fit_generator: History before ProgbarLogger (fit has them the other way round)
        self.history = cbks.History()
        callback_list = [cbks.BaseLogger()] + (callbacks or []) + [self.history]
        if verbose:
            callback_list.append(cbks.ProgbarLogger())
        callback_list = cbks.CallbackList(callback_list)
        callback_model = getattr(self, 'callback_model', None) or self
        callback_list._set_model(callback_model)
        callback_list._set_params({'nb_epoch': nb_epoch, 'nb_sample': samples_per_epoch, 'verbose': verbose,
                                   'do_validation': do_validation, 'metrics': callback_metrics})
        callback_list.on_train_begin()
        val = None
        if do_validation and not val_gen:
            if len(validation_data) not in (2, 3):
                raise ValueError('validation_data should be a tuple (val_x, val_y, val_sample_weight) or '
                                 '(val_x, val_y). Found: %d items' % len(validation_data))
            val = self._standardize_user_data(*validation_data[:2], sample_weight=(
                validation_data[2] if len(validation_data) == 3 else None))
        self.validation_data = None if val is None else val[0] + [val[1], val[2]]
        enqueuer = GeneratorEnqueuer(generator, pickle_safe=pickle_safe)
        try:
            enqueuer.start(nb_worker=nb_worker, max_q_size=max_q_size)
            callback_model.stop_training = False
            for epoch in range(initial_epoch, nb_epoch):
                callback_list.on_epoch_begin(epoch)
                samples_seen, batch_index, epoch_logs = 0, 0, {}
                while samples_seen < samples_per_epoch:
                    x, y, sample_weight = _unpack(enqueuer.get())
                    size = _batch_size(x)
                    batch_logs = {'batch': batch_index, 'size': size}
                    callback_list.on_batch_begin(batch_index, batch_logs)
                    outs = _as_list(self.train_on_batch(x, y, sample_weight=sample_weight,
                                                        class_weight=class_weight))
                    batch_logs.update(zip(out_labels, outs))
                    callback_list.on_batch_end(batch_index, batch_logs)
                    batch_index += 1
                    samples_seen += size
                    if samples_seen > samples_per_epoch:
                        warnings.warn('Epoch comprised more than `samples_per_epoch` samples, which might '
                                      'affect learning results. Set `samples_per_epoch` correctly to avoid '
                                      'this warning.')
                    if samples_seen >= samples_per_epoch and do_validation:
                        if val_gen:
                            val_outs = self.evaluate_generator(validation_data, nb_val_samples,
                                                               max_q_size=max_q_size, nb_worker=nb_worker,
                                                               pickle_safe=pickle_safe)
                        else:
                            # keras 1.2.2: validated with the last training batch's size
                            val_outs = self._test_loop(*val, batch_size=size, verbose=0)
                        epoch_logs.update(('val_' + k, v) for k, v in zip(out_labels, _as_list(val_outs)))
                callback_list.on_epoch_end(epoch, epoch_logs)
                if callback_model.stop_training:
                    break
        finally:
            enqueuer.stop()
        callback_list.on_train_end()
        return self.history

    def evaluate_generator(self, generator, val_samples, max_q_size=10, nb_worker=1, pickle_safe=False):
        """keras 1.2.2 Model.evaluate_generator: loss/metrics over ``val_samples`` samples,
        averaged with each batch weighted by its size."""
        self._make_test_function()
        all_outs, weights, seen = [], [], 0
        enqueuer = GeneratorEnqueuer(generator, pickle_safe=pickle_safe)
        try:
            enqueuer.start(nb_worker=nb_worker, max_q_size=max_q_size)
            while seen < val_samples:
                x, y, sample_weight = _unpack(enqueuer.get())
                all_outs.append(_as_list(self.test_on_batch(x, y, sample_weight=sample_weight)))
                size = _batch_size(x)
                weights.append(size)
                seen += size
        finally:
            enqueuer.stop()
        averages = [float(np.average([o[i] for o in all_outs], weights=weights))
                    for i in range(len(all_outs[0]))]
        return averages[0] if len(averages) == 1 else averages

    def predict_generator(self, generator, val_samples, max_q_size=10, nb_worker=1, pickle_safe=False):
        """keras 1.2.2 Model.predict_generator: outputs for ``val_samples`` samples.

        As in Keras 1, the result has exactly ``val_samples`` rows; a last batch
        that overshoots is cut (Keras 1 raised a numpy broadcast error there).
        """
        self._make_predict_function()
        all_outs, seen = [], 0
        enqueuer = GeneratorEnqueuer(generator, pickle_safe=pickle_safe)
        try:
            enqueuer.start(nb_worker=nb_worker, max_q_size=max_q_size)
            while seen < val_samples:
                x = _unpack(enqueuer.get(), allow_x_only=True)[0]
                outs = _as_list(self.predict_on_batch(x))
                if not all_outs:
                    all_outs = [np.zeros((val_samples,) + o.shape[1:], dtype=common.floatx()) for o in outs]
                size = _batch_size(x)
                for buf, o in zip(all_outs, outs):
                    buf[seen:seen + size] = o[:val_samples - seen]
                seen += size
        finally:
            enqueuer.stop()
        return all_outs[0] if len(all_outs) == 1 else all_outs
