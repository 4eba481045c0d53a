"""Oracle fixtures for compat's numerics room, made with real Keras 1.2.2 (Theano).

usage: /tmp/keras1-oracle/run tests/keras1/numerics/make_numerics.py [--out DIR] [SECTION ...]
(DIR defaults to tests/fixtures/numerics; SECTIONs default to all of: activations,
objectives_metrics, optimizers, initializations, regularizers_constraints). Writes:
  activations.npz      inputs, outputs and input gradients of every activation
  objectives.npz       every loss on fixed (y_true, y_pred) pairs
  metrics.npz          every metric on fixed pairs, plus tiny compiled models'
                       predictions/targets/evaluate() rows (for the 'acc' rule)
  optimizers.npz       per case: params after each of 4 steps of fixed gradients,
                       and get_weights() after the last step
  initializations.npz  draws after np.random.seed, and get_fans
  regularizers.npz, constraints.npz
  configs.json         get_config()s, metrics_names, case descriptions
Everything is deterministic; rerunning reproduces the same files.
"""
import json
import os
import sys

import numpy as np

from keras import backend as K
from keras import activations, constraints, initializations, metrics, objectives, optimizers
from keras import regularizers
from keras.layers import Dense
from keras.models import Sequential

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'fixtures', 'numerics')
CONFIGS = {}


def f32(a):
    return np.asarray(a, dtype='float32')


def evaluate(fn, *arrays):
    """Run fn on placeholders shaped like arrays; return the numpy result."""
    phs = [K.placeholder(ndim=a.ndim) for a in arrays]
    out = fn(*phs)
    return K.function(phs, [out])([f32(a) for a in arrays])[0]


# ---------------------------------------------------------------- activations
def make_activations():
    rng = np.random.RandomState(11)
    special = [-120., -100., -90., -87.5, -50., -20., -15.5, -14.5, -3., -0.5, 0., 0.3, 2.,
               14.5, 15.5, 20., 50., 90., 100., 120.]
    x2 = f32(np.vstack([special, rng.randn(3, 20) * 4]))
    x3 = f32(rng.randn(2, 3, 5) * 3)
    w2 = f32(rng.randn(*x2.shape))
    w3 = f32(rng.randn(*x3.shape))
    variants = {
        'softmax': activations.softmax, 'elu': activations.elu, 'softplus': activations.softplus,
        'softsign': activations.softsign, 'relu': activations.relu, 'tanh': activations.tanh,
        'sigmoid': activations.sigmoid, 'hard_sigmoid': activations.hard_sigmoid,
        'linear': activations.linear,
        'relu_leaky': lambda x: activations.relu(x, alpha=0.1),
        'relu_max6': lambda x: activations.relu(x, max_value=6.),
        'relu_leaky_max6': lambda x: activations.relu(x, alpha=0.2, max_value=6.),
        'elu_alpha05': lambda x: activations.elu(x, alpha=0.5),
    }
    out = {'x2': x2, 'x3': x3, 'w2': w2, 'w3': w3}
    for name, fn in variants.items():
        for tag, x, w in (('2', x2, w2), ('3', x3, w3)):
            if name != 'softmax' and tag == '3':
                continue
            xp = K.placeholder(ndim=x.ndim)
            y = fn(xp)
            g = K.gradients(K.sum(y * K.variable(w)), [xp])[0]
            val, grad = K.function([xp], [y, g])([x])
            out['%s_%s' % (name, tag)] = val
            out['%s_grad_%s' % (name, tag)] = grad
    np.savez(os.path.join(OUT, 'activations.npz'), **out)


# ---------------------------------------------------------------- objectives / metrics
def pairs():
    rng = np.random.RandomState(22)
    p = {}
    yt = rng.randn(6, 5)
    yt[0, 1] = 0.
    p['reg'] = (f32(yt), f32(rng.randn(6, 5)))
    p['pos'] = (f32(rng.rand(6, 5) * 3), f32(rng.rand(6, 5) * 3 + 0.01))
    logits = rng.randn(6, 5) * 3
    prob = np.exp(logits) / np.exp(logits).sum(-1, keepdims=True)
    prob[0] = [1., 0., 0., 0., 0.]        # saturated: clipping matters
    prob[1] = [0., 0.5, 0.5, 0., 0.]
    prob[2] *= 1.7                        # not normalised: Keras 1 renormalises
    onehot = np.eye(5)[rng.randint(0, 5, 6)]
    onehot[0] = [0., 1., 0., 0., 0.]      # wrong and saturated
    p['prob'] = (f32(onehot), f32(prob))
    yb = (rng.rand(6, 5) > 0.5).astype('float32')
    pb = rng.rand(6, 5)
    pb[0] = [1., 0., 0.99999994, 1e-9, 0.5]
    yb[0] = [0., 1., 1., 0., 1.]
    p['binary'] = (yb, f32(pb))
    p['hinge'] = (f32(np.where(rng.rand(6, 5) > 0.5, 1., -1.)), f32(rng.randn(6, 5)))
    sl = rng.randint(0, 5, (6, 1))
    p['sparse'] = (f32(sl), f32(prob))
    logits3 = rng.randn(2, 3, 4) * 2
    prob3 = np.exp(logits3) / np.exp(logits3).sum(-1, keepdims=True)
    lab3 = rng.randint(0, 4, (2, 3, 1))
    p['prob3'] = (f32(np.eye(4)[lab3[..., 0]]), f32(prob3))
    p['sparse3'] = (f32(lab3), f32(prob3))
    ranks = rng.rand(6, 7)
    ranks[0] = [0.1, 0.3, 0.3, 0.3, 0.2, 0.0, 0.3]  # ties around the top-k boundary
    tk = np.eye(7)[rng.randint(0, 7, 6)]
    tk[0] = np.eye(7)[1]
    p['topk'] = (f32(tk), f32(ranks))
    return p


LOSS_PAIRS = {
    'mean_squared_error': ['reg', 'prob'], 'mean_absolute_error': ['reg'],
    'mean_absolute_percentage_error': ['reg', 'pos'], 'mean_squared_logarithmic_error': ['pos', 'reg'],
    'squared_hinge': ['hinge'], 'hinge': ['hinge'],
    'categorical_crossentropy': ['prob', 'prob3'],
    'sparse_categorical_crossentropy': ['sparse', 'sparse3'],
    'binary_crossentropy': ['binary', 'prob'],
    'kullback_leibler_divergence': ['prob', 'binary'], 'poisson': ['pos'],
    'cosine_proximity': ['reg', 'prob'],
}
METRIC_PAIRS = dict(LOSS_PAIRS, **{
    'binary_accuracy': ['binary', 'prob'], 'categorical_accuracy': ['prob', 'prob3', 'topk'],
    'sparse_categorical_accuracy': ['sparse', 'sparse3'], 'top_k_categorical_accuracy': ['topk', 'prob'],
    'matthews_correlation': ['binary'], 'precision': ['binary'], 'recall': ['binary'],
    'fmeasure': ['binary'],
})


def make_objectives_and_metrics():
    p = pairs()
    out = {}
    for key, (yt, yp) in p.items():
        out['pair_%s_true' % key] = yt
        out['pair_%s_pred' % key] = yp
    for name, keys in LOSS_PAIRS.items():
        for key in keys:
            out['%s__%s' % (name, key)] = evaluate(getattr(objectives, name), *p[key])
    np.savez(os.path.join(OUT, 'objectives.npz'), **out)

    mout = {}
    for name, keys in METRIC_PAIRS.items():
        for key in keys:
            mout['%s__%s' % (name, key)] = evaluate(getattr(metrics, name), *p[key])
    mout['top_k_categorical_accuracy_k2__topk'] = evaluate(
        lambda a, b: metrics.top_k_categorical_accuracy(a, b, k=2), *p['topk'])
    mout['fbeta_score_b2__binary'] = evaluate(
        lambda a, b: metrics.fbeta_score(a, b, beta=2), *p['binary'])

    # compile's 'accuracy' rule and display names, seen through evaluate()
    rng = np.random.RandomState(33)
    x = f32(rng.randn(12, 3))
    models = {
        'sigmoid1_mse': (1, 'sigmoid', 'mse', ['accuracy', 'mse', 'mae'],
                         f32(rng.rand(12, 1) > 0.5)),
        'softmax4_bce': (4, 'softmax', 'binary_crossentropy', ['acc', 'binary_accuracy'],
                         f32(rng.rand(12, 4) > 0.5)),
        'softmax4_sparse': (4, 'softmax', 'sparse_categorical_crossentropy', ['accuracy'],
                            f32(rng.randint(0, 4, (12, 1)))),
        'softmax4_cce': (4, 'softmax', 'categorical_crossentropy',
                         ['accuracy', 'top_k_categorical_accuracy', 'fmeasure', 'cosine', 'poisson'],
                         f32(np.eye(4)[rng.randint(0, 4, 12)])),
        'linear4_mse': (4, 'linear', 'mean_squared_error', ['acc', 'mape', 'msle'],
                        f32(np.eye(4)[rng.randint(0, 4, 12)])),
    }
    CONFIGS['compiled_metrics'] = {}
    for tag, (units, act, loss, mets, y) in models.items():
        np.random.seed(5)
        model = Sequential([Dense(units, activation=act, input_dim=3)])
        model.compile('sgd', loss, metrics=mets)
        mout['model_%s_x' % tag] = x
        mout['model_%s_y' % tag] = y
        mout['model_%s_pred' % tag] = model.predict(x, batch_size=12)
        mout['model_%s_eval' % tag] = np.asarray(model.evaluate(x, y, batch_size=12, verbose=0),
                                                 dtype='float64')
        CONFIGS['compiled_metrics'][tag] = {'loss': loss, 'metrics': mets,
                                            'output_shape': [None, units],
                                            'metrics_names': model.metrics_names}
    np.savez(os.path.join(OUT, 'metrics.npz'), **mout)


# ---------------------------------------------------------------- optimizers
OPT_CASES = [
    # (case name, class name, kwargs, {param index: constraint}, {step: new lr})
    ('sgd_default', 'SGD', {}, {}, {}),
    ('sgd_momentum', 'SGD', {'lr': 0.1, 'momentum': 0.9}, {}, {}),
    ('sgd_nesterov_decay', 'SGD', {'lr': 0.1, 'momentum': 0.8, 'decay': 0.1, 'nesterov': True}, {}, {}),
    ('sgd_clipnorm', 'SGD', {'lr': 0.1, 'clipnorm': 0.5}, {}, {}),
    ('sgd_clipvalue', 'SGD', {'lr': 0.1, 'momentum': 0.5, 'clipvalue': 0.3}, {}, {}),
    ('sgd_set_lr', 'SGD', {'lr': 0.1, 'momentum': 0.9}, {}, {2: 0.01}),
    ('sgd_constraints', 'SGD', {'lr': 0.5}, {0: ('MaxNorm', {'m': 0.8, 'axis': 0}),
                                             1: ('NonNeg', {})}, {}),
    ('rmsprop_default', 'RMSprop', {}, {}, {}),
    ('rmsprop_decay', 'RMSprop', {'lr': 0.01, 'rho': 0.8, 'decay': 0.2, 'epsilon': 1e-4}, {}, {}),
    ('adagrad_default', 'Adagrad', {}, {}, {}),
    ('adagrad_decay_clipnorm', 'Adagrad', {'lr': 0.1, 'decay': 0.05, 'clipnorm': 1.0}, {}, {}),
    ('adadelta_default', 'Adadelta', {}, {}, {}),
    ('adadelta_decay', 'Adadelta', {'lr': 0.5, 'rho': 0.9, 'decay': 0.1, 'epsilon': 1e-6}, {}, {}),
    ('adam_default', 'Adam', {}, {}, {}),
    ('adam_decay_clipvalue', 'Adam', {'lr': 0.01, 'beta_1': 0.8, 'decay': 0.05, 'clipvalue': 0.5}, {}, {}),
    ('adamax_default', 'Adamax', {}, {}, {}),
    ('adamax_decay', 'Adamax', {'lr': 0.01, 'beta_2': 0.99, 'decay': 0.1}, {}, {}),
    ('nadam_default', 'Nadam', {}, {}, {}),
    ('nadam_schedule_constraints', 'Nadam', {'lr': 0.01, 'schedule_decay': 0.01, 'clipnorm': 2.0},
     {0: ('UnitNorm', {'axis': 1})}, {}),
]
N_STEPS = 4


def make_optimizers():
    rng = np.random.RandomState(44)
    init = [f32(rng.randn(3, 4)), f32(rng.randn(4))]
    grads = [[f32(rng.randn(3, 4) * (1 + step)), f32(rng.randn(4) * (1 + step))]
             for step in range(N_STEPS)]
    out = {'init_0': init[0], 'init_1': init[1]}
    for step, gs in enumerate(grads):
        for i, g in enumerate(gs):
            out['grad_%d_%d' % (step, i)] = g
    CONFIGS['optimizers'] = {}
    for case, cls_name, kwargs, cons, lr_changes in OPT_CASES:
        params = [K.variable(v) for v in init]
        gphs = [K.placeholder(shape=v.shape) for v in init]
        loss = sum(K.sum(p * g) for p, g in zip(params, gphs))  # d loss / d p == g exactly
        opt = getattr(optimizers, cls_name)(**kwargs)
        cdict = {params[i]: getattr(constraints, cname)(**cargs)
                 for i, (cname, cargs) in cons.items()}
        updates = opt.get_updates(params, cdict, loss)
        f = K.function(gphs, [], updates=updates)
        for step in range(N_STEPS):
            if step in lr_changes:
                K.set_value(opt.lr, lr_changes[step])
            f(grads[step])
            for i, p in enumerate(params):
                out['%s__step%d_param%d' % (case, step, i)] = K.get_value(p)
        for j, w in enumerate(opt.get_weights()):
            out['%s__weight%d' % (case, j)] = w
        CONFIGS['optimizers'][case] = {
            'class_name': cls_name, 'kwargs': kwargs, 'lr_changes': lr_changes,
            'constraints': {str(i): [c, a] for i, (c, a) in cons.items()},
            'config': opt.get_config(), 'n_weights': len(opt.get_weights()),
            'weight_shapes': [list(w.shape) for w in opt.get_weights()]}
    np.savez(os.path.join(OUT, 'optimizers.npz'), **out)


# ---------------------------------------------------------------- initializations
INIT_CASES = [
    ('uniform', (5, 7), 'th'), ('normal', (5, 7), 'th'),
    ('lecun_uniform', (5, 7), 'th'), ('lecun_uniform', (4, 3, 3, 3), 'th'),
    ('glorot_normal', (5, 7), 'th'), ('glorot_normal', (4, 3, 3, 3), 'th'),
    ('glorot_uniform', (5, 7), 'th'), ('glorot_uniform', (4, 3, 3, 3), 'th'),
    ('glorot_uniform', (3, 3, 2, 6), 'tf'), ('glorot_uniform', (3, 4, 5), 'th'),
    ('glorot_uniform', (9,), 'th'),
    ('he_normal', (5, 7), 'th'), ('he_normal', (4, 3, 3, 3), 'th'),
    ('he_uniform', (5, 7), 'th'), ('he_uniform', (3, 3, 2, 6), 'tf'),
    ('orthogonal', (5, 7), 'th'), ('orthogonal', (7, 5), 'th'), ('orthogonal', (4, 3, 2, 2), 'th'),
    ('identity', (5, 5), 'th'), ('zero', (3, 4), 'th'), ('one', (3, 4), 'th'),
]
FAN_SHAPES = [((5, 7), 'th'), ((4, 3, 3, 3), 'th'), ((4, 3, 3, 3), 'tf'),
              ((2, 4, 3, 3, 3), 'th'), ((3, 3, 3, 4, 2), 'tf'), ((3, 4, 5), 'th'), ((9,), 'th')]


def make_initializations():
    out = {}
    CONFIGS['initializations'] = []
    for i, (name, shape, dim_ordering) in enumerate(INIT_CASES):
        np.random.seed(100 + i)
        value = K.get_value(getattr(initializations, name)(shape, dim_ordering=dim_ordering))
        out['init%d' % i] = value
        CONFIGS['initializations'].append({'name': name, 'shape': list(shape),
                                           'dim_ordering': dim_ordering, 'seed': 100 + i})
    CONFIGS['fans'] = [{'shape': list(s), 'dim_ordering': d,
                        'fans': [float(v) for v in initializations.get_fans(s, d)]}
                       for s, d in FAN_SHAPES]
    np.savez(os.path.join(OUT, 'initializations.npz'), **out)


# ---------------------------------------------------------------- regularizers / constraints
REG_CASES = [
    ('l1', regularizers.l1, {'l': 0.01}), ('l2', regularizers.l2, {'l': 0.02}),
    ('l1l2', regularizers.l1l2, {'l1': 0.01, 'l2': 0.02}),
    ('activity_l1', regularizers.activity_l1, {}), ('activity_l2', regularizers.activity_l2, {}),
    ('activity_l1l2', regularizers.activity_l1l2, {'l1': 0.003, 'l2': 0.3}),
    ('WeightRegularizer', regularizers.WeightRegularizer, {'l1': 0.1, 'l2': 0.3}),
    ('ActivityRegularizer', regularizers.ActivityRegularizer, {'l2': 0.05}),
    ('L1L2Regularizer', regularizers.L1L2Regularizer, {}),
    ('EigenvalueRegularizer', regularizers.EigenvalueRegularizer, {'k': 0.5}),
]
CON_CASES = [
    ('maxnorm_dense', 'MaxNorm', {'m': 1.5, 'axis': 0}, 'w2'),
    ('maxnorm_default', 'maxnorm', {}, 'w2'),
    ('maxnorm_conv_th', 'MaxNorm', {'m': 2.0, 'axis': [1, 2, 3]}, 'w4'),
    ('nonneg', 'NonNeg', {}, 'w2'),
    ('unitnorm_0', 'UnitNorm', {}, 'w2'),
    ('unitnorm_1', 'unitnorm', {'axis': 1}, 'w2'),
    ('minmax', 'MinMaxNorm', {'low': 0.5, 'high': 1.0, 'rate': 0.7, 'axis': 0}, 'w2'),
]


def make_regularizers_and_constraints():
    rng = np.random.RandomState(55)
    w = f32(rng.randn(5, 4))
    out = {'w': w}
    CONFIGS['regularizers'] = {}
    for name, fn, kwargs in REG_CASES:
        reg = fn(**kwargs)
        penalty = reg(K.variable(w))  # a variable: Eigenvalue needs a static shape
        out[name] = np.float32(penalty) if isinstance(penalty, (int, float)) else K.eval(penalty)
        CONFIGS['regularizers'][name] = {'kwargs': kwargs, 'config': reg.get_config()}
    CONFIGS['regularizer_get'] = {s: regularizers.get(s).get_config() for s in ('l1', 'l2', 'l1l2')}
    np.savez(os.path.join(OUT, 'regularizers.npz'), **out)

    w2 = f32(rng.randn(5, 4) * 0.7)
    w4 = f32(rng.randn(4, 3, 2, 2) * 0.8)
    cout = {'w2': w2, 'w4': w4}
    arrays = {'w2': w2, 'w4': w4}
    CONFIGS['constraints'] = {}
    for case, name, kwargs, key in CON_CASES:
        c = getattr(constraints, name)(**kwargs)
        cout[case] = evaluate(c, arrays[key])
        CONFIGS['constraints'][case] = {'name': name, 'kwargs': kwargs, 'input': key,
                                        'config': c.get_config()}
    np.savez(os.path.join(OUT, 'constraints.npz'), **cout)


SECTIONS = {'activations': make_activations, 'objectives_metrics': make_objectives_and_metrics,
            'optimizers': make_optimizers, 'initializations': make_initializations,
            'regularizers_constraints': make_regularizers_and_constraints}

if __name__ == '__main__':
    args = sys.argv[1:]
    if args[:1] == ['--out']:
        OUT, args = args[1], args[2:]
    os.makedirs(OUT, exist_ok=True)
    config_path = os.path.join(OUT, 'configs.json')
    if os.path.exists(config_path):  # partial runs keep the other sections' entries
        with open(config_path) as f:
            CONFIGS.update(json.load(f))
    for section in args or list(SECTIONS):
        SECTIONS[section]()
        with open(config_path, 'w') as f:
            json.dump(CONFIGS, f, indent=1, sort_keys=True, default=float)
    print('wrote', sorted(os.listdir(OUT)))
