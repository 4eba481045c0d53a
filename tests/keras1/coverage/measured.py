"""What the coverage runners share: which checkout they measure, and how they commit a table.

>>> isinstance(checkout(), str)
True
"""
import os
import subprocess

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..'))  # the checkout measured


def checkout():
    """Which code is measured: ROOT's commit, and whether its tracked files differ from it."""
    def git(*args):
        return subprocess.run(['git', '-C', ROOT] + list(args), capture_output=True, text=True).stdout.strip()
    commit = git('rev-parse', '--short', 'HEAD') or 'unknown'
    return commit + (' with uncommitted changes' if git('status', '--porcelain', '--untracked-files=no') else '')


def write_table(path, text):
    """Write a runner's table to ``path`` whole (a temp file, then a rename) and print it."""
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path + '.part', 'w') as f:
        f.write(text)
    os.replace(path + '.part', path)
    print(text, end='')
