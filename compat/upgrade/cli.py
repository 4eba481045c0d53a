"""``python -m compat upgrade FILE_OR_DIR [-o OUT] [--in-place] [--report report.txt] [--diff]``.

FILE_OR_DIR is a .py file, a .ipynb notebook or a directory (a whole repository). A file without
-o/--in-place prints the upgraded code (or, with --diff, a unified diff) to stdout. A directory
needs -o OUT_DIR (every .py and .ipynb upgraded, everything else copied, same layout: tree.py) or
--in-place (each changed file's original kept as FILE.bak; --backup-suffix '' for none) or --diff.
Python 2 files are made Python 3 first (python2/). The report (tf_upgrade_v2 style: a summary
table, then each file's changes, human-review items and numeric caveats) goes to --report, or
its warnings and errors to stderr. Exit code 1 when some file could not be read, parsed or
written (it is left unchanged; the rest still upgrades), 2 for bad arguments.
"""
from __future__ import annotations

import argparse
import difflib
import pathlib
import sys

from .report import Entry, format_report
from .tree import SOURCE_SUFFIXES, atomic_write, read_source, upgrade_text, upgrade_tree, walk


def _parser():
    p = argparse.ArgumentParser(
        prog='python -m compat upgrade',
        description='Rewrite Keras 1.2.2 source into Keras 3 that keeps the Keras 1 numbers.')
    p.add_argument('path', metavar='FILE_OR_DIR',
                   help='a .py file, a .ipynb notebook or a directory (a whole repository)')
    p.add_argument('-o', '--output', metavar='OUT', help='output file (or directory for a directory)')
    p.add_argument('--in-place', action='store_true', help='overwrite the input files')
    p.add_argument('--backup-suffix', metavar='SUFFIX', default='.bak',
                   help="with --in-place, keep each changed file's original as FILE+SUFFIX "
                        "(default .bak; '' for no backup)")
    p.add_argument('--clear-outputs', action='store_true',
                   help="notebooks: drop the code cells' outputs (kept by default)")
    p.add_argument('--report', metavar='REPORT', help='write the full report to this file')
    p.add_argument('--diff', action='store_true', help='print a unified diff of the changes')
    p.add_argument('--dim-ordering', choices=('th', 'tf'), default='th',
                   help="Keras 1 global image_dim_ordering the code ran under (default: th); "
                        'a set_image_dim_ordering() call in a file wins')
    p.add_argument('--keep-channels-first', action='store_true',
                   help="'th' image layers stay data_format='channels_first' (runs on GPUs; on "
                        "CPU only with TensorFlow's oneDNN on) instead of channels-last inside")
    return p


def _sources(root: pathlib.Path):
    if root.is_file():
        return [root]
    return [p for p in walk(root) if p.suffix in SOURCE_SUFFIXES]


def main(argv=None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    root = pathlib.Path(args.path)
    if not root.exists():
        parser.error(f'FILE_OR_DIR {args.path!r} does not exist')
    if args.output and args.in_place:
        parser.error('give either -o/--output or --in-place, not both')
    if root.is_dir() and not (args.output or args.in_place or args.diff):
        parser.error(f'{args.path} is a directory: give -o OUT_DIR, --in-place or --diff')
    options = dict(dim_ordering=args.dim_ordering, clear_outputs=args.clear_outputs)
    if args.keep_channels_first:
        options['keep_channels_first'] = True
    per_file: dict[str, list[Entry]] = {}
    failed, copied = False, 0
    tree = root.is_dir() and bool(args.output or args.in_place)
    if tree:
        try:
            per_file, copied, failed = upgrade_tree(
                root, args.output, backup_suffix=args.backup_suffix, **options)
        except ValueError as e:
            parser.error(str(e))
    for src in ([] if tree else _sources(root)):
        name = str(src)
        try:
            text, encoding = read_source(src)
        except (OSError, SyntaxError, UnicodeDecodeError) as e:
            per_file[name] = [Entry('error', 0, 0, 'read', f'cannot read: {e}', name)]
            failed = True
            continue
        new, entries = upgrade_text(text, name, **options)
        per_file[name] = entries
        if any(e.severity == 'error' for e in entries):
            failed = True
            continue                       # left unchanged
        if args.diff:
            sys.stdout.writelines(difflib.unified_diff(
                text.splitlines(keepends=True), new.splitlines(keepends=True),
                f'a/{name}', f'b/{name}'))
        if args.in_place or args.output:
            dest = src if args.in_place else pathlib.Path(args.output)
            try:
                if args.in_place and new != text and args.backup_suffix:
                    atomic_write(src.with_name(src.name + args.backup_suffix), copy_from=src)
                if new != text or dest != src:
                    atomic_write(dest, new, encoding=encoding)
            except OSError as e:
                per_file[name].append(Entry('error', 0, 0, 'write', f'cannot write {dest}: {e}', name))
                failed = True
        elif not args.diff:
            sys.stdout.write(new)
    report = format_report(per_file, copied)
    if args.report:
        atomic_write(pathlib.Path(args.report), report)
    else:
        for entries in per_file.values():
            for e in entries:
                if e.severity != 'change':
                    print(e.format(), file=sys.stderr)
    n = {s: sum(e.severity == s for es in per_file.values() for e in es)
         for s in ('change', 'warning', 'error')}
    print(f'upgrade: {len(per_file)} file(s), {n["change"]} change(s), {n["warning"]} warning(s), '
          f'{n["error"]} error(s)' + (f'; report in {args.report}' if args.report else ''),
          file=sys.stderr)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
