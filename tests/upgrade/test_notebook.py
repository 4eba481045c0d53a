"""Notebooks (compat/upgrade/notebook.py): upgraded cell by cell, and run as one script.

The fixture tests/fixtures/py2/notebooks/caption_training.ipynb is the Keras 1 README caption
model trained on stand-in data in a Python 2 kernel, with line magics, a shell line, a cell magic,
markdown cells and saved outputs."""
import json
import os
import pathlib
import subprocess
import sys

import nbformat
import pytest

from compat.upgrade.notebook import cell_source, runnable, upgrade_notebook

NOTEBOOK = pathlib.Path(__file__).parent.parent / 'fixtures' / 'py2' / 'notebooks' / 'caption_training.ipynb'
ENV = dict(os.environ, TF_ENABLE_ONEDNN_OPTS='0', TF_CPP_MIN_LOG_LEVEL='3')
IPYTHON_LINES = ['%matplotlib inline', '%load_ext autoreload', '%autoreload 2', '!ls -1 | head -3',
                 '%time history = model.fit([images, partial_captions], next_words, '
                 'batch_size=batch_size, nb_epoch=1, verbose=0)', '%%time']


@pytest.fixture(scope='module')
def upgraded():
    text = NOTEBOOK.read_text()
    new, entries = upgrade_notebook(text, 'caption_training.ipynb')
    return json.loads(text), json.loads(new), new, entries


def test_stays_valid_and_keeps_what_is_not_code(upgraded):
    old, new, text, entries = upgraded
    nbformat.validate(nbformat.reads(text, as_version=4))
    assert not [e for e in entries if e.severity == 'error']
    assert len(new['cells']) == len(old['cells'])
    for a, b in zip(old['cells'], new['cells']):
        assert a['cell_type'] == b['cell_type']
        if a['cell_type'] != 'code':
            assert a == b
        else:
            assert a['outputs'] == b['outputs'] and a['execution_count'] == b['execution_count']
    assert new['metadata']['kernelspec']['name'] == 'python3'


def test_ipython_lines_untouched_code_upgraded(upgraded):
    old, new, _, entries = upgraded
    new_lines = [line for c in new['cells'] if c['cell_type'] == 'code'
                 for line in cell_source(c).splitlines()]
    for line in IPYTHON_LINES:
        assert line in new_lines
    code = '\n'.join(new_lines)
    assert 'xrange' not in code and 'iteritems' not in code and 'TimeDistributedDense' not in code
    assert "print('batches per epoch:', nb_samples // batch_size)" in code
    assert 'Model(inputs=' in code and 'epochs=1, verbose=0)' in code
    assert cell_source(new['cells'][9]) == cell_source(old['cells'][9])      # the %%time cell


def test_report_positions_are_cell_line_column(upgraded):
    *_, entries = upgraded
    found = {(e.fixer, e.cell, e.line, e.column) for e in entries}
    assert ('python2:xrange', 6, 5, 9) in found          # cell 6 (markdown cells count), line 5
    assert ('python2:int_division', 4, 5, 28) in found
    assert any(e.format().startswith('caption_training.ipynb:6:5:9: CHANGE: [python2:xrange]')
               for e in entries)
    review = {(e.cell, e.line) for e in entries if e.severity == 'warning' and e.fixer == 'notebook'}
    assert review == {(9, 1), (10, 1)}                   # %time <code>, the %%time cell


def test_clear_outputs():
    small = json.loads(NOTEBOOK.read_text())
    small['cells'] = small['cells'][2:4]            # the shell cell and the constants cell
    new, _ = upgrade_notebook(json.dumps(small), 'nb.ipynb', clear_outputs=True,
                              dim_ordering='th', keep_channels_first=True)   # options reach the runner
    nb = json.loads(new)
    assert "print('batches per epoch:', nb_samples // batch_size)" in cell_source(nb['cells'][1])
    nbformat.validate(nbformat.reads(new, as_version=4))
    assert all(c['outputs'] == [] and c['execution_count'] is None
               for c in nb['cells'] if c['cell_type'] == 'code')


def test_format3_notebook():
    nb = {'nbformat': 3, 'nbformat_minor': 0, 'metadata': {'name': 'old'}, 'worksheets': [{
        'cells': [{'cell_type': 'code', 'collapsed': False, 'input': ['%pylab inline\n', 'for i in xrange(2):\n',
                                                                       '    print i'],
                   'language': 'python', 'metadata': {}, 'outputs': [], 'prompt_number': 1}],
        'metadata': {}}]}
    text = json.dumps(nb)
    new, entries = upgrade_notebook(text, 'old.ipynb')
    cell = json.loads(new)['worksheets'][0]['cells'][0]
    assert cell['input'] == ['%pylab inline\n', 'for i in range(2):\n', '    print(i)']
    nbformat.validate(nbformat.reads(new, as_version=3), version=3)


def test_not_a_notebook_is_an_error_left_unchanged():
    for text in ('{"cells": [', '{"metadata": {}}'):
        new, entries = upgrade_notebook(text, 'bad.ipynb')
        assert new == text and [e.severity for e in entries] == ['error']
        assert 'bad.ipynb: not a notebook' in entries[0].message


def test_runnable_script_skips_ipython_lines_with_notes():
    code, notes = runnable(NOTEBOOK.read_text(), 'nb.ipynb')
    assert '# cell 4' in code and '!ls' not in code
    assert not any(line.lstrip().startswith('%') for line in code.splitlines())
    assert notes[0] == 'cell 2:1: %matplotlib inline' and 'cell 10: %%time (the whole cell)' in notes
    assert len(notes) == 6


@pytest.mark.slow
def test_python_m_compat_runs_the_original_notebook():
    proc = subprocess.run([sys.executable, '-m', 'compat', str(NOTEBOOK)], capture_output=True,
                          text=True, env=ENV, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert 'IPython lines skipped: cell 2:1: %matplotlib inline' in proc.stderr
    assert 'is Python 2' in proc.stderr
    result = [line for line in proc.stdout.splitlines() if line.startswith('RESULT')]
    assert len(result) == 1 and 'batches per epoch: 3' in proc.stdout
    assert abs(float(result[0].split()[2]) - 2.0) < 1e-4        # two softmax rows


@pytest.mark.slow
def test_upgraded_code_cells_run_on_plain_keras3(upgraded, tmp_path):
    _, _, text, _ = upgraded
    path = tmp_path / 'caption_training.ipynb'
    path.write_text(text)
    run = ('import sys; from compat.upgrade.notebook import runnable\n'
           'code, _ = runnable(open(sys.argv[1]).read(), sys.argv[1])\n'
           "assert 'compat' not in code\n"
           "exec(compile(code, sys.argv[1], 'exec'), {'__name__': '__main__'})\n")
    proc = subprocess.run([sys.executable, '-c', run, str(path)], capture_output=True, text=True,
                          env=ENV, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = [line for line in proc.stdout.splitlines() if line.startswith('RESULT')]
    assert len(result) == 1 and abs(float(result[0].split()[2]) - 2.0) < 1e-4
