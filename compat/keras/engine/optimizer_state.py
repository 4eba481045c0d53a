"""Optimizer state in Keras 1's layout: the ``optimizer_weights`` of Keras 1 ``model.save`` files.

Keras 1.2.2 kept one state array per slot per trainable weight, for the
weights sorted by name (engine/training.py compile:
``trainable_weights.sort(key=lambda x: x.name)``), after ``iterations`` where
the optimizer tracked it (optimizers.py ``self.weights``). Compat's optimizer
holds the same state for its own variables (Keras 3 layouts: packed GRU gates,
flipped and transposed kernels), so each slot goes through the same per-layer
conversion as the weights themselves; the conversions are permutations and
concatenations, which apply to gradient moments exactly as to weights.
"""
import numpy as np

from compat.keras.engine import saving


def _inner(layer):
    """The Keras 1 layers whose conversions apply, for wrappers."""
    from compat.keras.layers.wrappers import Bidirectional, TimeDistributed
    if isinstance(layer, TimeDistributed):
        return [layer.layer]
    if isinstance(layer, Bidirectional):
        return [layer.forward_layer, layer.backward_layer]
    return [layer]


def _convert(layer, arrays, to_keras1):
    parts = _inner(layer)
    if len(parts) > 1:
        half = len(arrays) // 2
        return _convert(parts[0], arrays[:half], to_keras1) + _convert(parts[1], arrays[half:], to_keras1)
    inner = parts[0]
    method = getattr(inner, '_to_keras1' if to_keras1 else '_from_keras1', None)
    if method is None:
        return list(arrays)
    if len(inner.trainable_weights) != len(inner.weights):
        return list(arrays)  # e.g. BatchNormalization: trainable gamma, beta map one to one
    return list(method(list(arrays)))


def _layers(model):
    """Layers with trainable weights, in the order of ``model.trainable_weights``."""
    out = []
    for layer in model.flattened_layers:
        if hasattr(layer, 'flattened_layers') and layer is not model:
            out.extend(_layers(layer))
        elif layer.trainable and layer.trainable_weights:
            out.append(layer)
    return out


def _keras1_entries(model):
    """[(Keras 1 weight name, layer, position in the layer's Keras 1 trainable list)], sorted as Keras 1."""
    entries = []
    for layer in _layers(model):
        n = len(_convert(layer, [v.numpy() for v in layer.trainable_weights], to_keras1=True))
        names = saving.layer_weight_names(layer)[:n]
        entries.extend((name, layer, i) for i, name in enumerate(names))
    return sorted(entries, key=lambda e: e[0])


def _slot_layout(model):
    model._make_train_function()
    opt = model.optimizer
    head = 1 if getattr(opt, '_iterations_in_weights', False) else 0
    return opt, head, list(getattr(opt, '_slot_names', ()))


def keras1_optimizer_weights(model):
    """The optimizer state as Keras 1.2.2's ``optimizer.get_weights()`` would list it."""
    opt = getattr(model, 'optimizer', None)
    if opt is None or not getattr(opt, '_params', None):
        return []
    _, head, slots = _slot_layout(model)
    ours = opt.get_weights()
    values = ours[:head]
    layers = _layers(model)
    entries = _keras1_entries(model)
    per_slot = len(opt._params)
    for s in range(len(slots)):
        block = ours[head + s * per_slot: head + (s + 1) * per_slot]
        keras1 = {}
        offset = 0
        for layer in layers:
            n = len(layer.trainable_weights)
            keras1[id(layer)] = _convert(layer, block[offset:offset + n], to_keras1=True)
            offset += n
        values.extend(keras1[id(layer)][i] for _, layer, i in entries)
    return values


def set_keras1_optimizer_weights(model, values, filepath='<optimizer state>'):
    """Load Keras 1.2.2 ``optimizer_weights`` into the compiled compat model's optimizer."""
    opt, head, slots = _slot_layout(model)
    entries = _keras1_entries(model)
    expected = head + len(slots) * len(entries)
    if len(values) != expected:
        raise saving.Keras1FileError(
            '%s: the optimizer state has %d arrays; %s for this model needs %d (%s + one per slot %s for '
            'each of %d trainable weights)' % (filepath, len(values), type(opt).__name__, expected,
                                               'iterations' if head else 'no iterations', slots, len(entries)))
    layers = _layers(model)
    ours = list(values[:head])
    for s in range(len(slots)):
        block = values[head + s * len(entries): head + (s + 1) * len(entries)]
        per_layer = {id(layer): [None] * len(_convert(layer, [v.numpy() for v in layer.trainable_weights], True))
                     for layer in layers}
        for (name, layer, i), value in zip(entries, block):
            per_layer[id(layer)][i] = np.asarray(value)
        for layer in layers:
            ours.extend(_convert(layer, per_layer[id(layer)], to_keras1=False))
    opt.set_weights(ours)
