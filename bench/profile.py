"""python -m bench.profile: where compat's time goes, against modern/ (findings in bench/README.md).

1. per-step Python work of compat's fit loop (cProfile of a small MLP fit, where the model is cheap
   so the loop shows), against a bare tf.function loop;
2. tf.function retracing when the last batch is smaller;
3. ops in the traced seed training graphs (transposes / pads from the 'th' emulation);
4. forward time of the seed image branch, compat ('th' + Theano padding) vs modern (channels-last).
"""
import cProfile
import io
import os
import pstats
import sys
import time

import numpy as np

from bench import models as B
from bench import timing as T


def profile_small_fit(steps=256, batch=32):
    x, y = B.small_data(steps * batch)
    model = B.compat_small()
    model.fit(x[:batch], y[:batch], batch_size=batch, nb_epoch=1, verbose=0)
    prof = cProfile.Profile()
    t0 = time.perf_counter()
    prof.enable()
    model.fit(x, y, batch_size=batch, nb_epoch=1, verbose=0)
    prof.disable()
    compat_s = time.perf_counter() - t0
    bare = B.bare_train_loop(B.modern_small(), [x], y, batch)
    bare()
    t = T.alternate({"bare": bare, "compat": lambda: model.fit(x, y, batch_size=batch, nb_epoch=1, verbose=0)}, 3)
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out).sort_stats("tottime")
    stats.print_stats(18)
    print(f"\n1. small MLP fit, {steps} steps of {batch}: compat {1e3 * T.median(t['compat']) / steps:.2f} ms/step, "
          f"bare loop {1e3 * T.median(t['bare']) / steps:.2f} ms/step (profiled run {compat_s:.2f} s)")
    print("\n".join(out.getvalue().splitlines()[:40]))


def retracing(batch=16):
    x, y = B.small_data(100)  # 6 full batches + one of 4
    model = B.compat_small()
    for _ in range(3):
        model.fit(x, y, batch_size=batch, nb_epoch=1, verbose=0)
    fn = model._make_train_function()
    print(f"\n2. compat train step traced {fn.experimental_get_tracing_count()} time(s) over 3 fits of 100 "
          f"samples at batch {batch} (last batch 4)")


OPS = ("Transpose", "Pad", "PadV2", "Conv2D", "MaxPool", "StridedSlice", "Cast")


def _count(graph):
    ops = [op.type for op in graph.get_operations()]
    return dict({k: ops.count(k) for k in OPS}, total=len(ops))


def graph_ops(vocab, image_size):
    import tensorflow as tf
    d = B.seed_data(2, 16, vocab, 16, image_size)
    compat = B.compat_seed(vocab, 16, image_size)
    compat.fit([d["images"], d["captions"]], d["next_words"], batch_size=16, nb_epoch=1, verbose=0)
    counts = {"compat": _count(compat._make_train_function()._list_all_concrete_functions()[0].graph)}
    modern = B.modern_seed(vocab, 16, image_size)
    step = tf.function(lambda x, t: modern.train_step((x, t)))
    xm = [tf.constant(d["images"].transpose(0, 2, 3, 1)), tf.constant(d["captions"])]
    counts["modern"] = _count(step.get_concrete_function(xm, tf.constant(d["next_words"])).graph)
    print(f"\n3. ops in one traced seed training step (outer graph; GRU loops are nested functions): {counts}")


def image_branch(image_size, n=64, rounds=3):
    import tensorflow as tf
    from modern import model as M
    image_model = B.compat_image_model(image_size)
    tf_model = B.compat_image_model(image_size, dim_ordering="tf")
    modern = M.build_model(10000, 16, (image_size, image_size, 3))
    enc = M.image_encoder(modern)
    x = np.random.RandomState(0).rand(n, 3, image_size, image_size).astype("float32")
    xm = tf.constant(x.transpose(0, 2, 3, 1))
    c_graph = image_model._graph
    fc = tf.function(lambda a: c_graph(a, training=False))
    fm = tf.function(lambda a: enc(a, training=False))
    xc = tf.constant(x)
    t_graph = tf_model._graph
    ft = tf.function(lambda a: t_graph(a, training=False))
    fc(xc), fm(xm), ft(xm)
    t = T.alternate({"compat": lambda: fc(xc).numpy(), "modern": lambda: fm(xm).numpy(),
                     "compat_tf": lambda: ft(xm).numpy()}, rounds)
    m = {k: T.median(v) for k, v in t.items()}
    print(f"\n4. seed image branch forward, {n} images (medians of {rounds} alternating rounds): compat 'th' "
          f"{m['compat']:.3f} s, compat dim_ordering='tf' {m['compat_tf']:.3f} s, modern {m['modern']:.3f} s; "
          f"th/modern {m['compat'] / m['modern']:.3f}, tf/modern {m['compat_tf'] / m['modern']:.3f}")


if __name__ == "__main__":
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    quick = "--quick" in sys.argv
    if "--image-only" not in sys.argv:
        profile_small_fit(steps=64 if quick else 256)
        retracing()
        graph_ops(50 if quick else 10000, 32 if quick else 100)
    image_branch(32 if quick else 100, n=16 if quick else 64)
