"""Training on whole captions, with separate optimizers for the image and language sub-models.

The seed trains on (image, partial caption) -> next word rows: a caption of n words becomes n+1
rows, and every row runs the CNN again. Here a batch holds images and all their captions: the CNN
runs once per image, and the per-step decoder (modern.model.step_decoder: same weights, top GRU
returning every step) predicts every next word of every caption in one pass. With the padding
mask (build_model(mask_zero=True)) step k of the whole caption computes exactly what the seed
model computes for the prefix ending at k, so `caption_loss` (mean over all real next words)
equals the seed's mean loss over all prefixes; tests/test_modern_train.py checks it.

Checkpoints (`CHECKPOINT/state.npz` + `CHECKPOINT/run.json`) are written atomically (temporary file,
then os.replace) after every epoch and hold the weights, both optimizers' state, the epoch and the
history, so an interrupted run resumes where it stopped; shuffling is seeded per epoch.
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


def caption_loss(targets, probs):
    """Mean cross-entropy over the real (non-padding) next words; targets (B,T) int, probs (B,T,V)."""
    ce = keras.losses.sparse_categorical_crossentropy(targets, probs)  # (B, T)
    weight = keras.ops.cast(keras.ops.not_equal(targets, 0), ce.dtype)
    return keras.ops.sum(ce * weight) / keras.ops.maximum(keras.ops.sum(weight), 1.0)


class CaptionTrainer:
    """Holds the model views and the two optimizers; `fit` runs epochs, `evaluate_loss` scores."""

    def __init__(self, model, optimizer="adam", lr=1e-3, image_lr=None, language_lr=None,
                 image_optimizer=None, language_optimizer=None):
        if not M.is_masked(model):
            raise ValueError("model: whole-caption training needs build_model(..., mask_zero=True)")
        self.model = model
        self.encoder = M.image_encoder(model)
        self.decoder = M.step_decoder(model)
        self.image_vars, self.language_vars = M.sub_model_weights(model)
        # seed question 1: each sub-model gets its own optimizer and learning rate
        self.image_opt = make_optimizer(image_optimizer or optimizer, lr if image_lr is None else image_lr)
        self.language_opt = make_optimizer(language_optimizer or optimizer,
                                           lr if language_lr is None else language_lr)
        self.image_opt.build(self.image_vars)
        self.language_opt.build(self.language_vars)

    def _forward(self, images, rows, inputs, targets, training):
        images, rows, inputs, targets = (tf.convert_to_tensor(a) for a in (images, rows, inputs, targets))
        vectors = self.encoder(images, training=training)  # one CNN pass per image
        probs = self.decoder([tf.gather(vectors, rows), inputs], training=training)
        return caption_loss(targets, probs)

    @tf.function(reduce_retracing=True)
    def train_step(self, images, rows, inputs, targets):
        with tf.GradientTape() as tape:
            loss = self._forward(images, rows, inputs, targets, True)
        grads = tape.gradient(loss, self.image_vars + self.language_vars)
        n = len(self.image_vars)
        self.image_opt.apply_gradients(zip(grads[:n], self.image_vars))
        self.language_opt.apply_gradients(zip(grads[n:], self.language_vars))
        return loss

    @tf.function(reduce_retracing=True)
    def loss_step(self, images, rows, inputs, targets):
        return self._forward(images, rows, inputs, targets, False)

    def evaluate_loss(self, batches):
        """Mean loss over batches, weighted by each batch's number of real next words."""
        total, words = 0.0, 0
        for b in batches:
            n = int(np.count_nonzero(b[3]))
            total += float(self.loss_step(*b)) * n
            words += n
        return total / max(words, 1)

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


def save_checkpoint(directory, trainer, run, epoch, history):
    os.makedirs(directory, exist_ok=True)
    state = trainer.state()
    arrays = {f"w{i}": w for i, w in enumerate(state["weights"])}
    for key in ("image_opt", "language_opt"):
        arrays.update({f"{key}{i}": v for i, v in enumerate(state[key])})
    arrays["epoch"] = np.array(epoch)
    _atomic_write(os.path.join(directory, "state.npz"), lambda f: np.savez(f, **arrays))
    meta = dict(run, history=history)
    _atomic_write(os.path.join(directory, "run.json"), lambda f: f.write(json.dumps(meta, indent=1).encode()))


def _read_state(directory):
    with np.load(os.path.join(directory, "state.npz")) as z:
        pick = lambda prefix: [z[f"{prefix}{i}"] for i in range(sum(k.startswith(prefix) and k[len(prefix):].isdigit() for k in z))]
        return {"weights": pick("w"), "image_opt": pick("image_opt"),
                "language_opt": pick("language_opt"), "epoch": int(z["epoch"])}


def load_run(directory):
    """(model, vocab, run) from a checkpoint directory written by `fit`."""
    path = os.path.join(directory, "run.json")
    if not os.path.exists(path):
        raise FileNotFoundError(f"checkpoint {directory!r}: no run.json; train first (python -m modern train)")
    with open(path) as f:
        run = json.load(f)
    model = M.build_model(**run["model"])
    model.set_weights(_read_state(directory)["weights"])
    return model, D.Vocabulary(run["vocab"]), run


# ---------------------------------------------------------------- the loop

def fit(model, vocab, train, val, epochs=10, batch_size=32, checkpoint=None, seed=0, verbose=1,
        optimizer="adam", lr=1e-3, image_lr=None, language_lr=None, info=None, log=print):
    """Train on whole captions; returns (trainer, history). Resumes from `checkpoint` if present.

    The checkpoint stores the build_model arguments (so it can be rebuilt) and `info` (anything
    else, e.g. how the data was made).
    """
    keras.utils.set_random_seed(seed)
    trainer = CaptionTrainer(model, optimizer, lr, image_lr, language_lr)
    max_len = M.sizes(model)[1]
    train_arrays = D.caption_arrays(train, vocab, max_len)
    val_arrays = D.caption_arrays(val, vocab, max_len)
    run = {"model": M.build_kwargs(model), "vocab": vocab.words[4:], "seed": seed,
           "optimizer": optimizer, "lr": lr, "image_lr": image_lr, "language_lr": language_lr,
           "info": info or {}}
    history, start = [], 0
    if checkpoint and os.path.exists(os.path.join(checkpoint, "state.npz")):
        state = _read_state(checkpoint)
        trainer.set_state(state)
        start = state["epoch"]
        with open(os.path.join(checkpoint, "run.json")) as f:
            history = json.load(f)["history"]
        log(f"resumed from {checkpoint} at epoch {start}")
    n_batches = -(-len(train.images) // batch_size)
    for epoch in range(start, epochs):
        t0 = time.time()
        order = np.random.RandomState([seed, epoch]).permutation(len(train.images))
        bar = keras.utils.Progbar(n_batches, verbose=verbose, stateful_metrics=["loss"])
        total = 0.0
        for i, b in enumerate(batches(train, train_arrays, batch_size, order)):
            loss = float(trainer.train_step(*b))
            total += loss
            bar.update(i + 1, [("loss", total / (i + 1))])
        val_loss = trainer.evaluate_loss(batches(val, val_arrays, 64)) if len(val.images) else None
        history.append({"epoch": epoch + 1, "loss": total / n_batches, "val_loss": val_loss,
                        "seconds": round(time.time() - t0, 2)})
        if verbose:
            log(f"epoch {epoch + 1}/{epochs}  loss {total / n_batches:.4f}  val_loss {val_loss:.4f}")
        if checkpoint:
            save_checkpoint(checkpoint, trainer, run, epoch + 1, history)
    return trainer, history
