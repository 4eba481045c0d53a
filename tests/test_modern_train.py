"""modern/train.py: whole-caption loss == the seed's per-prefix loss; resume; separate optimizers."""
import json
import os

import keras
import numpy as np
import pytest
import tensorflow as tf

from modern import data as D
from modern import model as M
from modern import train as T

SIZE = 16


@pytest.fixture(scope="module")
def setup():
    ds = D.shapes_dataset(8, 4, 0, image_size=SIZE, seed=3)
    vocab = D.Vocabulary.build(ds["train"].captions)
    return ds, vocab


def _model(vocab, seed=0, mask_zero=True):
    keras.utils.set_random_seed(seed)
    return M.build_model(len(vocab), 16, (SIZE, SIZE, 3), mask_zero=mask_zero)


def _prefix_loss(model, split, vocab, variables=None):
    """The seed's formulation: every (image, partial caption) row through the seed model,
    cross-entropy of the next word computed by hand, mean over rows."""
    rows, prefixes, nexts = D.prefix_arrays(split, vocab, 16)
    with tf.GradientTape() as tape:
        probs = model([split.images[rows], prefixes.astype("int32")])
        picked = tf.gather(probs, nexts, batch_dims=1)
        loss = -tf.reduce_mean(tf.math.log(tf.clip_by_value(picked, 1e-7, 1 - 1e-7)))
    return float(loss), (tape.gradient(loss, variables) if variables else None), len(rows)


def test_whole_caption_loss_equals_per_prefix_loss(setup):
    ds, vocab = setup
    model = _model(vocab)
    trainer = T.CaptionTrainer(model)
    batch = next(T.batches(ds["train"], D.caption_arrays(ds["train"], vocab), batch_size=8))
    variables = trainer.image_vars + trainer.language_vars
    images, rows, inputs, targets = batch
    with tf.GradientTape() as tape:
        whole = T.caption_loss(targets, trainer.probabilities(images, rows, inputs))
    whole_grads = tape.gradient(whole, variables)
    per_prefix, prefix_grads, n_rows = _prefix_loss(model, ds["train"], vocab, variables)
    assert n_rows == np.count_nonzero(batch[3]) > 8 * 5  # every next word of every caption
    np.testing.assert_allclose(float(whole), per_prefix, rtol=1e-5)
    for g1, g2 in zip(whole_grads, prefix_grads):
        np.testing.assert_allclose(tf.convert_to_tensor(g1).numpy(), tf.convert_to_tensor(g2).numpy(),
                                   rtol=1e-3, atol=1e-6)


def test_seed_model_without_mask_is_not_prefix_consistent(setup):
    """Why the mask is needed: unmasked, leading padding changes a prefix's prediction."""
    ds, vocab = setup
    model = _model(vocab, mask_zero=False)
    index, x, y = D.caption_arrays(ds["train"], vocab)
    whole = M.per_step_model(model)([ds["train"].images[index], x.astype("int32")])
    whole = float(T.caption_loss(y, whole))
    assert abs(whole - _prefix_loss(model, ds["train"], vocab)[0]) > 1e-4
    with pytest.raises(ValueError, match="mask_zero=True"):
        T.CaptionTrainer(model)


@pytest.mark.slow
def test_resume_gives_same_weights_as_uninterrupted(setup, tmp_path):
    ds, vocab = setup
    a = _model(vocab)
    T.fit(a, vocab, ds["train"], ds["val"], epochs=2, batch_size=4, verbose=0, seed=1)
    b = _model(vocab)
    ck = str(tmp_path / "ck")
    _, h1 = T.fit(b, vocab, ds["train"], ds["val"], epochs=1, batch_size=4, verbose=0, seed=1, checkpoint=ck)
    assert sorted(os.listdir(ck)) == ["run.json", "state.npz"]  # no temporary file left behind
    c = _model(vocab, seed=99)  # different init: everything must come from the checkpoint
    logs = []
    _, h2 = T.fit(c, vocab, ds["train"], ds["val"], epochs=2, batch_size=4, verbose=0, seed=1, checkpoint=ck,
                  log=logs.append)
    assert "resumed" in logs[0] and [h["epoch"] for h in h2] == [1, 2]
    for wa, wc in zip(a.get_weights(), c.get_weights()):
        np.testing.assert_allclose(wa, wc, rtol=1e-4, atol=1e-6)
    restored, vocab2, run = T.load_run(ck)
    assert vocab2.words == vocab.words and json.load(open(os.path.join(ck, "run.json")))["history"][1]["epoch"] == 2
    for wr, wc in zip(restored.get_weights(), c.get_weights()):
        np.testing.assert_array_equal(wr, wc)


def test_separate_learning_rates(setup):
    """Seed question 1: the image and language sub-models have their own optimizers."""
    ds, vocab = setup
    model = _model(vocab)
    image_before = [v.numpy().copy() for v in M.sub_model_weights(model)[0]]
    language_before = [v.numpy().copy() for v in M.sub_model_weights(model)[1]]
    trainer, history = T.fit(model, vocab, ds["train"], ds["val"], epochs=1, batch_size=4, verbose=0,
                             image_lr=0.0, language_lr=1e-2, optimizer="sgd")
    assert history[0]["val_loss"] > 0
    for before, v in zip(image_before, M.sub_model_weights(model)[0]):
        np.testing.assert_array_equal(before, v.numpy())
    assert any(not np.allclose(b, v.numpy()) for b, v in zip(language_before, M.sub_model_weights(model)[1]))
    assert float(trainer.image_opt.learning_rate) == 0.0 and np.isclose(float(trainer.language_opt.learning_rate), 1e-2)
    with pytest.raises(ValueError, match="optimizer='adamw2'"):
        T.make_optimizer("adamw2", 1e-3)


def test_empty_validation_split_trains_and_logs(setup):
    """No validation images: val_loss is None, the log line still prints, keep_best keeps the last."""
    ds, vocab = setup
    model = _model(vocab)
    empty = D.Split(ds["train"].images[:0], [])
    logs = []
    _, history = T.fit(model, vocab, ds["train"], empty, epochs=1, batch_size=4, verbose=1, keep_best=True,
                       log=logs.append)
    assert history[0]["val_loss"] is None and T.best_epoch(history) is None
    assert logs[-1].startswith("epoch 1/1") and "val_loss -" in logs[-1]


def test_keep_best_ends_with_the_lowest_validation_loss(setup, tmp_path):
    """keep_best: the model ends with the epoch the validation split chose, and the checkpoint's
    best.npz (what load_run serves) holds the same weights."""
    ds, vocab = setup
    ck = str(tmp_path / "ck")
    model = _model(vocab)
    # a learning rate this high makes later epochs worse on validation
    run = T.Training(model, vocab, ds["train"], ds["val"], epochs=4, batch_size=4, verbose=0, lr=0.05,
                     keep_best=True, checkpoint=ck)
    weights = []
    for _ in range(4):
        run.epoch()
        weights.append(model.get_weights())
    losses = [h["val_loss"] for h in run.history]
    best = int(np.argmin(losses))
    assert run.best_epoch == best + 1 and best < 3  # not simply the last epoch
    _, history = T.fit(model, vocab, ds["train"], ds["val"], epochs=4, batch_size=4, verbose=0, lr=0.05,
                       keep_best=True, checkpoint=ck, log=lambda *_: None)  # resumes: nothing left to train
    assert [h["val_loss"] for h in history] == losses
    for a, b in zip(model.get_weights(), weights[best]):
        np.testing.assert_array_equal(a, b)
    restored, _, run_json = T.load_run(ck)
    assert run_json["kept_epoch"] == best + 1
    for a, b in zip(restored.get_weights(), weights[best]):
        np.testing.assert_array_equal(a, b)
