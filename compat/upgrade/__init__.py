"""`python -m compat upgrade`: rewrite Keras 1.2.2 source into Keras 3 that keeps Keras 1's numbers.

A libcst codemod (comments and formatting kept) made of small fixers (``compat/upgrade/fixers``)
driven by one declarative table (``compat/upgrade/table.py``) and a runner that writes a
tf_upgrade_v2-style report. The upgraded code imports only ``keras``; where it needs Keras 1
behaviour Keras 3 lacks (the hard sigmoid) a small helper function is inserted into the file.
Python 2 files are made Python 3 first (``python2``); ``notebook`` and ``tree`` upgrade Jupyter
notebooks and whole repositories.
"""
from .runner import upgrade_source

__all__ = ['upgrade_source']
