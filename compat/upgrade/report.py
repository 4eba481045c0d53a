"""Report entries for `python -m compat upgrade`, in the spirit of tf_upgrade_v2's report.txt.

Each entry names the file, the line:column in the *original* source, the fixer that made it and
one of three severities: ``change`` (done automatically), ``warning`` (a human must look: the
rewrite could not keep Keras 1's numbers exactly, or it could not rewrite at all) and ``error``
(the file could not be processed; only errors make the command exit non-zero).
"""
from __future__ import annotations

import dataclasses

SEVERITIES = ('change', 'warning', 'error')


@dataclasses.dataclass
class Entry:
    severity: str
    line: int
    column: int
    fixer: str
    message: str
    filename: str = '<string>'

    def __post_init__(self):
        if self.severity not in SEVERITIES:
            raise ValueError(f'severity must be one of {SEVERITIES}, got {self.severity!r}')

    def format(self) -> str:
        return (f'{self.filename}:{self.line}:{self.column}: {self.severity.upper()}: '
                f'[{self.fixer}] {self.message}')


def format_report(per_file: dict[str, list[Entry]]) -> str:
    """Text report: a header with totals, then one section per file with its entries by line."""
    lines = ['Keras 1.2.2 -> Keras 3 upgrade report', '=' * 38]
    totals = {s: sum(e.severity == s for es in per_file.values() for e in es) for s in SEVERITIES}
    lines.append(f'{len(per_file)} file(s): {totals["change"]} change(s), '
                 f'{totals["warning"]} warning(s), {totals["error"]} error(s)')
    for name, entries in per_file.items():
        lines += ['', '-' * 72, f'File: {name}', '-' * 72]
        if not entries:
            lines.append('  (nothing to change)')
        for e in sorted(entries, key=lambda e: (e.line, e.column)):
            lines.append(f'  {e.line}:{e.column}: {e.severity.upper()}: [{e.fixer}] {e.message}')
    return '\n'.join(lines) + '\n'
