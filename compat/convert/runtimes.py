"""The formats ``python -m compat convert`` writes, each written by its maintained tool chain and
run back in its own runtime (table ``FORMATS``).

- ``keras``: ``model.save`` / ``keras.saving.load_model``;
- ``onnx``: Keras 3 ``model.export(format='onnx')`` (tf2onnx underneath) / ``onnxruntime``;
- ``litert``: Keras 3 ``model.export(format='litert')`` restricted to LiteRT built-in ops (the
  plain interpreter has no Flex/TensorFlow ops) / ``ai_edge_litert.interpreter.Interpreter``;
- ``saved_model``: Keras 3 ``model.export(format='tf_saved_model')`` (signature
  ``serving_default``, inputs named as Keras 1 named them) / ``tf.saved_model.load``.

Every runner takes ``{input name: array}`` in the model's input order and returns the outputs
as a list in the model's output order.

Example::

    run_onnx('model.onnx', {'input_1': x})  # -> [y]
"""
import os
import re
import shutil
from collections import namedtuple

import numpy as np

Format = namedtuple('Format', 'suffix runtime install write run loop_free')


def _output_order(names):
    """Signature outputs ``output_0, output_1, ... output_10`` in numeric order."""
    def key(name):
        m = re.search(r'(\d+)$', name)
        return (int(m.group(1)) if m else -1, name)
    return sorted(names, key=key)


def _by_signature_names(path, names, inputs):
    """``inputs`` keyed by the artifact's input names (one input: whatever its name; Keras 1 named
    a Sequential's input with a per-process counter)."""
    if sorted(names) == sorted(inputs):
        return inputs
    if len(names) == len(inputs) == 1:
        return {names[0]: next(iter(inputs.values()))}
    raise ValueError('%s: its inputs are %s, the model\'s %s' % (path, sorted(names), list(inputs)))


def _call_once(model, inputs):
    """Keras 3 exports trace a model that has been called (ONNX needs it)."""
    model.predict(list(inputs.values()) if len(inputs) > 1 else next(iter(inputs.values())), verbose=0)


# -- keras ------------------------------------------------------------------------------------
def write_keras(model, path, inputs):
    model.save(path)


def run_keras(path, inputs):
    import keras
    model = keras.saving.load_model(path)
    out = model.predict(list(inputs.values()) if len(inputs) > 1 else next(iter(inputs.values())), verbose=0)
    return [np.asarray(o) for o in (out if isinstance(out, list) else [out])]


# -- onnx -------------------------------------------------------------------------------------
def write_onnx(model, path, inputs):
    _call_once(model, inputs)
    model.export(path, format='onnx', verbose=False)


def run_onnx(path, inputs):
    import onnxruntime
    session = onnxruntime.InferenceSession(path, providers=['CPUExecutionProvider'])
    specs = session.get_inputs()
    names = [s.name for s in specs]
    if sorted(names) == sorted(inputs):
        feed = dict(inputs)
    else:  # tf2onnx may rename (':0' suffixes); the order is the model's
        feed = dict(zip(names, inputs.values()))
    feed = {s.name: np.asarray(feed[s.name]).astype(_ONNX_DTYPES.get(s.type, 'float32')) for s in specs}
    return [np.asarray(o) for o in session.run(None, feed)]


_ONNX_DTYPES = {'tensor(float)': 'float32', 'tensor(double)': 'float64', 'tensor(int32)': 'int32',
                'tensor(int64)': 'int64', 'tensor(bool)': 'bool'}


# -- litert -----------------------------------------------------------------------------------
def write_litert(model, path, inputs):
    import tensorflow as tf
    _call_once(model, inputs)
    # built-in ops only: the LiteRT interpreter as users install it cannot run Flex ops
    model.export(path, format='litert', verbose=False,
                 target_spec={'supported_ops': [tf.lite.OpsSet.TFLITE_BUILTINS]})


def run_litert(path, inputs):
    from ai_edge_litert.interpreter import Interpreter
    runner = Interpreter(model_path=path).get_signature_runner()
    details = runner.get_input_details()
    inputs = _by_signature_names(path, list(details), inputs)
    out = runner(**{n: np.asarray(inputs[n]).astype(details[n]['dtype']) for n in details})
    return [np.asarray(out[k]) for k in _output_order(out)]


# -- saved_model ------------------------------------------------------------------------------
def write_saved_model(model, path, inputs):
    model.export(path, format='tf_saved_model', verbose=False)


def run_saved_model(path, inputs):
    import tensorflow as tf
    serve = tf.saved_model.load(path).signatures['serving_default']
    specs = serve.structured_input_signature[1]
    inputs = _by_signature_names(path, list(specs), inputs)
    out = serve(**{n: tf.constant(np.asarray(inputs[n]).astype(specs[n].dtype.as_numpy_dtype)) for n in specs})
    return [out[k].numpy() for k in _output_order(out)]


def _remove(path):
    if os.path.isdir(path):
        shutil.rmtree(path)
    elif os.path.exists(path):
        os.remove(path)


FORMATS = {
    'keras': Format('.keras', 'Keras 3 (keras.saving.load_model)', (), write_keras, run_keras, False),
    'onnx': Format('.onnx', 'onnxruntime', ('tf2onnx', 'onnxruntime'), write_onnx, run_onnx, False),
    'litert': Format('.tflite', 'LiteRT interpreter (ai_edge_litert)', ('ai_edge_litert',), write_litert,
                     run_litert, True),
    'saved_model': Format('', 'TensorFlow (tf.saved_model.load)', (), write_saved_model, run_saved_model,
                          False),
}


def format_of(path, asked=None):
    """The format named by ``asked`` (``--format``) or by ``path``'s extension (none: SavedModel)."""
    if asked:
        if asked not in FORMATS:
            raise ValueError('--format %s: choose one of %s' % (asked, ', '.join(FORMATS)))
        return asked
    suffix = os.path.splitext(str(path).rstrip('/\\'))[1].lower()
    for name, fmt in FORMATS.items():
        if suffix == fmt.suffix:
            return name
    raise ValueError('output %s: unknown extension %r; use .keras, .onnx, .tflite, a folder name without '
                     'extension (SavedModel), or --format %s' % (path, suffix, '|'.join(FORMATS)))


def runtime_version(fmt):
    import importlib
    module = {'keras': 'keras', 'onnx': 'onnxruntime', 'litert': 'ai_edge_litert',
              'saved_model': 'tensorflow'}[fmt]
    try:
        return getattr(importlib.import_module(module), '__version__', '?')
    except ImportError:
        return None


def require_runtime(fmt):
    """Fail early, with the install line, where the export extra is missing."""
    import importlib.util
    missing = [m for m in FORMATS[fmt].install if importlib.util.find_spec(m) is None]
    if missing:
        raise ValueError('format %s needs %s: pip install "keras1-compat[export]"' % (fmt, ', '.join(missing)))
