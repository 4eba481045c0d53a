"""Before/after tests: 'th' image layers run channels-last, Keras 1's arrays in and out
(fixers/channels_last.py); --keep-channels-first keeps data_format='channels_first'."""
import os
import pathlib
import subprocess
import sys

import numpy as np
import pytest

from compat.upgrade.fixers.channels_last import IMAGES

ROOT = pathlib.Path(__file__).resolve().parents[2]

SEQUENTIAL = """\
from keras.models import Sequential
from keras.layers import Convolution2D, MaxPooling2D, Flatten, Dense, BatchNormalization
model = Sequential()
model.add(Convolution2D(8, 3, 3, input_shape=(3, 16, 16)))
model.add(BatchNormalization(axis=1))
model.add(BatchNormalization())
model.add(MaxPooling2D())
model.add(Flatten())
model.add(Dense(2))
"""


def test_sequential_permutes_in_and_back_before_flatten(run):
    new, entries = run(SEQUENTIAL)
    assert new.splitlines()[2:] == [
        'model = Sequential()',
        'model.add(Input(shape=(3, 16, 16)))',
        "# Keras 1's channels-first arrays in; the image layers run channels-last",
        "model.add(Permute((2, 3, 1), name='model_to_channels_last'))",
        'model.add(Conv2D(8, (3, 3)))',
        # keras 1.2.2 BatchNormalization axis 1 of (channels, rows, cols): the channels, last now
        'model.add(BatchNormalization())',
        # Keras 1's default axis -1 of a 'th' image is its columns: axis 2 channels-last
        'model.add(BatchNormalization(axis=2))',
        'model.add(MaxPooling2D())',
        "# back to Keras 1's channels-first order for Flatten",
        "model.add(Permute((3, 1, 2), name='model_to_channels_first'))",
        'model.add(Flatten())',
        'model.add(Dense(2))']
    assert not [e for e in entries if e.severity != 'change']


def test_keep_channels_first(run):
    new, entries = run(SEQUENTIAL, keep_channels_first=True)
    assert 'Permute' not in new
    assert "model.add(Conv2D(8, (3, 3), data_format='channels_first'))" in new
    assert [e.severity for e in entries if 'oneDNN' in e.message] == ['warning']


def test_functional_input_converted_once_and_outputs_in_keras1_order(run):
    new, _ = run("""\
        from keras.layers import Input, Convolution2D, Flatten, Dense, merge
        from keras.models import Model
        x = Input(shape=(3, 16, 16))
        a = Convolution2D(4, 3, 3)(x)
        b = Convolution2D(4, 3, 3)(x)
        s = merge([a, b], mode='sum')
        c = merge([a, b], mode='concat', concat_axis=1)
        y = Dense(2)(Flatten()(s))
        model = Model(input=x, output=[y, c, s])
        """)
    lines = new.splitlines()
    assert lines[3:] == [
        "# Keras 1's channels-first arrays in; the image layers run channels-last",
        "x_channels_last = Permute((2, 3, 1), name='x_to_channels_last')(x)",
        'a = Conv2D(4, (3, 3))(x_channels_last)',
        "# back to Keras 1's channels-first order",
        "a_channels_first = Permute((3, 1, 2), name='a_to_channels_first')(a)",
        'b = Conv2D(4, (3, 3))(x_channels_last)',
        "# back to Keras 1's channels-first order",
        "b_channels_first = Permute((3, 1, 2), name='b_to_channels_first')(b)",
        's = add([a, b])',         # elementwise: channels-last in, channels-last out
        "# back to Keras 1's channels-first order for Flatten",
        "s_channels_first = Permute((3, 1, 2), name='s_to_channels_first')(s)",
        'c = concatenate([a_channels_first, b_channels_first], axis=1)',   # Keras 1's axis 1
        'y = Dense(2)(Flatten()(s_channels_first))',
        'model = Model(inputs=x, outputs=[y, c, s_channels_first])']


def test_nested_layer_calls_get_an_inline_permute(run):
    new, _ = run("""\
        from keras.layers import Input, Convolution2D, Flatten
        x = Input(shape=(2, 5, 5))
        y = Flatten()(Convolution2D(2, 2, 2)(x))
        """)
    assert ("y = Flatten()(Permute((3, 1, 2), name='y_to_channels_first')(Conv2D(2, (2, 2))"
            "(x_channels_last)))") in new


def test_conv_lstm_sequences_and_3d_images(run):
    new, _ = run("""\
        from keras.layers import Input, ConvLSTM2D, Convolution3D, Flatten
        x = Input(shape=(3, 2, 5, 5))
        a = ConvLSTM2D(3, 3, 3, border_mode='same', return_sequences=True)(x)
        b = ConvLSTM2D(3, 3, 3, border_mode='same')(x)
        v = Input(shape=(2, 4, 4, 4))
        c = Convolution3D(2, 2, 2, 2)(v)
        out = [Flatten()(t) for t in (a, b, c)]
        """)
    assert "Permute((1, 3, 4, 2), name='x_to_channels_last')(x)" in new
    assert "a_channels_first = Permute((1, 4, 2, 3), name='a_to_channels_first')(a)" in new
    assert "b_channels_first = Permute((3, 1, 2), name='b_to_channels_first')(b)" in new
    assert "Permute((2, 3, 4, 1), name='v_to_channels_last')(v)" in new
    assert "c_channels_first = Permute((4, 1, 2, 3), name='c_to_channels_first')(c)" in new
    assert 'for t in (a_channels_first, b_channels_first, c_channels_first)' in new


def test_permute_dims_go_and_come_back():
    for to_last, to_first in IMAGES.values():
        x = np.arange(np.prod(range(2, len(to_last) + 3))).reshape(range(2, len(to_last) + 3))
        there = x.transpose((0,) + to_last)
        np.testing.assert_array_equal(there.transpose((0,) + to_first), x)


def test_layer_in_a_loop_permuted_before_and_after_it(run):
    new, _ = run("""\
        from keras.models import Sequential
        from keras.layers import Convolution2D, MaxPooling2D, Flatten
        model = Sequential()
        model.add(MaxPooling2D(input_shape=(3, 16, 16)))
        for i in range(2):
            model.add(Convolution2D(8, 3, 3))
        model.compile('sgd', 'mse')
        """)
    assert new.splitlines()[5:] == [
        "model.add(Permute((2, 3, 1), name='model_to_channels_last'))",
        'model.add(MaxPooling2D())',
        'for i in range(2):',
        '    model.add(Conv2D(8, (3, 3)))',
        "# back to Keras 1's channels-first order for the model's output",
        "model.add(Permute((3, 1, 2), name='model_to_channels_first'))",
        "model.compile('sgd', 'mse')"]


def test_global_ordering_call_goes_and_prelu_keeps_keras1_order(run):
    new, _ = run("""\
        from keras import backend as K
        from keras.models import Sequential
        from keras.layers import Convolution2D, PReLU, GlobalAveragePooling2D
        K.set_image_dim_ordering('th')
        model = Sequential()
        model.add(Convolution2D(8, 3, 3, input_shape=(3, 16, 16)))
        model.add(PReLU(shared_axes=[2, 3]))
        model.add(GlobalAveragePooling2D())
        """)
    assert 'set_image_data_format' not in new and 'import keras\n' not in new
    # PReLU's alphas are laid out as Keras 1's (channels, 1, 1): it takes Keras 1's order, and
    # the global pooling after it then pools that order where it is
    assert new.splitlines()[-3:] == [
        "model.add(Permute((3, 1, 2), name='model_to_channels_first'))",
        'model.add(PReLU(shared_axes=[2, 3]))',
        "model.add(GlobalAveragePooling2D(data_format='channels_first'))"]


def test_time_distributed_image_layer_runs_channels_last_at_each_step(run):
    new, _ = run("""\
        from keras.models import Sequential
        from keras.layers import Convolution2D, TimeDistributed, Flatten
        model = Sequential()
        model.add(TimeDistributed(Convolution2D(4, 3, 3), input_shape=(5, 3, 8, 8)))
        model.add(TimeDistributed(Flatten()))
        """)
    assert new.splitlines()[3:] == [
        'model.add(Input(shape=(5, 3, 8, 8)))',
        "# Keras 1's channels-first arrays in; the image layers run channels-last",
        "model.add(Permute((1, 3, 4, 2), name='model_to_channels_last'))",
        'model.add(TimeDistributed(Conv2D(4, (3, 3))))',
        "# back to Keras 1's channels-first order for TimeDistributed(Flatten)",
        "model.add(Permute((1, 4, 2, 3), name='model_to_channels_first'))",
        'model.add(TimeDistributed(Flatten()))']


@pytest.mark.slow
def test_upgraded_seed_script_trains_with_onednn_off(tmp_path):
    # TensorFlow's CPU Conv2D/MaxPool without oneDNN are NHWC only: channels_first would raise
    # UnimplementedError here (AMD/ARM CPUs' default)
    out = tmp_path / 'caption_seed.py'
    subprocess.run([sys.executable, '-m', 'compat', 'upgrade', str(ROOT / 'legacy' / 'caption_seed.py'),
                    '-o', str(out)], check=True, cwd=ROOT, capture_output=True)
    upgraded = out.read_text()
    assert 'import compat' not in upgraded and "data_format='channels_first'" not in upgraded
    env = {**os.environ, 'PYTHONPATH': str(ROOT), 'TF_ENABLE_ONEDNN_OPTS': '0', 'CAPTION_IMAGES': '4',
           'CAPTION_SAMPLES': '16', 'CAPTION_EPOCHS': '1'}
    run = subprocess.run([sys.executable, str(out)], cwd=tmp_path, env=env, capture_output=True,
                         text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    assert 'parameters: 9,718,960' in run.stdout and 'loss' in run.stdout


def test_cli_flag(tmp_path, capsys):
    from compat.upgrade.cli import main
    src = tmp_path / 'model.py'
    src.write_text(SEQUENTIAL)
    assert main([str(src), '-o', str(tmp_path / 'first.py'), '--keep-channels-first']) == 0
    assert "data_format='channels_first'" in (tmp_path / 'first.py').read_text()
    assert 'oneDNN' in capsys.readouterr().err
    assert main([str(src), '-o', str(tmp_path / 'last.py')]) == 0
    assert 'oneDNN' not in capsys.readouterr().err
    last = (tmp_path / 'last.py').read_text()
    assert "data_format='channels_first'" not in last and 'Permute' in last


def test_first_image_layer_in_a_loop_gets_its_permute_before_the_loop(run):
    new, entries = run("""\
        from keras.models import Sequential
        from keras.layers import Convolution2D, Activation
        model = Sequential()
        model.add(Activation('relu', input_shape=(3, 16, 16)))
        for i in range(2):
            model.add(Convolution2D(8, 3, 3))
        """)
    assert new.splitlines()[3:] == [
        "model.add(Input(shape=(3, 16, 16)))",
        "model.add(Activation('relu'))",
        "# Keras 1's channels-first arrays in; the image layers run channels-last",
        "model.add(Permute((2, 3, 1), name='model_to_channels_last'))",
        'for i in range(2):',
        '    model.add(Conv2D(8, (3, 3)))',
        "# back to Keras 1's channels-first order for the model's output",
        "model.add(Permute((3, 1, 2), name='model_to_channels_first'))"]
    assert not [e for e in entries if e.severity == 'warning']
