"""The Merge layer and merge() under ``layers``: keras 1.2.2 defined them in engine/topology.py
(and ``keras.layers`` imported them from the engine); compat keeps them there too.

>>> from compat.keras.layers.merge import Merge
>>> Merge.__module__
'compat.keras.engine.topology'
"""
from compat.keras.engine.topology import Merge, merge  # noqa: F401

__all__ = ['Merge', 'merge']
