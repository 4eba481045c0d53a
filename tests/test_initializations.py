"""compat.keras.initializations against Keras 1.2.2 draws.

Keras 1 (Theano) drew initial weights from NumPy's global RNG, so after the
same ``np.random.seed`` compat must return *the same arrays*. Fixtures:
tests/fixtures/numerics/initializations.npz and configs.json
('initializations', 'fans'), made by tests/keras1/numerics/make_numerics.py.
"""
import json
import os

import numpy as np
import pytest

from compat._keras3 import keras
from compat.keras import initializations

HERE = os.path.join(os.path.dirname(__file__), 'fixtures', 'numerics')
FIX = np.load(os.path.join(HERE, 'initializations.npz'))
with open(os.path.join(HERE, 'configs.json')) as _f:
    CONFIGS = json.load(_f)


@pytest.mark.parametrize('i', range(len(CONFIGS['initializations'])))
def test_same_draws_as_keras1(i):
    spec = CONFIGS['initializations'][i]
    np.random.seed(spec['seed'])
    value = initializations.get(spec['name'])(tuple(spec['shape']),
                                              dim_ordering=spec['dim_ordering'])
    assert value.dtype == np.float32 and value.shape == tuple(spec['shape'])
    want = FIX['init%d' % i]
    if spec['name'] == 'orthogonal':
        value, want = _align_singular_vector_signs(value, want)
    np.testing.assert_allclose(value, want, rtol=1e-6, atol=1e-7)


def _align_singular_vector_signs(value, want):
    """Each singular vector's sign is LAPACK's choice (it differed between Keras 1 installs
    too); flip compat's vectors -- rows of v, or columns of u -- to the fixture's signs."""
    rows = value.shape[0]
    got, ref = value.reshape(rows, -1), want.reshape(rows, -1)
    axis = 1 if got.shape[0] <= got.shape[1] else 0  # q = v (rows) or q = u (columns)
    signs = np.sign(np.sum(got * ref, axis=axis, keepdims=True))
    return (got * signs).reshape(value.shape), want


@pytest.mark.parametrize('spec', CONFIGS['fans'], ids=lambda s: '%s-%s' % (s['shape'], s['dim_ordering']))
def test_get_fans(spec):
    fans = initializations.get_fans(tuple(spec['shape']), spec['dim_ordering'])
    np.testing.assert_allclose([float(f) for f in fans], spec['fans'], rtol=1e-12)


def test_fans_override_scales_like_keras1_shape():
    # Keras 3 stores a 'th' conv kernel (out=4, in=3, 3, 3) as (3, 3, 3, 4); fans keep the scale.
    spec = next(i for i, s in enumerate(CONFIGS['initializations'])
                if s['name'] == 'glorot_uniform' and s['shape'] == [4, 3, 3, 3])
    bound = np.abs(FIX['init%d' % spec]).max()
    value = initializations.glorot_uniform((3, 3, 3, 4), fans=(27, 36))
    assert np.abs(value).max() <= np.sqrt(6. / 63) and np.abs(value).max() > 0.8 * bound


def test_in_layout_reproduces_keras1_draw_transposed():
    i = next(i for i, s in enumerate(CONFIGS['initializations'])
             if s['name'] == 'he_normal' and s['shape'] == [4, 3, 3, 3])
    spec = CONFIGS['initializations'][i]
    init = initializations.in_layout('he_normal', (4, 3, 3, 3), (2, 3, 1, 0), dim_ordering='th')
    np.random.seed(spec['seed'])
    value = init((3, 3, 3, 4), dtype='float32')
    np.testing.assert_allclose(value, np.transpose(FIX['init%d' % i], (2, 3, 1, 0)), rtol=1e-6)
    with pytest.raises(ValueError, match='expected'):
        init((4, 3, 3, 3))


def test_usable_as_keras3_initializer():
    layer = keras.layers.Dense(3, kernel_initializer=initializations.get('orthogonal'),
                               bias_initializer=initializations.get('one'))
    layer.build((None, 5))
    kernel = layer.kernel.numpy()
    np.testing.assert_allclose(kernel.T @ kernel, 1.21 * np.eye(3), atol=1e-5)  # scale 1.1
    np.testing.assert_array_equal(layer.bias.numpy(), np.ones(3))


def test_errors():
    with pytest.raises(ValueError, match="'xavier'.*glorot_uniform"):
        initializations.get('xavier')
    with pytest.raises(ValueError, match='square'):
        initializations.identity((3, 4))
    with pytest.raises(ValueError, match='dim_ordering'):
        initializations.get_fans((3, 3, 3, 3), 'nchw')
