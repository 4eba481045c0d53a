"""Keras 1 generators (fit/evaluate/predict_generator), custom Keras 1 ``Layer`` subclasses, and the
layer behaviour the parity fixtures cannot show (dropout noise shapes, TF-backend SeparableConvolution2D).

Expectations are derived by hand from keras 1.2.2 engine/training.py (sample accounting, batch-size
weighted averages) and from one-weight linear models whose SGD steps are computed on paper.
"""
import warnings

import numpy as np
import pytest

import compat.keras as keras
from compat.keras import backend as K
from compat.keras.layers import Dense, SeparableConvolution2D, SpatialDropout2D
from compat.keras.engine import Layer
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


# -- custom Keras 1 layers --------------------------------------------------------------------------
class Scale(Layer):
    """Keras 1 style: add_weight(shape, initializer) in Keras 1 order, call(x, mask=None)."""

    def build(self, input_shape):
        self.w = self.add_weight((input_shape[1],), 'one', name='{}_w'.format(self.name))
        self.built = True

    def call(self, x, mask=None):
        return x * self.w


class PlusBias(Layer):
    """Keras 1 style: K.variable weights assigned to self.trainable_weights."""

    def build(self, input_shape):
        self.b = K.variable(np.zeros((input_shape[1],)), name='{}_b'.format(self.name))
        self.trainable_weights = [self.b]

    def call(self, x, mask=None):
        return x + self.b


class PosNeg(Layer):
    """keras 1.2.2 examples/antirectifier.py style: get_output_shape_for doubles the features."""

    def get_output_shape_for(self, input_shape):
        return (input_shape[0], input_shape[1] * 2)

    def call(self, x, mask=None):
        return K.concatenate([K.relu(x), K.relu(-x)], axis=1)


def test_custom_layers_forward_shapes_and_weights():
    model = Sequential()
    model.add(Scale(input_shape=(2,)))
    model.add(PlusBias())
    model.add(PosNeg())
    assert model.output_shape == (None, 4)
    assert [tuple(w.shape) for w in model.trainable_weights] == [(2,), (2,)]
    assert model.count_params() == 4
    x = np.array([[1., -2.]], 'float32')
    np.testing.assert_allclose(model.predict(x), [[1., 0., 0., 2.]])


def test_custom_layers_train_by_hand():
    # out = w * x + b, x = 1, y = 3, mse over 1 unit, SGD lr 0.1: grads -2 (y - out) for both w and b
    model = Sequential([Scale(input_shape=(1,)), PlusBias()])
    model.compile(SGD(lr=0.1), 'mse')
    x, y = np.ones((1, 1), 'float32'), np.full((1, 1), 3., 'float32')
    assert model.train_on_batch(x, y) == pytest.approx(4.0)  # (3 - 1)^2
    # w = 1 + 0.4, b = 0.4 -> out 1.8, loss 1.44
    np.testing.assert_allclose([w.ravel()[0] for w in model.get_weights()], [1.4, 0.4], rtol=1e-6)
    assert model.train_on_batch(x, y) == pytest.approx(1.44, rel=1e-5)


# -- layer behaviour beyond the fixtures ----------------------------------------------------------------
def test_spatial_dropout_drops_whole_channels_in_training():
    layer = SpatialDropout2D(0.5, dim_ordering='th')
    x = np.ones((8, 6, 4, 4), 'float32')
    y = np.asarray(layer(x, training=True))
    per_map = y.reshape(8, 6, 16)
    # keras 1.2.2 SpatialDropout2D noise shape (samples, channels, 1, 1): each map all 0 or all 1/(1-p)
    assert np.all((per_map.min(-1) == per_map.max(-1)))
    assert set(np.unique(per_map)) <= {0.0, 2.0}
    np.testing.assert_array_equal(np.asarray(layer(x, training=False)), x)


def test_separable_conv2d_tensorflow_numerics_th_weights():
    # one input channel, depth_multiplier 1, 2x2 kernel of ones, pointwise 2 filters (1, -1), valid
    layer = SeparableConvolution2D(2, 2, 2, dim_ordering='th', input_shape=(1, 3, 3))
    model = Sequential([layer])
    layer.set_weights([np.ones((1, 1, 2, 2), 'float32'), np.array([1., -1.]).reshape(2, 1, 1, 1),
                       np.array([0.5, 0.], 'float32')])
    x = np.arange(9, dtype='float32').reshape(1, 1, 3, 3)
    windows = np.array([[0 + 1 + 3 + 4, 1 + 2 + 4 + 5], [3 + 4 + 6 + 7, 4 + 5 + 7 + 8]], 'float32')
    np.testing.assert_allclose(model.predict(x)[0], [windows + 0.5, -windows])
    assert [w.shape for w in layer.get_weights()] == [(1, 1, 2, 2), (2, 1, 1, 1), (2,)]
