"""python -m modern demo --quick / caption / evaluate, end to end in subprocesses."""
import json
import os
import subprocess
import sys

import numpy as np
import pytest
from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(*args):
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    out = subprocess.run([sys.executable, "-m", "modern", *args], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    return out.stdout


@pytest.mark.slow
def test_demo_quick_then_caption_and_evaluate(tmp_path):
    ck = str(tmp_path / "run")
    last = run("demo", "--quick", "--checkpoint", ck, "--verbose", "0").strip().splitlines()[-1]
    result = json.loads(last)
    for key in ("bleu4", "cider", "baseline_bleu4", "test_images"):
        assert key in result
    assert result["test_images"] == 50 and 0 <= result["bleu4"] <= 1
    # two epochs on 400 tiny scenes already beat captioning every image with the most frequent caption
    frequent = result["baselines"]["most_frequent"]
    assert result["bleu4"] > frequent["bleu4"] + 0.05 and result["cider"] > frequent["cider"] + 0.05
    # the compositional split is scored too, and the epoch kept is the validation split's choice
    assert result["novel"]["images"] == 20 and "bleu4" in result["novel"]["baselines"]["nearest_neighbour"]
    losses = [h["val_loss"] for h in result["history"]]
    assert result["kept_epoch"] == 1 + losses.index(min(losses))
    assert os.path.getsize(result["picture"]) > 1000
    image = tmp_path / "scene.png"
    Image.fromarray((np.random.RandomState(0).rand(40, 40, 3) * 255).astype("uint8")).save(image)
    lines = run("caption", str(image), str(image), "--checkpoint", ck, "--beam", "2").strip().splitlines()
    assert len(lines) == 2 and lines[0].startswith(str(image) + "\t")
    scored = json.loads(run("evaluate", "--checkpoint", ck, "--json").strip().splitlines()[-1])
    assert scored["bleu4"] == result["bleu4"] and scored["test_images"] == 50
    assert scored["novel"]["bleu4"] == result["novel"]["bleu4"]


@pytest.mark.slow
def test_caption_without_checkpoint_says_what_to_do(tmp_path):
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    out = subprocess.run([sys.executable, "-m", "modern", "caption", "x.png", "--checkpoint", str(tmp_path)],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode != 0 and "train first" in out.stderr
