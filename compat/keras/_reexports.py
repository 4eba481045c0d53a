"""Names each Keras 1.2.2 module offered without defining them: what it imported from other Keras modules.

Old code imports from wherever a name happened to be reachable in Keras 1.2.2 (``from keras.layers.core
import Layer``, ``from keras.engine.training import Progbar``, ``keras.utils.layer_utils.Dense``). Those
imports are listed here, module by module, as one table; ``reexported(__name__)`` gives a module the
``__getattr__`` that serves them (lazily, so modules that import each other in a cycle still load).
A source is ``'module:name'`` (relative to ``compat.keras``) or a module path (a module itself, as
``from .. import backend as K`` made ``K``).

>>> import compat.keras.layers.core as core
>>> core.Layer is __import__('compat.keras.engine.base_layer', fromlist=['Layer']).Layer
True
"""
import importlib
import sys

_LAYER_MODULES = ('advanced_activations', 'convolutional', 'convolutional_recurrent', 'core', 'embeddings',
                  'local', 'noise', 'normalization', 'pooling', 'recurrent', 'wrappers')


def _names(source, names):
    """``{name: 'source:name'}`` for each of the space-separated ``names``."""
    return {name: '%s:%s' % (source, name) for name in names.split()}


def _modules(**modules):
    return dict(modules)


# what ``from .. import backend as K`` and its siblings made (keras 1.2.2 module headers)
_K = _modules(K='backend')
_GET = dict(_K, **_names('utils.generic_utils', 'get_from_module'))
_UTILS = _modules(initializations='initializations', activations='activations', regularizers='regularizers',
                  constraints='constraints')
_BASE = _names('engine.topology', 'Layer InputSpec')
_CONV_LENGTHS = _names('utils.np_utils', 'conv_output_length conv_input_length')


def _pick(table, names):
    return {name: table[name] for name in names.split()}


_LAYER_HEADER = dict(_K, **_UTILS, **_BASE, **_CONV_LENGTHS)

# keras 1.2.2 ``keras/layers/__init__.py`` star-imported every layer module, with their headers
_LAYERS_PACKAGE = dict(_K, **_UTILS, **_CONV_LENGTHS,
                       **_names('utils.generic_utils', 'func_dump func_load get_from_module'),
                       **_names('layers.recurrent', 'Recurrent time_distributed_dense'),
                       **_names('layers.wrappers', 'Wrapper'),
                       **_names('layers.convolutional_recurrent', 'ConvRecurrent2D'))

REEXPORTS = {
    'activations': _GET,
    'constraints': _GET,
    'initializations': _GET,
    'metrics': _GET,
    'objectives': _GET,
    'regularizers': _GET,
    'backend': _modules(theano_backend='backend.theano_backend'),
    'backend.common': _names('backend._variables', 'is_keras_tensor'),
    'callbacks': dict(_K, **_names('utils.generic_utils', 'Progbar')),
    # compat has one class for keras 1.2.2's Container (engine/topology.py) and Model (engine/training.py)
    'engine': _names('engine.training', 'Container'),
    'engine.topology': dict(_K, initializations='initializations',
                            **_names('engine.base_layer', 'Layer'),
                            Container='engine.training:Model',
                            **_names('utils.generic_utils', 'func_dump func_load'),
                            **_names('utils.io_utils', 'ask_to_proceed_with_overwrite')),
    'engine.training': dict(_K, Container='engine.topology:Container',
                            **_names('engine.generators', 'GeneratorEnqueuer')),
    'layers': _LAYERS_PACKAGE,
    'layers.advanced_activations': _pick(_LAYER_HEADER, 'K Layer initializations'),
    'layers.convolutional': _pick(_LAYER_HEADER, 'InputSpec K Layer activations conv_input_length '
                                                 'conv_output_length initializations regularizers'),
    'layers.convolutional_recurrent': _pick(_LAYER_HEADER, 'InputSpec K Layer activations conv_output_length '
                                                           'initializations regularizers'),
    'layers.core': dict(_pick(_LAYER_HEADER, 'InputSpec K Layer constraints initializations regularizers'),
                        **_names('utils.generic_utils', 'func_dump func_load get_from_module')),
    'layers.embeddings': _pick(_LAYER_HEADER, 'K Layer constraints initializations regularizers'),
    'layers.local': _pick(_LAYER_HEADER, 'InputSpec K Layer activations constraints conv_output_length '
                                         'initializations regularizers'),
    'layers.noise': _pick(_LAYER_HEADER, 'K Layer'),
    'layers.normalization': _pick(_LAYER_HEADER, 'InputSpec K Layer initializations regularizers'),
    'layers.pooling': _pick(_LAYER_HEADER, 'InputSpec K Layer conv_output_length'),
    'layers.recurrent': _pick(_LAYER_HEADER, 'InputSpec K Layer activations initializations regularizers'),
    'layers.wrappers': _pick(_LAYER_HEADER, 'InputSpec K Layer'),
    'models': dict(_K, optimizers='optimizers', **_names('engine.base_layer', 'Layer'),
                   **_names('engine.topology', 'Node get_source_inputs'),
                   **_names('utils.io_utils', 'ask_to_proceed_with_overwrite'),
                   **_names('optimizers', 'optimizer_from_config')),
    'optimizers': dict(_GET, **_names('utils.generic_utils', 'get_custom_objects')),
    'utils': _modules(**{name: 'utils.' + name
                         for name in ('data_utils', 'generic_utils', 'io_utils', 'layer_utils', 'np_utils')}),
    'utils.data_utils': _names('utils.generic_utils', 'Progbar'),
    'utils.layer_utils': dict(_K, **_CONV_LENGTHS, **_modules(**{m: 'layers.' + m for m in _LAYER_MODULES}),
                              **_UTILS, **_names('models', 'Model Sequential'),
                              **_names('utils.generic_utils', 'func_dump func_load get_from_module '
                                                              'get_custom_objects'),
                              **_names('utils.np_utils', 'convert_kernel')),
    'utils.np_utils': _K,
    'utils.test_utils': dict(_K, **_names('engine.topology', 'Input'), **_names('models', 'Model Sequential '
                                                                                          'model_from_json')),
    'wrappers.scikit_learn': _names('models', 'Sequential'),
}

# ``from MODULE import *`` in keras 1.2.2 (utils/layer_utils.py): every name MODULE offers, its ``__all__`` and
# its re-exports
STAR_IMPORTS = {'utils.layer_utils': ('layers',)}


def _resolve(source):
    module, _, name = source.partition(':')
    value = importlib.import_module('compat.keras.' + module)
    return getattr(value, name) if name else value


def reexported(module_name, fallback=None):
    """The module ``__getattr__`` serving ``module_name``'s Keras 1.2.2 re-exports from ``REEXPORTS``.

    ``fallback(name)`` (the module's own ``__getattr__``, if it had one) handles other names.
    """
    key = module_name[len('compat.keras.'):]
    table = REEXPORTS.get(key, {})

    def source(name):
        if name in table:
            return table[name]
        for star in STAR_IMPORTS.get(key, ()):
            if name in _resolve(star).__all__ or name in REEXPORTS.get(star, {}):
                return '%s:%s' % (star, name)
        return None

    def __getattr__(name):
        if source(name) is not None:
            value = _resolve(source(name))
            setattr(sys.modules[module_name], name, value)
            return value
        if fallback is not None:
            return fallback(name)
        raise AttributeError("module 'keras.%s' (compat, Keras 1.2.2 API) has no attribute %r" % (key, name))

    return __getattr__

