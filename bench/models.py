"""The contenders: the seed caption model through compat and in modern/ (Keras 3), a small MLP both
ways, and the seed's data (generated scenes, modern/data.py) in both layouts."""
import numpy as np

from modern import data as D
from modern import model as M


def seed_data(n_images, n_samples, vocab_size, max_len, image_size):
    """What legacy/caption_seed.py feeds fit: (images NCHW, partial_captions, next_words one-hot),
    plus the scenes and vocabulary (for whole-caption training and decoding)."""
    scenes = D.shapes_dataset(n_train=n_images, n_val=0, n_test=0, image_size=image_size, seed=0)["train"]
    vocab = D.Vocabulary.build(scenes.captions)
    if len(vocab) > vocab_size:
        raise ValueError(f"vocab_size={vocab_size}: the generated captions use {len(vocab)} words; pass more")
    rows, captions, nexts = D.prefix_arrays(scenes, vocab, max_len)
    reps = -(-n_samples // len(rows))  # repeat rows when more samples are asked than scenes give
    rows, captions, nexts = (np.tile(a, (reps,) + (1,) * (a.ndim - 1))[:n_samples] for a in (rows, captions, nexts))
    next_words = np.zeros((len(rows), vocab_size), "float32")
    next_words[np.arange(len(rows)), nexts] = 1
    images = scenes.images[rows].transpose(0, 3, 1, 2)  # 'th' channels first, as the seed
    return dict(images=np.ascontiguousarray(images), captions=captions.astype("int32"),
                next_words=next_words, next_index=nexts.astype("int32"), scenes=scenes, vocab=vocab)


def compat_image_model(image_size=100, dim_ordering="th"):
    """The seed's image_model lines (up to Dense 128) through compat; dim_ordering='tf' is the
    channels-last variant (for measuring what the 'th' layout costs)."""
    import compat.keras as keras1
    from compat.keras.layers import Activation, Convolution2D, Dense, Flatten, MaxPooling2D
    image_model = keras1.models.Sequential()
    shape = (3, image_size, image_size) if dim_ordering == "th" else (image_size, image_size, 3)
    image_model.add(Convolution2D(32, 3, 3, border_mode="valid", input_shape=shape, dim_ordering=dim_ordering))
    image_model.add(Activation("relu"))
    image_model.add(Convolution2D(32, 3, 3, dim_ordering=dim_ordering))
    image_model.add(Activation("relu"))
    image_model.add(MaxPooling2D(pool_size=(2, 2), dim_ordering=dim_ordering))
    image_model.add(Convolution2D(64, 3, 3, border_mode="valid", dim_ordering=dim_ordering))
    image_model.add(Activation("relu"))
    image_model.add(Convolution2D(64, 3, 3, dim_ordering=dim_ordering))
    image_model.add(Activation("relu"))
    image_model.add(MaxPooling2D(pool_size=(2, 2), dim_ordering=dim_ordering))
    image_model.add(Flatten())
    image_model.add(Dense(128))
    return image_model


def compat_seed(vocab_size=10000, max_len=16, image_size=100):
    """legacy/caption_seed.py's model lines through compat (sizes as arguments so tests can shrink it)."""
    import compat.keras as keras1
    from compat.keras.layers import (GRU, Activation, Dense, Embedding, Merge, RepeatVector,
                                     TimeDistributedDense)
    image_model = compat_image_model(image_size)
    language_model = keras1.models.Sequential()
    language_model.add(Embedding(vocab_size, 256, input_length=max_len))
    language_model.add(GRU(output_dim=128, return_sequences=True))
    language_model.add(TimeDistributedDense(128))
    image_model.add(RepeatVector(max_len))
    model = keras1.models.Sequential()
    model.add(Merge([image_model, language_model], mode="concat", concat_axis=-1))
    model.add(GRU(256, return_sequences=False))
    model.add(Dense(vocab_size))
    model.add(Activation("softmax"))
    model.compile(loss="categorical_crossentropy", optimizer="rmsprop")
    return model


def modern_seed(vocab_size=10000, max_len=16, image_size=100, mask_zero=False):
    """modern.model.build_model compiled as the seed compiles (Keras 3 RMSprop, default lr 0.001)."""
    import keras
    model = M.build_model(vocab_size, max_len, (image_size, image_size, 3), mask_zero=mask_zero)
    model.compile(loss="categorical_crossentropy", optimizer=keras.optimizers.RMSprop(1e-3))
    return model


SMALL = dict(n_in=100, hidden=64, n_out=10)


def compat_small(n_in=SMALL["n_in"], hidden=SMALL["hidden"], n_out=SMALL["n_out"]):
    """A tiny Keras 1 MLP: per-step work is mostly framework overhead, so the shim's tax shows."""
    import compat.keras as keras1
    from compat.keras.layers import Activation, Dense
    model = keras1.models.Sequential()
    model.add(Dense(hidden, input_dim=n_in))
    model.add(Activation("relu"))
    model.add(Dense(n_out))
    model.add(Activation("softmax"))
    model.compile(loss="categorical_crossentropy", optimizer="rmsprop")
    return model


def modern_small(n_in=SMALL["n_in"], hidden=SMALL["hidden"], n_out=SMALL["n_out"]):
    import keras
    model = keras.Sequential([keras.Input((n_in,)), keras.layers.Dense(hidden, activation="relu"),
                              keras.layers.Dense(n_out, activation="softmax")])
    model.compile(loss="categorical_crossentropy", optimizer=keras.optimizers.RMSprop(1e-3))
    return model


def small_data(n, n_in=SMALL["n_in"], n_out=SMALL["n_out"]):
    rng = np.random.RandomState(0)
    x = rng.rand(n, n_in).astype("float32")
    y = np.eye(n_out, dtype="float32")[rng.randint(0, n_out, n)]
    return x, y


def bare_train_loop(model, xs, y, batch_size):
    """The floor: one tf.function step per pre-sliced batch, no callbacks, no data adapters."""
    import keras
    import tensorflow as tf
    variables = model.trainable_variables
    loss_fn = keras.losses.get(model.loss)

    @tf.function
    def step(x, t):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(loss_fn(t, model(x, training=True)))
        model.optimizer.apply_gradients(zip(tape.gradient(loss, variables), variables))
        return loss

    batches = [([tf.constant(a[i:i + batch_size]) for a in xs], tf.constant(y[i:i + batch_size]))
               for i in range(0, len(y), batch_size)]
    return lambda: [float(step(x, t)) for x, t in batches]
