"""keras 1.2.2 applications/xception.py: Xception ('tf' ordering only), optionally with ImageNet weights.

Keras 1.2.2 offered Xception on its TensorFlow backend only (SeparableConvolution2D
had no Theano version), so its numbers are TensorFlow's: the three strided
'same' max-poolings pad the odd pixel at the end (TensorFlow's 'SAME'), not on
both sides as Theano did, and the weight files hold TensorFlow kernels.

>>> from compat.keras.applications.xception import Xception
>>> Xception(include_top=False, weights=None, input_shape=(71, 71, 3)).output_shape
(None, 3, 3, 2048)
"""
import warnings

from compat._keras3 import tf
from compat.keras import backend as K
from compat.keras.applications import _common
from compat.keras.applications.imagenet_utils import _obtain_input_shape, decode_predictions  # noqa: F401
from compat.keras.engine.topology import Input, get_source_inputs  # noqa: F401  (keras 1.2.2 names)
from compat.keras.layers import (Activation, BatchNormalization, Conv2D, Dense, GlobalAveragePooling2D, MaxPooling2D,
                                 SeparableConv2D, merge)
from compat.keras.models import Model
from compat.keras.utils.data_utils import get_file  # noqa: F401

TF_WEIGHTS_PATH = _common.RELEASES + 'v0.4/xception_weights_tf_dim_ordering_tf_kernels.h5'
TF_WEIGHTS_PATH_NO_TOP = _common.RELEASES + 'v0.4/xception_weights_tf_dim_ordering_tf_kernels_notop.h5'
WEIGHT_FILES = {
    True: _common.WeightFile('xception_weights_tf_dim_ordering_tf_kernels.h5', TF_WEIGHTS_PATH, None, 'tensorflow'),
    False: _common.WeightFile('xception_weights_tf_dim_ordering_tf_kernels_notop.h5', TF_WEIGHTS_PATH_NO_TOP, None,
                              'tensorflow')}


class TensorFlowSameMaxPooling2D(MaxPooling2D):
    """MaxPooling2D(border_mode='same') as Keras 1.2.2's TensorFlow backend computed it
    (tensorflow_backend.pool2d: tf.nn.max_pool, padding 'SAME'); saved as a MaxPooling2D.

    >>> TensorFlowSameMaxPooling2D((3, 3), strides=(2, 2), border_mode='same').get_config()['border_mode']
    'same'
    """
    keras1_class = 'MaxPooling2D'

    def call(self, x):
        if self._k1['border_mode'] != 'same' or self._channels_first():
            return super().call(x)
        return tf.nn.max_pool2d(x, list(self._pool()), list(self._strides()), 'SAME')


def _separable(x, nb_filter, name):
    x = SeparableConv2D(nb_filter, 3, 3, border_mode='same', bias=False, name=name)(x)
    return BatchNormalization(name=name + '_bn')(x)


def _residual(x, nb_filter):
    residual = Conv2D(nb_filter, 1, 1, subsample=(2, 2), border_mode='same', bias=False)(x)
    return BatchNormalization()(residual)


def _pool(x, name):
    return TensorFlowSameMaxPooling2D((3, 3), strides=(2, 2), border_mode='same', name=name)(x)


@_common.application
def Xception(include_top=True, weights='imagenet', input_tensor=None, input_shape=None, classes=1000):
    """keras 1.2.2 Xception, always in 'tf' ordering (299x299x3 with the top; at least 71x71 without).

    Under 'th' ordering it warns, as Keras 1 did, and builds a 'tf'-ordered model.
    ``weights='imagenet'`` reads ``~/.keras/models/xception_weights_tf_dim_ordering_tf_kernels[_notop].h5``
    (never downloaded).
    """
    _common.check_weights_arg(weights, include_top, classes)
    if K.backend() != 'tensorflow':
        raise RuntimeError('The Xception model is only available with '
                           'the TensorFlow backend.')
    old_dim_ordering = None
    if K.image_dim_ordering() != 'tf':
        warnings.warn('The Xception model is only available for the '
                      'input dimension ordering "tf" '
                      '(width, height, channels). '
                      'However your settings specify the default '
                      'dimension ordering "th" (channels, width, height). '
                      'You should set `image_dim_ordering="tf"` in your Keras '
                      'config located at ~/.keras/keras.json. '
                      'The model being returned right now will expect inputs '
                      'to follow the "tf" dimension ordering.')
        old_dim_ordering = K.image_dim_ordering()
        K.set_image_dim_ordering('tf')
    try:
        return _xception(include_top, weights, input_tensor, input_shape, classes)
    finally:
        if old_dim_ordering:
            K.set_image_dim_ordering(old_dim_ordering)


def _xception(include_top, weights, input_tensor, input_shape, classes):
    input_shape = _obtain_input_shape(input_shape, default_size=299, min_size=71,
                                      dim_ordering=K.image_dim_ordering(), include_top=include_top)
    img_input = _common.image_input(input_tensor, input_shape)

    x = Conv2D(32, 3, 3, subsample=(2, 2), bias=False, name='block1_conv1')(img_input)
    x = BatchNormalization(name='block1_conv1_bn')(x)
    x = Activation('relu', name='block1_conv1_act')(x)
    x = Conv2D(64, 3, 3, bias=False, name='block1_conv2')(x)
    x = BatchNormalization(name='block1_conv2_bn')(x)
    x = Activation('relu', name='block1_conv2_act')(x)

    # entry flow: blocks 2-4, each a strided 1x1 residual around two separable convolutions and a pooling
    for block, nb_filter in ((2, 128), (3, 256), (4, 728)):
        residual = _residual(x, nb_filter)
        prefix = 'block%d' % block
        if block != 2:  # keras 1.2.2 starts block 2 straight from block1_conv2_act
            x = Activation('relu', name=prefix + '_sepconv1_act')(x)
        x = _separable(x, nb_filter, prefix + '_sepconv1')
        x = Activation('relu', name=prefix + '_sepconv2_act')(x)
        x = _separable(x, nb_filter, prefix + '_sepconv2')
        x = _pool(x, prefix + '_pool')
        x = merge([x, residual], mode='sum')

    # middle flow: blocks 5-12
    for block in range(5, 13):
        residual = x
        prefix = 'block%d' % block
        for conv in (1, 2, 3):
            x = Activation('relu', name='%s_sepconv%d_act' % (prefix, conv))(x)
            x = _separable(x, 728, '%s_sepconv%d' % (prefix, conv))
        x = merge([x, residual], mode='sum')

    # exit flow
    residual = _residual(x, 1024)
    x = Activation('relu', name='block13_sepconv1_act')(x)
    x = _separable(x, 728, 'block13_sepconv1')
    x = Activation('relu', name='block13_sepconv2_act')(x)
    x = _separable(x, 1024, 'block13_sepconv2')
    x = _pool(x, 'block13_pool')
    x = merge([x, residual], mode='sum')
    for conv, nb_filter in ((1, 1536), (2, 2048)):
        x = _separable(x, nb_filter, 'block14_sepconv%d' % conv)
        x = Activation('relu', name='block14_sepconv%d_act' % conv)(x)

    if include_top:
        x = GlobalAveragePooling2D(name='avg_pool')(x)
        x = Dense(classes, activation='softmax', name='predictions')(x)

    model = Model(_common.model_inputs(input_tensor, img_input), x, name='xception')
    if weights == 'imagenet':
        _common.load_cached_weights(model, WEIGHT_FILES[bool(include_top)])
    return model


def preprocess_input(x):
    """keras 1.2.2 xception.preprocess_input: pixels 0..255 to -1..1, in place."""
    x /= 255.
    x -= 0.5
    x *= 2.
    return x
