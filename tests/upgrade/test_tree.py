"""Whole repositories (compat/upgrade/tree.py and the command line): every .py and .ipynb
upgraded, everything else copied, one report; bad input reported and left alone."""
import json
import os
import pathlib
import shutil
import subprocess
import sys
import textwrap

import nbformat
import pytest

from compat.upgrade.cli import main

REPO = pathlib.Path(__file__).parent.parent / 'fixtures' / 'py2' / 'repo'
ENV = dict(os.environ, TF_ENABLE_ONEDNN_OPTS='0', TF_CPP_MIN_LOG_LEVEL='3')


def small_tree(root):
    """A package whose modules import each other the Python 2 way, a script, data, a notebook."""
    (root / 'pkg').mkdir(parents=True)
    (root / 'pkg' / '__init__.py').write_text('')
    (root / 'pkg' / 'sizes.py').write_text('hidden = 4\n')
    (root / 'pkg' / 'net.py').write_text(textwrap.dedent('''\
        from keras.layers import Dense
        import sizes
        def layer():
            print 'hidden', sizes.hidden
            return Dense(sizes.hidden, init='zero')
        '''))
    (root / 'run.py').write_text('from pkg import net\nfor i in xrange(2):\n    net.layer()\n')
    (root / 'data').mkdir()
    (root / 'data' / 'table.csv').write_text('a,b\n1,2\n')
    nb = {'cells': [{'cell_type': 'code', 'execution_count': 1, 'metadata': {}, 'outputs': [],
                     'source': ['%matplotlib inline\n', 'print 1 / 2']}],
          'metadata': {}, 'nbformat': 4, 'nbformat_minor': 2}
    (root / 'look.ipynb').write_text(json.dumps(nb))
    (root / '.git').mkdir()
    (root / '.git' / 'HEAD').write_text('ref: refs/heads/main\n')


def test_tree_upgrade(tmp_path, capsys):
    src, out = tmp_path / 'src', tmp_path / 'out'
    small_tree(src)
    before = {p: p.read_bytes() for p in src.rglob('*') if p.is_file()}
    assert main([str(src), '-o', str(out), '--report', str(tmp_path / 'report.txt')]) == 0
    assert {p: p.read_bytes() for p in src.rglob('*') if p.is_file()} == before     # input untouched
    net = (out / 'pkg' / 'net.py').read_text()
    assert 'from . import sizes' in net and "print('hidden', sizes.hidden)" in net
    assert "kernel_initializer='zeros'" in net
    assert (out / 'run.py').read_text().startswith('from pkg import net\nfor i in range(2):')
    assert (out / 'data' / 'table.csv').read_text() == 'a,b\n1,2\n'
    assert not (out / '.git').exists()
    nb = nbformat.read(str(out / 'look.ipynb'), as_version=4)
    nbformat.validate(nb)
    assert nb.cells[0].source == '%matplotlib inline\nprint(1 // 2)'
    report = (tmp_path / 'report.txt').read_text().splitlines()
    assert report[2].endswith('; 1 other file(s) copied unchanged')
    header = report[4].split()
    assert header == ['File', 'Python', '2', 'Changes', 'Review', 'Numeric', 'Errors', 'Result']
    rows = {line.split()[0]: line.split() for line in report[6:11]}
    assert set(rows) == {str(src / n) for n in ('look.ipynb', 'run.py', 'pkg/__init__.py',
                                                  'pkg/net.py', 'pkg/sizes.py')}
    assert rows[str(src / 'pkg' / 'net.py')][1] == 'yes' and rows[str(src / 'pkg' / 'sizes.py')][1] == '-'
    assert f'File: {src / "pkg" / "net.py"} (Python 2)' in report
    assert '  Python 2 constructs changed: import (1), print (1)' in report


def test_relative_imports_still_work_after_upgrade(tmp_path):
    src, out = tmp_path / 'src', tmp_path / 'out'
    small_tree(src)
    (src / 'pkg' / 'net.py').write_text('import sizes\ndef hidden():\n    return sizes.hidden\n')
    (src / 'run.py').write_text('from pkg import net\nprint net.hidden()\n')
    assert main([str(src), '-o', str(out)]) == 0
    proc = subprocess.run([sys.executable, 'run.py'], cwd=out, capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout == '4\n', proc.stderr


def test_in_place_with_backup(tmp_path):
    small_tree(tmp_path)
    original = (tmp_path / 'run.py').read_text()
    assert main([str(tmp_path), '--in-place', '--backup-suffix', '.orig']) == 0
    assert (tmp_path / 'run.py.orig').read_text() == original
    assert 'range(2)' in (tmp_path / 'run.py').read_text()
    assert not (tmp_path / 'pkg' / 'sizes.py.orig').exists()        # unchanged: no backup
    assert not list(tmp_path.rglob('*.tmp'))


def test_bad_file_reported_rest_upgraded(tmp_path, capsys):
    src, out = tmp_path / 'src', tmp_path / 'out'
    small_tree(src)
    bad = 'x = 1\nprint "ok"\nclass (:\n'
    (src / 'pkg' / 'broken.py').write_text(bad)
    (src / 'broken.ipynb').write_text('{"cells": [')
    assert main([str(src), '-o', str(out)]) == 1
    err = capsys.readouterr().err
    assert f'{src / "pkg" / "broken.py"}:3:' in err and 'neither Python 3' in err
    assert 'broken.ipynb: not a notebook' in err
    assert (out / 'pkg' / 'broken.py').read_text() == bad                      # copied unchanged
    assert (out / 'broken.ipynb').read_text() == '{"cells": ['
    assert 'range(2)' in (out / 'run.py').read_text()                           # the rest upgraded


@pytest.mark.parametrize('args', [
    ['{src}', '-o', '{out}', '--in-place'],
    ['{src}/missing.py'],
    ['{src}'],                                     # a directory needs -o, --in-place or --diff
    ['{src}', '-o', '{src}/inside'],
    ['{src}', '--frobnicate'],
])
def test_bad_arguments_exit_2(tmp_path, args):
    small_tree(tmp_path / 'src')
    with pytest.raises(SystemExit) as info:
        main([a.format(src=tmp_path / 'src', out=tmp_path / 'out') for a in args])
    assert info.value.code == 2


@pytest.mark.slow
def test_repository_fixture_upgrades_and_trains_on_plain_keras3(tmp_path):
    """tests/fixtures/py2/repo: package (model, data, config), train script, notebook, pickle."""
    out = tmp_path / 'out'
    assert main([str(REPO), '-o', str(out), '--report', str(tmp_path / 'report.txt')]) == 0
    assert (out / 'data' / 'vocab_py2.pkl').read_bytes() == (REPO / 'data' / 'vocab_py2.pkl').read_bytes()
    assert 'from . import config' in (out / 'captioner' / 'model.py').read_text()
    nbformat.validate(nbformat.read(str(out / 'explore.ipynb'), as_version=4))
    proc = subprocess.run([sys.executable, 'train.py'], cwd=out, capture_output=True, text=True,
                          env=ENV, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert 'compat' not in ''.join(p.read_text() for p in out.rglob('*.py'))
    result = [line for line in proc.stdout.splitlines() if line.startswith('RESULT')]
    assert len(result) == 1 and abs(float(result[0].split()[2]) - 2.0) < 1e-4


@pytest.mark.slow
def test_repository_fixture_runs_unchanged_under_compat(tmp_path):
    work = tmp_path / 'repo'
    shutil.copytree(REPO, work)
    proc = subprocess.run([sys.executable, '-m', 'compat', 'train.py'], cwd=work,
                          capture_output=True, text=True, env=ENV, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert 'batches per epoch: 3\n' in proc.stdout                 # Python 2's 24 / 8
    assert len([line for line in proc.stdout.splitlines() if line.startswith('RESULT')]) == 1
    assert not list(work.rglob('__pycache__/*model*'))            # translated in memory only


def test_latin1_python2_file_keeps_its_encoding(tmp_path):
    src = tmp_path / 'src'
    src.mkdir()
    data = "# -*- coding: latin-1 -*-\nprint 'caf\xe9'\n".encode('latin-1')
    (src / 'old.py').write_bytes(data)
    assert main([str(src), '-o', str(tmp_path / 'out')]) == 0
    assert (tmp_path / 'out' / 'old.py').read_bytes() == \
        "# -*- coding: latin-1 -*-\nprint('caf\xe9')\n".encode('latin-1')
