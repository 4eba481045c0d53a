"""Make the fixtures of tests/test_preprocessing.py, test_utils.py and test_datasets.py with real Keras 1.2.2.

Run with the Keras 1.2.2 oracle (Python 3.7, Theano, 'th' ordering, scipy 1.2.3):

    /tmp/keras1-oracle/run tests/keras1/preprocessing/make_fixtures.py

Writes tests/fixtures/preprocessing/{sequence,text,utils,image,datasets}.{npz,json}.
Every input is spelt out here so the tests can rebuild it.
"""
import io
import json
import os
import pickle
import random
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', '..', 'fixtures', 'preprocessing')

from keras.preprocessing import sequence, text, image  # noqa: E402
from keras.utils import np_utils, generic_utils  # noqa: E402
from keras import backend as K  # noqa: E402

assert K.image_dim_ordering() == 'th'

# ---------------------------------------------------------------- sequence
SEQS = [[1, 2, 3], [4, 5], [], [6, 7, 8, 9, 10, 11], [12]]
SEQS_2D = [[[1, 2], [3, 4]], [], [[5, 6], [7, 8], [9, 10]]]
PAD_CASES = [dict(maxlen=m, padding=p, truncating=t, value=v, dtype=d)
             for m in (None, 2, 4, 7) for p in ('pre', 'post') for t in ('pre', 'post')
             for v in (0., -1.5) for d in ('int32', 'float32')]


def make_sequence():
    arrays = {}
    for i, case in enumerate(PAD_CASES):
        arrays['pad_%d' % i] = sequence.pad_sequences(SEQS, **case)
    arrays['pad2d_pre'] = sequence.pad_sequences(SEQS_2D, maxlen=2, value=-1.)
    arrays['pad2d_post'] = sequence.pad_sequences(SEQS_2D, padding='post', truncating='post', dtype='float32')
    arrays['sampling_table_20'] = sequence.make_sampling_table(20)
    arrays['sampling_table_50_1e-3'] = sequence.make_sampling_table(50, sampling_factor=1e-3)
    skip = {}
    base = [0, 1, 2, 3, 4, 5, 0, 6, 7, 8, 9, 3, 2]
    table = sequence.make_sampling_table(10, sampling_factor=0.2)
    for name, seed, kwargs in [
            ('default', 1, {}),
            ('window2_neg2', 7, dict(window_size=2, negative_samples=2.)),
            ('categorical', 3, dict(window_size=1, categorical=True)),
            ('noshuffle', 5, dict(window_size=2, shuffle=False)),
            ('noneg', 11, dict(window_size=3, negative_samples=0.)),
            ('table', 13, dict(window_size=2, sampling_table=table))]:
        random.seed(seed)
        couples, labels = sequence.skipgrams(base, 10, **kwargs)
        skip[name] = dict(seed=seed, couples=couples, labels=labels)
    np.savez_compressed(os.path.join(OUT, 'sequence.npz'), **arrays)
    with open(os.path.join(OUT, 'skipgrams.json'), 'w') as f:
        json.dump(dict(sequence=base, vocabulary_size=10, sampling_table_factor=0.2, cases=skip), f, indent=1)
    return {'pad_cases': PAD_CASES}


# ---------------------------------------------------------------- text
CORPUS = [
    'The cat sat on the mat.',
    'The dog ate my homework!',
    "Dog's day: the dog, the cat and the bird.",
    'A bird in the hand is worth two in the bush',
    'Cats\tand\ndogs; mats -- and HATS?',
]
TEXT_SAMPLES = ['Hello, World! Hello...', "it's a\tTAB\nnewline", '  spaces   everywhere ', '']


def make_text():
    res = {'corpus': CORPUS, 'samples': TEXT_SAMPLES}
    res['word_sequences'] = [text.text_to_word_sequence(s) for s in TEXT_SAMPLES]
    res['word_sequences_nolower_comma'] = [text.text_to_word_sequence(s, lower=False, split=',')
                                           for s in TEXT_SAMPLES]
    toks = {}
    for name, kwargs in [('default', {}), ('nb5', dict(nb_words=5)), ('char', dict(char_level=True)),
                         ('nolower', dict(lower=False, filters='.!'))]:
        tok = text.Tokenizer(**kwargs)
        tok.fit_on_texts(CORPUS)
        entry = dict(kwargs=kwargs,
                     word_index=sorted(tok.word_index.items(), key=lambda kv: kv[1]),
                     word_counts=sorted(tok.word_counts.items()),
                     word_docs=sorted(tok.word_docs.items()),
                     index_docs=sorted(tok.index_docs.items()),
                     document_count=tok.document_count,
                     sequences=tok.texts_to_sequences(CORPUS + ['unknown words only', 'the the bird']))
        entry['matrices'] = {mode: tok.texts_to_matrix(CORPUS + ['the the bird'], mode=mode).tolist()
                             for mode in ('binary', 'count', 'tfidf', 'freq')}
        toks[name] = entry
    # refit accumulates counts but restarts document_count
    tok = text.Tokenizer()
    tok.fit_on_texts(CORPUS[:2])
    tok.fit_on_texts(CORPUS[2:])
    toks['refit'] = dict(word_index=sorted(tok.word_index.items(), key=lambda kv: kv[1]),
                         document_count=tok.document_count,
                         tfidf=tok.texts_to_matrix(CORPUS, mode='tfidf').tolist())
    # fit_on_sequences then sequences_to_matrix with nb_words
    seqs = [[1, 2, 2, 3], [3, 4], [], [1, 1, 1, 7, 9]]
    tok = text.Tokenizer(nb_words=8)
    tok.fit_on_sequences(seqs)
    toks['sequences'] = dict(sequences=seqs, index_docs=sorted(tok.index_docs.items()),
                             matrices={mode: tok.sequences_to_matrix(seqs, mode=mode).tolist()
                                       for mode in ('binary', 'count', 'tfidf', 'freq')})
    res['tokenizers'] = toks
    with open(os.path.join(OUT, 'text.json'), 'w') as f:
        json.dump(res, f, indent=1)


# ---------------------------------------------------------------- utils
class FakeClock(object):
    """Deterministic time.time(): 1000.0, then +0.7 s per call."""

    def __init__(self):
        self.now = 1000.0

    def time(self):
        t = self.now
        self.now += 0.7
        return t


PROGBAR_SCRIPTS = {
    'verbose1_interval0': dict(target=10, kwargs=dict(interval=0.), steps=[
        ('update', 0, []), ('update', 3, [['loss', 0.5], ['acc', 0.25]]),
        ('update', 7, [['loss', 0.25], ['acc', 0.75]]), ('add', 2, [['loss', 0.0001], ['acc', 1.0]]),
        ('update', 10, [['loss', -0.5], ['acc', 1.0]])]),
    'verbose1_default_interval': dict(target=100, kwargs={}, steps=[
        ('update', 10, [['loss', 1.5]]), ('update', 20, [['loss', 1.0]]), ('update', 99, [['loss', 0.5]]),
        ('update', 100, [['loss', 0.25]], True)]),
    'verbose1_width10_shrinking': dict(target=1234, kwargs=dict(width=10, interval=0.), steps=[
        ('update', 1, [['a_long_metric_name', 123.456], ['b', 1e-5]]), ('update', 600, []),
        ('update', 1234, [['a_long_metric_name', 0.0]])]),
    'verbose2': dict(target=5, kwargs=dict(verbose=2), steps=[
        ('update', 2, [['loss', 0.5], ['val', -2.0]]), ('update', 4, [['loss', 0.1], ['val', 0.0005]]),
        ('add', 1, [['loss', 0.2], ['val', -1.0]])]),
    'verbose0': dict(target=3, kwargs=dict(verbose=0), steps=[('update', 3, [['loss', 1.0]])]),
}


def run_progbar(Progbar, module, script):
    old_time, old_stdout = module.time, sys.stdout
    module.time = FakeClock()
    sys.stdout = io.StringIO()
    try:
        bar = Progbar(script['target'], **script['kwargs'])
        for step in script['steps']:
            kind, n, values = step[0], step[1], [tuple(v) for v in step[2]]
            if kind == 'add':
                bar.add(n, values)
            else:
                bar.update(n, values, *step[3:])
        return sys.stdout.getvalue()
    finally:
        module.time, sys.stdout = old_time, old_stdout


def make_utils():
    res = {'progbar': {}}
    for name, script in PROGBAR_SCRIPTS.items():
        res['progbar'][name] = dict(script=script, output=run_progbar(generic_utils.Progbar, generic_utils, script))
    labels = [0, 2, 1, 2, 4]
    res['to_categorical'] = np_utils.to_categorical(labels).tolist()
    res['to_categorical_nb7'] = np_utils.to_categorical(np.array([[1], [3], [0]]), 7).tolist()
    a = np.array([[3., 4.], [0., 0.], [1., -1.]])
    res['normalize'] = np_utils.normalize(a).tolist()
    res['normalize_axis0_l1'] = np_utils.normalize(a, axis=0, order=1).tolist()
    k = np.arange(2 * 3 * 2 * 3, dtype='float32').reshape(2, 3, 2, 3)
    res['convert_kernel_th'] = np_utils.convert_kernel(k, 'th').tolist()
    res['convert_kernel_tf'] = np_utils.convert_kernel(k, 'tf').tolist()
    p = np.array([[0.1, 0.7, 0.2], [0.5, 0.2, 0.3]])
    res['categorical_probas_to_classes'] = np_utils.categorical_probas_to_classes(p).tolist()
    res['probas_to_classes'] = np_utils.probas_to_classes(np.array([0.2, 0.5, 0.51, 0.9])).tolist()
    res['conv_output_length'] = [np_utils.conv_output_length(11, 3, m, s, d)
                                 for m in ('same', 'valid', 'full') for s in (1, 2) for d in (1, 2)]
    res['conv_input_length'] = [np_utils.conv_input_length(5, 3, m, s)
                                for m in ('same', 'valid', 'full') for s in (1, 2)]
    with open(os.path.join(OUT, 'utils.json'), 'w') as f:
        json.dump(res, f, indent=1)


# ---------------------------------------------------------------- image
def make_image():
    arrays = {}
    rng = np.random.RandomState(0)
    # apply_transform (scipy.ndimage order 0) on random matrices, every fill mode
    img = rng.uniform(0, 10, size=(2, 7, 9)).astype('float32')
    arrays['affine_input'] = img
    mats = []
    for i in range(12):
        theta = rng.uniform(-np.pi, np.pi)
        m = np.array([[np.cos(theta), -np.sin(theta), rng.uniform(-4, 4)],
                      [np.sin(theta), np.cos(theta), rng.uniform(-4, 4)], [0, 0, 1]])
        m = np.dot(m, np.diag([rng.uniform(0.5, 1.6), rng.uniform(0.5, 1.6), 1]))
        mats.append(image.transform_matrix_offset_center(m, 7, 9))
    mats.append(np.array([[1., 0, 2.5], [0, 1, -3.5], [0, 0, 1]]))  # exact half-pixel shifts
    mats.append(np.array([[1., 0, -0.5], [0, 1, 9.5], [0, 0, 1]]))
    mats.append(np.array([[-1., 0, 6.5], [0, 2, -20.25], [0, 0, 1]]))
    arrays['affine_matrices'] = np.array(mats)
    for mode in ('nearest', 'constant', 'reflect', 'wrap'):
        arrays['affine_' + mode] = np.array([image.apply_transform(img, m, 0, mode, cval=-3.) for m in mats])

    x = rng.uniform(0, 255, size=(7, 3, 6, 5)).astype('float32')
    y = np.arange(7)
    arrays['gen_x'] = x
    cases = {
        'plain': dict(gen={}, flow=dict(batch_size=3, shuffle=False)),
        'shuffle_seed': dict(gen={}, flow=dict(batch_size=3, shuffle=True, seed=42)),
        'rescale_flips': dict(gen=dict(rescale=1. / 255, horizontal_flip=True, vertical_flip=True),
                              flow=dict(batch_size=4, shuffle=True, seed=3)),
        'featurewise': dict(gen=dict(featurewise_center=True, featurewise_std_normalization=True),
                            flow=dict(batch_size=7, shuffle=False), fit=True),
        'samplewise': dict(gen=dict(samplewise_center=True, samplewise_std_normalization=True),
                           flow=dict(batch_size=5, shuffle=True, seed=1)),
        'augment_nearest': dict(gen=dict(rotation_range=30, width_shift_range=0.2, height_shift_range=0.1,
                                         shear_range=0.3, zoom_range=0.2, horizontal_flip=True),
                                flow=dict(batch_size=3, shuffle=True, seed=9)),
        'augment_constant': dict(gen=dict(rotation_range=90, zoom_range=[0.5, 1.5], fill_mode='constant',
                                          cval=7., channel_shift_range=20.),
                                 flow=dict(batch_size=4, shuffle=False, seed=2)),
        'augment_reflect': dict(gen=dict(width_shift_range=0.5, height_shift_range=0.5, fill_mode='reflect'),
                                flow=dict(batch_size=7, shuffle=False, seed=4)),
        'augment_wrap': dict(gen=dict(rotation_range=45, fill_mode='wrap', vertical_flip=True),
                             flow=dict(batch_size=7, shuffle=False, seed=5)),
        'zca': dict(gen=dict(zca_whitening=True), flow=dict(batch_size=7, shuffle=False), fit=True),
        'fit_augment': dict(gen=dict(featurewise_center=True, rotation_range=20, horizontal_flip=True),
                            flow=dict(batch_size=7, shuffle=False), fit=True,
                            fit_kwargs=dict(augment=True, rounds=2, seed=17)),
    }
    meta = {}
    for name, case in cases.items():
        for ordering in ('th', 'tf'):
            xx = x if ordering == 'th' else x.transpose(0, 2, 3, 1)
            gen = image.ImageDataGenerator(dim_ordering=ordering, **case['gen'])
            if case.get('fit'):
                gen.fit(xx, **case.get('fit_kwargs', {}))
                if gen.mean is not None:
                    arrays['%s_%s_mean' % (name, ordering)] = gen.mean
                if gen.std is not None:
                    arrays['%s_%s_std' % (name, ordering)] = gen.std
                if gen.principal_components is not None:
                    arrays['%s_%s_pc' % (name, ordering)] = gen.principal_components
            it = gen.flow(xx, y, **case['flow'])
            assert it.n == 7 and it.batch_size == case['flow']['batch_size']
            for b in range(4):  # crosses an epoch boundary for every batch size used
                bx, by = next(it)
                arrays['%s_%s_x%d' % (name, ordering, b)] = bx
                arrays['%s_%s_y%d' % (name, ordering, b)] = by
        meta[name] = case
    # ZCA on full-rank data (more samples than pixels): the rank-deficient case above amplifies
    # LAPACK rounding in the null space by 1/sqrt(1e-6), so only this one is compared tightly.
    zx = rng.uniform(0, 1, size=(40, 1, 3, 3)).astype('float32')
    gen = image.ImageDataGenerator(zca_whitening=True, featurewise_center=True)
    gen.fit(zx)
    arrays['zca_full_x'] = zx
    arrays['zca_full_pc'] = gen.principal_components
    arrays['zca_full_out'] = next(gen.flow(zx[:5], batch_size=5, shuffle=False))
    np.savez_compressed(os.path.join(OUT, 'image.npz'), **arrays)
    with open(os.path.join(OUT, 'image.json'), 'w') as f:
        json.dump(meta, f, indent=1)


# ---------------------------------------------------------------- datasets
def make_datasets():
    from keras.datasets import imdb, reuters
    rng = np.random.RandomState(5)

    def rand_seqs(n, vocab):
        return [rng.randint(0, vocab, size=rng.randint(1, 9)).tolist() for _ in range(n)]

    raw_imdb = [[rand_seqs(6, 15), rng.randint(0, 2, 6).tolist()], [rand_seqs(4, 15), rng.randint(0, 2, 4).tolist()]]
    raw_reuters = [rand_seqs(10, 20), rng.randint(0, 5, 10).tolist()]
    tmp = tempfile.mkdtemp()
    imdb_path = os.path.join(tmp, 'imdb_full.pkl')
    reuters_path = os.path.join(tmp, 'reuters.pkl')
    with open(imdb_path, 'wb') as f:
        pickle.dump(((list(raw_imdb[0][0]), list(raw_imdb[0][1])), (list(raw_imdb[1][0]), list(raw_imdb[1][1]))), f, 2)
    with open(reuters_path, 'wb') as f:
        pickle.dump((list(raw_reuters[0]), list(raw_reuters[1])), f, 2)
    # keras 1.2.2 would try to download on an md5 mismatch: point get_file at the stand-ins
    imdb.get_file = lambda *a, **k: imdb_path
    reuters.get_file = lambda *a, **k: reuters_path

    def listify(data):
        (xtr, ytr), (xte, yte) = data
        return [[[list(x) for x in xtr], list(ytr), type(xtr).__name__],
                [[list(x) for x in xte], list(yte), type(xte).__name__]]

    cases = [dict(), dict(nb_words=10), dict(skip_top=4, nb_words=12, seed=3), dict(maxlen=6),
             dict(start_char=None, index_from=0), dict(oov_char=None, nb_words=8), dict(index_from=1, start_char=5)]
    res = dict(raw_imdb=raw_imdb, raw_reuters=raw_reuters, imdb=[], reuters=[])
    for kwargs in cases:
        res['imdb'].append(dict(kwargs=kwargs, out=listify(imdb.load_data(**kwargs))))
        res['reuters'].append(dict(kwargs=kwargs, out=listify(reuters.load_data(**kwargs))))
    res['reuters'].append(dict(kwargs=dict(test_split=0.5, seed=7),
                               out=listify(reuters.load_data(test_split=0.5, seed=7))))
    with open(os.path.join(OUT, 'datasets.json'), 'w') as f:
        json.dump(res, f, indent=1, default=lambda o: o.item())


if __name__ == '__main__':
    os.makedirs(OUT, exist_ok=True)
    meta = make_sequence()
    make_text()
    make_utils()
    make_image()
    make_datasets()
    print('wrote', sorted(os.listdir(OUT)))
