"""`python -m compat upgrade`: rewrite Keras 1.2.2 source into Keras 3 that keeps Keras 1's numbers.

A libcst codemod (comments and formatting kept) made of small fixers (``compat/upgrade/fixers``)
driven by one declarative table (``compat/upgrade/table.py``) and a runner that writes a
tf_upgrade_v2-style report. The upgraded code imports only ``keras``; where it needs Keras 1
behaviour Keras 3 lacks (the hard sigmoid) a small helper function is inserted into the file.
"""
from .runner import upgrade_source

__all__ = ['upgrade_source']
