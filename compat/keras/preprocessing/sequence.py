"""Sequence preprocessing of Keras 1.2.2 (keras 1.2.2 preprocessing/sequence.py).

``skipgrams`` draws from Python's ``random`` module as Keras 1 did, so
``random.seed(s)`` gives the couples and labels Keras 1.2.2 gave.
"""
import random

import numpy as np

__all__ = ['pad_sequences', 'make_sampling_table', 'skipgrams']

# keras 1.2.2 pad_sequences: which part of a sequence is kept / where it goes.
_TRUNCATE = {
    'pre': lambda s, maxlen: s[-maxlen:],
    'post': lambda s, maxlen: s[:maxlen],
}
_PLACE = {
    'pre': lambda row, values: row.__setitem__(slice(row.shape[0] - len(values), None), values),
    'post': lambda row, values: row.__setitem__(slice(None, len(values)), values),
}


def pad_sequences(sequences, maxlen=None, dtype='int32', padding='pre', truncating='pre', value=0.):
    """Pad/truncate sequences to one length: array ``(nb_samples, maxlen) + sample_shape``.

    keras 1.2.2 sequence.pad_sequences: ``maxlen`` defaults to the longest
    sequence; padding is ``value`` cast to ``dtype``; the sample shape comes
    from the first non-empty sequence.
    """
    if truncating not in _TRUNCATE:
        raise ValueError('Truncating type "%s" not understood (use "pre" or "post")' % truncating)
    if padding not in _PLACE:
        raise ValueError('Padding type "%s" not understood (use "pre" or "post")' % padding)
    lengths = [len(s) for s in sequences]
    if maxlen is None:
        if not lengths:
            raise ValueError('pad_sequences: no sequences given and no maxlen; pass maxlen=.')
        maxlen = np.max(lengths)

    sample_shape = tuple()
    for s in sequences:
        if len(s) > 0:
            sample_shape = np.asarray(s).shape[1:]
            break

    x = (np.ones((len(sequences), maxlen) + sample_shape) * value).astype(dtype)
    for idx, s in enumerate(sequences):
        if not len(s):
            continue
        trunc = np.asarray(_TRUNCATE[truncating](s, maxlen), dtype=dtype)
        if trunc.shape[1:] != sample_shape:
            raise ValueError('Shape of sample %s of sequence at position %s is different from expected '
                             'shape %s' % (trunc.shape[1:], idx, sample_shape))
        _PLACE[padding](x[idx], trunc)
    return x


def make_sampling_table(size, sampling_factor=1e-5):
    """word2vec sampling probability of the word of each rank, Zipf-approximated.

    keras 1.2.2 sequence.make_sampling_table (gamma 0.577, rank 0 treated as 1).
    """
    gamma = 0.577
    rank = np.arange(size)
    rank[0] = 1
    inv_fq = rank * (np.log(rank) + gamma) + 0.5 - 1. / (12. * rank)
    f = sampling_factor * inv_fq
    return np.minimum(1., f / np.sqrt(f))


def skipgrams(sequence, vocabulary_size, window_size=4, negative_samples=1., shuffle=True,
              categorical=False, sampling_table=None):
    """(couples, labels): context pairs labelled 1 and random negative pairs labelled 0.

    keras 1.2.2 sequence.skipgrams, same draws from ``random`` in the same order.
    Index 0 is a non-word and skipped.
    """
    positive = [0, 1] if categorical else 1
    negative = [1, 0] if categorical else 0
    couples, labels = [], []
    for i, wi in enumerate(sequence):
        if not wi:
            continue
        if sampling_table is not None and sampling_table[wi] < random.random():
            continue
        window_start = max(0, i - window_size)
        window_end = min(len(sequence), i + window_size + 1)
        for j in range(window_start, window_end):
            if j != i and sequence[j]:
                couples.append([wi, sequence[j]])
                labels.append(list(positive) if categorical else positive)

    if negative_samples > 0:
        nb_negative_samples = int(len(labels) * negative_samples)
        words = [c[0] for c in couples]
        random.shuffle(words)
        couples += [[words[i % len(words)], random.randint(1, vocabulary_size - 1)]
                    for i in range(nb_negative_samples)]
        # keras 1.2.2 repeats one list object for categorical negatives.
        labels += [negative] * nb_negative_samples

    if shuffle:
        # keras 1.2.2 shuffles both lists with the same reseeded stream. It drew the seed with
        # randint(0, 10e6); 10e6 as an int gives the same draw and works on Python 3.12.
        seed = random.randint(0, int(10e6))
        random.seed(seed)
        random.shuffle(couples)
        random.seed(seed)
        random.shuffle(labels)
    return couples, labels
