"""keras 1.2.2 utils/test_utils.py: ``layer_test``, ``keras_test``, ``get_test_data``.

``layer_test`` runs a layer the way Keras 1's own layer tests did: get/set weights, the
``weights=`` argument, a functional model, output shape and dtype, the config round trip
through ``Model.from_config``, a Sequential model and its JSON.

>>> from compat.keras.utils.test_utils import layer_test
>>> from compat.keras.layers import Dense
>>> layer_test(Dense, kwargs={'output_dim': 3}, input_shape=(2, 4)).shape
(2, 3)
"""
import functools
import inspect

import numpy as np
from numpy.testing import assert_allclose


def get_test_data(nb_train=1000, nb_test=500, input_shape=(10,), output_shape=(2,),
                  classification=True, nb_class=2):
    """keras 1.2.2 test_utils.get_test_data: random (X_train, y_train), (X_test, y_test)."""
    samples = nb_train + nb_test
    if classification:
        y = np.random.randint(0, nb_class, size=(samples,))
        X = np.zeros((samples,) + input_shape)
        for i in range(samples):
            X[i] = np.random.normal(loc=y[i], scale=0.7, size=input_shape)
    else:
        y_loc = np.random.random((samples,))
        X = np.zeros((samples,) + input_shape)
        y = np.zeros((samples,) + output_shape)
        for i in range(samples):
            X[i] = np.random.normal(loc=y_loc[i], scale=0.7, size=input_shape)
            y[i] = np.random.normal(loc=y_loc[i], scale=0.7, size=output_shape)
    return (X[:nb_train], y[:nb_train]), (X[nb_train:], y[nb_train:])


def _check_shape(expected, actual):
    for want, got in zip(expected, actual):
        if want is not None:
            assert want == got, 'expected output shape %s, got %s' % (expected, actual)


def layer_test(layer_cls, kwargs={}, input_shape=None, input_dtype=None, input_data=None,
               expected_output=None, expected_output_dtype=None, fixed_batch_size=False):
    """keras 1.2.2 test_utils.layer_test for a one-input, one-output layer."""
    from compat.keras.backend import common
    from compat.keras.engine.topology import Input
    from compat.keras.models import Model, Sequential, model_from_json
    if input_data is None:
        assert input_shape, 'layer_test needs input_shape or input_data'
        input_dtype = input_dtype or common.floatx()
        shape = [np.random.randint(1, 4) if d is None else d for d in input_shape]
        input_data = (10 * np.random.random(shape)).astype(input_dtype)
    elif input_shape is None:
        input_shape = input_data.shape
    expected_output_dtype = expected_output_dtype or input_dtype or common.floatx()
    kwargs = dict(kwargs)
    layer = layer_cls(**kwargs)
    params = inspect.signature(layer_cls.__init__).parameters
    x = Input(batch_shape=input_shape, dtype=input_dtype) if fixed_batch_size else \
        Input(shape=input_shape[1:], dtype=input_dtype)
    y = layer(x)
    weights = layer.get_weights()
    layer.set_weights(weights)
    if 'weights' in params or 'weights' in getattr(layer, '_k1', {}):
        layer = layer_cls(**dict(kwargs, weights=weights))
        y = layer(x)
    assert str(y.dtype) == str(expected_output_dtype), (y.dtype, expected_output_dtype)
    model = Model(input=x, output=y)
    model.compile('rmsprop', 'mse')
    expected_shape = layer.get_output_shape_for(tuple(input_shape))
    actual = model.predict(input_data)
    _check_shape(expected_shape, actual.shape)
    if expected_output is not None:
        assert_allclose(actual, expected_output, rtol=1e-3)
    Model.from_config(model.get_config()).compile('rmsprop', 'mse')
    config = layer.get_config()
    config['batch_input_shape'] = input_shape
    layer = layer.__class__.from_config(config)
    model = Sequential()
    model.add(layer)
    model.compile('rmsprop', 'mse')
    actual = model.predict(input_data)
    _check_shape(expected_shape, actual.shape)
    if expected_output is not None:
        assert_allclose(actual, expected_output, rtol=1e-3)
    # keras 1.2.2 marshalled Lambda/Merge functions into the JSON; compat writes their names and
    # loading takes the functions from custom_objects (it never runs code from a file)
    model_from_json(model.to_json(), custom_objects=_functions_in(model.get_config()))
    return actual


def _functions_in(config):
    """{layer name: function} for each Lambda ``function``/Merge ``mode`` a model config names
    (compat's FunctionName), the custom_objects that load them again."""
    from compat.keras.engine.topology import FunctionName
    found = {}
    if isinstance(config, dict):
        for key in ('function', 'mode'):
            if isinstance(config.get(key), FunctionName):
                found[config['name']] = config[key].function
        values = config.values()
    else:
        values = config if isinstance(config, list) else []
    for value in values:
        found.update(_functions_in(value))
    return found


def keras_test(func):
    """keras 1.2.2 test_utils.keras_test: run the test, then reset the session state."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        out = func(*args, **kwargs)
        from compat._keras3 import keras
        keras.backend.clear_session()
        return out
    return wrapper

from compat.keras._reexports import reexported  # noqa: E402

__getattr__ = reexported(__name__)
