"""Before/after tests of the table-driven layer argument fixer."""
from compat.upgrade.fixers import LayerArgs

from textwrap import dedent

IMP = 'from keras.layers import *\nfrom keras.layers import Convolution2D, Dense, GRU, LSTM, Embedding, Activation, MaxPooling2D, BatchNormalization, ZeroPadding2D, Convolution1D, SimpleRNN, ThresholdedReLU, Highway\n'


def body(new):
    return new.split('\n', 2)[2]


def test_conv2d_positional_never_passed_through(run):
    new, entries = run(IMP + "Convolution2D(32, 3, 3, border_mode='valid')\n", LayerArgs)
    assert body(new) == "Convolution2D(32, (3, 3), padding='valid', data_format='channels_first')\n"
    assert any('nb_row, nb_col -> kernel_size' in e.message for e in entries)


def test_conv2d_keywords_and_subsample_tf_ordering(run):
    new, _ = run(IMP + "Convolution2D(nb_filter=8, nb_row=5, nb_col=3, subsample=(2, 2), "
                       "init='normal', W_regularizer=r, bias=False, dim_ordering='tf')\n",
                 LayerArgs)
    assert body(new) == ("Convolution2D(filters=8, kernel_size=(5, 3), strides=(2, 2), "
                         "kernel_initializer='random_normal', kernel_regularizer=r, "
                         "use_bias=False, data_format='channels_last')\n")


def test_tf_global_ordering_adds_no_data_format(run):
    new, _ = run(IMP + 'MaxPooling2D((2, 2))\n', LayerArgs, dim_ordering='tf')
    assert body(new) == 'MaxPooling2D((2, 2))\n'


def test_dense_output_dim_input_dim(run):
    new, _ = run(IMP + "Dense(output_dim=32, input_dim=20, init='he_normal')\n", LayerArgs)
    assert body(new) == ("Dense(units=32, input_shape=(20,), kernel_initializer="
                         "keras.initializers.VarianceScaling(2.0, 'fan_in', 'untruncated_normal'))\n")


def test_gru_keras1_defaults_written_out(run):
    new, entries = run(IMP + 'GRU(output_dim=128, return_sequences=True)\n', LayerArgs)
    assert body(new) == ('GRU(units=128, return_sequences=True, recurrent_activation='
                         'keras1_hard_sigmoid, reset_after=False)\n')


def test_lstm_inner_activation_and_dropouts(run):
    new, _ = run(IMP + "LSTM(10, inner_activation='hard_sigmoid', dropout_W=0.1, dropout_U=0.2, "
                       "consume_less='gpu', input_dim=4, input_length=6)\n", LayerArgs)
    assert body(new) == ('LSTM(10, recurrent_activation=keras1_hard_sigmoid, dropout=0.1, '
                         'recurrent_dropout=0.2, input_shape=(6, 4))\n')


def test_explicit_sigmoid_recurrent_activation_is_kept(run):
    new, _ = run(IMP + "GRU(4, inner_activation='sigmoid')\n", LayerArgs)
    assert body(new) == "GRU(4, recurrent_activation='sigmoid', reset_after=False)\n"


def test_activation_hard_sigmoid(run):
    new, _ = run(IMP + "Activation('hard_sigmoid')\nDense(3, activation='hard_sigmoid')\n", LayerArgs)
    assert body(new) == ('Activation(keras1_hard_sigmoid)\n'
                         'Dense(3, activation=keras1_hard_sigmoid)\n')


def test_embedding_input_length_and_dropout(run):
    new, entries = run(IMP + 'Embedding(100, 8, input_length=5, dropout=0.2, mask_zero=True)\n',
                       LayerArgs)
    assert body(new) == 'Embedding(100, 8, input_shape=(5,), mask_zero=True)\n'
    assert any(e.severity == 'warning' and 'dropout' in e.message for e in entries)


def test_conv1d_and_simplernn(run):
    new, _ = run(IMP + "Convolution1D(nb_filter=8, filter_length=3, subsample_length=1)\n"
                       "SimpleRNN(output_dim=7, input_dim=4, go_backwards=True)\n", LayerArgs)
    assert body(new) == ('Convolution1D(filters=8, kernel_size=3, strides=1)\n'
                         'SimpleRNN(units=7, input_shape=(None, 4), go_backwards=True)\n')


def test_batchnorm_modes(run):
    new, entries = run(IMP + 'BatchNormalization(mode=0, momentum=0.9)\nBatchNormalization(mode=2)\n',
                       LayerArgs)
    assert body(new) == 'BatchNormalization(momentum=0.9)\nBatchNormalization(mode=2)\n'
    # modes 1/2 are keras1_layers' (the inlined Keras1BatchNormalization): no warning here
    assert [e.severity for e in entries if 'mode' in e.message] == ['change']


def test_zeropadding_four_tuple_and_dict(run):
    new, _ = run(IMP + "ZeroPadding2D((1, 2, 3, 4), dim_ordering='th')\n"
                       "ZeroPadding2D(padding={'top_pad': 1, 'left_pad': 2})\n", LayerArgs)
    assert body(new) == ("ZeroPadding2D(((1, 2), (3, 4)), data_format='channels_first')\n"
                         "ZeroPadding2D(padding=((1, 0), (2, 0)), data_format='channels_first')\n")


def test_zeropadding1d_dict(run):
    # keras 1.2.2 layers/convolutional.py ZeroPadding1D: dict keys left_pad/right_pad, missing = 0
    imp = 'from keras.layers import ZeroPadding1D\n'
    new, entries = run(imp + "ZeroPadding1D({'left_pad': 0, 'right_pad': 1})\n"
                             "ZeroPadding1D(padding={'right_pad': 3})\nZeroPadding1D((1, 2))\n", LayerArgs)
    assert new == imp + ('ZeroPadding1D((0, 1))\nZeroPadding1D(padding=(0, 3))\n'
                         'ZeroPadding1D((1, 2))\n')
    assert any('padding dict -> (0, 1)' in e.message for e in entries)


def test_thresholded_relu_and_inlined_layer(run):
    # Highway has no Keras 3 twin: its arguments take Keras 3 names here, fixers/keras1_layers.py
    # inlines the class
    new, entries = run(IMP + "ThresholdedReLU()\nHighway(init='normal', bias=False)\n", LayerArgs)
    assert body(new) == ("ThresholdedReLU(threshold=1.0)\n"
                         "Highway(kernel_initializer='random_normal', use_bias=False)\n")


def test_model_input_output(run):
    new, _ = run('from keras.models import Model\nModel(input=[a, b], output=out)\n', LayerArgs)
    assert new.split('\n', 1)[1] == 'Model(inputs=[a, b], outputs=out)\n'


def test_not_keras_untouched(run):
    src = 'def Dense(output_dim):\n    pass\nDense(output_dim=3)\n'
    assert run(src, LayerArgs)[0] == src


def test_comments_and_layout_preserved(run):
    src = IMP + dedent('''\
        Dense(64,  # hidden
              init='uniform')
        ''')
    assert body(run(src, LayerArgs)[0]) == dedent('''\
        Dense(64,  # hidden
              kernel_initializer='random_uniform')
        ''')


# -- Python int sizes (table.INT_SIZES): Keras 3 refuses NumPy integers, Keras 1 took them ---------
def test_numpy_int_size_wrapped_in_int(run):
    # keras 1.2.2 examples/reuters_mlp.py
    new, entries = run(IMP + 'import numpy as np\nnb_classes = np.max(y_train) + 1\n'
                             'Dense(nb_classes)\nEmbedding(nb_classes, 8)\n', LayerArgs)
    assert body(new).splitlines()[-2:] == ['Dense(int(nb_classes))',
                                           'Embedding(int(nb_classes), 8)']
    assert any('units=int(nb_classes)' in e.message for e in entries)


def test_known_int_sizes_left_alone(run):
    src = ('HIDDEN = 128\nDIGITS = 3\nvocab = len(chars) + 1\n'
           'def f(x):\n    n = x.shape[1]\n    return Dense(n)\n'
           'Dense(HIDDEN * 2)\nLSTM(int(k))\nRepeatVector(DIGITS + 1)\nEmbedding(vocab, 64)\n'
           'Convolution2D(k, 3, 3)\n')
    new, _ = run(IMP + src, LayerArgs)
    assert 'int(' not in body(new).replace('LSTM(int(k)', '')
    assert 'Convolution2D(k, (3, 3)' in new           # Conv filters take NumPy ints in Keras 3


def test_rebound_name_is_wrapped(run):
    new, _ = run(IMP + 'n = 3\nn = np.int64(n)\nDense(n)\n', LayerArgs)
    assert body(new).endswith('Dense(int(n))\n')


# -- Keras 1 layer classes bound to a variable (keras 1.2.2 examples/addition_rnn.py) --------------
def test_layer_class_alias_calls_converted(run):
    new, entries = run('from keras.layers import recurrent\nRNN = recurrent.LSTM\n'
                       'RNN(128, input_dim=7)\nRNN(output_dim=128, return_sequences=True)\n',
                       LayerArgs)
    assert new.splitlines()[2:] == [
        'RNN(128, input_shape=(None, 7), recurrent_activation=keras1_hard_sigmoid)',
        'RNN(units=128, return_sequences=True, recurrent_activation=keras1_hard_sigmoid)']
    assert any(e.message.startswith('RNN (LSTM)') for e in entries)


def test_layer_class_alias_rebound_warns(run):
    src = 'from keras.layers import LSTM, GRU\nRNN = LSTM\nif big:\n    RNN = GRU\nRNN(128)\n'
    new, entries = run(src, LayerArgs)
    assert new.endswith('RNN(128)\n')
    assert any(e.severity == 'warning' and 'RNN is bound to a Keras 1 layer class' in e.message
               for e in entries)


def test_layer_class_alias_with_later_rewrites_warns(run):
    new, entries = run(IMP + "C = Convolution2D\nC(8, 4, 4, border_mode='same')\n", LayerArgs)
    assert "C(8, (4, 4), padding='same', data_format='channels_first')" in new
    assert any(e.severity == 'warning' and 'through a variable' in e.message for e in entries)
