"""Keras 1.2.2 ``keras.models``: Sequential, Model, saving and loading.

Both model classes are Keras 3 models (usable as layers, nested, called on
tensors) that run a Keras 3 functional graph, ``_graph``, built from the
Keras 1 description: ``Model(input=..., output=...)``, or the layers of a
Sequential, whose first layer may be a ``Merge`` of whole sub-models (the
seed caption model). What users see is Keras 1: ``model.layers``, weights in
Keras 1 order and layout, Keras 1 summaries, configs and HDF5 files.

>>> import compat.keras as keras
>>> from compat.keras.layers import Dense
>>> model = keras.models.Sequential()
>>> model.add(Dense(3, input_dim=4))
>>> [w.shape for w in model.get_weights()]
[(4, 3), (3,)]
"""
import json

import numpy as np

from compat._keras3 import keras
from compat.keras.engine import saving
from compat.keras.engine.generators import Keras1Generators
from compat.keras.engine.topology import Input, Keras1Layer, auto_name, in_memory_functions
from compat.keras.engine.training import Keras1Training
from compat.keras.layers.merge import Merge


def _as_list(x):
    return list(x) if isinstance(x, (list, tuple)) else [x]


class Model(Keras1Generators, Keras1Training, keras.Model):
    """keras 1.2.2 engine/topology.py Container + engine/training.py Model.

    ``Model(input=tensor_or_list, output=tensor_or_list, name=None)``;
    ``inputs=``/``outputs=`` (Keras 2+) are accepted too.
    """

    def __init__(self, input=None, output=None, name=None, inputs=None, outputs=None):
        super().__init__(name=name or auto_name(self._name_prefix()))
        self._graph_cache = None
        inputs = input if input is not None else inputs
        outputs = output if output is not None else outputs
        if inputs is not None or outputs is not None:
            if inputs is None or outputs is None:
                raise ValueError('Model(input=..., output=...) needs both the input and the output tensors')
            ins, outs = _as_list(inputs), _as_list(outputs)
            # one tensor, not a list of one: called as a layer, a one-output model returns a tensor
            self._graph_cache = keras.Model(ins if len(ins) > 1 else ins[0], outs if len(outs) > 1 else outs[0],
                                            name=self.name + '_graph')

    @classmethod
    def _name_prefix(cls):
        return 'model'

    # -- the executable graph ------------------------------------------------------
    @property
    def _graph(self):
        if self._graph_cache is None:
            raise RuntimeError('Model %s has no layers with an input shape yet' % self.name)
        return self._graph_cache

    def call(self, inputs, training=None, mask=None):
        return self._graph(inputs, training=training)

    def compute_output_shape(self, input_shape):
        return self._graph.compute_output_shape(input_shape)

    def get_output_shape_for(self, input_shape):
        """keras 1.2.2 Container.get_output_shape_for: the output shape(s) for the given input shape(s)."""
        if isinstance(input_shape, list) and len(input_shape) == 1:
            input_shape = input_shape[0]
        shape = self._graph.compute_output_shape(input_shape)
        if isinstance(shape, (list, tuple)) and shape and isinstance(shape[0], (list, tuple)):
            return [tuple(s) for s in shape]
        return tuple(shape)

    # -- Keras 1 structure -----------------------------------------------------------
    @property
    def layers(self):
        """keras 1.2.2 Container.layers: every layer, input layers included, in topological order."""
        return list(self._graph.layers)

    @property
    def flattened_layers(self):
        return self.layers

    @property
    def inputs(self):
        return list(self._graph.inputs)

    @property
    def outputs(self):
        return list(self._graph.outputs)

    @property
    def input(self):
        ins = self.inputs
        return ins[0] if len(ins) == 1 else ins

    @property
    def output(self):
        outs = self.outputs
        return outs[0] if len(outs) == 1 else outs

    @property
    def input_shape(self):
        shapes = [tuple(t.shape) for t in self.inputs]
        return shapes[0] if len(shapes) == 1 else shapes

    @property
    def output_shape(self):
        shapes = [tuple(t.shape) for t in self.outputs]
        return shapes[0] if len(shapes) == 1 else shapes

    @property
    def input_names(self):
        return self._k1_input_names()

    @property
    def output_names(self):
        return self._k1_output_names()

    def _k1_input_names(self):
        return [t._keras_history[0].name for t in self._graph.inputs]

    def _k1_output_names(self):
        return [t._keras_history[0].name for t in self._graph.outputs]

    def _k1_output_layer_names(self):
        return self._k1_output_names()

    def get_layer(self, name=None, index=None):
        """keras 1.2.2 Container.get_layer(name=None, index=None)."""
        layers = self.layers
        if index is not None:
            if len(layers) <= index:
                raise ValueError('Was asked to retrieve layer at index %d but model only has %d layers.'
                                 % (index, len(layers)))
            return layers[index]
        for layer in layers:
            if layer.name == name:
                return layer
        raise ValueError('No such layer: %s' % name)

    # -- weights ---------------------------------------------------------------------
    def _weighted_layers(self):
        return [l for l in self.flattened_layers if l.weights]

    def get_weights(self):
        """Every layer's Keras 1 weights, in Keras 1 layer order."""
        return [w for layer in self.flattened_layers for w in layer.get_weights()]

    def set_weights(self, weights, backend='theano'):
        weights = list(weights)
        for layer in self.flattened_layers:
            n = len(layer.get_weights())
            if n:
                chunk, weights = weights[:n], weights[n:]
                _set_layer_weights(layer, chunk, backend)
        if weights:
            raise ValueError('Model %s: %d weight arrays left over after setting every layer'
                             % (self.name, len(weights)))

    @property
    def weights(self):
        return [w for layer in self.flattened_layers for w in layer.weights]

    @property
    def trainable_weights(self):
        return [w for layer in self.flattened_layers if layer.trainable for w in layer.trainable_weights]

    @property
    def non_trainable_weights(self):
        return [w for layer in self.flattened_layers for w in layer.weights
                if not (layer.trainable and any(w is t for t in layer.trainable_weights))]

    def reset_states(self):
        """keras 1.2.2 Container.reset_states: reset every stateful layer (nested models included)."""
        for layer in self.flattened_layers:
            if isinstance(layer, Model) or getattr(layer, 'stateful', False):
                layer.reset_states()

    def count_params(self):
        """keras 1.2.2 Container.count_params: all weights, trainable or not."""
        return int(sum(np.prod(w.shape) for w in self.weights))

    def save_weights(self, filepath, overwrite=True):
        """keras 1.2.2 Container.save_weights: the Keras 1 HDF5 layout (readable by Keras 1.2.2)."""
        saving.save_weights(self, filepath, overwrite=overwrite)

    def load_weights(self, filepath, by_name=False, backend='theano', samples=None):
        """keras 1.2.2 Container.load_weights; ``backend='tensorflow'`` for files made by Keras 1's
        TensorFlow backend (their convolution kernels are not flipped); ``backend='auto'`` with
        labelled ``samples=(x, y)`` keeps the reading with the lower loss and returns the choice
        (compat/convert/backend.py)."""
        if backend == 'auto':
            from compat.convert.backend import load_weights_auto
            return load_weights_auto(self, lambda b: saving.load_weights(self, filepath, by_name=by_name, backend=b),
                                     samples)
        saving.load_weights(self, filepath, by_name=by_name, backend=backend)

    def save(self, filepath, overwrite=True):
        """keras 1.2.2 Model.save: config, weights and optimizer state in one HDF5 file."""
        saving.save_model(self, filepath, overwrite=overwrite)

    # -- config and summary ----------------------------------------------------------
    def get_config(self):
        return saving.model_config(self)['config']

    def to_json(self, **kwargs):
        return json.dumps(saving.model_config(self), **kwargs)

    def to_yaml(self, **kwargs):
        import yaml
        # through JSON: function names (FunctionName) become plain strings
        return yaml.dump(json.loads(json.dumps(saving.model_config(self))), **kwargs)

    def summary(self, line_length=100, positions=None):
        """keras 1.2.2 Container.summary (utils/layer_utils.py print_summary)."""
        from compat.keras.utils.layer_utils import print_summary
        print_summary(self, line_length=line_length, positions=positions)

    @classmethod
    def from_config(cls, config, custom_objects=None):
        # in_memory_functions: a config from get_config still holds its Lambda/Merge functions
        return saving.model_from_config({'class_name': cls.__name__, 'config': in_memory_functions(config)},
                                        custom_objects=custom_objects)


class Sequential(Model):
    """keras 1.2.2 models.py Sequential: a linear stack; its first layer may be a ``Merge``
    of models, whose inputs then become the Sequential's inputs (in order)."""

    def __init__(self, layers=None, name=None):
        super().__init__(name=name)
        self._k1_layers = []
        self._output_history = []  # each added layer's output, for pop()
        self._inputs_k1 = None
        self._output_k1 = None
        for layer in layers or []:
            self.add(layer)

    @classmethod
    def _name_prefix(cls):
        return 'sequential'

    def add(self, layer):
        """keras 1.2.2 Sequential.add."""
        if not isinstance(layer, keras.layers.Layer):
            raise TypeError('Sequential.add: the added layer must be a layer instance, got %r' % (layer,))
        if not self._k1_layers:
            inputs, output = _first_layer_graph(layer)
        else:
            inputs, output = self._inputs_k1, layer(self._output_k1)
            if isinstance(output, (list, tuple)):
                raise TypeError('All layers in a Sequential model should have a single output tensor; '
                                '%s has %d' % (layer.name, len(output)))
        self._k1_layers.append(layer)
        self._output_history.append(output)
        self._inputs_k1, self._output_k1 = inputs, output
        self._graph_cache = keras.Model(inputs, output, name=self.name + '_graph')
        if hasattr(self, '_weighted_losses'):
            self._reset_step_functions()

    def pop(self):
        """keras 1.2.2 Sequential.pop: remove the last layer."""
        if not self._k1_layers:
            raise TypeError('There are no layers in the model.')
        self._k1_layers.pop()
        self._output_history.pop()
        if self._k1_layers:
            self._output_k1 = self._output_history[-1]
            self._graph_cache = keras.Model(self._inputs_k1, self._output_k1, name=self.name + '_graph')
        else:
            self._inputs_k1 = self._output_k1 = self._graph_cache = None
        if hasattr(self, '_weighted_losses'):
            self._reset_step_functions()

    @property
    def _graph(self):
        if self._graph_cache is None:
            raise RuntimeError('Sequential model %s has no layers yet: add a layer with an input_shape first'
                               % self.name)
        return self._graph_cache

    def build(self, input_shape=None):
        """keras 1.2.2 Sequential.build: the model is built from its layers (the argument is unused);
        compat builds it as layers are added, so this only checks there are some."""
        if self._graph_cache is None:
            raise TypeError('Sequential model %s cannot be built: model is empty. Add some layers first.'
                            % self.name)
        self.built = True

    @property
    def layers(self):
        """keras 1.2.2 Sequential.layers: the added layers (no input layer)."""
        return list(self._k1_layers)

    @property
    def flattened_layers(self):
        """keras 1.2.2 Sequential.flattened_layers: a first Merge expands into its models' layers."""
        layers = []
        for i, layer in enumerate(self._k1_layers):
            if i == 0 and isinstance(layer, Merge) and layer.merged_layers:
                for sub in layer.merged_layers:
                    subs = sub.flattened_layers if hasattr(sub, 'flattened_layers') else [sub]
                    layers.extend(s for s in subs if all(s is not l for l in layers))
            elif all(layer is not l for l in layers):
                layers.append(layer)
        return layers

    def _k1_output_layer_names(self):
        return [self._k1_layers[-1].name]

    def _merged_sublayers(self):
        first = self._k1_layers[0] if self._k1_layers else None
        if isinstance(first, Merge) and first.merged_layers:
            return [s for sub in first.merged_layers
                    for s in (sub.flattened_layers if hasattr(sub, 'flattened_layers') else [sub])]
        return []


def _first_layer_graph(layer):
    """Inputs and output of a Sequential's first layer (keras 1.2.2 Sequential.add)."""
    if isinstance(layer, Merge) and layer.merged_layers:
        # keras 1.2.2 Sequential.add: inputs = get_source_inputs(output), each input once, so a branch
        # merged twice (a question encoder feeding two Merges, examples/babi_memnn.py) takes one array
        inputs, outputs = [], []
        for sub in layer.merged_layers:
            sub_inputs = sub.inputs if isinstance(sub, Model) else _as_list(sub.input)
            inputs.extend(t for t in sub_inputs if all(t is not seen for seen in inputs))
            outputs.append(sub.output)
        return inputs, layer(outputs)
    if isinstance(layer, Model):
        inputs = [Input(batch_shape=tuple(t.shape), dtype=t.dtype, name=auto_name(layer.name + '_input'))
                  for t in layer.inputs]
        return inputs, layer(inputs if len(inputs) > 1 else inputs[0])
    shape = getattr(layer, 'batch_input_shape', None)
    if shape is None:
        raise ValueError('The first layer in a Sequential model must get an `input_shape`, '
                         '`batch_input_shape` or `input_dim` argument (layer %s, %s)'
                         % (layer.name, type(layer).__name__))
    # keras 1.2.2 Layer.create_input_layer: named '<class>_input_<n>'
    prefix = (getattr(layer, 'keras1_class', None) or type(layer).__name__).lower() + '_input'
    x = Input(batch_shape=shape, dtype=getattr(layer, '_k1_input_dtype', None), name=auto_name(prefix))
    return [x], layer(x)


def _set_layer_weights(layer, arrays, backend):
    if isinstance(layer, (Keras1Layer, Model)):
        layer.set_weights(arrays, backend=backend)
    else:
        layer.set_weights(arrays)


def model_from_config(config, custom_objects=None):
    """keras 1.2.2 models.py model_from_config (a config from get_config keeps its functions)."""
    return saving.model_from_config(in_memory_functions(config), custom_objects=custom_objects)


def model_from_json(json_string, custom_objects=None, allow_unsafe_lambda=False):
    """keras 1.2.2 models.py model_from_json; Lambda bytecode is refused unless allowed."""
    return saving.model_from_json(json_string, custom_objects=custom_objects,
                                  allow_unsafe_lambda=allow_unsafe_lambda)


def model_from_yaml(yaml_string, custom_objects=None, allow_unsafe_lambda=False):
    """keras 1.2.2 models.py model_from_yaml."""
    import yaml
    return saving.model_from_config(yaml.safe_load(yaml_string), custom_objects=custom_objects,
                                    allow_unsafe_lambda=allow_unsafe_lambda)


def load_model(filepath, custom_objects=None, allow_unsafe_lambda=False):
    """keras 1.2.2 models.py load_model: a compiled model with its optimizer state."""
    return saving.load_model(filepath, custom_objects=custom_objects, allow_unsafe_lambda=allow_unsafe_lambda)


def save_model(model, filepath, overwrite=True):
    """keras 1.2.2 models.py save_model."""
    saving.save_model(model, filepath, overwrite=overwrite)

from compat.keras._reexports import reexported  # noqa: E402

__getattr__ = reexported(__name__)
