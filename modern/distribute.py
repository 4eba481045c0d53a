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
* `DistributedTrainer`: train.py's step (one CNN pass per image, separate image/language
  optimizers, train.caption_loss) on every replica. Each replica divides its summed cross-entropy
  by the word count of the *global* batch (an all-reduce), and Keras' optimizer sums the replicas'
  gradients, so a step is the same step as on one device with the same global batch
  (tests/test_modern_distribute.py checks it on two logical CPU devices).

The epoch loop is train.fit's (`train.fit(..., strategy=make_strategy(...))`); only the chief
writes checkpoints.
"""
import json
import os

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

    Bilinear with antialiasing, like PIL's BILINEAR that data.load_image uses when shrinking;
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


# ---------------------------------------------------------------- the step

class DistributedTrainer(T.CaptionTrainer):
    """CaptionTrainer whose steps run on every replica of `strategy`; build the model inside
    `strategy.scope()` so that its variables are mirrored. train.fit(..., strategy=...) makes one."""

    def __init__(self, model, strategy, **kwargs):
        self.strategy = strategy
        with strategy.scope():
            super().__init__(model, **kwargs)
        self.image_size = M.sizes(model)[2][0]

    @property
    def is_chief(self):
        return is_chief(self.strategy)

    def describe(self):
        return {"distribute": type(self.strategy).__name__, "replicas": self.strategy.num_replicas_in_sync}

    def batches(self, split, vocab, batch_size, order=None):
        """Batches of (images, inputs (B,K,T), targets (B,K,T)), each split across the replicas."""
        data = caption_dataset(split, vocab, self.max_len, batch_size, self.image_size, order)
        return self.strategy.experimental_distribute_dataset(data)

    @staticmethod
    def _rows(images, inputs, targets):
        """(B, K, T) captions per image -> train.py's layout: (images, rows, inputs (B*K, T), targets)."""
        k, t = inputs.shape[1], inputs.shape[2]
        rows = tf.repeat(tf.range(tf.shape(images)[0]), k)   # caption i belongs to image rows[i]
        return images, rows, tf.reshape(inputs, (-1, t)), tf.reshape(targets, (-1, t))

    def _replica_step(self, *batch):
        images, rows, inputs, targets = self._rows(*batch)
        with tf.GradientTape() as tape:
            # this replica's share of the global mean: its summed loss over the global word count
            words = tf.distribute.get_replica_context().all_reduce("sum", T.word_count(targets))
            loss = T.caption_loss(targets, self.probabilities(images, rows, inputs, training=True), words)
        # Keras' TF optimizer all-reduces (sums) the gradients of the replicas before applying
        self.apply_gradients(tape.gradient(loss, self.image_vars + self.language_vars))
        return loss

    @tf.function(reduce_retracing=True)
    def train_step(self, *batch):
        return self.strategy.reduce("sum", self.strategy.run(self._replica_step, args=batch), axis=None)

    @tf.function(reduce_retracing=True)
    def _loss_sums(self, *batch):
        total, words = self.strategy.run(lambda *b: self.loss_sums(*self._rows(*b)), args=batch)
        return self.strategy.reduce("sum", total, axis=None), self.strategy.reduce("sum", words, axis=None)
