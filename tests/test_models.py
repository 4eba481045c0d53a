"""Sequential and Model (keras 1.2.2 models.py Sequential, engine/topology.py Container): pop, build,
get_output_shape_for, reset_states, and summary() text as Keras 1.2.2 printed it.
"""
import numpy as np
import pytest

import compat.keras as keras
from compat.keras import layers as L
from compat.keras.layers import Dense, Embedding, Input, SimpleRNN, merge
from compat.keras.models import Model, Sequential
from helpers import FIXTURES, TESTS, run_python


def test_sequential_pop_removes_the_last_layer():
    model = keras.models.Sequential([L.Dense(3, input_dim=2), L.Dense(4), L.Dense(5)])
    model.pop()
    assert [l.name for l in model.layers] == [l.name for l in model.layers[:2]] and len(model.layers) == 2
    assert model.output_shape == (None, 4)
    assert model.predict(np.ones((1, 2), 'float32')).shape == (1, 4)


# -- keras 1.2.2 Sequential.build() ------------------------------------------------------------------------
def test_sequential_build_without_shape():
    model = Sequential([Dense(2, input_dim=3)])
    model.build()
    assert model.count_params() == 8
    with pytest.raises(TypeError, match='empty'):
        Sequential().build()


# -- keras 1.2.2 Container.get_output_shape_for -------------------------------------------------------------
def test_model_get_output_shape_for():
    a, b = Input(shape=(2,)), Input(shape=(5,))
    model = Model([a, b], merge([a, b], mode='concat'))
    assert model.get_output_shape_for([(3, 2), (3, 5)]) == (3, 7)
    single = Model(a, Dense(4)(a))
    assert single.get_output_shape_for((6, 2)) == (6, 4)


# -- keras 1.2.2 Container.reset_states ---------------------------------------------------------------------
def test_model_reset_states_resets_stateful_layers():
    model = Sequential()
    model.add(Embedding(3, 2, batch_input_shape=(1, 2)))
    model.add(SimpleRNN(2, stateful=True, init='one', inner_init='one'))
    x = np.ones((1, 2), 'int32')
    first = model.predict(x)
    assert not np.allclose(model.predict(x), first)  # the state carried over
    model.reset_states()
    np.testing.assert_allclose(model.predict(x), first, rtol=1e-6)


# -- summaries: the text tests/keras1/summaries/print_summaries.py printed under Keras 1.2.2 ---------------
def test_summaries_match_keras1_text():
    out = run_python(['-m', 'compat', str(TESTS / 'keras1' / 'summaries' / 'print_summaries.py')])
    assert out.returncode == 0, out.stderr
    with open(FIXTURES / 'summaries' / 'keras1.txt') as f:
        assert out.stdout == f.read()
