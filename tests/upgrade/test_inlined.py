"""compat/upgrade/inlined: the code the upgrade copies into upgraded files is that of real modules.

The copied text must be the module's source (one place, no second copy), compile on its own, use
nothing but ``keras``, NumPy, Pillow and the builtins (an upgraded file never imports compat), and
behave as the module's object does.
"""
import ast
import builtins
import importlib
import inspect
import symtable

import numpy as np
import pytest

from compat.upgrade import inlined, table, upgrade_source
from compat.upgrade.fixers import activity_regularizers, keras1_layers, sklearn_wrappers, training
from compat.upgrade.fixers.base import HARD_SIGMOID, SAME_POOLING

# Every name a fixer puts in ctx.helpers (imports.py copies its definition).
ASKED_FOR = sorted({HARD_SIGMOID, SAME_POOLING, activity_regularizers.HELPER,
                    training.KERAS1_PREDICT['predict_classes'],
                    *table.KERAS1_OPTIMIZERS.values(), *table.DENSE_GRADIENT_OPTIMIZERS.values(),
                    *(helper for _, helper in table.LOSS_NAMES.values() if helper),
                    *table.INLINED_FUNCTIONS,
                    *(n for names in table.INLINED_ELSEWHERE.values() for n in names)})
# What the definitions may import inside themselves; `keras` comes from the upgraded file.
MAY_IMPORT = {'numpy', 'PIL'}


def _module_of(path):
    """The importable module of one of inlined.MODULES."""
    parts = path.with_suffix('').parts
    return importlib.import_module('.'.join(parts[parts.index('compat'):]))


def _objects():
    """{name: the module object} of every definition inlined.MODULES holds."""
    found = {}
    for path in inlined.MODULES:
        module = _module_of(path)
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                found[node.name] = getattr(module, node.name)
    return found


def _global_names(table_):
    """Names a symbol table and its children read from the module or the builtins."""
    names = {s.get_name() for s in table_.get_symbols() if s.is_global() and s.is_referenced()}
    for child in table_.get_children():
        names |= _global_names(child)
    return names


def test_every_helper_a_fixer_asks_for_is_defined():
    for name in ASKED_FOR:
        assert inlined.definition(name).name.value == name
    with pytest.raises(KeyError, match='no_such_helper'):
        inlined.definition('no_such_helper')


@pytest.mark.parametrize('name', ASKED_FOR)
def test_inlined_text_is_the_module_source_and_uses_only_keras_numpy_pillow(name):
    text = inlined.source(name)
    assert text == inspect.getsource(_objects()[name])
    compile(text, name, 'exec')
    used = _global_names(symtable.symtable(text, name, 'exec')) - {name}
    assert used <= {'keras'} | set(dir(builtins)), used
    imported = {alias.name.split('.')[0] for node in ast.walk(ast.parse(text))
                if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module.split('.')[0] for node in ast.walk(ast.parse(text))
                 if isinstance(node, ast.ImportFrom)}
    assert imported <= MAY_IMPORT, imported


def test_inlined_modules_import_keras_alone():
    # compat/scipy_misc.py is the runtime's module too: its definitions import inside themselves
    for path in inlined.MODULES:
        if path.name == 'scipy_misc.py':
            continue
        tree = ast.parse(path.read_text())
        imports = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
        assert all(isinstance(n, ast.Import) and [a.name for a in n.names] == ['keras']
                   for n in imports), path


def test_classes_copied_whole_are_their_modules_source():
    # fixers/keras1_layers.py and fixers/sklearn_wrappers.py copy these classes (and the latter
    # the imports at the top of inlined/scikit_learn.py)
    import libcst as cst
    from compat.upgrade.inlined import layers, scikit_learn
    for module, classes in ((layers, keras1_layers.class_sources()),
                            (scikit_learn, sklearn_wrappers._source()[1])):
        assert classes
        for name, node in classes.items():
            text = cst.Module(body=[node.with_changes(leading_lines=[])]).code
            assert text == inspect.getsource(getattr(module, name)), name
    imported = {alias.name.split('.')[0] for path in (layers.__file__, scikit_learn.__file__)
                for node in ast.walk(ast.parse(open(path).read()))
                if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module.split('.')[0] for path in (layers.__file__, scikit_learn.__file__)
                 for node in ast.walk(ast.parse(open(path).read()))
                 if isinstance(node, ast.ImportFrom)}
    assert imported <= {'keras', 'numpy', 'sklearn', 'inspect'}, imported


# One file that needs every helper: upgraded, it holds each definition once, imports no compat.
EVERY_HELPER = '''\
from keras.layers import Dense, MaxPooling2D, Embedding
from keras.optimizers import RMSprop, Adagrad, Nadam, Adam, Adamax, Adadelta
from keras.engine.training import slice_X
from keras.regularizers import activity_l1l2
from keras.models import Sequential
from scipy.misc import imsave, imread
import numpy as np
m = Sequential()
m.add(Embedding(4, 2, input_length=3))
m.add(Dense(2, activation='hard_sigmoid', activity_regularizer=activity_l1l2(0.1, 0.2)))
m.add(MaxPooling2D((3, 3), border_mode='same'))
for opt in [RMSprop(), Adagrad(), Nadam(), Adam(), Adamax(), Adadelta()]:
    pass
m.compile(RMSprop(), loss='cosine_proximity')
def classes(m, x):
    return m.predict_classes(x)
'''


@pytest.fixture(scope='module')
def upgraded():
    new, _ = upgrade_source(EVERY_HELPER)
    return new


def test_upgraded_file_holds_each_definition_once_and_no_compat(upgraded):
    for name in ASKED_FOR:
        assert upgraded.count(inlined.source(name)) == 1, name
    assert 'compat' not in upgraded
    tree = ast.parse(upgraded)
    top = {alias.name.split('.')[0] for node in tree.body if isinstance(node, ast.Import)
           for alias in node.names}
    top |= {node.module.split('.')[0] for node in tree.body if isinstance(node, ast.ImportFrom)}
    assert top <= {'keras', 'numpy'}, top


@pytest.fixture(scope='module')
def both(upgraded):
    """(namespace of the upgraded file's definitions, the modules' objects)."""
    tree = ast.parse(upgraded)
    definitions = [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef, ast.Import))]
    ns = {}
    exec(compile(ast.Module(body=definitions, type_ignores=[]), '<upgraded>', 'exec'), ns)
    return ns, _objects()


def test_inlined_functions_behave_like_the_modules(both, tmp_path):
    ns, module = both
    x = np.array([[-4.0, -1.0, 0.3, 3.0], [1.0, 2.0, -0.5, 0.25]], 'float32')
    for name in (HARD_SIGMOID, 'keras1_cosine_proximity'):
        args = (x,) if name == HARD_SIGMOID else (x, x[::-1])
        np.testing.assert_array_equal(np.asarray(ns[name](*args)), np.asarray(module[name](*args)))
    assert ns['slice_X']([x, x], 1, 2)[1].tolist() == module['slice_X']([x, x], 1, 2)[1].tolist()

    class Fixed:
        def predict(self, x, batch_size=32, verbose=1):
            return np.asarray(x)
    for out in ([[.1, .7], [.6, .2]], [[.7], [.2]]):
        assert ns['keras1_predict_classes'](Fixed(), out).tolist() == \
            module['keras1_predict_classes'](Fixed(), out).tolist()
    ramp = np.array([[0.0, 0.5], [1.0, 2.0]])
    ns['imsave'](str(tmp_path / 'a.png'), ramp)
    module['imsave'](str(tmp_path / 'b.png'), ramp)
    assert ns['imread'](str(tmp_path / 'a.png')).tolist() == \
        module['imread'](str(tmp_path / 'b.png')).tolist() == [[0, 64], [128, 255]]


def test_inlined_classes_behave_like_the_modules(both):
    import keras
    ns, module = both
    x = np.arange(2 * 5 * 5 * 1, dtype='float32').reshape(2, 5, 5, 1) % 7
    pooled = [np.asarray(c('max', (3, 3), data_format='channels_last')(x))
              for c in (ns[SAME_POOLING], module[SAME_POOLING])]
    np.testing.assert_array_equal(*pooled)
    penalty = [float(c(0.1, 0.2)(x)) for c in (ns[activity_regularizers.HELPER],
                                                 module[activity_regularizers.HELPER])]
    assert penalty[0] == penalty[1]
    p0 = np.array([[1.0, -2.0], [0.5, 0.25]], 'float32')
    g = np.array([[0.3, -0.1], [0.0, 2.0]], 'float32')
    for name in [*table.KERAS1_OPTIMIZERS.values(), *table.DENSE_GRADIENT_OPTIMIZERS.values()]:
        stepped = []
        for cls in (ns[name], module[name]):
            v = keras.Variable(p0)
            cls(learning_rate=0.1).apply([g], [v])
            stepped.append(v.numpy())
        np.testing.assert_array_equal(*stepped, err_msg=name)
