"""Keras 1.2.2 (Theano) pooling Keras 3 pads differently, as ``python -m compat upgrade`` inlines it.

Inlined by fixers/theano_pool_same.py for ``border_mode='same'`` pooling.
"""
import keras


# keras 1.2.2 backend/theano_backend.py pool2d, border_mode='same' (its padding, then the crop)
@keras.saving.register_keras_serializable(package="keras1")
class Keras1SamePooling(keras.layers.Layer):
    """Keras 1.2.2 (Theano) pooling with border_mode='same': pool - 2 (odd pool > 2) or pool - 1
    cells padded on both sides, which never win a max and are left out of averages; the first
    ceil(n / stride) outputs are kept. mode is 'max' or 'average'."""

    def __init__(self, mode, pool_size, strides=None, data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.mode = mode
        self.pool_size = tuple(pool_size) if isinstance(pool_size, (tuple, list)) else (pool_size,)
        strides = self.pool_size if strides is None else strides
        if not isinstance(strides, (tuple, list)):
            strides = (strides,) * len(self.pool_size)
        self.strides = tuple(strides)
        self.data_format = data_format or keras.config.image_data_format()

    def call(self, x):
        first = 2 if self.data_format == "channels_first" else 1
        axes = range(first, first + len(self.pool_size))
        pads = [(0, 0)] * len(x.shape)
        crop = [slice(None)] * len(x.shape)
        for axis, p, s in zip(axes, self.pool_size, self.strides):
            pad = p - 2 if p > 2 and p % 2 else p - 1
            pads[axis] = (pad, pad)
            crop[axis] = slice(0, -(-keras.ops.shape(x)[axis] // s))
        args = (self.pool_size, self.strides, "valid", self.data_format)
        if self.mode == "max":
            y = keras.ops.max_pool(keras.ops.pad(x, pads, constant_values=float("-inf")), *args)
        else:  # sum over the real cells / their number
            y = keras.ops.average_pool(keras.ops.pad(x, pads), *args) / keras.ops.average_pool(
                keras.ops.pad(keras.ops.ones_like(x), pads), *args)
        return y[tuple(crop)]

    def get_config(self):
        return {**super().get_config(), "mode": self.mode, "pool_size": self.pool_size,
                "strides": self.strides, "data_format": self.data_format}
