"""modern/sample.py (greedy, beam) and modern/evaluate.py (scores, baselines, picture)."""
import numpy as np
import pytest
from PIL import Image

import keras
from modern import data as D
from modern import evaluate as E
from modern import model as M
from modern import sample as S


@pytest.fixture(scope="module")
def captioner():
    ds = D.shapes_dataset(4, 0, 3, image_size=16, seed=2)
    vocab = D.Vocabulary.build(ds["train"].captions)
    keras.utils.set_random_seed(4)
    model = M.build_model(len(vocab), 6, (16, 16, 3), mask_zero=True)
    # sharpen the random output layer so captions differ between images and end early
    w, b = model.get_layer("output").get_weights()
    b[vocab.index[D.END]] += 1.5
    model.get_layer("output").set_weights([w * 40, b])
    return S.Captioner(model, vocab), ds["test"].images


def _seed_log_prob(cap, image, words):
    """Sum of log P(word | image, prefix) through the seed-shaped model, one prefix at a time."""
    end = cap.vocab.index[D.END]
    seq, total = [cap.vocab.index[D.START]], 0.0
    for w in list(words) + ([end] if len(words) < cap.max_len else []):
        p = cap.model.predict([image[None], D.pad_sequences([seq], cap.max_len)], verbose=0)[0]
        total += np.log(p[w])
        seq.append(w)
    return total


def test_greedy_takes_argmax_of_the_seed_model(captioner):
    cap, images = captioner
    seqs = cap.greedy(images)
    for image, words in zip(images, seqs):
        seq = [cap.vocab.index[D.START]]
        for w in words:
            p = cap.model.predict([image[None], D.pad_sequences([seq], cap.max_len)], verbose=0)[0]
            p[cap.banned] = 0
            assert w == int(p.argmax())
            seq.append(w)


def test_beam_width1_is_greedy_and_wider_beams_score_no_worse(captioner):
    cap, images = captioner
    greedy = cap.greedy(images)
    assert cap.beam(images, width=1) == greedy
    wide = cap.beam(images, width=4)
    for image, g, b in zip(images, greedy, wide):
        assert _seed_log_prob(cap, image, b) >= _seed_log_prob(cap, image, g) - 1e-4


def test_image_encoded_once_per_image(captioner, monkeypatch):
    cap, images = captioner
    calls = []
    encoder = cap.encoder
    monkeypatch.setattr(cap, "encoder", lambda x, training: calls.append(len(x)) or encoder(x, training=training))
    cap.beam(images, width=3)
    cap.greedy(images)
    assert calls == [len(images), len(images)]


def test_bleu_cider_and_baselines():
    refs = [["a red circle", "a small red circle"], ["a blue square", "one blue square"]]
    perfect = E.scores(["a red circle", "a blue square"], refs)
    assert perfect["bleu1"] == pytest.approx(1.0) and perfect["cider"] > 1.0
    wrong = E.scores(["one green triangle", "a green triangle"], refs)
    assert wrong["bleu4"] < 0.1 and wrong["cider"] < perfect["cider"]
    train = D.Split(np.stack([np.zeros((4, 4, 3)), np.ones((4, 4, 3))]).astype("float32"),
                    [["dark", "dark", "a dark image"], ["light", "a light image", "a bright light image"]])
    assert E.most_frequent_caption(train.captions) == "dark"
    test_images = np.full((1, 4, 4, 3), 0.9, "float32")
    assert E.nearest_neighbour_captions(train, test_images) == ["a light image"]
    base = E.baselines(train, D.Split(test_images, [["a light image"]]))
    assert base["nearest_neighbour"]["bleu1"] == pytest.approx(1.0)
    assert base["most_frequent"]["bleu1"] == 0.0  # "dark" is not in "a light image"
    assert base["baseline_bleu4"] == base["nearest_neighbour"]["bleu4"]


def test_contact_sheet(tmp_path):
    images = np.random.RandomState(0).rand(5, 8, 8, 3).astype("float32")
    path = E.contact_sheet(str(tmp_path / "s.png"), images, ["x"] * 5, [["a", "b"]] * 5, columns=4, scale=4)
    im = Image.open(path)
    assert im.size[0] == 4 * 330 and im.size[1] == 2 * (32 + 12 * 3 + 8)
