"""Keras 1's symbolic-graph idioms in miniature, run by the oracle and by compat alike.

Each function takes ``k1``, an object with the Keras 1 names it uses (``K``,
``Input``, ``Convolution2D``, ``Dense``, ``Model``, ``get_source_inputs``):
make_fixtures.py passes the real Keras 1.2.2 ones, tests/test_symbolic_graph.py
compat's. ``weights`` maps a layer name to its Keras 1 weight arrays and
``data`` holds the input arrays; each function returns ``{name: array}``.

- ``filter_visualization``: conv_filter_visualization.py's loop -- the mean
  activation of one filter, its gradient w.r.t. the model input
  (``K.gradients``), L2-normalised with further K ops, ``K.function([input],
  [loss, grads])``, then three gradient-ascent steps.
- ``style_transfer``: neural_style_transfer.py's graph -- a K.variable base and
  style image concatenated with a K.placeholder as the model input
  (``Input(tensor=expression)`` inside the model), ``loss = K.variable(0.)``
  accumulated with ``+=`` (content, gram-matrix style, total variation) and
  ``-=`` (deep_dream.py's feature term), its gradient w.r.t. the placeholder.
- ``input_tensor``: ``Input(tensor=K.variable(...))`` and
  ``Input(tensor=expression, shape=...)`` feeding small models, evaluated with
  ``K.function([], ...)`` (the inputs feed themselves) and, for the
  expression, with ``predict`` (the fed array replaces the expression).
"""
import numpy as np

ROWS = COLS = 6


def _set(model, weights):
    for layer in model.layers:
        if layer.name in weights:
            layer.set_weights(weights[layer.name])


def filter_visualization(k1, weights, data):
    K = k1.K
    img = k1.Input(shape=(2, 8, 8), name='image')
    x = k1.Convolution2D(4, 3, 3, activation='relu', border_mode='same', name='conv1')(img)
    x = k1.Convolution2D(3, 3, 3, activation='relu', name='conv2')(x)
    model = k1.Model(img, x)
    _set(model, weights)
    input_img = model.input
    layer_output = dict((layer.name, layer) for layer in model.layers[1:])['conv2'].output
    loss = K.mean(layer_output[:, 1, :, :])
    grads = K.gradients(loss, input_img)[0]  # T.grad of one variable: [0] is the first sample
    grads = grads / (K.sqrt(K.mean(K.square(grads))) + 1e-5)
    iterate = K.function([input_img], [loss, grads])
    x_value = np.array(data['start'], dtype='float64')
    out = {}
    for i in range(3):
        loss_value, grads_value = iterate([x_value])
        out['loss_%d' % i] = np.asarray(loss_value)
        out['grads_%d' % i] = np.asarray(grads_value)
        x_value += grads_value * 1.
    out['image'] = x_value
    return out


def _gram_matrix(K, x):
    features = K.batch_flatten(x)
    return K.dot(features, K.transpose(features))


def style_transfer(k1, weights, data):
    K = k1.K
    base_image = K.variable(data['base'])
    style_image = K.variable(data['style'])
    combination_image = K.placeholder((1, 2, ROWS, COLS))
    input_tensor = K.concatenate([base_image, style_image, combination_image], axis=0)
    # keras 1.2.2 applications/vgg16.py VGG16(input_tensor=...)
    if not K.is_keras_tensor(input_tensor):
        img_input = k1.Input(tensor=input_tensor, shape=(2, None, None))
    else:
        img_input = input_tensor
    x = k1.Convolution2D(3, 3, 3, activation='relu', border_mode='same', name='block1_conv1')(img_input)
    x = k1.Convolution2D(4, 3, 3, activation='relu', border_mode='same', name='block2_conv1')(x)
    model = k1.Model(k1.get_source_inputs(input_tensor), x)
    _set(model, weights)
    outputs_dict = dict((layer.name, layer.output) for layer in model.layers)

    accumulator = K.variable(0.)
    loss = accumulator
    features = outputs_dict['block2_conv1']
    loss += 0.025 * K.sum(K.square(features[2, :, :, :] - features[0, :, :, :]))
    for name in ('block1_conv1', 'block2_conv1'):
        features = outputs_dict[name]
        S, C = _gram_matrix(K, features[1, :, :, :]), _gram_matrix(K, features[2, :, :, :])
        loss += 0.5 * K.sum(K.square(S - C)) / (4. * (2 ** 2) * ((ROWS * COLS) ** 2))
    a = K.square(combination_image[:, :, :ROWS - 1, :COLS - 1] - combination_image[:, :, 1:, :COLS - 1])
    b = K.square(combination_image[:, :, :ROWS - 1, :COLS - 1] - combination_image[:, :, :ROWS - 1, 1:])
    loss += 1e-3 * K.sum(K.pow(a + b, 1.25))
    loss -= 0.01 * K.sum(K.square(outputs_dict['block1_conv1'][2, :, 1:ROWS - 1, 1:COLS - 1])) / 48.
    grads = K.gradients(loss, combination_image)  # one tensor: T.grad of a single variable
    f_outputs = K.function([combination_image], [loss, grads])
    out = {}
    for i, x_value in enumerate((data['x0'], data['x1'])):
        loss_value, grads_value = f_outputs([x_value])
        out['loss_%d' % i] = np.asarray(loss_value)
        out['grads_%d' % i] = np.asarray(grads_value)
    out['accumulator_after'] = np.asarray(K.get_value(accumulator))  # += made new expressions
    return out


def input_tensor(k1, weights, data):
    K = k1.K
    v = K.variable(data['v'])
    x = k1.Input(tensor=v)
    y = k1.Dense(4, name='dense_v')(x)
    model = k1.Model(x, y)
    _set(model, weights)
    out = {'variable_function': K.function([], [y])([])[0]}
    expression = K.concatenate([v, K.variable(data['w'])], axis=0)
    x2 = k1.Input(tensor=expression, shape=(3,))
    y2 = k1.Dense(2, name='dense_e')(x2)
    model2 = k1.Model(x2, y2)
    _set(model2, weights)
    out['expression_function'] = K.function([], [y2])([])[0]
    out['expression_predict'] = model2.predict(data['fed'])
    out['expression_shape'] = np.asarray(model2.input_shape[1:])
    return out


CASES = (filter_visualization, style_transfer, input_tensor)

# Keras 1 weight shapes ('th' kernels) of the named layers, per case
WEIGHT_SHAPES = {
    'filter_visualization': {'conv1': [(4, 2, 3, 3), (4,)], 'conv2': [(3, 4, 3, 3), (3,)]},
    'style_transfer': {'block1_conv1': [(3, 2, 3, 3), (3,)], 'block2_conv1': [(4, 3, 3, 3), (4,)]},
    'input_tensor': {'dense_v': [(3, 4), (4,)], 'dense_e': [(3, 2), (2,)]},
}


def stand_ins(seed=1234):
    """The weights and input data of every case, drawn from ``seed``."""
    rng = np.random.RandomState(seed)
    weights, data = {}, {}
    for case, shapes in sorted(WEIGHT_SHAPES.items()):
        weights[case] = dict((name, [(rng.randn(*s) * 0.5).astype('float32') for s in ws])
                             for name, ws in sorted(shapes.items()))
    data['filter_visualization'] = {'start': (rng.random_sample((1, 2, 8, 8)) - 0.5) * 20 + 128}
    data['style_transfer'] = dict((k, rng.uniform(-2, 2, (1, 2, ROWS, COLS)).astype('float32'))
                                  for k in ('base', 'style', 'x0', 'x1'))
    data['input_tensor'] = {'v': rng.randn(2, 3).astype('float32'), 'w': rng.randn(1, 3).astype('float32'),
                            'fed': rng.randn(5, 3).astype('float32')}
    return weights, data
