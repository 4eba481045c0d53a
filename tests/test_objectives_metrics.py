"""compat.keras.objectives / metrics against Keras 1.2.2 (Theano) values.

Fixtures: tests/fixtures/numerics/{objectives,metrics}.npz and configs.json
('compiled_metrics': metrics_names and evaluate() rows of tiny Keras 1 models),
made by tests/keras1/numerics/make_numerics.py under the Keras 1.2.2 oracle.
"""
import json
import os

import numpy as np
import pytest

from compat.keras import metrics, objectives

HERE = os.path.join(os.path.dirname(__file__), 'fixtures', 'numerics')
OBJ = np.load(os.path.join(HERE, 'objectives.npz'))
MET = np.load(os.path.join(HERE, 'metrics.npz'))
with open(os.path.join(HERE, 'configs.json')) as _f:
    CONFIGS = json.load(_f)

LOSS_RTOL = 2e-3  # house tolerance for losses


def _pair(key):
    return OBJ['pair_%s_true' % key], OBJ['pair_%s_pred' % key]


def _cases(npz):
    return sorted(k for k in npz.files if '__' in k and not k.startswith('model_'))


@pytest.mark.parametrize('case', _cases(OBJ))
def test_loss_matches_keras1(case):
    name, key = case.split('__')
    got = objectives.get(name)(*_pair(key)).numpy()
    want = OBJ[case]
    assert got.shape == want.shape  # one value per sample (per timestep for 3-D)
    np.testing.assert_allclose(got, want, rtol=LOSS_RTOL, atol=1e-6)


METRIC_FNS = {
    'top_k_categorical_accuracy_k2': lambda a, b: metrics.top_k_categorical_accuracy(a, b, k=2),
    'fbeta_score_b2': lambda a, b: metrics.fbeta_score(a, b, beta=2),
}


@pytest.mark.parametrize('case', _cases(MET))
def test_metric_matches_keras1(case):
    name, key = case.split('__')
    fn = METRIC_FNS.get(name) or metrics.get(name)
    got = np.asarray(fn(*_pair(key)))
    assert got.shape == ()
    np.testing.assert_allclose(got, MET[case], rtol=LOSS_RTOL, atol=1e-6)


@pytest.mark.parametrize('tag', sorted(CONFIGS['compiled_metrics']))
def test_resolve_follows_keras1_compile(tag):
    """The 'acc' rule and display names reproduce Keras 1 metrics_names and evaluate() values."""
    spec = CONFIGS['compiled_metrics'][tag]
    y, pred = MET['model_%s_y' % tag], MET['model_%s_pred' % tag]
    loss_fn = objectives.get(spec['loss'])
    names, values = ['loss'], [np.mean(loss_fn(y, pred).numpy())]
    for metric in spec['metrics']:
        fn, name = metrics.resolve(metric, spec['loss'], tuple(spec['output_shape']))
        names.append(name)
        values.append(float(fn(y, pred)))
    assert names == spec['metrics_names']
    np.testing.assert_allclose(values, MET['model_%s_eval' % tag], rtol=LOSS_RTOL, atol=1e-6)


def test_accuracy_rule_table():
    bce, scce, cce = (objectives.binary_crossentropy, objectives.sparse_categorical_crossentropy,
                      objectives.categorical_crossentropy)
    assert metrics.resolve('acc', cce, (None, 1))[0] is metrics.binary_accuracy
    assert metrics.resolve('accuracy', bce, (None, 5))[0] is metrics.binary_accuracy
    assert metrics.resolve('accuracy', scce, (None, 7, 5))[0] is metrics.sparse_categorical_accuracy
    assert metrics.resolve('accuracy', 'mse', (None, 5)) == (metrics.categorical_accuracy, 'acc')
    assert metrics.resolve('mse', cce, (None, 5)) == (metrics.mean_squared_error,
                                                       'mean_squared_error')

    def my_metric(y_true, y_pred):
        return y_pred

    assert metrics.resolve(my_metric, cce, (None, 5)) == (my_metric, 'my_metric')


def test_aliases_and_errors():
    assert objectives.get('mse') is objectives.mean_squared_error
    assert objectives.get('kld') is objectives.kullback_leibler_divergence
    assert objectives.get('cosine') is objectives.cosine_proximity
    assert metrics.get('fscore') is metrics.fmeasure
    with pytest.raises(ValueError, match="'huber'"):
        objectives.get('huber')
    with pytest.raises(ValueError, match="'kld'"):
        metrics.get('kld')  # not a Keras 1.2.2 metric name (compile raised too)


def test_metric_returning_a_dict_logs_each_key():
    # keras 1.2.2 engine/training.py Model.compile; tests/keras/engine/test_training.py mse_powers
    from compat.keras import backend as K
    from compat.keras.layers import Dense, Input
    from compat.keras.models import Model

    def powers(y_true, y_pred):
        m = K.mean(K.square(y_true - y_pred))
        return {'mse_squared': K.pow(m, 2), 'mse_cubed': K.pow(m, 3)}

    a, b = Input((3,)), Input((3,))
    model = Model([a, b], [Dense(2, name='out_a')(a), Dense(1, name='out_b')(b)])
    model.compile('sgd', 'mse', metrics=['mae', powers])
    assert model.metrics_names == ['loss', 'out_a_loss', 'out_b_loss',
                                   'out_a_mean_absolute_error', 'out_a_mse_squared', 'out_a_mse_cubed',
                                   'out_b_mean_absolute_error', 'out_b_mse_squared', 'out_b_mse_cubed']
    rng = np.random.RandomState(0)
    xs, ys = [rng.rand(6, 3), rng.rand(6, 3)], [rng.rand(6, 2), rng.rand(6, 1)]
    out = model.test_on_batch(xs, ys)
    pred = model.predict(xs)
    mse = [np.mean((p - y) ** 2) for p, y in zip(pred, ys)]
    np.testing.assert_allclose(out[4:6], [mse[0] ** 2, mse[0] ** 3], rtol=1e-4)
    np.testing.assert_allclose(out[7:9], [mse[1] ** 2, mse[1] ** 3], rtol=1e-4)
