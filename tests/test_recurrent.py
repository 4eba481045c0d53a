"""keras 1.2.2 layers/recurrent.py beyond what the parity fixtures show: GRU/LSTM.build with consume_less
'cpu'/'mem' make one W, U, b per gate, each regularised. Expectations derived by hand from that source.
"""
import numpy as np
import pytest

from compat.keras import regularizers
from compat.keras.layers import GRU, LSTM, SimpleRNN


@pytest.mark.parametrize('cls, consume_less, terms', [(SimpleRNN, 'cpu', 3), (GRU, 'cpu', 9), (LSTM, 'cpu', 12),
                                                      (GRU, 'gpu', 3), (LSTM, 'gpu', 3)])
def test_recurrent_regularisation_terms_per_gate(cls, consume_less, terms):
    layer = cls(2, consume_less=consume_less, W_regularizer=regularizers.l1(0.5), U_regularizer=regularizers.l1(0.5),
                b_regularizer=regularizers.l1(0.5), input_shape=(3, 4))
    layer.build((None, 3, 4))
    losses = [float(l) for l in layer.losses]
    assert len(losses) == terms
    # l1 is a sum, so the per-gate terms add up to 0.5 * sum|w| over every weight
    expected = 0.5 * sum(np.abs(w).sum() for w in layer.get_weights())
    np.testing.assert_allclose(sum(losses), expected, rtol=1e-5)
