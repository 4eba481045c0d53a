"""Keras 1.2.2 ``keras.layers.wrappers`` (TimeDistributed, Bidirectional) on Keras 3.

The wrapped layer is a compat layer; weights are its Keras 1 weights
(Bidirectional: forward then backward, keras 1.2.2 wrappers.py get_weights).

>>> from compat.keras.layers import TimeDistributed, Dense
>>> TimeDistributed(Dense(3)).get_config()['layer']['class_name']
'Dense'
"""
from compat._keras3 import keras
from compat.keras.engine.topology import Keras1Layer


def _layer_config(layer):
    return {'class_name': type(layer).__name__, 'config': layer.get_config()}


class TimeDistributed(Keras1Layer, keras.layers.TimeDistributed):
    """keras 1.2.2 TimeDistributed(layer): the layer applied to every time step."""

    def _keras3_kwargs(self, k1):
        return {'layer': k1['layer']}

    def get_weights(self):
        return self.layer.get_weights()

    def set_weights(self, weights, backend='theano'):
        self.layer.set_weights(weights, backend=backend) if isinstance(self.layer, Keras1Layer) \
            else self.layer.set_weights(weights)

    def _config(self):
        return {'layer': _layer_config(self._k1['layer'])}

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from compat.keras.layers import deserialize
        config = dict(config)
        if isinstance(config['layer'], dict):
            config['layer'] = deserialize(config['layer'], custom_objects=custom_objects)
        return cls(**config)


class Bidirectional(Keras1Layer, keras.layers.Bidirectional):
    """keras 1.2.2 Bidirectional(layer, merge_mode='concat', weights=None)."""

    def _keras3_kwargs(self, k1):
        if k1['merge_mode'] not in ('sum', 'mul', 'concat', 'ave', None):
            raise ValueError("Bidirectional(merge_mode=%r): use 'sum', 'mul', 'concat', 'ave' or None"
                             % (k1['merge_mode'],))
        return {'layer': k1['layer'], 'merge_mode': k1['merge_mode']}

    def get_weights(self):
        return self.forward_layer.get_weights() + self.backward_layer.get_weights()

    def set_weights(self, weights, backend='theano'):
        half = len(weights) // 2
        self.forward_layer.set_weights(weights[:half], backend=backend)
        self.backward_layer.set_weights(weights[half:], backend=backend)

    def _config(self):
        return {'layer': _layer_config(self._k1['layer'])}

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from compat.keras.layers import deserialize
        config = dict(config)
        if isinstance(config['layer'], dict):
            config['layer'] = deserialize(config['layer'], custom_objects=custom_objects)
        return cls(**config)
