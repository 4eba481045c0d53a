"""Scores, baselines and a picture.

* BLEU-1..4: nltk's corpus_bleu over tokenized captions, all references of an image.
* CIDEr: pycocoevalcap's Cider scorer (the COCO caption evaluation code; its CIDEr is the
  CIDEr-D variant, document frequencies taken from the evaluated set's references).
* Baselines: the most frequent training caption for every image, and the caption of the nearest
  training image by pixels (its consensus caption: the reference with the highest BLEU against
  the image's other references).
* `contact_sheet`: a PNG of test images with the generated and the reference captions.
"""
from collections import Counter

import numpy as np
from PIL import Image, ImageDraw

from .data import tokenize


def bleu(hypotheses, references):
    """{'bleu1'..'bleu4'}: hypotheses is a list of strings, references a list of lists of strings."""
    from nltk.translate.bleu_score import SmoothingFunction, corpus_bleu

    refs = [[tokenize(r) for r in rs] for rs in references]
    hyps = [tokenize(h) for h in hypotheses]
    weights = {1: (1,), 2: (0.5, 0.5), 3: (1 / 3,) * 3, 4: (0.25,) * 4}
    smooth = SmoothingFunction().method1  # no log(0) when a short set has no 4-gram match
    return {f"bleu{n}": float(corpus_bleu(refs, hyps, weights=w, smoothing_function=smooth))
            for n, w in weights.items()}


def cider(hypotheses, references):
    from pycocoevalcap.cider.cider import Cider

    res = {i: [" ".join(tokenize(h)) or "<empty>"] for i, h in enumerate(hypotheses)}
    gts = {i: [" ".join(tokenize(r)) for r in rs] for i, rs in enumerate(references)}
    score, _ = Cider().compute_score(gts, res)
    return float(score)


def scores(hypotheses, references):
    out = bleu(hypotheses, references)
    out["cider"] = cider(hypotheses, references)
    return out


def most_frequent_caption(train_captions):
    counts = Counter(c for refs in train_captions for c in refs)
    return max(counts, key=lambda c: (counts[c], c))


def consensus(refs):
    """The reference that agrees most (sentence BLEU-4) with the others."""
    from nltk.translate.bleu_score import SmoothingFunction, sentence_bleu

    smooth = SmoothingFunction().method1
    if len(refs) == 1:
        return refs[0]
    agree = [sentence_bleu([tokenize(o) for j, o in enumerate(refs) if j != i], tokenize(r),
                           smoothing_function=smooth) for i, r in enumerate(refs)]
    return refs[int(np.argmax(agree))]


def nearest_neighbour_captions(train, test_images, batch=256):
    """Consensus caption of the nearest training image (Euclidean distance between pixels)."""
    flat = train.images.reshape(len(train.images), -1)
    norms = (flat ** 2).sum(1)
    out = []
    for i in range(0, len(test_images), batch):
        q = test_images[i:i + batch].reshape(-1, flat.shape[1])
        nearest = np.argmin(norms[None, :] - 2 * q @ flat.T, axis=1)
        out += [consensus(train.captions[j]) for j in nearest]
    return out


def baselines(train, test):
    """Scores of both baselines on test, and 'baseline_bleu4' = the better BLEU-4 of the two."""
    frequent = [most_frequent_caption(train.captions)] * len(test.images)
    result = {"most_frequent": scores(frequent, test.captions),
              "nearest_neighbour": scores(nearest_neighbour_captions(train, test.images), test.captions)}
    result["baseline_bleu4"] = max(result["most_frequent"]["bleu4"], result["nearest_neighbour"]["bleu4"])
    return result


def contact_sheet(path, images, generated, references, columns=4, scale=4, max_images=16):
    """Write a PNG grid: each image enlarged, its generated caption, then its references."""
    n = min(len(images), max_images)
    side = images.shape[1] * scale
    text_lines = 1 + max((len(r) for r in references[:n]), default=0)
    cell_w, cell_h = max(side, 330), side + 12 * text_lines + 8
    rows = -(-n // columns)
    sheet = Image.new("RGB", (cell_w * columns, cell_h * rows), "white")
    draw = ImageDraw.Draw(sheet)
    for i in range(n):
        x, y = (i % columns) * cell_w, (i // columns) * cell_h
        picture = Image.fromarray((np.clip(images[i], 0, 1) * 255).astype("uint8"))
        sheet.paste(picture.resize((side, side), Image.NEAREST), (x, y))
        draw.text((x + 2, y + side + 2), "> " + generated[i], fill=(200, 0, 0))
        for j, ref in enumerate(references[i]):
            draw.text((x + 2, y + side + 14 + 12 * j), ref, fill=(60, 60, 60))
    sheet.save(path)
    return path
