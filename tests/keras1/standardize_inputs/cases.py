"""Input and target forms Keras 1.2.2 took (or refused), for the oracle and for compat alike.

``keras`` is whichever Keras 1 API the importer sees (the real 1.2.2 or compat's). Each CASES row is
(model, method, form): ``call(model, method, form)`` runs it on a freshly weighted model and returns
what the method returned as a list of float arrays, or raises what Keras 1 raised.
"""
import numpy as np
from keras import backend as K
from keras.layers import Dense, Input, merge
from keras.models import Model, Sequential

N = 16


def _data():
    rng = np.random.RandomState(11)
    return {'x': rng.rand(N, 4).astype('float32'), 'b': rng.rand(N, 2).astype('float32'),
            'labels': [1] * 8 + [0] * 8, 'onehot': np.eye(3, dtype='float32')[rng.randint(0, 3, N)],
            'score': rng.rand(N, 3).astype('float32'), 'sw': rng.rand(N).astype('float32')}


DATA = _data()


def mean_gap(y_true, y_pred):
    """A loss of the user's own that reads the first 3 of its targets' columns: Keras 1 did not check
    the targets' shape for a loss it did not know."""
    return K.mean(K.square(y_pred - y_true[:, :3]), axis=-1)


def build(name):
    if name == 'discriminator':  # one input, one sigmoid unit: the GAN idiom
        model = Sequential()
        model.add(Dense(1, input_dim=4, activation='sigmoid'))
        model.compile('sgd', 'binary_crossentropy', metrics=['accuracy'])
    elif name == 'classifier':
        model = Sequential()
        model.add(Dense(3, input_dim=4, activation='softmax'))
        model.compile('sgd', 'categorical_crossentropy')
    elif name == 'custom_loss':
        model = Sequential()
        model.add(Dense(3, input_dim=4))
        model.compile('sgd', mean_gap)
    else:  # 'two_by_two': a functional model with two named inputs and two named outputs
        a, b = Input(shape=(4,), name='a'), Input(shape=(2,), name='b')
        h = merge([a, b], mode='concat')
        model = Model(input=[a, b], output=[Dense(1, activation='sigmoid', name='real')(h),
                                            Dense(3, name='score')(h)])
        model.compile('sgd', ['binary_crossentropy', 'mse'])
    return model


D = DATA
ONE_X = {  # one-input models: x forms
    'array': lambda m: D['x'],
    'list_of_one_array': lambda m: [D['x']],
    'dict_by_name': lambda m: {m.input_names[0]: D['x']},
    'nested_lists': lambda m: D['x'].tolist(),
    'tuple': lambda m: (D['x'],),
    'list_of_row_arrays': lambda m: list(D['x']),
    'missing_name': lambda m: {'nope': D['x']},
}
DISCRIMINATOR_Y = {
    'list_of_ints': lambda m: D['labels'],
    'array_1d': lambda m: np.array(D['labels']),
    'array_2d': lambda m: np.array(D['labels'], dtype='float32')[:, None],
    'nested_lists': lambda m: [[v] for v in D['labels']],
    'list_of_one_list': lambda m: [D['labels']],
    'list_of_one_array': lambda m: [np.array(D['labels'])],
    'dict_by_name': lambda m: {m.output_names[0]: D['labels']},
    'list_of_one_int': lambda m: [1],
    'scalar': lambda m: 1,
    'tuple': lambda m: tuple(D['labels']),
    'wrong_width': lambda m: np.ones((N, 2), dtype='float32'),
    'too_few': lambda m: D['labels'][:15],
}
TWO_X = {
    'list': lambda m: [D['x'], D['b']],
    'dict_by_name': lambda m: {'a': D['x'], 'b': D['b']},
    'one_array': lambda m: D['x'],
    'list_of_nested_lists': lambda m: [D['x'].tolist(), D['b'].tolist()],
    'dict_missing': lambda m: {'a': D['x']},
    'three_arrays': lambda m: [D['x'], D['b'], D['b']],
}
TWO_Y = {
    'list': lambda m: [np.array(D['labels']), D['score']],
    'dict_by_name': lambda m: {'real': D['labels'], 'score': D['score']},
    'list_with_list_of_ints': lambda m: [D['labels'], D['score']],
    'list_of_ints': lambda m: D['labels'],
}

# (model, x form, y form, extra keyword arguments' form)
TRAIN_FORMS = (
    [('discriminator', 'array', y, None) for y in DISCRIMINATOR_Y]
    + [('discriminator', x, 'list_of_ints', None) for x in ONE_X if x != 'array']
    + [('discriminator', 'array', 'list_of_ints', w) for w in
       ('sample_weight_array', 'sample_weight_list', 'sample_weight_dict', 'sample_weight_list_of_one',
        'class_weight')]
    + [('classifier', 'array', y, None) for y in ('onehot', 'onehot_nested_lists', 'int_classes')]
    + [('custom_loss', 'array', y, None) for y in ('three_columns', 'five_columns')]
    + [('two_by_two', x, 'list', None) for x in TWO_X if x != 'list']
    + [('two_by_two', 'list', y, None) for y in TWO_Y]
    + [('two_by_two', 'dict_by_name', 'dict_by_name', w) for w in ('sample_weight_dict_one', 'sample_weight_list')]
)
CLASSIFIER_Y = {
    'onehot': lambda m: D['onehot'],
    'onehot_nested_lists': lambda m: D['onehot'].tolist(),
    'int_classes': lambda m: D['onehot'].argmax(1),
}
CUSTOM_Y = {
    'three_columns': lambda m: D['score'],
    'five_columns': lambda m: np.concatenate([D['score'], D['onehot'][:, :2]], axis=1),
}
WEIGHTS = {
    'sample_weight_array': lambda m: {'sample_weight': D['sw']},
    'sample_weight_list': lambda m: {'sample_weight': D['sw'].tolist()},
    'sample_weight_dict': lambda m: {'sample_weight': {m.output_names[0]: D['sw']}},
    'sample_weight_list_of_one': lambda m: {'sample_weight': [D['sw']]},
    'class_weight': lambda m: {'class_weight': {0: 1.0, 1: 3.0}},
    'sample_weight_dict_one': lambda m: {'sample_weight': {'real': D['sw']}},
}
METHODS = ('train_on_batch', 'test_on_batch', 'fit', 'evaluate')
PREDICT_METHODS = ('predict', 'predict_on_batch')

CASES = ([(model, method, (x, y, w)) for model, x, y, w in TRAIN_FORMS for method in METHODS
          if not (w == 'class_weight' and method in ('test_on_batch', 'evaluate'))]
         + [(model, method, (x, None, None)) for model, forms in (('discriminator', ONE_X), ('two_by_two', TWO_X))
            for x in forms for method in PREDICT_METHODS])


def _x_form(model_name, x):
    return (TWO_X if model_name == 'two_by_two' else ONE_X)[x]


def _y_form(model_name, y):
    return {'discriminator': DISCRIMINATOR_Y, 'classifier': CLASSIFIER_Y, 'custom_loss': CUSTOM_Y,
            'two_by_two': TWO_Y}[model_name][y]


def case_id(model_name, method, form):
    return '%s-%s-%s' % (model_name, method, '-'.join(f for f in form if f))


def call(model, model_name, method, form):
    x, y, w = form
    args = [_x_form(model_name, x)(model)] + ([_y_form(model_name, y)(model)] if y else [])
    kwargs = WEIGHTS[w](model) if w else {}
    if method in ('fit', 'evaluate', 'predict'):
        kwargs['batch_size'] = N
        kwargs['verbose'] = 0
    if method == 'fit':
        kwargs.update(nb_epoch=1, shuffle=False)
        return [np.atleast_1d(np.asarray(v, dtype='float64')) for _, v in sorted(
            getattr(model, method)(*args, **kwargs).history.items())]
    out = getattr(model, method)(*args, **kwargs)
    return [np.asarray(v, dtype='float64') for v in (out if isinstance(out, list) else [out])]
