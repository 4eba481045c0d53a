"""Before/after tests: Keras 1 loss/metric names Keras 3 lacks (fixers/losses.py), and the inlined
keras1_cosine_proximity against keras 1.2.2 objectives.py computed by hand with NumPy."""
import numpy as np
import pytest

from compat.upgrade import upgrade_source
from compat.upgrade.fixers import Losses


@pytest.mark.parametrize('before, after', [
    ("m.compile('sgd', loss='kullback_leibler_divergence')", "m.compile('sgd', loss='kl_divergence')"),
    ("m.compile(optimizer='sgd', loss=['cosine_proximity', 'mse'], metrics=['cosine'])",
     "m.compile(optimizer='sgd', loss=[keras1_cosine_proximity, 'mse'], metrics=[keras1_cosine_proximity])"),
    ("m.compile(optimizer='sgd', loss={'out': 'cosine_proximity'})",
     "m.compile(optimizer='sgd', loss={'out': keras1_cosine_proximity})"),
])
def test_compile_strings(run, before, after):
    new, entries = run(before + '\n', Losses)
    assert new == after + '\n' and entries


@pytest.mark.parametrize('src', ["print('cosine_proximity')\n",                  # not a compile argument
                                 "m.compile(optimizer='cosine', loss='mse')\n",
                                 "m.fit(x, y, loss='cosine_proximity')\n"])
def test_other_strings_untouched(run, src):
    assert run(src, Losses)[0] == src


def test_references_and_numbers():
    new, _ = upgrade_source('from keras import objectives\nfrom keras.objectives import cosine_proximity\n'
                            'a = objectives.cosine_proximity\nb = cosine_proximity\n')
    assert 'a = keras1_cosine_proximity\nb = keras1_cosine_proximity\n' in new
    assert 'import cosine_proximity' not in new
    ns = {}
    exec(compile(new, 'upgraded', 'exec'), ns)
    rng = np.random.RandomState(0)
    t, p = rng.randn(4, 5).astype('float32'), rng.randn(4, 5).astype('float32')
    unit = lambda v: v / np.sqrt((v ** 2).sum(-1, keepdims=True))
    np.testing.assert_allclose(np.asarray(ns['a'](t, p)), -(unit(t) * unit(p)).mean(-1), rtol=1e-5)
