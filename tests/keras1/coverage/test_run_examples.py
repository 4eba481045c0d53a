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
