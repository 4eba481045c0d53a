"""Index remapping shared by imdb and reuters (keras 1.2.2 datasets/imdb.py, reuters.py load_data)."""
import numpy as np


def shuffle_pair(xs, labels, seed):
    """Shuffle both lists in place with the same permutation, reseeding np.random like Keras 1."""
    np.random.seed(seed)
    np.random.shuffle(xs)
    np.random.seed(seed)
    np.random.shuffle(labels)


def remap(xs, labels, nb_words, skip_top, maxlen, start_char, oov_char, index_from):
    """Offset indices, prepend start_char, drop sequences of length >= maxlen, cut the vocabulary."""
    if start_char is not None:
        xs = [[start_char] + [w + index_from for w in x] for x in xs]
    elif index_from:
        xs = [[w + index_from for w in x] for x in xs]
    if maxlen:
        kept = [(x, y) for x, y in zip(xs, labels) if len(x) < maxlen]
        xs, labels = [x for x, _ in kept], [y for _, y in kept]
    if not xs:
        raise ValueError('After filtering for sequences shorter than maxlen=%s, no sequence was kept. '
                         'Increase maxlen.' % maxlen)
    if not nb_words:
        nb_words = max(max(x) for x in xs if x) if any(xs) else 0
    dropped = lambda w: w >= nb_words or w < skip_top  # noqa: E731
    if oov_char is not None:
        xs = [[oov_char if dropped(w) else w for w in x] for x in xs]
    else:
        # keras 1.2.2 keeps exactly the words it meant to drop here (a bug fixed in Keras 2);
        # reproduced so results match.
        xs = [[w for w in x if dropped(w)] for x in xs]
    return xs, labels


def as_array(seqs):
    """``np.array`` of the sequences as Keras 1 built it (2D if all lengths are equal)."""
    try:
        return np.array(seqs)
    except ValueError:  # ragged: numpy >= 1.24 wants dtype=object explicitly
        out = np.empty(len(seqs), dtype=object)
        out[:] = seqs
        return out
