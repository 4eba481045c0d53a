"""keras 1.2.2 applications/inception_v3.py: InceptionV3, optionally with ImageNet weights from Keras 1's cache.

>>> from compat.keras.applications.inception_v3 import InceptionV3
>>> InceptionV3(include_top=False, weights=None, input_shape=(3, 139, 139)).output_shape  # 'th' ordering
(None, 2048, 3, 3)
"""
from compat.keras import backend as K
from compat.keras.applications import _common
from compat.keras.applications.imagenet_utils import _obtain_input_shape, decode_predictions  # noqa: F401
from compat.keras.engine.topology import Input, get_source_inputs  # noqa: F401  (keras 1.2.2 names)
from compat.keras.layers import (AveragePooling2D, BatchNormalization, Convolution2D, Dense, Flatten, MaxPooling2D,
                                 merge)
from compat.keras.models import Model
from compat.keras.utils.data_utils import get_file  # noqa: F401
from compat.keras.utils.layer_utils import convert_all_kernels_in_model  # noqa: F401  (keras 1.2.2 name)

WEIGHT_FILES = _common.imagenet_files('inception_v3', 'v0.2', md5s={
    ('th', True): 'b3baf3070cc4bf476d43a2ea61b0ca5f', ('th', False): '79aaa90ab4372b4593ba3df64e142f05',
    ('tf', True): 'fe114b3ff2ea4bf891e9353d1bbfb32f', ('tf', False): '2f3609166de1d967d1a481094754f691'})
globals().update(_common.weights_path_names(WEIGHT_FILES))


def _channel_axis():
    return 1 if K.image_dim_ordering() == 'th' else 3


def conv2d_bn(x, nb_filter, nb_row, nb_col, border_mode='same', subsample=(1, 1), name=None):
    """keras 1.2.2 inception_v3.conv2d_bn: a ReLU convolution, then BatchNormalization (in that order)."""
    conv_name, bn_name = (name + '_conv', name + '_bn') if name is not None else (None, None)
    x = Convolution2D(nb_filter, nb_row, nb_col, subsample=subsample, activation='relu',
                      border_mode=border_mode, name=conv_name)(x)
    return BatchNormalization(axis=_channel_axis(), name=bn_name)(x)


def _chain(x, convs):
    """conv2d_bn applied in turn: ``convs`` = ((nb_filter, nb_row, nb_col[, border_mode, subsample]), ...)."""
    for conv in convs:
        x = conv2d_bn(x, *conv)
    return x


def _avg_pool_branch(x, nb_filter):
    branch = AveragePooling2D((3, 3), strides=(1, 1), border_mode='same')(x)
    return conv2d_bn(branch, nb_filter, 1, 1)


def _concat(branches, name=None):
    return merge(branches, mode='concat', concat_axis=_channel_axis(), name=name)


@_common.application
def InceptionV3(include_top=True, weights='imagenet', input_tensor=None, input_shape=None, classes=1000):
    """keras 1.2.2 InceptionV3 in the configured image_dim_ordering.

    ``weights='imagenet'`` reads ``~/.keras/models/inception_v3_weights_<th|tf>_dim_ordering_<th|tf>_kernels
    [_notop].h5`` (never downloaded); ``input_shape`` only without the top (at least 139x139, 3 channels).
    """
    _common.check_weights_arg(weights, include_top, classes)
    input_shape = _obtain_input_shape(input_shape, default_size=299, min_size=139,
                                      dim_ordering=K.image_dim_ordering(), include_top=include_top)
    img_input = _common.image_input(input_tensor, input_shape)

    x = conv2d_bn(img_input, 32, 3, 3, subsample=(2, 2), border_mode='valid')
    x = conv2d_bn(x, 32, 3, 3, border_mode='valid')
    x = conv2d_bn(x, 64, 3, 3)
    x = MaxPooling2D((3, 3), strides=(2, 2))(x)
    x = conv2d_bn(x, 80, 1, 1, border_mode='valid')
    x = conv2d_bn(x, 192, 3, 3, border_mode='valid')
    x = MaxPooling2D((3, 3), strides=(2, 2))(x)

    # mixed 0, 1, 2: 35 x 35 x 256
    for i in range(3):
        x = _concat([conv2d_bn(x, 64, 1, 1),
                     _chain(x, ((48, 1, 1), (64, 5, 5))),
                     _chain(x, ((64, 1, 1), (96, 3, 3), (96, 3, 3))),
                     _avg_pool_branch(x, 32)], name='mixed%d' % i)

    # mixed 3: 17 x 17 x 768
    branch3x3 = conv2d_bn(x, 384, 3, 3, subsample=(2, 2), border_mode='valid')
    branch3x3dbl = _chain(x, ((64, 1, 1), (96, 3, 3), (96, 3, 3, 'valid', (2, 2))))
    x = _concat([branch3x3, branch3x3dbl, MaxPooling2D((3, 3), strides=(2, 2))(x)], name='mixed3')

    # mixed 4, 5, 6, 7: 17 x 17 x 768 (7x7 factorised as 1x7 and 7x1)
    for i, width in zip((4, 5, 6, 7), (128, 160, 160, 192)):
        x = _concat([conv2d_bn(x, 192, 1, 1),
                     _chain(x, ((width, 1, 1), (width, 1, 7), (192, 7, 1))),
                     _chain(x, ((160 if i == 7 else width, 1, 1), (width, 7, 1), (width, 1, 7), (width, 7, 1),
                                (192, 1, 7))),
                     _avg_pool_branch(x, 192)], name='mixed%d' % i)

    # mixed 8: 8 x 8 x 1280
    branch3x3 = _chain(x, ((192, 1, 1), (320, 3, 3, 'valid', (2, 2))))
    branch7x7x3 = _chain(x, ((192, 1, 1), (192, 1, 7), (192, 7, 1), (192, 3, 3, 'valid', (2, 2))))
    x = _concat([branch3x3, branch7x7x3, AveragePooling2D((3, 3), strides=(2, 2))(x)], name='mixed8')

    # mixed 9, 10: 8 x 8 x 2048
    for i in range(2):
        branch1x1 = conv2d_bn(x, 320, 1, 1)
        branch3x3 = conv2d_bn(x, 384, 1, 1)
        branch3x3 = _concat([conv2d_bn(branch3x3, 384, 1, 3), conv2d_bn(branch3x3, 384, 3, 1)],
                            name='mixed9_%d' % i)
        branch3x3dbl = _chain(x, ((448, 1, 1), (384, 3, 3)))
        branch3x3dbl = _concat([conv2d_bn(branch3x3dbl, 384, 1, 3), conv2d_bn(branch3x3dbl, 384, 3, 1)])
        x = _concat([branch1x1, branch3x3, branch3x3dbl, _avg_pool_branch(x, 192)], name='mixed%d' % (9 + i))

    if include_top:
        x = AveragePooling2D((8, 8), strides=(8, 8), name='avg_pool')(x)
        x = Flatten(name='flatten')(x)
        x = Dense(classes, activation='softmax', name='predictions')(x)

    model = Model(_common.model_inputs(input_tensor, img_input), x, name='inception_v3')
    if weights == 'imagenet':
        _common.load_cached_weights(model, WEIGHT_FILES[K.image_dim_ordering(), bool(include_top)])
    return model


def preprocess_input(x):
    """keras 1.2.2 inception_v3.preprocess_input: pixels 0..255 to -1..1, in place."""
    x /= 255.
    x -= 0.5
    x *= 2.
    return x

