"""Before/after tests: Keras 1 backend functions (K.<name>) -> keras.ops (table.BACKEND_OPS).

Expected forms are hand-derived from keras 1.2.2 backend/theano_backend.py signatures and
defaults against keras.ops'."""
from textwrap import dedent

import pytest

from compat.upgrade.fixers import BackendOps

IMP = 'from keras import backend as K\n'


@pytest.mark.parametrize('before, after', [
    ('K.square(x) + 1.0', 'keras.ops.square(x) + 1.0'),
    ('1.7159 * K.tanh(2.0 * x / 3.0)', '1.7159 * keras.ops.tanh(2.0 * x / 3.0)'),
    ('K.sum(x, axis=1, keepdims=True)', 'keras.ops.sum(x, axis=1, keepdims=True)'),
    ('K.lesser(a, b)', 'keras.ops.less(a, b)'),
    ('K.pow(x, a=2)', 'keras.ops.power(x, x2=2)'),
    ('K.clip(x, min_value=0.1, max_value=1.0)', 'keras.ops.clip(x, x_min=0.1, x_max=1.0)'),
    ('K.permute_dimensions(x, (0, 2, 1))', 'keras.ops.transpose(x, (0, 2, 1))'),
    # Keras 1 defaults keras.ops changed are written out
    ('K.argmax(x)', 'keras.ops.argmax(x, axis=-1)'),
    ('K.argmax(x, 1)', 'keras.ops.argmax(x, 1)'),
    ('K.concatenate([a, b])', 'keras.ops.concatenate([a, b], axis=-1)'),
    ('K.expand_dims(x, dim=1)', 'keras.ops.expand_dims(x, axis=1)'),
    ('K.gather(w, i)', 'keras.ops.take(w, i, axis=0)'),
    # Theano's sqrt clipped negative inputs to 0
    ('K.sqrt(K.mean(x))', 'keras.ops.sqrt(keras.ops.maximum(keras.ops.mean(x), 0.0))'),
    # bare reference
    ('Lambda(K.square)', 'Lambda(keras.ops.square)'),
])
def test_rewrites(run, before, after):
    new, entries = run(IMP + 'y = ' + before + '\n', BackendOps)
    assert new == IMP + 'y = ' + after + '\n'
    assert all(e.severity == 'change' for e in entries)


@pytest.mark.parametrize('src', ['K.relu(x, 0.1)', 'Lambda(K.argmax)'])
def test_keras3_form_differs_warns(run, src):
    new, entries = run(IMP + src + '\n', BackendOps)
    assert new == IMP + src + '\n'
    assert [e.severity for e in entries] == ['warning']


def test_unmapped_and_kept_names_untouched(run):
    src = IMP + 'e = K.epsilon()\nb = K.batch_dot(x, y)\n'
    new, entries = run(src, BackendOps)
    assert new == src and not entries      # batch_dot: human_review's warning


def test_import_from_backend_warns(run):
    _, entries = run('from keras.backend import square, epsilon\n', BackendOps)
    assert len(entries) == 1 and 'keras.ops.square' in entries[0].message


def test_whole_file_imports_keras_and_runs(run):
    new, _ = run(dedent('''\
        import numpy as np
        from keras import backend as K

        def scaled_tanh(x):
            return 1.7159 * K.tanh(2.0 * x / 3.0)
        '''))
    assert 'import keras\n' in new
    ns = {}
    exec(new, ns)
    assert abs(float(ns['scaled_tanh'](1.5)) - 1.7159 * 0.7615941559557649) < 1e-5   # tanh(1)


@pytest.mark.parametrize('before, after', [
    # keras 1.2.2 theano_backend.py l2_normalize(x, axis): x / sqrt(sum(x**2, axis))
    ('K.l2_normalize(x, axis=1)', 'keras.ops.normalize(x, axis=1, order=2)'),
    ('K.l2_normalize(x, 1)', 'keras.ops.normalize(x, 1, order=2)'),
    # random_normal(shape, mean=0.0, std=1.0, dtype, seed): std -> stddev
    ('K.random_normal(shape=(b, 2), mean=0., std=1.0)',
     'keras.random.normal(shape=(b, 2), mean=0., stddev=1.0)'),
    ('K.random_uniform((2, 3), low=-1, high=1)', 'keras.random.uniform((2, 3), minval=-1, maxval=1)'),
    # random_binomial(shape, p=0.0): Theano's n=1 draw; Keras 3 takes (shape, counts, probabilities)
    ('K.random_binomial((2, 3), 0.5)', 'keras.random.binomial((2, 3), probabilities=0.5, counts=1)'),
    ('K.random_binomial((2, 3))', 'keras.random.binomial((2, 3), counts=1, probabilities=0.0)'),
])
def test_l2_normalize_and_random(run, before, after):
    new, entries = run(IMP + 'y = ' + before + '\n', BackendOps)
    assert new == IMP + 'y = ' + after + '\n'
    assert [e.severity for e in entries] == ['change']


def test_l2_normalize_numbers():
    """keras.ops.normalize matches Keras 1's x / sqrt(sum(x**2)) (hand-derived: 3-4-5)."""
    import keras
    import numpy as np
    out = keras.ops.convert_to_numpy(keras.ops.normalize(np.array([[3., 4.], [0., -2.]]),
                                                         axis=1, order=2))
    np.testing.assert_allclose(out, [[0.6, 0.8], [0., -1.]], rtol=1e-6)


@pytest.mark.parametrize('ordering, data_format', [('th', 'channels_first'),
                                                   ('tf', 'channels_last')])
def test_image_ordering_follows_the_upgrade(run, ordering, data_format):
    src = IMP + "if K.image_dim_ordering() == 'th':\n    pass\n"
    new, entries = run(src, BackendOps, dim_ordering=ordering, keep_channels_first=True)
    assert new == IMP + f"if {ordering!r} == 'th':\n    pass\n"
    assert [e.severity for e in entries] == ['change'] and data_format in entries[0].message


def test_set_image_dim_ordering(run):
    # the file's own call also sets the ordering the whole upgrade uses (runner._SET_ORDERING)
    src = IMP + "K.set_image_dim_ordering('tf')\no = K.image_dim_ordering()\n"
    new, entries = run(src, BackendOps)
    assert new == (IMP + "keras.backend.set_image_data_format('channels_last')\n"
                   "o = 'tf'\n")
    assert [e.severity for e in entries] == ['change', 'change']


def test_set_image_dim_ordering_not_literal_warns(run):
    src = IMP + 'K.set_image_dim_ordering(mode)\n'
    new, entries = run(src, BackendOps)
    assert new == src and [e.severity for e in entries] == ['warning']
