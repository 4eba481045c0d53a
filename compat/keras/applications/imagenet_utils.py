"""keras 1.2.2 applications/imagenet_utils.py: ImageNet input preprocessing and label decoding.

``decode_predictions`` reads ``imagenet_class_index.json`` from Keras 1's cache
(``~/.keras/models/``); compat never downloads it.

>>> import numpy as np
>>> from compat.keras.applications.imagenet_utils import preprocess_input
>>> preprocess_input(np.zeros((1, 2, 2, 3), 'float32'), dim_ordering='tf')[0, 0, 0].tolist()
[-103.93900299072266, -116.77899932861328, -123.68000030517578]
"""
import json

from compat.keras import backend as K
from compat.keras.utils.data_utils import get_file

CLASS_INDEX = None
CLASS_INDEX_PATH = 'https://s3.amazonaws.com/deep-learning-models/image-models/imagenet_class_index.json'

# the ImageNet mean pixel, in BGR order (keras 1.2.2 imagenet_utils.preprocess_input)
MEAN_BGR = (103.939, 116.779, 123.68)


def preprocess_input(x, dim_ordering='default'):
    """RGB -> BGR, then the mean pixel subtracted per channel (keras 1.2.2 imagenet_utils.preprocess_input).

    As in Keras 1, ``x`` (a 4-D float array) is changed in place and a reversed view of it returned.
    """
    if dim_ordering == 'default':
        dim_ordering = K.image_dim_ordering()
    assert dim_ordering in {'tf', 'th'}
    axis = 1 if dim_ordering == 'th' else 3
    flip = [slice(None)] * 4
    flip[axis] = slice(None, None, -1)
    x = x[tuple(flip)]
    for channel, mean in enumerate(MEAN_BGR):
        index = [slice(None)] * 4
        index[axis] = channel
        x[tuple(index)] -= mean
    return x


def decode_predictions(preds, top=5):
    """The ``top`` (class id, name, score) tuples of each row of ImageNet predictions
    (keras 1.2.2 imagenet_utils.decode_predictions)."""
    global CLASS_INDEX
    if len(preds.shape) != 2 or preds.shape[1] != 1000:
        raise ValueError('`decode_predictions` expects '
                         'a batch of predictions '
                         '(i.e. a 2D array of shape (samples, 1000)). '
                         'Found array with shape: ' + str(preds.shape))
    if CLASS_INDEX is None:
        fpath = get_file('imagenet_class_index.json', CLASS_INDEX_PATH, cache_subdir='models')
        with open(fpath) as f:
            CLASS_INDEX = json.load(f)
    results = []
    for pred in preds:
        top_indices = pred.argsort()[-top:][::-1]
        result = [tuple(CLASS_INDEX[str(i)]) + (pred[i],) for i in top_indices]
        result.sort(key=lambda x: x[2], reverse=True)
        results.append(result)
    return results


def _obtain_input_shape(input_shape, default_size, min_size, dim_ordering, include_top):
    """The model's input shape, checked as keras 1.2.2 imagenet_utils._obtain_input_shape checked it:
    the default size with the classifier on top, else 3 channels and at least ``min_size`` pixels."""
    channels_first = dim_ordering == 'th'
    default_shape = (3, default_size, default_size) if channels_first else (default_size, default_size, 3)
    if include_top:
        if input_shape is not None and input_shape != default_shape:
            raise ValueError('When setting`include_top=True`, '
                             '`input_shape` should be ' + str(default_shape) + '.')
        return default_shape
    if input_shape is None:
        return (3, None, None) if channels_first else (None, None, 3)
    if len(input_shape) != 3:
        raise ValueError('`input_shape` must be a tuple of three integers.')
    channels, rows, cols = (input_shape if channels_first else
                            (input_shape[2], input_shape[0], input_shape[1]))
    if channels != 3:
        raise ValueError('The input must have 3 channels; got '
                         '`input_shape=' + str(input_shape) + '`')
    if (rows is not None and rows < min_size) or (cols is not None and cols < min_size):
        raise ValueError('Input size must be at least ' +
                         str(min_size) + 'x' + str(min_size) + ', got '
                         '`input_shape=' + str(input_shape) + '`')
    return input_shape
