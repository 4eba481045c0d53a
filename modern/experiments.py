"""The seed's two questions, measured: `python -m modern.experiments [--json out.json]`.

(1) Separate learning rates for the image and language sub-models: the same model, data and seed
    trained with image_lr in {0 (CNN frozen at its random init), lr/10, lr} and language_lr = lr.
(2) GRU vs LSTM: parameters; training speed, measured side by side in one run (the runs are
    trained interleaved, one epoch each in turn, the order alternating every epoch, so machine
    load hits both alike); val loss and BLEU-4 (greedy) on the held-out split at equal epochs.

All four runs (gru image_lr 0 / lr/10 / lr, lstm image_lr lr) share one loop; the gru lr/lr run is
the GRU of question 2. Small settings by default (see SETTINGS) so the whole thing fits in about
10 minutes of 2 CPU cores (9 min 19 s measured on a loaded box); the numbers are in modern/README.md.

`--demo-curve CHECKPOINT` instead measures the demo's BLEU-4 after 6, 8, 10 and 12 epochs, which
is how the demo's epoch count was chosen.
"""
import argparse
import json
import os
import time

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402
import numpy as np  # noqa: E402

from . import data as D, evaluate as E, model as M, sample as S, train as T  # noqa: E402

SETTINGS = dict(n_train=600, n_val=100, n_test=150, image_size=32, epochs=6, batch_size=32, lr=2e-3, seed=0)
QUICK = dict(n_train=40, n_val=10, n_test=10, image_size=16, epochs=2, batch_size=20, lr=2e-3, seed=0)


def runs(lr):
    """name -> (rnn, image_lr); language_lr is lr in all of them."""
    return {"gru, image_lr 0": ("gru", 0.0), "gru, image_lr lr/10": ("gru", lr / 10),
            "gru, image_lr lr": ("gru", lr), "lstm, image_lr lr": ("lstm", lr)}


def measure(s, log=print):
    ds = D.shapes_dataset(s["n_train"], s["n_val"], s["n_test"], s["image_size"], s["seed"])
    vocab = D.Vocabulary.build(ds["train"].captions)
    train_arrays = D.caption_arrays(ds["train"], vocab)
    val_arrays = D.caption_arrays(ds["val"], vocab)
    shape = (s["image_size"], s["image_size"], 3)
    trainers = {}
    for name, (rnn, image_lr) in runs(s["lr"]).items():
        keras.utils.set_random_seed(s["seed"])  # same initial weights for the three GRU runs
        model = M.build_model(len(vocab), 16, shape, rnn=rnn, mask_zero=True)
        trainers[name] = T.CaptionTrainer(model, "adam", s["lr"], image_lr=image_lr, language_lr=s["lr"])
    seconds = {n: 0.0 for n in trainers}
    captions = len(train_arrays[0])  # one sample = one (image, whole caption) row
    for epoch in range(s["epochs"]):
        order = np.random.RandomState([s["seed"], epoch]).permutation(len(ds["train"].images))
        names = list(trainers) if epoch % 2 == 0 else list(trainers)[::-1]
        for name in names:
            tr = trainers[name]
            t0 = time.perf_counter()
            for b in T.batches(ds["train"], train_arrays, s["batch_size"], order):
                tr.train_step(*b)
            if epoch:  # epoch 1 includes tracing; speed is taken from the later ones
                seconds[name] += time.perf_counter() - t0
        log(f"epoch {epoch + 1}/{s['epochs']} done")
    result = {"settings": s, "vocabulary": len(vocab)}
    for name, tr in trainers.items():
        val_loss = tr.evaluate_loss(T.batches(ds["val"], val_arrays, 64))
        generated = S.Captioner(tr.model, vocab).caption(ds["test"].images, beam_width=1)
        sc = E.scores(generated, ds["test"].captions)
        timed = max(s["epochs"] - 1, 1)
        result[name] = {"params": tr.model.count_params(), "val_loss": round(val_loss, 4),
                        "bleu4": round(sc["bleu4"], 4), "cider": round(sc["cider"], 3),
                        "train_samples_per_s": round(captions * timed / seconds[name], 1) if seconds[name] else None,
                        "train_images_per_s": round(len(ds["train"].images) * timed / seconds[name], 1)
                        if seconds[name] else None}
        log(f"{name:22s} {json.dumps(result[name])}")
    base = E.baselines(ds["train"], ds["test"])
    result["baseline_bleu4"] = round(base["baseline_bleu4"], 4)
    return result


def demo_curve(checkpoint, at=(6, 8, 10, 12), log=print):
    """BLEU-4 of the demo's run (`python -m modern demo` settings) after each epoch count in `at`,
    against the better baseline: how many epochs the demo needs to clearly beat the baselines.
    Trains once, resuming from `checkpoint` between the stops (resume == uninterrupted, tested)."""
    from .__main__ import DEMO

    ds = D.shapes_dataset(DEMO["n_train"], DEMO["n_val"], DEMO["n_test"], DEMO["image_size"], 0)
    vocab = D.Vocabulary.build(ds["train"].captions)
    keras.utils.set_random_seed(0)
    shape = (DEMO["image_size"],) * 2 + (3,)
    model = M.build_model(len(vocab), 16, shape, mask_zero=True)
    base = E.baselines(ds["train"], ds["test"])["baseline_bleu4"]
    out, t0 = {"baseline_bleu4": round(base, 4), "settings": DEMO}, time.time()
    for epochs in at:
        T.fit(model, vocab, ds["train"], ds["val"], epochs=epochs, batch_size=DEMO["batch_size"],
              checkpoint=checkpoint, seed=0, verbose=0, lr=DEMO["lr"], log=lambda *_: None)
        generated = S.Captioner(model, vocab).caption(ds["test"].images, beam_width=1)
        out[f"epochs_{epochs}"] = {"bleu4": round(E.scores(generated, ds["test"].captions)["bleu4"], 4),
                                   "wall_s": round(time.time() - t0, 1)}
        log(json.dumps({epochs: out[f"epochs_{epochs}"]}))
    return out


def main(argv=None):
    p = argparse.ArgumentParser(prog="python -m modern.experiments", description=__doc__.split("\n")[0])
    p.add_argument("--quick", action="store_true", help="tiny settings (a smoke test)")
    p.add_argument("--json", help="also write the result here")
    p.add_argument("--demo-curve", metavar="CHECKPOINT",
                   help="instead: BLEU-4 of the demo's run after 6, 8, 10, 12 epochs (checkpoints here)")
    for k, v in SETTINGS.items():
        p.add_argument("--" + k.replace("_", "-"), type=type(v), default=None)
    args = p.parse_args(argv)
    s = dict(QUICK if args.quick else SETTINGS)
    s.update({k: getattr(args, k) for k in SETTINGS if getattr(args, k) is not None})
    t0 = time.time()
    result = demo_curve(args.demo_curve) if args.demo_curve else measure(s)
    result["total_seconds"] = round(time.time() - t0, 1)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, indent=1)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
