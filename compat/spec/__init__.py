"""The Keras 1.2.2 specification compat follows, as plain data (it imports nothing heavy).

- ``signatures.py``: every Keras 1.2.2 layer constructor's parameters and defaults, generated
  from the real Keras 1.2.2 by ``dump_signatures.py``;
- ``layers.py``: one row per Keras 1 layer: argument renames and value kinds, input shortcuts,
  weight names, what the runtime forwards to Keras 3, how the upgrader rewrites a call.

Both the runtime (``compat.keras``: engine/arguments.py, engine/saving.py, compat.convert) and
the upgrader (``compat.upgrade``: table.py and its fixers) derive their tables from it.

>>> from compat import spec
>>> spec.row('Conv2D').renames['nb_filter'], spec.row('Dense').positional[:2]
('filters', ('output_dim', 'init'))
"""
from .layers import (DENSE_INPUT, DIM_ORDERING, EMBEDDING_INPUT, HARD_SIGMOID, LAYER_ALIASES, LAYERS,
                     NO_FACTS, SEQUENCE_INPUT, VALUE_KINDS, Layer, row)
from .signatures import COMMON_KWARGS, INHERITED_KEYWORDS, OTHER_SIGNATURES, REQUIRED, SIGNATURES

__all__ = ['COMMON_KWARGS', 'DENSE_INPUT', 'DIM_ORDERING', 'EMBEDDING_INPUT', 'HARD_SIGMOID',
           'INHERITED_KEYWORDS', 'LAYERS', 'LAYER_ALIASES', 'NO_FACTS', 'OTHER_SIGNATURES', 'REQUIRED',
           'SEQUENCE_INPUT', 'SIGNATURES', 'VALUE_KINDS', 'Layer', 'row']
