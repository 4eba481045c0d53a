"""The declarative Keras 1.2.2 -> Keras 3 tables of the upgrader.

Layer calls follow the Keras 1 specification shared with the runtime (``compat/spec``: one row
per Keras 1 layer, its positional parameters generated from keras 1.2.2 itself, its renames the
Keras 2 legacy interface names of keras 2.1.6 ``keras/legacy/interfaces.py`` plus the Keras 2 ->
3 changes, and the "numbers kept" column ``explicit``: Keras 1 defaults that Keras 3 changed,
written out). The other tables here (modules, symbols, losses, optimizers, backend functions)
are the upgrader's own. Source snippets in them are Python expressions; ``HARD_SIGMOID`` names
the helper the upgraded file gets (see fixers/imports.py).
"""
from __future__ import annotations

import dataclasses

from compat import spec
from compat.spec import DIM_ORDERING, HARD_SIGMOID, LAYER_ALIASES  # noqa: F401 (the fixers' names)

# The Keras 1 calls the upgrader rewrites: the spec rows that name a Keras 3 counterpart.
LAYERS = {name: row for name, row in spec.LAYERS.items() if row.keras3}
ACTIVATION_KEYWORDS = tuple(k for k, kind in spec.VALUE_KINDS.items() if kind == 'activation')
INITIALIZER_KEYWORDS = tuple(k for k, kind in spec.VALUE_KINDS.items() if kind == 'initializer')

# keras 1.2.2 datasets/cifar10.py, cifar100.py load_data: images come (N, 3, 32, 32) and are
# transposed to (N, 32, 32, 3) only under 'tf'; Keras 3's follow image_data_format(), channels_last
# unless set. Under 'th' the upgraded file transposes them back: dataset module -> axes.
IMAGE_DATASETS = {'cifar10': (0, 3, 1, 2), 'cifar100': (0, 3, 1, 2)}
# Keras 1.2.2 initializations.py -> the Keras 3 initializer with the same distribution.
INITIALIZERS = {
    'zero': "'zeros'", 'one': "'ones'",
    'normal': "'random_normal'",                 # keras 1.2.2: normal(scale=0.05)
    'uniform': "'random_uniform'",               # keras 1.2.2: uniform(scale=0.05)
    # keras 1.2.2 glorot_normal/he_normal sample an untruncated normal; Keras 3 truncates.
    'glorot_normal': "keras.initializers.VarianceScaling(1.0, 'fan_avg', 'untruncated_normal')",
    'he_normal': "keras.initializers.VarianceScaling(2.0, 'fan_in', 'untruncated_normal')",
    'orthogonal': 'keras.initializers.Orthogonal(gain=1.1)',   # keras 1.2.2 orthogonal scale=1.1
}
# keras 1.2.2 initializations.py functions f(shape, scale=..., name=None) -> the Keras 3
# initializer object ({scale}: the call's scale, else the Keras 1 default given here). Used for
# `lambda shape, name: normal(shape, scale=0.001, name=name)` and bare `init=normal`.
INIT_FUNCTIONS = {
    'normal': ('keras.initializers.RandomNormal(stddev={scale})', '0.05'),   # N(0, scale)
    'uniform': ('keras.initializers.RandomUniform(minval=-{scale}, maxval={scale})', '0.05'),
    'identity': ('keras.initializers.Identity(gain={scale})', '1'),         # scale * I
    'orthogonal': ('keras.initializers.Orthogonal(gain={scale})', '1.1'),
    'zero': ('keras.initializers.Zeros()', None), 'one': ('keras.initializers.Ones()', None),
    'glorot_uniform': ('keras.initializers.GlorotUniform()', None),
    'he_uniform': ('keras.initializers.HeUniform()', None),
    'lecun_uniform': ('keras.initializers.LecunUniform()', None),
    'glorot_normal': (INITIALIZERS['glorot_normal'], None),
    'he_normal': (INITIALIZERS['he_normal'], None),
}

# Keras 1 regularizers of a layer's activity -> Keras1ActivityRegularizer(l1=, l2=) (fixers/
# activity_regularizers.py): Keras 1.2.2's penalty is a sum over the batch, Keras 3 divides a
# layer's activity penalty by the batch size. name -> ((Keras 1 parameter, l1|l2, its default), ...)
# (keras 1.2.2 regularizers.py signatures).
ACTIVITY_REGULARIZERS = {
    'activity_l1': (('l', 'l1', '0.01'),), 'activity_l2': (('l', 'l2', '0.01'),),
    'activity_l1l2': (('l1', 'l1', '0.01'), ('l2', 'l2', '0.01')),
    'ActivityRegularizer': (('l1', 'l1', '0.0'), ('l2', 'l2', '0.0')),
}
# ... and weight regularizers Keras 1 also accepted as activity_regularizer=.
WEIGHT_REGULARIZERS = {
    'l1': (('l', 'l1', '0.01'),), 'l2': (('l', 'l2', '0.01'),),
    'l1l2': (('l1', 'l1', '0.01'), ('l2', 'l2', '0.01')),
    'WeightRegularizer': (('l1', 'l1', '0.0'), ('l2', 'l2', '0.0')),
    'L1L2Regularizer': (('l1', 'l1', '0.0'), ('l2', 'l2', '0.0')),
}

# Keras 1 loss/metric names (keras 1.2.2 objectives.py, metrics.py) Keras 3 lacks: a Keras 3 name
# computing the same, or a helper function inlined (compat/upgrade/inlined). fixers/losses.py.
LOSS_NAMES = {
    'kullback_leibler_divergence': ('kl_divergence', None),    # the same clips and sum
    'cosine_proximity': (None, 'keras1_cosine_proximity'),    # Keras 3's cosine_similarity sums
    'cosine': (None, 'keras1_cosine_proximity'),
}

# Symbol renames for references anywhere in the file (imports, isinstance, attribute access).
SYMBOLS = {**{k: v.keras3 for k, v in LAYERS.items() if v.keras3 != k and not v.removed},
           # regularizers/constraints/utils renamed in Keras 2/3
           'l1l2': 'l1_l2', 'activity_l1': 'l1', 'activity_l2': 'l2', 'activity_l1l2': 'l1_l2',
           'WeightRegularizer': 'L1L2', 'ActivityRegularizer': 'L1L2', 'L1L2Regularizer': 'L1L2',
           'maxnorm': 'MaxNorm', 'nonneg': 'NonNeg', 'unitnorm': 'UnitNorm',
           'kullback_leibler_divergence': 'kl_divergence',
           'plot': 'plot_model'}
# Keras 1 symbols the rewrite replaces; their imports go once nothing references them.
REPLACED = {'Merge', 'merge', 'TimeDistributedDense'}

# Keras 1 module -> Keras 3 module.
MODULES = {
    **{f'keras.layers.{m}': 'keras.layers' for m in (
        'core', 'convolutional', 'recurrent', 'embeddings', 'normalization', 'advanced_activations',
        'wrappers', 'noise', 'pooling', 'local', 'convolutional_recurrent')},
    'keras.engine': 'keras.layers', 'keras.engine.topology': 'keras.layers',
    'keras.engine.training': 'keras.models',
    'keras.initializations': 'keras.initializers', 'keras.objectives': 'keras.losses',
    'keras.utils.np_utils': 'keras.utils', 'keras.utils.visualize_util': 'keras.utils',
    'keras.utils.data_utils': 'keras.utils', 'keras.utils.generic_utils': 'keras.utils',
    'keras.utils.layer_utils': 'keras.utils',
}
# Keras 1 modules with no Keras 3 counterpart -> warning.
GONE_MODULES = {
    'keras.utils.io_utils': 'Keras 3 dropped HDF5Matrix: read the data with h5py',
    'keras.legacy': 'keras.legacy is a Keras 2 module',
}
# Keras 1 names that no longer exist in the Keras 3 module they come from -> warning.
GONE_SYMBOLS = {
    'EigenvalueRegularizer': 'Keras 3 has no EigenvalueRegularizer',
}

# Keras 1 modules whose code Keras 3 still ships, deprecated, as the Keras 2 implementation in a
# legacy module: module -> (Keras 3 module, the names moved (None: all), warning). Keyword renames
# are LAYERS rows (Tokenizer nb_words -> num_words, ImageDataGenerator dim_ordering -> data_format).
LEGACY_MODULES = {
    'keras.preprocessing.image': (
        'keras.src.legacy.preprocessing.image',
        {'ImageDataGenerator', 'NumpyArrayIterator', 'DirectoryIterator', 'Iterator',
         'random_rotation', 'random_shift', 'random_shear', 'random_zoom', 'random_channel_shift'},
        "{name} comes from Keras 3's deprecated keras.src.legacy.preprocessing.image (the Keras 2 "
        'code, a private module): port to keras.utils.image_dataset_from_directory and the '
        'preprocessing layers (Rescaling, Normalization, RandomFlip, RandomRotation, '
        'RandomTranslation, RandomZoom); random transforms are drawn differently from Keras 1'),
    'keras.preprocessing.text': (
        'keras.src.legacy.preprocessing.text', None,
        "{name} comes from Keras 3's deprecated keras.src.legacy.preprocessing.text (the Keras 2 "
        'code, a private module): port to keras.layers.TextVectorization'),
}
# Keras 1 modules whose Keras 3 replacement takes other arguments: left as is, an error entry.
NEEDS_HUMAN_MODULES = {
    'keras.wrappers.scikit_learn': (
        "needs a human: Keras 3 has no keras.wrappers.scikit_learn, and its keras.wrappers."
        'SKLearnClassifier / SKLearnRegressor take model=, model_kwargs=, fit_kwargs= instead of '
        "Keras 1's build_fn=, **sk_params. Only `from keras.wrappers.scikit_learn import "
        "KerasClassifier, KerasRegressor` (no `as`) gets Keras 1's wrappers inlined"),
}
# Keras 1 functions the upgraded file gets inlined (compat/upgrade/inlined) instead of importing.
INLINED_FUNCTIONS = {'slice_X'}
# Functions of other libraries that Keras 1 era scripts imported and that are gone: inlined too.
# scipy.misc.imsave/imread: deprecated in SciPy 1.0, removed in 1.2 (they were Pillow wrappers).
INLINED_ELSEWHERE = {'scipy.misc': {'imsave', 'imread'}}

# scikit-learn of the Keras 1 era (0.18) -> today's (fixers/sklearn_api.py).
# Modules removed in 0.20 -> where their names went: names whose calls still work there (after the
# positional -> keyword rewrite of SKLEARN_CALLS); the others changed constructors (KFold(n,
# n_folds) -> KFold(n_splits).split(X, y)) and get a warning.
SKLEARN_MODULES = {
    'sklearn.grid_search': ('sklearn.model_selection', {
        'GridSearchCV', 'RandomizedSearchCV', 'ParameterGrid', 'ParameterSampler'}),
    'sklearn.cross_validation': ('sklearn.model_selection', {
        'train_test_split', 'cross_val_score', 'cross_val_predict'}),
    'sklearn.learning_curve': ('sklearn.model_selection', {'learning_curve', 'validation_curve'}),
}
# Their 0.18 signatures (positional names up to cv), how many arguments today's take positionally
# (the rest are keyword-only), and where cv=None meant 3 folds (5 since 0.22: cv=3 is written).
SKLEARN_CALLS = {
    'GridSearchCV': (('estimator', 'param_grid', 'scoring', 'fit_params', 'n_jobs', 'iid', 'refit',
                      'cv', 'verbose', 'pre_dispatch', 'error_score'), 2),
    'RandomizedSearchCV': (('estimator', 'param_distributions', 'n_iter', 'scoring', 'fit_params',
                            'n_jobs', 'iid', 'refit', 'cv', 'verbose', 'pre_dispatch',
                            'random_state', 'error_score'), 2),
    'cross_val_score': (('estimator', 'X', 'y', 'scoring', 'cv', 'n_jobs', 'verbose', 'fit_params',
                         'pre_dispatch'), 3),
    'cross_val_predict': (('estimator', 'X', 'y', 'cv', 'n_jobs', 'verbose', 'fit_params',
                           'pre_dispatch'), 3),
    'learning_curve': (('estimator', 'X', 'y', 'train_sizes', 'cv', 'scoring',
                        'exploit_incremental_learning', 'n_jobs', 'pre_dispatch', 'verbose'), 3),
    'validation_curve': (('estimator', 'X', 'y', 'param_name', 'param_range', 'cv', 'scoring',
                          'n_jobs', 'pre_dispatch', 'verbose'), 3),
}
# scikit-learn 0.18 defaults that today's calls changed, written out (upgrader) or supplied (runtime,
# compat/sklearn_modules.py) where left out: cv=None meant 3 folds (0.18 cross_validation.check_cv; 5
# since 0.22); a failing fit raised (0.18 grid_search.BaseSearchCV error_score='raise', and
# cross_val_score/learning_curve/validation_curve had no error_score; today's default records NaN).
# Each: (value as source, the calls whose today's signature takes it).
SKLEARN_OLD_DEFAULTS = {
    'cv': ('3', frozenset(n for n, (params, _) in SKLEARN_CALLS.items() if 'cv' in params)),
    'error_score': ("'raise'", frozenset({'GridSearchCV', 'RandomizedSearchCV', 'cross_val_score',
                                          'learning_curve', 'validation_curve'})),
}
# Arguments today's scikit-learn removed: a warning each.
SKLEARN_REMOVED_ARGS = {
    'fit_params': 'removed in scikit-learn 0.21/1.6: pass these to fit() (searches) or as params=',
    'iid': 'removed in scikit-learn 0.24 (folds are averaged unweighted, as iid=False did)',
}
# scoring names 0.18 deprecated and 0.20 removed; the old scorers already negated these losses
# (greater_is_better=False), so the neg_ names give the same values.
SKLEARN_SCORING = {'log_loss': 'neg_log_loss', 'mean_squared_error': 'neg_mean_squared_error',
                   'mean_absolute_error': 'neg_mean_absolute_error',
                   'median_absolute_error': 'neg_median_absolute_error'}

# Optimizers: Keras 1.2.2 defaults (optimizers.py __init__) that Keras 3 changed, written out.
OPTIMIZERS = {
    'SGD': {},
    'RMSprop': {},      # Keras1RMSprop / Keras1Adagrad (KERAS1_OPTIMIZERS) carry Keras 1's defaults
    'Adagrad': {},
    'Adadelta': {'learning_rate': '1.0', 'epsilon': '1e-8'},
    'Adam': {'epsilon': '1e-8'},
    'Adamax': {'learning_rate': '0.002', 'epsilon': '1e-8'},
    'Nadam': {},        # Keras1Nadam
}
OPTIMIZER_STRINGS = {k.lower(): k for k in OPTIMIZERS}
# Where Keras 3's update rule itself differs from Keras 1's: the Keras 1 rule as a small optimizer
# class inlined into the upgraded file (compat/upgrade/inlined/optimizers.py; its defaults are Keras 1's).
KERAS1_OPTIMIZERS = {
    'RMSprop': 'Keras1RMSprop',     # Keras 3 divides by sqrt(a + epsilon), Keras 1 by sqrt(a) + epsilon
    'Adagrad': 'Keras1Adagrad',     # the same
    'Nadam': 'Keras1Nadam',         # Keras 3's momentum schedule is 0.96 ** t, Keras 1's 0.96 ** (t * 0.004)
}
# Where only the gradient differs: Keras 1 (Theano) summed an Embedding's repeated rows into a dense
# gradient, Keras 3 updates with each sparse piece alone (Adam, Adadelta square it, Adamax takes |g|).
# In files that use Embedding: Keras 3's class on dense gradients, inlined (its defaults Keras 3's).
DENSE_GRADIENT_OPTIMIZERS = {'Adam': 'Keras1Adam', 'Adamax': 'Keras1Adamax', 'Adadelta': 'Keras1Adadelta'}
# ... or where no argument or class here keeps it: a warning.
OPTIMIZER_APPROXIMATIONS = {
}

# Keras 1 Merge/merge modes (keras 1.2.2 engine/topology.py Merge._merge_function) -> the Keras 3
# merge function, the Keras 1 keyword renames, extra keywords, and a note for the report.
MERGE_MODES = {
    'concat': ('concatenate', {'concat_axis': 'axis'}, {}, None),
    'sum': ('add', {}, {}, None),
    'mul': ('multiply', {}, {}, None),
    'ave': ('average', {}, {}, None),
    'max': ('maximum', {}, {}, None),
    'dot': ('dot', {'dot_axes': 'axes'}, {'axes': '-1'}, None),
    'cos': ('dot', {'dot_axes': 'axes'}, {'axes': '-1', 'normalize': 'True'},
            "mode='cos' -> Reshape((1, 1))(dot(normalize=True)): Keras 1's (batch, 1, 1) for 2-D "
            'inputs (cos of 3-D inputs has no Keras 3 form: check it by hand); Keras 1 floored the '
            'norm product at epsilon instead of each norm (differs only for near-zero vectors)'),
}
# keras 1.2.2 engine/topology.py Merge._merge_function 'cos' returns K.expand_dims(batch_dot, 1):
# (batch, 1, 1) for 2-D inputs under Theano, whatever get_output_shape_for declared.
MERGE_RESHAPE = {'cos': '(1, 1)'}
MERGE_POSITIONAL = ('layers', 'mode', 'concat_axis', 'dot_axes', 'output_shape', 'output_mask',
                    'arguments', 'node_indices', 'tensor_indices', 'name')


# -- Keras 1 backend functions (K.square ...) -> keras.ops --------------------------------------
@dataclasses.dataclass(frozen=True)
class Op:
    keras3: str                                   # keras.ops function name
    renames: dict = dataclasses.field(default_factory=dict)    # Keras 1 kw -> keras.ops kw
    # keras.ops kw -> (index of the Keras 1 parameter, source): a Keras 1 default that keras.ops
    # changed, written out when the call leaves it out
    explicit: dict = dataclasses.field(default_factory=dict)
    first: str | None = None                      # template for the first argument ({})
    max_args: int | None = None                   # more arguments: keras.ops has no such option
    module: str = 'ops'                           # keras.<module>.<keras3> (ops or random)
    # Keras 1 parameter names: when given, positional arguments after the first are written as
    # keywords (renamed), for Keras 3 functions whose parameters are in another order
    params: tuple = ()
    note: str | None = None                       # appended to the report's change entry


# keras 1.2.2 backend/theano_backend.py -> the keras.ops function with the same result.
BACKEND_OPS = {
    **{n: Op(n) for n in (
        'abs', 'square', 'exp', 'log', 'sign', 'tanh', 'sigmoid', 'softplus', 'softsign', 'sin',
        'cos', 'maximum', 'minimum', 'equal', 'not_equal', 'greater', 'greater_equal', 'cast',
        'zeros_like', 'ones_like', 'sum', 'mean', 'max', 'min', 'prod', 'std', 'var', 'any',
        'all', 'squeeze', 'transpose', 'stack', 'elu',
        'round',      # both round half to even
        'dot',        # T.dot and keras.ops.dot are numpy's dot
        'softmax')},  # T.nnet.softmax is 2-D only: the last axis, keras.ops' default
    'lesser': Op('less'), 'lesser_equal': Op('less_equal'),
    'pow': Op('power', {'a': 'x2'}),
    'clip': Op('clip', {'min_value': 'x_min', 'max_value': 'x_max'}),
    'sqrt': Op('sqrt', first='keras.ops.maximum({}, 0.0)'),    # Theano sqrt clipped x at 0 first
    'relu': Op('relu', max_args=1),               # alpha / max_value: keras.ops.relu has neither
    'argmax': Op('argmax', explicit={'axis': (1, '-1')}),
    'argmin': Op('argmin', explicit={'axis': (1, '-1')}),
    'concatenate': Op('concatenate', {'tensors': 'xs'}, {'axis': (1, '-1')}),
    'reshape': Op('reshape', {'shape': 'newshape'}),
    'permute_dimensions': Op('transpose', {'pattern': 'axes'}),
    'repeat_elements': Op('repeat', {'rep': 'repeats'}),
    'expand_dims': Op('expand_dims', {'dim': 'axis'}, {'axis': (1, '-1')}),
    'tile': Op('tile', {'n': 'repeats'}),
    'flatten': Op('ravel'),
    'gather': Op('take', {'reference': 'x'}, {'axis': (2, '0')}),
    # keras 1.2.2 theano_backend.py l2_normalize: x / sqrt(sum(x**2, axis)), no epsilon
    'l2_normalize': Op('normalize', explicit={'order': (2, '2')}, max_args=2,
                       note='it floors the norm at 1e-7 where Keras 1 divided by the norm as '
                            'is, nan for an all-zero vector; the same otherwise'),
    # keras 1.2.2 theano_backend.py random_*: RandomStreams draws; the same distributions (the
    # draws differ, as between any two Keras 1 runs without a seed)
    'random_normal': Op('normal', {'std': 'stddev'}, module='random'),
    'random_uniform': Op('uniform', {'low': 'minval', 'high': 'maxval'}, module='random'),
    # Theano rng.binomial(shape, p=p) with n=1 (a Bernoulli draw), p defaults to 0.0
    'random_binomial': Op('binomial', {'p': 'probabilities'},
                          {'counts': (9, '1'), 'probabilities': (1, '0.0')}, module='random',
                          params=('shape', 'p', 'dtype', 'seed'), max_args=4),
}
# keras 1.2.2 backend/common.py image ordering calls: the ordering the upgrade chose
# (--dim-ordering, or the file's set_image_dim_ordering call), which the layers got as data_format.
IMAGE_ORDERING_CALLS = {
    'image_dim_ordering': "{ordering!r}",
    'set_image_dim_ordering': "keras.backend.set_image_data_format({data_format!r})",
}
