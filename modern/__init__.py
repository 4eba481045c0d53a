"""The seed caption system rewritten in clean Keras 3 (see modern/README.md).

Read in this order: model.py (the network) -> data.py (scenes, loaders, vocabulary) -> train.py (the
one training loop) -> sample.py (greedy and beam search) -> evaluate.py (scores, baselines) ->
__main__.py (the command line). Beside them: legacy_weights.py (Keras 1 weights in and out),
distribute.py (the step and tf.data pipeline for train.fit(..., strategy=...)), experiments.py.
"""
from .legacy_weights import from_keras1_weights, from_legacy, to_keras1_weights, to_legacy  # noqa: F401
from .model import build_model  # noqa: F401
