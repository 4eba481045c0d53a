"""Captioning throughput: modern.sample.Captioner (image encoded once, language side per word)
against the naive decoder that reruns the whole seed model (CNN included) for every word."""
import numpy as np
import tensorflow as tf

from modern import sample as S


class NaiveCaptioner(S.Captioner):
    """Same search as Captioner, but each word reruns the full model on (image, prefix).

    `encode` hands the images through unchanged, so Captioner's greedy/beam loops feed images to
    `_next`, which runs the whole model: what decoding with the seed model as Keras 1 users did.
    """

    def __init__(self, model, vocab):
        super().__init__(model, vocab)
        self._next = tf.function(lambda images, c: model([images, c], training=False), reduce_retracing=True)

    def encode(self, images, batch_size=64):
        return np.asarray(images)


def caption_rate(captioner, images, beam_width, batch_size):
    """Run the search on all images in batches of batch_size; returns the captions (to compare)."""
    if beam_width <= 1:
        return captioner.greedy(images, batch_size=batch_size)
    return captioner.beam(images, width=beam_width, batch_size=batch_size)
