"""Warnings only: code a human must port (tf_upgrade_v2's "needs manual check").

Custom layers (Keras 1 build/call/get_output_shape_for API), Lambda layers and other code calling
Keras 1 backend functions Keras 3 dropped with no ``keras.ops`` twin (the twins in
``table.BACKEND_OPS`` are rewritten by backend_ops.py), ``K.function`` with the learning
phase, Theano-specific code, the global image ordering calls, and loss or metric functions that read
model tensors other than ``(y_true, y_pred)`` (keras 1.2.2 examples/variational_autoencoder.py
``vae_loss`` reads ``z_mean``: Keras 1 compiled the loss into the model's graph, where any tensor
could be used; a Keras 3 loss sees only its two arguments).
"""
from __future__ import annotations

import libcst as cst

from .. import table
from .base import Fixer

# keras.backend in Keras 3 keeps only these (keras 3.15 keras/api/backend)
KERAS3_BACKEND = {'backend', 'clear_session', 'epsilon', 'floatx', 'get_uid', 'image_data_format',
                  'is_float_dtype', 'is_int_dtype', 'is_keras_tensor', 'result_type',
                  'set_epsilon', 'set_floatx', 'set_image_data_format', 'standardize_dtype'}
SPECIAL = {
    'function': 'K.function is gone in Keras 3: build a keras.Model(inputs, outputs) and call it; '
                'pass training=True/False instead of K.learning_phase()',
    'learning_phase': 'K.learning_phase() is gone in Keras 3: pass training=True/False to the call',
    'set_learning_phase': 'K.set_learning_phase is gone in Keras 3: pass training=True/False to '
                          'the call',
}
# (K.image_dim_ordering / K.set_image_dim_ordering: backend_ops.py, table.IMAGE_ORDERING_CALLS)
# Keras 1 backend functions with no one-to-one keras.ops twin -> where to look in Keras 3. Every
# keras.* name here exists in keras 3 (tests/upgrade/test_human_review.py resolves them).
SUGGESTIONS = {
    'batch_dot': 'keras.ops.einsum or keras.ops.matmul (Keras 1 batch_dot axes rules differ)',
    'batch_flatten': 'keras.ops.reshape(x, (keras.ops.shape(x)[0], -1))',
    'ndim': 'keras.ops.ndim', 'shape': 'keras.ops.shape', 'int_shape': 'x.shape',
    'variable': 'keras.Variable', 'placeholder': 'keras.Input',
    'zeros': 'keras.ops.zeros', 'ones': 'keras.ops.ones', 'eye': 'keras.ops.eye',
    'arange': 'keras.ops.arange', 'one_hot': 'keras.ops.one_hot', 'reverse': 'keras.ops.flip',
    'switch': 'keras.ops.where', 'stop_gradient': 'keras.ops.stop_gradient',
    'in_top_k': 'keras.ops.in_top_k', 'map_fn': 'keras.ops.map',
    'repeat': 'keras.ops.repeat(keras.ops.expand_dims(x, 1), n, axis=1)',
    'get_value': 'keras.ops.convert_to_numpy', 'eval': 'keras.ops.convert_to_numpy',
    'batch_get_value': 'keras.ops.convert_to_numpy on each',
    'set_value': 'variable.assign(value)', 'batch_set_value': 'variable.assign(value) on each',
    'update': 'variable.assign', 'update_add': 'variable.assign_add',
    'update_sub': 'variable.assign_sub',
    'gradients': 'tensorflow.GradientTape (or a keras.Model with a custom train_step)',
    'dropout': 'keras.random.dropout',
    # keras 1.2.2 theano_backend.py hard_sigmoid is T.nnet.hard_sigmoid: clip(0.2x + 0.5, 0, 1)
    'hard_sigmoid': 'keras.ops.clip(0.2 * x + 0.5, 0.0, 1.0) (keras.ops.hard_sigmoid differs)',
    'categorical_crossentropy': 'keras.losses.categorical_crossentropy(target, output) '
                                '(Keras 1 took output first)',
    'sparse_categorical_crossentropy': 'keras.losses.sparse_categorical_crossentropy(target, '
                                       'output) (Keras 1 took output first)',
    'binary_crossentropy': 'keras.losses.binary_crossentropy(target, output) (Keras 1 took '
                           'output first)',
    'ctc_batch_cost': 'keras.ops.ctc_loss (takes sequence lengths, not (batch, 1) tensors)',
    'conv2d': 'keras.ops.conv (channels-last kernels, not flipped)',
    'pool2d': 'keras.ops.max_pool or keras.ops.average_pool',
    'rnn': 'a keras.layers.RNN cell',
}
# Keras 1.2.2 base classes that Keras 3 does not have (keras 1.2.2 layers/recurrent.py Recurrent drove
# step() through K.rnn with get_constants/preprocess_input/get_initial_states; layers/wrappers.py
# Wrapper; layers/convolutional_recurrent.py ConvRecurrent2D).
KERAS1_ONLY_BASES = {
    'Recurrent': 'Keras 3 has no Recurrent base class: port step(x, states) to the call(inputs, '
                 'states) of a cell wrapped in keras.layers.RNN (constants and masking included)',
    'ConvRecurrent2D': 'Keras 3 has no ConvRecurrent2D base class: port it to a keras.layers.RNN cell',
    'Wrapper': 'Keras 3 has no public Wrapper base class: subclass keras.layers.Layer and hold the '
               'wrapped layer as an attribute',
}
LAYER_METHODS = {'get_output_shape_for': 'compute_output_shape', 'get_output': 'call'}
LOSS_KEYWORDS = ('loss', 'metrics')   # Model.compile arguments that take user functions


def _is_tensor_value(value) -> bool:
    """A module-level value that is a model tensor: a layer applied (``Dense(2)(h)``), an ``Input``
    or a ``merge`` call."""
    if not isinstance(value, cst.Call):
        return False
    return isinstance(value.func, cst.Call) or (isinstance(value.func, cst.Name)
                                                and value.func.value in ('Input', 'merge'))


class _Names(cst.CSTVisitor):
    """Every name a function's body reads, and the names it binds itself (parameters, assignments)."""

    def __init__(self):
        self.read, self.bound = set(), set()

    def visit_Param(self, node):
        self.bound.add(node.name.value)

    def visit_AssignTarget(self, node):
        if isinstance(node.target, cst.Name):
            self.bound.add(node.target.value)

    def visit_Name(self, node):
        self.read.add(node.value)


class HumanReview(Fixer):
    name = 'human_review'

    def __init__(self, ctx):
        super().__init__(ctx)
        self._lambda_depth = 0

    def visit_Module(self, node):
        """Module-level functions and the module-level names bound to model tensors."""
        self._functions, self._tensors = {}, set()
        for statement in node.body:
            if isinstance(statement, cst.FunctionDef):
                self._functions[statement.name.value] = statement
            for small in getattr(statement, 'body', ()) if isinstance(statement, cst.SimpleStatementLine) else ():
                if isinstance(small, cst.Assign) and _is_tensor_value(small.value):
                    self._tensors.update(t.target.value for t in small.targets if isinstance(t.target, cst.Name))

    def _check_loss_functions(self, node):
        """``compile(loss=f)`` / ``metrics=[f]`` with a function of this file reading model tensors."""
        for arg in node.args:
            if arg.keyword is None or arg.keyword.value not in LOSS_KEYWORDS:
                continue
            values = [e.value for e in arg.value.elements] if isinstance(arg.value, (cst.List, cst.Tuple)) \
                else [e.value for e in arg.value.elements if isinstance(e, cst.DictElement)] \
                if isinstance(arg.value, cst.Dict) else [arg.value]
            for value in values:
                function = self._functions.get(value.value) if isinstance(value, cst.Name) else None
                if function is None:
                    continue
                names = _Names()
                function.visit(names)
                tensors = sorted((names.read - names.bound) & self._tensors)
                if tensors:
                    self.warn(node, f'{arg.keyword.value} function {value.value} reads model tensors '
                                    f'{", ".join(tensors)} besides (y_true, y_pred): a Keras 3 loss sees only '
                                    'its two arguments; compute that term in the model and add it with '
                                    'model.add_loss (or a layer\'s self.add_loss)')

    def visit_Import(self, node):
        for a in node.names:
            if cst.Module([]).code_for_node(a.name).split('.')[0] == 'theano':
                self.warn(node, 'Theano-specific code: port it to keras.ops (or TensorFlow)')

    def visit_ImportFrom(self, node):
        if node.module is not None and not node.relative and \
                cst.Module([]).code_for_node(node.module).split('.')[0] == 'theano':
            self.warn(node, 'Theano-specific code: port it to keras.ops (or TensorFlow)')

    def visit_ClassDef(self, node):
        for base in node.bases:
            name = self.keras_name(base.value)
            if name in KERAS1_ONLY_BASES:
                self.warn(node, f'custom layer {node.name.value}: {KERAS1_ONLY_BASES[name]}')
            if name == 'Layer':
                methods = {s.name.value for s in node.body.body if isinstance(s, cst.FunctionDef)}
                old = sorted(methods & LAYER_METHODS.keys())
                extra = ('; rename ' + ', '.join(f'{m} -> {LAYER_METHODS[m]}' for m in old)) if old else ''
                self.warn(node, f'custom layer {node.name.value}: port to Keras 3 (create weights '
                                'with self.add_weight in build, call(inputs, mask=None) with '
                                f'keras.ops, no self.trainable_weights lists){extra}')

    def visit_Call(self, node):
        if isinstance(node.func, cst.Attribute) and node.func.attr.value == 'compile':
            self._check_loss_functions(node)
        if isinstance(node.func, cst.Attribute) and node.func.attr.value == 'load_weights':
            self.warn(node, 'load_weights: a Keras 1 weights file does not load as is into Keras 3 '
                            '(Theano kernels are flipped, GRU/LSTM weights are laid out differently): '
                            'use compat.load_keras1_weights(model, path) once and save the result')
        if self.keras_name(node.func) == 'Lambda':
            self._lambda_depth += 1
            self._lambda_node = node

    def leave_Call(self, original, updated):
        if self.keras_name(original.func) == 'Lambda':
            self._lambda_depth -= 1
        return updated

    def visit_Attribute(self, node):
        q = self.keras_qualname(node)
        if not q or not q.startswith('keras.backend.') or q.count('.') != 2:
            return
        fn = q.rsplit('.', 1)[1]
        if fn in SPECIAL:
            self.warn(node, SPECIAL[fn])
        elif fn not in KERAS3_BACKEND and fn not in table.BACKEND_OPS and \
                fn not in table.IMAGE_ORDERING_CALLS:   # those: backend_ops.py
            where = ' inside a Lambda' if self._lambda_depth else ''
            hint = (f'use {SUGGESTIONS[fn]} and check its semantics' if fn in SUGGESTIONS
                    else 'port it to keras.ops by hand')
            self.warn(node, f'K.{fn}{where}: Keras 3 has no keras.backend.{fn}; {hint}')
