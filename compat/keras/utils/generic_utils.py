"""Python helpers of Keras 1.2.2 (keras 1.2.2 utils/generic_utils.py).

``Progbar`` writes exactly the text Keras 1.2.2 wrote; the training engine uses
it for ``fit(verbose=1|2)``. ``func_load`` differs on purpose: it refuses
marshalled bytecode unless ``allow_unsafe=True`` (see its docstring).
"""
import marshal
import sys
import time
import types

import numpy as np

__all__ = ['CustomObjectScope', 'custom_object_scope', 'get_custom_objects', 'get_from_module',
           'make_tuple', 'func_dump', 'func_load', 'Progbar']

# keras 1.2.2 generic_utils._GLOBAL_CUSTOM_OBJECTS
_GLOBAL_CUSTOM_OBJECTS = {}


class CustomObjectScope(object):
    """``with CustomObjectScope({'Name': obj}):`` - additions are undone on exit.

    keras 1.2.2 generic_utils.CustomObjectScope.
    """

    def __init__(self, *args):
        self.custom_objects = args
        self.backup = None

    def __enter__(self):
        self.backup = _GLOBAL_CUSTOM_OBJECTS.copy()
        for objects in self.custom_objects:
            _GLOBAL_CUSTOM_OBJECTS.update(objects)
        return self

    def __exit__(self, *exc_info):
        _GLOBAL_CUSTOM_OBJECTS.clear()
        _GLOBAL_CUSTOM_OBJECTS.update(self.backup)


def custom_object_scope(*args):
    """keras 1.2.2 generic_utils.custom_object_scope."""
    return CustomObjectScope(*args)


def get_custom_objects():
    """The live global custom-object dict (keras 1.2.2 generic_utils.get_custom_objects)."""
    return _GLOBAL_CUSTOM_OBJECTS


def _lookup(name, module_params):
    # keras 1.2.2 checks custom objects first and falls back on a falsy hit.
    return _GLOBAL_CUSTOM_OBJECTS.get(name) or module_params.get(name)


def get_from_module(identifier, module_params, module_name, instantiate=False, kwargs=None):
    """Resolve a string or ``{'name': ..., **config}`` identifier (keras 1.2.2 generic_utils.get_from_module).

    Anything else is returned unchanged.
    """
    if isinstance(identifier, str):
        res = _lookup(identifier, module_params)
        if not res:
            raise ValueError('Invalid %s: %s' % (module_name, identifier))
        if instantiate:
            return res(**kwargs) if kwargs else res()
        return res
    if isinstance(identifier, dict):
        name = identifier.pop('name')
        res = _lookup(name, module_params)
        if not res:
            raise ValueError('Invalid %s: %s' % (module_name, identifier))
        return res(**identifier)
    return identifier


def make_tuple(*args):
    return args


def func_dump(func):
    """``(code, defaults, closure)`` with code as marshalled bytecode in a str (keras 1.2.2 generic_utils.func_dump).

    The bytecode only loads on the same Python minor version.
    """
    code = marshal.dumps(func.__code__).decode('raw_unicode_escape')
    closure = tuple(c.cell_contents for c in func.__closure__) if func.__closure__ else None
    return code, func.__defaults__, closure


def func_load(code, defaults=None, closure=None, globs=None, allow_unsafe=False):
    """Rebuild a function saved by ``func_dump`` (keras 1.2.2 generic_utils.func_load).

    Unmarshalling bytecode runs arbitrary code from the file it came from (a
    saved model's Lambda layer, say) and crashes on a Python version other
    than the one that wrote it. So, unlike Keras 1, this refuses unless the
    caller passes ``allow_unsafe=True`` for input it trusts.
    """
    if isinstance(code, (tuple, list)):  # a whole func_dump() result
        code, defaults, closure = code
    if not allow_unsafe:
        raise ValueError('func_load: refusing to unmarshal Python bytecode (it can run arbitrary code and '
                         'only loads on the Python version that wrote it). If you trust its source, call '
                         'func_load(..., allow_unsafe=True); better, rebuild the function in code.')
    try:
        code = marshal.loads(code.encode('raw_unicode_escape'))
    except (ValueError, EOFError, TypeError) as e:
        raise ValueError('func_load: the marshalled bytecode is unreadable on Python %d.%d (%s); it was '
                         'probably written by another Python version (Keras 1 ran on 2.7/3.5). Rebuild the '
                         'function in code.' % (sys.version_info[0], sys.version_info[1], e))
    if globs is None:
        globs = globals()
    if closure is not None:
        closure = tuple(types.CellType(value) for value in closure)
    return types.FunctionType(code, globs, name=code.co_name, argdefs=defaults, closure=closure)


class Progbar(object):
    """Keras 1.2.2 progress bar (keras 1.2.2 generic_utils.Progbar), same text output.

    # Arguments
        target: total number of steps expected.
        width: bar width in characters.
        verbose: 1 redraws a bar in place, 2 prints one line when ``target`` is reached.
        interval: minimum seconds between redraws for verbose 1.
    """

    def __init__(self, target, width=30, verbose=1, interval=0.05):
        self.width = width
        self.target = target
        self.sum_values = {}
        self.unique_values = []
        self.start = time.time()
        self.last_update = 0
        self.interval = interval
        self.total_width = 0
        self.seen_so_far = 0
        self.verbose = verbose

    def update(self, current, values=None, force=False):
        """Move to step ``current``; ``values`` is ``[(name, value_for_last_step)]``, shown as running means
        weighted by the steps since the previous update."""
        for name, value in values or []:
            steps = current - self.seen_so_far
            if name not in self.sum_values:
                self.sum_values[name] = [value * steps, steps]
                self.unique_values.append(name)
            else:
                self.sum_values[name][0] += value * steps
                self.sum_values[name][1] += steps
        self.seen_so_far = current

        now = time.time()
        if self.verbose == 1:
            if not force and (now - self.last_update) < self.interval:
                return
            self._draw_bar(current, now)
        if self.verbose == 2 and current >= self.target:
            info = '%ds' % (now - self.start)
            for name in self.unique_values:
                # keras 1.2.2 tests `avg > 1e-3` here (not abs): negative means print in %e.
                avg = self._mean(name)
                info += (' - %s: %.4f' if avg > 1e-3 else ' - %s: %.4e') % (name, avg)
            sys.stdout.write(info + '\n')
        self.last_update = now

    def _mean(self, name):
        total, count = self.sum_values[name]
        return total / max(1, count)

    def _draw_bar(self, current, now):
        prev_total_width = self.total_width
        sys.stdout.write('\b' * prev_total_width)
        sys.stdout.write('\r')

        numdigits = int(np.floor(np.log10(self.target))) + 1
        bar = ('%%%dd/%%%dd [' % (numdigits, numdigits)) % (current, self.target)
        prog_width = int(self.width * float(current) / self.target)
        if prog_width > 0:
            bar += '=' * (prog_width - 1)
            bar += '>' if current < self.target else '='
        bar += '.' * (self.width - prog_width) + ']'
        sys.stdout.write(bar)
        self.total_width = len(bar)

        time_per_unit = (now - self.start) / current if current else 0
        if current < self.target:
            info = ' - ETA: %ds' % (time_per_unit * (self.target - current))
        else:
            info = ' - %ds' % (now - self.start)
        for name in self.unique_values:
            info += ' - %s:' % name
            if isinstance(self.sum_values[name], list):
                avg = self._mean(name)
                info += (' %.4f' if abs(avg) > 1e-3 else ' %.4e') % avg
            else:
                info += ' %s' % self.sum_values[name]
        self.total_width += len(info)
        if prev_total_width > self.total_width:
            info += ' ' * (prev_total_width - self.total_width)
        sys.stdout.write(info)
        sys.stdout.flush()
        if current >= self.target:
            sys.stdout.write('\n')

    def add(self, n, values=None):
        """Advance by ``n`` steps (keras 1.2.2 Progbar.add)."""
        self.update(self.seen_so_far + n, values)
