"""Report entries for `python -m compat upgrade`, in the spirit of tf_upgrade_v2's report.txt.

Each entry names the file, the line:column in the *original* source, the fixer that made it and
one of three severities: ``change`` (done automatically), ``warning`` (a human must look: the
rewrite could not keep Keras 1's numbers exactly, or it could not rewrite at all) and ``error``
(the file could not be processed; only errors make the command exit non-zero).
"""
from __future__ import annotations

import dataclasses
import re
from collections import Counter

SEVERITIES = ('change', 'warning', 'error')


@dataclasses.dataclass
class Entry:
    severity: str
    line: int
    column: int
    fixer: str
    message: str
    filename: str = '<string>'
    cell: int | None = None        # notebooks: the cell (from 1, markdown cells included)

    def __post_init__(self):
        if self.severity not in SEVERITIES:
            raise ValueError(f'severity must be one of {SEVERITIES}, got {self.severity!r}')

    @property
    def position(self) -> str:
        """line:column, or cell:line:column in a notebook."""
        return (f'{self.cell}:' if self.cell is not None else '') + f'{self.line}:{self.column}'

    def format(self) -> str:
        return f'{self.filename}:{self.position}: {self.severity.upper()}: [{self.fixer}] {self.message}'


# Entries about numbers (a result that may differ from Keras 1 / Python 2, not a code change a
# human must make): listed apart as numeric caveats in the report.
NUMERIC = re.compile(r'\bfloor|divid|division|differ|numbers|epsilon|rounding|approximat|'
                     r'Keras 1 did not|precision', re.IGNORECASE)


def is_numeric(entry: Entry) -> bool:
    return entry.severity != 'error' and bool(NUMERIC.search(entry.message))


def _sections(entries):
    """(title, entries) groups of one file's entries, in report order."""
    numeric = [e for e in entries if is_numeric(e)]
    rest = [e for e in entries if not is_numeric(e)]
    return [('Errors', [e for e in rest if e.severity == 'error']),
            ('Changes', [e for e in rest if e.severity == 'change']),
            ('Human review', [e for e in rest if e.severity == 'warning']),
            ('Numeric caveats', numeric)]


def _python2(entries) -> bool:
    return any(e.fixer.startswith('python2:') for e in entries)


def summary_table(per_file: dict[str, list[Entry]]) -> list[str]:
    """One row per file: Python 2?, changes, human-review items, numeric caveats, errors."""
    head = ('File', 'Python 2', 'Changes', 'Review', 'Numeric', 'Errors', 'Result')
    rows = []
    for name, entries in per_file.items():
        groups = dict(_sections(entries))
        errors = len(groups['Errors'])
        rows.append((name, 'yes' if _python2(entries) else '-', str(len(groups['Changes'])),
                     str(len(groups['Human review'])), str(len(groups['Numeric caveats'])),
                     str(errors), 'FAILED: left unchanged' if errors else
                     'upgraded' if entries else 'nothing to change'))
    widths = [max(len(r[i]) for r in [head] + rows) for i in range(len(head))]

    def fmt(row):
        return '  '.join(c.ljust(w) if i in (0, 1, 6) else c.rjust(w)
                         for i, (c, w) in enumerate(zip(row, widths))).rstrip()
    return [fmt(head), fmt(tuple('-' * w for w in widths))] + [fmt(r) for r in rows]


def format_report(per_file: dict[str, list[Entry]], copied: int = 0) -> str:
    """Text report: totals, a summary table (one row per file), then one section per file: its
    errors, changes (the Python 2 constructs first), human-review items and numeric caveats, by
    position. `copied`: how many other files of a tree were copied unchanged."""
    lines = ['Keras 1.2.2 -> Keras 3 upgrade report', '=' * 38]
    totals = {s: sum(e.severity == s for es in per_file.values() for e in es) for s in SEVERITIES}
    lines.append(f'{len(per_file)} file(s): {totals["change"]} change(s), '
                 f'{totals["warning"]} warning(s), {totals["error"]} error(s)'
                 + (f'; {copied} other file(s) copied unchanged' if copied else ''))
    lines += [''] + summary_table(per_file)
    for name, entries in per_file.items():
        kind = ' (Python 2)' if _python2(entries) else ''
        notebook = any(e.cell is not None for e in entries)
        lines += ['', '-' * 72, f'File: {name}{kind}' +
                  ('  [positions: cell:line:column]' if notebook else ''), '-' * 72]
        if not entries:
            lines.append('  (nothing to change)')
        constructs = Counter(e.fixer.split(':', 1)[1] for e in entries
                             if e.fixer.startswith('python2:') and e.severity == 'change')
        if constructs:
            lines.append('  Python 2 constructs changed: ' +
                         ', '.join(f'{k} ({n})' for k, n in sorted(constructs.items())))
        for title, group in _sections(entries):
            if not group:
                continue
            lines.append(f'  {title}:')
            for e in sorted(group, key=lambda e: (e.cell or 0, e.line, e.column)):
                lines.append(f'    {e.position}: {e.severity.upper()}: [{e.fixer}] {e.message}')
    return '\n'.join(lines) + '\n'
