"""keras 1.2.2 layers/core.py beyond what the parity fixtures show: Lambda's function in configs (get_config /
from_config, utils layer_from_config) and SpatialDropout's noise shape. Expectations come from that source.
"""
import numpy as np
import pytest

from compat.keras.engine.saving import Keras1FileError
from compat.keras.layers import Input, Lambda, SpatialDropout2D
from compat.keras.models import Model, model_from_json
from compat.keras.utils.layer_utils import layer_from_config


# -- functions in configs: keras 1.2.2 Lambda.get_config / from_config, utils layer_from_config -------------
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


# -- keras 1.2.2 SpatialDropout2D ---------------------------------------------------------------------------
def test_spatial_dropout_drops_whole_channels_in_training():
    layer = SpatialDropout2D(0.5, dim_ordering='th')
    x = np.ones((8, 6, 4, 4), 'float32')
    y = np.asarray(layer(x, training=True))
    per_map = y.reshape(8, 6, 16)
    # keras 1.2.2 SpatialDropout2D noise shape (samples, channels, 1, 1): each map all 0 or all 1/(1-p)
    assert np.all((per_map.min(-1) == per_map.max(-1)))
    assert set(np.unique(per_map)) <= {0.0, 2.0}
    np.testing.assert_array_equal(np.asarray(layer(x, training=False)), x)
