"""Keras 1 layer behaviour on Keras 3 layers: names, constructor, weights, configs.

Every compat layer is a real Keras 3 layer (so Keras 3 models, masks and
``tf.function`` work) with :class:`Keras1Layer` mixed in front of it. The mixin
gives it what keras 1.2.2 ``engine/topology.py`` Layer had:

- the Keras 1 constructor, bound by ``arguments.bind`` against the 1.2.2 signature;
- Keras 1 auto-names (``convolution2d_1``, ``gru_2``: lowercased class name and a
  per-class counter, keras 1.2.2 Layer.__init__);
- ``get_weights``/``set_weights`` and ``weights=[...]`` in Keras 1 layouts, each
  class converting with ``_to_keras1``/``_from_keras1``;
- ``get_config`` in Keras 1 form, so ``from_config`` takes Keras 1 JSON configs;
- ``input_shape``/``output_shape`` and ``get_output_shape_for``.

It also holds what keras 1.2.2 kept next to Layer: Input, InputSpec, Node, and the Merge layer with
its ``merge()`` function.
"""
import inspect

import numpy as np

from compat._keras3 import keras, tf
from compat.keras.backend import common
from compat.keras.engine import arguments
from compat.keras.engine.arguments import Keras1Warning, warn_once  # noqa: F401  (re-exported)


def _serialize(value):
    """A Keras 1 constructor argument as keras 1.2.2 get_config wrote it."""
    if isinstance(value, tuple):
        return [_serialize(v) for v in value]
    if isinstance(value, list):
        return [_serialize(v) for v in value]
    if hasattr(value, 'get_config') and not isinstance(value, type):
        return value.get_config()
    if callable(value) and hasattr(value, '__name__'):
        return value.__name__
    if isinstance(value, np.generic):
        return value.item()
    return value


class FunctionName(str):
    """The name a Keras 1 config gives a Python function (Lambda's ``function``, Merge's ``mode``...),
    still holding the function while the config stays in memory.

    keras 1.2.2 get_config marshalled such functions, so ``Layer.from_config(layer.get_config())``
    worked in one process. Compat writes the name (as JSON it is a plain string, and nothing read
    from a file runs as code); ``in_memory_functions`` gives the function back on the way in.
    """

    def __new__(cls, function):
        self = super().__new__(cls, getattr(function, '__name__', repr(function)))
        self.function = function
        return self

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __reduce__(self):  # pickled, it is only the name
        return str, (str(self),)


def in_memory_functions(config):
    """A copy of a Keras 1 config where each ``FunctionName`` (with its ``<key>_type`` entry) is the
    function again, typed ``'raw'`` so that loading passes it through as it is."""
    if isinstance(config, list):
        return [in_memory_functions(c) for c in config]
    if not isinstance(config, dict):
        return config
    out = {k: in_memory_functions(v) for k, v in config.items()}
    for key, value in config.items():
        if isinstance(value, FunctionName) and key + '_type' in config:
            out[key], out[key + '_type'] = value.function, 'raw'
    return out


def config_with_functions(class_name, config):
    """A Lambda/Merge config ready for the constructor: in-memory functions given back, and any
    other function reference resolved the way model loading does (a name or marshalled bytecode
    read from a file raises an error saying to pass ``custom_objects``)."""
    from compat.keras.engine import saving
    config = in_memory_functions(config)
    saving._resolve_functions(class_name, config, {}, False)  # pops the *_type entries
    return config


def auto_name(class_name):
    """keras 1.2.2 engine/topology.py Layer.__init__: ``prefix_<uid>``."""
    prefix = class_name.lower()
    return '%s_%d' % (prefix, common.get_uid(prefix))


class Keras1Layer:
    """Mixin putting the Keras 1 API in front of a Keras 3 layer class.

    Subclasses declare ``keras1_class`` (the Keras 1 class name, default: the
    class's own name) and may override ``_keras3_kwargs`` (extra Keras 3
    arguments, from the bound Keras 1 ones), ``_to_keras1``/``_from_keras1``
    (weight layouts) and ``_config`` (extra config entries).
    """
    keras1_class = None
    keras3_fixed = {}  # Keras 3 arguments that keep Keras 1 numerics

    def __init__(self, *args, **kwargs):
        layer = self.keras1_class or type(self).__name__
        k1, engine_kwargs = arguments.bind(layer, args, kwargs)
        k3 = arguments.to_keras3(layer, k1, explicit=kwargs)
        k3.update(self.keras3_fixed)
        k3.update(self._keras3_kwargs(k1))
        # kept out of Keras 3's tracking (it may hold layers, e.g. Merge's models or a wrapped layer)
        self.__dict__['_k1'] = k1
        # Merge takes `name` among its own arguments (keras 1.2.2 Merge.__init__)
        name = engine_kwargs.get('name') or k1.get('name') or auto_name(layer)
        super().__init__(name=name, trainable=engine_kwargs.get('trainable', True), **k3)
        self.batch_input_shape = arguments.input_batch_shape(layer, k1, engine_kwargs)
        default_dtype = 'int32' if layer == 'Embedding' else common.floatx()
        self._k1_input_dtype = engine_kwargs.get('input_dtype') or default_dtype
        self._pending_keras1_weights = k1.get('weights')
        # keras 1.2.2 Layer.__call__ adds activity_regularizer(output) to the loss: a plain sum over the
        # batch (Keras 3 would divide it by the batch size), so compat adds it itself
        if k1.get('activity_regularizer') is not None:
            self.__dict__['_k1_activity_regularizer'] = arguments.REGULARIZER(k1['activity_regularizer'])

    # -- construction hooks --------------------------------------------------
    def _keras3_kwargs(self, k1):
        return {}

    def __call__(self, *args, **kwargs):
        out = super().__call__(*args, **kwargs)
        reg = self.__dict__.get('_k1_activity_regularizer')
        if reg is not None and not isinstance(out, keras.KerasTensor):
            for o in (out if isinstance(out, (list, tuple)) else [out]):
                self.add_loss(reg(o))
        if self._pending_keras1_weights is not None and self.built:
            weights, self._pending_keras1_weights = self._pending_keras1_weights, None
            self.set_weights(weights)  # keras 1.2.2: layers apply `weights=` in build()
        return out

    # -- weights ---------------------------------------------------------------
    def _to_keras1(self, arrays):
        return arrays

    def _from_keras1(self, arrays, backend='theano'):
        return arrays

    def get_weights(self):
        """The weights as Keras 1.2.2 (Theano) returned them: its shapes and order."""
        return self._to_keras1([np.asarray(v.numpy()) for v in self.weights])

    def set_weights(self, weights, backend='theano'):
        """Set weights given in Keras 1.2.2 layout.

        ``backend='tensorflow'`` says convolution kernels come from Keras 1 with
        the TensorFlow backend (cross-correlation) instead of Theano (true
        convolution, the default for 'th' models).
        """
        weights = [np.asarray(w) for w in weights]
        expected = self.get_weights()
        if [e.shape for e in expected] != [w.shape for w in weights]:
            raise ValueError('Layer %s (%s) expects Keras 1 weights of shapes %s, got %s%s'
                             % (self.name, type(self).__name__, [e.shape for e in expected],
                                [w.shape for w in weights],
                                '' if self.built else ' (the layer is not built yet: call it on an input first)'))
        for v, a in zip(self.weights, self._from_keras1(weights, backend=backend)):
            v.assign(np.asarray(a, dtype=v.dtype))

    # -- config ------------------------------------------------------------------
    def _config(self):
        return {}

    def get_config(self):
        """keras 1.2.2 Layer.get_config: constructor arguments under Keras 1 names."""
        config = {'name': self.name, 'trainable': self.trainable}
        if self.batch_input_shape is not None:
            config['batch_input_shape'] = list(self.batch_input_shape)
            config['input_dtype'] = self._k1_input_dtype
        for key, value in self._k1.items():
            if key != 'weights':
                config[key] = _serialize(value)
        config.update(self._config())
        return config

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    # -- shapes ------------------------------------------------------------------
    def get_output_shape_for(self, input_shape):
        return self.compute_output_shape(input_shape)

    @property
    def output_shape(self):
        return _shape_of(self.output)

    @property
    def input_shape(self):
        return _shape_of(self.input)

    def count_params(self):
        return int(sum(np.prod(v.shape) for v in self.weights))


def _shape_of(tensors):
    if isinstance(tensors, (list, tuple)):
        return [_shape_of(t) for t in tensors]
    return tuple(None if d is None else int(d) for d in tensors.shape)


def Input(shape=None, batch_shape=None, name=None, dtype=None, sparse=False, tensor=None):
    """keras 1.2.2 engine/topology.py Input: a symbolic input tensor.

    ``dtype`` defaults to floatx; the name defaults to ``input_<n>`` as Keras 1.
    """
    if shape is None and batch_shape is None and tensor is None:
        raise ValueError('Input() needs shape=(...) or batch_shape=(...) (the shape of one sample)')
    if batch_shape is None and shape is not None:
        batch_shape = (None,) + tuple(shape)
    name = name or auto_name('input')
    if tensor is not None:
        from compat.keras.backend._symbolic_graph import input_carrying, is_graph_input
        if isinstance(tensor, keras.KerasTensor) and is_graph_input(tensor):
            return keras.Input(tensor=tensor, name=name)
        # a value or an expression: an input fed with it (keras 1.2.2 InputLayer's input_tensor)
        return input_carrying(tensor, batch_shape, name)
    return keras.Input(batch_shape=tuple(batch_shape), dtype=dtype or common.floatx(), name=name,
                       sparse=sparse)


def InputLayer(input_shape=None, batch_input_shape=None, input_dtype=None, input_tensor=None,
               sparse=False, name=None):
    """keras 1.2.2 InputLayer: returns the Keras 3 InputLayer of a new Input."""
    if batch_input_shape is None and input_shape is not None:
        batch_input_shape = (None,) + tuple(input_shape)
    tensor = Input(batch_shape=batch_input_shape, dtype=input_dtype, name=name or auto_name('input'),
                   sparse=sparse, tensor=input_tensor)
    return tensor._keras_history[0]


class InputSpec(keras.InputSpec):
    """keras 1.2.2 InputSpec(dtype=None, shape=None, ndim=None)."""

    def __init__(self, dtype=None, shape=None, ndim=None):
        super().__init__(dtype=dtype, shape=shape, ndim=ndim)


def get_source_inputs(tensor, layer=None, node_index=None):
    """keras 1.2.2 engine/topology.py get_source_inputs: the input tensors a tensor was computed from."""
    if layer is None:
        from compat.keras.backend._symbolic_graph import input_wrapping
        if input_wrapping(tensor) is not None:  # keras 1.2.2 InputLayer made the wrapped tensor an input
            return [input_wrapping(tensor)]
        layer, node_index, _ = tensor._keras_history
    node = layer._inbound_nodes[node_index or 0]
    if node.is_input:
        return [tensor]
    sources = []
    for t in node.input_tensors:
        for s in get_source_inputs(t):
            if all(s is not x for x in sources):
                sources.append(s)
    return sources


def to_list(x):
    """keras 1.2.2 engine/topology.py to_list: a list as it is, anything else in a one-item list."""
    if type(x) is list:
        return x
    return [x]


def object_list_uid(object_list):
    """keras 1.2.2 engine/topology.py object_list_uid: the ids of the objects, ``', '``-joined."""
    return ', '.join([str(abs(id(x))) for x in to_list(object_list)])


class Node(object):
    """keras 1.2.2 engine/topology.py Node: one connection between layers -- ``outbound_layer`` called on
    the outputs ``input_tensors`` of ``inbound_layers`` (at ``node_indices``/``tensor_indices``), giving
    ``output_tensors``.

    Compat layers are Keras 3 layers, whose graph is made of Keras 3 nodes; ``layer.inbound_nodes`` (and
    ``Node.of``) shows each of them as a Keras 1 Node. Building a Node by hand records the connection
    (Keras 1 appended it to the layers' node lists) without changing the Keras 3 graph.

    >>> from compat.keras.layers import Dense, Input
    >>> y = Dense(2, name='d')(Input(shape=(3,), name='x'))
    >>> y._keras_history[0].inbound_nodes[0].get_config()
    {'outbound_layer': 'd', 'inbound_layers': ['x'], 'node_indices': [0], 'tensor_indices': [0]}
    """

    def __init__(self, outbound_layer, inbound_layers, node_indices, tensor_indices, input_tensors,
                 output_tensors, input_masks, output_masks, input_shapes, output_shapes):
        self.outbound_layer = outbound_layer
        self.inbound_layers = inbound_layers
        self.node_indices = node_indices
        self.tensor_indices = tensor_indices
        self.input_tensors = input_tensors
        self.output_tensors = output_tensors
        self.input_masks = input_masks
        self.output_masks = output_masks
        self.input_shapes = input_shapes
        self.output_shapes = output_shapes

    @classmethod
    def of(cls, node):
        """The Keras 1 view of a Keras 3 node."""
        history = [t._keras_history for t in node.input_tensors]
        inputs = list(node.input_tensors)
        outputs = list(node.output_tensors)
        return cls(node.operation, [h[0] for h in history], [h[1] for h in history], [h[2] for h in history],
                   inputs, outputs, [getattr(t, '_keras_mask', None) for t in inputs],
                   [getattr(t, '_keras_mask', None) for t in outputs], [_shape_of(t) for t in inputs],
                   [_shape_of(t) for t in outputs])

    def get_config(self):
        return {'outbound_layer': self.outbound_layer.name if self.outbound_layer else None,
                'inbound_layers': [layer.name if layer else None for layer in self.inbound_layers],
                'node_indices': self.node_indices, 'tensor_indices': self.tensor_indices}


def inbound_nodes(layer):
    """keras 1.2.2 Layer.inbound_nodes: the layer's Keras 3 nodes as Keras 1 Nodes (an Input's own node
    has no inbound layers)."""
    return [Node.of(n) for n in getattr(layer, '_inbound_nodes', [])]


def outbound_nodes(layer):
    """keras 1.2.2 Layer.outbound_nodes."""
    return [Node.of(n) for n in getattr(layer, '_outbound_nodes', [])]


Keras1Layer.inbound_nodes = property(inbound_nodes)
Keras1Layer.outbound_nodes = property(outbound_nodes)

# -- Merge (keras 1.2.2 engine/topology.py Merge and merge) ----------------------------------
# ``Merge([model_a, model_b], mode='concat')`` as the first layer of a Sequential joins whole
# sub-models (the seed caption model does this): the Sequential then takes the sub-models' inputs,
# in order. ``merge([t1, t2], mode=...)`` joins tensors in the functional API. Modes: sum, mul,
# concat, ave, max, dot, cos, or a function (with ``output_shape``). ``cos`` returns (batch, 1, 1)
# for 2-D inputs, as Keras 1 computed it (its declared shape said (batch, 1)).
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
    """keras 1.2.2 engine/topology.py merge(): a Merge layer applied to tensors.

    >>> from compat.keras.engine import Input, merge
    >>> a, b = Input(shape=(3,)), Input(shape=(4,))
    >>> tuple(merge([a, b], mode='concat').shape)
    (None, 7)
    """
    layer = Merge(mode=mode, concat_axis=concat_axis, dot_axes=dot_axes, output_shape=output_shape,
                  output_mask=output_mask, arguments=arguments, name=name)
    return layer(list(inputs))


from compat.keras._reexports import reexported  # noqa: E402

__getattr__ = reexported(__name__)
