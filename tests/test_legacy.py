"""The seed script runs unchanged through `python -m compat`, trains, and is the seed's size."""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_seed_script_trains_through_python_m_compat():
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL='3', PYTHONWARNINGS='ignore', CAPTION_IMAGES='2',
               CAPTION_SAMPLES='32', CAPTION_EPOCHS='2')
    out = subprocess.run([sys.executable, '-m', 'compat', os.path.join('legacy', 'caption_seed.py')],
                         capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    assert out.returncode == 0, out.stderr[-3000:]
    assert 'parameters: 9,718,960' in out.stdout
    # Keras 1's progress bar and epoch lines
    assert 'Epoch 1/2' in out.stdout and 'Epoch 2/2' in out.stdout
    assert '32/32 [==============================]' in out.stdout and 'loss:' in out.stdout
