"""Keras 1.2.2 ``keras.models``: Sequential, and loading and saving whole models.

As in keras 1.2.2, Model lives in the engine (engine/training.py) and this module imports it;
Sequential is a Model whose layers are added one by one, and whose first layer may be a ``Merge``
of whole sub-models (the seed caption model).

>>> import compat.keras as keras
>>> from compat.keras.layers import Dense
>>> model = keras.models.Sequential()
>>> model.add(Dense(3, input_dim=4))
>>> [w.shape for w in model.get_weights()]
[(4, 3), (3,)]
"""
from compat._keras3 import keras
from compat.keras.engine import saving
from compat.keras.engine.topology import Input, Merge, auto_name, in_memory_functions
from compat.keras.engine.training import Model


def _as_list(x):
    return list(x) if isinstance(x, (list, tuple)) else [x]


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
