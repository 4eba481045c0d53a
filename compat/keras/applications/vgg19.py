"""keras 1.2.2 applications/vgg19.py: VGG19, optionally with ImageNet weights from Keras 1's cache.

>>> from compat.keras.applications.vgg19 import VGG19
>>> VGG19(include_top=False, weights=None, input_shape=(3, 48, 48)).output_shape  # 'th' ordering
(None, 512, 1, 1)
"""
from compat.keras import backend as K
from compat.keras.applications import _common
from compat.keras.applications.imagenet_utils import decode_predictions, preprocess_input  # noqa: F401
from compat.keras.applications.vgg16 import build_vgg
from compat.keras.engine.topology import Input, get_source_inputs  # noqa: F401  (keras 1.2.2 names)
from compat.keras.layers import Convolution2D, Dense, Flatten, MaxPooling2D  # noqa: F401
from compat.keras.models import Model  # noqa: F401
from compat.keras.utils.data_utils import get_file  # noqa: F401
from compat.keras.utils.layer_utils import convert_all_kernels_in_model  # noqa: F401  (keras 1.2.2 name)

WEIGHT_FILES = _common.imagenet_files('vgg19', 'v0.1')
globals().update(_common.weights_path_names(WEIGHT_FILES))


@_common.application
def VGG19(include_top=True, weights='imagenet', input_tensor=None, input_shape=None, classes=1000):
    """keras 1.2.2 VGG19 in the configured image_dim_ordering.

    ``weights='imagenet'`` reads ``~/.keras/models/vgg19_weights_<th|tf>_dim_ordering_<th|tf>_kernels
    [_notop].h5`` (never downloaded); ``input_shape`` only without the top (at least 48x48, 3 channels).
    """
    return build_vgg('vgg19', (2, 2, 4, 4, 4), WEIGHT_FILES, include_top, weights, input_tensor,
                     input_shape, classes)

