"""The seed caption model in the Keras 3 functional API.

The seed (Keras 1 docs' captioning example) merges two branches:

    image  -> Conv 32,32 -> pool -> Conv 64,64 -> pool -> Flatten -> Dense 128 -> RepeatVector(T)
    words  -> Embedding 256 -> GRU 128 (sequences) -> per-step Dense 128
    concat -> GRU 256 -> Dense(vocab) softmax            = P(next word | image, partial caption)

Differences from the seed are layout only: images are channels-last (H, W, 3) and the caption
input is an integer array (batch, max_len). Keras 1 numerics are kept on purpose, because the
weights of a Keras 1 model must compute the same numbers here (see legacy_weights.py):

* GRU/LSTM recurrent activation is Keras 1's hard sigmoid clip(0.2 x + 0.5, 0, 1)
  (keras 1.2.2 layers/recurrent.py GRU/LSTM inner_activation='hard_sigmoid', theano backend
  K.hard_sigmoid = T.nnet.hard_sigmoid). Keras 3's `hard_sigmoid` is clip(x / 6 + 0.5), a different
  function, so we register our own `keras1_hard_sigmoid`.
* GRU `reset_after=False`: Keras 1 applies the reset gate before the recurrent matmul
  (keras 1.2.2 recurrent.py GRU.step: hh = tanh(x_h + dot(r * h_tm1, U_h))).
* LSTM forget-gate bias starts at 1 (keras 1.2.2 recurrent.py LSTM forget_bias_init='one'),
  i.e. Keras 3 `unit_forget_bias=True`; gate order i, f, c, o is the same in both.

`mask_zero=True` makes index 0 (padding) invisible to both recurrent layers; the mask is passed to
them explicitly because Keras 3's Concatenate ORs the masks of its inputs (the RepeatVector branch
has none), so an Embedding(mask_zero=True) mask would not reach the top GRU. The seed has no mask
(so a prefix's prediction depends on how much padding precedes it); with the mask, a pre-padded
prefix computes exactly what step k of the whole caption computes, which is what lets train.py
train on whole captions. Weights are identical with or without the mask.
"""
import keras
from keras import layers, ops

@keras.saving.register_keras_serializable(package="modern")
def keras1_hard_sigmoid(x):
    """Keras 1 (Theano) hard sigmoid: clip(0.2 x + 0.5, 0, 1)."""
    return ops.clip(0.2 * x + 0.5, 0.0, 1.0)


def _rnn(kind, units, name, return_sequences):
    """A GRU or LSTM with Keras 1 numerics (see module docstring)."""
    common = dict(activation="tanh", recurrent_activation=keras1_hard_sigmoid,
                  return_sequences=return_sequences, name=name)
    table = {
        "gru": lambda: layers.GRU(units, reset_after=False, **common),
        "lstm": lambda: layers.LSTM(units, unit_forget_bias=True, **common),
    }
    if kind not in table:
        raise ValueError(f"rnn={kind!r}: expected one of {sorted(table)}")
    return table[kind]()


def build_model(vocab_size=10000, max_len=16, image_shape=(100, 100, 3), rnn="gru",
                mask_zero=False, name="caption_model"):
    """The seed model: inputs (images (B,H,W,3) float, captions (B,max_len) int) -> (B,vocab) softmax.

    Layer names are fixed ('conv1'..'conv4', 'image_dense', 'embedding', 'rnn1', 'word_dense',
    'rnn2', 'output') so the other modules can find them. Defaults give the seed's 9,718,960 params.
    """
    if len(image_shape) != 3 or min(image_shape[:2]) < 16:
        raise ValueError(f"image_shape={image_shape!r}: expected (height, width, channels) with "
                         f"height, width >= 16 (four valid 3x3 convs and two 2x2 pools)")
    image = keras.Input(shape=tuple(image_shape), name="image")
    caption = keras.Input(shape=(max_len,), dtype="int32", name="caption")

    # image branch ("image_model" in the seed)
    x = image
    for i, filters in enumerate((32, 32, 64, 64), start=1):
        x = layers.Conv2D(filters, 3, padding="valid", activation="relu", name=f"conv{i}")(x)
        if i % 2 == 0:
            x = layers.MaxPooling2D(2, name=f"pool{i // 2}")(x)
    x = layers.Flatten(name="flatten")(x)
    x = layers.Dense(128, name="image_dense")(x)
    x = layers.RepeatVector(max_len, name="repeat")(x)

    # language branch ("language_model" in the seed)
    mask = padding_mask(caption) if mask_zero else None
    w = layers.Embedding(vocab_size, 256, name="embedding")(caption)
    w = _rnn(rnn, 128, "rnn1", return_sequences=True)(w, mask=mask)
    w = layers.Dense(128, name="word_dense")(w)  # TimeDistributedDense(128)

    h = layers.Concatenate(axis=-1, name="merge")([x, w])
    h = _rnn(rnn, 256, "rnn2", return_sequences=False)(h, mask=mask)
    out = layers.Dense(vocab_size, activation="softmax", name="output")(h)
    return keras.Model([image, caption], out, name=name)


def padding_mask(caption):
    """True where a caption holds a word; index 0 is padding."""
    return ops.not_equal(caption, 0)


def is_masked(model):
    """Whether build_model(mask_zero=True) made this model (the mask is an op on the caption input)."""
    return any(type(op).__name__ == "NotEqual" for op in model.operations)


IMAGE_LAYERS = ("conv1", "conv2", "conv3", "conv4", "image_dense")
LANGUAGE_LAYERS = ("embedding", "rnn1", "word_dense", "rnn2", "output")


def sizes(model):
    """(vocab_size, max_len, image_shape) of a model made by build_model."""
    image, caption = model.inputs
    return model.get_layer("output").units, caption.shape[1], tuple(image.shape[1:])


def build_kwargs(model):
    """The build_model arguments that rebuild this model (for checkpoints)."""
    vocab_size, max_len, image_shape = sizes(model)
    rnn = {"GRU": "gru", "LSTM": "lstm"}[type(model.get_layer("rnn1")).__name__]
    return dict(vocab_size=vocab_size, max_len=max_len, image_shape=list(image_shape), rnn=rnn,
                mask_zero=is_masked(model))


def encode_image(model, image):
    """Apply the image branch's layers (up to Dense 128, before RepeatVector)."""
    x = image
    for name in ("conv1", "conv2", "pool1", "conv3", "conv4", "pool2", "flatten", "image_dense"):
        x = model.get_layer(name)(x)
    return x


def decode_steps(model, image_vector, caption):
    """Apply the language/merge layers to every caption position: (B,T,vocab) softmax.

    The top recurrent layer is re-wrapped around the *same* cell with return_sequences=True, so the
    weights are shared: output[:, k] is what the seed model predicts for the prefix caption[:, :k+1]
    (exactly so when the model was built with mask_zero=True and captions are pre-padded).
    """
    h, mask = _merged_sequence(model, image_vector, caption)
    top = model.get_layer("rnn2")
    h = layers.RNN(top.cell, return_sequences=True, name="rnn2_steps")(h, mask=mask)
    return model.get_layer("output")(h)


def _merged_sequence(model, image_vector, caption):
    """The input of the top recurrent layer: repeated image vector next to the word features."""
    x = layers.RepeatVector(caption.shape[1])(image_vector)
    mask = padding_mask(caption) if is_masked(model) else None
    w = model.get_layer("embedding")(caption)
    w = model.get_layer("word_dense")(model.get_layer("rnn1")(w, mask=mask))
    return layers.Concatenate(axis=-1)([x, w]), mask


def per_step_model(model):
    """(images, captions) -> next-word distribution at every position, sharing model's weights."""
    image, caption = (keras.Input(shape=t.shape[1:], dtype=t.dtype, name=t.name) for t in model.inputs)
    return keras.Model([image, caption], decode_steps(model, encode_image(model, image), caption),
                       name="per_step")


def image_encoder(model):
    """images -> 128-d image vectors (computed once per image when captioning)."""
    image = keras.Input(shape=model.inputs[0].shape[1:], name="image")
    return keras.Model(image, encode_image(model, image), name="image_encoder")


def step_decoder(model):
    """(image vectors (B,128), captions (B,T)) -> (B,T,vocab), sharing model's weights."""
    vector = keras.Input(shape=(128,), name="image_vector")
    caption = keras.Input(shape=model.inputs[1].shape[1:], dtype="int32", name="caption")
    return keras.Model([vector, caption], decode_steps(model, vector, caption), name="step_decoder")


def next_word_decoder(model):
    """(image vectors (B,128), captions (B,T)) -> (B,vocab): the seed model's own language side.

    What captioning needs: the next-word distribution after the whole (pre-padded) prefix. Unlike
    step_decoder it runs the output layer (256 x vocab) once per row, not at all T positions.
    """
    vector = keras.Input(shape=(128,), name="image_vector")
    caption = keras.Input(shape=model.inputs[1].shape[1:], dtype="int32", name="caption")
    h, mask = _merged_sequence(model, vector, caption)
    out = model.get_layer("output")(model.get_layer("rnn2")(h, mask=mask))
    return keras.Model([vector, caption], out, name="next_word_decoder")


def sub_model_weights(model):
    """The two sub-models of the seed, as lists of trainable variables: (image, language)."""
    pick = lambda names: [v for n in names for v in model.get_layer(n).trainable_weights]
    return pick(IMAGE_LAYERS), pick(LANGUAGE_LAYERS)
