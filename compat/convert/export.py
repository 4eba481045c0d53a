"""Export a Keras 1 model to ``.keras``, ONNX, LiteRT or a SavedModel, verified before it is kept.

The compat model (Keras 1 numerics) is rebuilt from Keras 3 built-ins (``native.py``), written
with the format's own tool chain (``runtimes.py``) into a temporary path beside the output,
loaded back in the format's own runtime, run on sample inputs and compared with compat's
predictions. Only an artifact within tolerance is renamed into place.

Example::

    from compat.convert import convert
    report = convert(['model.json', 'weights.h5'], 'model.onnx')   # raises VerificationError if off
    print(report)
"""
import os
import shutil
import tempfile

import numpy as np

from compat.convert.core import ConvertError, Report, load_keras1
from compat.convert.runtimes import FORMATS, format_of, require_runtime, runtime_version

RTOL, ATOL = 1e-3, 1e-5
SAMPLES, SEED = 4, 0


class VerificationError(RuntimeError):
    """The exported artifact does not reproduce Keras 1's predictions (or does not run); nothing was kept."""

    def __init__(self, message, report):
        super().__init__(message)
        self.report = report


# -- sample inputs ----------------------------------------------------------------------------
class Samples:
    """Model inputs (Keras 1 layout) and, where given, labels; ``origin`` says where they came from."""

    def __init__(self, xs, ys=None, origin=''):
        self.xs, self.ys, self.origin = list(xs), (list(ys) if ys else None), origin


def _keyed(data, letter, count, names=()):
    """``x`` (one input), ``x0, x1, ...`` or the inputs' names."""
    if count == 1 and letter in data:
        return [data[letter]]
    numbered = ['%s%d' % (letter, i) for i in range(count)]
    if all(k in data for k in numbered):
        return [data[k] for k in numbered]
    if names and all(n in data for n in names):
        return [data[n] for n in names]
    return None


def load_samples(path, model):
    """``--inputs x.npz``: arrays ``x`` (or ``x0, x1, ...`` or one per input name), labels ``y`` optional."""
    names = input_names(model)
    if not os.path.exists(str(path)):
        raise FileNotFoundError('No such sample file (--inputs): %s' % path)
    try:
        data = dict(np.load(str(path), allow_pickle=False))
    except (OSError, ValueError) as e:
        raise ConvertError('--inputs %s is not a NumPy .npz file (%s)' % (path, e)) from None
    xs = _keyed(data, 'x', len(names), names)
    if xs is None:
        raise ConvertError('--inputs %s holds %s; the model has %d input(s) %s: give arrays x (one input), '
                           'x0, x1, ... or named after the inputs' % (path, sorted(data), len(names), names))
    for x, t in zip(xs, _graph(model).inputs):
        if tuple(x.shape[1:]) != tuple(t.shape[1:]):
            raise ConvertError('--inputs %s: input %s has shape %s; the model takes (samples,) + %s'
                               % (path, t.name, x.shape, tuple(t.shape[1:])))
    ys = _keyed(data, 'y', len(_graph(model).outputs))
    return Samples(xs, ys, '%d samples from %s' % (len(xs[0]), path))


def _graph(model):
    return model._graph


def input_names(model):
    return [t._keras_history[0].name for t in _graph(model).inputs]


def _embedding_bounds(model):
    """Input tensor id -> the smallest ``input_dim`` of the Embedding layers it feeds."""
    from compat.convert.native import class_of
    bounds = {}

    def walk(layers):
        for layer in layers:
            if hasattr(layer, '_graph'):
                walk(layer.layers)
            if class_of(layer) == 'Embedding':
                for node in layer._inbound_nodes:
                    for t in node.input_tensors:
                        bounds[id(t)] = min(bounds.get(id(t), 1 << 30), int(layer._k1['input_dim']))
                bounds['any'] = min(bounds.get('any', 1 << 30), int(layer._k1['input_dim']))
    walk(model.layers)
    return bounds


def random_samples(model, n=SAMPLES, seed=SEED):
    """Seeded random inputs of the model's shapes and dtypes; integer ids for Embedding inputs."""
    rng = np.random.RandomState(seed)
    bounds, xs = _embedding_bounds(model), []
    for t in _graph(model).inputs:
        shape = (n,) + tuple(8 if d is None else int(d) for d in t.shape[1:])
        if np.issubdtype(np.dtype(t.dtype), np.integer) or id(t) in bounds:
            xs.append(rng.randint(0, bounds.get(id(t), bounds.get('any', 10)), size=shape).astype(t.dtype))
        else:
            xs.append(rng.standard_normal(shape).astype(t.dtype))
    return Samples(xs, None, '%d seeded random samples (seed %d)' % (n, seed))


def predict(model, xs):
    out = model.predict(xs if len(xs) > 1 else xs[0], verbose=0)
    return [np.asarray(o) for o in (out if isinstance(out, list) else [out])]


# -- comparison -------------------------------------------------------------------------------
def difference(want, got):
    """(max absolute error, max relative error) of ``got`` against ``want``."""
    want, got = np.asarray(want, dtype='float64'), np.asarray(got, dtype='float64')
    if want.shape != got.shape:
        return float('inf'), float('inf')
    err = np.abs(got - want)
    scale = np.abs(want)
    rel = np.where(scale > 0, err / np.where(scale > 0, scale, 1), np.where(err > 0, np.inf, 0))
    return float(err.max(initial=0)), float(rel.max(initial=0))


def within(want, got, rtol, atol):
    want, got = np.asarray(want, dtype='float64'), np.asarray(got, dtype='float64')
    return want.shape == got.shape and bool(np.all(np.abs(got - want) <= atol + rtol * np.abs(want)))


def compare_outputs(want, got, names, rtol, atol):
    """One row per output: (name, max abs, max rel, within tolerance)."""
    if len(want) != len(got):
        return [('outputs', float('inf'), float('inf'), False)]
    return [(n,) + difference(w, g) + (within(w, g, rtol, atol),) for n, w, g in zip(names, want, got)]


def format_rows(rows, rtol, atol):
    lines = ['  %-28s max abs %-10.3g max rel %-10.3g %s' % (n, a, r, 'ok' if ok else 'OVER TOLERANCE')
             for n, a, r, ok in rows]
    return lines + ['  (tolerance: rtol %g, atol %g)' % (rtol, atol)]


# -- backends ---------------------------------------------------------------------------------
def load_model(inputs, backend='theano', samples_path=None, report=None, custom_objects=None):
    """The compat model; ``backend='auto'`` tries the Theano and TensorFlow kernel readings on the
    labelled samples of ``samples_path`` and keeps the one with the lower loss (``backend.py``)."""
    if backend == 'auto':
        from compat.convert.backend import choose_backend
        model, choice = choose_backend(lambda b: load_keras1(inputs, b, custom_objects), samples_path)
        if report is not None:
            report.caveat(choice.summary())
        return model, choice.backend
    if backend not in ('theano', 'tensorflow'):
        raise ConvertError("--backend %s: choose theano, tensorflow or auto" % backend)
    return load_keras1(inputs, backend=backend, custom_objects=custom_objects), backend


# -- export -----------------------------------------------------------------------------------
def _to_native(x, channels_last):
    return x.transpose(0, 2, 3, 1) if channels_last and x.ndim == 4 else x


def _from_native(y, channels_last):
    return y.transpose(0, 3, 1, 2) if channels_last and y.ndim == 4 else y


def _place(tmp, output):
    """Move the verified artifact into place (a SavedModel folder replaces an older SavedModel only)."""
    if os.path.isdir(output):
        if not os.path.exists(os.path.join(output, 'saved_model.pb')):
            raise ConvertError('output %s is a folder that is not a SavedModel; not replaced' % output)
        shutil.rmtree(output)
    os.replace(tmp, output)


def export(inputs, output, format=None, channels_last=False, samples=None, rtol=RTOL, atol=ATOL,
           backend='theano', report=None, custom_objects=None):
    """Convert Keras 1 files ``inputs`` to ``output`` and verify it in its runtime.

    ``format``: keras, onnx, litert or saved_model (default: from ``output``'s extension; none
    means a SavedModel folder). ``samples``: an ``.npz`` path (``x``/``x0...``, labels ``y``
    optional) or None for seeded random inputs. Returns the :class:`Report`; raises
    :class:`VerificationError` (nothing kept) where the runtime's predictions are off.
    """
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    output = str(output).rstrip('/\\') or str(output)
    try:
        fmt = format_of(output, format)
        require_runtime(fmt)
    except ValueError as e:
        raise ConvertError(str(e)) from None
    directory = os.path.dirname(os.path.abspath(output))
    if not os.path.isdir(directory):
        raise ConvertError('output directory %s does not exist' % directory)
    report = report if report is not None else Report()
    report.inputs, report.output = [str(p) for p in inputs], output
    model, _ = load_model(inputs, backend, samples, report, custom_objects)
    backend_lines = [c for c in report.caveats if c.startswith('--backend auto')]
    sample = load_samples(samples, model) if samples else random_samples(model)
    from compat.convert.native import build_native
    native = build_native(model, report, channels_last=channels_last, unroll=FORMATS[fmt].loop_free)
    if FORMATS[fmt].loop_free and any(type(l).__name__ in ('GRU', 'LSTM', 'SimpleRNN', 'Bidirectional')
                                      for l in native.layers):
        report.caveat('LiteRT: recurrent layers unrolled over their fixed time steps (the LiteRT interpreter '
                      "has no TensorList ops for Keras 3's loop)")
    want = predict(model, sample.xs)
    report.input_names = [t.name for t in native.inputs]  # the artifact's (signature's) input names
    feed = dict(zip(report.input_names, [_to_native(x, channels_last) for x in sample.xs]))
    names = [t._keras_history[0].name for t in _graph(model).outputs]
    tmp = tempfile.mkdtemp(prefix='.convert-', dir=directory)
    path = os.path.join(tmp, 'model' + FORMATS[fmt].suffix)
    try:
        try:
            FORMATS[fmt].write(native, path, feed)
        except Exception as e:  # the tool chain refused this graph
            raise ConvertError('writing %s as %s failed (%s: %s)' % (output, fmt, type(e).__name__,
                                                                      str(e).strip().splitlines()[0][:300]
                                                                      if str(e).strip() else '')) from e
        try:
            got = [_from_native(y, channels_last) for y in FORMATS[fmt].run(path, feed)]
        except Exception as e:  # e.g. an op the runtime lacks
            report.verification = backend_lines + ['Verified in %s: the artifact does not run (%s: %s)' % (
                FORMATS[fmt].runtime, type(e).__name__, ' '.join(str(e).split())[:300])]
            raise VerificationError('%s: %s cannot run it; nothing written' % (output, FORMATS[fmt].runtime),
                                    report) from e
        rows = compare_outputs(want, got, names, rtol, atol)
        signature = ', '.join('%s %s %s' % (t.name, tuple(t.shape), t.dtype) for t in native.inputs)
        report.verification = backend_lines + [
            'Inputs: ' + signature,
            'Verified in %s %s on %s against compat (Keras 1 numerics):' % (
                FORMATS[fmt].runtime, runtime_version(fmt), sample.origin)] + format_rows(rows, rtol, atol)
        if not all(ok for *_, ok in rows):
            raise VerificationError('%s: predictions over tolerance; nothing written' % output, report)
        _place(path, output)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return report
