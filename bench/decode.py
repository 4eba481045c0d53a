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


def last_word_decoder(model):
    """(image vectors, captions) -> next-word distribution at the *last* position only.

    modern.model.step_decoder applies the output Dense (256 x vocab) to all max_len positions and
    the caption search keeps only the last: at vocab 10000 that is 16 x 5.1 MFLOP per row per word,
    more than the CNN it saves. Reusing the model's own top GRU (return_sequences=False) computes
    the same last-position output with one output matmul. A proposal for modern/sample.py.
    """
    import keras
    from keras import layers
    from modern import model as M
    max_len = model.inputs[1].shape[1]
    vector = keras.Input(shape=(128,), name="image_vector")
    caption = keras.Input(shape=(max_len,), dtype="int32", name="caption")
    mask = M.padding_mask(caption) if M.is_masked(model) else None
    w = model.get_layer("embedding")(caption)
    w = model.get_layer("word_dense")(model.get_layer("rnn1")(w, mask=mask))
    h = layers.Concatenate(axis=-1)([layers.RepeatVector(max_len)(vector), w])
    out = model.get_layer("output")(model.get_layer("rnn2")(h, mask=mask))
    return keras.Model([vector, caption], out, name="last_word_decoder")


class LastWordCaptioner(S.Captioner):
    """Captioner with `last_word_decoder` in place of the all-positions step decoder."""

    def __init__(self, model, vocab):
        super().__init__(model, vocab)
        decoder = last_word_decoder(model)
        self._next = tf.function(lambda v, c: decoder([v, c], training=False), reduce_retracing=True)
