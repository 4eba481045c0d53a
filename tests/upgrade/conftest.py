"""Helpers for the upgrade fixer tests: run one fixer (or all) over a snippet."""
import textwrap

import pytest

from compat.upgrade import upgrade_source


@pytest.fixture
def run():
    def _run(src, *fixers, dim_ordering='th', **options):
        new, entries = upgrade_source(textwrap.dedent(src), fixers=list(fixers) or None,
                                      dim_ordering=dim_ordering, **options)
        return new, entries
    return _run


