"""Captioning: greedy and beam search, batched over images.

Each image is encoded once (modern.model.image_encoder); every search step runs only the language
side (modern.model.next_word_decoder) on the pre-padded prefixes, which the padding mask makes equal to
running the seed model on each prefix.
"""
import numpy as np
import tensorflow as tf

from . import data as D
from . import model as M

NEG = -1e30


class Captioner:
    def __init__(self, model, vocab):
        self.model, self.vocab = model, vocab
        _, self.max_len, self.image_shape = M.sizes(model)
        self.encoder = M.image_encoder(model)
        decoder = M.next_word_decoder(model)
        self._next = tf.function(lambda v, c: decoder([v, c], training=False), reduce_retracing=True)
        # never generate padding or <start>
        self.banned = [vocab.index[D.PAD], vocab.index[D.START]]

    def _log_probs(self, vectors, prefixes):
        x = D.pad_sequences(prefixes, self.max_len)
        logp = np.log(np.maximum(self._next(vectors, x).numpy(), 1e-30))
        logp[:, self.banned] = NEG
        return logp

    def encode(self, images, batch_size=64):
        return np.concatenate([self.encoder(images[i:i + batch_size], training=False).numpy()
                               for i in range(0, len(images), batch_size)])

    def greedy(self, images, batch_size=64):
        """One caption (list of word indices, <end> excluded) per image."""
        out = []
        end = self.vocab.index[D.END]
        for i in range(0, len(images), batch_size):
            vectors = self.encode(images[i:i + batch_size])
            seqs = [[self.vocab.index[D.START]] for _ in vectors]
            done = np.zeros(len(vectors), bool)
            for _ in range(self.max_len):
                words = self._log_probs(vectors, seqs).argmax(-1)
                for j, w in enumerate(words):
                    if not done[j]:
                        seqs[j].append(int(w))
                done |= words == end
                if done.all():
                    break
            out += [[w for w in s[1:] if w != end] for s in seqs]
        return out

    def beam(self, images, width=3, batch_size=16, length_norm=0.0):
        """Beam search of `width` beams per image; the best beam's words per image.

        Scores are summed log-probabilities, divided by (caption length) ** length_norm.
        """
        end, start = self.vocab.index[D.END], self.vocab.index[D.START]
        out = []
        for i in range(0, len(images), batch_size):
            vectors = self.encode(images[i:i + batch_size])
            b = len(vectors)
            seqs = np.full((b, width, 1), start, dtype="int64")
            scores = np.full((b, width), NEG)
            scores[:, 0] = 0.0  # all beams start identical: keep one
            flat_vectors = np.repeat(vectors, width, axis=0)
            for _ in range(self.max_len):
                finished = (seqs == end).any(axis=2)
                if finished.all():
                    break
                logp = self._log_probs(flat_vectors, [s[s != 0] for s in seqs.reshape(b * width, -1)])
                logp = logp.reshape(b, width, -1)
                # a finished beam continues only with padding (index 0), at no cost
                logp[finished] = NEG
                logp[finished, 0] = 0.0
                cand = (scores[:, :, None] + logp).reshape(b, -1)
                best = np.argsort(-cand, axis=1, kind="stable")[:, :width]
                beam_of, word = np.divmod(best, logp.shape[2])
                seqs = np.concatenate([np.take_along_axis(seqs, beam_of[:, :, None], 1), word[:, :, None]], 2)
                scores = np.take_along_axis(cand, best, 1)
            words = [[[int(w) for w in s[1:] if w not in (end, 0)] for s in row] for row in seqs]
            lengths = np.array([[len(w) + 1 for w in row] for row in words])
            final = scores / lengths ** length_norm
            out += [row[int(final[j].argmax())] for j, row in enumerate(words)]
        return out

    def caption(self, images, beam_width=1):
        """Caption texts for images (N, H, W, 3) in [0, 1]; beam_width 1 = greedy."""
        seqs = self.greedy(images) if beam_width <= 1 else self.beam(images, beam_width)
        return [self.vocab.decode(s) for s in seqs]
