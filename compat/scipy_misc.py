"""SciPy's removed ``scipy.misc.imsave`` / ``imread``, given back to scripts run by ``python -m compat``.

Keras 1.2.2's image examples (conv_filter_visualization, deep_dream,
neural_style_transfer, neural_doodle) start with ``from scipy.misc import
imsave`` (or ``imread``): SciPy 1.0 deprecated these Pillow wrappers and 1.2
removed them, so the scripts die on their imports before reaching Keras.
``restore`` puts SciPy 1.1's behaviour back on ``scipy.misc`` when SciPy is
installed and lacks them, as ``compat.restore_numpy_aliases`` does for ``np.float``.

    >>> import numpy as np, os, tempfile
    >>> from compat.scipy_misc import imsave, imread
    >>> path = os.path.join(tempfile.mkdtemp(), 'ramp.png')
    >>> imsave(path, np.array([[0.0, 0.5], [1.0, 2.0]]))
    >>> imread(path).tolist()
    [[0, 64], [128, 255]]
"""
import importlib.util
import sys
import types
import warnings


# SciPy 1.1 misc/pilutil.py imsave: bytescale, then toimage; SciPy 1.2 removed it.
# Self-contained (its imports inside): `python -m compat upgrade` copies it into upgraded files.
def imsave(name, arr, format=None):
    """SciPy <= 1.1's scipy.misc.imsave: byte-scale `arr` (its min -> 0, max -> 255, unless it is
    uint8 already) and save it with Pillow."""
    import numpy as np
    from PIL import Image
    data = np.asarray(arr)
    if data.dtype != np.uint8:
        low, high = data.min(), data.max()
        scale = 255.0 / ((high - low) or 1)
        data = ((data - low) * scale).clip(0, 255) + 0.5
    Image.fromarray(data.astype(np.uint8)).save(name, format)


# SciPy 1.1 misc/pilutil.py imread (fromimage); SciPy 1.2 removed it. Copied like imsave.
def imread(name, flatten=False, mode=None):
    """SciPy <= 1.1's scipy.misc.imread: the image as an array, through Pillow."""
    import numpy as np
    from PIL import Image
    im = Image.open(name)
    if mode is None and im.mode == "P":
        im = im.convert("RGBA" if "transparency" in im.info else "RGB")
    if flatten:
        im = im.convert("F")
    elif mode is not None:
        im = im.convert(mode)
    return np.array(im)


REMOVED = {'imsave': imsave, 'imread': imread}


def restore():
    """Give ``scipy.misc`` the functions above where SciPy is installed and lacks them; return their names."""
    if importlib.util.find_spec('scipy') is None:
        return []
    import scipy
    with warnings.catch_warnings():
        warnings.simplefilter('ignore', DeprecationWarning)  # scipy.misc itself is deprecated in SciPy 1.10+
        try:
            import scipy.misc as misc
        except ImportError:  # SciPy 2.0 removes the module
            misc = sys.modules['scipy.misc'] = types.ModuleType('scipy.misc')
            scipy.misc = misc
    missing = [name for name in REMOVED if not hasattr(misc, name)]
    for name in missing:
        setattr(misc, name, REMOVED[name])
    return missing
