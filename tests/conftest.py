"""Pytest hooks (the helpers tests share are in tests/helpers.py).

The quick run: ``pytest -m "not slow"`` (at most 3 minutes on 2 cores); the full suite is CI's.

Per-case tests over the Keras 1.2.2 parity fixtures (tests/fixtures/keras1/*, a test parametrized with
``case`` or ``name``) run every case in the full suite. The quick run keeps the cases below: together they
reach every kind of layer family the fixtures hold (convolutions in both orderings with Theano padding,
recurrent layers with masking, merges of Sequentials, the seed caption model), so each module is still
exercised; the other cases are marked ``slow`` here rather than one by one.
"""
import pytest

from helpers import parity_cases

KERAS1_CASES = set(parity_cases())
QUICK_CASES = {
    'conv2d_th_same_even_rmsprop',   # 'th' convolution, Theano 'same' padding, pooling, Flatten order
    'gru_masked',                    # GRU gates, hard sigmoid, masking
    'merge_modes',                   # Merge of Sequentials, every mode
    'seed_caption_small',            # the reference program
}


def pytest_collection_modifyitems(config, items):
    for item in items:
        params = getattr(getattr(item, 'callspec', None), 'params', {})
        case = params.get('case', params.get('name'))
        if isinstance(case, str) and case in KERAS1_CASES and case not in QUICK_CASES:
            item.add_marker(pytest.mark.slow)
