"""Keras 1.2.2 ``keras.engine``: Input, Layer, InputSpec, Merge, merge, Model.

As in keras 1.2.2 the engine is the bottom of the package: layers and models import it, it imports
neither. Only a few functions reach up when called, where keras 1.2.2's did: loading and saving
configs (the layer classes, Sequential) and ``summary`` (utils/layer_utils.py); the list is
tests/test_import_graph.py's ``DEFERRED_UPWARD``.
"""
from compat.keras.engine.base_layer import Layer
from compat.keras.engine.topology import Input, InputLayer, InputSpec, Merge, get_source_inputs, merge
from compat.keras.engine.training import Model

from compat.keras._reexports import reexported  # noqa: E402

__getattr__ = reexported(__name__)
