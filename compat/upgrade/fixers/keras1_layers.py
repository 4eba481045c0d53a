"""Keras 1 layers with no Keras 3 twin -> plain Keras 3 classes inlined into the upgraded file.

- Highway, MaxoutDense, LocallyConnected1D/2D, ParametricSoftplus, SReLU: their Keras 1 imports
  go, and the classes of ``compat/upgrade/inlined/layers.py`` the file uses are copied (as text: the
  upgrade never imports Keras) after its imports. layer_args already converted their arguments
  (their compat/spec rows), so this pass only supplies the classes.
- ``BatchNormalization(mode=1|2)`` -> the inlined ``Keras1BatchNormalization(mode=...)`` (mode 0
  is Keras 3's BatchNormalization).
- ``Deconvolution2D(..., output_shape=...)`` (already ``Conv2DTranspose`` arguments) ->
  ``Conv2DTranspose(padding='valid', output_padding=...)``, followed for 'same' by a
  ``Cropping2D`` of Theano's 'half' padding: keras 1.2.2 theano_backend.py deconv2d is the
  gradient of a convolution of the ``output_shape`` image padded by ``k // 2`` on both sides, so
  the transposed convolution's full output (``out + 2 * pad`` long: ``output_padding = (out +
  2 * pad - k) % stride``) is cropped by ``pad`` on each side. TensorFlow's 'same' crops
  differently. Kernels are converted by ``compat.load_keras1_weights``.
- ``ConvLSTM2D`` with an even kernel side -> the inlined ``Keras1ConvLSTM2D`` (a ConvLSTM2D whose
  convolutions pad like Theano's 'same'); odd kernels stay ConvLSTM2D.

Runs after layer_args (Keras 3 argument names) and before imports (which adds ``import keras``
and the Cropping2D import this pass asks for).
"""
from __future__ import annotations

import functools
import pathlib

import libcst as cst

from compat import spec

from .base import Fixer, code, find_kwarg, fix_commas, insert_after_imports, kwarg, try_literal

SOURCE = pathlib.Path(__file__).parent.parent / 'inlined' / 'layers.py'
# Keras 1 layer -> the inlined class standing for it (same name: the upgraded code reads as before);
# the spec rows marked ``inlined``.
INLINED = {name: name for name, row in spec.LAYERS.items() if row.inlined}
BATCHNORM = 'Keras1BatchNormalization'      # BatchNormalization modes 1 and 2
CONV_LSTM = 'Keras1ConvLSTM2D'               # ConvLSTM2D with an even kernel side


@functools.lru_cache(maxsize=None)
def class_sources() -> dict:
    """{class name: libcst ClassDef} of inlined/layers.py, in file order."""
    module = cst.parse_module(SOURCE.read_text())
    return {s.name.value: s for s in module.body if isinstance(s, cst.ClassDef)}


class Keras1Layers(Fixer):
    name = 'keras1_layers'

    def __init__(self, ctx):
        super().__init__(ctx)
        self._used = []              # inlined class names, first use first
        self._crops = {}             # id(rewritten Conv2DTranspose call) -> (crop call, original)

    def _use(self, cls):
        if cls not in self._used:
            self._used.append(cls)
        self.need('keras', None)

    # -- imports of the Keras 1 layers Keras 3 lacks ------------------------------------------
    def leave_ImportFrom(self, original, updated):
        mod = code(original.module) if original.module is not None else ''
        if original.relative or not (mod == 'keras' or mod.startswith('keras.')) \
                or isinstance(updated.names, cst.ImportStar):
            return updated
        names = [a for a in updated.names if code(a.name) not in INLINED]
        if len(names) == len(updated.names):
            return updated
        gone = [code(a.name) for a in updated.names if code(a.name) in INLINED]
        self.change(original, f'import of {", ".join(gone)} removed: Keras 3 has no such layer; '
                              'the plain Keras 3 class is inlined in this file')
        if not names:
            return cst.RemoveFromParent()
        if isinstance(names[-1].comma, cst.Comma) and updated.rpar is None:
            names[-1] = names[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        return updated.with_changes(names=names)

    # -- calls --------------------------------------------------------------------------------
    def leave_Call(self, original: cst.Call, updated: cst.Call):
        k1 = self.keras_name(original.func)
        if k1 in INLINED:
            self._use(INLINED[k1])
            self.change(original, f'{k1}: Keras 3 has no such layer; class {INLINED[k1]} (plain '
                                  'Keras 3, Keras 1 numbers and weight layout) inlined')
            return updated.with_changes(func=cst.Name(INLINED[k1]))
        if k1 == 'BatchNormalization':
            return self._batchnorm(original, updated)
        if k1 == 'Deconvolution2D':
            return self._deconv(original, updated)
        if k1 == 'ConvLSTM2D':
            return self._conv_lstm(original, updated)
        if isinstance(original.func, cst.Call) and len(updated.args) == 1 \
                and id(updated.func) in self._crops:          # Deconvolution2D(...)(x)
            crop, _ = self._crops.pop(id(updated.func))
            return cst.Call(crop, [cst.Arg(updated.with_changes(args=[
                updated.args[0].with_changes(comma=cst.MaybeSentinel.DEFAULT)]))])
        return updated

    def _batchnorm(self, original, updated):
        arg = find_kwarg(updated, 'mode')
        if arg is None:
            return updated
        mode = try_literal(arg.value)
        if mode not in (1, 2):
            self.warn(original, f'BatchNormalization(mode={code(arg.value)}): Keras 3 has only mode 0 '
                                f'(feature-wise, batch statistics); for a literal 1 or 2 the upgrade '
                                f'inlines {BATCHNORM}(mode=...): set it by hand')
            return updated
        self._use(BATCHNORM)
        self.change(original, f'BatchNormalization(mode={mode}) -> {BATCHNORM}(mode={mode}) '
                              '(inlined: Keras 3 has only mode 0)')
        return updated.with_changes(func=cst.Name(BATCHNORM))

    def _conv_lstm(self, original, updated):
        positional = [a for a in updated.args if a.keyword is None]
        ks = find_kwarg(updated, 'kernel_size') or (positional[1] if len(positional) > 1 else None)
        kernel = self.ints(ks.value, 2) if ks is not None else None
        if kernel is None:
            self.warn(original, 'ConvLSTM2D with a non-literal kernel size: if a side is even, '
                                f'use {CONV_LSTM} (Keras 1 padded its recurrent convolutions '
                                'like Theano, not like TensorFlow)')
            return updated
        if all(k % 2 for k in kernel):
            return updated
        self._use(CONV_LSTM)
        self.change(original, f'ConvLSTM2D with kernel {kernel} -> {CONV_LSTM} (inlined: Theano '
                              "puts the odd zero of an even kernel's 'same' padding first, "
                              'TensorFlow last)')
        return updated.with_changes(func=cst.Name(CONV_LSTM))

    def _deconv(self, original, updated):
        args = list(updated.args)
        shape_arg = find_kwarg(updated, 'output_shape')
        if shape_arg is not None:
            args.remove(shape_arg)
        positional = [a for a in args if a.keyword is None]
        ks = find_kwarg(updated, 'kernel_size') or (positional[1] if len(positional) > 1 else None)
        kernel = self.ints(ks.value, 2) if ks is not None else None
        st = find_kwarg(updated, 'strides')
        strides = self.ints(st.value, 2) if st is not None else (1, 1)
        pad_arg = find_kwarg(updated, 'padding')
        mode = try_literal(pad_arg.value) if pad_arg is not None else 'valid'
        df = find_kwarg(updated, 'data_format')
        first = try_literal(df.value) == 'channels_first' if df is not None else False
        out = self.constant(shape_arg.value) if shape_arg is not None else None
        out = tuple(out[2:4] if first else out[1:3]) if isinstance(out, tuple) and len(out) == 4 \
            else None
        if kernel is None or strides is None or mode not in ('valid', 'same') or out is None or \
                not all(isinstance(n, int) for n in out):
            self.warn(original, 'Deconvolution2D: output_shape dropped (Keras 3 infers the output '
                                'size); a kernel/strides/output_shape the upgrade cannot compute, or border_mode '
                                f'{mode!r}: check the output size and Theano\'s padding by hand')
            return updated.with_changes(args=fix_commas(args))
        pads = tuple(k // 2 if mode == 'same' else 0 for k in kernel)     # Theano 'half'
        extra = tuple((n + 2 * p - k) % s for n, p, k, s in zip(out, pads, kernel, strides))
        if pad_arg is not None:
            args[args.index(pad_arg)] = pad_arg.with_changes(value=cst.SimpleString("'valid'"))
        args.append(kwarg('output_padding', cst.parse_expression(repr(extra))))
        new = updated.with_changes(args=fix_commas(args))
        note = f'output_shape {out} -> output_padding={extra}'
        if any(pads):
            crop_args = [cst.Arg(cst.parse_expression(repr(tuple((p, p) for p in pads))))]
            if df is not None:
                crop_args.append(kwarg('data_format', df.value))
            self.need('keras.layers', 'Cropping2D')
            self._crops[id(new)] = (cst.Call(cst.Name('Cropping2D'), fix_commas(crop_args)), original)
            note += (f", padding='valid' + Cropping2D({tuple((p, p) for p in pads)}) after it "
                     "(Theano's 'same' is 'half', cropped on both sides)")
        self.change(original, 'Deconvolution2D: ' + note)
        return new

    def leave_SimpleStatementLine(self, original, updated):
        # model.add(Deconvolution2D(..., 'same'))  ->  model.add(Conv2DTranspose(...)); model.add(Cropping2D(...))
        if len(updated.body) != 1 or not isinstance(updated.body[0], cst.Expr):
            return updated
        outer = updated.body[0].value
        if not (isinstance(outer, cst.Call) and isinstance(outer.func, cst.Attribute)
                and outer.func.attr.value == 'add' and len(outer.args) == 1
                and id(outer.args[0].value) in self._crops):
            return updated
        crop, _ = self._crops.pop(id(outer.args[0].value))
        second = cst.SimpleStatementLine(
            [cst.Expr(outer.with_changes(args=[outer.args[0].with_changes(value=crop)]))],
            trailing_whitespace=updated.trailing_whitespace)
        return cst.FlattenSentinel([updated.with_changes(trailing_whitespace=cst.TrailingWhitespace()),
                                    second])

    # -- the classes --------------------------------------------------------------------------
    def leave_Module(self, original, updated):
        for crop, node in self._crops.values():
            self.warn(node, f'Deconvolution2D used neither as layer(x) nor in model.add(): put '
                            f'{code(crop)} after it by hand (Theano crops its \'same\' padding)')
        if not self._used:
            return updated
        defined = {s.name.value for s in updated.body if isinstance(s, cst.ClassDef)}
        sources = class_sources()
        new = [sources[c] for c in sources if c in self._used and c not in defined]
        body = insert_after_imports(updated.body, new)
        for c in new:
            self.change(original, f'class {c.name.value} (plain Keras 3) inserted after the imports')
        return updated.with_changes(body=body)
