"""keras.preprocessing (sequence, text, image) against Keras 1.2.2 fixtures.

Fixtures: tests/fixtures/preprocessing/, made by
tests/keras1/preprocessing/make_fixtures.py with the real Keras 1.2.2.
"""
import json
import os
import random
import threading

import numpy as np
import pytest

from compat.keras.backend import common
from compat.keras.preprocessing import image, sequence, text

FIX = os.path.join(os.path.dirname(__file__), 'fixtures', 'preprocessing')


def _json(name):
    with open(os.path.join(FIX, name)) as f:
        return json.load(f)


@pytest.fixture(scope='module')
def seq_npz():
    return np.load(os.path.join(FIX, 'sequence.npz'))


@pytest.fixture(scope='module')
def img_npz():
    return np.load(os.path.join(FIX, 'image.npz'))


# ---------------------------------------------------------------- sequence
# Same inputs as make_fixtures.py
SEQS = [[1, 2, 3], [4, 5], [], [6, 7, 8, 9, 10, 11], [12]]
SEQS_2D = [[[1, 2], [3, 4]], [], [[5, 6], [7, 8], [9, 10]]]
PAD_CASES = [dict(maxlen=m, padding=p, truncating=t, value=v, dtype=d)
             for m in (None, 2, 4, 7) for p in ('pre', 'post') for t in ('pre', 'post')
             for v in (0., -1.5) for d in ('int32', 'float32')]


@pytest.mark.parametrize('i', range(len(PAD_CASES)))
def test_pad_sequences_matches_keras1(seq_npz, i):
    got = sequence.pad_sequences(SEQS, **PAD_CASES[i])
    expected = seq_npz['pad_%d' % i]
    assert got.dtype == expected.dtype
    np.testing.assert_array_equal(got, expected)


def test_pad_sequences_2d_samples(seq_npz):
    np.testing.assert_array_equal(sequence.pad_sequences(SEQS_2D, maxlen=2, value=-1.), seq_npz['pad2d_pre'])
    got = sequence.pad_sequences(SEQS_2D, padding='post', truncating='post', dtype='float32')
    assert got.dtype == np.float32
    np.testing.assert_array_equal(got, seq_npz['pad2d_post'])


@pytest.mark.parametrize('kwargs,word', [(dict(padding='middle'), 'Padding'), (dict(truncating='x'), 'Truncating')])
def test_pad_sequences_bad_mode(kwargs, word):
    with pytest.raises(ValueError, match=word):
        sequence.pad_sequences(SEQS, **kwargs)


def test_pad_sequences_inconsistent_shape():
    with pytest.raises(ValueError, match='position 1'):
        sequence.pad_sequences([[[1, 2]], [[1, 2, 3]]])


def test_make_sampling_table(seq_npz):
    np.testing.assert_allclose(sequence.make_sampling_table(20), seq_npz['sampling_table_20'], rtol=1e-12)
    np.testing.assert_allclose(sequence.make_sampling_table(50, sampling_factor=1e-3),
                               seq_npz['sampling_table_50_1e-3'], rtol=1e-12)


@pytest.mark.parametrize('name', ['default', 'window2_neg2', 'categorical', 'noshuffle', 'noneg', 'table'])
def test_skipgrams_same_draws_as_keras1(name):
    fix = _json('skipgrams.json')
    case = fix['cases'][name]
    kwargs = {'default': {}, 'window2_neg2': dict(window_size=2, negative_samples=2.),
              'categorical': dict(window_size=1, categorical=True), 'noshuffle': dict(window_size=2, shuffle=False),
              'noneg': dict(window_size=3, negative_samples=0.),
              'table': dict(window_size=2, sampling_table=sequence.make_sampling_table(
                  10, sampling_factor=fix['sampling_table_factor']))}[name]
    random.seed(case['seed'])
    couples, labels = sequence.skipgrams(fix['sequence'], fix['vocabulary_size'], **kwargs)
    assert couples == case['couples']
    assert labels == case['labels']


# ---------------------------------------------------------------- text
def test_text_to_word_sequence():
    fix = _json('text.json')
    assert [text.text_to_word_sequence(s) for s in fix['samples']] == fix['word_sequences']
    assert [text.text_to_word_sequence(s, lower=False, split=',') for s in fix['samples']] == \
        fix['word_sequences_nolower_comma']
    assert text.base_filter() == '!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n'


@pytest.mark.parametrize('name', ['default', 'nb5', 'char', 'nolower'])
def test_tokenizer_matches_keras1(name):
    fix = _json('text.json')
    case = fix['tokenizers'][name]
    tok = text.Tokenizer(**case['kwargs'])
    tok.fit_on_texts(fix['corpus'])
    # word_index tie-breaking: Keras 1.2.2 on Python 3.7 keeps first-seen order among equal counts
    assert sorted(tok.word_index.items(), key=lambda kv: kv[1]) == [tuple(p) for p in case['word_index']]
    assert sorted(tok.word_counts.items()) == [tuple(p) for p in case['word_counts']]
    assert sorted(tok.word_docs.items()) == [tuple(p) for p in case['word_docs']]
    assert sorted(tok.index_docs.items()) == [tuple(p) for p in case['index_docs']]
    assert tok.document_count == case['document_count']
    assert tok.texts_to_sequences(fix['corpus'] + ['unknown words only', 'the the bird']) == case['sequences']
    for mode, expected in case['matrices'].items():
        np.testing.assert_allclose(tok.texts_to_matrix(fix['corpus'] + ['the the bird'], mode=mode),
                                   expected, rtol=1e-12, err_msg=mode)


def test_tokenizer_refit_and_generator():
    fix = _json('text.json')
    case = fix['tokenizers']['refit']
    tok = text.Tokenizer()
    tok.fit_on_texts(fix['corpus'][:2])
    tok.fit_on_texts(iter(fix['corpus'][2:]))  # generators are accepted
    assert sorted(tok.word_index.items(), key=lambda kv: kv[1]) == [tuple(p) for p in case['word_index']]
    assert tok.document_count == case['document_count']
    np.testing.assert_allclose(tok.texts_to_matrix(fix['corpus'], mode='tfidf'), case['tfidf'], rtol=1e-12)
    gen = tok.texts_to_sequences_generator(fix['corpus'])
    assert next(gen) == tok.texts_to_sequences(fix['corpus'][:1])[0]


def test_tokenizer_fit_on_sequences():
    case = _json('text.json')['tokenizers']['sequences']
    tok = text.Tokenizer(nb_words=8)
    tok.fit_on_sequences(case['sequences'])
    assert sorted(tok.index_docs.items()) == [tuple(p) for p in case['index_docs']]
    for mode, expected in case['matrices'].items():
        np.testing.assert_allclose(tok.sequences_to_matrix(case['sequences'], mode=mode), expected,
                                   rtol=1e-12, err_msg=mode)


def test_tokenizer_errors():
    with pytest.raises(ValueError, match='nb_words'):
        text.Tokenizer().sequences_to_matrix([[1]])
    with pytest.raises(ValueError, match='tfidf'):
        text.Tokenizer(nb_words=3).sequences_to_matrix([[1]], mode='tfidf')
    tok = text.Tokenizer(nb_words=3)
    with pytest.raises(ValueError, match='mode'):
        tok.sequences_to_matrix([[1]], mode='bogus')
    with pytest.raises(ValueError, match='fit_on_texts'):
        tok.texts_to_sequences(['a'])


def test_one_hot():
    # Keras 1 used Python's per-process str hash: indices only need to be in [1, n) and consistent.
    words = 'The cat sat on the mat'
    idx = text.one_hot(words, 7)
    assert len(idx) == 6 and all(1 <= i < 7 for i in idx) and idx[0] == idx[4]
    # md5 gives fixed indices everywhere; hand-computed from hashlib.md5(word).hexdigest() % 6 + 1
    assert text.one_hot('cat cat dog', 7, hash_function='md5') == [
        int(__import__('hashlib').md5(b'cat').hexdigest(), 16) % 6 + 1] * 2 + [
        int(__import__('hashlib').md5(b'dog').hexdigest(), 16) % 6 + 1]
    assert text.one_hot('a b', 2, hash_function=len) == [1, 1]
    with pytest.raises(ValueError, match='hash_function'):
        text.one_hot('a', 3, hash_function='sha9')


# ---------------------------------------------------------------- image
def test_apply_transform_matches_scipy_ndimage(img_npz):
    """Nearest-neighbour resampling equals scipy 1.2.3 ndimage.affine_transform(order=0) bit for bit."""
    img = img_npz['affine_input']
    for mode in ('nearest', 'constant', 'reflect', 'wrap'):
        for i, m in enumerate(img_npz['affine_matrices']):
            got = image.apply_transform(img, m, 0, mode, cval=-3.)
            assert got.dtype == np.float32
            np.testing.assert_array_equal(got, img_npz['affine_' + mode][i], err_msg='%s #%d' % (mode, i))


GEN_CASES = sorted(_json('image.json'))


@pytest.mark.parametrize('ordering', ['th', 'tf'])
@pytest.mark.parametrize('name', GEN_CASES)
def test_image_data_generator_flow_matches_keras1(img_npz, name, ordering):
    case = _json('image.json')[name]
    x = img_npz['gen_x'] if ordering == 'th' else img_npz['gen_x'].transpose(0, 2, 3, 1)
    gen = image.ImageDataGenerator(dim_ordering=ordering, **case['gen'])
    if case.get('fit'):
        gen.fit(x, **case.get('fit_kwargs', {}))
        for attr in ('mean', 'std'):
            key = '%s_%s_%s' % (name, ordering, attr)
            if key in img_npz:
                np.testing.assert_allclose(getattr(gen, attr), img_npz[key], rtol=1e-5)
    it = gen.flow(x, np.arange(7), **case['flow'])
    assert it.n == it.N == 7 and it.batch_size == case['flow']['batch_size']
    # ZCA on 7 samples of 90 pixels is rank-deficient: LAPACK rounding in the null space is
    # scaled by 1/sqrt(1e-6), so numpy's svd and Keras 1's scipy svd agree only to ~5e-3 there.
    atol = 5e-3 if name == 'zca' else 1e-4
    for b in range(4):
        bx, by = next(it)
        expected = img_npz['%s_%s_x%d' % (name, ordering, b)]
        assert bx.shape == expected.shape and bx.dtype == np.float32
        np.testing.assert_allclose(bx, expected, rtol=1e-5, atol=atol, err_msg='batch %d' % b)
        np.testing.assert_array_equal(by, img_npz['%s_%s_y%d' % (name, ordering, b)])


def test_zca_full_rank_matches_keras1(img_npz):
    gen = image.ImageDataGenerator(zca_whitening=True, featurewise_center=True, dim_ordering='th')
    gen.fit(img_npz['zca_full_x'])
    np.testing.assert_allclose(gen.principal_components, img_npz['zca_full_pc'], rtol=1e-4, atol=1e-4)
    out = next(gen.flow(img_npz['zca_full_x'][:5], batch_size=5, shuffle=False))
    np.testing.assert_allclose(out, img_npz['zca_full_out'], rtol=1e-4, atol=1e-4)


def test_default_dim_ordering_follows_backend(monkeypatch):
    monkeypatch.setattr(common, '_IMAGE_DIM_ORDERING', 'th')
    gen = image.ImageDataGenerator()
    assert (gen.dim_ordering, gen.channel_axis, gen.row_axis, gen.col_axis) == ('th', 1, 2, 3)
    monkeypatch.setattr(common, '_IMAGE_DIM_ORDERING', 'tf')
    assert image.ImageDataGenerator().channel_axis == 3


def test_generator_errors():
    with pytest.raises(ValueError, match='dim_ordering'):
        image.ImageDataGenerator(dim_ordering='nchw')
    with pytest.raises(ValueError, match='zoom_range'):
        image.ImageDataGenerator(zoom_range=(1, 2, 3))
    gen = image.ImageDataGenerator(dim_ordering='th')
    with pytest.raises(ValueError, match='rank 4'):
        gen.fit(np.zeros((2, 3, 4)))
    with pytest.raises(ValueError, match='channels'):
        gen.flow(np.zeros((2, 5, 4, 4)))
    with pytest.raises(ValueError, match='same length'):
        gen.flow(np.zeros((2, 3, 4, 4)), np.zeros(3))


def test_flow_is_thread_safe():
    gen = image.ImageDataGenerator(dim_ordering='th')
    it = gen.flow(np.zeros((10, 1, 2, 2)), np.arange(10), batch_size=1, shuffle=False)
    seen = []
    lock = threading.Lock()

    def work():
        for _ in range(25):
            _, y = next(it)
            with lock:
                seen.append(int(y[0]))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(seen) == sorted(list(range(10)) * 10)


def test_img_roundtrip_and_directory_flow(tmp_path):
    rng = np.random.RandomState(0)
    for cls, n in (('cats', 3), ('dogs', 2)):
        (tmp_path / cls).mkdir()
        for i in range(n):
            arr = rng.randint(0, 256, size=(3, 4, 5)).astype('float32')  # th: (channels, rows, cols)
            img = image.array_to_img(arr, 'th', scale=False)
            assert img.size == (5, 4) and img.mode == 'RGB'
            img.save(str(tmp_path / cls / ('%d.png' % i)))
            np.testing.assert_array_equal(image.img_to_array(image.load_img(str(tmp_path / cls / ('%d.png' % i))),
                                                             'th'), arr)
    (tmp_path / 'cats' / 'notes.txt').write_text('not an image')
    gray = image.img_to_array(image.load_img(str(tmp_path / 'dogs' / '0.png'), grayscale=True), 'tf')
    assert gray.shape == (4, 5, 1)
    assert len(image.list_pictures(str(tmp_path))) == 5

    gen = image.ImageDataGenerator(rescale=1. / 255, dim_ordering='th')
    it = gen.flow_from_directory(str(tmp_path), target_size=(4, 5), batch_size=4, shuffle=False)
    assert it.nb_sample == it.n == 5 and it.nb_class == 2 and it.class_indices == {'cats': 0, 'dogs': 1}
    # files within a class come in os.walk order, unsorted, as in Keras 1.2.2
    assert sorted(it.filenames) == [os.path.join('cats', '%d.png' % i) for i in range(3)] + \
        [os.path.join('dogs', '%d.png' % i) for i in range(2)]
    assert list(it.classes) == [0, 0, 0, 1, 1]
    bx, by = next(it)
    assert bx.shape == (4, 3, 4, 5) and bx.max() <= 1.0
    np.testing.assert_allclose(bx[0], image.img_to_array(image.load_img(str(tmp_path / it.filenames[0])), 'th') / 255,
                               rtol=1e-6)
    np.testing.assert_array_equal(by, [[1, 0]] * 3 + [[0, 1]])
    bx, by = next(it)
    assert bx.shape == (1, 3, 4, 5)
    sparse = gen.flow_from_directory(str(tmp_path), target_size=(2, 2), color_mode='grayscale',
                                     class_mode='sparse', classes=['dogs'], shuffle=False)
    bx, by = next(sparse)
    assert bx.shape == (2, 1, 2, 2) and list(by) == [0, 0]
    assert next(gen.flow_from_directory(str(tmp_path), class_mode=None, target_size=(2, 2))).shape == (5, 3, 2, 2)


def test_flow_save_to_dir(tmp_path):
    gen = image.ImageDataGenerator(dim_ordering='tf')
    x = np.random.RandomState(1).uniform(size=(3, 4, 4, 3))
    next(gen.flow(x, batch_size=3, save_to_dir=str(tmp_path), save_prefix='aug', save_format='png'))
    names = sorted(os.listdir(str(tmp_path)))
    assert len(names) == 3 and all(n.startswith('aug_') and n.endswith('.png') for n in names)
