"""Training past one device: a tf.distribute strategy over a tf.data pipeline.

* `make_strategy('one' | 'mirrored' | 'multiworker')`: the default (single-device) strategy,
  MirroredStrategy (every local GPU, or the CPU when there is none), or
  MultiWorkerMirroredStrategy, whose cluster comes from the TF_CONFIG environment variable
  (modern/README.md shows a launch).
* `caption_dataset`: one element per image: the image and all of its captions as fixed-shape
  (K, max_len) input/target arrays (K = most captions any image has; missing ones are all-padding
  rows, which the loss ignores). Images come either from memory (the generated scenes) or from
  disk: a FileSplit's paths are read, decoded and resized *inside* the pipeline, in parallel and
  prefetched, so a COCO-size set is never held in memory.
* `DistributedTrainer`: whole-caption training as in train.py (one CNN pass per image, separate
  image/language optimizers). Each replica sums its cross-entropy over real words and divides by
  the word count of the *global* batch (an all-reduce), and Keras' optimizer sums the replicas'
  gradients, so a step is the same step as on one device with the same global batch
  (tests/test_modern_distribute.py checks it on two logical CPU devices).
* `fit`: the epoch loop, with train.py's atomic, resumable checkpoints (only the chief writes).
"""
import json
import os
import time

import keras
import numpy as np
import tensorflow as tf

from . import data as D
from . import model as M
from . import train as T

MULTIWORKER_HELP = ("set TF_CONFIG on every worker, e.g. "
                    """TF_CONFIG='{"cluster": {"worker": ["host1:12345", "host2:12345"]}, """
                    """"task": {"type": "worker", "index": 0}}' (see modern/README.md)""")


def _multiworker():
    if not os.environ.get("TF_CONFIG"):
        raise ValueError(f"--distribute multiworker: TF_CONFIG is not set; {MULTIWORKER_HELP}")
    try:
        json.loads(os.environ["TF_CONFIG"])
    except ValueError as e:
        raise ValueError(f"--distribute multiworker: TF_CONFIG is not valid JSON ({e}); {MULTIWORKER_HELP}")
    return tf.distribute.MultiWorkerMirroredStrategy()


STRATEGIES = {
    "one": tf.distribute.get_strategy,            # the default strategy: one device, no copies
    "mirrored": tf.distribute.MirroredStrategy,   # all local GPUs (the CPU if none), in-graph all-reduce
    "multiworker": _multiworker,                  # several machines, synchronous, cluster from TF_CONFIG
}


def make_strategy(name):
    """Create it before any other TensorFlow work (MultiWorkerMirroredStrategy requires that)."""
    if name not in STRATEGIES:
        raise ValueError(f"distribute={name!r}: expected one of {sorted(STRATEGIES)}")
    return STRATEGIES[name]()


def is_chief(strategy):
    """Whether this process writes checkpoints: single-process strategies, or the multi-worker chief."""
    resolver = getattr(strategy, "cluster_resolver", None)
    if resolver is None or not resolver.task_type:
        return True
    has_chief = "chief" in resolver.cluster_spec().as_dict()
    return resolver.task_type == "chief" or (not has_chief and resolver.task_type == "worker"
                                             and resolver.task_id == 0)


# ---------------------------------------------------------------- the pipeline

def caption_table(captions, vocab, max_len=16):
    """(inputs, targets), each (N, K, max_len) int32: pre-padded [<start> w..] / [w.. <end>] per
    reference caption of every image; images with fewer than K captions get all-zero rows."""
    split = D.Split(None, captions)
    index, inputs, targets = D.caption_arrays(split, vocab, max_len)
    k = max((len(c) for c in captions), default=1)
    x = np.zeros((len(captions), k, max_len), "int32")
    y = np.zeros_like(x)
    slot = np.zeros(len(captions), "int64")
    for r, i in enumerate(index):
        x[i, slot[i]], y[i, slot[i]] = inputs[r], targets[r]
        slot[i] += 1
    return x, y


def read_image(path, size):
    """A file -> (size, size, 3) float32 in [0, 1], in TensorFlow ops (runs inside tf.data).

    Bilinear with antialiasing, like PIL's BILINEAR that data.encode_image uses when shrinking;
    the two agree exactly when no resize is needed and to within a few grey levels otherwise.
    """
    image = tf.io.decode_image(tf.io.read_file(path), channels=3, expand_animations=False)
    image = tf.image.resize(image, (size, size), method="bilinear", antialias=True)
    return tf.ensure_shape(image / 255.0, (size, size, 3))


def caption_dataset(split, vocab, max_len, batch_size, image_size=None, order=None):
    """A batched tf.data.Dataset of (images, inputs (B,K,T), targets (B,K,T)).

    split: an in-memory data.Split, or a data.FileSplit streamed from disk (then image_size is
    needed). order: image order for this epoch (a permutation), default as stored.
    """
    inputs, targets = caption_table(split.captions, vocab, max_len)
    order = np.arange(len(split.captions)) if order is None else np.asarray(order)
    if isinstance(split, D.FileSplit):
        if not image_size:
            raise ValueError("image_size: needed to stream a FileSplit from disk")
        paths = np.array(split.paths, dtype=object)[order].astype(str)
        ds = tf.data.Dataset.from_tensor_slices((paths, inputs[order], targets[order]))
        ds = ds.map(lambda p, x, y: (read_image(p, image_size), x, y),
                    num_parallel_calls=tf.data.AUTOTUNE, deterministic=True)
    else:
        ds = tf.data.Dataset.from_tensor_slices((split.images[order], inputs[order], targets[order]))
    options = tf.data.Options()
    # multi-worker: each worker takes every n-th *element* (the sources are not separate files)
    options.experimental_distribute.auto_shard_policy = tf.data.experimental.AutoShardPolicy.DATA
    return ds.batch(batch_size).prefetch(tf.data.AUTOTUNE).with_options(options)


# ---------------------------------------------------------------- training

class DistributedTrainer(T.CaptionTrainer):
    """CaptionTrainer whose steps run on every replica of `strategy`; build the model (and this
    trainer) inside `strategy.scope()` so that variables are mirrored."""

    def __init__(self, model, strategy, **kwargs):
        self.strategy = strategy
        with strategy.scope():
            super().__init__(model, **kwargs)

    def _sums(self, images, inputs, targets, training):
        """(sum of cross-entropy over real next words, number of real next words) on this replica."""
        k, t = inputs.shape[1], inputs.shape[2]
        vectors = self.encoder(images, training=training)  # one CNN pass per image
        vectors = tf.repeat(vectors, k, axis=0)             # ... shared by its K captions
        inputs, targets = tf.reshape(inputs, (-1, t)), tf.reshape(targets, (-1, t))
        probs = self.decoder([vectors, inputs], training=training)
        ce = keras.losses.sparse_categorical_crossentropy(targets, probs)
        weight = tf.cast(tf.not_equal(targets, 0), ce.dtype)
        return tf.reduce_sum(ce * weight), tf.reduce_sum(weight)

    def _replica_train(self, images, inputs, targets):
        with tf.GradientTape() as tape:
            total, words = self._sums(images, inputs, targets, True)
            words = tf.distribute.get_replica_context().all_reduce("sum", words)
            loss = total / tf.maximum(words, 1.0)   # this replica's share of the global mean
        variables = self.image_vars + self.language_vars
        grads = tape.gradient(loss, variables)
        n = len(self.image_vars)
        # Keras' TF optimizer all-reduces (sums) the gradients of the replicas before applying
        self.image_opt.apply_gradients(zip(grads[:n], self.image_vars))
        self.language_opt.apply_gradients(zip(grads[n:], self.language_vars))
        return loss

    @tf.function(reduce_retracing=True)
    def distributed_train_step(self, batch):
        losses = self.strategy.run(self._replica_train, args=batch)
        return self.strategy.reduce("sum", losses, axis=None)

    @tf.function(reduce_retracing=True)
    def distributed_loss_sums(self, batch):
        total, words = self.strategy.run(lambda *b: self._sums(*b, training=False), args=batch)
        return self.strategy.reduce("sum", total, axis=None), self.strategy.reduce("sum", words, axis=None)

    def distributed_loss(self, dataset):
        total = words = 0.0
        for batch in self.strategy.experimental_distribute_dataset(dataset):
            t, w = self.distributed_loss_sums(batch)
            total, words = total + float(t), words + float(w)
        return total / max(words, 1.0)


def fit(model, vocab, train, val, strategy, epochs=10, batch_size=32, image_size=None, checkpoint=None,
        seed=0, verbose=1, optimizer="adam", lr=1e-3, image_lr=None, language_lr=None, info=None, log=print):
    """train.fit over `strategy`; train/val are Splits (in memory) or FileSplits (streamed).

    batch_size is the global batch (images per step, split across the replicas). The model must
    have been built inside strategy.scope(). Returns (trainer, history).
    """
    keras.utils.set_random_seed(seed)
    trainer = DistributedTrainer(model, strategy, optimizer=optimizer, lr=lr, image_lr=image_lr,
                                 language_lr=language_lr)
    max_len = M.sizes(model)[1]
    image_size = image_size or M.sizes(model)[2][0]
    run = {"model": M.build_kwargs(model), "vocab": vocab.words[4:], "seed": seed, "optimizer": optimizer,
           "lr": lr, "image_lr": image_lr, "language_lr": language_lr,
           "distribute": type(strategy).__name__, "replicas": strategy.num_replicas_in_sync, "info": info or {}}
    history, start = [], 0
    if checkpoint and os.path.exists(os.path.join(checkpoint, "state.npz")):
        state = T._read_state(checkpoint)
        trainer.set_state(state)
        start = state["epoch"]
        with open(os.path.join(checkpoint, "run.json")) as f:
            history = json.load(f)["history"]
        log(f"resumed from {checkpoint} at epoch {start}")
    n_images = len(train.captions)
    n_batches = -(-n_images // batch_size)
    val_set = caption_dataset(val, vocab, max_len, batch_size, image_size) if len(val.captions) else None
    for epoch in range(start, epochs):
        t0 = time.time()
        order = np.random.RandomState([seed, epoch]).permutation(n_images)  # as train.fit: resumable
        data = caption_dataset(train, vocab, max_len, batch_size, image_size, order)
        bar = keras.utils.Progbar(n_batches, verbose=verbose, stateful_metrics=["loss"])
        total = 0.0
        for i, batch in enumerate(strategy.experimental_distribute_dataset(data)):
            total += float(trainer.distributed_train_step(batch))
            bar.update(i + 1, [("loss", total / (i + 1))])
        val_loss = trainer.distributed_loss(val_set) if val_set is not None else None
        history.append({"epoch": epoch + 1, "loss": total / n_batches, "val_loss": val_loss,
                        "seconds": round(time.time() - t0, 2)})
        if verbose:
            log(f"epoch {epoch + 1}/{epochs}  loss {total / n_batches:.4f}  val_loss {val_loss}")
        if checkpoint and is_chief(strategy):
            T.save_checkpoint(checkpoint, trainer, run, epoch + 1, history)
    return trainer, history
