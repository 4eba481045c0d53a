"""keras 1.2.2 utils/layer_utils.py: ``print_summary`` in Keras 1's layout, ``layer_from_config``.

>>> import compat.keras as keras
>>> from compat.keras.layers import Dense
>>> m = keras.models.Sequential([Dense(2, input_dim=3)])
>>> m.summary()  # doctest: +ELLIPSIS
____...
Layer (type)                     Output Shape          Param #     Connected to...
"""
import numpy as np


def _connections(layer):
    out = []
    for node in getattr(layer, '_inbound_nodes', []):
        for t in node.input_tensors:
            src, node_index, tensor_index = t._keras_history
            out.append('%s[%d][%d]' % (src.name, node_index, tensor_index))
    return out


def _output_shape(layer):
    try:
        shapes = [tuple(n.output_tensors[0].shape) for n in layer._inbound_nodes]
    except (AttributeError, IndexError):
        return 'multiple'
    if not shapes or any(s != shapes[0] for s in shapes):
        return 'multiple'
    return shapes[0]


def count_total_params(layers):
    """keras 1.2.2 count_total_params: (trainable, non-trainable), each weight once."""
    seen, trainable, fixed = set(), 0, 0
    for layer in layers:
        for w in layer.trainable_weights if layer.trainable else []:
            if id(w) not in seen:
                seen.add(id(w))
                trainable += int(np.prod(w.shape))
        for w in layer.weights:
            if id(w) not in seen:
                seen.add(id(w))
                fixed += int(np.prod(w.shape))
    return trainable, fixed


def print_summary(model_or_layers, line_length=100, positions=None):
    """keras 1.2.2 print_summary: one row per layer, then the parameter totals."""
    layers = model_or_layers.flattened_layers if hasattr(model_or_layers, 'flattened_layers') \
        else list(model_or_layers)
    if hasattr(model_or_layers, '_graph') and not hasattr(model_or_layers, '_k1_layers'):
        layers = list(model_or_layers._graph.layers)
    # keras 1.2.2 shows no connections for layers inside the models a first Merge joins
    inner = {id(l) for l in getattr(model_or_layers, '_merged_sublayers', lambda: [])()}
    positions = positions or [.33, .55, .67, 1.]
    if positions[-1] <= 1:
        positions = [int(line_length * p) for p in positions]

    def row(fields):
        line = ''
        for i, field in enumerate(fields):
            if i > 0:
                line = line[:-1] + ' '
            line += str(field)
            line = line[:positions[i]]
            line += ' ' * (positions[i] - len(line))
        print(line)

    print('_' * line_length)
    row(['Layer (type)', 'Output Shape', 'Param #', 'Connected to'])
    print('=' * line_length)
    for i, layer in enumerate(layers):
        connections = [] if id(layer) in inner else _connections(layer)
        count = layer.count_params() if hasattr(layer, 'count_params') else 0
        row(['%s (%s)' % (layer.name, getattr(layer, 'keras1_class', None) or type(layer).__name__),
             _output_shape(layer), count, connections[0] if connections else ''])
        for extra in connections[1:]:
            row(['', '', '', extra])
        print('=' * line_length if i == len(layers) - 1 else '_' * line_length)
    trainable, fixed = count_total_params(layers)
    print('Total params: {:,}'.format(trainable + fixed))
    print('Trainable params: {:,}'.format(trainable))
    print('Non-trainable params: {:,}'.format(fixed))
    print('_' * line_length)


def layer_from_config(config, custom_objects=None):
    """keras 1.2.2 utils/layer_utils.py layer_from_config: a layer (or model) from
    ``{'class_name': ..., 'config': ...}``. A config from ``get_config`` in this process keeps its
    Lambda/Merge functions; functions named in a config read from a file come from ``custom_objects``."""
    from compat.keras.engine.saving import deserialize_layer
    from compat.keras.engine.topology import in_memory_functions
    return deserialize_layer(in_memory_functions(config), custom_objects=custom_objects)

# keras 1.2.2 utils/layer_utils.py convert_all_kernels_in_model: the layers whose kernel it flips
_CONV_CLASSES = {'Convolution1D', 'Convolution2D', 'Convolution3D', 'AtrousConvolution2D', 'Deconvolution2D'}


def convert_all_kernels_in_model(model):
    """keras 1.2.2 utils/layer_utils.py convert_all_kernels_in_model: flip every convolution kernel of the
    model's layers (``np_utils.convert_kernel``), turning Theano kernels into TensorFlow ones and back.
    Compat computes as Theano did, so a model converted here computes what Keras 1 (Theano) computed with
    the converted kernels."""
    from compat.keras.utils.np_utils import convert_kernel
    for layer in model.layers:
        if (getattr(layer, 'keras1_class', None) or type(layer).__name__) in _CONV_CLASSES:
            weights = layer.get_weights()
            layer.set_weights([convert_kernel(weights[0])] + weights[1:])


from compat.keras._reexports import reexported  # noqa: E402

__getattr__ = reexported(__name__)
