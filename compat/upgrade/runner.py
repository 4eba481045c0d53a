"""Runs the fixers over one source text and collects the report entries.

Each fixer is one pass on the previous pass's output (fresh metadata every pass). Entries are
reported at line:column of the *original* file: a line map, updated with difflib after every
pass, takes each pass's positions back to the input the user wrote.
"""
from __future__ import annotations

import difflib
import re

import libcst as cst
from libcst.metadata import MetadataWrapper

from . import python2
from .fixers import FIXERS
from .fixers.base import Context, name_bindings
from .fixers.imports import names_used
from .report import Entry

# Scripts that set the global ordering themselves (keras 1.2.2 backend/common.py
# set_image_dim_ordering) override the command-line default.
_SET_ORDERING = re.compile(r"set_image_dim_ordering\(\s*['\"](th|tf)['\"]\s*\)")
# Scripts that branch on the ordering (`if K.image_dim_ordering() == 'th': ... else: ...`) are
# upgraded channels-last as their 'tf' branch wrote them (data code and layers alike).
_ASKS_ORDERING = re.compile(r"image_dim_ordering\(\s*\)")


def _line_map(before: str, after: str) -> list[int]:
    """For each line of `after` (0-based), the 0-based line of `before` it came from (or the
    nearest line above it for inserted lines)."""
    a, b = before.splitlines(), after.splitlines()
    out = [0] * (len(b) + 1)
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        for j in range(j1, j2):
            if tag == 'equal':
                out[j] = i1 + (j - j1)
            elif tag == 'replace':      # the most similar line of the replaced block
                out[j] = max(range(i1, i2), key=lambda i: (
                    difflib.SequenceMatcher(None, a[i], b[j]).ratio(), -abs(i - i1 - (j - j1))))
            else:                                  # insert: attribute to the line above
                out[j] = max(i1 - 1, 0)
    out[len(b)] = len(a)
    return out


def upgrade_source(code: str, filename: str = '<string>', dim_ordering: str = 'th',
                   fixers=None, python2_division=None,
                   keep_channels_first=False) -> tuple[str, list[Entry]]:
    """Upgrade Keras 1.2.2 source `code` to Keras 3; returns (new_code, report entries).

    `dim_ordering` is the Keras 1 global image ordering the script ran under ('th' by default,
    like this project; a `set_image_dim_ordering(...)` call in the file wins). Python 2 code is
    first made Python 3 (``python2``: its constructs, then its integer division and pickles).
    On a file neither Python 3 nor Python 2 parses, the code comes back unchanged with one
    'error' entry. `fixers` (default: all) are the Keras fixers; ``fixers=[]`` runs the
    Python 2 pass alone; `python2_division` replaces its division fixer (python2.fixers_for).
    'th' image layers run channels-last inside (fixers/channels_last.py) unless
    `keep_channels_first`.
    """
    if dim_ordering not in ('th', 'tf'):
        raise ValueError(f"dim_ordering must be 'th' or 'tf', got {dim_ordering!r}")
    m = _SET_ORDERING.search(code)
    if m is None and not keep_channels_first and _ASKS_ORDERING.search(code):
        dim_ordering = 'tf'
    ctx = Context(filename=filename, dim_ordering=m.group(1) if m else dim_ordering,
                  ordering_set=m is not None, channels_last=not keep_channels_first)
    translation = python2.constructs_pass(code, filename)
    if translation.error:
        return code, [translation.error]
    ctx.entries.extend(translation.entries)
    module = cst.parse_module(translation.code)
    ctx.original_uses = names_used(module)
    # current line -> original line (0-based)
    orig_of = _line_map(code, translation.code) if translation.python2 else \
        list(range(len(code.splitlines()) + 1))
    first = python2.fixers_for(translation, **({'division': python2_division} if python2_division else {}))
    for fixer_cls in first + list(FIXERS if fixers is None else fixers):
        start = len(ctx.entries)
        wrapper = MetadataWrapper(module)            # a copy of module: bind its nodes
        ctx.bindings = name_bindings(wrapper.module)
        try:
            new = wrapper.visit(fixer_cls(ctx))
        except Exception as e:   # a fixer bug must not lose the file: report it and go on
            ctx.entries.append(Entry('error', 0, 0, fixer_cls.name,
                                     f'fixer failed ({type(e).__name__}: {e}); its changes were '
                                     'skipped', filename))
            continue
        for e in ctx.entries[start:]:
            if e.line > 0:
                e.line = orig_of[min(e.line - 1, len(orig_of) - 1)] + 1
        step = _line_map(module.code, new.code)
        orig_of = [orig_of[min(i, len(orig_of) - 1)] for i in step]
        module = new
    return module.code, ctx.entries
