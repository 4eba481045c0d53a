"""Pieces of the upgraded-examples measurement (run_upgraded_examples.py, keras3_offline/, make_standins --keras3)."""
import ast
import json
import importlib.util
import os
import sys

import numpy as np
import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import make_standins  # noqa: E402
import run_upgraded_examples as rue  # noqa: E402

TRACEBACK = '''Epoch 1/2
Traceback (most recent call last):
  File "/o/ex.py", line 3, in <module>
    model.fit(x)
  File "/lib/keras/trainer.py", line 9, in fit
    raise ValueError('bad')
ValueError: Input 0 of layer "dense" is incompatible
  with the layer: expected axis -1
'''


def test_first_error_is_the_exception_line_of_the_last_traceback():
    assert rue.first_error(TRACEBACK) == 'ValueError: Input 0 of layer "dense" is incompatible'
    assert rue.first_error('just\nlast words\n\n') == 'last words'
    assert rue.first_error('') == '(no output)'


def test_upgraded_frame_names_the_line_of_the_upgraded_file(tmp_path):
    path = tmp_path / 'ex.py'
    path.write_text('import keras\nx = 1\n  model.fit(x)  \n')
    text = TRACEBACK.replace('/o/ex.py', str(path))
    assert rue.upgraded_frame(text, str(path)) == 'ex.py:3: model.fit(x)'
    assert rue.upgraded_frame('no frames', str(path)) == ''


def test_import_probe_keeps_only_top_level_imports():
    tree = ast.parse('from __future__ import print_function\nimport numpy as np\nx = 1\n'
                     'if x:\n    import scipy\ndef f():\n    import sys\nfrom keras import layers\n')
    source, imports = rue.import_module(tree)
    assert source == 'from __future__ import print_function\nimport numpy as np\nfrom keras import layers\n'
    assert len(imports) == 3


@pytest.fixture
def offline_module():
    spec = importlib.util.spec_from_file_location('_k3_offline', os.path.join(HERE, 'keras3_offline',
                                                                             'sitecustomize.py'))
    module = importlib.util.module_from_spec(spec)
    before = list(sys.meta_path)
    spec.loader.exec_module(module)
    sys.meta_path[:] = before  # the test uses _offline directly; no import hook in this process
    return module


def test_offline_get_file_drops_hashes_and_refuses_to_download(offline_module, tmp_path):
    calls = []
    get_file = offline_module._offline(lambda fname, origin, *a, **kw: calls.append((fname, origin, kw)) or 'p')
    (tmp_path / 'datasets').mkdir()
    (tmp_path / 'datasets' / 'mnist.npz').write_bytes(b'x')
    (tmp_path / 'datasets' / 'cifar-10-batches-py-target_archive').write_bytes(b'x')
    assert get_file('mnist.npz', 'https://h/mnist.npz', file_hash='abc', cache_dir=str(tmp_path)) == 'p'
    assert calls[-1] == ('mnist.npz', 'https://h/mnist.npz', {'cache_dir': str(tmp_path)})
    get_file(fname='cifar-10-batches-py-target', origin='https://h/c.tgz', extract=True, md5_hash='m',
             cache_dir=str(tmp_path))
    assert calls[-1][2] == {'extract': True, 'cache_dir': str(tmp_path)}
    with pytest.raises(FileNotFoundError, match="no 'imdb.npz'.*make_standins.py --keras3"):
        get_file('imdb.npz', 'https://h/imdb.npz', cache_dir=str(tmp_path))
    assert len(calls) == 2


def test_keras3_text_standins_load_through_keras3s_restricted_reader(tmp_path):
    from keras.src.datasets import npz_utils  # the reader keras 3 imdb/reuters use
    make_standins.text3(str(tmp_path))
    imdb = npz_utils.load_npz(str(tmp_path / 'imdb.npz'))
    assert len(imdb['x_train']) == make_standins.N_TRAIN and len(imdb['x_test']) == make_standins.N_TEST
    assert all(isinstance(w, int) for w in imdb['x_train'][0])
    reuters = npz_utils.load_npz(str(tmp_path / 'reuters.npz'))
    assert reuters['y'].dtype == np.int64 and reuters['y'].max() < 46


def test_tables_count_finished_apart_from_running_at_limit(tmp_path):
    rows = [dict(example='a', parses='yes', imports='yes', runs='failed: X', seconds=3),
            dict(example='a', parses='yes', imports='yes', runs=rue.FINISHED, seconds=5),
            dict(example='b', parses='yes', imports='yes', runs=rue.RUNNING, seconds=75, load=9.25),
            dict(example='c', parses='yes', imports='yes', runs='failed: ValueError: y', seconds=9,
                 where='c.py:4: model.fit(x)'),
            dict(example='d', parses='yes', imports='yes', runs='skipped: downloads'),
            dict(example='e', parses='yes', imports='fail: ImportError: z', runs='- (imports fail)')]
    (tmp_path / 'results.jsonl').write_text(''.join(json.dumps(r) + '\n' for r in rows))
    totals = ('5 examples: 5 parse, 4 import; runs: 1 finished (exit 0), 1 running at limit (in training, killed), '
              '1 failed, 1 skipped, 1 not run (imports fail)')
    text = rue.text_table(str(tmp_path))
    assert text.rstrip().endswith(totals)
    assert 'failed: X' not in text
    assert '# 1-minute load average when each run started: 9.2 to 9.2 (2 cores)' in text
    assert 'c                                  9s  parses=yes  imports=yes  failed: ValueError: y  [c.py:4: model.fit(x)]' \
        in text
    assert rue.table(str(tmp_path)).startswith(totals + '\n')
