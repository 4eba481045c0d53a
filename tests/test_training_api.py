"""Model training API as Keras 1.2.2 had it: fit's history and batches, evaluate and train_on_batch weighting,
fit/evaluate/predict_generator, compile's Theano options.

Expectations are derived by hand from keras 1.2.2 engine/training.py (sample accounting, batch-size
weighted averages, weighted_objective, _fit_loop's shuffling) and from one-weight linear models whose SGD
steps are computed on paper.
"""
import warnings

import numpy as np
import pytest

import compat.keras as keras
from compat.keras import layers as L
from compat.keras.engine.arguments import Keras1Warning
from compat.keras.layers import Dense
from compat.keras.models import Sequential
from compat.keras.optimizers import SGD


def _line_model(init='zero', lr=0.1):
    """y = w * x, w starting at 0 (or 1), mse, SGD(lr): each step is w += lr * 2 * mean(x * (y - w x))."""
    model = Sequential([Dense(1, input_dim=1, bias=False, init=init)])
    model.compile(SGD(lr=lr), 'mse')
    return model


def _ones(batch=1, y=1.0, n=None):
    i = 0
    while n is None or i < n:
        i += 1
        yield np.ones((batch, 1), 'float32'), np.full((batch, 1), y, 'float32')


class Recorder(keras.callbacks.Callback):
    def on_train_begin(self, logs=None):
        self.batches, self.epochs = [], []

    def on_batch_end(self, batch, logs=None):
        self.batches.append(dict(logs))

    def on_epoch_end(self, epoch, logs=None):
        self.epochs.append((epoch, dict(logs)))


# -- fit, evaluate, train_on_batch ------------------------------------------------------------------
def test_fit_history_uses_keras1_keys_and_validation_split():
    np.random.seed(1)
    model = keras.models.Sequential([L.Dense(3, input_dim=4, activation='softmax')])
    model.compile(loss='categorical_crossentropy', optimizer='sgd', metrics=['accuracy'])
    x = np.random.rand(20, 4).astype('float32')
    y = np.eye(3, dtype='float32')[np.random.randint(0, 3, 20)]
    hist = model.fit(x, y, nb_epoch=2, batch_size=8, verbose=0, validation_split=0.25)
    assert sorted(hist.history) == ['acc', 'loss', 'val_acc', 'val_loss']
    assert len(hist.history['loss']) == 2 and hist.epoch == [0, 1]
    assert model.metrics_names == ['loss', 'acc']
    assert model.predict_classes(x, verbose=0).shape == (20,)


def test_fit_batches_follow_numpy_seed_like_keras1():
    """keras 1.2.2 _fit_loop shuffles with np.random.shuffle: the same seed, the same batches."""
    seen = []

    class Record(keras.callbacks.Callback):
        def on_batch_end(self, batch, logs=None):
            seen.append(round(logs['loss'], 6))

    def run():
        model = keras.models.Sequential([L.Dense(1, input_dim=1, weights=[np.ones((1, 1)), np.zeros(1)])])
        model.compile(loss='mse', optimizer=keras.optimizers.SGD(lr=0.0))
        x = np.arange(10, dtype='float32').reshape(10, 1)
        np.random.seed(3)
        model.fit(x, x * 0, batch_size=2, nb_epoch=1, verbose=0, callbacks=[Record()])
    run()
    first = list(seen)
    seen.clear()
    run()
    assert seen == first
    np.random.seed(3)
    order = np.arange(10)
    np.random.shuffle(order)
    assert first == [round(float(np.mean(order[i:i + 2].astype('float64') ** 2)), 6) for i in range(0, 10, 2)]


def test_evaluate_and_train_on_batch_agree_with_keras1_weighting():
    model = keras.models.Sequential([L.Dense(1, input_dim=1, weights=[np.ones((1, 1)), np.zeros(1)])])
    model.compile(loss='mse', optimizer=keras.optimizers.SGD(lr=0.0))
    x = np.array([[1.], [2.], [3.]], 'float32')
    # keras 1.2.2 weighted_objective: mean(loss * w) / mean(w != 0)
    loss = model.train_on_batch(x, np.zeros((3, 1)), sample_weight=np.array([1., 0., 2.]))
    assert loss == pytest.approx((1 * 1 + 0 + 9 * 2) / 3 / (2 / 3))
    assert model.evaluate(x, np.zeros((3, 1)), batch_size=2, verbose=0) == pytest.approx((1 + 4 + 9) / 3)


# -- compile: keras 1.2.2 Model.compile(**kwargs) -> K.function -> theano.function(mode=...) -------------
def test_compile_ignores_theano_compiler_options_only():
    model = Sequential([Dense(2, input_dim=3)])
    with pytest.warns(Keras1Warning, match='Theano compiler options'):
        model.compile('sgd', 'mse', mode='FAST_COMPILE')
    with pytest.raises(TypeError, match="'givens'"):
        model.compile('sgd', 'mse', givens={})


# -- fit_generator ---------------------------------------------------------------------------------
def test_fit_generator_losses_by_hand():
    # w: 0 -> 0.2 -> 0.36 -> 0.488; losses (1 - w)^2: 1, 0.64, 0.4096, 0.262144
    model = _line_model()
    history = model.fit_generator(_ones(), samples_per_epoch=2, nb_epoch=2, verbose=0)
    np.testing.assert_allclose(history.history['loss'], [(1 + 0.64) / 2, (0.4096 + 0.262144) / 2], rtol=1e-5)
    np.testing.assert_allclose(model.get_weights()[0], [[0.5904]], rtol=1e-5)
    assert history.epoch == [0, 1]


def test_fit_generator_counts_samples_and_warns_on_overshoot():
    model = _line_model()
    rec = Recorder()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        model.fit_generator(_ones(batch=3), samples_per_epoch=7, nb_epoch=2, verbose=0, callbacks=[rec])
    # 3 + 3 + 3 >= 7: three batches an epoch, the last one overshooting
    assert [b['batch'] for b in rec.batches] == [0, 1, 2, 0, 1, 2]
    assert all(b['size'] == 3 for b in rec.batches)
    assert sum('Epoch comprised more than `samples_per_epoch` samples' in str(w.message) for w in caught) == 2
    assert model.history.params['nb_sample'] == 7 and model.history.params['nb_epoch'] == 2


def test_fit_generator_validation_generator_and_tuple():
    model = _line_model()
    rec = Recorder()
    model.fit_generator(_ones(), samples_per_epoch=1, nb_epoch=1, verbose=0, callbacks=[rec],
                        validation_data=_ones(y=3.0), nb_val_samples=2)
    # after one step w = 0.2; validation loss (3 - 0.2)^2
    np.testing.assert_allclose(rec.epochs[0][1]['val_loss'], 2.8 ** 2, rtol=1e-5)
    x = np.ones((4, 1), 'float32')
    h = model.fit_generator(_ones(), samples_per_epoch=1, nb_epoch=1, verbose=0,
                            validation_data=(x, 2 * x))
    # second step: w = 0.2 + 0.2 * 0.8 = 0.36; val (2 - 0.36)^2
    np.testing.assert_allclose(h.history['val_loss'], [1.64 ** 2], rtol=1e-5)
    with pytest.raises(ValueError, match='nb_val_samples'):
        model.fit_generator(_ones(), samples_per_epoch=1, nb_epoch=1, verbose=0, validation_data=_ones())


def test_fit_generator_initial_epoch_and_metrics():
    model = Sequential([Dense(2, input_dim=1, activation='softmax')])
    model.compile('sgd', 'categorical_crossentropy', metrics=['accuracy'])

    def gen():
        while True:
            yield np.ones((2, 1), 'float32'), np.array([[1, 0], [1, 0]], 'float32')
    h = model.fit_generator(gen(), samples_per_epoch=2, nb_epoch=3, initial_epoch=1, verbose=0)
    assert h.epoch == [1, 2] and set(h.history) == {'loss', 'acc'}


def test_fit_generator_bad_output_and_stopping_generator():
    model = _line_model()

    def bad():
        while True:
            yield np.ones((1, 1))
    with pytest.raises(ValueError, match='output of generator should be a tuple'):
        model.fit_generator(bad(), samples_per_epoch=1, nb_epoch=1, verbose=0)
    with pytest.raises(StopIteration, match='must loop forever'):
        model.fit_generator(_ones(n=1), samples_per_epoch=3, nb_epoch=1, verbose=0)

    def broken():
        yield np.ones((1, 1)), np.ones((1, 1))
        raise KeyError('boom')
    with pytest.raises(KeyError, match='boom'):
        model.fit_generator(broken(), samples_per_epoch=3, nb_epoch=1, verbose=0)


# -- evaluate_generator / predict_generator ------------------------------------------------------
def test_evaluate_generator_weights_batches_by_size():
    model = _line_model()  # w = 0: loss is y^2

    def gen():
        while True:
            yield np.ones((2, 1), 'float32'), np.ones((2, 1), 'float32')
            yield np.ones((1, 1), 'float32'), np.full((1, 1), 3., 'float32')
    np.testing.assert_allclose(model.evaluate_generator(gen(), val_samples=3), (2 * 1 + 1 * 9) / 3., rtol=1e-6)


def test_predict_generator_rows_and_x_only_outputs():
    model = _line_model(init='one')

    def gen():
        i = 0
        while True:
            x = np.arange(i, i + 2, dtype='float32').reshape(2, 1)
            i += 2
            yield x if i % 4 else (x, x)
    out = model.predict_generator(gen(), val_samples=5)
    np.testing.assert_allclose(out, np.arange(5, dtype='float32').reshape(5, 1))


@pytest.mark.parametrize('nb_worker,pickle_safe', [(3, False), (2, True)])
def test_workers_threads_and_processes(nb_worker, pickle_safe):
    model = _line_model()
    out = model.evaluate_generator(_ones(batch=2, y=2.0), val_samples=6, nb_worker=nb_worker,
                                   pickle_safe=pickle_safe, max_q_size=2)
    np.testing.assert_allclose(out, 4.0, rtol=1e-6)


def test_generator_methods_on_functional_model_with_dict_inputs():
    a = keras.layers.Input(shape=(1,), name='a')
    model = keras.models.Model(input=a, output=Dense(1, bias=False, init='one', name='out')(a))
    model.compile('sgd', 'mse')

    def gen():
        while True:
            yield {'a': np.ones((2, 1), 'float32')}, {'out': np.ones((2, 1), 'float32')}
    assert model.evaluate_generator(gen(), val_samples=4) == pytest.approx(0.0)
