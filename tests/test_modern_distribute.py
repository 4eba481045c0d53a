"""modern/distribute.py: MirroredStrategy on two logical CPUs == one device; images streamed from disk."""
import json
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest
from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ENV = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", KERAS_BACKEND="tensorflow")

# Splitting the CPU into logical devices must happen before TensorFlow initialises its devices,
# i.e. before anything else touches TF in that process: hence a fresh interpreter.
MIRRORED_SCRIPT = textwrap.dedent("""
    import json
    import tensorflow as tf
    cpu = tf.config.list_physical_devices("CPU")[0]
    tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
    import keras
    from modern import data as D, model as M, train as T, distribute as DI

    ds = D.shapes_dataset(12, 4, 0, image_size=16, seed=3)
    vocab = D.Vocabulary.build(ds["train"].captions)

    def run(strategy):
        keras.utils.set_random_seed(0)
        with strategy.scope():
            model = M.build_model(len(vocab), 16, (16, 16, 3), mask_zero=True)
        trainer = DI.DistributedTrainer(model, strategy, optimizer="adam", lr=1e-2)
        losses = [float(trainer.train_step(*b)) for _ in range(2)
                  for b in trainer.batches(ds["train"], vocab, batch_size=6)]   # 2 steps an epoch
        val = trainer.evaluate_loss(trainer.batches(ds["val"], vocab, batch_size=4))
        return {"losses": losses, "val": val, "replicas": strategy.num_replicas_in_sync,
                "devices": len(tf.config.list_logical_devices("CPU"))}

    # reference: train.py's single-device trainer (its loss is tested against the per-prefix one)
    keras.utils.set_random_seed(0)
    model = M.build_model(len(vocab), 16, (16, 16, 3), mask_zero=True)
    classic = T.CaptionTrainer(model, "adam", 1e-2)
    arrays = D.caption_arrays(ds["train"], vocab)
    reference = [float(classic.train_step(*b)) for _ in range(2) for b in T.batches(ds["train"], arrays, 6)]
    reference_val = classic.evaluate_loss(classic.batches(ds["val"], vocab, 4))

    print(json.dumps({"one": run(tf.distribute.get_strategy()),
                      "two": run(tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])),
                      "reference": reference, "reference_val": reference_val}))
""")


@pytest.mark.slow
def test_mirrored_on_two_logical_cpus_gives_the_one_device_losses():
    out = subprocess.run([sys.executable, "-c", MIRRORED_SCRIPT], cwd=ROOT, env=ENV,
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-3000:]
    r = json.loads(out.stdout.strip().splitlines()[-1])
    assert r["two"]["devices"] == 2 and r["two"]["replicas"] == 2 and r["one"]["replicas"] == 1
    assert len(r["one"]["losses"]) == 4
    # the loss is still falling, so the steps did update the weights (a frozen model would also "agree")
    assert r["one"]["losses"][-1] < r["one"]["losses"][0] - 0.3
    # same data, same seed: each replica sums over half the images and divides by the global word
    # count; only the order of float32 additions differs, hence rtol 1e-5 (measured: ~1e-7)
    np.testing.assert_allclose(r["two"]["losses"], r["one"]["losses"], rtol=1e-5)
    np.testing.assert_allclose(r["two"]["val"], r["one"]["val"], rtol=1e-5)
    np.testing.assert_allclose(r["one"]["losses"], r["reference"], rtol=1e-5)
    np.testing.assert_allclose(r["one"]["val"], r["reference_val"], rtol=1e-5)


def _flickr(tmp_path, sizes):
    """Tiny Flickr8k-format set: images of the given sizes, 2 or 3 captions each."""
    rng = np.random.RandomState(0)
    lines = []
    for i, size in enumerate(sizes):
        Image.fromarray((rng.rand(size, size, 3) * 255).astype("uint8")).save(tmp_path / f"{i}.png")
        for j in range(2 + i % 2):
            lines.append(f"{i}.png#{j}\ta {['red', 'blue'][j % 2]} thing number {i}")
    token = tmp_path / "Flickr8k.token.txt"
    token.write_text("\n".join(lines) + "\n")
    return token


def test_streamed_images_equal_in_memory_ones(tmp_path):
    from modern import data as D, distribute as DI

    token = _flickr(tmp_path, [12, 12, 12, 30])
    files = D.flickr8k_files(str(token), str(tmp_path))
    vocab = D.Vocabulary.build(files.captions)
    order = [3, 1, 0, 2]
    streamed = list(DI.caption_dataset(files, vocab, 8, batch_size=3, image_size=12, order=order))
    memory = list(DI.caption_dataset(files.load(12), vocab, 8, batch_size=3, order=order))
    assert [b[0].shape[0] for b in streamed] == [3, 1]
    images_s = np.concatenate([b[0].numpy() for b in streamed])
    images_m = np.concatenate([b[0].numpy() for b in memory])
    np.testing.assert_allclose(images_s[1:], images_m[1:], atol=1e-6)  # 12x12 files: no resize
    np.testing.assert_allclose(images_s[0], images_m[0], atol=0.06)    # 30 -> 12: TF vs PIL bilinear
    for s, m in zip(streamed, memory):
        np.testing.assert_array_equal(s[1].numpy(), m[1].numpy())
        np.testing.assert_array_equal(s[2].numpy(), m[2].numpy())


def test_caption_table_pads_missing_captions_with_empty_rows():
    from modern import data as D, distribute as DI

    vocab = D.Vocabulary(["a", "b"])  # 4 = a, 5 = b
    x, y = DI.caption_table([["a b", "b"], ["a"]], vocab, max_len=4)
    assert x.shape == y.shape == (2, 2, 4)
    np.testing.assert_array_equal(x[0], [[0, 1, 4, 5], [0, 0, 1, 5]])   # <start>=1, pre-padded
    np.testing.assert_array_equal(y[0], [[0, 4, 5, 2], [0, 0, 5, 2]])   # <end>=2
    np.testing.assert_array_equal(x[1], [[0, 0, 1, 4], [0, 0, 0, 0]])   # 2nd caption missing
    np.testing.assert_array_equal(y[1, 1], [0, 0, 0, 0])               # -> no word counted


def test_bad_strategy_names_and_missing_tf_config(monkeypatch):
    from modern import distribute as DI

    with pytest.raises(ValueError, match="distribute='tpu'"):
        DI.make_strategy("tpu")
    monkeypatch.delenv("TF_CONFIG", raising=False)
    with pytest.raises(ValueError, match="TF_CONFIG is not set"):
        DI.make_strategy("multiworker")
    monkeypatch.setenv("TF_CONFIG", "{cluster")
    with pytest.raises(ValueError, match="not valid JSON"):
        DI.make_strategy("multiworker")


@pytest.mark.slow
def test_cli_trains_mirrored_streaming_flickr8k_then_evaluates(tmp_path):
    token = _flickr(tmp_path, [20] * 10 + [33] * 10)
    ck = str(tmp_path / "run")
    cmd = [sys.executable, "-m", "modern", "train", "--distribute", "mirrored", "--data", "flickr8k",
           "--token-file", str(token), "--images", str(tmp_path), "--image-size", "16", "--epochs", "2",
           "--batch-size", "8", "--checkpoint", ck, "--verbose", "1"]
    out = subprocess.run(cmd, cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-3000:]
    assert "MirroredStrategy" in out.stdout and "streamed from disk" in out.stdout
    run = json.load(open(os.path.join(ck, "run.json")))
    assert [h["epoch"] for h in run["history"]] == [1, 2] and run["distribute"] == "MirroredStrategy"
    out = subprocess.run([sys.executable, "-m", "modern", "evaluate", "--checkpoint", ck, "--json"],
                         cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-3000:]
    assert json.loads(out.stdout.strip().splitlines()[-1])["test_images"] == 2


def _free_ports(n):
    import socket
    socks = [socket.socket() for _ in range(n)]
    for s in socks:
        s.bind(("localhost", 0))
    ports = [s.getsockname()[1] for s in socks]
    for s in socks:
        s.close()
    return ports


@pytest.mark.slow
def test_multiworker_launch_from_the_readme_on_localhost(tmp_path):
    """The README's launch, both workers on this machine: they meet, train 2 epochs, the chief saves."""
    cluster = {"worker": [f"localhost:{p}" for p in _free_ports(2)]}
    ck = str(tmp_path / "ck")
    cmd = [sys.executable, "-m", "modern", "train", "--distribute", "multiworker", "--n-train", "16",
           "--n-val", "4", "--n-test", "4", "--image-size", "16", "--epochs", "2", "--batch-size", "8",
           "--checkpoint", ck, "--verbose", "0"]
    workers = [subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env=dict(ENV, TF_CONFIG=json.dumps({"cluster": cluster,
                                                                    "task": {"type": "worker", "index": i}})))
               for i in range(2)]
    try:
        outs = [w.communicate(timeout=600) for w in workers]
    finally:
        for w in workers:
            if w.poll() is None:
                w.kill()
    for w, (stdout, stderr) in zip(workers, outs):
        assert w.returncode == 0, stderr[-3000:]
        assert "2 replica(s)" in stdout
    run = json.load(open(os.path.join(ck, "run.json")))
    assert run["replicas"] == 2 and [h["epoch"] for h in run["history"]] == [1, 2]
