"""Keras 1.2.2 ``keras.layers.embeddings.Embedding`` on Keras 3.

>>> from compat.keras.layers.embeddings import Embedding
>>> Embedding(1000, 64, input_length=10, mask_zero=True).get_config()['input_length']
10
"""
from compat._keras3 import keras, tf
from compat.keras.engine.topology import Keras1Layer


class Embedding(Keras1Layer, keras.layers.Embedding):
    """keras 1.2.2 layers/embeddings.py Embedding(input_dim, output_dim, init='uniform', ...).

    ``dropout`` drops whole rows of the embedding matrix (every occurrence of a
    word) during training, scaled by 1 / (1 - dropout), as Keras 1 did.
    """

    def call(self, inputs, training=None):
        rate = self._k1['dropout']
        if not training or not rate:
            return super().call(inputs)
        # keras 1.2.2 Embedding.call: W * binomial(input_dim) / retain_p, in the learning phase only
        retain = 1.0 - rate
        keep = tf.cast(tf.random.uniform((self._k1['input_dim'], 1)) < retain, self.embeddings.dtype)
        ids = tf.cast(inputs, 'int32')
        return tf.gather(self.embeddings * keep / retain, ids)

from compat.keras._reexports import reexported  # noqa: E402

__getattr__ = reexported(__name__)
