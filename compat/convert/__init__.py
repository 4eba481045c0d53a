"""Keras 1 model files to native Keras 3, and Keras 1 weights into upgraded Keras 3 models.

- :func:`convert` / ``python -m compat convert INPUT... -o OUT.keras``: a Keras 1
  ``model.json`` + weights ``.h5`` (or a full-model ``.h5``) becomes a ``.keras``
  file that plain Keras 3 loads with ``keras.saving.load_model(path)``, no custom
  objects, with Keras 1's numbers (see ``native.py`` for how each layer is expressed).
- the same command with ``-o model.onnx``, ``-o model.tflite`` (LiteRT) or ``-o folder``
  (SavedModel) exports with Keras 3's tool chains; every artifact is run in its own runtime
  and kept only if it reproduces compat's predictions (``export.py``, ``runtimes.py``);
- ``python -m compat verify INPUT... --against NEW``: per-layer error of a port (``verify.py``);
- :func:`load_keras1_weights`: a Keras 1 weights file into the plain Keras 3 model
  that ``python -m compat upgrade`` code builds (see ``weights.py``); ``backend='auto'``
  picks Theano's or TensorFlow's kernel reading from labelled samples (``backend.py``).
"""
from compat.convert.cli import main
from compat.convert.core import ConvertError, Report, convert
from compat.convert.export import VerificationError
from compat.convert.weights import load_keras1_weights

__all__ = ['convert', 'main', 'load_keras1_weights', 'ConvertError', 'Report', 'VerificationError']
