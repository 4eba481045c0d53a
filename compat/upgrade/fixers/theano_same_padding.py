"""``padding='same'`` where Theano and TensorFlow disagree -> explicit zero padding + 'valid'.

Keras 1.2.2 on Theano (backend/theano_backend.py _preprocess_border_mode 'same' -> 'half', then
_postprocess_conv2d_output crops even kernels to ceil(n / stride)) pads k // 2 zeros before and,
in effect, k - 1 - k // 2 after. TensorFlow's 'same' pads the odd pixel at the end and, with
strides, depends on the input size. They agree for odd kernels at stride 1; elsewhere the rewrite
writes ``ZeroPadding2D(((k//2, k-1-k//2), ...))`` before the convolution and ``padding='valid'``
(same output size, same numbers). Pooling with 'same' (Theano pads differently again) gets a
warning.
"""
from __future__ import annotations

import libcst as cst

from .base import Fixer, find_kwarg, fix_commas, kwarg, try_literal

CONVS = {'Convolution1D': 1, 'Convolution2D': 2, 'Convolution3D': 3, 'Conv1D': 1, 'Conv2D': 2,
         'Conv3D': 3, 'AtrousConvolution1D': 1, 'AtrousConvolution2D': 2}
POOLS = {'MaxPooling1D', 'AveragePooling1D', 'MaxPooling2D', 'AveragePooling2D',
         'MaxPooling3D', 'AveragePooling3D'}


def _ints(value, rank):
    v = try_literal(value)
    if isinstance(v, int):
        return (v,) * rank
    if isinstance(v, tuple) and len(v) == rank and all(isinstance(i, int) for i in v):
        return v
    return None


class TheanoSamePadding(Fixer):
    name = 'theano_same_padding'

    def _plan(self, call):
        """(padding layer call, conv call with padding='valid') or None."""
        k1 = self.keras_name(call.func)
        rank = CONVS.get(k1)
        pad_arg = find_kwarg(call, 'padding')
        if k1 in POOLS and pad_arg and try_literal(pad_arg.value) == 'same':
            self.warn(call, f"{k1}(padding='same'): Theano padded pooling differently from "
                            'TensorFlow; border outputs may differ')
            return None
        if rank is None or pad_arg is None or try_literal(pad_arg.value) != 'same':
            return None
        positional = [a for a in call.args if a.keyword is None]
        ks = find_kwarg(call, 'kernel_size') or (positional[1] if len(positional) > 1 else None)
        st = find_kwarg(call, 'strides')
        kernel = _ints(ks.value, rank) if ks else None
        strides = _ints(st.value, rank) if st else (1,) * rank
        if find_kwarg(call, 'dilation_rate'):
            self.warn(call, f"{k1}: 'same' padding with dilation: check Theano's padding by hand")
            return None
        if kernel is None or strides is None:
            self.warn(call, f"{k1}(padding='same') with non-literal kernel/strides: Theano pads "
                            'k // 2 before and k - 1 - k // 2 after; TensorFlow may differ')
            return None
        if all(k % 2 == 1 for k in kernel) and all(s == 1 for s in strides):
            return None   # identical on both backends
        pads = tuple((k // 2, k - 1 - k // 2) for k in kernel)
        pad_args = [cst.Arg(cst.parse_expression(repr(pads[0] if rank == 1 else pads)))]
        df = find_kwarg(call, 'data_format')
        if df is not None and rank > 1:
            pad_args.append(kwarg('data_format', df.value))
        shape = find_kwarg(call, 'input_shape')
        if shape is not None:
            pad_args.append(kwarg('input_shape', shape.value))
        layer = f'ZeroPadding{rank}D'
        self.need('keras.layers', layer)
        conv_args = [a.with_changes(value=cst.SimpleString("'valid'")) if a is pad_arg else a
                     for a in call.args if a is not shape]
        self.change(call, f"{k1}(padding='same', kernel {kernel}, strides {strides}) -> "
                          f"{layer}({pads}) + padding='valid' (Theano's 'same')")
        return (cst.Call(cst.Name(layer), fix_commas(pad_args)),
                call.with_changes(args=fix_commas(conv_args)))

    def leave_SimpleStatementLine(self, original, updated):
        # model.add(Conv2D(..., padding='same'))  ->  model.add(ZeroPadding2D(...)); model.add(Conv2D(...))
        if len(original.body) != 1 or not isinstance(original.body[0], cst.Expr):
            return updated
        outer = original.body[0].value
        if not (isinstance(outer, cst.Call) and isinstance(outer.func, cst.Attribute)
                and outer.func.attr.value == 'add' and len(outer.args) == 1
                and isinstance(outer.args[0].value, cst.Call)):
            return updated
        plan = self._plan(outer.args[0].value)
        if plan is None:
            return updated
        pad, conv = plan
        first = updated.with_changes(body=[cst.Expr(outer.with_changes(
            args=[cst.Arg(pad)]))], trailing_whitespace=cst.TrailingWhitespace())
        second = cst.SimpleStatementLine(
            [cst.Expr(outer.with_changes(args=[outer.args[0].with_changes(value=conv)]))],
            trailing_whitespace=updated.trailing_whitespace)
        return cst.FlattenSentinel([first, second])

    def leave_Call(self, original, updated):
        # Conv2D(..., padding='same')(x)  ->  Conv2D(..., padding='valid')(ZeroPadding2D(...)(x))
        if not (isinstance(original.func, cst.Call) and len(original.args) == 1):
            return updated
        plan = self._plan(original.func)
        if plan is None:
            return updated
        pad, conv = plan
        return cst.Call(conv, [cst.Arg(cst.Call(pad, [updated.args[0]]))])
