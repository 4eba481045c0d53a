"""python -m bench: compat's cost against Keras 3, Keras 1 itself and the machine.

Sections (each prints a small table as it finishes; the last line is one JSON object):

1. shim overhead: seed model (batch 16) and a small MLP, compat vs modern/Keras 3, train and predict
2. Keras 1.2.2 + Theano (the oracle, when present) vs compat on the seed script
3. whole-caption vs per-prefix training (modern, same loss), next-word targets/s
4. captioning: greedy / beam 3, batch 1 / 64, incremental (image once) vs naive (whole model per word)
5. fraction of peak: counted model FLOPs x samples/s / large-matmul GFLOP/s
6. peak RSS of seed training at batch 16 and 64 (subprocesses)
7. start-up: python -m compat --version, import compat, import compat.keras, import keras

Timings alternate the contenders round by round (ABBA) and report medians, and ratios are the
median of per-round paired ratios: the machine is shared, absolute numbers drift.
"""
import argparse
import json
import os
import platform
import subprocess
import sys
import time

import numpy as np

from bench import timing as T

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

FULL = dict(rounds=5, train_samples=64, predict_samples=128, small_samples=4096, whole_rounds=3,
            prefix_batches=3, whole_images=4, decode_images_b1=2, decode_images_b64=64,
            naive_beam_b64=False, oracle_samples=48, rss_steps=2, startup_reps=2, modern_rss=False)
QUICK = dict(rounds=2, train_samples=32, predict_samples=32, small_samples=512, whole_rounds=1,
             prefix_batches=1, whole_images=2, decode_images_b1=1, decode_images_b64=8,
             naive_beam_b64=False, oracle_samples=16, rss_steps=1, startup_reps=1, modern_rss=False)


def say(*parts):
    print(*parts, flush=True)


def paired_ratio(times, a, b):
    """Median over rounds of time(a) / time(b) measured back to back in the same round."""
    return T.median([x / y for x, y in zip(times[a], times[b])])


def table(title, header, rows):
    say("\n" + title)
    say("| " + " | ".join(header) + " |")
    say("|" + "---|" * len(header))
    for row in rows:
        say("| " + " | ".join(f"{v:.3g}" if isinstance(v, float) else str(v) for v in row) + " |")


# ------------------------------------------------------------------ 1. shim overhead

def shim(cfg, args):
    from bench import models as B
    out = {}
    d = B.seed_data(4, max(cfg["train_samples"], cfg["predict_samples"]), args.vocab, 16, args.image_size)
    compat, modern = B.compat_seed(args.vocab, 16, args.image_size), B.modern_seed(args.vocab, 16, args.image_size)
    xc = [d["images"], d["captions"]]
    xm = [np.ascontiguousarray(d["images"].transpose(0, 2, 3, 1)), d["captions"]]
    n, p = cfg["train_samples"], cfg["predict_samples"]
    fit_c = lambda: compat.fit([a[:n] for a in xc], d["next_words"][:n], batch_size=16, nb_epoch=1, verbose=0)
    fit_m = lambda: modern.fit([a[:n] for a in xm], d["next_words"][:n], batch_size=16, epochs=1, verbose=0)
    pred_c = lambda: compat.predict([a[:p] for a in xc], batch_size=16)
    pred_m = lambda: modern.predict([a[:p] for a in xm], batch_size=16, verbose=0)
    bare = B.bare_train_loop(B.modern_seed(args.vocab, 16, args.image_size), [a[:n] for a in xm],
                             d["next_words"][:n], 16)
    for f in (fit_c, fit_m, pred_c, pred_m, bare):  # trace the step functions outside the timings
        f()
    rows = []
    for what, (fc, fm), count in (("train", (fit_c, fit_m), n), ("predict", (pred_c, pred_m), p)):
        extra = {"bare": bare} if what == "train" else {}
        t = T.alternate({"compat": fc, "modern": fm, **extra}, cfg["rounds"])
        r = paired_ratio(t, "compat", "modern")
        if extra:
            out["compat_over_bare_train"] = paired_ratio(t, "compat", "bare")
            out["modern_over_bare_train"] = paired_ratio(t, "modern", "bare")
        out[f"compat_over_modern_{what}"] = r
        out[f"seed_{what}_samples_per_s"] = {k: count / T.median(v) for k, v in t.items()}
        out[f"seed_{what}_spread"] = {k: T.spread(v) for k, v in t.items()}
        rows.append((f"seed {what} (batch 16)", count / T.median(t["compat"]), count / T.median(t["modern"]), r))
    del compat, modern
    x, y = B.small_data(cfg["small_samples"])
    sc, sm = B.compat_small(), B.modern_small()
    s_fit_c = lambda: sc.fit(x, y, batch_size=32, nb_epoch=1, verbose=0)
    s_fit_m = lambda: sm.fit(x, y, batch_size=32, epochs=1, verbose=0)
    s_pred_c = lambda: sc.predict(x, batch_size=32)
    s_pred_m = lambda: sm.predict(x, batch_size=32, verbose=0)
    for f in (s_fit_c, s_fit_m, s_pred_c, s_pred_m):
        f()
    for what, (fc, fm) in (("train", (s_fit_c, s_fit_m)), ("predict", (s_pred_c, s_pred_m))):
        t = T.alternate({"compat": fc, "modern": fm}, cfg["rounds"])
        r = paired_ratio(t, "compat", "modern")
        out[f"small_compat_over_modern_{what}"] = r
        rows.append((f"small MLP {what} (batch 32)", len(x) / T.median(t["compat"]), len(x) / T.median(t["modern"]), r))
    table("1. shim overhead (samples/s, medians; ratio = compat time / modern time, target <= 1.03)",
          ["model", "compat", "modern (Keras 3 fit/predict)", "compat/modern"], rows)
    say(f"seed train floor (modern model, bare tf.function step over pre-sliced batches): "
        f"{out['seed_train_samples_per_s']['bare']:.3g} samples/s; compat/bare {out['compat_over_bare_train']:.3g}, "
        f"Keras 3 fit/bare {out['modern_over_bare_train']:.3g}")
    return out


# ------------------------------------------------------------------ 2. Keras 1 itself

def keras1(cfg, args):
    from bench import models as B
    from bench import oracle
    if args.no_oracle or oracle.oracle_path() is None:
        say("\n2. Keras 1.2.2 + Theano: oracle not present (or --no-oracle); skipped")
        return {"keras1_over_compat_train": None}
    n = cfg["oracle_samples"]
    # compat on the same rows right before and after the oracle run (side by side, not in parallel)
    d = B.seed_data(4, n, 10000, 16, 100)
    compat = B.compat_seed()
    fit = lambda: compat.fit([d["images"], d["captions"]], d["next_words"], batch_size=16, nb_epoch=1, verbose=0)
    fit()
    before = T.alternate({"compat": fit}, 1)["compat"]
    try:
        k1 = oracle.run_seed(4, n, timeout=args.oracle_timeout)
    except subprocess.TimeoutExpired as e:
        err = e.stderr.decode(errors="replace") if isinstance(e.stderr, bytes) else (e.stderr or "")
        why = ("waiting for Theano's compile lock, held by another process" if "lock" in err.lower()
               else "Theano still compiling, or the machine too loaded")
        say(f"\n2. Keras 1.2.2 + Theano: no result within {args.oracle_timeout} s ({why}); skipped. "
            f"Rerun with a larger --oracle-timeout, or alone")
        return {"keras1_over_compat_train": None, "keras1_note": f"timed out after {args.oracle_timeout} s: {why}"}
    after = T.alternate({"compat": fit}, 1)["compat"]
    compat_rate = n / T.median(before + after)
    r = compat_rate / k1["samples_per_s"]
    table("2. Keras 1.2.2 + Theano vs compat (seed, batch 16, second epoch; target compat >= 4x)",
          ["", "samples/s"], [("Keras 1.2.2 + Theano", k1["samples_per_s"]), ("compat", compat_rate),
                               ("Keras 1 time / compat time", r)])
    return {"keras1_over_compat_train": r, "keras1_samples_per_s": k1["samples_per_s"],
            "keras1_epoch_seconds": k1["epoch_seconds"], "keras1_wall_s": k1["wall_s"],
            "compat_samples_per_s_beside_keras1": compat_rate}


# ------------------------------------------------------------------ 3. whole captions

def whole_caption(cfg, args):
    import keras
    import tensorflow as tf
    from bench import models as B
    from modern import data as D
    from modern import model as M
    from modern import train as TR
    keras.utils.set_random_seed(0)
    d = B.seed_data(cfg["whole_images"], 1, args.vocab, 16, args.image_size)
    scenes, vocab = d["scenes"], d["vocab"]
    model = M.build_model(args.vocab, 16, (args.image_size,) * 2 + (3,), mask_zero=True)
    trainer = TR.CaptionTrainer(model, "rmsprop", 1e-3)
    whole = next(TR.batches(scenes, D.caption_arrays(scenes, vocab, 16), cfg["whole_images"]))
    n_whole = int(np.count_nonzero(whole[3]))
    rows, caps, nexts = D.prefix_arrays(scenes, vocab, 16)
    opt_i, opt_l = keras.optimizers.RMSprop(1e-3), keras.optimizers.RMSprop(1e-3)
    opt_i.build(trainer.image_vars)
    opt_l.build(trainer.language_vars)

    def prefix_loss(images, captions, targets):
        probs = model([images, captions], training=True)
        return tf.reduce_mean(keras.losses.sparse_categorical_crossentropy(targets, probs))

    @tf.function
    def prefix_step(images, captions, targets):
        with tf.GradientTape() as tape:
            loss = prefix_loss(images, captions, targets)
        grads = tape.gradient(loss, trainer.image_vars + trainer.language_vars)
        k = len(trainer.image_vars)
        opt_i.apply_gradients(zip(grads[:k], trainer.image_vars))
        opt_l.apply_gradients(zip(grads[k:], trainer.language_vars))
        return loss

    # same loss: the whole-caption loss equals the mean of the per-prefix losses over those rows
    sel = np.isin(rows, np.arange(cfg["whole_images"]))
    loss_prefix = float(prefix_loss(scenes.images[rows[sel]], caps[sel].astype("int32"), nexts[sel].astype("int32")))
    total, words = trainer.loss_sums(*whole)
    loss_whole = float(total) / float(words)
    nb = cfg["prefix_batches"]
    batch = [(scenes.images[rows[i:i + 16]], caps[i:i + 16].astype("int32"), nexts[i:i + 16].astype("int32"))
             for i in range(0, 16 * nb, 16)]
    run_prefix = lambda: [float(prefix_step(*b)) for b in batch]
    run_whole = lambda: float(trainer.train_step(*whole))
    run_prefix(), run_whole()
    t = T.alternate({"per_prefix": run_prefix, "whole": run_whole}, cfg["whole_rounds"])
    rate_p, rate_w = 16 * nb / T.median(t["per_prefix"]), n_whole / T.median(t["whole"])
    table("3. whole-caption vs per-prefix training (modern, masked seed model, RMSprop; next-word targets/s)",
          ["", "targets/s", "targets per step"],
          [("per-prefix (seed rows, batch 16)", rate_p, 16),
           (f"whole captions ({cfg['whole_images']} images)", rate_w, n_whole),
           ("speed-up", rate_w / rate_p, ""), ("|loss difference| on the same rows", abs(loss_whole - loss_prefix), "")])
    return {"whole_caption_speedup": rate_w / rate_p, "whole_caption_targets_per_s": rate_w,
            "per_prefix_targets_per_s": rate_p, "whole_vs_prefix_loss_diff": abs(loss_whole - loss_prefix)}


# ------------------------------------------------------------------ 4. captioning

def decoding(cfg, args):
    import keras
    from bench import decode as DC
    from modern import data as D
    from modern import model as M
    from modern import sample as S
    keras.utils.set_random_seed(0)
    n64 = cfg["decode_images_b64"]
    scenes = D.shapes_dataset(n_train=n64, n_val=0, n_test=0, image_size=args.image_size, seed=1)["train"]
    vocab = D.Vocabulary.build(scenes.captions)
    model = M.build_model(args.vocab, 16, (args.image_size,) * 2 + (3,), mask_zero=True)
    inc, naive = S.Captioner(model, vocab), DC.NaiveCaptioner(model, vocab)
    cases = [("greedy", 1, 1, cfg["decode_images_b1"]), ("greedy", 1, 64, n64),
             ("beam 3", 3, 1, cfg["decode_images_b1"])]
    if cfg["naive_beam_b64"]:
        cases.append(("beam 3", 3, 64, n64))
    rows, out, same = [], {}, True
    for name, width, batch, n in cases:
        images = scenes.images[:n]
        for c in (inc, naive):  # trace at this batch shape
            DC.caption_rate(c, images[:min(n, batch)], width, batch)
        captions = {}

        def runner(c, key):
            return lambda: captions.__setitem__(key, DC.caption_rate(c, images, width, batch))
        t = T.alternate({"incremental": runner(inc, "incremental"), "naive": runner(naive, "naive")}, 1)
        same &= captions["incremental"] == captions["naive"]
        ri, rn = (n / T.median(t[k]) for k in ("incremental", "naive"))
        key = f"{name.replace(' ', '')}_b{batch}"
        out[key] = {"incremental_captions_per_s": ri, "naive_captions_per_s": rn, "speedup": ri / rn}
        rows.append((f"{name}, batch {batch} ({n} images)", ri, rn, ri / rn))
    if not cfg["naive_beam_b64"]:  # incremental only: the naive one reruns the CNN 16 x 192 times
        images = scenes.images[:n64]
        DC.caption_rate(inc, images, 3, 64)
        t = T.alternate({"incremental": lambda: DC.caption_rate(inc, images, 3, 64)}, 1)
        out["beam3_b64"] = {"incremental_captions_per_s": n64 / T.median(t["incremental"])}
        rows.append((f"beam 3, batch 64 ({n64} images)", n64 / T.median(t["incremental"]), "not run", ""))
    table("4. captioning (captions/s; incremental = modern.sample.Captioner: image encoded once, next-word "
          "decoder on the prefix; naive = whole model per word)",
          ["search", "incremental", "naive", "speed-up"], rows)
    say(f"identical captions from both decoders: {same}")
    return {"incremental_decode_speedup": out["greedy_b64"]["speedup"], "decode": out,
            "decoders_agree": bool(same)}


# ------------------------------------------------------------------ 5. machine limit

def machine_limit(args, shim_out):
    from bench import flops as F
    from modern import model as M
    model = M.build_model(args.vocab, 16, (args.image_size,) * 2 + (3,))
    per_sample = F.train_flops(model)
    peak = F.matmul_peak(n=args.matmul_n)
    rates = shim_out["seed_train_samples_per_s"]
    frac = {k: per_sample * v / 1e9 / peak for k, v in rates.items()}
    table("5. machine limit (seed training, batch 16; target >= 0.60 of peak)",
          ["", "value"], [("model GFLOP per training sample (counted)", per_sample / 1e9),
                          (f"peak GFLOP/s ({args.matmul_n}^2 float32 matmul, TF)", peak),
                          ("compat fraction of peak", frac["compat"]), ("modern fraction of peak", frac["modern"])])
    return {"fraction_of_peak": frac["compat"], "modern_fraction_of_peak": frac["modern"],
            "peak_gflops": peak, "train_gflop_per_sample": per_sample / 1e9,
            "forward_gflop_by_layer": {k: v / 1e9 for k, v in F.forward_flops(model).items()}}


# ------------------------------------------------------------------ 6. memory, 7. start-up

def _python(args_list, env=None, timeout=600):
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", **(env or {}))
    out = subprocess.run([sys.executable] + args_list, cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=timeout)
    if out.returncode != 0:
        raise RuntimeError(f"{args_list}: exit {out.returncode}\n{out.stderr[-2000:]}")
    return out.stdout


def memory(cfg, args):
    which = ("compat", "modern") if cfg["modern_rss"] else ("compat",)
    out, rows = {}, []
    for batch in (16, 64):
        row = [f"batch {batch}"]
        for w in which:
            mb = json.loads(_python(["-m", "bench.child", "rss", w, str(batch), str(cfg["rss_steps"]),
                                     str(args.vocab), str(args.image_size)]).strip().splitlines()[-1])["peak_rss_mb"]
            out[f"peak_rss_mb_batch{batch}" + ("" if w == "compat" else "_modern")] = mb
            row.append(mb)
        rows.append(row)
    table("6. peak RSS of seed training (MiB, one process per cell)", ["", *which], rows)
    return out


STARTUP = {"python -m compat --version": ["-m", "compat", "--version"],
           "import compat": ["-c", "import compat"],
           "compat Keras 1 API (from compat.keras.models import Sequential)":
               ["-c", "from compat.keras.models import Sequential"],
           "import keras": ["-c", "import keras"]}


def startup(cfg):
    times = T.alternate({k: (lambda a=a: _python(a)) for k, a in STARTUP.items()}, cfg["startup_reps"])
    med = {k: T.median(v) for k, v in times.items()}
    table("7. start-up (seconds, median, includes the Python interpreter)", ["command", "s"], list(med.items()))
    return {"startup_s": med}


# ------------------------------------------------------------------ main

def machine():
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    import tensorflow as tf
    return {"cpu": platform.processor() or platform.machine(), "cores": os.cpu_count(), "load_1min": load,
            "python": platform.python_version(), "tensorflow": tf.__version__, "gpu": bool(tf.config.list_physical_devices("GPU"))}


def parse(argv):
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    p.add_argument("--quick", action="store_true", help="~1-minute smoke run (few rounds and samples)")
    p.add_argument("--no-oracle", action="store_true", help="skip Keras 1.2.2 + Theano even when present")
    p.add_argument("--oracle-timeout", type=int, default=300, help="seconds allowed for the Keras 1 run (compile included)")
    p.add_argument("--vocab", type=int, default=10000, help="seed vocab size (default: the seed's 10000)")
    p.add_argument("--image-size", type=int, default=100, help="seed image side (default: the seed's 100)")
    p.add_argument("--matmul-n", type=int, default=2048, help="side of the peak-measuring matmul")
    p.add_argument("--skip", default="", help="comma-separated sections to skip: keras1,whole,decode,memory,startup")
    a = p.parse_args(argv)
    if a.image_size < 16:
        p.error(f"--image-size {a.image_size}: the seed's four 3x3 convs and two pools need at least 16")
    return a


def main(argv=None):
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    args = parse(argv)
    cfg = QUICK if args.quick else FULL
    skip = set(filter(None, args.skip.split(",")))
    t0 = time.perf_counter()
    result = {"machine": machine(), "quick": args.quick, "vocab": args.vocab, "image_size": args.image_size}
    say(f"bench on {result['machine']} — shared machine: medians of alternating rounds")
    sections = [("shim", lambda: shim(cfg, args), {}),
                ("keras1", lambda: keras1(cfg, args), {"keras1_over_compat_train": None}),
                ("whole", lambda: whole_caption(cfg, args), {"whole_caption_speedup": None}),
                ("decode", lambda: decoding(cfg, args), {"incremental_decode_speedup": None}),
                ("limit", lambda: machine_limit(args, result), {}),
                ("memory", lambda: memory(cfg, args), {}),
                ("startup", lambda: startup(cfg), {})]
    result["section_s"] = {}
    for name, run, skipped in sections:
        if name in skip and name not in ("shim", "limit"):
            result.update(skipped)
            continue
        t1 = time.perf_counter()
        result.update(run())
        result["section_s"][name] = round(time.perf_counter() - t1, 1)
    result["wall_s"] = time.perf_counter() - t0
    print(json.dumps(result), flush=True)
    return 0
