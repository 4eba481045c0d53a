"""The seed caption system rewritten in clean Keras 3 (see modern/README.md).

model.py -> legacy_weights.py -> data.py -> train.py -> sample.py -> evaluate.py -> __main__.py
"""
from .legacy_weights import from_keras1_weights, from_legacy, to_keras1_weights, to_legacy  # noqa: F401
from .model import build_model  # noqa: F401
