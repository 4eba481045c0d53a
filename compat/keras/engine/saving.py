"""Keras 1.2.2 files: HDF5 weights, JSON/YAML configs and whole-model saves.

Formats follow keras 1.2.2 engine/topology.py (save_weights_to_hdf5_group,
load_weights_from_hdf5_group[_by_name], Container.get_config/from_config) and
models.py (save_model, load_model, model_from_config):

- weights file: root attribute ``layer_names``; one group per layer with
  attribute ``weight_names`` and one dataset per weight, in Keras 1 layout;
- whole model: root attributes ``keras_version``, ``model_config`` (JSON),
  ``training_config``; groups ``model_weights`` (as above) and ``optimizer_weights``.

Writes go to a temporary file that is renamed into place, so a failure never
leaves a half-written file. Nothing in a file is executed: a Keras 1 ``Lambda``
holds marshalled bytecode, which is refused unless the caller supplies the
function through ``custom_objects`` (by layer name or function name) or opts
in with ``allow_unsafe_lambda=True``.
"""
import json
import os
import tempfile

import numpy as np

from compat import spec

KERAS_VERSION = '1.2.2'

# Keras 1.2.2 weight-name suffixes, per layer class (the names Theano variables had): the rows'
# ``weights`` (compat/spec/layers.py).
WEIGHT_SUFFIXES = {name: row.weights for name, row in spec.LAYERS.items() if row.weights}


class Keras1FileError(ValueError):
    """A Keras 1 file that cannot be read into this model; the message says which and why."""


# -- writing ------------------------------------------------------------------------------
def atomic_h5(filepath, overwrite, write):
    """Write an HDF5 file through a temporary file renamed into place."""
    import h5py
    if not overwrite and os.path.exists(filepath):
        raise FileExistsError('%s exists; pass overwrite=True to replace it' % filepath)
    directory = os.path.dirname(os.path.abspath(filepath))
    fd, tmp = tempfile.mkstemp(suffix='.h5.tmp', dir=directory)
    os.close(fd)
    try:
        with h5py.File(tmp, 'w') as f:
            write(f)
        os.replace(tmp, filepath)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise


def layer_weight_names(layer):
    """Keras 1 names of a layer's weights (``dense_1_W``), as Keras 1.2.2 saved them."""
    from compat.keras.layers.wrappers import Bidirectional, TimeDistributed, Wrapper
    if isinstance(layer, (TimeDistributed, Wrapper)):
        return layer_weight_names(layer.layer)
    if isinstance(layer, Bidirectional):
        return layer_weight_names(layer.forward_layer) + layer_weight_names(layer.backward_layer)
    if hasattr(layer, 'flattened_layers'):
        return [n for sub in layer.flattened_layers for n in layer_weight_names(sub)]
    n = len(layer.get_weights())
    suffixes = WEIGHT_SUFFIXES.get(getattr(layer, 'keras1_class', None) or type(layer).__name__, ())
    if getattr(layer, '_k1', {}).get('consume_less') == 'gpu':
        suffixes = ('W', 'U', 'b')
    if len(suffixes) != n:
        kept = [s for s in suffixes if not (s.startswith('b') and not layer._k1.get('bias', True))] \
            if hasattr(layer, '_k1') else []
        suffixes = kept if len(kept) == n else ['param_%d' % i for i in range(n)]
        if suffixes and suffixes[0].startswith('param_'):
            # a user's own layer: Keras 1 saved (and sorted optimizer state by) the names its add_weight /
            # K.variable calls gave (keras 1.2.2 engine/topology.py save_weights_to_hdf5_group, training.py
            # compile's trainable_weights.sort(key=lambda x: x.name))
            own = [v.name for v in layer.weights]
            return own if len(own) == n and len(set(own)) == n else list(suffixes)
    return ['%s_%s' % (layer.name, s) for s in suffixes]


def write_weights_group(model, group):
    """keras 1.2.2 Container.save_weights_to_hdf5_group."""
    layers = model.flattened_layers
    group.attrs['layer_names'] = [l.name.encode('utf8') for l in layers]
    for layer in layers:
        g = group.create_group(layer.name)
        values = layer.get_weights()
        names = layer_weight_names(layer) if values else []
        g.attrs['weight_names'] = [n.encode('utf8') for n in names]
        for name, value in zip(names, values):
            g.create_dataset(name, data=np.asarray(value))


def save_weights(model, filepath, overwrite=True):
    atomic_h5(filepath, overwrite, lambda f: write_weights_group(model, f))


# -- reading ------------------------------------------------------------------------------
def _open_h5(filepath):
    import h5py
    if not os.path.exists(filepath):
        raise FileNotFoundError('No such Keras 1 weights file: %s' % filepath)
    try:
        return h5py.File(filepath, 'r')
    except OSError as e:
        raise Keras1FileError('%s is not a readable HDF5 file (%s); Keras 1 weights are saved with '
                              'model.save_weights() or model.save()' % (filepath, e)) from None


def _decode(names):
    return [n.decode('utf8') if isinstance(n, bytes) else str(n) for n in names]


def _group_weights(group, name, filepath):
    g = group[name]
    names = _decode(g.attrs.get('weight_names', []))
    try:
        return [np.asarray(g[n]) for n in names]
    except KeyError as e:
        raise Keras1FileError('%s: layer %s lists weight %s but has no such dataset'
                              % (filepath, name, e)) from None


def read_weights_group(model, group, filepath, by_name=False, backend='theano'):
    """keras 1.2.2 load_weights_from_hdf5_group (and _by_name)."""
    from compat.keras.engine.training import set_layer_weights
    if 'layer_names' not in group.attrs:
        raise Keras1FileError('%s has no "layer_names" attribute: not a Keras 1 weights file '
                              '(Keras 2/3 files are not Keras 1 files)' % filepath)
    file_layers = _decode(group.attrs['layer_names'])
    layers = model.flattened_layers
    if by_name:
        index = {}
        for layer in layers:
            index.setdefault(layer.name, []).append(layer)
        pairs = [(name, layer) for name in file_layers for layer in index.get(name, [])]
    else:
        named = [n for n in file_layers if len(group[n].attrs.get('weight_names', []))]
        weighted = [l for l in layers if l.get_weights()]
        if len(named) != len(weighted):
            raise Keras1FileError(
                'You are trying to load a weight file containing %d layers into a model with %d layers '
                '(%s: file layers %s, model layers %s)' % (len(named), len(weighted), filepath, named,
                                                          [l.name for l in weighted]))
        pairs = list(zip(named, weighted))
    updates = []
    for k, (name, layer) in enumerate(pairs):
        values = _group_weights(group, name, filepath)
        expected = layer.get_weights()
        if [e.shape for e in expected] != [v.shape for v in values]:
            raise Keras1FileError(
                '%s: layer #%d (named "%s" in the current model) was found to correspond to layer %s in the '
                'file, but their weights differ: the model expects shapes %s, the file has %s'
                % (filepath, k, layer.name, name, [e.shape for e in expected], [v.shape for v in values]))
        updates.append((layer, values))
    for layer, values in updates:  # only after every layer checked: all or nothing
        set_layer_weights(layer, values, backend)


def _damaged(filepath, error):
    return Keras1FileError('%s is damaged or not a Keras 1 file (%s: %s)' % (filepath, type(error).__name__, error))


def load_weights(model, filepath, by_name=False, backend='theano'):
    try:
        with _open_h5(filepath) as f:
            group = f['model_weights'] if 'layer_names' not in f.attrs and 'model_weights' in f else f
            read_weights_group(model, group, filepath, by_name=by_name, backend=backend)
    except (Keras1FileError, FileNotFoundError):
        raise
    except (KeyError, OSError, RuntimeError, ValueError, TypeError, UnicodeDecodeError) as e:
        raise _damaged(filepath, e) from e


# -- configs ------------------------------------------------------------------------------
def layer_config(layer):
    from compat.keras.models import Sequential
    if isinstance(layer, Sequential):
        return {'class_name': 'Sequential', 'config': [layer_config(l) for l in layer.layers]}
    config = layer.get_config()
    from compat.keras.engine.topology import Merge
    if isinstance(layer, Merge) and layer.merged_layers:
        config['layers'] = [layer_config(m) for m in layer.merged_layers]
    return {'class_name': getattr(layer, 'keras1_class', None) or type(layer).__name__, 'config': config}


def model_config(model):
    """keras 1.2.2 Model.to_json's object: Sequential as a list of layers, Model as a graph."""
    from compat.keras.models import Sequential
    if isinstance(model, Sequential):
        return {'class_name': 'Sequential', 'config': [layer_config(l) for l in model.layers],
                'keras_version': KERAS_VERSION}
    graph = model._graph
    layers, names = [], {}
    for layer in graph.layers:
        entry = layer_config(layer) if not _is_input_layer(layer) else {
            'class_name': 'InputLayer', 'config': {
                'batch_input_shape': list(layer.batch_shape), 'input_dtype': str(layer.dtype),
                'sparse': bool(getattr(layer, 'sparse', False)), 'name': layer.name}}
        inbound = []
        for node in layer._inbound_nodes:
            refs = []
            for t in node.input_tensors:
                src, node_index, tensor_index = t._keras_history
                refs.append([src.name, node_index, tensor_index])
            if refs:
                inbound.append(refs)
        entry = {'name': layer.name, 'class_name': entry['class_name'], 'config': entry['config'],
                 'inbound_nodes': inbound}
        layers.append(entry)
        names[layer.name] = layer
    refs = lambda tensors: [[t._keras_history[0].name, t._keras_history[1], t._keras_history[2]]
                            for t in tensors]
    return {'class_name': 'Model', 'config': {'name': model.name, 'layers': layers,
                                              'input_layers': refs(graph.inputs),
                                              'output_layers': refs(graph.outputs)},
            'keras_version': KERAS_VERSION}


def _is_input_layer(layer):
    return type(layer).__name__ == 'InputLayer'


def deserialize_layer(config, custom_objects=None, allow_unsafe_lambda=False):
    """A compat layer from a Keras 1 ``{'class_name', 'config'}`` dict."""
    from compat.keras import layers as layer_module
    custom_objects = custom_objects or {}
    if not isinstance(config, dict) or not isinstance(config.get('config', {}), (dict, list)):
        raise Keras1FileError('Malformed Keras 1 layer config: expected {"class_name": ..., "config": {...}}, '
                              'got %.80r' % (config,))
    class_name = config.get('class_name')
    row = spec.row(class_name)
    if row.model_config:
        return _model_from_config(config, custom_objects, allow_unsafe_lambda)
    cls = custom_objects.get(class_name) or getattr(layer_module, class_name, None)
    if cls is None or not isinstance(cls, type):
        raise Keras1FileError('Unknown Keras 1 layer class %r (layer %r); compat supports: %s. A custom '
                              'layer can be passed in custom_objects={%r: YourLayer}'
                              % (class_name, config.get('config', {}).get('name'),
                                 ', '.join(layer_module.__all__), class_name))
    layer_config_ = dict(config.get('config', {}))
    # functions the Keras 1 config names (a custom activation or init), supplied by the caller
    layer_config_.update({k: custom_objects[v] for k, v in layer_config_.items()
                          if k != 'name' and isinstance(v, str) and v in custom_objects})
    if row.config_layers == 'layers' and layer_config_.get('layers'):
        # keras 1.2.2 Sequential.from_config rebuilt every listed branch, so Merge([left, left]) came
        # back as two unshared copies with the same layer names. compat flattens the branches into
        # one Keras 3 graph, where names must be unique: identical branch configs are rebuilt once
        # and shared, which is the model that was saved.
        built = {}
        for c in layer_config_['layers']:
            key = json.dumps(c, sort_keys=True, default=str)
            if key not in built:
                built[key] = deserialize_layer(c, custom_objects, allow_unsafe_lambda)
        layer_config_['layers'] = [built[json.dumps(c, sort_keys=True, default=str)]
                                   for c in layer_config_['layers']]
    if row.config_functions:
        _resolve_functions(class_name, layer_config_, custom_objects, allow_unsafe_lambda)
    if row.config_layers == 'layer':
        layer_config_['layer'] = deserialize_layer(layer_config_['layer'], custom_objects, allow_unsafe_lambda)
    try:
        return cls.from_config(layer_config_)
    except TypeError as e:
        raise Keras1FileError('Cannot build layer %r (%s) from its Keras 1 config: %s'
                              % (layer_config_.get('name'), class_name, e)) from None


def _resolve_functions(class_name, config, custom_objects, allow_unsafe_lambda):
    """Replace the serialised functions of a Lambda/Merge config (its row's ``config_functions``:
    (key, type key), the layer's own function first), never running file bytecode by default."""
    keys = spec.row(class_name).config_functions
    name = config.get('name')
    for key, type_key in keys:
        kind = config.pop(type_key, 'raw')
        value = config.get(key)
        if kind == 'raw' or value is None or callable(value):  # callable: the caller supplied it by name
            continue
        if kind == 'function' and isinstance(value, str) and value in custom_objects:
            config[key] = custom_objects[value]
        elif name in custom_objects and key == keys[0][0]:
            config[key] = custom_objects[name]
        elif kind == 'lambda' and allow_unsafe_lambda:
            from compat.keras.utils.generic_utils import func_load
            config[key] = func_load(value, allow_unsafe=True)
        elif kind == 'function' and isinstance(value, str):
            raise Keras1FileError('%s layer %r uses the Python function %r: pass it as custom_objects={%r: fn}'
                                  % (class_name, name, value, value))
        else:
            raise Keras1FileError(
                '%s layer %r holds marshalled Python bytecode for its %s. compat does not run code from '
                'model files: pass the function as custom_objects={%r: fn}, or, for a file you trust '
                'that was written by this Python version, allow_unsafe_lambda=True'
                % (class_name, name, key, name))


def model_from_config(config, custom_objects=None, allow_unsafe_lambda=False):
    """keras 1.2.2 models.py model_from_config for Sequential and Model configs.

    A malformed config raises Keras1FileError saying what was wrong, never a bare
    AttributeError/KeyError from deep inside.
    """
    try:
        return _model_from_config(config, custom_objects, allow_unsafe_lambda)
    except Keras1FileError:
        raise
    except (AttributeError, KeyError, IndexError, TypeError, ValueError) as e:
        raise Keras1FileError('Malformed Keras 1 model config (%s: %s)' % (type(e).__name__, e)) from e


def _model_from_config(config, custom_objects=None, allow_unsafe_lambda=False):
    from compat.keras.engine.topology import Input
    from compat.keras.engine.training import Model
    from compat.keras.models import Sequential  # keras 1.2.2 layer_from_config: deferred, models imports the engine
    if not isinstance(config, dict) or 'class_name' not in config:
        raise Keras1FileError('Not a Keras 1 model config (expected {"class_name": ..., "config": ...})')
    if config['class_name'] == 'Sequential':
        model = Sequential()
        layer_list = config['config']
        if isinstance(layer_list, dict):  # Keras 2 style {'name', 'layers'}
            layer_list = layer_list.get('layers', [])
        for layer_cfg in layer_list:
            model.add(deserialize_layer(layer_cfg, custom_objects, allow_unsafe_lambda))
        return model
    if config['class_name'] != 'Model':
        raise Keras1FileError('Unknown Keras 1 model class %r (expected Sequential or Model)' % config['class_name'])
    cfg = config['config']
    created, outputs_of = {}, {}
    pending = list(cfg['layers'])
    while pending:
        progressed = False
        for entry in list(pending):
            if entry['class_name'] == 'InputLayer':
                c = entry['config']
                t = Input(batch_shape=tuple(c['batch_input_shape']), dtype=c.get('input_dtype'),
                          name=entry['name'])
                outputs_of[entry['name']] = [t]
                pending.remove(entry)
                progressed = True
                continue
            nodes = entry['inbound_nodes']
            if not all(ref[0] in outputs_of and len(outputs_of[ref[0]]) > ref[1] for node in nodes for ref in node):
                continue
            layer = created.get(entry['name']) or deserialize_layer(
                {'class_name': entry['class_name'], 'config': entry['config']}, custom_objects, allow_unsafe_lambda)
            created[entry['name']] = layer
            if entry['class_name'] in ('Sequential', 'Model'):
                # keras 1.2.2 Container.get_config: a nested model's node 0 is its own inside graph,
                # so the calls recorded in the config are numbered from 1
                outputs_of.setdefault(entry['name'], [None])
            for node in nodes:
                args = [_tensor(outputs_of[ref[0]][ref[1]], ref[2]) for ref in node]
                out = layer(args if len(args) > 1 else args[0])
                outputs_of.setdefault(entry['name'], []).append(out)
            pending.remove(entry)
            progressed = True
        if not progressed:
            raise Keras1FileError('Keras 1 model config: cannot resolve the inbound layers of %s'
                                  % [e['name'] for e in pending])
    ins = [_tensor(outputs_of[n][i], j) for n, i, j in cfg['input_layers']]
    outs = [_tensor(outputs_of[n][i], j) for n, i, j in cfg['output_layers']]
    return Model(input=ins, output=outs, name=cfg.get('name'))


def _tensor(value, index):
    return value[index] if isinstance(value, (list, tuple)) else value


def model_from_json(json_string, custom_objects=None, allow_unsafe_lambda=False):
    try:
        config = json.loads(json_string)
    except ValueError as e:
        raise Keras1FileError('Invalid Keras 1 model JSON: %s' % e) from None
    return model_from_config(config, custom_objects, allow_unsafe_lambda)


# -- whole models ---------------------------------------------------------------------------
def training_config(model):
    """keras 1.2.2 models.py save_model's training_config: the compile arguments as given (JSON by ``_json_type``)."""
    opt = model.optimizer
    return {'optimizer_config': {'class_name': type(opt).__name__, 'config': opt.get_config()},
            'loss': model.loss, 'metrics': model._k1_metrics,
            'sample_weight_mode': model.sample_weight_mode, 'loss_weights': model.loss_weights}


def _json_type(obj):
    """keras 1.2.2 models.py save_model get_json_type: what json cannot write, Keras 1 wrote by name
    (a user's loss or metric function becomes its ``__name__``; load_model takes it back through
    ``custom_objects``)."""
    if hasattr(obj, 'get_config'):
        return {'class_name': type(obj).__name__, 'config': obj.get_config()}
    if type(obj).__module__ == np.__name__:
        return obj.item()
    if callable(obj):  # a function, or a class (type)
        return obj.__name__
    raise TypeError('Cannot write %r (%s) into a Keras 1 training_config' % (obj, type(obj).__name__))


def _from_custom_objects(value, custom_objects):
    """keras 1.2.2 models.py load_model deserialize: a name (alone, in a list, or a dict's value)
    that custom_objects holds becomes that object. Lists inside a dict (``metrics={'out': [fn]}``,
    which Keras 1 wrote but could not read back: a list is no dict key) are looked into too."""
    if isinstance(value, list):
        return [_from_custom_objects(v, custom_objects) for v in value]
    if isinstance(value, dict):
        return {k: _from_custom_objects(v, custom_objects) for k, v in value.items()}
    return custom_objects[value] if isinstance(value, str) and value in custom_objects else value


def _names_in(value):
    if isinstance(value, (list, dict)):
        return [n for v in (value.values() if isinstance(value, dict) else value) for n in _names_in(v)]
    return [value] if isinstance(value, str) else []


def _check_functions_known(filepath, what, value):
    """A function name Keras 1 wrote that neither Keras 1 nor custom_objects define: say which and how."""
    from compat.keras import metrics as metrics_module
    from compat.keras import objectives
    get = objectives.get if what == 'loss' else metrics_module.get
    for name in _names_in(value):
        if not (what == 'metric' and name in ('accuracy', 'acc')):
            try:
                get(name)
            except ValueError:
                raise Keras1FileError('%s was compiled with the %s %r, a function of your own: pass it back '
                                      'with load_model(%r, custom_objects={%r: %s})'
                                      % (filepath, what, name, filepath, name, name)) from None


def save_model(model, filepath, overwrite=True):
    """keras 1.2.2 models.py save_model (optimizer weights in compat's layout of Keras 1's order)."""
    def write(f):
        f.attrs['keras_version'] = KERAS_VERSION.encode('utf8')
        f.attrs['model_config'] = json.dumps(model_config(model)).encode('utf8')
        write_weights_group(model, f.create_group('model_weights'))
        if getattr(model, 'optimizer', None) is not None:
            f.attrs['training_config'] = json.dumps(training_config(model), default=_json_type).encode('utf8')
            from compat.keras.engine import optimizer_state
            values = optimizer_state.keras1_optimizer_weights(model)
            if values:
                g = f.create_group('optimizer_weights')
                names = ['param_%d' % i for i in range(len(values))]
                g.attrs['weight_names'] = [n.encode('utf8') for n in names]
                for n, v in zip(names, values):
                    g.create_dataset(n, data=np.asarray(v))
    atomic_h5(filepath, overwrite, write)


def load_model(filepath, custom_objects=None, allow_unsafe_lambda=False):
    """keras 1.2.2 models.py load_model."""
    try:
        return _load_model(filepath, custom_objects, allow_unsafe_lambda)
    except (Keras1FileError, FileNotFoundError):
        raise
    except (KeyError, OSError, RuntimeError, UnicodeDecodeError) as e:
        raise _damaged(filepath, e) from e


def _load_model(filepath, custom_objects=None, allow_unsafe_lambda=False):
    from compat.keras import optimizers
    with _open_h5(filepath) as f:
        if 'model_config' not in f.attrs:
            raise Keras1FileError('%s has no model_config: it holds weights only; build the model and call '
                                  'model.load_weights(%r)' % (filepath, filepath))
        raw = f.attrs['model_config']
        config = json.loads(raw.decode('utf8') if isinstance(raw, bytes) else raw)
        model = model_from_config(config, custom_objects, allow_unsafe_lambda)
        read_weights_group(model, f['model_weights'], filepath)
        raw = f.attrs.get('training_config')
        if raw is None:  # keras 1.2.2 models.py load_model
            import warnings
            warnings.warn('No training configuration found in save file %s: the model was *not* compiled. '
                          'Compile it manually.' % filepath)
            return model
        tc = json.loads(raw.decode('utf8') if isinstance(raw, bytes) else raw)
        oc = tc['optimizer_config']
        optimizer = optimizers.get(dict(oc['config'], name=oc['class_name']))
        custom_objects = custom_objects or {}
        loss = _from_custom_objects(tc['loss'], custom_objects)
        metrics = _from_custom_objects(tc.get('metrics'), custom_objects)
        _check_functions_known(filepath, 'loss', loss)
        _check_functions_known(filepath, 'metric', metrics or [])
        model.compile(optimizer=optimizer, loss=loss, metrics=metrics,
                      loss_weights=tc.get('loss_weights'), sample_weight_mode=tc.get('sample_weight_mode'))
        if 'optimizer_weights' in f:
            g = f['optimizer_weights']
            values = [np.asarray(g[n]) for n in _decode(g.attrs['weight_names'])]
            from compat.keras.engine import optimizer_state
            optimizer_state.set_keras1_optimizer_weights(model, values, filepath)
    return model
