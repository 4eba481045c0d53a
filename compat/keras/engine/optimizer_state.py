"""Optimizer state in Keras 1's layout (``optimizer_weights`` of Keras 1 ``model.save`` files).

Filled in once the Keras 1 optimizer slot layout is wired to compat's
variables; until then whole-model saves carry no optimizer state and loading
one with state says so.
"""


def keras1_optimizer_weights(model):
    return []


def set_keras1_optimizer_weights(model, values, filepath):
    import warnings
    warnings.warn('%s: Keras 1 optimizer state is not restored yet; training restarts the optimizer '
                  'from zero state' % filepath)
