"""Keras 1 backend settings: floatx, epsilon, image_dim_ordering, uids.

Follows keras 1.2.2 ``keras/backend/common.py`` and the config reading in
``keras/backend/__init__.py``. The compat backend is always TensorFlow: a
``"backend": "theano"`` entry in ``~/.keras/keras.json`` or ``KERAS_BACKEND``
is accepted and ignored (numerics follow Theano where they differ).
"""
import json
import os
import warnings
from collections import defaultdict

import numpy as np

# keras 1.2.2 backend/common.py defaults; 'th' is what the seed script assumes.
_FLOATX = 'float32'
_EPSILON = 1e-7
_IMAGE_DIM_ORDERING = 'th'
_UID_PREFIXES = defaultdict(int)


def epsilon():
    return _EPSILON


def set_epsilon(e):
    global _EPSILON
    _EPSILON = float(e)


def floatx():
    return _FLOATX


def set_floatx(value):
    global _FLOATX
    if value not in {'float16', 'float32', 'float64'}:
        raise ValueError('Unknown floatx type: %r (use float16, float32 or float64)' % (value,))
    _FLOATX = str(value)


def cast_to_floatx(x):
    return np.asarray(x, dtype=_FLOATX)


def image_dim_ordering():
    return _IMAGE_DIM_ORDERING


def set_image_dim_ordering(dim_ordering):
    global _IMAGE_DIM_ORDERING
    if dim_ordering not in {'tf', 'th'}:
        raise ValueError("image_dim_ordering must be 'tf' or 'th', got %r" % (dim_ordering,))
    _IMAGE_DIM_ORDERING = str(dim_ordering)


def get_uid(prefix=''):
    """keras 1.2.2 backend get_uid: per-prefix counter starting at 1."""
    _UID_PREFIXES[prefix] += 1
    return _UID_PREFIXES[prefix]


def reset_uids():
    _UID_PREFIXES.clear()


_LEGACY_WEIGHT_ORDERING = False


def set_legacy_weight_ordering(value):
    """keras 1.2.2 backend/common.py flag (weight order of pre-1.0 Keras files)."""
    global _LEGACY_WEIGHT_ORDERING
    if value not in {True, False}:
        raise ValueError('set_legacy_weight_ordering: expected True or False, got %r' % (value,))
    _LEGACY_WEIGHT_ORDERING = value


def legacy_weight_ordering():
    return _LEGACY_WEIGHT_ORDERING


def backend():
    """The backend Keras 1 code sees. Compat computes with TensorFlow."""
    return 'tensorflow'


def _load_user_config():
    """Read ~/.keras/keras.json the way keras 1.2.2 backend/__init__.py does.

    Never writes the file (Keras 3 shares it) and never fails on keys Keras 1
    did not know or on a Theano backend entry.
    """
    path = os.path.join(os.path.expanduser('~'), '.keras', 'keras.json')
    if not os.path.exists(path):
        return
    try:
        with open(path) as f:
            config = json.load(f)
    except (OSError, ValueError) as e:
        warnings.warn('compat: ignoring unreadable %s (%s)' % (path, e))
        return
    if 'floatx' in config:
        set_floatx(config['floatx'])
    if 'epsilon' in config:
        set_epsilon(config['epsilon'])
    # Only Keras 1's own key counts: Keras 3 writes image_data_format='channels_last'
    # into the same file by default, which must not switch a Keras 1 script to 'tf'.
    if config.get('image_dim_ordering') in ('th', 'tf'):
        set_image_dim_ordering(config['image_dim_ordering'])


_load_user_config()

from compat.keras._reexports import reexported  # noqa: E402

__getattr__ = reexported(__name__)
