"""python -m bench.gpu: the seed model on a GPU, where the GPU machine has no TensorFlow.

compat computes with TensorFlow ops (Keras 1 numerics on Keras 3's TensorFlow backend). The GPU
machines lent to this project carry PyTorch and JAX but no TensorFlow, and a TensorFlow wheel is far
over what can be carried there, so compat and Keras 1 cannot be timed on them. modern/model.py is plain
Keras 3, so this times *modern* on ``KERAS_BACKEND=jax`` (or torch): training (Keras 3 ``fit``) and
prediction at the seed's batch 16 and at 64, and the fraction of the GPU's float32 matmul peak
(FLOPs counted by bench/flops.py, peak from a large matmul in the same backend at its default
precision: JAX runs float32 matmuls on TF32 tensor cores, PyTorch in full FP32).

    KERAS_BACKEND=jax python -m bench.gpu [--steps 30]

Prints a table and, last, one JSON object.
"""
import argparse
import json
import os
import platform
import time

os.environ.setdefault("KERAS_BACKEND", "jax")

import numpy as np  # noqa: E402

import keras  # noqa: E402
from bench import flops as F  # noqa: E402
from modern import model as M  # noqa: E402


def matmul_peak(n=8192, reps=10):
    """float32 GFLOP/s of an n x n matmul chain in the Keras backend (median of 3 rounds)."""
    ops = keras.ops
    a = ops.convert_to_tensor(np.random.RandomState(0).rand(n, n).astype("float32"))
    b = ops.convert_to_tensor(np.random.RandomState(1).rand(n, n).astype("float32"))

    def chain():
        out = a
        for _ in range(reps):
            out = ops.matmul(a, b) + out * 0.0
        return float(ops.sum(out[:1, :1]))  # forces the work to finish

    chain()
    rates = []
    for _ in range(3):
        t0 = time.perf_counter()
        chain()
        rates.append(2 * n ** 3 * reps / (time.perf_counter() - t0) / 1e9)
    return sorted(rates)[1]


def seed_data(n, vocab=10000, max_len=16, size=100):
    rng = np.random.RandomState(0)
    images = rng.rand(n, size, size, 3).astype("float32")
    captions = rng.randint(1, vocab, (n, max_len)).astype("int32")
    targets = np.eye(vocab, dtype="float32")[rng.randint(0, vocab, n)]
    return [images, captions], targets


def throughput(batch, steps):
    model = M.build_model()
    model.compile(loss="categorical_crossentropy", optimizer=keras.optimizers.RMSprop(1e-3))
    x, y = seed_data(batch * steps)
    model.fit(x, y, batch_size=batch, epochs=1, verbose=0)  # compile, warm up
    t0 = time.perf_counter()
    model.fit(x, y, batch_size=batch, epochs=1, verbose=0)
    train = len(y) / (time.perf_counter() - t0)
    model.predict(x, batch_size=batch, verbose=0)
    t0 = time.perf_counter()
    model.predict(x, batch_size=batch, verbose=0)
    predict = len(y) / (time.perf_counter() - t0)
    return model, train, predict


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--steps", type=int, default=30, help="batches per timed epoch")
    args = p.parse_args(argv)
    out = {"backend": keras.backend.backend(), "keras": keras.__version__, "python": platform.python_version()}
    try:
        import torch
        out["device"] = torch.cuda.get_device_name(0) if torch.cuda.is_available() else "cpu"
    except ImportError:
        out["device"] = "unknown"
    out["peak_gflops_fp32"] = matmul_peak()
    print(f"seed model, modern/ on Keras {keras.__version__} ({out['backend']}), {out['device']}")
    print("| batch | train samples/s | predict samples/s | fraction of fp32 matmul peak (train) |")
    print("|---|---|---|---|")
    for batch in (16, 64):
        model, train, predict = throughput(batch, args.steps)
        gflop = F.train_flops(model) / 1e9
        frac = gflop * train / out["peak_gflops_fp32"]
        out[f"b{batch}"] = {"train_samples_per_s": train, "predict_samples_per_s": predict,
                            "fraction_of_peak": frac}
        out["train_gflop_per_sample"] = gflop
        print(f"| {batch} | {train:.1f} | {predict:.1f} | {frac:.3f} |")
    print(f"peak {out['peak_gflops_fp32']:.0f} GFLOP/s (8192^2 float32 matmul); "
          f"{out['train_gflop_per_sample']:.2f} GFLOP per training sample; the backend's default matmul precision")
    print(json.dumps(out))


if __name__ == "__main__":
    main()
