"""keras 1.2.2 applications/audio_conv_utils.py: mel-spectrogram input and tag decoding for MusicTaggerCRNN.

>>> import numpy as np
>>> from compat.keras.applications.audio_conv_utils import decode_predictions, TAGS
>>> decode_predictions(np.eye(50)[:1], top_n=1)
[[('rock', 1.0)]]
"""
import numpy as np

from compat.keras import backend as K

try:
    import librosa
except ImportError:
    librosa = None

# the 50 Million Song Dataset tags, in the order of the model's outputs
TAGS = ['rock', 'pop', 'alternative', 'indie', 'electronic',
        'female vocalists', 'dance', '00s', 'alternative rock', 'jazz',
        'beautiful', 'metal', 'chillout', 'male vocalists',
        'classic rock', 'soul', 'indie rock', 'Mellow', 'electronica',
        '80s', 'folk', '90s', 'chill', 'instrumental', 'punk',
        'oldies', 'blues', 'hard rock', 'ambient', 'acoustic',
        'experimental', 'female vocalist', 'guitar', 'Hip-Hop',
        '70s', 'party', 'country', 'easy listening',
        'sexy', 'catchy', 'funk', 'electro', 'heavy metal',
        'Progressive rock', '60s', 'rnb', 'indie pop',
        'sad', 'House', 'happy']

# keras 1.2.2 audio_conv_utils.preprocess_input: mel-spectrogram parameters
SAMPLE_RATE, N_FFT, N_MELS, HOP_LENGTH, DURATION = 12000, 512, 96, 256, 29.12


def _log_power(melgram):
    # librosa < 0.6 logamplitude(S ** 2, ref_power=1.0) == power_to_db(S ** 2, ref=1.0) in later librosa
    if hasattr(librosa, 'logamplitude'):
        return librosa.logamplitude(melgram ** 2, ref_power=1.0)
    return librosa.power_to_db(melgram ** 2, ref=1.0)


def preprocess_input(audio_path, dim_ordering='default'):
    """The log-amplitude mel-spectrogram of the middle 29.12 s of an audio file, shaped (1, 96, 1366) for
    'th' or (96, 1366, 1) for 'tf' (keras 1.2.2 audio_conv_utils.preprocess_input). Needs librosa."""
    if dim_ordering == 'default':
        dim_ordering = K.image_dim_ordering()
    assert dim_ordering in {'tf', 'th'}
    if librosa is None:
        raise ImportError('Librosa is required to process audio files. '
                          'Install it via `pip install librosa` or visit '
                          'http://librosa.github.io/librosa/ for details.')
    src, sr = librosa.load(audio_path, sr=SAMPLE_RATE)
    n_sample, n_sample_wanted = src.shape[0], int(DURATION * sr)
    if n_sample < n_sample_wanted:  # too short: zeros after
        src = np.hstack((src, np.zeros((int(DURATION * sr) - n_sample,))))
    elif n_sample > n_sample_wanted:  # too long: the middle
        src = src[(n_sample - n_sample_wanted) // 2:(n_sample + n_sample_wanted) // 2]
    x = _log_power(librosa.feature.melspectrogram(y=src, sr=sr, hop_length=HOP_LENGTH, n_fft=N_FFT,
                                                  n_mels=N_MELS))
    # keras 1.2.2 wrote expand_dims(x, axis=3) for 'tf'; the NumPy of its day clipped that to the last axis
    return np.expand_dims(x, axis=0 if dim_ordering == 'th' else 2)


def decode_predictions(preds, top_n=5):
    """The ``top_n`` (tag, score) pairs of each row of ``preds`` (samples, 50), best first
    (keras 1.2.2 audio_conv_utils.decode_predictions)."""
    assert len(preds.shape) == 2 and preds.shape[1] == 50
    return [sorted(zip(TAGS, pred), key=lambda x: x[1], reverse=True)[:top_n] for pred in preds]
