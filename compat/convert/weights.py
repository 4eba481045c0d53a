"""``compat.load_keras1_weights(model, path)``: Keras 1 weights into a *plain* Keras 3 model.

The model is the one ``python -m compat upgrade`` code builds. Each Keras 3 layer with
weights is paired with a Keras 1 layer of the file: by name when every file layer's name
is in the model, else in Keras 1 order (keras 1.2.2 topology.py load_weights_from_hdf5_group:
weighted layers only, so the ZeroPadding layers the upgrade inserts do not count). Where a
functional model replaced a Sequential ``Merge`` and Keras 3 orders the branches' layers
differently, layers are paired in order among those whose converted shapes fit.

The layout conversions are compat's own: a compat layer is built from the Keras 1 arguments
the Keras 3 layer implies (dim ordering from the kernel shapes, ``consume_less`` from the
array count) and its ``_from_keras1`` turns the Keras 1 arrays into Keras 3 ones (Theano
kernel flips, GRU/LSTM gate packing, LSTM i,c,f,o -> i,f,c,o). Nothing is assigned unless
every layer fits.
"""
import collections
import json
import re

import numpy as np

from compat import spec
from compat._keras3 import keras
from compat.keras.engine.saving import Keras1FileError, _damaged, _decode, _group_weights, _open_h5


def _kernel_shapes(layer):
    """(Keras 1 'th' shape, 'tf' shape) of the kernel of a Keras 3 image layer, or None."""
    name = type(layer).__name__
    if name == 'Conv2D':        # Keras 3 (rows, cols, stack, filters)
        r, c, i, o = layer.kernel.shape
        return (o, i, r, c), (r, c, i, o)
    if name == 'Conv3D':        # keras 1.2.2 Convolution3D 'th' (filters, stack, d1, d2, d3)
        d1, d2, d3, i, f = layer.kernel.shape
        return (f, i, d1, d2, d3), (d1, d2, d3, i, f)
    if name == 'Conv2DTranspose':   # Keras 3 (rows, cols, filters, stack)
        r, c, f, i = layer.kernel.shape
        return (f, i, r, c), (r, c, i, f)
    if name in ('ConvLSTM2D', 'Keras1ConvLSTM2D'):   # keras 1.2.2: one W per gate
        r, c, i, f4 = layer.cell.kernel.shape
        return (f4 // 4, i, r, c), (r, c, i, f4 // 4)
    return None


def _file_ordering(layer, arrays, default):
    """'th' or 'tf': the Keras 1 layout of the file's kernel for this Keras 3 layer. Where
    both fit (a square kernel with as many filters as channels), a channels_first layer is 'th'
    (only Keras 1 'th' layers are upgraded to one); an upgraded 'th' layer runs channels-last
    behind a Permute (_upstream_ordering); else `default` (an Ordering: the file's other kernels).
    """
    th, tf = _kernel_shapes(layer)
    shape = tuple(arrays[0].shape)
    if shape == th and th != tf:
        return 'th'
    if shape == tf and th != tf:
        return 'tf'
    if layer.data_format == 'channels_first':
        return 'th'
    upstream = _upstream_ordering(layer)
    if upstream == 'tf' and not default.inputs_tell:
        upstream = None
    return upstream or default.file


# Permute dims that move Keras 1's 'th' channel axis last (fixers/channels_last.py IMAGES)
TO_CHANNELS_LAST = {(2, 3, 1), (2, 3, 4, 1), (1, 3, 4, 2)}


def _upstream_ordering(layer):
    """'th' where the layer's input comes, through layers without weights, from a Permute that
    moved a 'th' channel axis last (an upgraded 'th' model), 'tf' where it comes from an Input
    (channels-last as Keras 1 had it), None otherwise."""
    try:
        tensor = layer._inbound_nodes[0].input_tensors[0]
        while True:
            op, node_index, _ = tensor._keras_history
            if isinstance(op, keras.layers.InputLayer):
                return 'tf'
            if isinstance(op, keras.layers.Permute):
                return 'th' if tuple(op.dims) in TO_CHANNELS_LAST else None
            if op.weights:
                return None
            tensor = op._inbound_nodes[node_index].input_tensors[0]
    except (AttributeError, IndexError, TypeError):
        return None


def _compat_conv2d(layer, arrays, default):
    from compat.keras.layers import Convolution2D
    r, c = layer.kernel_size
    return Convolution2D(layer.filters, r, c, dim_ordering=_file_ordering(layer, arrays, default),
                         name='keras1_conversion')


def _compat_conv3d(layer, arrays, default):
    from compat.keras.layers import Convolution3D
    d1, d2, d3, i, f = layer.kernel.shape
    return Convolution3D(f, d1, d2, d3, dim_ordering=_file_ordering(layer, arrays, default),
                         name='keras1_conversion')


def _compat_conv1d(layer, arrays, default):
    from compat.keras.layers import Convolution1D
    return Convolution1D(layer.filters, layer.kernel_size[0], name='keras1_conversion')


def _compat_recurrent(name):
    def build(layer, arrays, default):
        from compat.keras import layers
        # keras 1.2.2 recurrent.py: consume_less='gpu' saved packed W, U, b (3 arrays)
        return getattr(layers, name)(layer.units, consume_less='gpu' if len(arrays) == 3 else 'cpu',
                                          name='keras1_conversion')
    return build


def _compat_deconv2d(layer, arrays, default):
    from compat.keras.layers import Deconvolution2D
    r, c, f, i = layer.kernel.shape
    dim = _file_ordering(layer, arrays, default)
    shape = (None, f, r, c) if dim == 'th' else (None, r, c, f)   # any: only the layout is used
    return Deconvolution2D(f, r, c, output_shape=shape, dim_ordering=dim, name='keras1_conversion')


def _compat_conv_lstm2d(layer, arrays, default):
    # keras 1.2.2 ConvLSTM2D holds W, U, b per gate (i, c, f, o)
    from compat.keras.layers import ConvLSTM2D
    r, c, i, f4 = layer.cell.kernel.shape
    f = f4 // 4
    dim = _file_ordering(layer, arrays, default)
    return ConvLSTM2D(f, r, c, dim_ordering=dim, name='keras1_conversion')


# Keras 3 class -> compat layer whose _from_keras1 converts (absent: the layout is the same,
# as for the classes `python -m compat upgrade` inlines: compat/upgrade/inlined/layers.py).
COMPAT_LAYERS = {
    'Conv2D': _compat_conv2d, 'Conv1D': _compat_conv1d,
    'GRU': _compat_recurrent('GRU'), 'LSTM': _compat_recurrent('LSTM'),
    'Conv2DTranspose': _compat_deconv2d, 'ConvLSTM2D': _compat_conv_lstm2d,
    'Keras1ConvLSTM2D': _compat_conv_lstm2d,
    'Conv3D': _compat_conv3d,
}


def to_keras3(layer, arrays, backend='theano', ordering=None):
    """Keras 1 arrays of one layer -> the Keras 3 arrays of ``layer``; `ordering` (an Ordering)
    is what the file's other kernels show."""
    ordering = ordering or Ordering('th', True)
    if isinstance(layer, keras.layers.TimeDistributed):
        return to_keras3(layer.layer, arrays, backend, ordering)
    if isinstance(layer, keras.layers.Bidirectional):
        half = len(arrays) // 2
        return to_keras3(layer.forward_layer, arrays[:half], backend, ordering) + \
            to_keras3(layer.backward_layer, arrays[half:], backend, ordering)
    if type(layer).__name__ == 'LocallyConnected2D':
        return _locally_connected_2d(layer, arrays, ordering)
    make = COMPAT_LAYERS.get(type(layer).__name__)
    image = _flattened_image(layer) if isinstance(layer, keras.layers.Dense) and \
        ordering == ('th', False) else None
    if image is not None and len(arrays) and np.prod(image) == arrays[0].shape[0]:
        return [_rows_from_channels_first(np.asarray(arrays[0]), image)] + list(arrays[1:])
    if make is None:
        return list(arrays)
    return [np.asarray(a) for a in
            make(layer, arrays, ordering)._from_keras1(list(arrays), backend=backend)]


class Ordering(collections.namedtuple('Ordering', 'file inputs_tell')):
    """What load_keras1_weights learnt of the file's image ordering: `file`, the ordering its
    kernels show where their shapes tell ('th' when none does or they disagree: Keras 1's default
    under Theano); `inputs_tell`, False when 'th' kernels sit on a model input with no Permute
    between (a model written channels-last, such as a file's 'tf' branch upgraded, given 'th'
    weights): a layer on an input then says nothing of its kernel's ordering, and a Dense after
    Flatten of a channels-last image takes Keras 1's (channels, rows, cols) rows reordered."""


def _locally_connected_2d(layer, arrays, ordering):
    """The inlined LocallyConnected2D (compat/upgrade/inlined/layers.py) keeps Keras 1's weight
    shapes, and each layout's order: a 'th' file's kernel rows are (channels, rows, cols) of a
    patch and its bias a (filters, rows, cols) array stored as (rows, cols, filters) (keras 1.2.2
    layers/local.py LocallyConnected2D.call reshapes it), which a channels-last layer (an upgraded
    'th' one, behind the upgrade's Permute) takes reordered."""
    arrays = [np.asarray(a) for a in arrays]
    th = (_upstream_ordering(layer) or ordering.file) == 'th' if ordering.inputs_tell else \
        ordering.file == 'th'
    if layer.data_format != 'channels_last' or not th:
        return arrays
    (kr, kc), (rows, cols), f = layer.kernel_size, layer.bias.shape[:2] if layer.use_bias else \
        (None, None), layer.filters
    kernel = arrays[0]
    patches, features = kernel.shape[:2]
    kernel = kernel.reshape(patches, features // (kr * kc), kr, kc, f).transpose(0, 2, 3, 1, 4)
    out = [kernel.reshape(patches, features, f)]
    if layer.use_bias:
        out.append(arrays[1].reshape(f, rows, cols).transpose(1, 2, 0))
    return out


def _files_ordering(pairs):
    seen, th_on_inputs = set(), False
    for layer, arrays in pairs:
        shapes = _kernel_shapes(layer) if arrays else None
        if shapes and shapes[0] != shapes[1] and tuple(arrays[0].shape) in shapes:
            ordering = 'th' if tuple(arrays[0].shape) == shapes[0] else 'tf'
            seen.add(ordering)
            th_on_inputs |= ordering == 'th' and layer.data_format == 'channels_last' and \
                _upstream_ordering(layer) == 'tf'
    return Ordering(seen.pop() if len(seen) == 1 else 'th', not th_on_inputs)


def _flattened_image(layer):
    """The (rows, cols, channels) (or 3-D) shape a Dense's input was flattened from, where it
    comes through layers without weights from Flatten of a channels-last image; else None."""
    try:
        tensor = layer._inbound_nodes[0].input_tensors[0]
        while True:
            op, node_index, _ = tensor._keras_history
            source = op._inbound_nodes[node_index].input_tensors[0]
            if isinstance(op, keras.layers.Flatten):
                shape = tuple(source.shape[1:])
                return shape if len(shape) in (3, 4) and getattr(op, 'data_format', None) != \
                    'channels_first' else None
            if op.weights or isinstance(op, (keras.layers.InputLayer, keras.layers.Permute)):
                return None
            tensor = source
    except (AttributeError, IndexError, TypeError):
        return None


def _rows_from_channels_first(kernel, image):
    """Keras 1 Dense rows in (channels, rows, cols) order -> the order of the flattened
    channels-last `image` (rows, cols, channels)."""
    spatial, channels = image[:-1], image[-1]
    k = kernel.reshape((channels,) + spatial + kernel.shape[1:])
    return k.transpose(tuple(range(1, len(image))) + (0, len(image))).reshape(kernel.shape)


def weighted_layers(model):
    """Keras 3 layers holding weights, nested models expanded, in model order."""
    out = []
    for layer in model.layers:
        if isinstance(layer, keras.Model):
            out.extend(l for l in weighted_layers(layer) if all(l is not o for o in out))
        elif layer.weights and all(layer is not o for o in out):
            out.append(layer)
    return out


def _read(path):
    with _open_h5(path) as f:
        group = f['model_weights'] if 'layer_names' not in f.attrs and 'model_weights' in f else f
        if 'layer_names' not in group.attrs:
            raise Keras1FileError('%s has no "layer_names" attribute: not a Keras 1 weights file' % path)
        out = []
        for n in _decode(group.attrs['layer_names']):
            weight_names = _decode(group[n].attrs.get('weight_names', []))
            if weight_names:
                out.extend(_split_nested(n, weight_names, _group_weights(group, n, path)))
        return out


def _split_nested(group_name, weight_names, arrays):
    """A nested model is one Keras 1 group holding its layers' weights (keras 1.2.2
    save_weights_to_hdf5_group); split it by the layer prefix of each weight name."""
    # every Keras 1 weight-name suffix (the rows' ``weights``), and consume_less='gpu' RNNs' U
    suffixes = sorted({s for row in spec.LAYERS.values() for s in row.weights} | {'U'}, key=len, reverse=True)
    parts = []
    for name, array in zip(weight_names, arrays):
        prefix = next((name[:-len(s) - 1] for s in suffixes if name.endswith('_' + s)), group_name)
        if not parts or parts[-1][0] != prefix:
            parts.append((prefix, []))
        parts[-1][1].append(array)
    # keras 1.2.2 layers/wrappers.py Bidirectional: one group holding its forward_<name> then
    # backward_<name> layer's weights; it pairs with one Keras 3 Bidirectional (to_keras3 halves it)
    if len(parts) == 2 and parts[0][0].startswith('forward_') and \
            parts[1][0] == 'backward_' + parts[0][0][len('forward_'):]:
        return [(group_name, list(arrays))]
    return parts if len(parts) > 1 else [(group_name, list(arrays))]


def _shapes(arrays):
    return [tuple(a.shape) for a in arrays]


def _convert(layer, name, arrays, convention):
    try:
        values = to_keras3(layer, arrays, *convention)
    except (ValueError, IndexError, TypeError):
        return None
    return values if _shapes(values) == _shapes(layer.get_weights()) else None


_AUTO_NAME = re.compile(r'^(.*?)(?:_(\d+))?$')


def _by_creation(items, name_of):
    """Items sharing a default-name prefix put in creation order (the counter Keras 1 and Keras 3
    append to default layer names: dense, dense_1, ...), in the positions that prefix holds.

    Both order layers by depth from the outputs, and layers the upgrade inserts (Cropping2D after
    a 'same' Deconvolution2D, ZeroPadding before a convolution) make one functional branch deeper
    than in Keras 1; creation order is the source order, which the upgrade keeps.
    """
    keys = [_AUTO_NAME.match(name_of(it)).groups() for it in items]
    out = list(items)
    for prefix in {p for p, _ in keys}:
        slots = [i for i, (p, _) in enumerate(keys) if p == prefix]
        for slot, i in zip(slots, sorted(slots, key=lambda i: int(keys[i][1] or 0))):
            out[slot] = items[i]
    return out


def _order(layers, file_layers, path):
    """[(model layer, file layer name, its arrays)]: by name, else in Keras 1 order."""
    by_name = {l.name: l for l in layers}
    if all(n in by_name for n, _ in file_layers) and len(file_layers) == len(layers):
        order = [(by_name[n], n, a) for n, a in file_layers]
    elif len(file_layers) != len(layers):
        raise Keras1FileError('%s holds %d Keras 1 layers with weights (%s) but the model has %d (%s)'
                              % (path, len(file_layers), [n for n, _ in file_layers], len(layers),
                                 [l.name for l in layers]))
    else:
        layers = _by_creation(layers, lambda l: l.name)
        file_layers = _by_creation(file_layers, lambda f: f[0])
        order = [(l, n, a) for l, (n, a) in zip(layers, file_layers)]
    return order


def _pair(order, convention):
    updates = []
    for k, (layer, name, arrays) in enumerate(order):
        values = _convert(layer, name, arrays, convention)
        if values is None:
            return None, (k, layer, name, arrays)
        updates.append((layer, values))
    return updates, None


def _pair_by_shape(layers, file_layers, convention):
    """Keras 1 order kept among layers whose converted shapes fit (functional models whose
    branches Keras 3 orders differently from Keras 1's flattened Merge)."""
    free, updates = list(layers), []
    for name, arrays in file_layers:
        for layer in free:
            values = _convert(layer, name, arrays, convention)
            if values is not None:
                free.remove(layer)
                updates.append((layer, values))
                break
        else:
            return None
    return updates


def load_keras1_weights(model, path, backend='theano', samples=None):
    """Load Keras 1.2.2 weights (``save_weights`` or ``save`` file) into a plain Keras 3 ``model``.

    ``backend='tensorflow'`` for files written by Keras 1's TensorFlow backend (kernels not
    flipped); ``backend='auto'`` with labelled ``samples=(x, y)`` tries both readings and keeps
    the one with the lower mean squared error, returning the :class:`compat.convert.backend.Choice`
    (``.backend``, ``.losses``, ``.summary()``). Raises
    :class:`compat.keras.engine.saving.Keras1FileError` naming the first layer that does not
    fit, with both shapes; the model is left untouched then.
    """
    if backend == 'auto':
        from compat.convert.backend import BackendUnknown, load_weights_auto
        if samples is None:
            raise BackendUnknown("backend='auto' cannot tell Theano from TensorFlow kernels without labelled "
                                 "samples: pass samples=(x, y), or backend='theano' / 'tensorflow'")
        return load_weights_auto(model, lambda b: load_keras1_weights(model, path, backend=b), samples)
    if backend not in ('theano', 'tensorflow'):
        raise ValueError("backend must be 'theano', 'tensorflow' or 'auto', got %r" % (backend,))
    path = str(path)
    try:
        file_layers = _read(path)
    except (Keras1FileError, FileNotFoundError):
        raise
    except (KeyError, OSError, RuntimeError, ValueError, TypeError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise _damaged(path, e) from e
    layers = weighted_layers(model)
    order = _order(layers, file_layers, path)
    # upgraded 'th' layers run channels-last: where a kernel's shape fits both orderings, the
    # file's other kernels tell which one Keras 1 used
    convention = (backend, _files_ordering([(layer, arrays) for layer, _, arrays in order]))
    updates, failure = _pair(order, convention)
    if updates is None:
        updates = _pair_by_shape(layers, file_layers, convention)
    if updates is None:
        k, layer, name, arrays = failure
        raise Keras1FileError(
            '%s: layer #%d of the model (%s, %s) does not fit Keras 1 layer %s of the file: the model expects '
            'shapes %s, the file has %s' % (path, k, layer.name, type(layer).__name__, name,
                                            _shapes(layer.get_weights()), _shapes(arrays)))
    for layer, values in updates:  # only after every layer fitted: all or nothing
        layer.set_weights(values)
