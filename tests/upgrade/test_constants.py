"""fixers/base.py constant_value: what the fixers may compute from the file's own constants."""
import libcst as cst
import pytest

from compat.upgrade.fixers.base import constant_value, name_bindings

SRC = '''
img_rows, img_cols = 28, 28
nb_conv = 3
kernel_size = (nb_conv, nb_conv + 1)
shape = (None, 1, img_rows // 2, img_cols * 2 - 1)
k = 1
k = 2
def f(nb_pool):
    pass
for i in range(3):
    pass
x = y = 5
flag = True
'''


@pytest.mark.parametrize('expr, value', [
    ('nb_conv', 3), ('img_cols', 28), ('kernel_size', (3, 4)), ('kernel_size[1]', 4),
    ('kernel_size[-1]', 4), ('shape[3]', 55), ('(nb_conv, 2)', (3, 2)),
    ("'same'", 'same'), ('x + y', 10), ('[1, img_rows]', [1, 28]), ('flag', True), ('-2', -2),
])
def test_constants(expr, value):
    bindings = name_bindings(cst.parse_module(SRC))
    assert constant_value(cst.parse_expression(expr), bindings) == value


@pytest.mark.parametrize('expr', ['k', 'nb_pool', 'i', 'undefined', 'kernel_size[2]', 'nb_conv / 2',
                                  'f(1)', 'kernel_size[:1]', 'nb_conv // 0'])
def test_not_constants(expr):
    bindings = name_bindings(cst.parse_module(SRC))
    with pytest.raises(ValueError):
        constant_value(cst.parse_expression(expr), bindings)
