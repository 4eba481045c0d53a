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
DEMO = dict(n_train=2500, n_val=200, n_test=200, image_size=32, epochs=10, batch_size=32, lr=2e-3)
QUICK = dict(n_train=120, n_val=20, n_test=20, image_size=24, epochs=2, batch_size=20, lr=2e-3)


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
    stream=True FileSplits for the real formats (modern.distribute decodes them in tf.data)."""
    if args.data == "shapes":
        return D.shapes_dataset(args.n_train, args.n_val, args.n_test, args.image_size, args.seed)
    files = load_files(args)
    return files if stream else {k: f.load(args.image_size) for k, f in files.items()}


def train(args, log=print):
    import keras
    from . import model as M, train as T

    distributed = getattr(args, "distribute", None) is not None
    if distributed:
        from . import distribute as DI
        strategy = DI.make_strategy(args.distribute)  # first TensorFlow work (multi-worker needs it)
    splits = load_data(args, stream=distributed)
    vocab = D.Vocabulary.build(splits["train"].captions, max_words=args.max_words)
    keras.utils.set_random_seed(args.seed)
    kwargs = dict(vocab_size=len(vocab), max_len=args.max_len, rnn=args.rnn, mask_zero=True,
                  image_shape=(args.image_size, args.image_size, 3))
    if distributed:
        with strategy.scope():
            model = M.build_model(**kwargs)
    else:
        model = M.build_model(**kwargs)
    log(f"data {args.data}: {len(splits['train'].captions)} train / {len(splits['val'].captions)} val / "
        f"{len(splits['test'].captions)} test images, vocabulary {len(vocab)}, {model.count_params()} params")
    info = {k: getattr(args, k) for k in ("data", "n_train", "n_val", "n_test", "image_size", "seed",
                                          "token_file", "coco_json", "images")}
    common = dict(epochs=args.epochs, batch_size=args.batch_size, checkpoint=args.checkpoint, seed=args.seed,
                  verbose=args.verbose, optimizer=args.optimizer, lr=args.lr, image_lr=args.image_lr,
                  language_lr=args.language_lr, info=info, log=log)
    if distributed:
        log(f"distribute {args.distribute}: {type(strategy).__name__}, {strategy.num_replicas_in_sync} "
            f"replica(s); batch {args.batch_size} images split across them"
            + ("; images streamed from disk" if args.data != "shapes" else ""))
        _, history = DI.fit(model, vocab, splits["train"], splits["val"], strategy,
                            image_size=args.image_size, **common)
    else:
        _, history = T.fit(model, vocab, splits["train"], splits["val"], **common)
    return model, vocab, splits, history


def evaluate(model, vocab, splits, beam, picture=None):
    from . import evaluate as E, sample as S

    test = splits["test"]
    t0 = time.time()
    generated = S.Captioner(model, vocab).caption(test.images, beam_width=beam)
    result = E.scores(generated, test.captions)
    result["caption_seconds"] = round(time.time() - t0, 2)
    base = E.baselines(splits["train"], test)
    result.update(baseline_bleu4=base["baseline_bleu4"], baseline_cider=max(base["most_frequent"]["cider"],
                  base["nearest_neighbour"]["cider"]), baselines=base, test_images=len(test.images), beam=beam)
    if picture:
        E.contact_sheet(picture, test.images, generated, test.captions)
        result["picture"] = picture
    result["examples"] = [{"generated": g, "references": r} for g, r in zip(generated[:3], test.captions[:3])]
    return result


def cmd_demo(args):
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
    result.update(train_seconds=round(sum(h["seconds"] for h in history), 1), epochs=len(history),
                  total_seconds=round(time.time() - t0, 1), val_loss=history[-1]["val_loss"] if history else None)
    print(json.dumps(result))


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
    images = np.stack([D.encode_image(p, size) for p in args.image])
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
        for name in ("n_train", "n_val", "n_test", "image_size", "epochs", "batch_size"):
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
    demo.add_argument("--quick", action="store_true", help="tiny run (about a minute), for tests")
    demo.add_argument("--beam", type=int, default=1)
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
