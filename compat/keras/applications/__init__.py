"""keras 1.2.2 ``keras.applications``: VGG16, VGG19, ResNet50, InceptionV3 and Xception built from compat's
Keras 1 layers, with Keras 1's pretrained weights read from its cache (``~/.keras/models``, never downloaded).
``music_tagger_crnn`` and ``audio_conv_utils`` are imported by their module names, as in Keras 1.2.2.

>>> from compat.keras.applications import VGG16
>>> VGG16(include_top=False, weights=None, input_shape=(3, 48, 48)).count_params()
14714688
"""
from compat.keras.applications.inception_v3 import InceptionV3
from compat.keras.applications.resnet50 import ResNet50
from compat.keras.applications.vgg16 import VGG16
from compat.keras.applications.vgg19 import VGG19
from compat.keras.applications.xception import Xception

__all__ = ['VGG16', 'VGG19', 'ResNet50', 'InceptionV3', 'Xception']
