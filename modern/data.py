"""Captioned images: a generated scene data set shipped as code, real-format loaders, vocabulary.

* `shapes_dataset`: ShapeWorld-style scenes of 1-3 coloured shapes, five different reference
  captions each, deterministic by seed (nothing is downloaded); optionally a 'novel' split of
  colour-shape pairs kept out of training (HELD_OUT).
* `flickr8k_files`, `coco_files`: the two formats real caption data comes in, as FileSplits
  (paths and captions; `.load(size)` decodes the images into memory).
* `Vocabulary`, `pad_sequences` (Keras 1 semantics) and `caption_arrays`, which turn captions into
  the (input, target) word arrays train.py consumes.
"""
import json
import os
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw

PAD, START, END, UNK = "<pad>", "<start>", "<end>", "<unk>"


@dataclass
class Split:
    """Images (N, H, W, 3) float32 in [0, 1], and for each image a list of reference captions."""
    images: np.ndarray
    captions: list
    names: list = None


# ---------------------------------------------------------------- images

def load_image(image, size):
    """A PIL image or a path -> (size, size, 3) float32 in [0, 1], channels last."""
    if isinstance(image, (str, os.PathLike)):
        if not os.path.exists(image):
            raise FileNotFoundError(f"image {image!r} does not exist")
        image = Image.open(image)
    image = image.convert("RGB").resize((size, size), Image.BILINEAR)
    return np.asarray(image, dtype="float32") / 255.0


# ---------------------------------------------------------------- generated scenes

COLOURS = {"red": (230, 40, 40), "green": (40, 200, 60), "blue": (50, 90, 240),
           "yellow": (240, 220, 40), "white": (240, 240, 240)}
SIZES = {"small": 0.11, "big": 0.2}  # radius as a fraction of the image side
ROWS, COLS = ("top", "middle", "bottom"), ("left", "centre", "right")
NUMBERS = {1: "one", 2: "two", 3: "three"}


def _draw(draw, shape, centre, radius, colour):
    x, y = centre
    r = radius
    table = {
        "circle": lambda: draw.ellipse([x - r, y - r, x + r, y + r], fill=colour),
        "square": lambda: draw.rectangle([x - r, y - r, x + r, y + r], fill=colour),
        "triangle": lambda: draw.polygon([(x, y - r), (x - r, y + r), (x + r, y + r)], fill=colour),
    }
    table[shape]()


SHAPES = ("circle", "square", "triangle")


def _place(rng, n):
    """n distinct cells of a 3x3 grid: (row, col) pairs, so shapes never overlap."""
    cells = rng.choice(9, size=n, replace=False)
    return [(int(c) // 3, int(c) % 3) for c in cells]


def _relation(a, b):
    """Where shape a is relative to shape b, in words (the larger displacement wins)."""
    dr, dc = a["cell"][0] - b["cell"][0], a["cell"][1] - b["cell"][1]
    if abs(dr) >= abs(dc):
        return "above" if dr < 0 else "below"
    return "to the left of" if dc < 0 else "to the right of"


def _np(s):
    return f"a {s['size']} {s['colour']} {s['shape']}"


def _where(s):
    row, col = ROWS[s["cell"][0]], COLS[s["cell"][1]]
    return "in the middle" if (row, col) == ("middle", "centre") else f"in the {row} {col}"


def _captions(shapes, rng):
    """Five different reference captions for one scene."""
    a = shapes[0]
    n = len(shapes)
    if n == 1:
        pool = [_np(a), f"there is {_np(a)}", f"a {a['colour']} {a['shape']} {_where(a)}",
                f"{_np(a)} {_where(a)}", f"one {a['colour']} {a['shape']}",
                f"a {a['size']} {a['shape']} that is {a['colour']}"]
    else:
        b = shapes[1]
        listing = " and ".join(f"a {s['colour']} {s['shape']}" for s in shapes)
        others = {2: "one other shape", 3: "two other shapes"}[n]
        pool = [f"{_np(a)} {_relation(a, b)} {_np(b)}",
                f"{_np(b)} {_relation(b, a)} {_np(a)}",
                listing,
                f"{NUMBERS[n]} shapes with {_np(a)}",
                f"there is {_np(a)} and {others}",
                f"a {a['colour']} {a['shape']} {_relation(a, b)} a {b['colour']} {b['shape']}"]
    order = rng.permutation(len(pool))[:5]
    return [pool[i] for i in sorted(order)]


def _layout(rng):
    """1-3 shapes, each (shape, colour, size) in its own grid cell; the biggest first."""
    n = int(rng.randint(1, 4))
    shapes = [dict(shape=SHAPES[rng.randint(len(SHAPES))], colour=list(COLOURS)[rng.randint(len(COLOURS))],
                   size=list(SIZES)[rng.randint(len(SIZES))], cell=cell) for cell in _place(rng, n)]
    # the biggest shape is the subject of the captions
    shapes.sort(key=lambda s: -SIZES[s["size"]])
    return shapes


def _render(shapes, rng, size):
    scale = 4  # draw large, then downsample: smooth edges at small sizes
    canvas = Image.new("RGB", (size * scale, size * scale), (0, 0, 0))
    draw = ImageDraw.Draw(canvas)
    cell = size * scale / 3
    for s in shapes:
        jitter = rng.uniform(-0.12, 0.12, size=2) * cell
        centre = ((s["cell"][1] + 0.5) * cell + jitter[0], (s["cell"][0] + 0.5) * cell + jitter[1])
        _draw(draw, s["shape"], centre, SIZES[s["size"]] * size * scale, COLOURS[s["colour"]])
    return np.asarray(canvas.resize((size, size), Image.LANCZOS), dtype="float32") / 255.0


# Colour-shape pairs that the compositional test split is made of: every colour and every shape is
# seen in training, never these three together. Each pair keeps its colour and its shape distinct.
HELD_OUT = (("red", "triangle"), ("green", "circle"), ("blue", "square"))


def _is_held_out(s, held_out):
    return (s["colour"], s["shape"]) in held_out


def _scene(rng, size, accept=lambda shapes: True):
    """An image and its five captions; layouts are drawn until `accept(shapes)` holds."""
    shapes = _layout(rng)
    while not accept(shapes):
        shapes = _layout(rng)
    image = _render(shapes, rng, size)
    return image, _captions(shapes, rng)


def shapes_dataset(n_train=2000, n_val=200, n_test=200, image_size=32, seed=0, n_novel=0, held_out=()):
    """{'train', 'val', 'test'} of generated scenes, the same for the same arguments.

    held_out: colour-shape pairs (e.g. HELD_OUT) that never occur in train, val or test. With
    n_novel, a fourth split 'novel' of n_novel scenes whose subject (the shape every caption names)
    is one of them: a test of compositional generalisation. With no held_out pairs the splits are
    the ones this function always made.
    """
    held_out = set(held_out)
    if n_novel and not held_out:
        raise ValueError("n_novel: a 'novel' split needs held_out colour-shape pairs, e.g. held_out=HELD_OUT")
    seen = lambda shapes: not any(_is_held_out(s, held_out) for s in shapes)
    novel = lambda shapes: _is_held_out(shapes[0], held_out)
    plan = (("train", n_train, seen), ("val", n_val, seen), ("test", n_test, seen), ("novel", n_novel, novel))
    out = {}
    for i, (name, n, accept) in enumerate(plan):
        if name == "novel" and not n:
            continue
        rng = np.random.RandomState([seed, i])
        scenes = [_scene(rng, image_size, accept) for _ in range(n)]
        images = np.stack([s[0] for s in scenes]) if scenes else np.zeros((0, image_size, image_size, 3), "float32")
        out[name] = Split(images, [s[1] for s in scenes], [f"{name}_{j:05d}" for j in range(n)])
    return out


# ---------------------------------------------------------------- real formats

def _require(path, what):
    if not os.path.exists(path):
        raise FileNotFoundError(f"{what} {path!r} does not exist")


@dataclass
class FileSplit:
    """Captioned images left on disk: full image paths and, per image, its reference captions.

    What modern/distribute.py streams (read + decode + resize inside a tf.data pipeline), so a
    COCO-size set never has to be held in memory; `load` turns it into an in-memory Split.
    """
    paths: list
    captions: list
    names: list

    def subset(self, idx):
        return FileSplit([self.paths[i] for i in idx], [self.captions[i] for i in idx],
                         [self.names[i] for i in idx])

    def load(self, size):
        return Split(np.stack([load_image(p, size) for p in self.paths]) if self.paths
                     else np.zeros((0, size, size, 3), "float32"), self.captions, self.names)


def _file_split(folder, names, captions):
    missing = [n for n in names if not os.path.exists(os.path.join(folder, n))]
    if missing:
        raise FileNotFoundError(f"{len(missing)} captioned image(s) missing from {folder!r}, "
                                f"e.g. {missing[0]!r}; pass the folder holding the images")
    return FileSplit([os.path.join(folder, n) for n in names], captions, names)


def flickr8k_files(token_file, image_dir, image_list=None):
    """Flickr8k: 'Flickr8k.token.txt' lines `NAME.jpg#i<TAB>caption`, images in image_dir.

    image_list: optional file with one image name a line (Flickr_8k.trainImages.txt etc.).
    Returns a FileSplit (nothing decoded yet).
    """
    _require(token_file, "token_file")
    captions = {}
    with open(token_file, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            if "\t" not in line or "#" not in line.split("\t")[0]:
                raise ValueError(f"{token_file}:{lineno}: expected 'IMAGE.jpg#N<TAB>caption', got {line!r}")
            key, text = line.rstrip("\n").split("\t", 1)
            captions.setdefault(key.rsplit("#", 1)[0], []).append(text.strip())
    names = list(captions)
    if image_list is not None:
        _require(image_list, "image_list")
        with open(image_list, encoding="utf-8") as f:
            wanted = [l.strip() for l in f if l.strip()]
        names = [n for n in wanted if n in captions]
    return _file_split(image_dir, names, [captions[n] for n in names])


def coco_files(captions_json, image_dir):
    """COCO captions: JSON with 'images' [{id, file_name}] and 'annotations' [{image_id, caption}].

    Returns a FileSplit (nothing decoded yet).
    """
    _require(captions_json, "captions_json")
    with open(captions_json, encoding="utf-8") as f:
        data = json.load(f)
    if not {"images", "annotations"} <= set(data):
        raise ValueError(f"{captions_json}: expected COCO keys 'images' and 'annotations'")
    files = {im["id"]: im["file_name"] for im in data["images"]}
    captions = {}
    for ann in data["annotations"]:
        if ann["image_id"] not in files:
            raise ValueError(f"{captions_json}: annotation {ann.get('id')} names unknown image_id {ann['image_id']}")
        captions.setdefault(ann["image_id"], []).append(ann["caption"].strip())
    ids = [i for i in files if i in captions]
    return _file_split(image_dir, [files[i] for i in ids], [captions[i] for i in ids])


# ---------------------------------------------------------------- words

def tokenize(text):
    """Lower-case words; punctuation dropped (as keras 1.2.2 preprocessing/text.py text_to_word_sequence)."""
    return re.findall(r"[a-z0-9']+", text.lower())


class Vocabulary:
    """Words <-> indices. 0 is padding, then <start>, <end>, <unk>, then words by frequency."""

    def __init__(self, words):
        self.words = [PAD, START, END, UNK] + [w for w in words if w not in (PAD, START, END, UNK)]
        self.index = {w: i for i, w in enumerate(self.words)}

    @classmethod
    def build(cls, captions, max_words=None, min_count=1):
        """From a list of reference-caption lists; most frequent first, ties alphabetically."""
        counts = Counter(w for refs in captions for c in refs for w in tokenize(c))
        ranked = sorted((w for w, n in counts.items() if n >= min_count), key=lambda w: (-counts[w], w))
        return cls(ranked[:None if max_words is None else max_words - 4])

    def __len__(self):
        return len(self.words)

    def encode(self, text):
        return [self.index.get(w, self.index[UNK]) for w in tokenize(text)]

    def decode(self, indices):
        """Indices -> text, stopping at <end>, skipping padding and <start>."""
        out = []
        for i in indices:
            word = self.words[int(i)]
            if word == END:
                break
            if word not in (PAD, START):
                out.append(word)
        return " ".join(out)

    def to_json(self):
        return json.dumps(self.words[4:])

    @classmethod
    def from_json(cls, text):
        return cls(json.loads(text))


def pad_sequences(sequences, maxlen, padding="pre", truncating="pre", value=0, dtype="int32"):
    """Keras 1 pad_sequences (keras 1.2.2 preprocessing/sequence.py): pre-padding and pre-truncation
    by default, i.e. short sequences get `value` in front, long ones lose their first elements."""
    table = {"pre": lambda s: s[-maxlen:], "post": lambda s: s[:maxlen]}
    if padding not in table or truncating not in table:
        raise ValueError(f"padding={padding!r}, truncating={truncating!r}: each must be 'pre' or 'post'")
    out = np.full((len(sequences), maxlen), value, dtype=dtype)
    for i, seq in enumerate(sequences):
        seq = table[truncating](list(seq)) if maxlen else []
        if not len(seq):
            continue
        if padding == "pre":
            out[i, maxlen - len(seq):] = seq
        else:
            out[i, :len(seq)] = seq
    return out


def caption_arrays(split, vocab, max_len=16):
    """Whole-caption training arrays, one row per (image, reference caption):

    image_index (M,), inputs (M, max_len) = pad([<start>, w1..wn]), targets (M, max_len) =
    pad([w1..wn, <end>]); both pre-padded and pre-truncated alike, so position k of `inputs`
    is the last word of the prefix whose next word is position k of `targets`.
    """
    index, inputs, targets = [], [], []
    for i, refs in enumerate(split.captions):
        for text in refs:
            words = vocab.encode(text)
            index.append(i)
            inputs.append([vocab.index[START]] + words)
            targets.append(words + [vocab.index[END]])
    return (np.array(index, "int64"), pad_sequences(inputs, max_len), pad_sequences(targets, max_len))


def prefix_arrays(split, vocab, max_len=16):
    """The seed's formulation: one row per (image, partial caption) -> next word index."""
    index, x, y = caption_arrays(split, vocab, max_len)
    rows, prefixes, nexts = [], [], []
    for r in range(len(index)):
        for k in np.nonzero(y[r])[0]:
            rows.append(index[r])
            prefixes.append(x[r, :k + 1][x[r, :k + 1] != 0])
            nexts.append(y[r, k])
    return np.array(rows, "int64"), pad_sequences(prefixes, max_len), np.array(nexts, "int64")
