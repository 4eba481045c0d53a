"""keras 1.2.2 applications/resnet50.py: ResNet50, optionally with ImageNet weights from Keras 1's cache.

>>> from compat.keras.applications.resnet50 import ResNet50
>>> ResNet50(include_top=False, weights=None, input_shape=(3, 197, 197)).output_shape  # 'th' ordering
(None, 2048, 1, 1)
"""
from compat.keras import backend as K
from compat.keras.applications import _common
from compat.keras.applications.imagenet_utils import (_obtain_input_shape, decode_predictions,  # noqa: F401
                                                     preprocess_input)
from compat.keras.engine.topology import Input, get_source_inputs  # noqa: F401  (keras 1.2.2 names)
from compat.keras.layers import (Activation, AveragePooling2D, BatchNormalization, Convolution2D, Dense, Flatten,
                                 MaxPooling2D, ZeroPadding2D, merge)
from compat.keras.models import Model
from compat.keras.utils.data_utils import get_file  # noqa: F401
from compat.keras.utils.layer_utils import convert_all_kernels_in_model  # noqa: F401  (keras 1.2.2 name)

WEIGHT_FILES = _common.imagenet_files('resnet50', 'v0.2', md5s={
    ('th', True): '1c1f8f5b0c8ee28fe9d950625a230e1c', ('th', False): 'f64f049c92468c9affcd44b0976cdafe',
    ('tf', True): 'a7b3fe01876f51b976af0dea6bc144eb', ('tf', False): 'a268eb855778b3df3c7506639542a6af'})
globals().update(_common.weights_path_names(WEIGHT_FILES))

# (filters of the three convolutions, blocks) per stage 2..5; each stage opens with a conv_block
STAGES = (((64, 64, 256), 'abc'), ((128, 128, 512), 'abcd'), ((256, 256, 1024), 'abcdef'),
          ((512, 512, 2048), 'abc'))


def _bn_axis():
    return 3 if K.image_dim_ordering() == 'tf' else 1


def _main_path(input_tensor, kernel_size, filters, stage, block, strides):
    conv_name, bn_name = 'res%d%s_branch' % (stage, block), 'bn%d%s_branch' % (stage, block)
    filter1, filter2, filter3 = filters
    x = Convolution2D(filter1, 1, 1, subsample=strides, name=conv_name + '2a')(input_tensor)
    x = BatchNormalization(axis=_bn_axis(), name=bn_name + '2a')(x)
    x = Activation('relu')(x)
    x = Convolution2D(filter2, kernel_size, kernel_size, border_mode='same', name=conv_name + '2b')(x)
    x = BatchNormalization(axis=_bn_axis(), name=bn_name + '2b')(x)
    x = Activation('relu')(x)
    x = Convolution2D(filter3, 1, 1, name=conv_name + '2c')(x)
    return BatchNormalization(axis=_bn_axis(), name=bn_name + '2c')(x)


def identity_block(input_tensor, kernel_size, filters, stage, block):
    """keras 1.2.2 resnet50.identity_block: 1x1, kxk, 1x1 convolutions plus the input itself."""
    x = _main_path(input_tensor, kernel_size, filters, stage, block, (1, 1))
    x = merge([x, input_tensor], mode='sum')
    return Activation('relu')(x)


def conv_block(input_tensor, kernel_size, filters, stage, block, strides=(2, 2)):
    """keras 1.2.2 resnet50.conv_block: the main path plus a strided 1x1 convolution of the input."""
    x = _main_path(input_tensor, kernel_size, filters, stage, block, strides)
    shortcut = Convolution2D(filters[2], 1, 1, subsample=strides,
                             name='res%d%s_branch1' % (stage, block))(input_tensor)
    shortcut = BatchNormalization(axis=_bn_axis(), name='bn%d%s_branch1' % (stage, block))(shortcut)
    x = merge([x, shortcut], mode='sum')
    return Activation('relu')(x)


@_common.application
def ResNet50(include_top=True, weights='imagenet', input_tensor=None, input_shape=None, classes=1000):
    """keras 1.2.2 ResNet50 in the configured image_dim_ordering.

    ``weights='imagenet'`` reads ``~/.keras/models/resnet50_weights_<th|tf>_dim_ordering_<th|tf>_kernels
    [_notop].h5`` (never downloaded); ``input_shape`` only without the top (at least 197x197, 3 channels).
    """
    _common.check_weights_arg(weights, include_top, classes)
    input_shape = _obtain_input_shape(input_shape, default_size=224, min_size=197,
                                      dim_ordering=K.image_dim_ordering(), include_top=include_top)
    img_input = _common.image_input(input_tensor, input_shape)

    x = ZeroPadding2D((3, 3))(img_input)
    x = Convolution2D(64, 7, 7, subsample=(2, 2), name='conv1')(x)
    x = BatchNormalization(axis=_bn_axis(), name='bn_conv1')(x)
    x = Activation('relu')(x)
    x = MaxPooling2D((3, 3), strides=(2, 2))(x)
    for stage, (filters, blocks) in enumerate(STAGES, start=2):
        x = conv_block(x, 3, filters, stage=stage, block='a', strides=(1, 1) if stage == 2 else (2, 2))
        for block in blocks[1:]:
            x = identity_block(x, 3, filters, stage=stage, block=block)
    x = AveragePooling2D((7, 7), name='avg_pool')(x)
    if include_top:
        x = Flatten()(x)
        x = Dense(classes, activation='softmax', name='fc1000')(x)

    model = Model(_common.model_inputs(input_tensor, img_input), x, name='resnet50')
    if weights == 'imagenet':
        _common.load_cached_weights(model, WEIGHT_FILES[K.image_dim_ordering(), bool(include_top)])
    return model

