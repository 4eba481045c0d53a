"""Pieces of the unchanged-examples measurement (run_examples.py, make_standins.py's VGG stand-ins)."""
import os
import sys
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import make_standins  # noqa: E402
import run_examples  # noqa: E402


def test_verdicts_keep_finished_apart_from_cut_off_in_training():
    assert run_examples.verdict(0, 'anything') == 'finished'
    assert run_examples.verdict('timeout', 'Train on 60000 samples\nEpoch 1/12\n') == 'running at limit'
    assert run_examples.verdict('timeout', 'Model loaded.\nStart of iteration 0\n') == 'running at limit'
    assert run_examples.verdict('timeout', 'Using TensorFlow\n') == 'failed: Using TensorFlow'
    crashed = 'Epoch 1/2\nTraceback (most recent call last):\n  File "x.py", line 1\nValueError: bad\n'
    assert run_examples.verdict(1, crashed) == 'failed: ValueError: bad'
    assert run_examples.verdict('timeout', crashed).startswith('failed')


def test_table_takes_each_examples_latest_row_and_counts_each_kind(tmp_path):
    (tmp_path / 'results.tsv').write_text('a\tfailed: X\t3\na\tfinished\t5\nb\trunning at limit\t75\n'
                                          'c\tfailed: ImportError: y\t9\nd\tskipped: needs GloVe\t0\n')
    text = run_examples.table(str(tmp_path))
    assert 'failed: X' not in text
    assert text.rstrip().endswith('4 examples: 1 finished (exit 0), 1 running at limit (in training, killed), '
                                  '1 failed, 1 skipped')


def test_vgg_standins_are_where_keras1_looked_and_load(tmp_path, monkeypatch):
    datasets = tmp_path / '.keras' / 'datasets'
    datasets.mkdir(parents=True)
    make_standins.vgg_weights(str(datasets))
    monkeypatch.setenv('HOME', str(tmp_path))
    from compat.keras import backend as K
    from compat.keras.applications import vgg19
    before = K.image_dim_ordering()
    try:
        for ordering in ('th', 'tf'):
            K.set_image_dim_ordering(ordering)
            with warnings.catch_warnings():
                warnings.simplefilter('ignore')  # the stand-in's md5 is not the real file's
                model = vgg19.VGG19(weights='imagenet', include_top=False)
            assert os.path.exists(str(tmp_path / '.keras' / 'models' /
                                      ('vgg19_weights_%s_dim_ordering_%s_kernels_notop.h5' % (ordering, ordering))))
            assert abs(float(model.get_layer('block1_conv1').get_weights()[1].sum())) > 0  # not the zero init
    finally:
        K.set_image_dim_ordering(before)


def test_placed_standins_are_linked_for_the_run_then_removed_and_existing_paths_left_alone(tmp_path, monkeypatch):
    (tmp_path / 'home' / 'root' / 'data').mkdir(parents=True)
    monkeypatch.setattr(run_examples, 'STANDINS', str(tmp_path / 'home'))
    target = str(tmp_path / 'data')
    made, why_not = run_examples.place([(target, 'root/data')])
    assert (made, why_not) == ([target], '') and os.path.realpath(target) == str(tmp_path / 'home' / 'root' / 'data')
    run_examples.unplace(made)
    assert not os.path.lexists(target)
    os.mkdir(target)   # somebody's own folder there: never touched, the example is skipped saying so
    made, why_not = run_examples.place([(target, 'root/data')])
    assert made == [] and 'exists already' in why_not and os.path.isdir(target) and not os.path.islink(target)
    assert 'run make_standins.py' in run_examples.place([(str(tmp_path / 'other'), 'root/missing')])[1]


def test_mnist_standin_small_with_every_class_and_the_vae_batch_size(tmp_path, monkeypatch):
    datasets = tmp_path / '.keras' / 'datasets'
    datasets.mkdir(parents=True)
    make_standins.mnist(str(datasets))
    monkeypatch.setenv('HOME', str(tmp_path))
    from compat.keras.datasets import mnist
    (x_train, y_train), (x_test, y_test) = mnist.load_data()
    assert x_train.shape[1:] == x_test.shape[1:] == (28, 28) and x_train.dtype == y_train.dtype == 'uint8'
    assert len(x_train) <= 1000 and len(x_train) % 100 == 0 and len(x_test) % 100 == 0   # batch_shape=(100, ...)
    assert set(y_train) == set(y_test) == set(range(10))
    assert run_examples.FULL_MNIST == {'antirectifier', 'mnist_mlp', 'mnist_siamese_graph'}


def test_glove_and_newsgroups_standins_as_pretrained_word_embeddings_reads_them(tmp_path):
    datasets = tmp_path / '.keras' / 'datasets'
    datasets.mkdir(parents=True)
    make_standins.glove_newsgroups(str(datasets))
    root = tmp_path / 'root'
    with open(root / 'glove.6B' / 'glove.6B.100d.txt') as f:
        assert all(len(line.split()) == 101 for line in f)
    groups = sorted(os.listdir(root / '20_newsgroup'))
    assert len(groups) == 20
    words = set()
    for group in groups:
        for name in os.listdir(root / '20_newsgroup' / group):
            if name.isdigit():
                words.update((root / '20_newsgroup' / group / name).read_text(encoding='latin-1').split())
    assert len(words) > 20000   # the example's embedding matrix fits only past its MAX_NB_WORDS
    assert [link for link, _ in run_examples.PLACED['pretrained_word_embeddings']] == ['/glove.6B', '/20_newsgroup']


def test_table_names_what_keeps_an_example_running_only_where_it_ran_at_limit(tmp_path):
    (tmp_path / 'results.tsv').write_text('addition_rnn\trunning at limit\t75\ncifar10_cnn\tfinished\t70\n'
                                          'mnist_hierarchical_rnn\trunning at limit\t75\n')
    rows = run_examples.table(str(tmp_path)).splitlines()
    assert rows[5].endswith('running at limit (%s)' % run_examples.LONG['addition_rnn'])
    assert rows[6].endswith('finished') and rows[7].endswith('running at limit')


def test_table_gives_the_load_range_and_the_checkouts_measured(tmp_path):
    (tmp_path / 'results.tsv').write_text('a\tfinished\t5\n'   # a row from before the load was recorded
                                          'b\tfinished\t6\t3.5\tabc1234\nc\tfailed: X\t7\t9.25\tabc1234\n')
    rows = run_examples.table(str(tmp_path)).splitlines()
    assert rows[2] == '# compat at: abc1234'
    assert rows[3] == '# 1-minute load average when each example started: 3.5 to 9.2 (2 cores)'
