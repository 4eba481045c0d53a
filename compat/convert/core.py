"""``convert()``: read Keras 1 files through compat, rebuild natively, write and verify (``export.py``)."""
import json
import os

from compat.keras.engine.saving import Keras1FileError


class ConvertError(ValueError):
    """The model cannot be expressed with Keras 3 built-in layers; the message names the layer."""


class Report:
    """What was converted (one line per Keras 1 layer) and every numeric caveat."""

    def __init__(self):
        self.inputs, self.output = [], None
        self.layers = []    # (keras 1 name, keras 1 class, native description)
        self.caveats = []   # numeric differences from Keras 1, one line each
        self.verification = []  # the artifact run in its own runtime against compat, one line each
        self.input_names = []   # the artifact's input names (Keras 1's)

    def layer(self, name, class_name, native):
        self.layers.append((name, class_name, native))

    def caveat(self, text):
        if text not in self.caveats:
            self.caveats.append(text)

    def __str__(self):
        lines = ['Converted %s -> %s' % (' + '.join(self.inputs), self.output)]
        lines += ['  %-24s %-22s -> %s' % row for row in self.layers]
        lines.append('Numeric caveats:' if self.caveats else 'Numeric caveats: none')
        lines += ['  - ' + c for c in self.caveats]
        return '\n'.join(lines + self.verification)


def _read_text(path):
    if not os.path.exists(path):
        raise FileNotFoundError('No such Keras 1 model file: %s' % path)
    with open(path, 'rb') as f:
        raw = f.read()
    try:
        return raw.decode('utf8')
    except UnicodeDecodeError:
        raise Keras1FileError('%s is not a text (JSON/YAML) Keras 1 model config' % path) from None


def load_keras1(inputs, backend='theano', custom_objects=None):
    """A compat model with its weights from ``[model.json, weights.h5]`` or ``[full.h5]``.

    ``backend``: which Keras 1 backend wrote the weights ('theano' flips convolution kernels,
    'tensorflow' does not); the files do not record it. ``custom_objects``: the user's own
    functions and layers the config names, as Keras 1's ``model_from_json`` took them."""
    from compat.keras.engine import saving
    inputs = [str(p) for p in inputs]
    configs = [p for p in inputs if p.lower().endswith(('.json', '.yaml', '.yml'))]
    weights = [p for p in inputs if p not in configs]
    if len(configs) > 1 or len(weights) != 1:
        raise ConvertError('give a Keras 1 model.json and its weights .h5, or one full-model .h5 '
                           '(got %s)' % ', '.join(inputs or ['nothing']))
    if configs:
        text = _read_text(configs[0])
        if configs[0].lower().endswith('.json'):
            model = saving.model_from_json(text, custom_objects=custom_objects)
        else:
            import yaml
            try:
                model = saving.model_from_config(yaml.safe_load(text), custom_objects=custom_objects)
            except yaml.YAMLError as e:
                raise Keras1FileError('Invalid Keras 1 model YAML %s: %s' % (configs[0], e)) from None
        saving.load_weights(model, weights[0], backend=backend)
        return model
    path = weights[0]
    try:
        with saving._open_h5(path) as f:
            if 'model_config' not in f.attrs:
                raise Keras1FileError('%s holds weights only: give its model.json too '
                                      '(python -m compat convert model.json %s -o OUT.keras)' % (path, path))
            raw = f.attrs['model_config']
            config = json.loads(raw.decode('utf8') if isinstance(raw, bytes) else raw)
            model = saving.model_from_config(config, custom_objects=custom_objects)
            saving.read_weights_group(model, f['model_weights'], path, backend=backend)
    except (Keras1FileError, FileNotFoundError):
        raise
    except (KeyError, OSError, RuntimeError, ValueError, TypeError, UnicodeDecodeError) as e:
        raise saving._damaged(path, e) from e
    return model


def convert(inputs, output, channels_last=False, report=None, format=None, samples=None, rtol=1e-3, atol=1e-5,
            backend='theano', custom_objects=None):
    """Convert Keras 1 files ``inputs`` into ``output``: a ``.keras`` file, ``.onnx``, ``.tflite``
    (LiteRT) or a SavedModel folder (``format`` overrides the extension), verified in its runtime.

    ``channels_last=True`` makes 'th' image inputs (and image outputs) channels-last.
    Returns the :class:`Report`; nothing is written unless the whole conversion succeeds and the
    artifact's predictions match compat's within ``rtol``/``atol`` on ``samples`` (an ``.npz``
    path, else seeded random inputs). ``backend='auto'`` needs labelled samples. ``custom_objects``:
    the user's functions the Keras 1 config names (read only; the output holds built-ins alone).
    """
    from compat.convert.export import export
    return export(inputs, output, format=format, channels_last=channels_last, samples=samples, rtol=rtol,
                  atol=atol, backend=backend, report=report, custom_objects=custom_objects)
