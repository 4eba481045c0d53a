"""The fixers, in the order the runner applies them.

Statement-level rewrites that need the Keras 1 calls intact run first; the argument table next;
rewrites that need Keras 3 arguments after it; imports (which rename every reference) last.
"""
from .human_review import HumanReview
from .datasets import Datasets
from .sequential_merge import SequentialMerge
from .merge_function import MergeFunction
from .activity_regularizers import ActivityRegularizers
from .layer_args import LayerArgs
from .time_distributed_dense import TimeDistributedDense
from .theano_same_padding import TheanoSamePadding
from .theano_pool_same import TheanoPoolSame
from .backend_ops import BackendOps
from .ordering_branches import OrderingBranches
from .sequential_input import SequentialInput
from .optimizers import Optimizers
from .losses import Losses
from .training import Training
from .python_idioms import PythonIdioms
from .sklearn_api import SklearnApi
from .sklearn_wrappers import SklearnWrappers
from .keras1_layers import Keras1Layers
from .channels_last import ChannelsLast
from .imports import Imports

FIXERS = [HumanReview, Datasets, SequentialMerge, MergeFunction, ActivityRegularizers, LayerArgs,
          TimeDistributedDense, TheanoSamePadding, TheanoPoolSame, BackendOps, OrderingBranches,
          SequentialInput, Optimizers, Losses, Training, PythonIdioms, SklearnApi,
          SklearnWrappers, Keras1Layers, ChannelsLast, Imports]
