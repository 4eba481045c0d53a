"""Pooling with ``padding='same'`` -> the inlined ``Keras1SamePooling`` layer (Theano's numbers).

Keras 1.2.2 on Theano (backend/theano_backend.py pool2d/pool3d; layers/pooling.py _Pooling1D
runs pool2d on a (steps, 1) image) padded ``pool - 2`` cells (odd pool > 2) or ``pool - 1``
cells on *both* sides, pooled with ignore_border=True, and kept the first ceil(n / stride)
outputs; padded cells never win a max and are left out of averages ('average_exc_pad').
TensorFlow's 'same' pads (pool - 1) in total, the odd cell at the end, so the windows differ
except where both pad nothing or one cell each side (pool 1, or pool 3 at stride 1): those stay
Keras 3 pooling layers. The others become::

    Keras1SamePooling('max', (3, 3), strides=(2, 2), data_format='channels_first')

a small layer inserted once into the upgraded file (compat/upgrade/inlined/pooling.py), so the
file still imports nothing but keras.
"""
from __future__ import annotations

import libcst as cst

from .base import SAME_POOLING, Fixer, fix_commas, kwarg, try_literal

# Keras 3 pooling class -> (mode of the helper, rank)
POOLS = {'MaxPooling1D': ('max', 1), 'AveragePooling1D': ('average', 1),
         'MaxPooling2D': ('max', 2), 'AveragePooling2D': ('average', 2),
         'MaxPooling3D': ('max', 3), 'AveragePooling3D': ('average', 3)}
POSITIONAL = ('pool_size', 'strides', 'padding')   # Keras 3 positional order after layer_args


def same_as_tensorflow(pool, strides):
    """Do Theano's and TensorFlow's 'same' pick the same windows? (pads 0, or 1 each side at
    stride 1: keras 1.2.2 theano_backend.py pool2d pads pool - 2 for odd pool > 2)"""
    return all(p == 1 or (p == 3 and s == 1) for p, s in zip(pool, strides))


class TheanoPoolSame(Fixer):
    name = 'theano_pool_same'

    def leave_Call(self, original: cst.Call, updated: cst.Call):
        k = self.keras_name(original.func)
        if k not in POOLS:
            return updated
        mode, rank = POOLS[k]
        named, rest = {}, []
        for i, a in enumerate(updated.args):
            if a.star:
                return updated
            key = a.keyword.value if a.keyword else (POSITIONAL[i] if i < len(POSITIONAL) else None)
            if key in POSITIONAL:
                named[key] = a
            else:
                rest.append(a)
        pad = named.get('padding')
        if pad is None or try_literal(pad.value) != 'same':
            return updated
        pool = self.ints(named['pool_size'].value, rank) if 'pool_size' in named else (2,) * rank
        given = named.get('strides')
        if given is not None and try_literal(given.value, ()) is None:   # strides=None
            given = None
        strides = pool if given is None else self.ints(given.value, rank)
        if pool is None or strides is None:
            self.warn(original, f"{k}(padding='same') with non-literal pool size/strides: Theano "
                                'pooled differently from TensorFlow (pads pool - 2 or pool - 1 on '
                                f'both sides); use {SAME_POOLING} by hand')
            return updated
        if same_as_tensorflow(pool, strides):
            return updated
        self.ctx.helpers.add(SAME_POOLING)
        args = [cst.Arg(cst.SimpleString(repr(mode)))]
        if 'pool_size' in named:
            args.append(cst.Arg(named['pool_size'].value))
        else:
            args.append(cst.Arg(cst.parse_expression(repr(pool if rank > 1 else pool[0]))))
        if given is not None:
            args.append(kwarg('strides', given.value))
        args += rest
        self.change(original, f"{k}(padding='same', pool {pool}, strides {strides}) -> "
                              f"{SAME_POOLING}({mode!r}, ...): Theano's 'same' pooling")
        return cst.Call(cst.Name(SAME_POOLING), fix_commas(args))
