"""Keras 1 API that Keras 1.2.2's own ``tests/keras`` use and compat lacked.

Each expectation is derived by hand from the keras 1.2.2 source named in the test (no numbers
computed by compat itself): Merge.compute_mask, Lambda/Merge config round trips, per-gate
regularisation terms of GRU/LSTM, Container.reset_states, CSVLogger, TensorBoard without the
tensorboard package, Cropping1D, the convolutional module's aliases, global 3-D pooling.
"""
import csv
import os

import numpy as np
import pytest

from compat._keras3 import keras as k3
from compat.keras import backend as K
from compat.keras import callbacks, regularizers
from compat.keras.engine.saving import Keras1FileError
from compat.keras.layers import (GRU, LSTM, Dense, Embedding, Input, Lambda, Masking, Merge, SimpleRNN,
                                 convolutional, merge, pooling)
from compat.keras.models import Model, Sequential, model_from_json
from compat.keras.utils.layer_utils import layer_from_config


# -- Merge masks: keras 1.2.2 engine/topology.py Merge.compute_mask --------------------------------------
def test_merge_concat_mask_joins_steps_where_every_part_is_kept():
    layer = Merge(mode='concat', concat_axis=-1)
    x = np.ones((2, 3, 4), 'float32')
    mask_a = np.array([[1, 1, 0], [1, 0, 0]], bool)
    # an unmasked input counts as all kept, so the result is the masked input's mask
    got = layer.compute_mask([x, x], [mask_a, None])
    np.testing.assert_array_equal(np.asarray(got), mask_a)
    mask_b = np.array([[0, 1, 1], [1, 1, 1]], bool)
    np.testing.assert_array_equal(np.asarray(layer.compute_mask([x, x], [mask_a, mask_b])), mask_a & mask_b)


def test_merge_masks_in_a_functional_model_and_dot_has_none():
    a, b = Input(shape=(3,)), Input(shape=(3,))
    concat = merge([Masking(0)(a), b], mode='concat', concat_axis=1)  # built on symbolic masks
    model = Model([a, b], concat)
    assert model.predict([np.ones((2, 3)), np.ones((2, 3))]).shape == (2, 6)
    assert Merge(mode='dot').compute_mask([None, None], [np.ones((2,), bool), None]) is None


def test_merge_output_mask_attribute():
    fn = lambda masks: masks[0]  # noqa: E731
    assert Merge(mode=lambda t: t[0], output_shape=(2,), output_mask=fn)._output_mask is fn


# -- Model.get_output_shape_for: keras 1.2.2 Container.get_output_shape_for -------------------------------
def test_model_get_output_shape_for():
    a, b = Input(shape=(2,)), Input(shape=(5,))
    model = Model([a, b], merge([a, b], mode='concat'))
    assert model.get_output_shape_for([(3, 2), (3, 5)]) == (3, 7)
    single = Model(a, Dense(4)(a))
    assert single.get_output_shape_for((6, 2)) == (6, 4)


# -- functions in configs: keras 1.2.2 Lambda/Merge get_config + from_config, utils layer_from_config ----
def _plus_one(x):
    return x + 1


def test_lambda_config_round_trip_in_memory_keeps_the_function():
    config = Lambda(_plus_one).get_config()
    assert config['function'] == '_plus_one' and config['function_type'] == 'function'
    for layer in (Lambda.from_config(config), layer_from_config({'class_name': 'Lambda', 'config': config})):
        x = Input(shape=(2,))
        out = Model(x, layer(x)).predict(np.zeros((1, 2), 'float32'))
        np.testing.assert_allclose(out, [[1., 1.]])


def test_function_names_from_a_file_still_need_custom_objects():
    x = Input(shape=(2,))
    model = Model(x, Lambda(_plus_one, name='plus')(x))
    text = model.to_json()
    assert '"_plus_one"' in text  # JSON holds the name, never the function or its bytecode
    with pytest.raises(Keras1FileError, match='custom_objects'):
        model_from_json(text)
    loaded = model_from_json(text, custom_objects={'plus': _plus_one})
    np.testing.assert_allclose(loaded.predict(np.zeros((1, 2), 'float32')), [[1., 1.]])
    # the in-memory config of the same model loads without help
    Model.from_config(model.get_config())
    assert 'FunctionName' not in model.to_yaml()


def test_merge_function_mode_config_round_trip():
    a, b = Input(shape=(2,)), Input(shape=(2,))
    out = merge([a, b], mode=lambda t: t[0] - t[1], output_shape=lambda s: s[0])
    model = Model.from_config(Model([a, b], out).get_config())
    got = model.predict([np.full((1, 2), 3., 'float32'), np.ones((1, 2), 'float32')])
    np.testing.assert_allclose(got, [[2., 2.]])


# -- recurrent: keras 1.2.2 GRU/LSTM.build ('cpu'/'mem': one W, U, b per gate, each regularised) ----------
@pytest.mark.parametrize('cls, consume_less, terms', [(SimpleRNN, 'cpu', 3), (GRU, 'cpu', 9), (LSTM, 'cpu', 12),
                                                      (GRU, 'gpu', 3), (LSTM, 'gpu', 3)])
def test_recurrent_regularisation_terms_per_gate(cls, consume_less, terms):
    layer = cls(2, consume_less=consume_less, W_regularizer=regularizers.l1(0.5), U_regularizer=regularizers.l1(0.5),
                b_regularizer=regularizers.l1(0.5), input_shape=(3, 4))
    layer.build((None, 3, 4))
    losses = [float(l) for l in layer.losses]
    assert len(losses) == terms
    # l1 is a sum, so the per-gate terms add up to 0.5 * sum|w| over every weight
    expected = 0.5 * sum(np.abs(w).sum() for w in layer.get_weights())
    np.testing.assert_allclose(sum(losses), expected, rtol=1e-5)


# -- keras 1.2.2 Container.reset_states ---------------------------------------------------------------------
def test_model_reset_states_resets_stateful_layers():
    model = Sequential()
    model.add(Embedding(3, 2, batch_input_shape=(1, 2)))
    model.add(SimpleRNN(2, stateful=True, init='one', inner_init='one'))
    x = np.ones((1, 2), 'int32')
    first = model.predict(x)
    assert not np.allclose(model.predict(x), first)  # the state carried over
    model.reset_states()
    np.testing.assert_allclose(model.predict(x), first, rtol=1e-6)


# -- keras 1.2.2 Sequential.build() ------------------------------------------------------------------------
def test_sequential_build_without_shape():
    model = Sequential([Dense(2, input_dim=3)])
    model.build()
    assert model.count_params() == 8
    with pytest.raises(TypeError, match='empty'):
        Sequential().build()


# -- keras 1.2.2 callbacks.py CSVLogger ---------------------------------------------------------------------
def test_csv_logger_reused_with_append_writes_one_header(tmp_path):
    path = str(tmp_path / 'log.csv')
    logger = callbacks.CSVLogger(path, separator=';', append=True)
    for _ in range(2):  # one logger, two fits: the second appends rows under the same header
        logger.on_train_begin()
        logger.on_epoch_end(0, {'loss': 0.5, 'acc': np.float32(1.0)})
        logger.on_train_end()
    with open(path) as f:
        rows = list(csv.reader(f, delimiter=';'))
    assert rows == [['epoch', 'acc', 'loss'], ['0', '1.0', '0.5'], ['0', '1.0', '0.5']]


def test_tensorboard_writes_scalars_without_the_tensorboard_package(tmp_path):
    import tensorflow as tf
    board = callbacks.TensorBoard(log_dir=str(tmp_path), histogram_freq=1)
    board.set_model(Sequential([Dense(1, input_dim=2)]))
    board.on_train_begin()
    board.on_epoch_end(0, {'loss': 0.25})
    board.on_train_end()
    (event_file,) = os.listdir(tmp_path)
    values = {}
    for event in tf.compat.v1.train.summary_iterator(str(tmp_path / event_file)):
        for v in event.summary.value:
            values[v.tag] = v
    assert values['loss'].simple_value == pytest.approx(0.25) or \
        float(tf.make_ndarray(values['loss'].tensor)) == pytest.approx(0.25)
    assert len(values) >= 3  # the loss and the Dense layer's two weights


# -- layers: keras 1.2.2 Cropping1D, convolutional.py aliases, pooling.py _GlobalPooling3D -----------------
def test_cropping1d_may_crop_everything():
    layer = convolutional.Cropping1D(cropping=(2, 2))
    x = Input(shape=(4, 3))
    y = layer(x)
    assert tuple(y.shape) == (None, 0, 3)
    assert Model(x, y).predict(np.ones((2, 4, 3), 'float32')).shape == (2, 0, 3)
    got = convolutional.Cropping1D(cropping=(1, 2))(K.variable(np.arange(8.).reshape(1, 4, 2)))
    np.testing.assert_array_equal(K.eval(got), [[[2., 3.]]])


def test_convolutional_module_names():
    assert convolutional.Conv2D is convolutional.Convolution2D
    assert convolutional.AtrousConv1D is convolutional.AtrousConvolution1D
    assert convolutional.MaxPooling2D is pooling.MaxPooling2D


@pytest.mark.parametrize('cls, reduce', [(pooling.GlobalMaxPooling3D, np.max),
                                         (pooling.GlobalAveragePooling3D, np.mean)])
def test_global_pooling_3d(cls, reduce):
    x = np.random.RandomState(0).rand(2, 3, 2, 4, 5).astype('float32')
    th = K.eval(cls(dim_ordering='th')(K.variable(x)))
    np.testing.assert_allclose(th, reduce(x, axis=(2, 3, 4)), rtol=1e-6)
    tf_ = K.eval(cls(dim_ordering='tf')(K.variable(x)))
    np.testing.assert_allclose(tf_, reduce(x, axis=(1, 2, 3)), rtol=1e-6)
    assert cls(dim_ordering='th').get_output_shape_for((2, 3, 2, 4, 5)) == (2, 3)


def teardown_module():
    k3.backend.clear_session()


def test_compile_ignores_theano_compiler_options_only():
    # keras 1.2.2 Model.compile(**kwargs) -> K.function -> theano.function(mode=...)
    import pytest
    from compat.keras.engine.arguments import Keras1Warning
    from compat.keras.layers import Dense
    from compat.keras.models import Sequential
    model = Sequential([Dense(2, input_dim=3)])
    with pytest.warns(Keras1Warning, match='Theano compiler options'):
        model.compile('sgd', 'mse', mode='FAST_COMPILE')
    with pytest.raises(TypeError, match="'givens'"):
        model.compile('sgd', 'mse', givens={})


def test_pool_window_wider_than_input_gives_no_rows():
    # Theano pool2d(ignore_border=True): keras 1.2.2 conv_output_length(4, 5, 'valid', 1) = 0 columns
    import numpy as np
    from compat.keras.layers import AveragePooling2D
    from compat.keras.models import Sequential
    model = Sequential([AveragePooling2D(pool_size=(5, 5), strides=(1, 1), input_shape=(11, 12, 4),
                                         dim_ordering='th')])
    assert model.output_shape == (None, 11, 8, 0)
    assert model.predict(np.ones((3, 11, 12, 4), 'float32')).shape == (3, 11, 8, 0)
