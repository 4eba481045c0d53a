"""scipy.misc.imsave/imread as SciPy 1.1 had them, for Keras 1 scripts run by ``python -m compat``."""
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from compat import scipy_misc

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_imsave_byte_scales_like_scipy_1_1(tmp_path):
    # SciPy 1.1 pilutil.bytescale: (x - min) * 255 / (max - min), clipped, + 0.5, truncated
    path = str(tmp_path / 'ramp.png')
    scipy_misc.imsave(path, np.array([[0.0, 0.5], [1.0, 2.0]]))
    assert scipy_misc.imread(path).tolist() == [[0, 64], [128, 255]]


def test_imsave_keeps_uint8_and_imread_flattens(tmp_path):
    path = str(tmp_path / 'rgb.png')
    pixels = np.array([[[10, 20, 30], [200, 100, 0]]], dtype='uint8')
    scipy_misc.imsave(path, pixels)
    assert scipy_misc.imread(path).tolist() == pixels.tolist()
    grey = scipy_misc.imread(path, flatten=True)
    assert grey.dtype == np.float32 and grey.shape == (1, 2)


@pytest.mark.slow
def test_script_importing_scipy_misc_imsave_runs_under_python_m_compat(tmp_path):
    pytest.importorskip('scipy')  # the coverage extra
    script = tmp_path / 'old_image_script.py'
    script.write_text(textwrap.dedent('''\
        import numpy as np
        from scipy.misc import imsave, imread
        imsave('out.png', np.arange(6.0).reshape(2, 3))
        print(imread('out.png').tolist())
    '''))
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL='3', PYTHONWARNINGS='ignore')
    out = subprocess.run([sys.executable, '-m', 'compat', str(script)], capture_output=True, text=True,
                         env=env, cwd=str(tmp_path), timeout=300)
    assert out.returncode == 0, out.stderr
    assert '[[0, 51, 102], [153, 204, 255]]' in out.stdout
