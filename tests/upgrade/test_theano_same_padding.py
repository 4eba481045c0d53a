"""Before/after tests: Theano 'same'/'full' padding kept with explicit ZeroPadding + 'valid'.

Expected paddings are hand-derived from keras 1.2.2 theano_backend.py ('half' mode pads k // 2
both sides, even kernels cropped to ceil(n / stride) outputs => k // 2 before, k - 1 - k // 2 after;
'full' pads k - 1 on both sides; k is the dilated kernel size (kernel - 1) * rate + 1).
"""
import pytest

from compat.upgrade.fixers import LayerArgs, TheanoSamePadding

IMP = 'from keras.layers import Convolution2D, Convolution1D, MaxPooling2D\n'


def test_stride_two_in_sequential(run):
    new, _ = run(IMP + "model.add(Convolution2D(8, 3, 3, border_mode='same', subsample=(2, 2), "
                       "input_shape=(3, 20, 20)))  # c1\n", LayerArgs, TheanoSamePadding)
    assert new == IMP + (
        "model.add(ZeroPadding2D(((1, 1), (1, 1)), data_format='channels_first', "
        'input_shape=(3, 20, 20)))\n'
        "model.add(Convolution2D(8, (3, 3), padding='valid', strides=(2, 2), "
        "data_format='channels_first'))  # c1\n")


def test_even_kernel_functional(run):
    new, _ = run(IMP + "y = Convolution2D(4, 4, 2, border_mode='same')(x)\n",
                 LayerArgs, TheanoSamePadding)
    assert new == IMP + ("y = Convolution2D(4, (4, 2), padding='valid', data_format='channels_first')"
                         "(ZeroPadding2D(((2, 1), (1, 0)), data_format='channels_first')(x))\n")


def test_odd_kernel_stride_one_untouched(run):
    new, entries = run(IMP + "Convolution2D(4, 3, 3, border_mode='same')(x)\n", LayerArgs,
                       TheanoSamePadding)
    assert "padding='same'" in new and 'ZeroPadding' not in new


def test_conv1d_even(run):
    new, _ = run(IMP + "m.add(Convolution1D(4, 2, border_mode='same'))\n", LayerArgs, TheanoSamePadding)
    assert new == IMP + "m.add(ZeroPadding1D((1, 0)))\nm.add(Convolution1D(4, 2, padding='valid'))\n"


def test_full_sequential_2d(run):
    # keras 1.2.2 theano_backend.py conv2d: border_mode='full' goes to Theano as is: k - 1 zeros
    # on both sides of each axis
    new, entries = run(IMP + "model.add(Convolution2D(3, 3, 2, border_mode='full', bias=False, "
                             "input_shape=(2, 5, 6)))\n", LayerArgs, TheanoSamePadding)
    assert new == IMP + (
        "model.add(ZeroPadding2D(((2, 2), (1, 1)), data_format='channels_first', "
        'input_shape=(2, 5, 6)))\n'
        "model.add(Convolution2D(3, (3, 2), padding='valid', use_bias=False, "
        "data_format='channels_first'))\n")
    assert not [e for e in entries if e.severity == 'warning' and 'full' in e.message]


def test_full_3d_functional(run):
    new, _ = run('from keras.layers import Convolution3D\n'
                 "c = Convolution3D(2, 2, 3, 2, border_mode='full')(x)\n", LayerArgs, TheanoSamePadding)
    assert new.endswith("c = Convolution3D(2, (2, 3, 2), padding='valid', data_format='channels_first')"
                        "(ZeroPadding3D(((1, 1), (2, 2), (1, 1)), data_format='channels_first')(x))\n")


@pytest.mark.parametrize('src, pads', [
    # dilated size k = (kernel - 1) * rate + 1: (3, 2) at rate (2, 1) -> (5, 2)
    ("AtrousConvolution2D(2, 3, 2, atrous_rate=(2, 1), border_mode='same')", '((2, 2), (1, 0))'),
    ("AtrousConvolution1D(2, 2, atrous_rate=3, border_mode='same')", '(2, 1)'),      # k = 4
    ("AtrousConvolution1D(2, 2, atrous_rate=2, border_mode='full')", '(2, 2)'),      # k = 3
])
def test_dilated_kernels(run, src, pads):
    new, _ = run('from keras.layers import AtrousConvolution2D, AtrousConvolution1D\n'
                 f'y = {src}(x)\n', LayerArgs, TheanoSamePadding)
    assert f'(ZeroPadding{src[17]}D({pads}' in new and "padding='valid'" in new


def test_dilated_odd_stride_one_untouched(run):
    new, _ = run('from keras.layers import AtrousConvolution2D\n'
                 "y = AtrousConvolution2D(2, 3, 2, atrous_rate=(1, 2), border_mode='same')(x)\n",
                 LayerArgs, TheanoSamePadding)   # k = (3, 3): Theano and TensorFlow agree
    assert "padding='same'" in new and 'ZeroPadding' not in new


def test_non_literal_kernel_warns(run):
    new, entries = run(IMP + "y = Convolution2D(4, k, k, border_mode='full')(x)\n",
                       LayerArgs, TheanoSamePadding)
    assert "padding='full'" in new
    assert any(e.severity == 'warning' and 'cannot compute' in e.message for e in entries)


def test_kernel_from_constants(run):
    # keras 1.2.2 examples/mnist_cnn.py: kernel_size = (3, 3); Convolution2D(n, kernel_size[0], ...)
    src = IMP + ("nb_filters, kernel_size = 8, (2, 3)\n"
                 "y = Convolution2D(nb_filters, kernel_size[0], kernel_size[1], border_mode='same')(x)\n")
    new, entries = run(src, LayerArgs, TheanoSamePadding)
    # Theano 'same' (half): k // 2 before, k - 1 - k // 2 after: k=2 -> (1, 0), k=3 -> (1, 1)
    assert "ZeroPadding2D(((1, 0), (1, 1)), data_format='channels_first')(x)" in new
    assert not [e for e in entries if e.severity == 'warning' and 'cannot compute' in e.message]
    # bound twice: not a constant
    new, entries = run(src + 'kernel_size = (5, 5)\n', LayerArgs, TheanoSamePadding)
    assert 'ZeroPadding2D' not in new and any('cannot compute' in e.message for e in entries)


@pytest.mark.parametrize('n, k, s', [(22, 3, 2), (7, 4, 1), (9, 2, 3), (10, 5, 2)])
def test_output_length_is_keras1s(n, k, s):
    # Keras 1 'same' output length: ceil(n / s) (theano_backend._postprocess_conv2d_output)
    before, after = k // 2, k - 1 - k // 2
    assert (n + before + after - k) // s + 1 == -(-n // s)
