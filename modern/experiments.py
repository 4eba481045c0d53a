"""The seed's two questions, measured: `python -m modern.experiments [--json out.json]`.

(1) Separate learning rates for the image and language sub-models: the same model, data and seed
    trained with image_lr in {0 (CNN frozen at its random init), lr/10, lr} and language_lr = lr.
(2) GRU vs LSTM: parameters; training speed, measured side by side in one run (the runs are
    trained interleaved, one epoch each in turn, the order alternating every epoch, so machine
    load hits both alike); val loss and BLEU-4 (greedy) on the held-out split at equal epochs.

All four runs (gru image_lr 0 / lr/10 / lr, lstm image_lr lr) are train.Training runs advanced one
epoch at a time in turn; the gru lr/lr run is the GRU of question 2. Small settings by default (see
SETTINGS) so the whole thing fits in 10-15 minutes of 2 CPU cores (12 min 46 s on a loaded box);
the numbers are in modern/README.md, its output in modern/results/experiments.json.
"""
import argparse
import json
import os
import time

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402

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
    shape = (s["image_size"], s["image_size"], 3)
    trainings = {}
    for name, (rnn, image_lr) in runs(s["lr"]).items():
        keras.utils.set_random_seed(s["seed"])  # same initial weights for the three GRU runs
        model = M.build_model(len(vocab), 16, shape, rnn=rnn, mask_zero=True)
        trainings[name] = T.Training(model, vocab, ds["train"], ds["val"], epochs=s["epochs"],
                                     batch_size=s["batch_size"], seed=s["seed"], verbose=0, optimizer="adam",
                                     lr=s["lr"], image_lr=image_lr, language_lr=s["lr"])
    for epoch in range(s["epochs"]):
        for name in list(trainings) if epoch % 2 == 0 else list(trainings)[::-1]:
            trainings[name].epoch()
        log(f"epoch {epoch + 1}/{s['epochs']} done")
    result = {"settings": s, "vocabulary": len(vocab)}
    captions = sum(len(refs) for refs in ds["train"].captions)  # one sample = one (image, whole caption) row
    for name, run in trainings.items():
        seconds = sum(h["train_seconds"] for h in run.history[1:])  # epoch 1 includes tracing
        timed = len(run.history) - 1
        generated = S.Captioner(run.trainer.model, vocab).caption(ds["test"].images, beam_width=1)
        sc = E.scores(generated, ds["test"].captions)
        result[name] = {"params": run.trainer.model.count_params(), "val_loss": round(run.history[-1]["val_loss"], 4),
                        "bleu4": round(sc["bleu4"], 4), "cider": round(sc["cider"], 3),
                        "train_samples_per_s": round(captions * timed / seconds, 1) if seconds else None,
                        "train_images_per_s": round(len(ds["train"].images) * timed / seconds, 1) if seconds else None}
        log(f"{name:22s} {json.dumps(result[name])}")
    base = E.baselines(ds["train"], ds["test"])
    result["baseline_bleu4"] = round(base["baseline_bleu4"], 4)
    return result


def main(argv=None):
    p = argparse.ArgumentParser(prog="python -m modern.experiments", description=__doc__.split("\n")[0])
    p.add_argument("--quick", action="store_true", help="tiny settings (a smoke test)")
    p.add_argument("--json", help="also write the result here")
    for k, v in SETTINGS.items():
        p.add_argument("--" + k.replace("_", "-"), type=type(v), default=None)
    args = p.parse_args(argv)
    s = dict(QUICK if args.quick else SETTINGS)
    s.update({k: getattr(args, k) for k in SETTINGS if getattr(args, k) is not None})
    t0 = time.time()
    result = measure(s)
    result["total_seconds"] = round(time.time() - t0, 1)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, indent=1)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
