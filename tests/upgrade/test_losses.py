"""Before/after tests: Keras 1 loss/metric names Keras 3 lacks (fixers/losses.py), and the inlined
keras1_cosine_proximity against keras 1.2.2 objectives.py computed by hand with NumPy."""
import numpy as np
import pytest

from compat.upgrade import upgrade_source
from compat.upgrade.fixers import Losses


@pytest.mark.parametrize('before, after', [
    ("m.compile('sgd', loss='kullback_leibler_divergence')", "m.compile('sgd', loss='kl_divergence')"),
    ("m.compile(optimizer='sgd', loss=['cosine_proximity', 'mse'], metrics=['cosine'])",
     "m.compile(optimizer='sgd', loss=[keras1_cosine_proximity, 'mse'], "
     "metrics=[[keras1_cosine_proximity], [keras1_cosine_proximity]])"),
    ("m.compile(optimizer='sgd', loss={'out': 'cosine_proximity'})",
     "m.compile(optimizer='sgd', loss={'out': keras1_cosine_proximity})"),
    # keras 1.2.2 Model.compile(optimizer, loss, metrics=None): by position too
    ("m.compile('sgd', 'kullback_leibler_divergence', ['cosine'])",
     "m.compile('sgd', 'kl_divergence', [keras1_cosine_proximity])"),
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


@pytest.mark.parametrize('before, after', [
    # keras 1.2.2 engine/training.py Model.compile: a flat metrics list applies to every output
    ("m.compile('adam', loss={'flag': 'hinge', 'kind': 'mse'}, metrics=['accuracy'])",
     "m.compile('adam', loss={'flag': 'hinge', 'kind': 'mse'}, "
     "metrics={'flag': ['accuracy'], 'kind': ['accuracy']})"),
    # keras 1.2.2 Model.compile: 'accuracy' under binary_crossentropy is binary accuracy
    ("m.compile('adam', loss={'flag': 'binary_crossentropy', 'kind': 'mse'}, metrics=['accuracy'])",
     "m.compile('adam', loss={'flag': 'binary_crossentropy', 'kind': 'mse'}, "
     "metrics={'flag': ['binary_accuracy'], 'kind': ['accuracy']})"),
    ("m.compile('sgd', 'binary_crossentropy', metrics=['acc', 'mae'])",
     "m.compile('sgd', 'binary_crossentropy', metrics=['binary_accuracy', 'mae'])"),
    ("m.compile('sgd', ['mse', 'mae'], ['mae', 'accuracy'])",
     "m.compile('sgd', ['mse', 'mae'], [['mae', 'accuracy'], ['mae', 'accuracy']])"),
])
def test_flat_metrics_of_several_outputs_go_to_each(run, before, after):
    new, entries = run(before + '\n', Losses)
    assert new == after + '\n' and entries


@pytest.mark.parametrize('src', ["m.compile('sgd', 'mse', metrics=['mae'])\n",              # one loss
                                 "m.compile('sgd', loss=['mse', 'mae'], metrics={'a': ['mae']})\n",
                                 "m.compile('sgd', loss=['mse', 'mae'], metrics=[['mae'], []])\n",
                                 "m.compile('sgd', loss=losses, metrics=['mae'])\n"])       # unknown
def test_metrics_left_alone_where_outputs_are_not_known_or_already_split(run, src):
    assert run(src, Losses)[0] == src


def test_two_output_metrics_train_as_keras1s():
    """The rewritten compile trains in Keras 3 and logs each output's accuracy as Keras 1 did: the
    two-column sigmoid output under binary_crossentropy by element (keras 1.2.2 metrics.py
    binary_accuracy: mean(y_true == round(y_pred))), the softmax one by row."""
    import keras
    new, _ = upgrade_source("model.compile('sgd', loss={'flag': 'binary_crossentropy', "
                            "'kind': 'categorical_crossentropy'}, metrics=['accuracy'])\n")
    x = keras.Input((2,))
    flag = keras.layers.Dense(2, activation='sigmoid', name='flag', kernel_initializer='identity')(x)
    kind = keras.layers.Dense(2, activation='softmax', name='kind', kernel_initializer='identity')(x)
    model = keras.Model(x, [flag, kind])
    exec(compile(new, 'upgraded', 'exec'), {'model': model})
    inputs = np.array([[1.0, -1.0], [2.0, 3.0]])      # flag rounds to [1, 0], [1, 1]; kind argmax 0, 1
    logs = model.train_on_batch(inputs, [np.array([[1.0, 1.0], [0.0, 1.0]]), np.eye(2)[[1, 1]]],
                                return_dict=True)
    assert logs['flag_binary_accuracy'] == 0.5 and logs['kind_accuracy'] == 0.5
