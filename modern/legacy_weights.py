"""Move weights between the Keras 1.2.2 seed caption model and modern.model.

The Keras 1 weight list (Sequential.get_weights / save_weights, in `flattened_layers` order:
keras 1.2.2 engine/topology.py Container.save_weights_to_hdf5_group) is

    conv1 W, b   conv2 W, b   conv3 W, b   conv4 W, b     W: (out, in, rows, cols), Theano 'th'
    dense W (C*H*W, 128), b                                rows in Keras 1 (C, H, W) flatten order
    embedding W (vocab, 256)
    rnn1: GRU W_z U_z b_z W_r U_r b_r W_h U_h b_h   (LSTM: W_i U_i b_i W_c U_c b_c W_f U_f b_f W_o U_o b_o)
    TimeDistributedDense W, b
    rnn2: as rnn1
    dense W, b

and three layout differences matter:

* Theano's conv2d flips the kernel (a true convolution; keras 1.2.2 backend/theano_backend.py
  conv2d calls T.nnet.conv2d with its default filter_flip=True), Keras 3 correlates, so the
  kernel is flipped in both spatial axes and transposed to (rows, cols, in, out).
* Keras 1 flattens the (C, H, W) feature map, modern flattens (H, W, C): the first Dense's rows
  are permuted accordingly.
* Keras 1 keeps one matrix per gate (keras 1.2.2 layers/recurrent.py GRU.build / LSTM.build);
  Keras 3 concatenates the gates on the last axis in the order z|r|h (GRU) and i|f|c|o (LSTM).

Only `.get_weights()` / `.set_weights()` of a legacy model are used (duck typing): no compat import.
"""
import numpy as np

from . import model as M

# Keras 1 gate order in the weight list -> the order Keras 3 concatenates them in.
GATES = {
    "gru": dict(keras1="zrh", keras3="zrh"),
    "lstm": dict(keras1="icfo", keras3="ifco"),
}
CONV_LAYERS = ("conv1", "conv2", "conv3", "conv4")


def _conv_in(w, b):
    return [np.ascontiguousarray(w[:, :, ::-1, ::-1].transpose(2, 3, 1, 0)), b]


def _conv_out(k, b):
    return [np.ascontiguousarray(k.transpose(3, 2, 0, 1)[:, :, ::-1, ::-1]), b]


def _rnn_in(arrays, kind):
    """Keras 1 per-gate [W, U, b]*gates -> Keras 3 [kernel, recurrent_kernel, bias]."""
    g = GATES[kind]
    per_gate = {gate: arrays[3 * i:3 * i + 3] for i, gate in enumerate(g["keras1"])}
    return [np.concatenate([per_gate[gate][j] for gate in g["keras3"]], axis=-1) for j in range(3)]


def _rnn_out(arrays, kind):
    g = GATES[kind]
    split = [np.split(a, len(g["keras3"]), axis=-1) for a in arrays]  # [kernel, rec, bias] x gates
    by_gate = {gate: [split[j][i] for j in range(3)] for i, gate in enumerate(g["keras3"])}
    return [a for gate in g["keras1"] for a in by_gate[gate]]


def _flat_dense_perm(feature_shape):
    """Row order taking Keras 1's (C, H, W) flatten to modern's (H, W, C) flatten."""
    h, w, c = feature_shape
    return np.arange(c * h * w).reshape(c, h, w).transpose(1, 2, 0).reshape(-1)


def _rnn_kind(n_weights):
    kinds = {33: "gru", 39: "lstm"}  # 8 conv + 2 dense + 1 emb + 2 td + 2 out, + 2 rnns of 9 or 12
    if n_weights not in kinds:
        raise ValueError(f"weights: expected the seed caption model's 33 (GRU) or 39 (LSTM) Keras 1 "
                         f"arrays, got {n_weights}; pass model.get_weights() of the seed model")
    return kinds[n_weights]


def load_keras1_weights(model, weights):
    """Set a Keras 1 seed-caption weight list into a modern.model.build_model() model."""
    weights = [np.asarray(w) for w in weights]
    kind = _rnn_kind(len(weights))
    n_gate = 3 * len(GATES[kind]["keras1"])
    it = iter(weights)
    take = lambda n: [next(it) for _ in range(n)]
    perm = _flat_dense_perm(model.get_layer("pool2").output.shape[1:])
    plan = [(name, lambda: _conv_in(*take(2))) for name in CONV_LAYERS] + [
        ("image_dense", lambda: (lambda w, b: [w[perm], b])(*take(2))),
        ("embedding", lambda: take(1)),
        ("rnn1", lambda: _rnn_in(take(n_gate), kind)),
        ("word_dense", lambda: take(2)),
        ("rnn2", lambda: _rnn_in(take(n_gate), kind)),
        ("output", lambda: take(2)),
    ]
    for name, convert in plan:
        layer = model.get_layer(name)
        arrays = convert()
        expected = [tuple(v.shape) for v in layer.weights]
        if [a.shape for a in arrays] != expected:
            raise ValueError(f"weights for layer {name!r}: Keras 1 arrays give shapes "
                             f"{[a.shape for a in arrays]}, the modern model needs {expected}; "
                             f"build the modern model with the legacy model's sizes")
        layer.set_weights(arrays)
    return model


def to_keras1_weights(model):
    """The modern model's weights as the Keras 1 seed model's get_weights() list."""
    kind = "lstm" if type(model.get_layer("rnn1")).__name__ == "LSTM" else "gru"
    perm = _flat_dense_perm(model.get_layer("pool2").output.shape[1:])
    get = lambda name: [np.asarray(w) for w in model.get_layer(name).get_weights()]
    out = []
    for name in CONV_LAYERS:
        out += _conv_out(*get(name))
    w, b = get("image_dense")
    out += [w[np.argsort(perm)], b]
    out += get("embedding")
    out += _rnn_out(get("rnn1"), kind)
    out += get("word_dense")
    out += _rnn_out(get("rnn2"), kind)
    out += get("output")
    return out


def infer_sizes(weights, max_len=16, image_shape=None):
    """build_model keyword arguments matching a Keras 1 seed weight list.

    The image size cannot be read from weights alone when not given: a square image is assumed
    and the smallest side whose valid-conv/pool stack gives the first Dense's input is taken.
    """
    kind = _rnn_kind(len(weights))
    channels = weights[0].shape[1]
    vocab = weights[10].shape[0]
    if image_shape is None:
        side = int(round(np.sqrt(weights[8].shape[0] / weights[6].shape[0])))
        image_shape = ((side * 2 + 4) * 2 + 4,) * 2 + (channels,)
    return dict(vocab_size=vocab, max_len=max_len, image_shape=tuple(image_shape), rnn=kind)


def from_keras1_weights(weights, max_len=16, image_shape=None, mask_zero=False):
    """A new modern model carrying a Keras 1 seed-caption weight list."""
    weights = [np.asarray(w) for w in weights]
    model = M.build_model(**infer_sizes(weights, max_len, image_shape), mask_zero=mask_zero)
    return load_keras1_weights(model, weights)


def _legacy_sizes(legacy_model):
    """(max_len, channels-last image shape) from a legacy model's input_shape, when it has one."""
    shapes = getattr(legacy_model, "input_shape", None)
    if isinstance(shapes, list) and len(shapes) == 2 and len(shapes[0]) == 4:
        (_, c, h, w), (_, t) = shapes
        return t, (h, w, c)
    return 16, None


def from_legacy(legacy_model, mask_zero=False):
    """The modern model (channels-last images, integer captions) with a legacy model's weights."""
    max_len, image_shape = _legacy_sizes(legacy_model)
    return from_keras1_weights(legacy_model.get_weights(), max_len, image_shape, mask_zero)


def to_legacy(modern_model, legacy_model):
    """Copy the modern model's weights into a legacy (Keras 1 API) seed model; returns it."""
    legacy_model.set_weights(to_keras1_weights(modern_model))
    return legacy_model


def read_keras1_h5(path):
    """The weight list saved by Keras 1 `model.save_weights(path)` (attrs layer_names/weight_names)."""
    import h5py  # keras 1.2.2 engine/topology.py Container.load_weights_from_hdf5_group layout

    with h5py.File(path, "r") as f:
        if "layer_names" not in f.attrs:
            raise ValueError(f"{path}: not a Keras 1 save_weights file (no 'layer_names' attribute)")
        out = []
        for layer in f.attrs["layer_names"]:
            group = f[layer.decode() if isinstance(layer, bytes) else layer]
            out += [group[n.decode() if isinstance(n, bytes) else n][()] for n in group.attrs["weight_names"]]
        return out
