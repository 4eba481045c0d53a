"""Keras 1.2.2 ``keras.engine``: Input, Layer, InputSpec, Merge, merge, Model."""
from compat.keras.engine.topology import Input, InputLayer, InputSpec, get_source_inputs
from compat.keras.engine.base_layer import Layer
from compat.keras.layers.merge import Merge, merge


def __getattr__(name):
    if name in ('Model', 'Container'):
        from compat.keras.models import Model
        return Model
    raise AttributeError(name)
