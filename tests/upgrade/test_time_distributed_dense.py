"""Before/after tests: TimeDistributedDense -> TimeDistributed(Dense)."""
from compat.upgrade.fixers import LayerArgs, TimeDistributedDense

IMP = 'from keras.layers import TimeDistributedDense\n'


def test_wraps_dense_and_keeps_input_shape_on_wrapper(run):
    new, _ = run(IMP + "TimeDistributedDense(output_dim=3, init='zero', input_dim=7, input_length=6)\n",
                 LayerArgs, TimeDistributedDense)
    assert new == IMP + ("TimeDistributed(Dense(units=3, kernel_initializer='zeros'), "
                         'input_shape=(6, 7))\n')


def test_positional(run):
    new, _ = run(IMP + 'TimeDistributedDense(128)\n', LayerArgs, TimeDistributedDense)
    assert new == IMP + 'TimeDistributed(Dense(128))\n'
