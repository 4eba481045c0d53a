"""What every keras 1.2.2 application shares: the argument checks, the input, the cached weights.

Keras 1 saved each application's weights twice: the 'th' files hold Theano
kernels (true convolutions), the 'tf' files TensorFlow kernels
(cross-correlations); Keras 1 flipped them with ``convert_all_kernels_in_model``
whenever the backend's convention differed. Compat keeps Keras 1's Theano
convention in its layers, so a file is read with the convention it was written
in (``load_weights(..., backend=...)``), which gives the numbers Keras 1 gave.
"""
import collections
import functools
import warnings

from compat.keras import backend as K
from compat.keras.engine.topology import Input, get_source_inputs
from compat.keras.utils.data_utils import get_file

# one weight file Keras 1 fetched: its name in ~/.keras/models, the URL, the md5 Keras 1 checked
# (None: unchecked) and the convolution convention of its kernels ('theano' or 'tensorflow')
WeightFile = collections.namedtuple('WeightFile', 'fname url md5 kernels')

RELEASES = 'https://github.com/fchollet/deep-learning-models/releases/download/'


def application(build):
    """The Keras 1 spellings inside compat's own model code are not the caller's: no Keras1Warning for them."""
    from compat.keras.engine.arguments import Keras1Warning

    @functools.wraps(build)
    def quiet_build(*args, **kwargs):
        with warnings.catch_warnings():
            warnings.simplefilter('ignore', Keras1Warning)
            return build(*args, **kwargs)
    return quiet_build


def check_weights_arg(weights, include_top, classes, pretrained='imagenet', pretrained_classes=1000):
    """keras 1.2.2 applications (VGG16 ... Xception): the checks opening every model."""
    if weights not in {pretrained, None}:
        raise ValueError('The `weights` argument should be either '
                         '`None` (random initialization) or `%s` '
                         '(pre-training on %s).'
                         % (pretrained, 'ImageNet' if pretrained == 'imagenet' else 'Million Song Dataset'))
    if weights == pretrained and include_top and classes != pretrained_classes:
        raise ValueError('If using `weights` as %s with `include_top`'
                         ' as true, `classes` should be %d' % (pretrained, pretrained_classes))


def image_input(input_tensor, input_shape):
    """keras 1.2.2 applications: a new Input, or the given tensor (wrapped when not a Keras tensor)."""
    if input_tensor is None:
        return Input(shape=input_shape)
    if not K.is_keras_tensor(input_tensor):
        return Input(tensor=input_tensor, shape=input_shape)
    return input_tensor


def model_inputs(input_tensor, img_input):
    """keras 1.2.2 applications: the model starts at whatever ``input_tensor`` was computed from."""
    return get_source_inputs(input_tensor) if input_tensor is not None else img_input


def load_cached_weights(model, weight_file, by_name=False):
    """Load ``weight_file`` from Keras 1's cache (``~/.keras/models``) into ``model``.

    A missing file raises FileNotFoundError naming the file, the URL Keras 1 used
    and where to put it (compat never downloads).
    """
    # (Keras 1.2.2 on TensorFlow also warned that 'th' ordering ran slower there; compat's 'th' is
    # Keras 1's Theano layout, so that warning is not repeated)
    path = get_file(weight_file.fname, weight_file.url, md5_hash=weight_file.md5, cache_subdir='models')
    model.load_weights(path, by_name=by_name, backend=weight_file.kernels)
    return model


def imagenet_files(model_name, release, md5s=None):
    """The four files of an ImageNet model, by (dim_ordering, include_top), named as keras 1.2.2 named
    them (``<model>_weights_<ordering>_dim_ordering_<ordering>_kernels[_notop].h5``)."""
    md5s = md5s or {}
    files = {}
    for ordering, kernels in (('th', 'theano'), ('tf', 'tensorflow')):
        for include_top, suffix in ((True, ''), (False, '_notop')):
            fname = '%s_weights_%s_dim_ordering_%s_kernels%s.h5' % (model_name, ordering, ordering, suffix)
            files[ordering, include_top] = WeightFile(fname, RELEASES + release + '/' + fname,
                                                      md5s.get((ordering, include_top)), kernels)
    return files


def weights_path_names(files):
    """The module constants keras 1.2.2 defined for the URLs (TH_WEIGHTS_PATH, TF_WEIGHTS_PATH_NO_TOP...)."""
    return {'%s_WEIGHTS_PATH%s' % (ordering.upper(), '' if top else '_NO_TOP'): f.url
            for (ordering, top), f in files.items()}

