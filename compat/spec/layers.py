"""One row per Keras 1.2.2 layer (and per other Keras 1 class or function the upgrader rewrites).

A row holds every fact compat uses about its Keras 1 class: the Keras 1 -> Keras 3 argument
renames, the input shortcuts, the weight names, what the runtime (``compat.keras``) hands to its
Keras 3 base class, and how the upgrader (``compat.upgrade``) rewrites a call. The positional
parameters come from the generated ``signatures.py``. Adding a Keras 1 layer means: its class,
its row here, its tests.

Renames follow the Keras 2 legacy interfaces (keras 2.1.6 ``keras/legacy/interfaces.py``) and
Keras 3's argument names; argument names and defaults are those of the keras 1.2.2 constructors
(keras/layers/*.py). Source snippets in ``explicit`` are Python expressions written into upgraded
files; ``HARD_SIGMOID`` names the helper function the upgraded file gets.
"""
from __future__ import annotations

import dataclasses

from .signatures import OTHER_SIGNATURES, SIGNATURES

HARD_SIGMOID = 'keras1_hard_sigmoid'   # name of the helper function inserted into upgraded files

# How a layer's input_dim/input_length keywords become its input shape (keras 1.2.2 layers/*.py
# __init__: ``kwargs['input_shape'] = ...``, declared when input_dim is given; Embedding always
# declares ``(input_length,)``, keras 1.2.2 layers/embeddings.py).
DENSE_INPUT = ('input_dim',)
SEQUENCE_INPUT = ('input_length', 'input_dim')
EMBEDDING_INPUT = ('input_length',)

# Keras 1 keyword -> the kind of value it takes, converted wherever it appears in a layer call:
# the runtime resolves it (initializations.get, activations.get...), the upgrader rewrites
# Keras 1 names Keras 3 spells or computes differently.
SRELU_INITS = ('t_left_init', 'a_left_init', 't_right_init', 'a_right_init')   # SReLU
VALUE_KINDS = {
    **dict.fromkeys(('init', 'inner_init', 'beta_init', 'gamma_init', *SRELU_INITS), 'initializer'),
    **dict.fromkeys(('activation', 'inner_activation'), 'activation'),
    **dict.fromkeys(('W_regularizer', 'U_regularizer', 'b_regularizer'), 'regularizer'),
    **dict.fromkeys(('W_constraint', 'b_constraint'), 'constraint'),
}
DIM_ORDERING = {'th': 'channels_first', 'tf': 'channels_last'}


@dataclasses.dataclass(frozen=True)
class Layer:
    """The facts about one Keras 1 class; ``positional`` is filled in from signatures.py."""
    name: str                                     # the Keras 1 class (or function) name
    # -- both the runtime and the upgrader
    renames: dict = dataclasses.field(default_factory=dict)   # Keras 1 kw -> Keras 3 kw
    input_shortcut: tuple = ()                    # DENSE_INPUT, SEQUENCE_INPUT or EMBEDDING_INPUT
    # -- the runtime (compat.keras)
    forwarded: tuple = ()                         # Keras 1 arguments given to the Keras 3 base class
    popped: dict = dataclasses.field(default_factory=dict)    # kw Keras 1.2.2 popped -> its warning
    weights: tuple = ()                           # Keras 1.2.2 weight-name suffixes (Theano names)
    keras3_spelling: str | None = None            # migration hint, warned once per process
    model_config: bool = False                    # a Sequential/Model config (keras 1.2.2 models.py)
    config_layers: str | None = None              # config key of nested layer config(s): layer/layers
    config_functions: tuple = ()                  # ((key, type key), ...) of serialised functions
    # -- the upgrader (compat.upgrade)
    keras3: str | None = None                     # Keras 3 name written (None: calls left alone)
    positional3: tuple = ()                       # Keras 3 parameters that stay positional
    combine: tuple = ()                           # ((Keras 3 kw, (Keras 1 kws...)), ...) -> tuple
    drop: dict = dataclasses.field(default_factory=dict)      # Keras 1 kw -> why it is dropped
    review: dict = dataclasses.field(default_factory=dict)    # Keras 1 kw -> warning, kept as is
    explicit: dict = dataclasses.field(default_factory=dict)  # Keras 3 kw -> source written if absent
    image: bool = False                           # has dim_ordering -> data_format
    int_sizes: tuple = ()                         # Keras 3 kws that must be Python ints
    padding_keys: tuple = ()                      # keys of a Keras 1 padding dict, in order
    inlined: bool = False                         # no Keras 3 twin: a plain class of this name inlined
    removed: str | None = None                    # Keras 3 has no such layer: the warning
    positional: tuple | None = None               # only where no signature is generated

    def __post_init__(self):
        generated = SIGNATURES.get(self.name) or OTHER_SIGNATURES.get(self.name)
        if generated is not None:
            if self.positional is not None:
                raise ValueError('%s: its positional parameters come from signatures.py' % self.name)
            object.__setattr__(self, 'positional', tuple(n for n, _ in generated))
        elif self.positional is None:
            object.__setattr__(self, 'positional', ())


# -- argument groups (keras 2.1.6 legacy/interfaces.py conversions) -----------------------------
WEIGHTS = {'init': 'kernel_initializer', 'W_regularizer': 'kernel_regularizer',
           'b_regularizer': 'bias_regularizer', 'W_constraint': 'kernel_constraint',
           'b_constraint': 'bias_constraint', 'bias': 'use_bias'}
CONV = {**WEIGHTS, 'nb_filter': 'filters', 'border_mode': 'padding', 'subsample': 'strides',
        'dim_ordering': 'data_format'}
CONV1D = {**WEIGHTS, 'nb_filter': 'filters', 'filter_length': 'kernel_size',
          'subsample_length': 'strides', 'border_mode': 'padding'}
RNN = {'output_dim': 'units', 'init': 'kernel_initializer', 'inner_init': 'recurrent_initializer',
       'inner_activation': 'recurrent_activation', 'W_regularizer': 'kernel_regularizer',
       'U_regularizer': 'recurrent_regularizer', 'b_regularizer': 'bias_regularizer',
       'dropout_W': 'dropout', 'dropout_U': 'recurrent_dropout'}
POOL1D = {'pool_length': 'pool_size', 'stride': 'strides', 'border_mode': 'padding'}
POOL = {'border_mode': 'padding', 'dim_ordering': 'data_format'}
IMAGE = {'dim_ordering': 'data_format'}
RNN_DROP = {
    'consume_less': "Keras 3 picks its own kernel; outputs are the same (Keras 1's 'cpu' mode also "
                    "initialised U with glorot_uniform: a fresh-training difference only)",
    'forget_bias_init': "Keras 3's default unit_forget_bias=True is Keras 1's forget_bias_init='one'; "
                        "any other value needs a custom bias_initializer",
}


def without(group, *keys):
    """An argument group less the keys a layer does not have."""
    return {k: v for k, v in group.items() if k not in keys}


WEIGHTS_ARG = {'weights': 'Keras 3 layers take no `weights=`: call layer.set_weights(...) after the '
                          'model is built (or use compat.load_keras1_weights)'}
CONV_POS = ('filters', 'kernel_size')
KERNEL_2D = (('kernel_size', ('nb_row', 'nb_col')),)
# The Keras 1 hard sigmoid, clip(0.2x + 0.5, 0, 1) (keras 1.2.2 backend/theano_backend.py
# hard_sigmoid -> T.nnet.hard_sigmoid); Keras 3's 'hard_sigmoid' is relu6(x + 3) / 6.
KERAS1_RECURRENT_ACTIVATION = {'recurrent_activation': HARD_SIGMOID}

# What compat's runtime layers hand to their Keras 3 base class, renamed by the row's renames
# (the other Keras 1 arguments stay with the compat layer, which implements them itself).
DENSE_FORWARDED = ('output_dim', 'init', 'activation', 'W_regularizer', 'b_regularizer',
                   'W_constraint', 'b_constraint', 'bias')
CONV_FORWARDED = ('init', 'activation', 'W_regularizer', 'b_regularizer', 'W_constraint',
                  'b_constraint', 'bias', 'nb_filter')
RNN_FORWARDED = ('output_dim', 'init', 'inner_init', 'activation', 'inner_activation',
                 'W_regularizer', 'U_regularizer', 'b_regularizer', 'dropout_W', 'dropout_U',
                 'return_sequences', 'go_backwards', 'stateful', 'unroll')
GATES = ('W_{0}', 'U_{0}', 'b_{0}')
LSTM_WEIGHTS = tuple(w.format(g) for g in 'icfo' for w in GATES)     # keras 1.2.2 LSTM.build

_ROWS = [
    # -- keras 1.2.2 layers/core.py
    Layer('Dense', {**WEIGHTS, 'output_dim': 'units'}, DENSE_INPUT, DENSE_FORWARDED,
          weights=('W', 'b'), keras3='Dense', positional3=('units',), review=WEIGHTS_ARG,
          int_sizes=('units',)),
    Layer('Activation', forwarded=('activation',), keras3='Activation', positional3=('activation',)),
    Layer('Dropout', {'p': 'rate'}, forwarded=('p', 'noise_shape', 'seed'), keras3='Dropout',
          positional3=('rate',)),
    Layer('SpatialDropout1D', {'p': 'rate'}, keras3='SpatialDropout1D', positional3=('rate',)),
    Layer('SpatialDropout2D', {'p': 'rate', **IMAGE}, keras3='SpatialDropout2D',
          positional3=('rate',), image=True),
    Layer('SpatialDropout3D', {'p': 'rate', **IMAGE}, keras3='SpatialDropout3D',
          positional3=('rate',), image=True),
    Layer('Reshape', forwarded=('target_shape',)),
    Layer('Permute', forwarded=('dims',)),
    Layer('RepeatVector', forwarded=('n',), keras3='RepeatVector', positional3=('n',),
          int_sizes=('n',)),
    Layer('Masking', forwarded=('mask_value',)),
    Layer('Lambda', config_functions=(('function', 'function_type'),
                                      ('output_shape', 'output_shape_type'))),
    # keras 1.2.2 layers/core.py TimeDistributedDense: a Dense applied at every time step; the
    # upgrader converts the arguments, fixers/time_distributed_dense.py then wraps it.
    Layer('TimeDistributedDense', {**WEIGHTS, 'output_dim': 'units'}, SEQUENCE_INPUT,
          DENSE_FORWARDED, weights=('W', 'b'),
          keras3_spelling='TimeDistributed(Dense(units)) or Dense(units) on 3-D input',
          keras3='TimeDistributedDense', positional3=('units',)),
    # No Keras 3 twin: fixers/keras1_layers.py inlines plain Keras 3 classes of the same names
    # (compat/upgrade/inlined/layers.py) taking Keras 3 argument names; keras 1.2.2 layers/core.py,
    # layers/local.py, layers/advanced_activations.py signatures.
    Layer('Highway', WEIGHTS, DENSE_INPUT, weights=('W', 'W_carry', 'b', 'b_carry'),
          popped={'transform_bias': '`transform_bias` argument is deprecated and will be removed '
                                     'after 5/2017 (keras 1.2.2 layers/core.py Highway); ignored'},
          keras3_spelling='two Dense layers combined with a sigmoid gate',
          keras3='Highway', review=WEIGHTS_ARG, inlined=True,
          drop={'transform_bias': 'Keras 1.2.2 ignored it (deprecated; b_carry starts at one)'}),
    Layer('MaxoutDense', {**WEIGHTS, 'output_dim': 'units'}, DENSE_INPUT, weights=('W', 'b'),
          keras3_spelling='Dense(units * nb_feature) + Reshape + max over features',
          keras3='MaxoutDense', positional3=('units', 'nb_feature'), review=WEIGHTS_ARG,
          inlined=True),
    # -- keras 1.2.2 engine/topology.py Merge, layers/wrappers.py, models.py
    Layer('Merge', keras3_spelling='keras.layers.concatenate/add/multiply/average/maximum/dot on tensors',
          config_layers='layers',
          config_functions=(('mode', 'mode_type'), ('output_shape', 'output_shape_type'),
                            ('output_mask', 'output_mask_type'))),
    Layer('TimeDistributed', config_layers='layer'),
    Layer('Bidirectional', config_layers='layer'),
    Layer('Sequential', model_config=True),
    Layer('Model', {'input': 'inputs', 'output': 'outputs'}, model_config=True, keras3='Model',
          positional3=('inputs', 'outputs')),
    Layer('Input', keras3='Input'),
    # -- keras 1.2.2 layers/noise.py
    Layer('GaussianNoise', {'sigma': 'stddev'}, forwarded=('sigma',), keras3='GaussianNoise',
          positional3=('stddev',)),
    Layer('GaussianDropout', {'p': 'rate'}, forwarded=('p',), keras3='GaussianDropout',
          positional3=('rate',)),
    # -- keras 1.2.2 layers/embeddings.py
    Layer('Embedding', {'init': 'embeddings_initializer', 'W_regularizer': 'embeddings_regularizer',
                        'W_constraint': 'embeddings_constraint'}, EMBEDDING_INPUT,
          ('input_dim', 'output_dim', 'init', 'W_regularizer', 'W_constraint', 'mask_zero'),
          weights=('W',), keras3='Embedding', positional3=('input_dim', 'output_dim'),
          int_sizes=('input_dim', 'output_dim'),
          drop={'dropout': "Keras 3's Embedding has no `dropout` (Keras 1 dropped whole words while "
                           "training): add SpatialDropout1D or Dropout with noise_shape=(None, "
                           "input_length, 1) after it"}),
    # -- keras 1.2.2 layers/convolutional.py
    Layer('Convolution1D', CONV1D, SEQUENCE_INPUT, CONV_FORWARDED, weights=('W', 'b'),
          keras3_spelling='Conv1D(filters, kernel_size, strides=, padding=)',
          keras3='Conv1D', positional3=CONV_POS, review=WEIGHTS_ARG),
    Layer('AtrousConvolution1D', {**CONV1D, 'atrous_rate': 'dilation_rate'}, SEQUENCE_INPUT,
          CONV_FORWARDED, weights=('W', 'b'), keras3='Conv1D', positional3=CONV_POS),
    Layer('Convolution2D', CONV, forwarded=CONV_FORWARDED, weights=('W', 'b'),
          keras3_spelling='Conv2D(filters, (rows, cols), strides=, padding=, data_format=)',
          keras3='Conv2D', positional3=CONV_POS, combine=KERNEL_2D, image=True, review=WEIGHTS_ARG),
    Layer('AtrousConvolution2D', {**CONV, 'atrous_rate': 'dilation_rate'}, forwarded=CONV_FORWARDED,
          weights=('W', 'b'), keras3='Conv2D', positional3=CONV_POS, combine=KERNEL_2D, image=True),
    Layer('SeparableConvolution2D',
          {k: v for k, v in CONV.items() if k not in ('init', 'W_regularizer', 'W_constraint')},
          weights=('depthwise_kernel', 'pointwise_kernel', 'b'), keras3='SeparableConv2D',
          positional3=CONV_POS, combine=KERNEL_2D, image=True,
          review={'init': 'SeparableConv2D has depthwise_initializer and pointwise_initializer: '
                          'set both to the Keras 1 `init`'}),
    # (output_shape is kept here; fixers/keras1_layers.py turns it into output_padding + crop)
    Layer('Deconvolution2D', CONV, forwarded=CONV_FORWARDED, weights=('W', 'b'), keras3='Conv2DTranspose',
          positional3=CONV_POS, combine=KERNEL_2D, image=True),
    Layer('Convolution3D', CONV, forwarded=CONV_FORWARDED, weights=('W', 'b'), keras3='Conv3D',
          positional3=CONV_POS,
          combine=(('kernel_size', ('kernel_dim1', 'kernel_dim2', 'kernel_dim3')),), image=True),
    Layer('UpSampling1D', {'length': 'size'}, keras3='UpSampling1D', positional3=('size',)),
    Layer('UpSampling2D', IMAGE, keras3='UpSampling2D', positional3=('size',), image=True),
    Layer('UpSampling3D', IMAGE, keras3='UpSampling3D', positional3=('size',), image=True),
    # keras 1.2.2 layers/convolutional.py ZeroPadding1D/2D: `padding` may be a dict of these keys
    # (missing ones are 0); Keras 3 takes the (before, after) pairs.
    Layer('ZeroPadding1D', keras3='ZeroPadding1D', positional3=('padding',),
          padding_keys=('left_pad', 'right_pad')),
    Layer('ZeroPadding2D', IMAGE, keras3='ZeroPadding2D', positional3=('padding',), image=True,
          padding_keys=('top_pad', 'bottom_pad', 'left_pad', 'right_pad')),
    Layer('ZeroPadding3D', IMAGE, keras3='ZeroPadding3D', positional3=('padding',), image=True),
    Layer('Cropping1D', keras3='Cropping1D', positional3=('cropping',)),
    Layer('Cropping2D', IMAGE, keras3='Cropping2D', positional3=('cropping',), image=True),
    Layer('Cropping3D', IMAGE, keras3='Cropping3D', positional3=('cropping',), image=True),
    # -- keras 1.2.2 layers/pooling.py
    Layer('MaxPooling1D', POOL1D, keras3='MaxPooling1D', positional3=('pool_size', 'strides', 'padding')),
    Layer('AveragePooling1D', POOL1D, keras3='AveragePooling1D',
          positional3=('pool_size', 'strides', 'padding')),
    Layer('MaxPooling2D', POOL, keras3='MaxPooling2D', positional3=('pool_size', 'strides', 'padding'),
          image=True),
    Layer('AveragePooling2D', POOL, keras3='AveragePooling2D',
          positional3=('pool_size', 'strides', 'padding'), image=True),
    Layer('MaxPooling3D', POOL, keras3='MaxPooling3D', positional3=('pool_size', 'strides', 'padding'),
          image=True),
    Layer('AveragePooling3D', POOL, keras3='AveragePooling3D',
          positional3=('pool_size', 'strides', 'padding'), image=True),
    Layer('GlobalMaxPooling2D', IMAGE, keras3='GlobalMaxPooling2D', image=True),
    Layer('GlobalAveragePooling2D', IMAGE, keras3='GlobalAveragePooling2D', image=True),
    Layer('GlobalMaxPooling3D', IMAGE, keras3='GlobalMaxPooling3D', image=True),
    Layer('GlobalAveragePooling3D', IMAGE, keras3='GlobalAveragePooling3D', image=True),
    # -- keras 1.2.2 layers/recurrent.py
    Layer('SimpleRNN', without(RNN, 'inner_activation'), SEQUENCE_INPUT,
          tuple(k for k in RNN_FORWARDED if k != 'inner_activation'), weights=('W', 'U', 'b'),
          keras3='SimpleRNN', positional3=('units',), drop=without(RNN_DROP, 'forget_bias_init'),
          int_sizes=('units',)),
    # keras 1.2.2 layers/recurrent.py GRU: reset gate applied before the recurrent matmul
    # (Keras 3 reset_after=False) and inner_activation='hard_sigmoid'.
    Layer('GRU', RNN, SEQUENCE_INPUT, RNN_FORWARDED, weights=tuple(w.format(g) for g in 'zrh' for w in GATES),
          keras3='GRU', positional3=('units',), drop=without(RNN_DROP, 'forget_bias_init'),
          int_sizes=('units',),
          explicit={**KERAS1_RECURRENT_ACTIVATION, 'reset_after': 'False'}),
    Layer('LSTM', RNN, SEQUENCE_INPUT, RNN_FORWARDED, weights=LSTM_WEIGHTS, keras3='LSTM',
          positional3=('units',), drop=RNN_DROP, int_sizes=('units',),
          explicit=KERAS1_RECURRENT_ACTIVATION),
    # -- keras 1.2.2 layers/convolutional_recurrent.py
    Layer('ConvLSTM2D', without({**CONV, **RNN}, 'W_constraint', 'b_constraint', 'bias', 'output_dim'),
          weights=LSTM_WEIGHTS, keras3='ConvLSTM2D', positional3=CONV_POS, combine=KERNEL_2D,
          drop=without(RNN_DROP, 'consume_less'), image=True, explicit=KERAS1_RECURRENT_ACTIVATION),
    # -- keras 1.2.2 layers/normalization.py: mode 0 is Keras 3's only mode.
    Layer('BatchNormalization', {'beta_init': 'beta_initializer', 'gamma_init': 'gamma_initializer'},
          weights=('gamma', 'beta', 'running_mean', 'running_std'), keras3='BatchNormalization'),
    # -- keras 1.2.2 layers/advanced_activations.py
    Layer('LeakyReLU', {'alpha': 'negative_slope'}, keras3='LeakyReLU', positional3=('negative_slope',)),
    Layer('PReLU', {'init': 'alpha_initializer'}, weights=('alphas',), keras3='PReLU',
          positional3=('alpha_initializer',)),
    Layer('ELU', keras3='ELU', positional3=('alpha',)),
    # keras 1.2.2 advanced_activations.py ThresholdedReLU: x * (x > theta), theta=1.0
    Layer('ThresholdedReLU', {'theta': 'threshold'}, keras3='ReLU', explicit={'threshold': '1.0'}),
    Layer('ParametricSoftplus', weights=('alphas', 'betas'), keras3='ParametricSoftplus',
          positional3=('alpha_init', 'beta_init'), review=WEIGHTS_ARG, inlined=True),
    Layer('SReLU', {k: k + 'ializer' for k in SRELU_INITS}, weights=('t_left', 'a_left', 't_right', 'a_right'),
          keras3='SReLU', inlined=True),
    # -- keras 1.2.2 layers/local.py
    Layer('LocallyConnected1D', CONV1D, SEQUENCE_INPUT, weights=('W', 'b'), keras3='LocallyConnected1D',
          positional3=CONV_POS, review=WEIGHTS_ARG, inlined=True),
    Layer('LocallyConnected2D', CONV, weights=('W', 'b'), keras3='LocallyConnected2D', positional3=CONV_POS,
          combine=KERNEL_2D, image=True, review=WEIGHTS_ARG, inlined=True),
    # -- not layers: Keras 1 classes/functions kept from Keras 3's legacy (Keras 2) modules
    # (upgrade/table.py LEGACY_MODULES); keras 1.2.2 preprocessing/image.py and text.py.
    Layer('ImageDataGenerator', IMAGE, keras3='ImageDataGenerator', image=True, positional3=(
        'featurewise_center', 'samplewise_center', 'featurewise_std_normalization',
        'samplewise_std_normalization', 'zca_whitening')),
    Layer('Tokenizer', {'nb_words': 'num_words'}, keras3='Tokenizer',
          positional3=('num_words', 'filters', 'lower', 'split', 'char_level')),
    Layer('one_hot', {'text': 'input_text'}, keras3='one_hot',
          positional3=('input_text', 'n', 'filters', 'lower', 'split')),
    Layer('text_to_word_sequence', {'text': 'input_text'}, keras3='text_to_word_sequence',
          positional3=('input_text', 'filters', 'lower', 'split')),
    # keras 1.2.2 datasets/imdb.py, reuters.py load_data(path, nb_words, ...): Keras 3 num_words
    # (the Keras 1 pickle path is not Keras 3's npz: a given path is reviewed). The datasets'
    # signatures differ beyond `path`, so only it is positional here.
    Layer('load_data', {'nb_words': 'num_words'}, keras3='load_data', positional=('path',),
          review={'path': "Keras 3's datasets read their own files (.npz): check `path`"}),
]
LAYERS = {row.name: row for row in _ROWS}

# keras 1.2.2 layers/convolutional.py (end of module): short names bound to the same classes, so
# `Conv2D(64, 3, 3, border_mode='same')` in a Keras 1 file is Convolution2D's signature.
LAYER_ALIASES = {'Conv1D': 'Convolution1D', 'Conv2D': 'Convolution2D', 'Conv3D': 'Convolution3D',
                 'Deconv2D': 'Deconvolution2D', 'AtrousConv1D': 'AtrousConvolution1D',
                 'AtrousConv2D': 'AtrousConvolution2D', 'SeparableConv2D': 'SeparableConvolution2D'}
NO_FACTS = Layer('')      # a Keras 1 class compat knows nothing special about


def row(name):
    """The row of Keras 1 class ``name`` (an alias takes its class's row), or NO_FACTS."""
    return LAYERS.get(LAYER_ALIASES.get(name, name), NO_FACTS)
