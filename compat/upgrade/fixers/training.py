"""Training calls: ``fit(nb_epoch=)`` -> ``epochs=``; ``fit_generator``/``evaluate_generator``/
``predict_generator`` -> ``fit``/``evaluate``/``predict`` with steps; ``to_categorical(nb_classes=)``;
``model.reset_states()`` (Keras 3 models have none) -> a loop resetting the stateful layers.

Keras 1 counted generator work in samples (keras 1.2.2 engine/training.py fit_generator
``samples_per_epoch``, ``nb_val_samples``, ``val_samples``), Keras 3 in batches. When the generator
is an inline ``.flow(..., batch_size=N)`` call the rewrite divides; otherwise it keeps the number
and warns (it must be divided by the generator's batch size).
"""
from __future__ import annotations

import libcst as cst

from .base import Fixer, bound_names, code, find_kwarg, fix_commas, kwarg

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
# Model methods Keras 3 lacks, rewritten when the receiver is a model this file builds
KERAS1_PREDICT = {'predict_classes': 'keras1_predict_classes', 'predict_proba': 'model.predict'}
# Calls whose result is a Keras 1 model (a variable bound to one may call reset_states()).
MODEL_FACTORIES = {'Sequential', 'Model', 'load_model', 'model_from_json', 'model_from_yaml'}
# keras 1.2.2 engine/topology.py Container.reset_states: reset each layer that is stateful.
# Keras 3 keeps reset_states on the recurrent layers only (keras/src/layers/rnn/rnn.py).
RESET_STATES = """\
for {layer} in {model}.layers:
    if getattr({layer}, 'stateful', False):
        {layer}.reset_states()
"""


def _flow_batch_size(gen):
    """The batch_size of an inline `datagen.flow(..., batch_size=N)`, else None."""
    if isinstance(gen, cst.Call) and isinstance(gen.func, cst.Attribute) and \
            gen.func.attr.value.startswith('flow'):
        bs = find_kwarg(gen, 'batch_size')
        return bs.value if bs else cst.Integer('32')    # keras 1.2.2 image.py flow default 32
    return None


class Training(Fixer):
    name = 'training'

    def __init__(self, ctx):
        super().__init__(ctx)
        self._models = set()     # variables bound to a Keras 1 model in this file
        self._layer = 'layer'    # the reset_states loop variable, free in this file

    def visit_Module(self, node):
        bound = bound_names(node)
        while self._layer in bound:
            self._layer += '_'

    def visit_Assign(self, node):
        if isinstance(node.value, cst.Call) and self.keras_name(node.value.func) in MODEL_FACTORIES:
            self._models.update(code(t.target) for t in node.targets
                                if isinstance(t.target, cst.Name))

    def leave_SimpleStatementLine(self, original, updated):
        """`model.reset_states()` as a statement -> the loop of keras 1.2.2 Container.reset_states."""
        if len(original.body) != 1 or not isinstance(original.body[0], cst.Expr):
            return updated
        call = original.body[0].value
        if not (isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute)
                and call.func.attr.value == 'reset_states' and not call.args):
            return updated
        model = call.func.value
        if not (isinstance(model, cst.Name) and model.value in self._models):
            self.warn(call, f'{code(call)}: if {code(model)} is a model, Keras 3 models have no '
                            'reset_states: call reset_states() on its stateful layers')
            return updated
        self.change(call, f'{code(call)} -> reset_states() on each stateful layer (Keras 3 models '
                          'have no reset_states; layers of nested models are not reached)')
        loop = cst.parse_statement(RESET_STATES.format(layer=self._layer, model=model.value))
        return loop.with_changes(leading_lines=updated.leading_lines)

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
        receiver = original.func.value
        if method in KERAS1_PREDICT and isinstance(receiver, cst.Name) and receiver.value in self._models:
            return self._predict(original, updated, method)
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

    def _predict(self, node, call, method):
        """keras 1.2.2 models.py Sequential.predict_proba (predict) / predict_classes (inlined helper)."""
        model = call.func.value
        if method == 'predict_proba':
            self.change(node, f'{model.value}.predict_proba -> {model.value}.predict (Keras 1 returned the same)')
            return call.with_changes(func=call.func.with_changes(attr=cst.Name('predict')))
        self.ctx.helpers.add(KERAS1_PREDICT[method])
        self.change(node, f'{model.value}.predict_classes(...) -> keras1_predict_classes({model.value}, ...) '
                          '(argmax, or > 0.5 for one output column, as Keras 1)')
        return cst.Call(func=cst.Name(KERAS1_PREDICT[method]),
                        args=[cst.Arg(model.with_changes())] + list(call.args))

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
