"""`python -m compat OLD_PY2_SCRIPT.py`: the script's own Python 2 files translated in memory
(compat/upgrade/python2/importer.py), original line numbers, nothing written."""
import os
import subprocess
import sys
import textwrap
import traceback

import pytest

from compat.upgrade.python2 import importer

HELPER = textwrap.dedent('''\
    import cPickle

    def batches(n, size):
        print 'batches of', size
        return [i * size for i in xrange(n / size)]

    def load(path):
        return cPickle.load(open(path))
    ''')


@pytest.fixture
def folder(tmp_path):
    (tmp_path / 'helper.py').write_text(HELPER)
    site = tmp_path / 'venv' / 'lib' / 'python3.11' / 'site-packages'
    site.mkdir(parents=True)
    (site / 'installed_py2.py').write_text('print "installed"\n')
    finder = importer.install(str(tmp_path))
    sys.path.insert(0, str(tmp_path))
    sys.path.insert(0, str(site))
    yield tmp_path
    sys.meta_path.remove(finder)
    sys.path.remove(str(tmp_path))
    sys.path.remove(str(site))
    for name in ('helper', 'installed_py2'):
        sys.modules.pop(name, None)


def test_module_of_the_folder_is_translated(folder, capsys):
    import helper
    assert helper.batches(10, 3) == [0, 3, 6]          # Python 2's 10 / 3 == 3, decided at run time
    assert 'batches of 3' in capsys.readouterr().out
    assert not (folder / '__pycache__').exists()        # in memory: no bytecode cache written


def test_python2_pickle_loads(folder):
    import helper
    data = helper.load(os.path.join(os.path.dirname(__file__), '..', 'fixtures', 'py2', 'arrays_py2.pkl'))
    assert data['name'] == 'caf\xe9' and data['x'].shape == (3, 4)


def test_installed_packages_are_not_translated(folder):
    with pytest.raises(SyntaxError):
        import installed_py2  # noqa: F401


def test_tracebacks_keep_the_python2_lines(tmp_path):
    src = 'import sys\nprint "start"\nd = {}\nfor k, v in d.iteritems():\n    pass\n\n\nraise ValueError, "boom"\n'
    path = str(tmp_path / 'old.py')
    code = importer.compile_python2(src, path)
    with pytest.raises(ValueError) as info:
        exec(code, {'__name__': '__main__'})
    assert traceback.extract_tb(info.tb)[-1].lineno == 8


def test_python3_compiles_as_usual(tmp_path):
    assert importer.compile_python2('print("x")\n', str(tmp_path / 'new.py')) is None


def test_neither_python_is_a_syntax_error_at_the_parser_position(tmp_path):
    with pytest.raises(SyntaxError) as info:
        importer.compile_python2('x = 1\nprint "a"\ndef f(:\n', str(tmp_path / 'bad.py'))
    assert info.value.lineno == 3


@pytest.mark.slow
def test_python_m_compat_runs_a_python2_script(tmp_path):
    """The command itself: one note on stderr, the sibling module, a Python 2 traceback line."""
    (tmp_path / 'helper.py').write_text(HELPER)
    (tmp_path / 'train.py').write_text(textwrap.dedent('''\
        import helper
        from keras.models import Sequential
        from keras.layers import Dense
        import numpy as np
        np.random.seed(1)
        model = Sequential()
        model.add(Dense(2, input_dim=3))
        model.compile('sgd', 'mse')
        print 'batches', helper.batches(len(np.zeros(10)), 4), model.predict(np.ones((1, 3))).shape


        raise ValueError, 'the end'
        '''))
    env = dict(os.environ, TF_ENABLE_ONEDNN_OPTS='0', TF_CPP_MIN_LOG_LEVEL='3')
    proc = subprocess.run([sys.executable, '-m', 'compat', str(tmp_path / 'train.py')],
                          capture_output=True, text=True, env=env, timeout=300)
    assert "batches [0, 4] (1, 2)" in proc.stdout
    notes = [line for line in proc.stderr.splitlines() if 'is Python 2' in line]
    assert len(notes) == 1 and notes[0].startswith('compat: train.py is Python 2')
    assert 'train.py", line 12, in <module>' in proc.stderr
    assert "raise ValueError, 'the end'" in proc.stderr       # the original line shown
    assert proc.returncode == 1 and not (tmp_path / '__pycache__').exists()


def test_untyped_division_follows_python2_at_run_time(tmp_path):
    """Python 2.7's values: ints floor (NumPy integer arrays too, in place), floats divide."""
    src = ('import numpy as np\nfor i in xrange(1): pass\n'
           'def f(a, b):\n    return a / b\n'
           'x = np.array([7, 9])\ny = x\ny /= k\nz = np.array([7., 9.])\nz /= k\n'
           'r = (f(7, 2), f(-7, 2), f(7., 2), list(x), y is x, list(z))\n')
    ns = {'k': 2}
    exec(importer.compile_python2(src, str(tmp_path / 'old.py')), ns)
    assert ns['r'] == (3, -4, 3.5, [3, 4], True, [3.5, 4.5])
