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
    ("merge([a, b], mode='cos')", 'dot([a, b], axes=-1, normalize=True)'),
])
def test_modes(run, before, after):
    new, _ = run(IMP + before + '\n', MergeFunction)
    assert new == IMP + after + '\n'


def test_callable_mode_warns(run):
    src = IMP + 'merge([a, b], mode=lambda t: t[0] - t[1], output_shape=(3,))\n'
    new, entries = run(src, MergeFunction)
    assert new == src and entries[0].severity == 'warning'
