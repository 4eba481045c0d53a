"""NumPy names 2015-2017 code used that NumPy has since removed, and what each meant then.

Each maps to the builtin (a bare name) or the NumPy name (``numpy.X``) it was an alias of, so
restoring it (``compat.install()``, ``python -m compat``) or rewriting it (the upgrader's
python_idioms fixer) changes nothing the code computes.

>>> REMOVED_NUMPY_NAMES['float'], REMOVED_NUMPY_NAMES['alltrue']
('float', 'numpy.all')
"""
REMOVED_NUMPY_NAMES = {
    # NumPy 1.20 release notes, "Using the aliases of builtin types like np.int is deprecated";
    # removed in NumPy 1.24.
    'float': 'float', 'int': 'int', 'bool': 'bool', 'object': 'object', 'str': 'str',
    'complex': 'complex', 'long': 'int', 'unicode': 'str',
    # NumPy 2.0 migration guide, "Namespace changes": removed members and their replacements.
    'alltrue': 'numpy.all', 'sometrue': 'numpy.any', 'product': 'numpy.prod',
    'cumproduct': 'numpy.cumprod', 'round_': 'numpy.round', 'rank': 'numpy.ndim',
    'float_': 'numpy.float64', 'complex_': 'numpy.complex128', 'cfloat': 'numpy.complex128',
    'singlecomplex': 'numpy.complex64', 'longfloat': 'numpy.longdouble',
    'longcomplex': 'numpy.clongdouble', 'clongfloat': 'numpy.clongdouble',
    'unicode_': 'numpy.str_', 'string_': 'numpy.bytes_', 'str0': 'numpy.str_',
    'bool8': 'numpy.bool_', 'object0': 'numpy.object_', 'int0': 'numpy.intp', 'uint0': 'numpy.uintp',
    'Inf': 'numpy.inf', 'Infinity': 'numpy.inf', 'infty': 'numpy.inf', 'PINF': 'numpy.inf',
    'NaN': 'numpy.nan', 'trapz': 'numpy.trapezoid',
}
