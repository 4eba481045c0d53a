"""compat.keras.regularizers / constraints against Keras 1.2.2 values and configs.

Fixtures: tests/fixtures/numerics/{regularizers,constraints}.npz and configs.json,
made by tests/keras1/numerics/make_numerics.py under the Keras 1.2.2 oracle.
"""
import json
import os

import numpy as np
import pytest

from compat._keras3 import tf
from compat.keras import constraints, regularizers

HERE = os.path.join(os.path.dirname(__file__), 'fixtures', 'numerics')
REG = np.load(os.path.join(HERE, 'regularizers.npz'))
CON = np.load(os.path.join(HERE, 'constraints.npz'))
with open(os.path.join(HERE, 'configs.json')) as _f:
    CONFIGS = json.load(_f)


@pytest.mark.parametrize('name', sorted(CONFIGS['regularizers']))
def test_regularizer_penalty_and_config(name):
    spec = CONFIGS['regularizers'][name]
    reg = getattr(regularizers, name)(**spec['kwargs'])
    np.testing.assert_allclose(float(reg(tf.constant(REG['w']))), REG[name], rtol=2e-3, atol=1e-7)
    assert reg.get_config() == spec['config']  # exact, float32-rounded factors included


def test_regularizer_get():
    for name, config in CONFIGS['regularizer_get'].items():
        assert regularizers.get(name).get_config() == config
    for spec in CONFIGS['regularizers'].values():
        config = spec['config']
        if config['name'] == 'L1L2Regularizer':
            rebuilt = regularizers.get(dict(config))
            assert rebuilt.get_config() == config
    assert regularizers.get(None) is None
    old = regularizers.get({'name': 'WeightRegularizer', 'l1': 0.0, 'l2': 0.5})  # Keras 1.0 files
    assert old.get_config() == {'name': 'L1L2Regularizer', 'l1': 0.0, 'l2': 0.5}
    with pytest.raises(ValueError, match="'l3'"):
        regularizers.get('l3')


@pytest.mark.parametrize('case', sorted(CONFIGS['constraints']))
def test_constraint_output_and_config(case):
    spec = CONFIGS['constraints'][case]
    c = getattr(constraints, spec['name'])(**spec['kwargs'])
    got = c(tf.constant(CON[spec['input']])).numpy()
    np.testing.assert_allclose(got, CON[case], rtol=1e-5, atol=1e-6)
    assert c.get_config() == spec['config']
    assert constraints.get(dict(spec['config'])).get_config() == spec['config']


def test_constraint_in_keras3_layout():
    """A 'th' conv kernel stored (rows, cols, in, out) gets the Keras 1 result, transposed."""
    spec = CONFIGS['constraints']['maxnorm_conv_th']
    perm = (2, 3, 1, 0)  # Keras 1 (out, in, r, c) -> Keras 3 (r, c, in, out)
    c = constraints.in_layout(constraints.MaxNorm(**spec['kwargs']), perm)
    stored = np.transpose(CON['w4'], perm)
    got = c(tf.constant(stored)).numpy()
    np.testing.assert_allclose(got, np.transpose(CON['maxnorm_conv_th'], perm), rtol=1e-5, atol=1e-6)
    assert c.get_config() == spec['config']
    assert constraints.in_layout(None, perm) is None


def test_constraint_get_errors():
    assert constraints.get('maxnorm').get_config() == {'name': 'MaxNorm', 'm': 2, 'axis': 0}
    with pytest.raises(ValueError, match="'maxnorm2'"):
        constraints.get('maxnorm2')
