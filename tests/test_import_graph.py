"""The engine is the bottom of compat.keras, as keras 1.2.2's was.

keras 1.2.2 kept Layer, Input, Merge and Container in engine/topology.py and Model in
engine/training.py; ``keras.layers`` and ``keras.models`` imported the engine, never the reverse,
except at call time for loading (topology.py's ``layer_from_config``, ``load_model``,
``save_model``) and ``summary``'s ``print_summary``. These tests read the import statements of
every module under ``compat/keras`` (module level: what runs on import; function bodies only run
when called) and check that structure, and that importing the engine loads neither layers nor models.
"""
import ast
import os
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
PACKAGE = 'compat.keras'
ENGINE = 'compat.keras.engine'

# What the engine may import at module level: itself, the backend under it, the re-export table
# (pure data), what lives outside compat.keras (compat._keras3, the Keras 1 spec), and the modules
# keras 1.2.2's engine imported at module level (engine/topology.py: initializations, utils.io_utils,
# utils.generic_utils; engine/training.py: optimizers, objectives, metrics, callbacks), which import
# neither layers nor models.
BELOW_ENGINE = ('compat.keras.engine', 'compat.keras.backend', 'compat.keras._reexports',
                'compat.keras.initializations', 'compat.keras.utils.io_utils', 'compat.keras.utils.generic_utils',
                'compat.keras.optimizers', 'compat.keras.objectives', 'compat.keras.metrics', 'compat.keras.callbacks')

# Imports inside engine functions that reach above the engine, each where keras 1.2.2 had one:
# loading and saving whole models and configs (models.py and layers/ import the engine),
# and Container.summary's print_summary (utils/layer_utils.py imports every layer module).
DEFERRED_UPWARD = {
    # keras 1.2.2 layer_from_config (utils/layer_utils.py): every layer class by name
    ('compat.keras.engine.saving', 'deserialize_layer', 'compat.keras.layers'),
    # keras 1.2.2 model_from_config / Sequential.get_config live in models.py
    ('compat.keras.engine.saving', '_model_from_config', 'compat.keras.models'),
    ('compat.keras.engine.saving', 'layer_config', 'compat.keras.models'),
    ('compat.keras.engine.saving', 'model_config', 'compat.keras.models'),
    # keras 1.2.2 Container.summary: from keras.utils.layer_utils import print_summary
    ('compat.keras.engine.training', 'summary', 'compat.keras.utils.layer_utils'),
    # weights of a wrapped layer are the wrapped layer's (keras 1.2.2 Wrapper.get_weights): by class
    ('compat.keras.engine.saving', 'layer_weight_names', 'compat.keras.layers.wrappers'),
    ('compat.keras.engine.optimizer_state', '_inner', 'compat.keras.layers.wrappers'),
}
ABOVE_ENGINE = ('compat.keras.layers', 'compat.keras.models', 'compat.keras.wrappers', 'compat.keras.applications',
                'compat.keras.utils.layer_utils', 'compat.keras.utils.test_utils')


def _modules():
    """``{module name: path}`` for every module under compat/."""
    out = {}
    for path in (ROOT / 'compat').rglob('*.py'):
        parts = list(path.relative_to(ROOT).with_suffix('').parts)
        if parts[-1] == '__init__':
            parts.pop()
        out['.'.join(parts)] = path
    return out


MODULES = _modules()


def _within(name, prefixes):
    return any(name == p or name.startswith(p + '.') for p in prefixes)


def _target(name):
    """The module an imported name loads: itself if it is a module, else its package."""
    while name and name not in MODULES:
        name = name.rpartition('.')[0]
    return name


def _imports(module):
    """``[(function or None, imported module)]``: None for a module-level import (class bodies, ``if``
    and ``try`` blocks included), the innermost function's name for a deferred one."""
    path = MODULES[module]
    package = module if path.name == '__init__.py' else module.rpartition('.')[0]
    found = []

    def visit(node, function):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                visit(child, child.name)
                continue
            if isinstance(child, ast.Import):
                found.extend((function, alias.name) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ''
                if child.level:
                    parts = package.split('.')[:len(package.split('.')) - child.level + 1]
                    base = '.'.join(parts + ([base] if base else []))
                for alias in child.names:
                    full = base + '.' + alias.name
                    found.append((function, full if full in MODULES else base))
            visit(child, function)

    visit(ast.parse(path.read_text(), str(path)), None)
    return [(function, _target(name)) for function, name in found
            if _within(name, ('compat',)) and _target(name) not in ('', module)]


def module_level_graph():
    return {module: {target for function, target in _imports(module) if function is None} for module in MODULES}


def cycles(graph):
    """The strongly connected components of more than one module (Tarjan's algorithm, iterative)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_cycles_finds_a_circle_and_nothing_else():
    graph = {'a': {'b'}, 'b': {'c'}, 'c': {'a'}, 'd': {'a'}, 'e': set()}
    assert cycles(graph) == [['a', 'b', 'c']]
    assert cycles({'a': {'b'}, 'b': set()}) == []


def test_imports_tells_module_level_from_deferred():
    imports = _imports('compat.keras.engine.saving')
    assert (None, 'compat.keras.engine.saving') not in imports
    assert ('deserialize_layer', 'compat.keras.layers') in imports
    assert all(target != 'compat.keras.layers' for function, target in imports if function is None)


def test_engine_imports_nothing_above_it_at_module_level():
    graph = module_level_graph()
    upward = sorted((module, target) for module in graph if _within(module, (ENGINE,))
                    for target in graph[module] if _within(target, (PACKAGE,)) and target != PACKAGE
                    and not _within(target, BELOW_ENGINE))
    assert upward == []
    # nor through a module outside compat.keras, or the packages an import runs first
    reached, todo = set(), [m for m in graph if _within(m, (ENGINE,))]
    while todo:
        module = todo.pop()
        parents = {module.rsplit('.', n)[0] for n in range(1, module.count('.') + 1)}
        for target in (graph[module] | parents) - reached:
            reached.add(target)
            todo.append(target)
    assert sorted(m for m in reached if _within(m, ABOVE_ENGINE)) == []


def test_engine_reaches_up_only_where_keras1_did():
    deferred = {(module, function, target) for module in MODULES if _within(module, (ENGINE,))
                for function, target in _imports(module)
                if function is not None and _within(target, ABOVE_ENGINE)}
    assert deferred <= DEFERRED_UPWARD, sorted(deferred - DEFERRED_UPWARD)


def test_no_import_cycle_in_the_engine():
    graph = module_level_graph()
    assert cycles({m: {t for t in targets if _within(t, (ENGINE,))}
                   for m, targets in graph.items() if _within(m, (ENGINE,))}) == []


def test_no_import_cycle_in_compat_keras():
    graph = module_level_graph()
    assert cycles({m: {t for t in targets if _within(t, (PACKAGE,))}
                   for m, targets in graph.items() if _within(m, (PACKAGE,))}) == []


@pytest.mark.slow  # a fresh interpreter imports TensorFlow
def test_importing_the_engine_loads_neither_layers_nor_models():
    code = ('import sys, compat.keras.engine as engine\n'
            'engine.Model, engine.Merge, engine.merge, engine.Input, engine.Layer, engine.Container\n'
            'print(sorted(m for m in sys.modules if m.startswith(("compat.keras.layers", "compat.keras.models"))))')
    env = dict(os.environ, TF_ENABLE_ONEDNN_OPTS='0', TF_CPP_MIN_LOG_LEVEL='3')
    run = subprocess.run([sys.executable, '-c', code], cwd=str(ROOT), env=env, capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout.strip().splitlines()[-1] == '[]'


def test_moved_names_are_the_engine_classes_everywhere_keras1_offered_them():
    import compat.keras.engine as engine
    import compat.keras.engine.topology as topology
    import compat.keras.engine.training as training
    import compat.keras.layers as layers
    import compat.keras.models as models
    from compat.keras.layers import merge as merge_module  # noqa: F401  (the function: keras.layers.merge)
    import importlib
    layers_merge = importlib.import_module('compat.keras.layers.merge')
    assert engine.Model is training.Model is models.Model is training.Container is topology.Container
    assert engine.Container is training.Model
    assert engine.Merge is topology.Merge is layers.Merge is layers_merge.Merge
    assert engine.merge is topology.merge is layers.merge is layers_merge.merge
    assert training.Model.__module__ == 'compat.keras.engine.training'
    assert topology.Merge.__module__ == 'compat.keras.engine.topology'
    assert models.Sequential.__mro__[1] is training.Model
