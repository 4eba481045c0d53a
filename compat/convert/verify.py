"""``python -m compat verify INPUT... --against NEW``: where does NEW stop computing what Keras 1 computed?

INPUT... is a Keras 1 model as ``convert`` takes it; compat runs it with Keras 1's numerics.
NEW is a converted ``.keras`` file, an export (``.onnx``, ``.tflite``, a SavedModel folder), or
upgraded code as ``new.py:build`` (a function returning the Keras 3 model; the Keras 1 weights
are loaded into it with ``compat.load_keras1_weights``). Each Keras 1 layer's output is compared
with the NEW tensor of the same name (``.keras`` and code: every layer, 'th' images compared
after the channels-last permute; exports: the outputs). The first layer over tolerance is named
with what usually goes wrong there (table ``CAUSES``).

Example::

    python -m compat verify model.json weights.h5 --against new.py:build --inputs x.npz --plot err.png
"""
import argparse
import importlib.util
import os
import sys

import numpy as np

from compat.convert.core import ConvertError
from compat.convert.export import (ATOL, RTOL, _graph, difference, input_names, load_model, load_samples, predict,
                                   random_samples, within)

# Keras 1 class -> what usually makes a port of it drift.
_KERNEL = ("kernel flip (Theano convolves: its kernels are flipped relative to Keras 3's correlation; a file "
           "from Keras 1's TensorFlow backend is not: --backend) or kernel layout ('th' (out, in, rows, cols) "
           "vs Keras 3 (rows, cols, in, out))")
_POOL = ("padding (Theano 'same' borders give ceil(n / stride) outputs; padded cells never win a max and are "
         "left out of averages)")
_LAYOUT = ("layout ('th' images are (channels, rows, cols): Flatten/Reshape/Dense after a channels-last port "
           "see the values in another order)")
_HARD_SIGMOID = 'hard sigmoid (Keras 1 clip(0.2x + 0.5, 0, 1) vs Keras 3 relu6(x + 3) / 6)'
_GRU = ('gate order (Keras 1 blocks z|r|h), the reset gate applied before the recurrent matmul in Keras 1 '
        '(Keras 3 reset_after=False), or ' + _HARD_SIGMOID)
_LSTM = 'gate order (Keras 1 blocks i|c|f|o, Keras 3 i|f|c|o), or ' + _HARD_SIGMOID
CAUSES = {
    'Convolution1D': _KERNEL, 'Convolution2D': _KERNEL, 'AtrousConvolution1D': _KERNEL,
    'AtrousConvolution2D': _KERNEL, 'Deconvolution2D': _KERNEL, 'Convolution3D': _KERNEL,
    'MaxPooling1D': _POOL, 'MaxPooling2D': _POOL, 'AveragePooling1D': _POOL, 'AveragePooling2D': _POOL,
    'ZeroPadding1D': 'padding', 'ZeroPadding2D': 'padding or layout', 'Cropping2D': 'layout',
    'Flatten': _LAYOUT, 'Reshape': _LAYOUT, 'Permute': _LAYOUT, 'Dense': _LAYOUT + ' or activation',
    'GRU': _GRU, 'LSTM': _LSTM, 'SimpleRNN': 'weight layout (W, U, b) or activation',
    'Bidirectional': "the backward half not reversed, or the wrapped layer's gate order or " + _HARD_SIGMOID, 'TimeDistributed': 'layout',
    'BatchNormalization': ("Keras 1 running_std holds var + eps and is used as the variance; epsilon; the "
                           "channel axis (1 for 'th')"),
    'Embedding': 'index offset or mask_zero', 'Merge': 'merge mode, concat axis or dot axes',
    'Highway': 'transform/carry gate weights swapped', 'MaxoutDense': 'feature axis of the kernel',
    'Activation': 'activation: ' + _HARD_SIGMOID,
}
# Native layers the converter adds after a Keras 1 layer's main one (native.py): its output is the last.
_TRAILING = ('_crop', '_exclude_pad', '_expand', '_alphas')


class Row:
    def __init__(self, name, class_name, max_abs, max_rel, ok, note=''):
        self.name, self.class_name, self.max_abs, self.max_rel, self.ok, self.note = \
            name, class_name, max_abs, max_rel, ok, note


def cause(class_name, layer=None):
    text = CAUSES.get(class_name, 'weights or arguments of this layer')
    k1 = getattr(layer, '_k1', None) or {}
    if 'hard_sigmoid' in (str(k1.get('activation')), str(k1.get('inner_activation'))) and 'hard sigmoid' not in text:
        text += '; or ' + _HARD_SIGMOID
    return text


# -- Keras 1 side -----------------------------------------------------------------------------
def keras1_layers(model):
    """The compat graph's layers in Keras 1 order (a nested Sequential counts as one)."""
    return [op for op in _graph(model).operations if type(op).__name__ != 'InputLayer']


def _outputs_of(model, layers, xs):
    import keras
    tensors = []
    for layer in layers:
        try:
            out = layer.output
        except (AttributeError, ValueError):  # a shared layer: its first call
            out = layer._inbound_nodes[0].output_tensors[0]
        tensors.append(out[0] if isinstance(out, (list, tuple)) else out)
    graph = _graph(model)
    probe = keras.Model(graph.inputs, tensors)
    out = probe.predict(xs if len(xs) > 1 else xs[0], verbose=0)
    return [np.asarray(o) for o in (out if isinstance(out, list) else [out])]


# -- NEW side ---------------------------------------------------------------------------------
def _by_name(new_model, name):
    """NEW's layer holding the output of Keras 1 layer ``name`` (None if it has none)."""
    found = None
    for layer in new_model.layers:  # topological order: the last candidate is the layer's output
        if layer.name == name or any(layer.name == name + s for s in _TRAILING):
            found = layer
    return found


# Keras 1 class -> the Keras 3 classes upgraded code builds for it (absent: the same name).
KERAS3_CLASSES = {
    'Convolution1D': ('Conv1D',), 'AtrousConvolution1D': ('Conv1D',), 'Convolution2D': ('Conv2D',),
    'AtrousConvolution2D': ('Conv2D',), 'Deconvolution2D': ('Conv2DTranspose',), 'Convolution3D': ('Conv3D',),
    'TimeDistributedDense': ('TimeDistributed',), 'MaxoutDense': ('Maxout', 'Dense'),
    'Merge': ('Add', 'Multiply', 'Average', 'Maximum', 'Concatenate', 'Dot'),
}


def pair_layers(layers, new_model):
    """Keras 1 layer -> NEW layer: by name; else (upgraded code names layers anew) the k-th layer
    of a class with the k-th NEW layer of its Keras 3 class, where both have as many."""
    from compat.convert.native import class_of
    pairs = {id(l): _by_name(new_model, l.name) for l in layers}
    taken = {id(n) for n in pairs.values() if n is not None}
    free = [n for n in new_model.layers if id(n) not in taken and type(n).__name__ != 'InputLayer']
    for cls in {class_of(l) for l in layers}:
        mine = [l for l in layers if class_of(l) == cls and pairs[id(l)] is None]
        theirs = [n for n in free if type(n).__name__ in KERAS3_CLASSES.get(cls, (cls,))]
        if mine and len(mine) == len(theirs):
            for l, n in zip(mine, theirs):
                pairs[id(l)] = n
    return pairs


def _aligned(want, got):
    """``got`` in ``want``'s layout: equal shapes, or a channels-last image to compare with a 'th' one."""
    if want.shape == got.shape:
        return got
    if got.ndim >= 3 and want.shape == got.shape[:1] + got.shape[-1:] + got.shape[1:-1]:
        return np.moveaxis(got, -1, 1)
    return None


def _feed_for(new_model, xs):
    """Keras 1 inputs for NEW's inputs (channels-last where NEW takes images channels-last)."""
    feed = []
    for x, t in zip(xs, new_model.inputs):
        shape = tuple(t.shape[1:])
        if x.ndim == 4 and shape != x.shape[1:] and shape == x.shape[2:] + x.shape[1:2]:
            x = x.transpose(0, 2, 3, 1)
        feed.append(x.astype(t.dtype) if t.dtype else x)
    return feed


def compare_layers(model, new_model, xs, rtol, atol):
    import keras
    layers = keras1_layers(model)
    want = _outputs_of(model, layers, xs)
    by_layer = pair_layers(layers, new_model)
    pairs = [(layer, w, by_layer[id(layer)]) for layer, w in zip(layers, want)]
    matched = [(layer, w, n) for layer, w, n in pairs if n is not None]
    probe = keras.Model(new_model.inputs, [n.output for _, _, n in matched])
    feed = _feed_for(new_model, xs)
    got = probe.predict(feed if len(feed) > 1 else feed[0], verbose=0)
    got = iter(got if isinstance(got, list) else [got])
    rows = []
    from compat.convert.native import class_of
    for layer, w, n in pairs:
        if n is None:
            rows.append(Row(layer.name, class_of(layer), None, None, True, 'no tensor of this name in NEW'))
            continue
        raw = np.asarray(next(got))
        g = _aligned(w, raw)
        if g is None:
            rows.append(Row(layer.name, class_of(layer), float('inf'), float('inf'), False,
                            'NEW shape %s, Keras 1 %s' % (raw.shape, w.shape)))
            continue
        a, r = difference(w, g)
        rows.append(Row(layer.name, class_of(layer), a, r, within(w, g, rtol, atol)))
    return rows


def load_code(spec):
    """``path.py:function`` -> the model the function returns (runs the file: the caller named it)."""
    path, _, function = spec.rpartition(':')
    if not path.endswith('.py') or not function:
        raise ConvertError('--against %s: upgraded code is given as new.py:build (the file and the function '
                           'that returns the model)' % spec)
    if not os.path.exists(path):
        raise FileNotFoundError('No such file (--against): %s' % path)
    name = '_compat_verify_' + os.path.splitext(os.path.basename(path))[0]
    module_spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(module_spec)
    sys.path.insert(0, os.path.dirname(os.path.abspath(path)))
    try:
        module_spec.loader.exec_module(module)
    finally:
        sys.path.pop(0)
    if not hasattr(module, function):
        raise ConvertError('--against %s: %s defines no %s()' % (spec, path, function))
    return getattr(module, function)()


def _weights_file(inputs):
    return next(str(p) for p in inputs if not str(p).lower().endswith(('.json', '.yaml', '.yml')))


def new_kind(against):
    against = str(against)
    if ':' in os.path.basename(against) and against.rpartition(':')[0].endswith('.py'):
        return 'code'
    from compat.convert.runtimes import format_of
    try:
        return format_of(against)
    except ValueError as e:
        raise ConvertError('--against: %s' % e) from None


def verify(inputs, against, samples=None, rtol=RTOL, atol=ATOL, backend='theano', channels_last=False):
    """Rows (one per Keras 1 layer compared) and a header line; see the module docstring."""
    from compat.convert.native import class_of
    from compat.convert.runtimes import FORMATS
    kind = new_kind(against)
    if kind != 'code' and not os.path.exists(str(against)):
        raise FileNotFoundError('No such file (--against): %s' % against)
    notes = []

    class _Notes:
        def caveat(self, text):
            notes.append(text)
    model, chosen = load_model(inputs, backend, samples, _Notes())
    sample = load_samples(samples, model) if samples else random_samples(model)
    if kind in ('keras', 'code'):
        if kind == 'keras':
            import keras
            new_model = keras.saving.load_model(str(against))
        else:
            from compat.convert.weights import load_keras1_weights
            new_model = load_code(str(against))
            load_keras1_weights(new_model, _weights_file(inputs), backend=chosen)
        rows = compare_layers(model, new_model, sample.xs, rtol, atol)
        scope = 'per layer'
    else:
        from compat.convert.export import _from_native, _to_native
        want = predict(model, sample.xs)
        feed = dict(zip(input_names(model), [_to_native(x, channels_last) for x in sample.xs]))
        got = [_from_native(y, channels_last) for y in FORMATS[kind].run(str(against), feed)]
        rows = []
        for t, w, g in zip(_graph(model).outputs, want, got):
            layer = t._keras_history[0]
            a, r = difference(w, g)
            rows.append(Row(layer.name, class_of(layer), a, r, within(w, g, rtol, atol)))
        scope = 'outputs only (%s)' % FORMATS[kind].runtime
    header = 'verify %s against %s: %s, %s; rtol %g, atol %g' % (
        ' + '.join(str(p) for p in inputs), against, scope, sample.origin, rtol, atol)
    layers = {l.name: l for l in keras1_layers(model)}
    return header, notes, rows, layers


def render(header, notes, rows, layers):
    lines = [header] + ['  ' + n for n in notes]
    lines.append('  %-28s %-22s %-11s %-11s' % ('Keras 1 layer', 'class', 'max abs', 'max rel'))
    for row in rows:
        if row.max_abs is None:
            lines.append('  %-28s %-22s %-23s (%s)' % (row.name, row.class_name, '-', row.note))
        else:
            lines.append('  %-28s %-22s %-11.3g %-11.3g %s' % (row.name, row.class_name, row.max_abs, row.max_rel,
                                                              'ok' if row.ok else 'OVER'))
    bad = [r for r in rows if not r.ok]
    if bad:
        first = bad[0]
        lines.append('First layer over tolerance: %s (%s). Usual cause there: %s'
                     % (first.name, first.class_name, cause(first.class_name, layers.get(first.name))))
    else:
        lines.append('All %d compared layers within tolerance.' % sum(r.max_abs is not None for r in rows))
    return '\n'.join(lines)


def plot(rows, path, rtol, atol):
    """A bar chart of each layer's max absolute error (log scale), over-tolerance bars in red."""
    try:
        import matplotlib
    except ImportError:
        raise ConvertError('--plot needs matplotlib: pip install "keras1-compat[export]"') from None
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    shown = [r for r in rows if r.max_abs is not None]
    values = [min(max(r.max_abs, 1e-12), 1e6) for r in shown]
    fig, ax = plt.subplots(figsize=(max(6, 0.45 * len(shown) + 2), 4))
    ax.bar(range(len(shown)), values, color=['tab:blue' if r.ok else 'tab:red' for r in shown])
    ax.axhline(atol, color='gray', linestyle='--', linewidth=1, label='atol %g' % atol)
    ax.set_yscale('log')
    ax.set_xticks(range(len(shown)))
    ax.set_xticklabels([r.name for r in shown], rotation=60, ha='right', fontsize=8)
    ax.set_ylabel('max |Keras 1 - NEW|')
    ax.set_title('per-layer error (red: over rtol %g / atol %g)' % (rtol, atol))
    ax.legend()
    fig.tight_layout()
    directory = os.path.dirname(os.path.abspath(path))
    import tempfile
    fd, tmp = tempfile.mkstemp(suffix='.png', prefix='.verify-', dir=directory)
    os.close(fd)
    try:
        fig.savefig(tmp, dpi=100)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp made it private; a plot is an ordinary file
        os.replace(tmp, path)
    finally:
        plt.close(fig)
        if os.path.exists(tmp):
            os.remove(tmp)


def _parser():
    from compat.convert.cli import add_common
    p = argparse.ArgumentParser(
        prog='python -m compat verify',
        description="Compare a Keras 1 model's layer outputs (compat: Keras 1 numerics) with NEW: a converted "
                    '.keras, an export (.onnx, .tflite, SavedModel folder) or upgraded code (new.py:build). '
                    'Exit 0: all within tolerance; 1: a layer over it (named, with its usual cause); 2: bad input.')
    add_common(p)
    p.add_argument('--against', required=True, metavar='NEW', help='NEW.keras, NEW.onnx, NEW.tflite, a SavedModel '
                   'folder, or new.py:build')
    p.add_argument('--plot', metavar='OUT.png', help='bar chart of per-layer error (needs matplotlib)')
    return p


def main(argv=None):
    args = _parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    from compat.convert.cli import error_line, quiet
    quiet()
    try:
        header, notes, rows, layers = verify(args.inputs, args.against, samples=args.samples, rtol=args.rtol,
                                             atol=args.atol, backend=args.backend,
                                             channels_last=args.channels_last)
        if args.plot:
            plot(rows, args.plot, args.rtol, args.atol)
    except Exception as e:
        if args.debug:
            raise
        print(error_line('compat verify', e), file=sys.stderr)
        return 2
    print(render(header, notes, rows, layers))
    return 0 if all(r.ok for r in rows) else 1
