"""Before/after tests: first-layer input_shape -> explicit Input."""
from compat.upgrade.fixers import LayerArgs, SequentialInput

from textwrap import dedent


def test_input_dim_becomes_input(run):
    src = dedent('''\
        from keras.models import Sequential
        from keras.layers import Dense
        model = Sequential()
        # first layer
        model.add(Dense(12, input_dim=5, name='d'))
        model.add(Dense(3, input_dim=12))
        ''')
    new, _ = run(src, LayerArgs, SequentialInput)
    assert new.splitlines()[2:] == [
        'model = Sequential()', '# first layer', 'model.add(Input(shape=(5,)))',
        "model.add(Dense(12, name='d'))", 'model.add(Dense(3, input_shape=(12,)))']


def test_batch_input_shape(run):
    src = dedent('''\
        from keras.models import Sequential
        from keras.layers import LSTM
        m = Sequential()
        m.add(LSTM(4, batch_input_shape=(2, 5, 3), stateful=True))
        ''')
    new, _ = run(src, SequentialInput)
    assert new.splitlines()[3:] == ['m.add(Input(batch_shape=(2, 5, 3)))',
                                    'm.add(LSTM(4, stateful=True))']
