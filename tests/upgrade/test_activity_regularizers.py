"""Before/after tests: activity regularizers keep Keras 1's sum over the batch
(fixers/activity_regularizers.py), and the inlined Keras1ActivityRegularizer's penalty against a
hand-computed Keras 1.2.2 one (regularizers.py L1L2Regularizer: sum(l1 |x|) + sum(l2 x^2))."""
import numpy as np
import pytest

from compat.upgrade import upgrade_source
from compat.upgrade.fixers import ActivityRegularizers

IMP = 'from keras.regularizers import activity_l1, activity_l2, activity_l1l2, l2, ActivityRegularizer\n'


@pytest.mark.parametrize('before, after', [
    ('activity_l2(0.05)', 'Keras1ActivityRegularizer(l2=0.05)'),
    ('activity_l1()', 'Keras1ActivityRegularizer(l1=0.01)'),               # Keras 1 default l=0.01
    ('activity_l1l2(l2=0.3)', 'Keras1ActivityRegularizer(l1=0.01, l2=0.3)'),
    ('ActivityRegularizer(0.1)', 'Keras1ActivityRegularizer(l1=0.1, l2=0.0)'),
    ('Dense(3, activity_regularizer=l2(0.2), W_regularizer=l2(0.1))',
     'Dense(3, activity_regularizer=Keras1ActivityRegularizer(l2=0.2), W_regularizer=l2(0.1))'),
])
def test_rewrites(run, before, after):
    new, entries = run(IMP + 'r = ' + before + '\n', ActivityRegularizers)
    assert new == IMP + 'r = ' + after + '\n'
    assert all(e.severity == 'change' for e in entries)


def test_activity_regularization_layer(run):
    new, _ = run('from keras.layers import ActivityRegularization\n'
                 "model.add(ActivityRegularization(l1=0.01, name='reg'))\n")
    assert 'model.add(Identity(activity_regularizer=Keras1ActivityRegularizer(l1=0.01, l2=0.0), ' \
           "name='reg'))" in new
    assert 'from keras.layers import Identity' in new and 'ActivityRegularization' not in new


def test_other_activity_regularizer_warns(run):
    _, entries = run('from keras.layers import Dense\nDense(3, activity_regularizer=my_reg)\n',
                     ActivityRegularizers)
    assert [e.severity for e in entries] == ['warning']


def test_penalty_is_keras1s_sum_over_the_batch():
    import keras
    new, _ = upgrade_source('from keras.regularizers import activity_l1l2\nr = activity_l1l2(0.1, 0.2)\n')
    ns = {}
    exec(compile(new, 'upgraded', 'exec'), ns)
    x = np.random.RandomState(0).randn(6, 4).astype('float32')
    want = 0.1 * np.abs(x).sum() + 0.2 * np.square(x).sum()          # Keras 1: the whole batch
    layer = keras.layers.Identity(activity_regularizer=ns['r'])
    layer(x)
    np.testing.assert_allclose(float(layer.losses[0]), want, rtol=1e-5)   # after Keras 3's / 6
