"""Text preprocessing of Keras 1.2.2 (keras 1.2.2 preprocessing/text.py).

``Tokenizer.word_index`` ranks words by count; ties keep first-seen order
(Python 3.7+ dicts keep insertion order and the sort is stable), which is
what Keras 1.2.2 produces on Python 3.7.

``one_hot`` hashes words with Python's ``hash`` like Keras 1, so its indices
change between processes unless PYTHONHASHSEED is fixed, and differ from any
Keras 1 run (str hashing changed in Python 3.11). Pass ``hash_function`` (for
example ``'md5'``) for indices that are stable everywhere.
"""
import hashlib

import numpy as np

__all__ = ['text_to_word_sequence', 'one_hot', 'base_filter', 'Tokenizer']

_DEFAULT_FILTERS = '!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n'


def base_filter():
    """The default filter string (keras 1.0-1.1 text.base_filter; 1.2.2 dropped it but old code still calls it)."""
    return _DEFAULT_FILTERS


def text_to_word_sequence(text, filters=_DEFAULT_FILTERS, lower=True, split=' '):
    """Words of ``text``: lowercased, filter characters turned into ``split``, empty pieces dropped.

    keras 1.2.2 text.text_to_word_sequence.
    """
    if lower:
        text = text.lower()
    text = text.translate(str.maketrans(filters, split * len(filters)))
    return [w for w in text.split(split) if w]


def _md5(word):
    return int(hashlib.md5(word.encode('utf-8')).hexdigest(), 16)


_HASH_FUNCTIONS = {None: hash, 'md5': _md5}


def one_hot(text, n, filters=_DEFAULT_FILTERS, lower=True, split=' ', hash_function=None):
    """Each word hashed into ``[1, n)`` (keras 1.2.2 text.one_hot: ``abs(hash(w)) % (n - 1) + 1``).

    ``hash_function`` (not in Keras 1): None uses Python ``hash`` as Keras 1
    did; ``'md5'`` or any callable ``str -> int`` gives reproducible indices.
    """
    hasher = hash_function if callable(hash_function) else _HASH_FUNCTIONS.get(hash_function)
    if hasher is None:
        raise ValueError("one_hot: hash_function must be None, 'md5' or a callable, got %r" % (hash_function,))
    words = text_to_word_sequence(text, filters=filters, lower=lower, split=split)
    return [abs(hasher(w)) % (n - 1) + 1 for w in words]


def _count_into(counts, items):
    for item in items:
        counts[item] = counts.get(item, 0) + 1


# keras 1.2.2 Tokenizer.sequences_to_matrix: the value for a word seen c times
# in a sequence of length n.
_MATRIX_MODES = {
    'binary': lambda tok, j, c, n: 1,
    'count': lambda tok, j, c, n: c,
    'freq': lambda tok, j, c, n: c / n,
    # weighting scheme 2 of https://en.wikipedia.org/wiki/Tf%E2%80%93idf, as keras 1.2.2
    'tfidf': lambda tok, j, c, n: (1 + np.log(c)) *
                                  np.log(1 + tok.document_count / (1 + tok.index_docs.get(j, 0))),
}


class Tokenizer(object):
    """Text vectorizer (keras 1.2.2 text.Tokenizer): words -> integer ranks (1 = most frequent).

    # Arguments
        nb_words: keep only words of rank < nb_words in sequences and matrices.
        filters: characters to strip; lower: lowercase first; split: separator.
        char_level: treat each character as a word.
    """

    def __init__(self, nb_words=None, filters=_DEFAULT_FILTERS, lower=True, split=' ', char_level=False):
        self.word_counts = {}
        self.word_docs = {}
        self.filters = filters
        self.split = split
        self.lower = lower
        self.nb_words = nb_words
        self.document_count = 0
        self.char_level = char_level

    def _words(self, text):
        if self.char_level:
            return text
        return text_to_word_sequence(text, self.filters, self.lower, self.split)

    def fit_on_texts(self, texts):
        """Count words in ``texts`` (list or generator) and rebuild ``word_index`` / ``index_docs``.

        As in keras 1.2.2, counts accumulate over calls but ``document_count``
        restarts at each call.
        """
        self.document_count = 0
        for text in texts:
            self.document_count += 1
            seq = self._words(text)
            _count_into(self.word_counts, seq)
            _count_into(self.word_docs, set(seq))
        # Stable sort by count: ties keep first-seen order, as keras 1.2.2 on Python 3.7.
        ranked = sorted(self.word_counts.items(), key=lambda wc: wc[1], reverse=True)
        self.word_index = {w: rank for rank, (w, _) in enumerate(ranked, start=1)}
        self.index_docs = {self.word_index[w]: c for w, c in self.word_docs.items()}

    def fit_on_sequences(self, sequences):
        """Document frequencies from integer sequences, for ``sequences_to_matrix`` (keras 1.2.2)."""
        self.document_count = len(sequences)
        self.index_docs = {}
        for seq in sequences:
            _count_into(self.index_docs, set(seq))

    def texts_to_sequences(self, texts):
        """List of word-index lists; unknown words and ranks >= nb_words are dropped."""
        return list(self.texts_to_sequences_generator(texts))

    def texts_to_sequences_generator(self, texts):
        """Yield one word-index list per text (keras 1.2.2 Tokenizer.texts_to_sequences_generator)."""
        self._require_fit('texts_to_sequences')
        nb_words = self.nb_words
        for text in texts:
            vect = []
            for w in self._words(text):
                i = self.word_index.get(w)
                if i is not None and not (nb_words and i >= nb_words):
                    vect.append(i)
            yield vect

    def texts_to_matrix(self, texts, mode='binary'):
        """``sequences_to_matrix(texts_to_sequences(texts), mode)``."""
        return self.sequences_to_matrix(self.texts_to_sequences(texts), mode=mode)

    def sequences_to_matrix(self, sequences, mode='binary'):
        """float64 matrix ``(len(sequences), nb_words)``; mode binary, count, freq or tfidf.

        Width is ``nb_words`` or ``len(word_index) + 1``; indices beyond it are
        ignored (keras 1.2.2 Tokenizer.sequences_to_matrix).
        """
        if mode not in _MATRIX_MODES:
            raise ValueError('Unknown vectorization mode: %r (use one of %s)' % (mode, sorted(_MATRIX_MODES)))
        if self.nb_words:
            nb_words = self.nb_words
        elif getattr(self, 'word_index', None):
            nb_words = len(self.word_index) + 1
        else:
            raise ValueError('Specify a dimension (nb_words argument), or fit on some text data first.')
        if mode == 'tfidf' and not self.document_count:
            raise ValueError('Fit the Tokenizer on some data before using tfidf mode.')
        value = _MATRIX_MODES[mode]
        x = np.zeros((len(sequences), nb_words))
        for i, seq in enumerate(sequences):
            if not seq:
                continue
            counts = {}
            _count_into(counts, (j for j in seq if j < nb_words))
            for j, c in counts.items():
                x[i][j] = value(self, j, float(c), len(seq))
        return x

    def _require_fit(self, method):
        if not hasattr(self, 'word_index'):
            raise ValueError('Tokenizer.%s needs a vocabulary: call fit_on_texts first.' % method)
