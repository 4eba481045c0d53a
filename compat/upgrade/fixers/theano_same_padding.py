"""Convolution padding where Theano and TensorFlow disagree -> explicit zero padding + 'valid'.

Keras 1.2.2 on Theano (backend/theano_backend.py conv2d/conv3d, _preprocess_border_mode,
_postprocess_conv2d_output) padded on the *dilated* kernel size k = (kernel - 1) * rate + 1:

- 'same' is Theano's 'half': k // 2 zeros on both sides, then even kernels are cropped to
  ceil(n / stride) outputs -- in effect k // 2 before and k - 1 - k // 2 after. TensorFlow's
  'same' puts the odd pixel at the end and, with strides, depends on the input size. They agree
  for odd k at stride 1; elsewhere the rewrite writes ``ZeroPadding2D(((k//2, k-1-k//2), ...))``
  before the convolution and ``padding='valid'`` (same output size, same numbers).
- 'full' (Theano only) pads k - 1 zeros on both sides: always ``ZeroPadding`` + 'valid'.
"""
from __future__ import annotations

import libcst as cst

from .base import Fixer, find_kwarg, fix_commas, kwarg

CONVS = {'Convolution1D': 1, 'Convolution2D': 2, 'Convolution3D': 3, 'Conv1D': 1, 'Conv2D': 2,
         'Conv3D': 3, 'AtrousConvolution1D': 1, 'AtrousConvolution2D': 2}
# (before, after) zeros Theano added on one axis, for the dilated kernel size k
# (keras 1.2.2 theano_backend.py _preprocess_border_mode: 'same' -> 'half', 'full' as is).
THEANO_PADS = {
    'same': lambda k: (k // 2, k - 1 - k // 2),
    'full': lambda k: (k - 1, k - 1),
}


class TheanoSamePadding(Fixer):
    name = 'theano_same_padding'

    def _plan(self, call):
        """(padding layer call, conv call with padding='valid') or None."""
        k1 = self.keras_name(call.func)
        rank = CONVS.get(k1)
        pad_arg = find_kwarg(call, 'padding')
        mode = self.constant(pad_arg.value) if pad_arg is not None else None
        if rank is None or mode not in THEANO_PADS:
            return None
        positional = [a for a in call.args if a.keyword is None]
        ks = find_kwarg(call, 'kernel_size') or (positional[1] if len(positional) > 1 else None)
        st = find_kwarg(call, 'strides')
        dl = find_kwarg(call, 'dilation_rate')
        kernel = self.ints(ks.value, rank) if ks else None
        strides = self.ints(st.value, rank) if st else (1,) * rank
        rates = self.ints(dl.value, rank) if dl else (1,) * rank
        if kernel is None or strides is None or rates is None:
            self.warn(call, f"{k1}(padding={mode!r}) with a kernel/strides/dilation the upgrade cannot compute: "
                            'Theano pads k // 2 before and k - 1 - k // 2 after (same), k - 1 '
                            "on both sides (full); write a ZeroPadding layer and 'valid' by hand")
            return None
        dilated = tuple((k - 1) * r + 1 for k, r in zip(kernel, rates))
        if mode == 'same' and all(k % 2 == 1 for k in dilated) and all(s == 1 for s in strides):
            return None   # identical on both backends
        pads = tuple(THEANO_PADS[mode](k) for k in dilated)
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
        rate_note = f', dilation {rates}' if dl else ''
        self.change(call, f"{k1}(padding={mode!r}, kernel {kernel}{rate_note}, strides {strides}) "
                          f"-> {layer}({pads}) + padding='valid' (Theano's {mode!r})")
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
