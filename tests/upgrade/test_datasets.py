"""Before/after tests: Keras 1 'th' layout of the cifar datasets (keras 1.2.2 datasets/cifar10.py)."""
from compat.upgrade.fixers import Datasets

SRC = ('from keras.datasets import cifar10\n'
       '(X_train, y_train), (X_test, y_test) = cifar10.load_data()  # data\n'
       'print(X_train.shape)\n')


def test_cifar_transposed_to_th(run):
    new, entries = run(SRC, Datasets)
    assert new.splitlines()[1:] == [
        '(X_train, y_train), (X_test, y_test) = cifar10.load_data()  # data',
        'X_train = X_train.transpose(0, 3, 1, 2)',
        'X_test = X_test.transpose(0, 3, 1, 2)',
        'print(X_train.shape)']
    assert [e.severity for e in entries] == ['change']


def test_cifar100_inside_function(run):
    new, _ = run('from keras.datasets.cifar100 import load_data\n'
                 'def f():\n    (a, b), (c, d) = load_data(label_mode="fine")\n    return a\n',
                 Datasets)
    assert '    a = a.transpose(0, 3, 1, 2)\n    c = c.transpose(0, 3, 1, 2)\n    return a' in new


def test_tf_ordering_or_explicit_set_left_alone(run):
    assert run(SRC, Datasets, dim_ordering='tf')[0] == SRC
    # set_image_dim_ordering('th') becomes set_image_data_format('channels_first') under
    # --keep-channels-first: Keras 3's load_data then gives channels-first itself
    src = "from keras import backend as K\nK.set_image_dim_ordering('th')\n" + SRC
    assert run(src, Datasets, keep_channels_first=True)[0] == src


def test_explicit_set_removed_when_channels_last(run):
    # channels_last.py removes the set_image_data_format('channels_first') call, so the images
    # are transposed as under the default 'th'
    src = "from keras import backend as K\nK.set_image_dim_ordering('th')\n" + SRC
    new, _ = run(src)
    assert 'set_image_data_format' not in new and 'X_train = X_train.transpose(0, 3, 1, 2)' in new


def test_other_targets_warn(run):
    src = 'from keras.datasets import cifar10\ndata = cifar10.load_data()\n'
    new, entries = run(src, Datasets)
    assert new == src and [e.severity for e in entries] == ['warning']
