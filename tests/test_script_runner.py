"""``python -m compat SCRIPT.py``: an old script runs unchanged as __main__ (its argv, its tracebacks), an old
Theano ~/.keras/keras.json does not break Keras 3, ``--version``, and Python 3.6's re.split for the script's
own code.
"""
import json
import textwrap

import pytest

from helpers import run_python


@pytest.mark.slow
def test_script_runs_unchanged_as_main_with_argv_and_user_tracebacks(tmp_path):
    script = tmp_path / 'old_script.py'
    script.write_text(textwrap.dedent('''\
        import sys
        from keras.models import Sequential
        from keras.layers.core import Dense
        model = Sequential()
        model.add(Dense(output_dim=3, input_dim=2))
        import numpy as np
        assert np.zeros(2, dtype=np.float).dtype == np.float64  # removed from NumPy 1.24; 2016 scripts use it
        print('main' if __name__ == '__main__' else 'imported', sys.argv[1:], model.count_params())
        if '--fail' in sys.argv:
            raise RuntimeError('boom from the user script')
    '''))
    ok = run_python(['-m', 'compat', str(script), 'a', 'b'])
    assert ok.returncode == 0, ok.stderr
    assert "main ['a', 'b'] 9" in ok.stdout
    bad = run_python(['-m', 'compat', str(script), '--fail'])
    assert bad.returncode != 0
    assert 'old_script.py", line 10' in bad.stderr and 'boom from the user script' in bad.stderr


def test_old_theano_keras_json_does_not_break_keras3(tmp_path):
    (tmp_path / '.keras').mkdir()
    (tmp_path / '.keras' / 'keras.json').write_text(json.dumps(
        {'image_dim_ordering': 'tf', 'epsilon': 1e-07, 'floatx': 'float32', 'backend': 'theano'}))
    out = run_python(['-c', 'import compat.keras as k; import keras; '
                      'print(k.backend.image_dim_ordering(), keras.backend.backend())'],
                     env={'HOME': str(tmp_path), 'KERAS_BACKEND': 'theano'})
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ['tf', 'tensorflow']


def test_version_flag():
    out = run_python(['-m', 'compat', '--version'])
    assert out.returncode == 0 and '1.2.2' in out.stdout


def test_script_code_gets_python36_re_split(tmp_path):
    # keras 1.2.2 examples/babi_rnn.py tokenize, with the result its docstring promises (Python 3.6);
    # on Python >= 3.7 re.split also splits on empty matches and x.strip() meets None groups
    (tmp_path / 'tokens.py').write_text(textwrap.dedent('''\
        import re
        def tokenize(sent):
            return [x.strip() for x in re.split('(\\\\W+)?', sent) if x.strip()]
    '''))
    # a package installed in a virtual environment inside the script's folder keeps today's re.split
    installed = tmp_path / '.venv' / 'lib' / 'site-packages'
    installed.mkdir(parents=True)
    (installed / 'libsplit.py').write_text("import re\ndef split(s):\n    return re.split('x*', s)\n")
    script = tmp_path / 'babi_like.py'
    script.write_text(textwrap.dedent('''\
        import sys
        sys.path.insert(0, %r)
        from tokens import tokenize
        import libsplit
        print(tokenize('Bob dropped the apple. Where is the apple?'))
        print(libsplit.split('axb'))
    ''' % str(installed)))
    out = run_python(['-m', 'compat', str(script)])
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[0] == str(['Bob', 'dropped', 'the', 'apple', '.', 'Where', 'is', 'the', 'apple',
                                              '?'])
    assert out.stdout.splitlines()[1] == str(['', 'a', '', 'b', ''])  # Python >= 3.7 semantics


def test_python36_split_matches_python36_semantics():
    from compat.__main__ import python36_split
    assert python36_split('x*', 'axbc') == ['a', 'bc']  # 3.7+: ['', 'a', '', 'b', 'c', '']
    assert python36_split('(,)', 'a,b', 0) == ['a', ',', 'b']
    assert python36_split(',', 'a,b,c', 1) == ['a', 'b,c']
    assert python36_split(r'\s+', ' a b ') == ['', 'a', 'b', '']
