"""Keras 1.2.2 ``keras.layers.wrappers`` (TimeDistributed, Bidirectional) on Keras 3.

The wrapped layer is a compat layer; weights are its Keras 1 weights
(Bidirectional: forward then backward, keras 1.2.2 wrappers.py get_weights).

>>> from compat.keras.layers import TimeDistributed, Dense
>>> TimeDistributed(Dense(3)).get_config()['layer']['class_name']
'Dense'
"""
from compat._keras3 import keras, tf
from compat.keras.engine.base_layer import Layer
from compat.keras.engine.topology import Keras1Layer


class Wrapper(Layer):
    """keras 1.2.2 layers/wrappers.py Wrapper: the base class of layers that wrap another layer (``self.layer``).

    A subclass's ``build`` builds ``self.layer`` and then calls ``Wrapper.build``, which makes the wrapped
    layer's weights, updates and constraints the wrapper's; ``get_weights``/``set_weights`` are the wrapped
    layer's; the config holds the wrapped layer's.

    >>> import numpy as np
    >>> from compat.keras.layers import Dense
    >>> class Twice(Wrapper):
    ...     def build(self, input_shape):
    ...         self.layer.build(input_shape)
    ...         super(Twice, self).build()
    ...     def get_output_shape_for(self, input_shape):
    ...         return self.layer.get_output_shape_for(input_shape)
    ...     def call(self, x, mask=None):
    ...         return 2 * self.layer.call(x)
    >>> twice = Twice(Dense(2, init='one', bias=False))
    >>> twice(np.ones((1, 3), 'float32')).numpy().tolist(), len(twice.trainable_weights)
    ([[6.0, 6.0]], 1)
    """

    def __init__(self, layer, **kwargs):
        self.layer = layer
        self.uses_learning_phase = getattr(layer, 'uses_learning_phase', False)
        super(Wrapper, self).__init__(**kwargs)

    def build(self, input_shape=None):
        # keras 1.2.2: called at the end of the subclasses' build; the wrapped layer's weights are tracked
        # through self.layer already, so only what Keras 3 does not track is copied
        self.updates = getattr(self.layer, 'updates', [])
        self.constraints = getattr(self.layer, 'constraints', {})
        self.built = True

    def get_weights(self):
        return self.layer.get_weights()

    def set_weights(self, weights, backend='theano'):
        if isinstance(self.layer, Keras1Layer):
            self.layer.set_weights(weights, backend=backend)
        else:
            self.layer.set_weights(weights)

    def get_config(self):
        config = {'layer': {'class_name': getattr(self.layer, 'keras1_class', None) or type(self.layer).__name__,
                            'config': self.layer.get_config()}}
        return dict(super(Wrapper, self).get_config(), **config)

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from compat.keras.layers import deserialize
        config = dict(config)
        layer = deserialize(config.pop('layer'), custom_objects=custom_objects)
        return cls(layer, **config)


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


class Bidirectional(Keras1Layer, keras.layers.Layer):
    """keras 1.2.2 Bidirectional(layer, merge_mode='concat', weights=None).

    Written here rather than on Keras 3's Bidirectional, which copies the layer through Keras 3
    serialisation and forces zeros at masked steps: as keras 1.2.2 wrappers.py, the forward
    layer is the layer itself, the backward one a copy with ``go_backwards`` flipped, and the
    backward sequence is reversed back before merging.
    """

    def _keras3_kwargs(self, k1):
        if k1['merge_mode'] not in ('sum', 'mul', 'concat', 'ave', None):
            raise ValueError("Bidirectional(merge_mode=%r): use 'sum', 'mul', 'concat', 'ave' or None"
                             % (k1['merge_mode'],))
        layer = k1['layer']
        config = dict(layer._k1, go_backwards=not layer._k1['go_backwards'], name='backward_' + layer.name)
        config.pop('weights', None)
        self.forward_layer = layer
        self.backward_layer = type(layer)(**config)
        self.supports_masking = True
        return {}

    def build(self, input_shape):
        self.forward_layer.build(input_shape)
        self.backward_layer.build(input_shape)

    def call(self, inputs, mask=None, training=None):
        y = self.forward_layer(inputs, mask=mask, training=training)
        y_rev = self.backward_layer(inputs, mask=mask, training=training)
        if self._k1['layer']._k1['return_sequences']:
            y_rev = tf.reverse(y_rev, axis=[1])
        mode = self._k1['merge_mode']
        if mode == 'concat':
            return tf.concat([y, y_rev], axis=-1)
        if mode == 'sum':
            return y + y_rev
        if mode == 'ave':
            return (y + y_rev) / 2
        if mode == 'mul':
            return y * y_rev
        return [y, y_rev]

    def compute_output_shape(self, input_shape):
        shape = tuple(self.forward_layer.compute_output_shape(input_shape))
        mode = self._k1['merge_mode']
        if mode == 'concat':
            return shape[:-1] + (shape[-1] * 2,)
        return [shape, shape] if mode is None else shape

    def compute_mask(self, inputs, mask=None):
        if not self._k1['layer']._k1['return_sequences']:
            return None
        return [mask, mask] if self._k1['merge_mode'] is None else mask

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

from compat.keras._reexports import reexported  # noqa: E402

__getattr__ = reexported(__name__)
