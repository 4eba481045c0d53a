"""Keras 1's symbolic-graph idioms on Keras 3 symbolic tensors.

Keras 1 (Theano) code treats the graph as one expression it can extend,
differentiate and compile at will::

    loss = K.mean(model.layers[-1].output)       # an expression of model.input
    grads = K.gradients(loss, model.input)[0]    # another expression (T.grad)
    grads /= K.sqrt(K.mean(K.square(grads)))     # ... extended further
    f = K.function([model.input], [loss, grads])

and wraps ready-made values as model inputs, ``Input(tensor=K.variable(x))``,
which K.function then never asks to be fed.

Here every such expression stays a Keras 3 ``KerasTensor``:

- ``Input(tensor=T)`` for a value or an expression (anything but a graph
  input) gives a fresh ``keras.Input`` that *carries* T: whenever a graph
  needs that input and nobody feeds it, T is computed (a variable is read,
  an expression is evaluated from its own inputs) and fed;
- ``gradients(loss, wrt)`` gives KerasTensors made by a :class:`Gradients`
  layer: given the inputs ``loss`` needs, it recomputes ``loss`` under a
  ``tf.GradientTape`` and returns d loss / d wrt;
- :func:`evaluate` computes any KerasTensors from fed values (``K.function``
  uses it), supplying the carried inputs.
"""
from compat._keras3 import keras, tf
from compat.keras.backend._lift import KerasTensor, unique_name

_VARIABLE_TYPES = (tf.Variable, keras.Variable)

# id(input KerasTensor) -> (input, the tensor or value it carries)
_CARRIED = {}
# id(wrapped tensor) -> (wrapped tensor, its input): keras 1.2.2 InputLayer set the wrapped
# tensor's _keras_history, so the tensor itself became the model input (get_source_inputs)
_WRAPPED = {}
# id(loss) -> (loss, the Gradients layer differentiating it, its output giving the loss)
_LOSS_COMPUTED_BY = {}
# (ids of sources, ids of targets) -> (sources, targets, keras.Model)
_MODELS = {}


def clear():
    """Forget the graphs built so far (K.clear_session)."""
    for registry in (_CARRIED, _WRAPPED, _LOSS_COMPUTED_BY, _MODELS):
        registry.clear()


def _history(x):
    return getattr(x, '_keras_history', None)


def is_graph_input(x):
    """Whether a KerasTensor is the output of an input layer (``keras.Input``, ``K.placeholder``)."""
    history = _history(x)
    if history is None:
        return False
    operation, node_index = history[0], history[1]
    return operation._inbound_nodes[node_index].is_input


def source_inputs(tensors, given=()):
    """The graph inputs (input-layer tensors) the KerasTensors ``tensors`` are computed from;
    tensors whose ids are in ``given`` (values at hand) count as inputs."""
    found, seen, stack = [], set(), list(reversed(tensors))
    while stack:
        t = stack.pop()
        if id(t) in seen:
            continue
        seen.add(id(t))
        if id(t) in given:
            found.append(t)
            continue
        history = _history(t)
        if history is None:
            raise ValueError('%r is not part of a Keras graph (no layer made it)' % (t,))
        node = history[0]._inbound_nodes[history[1]]
        if node.is_input:
            found.append(t)
        else:
            stack.extend(reversed(list(node.input_tensors)))
    return found


def carried(x):
    """The tensor or value the input ``x`` carries (Input(tensor=...)), else None."""
    entry = _CARRIED.get(id(x))
    return entry[1] if entry is not None and entry[0] is x else None


def input_wrapping(tensor):
    """The input made by ``Input(tensor=tensor)``, else None."""
    entry = _WRAPPED.get(id(tensor))
    return entry[1] if entry is not None and entry[0] is tensor else None


def _is_value(x):
    return isinstance(x, _VARIABLE_TYPES) or (tf.is_tensor(x) and not isinstance(x, KerasTensor))


def input_carrying(tensor, batch_shape=None, name=None):
    """keras 1.2.2 engine/topology.py InputLayer(input_tensor=tensor) for a value or an expression.

    The shape is the tensor's own where Keras 1 knew it (``K.int_shape``: a
    variable, a placeholder or a layer output carry ``_keras_shape``), else
    the given ``batch_shape`` (an expression such as ``K.concatenate([...])``
    has none), else the tensor's static shape. The dtype is the tensor's (Keras
    1's ``input_dtype`` only labelled the layer; the tensor kept its own).
    """
    from compat.keras.backend._lift import is_keras_tensor
    if not (_is_value(tensor) or isinstance(tensor, KerasTensor)):
        tensor = tf.convert_to_tensor(tensor)
    own_shape = tuple(None if d is None else int(d) for d in tensor.shape)
    if isinstance(tensor, _VARIABLE_TYPES) or is_keras_tensor(tensor) or batch_shape is None:
        batch_shape = own_shape
    if len(batch_shape) != len(own_shape):
        raise ValueError('Input(tensor=...): the tensor has shape %s but the given shape is %s'
                         % (own_shape, tuple(batch_shape)))
    dtype = tensor.dtype if isinstance(tensor, KerasTensor) else tf.as_dtype(tensor.dtype).name
    x = keras.Input(batch_shape=tuple(batch_shape), dtype=dtype, name=name)
    _CARRIED[id(x)] = (x, tensor)
    _WRAPPED[id(tensor)] = (tensor, x)
    return x


def external_inputs(tensors):
    """The graph inputs that must be fed to compute ``tensors``: their source inputs, where an
    input carrying an expression stands for that expression's own inputs, and an input carrying
    a value needs none."""
    found, seen = [], set()
    for s in source_inputs(tensors):
        value = carried(s)
        if value is None:
            needed = [s]
        elif isinstance(value, KerasTensor):
            needed = external_inputs([value])
        else:
            needed = []
        for t in needed:
            if id(t) not in seen:
                seen.add(id(t))
                found.append(t)
    return found


def _model(sources, targets):
    key = (tuple(id(s) for s in sources), tuple(id(t) for t in targets))
    entry = _MODELS.get(key)
    if entry is None:
        entry = _MODELS[key] = (list(sources), list(targets), keras.Model(list(sources), list(targets)))
    return entry[2]


def _fed(x, feeds, training):
    """The value of the graph input ``x``: fed, else computed from what it carries."""
    if id(x) in feeds:
        return feeds[id(x)]
    value = carried(x)
    if value is None:
        raise ValueError('The graph needs the input %r, which is not among the given inputs '
                         '(Theano: MissingInputError). Add it to the K.function inputs.' % (x,))
    if isinstance(value, KerasTensor):
        value = evaluate([value], feeds, training)[0]
    feeds[id(x)] = tf.cast(tf.convert_to_tensor(value), x.dtype)
    return feeds[id(x)]


def evaluate(targets, feeds, training=False):
    """The values of the KerasTensors ``targets`` given ``feeds`` ({id(input): value}), one
    ``keras.Model`` call from the inputs they need; carried inputs are computed and fed.
    ``feeds`` also keeps the carried inputs' values computed here."""
    sources = source_inputs(targets, given=feeds)
    values = [_fed(s, feeds, training) for s in sources]
    out = _model(sources, targets)(values, training=training)
    return list(out) if isinstance(out, (list, tuple)) else [out]


class Gradients(keras.layers.Layer):
    """keras 1.2.2 theano_backend gradients (``T.grad(loss, variables)``) of a symbolic loss.

    Called on the inputs ``loss`` needs; recomputes ``loss`` under a
    ``tf.GradientTape`` and returns its gradient with respect to each of
    ``wrt`` (graph inputs or variables), so the result stays symbolic.
    """
    _keras1_expression = True  # a backend expression, not a Keras 1 layer output

    def __init__(self, loss, wrt, **kwargs):
        super().__init__(name=kwargs.pop('name', None) or unique_name('k_gradients'), **kwargs)
        # closures, not attributes: Keras must not track the variables or tensors as weights
        inputs = external_inputs([loss])
        self._graph = lambda: (loss, list(wrt), inputs)

    def call(self, inputs, training=None):
        loss, wrt, sources = self._graph()
        feeds = {id(s): v for s, v in zip(sources, inputs)}
        with tf.GradientTape() as tape:
            watched = []
            for w in wrt:
                if isinstance(w, KerasTensor):
                    value = _fed(w, feeds, training)
                else:  # a Keras 3 variable is read through the tf.Variable it holds
                    value = w.value if isinstance(w, keras.Variable) else w
                tape.watch(value)
                watched.append(value)
            loss_value = evaluate([loss], feeds, training)[0]
        grads = tape.gradient(loss_value, watched)
        return [tf.zeros_like(w) if g is None else tf.convert_to_tensor(g)
                for g, w in zip(grads, watched)] + [loss_value]

    def compute_output_spec(self, inputs, training=None):
        loss, wrt, _ = self._graph()
        return [KerasTensor(tuple(w.shape), dtype=w.dtype if isinstance(w, KerasTensor)
                            else tf.as_dtype(w.dtype).name) for w in wrt] + \
            [KerasTensor((), dtype=loss.dtype)]

    def compute_mask(self, inputs, mask=None):
        return None


def symbolic_gradients(loss, wrt):
    """gradients() of a KerasTensor ``loss`` (see Gradients)."""
    if tuple(loss.shape) != ():
        # theano.gradient.grad: "cost must be a scalar."
        raise TypeError('K.gradients: the loss must be a scalar (shape ()), got shape %s; reduce it '
                        'first, e.g. K.sum(loss) or K.mean(loss).' % (tuple(loss.shape),))
    inputs = external_inputs([loss])
    sources = source_inputs([loss]) + inputs  # an input carrying an expression stands for its inputs
    for w in wrt:
        if isinstance(w, KerasTensor):
            if not is_graph_input(w):
                raise NotImplementedError('K.gradients: gradients with respect to %r, an intermediate '
                                          'tensor, are not supported; differentiate with respect to '
                                          'a graph input (Input / K.placeholder) or a variable.' % (w,))
            if all(w is not s for s in sources):
                # theano.gradient.DisconnectedInputError
                raise ValueError('K.gradients: the loss does not depend on %r (Theano: '
                                 'DisconnectedInputError).' % (w,))
        elif not isinstance(w, _VARIABLE_TYPES):
            raise TypeError('K.gradients: differentiate with respect to graph inputs or variables, '
                            'got %r' % (w,))
    if not inputs:
        raise ValueError('K.gradients: the loss depends on no input to feed; compute it from a '
                         'K.placeholder or an Input.')
    layer = Gradients(loss, wrt)
    outputs = layer(inputs)
    _LOSS_COMPUTED_BY[id(loss)] = (loss, layer, outputs[-1])
    return list(outputs[:-1])


def _operations(tensors):
    """The operations (layers) the KerasTensors ``tensors`` are computed with."""
    found, seen, stack = set(), set(), list(tensors)
    while stack:
        t = stack.pop()
        history = _history(t)
        if id(t) in seen or history is None:
            continue
        seen.add(id(t))
        found.add(id(history[0]))
        stack.extend(history[0]._inbound_nodes[history[1]].input_tensors)
    return found


def sharing_the_loss(targets):
    """``targets`` where a loss is taken from the Gradients layer of another target (which
    computes it on the way), so evaluating ``[loss, K.gradients(loss, x)]`` runs the graph once."""
    operations = _operations(targets)
    shared = []
    for t in targets:
        entry = _LOSS_COMPUTED_BY.get(id(t))
        shared.append(entry[2] if entry is not None and entry[0] is t and id(entry[1]) in operations
                      else t)
    return shared
