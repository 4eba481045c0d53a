"""Tiny random stand-ins for the Keras 1.2.2 dataset cache, for the coverage run (docs/coverage.md).

Writes, under ``<home>/.keras/datasets`` (default home: /tmp/k1home, so the
real ~/.keras is untouched; run the examples with ``HOME=/tmp/k1home``), the
files the Keras 1.2.2 examples read, in the formats compat.keras.datasets and
keras 1.2.2 expect: mnist.pkl.gz, cifar-10-batches-py/, cifar-100-python/,
imdb_full.pkl, imdb_word_index.pkl, reuters.pkl, reuters_word_index.pkl,
nietzsche.txt, babi-tasks-v1-2.tar.gz. The data is random: only the shapes,
types and classes are Keras 1's (every class present); sizes are small (a few
hundred samples a split) so an example's hard-coded epochs run to their end:
MNIST has 300 training and 100 test images, multiples of the batch_shape=(100,
...) that the variational autoencoders fix. The examples that hard-code MNIST's
full size (``reshape(60000, 784)``: run_examples.FULL_MNIST) get a second home,
``<home>/full_mnist``, whose cache holds a full-size MNIST only.

For the examples that start with keras.applications (conv_filter_visualization,
deep_dream, neural_style_transfer, neural_doodle) it also writes stand-in VGG16
and VGG19 weights without the top, both orderings, where Keras 1 cached them
(``<home>/.keras/models/vgg16_weights_th_dim_ordering_th_kernels_notop.h5``...),
in Keras 1's HDF5 layout (tests/keras1/applications/standin.py, layer lists of
the committed fixtures tests/fixtures/applications/vgg*_notop.json), and small
images under ``<home>/images`` for the image examples' arguments
(run_examples.ARGS): base.png, style.png and two four-colour masks.
image_ocr's ``get_file('wordlists.tgz', untar=True)`` finds wordlists.tgz.tar.gz
(Keras 1 get_file's archive name) holding random word lists of the two files it
reads.
pretrained_word_embeddings reads ``/glove.6B/glove.6B.100d.txt`` and
``/20_newsgroup/<group>/<number>`` at the file system's root (its BASE_DIR = ''):
they are written under ``<home>/root`` (random 100-number vectors for a word
list; 20 groups of short texts of those words and some others) and
run_examples.py places them at the root for that example's run.

    python tests/keras1/coverage/make_standins.py [HOME]
    python tests/keras1/coverage/make_standins.py --keras3 [HOME]

``--keras3`` (default home /tmp/k3home) writes instead the cache files that
Keras 3's ``keras.datasets`` read, for the upgraded examples
(run_upgraded_examples.py): mnist.npz, imdb.npz, imdb_word_index.json,
reuters.npz, reuters_word_index.json, cifar-10-batches-py-target_archive (the
tar that keras 3 cifar10.load_data extracts), plus the nietzsche.txt and
babi-tasks-v1-2.tar.gz that the examples fetch themselves. Formats follow
keras/src/datasets/{mnist,imdb,reuters,cifar10,cifar}.py: ragged sequences are
object arrays of plain-int lists (keras 3 reads them with a restricted
unpickler that only allows numpy array globals), CIFAR batches are pickles
with bytes keys. Keras 3 checks file hashes; run_upgraded_examples.py turns
that check off (these files cannot match), see its docstring.
"""
import gzip
import io
import json
import os
import pickle
import sys
import tarfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
APPLICATION_FIXTURES = os.path.join(HERE, '..', '..', 'fixtures', 'applications')
RNG = np.random.RandomState(0)
N_TRAIN, N_TEST = 256, 64
N_MNIST_TRAIN, N_MNIST_TEST = 300, 100   # multiples of the VAE examples' batch_shape=(100, ...)


def _seqs(n, vocab=2000, lo=20, hi=120):
    return [list(RNG.randint(1, vocab, size=RNG.randint(lo, hi))) for _ in range(n)]


def _word_index(vocab=2000):
    return {'w%d' % i: i for i in range(1, vocab)}


def _labels(n, classes):
    # every class present (mnist_siamese_graph and mnist_transfer_cnn index samples by class)
    return RNG.permutation(np.arange(n) % classes)


def _mnist(d, n_train, n_test):
    # keras 1.2.2 datasets/mnist.py: a gzipped pickle of ((X_train, y_train), (X_test, y_test)), uint8
    x = lambda n: RNG.randint(0, 256, size=(n, 28, 28)).astype('uint8')  # noqa: E731
    os.makedirs(d, exist_ok=True)
    with gzip.open(os.path.join(d, 'mnist.pkl.gz'), 'wb', compresslevel=1) as f:
        pickle.dump(((x(n_train), _labels(n_train, 10).astype('uint8')),
                     (x(n_test), _labels(n_test, 10).astype('uint8'))), f)


def mnist(d):
    _mnist(d, N_MNIST_TRAIN, N_MNIST_TEST)


def mnist_full(d):
    # the examples that hard-code reshape(60000, 784) run with HOME=<home>/full_mnist (run_examples.FULL_MNIST)
    home = os.path.dirname(os.path.dirname(d))
    _mnist(os.path.join(home, 'full_mnist', '.keras', 'datasets'), 60000, 10000)


def cifar(d):
    c10 = os.path.join(d, 'cifar-10-batches-py')
    os.makedirs(c10, exist_ok=True)
    for name, n in [('data_batch_%d' % i, N_TRAIN // 5) for i in range(1, 6)] + [('test_batch', N_TEST)]:
        with open(os.path.join(c10, name), 'wb') as f:
            pickle.dump({'data': RNG.randint(0, 256, size=(n, 3072)).astype('uint8'),
                         'labels': list(RNG.randint(0, 10, size=n))}, f)
    c100 = os.path.join(d, 'cifar-100-python')
    os.makedirs(c100, exist_ok=True)
    for name, n in [('train', N_TRAIN), ('test', N_TEST)]:
        with open(os.path.join(c100, name), 'wb') as f:
            pickle.dump({'data': RNG.randint(0, 256, size=(n, 3072)).astype('uint8'),
                         'fine_labels': list(RNG.randint(0, 100, size=n)),
                         'coarse_labels': list(RNG.randint(0, 20, size=n))}, f)


def text(d):
    labels = lambda n: list(RNG.randint(0, 2, size=n))  # noqa: E731
    with open(os.path.join(d, 'imdb_full.pkl'), 'wb') as f:
        pickle.dump(((_seqs(N_TRAIN), labels(N_TRAIN)), (_seqs(N_TEST), labels(N_TEST))), f)
    for name in ('imdb_word_index.pkl', 'reuters_word_index.pkl'):
        with open(os.path.join(d, name), 'wb') as f:
            pickle.dump(_word_index(), f)
    with open(os.path.join(d, 'reuters.pkl'), 'wb') as f:
        pickle.dump((_seqs(N_TRAIN + N_TEST), list(RNG.randint(0, 46, size=N_TRAIN + N_TEST))), f)
    words = ['the', 'will', 'to', 'power', 'is', 'truth', 'of', 'man', 'and', 'god', 'good', 'evil']
    with open(os.path.join(d, 'nietzsche.txt'), 'w') as f:
        f.write(' '.join(RNG.choice(words, size=3000)) + '\n')


def _babi_story(rng, n_stories):
    people, places = ['Mary', 'John', 'Sandra', 'Daniel'], ['kitchen', 'garden', 'office', 'hallway']
    lines = []
    for _ in range(n_stories):
        i = 1
        for _ in range(5):
            lines.append('%d %s moved to the %s.' % (i, rng.choice(people), rng.choice(places)))
            i += 1
            lines.append('%d Where is %s? \t%s\t%d' % (i, rng.choice(people), rng.choice(places), i - 1))
            i += 1
    return '\n'.join(lines) + '\n'


def babi(d):
    path = os.path.join(d, 'babi-tasks-v1-2.tar.gz')
    tasks = ['qa1_single-supporting-fact', 'qa2_two-supporting-facts']
    with tarfile.open(path, 'w:gz') as tar:
        for sub in ('en', 'en-10k'):
            for task in tasks:
                for split in ('train', 'test'):
                    data = _babi_story(RNG, 20 if split == 'train' else 5).encode()
                    info = tarfile.TarInfo('tasks_1-20_v1-2/%s/%s_%s.txt' % (sub, task, split))
                    info.size = len(data)
                    tar.addfile(info, io.BytesIO(data))


def _ragged(seqs):
    # keras 3 npz_utils.RestrictedUnpickler admits numpy array globals only: plain ints inside plain lists
    out = np.empty(len(seqs), dtype=object)
    out[:] = [[int(w) for w in s] for s in seqs]
    return out


def mnist3(d):
    # keras 3 datasets/mnist.py: np.load(allow_pickle=False); full sizes (examples hard-code reshape(60000, 784))
    x = lambda n: RNG.randint(0, 256, size=(n, 28, 28)).astype('uint8')  # noqa: E731
    y = lambda n: RNG.randint(0, 10, size=n).astype('uint8')  # noqa: E731
    np.savez(os.path.join(d, 'mnist.npz'), x_train=x(60000), y_train=y(60000), x_test=x(10000), y_test=y(10000))


def text3(d):
    # keras 3 datasets/imdb.py and reuters.py: npz of object arrays + word-index json
    labels = lambda n: RNG.randint(0, 2, size=n).astype('int64')  # noqa: E731
    np.savez(os.path.join(d, 'imdb.npz'), x_train=_ragged(_seqs(N_TRAIN)), y_train=labels(N_TRAIN),
             x_test=_ragged(_seqs(N_TEST)), y_test=labels(N_TEST))
    np.savez(os.path.join(d, 'reuters.npz'), x=_ragged(_seqs(N_TRAIN + N_TEST)),
             y=RNG.randint(0, 46, size=N_TRAIN + N_TEST).astype('int64'))
    for name in ('imdb_word_index.json', 'reuters_word_index.json'):
        with open(os.path.join(d, name), 'w') as f:
            json.dump(_word_index(), f)


def cifar3(d):
    # keras 3 datasets/cifar10.py: get_file('cifar-10-batches-py-target', extract=True) extracts
    # '<name>_archive'; load_data fills a fixed 50000-row array 10000 rows per batch, so batches are full size
    path = os.path.join(d, 'cifar-10-batches-py-target_archive')
    with tarfile.open(path, 'w') as tar:
        for name in ['data_batch_%d' % i for i in range(1, 6)] + ['test_batch']:
            batch = {b'data': RNG.randint(0, 256, size=(10000, 3072)).astype('uint8'),
                     b'labels': [int(v) for v in RNG.randint(0, 10, size=10000)]}  # cifar.py decodes bytes keys
            data = pickle.dumps(batch, protocol=4)  # 2 pickles bytes via _codecs, 5 via _frombuffer: both refused
            info = tarfile.TarInfo('cifar-10-batches-py/' + name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def nietzsche_babi(d):
    # the examples fetch these themselves with get_file under the same names in Keras 1 and 3
    words = ['the', 'will', 'to', 'power', 'is', 'truth', 'of', 'man', 'and', 'god', 'good', 'evil']
    with open(os.path.join(d, 'nietzsche.txt'), 'w') as f:
        f.write(' '.join(RNG.choice(words, size=3000)) + '\n')
    babi(d)


def vgg_weights(d):
    # the examples build VGG16/VGG19(weights='imagenet', include_top=False): the *_notop files, in the
    # layer layout Keras 1.2.2 saved (the applications' parity fixtures record it)
    sys.path.insert(0, os.path.join(HERE, '..', 'applications'))
    import standin
    models = os.path.join(os.path.dirname(d), 'models')
    for case in ('vgg16_th_notop', 'vgg16_tf_notop', 'vgg19_th_notop', 'vgg19_tf_notop'):
        with open(os.path.join(APPLICATION_FIXTURES, case + '.json')) as f:
            meta = json.load(f)
        standin.write_weight_file(os.path.join(models, meta['weight_file']), meta['layers'], meta['seed'],
                                  channels_first=meta['ordering'] == 'th')


def images(d):
    # the image examples' arguments: small RGB pictures, and masks of four flat colours (neural_doodle
    # clusters the mask colours into --nlabels 4 labels)
    from PIL import Image
    folder = os.path.join(os.path.dirname(os.path.dirname(d)), 'images')
    os.makedirs(folder, exist_ok=True)
    for name in ('base', 'style'):
        Image.fromarray(RNG.randint(0, 256, size=(48, 64, 3)).astype('uint8')).save(os.path.join(folder, name + '.png'))
    colours = np.array([[255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 255, 0]], dtype='uint8')
    for name in ('style_mask', 'target_mask'):
        quadrant = np.zeros((48, 64), dtype=int)
        quadrant[24:, :32], quadrant[:24, 32:], quadrant[24:, 32:] = 1, 2, 3
        Image.fromarray(colours[quadrant]).save(os.path.join(folder, name + '.png'))


def wordlists(d):
    # image_ocr: get_file('wordlists.tgz', untar=True) extracts <fname>.tar.gz into the cache and the example
    # reads wordlist_mono_clean.txt (16000 words of at most 4 letters first) and wordlist_bi_clean.txt
    # ('word word' pairs of a-z) from that folder; 40000 of each covers its 32000-word second stage
    letters = np.array(list('abcdefghijklmnopqrstuvwxyz'))
    word = lambda: ''.join(RNG.choice(letters, size=RNG.randint(1, 5)))  # noqa: E731
    files = {'wordlist_mono_clean.txt': '\n'.join(word() for _ in range(40000)),
             'wordlist_bi_clean.txt': '\n'.join('%s %s' % (word(), word()) for _ in range(40000))}
    with tarfile.open(os.path.join(d, 'wordlists.tgz.tar.gz'), 'w:gz') as tar:
        for name, body in files.items():
            data = (body + '\n').encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


NEWSGROUPS = ['alt.atheism', 'comp.graphics', 'comp.os.ms-windows.misc', 'comp.sys.ibm.pc.hardware',
              'comp.sys.mac.hardware', 'comp.windows.x', 'misc.forsale', 'rec.autos', 'rec.motorcycles',
              'rec.sport.baseball', 'rec.sport.hockey', 'sci.crypt', 'sci.electronics', 'sci.med', 'sci.space',
              'soc.religion.christian', 'talk.politics.guns', 'talk.politics.mideast', 'talk.politics.misc',
              'talk.religion.misc']


def glove_newsgroups(d):
    # pretrained_word_embeddings: GLOVE_DIR/glove.6B.100d.txt ('word v1 ... v100' lines) and
    # TEXT_DATA_DIR/<group>/<digits> (latin-1 texts; the example reads only files whose names are digits)
    root = os.path.join(os.path.dirname(os.path.dirname(d)), 'root')
    os.makedirs(os.path.join(root, 'glove.6B'), exist_ok=True)
    words = ['w%d' % i for i in range(400)]
    with open(os.path.join(root, 'glove.6B', 'glove.6B.100d.txt'), 'w') as f:
        for word in words:
            f.write(word + ' ' + ' '.join('%.5f' % v for v in RNG.uniform(-1, 1, size=100)) + '\n')
    # more distinct words than its MAX_NB_WORDS = 20000, as the real corpus has: the example sizes its
    # embedding matrix min(20000, len(word_index)) rows and fills rows 1..len(word_index), which only fits then
    rare = iter(['rare%d' % i for i in range(24000)])   # 100 a text, each once; GloVe lacks them: zero rows
    for group in NEWSGROUPS:
        folder = os.path.join(root, '20_newsgroup', group)
        os.makedirs(folder, exist_ok=True)
        for number in range(51000, 51012):
            text = list(RNG.choice(words, size=RNG.randint(50, 300))) + [next(rare) for _ in range(100)]
            with open(os.path.join(folder, str(number)), 'w', encoding='latin-1') as f:
                f.write(' '.join(RNG.permutation(text)) + '\n')
        with open(os.path.join(folder, 'README.txt'), 'w') as f:   # not digits: the example skips it
            f.write('stand-in\n')


MAKERS = {False: (mnist, mnist_full, cifar, text, babi, vgg_weights, images, wordlists, glove_newsgroups), True: (mnist3, text3, cifar3, nietzsche_babi)}


def main(*args):
    keras3 = '--keras3' in args
    args = [a for a in args if a != '--keras3']
    home = args[0] if args else ('/tmp/k3home' if keras3 else '/tmp/k1home')
    d = os.path.join(home, '.keras', 'datasets')
    os.makedirs(d, exist_ok=True)
    for make in MAKERS[keras3]:
        make(d)
    print('stand-ins written to', d)


if __name__ == '__main__':
    main(*sys.argv[1:])
