"""Keras 1.2.2 + Theano itself (the oracle), when this machine has it: samples/s of the seed script.

The oracle is optional (`/tmp/keras1-oracle/run`, or $KERAS1_ORACLE); absent, the figure is None.
Theano compiles for minutes, so the script runs 2 epochs and the *second* epoch is timed.
"""
import os
import subprocess
import tempfile

import numpy as np

from modern import data as D

DEFAULT = "/tmp/keras1-oracle/run"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def oracle_path():
    path = os.environ.get("KERAS1_ORACLE", DEFAULT)
    return path if os.path.exists(path) else None


def write_seed_arrays(path, n_images):
    """The arrays legacy/caption_seed.py builds from modern/data.py (CAPTION_IMAGES=n_images)."""
    scenes = D.shapes_dataset(n_train=n_images, n_val=0, n_test=0, image_size=100, seed=0)["train"]
    rows, captions, nexts = D.prefix_arrays(scenes, D.Vocabulary.build(scenes.captions), 16)
    np.savez(path, scene_images=scenes.images, rows=rows, captions=captions, next_index=nexts)


def run_seed(n_images, n_samples, epochs=2, timeout=600):
    """{'samples_per_s', 'epoch_seconds', 'wall_s'} of the seed script under Keras 1.2.2, or None."""
    oracle = oracle_path()
    if oracle is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "seed.npz")
        write_seed_arrays(data, n_images)
        env = dict(os.environ, CAPTION_IMAGES=str(n_images), CAPTION_SAMPLES=str(n_samples),
                   CAPTION_EPOCHS=str(epochs))
        env.pop("PYTHONPATH", None)
        import time
        t0 = time.perf_counter()
        out = subprocess.run([oracle, os.path.join(ROOT, "bench", "oracle_seed.py"), ROOT, data], cwd=tmp,
                             env=env, capture_output=True, text=True, timeout=timeout)
        wall = time.perf_counter() - t0
    if out.returncode != 0:
        raise RuntimeError("Keras 1 oracle run failed:\n" + out.stderr[-2000:])
    epochs_seen = [line.split()[1:] for line in out.stdout.splitlines() if line.startswith("EPOCH ")]
    seconds, samples = float(epochs_seen[-1][1]), int(epochs_seen[-1][2])
    return {"samples_per_s": samples / seconds, "epoch_seconds": [float(e[1]) for e in epochs_seen],
            "samples": samples, "wall_s": wall}
