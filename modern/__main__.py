"""python -m modern demo|train|caption|evaluate  (see modern/README.md)."""
import argparse
import json
import os
import sys
import time

import numpy as np

# Keras picks its backend at import; this package is TensorFlow-only.
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

from . import data as D  # noqa: E402

# demo sizes: the generated scenes need neither 100x100 images nor a 10000-word vocabulary
DEMO = dict(n_train=2500, n_val=200, n_test=200, n_novel=200, image_size=32, epochs=10, batch_size=32, lr=2e-3)
QUICK = dict(n_train=400, n_val=20, n_test=50, n_novel=20, image_size=16, epochs=2, batch_size=20, lr=2e-3)


def load_files(args):
    """{'train','val','test'} FileSplits (images left on disk) for --data flickr8k|coco."""
    table = {"flickr8k": lambda: D.flickr8k_files(args.token_file, args.images),
             "coco": lambda: D.coco_files(args.coco_json, args.images)}
    needs = {"flickr8k": ("token_file", "images"), "coco": ("coco_json", "images")}[args.data]
    missing = [f"--{n.replace('_', '-')}" for n in needs if getattr(args, n, None) is None]
    if missing:
        raise SystemExit(f"--data {args.data} needs {' and '.join(missing)}")
    files = table[args.data]()
    order = np.random.RandomState(args.seed).permutation(len(files.paths))
    n_val = n_test = max(1, len(order) // 10)
    return {"test": files.subset(order[:n_test]), "val": files.subset(order[n_test:n_test + n_val]),
            "train": files.subset(order[n_test + n_val:])}


def load_data(args, stream=False):
    """{'train','val','test'} for --data shapes|flickr8k|coco: in-memory Splits, or with
    stream=True FileSplits for the real formats (modern.distribute decodes them in tf.data).
    The generated scenes add 'novel' (n_novel scenes of colour-shape pairs never in training)."""
    if args.data == "shapes":
        n_novel = getattr(args, "n_novel", None) or 0
        return D.shapes_dataset(args.n_train, args.n_val, args.n_test, args.image_size, args.seed,
                                n_novel=n_novel, held_out=D.HELD_OUT if n_novel else ())
    files = load_files(args)
    return files if stream else {k: f.load(args.image_size) for k, f in files.items()}


def train(args, log=print):
    """Build the model and train it (train.fit), keeping the epoch with the lowest validation loss."""
    import contextlib

    import keras
    from . import model as M, train as T

    strategy = None
    if getattr(args, "distribute", None) is not None:
        from . import distribute as DI
        strategy = DI.make_strategy(args.distribute)  # first TensorFlow work (multi-worker needs it)
    splits = load_data(args, stream=strategy is not None)
    vocab = D.Vocabulary.build(splits["train"].captions, max_words=args.max_words)
    keras.utils.set_random_seed(args.seed)
    with strategy.scope() if strategy is not None else contextlib.nullcontext():
        model = M.build_model(vocab_size=len(vocab), max_len=args.max_len, rnn=args.rnn, mask_zero=True,
                              image_shape=(args.image_size, args.image_size, 3))
    log(f"data {args.data}: " + " / ".join(f"{len(s.captions)} {k}" for k, s in splits.items())
        + f" images, vocabulary {len(vocab)}, {model.count_params()} params")
    if strategy is not None:
        log(f"distribute {args.distribute}: {type(strategy).__name__}, {strategy.num_replicas_in_sync} "
            f"replica(s); batch {args.batch_size} images split across them"
            + ("; images streamed from disk" if args.data != "shapes" else ""))
    info = {k: getattr(args, k, None) for k in ("data", "n_train", "n_val", "n_test", "n_novel", "image_size",
                                               "seed", "token_file", "coco_json", "images")}
    _, history = T.fit(model, vocab, splits["train"], splits["val"], epochs=args.epochs,
                       batch_size=args.batch_size, checkpoint=args.checkpoint, seed=args.seed,
                       verbose=args.verbose, optimizer=args.optimizer, lr=args.lr, image_lr=args.image_lr,
                       language_lr=args.language_lr, strategy=strategy, keep_best=True, info=info, log=log)
    return model, vocab, splits, history


def score(captioner, train_split, split, beam):
    """Scores of the model's captions for split, next to both baselines'; and the captions."""
    from . import evaluate as E

    generated = captioner.caption(split.images, beam_width=beam)
    result = E.scores(generated, split.captions)
    base = E.baselines(train_split, split)
    result.update(baseline_bleu4=base["baseline_bleu4"],
                  baseline_cider=max(base["most_frequent"]["cider"], base["nearest_neighbour"]["cider"]),
                  baselines=base, images=len(split.images))
    return result, generated


def evaluate(model, vocab, splits, beam, picture=None):
    """Scores on the test split (top level) and, when there is one, on the 'novel' split."""
    from . import evaluate as E, sample as S

    captioner = S.Captioner(model, vocab)
    test = splits["test"]
    t0 = time.time()
    result, generated = score(captioner, splits["train"], test, beam)
    result.update(caption_seconds=round(time.time() - t0, 2), test_images=result.pop("images"), beam=beam)
    if "novel" in splits:
        result["novel"] = score(captioner, splits["train"], splits["novel"], beam)[0]
    if picture:
        E.contact_sheet(picture, test.images, generated, test.captions)
        result["picture"] = picture
    result["examples"] = [{"generated": g, "references": r} for g, r in zip(generated[:3], test.captions[:3])]
    return result


def cmd_demo(args):
    from . import train as T

    if args.quick:
        for k, v in QUICK.items():
            setattr(args, k, v if getattr(args, k) is None else getattr(args, k))
    for k, v in DEMO.items():
        if getattr(args, k) is None:
            setattr(args, k, v)
    args.data = "shapes"
    t0 = time.time()
    model, vocab, splits, history = train(args)
    result = evaluate(model, vocab, splits, args.beam, os.path.join(args.checkpoint, "test_captions.png"))
    kept = history[(T.best_epoch(history) or len(history)) - 1]  # what train() ended with
    result.update(epochs=len(history), kept_epoch=kept["epoch"], val_loss=kept["val_loss"], history=history,
                  train_seconds=round(sum(h.get("train_seconds", h["seconds"]) for h in history), 1),
                  total_seconds=round(time.time() - t0, 1),
                  settings={k: getattr(args, k) for k in DEMO} | {"seed": args.seed, "beam": args.beam})
    text = json.dumps(result)
    if args.results:
        os.makedirs(os.path.dirname(os.path.abspath(args.results)), exist_ok=True)
        with open(args.results + ".tmp", "w") as f:
            f.write(json.dumps(result, indent=1) + "\n")
        os.replace(args.results + ".tmp", args.results)
    print(text)


def cmd_train(args):
    for k, v in DEMO.items():
        if getattr(args, k, None) is None:
            setattr(args, k, v)
    train(args)


def _restore(checkpoint):
    from . import train as T
    return T.load_run(checkpoint)


def cmd_caption(args):
    from . import sample as S

    model, vocab, _ = _restore(args.checkpoint)
    size = model.inputs[0].shape[1]
    images = np.stack([D.load_image(p, size) for p in args.image])
    for path, text in zip(args.image, S.Captioner(model, vocab).caption(images, beam_width=args.beam)):
        print(f"{path}\t{text}")


def cmd_evaluate(args):
    model, vocab, run = _restore(args.checkpoint)
    info = run["info"]
    for k, v in info.items():
        setattr(args, k, v)
    result = evaluate(model, vocab, load_data(args), args.beam, args.picture)
    if args.json:
        print(json.dumps(result))
    else:
        for k in ("bleu1", "bleu2", "bleu3", "bleu4", "cider", "baseline_bleu4", "test_images"):
            print(f"{k:>15} {result[k]:.4f}" if isinstance(result[k], float) else f"{k:>15} {result[k]}")


def parser():
    p = argparse.ArgumentParser(prog="python -m modern", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)

    def training_args(q):
        q.add_argument("--checkpoint", default="runs/demo", help="checkpoint directory (resumes if present)")
        q.add_argument("--data", choices=("shapes", "flickr8k", "coco"), default="shapes")
        q.add_argument("--token-file", help="Flickr8k.token.txt (--data flickr8k)")
        q.add_argument("--coco-json", help="COCO captions JSON (--data coco)")
        q.add_argument("--images", help="image folder (--data flickr8k/coco)")
        for name in ("n_train", "n_val", "n_test", "n_novel", "image_size", "epochs", "batch_size"):
            q.add_argument("--" + name.replace("_", "-"), type=int, default=None)
        for name in ("lr", "image_lr", "language_lr"):
            q.add_argument("--" + name.replace("_", "-"), type=float, default=None)
        q.add_argument("--optimizer", default="adam", choices=("adam", "rmsprop", "sgd"))
        q.add_argument("--rnn", default="gru", choices=("gru", "lstm"))
        q.add_argument("--max-len", type=int, default=16)
        q.add_argument("--max-words", type=int, default=None, help="vocabulary size cap")
        q.add_argument("--seed", type=int, default=0)
        q.add_argument("--verbose", type=int, default=1)

    demo = sub.add_parser("demo", help="train on the shipped scenes, caption held-out images, score")
    training_args(demo)
    demo.add_argument("--quick", action="store_true", help="tiny run (under a minute), for tests")
    demo.add_argument("--beam", type=int, default=1)
    demo.add_argument("--results", metavar="FILE", help="also write the result JSON here (e.g. modern/results/demo.json)")
    demo.set_defaults(func=cmd_demo)

    tr = sub.add_parser("train", help="train (resumable) into --checkpoint")
    training_args(tr)
    tr.add_argument("--distribute", choices=("one", "mirrored", "multiworker"), default=None,
                    help="train through tf.distribute over a tf.data pipeline (flickr8k/coco images "
                         "streamed from disk): one device, every local GPU, or the workers in TF_CONFIG")
    tr.set_defaults(func=cmd_train)

    cap = sub.add_parser("caption", help="print a caption per image")
    cap.add_argument("image", nargs="+")
    cap.add_argument("--checkpoint", default="runs/demo")
    cap.add_argument("--beam", type=int, default=1)
    cap.set_defaults(func=cmd_caption)

    ev = sub.add_parser("evaluate", help="BLEU/CIDEr on the held-out split against baselines")
    ev.add_argument("--checkpoint", default="runs/demo")
    ev.add_argument("--beam", type=int, default=1)
    ev.add_argument("--picture", help="write a PNG contact sheet here")
    ev.add_argument("--json", action="store_true")
    ev.set_defaults(func=cmd_evaluate)
    return p


def main(argv=None):
    args = parser().parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    main(sys.argv[1:])
