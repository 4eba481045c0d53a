"""Training on whole captions, with separate optimizers for the image and language sub-models.

The seed trains on (image, partial caption) -> next word rows: a caption of n words becomes n+1
rows, and every row runs the CNN again. Here a batch holds images and all their captions: the CNN
runs once per image, and the per-step decoder (modern.model.step_decoder: same weights, top GRU
returning every step) predicts every next word of every caption in one pass. With the padding
mask (build_model(mask_zero=True)) step k of the whole caption computes exactly what the seed
model computes for the prefix ending at k, so `caption_loss` (mean over all real next words)
equals the seed's mean loss over all prefixes; tests/test_modern_train.py checks it.

Reading order: `caption_loss`, `CaptionTrainer` (one step), `Training` (epochs, validation,
checkpoints), `fit` (the loop). With `fit(..., strategy=...)` the loop is the same and
modern/distribute.py supplies the step and the tf.data pipeline (its DistributedTrainer).

Checkpoints (`CHECKPOINT/state.npz` + `CHECKPOINT/run.json`, and `best.npz` with keep_best) are
written atomically (temporary file, then os.replace) after every epoch and hold the weights, both
optimizers' state, the epoch and the history, so an interrupted run resumes where it stopped;
shuffling is seeded per epoch.
"""
import json
import os
import time

import keras
import numpy as np
import tensorflow as tf

from . import data as D
from . import model as M

OPTIMIZERS = {"adam": keras.optimizers.Adam, "rmsprop": keras.optimizers.RMSprop,
              "sgd": keras.optimizers.SGD}


def make_optimizer(name, lr):
    if name not in OPTIMIZERS:
        raise ValueError(f"optimizer={name!r}: expected one of {sorted(OPTIMIZERS)}")
    return OPTIMIZERS[name](learning_rate=lr)


def word_count(targets):
    """Number of real (non-padding) next words in targets (B, T)."""
    return keras.ops.sum(keras.ops.cast(keras.ops.not_equal(targets, 0), "float32"))


def caption_loss(targets, probs, words=None):
    """Cross-entropy summed over the real next words, divided by `words`; targets (B,T) int, probs (B,T,V).

    `words` defaults to word_count(targets), i.e. the mean. A replica of a distributed step passes the
    global batch's count instead; words=1 gives the plain sum (validation adds sums, then divides).
    """
    ce = keras.losses.sparse_categorical_crossentropy(targets, probs)  # (B, T)
    is_word = keras.ops.cast(keras.ops.not_equal(targets, 0), ce.dtype)
    words = keras.ops.sum(is_word) if words is None else words
    return keras.ops.sum(ce * is_word) / keras.ops.maximum(words, 1.0)


# ---------------------------------------------------------------- one step

class CaptionTrainer:
    """One device, data in memory: the model's views, the two optimizers, the step.

    What `Training` uses: `batches(split, vocab, batch_size, order)`, `train_step(*batch)` (the mean
    loss), `evaluate_loss(batches)`, `is_chief`, `describe()`, `state()` / `set_state()`.
    modern.distribute.DistributedTrainer provides the same over a tf.distribute strategy.
    """
    is_chief = True  # writes the checkpoints

    def __init__(self, model, optimizer="adam", lr=1e-3, image_lr=None, language_lr=None,
                 image_optimizer=None, language_optimizer=None):
        if not M.is_masked(model):
            raise ValueError("model: whole-caption training needs build_model(..., mask_zero=True)")
        self.model = model
        self.max_len = M.sizes(model)[1]
        self.encoder = M.image_encoder(model)
        self.decoder = M.step_decoder(model)
        self.image_vars, self.language_vars = M.sub_model_weights(model)
        # seed question 1: each sub-model gets its own optimizer and learning rate
        self.image_opt = make_optimizer(image_optimizer or optimizer, lr if image_lr is None else image_lr)
        self.language_opt = make_optimizer(language_optimizer or optimizer,
                                           lr if language_lr is None else language_lr)
        self.image_opt.build(self.image_vars)
        self.language_opt.build(self.language_vars)

    def describe(self):
        return {}

    def batches(self, split, vocab, batch_size, order=None):
        return batches(split, D.caption_arrays(split, vocab, self.max_len), batch_size, order)

    def probabilities(self, images, rows, inputs, training=False):
        """Next-word distributions (captions, T, vocab); caption i belongs to image rows[i]."""
        images, rows, inputs = (tf.convert_to_tensor(a) for a in (images, rows, inputs))
        vectors = self.encoder(images, training=training)  # one CNN pass per image
        return self.decoder([tf.gather(vectors, rows), inputs], training=training)

    def apply_gradients(self, grads):
        n = len(self.image_vars)
        self.image_opt.apply_gradients(zip(grads[:n], self.image_vars))
        self.language_opt.apply_gradients(zip(grads[n:], self.language_vars))

    @tf.function(reduce_retracing=True)
    def train_step(self, images, rows, inputs, targets):
        with tf.GradientTape() as tape:
            loss = caption_loss(targets, self.probabilities(images, rows, inputs, training=True))
        self.apply_gradients(tape.gradient(loss, self.image_vars + self.language_vars))
        return loss

    def loss_sums(self, images, rows, inputs, targets):
        """(summed cross-entropy, number of real next words) of one batch."""
        return caption_loss(targets, self.probabilities(images, rows, inputs), words=1.0), word_count(targets)

    @tf.function(reduce_retracing=True)
    def _loss_sums(self, *batch):
        return self.loss_sums(*batch)

    def evaluate_loss(self, batches):
        """Mean cross-entropy over every real next word of every batch."""
        total = words = 0.0
        for batch in batches:
            t, w = self._loss_sums(*batch)
            total, words = total + float(t), words + float(w)
        return total / max(words, 1.0)

    # -- checkpoints
    def state(self):
        return {"weights": self.model.get_weights(),
                "image_opt": [v.numpy() for v in self.image_opt.variables],
                "language_opt": [v.numpy() for v in self.language_opt.variables]}

    def set_state(self, state):
        self.model.set_weights(state["weights"])
        for key, opt in (("image_opt", self.image_opt), ("language_opt", self.language_opt)):
            for var, value in zip(opt.variables, state[key]):
                var.assign(value)


def batches(split, arrays, batch_size, order=None):
    """Yield (images, rows, inputs, targets): batch_size images and all of their captions."""
    index, inputs, targets = arrays
    by_image = np.argsort(index, kind="stable")
    starts = np.searchsorted(index[by_image], np.arange(len(split.images) + 1))
    order = np.arange(len(split.images)) if order is None else order
    for b in range(0, len(order), batch_size):
        images = order[b:b + batch_size]
        caption_rows = [by_image[starts[i]:starts[i + 1]] for i in images]
        rows = np.concatenate([np.full(len(r), j) for j, r in enumerate(caption_rows)]).astype("int32")
        sel = np.concatenate(caption_rows)
        yield split.images[images], rows, inputs[sel].astype("int32"), targets[sel].astype("int32")


# ---------------------------------------------------------------- checkpoint files

def _atomic_write(path, write):
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        write(f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)  # readers see the old file or the new one, never half of one


def _save_arrays(path, prefixes):
    arrays = {f"{prefix}{i}": a for prefix, values in prefixes.items() for i, a in enumerate(values)}
    _atomic_write(path, lambda f: np.savez(f, **arrays))


def _load_arrays(path, prefix):
    with np.load(path) as z:
        return [z[f"{prefix}{i}"] for i in range(sum(k.startswith(prefix) and k[len(prefix):].isdigit() for k in z))]


def load_run(directory):
    """(model, vocab, run) from a checkpoint directory written by `fit`: the epoch it kept
    (the best on validation with keep_best, else the last)."""
    path = os.path.join(directory, "run.json")
    if not os.path.exists(path):
        raise FileNotFoundError(f"checkpoint {directory!r}: no run.json; train first (python -m modern train)")
    with open(path) as f:
        run = json.load(f)
    model = M.build_model(**run["model"])
    best = os.path.join(directory, "best.npz")
    model.set_weights(_load_arrays(best, "w") if os.path.exists(best)
                      else _load_arrays(os.path.join(directory, "state.npz"), "w"))
    return model, D.Vocabulary(run["vocab"]), run


# ---------------------------------------------------------------- epochs

def _format(value):
    return "-" if value is None else f"{value:.4f}"


def best_epoch(history):
    """The epoch (1-based) with the lowest validation loss; None without validation."""
    scored = [h for h in history if h["val_loss"] is not None]
    return min(scored, key=lambda h: h["val_loss"])["epoch"] if scored else None


class Training:
    """A training run, one epoch per `epoch()` call: the trainer, the history, the checkpoint.

    Resumes from `checkpoint` if it holds one. keep_best: also keep the weights of the epoch with the
    lowest validation loss (in memory and in CHECKPOINT/best.npz); `fit` ends with them.
    """

    def __init__(self, model, vocab, train, val, epochs=10, batch_size=32, checkpoint=None, seed=0, verbose=1,
                 optimizer="adam", lr=1e-3, image_lr=None, language_lr=None, strategy=None, keep_best=False,
                 info=None, log=print):
        keras.utils.set_random_seed(seed)
        options = dict(optimizer=optimizer, lr=lr, image_lr=image_lr, language_lr=language_lr)
        if strategy is None:
            self.trainer = CaptionTrainer(model, **options)
        else:
            from .distribute import DistributedTrainer
            self.trainer = DistributedTrainer(model, strategy, **options)
        self.vocab, self.train, self.val, self.epochs, self.batch_size = vocab, train, val, epochs, batch_size
        self.checkpoint, self.seed, self.verbose, self.keep_best, self.log = checkpoint, seed, verbose, keep_best, log
        self.run = dict({"model": M.build_kwargs(model), "vocab": vocab.words[4:], "seed": seed}, **options,
                        **self.trainer.describe(), info=info or {})
        self.history, self.best_weights = [], None
        if checkpoint and os.path.exists(os.path.join(checkpoint, "state.npz")):
            self._resume()

    def _resume(self):
        state_file = os.path.join(self.checkpoint, "state.npz")
        self.trainer.set_state({"weights": _load_arrays(state_file, "w"),
                                "image_opt": _load_arrays(state_file, "image_opt"),
                                "language_opt": _load_arrays(state_file, "language_opt")})
        with open(os.path.join(self.checkpoint, "run.json")) as f:
            self.history = json.load(f)["history"]
        best = os.path.join(self.checkpoint, "best.npz")
        if self.keep_best and os.path.exists(best):
            self.best_weights = _load_arrays(best, "w")
        self.log(f"resumed from {self.checkpoint} at epoch {len(self.history)}")

    @property
    def best_epoch(self):
        return best_epoch(self.history)

    def epoch(self):
        """Train one more epoch, validate, checkpoint; returns its history entry."""
        epoch, trainer = len(self.history), self.trainer
        t0 = time.time()
        order = np.random.RandomState([self.seed, epoch]).permutation(len(self.train.captions))
        n_batches = -(-len(order) // self.batch_size)
        bar = keras.utils.Progbar(n_batches, verbose=self.verbose, stateful_metrics=["loss"])
        total = 0.0
        for i, batch in enumerate(trainer.batches(self.train, self.vocab, self.batch_size, order)):
            total += float(trainer.train_step(*batch))
            bar.update(i + 1, [("loss", total / (i + 1))])
        train_seconds = time.time() - t0
        val_loss = (trainer.evaluate_loss(trainer.batches(self.val, self.vocab, 64)) if len(self.val.captions)
                    else None)
        entry = {"epoch": epoch + 1, "loss": total / n_batches, "val_loss": val_loss,
                 "train_seconds": round(train_seconds, 2), "seconds": round(time.time() - t0, 2)}
        self.history.append(entry)
        if self.verbose:
            self.log(f"epoch {epoch + 1}/{self.epochs}  loss {_format(entry['loss'])}  val_loss {_format(val_loss)}")
        if self.keep_best and self.best_epoch == epoch + 1:
            self.best_weights = self.trainer.model.get_weights()
        if self.checkpoint and trainer.is_chief:
            self._save(keep_best_now=self.keep_best and self.best_epoch == epoch + 1)
        return entry

    def _save(self, keep_best_now):
        os.makedirs(self.checkpoint, exist_ok=True)
        state = self.trainer.state()
        _save_arrays(os.path.join(self.checkpoint, "state.npz"),
                     {"w": state["weights"], "image_opt": state["image_opt"], "language_opt": state["language_opt"]})
        if keep_best_now:
            _save_arrays(os.path.join(self.checkpoint, "best.npz"), {"w": self.best_weights})
        meta = dict(self.run, history=self.history, kept_epoch=(self.best_epoch if self.keep_best else None) or len(self.history))
        _atomic_write(os.path.join(self.checkpoint, "run.json"),
                      lambda f: f.write(json.dumps(meta, indent=1).encode()))


def fit(model, vocab, train, val, epochs=10, **options):
    """Train on whole captions for `epochs` epochs (resuming from options['checkpoint'] if present);
    returns (trainer, history). Options: those of `Training`, e.g. strategy (a tf.distribute strategy;
    build the model inside its scope), keep_best (end with the best epoch on validation).

    The checkpoint stores the build_model arguments (so it can be rebuilt) and `info` (anything
    else, e.g. how the data was made).
    """
    run = Training(model, vocab, train, val, epochs=epochs, **options)
    while len(run.history) < epochs:
        run.epoch()
    if run.best_weights is not None:
        model.set_weights(run.best_weights)
    return run.trainer, run.history
