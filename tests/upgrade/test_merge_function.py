"""Before/after tests: functional merge(mode=...) -> Keras 3 merge functions."""
import pytest

from compat.upgrade.fixers import MergeFunction

IMP = 'from keras.layers import merge\n'


@pytest.mark.parametrize('before, after', [
    ("merge([a, b], mode='concat')", 'concatenate([a, b])'),
    ("merge([a, b], mode='concat', concat_axis=1, name='m')", "concatenate([a, b], axis=1, name='m')"),
    ('merge([a, b])', 'add([a, b])'),                                  # Keras 1 default mode 'sum'
    ("merge([a, b], mode='mul')", 'multiply([a, b])'),
    ("merge([a, b], mode='ave')", 'average([a, b])'),
    ("merge([a, b], mode='max')", 'maximum([a, b])'),
    ("merge([a, b], mode='dot', dot_axes=1)", 'dot([a, b], axes=1)'),
    # keras 1.2.2 topology.py Merge._merge_function 'cos': expand_dims(batch_dot, 1) -> (batch, 1, 1)
    ("merge([a, b], mode='cos')", 'Reshape((1, 1))(dot([a, b], axes=-1, normalize=True))'),
])
def test_modes(run, before, after):
    new, _ = run(IMP + before + '\n', MergeFunction)
    assert new == IMP + after + '\n'


def test_callable_mode_becomes_lambda(run):
    # keras 1.2.2 topology.py Merge.call: mode(inputs, **arguments) on the list of tensors
    new, _ = run(IMP + 'w = merge([a, b], mode=getwhere, output_shape=lambda x: x[0])\n'
                       "z = merge([a, b], mode=lambda t: t[0] - t[1], output_shape=(3,), name='d')\n")
    assert new == ('from keras.layers import Lambda\n'
                   'w = Lambda(getwhere, output_shape=lambda x: x[0])([a, b])\n'
                   "z = Lambda(lambda t: t[0] - t[1], output_shape=(3,), name='d')([a, b])\n")


def test_callable_mode_with_output_mask_warns(run):
    src = IMP + 'merge([a, b], mode=f, output_mask=m)\n'
    new, entries = run(src, MergeFunction)
    assert new == src and entries[0].severity == 'warning'


def test_callable_mode_lambda_runs_like_keras1():
    # hand-derived: Keras 1 Merge(mode=f) output = f([a, b]); output_shape callable gets the shapes
    import numpy as np
    import keras
    a, b = keras.Input((3,)), keras.Input((3,))
    out = keras.layers.Lambda(lambda t: t[0] - t[1], output_shape=lambda s: s[0])([a, b])
    m = keras.Model([a, b], out)
    x, y = np.ones((2, 3), 'float32'), np.full((2, 3), 0.25, 'float32')
    np.testing.assert_allclose(m.predict([x, y], verbose=0), np.full((2, 3), 0.75))


def test_cos_imports_reshape_and_warns(run):
    new, entries = run(IMP + "c = merge([a, b], mode='cos', dot_axes=1)\n")
    assert 'import Reshape' in new and 'import dot' in new and 'merge' not in new
    assert "c = Reshape((1, 1))(dot([a, b], axes=1, normalize=True))" in new
    assert any(e.severity == 'warning' and 'cos' in e.message for e in entries)


@pytest.mark.parametrize('binding', ['dot = merge([a, b], mode="dot", dot_axes=1)',
                                     'def f(dot):\n    return merge([a, b], mode="dot")',
                                     'from numpy import dot\nm = merge([a, b], mode="dot")'])
def test_merge_function_name_taken_by_the_file(run, binding):
    # a variable/parameter/import named `dot` would shadow (or be shadowed by) the import
    new, _ = run(IMP + binding + '\n')
    assert 'keras.layers.dot([a, b], axes=' in new
    assert 'import keras\n' in new and 'import dot' not in new.replace('numpy import dot', '')
