"""python -m bench --quick at tiny sizes runs end to end and reports every figure bench/README.md shows.

Timings are not asserted (CI machines are shared and noisy); only that the keys exist and that the
figures which are not timings (FLOP count, loss equality, decoder agreement) are right.
"""
import json
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

KEYS = ["compat_over_modern_train", "compat_over_modern_predict", "keras1_over_compat_train",
        "whole_caption_speedup", "incremental_decode_speedup", "fraction_of_peak",
        "small_compat_over_modern_train", "small_compat_over_modern_predict", "peak_rss_mb_batch16",
        "peak_rss_mb_batch64", "startup_s", "peak_gflops", "train_gflop_per_sample"]


@pytest.mark.slow
def test_quick_bench_prints_every_figure_as_json():
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    out = subprocess.run([sys.executable, "-m", "bench", "--quick", "--no-oracle", "--vocab", "50",
                          "--image-size", "32"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert out.returncode == 0, out.stderr[-3000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    for key in KEYS:
        assert key in result, key
    assert result["keras1_over_compat_train"] is None  # --no-oracle
    # hand count at vocab 50, 32x32 images: forward conv1 30*30*32*27*2, conv2 28*28*32*288*2, ...
    forward = (30 * 30 * 32 * 27 + 28 * 28 * 32 * 288 + 12 * 12 * 64 * 288 + 10 * 10 * 64 * 576
               + 5 * 5 * 64 * 128 + 16 * 3 * 128 * (256 + 128) + 16 * 128 * 128
               + 16 * 3 * 256 * (256 + 256) + 256 * 50) * 2
    assert result["train_gflop_per_sample"] * 1e9 == 3 * forward - 30 * 30 * 32 * 27 * 2
    assert result["whole_vs_prefix_loss_diff"] < 1e-4  # same loss, two formulations
    assert result["decoders_agree"] is True
    for key in ("python -m compat --version", "import compat", "import keras"):
        assert result["startup_s"][key] > 0


def test_bad_image_size_is_refused_with_a_clear_error():
    out = subprocess.run([sys.executable, "-m", "bench", "--image-size", "8"], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 2 and "--image-size 8" in out.stderr
