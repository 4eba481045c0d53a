"""keras.utils of Keras 1.2.2: np_utils, generic_utils, data_utils, io_utils, layer_utils, test_utils, visualize_util.

Like keras 1.2.2 utils/__init__.py this imports nothing; use ``from keras.utils import np_utils``.
"""

from compat.keras._reexports import reexported  # noqa: E402

__getattr__ = reexported(__name__)
