"""Stand-in captions: images, partial captions and next words from a vocabulary Python 2 pickled."""
import pickle
import os

import numpy as np

from . import config


def load_vocab(path=os.path.join(os.path.dirname(__file__), '..', 'data', 'vocab_py2.pkl')):
    with open(path, 'rb') as f:
        return pickle.load(f, encoding='latin1')


def make_dataset(nb_captions, seed=0):
    vocab = load_vocab()
    rng = np.random.RandomState(seed)
    images, partial, next_words = [], [], []
    for i in range(nb_captions):
        image = rng.rand(*config.image_shape).astype('float32') + vocab['image_means'][i % 3]
        caption = [vocab['index'][w] for w in vocab['captions'][i % len(vocab['captions'])].split()]
        for t in range(1, min(len(caption), config.max_caption_len + 1)):
            seq = np.zeros(config.max_caption_len, dtype='int32')
            seq[:t] = caption[:t]
            target = np.zeros(config.vocab_size)
            target[caption[t]] = 1
            images.append(image)
            partial.append(seq)
            next_words.append(target)
    nb = len(images) - len(images) % config.batch_size      # whole batches only
    print('captions:', nb_captions, 'samples:', len(images), 'kept:', nb)
    return np.array(images[:nb]), np.array(partial[:nb]), np.array(next_words[:nb])
