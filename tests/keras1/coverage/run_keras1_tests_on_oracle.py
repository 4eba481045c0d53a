"""Run chosen tests of Keras 1.2.2's ``tests/keras`` on the real Keras 1.2.2 (Theano, 'th'), for docs/coverage.md.

    /tmp/keras1-oracle/run tests/keras1/coverage/run_keras1_tests_on_oracle.py /tmp/keras122/tests/keras \\
        > docs/coverage/keras1_tests_oracle.txt

The tests that compat fails and that look written for the 'tf' ordering only:
does real Keras 1.2.2 pass them under its default 'th' ordering? The oracle's
Python 3.7 has no pytest, so the test modules get a stand-in ``pytest`` module
with what they use at import time (``mark.skipif``, ``main``); each test
function is then called directly, once, and reported as passed or with the
exception line (tracebacks and the tests' own output go to stderr).
"""
import contextlib
import os
import sys
import traceback
import types

TESTS = [('layers/test_convolutional.py', 'test_zero_padding_3d'),
         ('layers/test_convolutional.py', 'test_atrous_conv_2d'),
         ('layers/test_wrappers.py', 'test_TimeDistributed')]


def _pytest_stand_in():
    mark = types.SimpleNamespace(skipif=lambda *a, **k: (lambda f: f))
    return types.SimpleNamespace(mark=mark, main=lambda *a, **k: None)


def main(tests):
    sys.modules['pytest'] = _pytest_stand_in()
    import keras
    from keras import backend as K
    print('# /tmp/keras1-oracle/run tests/keras1/coverage/run_keras1_tests_on_oracle.py TESTS_KERAS')
    print('# keras %s, backend %s, image_dim_ordering %s' % (keras.__version__, K.backend(), K.image_dim_ordering()))
    for module, name in TESTS:
        folder, filename = os.path.split(os.path.join(tests, module))
        sys.path.insert(0, folder)
        try:
            test = getattr(__import__(filename[:-3]), name)
            with contextlib.redirect_stdout(sys.stderr):  # Keras 1's progress bars: not part of the verdicts
                test()
            result = 'passed'
        except Exception as e:  # the verdict is the point: any exception is a failure, named
            result = 'failed: %s: %s' % (type(e).__name__, str(e).splitlines()[0][:150] if str(e) else '')
            traceback.print_exc(file=sys.stderr)
        finally:
            sys.path.remove(folder)
        print('%s::%s  %s' % (module, name, result), flush=True)


if __name__ == '__main__':
    main(sys.argv[1])
