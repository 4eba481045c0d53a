"""Before/after tests: branches on the image ordering decided (fixers/ordering_branches.py)."""
import pytest

from compat.upgrade.fixers import BackendOps, OrderingBranches

IMP = 'from keras import backend as K\n'


@pytest.mark.parametrize('before, after', [
    # keras 1.2.2 examples/mnist_cnn.py
    ("if K.image_dim_ordering() == 'th':\n"
     "    X_train = X_train.reshape(X_train.shape[0], 1, img_rows, img_cols)\n"
     "    input_shape = (1, img_rows, img_cols)\n"
     "else:\n"
     "    X_train = X_train.reshape(X_train.shape[0], img_rows, img_cols, 1)\n"
     "    input_shape = (img_rows, img_cols, 1)\n"
     "\n"
     "X_train = X_train.astype('float32')\n",
     "X_train = X_train.reshape(X_train.shape[0], 1, img_rows, img_cols)\n"
     "input_shape = (1, img_rows, img_cols)\n"
     "\n"
     "X_train = X_train.astype('float32')\n"),
    # the other branch, no else, one-line suites, comments before the statement kept
    ("# layout\nif K.image_dim_ordering() == 'tf':\n    a = 1\nb = 2\n", "b = 2\n"),
    ("# layout\nif K.image_dim_ordering() != 'tf': a = 1; c = 3\n", "# layout\na = 1; c = 3\n"),
    # elif chains
    ("if K.image_dim_ordering() == 'tf':\n    a = 1\nelif x:\n    a = 2\nelse:\n    a = 3\n",
     "if x:\n    a = 2\nelse:\n    a = 3\n"),
    ("if x:\n    a = 1\nelif K.image_dim_ordering() == 'th':\n    a = 2\nelse:\n    a = 3\n",
     "if x:\n    a = 1\nelse:\n    a = 2\n"),
    ("if x:\n    a = 1\nelif K.image_dim_ordering() == 'tf':\n    a = 2\n", "if x:\n    a = 1\n"),
    # nested in a function, and a conditional expression
    ("def f():\n    if K.image_dim_ordering() == 'th':\n        return 1\n    return 2\n",
     "def f():\n    return 1\n    return 2\n"),
    ("axis = 1 if K.image_dim_ordering() == 'th' else -1\n", "axis = 1\n"),
])
def test_decided(run, before, after):
    # under --keep-channels-first the 'th' layers stay 'th': the file's 'th' branches are taken
    new, entries = run(IMP + before, BackendOps, OrderingBranches, keep_channels_first=True)
    assert new == IMP + after
    assert any(e.fixer == 'ordering_branches' for e in entries)


@pytest.mark.parametrize('src', [
    "if K.backend() == 'theano':\n    a = 1\n",                 # not decided by the upgrade
    "if ordering == 'th':\n    a = 1\n",
    "if 'th' in ('th', 'tf'):\n    a = 1\n",
    "if 'a' == 'a' == 'b':\n    a = 1\n",
])
def test_other_tests_untouched(run, src):
    new, entries = run(src, OrderingBranches)
    assert new == src and not entries


def test_channels_last_takes_the_tf_branch(run):
    # by default 'th' images run channels-last: a file that asks the ordering is upgraded as its
    # channels-last ('tf') branch wrote it, data code and layers alike (keras 1.2.2 mnist_cnn.py)
    src = ("from keras.layers import Convolution2D\n"
           "if K.image_dim_ordering() == 'th':\n    input_shape = (1, 28, 28)\n"
           "else:\n    input_shape = (28, 28, 1)\n"
           "c = Convolution2D(2, 3, 3, input_shape=input_shape)\n")
    new, _ = run(IMP + src)
    assert new == ('from keras.layers import Conv2D\ninput_shape = (28, 28, 1)\n'
                   'c = Conv2D(2, (3, 3), input_shape=input_shape)\n')


def test_tf_ordering(run):
    new, _ = run(IMP + "if K.image_dim_ordering() == 'th':\n    a = 1\nelse:\n    a = 2\n",
                 BackendOps, OrderingBranches, dim_ordering='tf')
    assert new == IMP + 'a = 2\n'
