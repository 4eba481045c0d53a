"""Keras 1.2.2 ``Merge`` layer and ``merge()`` function (engine/topology.py).

``Merge([model_a, model_b], mode='concat')`` as the first layer of a
Sequential joins whole sub-models (the seed caption model does this): the
Sequential then takes the sub-models' inputs, in order. ``merge([t1, t2],
mode=...)`` joins tensors in the functional API.

Modes: sum, mul, concat, ave, max, dot, cos, or a function (with
``output_shape``). ``cos`` returns (batch, 1, 1) for 2-D inputs, as Keras 1
computed it (its declared shape said (batch, 1)).

>>> from compat.keras.layers import Input, merge
>>> a, b = Input(shape=(3,)), Input(shape=(4,))
>>> tuple(merge([a, b], mode='concat').shape)
(None, 7)
"""
import inspect

from compat._keras3 import keras, tf
from compat.keras.engine.topology import FunctionName, Keras1Layer, config_with_functions

_MODES = ('sum', 'mul', 'concat', 'ave', 'cos', 'dot', 'max')


def _batch_dot(x, y, axes):
    from compat.keras import backend as K
    return K.batch_dot(x, y, axes)


class Merge(Keras1Layer, keras.layers.Layer):
    """keras 1.2.2 engine/topology.py Merge(layers=None, mode='sum', concat_axis=-1, dot_axes=-1, ...)."""

    def _keras3_kwargs(self, k1):
        mode = k1['mode']
        if not callable(mode) and mode not in _MODES:
            raise ValueError('Merge(mode=%r): use one of %s or a function' % (mode, ', '.join(_MODES)))
        if isinstance(k1['dot_axes'], int):
            k1['dot_axes'] = [k1['dot_axes']] * 2
        self.supports_masking = True
        # kept out of Keras 3's layer tracking: the merged models' weights are theirs, not Merge's
        self.__dict__['merged_layers'] = list(k1['layers'] or [])
        return {}

    @property
    def mode(self):
        return self._k1['mode']

    @property
    def _output_mask(self):  # keras 1.2.2 Merge kept output_mask (a mask or a function) here
        return self._k1['output_mask']

    def _dot_axes(self, ndims):
        return [a % n for a, n in zip(self._k1['dot_axes'], ndims)]

    def call(self, inputs, mask=None):
        if not isinstance(inputs, (list, tuple)) or len(inputs) < 2:
            raise TypeError('Merge %s must be called on a list of at least 2 tensors, got %r'
                            % (self.name, inputs))
        mode, k1 = self._k1['mode'], self._k1
        if callable(mode):
            arguments = dict(k1['arguments'] or {})
            if 'mask' in inspect.signature(mode).parameters:
                arguments['mask'] = mask
            return mode(list(inputs), **arguments)
        if mode in ('sum', 'ave'):
            out = inputs[0]
            for x in inputs[1:]:
                out = out + x
            return out / len(inputs) if mode == 'ave' else out
        if mode == 'mul':
            out = inputs[0]
            for x in inputs[1:]:
                out = out * x
            return out
        if mode == 'max':
            out = inputs[0]
            for x in inputs[1:]:
                out = tf.maximum(out, x)
            return out
        if mode == 'concat':
            return tf.concat(list(inputs), axis=k1['concat_axis'])
        l1, l2 = inputs[0], inputs[1]
        axes = self._dot_axes([len(l1.shape), len(l2.shape)])
        if mode == 'dot':
            return _batch_dot(l1, l2, axes)
        # 'cos': keras 1.2.2 Merge.call
        from compat.keras.backend import common
        denominator = tf.sqrt(_batch_dot(l1, l1, axes) * _batch_dot(l2, l2, axes))
        denominator = tf.maximum(denominator, common.epsilon())
        return tf.expand_dims(_batch_dot(l1, l2, axes) / denominator, 1)

    def compute_mask(self, inputs, mask=None):
        # keras 1.2.2 Merge.compute_mask: no mask unless an input had one. keras.ops, not tf: it runs on
        # KerasTensors while the functional graph is built.
        if mask is None or all(m is None for m in mask):
            return None
        mode = self._k1['mode']
        if callable(mode):
            out = self._k1['output_mask']
            return out(mask) if callable(out) else out
        if mode in ('cos', 'dot'):
            return None
        ops = keras.ops
        if mode == 'concat':
            # each input's mask brought to the input's rank (all ones where it had none), joined
            # along the concatenation axis, then a step is kept where all its entries are
            masks = []
            for x, m in zip(inputs, mask):
                if m is None:
                    m = ops.ones_like(x, dtype='bool')
                elif len(m.shape) < len(x.shape):
                    m = ops.expand_dims(m, -1)
                masks.append(ops.cast(m, 'bool'))
            return ops.all(ops.concatenate(masks, axis=self._k1['concat_axis']), axis=-1)
        # sum/mul/ave (and max, which Keras 1 refused with masks): a step is kept where every mask keeps it
        kept = [ops.cast(m, 'bool') for m in mask if m is not None]
        result = kept[0]
        for m in kept[1:]:
            result = ops.logical_and(result, m)
        return result

    def compute_output_shape(self, input_shape):
        shapes = [tuple(s) for s in input_shape]
        mode, k1 = self._k1['mode'], self._k1
        if callable(mode):
            out = k1['output_shape']
            if callable(out):
                return tuple(out(shapes))
            if out is None:
                raise ValueError('Merge %s has a function as mode: pass output_shape=(...) too' % self.name)
            return (shapes[0][0],) + tuple(out)
        if mode in ('sum', 'mul', 'ave', 'max'):
            return shapes[0]
        if mode == 'concat':
            out = list(shapes[0])
            axis = k1['concat_axis']
            for s in shapes[1:]:
                out[axis] = None if out[axis] is None or s[axis] is None else out[axis] + s[axis]
            return tuple(out)
        axes = self._dot_axes([len(s) for s in shapes[:2]])
        s1, s2 = list(shapes[0]), list(shapes[1])
        s1.pop(axes[0])
        s2.pop(axes[1])
        s2.pop(0)
        out = s1 + s2
        if len(out) == 1:
            out += [1]
        if mode == 'cos':
            out = out[:1] + [1] + out[1:]
        return tuple(out)

    def get_config(self):
        """keras 1.2.2 Merge.get_config (no 'trainable'; functions by name only, never as bytecode)."""
        k1 = self._k1

        def kind(value):
            return 'function' if callable(value) else 'raw'

        def name_of(value):  # a FunctionName: still the function while the config is in memory
            return FunctionName(value) if callable(value) else value
        config = {'name': self.name, 'mode': name_of(k1['mode']), 'mode_type': kind(k1['mode']),
                  'concat_axis': k1['concat_axis'], 'dot_axes': k1['dot_axes'],
                  'output_shape': name_of(k1['output_shape']), 'output_shape_type': kind(k1['output_shape']),
                  'output_mask': name_of(k1['output_mask']), 'output_mask_type': kind(k1['output_mask']),
                  'arguments': k1['arguments'] or {}}
        if isinstance(config['output_shape'], tuple):
            config['output_shape'] = list(config['output_shape'])
        return config

    @classmethod
    def from_config(cls, config):
        # keras 1.2.2 Merge.from_config
        return cls(**config_with_functions('Merge', config))


def merge(inputs, mode='sum', concat_axis=-1, dot_axes=-1, output_shape=None, output_mask=None,
          arguments=None, name=None):
    """keras 1.2.2 engine/topology.py merge(): a Merge layer applied to tensors."""
    layer = Merge(mode=mode, concat_axis=concat_axis, dot_axes=dot_axes, output_shape=output_shape,
                  output_mask=output_mask, arguments=arguments, name=name)
    return layer(list(inputs))
