"""Jupyter notebooks: upgrade their code cells, or run them as one script.

A notebook's code cells are joined into one script (so names bound in one cell are known in the
next: constants, the model, Python 2's integer operands), one marker statement
``__compat_cell__(N)`` before each cell's code, and upgraded like a file; the result is split back
at the markers. IPython lines -- line magics (``%matplotlib inline``), shell lines (``!ls``,
``x = !ls``), help (``x?``) -- become numbered ``pass`` placeholders for the upgrade and are put
back untouched; a cell that starts with a cell magic (``%%time``) is left as it is. Markdown and
raw cells, outputs (unless ``clear_outputs``) and metadata are kept; a Python 2 kernelspec becomes
Python 3. Report positions are cell:line:column, cells counted from 1 in notebook order
(markdown cells included), lines from 1 in the cell.

Notebook format 4 (``cells``) and 3 (``worksheets``, code in ``input``) are read; the file is
written back in its own format, as JSON with Jupyter's one-space indent. No Jupyter package is
needed (``nbformat`` validates them in the tests).
"""
from __future__ import annotations

import dataclasses
import json
import re
import sys

from .report import Entry
from .runner import upgrade_source

_MARKER = '__compat_cell__({})'
_MARKER_LINE = re.compile(r'^__compat_cell__\((\d+)\)$')
_PLACEHOLDER = '{}pass  # __compat_ipython_{}__'
_PLACEHOLDER_LINE = re.compile(r'^\s*pass  # __compat_ipython_(\d+)__$')
# IPython, not Python: magics, shell escapes (also as `x = !cmd`), `?` help
# magics whose argument (or cell) is Python code
_PYTHON_MAGIC = re.compile(r'^\s*%%?(time|timeit|prun|debug|capture)\b(?!\s*$)|^\s*%%(time|timeit|prun|capture)\b')
_IPYTHON_LINE = re.compile(r'^\s*([%!]|\?)|^\s*[\w.]+\s*=\s*[%!]|\?\s*$')


class NotebookError(ValueError):
    """Not a notebook this module can read (bad JSON, no cells)."""


def read(text: str, filename: str = '<notebook>') -> dict:
    try:
        nb = json.loads(text)
    except json.JSONDecodeError as e:
        raise NotebookError(f'{filename}: not a notebook: invalid JSON at {e.lineno}:{e.colno} '
                            f'({e.msg})') from None
    if not isinstance(nb, dict) or ('cells' not in nb and 'worksheets' not in nb):
        raise NotebookError(f"{filename}: not a notebook: no 'cells' (format 4) or 'worksheets' "
                            '(format 3)')
    return nb


def write(nb: dict) -> str:
    return json.dumps(nb, indent=1, ensure_ascii=False) + '\n'


def cells(nb: dict) -> list:
    """All cells in notebook order (format 4 or 3)."""
    if 'cells' in nb:
        return nb['cells']
    return [c for ws in nb.get('worksheets', []) for c in ws.get('cells', [])]


def _source_key(cell):
    return 'input' if 'input' in cell and 'source' not in cell else 'source'


def cell_source(cell) -> str:
    src = cell.get(_source_key(cell), '')
    return ''.join(src) if isinstance(src, list) else src


def _set_source(cell, text):
    key = _source_key(cell)
    cell[key] = text.splitlines(keepends=True) if isinstance(cell.get(key), list) else text


@dataclasses.dataclass
class Script:
    """The code cells joined: `code`, and for each of its lines (0-based) the (cell number,
    line in the cell) it came from (cell number 0 for a marker line)."""
    code: str
    origin: list
    ipython: list            # [(cell number, line in cell, text)] of the IPython lines replaced
    cell_magic: list          # cell numbers left out (cell magics)


def script(nb: dict, markers: bool = True, skip_note: str = 'pass') -> Script:
    """The notebook's code cells as one Python script (IPython lines as numbered placeholders)."""
    out, origin, ipython, cell_magic = [], [], [], []
    for number, cell in enumerate(cells(nb), 1):
        if cell.get('cell_type') != 'code':
            continue
        src = cell_source(cell)
        if src.lstrip().startswith('%%'):
            cell_magic.append(number)
            continue
        if markers:
            out.append(_MARKER.format(number))
            origin.append((number, 0))
        for i, line in enumerate(src.splitlines(), 1):
            if _IPYTHON_LINE.search(line):
                indent = line[:len(line) - len(line.lstrip())]
                out.append(_PLACEHOLDER.format(indent, len(ipython)))
                ipython.append((number, i, line))
            else:
                out.append(line)
            origin.append((number, i))
    return Script('\n'.join(out) + '\n', origin, ipython, cell_magic)


def upgrade_notebook(text: str, filename: str = '<notebook>', clear_outputs: bool = False,
                     **options) -> tuple[str, list[Entry]]:
    """Upgrade a notebook's code cells; returns (new notebook JSON, entries at cell:line:column).
    `options` go to runner.upgrade_source (dim_ordering=...). On an error entry the notebook comes
    back unchanged."""
    try:
        nb = read(text, filename)
    except NotebookError as e:
        return text, [Entry('error', 0, 0, 'notebook', str(e), filename)]
    joined = script(nb)
    new, entries = upgrade_source(joined.code, filename, **options)
    for e in entries:
        if 0 < e.line <= len(joined.origin):
            e.cell, e.line = joined.origin[e.line - 1]
    entries += _python_in_magics(nb, joined, filename)
    if any(e.severity == 'error' for e in entries):
        return text, entries
    by_cell = _split(new, joined, filename)
    if isinstance(by_cell, Entry):
        return text, entries + [by_cell]
    all_cells = cells(nb)
    for number, code in by_cell.items():
        cell = all_cells[number - 1]
        old = cell_source(cell)
        if code.rstrip('\n') != old.rstrip('\n'):
            _set_source(cell, code + ('\n' if old.endswith('\n') else ''))
    if clear_outputs:
        for cell in all_cells:
            if cell.get('cell_type') == 'code':
                cell['outputs'] = []
                cell['execution_count' if 'cells' in nb else 'prompt_number'] = None
    if any(e.fixer.startswith('python2:') for e in entries):
        entries += _python3_kernel(nb, filename)
    return write(nb), entries


def _python_in_magics(nb: dict, joined: Script, filename: str) -> list:
    """Magics that run Python code (`%time model.fit(...)`, a `%%timeit` cell) stay as written:
    each is listed for a human."""
    out = [Entry('warning', i, 0, 'notebook', f'{text.strip()[:60]}: IPython line left as written; '
                 'upgrade the Python code in it by hand', filename, cell=n)
           for n, i, text in joined.ipython if _PYTHON_MAGIC.match(text)]
    for n in joined.cell_magic:
        if _PYTHON_MAGIC.match(cell_source(cells(nb)[n - 1])):
            out.append(Entry('warning', 1, 0, 'notebook', 'cell magic: the cell is left as written; '
                             'upgrade the Python code in it by hand', filename, cell=n))
    return out


def _split(new: str, joined: Script, filename: str):
    """{cell number: upgraded code}; code the upgrade put before the first marker (imports,
    inlined helpers) goes to the first code cell."""
    by_cell, current, head = {}, None, []
    for line in new.splitlines():
        m = _MARKER_LINE.match(line)
        if m:
            current = int(m.group(1))
            by_cell[current] = list(head)
            head = []
            continue
        (by_cell[current] if current is not None else head).append(line)
    originals = {n for n, _ in joined.origin}
    if set(by_cell) != originals:
        return Entry('error', 0, 0, 'notebook', 'the upgrade moved code across cells; notebook left '
                     'unchanged (upgrade the cells as a script by hand)', filename)
    for number, lines in by_cell.items():
        while lines and not lines[-1].strip():
            lines.pop()
        for i, line in enumerate(lines):
            m = _PLACEHOLDER_LINE.match(line)
            if m:
                lines[i] = joined.ipython[int(m.group(1))][2]
        by_cell[number] = '\n'.join(lines)
    return by_cell


def _python3_kernel(nb: dict, filename: str) -> list:
    """A Python 2 notebook, now Python 3: its kernelspec and language_info say so."""
    meta = nb.setdefault('metadata', {})
    spec = meta.get('kernelspec')
    if not spec or spec.get('name') != 'python2':
        return []
    spec.update(name='python3', display_name='Python 3')
    info = meta.get('language_info')
    if isinstance(info, dict):
        info['codemirror_mode'] = {'name': 'ipython', 'version': 3}
        info['pygments_lexer'] = 'ipython3'
        info['version'] = '%d.%d.%d' % sys.version_info[:3]
    return [Entry('change', 0, 0, 'notebook', 'kernelspec python2 -> python3', filename)]


# -- python -m compat NOTEBOOK.ipynb ----------------------------------------------------------
def runnable(text: str, filename: str) -> tuple[str, list[str]]:
    """The notebook as one script to run (each cell after a `# cell N` line, IPython lines as
    `pass`) and a note for each IPython line or cell skipped."""
    nb = read(text, filename)
    joined = script(nb, markers=False)
    lines, last = [], None
    for line, (number, _) in zip(joined.code.splitlines(), joined.origin):
        if number != last:
            lines.append(f'# cell {number}')
            last = number
        lines.append(re.sub(r'  # __compat_ipython_\d+__$', '', line))
    notes = [f'cell {n}:{i}: {t.strip()}' for n, i, t in joined.ipython]
    notes += [f'cell {n}: {cell_source(cells(nb)[n - 1]).split()[0]} (the whole cell)'
              for n in joined.cell_magic]
    return '\n'.join(lines) + '\n', notes
