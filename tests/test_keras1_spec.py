"""The Keras 1 specification (compat/spec) that the runtime and the upgrader share.

The runtime (compat.keras: engine/arguments.py, engine/saving.py) and the upgrader
(compat.upgrade: table.py, fixers) both derive their tables from the spec's rows, so they
cannot disagree: these tests run both on the same Keras 1 arguments and compare what they do.
"""
import ast
import os
import subprocess
import sys

import pytest

from compat import spec
from compat.keras.engine import arguments, saving
from compat.upgrade import table, upgrade_source
from compat.upgrade.fixers import keras1_layers
from compat.upgrade.fixers.layer_args import LayerArgs

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GENERATED = {**spec.SIGNATURES, **spec.OTHER_SIGNATURES}


def test_spec_and_upgrade_table_import_nothing_heavy():
    code = ('import sys, compat.spec, compat.upgrade.table; '
            "print(sorted(m for m in ('tensorflow', 'keras', 'numpy') if m in sys.modules))")
    out = subprocess.run([sys.executable, '-c', code], cwd=ROOT, capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == '[]'


@pytest.mark.parametrize('name', sorted(n for n in spec.LAYERS if n in GENERATED))
def test_rows_name_only_keras1_parameters(name):
    """A typo in a row (or a group a layer does not have) shows up here, not as a silent no-op."""
    row = spec.LAYERS[name]
    known = {n for n, _ in GENERATED[name]} | {n for n, _ in spec.INHERITED_KEYWORDS.get(name, [])}
    known |= set(row.popped) | set(spec.COMMON_KWARGS)
    used = set(row.renames) | set(row.forwarded) | set(row.drop) | set(row.review)
    used |= {p for _, parts in row.combine for p in parts} | set(row.input_shortcut)
    assert used <= known, sorted(used - known)


def _keywords(source):
    call = next(n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Call)
                and getattr(n.func, 'id', None) not in ('int', None))
    return {k.arg for k in call.keywords}


@pytest.mark.filterwarnings('ignore::UserWarning')
@pytest.mark.parametrize('layer', sorted(arguments.RENAMES))
def test_upgrader_renames_as_the_runtime_translates(layer, monkeypatch):
    """Every Keras 1 argument the runtime hands to Keras 3: the upgraded call spells it as the
    runtime does (the upgrader leaves calls of layers it has no row for as they are)."""
    monkeypatch.setattr(arguments, '_WARNED', set())     # the once-per-process warnings stay due
    runtime = arguments.to_keras3(layer, dict.fromkeys(arguments.RENAMES[layer]))
    source = 'from keras.layers import %s\n%s(%s)\n' % (
        layer, layer, ', '.join('%s=None' % k for k in arguments.RENAMES[layer]))
    new, _ = upgrade_source(source, fixers=[LayerArgs], dim_ordering='tf')
    row = table.LAYERS.get(layer)
    assert _keywords(new) == set(runtime) | set(row.explicit if row else ())


@pytest.mark.parametrize('layer', sorted(n for n in table.LAYERS if n in GENERATED))
def test_upgrader_positional_lists_are_the_signatures(layer):
    row = table.LAYERS[layer]
    assert row.positional == tuple(n for n, _ in GENERATED[layer])
    if layer in spec.SIGNATURES:       # the runtime binds positional arguments the same way
        args = ['tf' if n == 'dim_ordering' else 'arg%d' % i for i, n in enumerate(row.positional)]
        values, _ = arguments.bind(layer, args, {})
        assert [values[n] for n in row.positional] == args


@pytest.mark.parametrize('layer', sorted(n for n, r in spec.LAYERS.items() if r.input_shortcut))
def test_input_shortcuts_alike(layer):
    """input_dim/input_length: the runtime's declared batch shape is the upgrader's input_shape."""
    given = {'input_dim': 7, 'input_length': 5}
    shortcut = {k: v for k, v in given.items() if k in spec.LAYERS[layer].input_shortcut}
    runtime = arguments.input_batch_shape(layer, shortcut, {})
    required = [n for n, d in spec.SIGNATURES[layer] if d == spec.REQUIRED]
    source = 'from keras.layers import %s\n%s(%s)\n' % (layer, layer, ', '.join(
        ['%s=3' % n for n in required] + ['%s=%r' % kv for kv in shortcut.items()]))
    new, _ = upgrade_source(source, fixers=[LayerArgs], dim_ordering='tf')
    call = next(n for n in ast.walk(ast.parse(new)) if isinstance(n, ast.Call) and n.keywords)
    upgraded = next(ast.literal_eval(k.value) for k in call.keywords if k.arg == 'input_shape')
    assert runtime == (None,) + upgraded


def test_weight_names_and_inlined_layers_come_from_the_rows():
    assert saving.WEIGHT_SUFFIXES == {n: r.weights for n, r in spec.LAYERS.items() if r.weights}
    inlined = {n for n, r in spec.LAYERS.items() if r.inlined}
    assert set(keras1_layers.INLINED) == inlined
    assert inlined <= set(keras1_layers.class_sources())     # each has its plain Keras 3 class


def test_popped_keywords_warn_in_the_runtime_and_drop_in_the_upgrader():
    for name, row in spec.LAYERS.items():
        for key, message in row.popped.items():
            with pytest.warns(UserWarning, match='deprecated'):
                arguments.bind(name, [], {key: 1})
            new, entries = upgrade_source('from keras.layers import %s\n%s(%s=1)\n' % (name, name, key),
                                          fixers=[LayerArgs])
            assert key not in new and any(key in e.message for e in entries)


def test_an_alias_takes_its_class_row():
    assert spec.row('Conv2D') is spec.LAYERS['Convolution2D']
    assert spec.row('NoSuchLayer') is spec.NO_FACTS


@pytest.mark.parametrize('before, after, note', [
    # keras 1.2.2 Dense(output_dim, init, activation, ...): the generated signature names them all
    ("Dense(10, 'glorot_uniform', 'relu')", "Dense(10, kernel_initializer='glorot_uniform', activation='relu')",
     "Dense: positional init -> kernel_initializer='glorot_uniform'; positional activation -> activation='relu'"),
    # keras 1.2.2 engine/topology.py Input(shape, batch_shape, ...): Keras 3's second is batch_size
    ('Input((784,))', 'Input(shape=(784,))', 'Input: positional shape -> shape=(784,)'),
    ("MaxPooling2D((2, 2), (2, 2), 'valid', 'tf')",
     "MaxPooling2D((2, 2), (2, 2), 'valid', data_format='channels_last')",
     "MaxPooling2D: positional dim_ordering -> data_format='channels_last'"),
])
def test_upgrader_names_every_keras1_positional_argument(before, after, note):
    name = before.split('(')[0]
    new, entries = upgrade_source('from keras.layers import %s\n%s\n' % (name, before),
                                  fixers=[LayerArgs], dim_ordering='tf')
    assert new.splitlines()[-1] == after
    assert [e.message for e in entries] == [note]     # reported, no warning


def test_upgrade_table_imports_no_fixer():
    """table.py is data the fixers read: importing a fixer from it would make an import circle."""
    tree = ast.parse(open(table.__file__).read())
    modules = [('.' * n.level) + (n.module or '') for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    modules += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    assert not [m for m in modules if 'fixers' in m], modules


def test_every_removed_numpy_name_has_its_replacement_in_todays_numpy():
    import builtins

    import numpy as np

    from compat.spec.numpy_names import REMOVED_NUMPY_NAMES
    for old, new in REMOVED_NUMPY_NAMES.items():
        module, _, name = new.rpartition('.')
        assert module in ('', 'numpy') and hasattr(np if module else builtins, name), (old, new)
