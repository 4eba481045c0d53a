"""``python -m compat upgrade FILE_OR_DIR [-o OUT] [--in-place] [--report report.txt] [--diff]``.

A file without -o/--in-place prints the upgraded code (or, with --diff, a unified diff) to
stdout. A directory needs -o OUT_DIR (its .py files are written under OUT_DIR with the same
layout) or --in-place. The report (tf_upgrade_v2 style) goes to --report, or its warnings and
errors to stderr. Exit code 1 only when some file could not be read, parsed or written.
"""
from __future__ import annotations

import argparse
import difflib
import pathlib
import sys

from .report import Entry, format_report
from .runner import upgrade_source


def _parser():
    p = argparse.ArgumentParser(
        prog='python -m compat upgrade',
        description='Rewrite Keras 1.2.2 source into Keras 3 that keeps the Keras 1 numbers.')
    p.add_argument('path', metavar='FILE_OR_DIR', help='a .py file or a directory of them')
    p.add_argument('-o', '--output', metavar='OUT', help='output file (or directory for a directory)')
    p.add_argument('--in-place', action='store_true', help='overwrite the input files')
    p.add_argument('--report', metavar='REPORT', help='write the full report to this file')
    p.add_argument('--diff', action='store_true', help='print a unified diff of the changes')
    p.add_argument('--dim-ordering', choices=('th', 'tf'), default='th',
                   help="Keras 1 global image_dim_ordering the code ran under (default: th); "
                        'a set_image_dim_ordering() call in a file wins')
    return p


def _sources(root: pathlib.Path):
    if root.is_file():
        return [root]
    return sorted(p for p in root.rglob('*.py') if p.is_file())


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
    per_file: dict[str, list[Entry]] = {}
    failed = False
    for src in _sources(root):
        name = str(src)
        try:
            text = src.read_text(encoding='utf-8')
        except (OSError, UnicodeDecodeError) as e:
            per_file[name] = [Entry('error', 0, 0, 'read', f'cannot read: {e}', name)]
            failed = True
            continue
        new, entries = upgrade_source(text, filename=name, dim_ordering=args.dim_ordering)
        per_file[name] = entries
        if any(e.severity == 'error' for e in entries):
            failed = True
        if args.diff:
            sys.stdout.writelines(difflib.unified_diff(
                text.splitlines(keepends=True), new.splitlines(keepends=True),
                f'a/{name}', f'b/{name}'))
        if args.in_place:
            dest = src
        elif args.output:
            out = pathlib.Path(args.output)
            dest = out / src.relative_to(root) if root.is_dir() else out
        else:
            dest = None
            if not args.diff:
                sys.stdout.write(new)
        if dest is not None and (new != text or dest != src):
            try:
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_text(new, encoding='utf-8')
            except OSError as e:
                per_file[name].append(Entry('error', 0, 0, 'write', f'cannot write {dest}: {e}', name))
                failed = True
    report = format_report(per_file)
    if args.report:
        pathlib.Path(args.report).write_text(report, encoding='utf-8')
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
