"""Optimizers: ``lr`` -> ``learning_rate``, ``decay`` -> an InverseTimeDecay schedule, and the
Keras 1.2.2 defaults Keras 3 changed written out (``table.OPTIMIZERS``); string optimizers in
``compile`` become objects when their Keras 3 defaults differ.

keras 1.2.2 optimizers.py: every optimizer but Nadam scales its rate by
1 / (1 + decay * iterations), iterations counted before the step: exactly
``keras.optimizers.schedules.InverseTimeDecay(lr, decay_steps=1, decay_rate=decay)``.

Where Keras 3's update rule differs (RMSprop, Adagrad, Nadam) the Keras 1 rule is inlined
(``table.KERAS1_OPTIMIZERS``); in files that use Embedding, Adam, Adamax and Adadelta become Keras 3's
classes on dense gradients (``table.DENSE_GRADIENT_OPTIMIZERS``), as Keras 1's gradients were.
"""
from __future__ import annotations

import libcst as cst

from .. import table
from .base import Fixer, code, fix_commas, kwarg, try_literal

# keras 1.2.2 optimizers.py __init__ signatures (positional order and lr default)
POSITIONAL = {
    'SGD': ('lr', 'momentum', 'decay', 'nesterov'),
    'RMSprop': ('lr', 'rho', 'epsilon', 'decay'),
    'Adagrad': ('lr', 'epsilon', 'decay'),
    'Adadelta': ('lr', 'rho', 'epsilon', 'decay'),
    'Adam': ('lr', 'beta_1', 'beta_2', 'epsilon', 'decay'),
    'Adamax': ('lr', 'beta_1', 'beta_2', 'epsilon', 'decay'),
    'Nadam': ('lr', 'beta_1', 'beta_2', 'epsilon', 'schedule_decay'),
}
LR_DEFAULT = {'SGD': '0.01', 'RMSprop': '0.001', 'Adagrad': '0.01', 'Adadelta': '1.0',
              'Adam': '0.001', 'Adamax': '0.002', 'Nadam': '0.002'}


class Optimizers(Fixer):
    name = 'optimizers'

    def leave_Call(self, original: cst.Call, updated: cst.Call):
        k1 = self.keras_name(original.func)
        if k1 in table.OPTIMIZERS:
            return self._optimizer(original, updated, k1)
        if isinstance(original.func, cst.Attribute) and original.func.attr.value == 'compile':
            return self._compile(original, updated)
        return updated

    def _optimizer(self, node, call, k1):
        if any(a.star for a in call.args):
            self.warn(node, f'{k1}(*args/**kwargs): convert lr/decay by hand')
            return call
        named, order = {}, []
        for i, a in enumerate(call.args):
            key = a.keyword.value if a.keyword else POSITIONAL[k1][i]
            named[key] = a.value
            order.append(key)
        notes = []
        lr = named.pop('lr', None)
        lr_src = code(lr) if lr is not None else LR_DEFAULT[k1]
        decay = named.pop('decay', None)
        if decay is not None and try_literal(decay) not in (0, 0.0):
            self.need('keras', None)
            rate = cst.parse_expression(
                f'keras.optimizers.schedules.InverseTimeDecay({lr_src}, decay_steps=1, '
                f'decay_rate={code(decay)})')
            notes.append('lr, decay -> learning_rate=InverseTimeDecay(...)')
        elif lr is not None:
            rate = lr
            notes.append('lr -> learning_rate')
        else:
            rate = None
        if decay is not None and rate is None:
            notes.append('decay=0 dropped')
        if 'clipnorm' in named:
            # keras 1.2.2 optimizers.py get_gradients: every gradient scaled by clipnorm / the norm
            # of all gradients together (Keras 3's clipnorm clips each gradient by its own norm)
            named['global_clipnorm'] = named.pop('clipnorm')
            order[order.index('clipnorm')] = 'global_clipnorm'
            notes.append('clipnorm -> global_clipnorm (Keras 1 clipped by the norm of all gradients)')
        args = []
        if rate is not None:
            args.append(kwarg('learning_rate', rate))
        for key in order:
            if key in named:
                args.append(kwarg(key, named[key]))
        if k1 in table.KERAS1_OPTIMIZERS:
            return self._keras1_optimizer(node, call, k1, args, notes)
        for kw, src in table.OPTIMIZERS[k1].items():
            if kw not in named and not (kw == 'learning_rate' and rate is not None):
                args.append(kwarg(kw, cst.parse_expression(src)))
                notes.append(f'{kw}={src} written out (Keras 1 default)')
        if k1 in table.OPTIMIZER_APPROXIMATIONS:
            self.warn(node, f'{k1}: {table.OPTIMIZER_APPROXIMATIONS[k1]}')
        dense = self._dense_gradient_class(node, k1)
        if dense:
            call = call.with_changes(func=cst.Name(dense))
        elif notes:
            self.change(node, f'{k1}: ' + '; '.join(notes))
        return call.with_changes(args=fix_commas(args))

    def _dense_gradient_class(self, node, k1):
        """Keras1Adam etc. (inlined) where the file uses Embedding, else None."""
        cls = table.DENSE_GRADIENT_OPTIMIZERS.get(k1)
        if cls is None or 'Embedding' not in self.ctx.original_uses:
            return None
        self.ctx.helpers.add(cls)
        self.change(node, f'{k1} -> {cls} (inlined: Keras 3\'s {k1} on dense gradients, as Keras 1\'s; '
                          "Keras 3 updates with each piece of an Embedding's sparse gradient alone)")
        return cls

    def _keras1_optimizer(self, node, call, k1, args, notes):
        """RMSprop(...) -> Keras1RMSprop(...): the Keras 1 update rule, inlined (its defaults are
        Keras 1's, so only the arguments given are written)."""
        cls = table.KERAS1_OPTIMIZERS[k1]
        self.ctx.helpers.add(cls)
        self.change(node, f"{k1} -> {cls} (inlined: Keras 1's update rule, which Keras 3's {k1} "
                          'changed)' + ''.join('; ' + n for n in notes))
        return call.with_changes(func=cst.Name(cls), args=fix_commas(args))

    def _compile(self, node, call):
        args = list(call.args)
        for i, a in enumerate(args):
            if (a.keyword and a.keyword.value == 'optimizer') or (i == 0 and a.keyword is None):
                name = try_literal(a.value)
                cls = table.OPTIMIZER_STRINGS.get(name) if isinstance(name, str) else None
                if cls in table.KERAS1_OPTIMIZERS:
                    self.ctx.helpers.add(table.KERAS1_OPTIMIZERS[cls])
                    args[i] = a.with_changes(value=cst.parse_expression(f'{table.KERAS1_OPTIMIZERS[cls]}()'))
                    self.change(node, f"optimizer='{name}' -> {table.KERAS1_OPTIMIZERS[cls]}() (inlined: "
                                      "Keras 1's update rule and defaults)")
                    return call.with_changes(args=args)
                dense = cls and self._dense_gradient_class(node, cls)
                if cls is None or not (table.OPTIMIZERS[cls] or dense):
                    return call
                extra = ', '.join(f'{k}={v}' for k, v in table.OPTIMIZERS[cls].items())
                args[i] = a.with_changes(value=cst.parse_expression(f'{dense or cls}({extra})'))
                if not dense:
                    self.need('keras.optimizers', cls)
                if cls in table.OPTIMIZER_APPROXIMATIONS:
                    self.warn(node, f'{cls}: {table.OPTIMIZER_APPROXIMATIONS[cls]}')
                self.change(node, f"optimizer='{name}' -> {dense or cls}({extra}) (Keras 1 defaults)")
                return call.with_changes(args=args)
        return call
