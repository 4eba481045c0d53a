"""modern/data.py: generated scenes, Keras 1 padding, vocabulary, Flickr8k/COCO loaders."""
import json

import numpy as np
import pytest
from PIL import Image

from modern import data as D


def test_pad_sequences_keras1_semantics():
    # keras 1.2.2 preprocessing/sequence.py pad_sequences: padding='pre', truncating='pre', value 0
    seqs = [[1, 2, 3], [4], []]
    assert D.pad_sequences(seqs, 2).tolist() == [[2, 3], [0, 4], [0, 0]]
    assert D.pad_sequences(seqs, 4).tolist() == [[0, 1, 2, 3], [0, 0, 0, 4], [0, 0, 0, 0]]
    assert D.pad_sequences(seqs, 2, truncating="post").tolist() == [[1, 2], [0, 4], [0, 0]]
    assert D.pad_sequences(seqs, 4, padding="post", value=9).tolist() == [[1, 2, 3, 9], [4, 9, 9, 9], [9, 9, 9, 9]]
    with pytest.raises(ValueError, match="padding='middle'"):
        D.pad_sequences(seqs, 2, padding="middle")


def test_shapes_dataset_deterministic_five_captions():
    a = D.shapes_dataset(12, 3, 4, image_size=24, seed=5)
    b = D.shapes_dataset(12, 3, 4, image_size=24, seed=5)
    c = D.shapes_dataset(12, 3, 4, image_size=24, seed=6)
    assert [len(a[s].images) for s in ("train", "val", "test")] == [12, 3, 4]
    np.testing.assert_array_equal(a["train"].images, b["train"].images)
    assert a["train"].captions == b["train"].captions
    assert not np.array_equal(a["train"].images, c["train"].images)
    assert a["train"].images.shape == (12, 24, 24, 3) and a["train"].images.dtype == np.float32
    assert 0.0 <= a["train"].images.min() and a["train"].images.max() <= 1.0
    for refs in a["train"].captions:
        assert len(refs) == 5 and len(set(refs)) == 5
    words = {w for refs in a["train"].captions for r in refs for w in r.split()}
    assert words & set(D.COLOURS) and words & set(D.SHAPES)


def _pairs(captions):
    """Colour-shape pairs named in captions ('a big red triangle' -> ('red', 'triangle'))."""
    out = set()
    for refs in captions:
        for r in refs:
            words = r.split()
            out |= {(a, b) for a, b in zip(words, words[1:]) if a in D.COLOURS and b in D.SHAPES}
    return out


def test_novel_split_holds_the_only_held_out_colour_shape_pairs():
    """Compositional test split: its subjects are colour-shape pairs that train/val/test never show,
    while every colour and every shape on its own does occur in training."""
    a = D.shapes_dataset(150, 20, 20, image_size=16, seed=0, n_novel=30, held_out=D.HELD_OUT)
    b = D.shapes_dataset(150, 20, 20, image_size=16, seed=0, n_novel=30, held_out=D.HELD_OUT)
    np.testing.assert_array_equal(a["novel"].images, b["novel"].images)
    assert a["novel"].captions == b["novel"].captions and len(a["novel"].images) == 30
    held = set(D.HELD_OUT)
    for name in ("train", "val", "test"):
        assert not _pairs(a[name].captions) & held, name
    for refs in a["novel"].captions:  # the subject (named by every caption) is a held-out pair
        assert _pairs([refs]) & held, refs
    trained = _pairs(a["train"].captions)
    assert {c for c, _ in trained} == set(D.COLOURS) and {s for _, s in trained} == set(D.SHAPES)
    # without held-out pairs the splits are the usual ones (legacy/ and experiments train on those)
    plain = D.shapes_dataset(150, 20, 20, image_size=16, seed=0)
    assert "novel" not in plain and _pairs(plain["train"].captions) & held
    with pytest.raises(ValueError, match="held_out"):
        D.shapes_dataset(4, 0, 0, n_novel=2)


def test_shapes_captions_describe_the_picture():
    """A scene's captions name colours actually drawn: pixels of that colour exist."""
    ds = D.shapes_dataset(30, 0, 0, image_size=32, seed=1)["train"]
    for image, refs in zip(ds.images, ds.captions):
        for name, rgb in D.COLOURS.items():
            if any(f" {name} " in f" {r} " for r in refs):
                close = np.abs(image * 255 - np.array(rgb)).max(-1) < 30
                assert close.sum() >= 4, (name, refs)


def test_vocabulary_and_caption_arrays():
    split = D.Split(np.zeros((2, 16, 16, 3), "float32"), [["a red circle", "A red, red square!"], ["a blue circle"]])
    vocab = D.Vocabulary.build(split.captions)
    assert vocab.words[:4] == [D.PAD, D.START, D.END, D.UNK]
    assert vocab.words[4:7] == ["a", "red", "circle"]  # by frequency, ties alphabetical
    assert vocab.encode("a green circle") == [4, 3, 6]
    assert vocab.decode([1, 4, 5, 6, 2, 5]) == "a red circle"
    index, x, y = D.caption_arrays(split, vocab, max_len=5)
    assert index.tolist() == [0, 0, 1]
    s, e = 1, 2
    assert x[0].tolist() == [0, s, 4, 5, 6] and y[0].tolist() == [0, 4, 5, 6, e]
    # long captions are pre-truncated, as pad_sequences does
    sq = vocab.index["square"]
    assert x[1].tolist() == [s, 4, 5, 5, sq] and y[1].tolist() == [4, 5, 5, sq, e]
    _, x4, y4 = D.caption_arrays(split, vocab, max_len=4)
    assert x4[1].tolist() == [4, 5, 5, sq] and y4[1].tolist() == [5, 5, sq, e]
    rows, prefixes, nexts = D.prefix_arrays(split, vocab, max_len=5)
    assert prefixes[:4].tolist() == [[0, 0, 0, 0, s], [0, 0, 0, s, 4], [0, 0, s, 4, 5], [0, s, 4, 5, 6]]
    assert nexts[:4].tolist() == [4, 5, 6, e]
    assert D.Vocabulary.from_json(vocab.to_json()).words == vocab.words


def _write_images(folder, names):
    for i, n in enumerate(names):
        Image.new("RGB", (40, 30), (i * 100, 50, 200)).save(folder / n)


def test_flickr8k_loader(tmp_path):
    _write_images(tmp_path, ["1000_a.jpg", "1001_b.jpg"])
    token = tmp_path / "Flickr8k.token.txt"
    token.write_text("1000_a.jpg#0\tA dog runs .\n1000_a.jpg#1\tA brown dog .\n"
                     "1001_b.jpg#0\tTwo kids play .\n")
    split = D.flickr8k_files(str(token), str(tmp_path)).load(20)
    assert split.names == ["1000_a.jpg", "1001_b.jpg"]
    assert split.captions[0] == ["A dog runs .", "A brown dog ."]
    assert split.images.shape == (2, 20, 20, 3)
    lst = tmp_path / "Flickr_8k.trainImages.txt"
    lst.write_text("1001_b.jpg\n")
    assert D.flickr8k_files(str(token), str(tmp_path), image_list=str(lst)).names == ["1001_b.jpg"]
    (tmp_path / "1001_b.jpg").unlink()
    with pytest.raises(FileNotFoundError, match="1001_b.jpg"):
        D.flickr8k_files(str(token), str(tmp_path))
    bad = tmp_path / "bad.txt"
    bad.write_text("no tab here\n")
    with pytest.raises(ValueError, match="bad.txt:1"):
        D.flickr8k_files(str(bad), str(tmp_path))


def test_coco_loader(tmp_path):
    _write_images(tmp_path, ["000000000009.jpg", "000000000025.jpg"])
    ann = {"images": [{"id": 9, "file_name": "000000000009.jpg"}, {"id": 25, "file_name": "000000000025.jpg"}],
           "annotations": [{"id": 1, "image_id": 9, "caption": "A plate of food."},
                           {"id": 2, "image_id": 25, "caption": "A giraffe eating."},
                           {"id": 3, "image_id": 9, "caption": "Food on a plate. "}]}
    path = tmp_path / "captions_val2014.json"
    path.write_text(json.dumps(ann))
    split = D.coco_files(str(path), str(tmp_path)).load(16)
    assert split.captions == [["A plate of food.", "Food on a plate."], ["A giraffe eating."]]
    assert split.images.shape == (2, 16, 16, 3)
    with pytest.raises(FileNotFoundError, match="captions_json"):
        D.coco_files(str(tmp_path / "nope.json"), str(tmp_path))


def test_load_image(tmp_path):
    Image.new("RGB", (10, 20), (255, 0, 51)).save(tmp_path / "x.png")
    x = D.load_image(str(tmp_path / "x.png"), 8)
    assert x.shape == (8, 8, 3) and x.dtype == np.float32
    np.testing.assert_allclose(x[0, 0], [1.0, 0.0, 0.2], atol=1e-6)
    with pytest.raises(FileNotFoundError, match="missing.png"):
        D.load_image(str(tmp_path / "missing.png"), 8)
