"""keras 1.2.2 applications/vgg16.py: VGG16, optionally with ImageNet weights from Keras 1's cache.

>>> from compat.keras.applications.vgg16 import VGG16
>>> VGG16(include_top=False, weights=None, input_shape=(3, 48, 48)).output_shape  # 'th' ordering
(None, 512, 1, 1)
"""
from compat.keras import backend as K
from compat.keras.applications import _common
from compat.keras.applications.imagenet_utils import (_obtain_input_shape, decode_predictions,  # noqa: F401
                                                     preprocess_input)
from compat.keras.engine.topology import Input, get_source_inputs  # noqa: F401  (keras 1.2.2 names)
from compat.keras.layers import Convolution2D, Dense, Flatten, MaxPooling2D
from compat.keras.models import Model
from compat.keras.utils.data_utils import get_file  # noqa: F401
from compat.keras.utils.layer_utils import convert_all_kernels_in_model  # noqa: F401  (keras 1.2.2 name)

WEIGHT_FILES = _common.imagenet_files('vgg16', 'v0.1')
globals().update(_common.weights_path_names(WEIGHT_FILES))

# the filters of the five blocks
BLOCK_FILTERS = (64, 128, 256, 512, 512)


def build_vgg(name, convs_per_block, files, include_top, weights, input_tensor, input_shape, classes):
    """keras 1.2.2 VGG16/VGG19: 3x3 'same' ReLU convolutions and 2x2 max pooling per block, then
    Flatten and fc1, fc2 (4096 ReLU) and the softmax ``predictions`` when ``include_top``."""
    _common.check_weights_arg(weights, include_top, classes)
    input_shape = _obtain_input_shape(input_shape, default_size=224, min_size=48,
                                      dim_ordering=K.image_dim_ordering(), include_top=include_top)
    img_input = _common.image_input(input_tensor, input_shape)
    x = img_input
    for block, (filters, convs) in enumerate(zip(BLOCK_FILTERS, convs_per_block), start=1):
        for conv in range(1, convs + 1):
            x = Convolution2D(filters, 3, 3, activation='relu', border_mode='same',
                              name='block%d_conv%d' % (block, conv))(x)
        x = MaxPooling2D((2, 2), strides=(2, 2), name='block%d_pool' % block)(x)
    if include_top:
        x = Flatten(name='flatten')(x)
        x = Dense(4096, activation='relu', name='fc1')(x)
        x = Dense(4096, activation='relu', name='fc2')(x)
        x = Dense(classes, activation='softmax', name='predictions')(x)
    model = Model(_common.model_inputs(input_tensor, img_input), x, name=name)
    if weights == 'imagenet':
        _common.load_cached_weights(model, files[K.image_dim_ordering(), bool(include_top)])
    return model


@_common.application
def VGG16(include_top=True, weights='imagenet', input_tensor=None, input_shape=None, classes=1000):
    """keras 1.2.2 VGG16 in the configured image_dim_ordering.

    ``weights='imagenet'`` reads ``~/.keras/models/vgg16_weights_<th|tf>_dim_ordering_<th|tf>_kernels
    [_notop].h5`` (never downloaded); ``input_shape`` only without the top (at least 48x48, 3 channels).
    """
    return build_vgg('vgg16', (2, 2, 3, 3, 3), WEIGHT_FILES, include_top, weights, input_tensor,
                     input_shape, classes)

