"""Training calls: ``fit(nb_epoch=)`` -> ``epochs=``; ``fit_generator``/``evaluate_generator``/
``predict_generator`` -> ``fit``/``evaluate``/``predict`` with steps; ``to_categorical(nb_classes=)``.

Keras 1 counted generator work in samples (keras 1.2.2 engine/training.py fit_generator
``samples_per_epoch``, ``nb_val_samples``, ``val_samples``), Keras 3 in batches. When the generator
is an inline ``.flow(..., batch_size=N)`` call the rewrite divides; otherwise it keeps the number
and warns (it must be divided by the generator's batch size).
"""
from __future__ import annotations

import libcst as cst

from .base import Fixer, code, find_kwarg, fix_commas, kwarg

GENERATOR_METHODS = {
    # keras 1.2.2 engine/training.py signatures
    'fit_generator': ('fit', ('generator', 'samples_per_epoch', 'nb_epoch', 'verbose', 'callbacks',
                              'validation_data', 'nb_val_samples', 'class_weight', 'max_q_size',
                              'nb_worker', 'pickle_safe', 'initial_epoch')),
    'evaluate_generator': ('evaluate', ('generator', 'val_samples', 'max_q_size', 'nb_worker',
                                        'pickle_safe')),
    'predict_generator': ('predict', ('generator', 'val_samples', 'max_q_size', 'nb_worker',
                                      'pickle_safe')),
}
RENAMES = {'nb_epoch': 'epochs', 'samples_per_epoch': 'steps_per_epoch',
           'nb_val_samples': 'validation_steps', 'val_samples': 'steps'}
SAMPLE_COUNTS = {'samples_per_epoch', 'nb_val_samples', 'val_samples'}
DROPPED = {'max_q_size', 'nb_worker', 'pickle_safe'}
REMOVED_METHODS = {
    'predict_classes': 'Keras 3 has no predict_classes: use np.argmax(model.predict(x), axis=-1) '
                       '(or (model.predict(x) > 0.5).astype(int) for a sigmoid output)',
    'predict_proba': 'Keras 3 has no predict_proba: use model.predict(x)',
}


def _flow_batch_size(gen):
    """The batch_size of an inline `datagen.flow(..., batch_size=N)`, else None."""
    if isinstance(gen, cst.Call) and isinstance(gen.func, cst.Attribute) and \
            gen.func.attr.value.startswith('flow'):
        bs = find_kwarg(gen, 'batch_size')
        return bs.value if bs else cst.Integer('32')    # keras 1.2.2 image.py flow default 32
    return None


class Training(Fixer):
    name = 'training'

    def leave_Call(self, original: cst.Call, updated: cst.Call):
        if self.keras_name(original.func) == 'to_categorical':
            nb = find_kwarg(updated, 'nb_classes')
            if nb is not None:
                self.change(original, 'to_categorical: nb_classes -> num_classes')
                return updated.with_changes(args=[a.with_changes(keyword=cst.Name('num_classes'))
                                                  if a is nb else a for a in updated.args])
            return updated
        if not isinstance(original.func, cst.Attribute):
            return updated
        method = original.func.attr.value
        if method in REMOVED_METHODS:
            self.warn(original, REMOVED_METHODS[method])
        elif method in GENERATOR_METHODS:
            return self._generator(original, updated, method)
        elif method == 'fit':
            nb = find_kwarg(updated, 'nb_epoch')
            if nb is not None:
                self.change(original, 'fit: nb_epoch -> epochs')
                return updated.with_changes(args=[a.with_changes(keyword=cst.Name('epochs'))
                                                  if a is nb else a for a in updated.args])
        return updated

    def _generator(self, node, call, method):
        new_method, positional = GENERATOR_METHODS[method]
        if any(a.star for a in call.args):
            self.warn(node, f'{method}(*args/**kwargs): convert it to {new_method} by hand')
            return call
        items = []
        for i, a in enumerate(call.args):
            items.append((a.keyword.value if a.keyword else positional[i], a))
        gen = dict(items).get('generator')
        batch = _flow_batch_size(gen.value) if gen is not None else None
        args, notes = [], []
        for key, a in items:
            if key == 'generator':
                args.append(a.with_changes(keyword=None, equal=cst.MaybeSentinel.DEFAULT))
                continue
            if key in DROPPED:
                self.warn(node, f'{method}: {key}= dropped: Keras 3 takes workers/'
                                'use_multiprocessing/max_queue_size on a keras.utils.PyDataset')
                continue
            value = a.value
            if key in SAMPLE_COUNTS:
                if batch is not None and key != 'nb_val_samples':
                    value = cst.parse_expression(f'({code(value)}) // {code(batch)}')
                    notes.append(f'{key} -> {RENAMES[key]} (divided by the batch size)')
                else:
                    self.warn(node, f'{method}: {key}={code(a.value)} counts samples, Keras 3 '
                                    f'{RENAMES[key]} counts batches: divide it by the batch size')
            args.append(kwarg(RENAMES.get(key, key), value))
        self.change(node, f'{method} -> {new_method}' + (': ' + '; '.join(notes) if notes else ''))
        return call.with_changes(func=call.func.with_changes(attr=cst.Name(new_method)),
                                 args=fix_commas(args))
