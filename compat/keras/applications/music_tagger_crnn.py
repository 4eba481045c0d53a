"""keras 1.2.2 applications/music_tagger_crnn.py: MusicTaggerCRNN, optionally with its Million Song Dataset
weights from Keras 1's cache.

>>> from compat.keras.applications.music_tagger_crnn import MusicTaggerCRNN
>>> MusicTaggerCRNN(weights=None).output_shape
(None, 50)
"""
from compat.keras import backend as K
from compat.keras.applications import _common
from compat.keras.applications.audio_conv_utils import decode_predictions, preprocess_input  # noqa: F401
from compat.keras.engine.topology import Input, get_source_inputs  # noqa: F401  (keras 1.2.2 names)
from compat.keras.layers import (ELU, GRU, BatchNormalization, Convolution2D, Dense, Dropout,  # noqa: F401
                                 MaxPooling2D, Permute, Reshape, ZeroPadding2D)
from compat.keras.models import Model
from compat.keras.utils.data_utils import get_file  # noqa: F401
from compat.keras.utils.layer_utils import convert_all_kernels_in_model  # noqa: F401  (keras 1.2.2 name)

# both files hold TensorFlow kernels, whatever the ordering (keras 1.2.2 converted them on Theano)
TH_WEIGHTS_PATH = _common.RELEASES + 'v0.3/music_tagger_crnn_weights_tf_kernels_th_dim_ordering.h5'
TF_WEIGHTS_PATH = _common.RELEASES + 'v0.3/music_tagger_crnn_weights_tf_kernels_tf_dim_ordering.h5'
WEIGHT_FILES = {
    'th': _common.WeightFile('music_tagger_crnn_weights_tf_kernels_th_dim_ordering.h5', TH_WEIGHTS_PATH, None,
                             'tensorflow'),
    'tf': _common.WeightFile('music_tagger_crnn_weights_tf_kernels_tf_dim_ordering.h5', TF_WEIGHTS_PATH, None,
                             'tensorflow')}

# (filters, pooling) of the four convolution blocks
CONV_BLOCKS = ((64, 2), (128, 3), (128, 4), (128, 4))


@_common.application
def MusicTaggerCRNN(weights='msd', input_tensor=None, include_top=True, classes=50):
    """keras 1.2.2 MusicTaggerCRNN: mel-spectrograms (1, 96, 1366) ('th') or (96, 1366, 1) ('tf') to 50 tag
    probabilities (or, without the top, 32 features).

    ``weights='msd'`` reads ``~/.keras/models/music_tagger_crnn_weights_tf_kernels_<th|tf>_dim_ordering.h5``
    by layer name (never downloaded).
    """
    _common.check_weights_arg(weights, include_top, classes, pretrained='msd', pretrained_classes=50)
    th = K.image_dim_ordering() == 'th'
    melgram_input = _common.image_input(input_tensor, (1, 96, 1366) if th else (96, 1366, 1))
    channel_axis, time_axis = (1, 3) if th else (3, 2)

    x = ZeroPadding2D(padding=(0, 37))(melgram_input)
    x = BatchNormalization(axis=time_axis, name='bn_0_freq')(x)
    for block, (nb_filter, pool) in enumerate(CONV_BLOCKS, start=1):
        x = Convolution2D(nb_filter, 3, 3, border_mode='same', name='conv%d' % block)(x)
        x = BatchNormalization(axis=channel_axis, mode=0, name='bn%d' % block)(x)
        x = ELU()(x)
        x = MaxPooling2D(pool_size=(pool, pool), strides=(pool, pool), name='pool%d' % block)(x)
    if th:
        x = Permute((3, 1, 2))(x)
    x = Reshape((15, 128))(x)
    x = GRU(32, return_sequences=True, name='gru1')(x)
    x = GRU(32, return_sequences=False, name='gru2')(x)
    if include_top:
        x = Dense(classes, activation='sigmoid', name='output')(x)

    model = Model(_common.model_inputs(input_tensor, melgram_input), x, name='music_tagger_crnn')
    if weights is not None:
        _common.load_cached_weights(model, WEIGHT_FILES[K.image_dim_ordering()], by_name=True)
    return model

