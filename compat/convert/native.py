"""A compat (Keras 1) model rebuilt from Keras 3 *built-in* layers only, with Keras 1's numbers.

The compat model's graph is walked tensor by tensor; each compat layer is replaced by one
or a few built-ins (table ``CONVERTERS``). A shared compat layer gives one shared native
layer set. Keras 1 numerics kept:

- Theano true convolution: the kernels compat holds are already flipped for Keras 3's
  correlation (compat/keras/layers/convolutional.py), so they are copied as they are;
- Theano 'same'/'full' borders (keras 1.2.2 theano_backend.py conv2d/pool2d): explicit
  ``ZeroPadding`` + 'valid' + ``Cropping`` to ``ceil(n / stride)``; for pooling, padded cells
  never win a max (a ``Rescaling`` offset of -1e30 on them) and are left out of averages
  (a ``Rescaling`` by ``pool_size / count`` per output position, Theano 'average_exc_pad');
- 'th' images: converted layers run channels-last; a tensor is permuted only where a layer
  needs Keras 1's storage order (Flatten, Reshape, Permute, Dense, merges...), so a chain of
  convolutions/pooling costs one Permute in and one out;
- Keras 1 hard sigmoid ``clip(0.2x + 0.5, 0, 1)`` (keras 1.2.2 theano_backend.hard_sigmoid)
  equals Keras 3's ``hard_sigmoid(1.2x)`` (``relu6(x + 3) / 6``): the 1.2 is folded into the
  weights feeding it (GRU/LSTM gate blocks, Dense/conv kernels) or a ``Rescaling(1.2)``;
- BatchNormalization mode 0: Keras 1's ``running_std`` holds var + eps and is used as a
  variance (keras 1.2.2 theano_backend.batch_normalization), exactly Keras 3's
  ``moving_variance``; modes 1 and 2 are refused (test-time sample/batch statistics).
"""
import numpy as np

from compat._keras3 import keras
from compat.convert.core import ConvertError
from compat.keras.layers import _theano

L = keras.layers

# Keras 1 activation name -> (Keras 3 name, factor on the pre-activation).
ACTIVATIONS = {
    'linear': ('linear', 1.0), 'relu': ('relu', 1.0), 'tanh': ('tanh', 1.0), 'sigmoid': ('sigmoid', 1.0),
    'softmax': ('softmax', 1.0), 'softplus': ('softplus', 1.0), 'softsign': ('softsign', 1.0),
    'elu': ('elu', 1.0), 'hard_sigmoid': ('hard_sigmoid', 1.2),
}
# Keras 1 (Theano float32 C kernels) differs from Keras 3 in the last bits only.
ACTIVATION_CAVEATS = {
    'sigmoid': "sigmoid: Theano's float32 cut-offs (exactly 1 above 15, 0 below -88) are not kept; "
               'differences below 1e-6',
    'softplus': "softplus: Theano's float32 cut-offs (x above 14) are not kept; differences below 1e-6",
}
PAD_MIN = -1e30  # stands for Theano's ignored border cells in max pooling


def keras3_weights(layer):
    """The compat layer's weights in Keras 3 layout (compat layers are Keras 3 layers)."""
    return [np.asarray(v.numpy()) for v in layer.weights]


def class_of(layer):
    return getattr(layer, 'keras1_class', None) or type(layer).__name__


class Builder:
    """Walks the compat graph and records the native layers it makes."""

    def __init__(self, report, channels_last=False, unroll=False):
        self.report, self.channels_last = report, channels_last
        self.unroll = unroll  # recurrent layers unrolled over their fixed time steps
        self.appliers = {}   # id(compat layer) -> fn(list of values) -> list of values
        self.pending = {}    # id(native layer) -> weights to set once it is built
        self.names = set()

    # -- names, weights --------------------------------------------------------------
    def name(self, base):
        name, n = base, 1
        while name in self.names:
            n += 1
            name = '%s_%d' % (base, n)
        self.names.add(name)
        return name

    def make(self, cls, base, weights=None, **kwargs):
        layer = cls(name=self.name(base), **kwargs)
        if weights is not None:
            self.pending[id(layer)] = (layer, weights)
        return layer

    def run(self, layer, x):
        y = layer(x)
        if id(layer) in self.pending:
            native, weights = self.pending.pop(id(layer))
            native.set_weights(weights)
        return y

    # -- layouts: a value is (tensor, cl); cl marks a 'th' image held channels-last ------------
    def to_k1(self, value, base='permute'):
        t, cl = value
        if not cl:
            return t
        n = len(t.shape)
        return self.make(L.Permute, base + '_to_channels_first', dims=(n - 1,) + tuple(range(1, n - 1)))(t)

    def to_cl(self, value, base='permute'):
        t, cl = value
        if cl:
            return t
        n = len(t.shape)
        return self.make(L.Permute, base + '_to_channels_last', dims=tuple(range(2, n)) + (1,))(t)

    # -- activations -----------------------------------------------------------------
    def activation(self, layer, key='activation'):
        value = layer._k1.get(key) if hasattr(layer, '_k1') else None
        name = value if isinstance(value, str) or value is None else getattr(value, '__name__', None)
        name = name or 'linear'
        if name not in ACTIVATIONS:
            raise ConvertError('layer %s (%s): activation %r has no Keras 3 built-in equivalent'
                               % (layer.name, class_of(layer), name))
        if name in ACTIVATION_CAVEATS:
            self.report.caveat(ACTIVATION_CAVEATS[name])
        if name == 'hard_sigmoid':
            self.report.caveat("hard_sigmoid (layer %s): Keras 1's clip(0.2x+0.5) written as Keras 3 "
                               'hard_sigmoid of 1.2x (factor folded into the weights); exact' % layer.name)
        return ACTIVATIONS[name]

    # -- the graph -------------------------------------------------------------------
    def value_of(self, tensor, env):
        key = id(tensor)
        if key in env:
            return env[key]
        op, node_index, _ = tensor._keras_history
        node = op._inbound_nodes[node_index]
        # positional arguments only: masks (call kwargs) are recomputed by the native layers
        args = [t for t in keras.tree.flatten(node.arguments.args) if isinstance(t, keras.KerasTensor)]
        ins = [self.value_of(t, env) for t in args]
        outs = self.apply(op, ins, env)
        for t, v in zip(node.output_tensors, outs):
            env[id(t)] = v
        return env[key]

    def apply(self, op, ins, env):
        if hasattr(op, '_graph'):  # a nested compat model: walk its graph with these inputs
            inner = {id(t): v for t, v in zip(op._graph.inputs, ins)}
            return [self.value_of(t, inner) for t in op._graph.outputs]
        if id(op) not in self.appliers:
            converter = CONVERTERS.get(class_of(op))
            if converter is None:
                raise ConvertError('layer %s (%s) has no Keras 3 built-in form; not convertible'
                                   % (op.name, class_of(op)))
            self.appliers[id(op)] = converter(self, op)
        out = self.appliers[id(op)](ins)
        return out if isinstance(out, list) else [out]


def build_native(model, report, channels_last=False, unroll=False):
    """The native Keras 3 functional model equivalent to compat ``model``.

    ``unroll=True`` unrolls every recurrent layer over its fixed number of time steps (Keras 1's
    ``input_length``): the graph then holds no loop, which runtimes without TensorFlow's
    TensorList ops (the LiteRT interpreter) need.
    """
    b = Builder(report, channels_last, unroll)
    graph = model._graph
    env, inputs = {}, []
    for t in graph.inputs:
        shape = tuple(t.shape[1:])
        cl = channels_last and len(shape) == 3
        if cl:
            shape = shape[1:] + shape[:1]
        x = keras.Input(shape=shape, dtype=t.dtype, name=b.name(t._keras_history[0].name))
        env[id(t)] = (x, cl)
        inputs.append(x)
    if channels_last and any(len(t.shape) == 4 for t in graph.inputs):
        report.caveat('--channels-last: 4-D inputs (and 4-D outputs) are (samples, rows, cols, channels)')
    outputs = []
    for t in graph.outputs:
        value = b.value_of(t, env)
        outputs.append(value[0] if channels_last else b.to_k1(value, 'output'))
    return keras.Model(inputs if len(inputs) > 1 else inputs[0], outputs if len(outputs) > 1 else outputs[0],
                       name=model.name)


# -- converters: fn(builder, compat layer) -> fn(values) -> value(s) ---------------------------
def _elementwise(make_layers):
    """A layer applied element by element: any layout passes through."""
    def converter(b, layer):
        natives = make_layers(b, layer)
        b.report.layer(layer.name, class_of(layer), ' + '.join(type(n).__name__ for n in natives))

        def fn(ins):
            t, cl = ins[0]
            for n in natives:
                t = b.run(n, t)
            return (t, cl)
        return fn
    return converter


def _k1_layout(make_layer):
    """A layer that needs Keras 1's storage order (one native layer, weights optional)."""
    def converter(b, layer):
        native = make_layer(b, layer)
        b.report.layer(layer.name, class_of(layer), type(native).__name__)
        return lambda ins: (b.run(native, b.to_k1(ins[0], layer.name)), False)
    return converter


def _activation_layers(b, layer):
    name, scale = b.activation(layer)
    layers = [b.make(L.Rescaling, layer.name + '_scale', scale=scale)] if scale != 1.0 else []
    return layers + [b.make(L.Activation, layer.name, activation=name)]


def _dense(b, layer):
    name, scale = b.activation(layer)
    k1 = layer._k1
    return b.make(L.Dense, layer.name, [w * scale for w in keras3_weights(layer)], units=k1['output_dim'],
                  activation=name, use_bias=k1['bias'])


def _embedding(b, layer):
    k1 = layer._k1
    return b.make(L.Embedding, layer.name, keras3_weights(layer), input_dim=k1['input_dim'],
                  output_dim=k1['output_dim'], mask_zero=bool(k1['mask_zero']))


def _prelu(b, layer):
    shared = layer._k1.get('shared_axes')
    shared = [shared] if isinstance(shared, int) else shared
    return b.make(L.PReLU, layer.name, keras3_weights(layer), shared_axes=shared or None)


def _parametric_softplus(b, layer):
    alphas, betas = keras3_weights(layer)
    b.report.caveat('ParametricSoftplus %s: alphas/betas become constants (Rescaling), not trainable' % layer.name)
    return [b.make(L.Rescaling, layer.name + '_betas', scale=betas.tolist()),
            b.make(L.Activation, layer.name, activation='softplus'),
            b.make(L.Rescaling, layer.name + '_alphas', scale=alphas.tolist())]


def _thresholded_relu(b, layer):
    b.report.caveat('ThresholdedReLU %s: Keras 3 ReLU(threshold) keeps x == theta, Keras 1 zeroed it' % layer.name)
    return [b.make(L.ReLU, layer.name, threshold=float(layer._k1['theta']))]


def _convolution(b, layer):
    k1 = layer._k1
    th, rank = layer._channels_first(), layer.rank
    strides, kernel = layer._strides(k1), layer._kernel_size(k1)
    name, scale = b.activation(layer)
    conv_cls, pad_cls, crop_cls = (L.Conv2D, L.ZeroPadding2D, L.Cropping2D) if rank == 2 else \
        (L.Conv1D, L.ZeroPadding1D, L.Cropping1D)
    conv = b.make(conv_cls, layer.name, [w * scale for w in keras3_weights(layer)], filters=k1['nb_filter'],
                  kernel_size=kernel, strides=strides, dilation_rate=layer._dilation(k1), padding='valid',
                  data_format='channels_last', activation=name, use_bias=k1['bias'])
    pads = layer._pads()
    pad = b.make(pad_cls, layer.name + '_pad', padding=tuple(pads) if rank == 2 else pads[0],
                 **({'data_format': 'channels_last'} if rank == 2 else {})) if any(sum(p) for p in pads) else None
    parts = ['ZeroPadding%dD' % rank] if pad else []
    b.report.layer(layer.name, class_of(layer), ' + '.join(parts + [conv_cls.__name__ + "('valid')"]) +
                   (' + Cropping' if k1['border_mode'] == 'same' else '') + (' (channels-last inside)' if th else ''))

    def fn(ins):
        x = b.to_cl(ins[0], layer.name) if th else ins[0][0]
        lengths = [None if d is None else int(d) for d in x.shape[1:-1]]
        if pad is not None:
            x = b.run(pad, x)
        y = b.run(conv, x)
        if k1['border_mode'] == 'same':
            y = _crop(b, y, lengths, strides, crop_cls, layer.name)
        return (y, th)
    return fn


def _crop(b, y, lengths, strides, crop_cls, base):
    """Theano 'same': keep the first ceil(n / stride) outputs on each axis (keras 1.2.2
    theano_backend._postprocess_conv2d_output / pool2d)."""
    have = [None if d is None else int(d) for d in y.shape[1:-1]]
    cuts = []
    for n, s, h in zip(lengths, strides, have):
        if n is None or h is None:
            raise ConvertError("layer %s: Theano 'same' borders need a known input length to crop; "
                               'give the model a fixed input shape' % base)
        cuts.append((0, h - (n + s - 1) // s))
    if not any(c for _, c in cuts):
        return y
    kwargs = {'data_format': 'channels_last'} if len(cuts) == 2 else {}
    crop = b.make(crop_cls, base + '_crop', cropping=tuple(cuts) if len(cuts) == 2 else cuts[0], **kwargs)
    return crop(y)


def _window_counts(n, pad, k, s):
    """Real (unpadded) cells in each 'valid' window over ``pad + n + pad`` cells."""
    mask = np.concatenate([np.zeros(pad), np.ones(n), np.zeros(pad)])
    return np.array([mask[i:i + k].sum() for i in range(0, len(mask) - k + 1, s)])


def _pooling(b, layer):
    k1 = layer._k1
    rank, th, avg = layer.rank, layer._channels_first(), layer.mode != 'max'
    window, strides = tuple(layer._pool()), tuple(layer._strides())
    pads = [_theano.pool_padding(k, k1['border_mode']) for k in window]
    pool_cls = {(1, False): L.MaxPooling1D, (1, True): L.AveragePooling1D,
                (2, False): L.MaxPooling2D, (2, True): L.AveragePooling2D}[rank, avg]
    pad_cls, crop_cls = (L.ZeroPadding2D, L.Cropping2D) if rank == 2 else (L.ZeroPadding1D, L.Cropping1D)
    fmt = {'data_format': 'channels_last'} if rank == 2 else {}
    pool = b.make(pool_cls, layer.name, pool_size=window, strides=strides, padding='valid',
                  data_format='channels_last')
    b.report.layer(layer.name, class_of(layer), ('ZeroPadding + Rescaling + ' if any(pads) else '') +
                   pool_cls.__name__ + "('valid')" + (' + Cropping' if k1['border_mode'] == 'same' else ''))

    def fn(ins):
        x = b.to_cl(ins[0], layer.name) if th else ins[0][0]
        lengths = [None if d is None else int(d) for d in x.shape[1:-1]]
        if any(pads):
            if None in lengths:
                raise ConvertError("layer %s: Theano 'same' pooling needs a known input size" % layer.name)
            padding = tuple((p, p) for p in pads)
            x = b.make(pad_cls, layer.name + '_pad', padding=padding if rank == 2 else padding[0], **fmt)(x)
            if not avg:  # padded cells must never win: offset them to -1e30
                offset = np.full([n + 2 * p for n, p in zip(lengths, pads)] + [1], PAD_MIN, dtype='float32')
                offset[tuple(slice(p, p + n) for n, p in zip(lengths, pads))] = 0.0
                x = b.make(L.Rescaling, layer.name + '_pad_mask', scale=1.0, offset=offset.tolist())(x)
        y = b.run(pool, x)
        if avg and any(pads):  # Theano 'average_exc_pad': divide by the real cells, not the window
            counts = [_window_counts(n, p, k, s) for n, p, k, s in zip(lengths, pads, window, strides)]
            total = np.ones([len(c) for c in counts], dtype='float64')
            for axis, c in enumerate(counts):
                total = total * c.reshape([-1 if a == axis else 1 for a in range(len(counts))])
            factor = (float(np.prod(window)) / total)[..., None].astype('float32')
            y = b.make(L.Rescaling, layer.name + '_exclude_pad', scale=factor.tolist())(y)
        if k1['border_mode'] == 'same':
            y = _crop(b, y, lengths, strides, crop_cls, layer.name)
        return (y, th)
    return fn


def _global_pooling(b, layer):
    cls = getattr(L, class_of(layer))
    natives = {}
    b.report.layer(layer.name, class_of(layer), cls.__name__)

    def fn(ins):
        t, cl = ins[0]
        fmt = 'channels_last' if cl or layer._k1.get('dim_ordering', 'tf') != 'th' else 'channels_first'
        if fmt not in natives:
            natives[fmt] = b.make(cls, layer.name, data_format=fmt)
        return (natives[fmt](t), False)
    return fn


def _image_layer(keras3_cls, arg):
    """ZeroPadding/UpSampling/Cropping: 'th' ones run channels-last on a channels-last value."""
    def converter(b, layer):
        value = getattr(layer, arg)
        rank2 = '2D' in class_of(layer)
        th = rank2 and layer._k1.get('dim_ordering') == 'th'
        kwargs = {arg: value}
        if rank2:
            kwargs['data_format'] = 'channels_last'
        native = b.make(keras3_cls, layer.name, **kwargs)
        b.report.layer(layer.name, class_of(layer), keras3_cls.__name__)

        def fn(ins):
            x = b.to_cl(ins[0], layer.name) if th else ins[0][0]
            return (native(x), th)
        return fn
    return converter


def _batchnorm(b, layer):
    k1 = layer._k1
    if k1['mode'] != 0:
        raise ConvertError('layer %s (BatchNormalization mode=%d) normalises with %s statistics at test time; '
                           'Keras 3 BatchNormalization cannot reproduce it exactly: not convertible'
                           % (layer.name, k1['mode'], 'per-sample' if k1['mode'] == 1 else 'batch'))
    weights = keras3_weights(layer)  # gamma, beta, running_mean, running_std (= var + eps, used as variance)
    natives = {}
    b.report.layer(layer.name, class_of(layer), 'BatchNormalization (moving_variance = Keras 1 running_std)')

    def fn(ins):
        t, cl = ins[0]
        ndim = len(t.shape)
        axis = k1['axis'] % ndim
        if cl:  # Keras 1 axis of (N, C, ...) -> axis of (N, ..., C)
            axis = ndim - 1 if axis == 1 else (axis - 1 if axis > 1 else 0)
        if axis not in natives:
            natives[axis] = b.make(L.BatchNormalization, layer.name, weights, axis=axis, epsilon=k1['epsilon'],
                                   momentum=k1['momentum'])
        return (b.run(natives[axis], t), cl)
    return fn


def _flatten(b, layer):
    return b.make(L.Flatten, layer.name, data_format='channels_last')


def _recurrent_native(b, layer):
    """A Keras 3 SimpleRNN/GRU/LSTM with Keras 1's gates (1.2 folded into hard-sigmoid blocks)."""
    k1, cls = layer._k1, class_of(layer)
    act, act_scale = b.activation(layer)
    kwargs = {'units': k1['output_dim'], 'activation': act, 'return_sequences': k1['return_sequences'],
              'go_backwards': k1['go_backwards'], 'stateful': k1['stateful'], 'unroll': k1['unroll'] or b.unroll}
    if b.unroll and _time_steps(layer) is None:
        raise ConvertError('layer %s (%s): unrolling needs a fixed number of time steps; give the model a '
                           'fixed input_length' % (layer.name, cls))
    # Keras 3 block order: GRU z|r|h, LSTM i|f|c|o; which blocks feed the inner activation
    gate_blocks = {'SimpleRNN': (), 'GRU': (0, 1), 'LSTM': (0, 1, 3)}[cls]
    factors = [act_scale]
    if gate_blocks:
        inner, inner_scale = b.activation(layer, 'inner_activation')
        kwargs['recurrent_activation'] = inner
        factors = [inner_scale if i in gate_blocks else act_scale for i in range(len(gate_blocks) + 1)]
        if cls == 'LSTM' and act_scale != 1.0:
            raise ConvertError('layer %s (LSTM): activation hard_sigmoid also applies to the cell state; '
                               'no built-in form' % layer.name)
    if cls == 'GRU':
        kwargs['reset_after'] = False
    if cls == 'LSTM':
        kwargs['unit_forget_bias'] = False
    weights = [np.concatenate([blk * f for blk, f in zip(np.split(w, len(factors), axis=-1), factors)], axis=-1)
               for w in keras3_weights(layer)]
    return getattr(L, cls)(name=b.name(layer.name), **kwargs), weights


def _time_steps(layer):
    try:
        return layer.input.shape[1]
    except (AttributeError, ValueError):  # a Bidirectional's inner layer: never called itself
        return 0


def _recurrent(b, layer):
    native, weights = _recurrent_native(b, layer)
    b.pending[id(native)] = (native, weights)
    b.report.layer(layer.name, class_of(layer), type(native).__name__ +
                   ('(reset_after=False)' if class_of(layer) == 'GRU' else ''))
    return lambda ins: (b.run(native, b.to_k1(ins[0], layer.name)), False)


def _bidirectional(b, layer):
    forward, fw = _recurrent_native(b, layer.forward_layer)
    _, bw = _recurrent_native(b, layer.backward_layer)
    native = b.make(L.Bidirectional, layer.name, fw + bw, layer=forward, merge_mode=layer._k1['merge_mode'])
    b.report.layer(layer.name, 'Bidirectional', 'Bidirectional(%s)' % type(forward).__name__)
    return lambda ins: (b.run(native, b.to_k1(ins[0], layer.name)), False)


def _time_distributed(b, layer):
    inner = layer.layer
    if class_of(inner) != 'Dense':
        raise ConvertError('layer %s: TimeDistributed(%s) is converted only around Dense'
                           % (layer.name, class_of(inner)))
    native = b.make(L.TimeDistributed, layer.name, layer=_dense(b, inner))
    b.pending[id(native)] = (native, b.pending.pop(id(native.layer))[1])
    b.report.layer(layer.name, 'TimeDistributed', 'TimeDistributed(Dense)')
    return lambda ins: (b.run(native, b.to_k1(ins[0], layer.name)), False)


def _highway(b, layer):
    """keras 1.2.2 layers/core.py Highway.call: y = act(xW + b) * t + (1 - t) * x, t = sigmoid(xWc + bc)."""
    k1 = layer._k1
    weights = keras3_weights(layer)
    n = weights[0].shape[0]
    name, scale = b.activation(layer)
    W, Wc = weights[0], weights[1]
    bias = k1['bias']
    h = b.make(L.Dense, layer.name + '_transform', [W * scale] + ([weights[2] * scale] if bias else []),
               units=n, activation=name, use_bias=bias)
    t = b.make(L.Dense, layer.name + '_gate', [Wc] + ([weights[3]] if bias else []), units=n,
               activation='sigmoid', use_bias=bias)
    b.report.caveat(ACTIVATION_CAVEATS['sigmoid'])
    b.report.layer(layer.name, 'Highway', 'Dense x2 + Multiply x2 + Add + Subtract')

    def fn(ins):
        x = b.to_k1(ins[0], layer.name)
        hx, tx = b.run(h, x), b.run(t, x)
        ht = L.Multiply(name=b.name(layer.name + '_h_t'))([hx, tx])
        tx_x = L.Multiply(name=b.name(layer.name + '_t_x'))([tx, x])
        carry = L.Add(name=b.name(layer.name + '_plus_x'))([ht, x])
        return (L.Subtract(name=b.name(layer.name))([carry, tx_x]), False)
    return fn


def _maxout(b, layer):
    """keras 1.2.2 layers/core.py MaxoutDense: max over nb_feature of x W_f + b_f."""
    k1 = layer._k1
    weights = keras3_weights(layer)
    f, i, o = weights[0].shape
    kernel = weights[0].transpose(1, 0, 2).reshape(i, f * o)
    dense_w = [kernel] + ([weights[1].reshape(f * o)] if k1['bias'] else [])
    dense = b.make(L.Dense, layer.name + '_features', dense_w, units=f * o, use_bias=k1['bias'])
    reshape = b.make(L.Reshape, layer.name + '_split', target_shape=(f, o))
    pool = b.make(L.GlobalMaxPooling1D, layer.name)
    b.report.layer(layer.name, 'MaxoutDense', 'Dense + Reshape + GlobalMaxPooling1D')
    return lambda ins: (pool(reshape(b.run(dense, b.to_k1(ins[0], layer.name)))), False)


_MERGE_CLASSES = {'sum': L.Add, 'mul': L.Multiply, 'ave': L.Average, 'max': L.Maximum}


def _merge(b, layer):
    k1 = layer._k1
    mode = k1['mode']
    if callable(mode):
        raise ConvertError('layer %s (Merge) merges with the Python function %s: no built-in form; not convertible'
                           % (layer.name, getattr(mode, '__name__', mode)))
    b.report.layer(layer.name, 'Merge(%s)' % mode, {'concat': 'Concatenate', 'dot': 'Dot',
                                                    'cos': 'Dot(normalize=True) + Reshape'}.get(
                                                        mode, getattr(_MERGE_CLASSES.get(mode), '__name__', '?')))
    if mode == 'cos':
        b.report.caveat('cos merge %s: Keras 3 Dot(normalize=True) clamps each norm at 1e-12, Keras 1 the '
                        'product of norms at 1e-7; equal unless a vector is ~0' % layer.name)
    state = {}

    def fn(ins):
        if mode in _MERGE_CLASSES and all(cl for _, cl in ins):
            tensors, cl = [t for t, _ in ins], True
        else:
            tensors, cl = [b.to_k1(v, layer.name) for v in ins], False
        if 'native' not in state:
            if mode in _MERGE_CLASSES:
                state['native'] = b.make(_MERGE_CLASSES[mode], layer.name)
            elif mode == 'concat':
                state['native'] = b.make(L.Concatenate, layer.name, axis=k1['concat_axis'])
            else:
                axes = [a % len(t.shape) for a, t in zip(k1['dot_axes'], tensors)]
                state['native'] = b.make(L.Dot, layer.name, axes=axes, normalize=mode == 'cos')
        y = state['native'](tensors)
        if mode == 'cos':  # keras 1.2.2 Merge.call 'cos': expand_dims(..., 1)
            y = L.Reshape((1,) + tuple(y.shape[1:]), name=b.name(layer.name + '_expand'))(y)
        return (y, cl)
    return fn


def _lambda(b, layer):
    raise ConvertError('layer %s (Lambda) runs a Python function: a .keras file could hold it only as a custom '
                       'object (keras.saving.load_model(..., custom_objects=..., safe_mode=False)); not converted'
                       % layer.name)


def _refuse(reason):
    def converter(b, layer):
        raise ConvertError('layer %s (%s): %s; not convertible' % (layer.name, class_of(layer), reason))
    return converter


CONVERTERS = {
    'Dense': _k1_layout(_dense), 'TimeDistributedDense': _k1_layout(_dense),
    'Embedding': _k1_layout(_embedding), 'Flatten': _k1_layout(_flatten),
    'Reshape': _k1_layout(lambda b, l: b.make(L.Reshape, l.name, target_shape=tuple(l._k1['target_shape']))),
    'Permute': _k1_layout(lambda b, l: b.make(L.Permute, l.name, dims=tuple(l._k1['dims']))),
    'RepeatVector': _k1_layout(lambda b, l: b.make(L.RepeatVector, l.name, n=l._k1['n'])),
    'Masking': _k1_layout(lambda b, l: b.make(L.Masking, l.name, mask_value=l._k1['mask_value'])),
    'PReLU': _k1_layout(_prelu),
    'Activation': _elementwise(_activation_layers),
    'Dropout': _elementwise(lambda b, l: [b.make(L.Dropout, l.name, rate=l._k1['p'])]),
    'GaussianNoise': _elementwise(lambda b, l: [b.make(L.GaussianNoise, l.name, stddev=l._k1['sigma'])]),
    'GaussianDropout': _elementwise(lambda b, l: [b.make(L.GaussianDropout, l.name, rate=l._k1['p'])]),
    'ActivityRegularization': _elementwise(
        lambda b, l: [b.make(L.ActivityRegularization, l.name, l1=l._k1['l1'], l2=l._k1['l2'])]),
    'LeakyReLU': _elementwise(lambda b, l: [b.make(L.LeakyReLU, l.name, negative_slope=l._k1['alpha'])]),
    'ELU': _elementwise(lambda b, l: [b.make(L.ELU, l.name, alpha=l._k1['alpha'])]),
    'ThresholdedReLU': _elementwise(_thresholded_relu),
    'ParametricSoftplus': lambda b, l: _k1_chain(b, l, _parametric_softplus(b, l)),
    'SReLU': _refuse('its piecewise-linear form with per-unit thresholds has no built-in layer'),
    'Convolution1D': _convolution, 'AtrousConvolution1D': _convolution,
    'Convolution2D': _convolution, 'AtrousConvolution2D': _convolution,
    'MaxPooling1D': _pooling, 'AveragePooling1D': _pooling, 'MaxPooling2D': _pooling, 'AveragePooling2D': _pooling,
    'GlobalAveragePooling1D': _global_pooling, 'GlobalMaxPooling1D': _global_pooling,
    'GlobalAveragePooling2D': _global_pooling, 'GlobalMaxPooling2D': _global_pooling,
    'ZeroPadding1D': _image_layer(L.ZeroPadding1D, 'padding'), 'ZeroPadding2D': _image_layer(L.ZeroPadding2D, 'padding'),
    'UpSampling1D': _image_layer(L.UpSampling1D, 'size'), 'UpSampling2D': _image_layer(L.UpSampling2D, 'size'),
    'Cropping1D': _image_layer(L.Cropping1D, 'cropping'), 'Cropping2D': _image_layer(L.Cropping2D, 'cropping'),
    'BatchNormalization': _batchnorm,
    'SimpleRNN': _recurrent, 'GRU': _recurrent, 'LSTM': _recurrent,
    'Bidirectional': _bidirectional, 'TimeDistributed': _time_distributed,
    'Highway': _highway, 'MaxoutDense': _maxout, 'Merge': _merge, 'Lambda': _lambda,
}


def _k1_chain(b, layer, natives):
    b.report.layer(layer.name, class_of(layer), ' + '.join(type(n).__name__ for n in natives))

    def fn(ins):
        t = b.to_k1(ins[0], layer.name)
        for n in natives:
            t = n(t)
        return (t, False)
    return fn
