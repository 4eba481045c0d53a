"""keras.datasets read from stand-in Keras 1 cache files in a temporary HOME.

imdb/reuters outputs come from the real Keras 1.2.2 run on the same stand-in
data (tests/fixtures/preprocessing/datasets.json, made by
tests/keras1/preprocessing/make_fixtures.py); mnist/cifar are checked against
the arrays written.
"""
import gzip
import json
import os
import pickle
import tarfile

import numpy as np
import pytest

from compat.keras.backend import common
from compat.keras.datasets import cifar10, cifar100, imdb, mnist, reuters
from compat.keras.utils.data_utils import get_file

FIX = os.path.join(os.path.dirname(__file__), 'fixtures', 'preprocessing', 'datasets.json')


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv('HOME', str(tmp_path))
    monkeypatch.setattr(common, '_IMAGE_DIM_ORDERING', 'th')
    d = tmp_path / '.keras' / 'datasets'
    d.mkdir(parents=True)
    return d


@pytest.fixture(scope='module')
def fix():
    with open(FIX) as f:
        return json.load(f)


def test_missing_file_names_where_to_put_it(cache):
    with pytest.raises(FileNotFoundError) as err:
        mnist.load_data()
    msg = str(err.value)
    assert str(cache / 'mnist.pkl.gz') in msg and 'never downloads' in msg and 's3.amazonaws.com' in msg
    with pytest.raises(FileNotFoundError, match='cifar-10-batches-py.tar.gz'):
        cifar10.load_data()


def test_mnist(cache):
    rng = np.random.RandomState(0)
    data = ((rng.randint(0, 256, (4, 28, 28)).astype('uint8'), np.arange(4)),
            (rng.randint(0, 256, (2, 28, 28)).astype('uint8'), np.arange(2)))
    with gzip.open(str(cache / 'mnist.pkl.gz'), 'wb') as f:
        pickle.dump(data, f, 2)
    (xtr, ytr), (xte, yte) = mnist.load_data()
    np.testing.assert_array_equal(xtr, data[0][0])
    np.testing.assert_array_equal(yte, data[1][1])


def _cifar_batch(path, n, rng, label_keys):
    d = {b'data': rng.randint(0, 256, (n, 3 * 32 * 32)).astype('uint8')}  # Python 2 pickles: bytes keys
    for key in label_keys:
        d[key.encode()] = rng.randint(0, 10, n).tolist()
    with open(path, 'wb') as f:
        pickle.dump(d, f, 2)
    return d


@pytest.mark.parametrize('ordering', ['th', 'tf'])
def test_cifar10_from_archive(cache, tmp_path, monkeypatch, ordering):
    monkeypatch.setattr(common, '_IMAGE_DIM_ORDERING', ordering)
    rng = np.random.RandomState(1)
    src = tmp_path / 'cifar-10-batches-py'
    src.mkdir()
    batches = [_cifar_batch(str(src / ('data_batch_%d' % i)), 2, rng, ['labels']) for i in range(1, 6)]
    test = _cifar_batch(str(src / 'test_batch'), 3, rng, ['labels'])
    with tarfile.open(str(cache / 'cifar-10-batches-py.tar.gz'), 'w:gz') as t:
        t.add(str(src), arcname='cifar-10-batches-py')
    (xtr, ytr), (xte, yte) = cifar10.load_data()
    assert (cache / 'cifar-10-batches-py' / 'test_batch').exists()  # extracted like Keras 1
    expected = np.concatenate([b[b'data'] for b in batches]).reshape(10, 3, 32, 32)
    if ordering == 'tf':
        expected = expected.transpose(0, 2, 3, 1)
    assert xtr.dtype == np.uint8 and ytr.shape == (10, 1) and yte.shape == (3, 1)
    np.testing.assert_array_equal(xtr, expected)
    np.testing.assert_array_equal(ytr[:, 0], sum((b[b'labels'] for b in batches), []))
    np.testing.assert_array_equal(xte[0], test[b'data'][0].reshape(3, 32, 32) if ordering == 'th'
                                  else test[b'data'][0].reshape(3, 32, 32).transpose(1, 2, 0))


def test_cifar100_label_modes(cache):
    rng = np.random.RandomState(2)
    (cache / 'cifar-100-python').mkdir()
    train = _cifar_batch(str(cache / 'cifar-100-python' / 'train'), 3, rng, ['fine_labels', 'coarse_labels'])
    _cifar_batch(str(cache / 'cifar-100-python' / 'test'), 2, rng, ['fine_labels', 'coarse_labels'])
    (_, y_fine), _ = cifar100.load_data()
    (_, y_coarse), (xte, _) = cifar100.load_data('coarse')
    np.testing.assert_array_equal(y_fine[:, 0], train[b'fine_labels'])
    np.testing.assert_array_equal(y_coarse[:, 0], train[b'coarse_labels'])
    assert xte.shape == (2, 3, 32, 32)
    with pytest.raises(ValueError, match='label_mode'):
        cifar100.load_data('medium')


def _kwargs(case):
    return case['kwargs']


def test_imdb_matches_keras1(cache, fix):
    (xtr, ytr), (xte, yte) = fix['raw_imdb']
    with open(str(cache / 'imdb_full.pkl'), 'wb') as f:
        pickle.dump(((xtr, ytr), (xte, yte)), f, 2)
    for case in fix['imdb']:
        with pytest.warns(UserWarning, match='md5'):  # a stand-in is not Keras 1's file
            got = imdb.load_data(**case['kwargs'])
        for (gx, gy), (ex, ey, kind) in zip(got, case['out']):
            assert type(gx).__name__ == kind
            assert [list(x) for x in gx] == ex, case['kwargs']
            assert list(gy) == ey


def test_reuters_matches_keras1(cache, fix):
    with open(str(cache / 'reuters.pkl'), 'wb') as f:
        pickle.dump(tuple(fix['raw_reuters']), f, 2)
    for case in fix['reuters']:
        got = reuters.load_data(**case['kwargs'])
        for (gx, gy), (ex, ey, kind) in zip(got, case['out']):
            assert type(gx).__name__ == kind
            assert gx == ex, case['kwargs']
            assert gy == ey


def test_maxlen_too_small(cache, fix):
    with open(str(cache / 'reuters.pkl'), 'wb') as f:
        pickle.dump(tuple(fix['raw_reuters']), f, 2)
    with pytest.raises(ValueError, match='maxlen'):
        reuters.load_data(maxlen=1)


def test_word_index(cache):
    with open(str(cache / 'reuters_word_index.pkl'), 'wb') as f:
        pickle.dump({'oil': 1, 'price': 2}, f, 2)
    assert reuters.get_word_index() == {'oil': 1, 'price': 2}
    with pytest.raises(FileNotFoundError, match='imdb_word_index.pkl'):
        imdb.get_word_index()


def test_get_file_other_subdir(cache):
    models = cache.parent / 'models'
    models.mkdir()
    (models / 'w.h5').write_bytes(b'x')
    assert get_file('w.h5', origin='http://example/w.h5', cache_subdir='models') == str(models / 'w.h5')
    assert get_file('w.h5', 'http://example', md5_hash='9dd4e461268c8034f5c8564e155c67a6',
                    cache_subdir='models') == str(models / 'w.h5')  # md5(b'x')
