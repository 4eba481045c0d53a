"""Whole repositories: every .py and .ipynb upgraded, everything else copied, one report.

`upgrade_tree(root, out)` writes the upgraded tree under `out` with the same layout (files the
upgrade cannot read or parse are copied unchanged and reported as errors; the rest of the tree
still upgrades); `upgrade_tree(root, None, backup_suffix='.bak')` upgrades in place, keeping each
changed file's original as FILE + suffix. Every file is written to a temporary name and renamed,
so an interrupted run leaves no half-written file. Imports between the repository's modules keep
working: each file is upgraded under its own path, so Python 2's implicit relative imports inside
a package (a folder with ``__init__.py``) become ``from . import`` (fissix's ``import`` fixer
looks for the sibling module), and module names and layout do not change.
Version-control folders and caches (``SKIPPED_DIRS``) are neither upgraded nor copied.
"""
from __future__ import annotations

import io
import os
import pathlib
import shutil
import tempfile
import tokenize

from .notebook import upgrade_notebook
from .report import Entry
from .runner import upgrade_source

SOURCE_SUFFIXES = ('.py', '.ipynb')
SKIPPED_DIRS = frozenset({'.git', '.hg', '.svn', '__pycache__', '.ipynb_checkpoints'})


def upgrade_text(text: str, path: str, clear_outputs: bool = False, **options):
    """(new text, entries) of one .py or .ipynb file's text."""
    if path.endswith('.ipynb'):
        return upgrade_notebook(text, path, clear_outputs=clear_outputs, **options)
    return upgrade_source(text, filename=path, **options)


def read_source(path: pathlib.Path) -> tuple[str, str]:
    """(text, encoding) of a .py file (its PEP 263 coding line, as Python 2 read it: a Python 2
    file may say `# -*- coding: latin-1 -*-`) or of a notebook (UTF-8, as JSON is)."""
    data = path.read_bytes()
    encoding = 'utf-8'
    if path.suffix == '.py':
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    text = data.decode(encoding)
    return (text[1:] if text.startswith('\ufeff') else text), encoding


def atomic_write(dest: pathlib.Path, text: str | None = None, copy_from: pathlib.Path | None = None,
                 encoding: str = 'utf-8'):
    """Write `text` (or a copy of `copy_from`) to `dest` through a temporary file and a rename."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix='.' + dest.name + '.', suffix='.tmp')
    try:
        if copy_from is not None:
            os.close(fd)
            shutil.copy2(copy_from, tmp)
        else:
            with os.fdopen(fd, 'w', encoding=encoding, newline='') as f:
                f.write(text)
            if dest.exists():
                shutil.copymode(dest, tmp)
        os.replace(tmp, dest)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def walk(root: pathlib.Path):
    """Files under `root` (sorted), less SKIPPED_DIRS."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS)
        for name in sorted(files):
            yield pathlib.Path(folder) / name


def upgrade_tree(root, out=None, backup_suffix: str | None = None, clear_outputs: bool = False,
                 **options):
    """Upgrade the tree `root` into `out` (or in place when `out` is None).

    Returns (per_file entries of the .py/.ipynb files by path, number of other files copied,
    failed). `options` go to the upgrade (dim_ordering=...)."""
    root = pathlib.Path(root)
    out = pathlib.Path(out) if out is not None else None
    if out is not None and out.resolve().is_relative_to(root.resolve()):
        raise ValueError(f'the output folder {out} is inside the input folder {root}: choose one outside it')
    per_file, copied, failed = {}, 0, False
    for src in walk(root):
        dest = (out / src.relative_to(root)) if out is not None else src
        name = str(src)
        if src.suffix not in SOURCE_SUFFIXES:
            if out is not None:
                atomic_write(dest, copy_from=src)
                copied += 1
            continue
        try:
            text, encoding = read_source(src)
        except (OSError, SyntaxError, UnicodeDecodeError) as e:
            per_file[name] = [Entry('error', 0, 0, 'read', f'cannot read: {e}; left unchanged', name)]
            text = new = None
        else:
            new, per_file[name] = upgrade_text(text, name, clear_outputs=clear_outputs, **options)
        if any(e.severity == 'error' for e in per_file[name]):
            failed = True
            new = None                     # left unchanged (copied as it is)
        try:
            if out is None:
                if new is not None and new != text:
                    if backup_suffix:
                        atomic_write(src.with_name(src.name + backup_suffix), copy_from=src)
                    atomic_write(src, new, encoding=encoding)
            elif new is None:
                atomic_write(dest, copy_from=src)
            else:
                atomic_write(dest, new, encoding=encoding)
        except OSError as e:
            per_file[name].append(Entry('error', 0, 0, 'write', f'cannot write {dest}: {e}', name))
            failed = True
    return per_file, copied, failed
