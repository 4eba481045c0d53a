"""'th' image layers run channels-last; the model still takes and returns Keras 1's arrays.

TensorFlow's CPU convolutions and pooling are NHWC only (NCHW needs oneDNN or a GPU), so the
layers layer_args gave ``data_format='channels_first'`` (Keras 1 'th') lose it and run in Keras
3's default channels-last layout. Keras 1's channels-first order is kept wherever a layer depends
on how a tensor is stored: inputs, Flatten, Reshape, Permute, Dense, PReLU, merges other than
elementwise ones, a model's outputs, anything the rewrite does not know. A named ``Permute``
goes in at each change of order, so Keras 1 weight files fit (convolution kernels are stored the
same in both layouts; a Dense after Flatten sees Keras 1's (channels, rows, cols) order;
compat.load_keras1_weights reorders a LocallyConnected2D's). ``compat/convert/native.py`` (``to_cl``/``to_k1``) makes the same choice for converted
models.

A value is either in Keras 1 order (None) or held channels-last, written as the Permute dims
that bring it back (``(3, 1, 2)`` for images). The tracking follows straight-line code: names
bound by ``x = ...``, ``model.add(...)`` on a Sequential, layer calls nested in expressions.

Before::

    model = Sequential()
    model.add(Input(shape=(3, 32, 32)))
    model.add(Conv2D(32, (3, 3), data_format='channels_first'))
    model.add(Flatten())

After::

    model = Sequential()
    model.add(Input(shape=(3, 32, 32)))
    # Keras 1's channels-first arrays in; the image layers run channels-last
    model.add(Permute((2, 3, 1), name='model_to_channels_last'))
    model.add(Conv2D(32, (3, 3)))
    # back to Keras 1's channels-first order for Flatten
    model.add(Permute((3, 1, 2), name='model_to_channels_first'))
    model.add(Flatten())
"""
from __future__ import annotations

import libcst as cst

from .base import Fixer, code, find_kwarg, fix_commas, kwarg

# (to channels-last, back to Keras 1) Permute dims for each kind of 'th' image tensor.
IMAGES = {'2d': ((2, 3, 1), (3, 1, 2)),                # (channels, rows, cols)
          '3d': ((2, 3, 4, 1), (4, 1, 2, 3)),          # (channels, dim1, dim2, dim3)
          'sequence2d': ((1, 3, 4, 2), (1, 4, 2, 3))}  # (time, channels, rows, cols): ConvLSTM2D
# Layers that run channels-last (TensorFlow's NHWC-only CPU kernels, and the layers between
# them): the kind of image they take; their output is the same kind.
CHANNELS_LAST = {
    **{n: '2d' for n in ('Convolution2D', 'Conv2D', 'AtrousConvolution2D', 'SeparableConvolution2D',
                         'SeparableConv2D', 'Deconvolution2D', 'Conv2DTranspose', 'MaxPooling2D',
                         'AveragePooling2D', 'Keras1SamePooling', 'ZeroPadding2D', 'Cropping2D',
                         'UpSampling2D', 'LocallyConnected2D')},
    **{n: '3d' for n in ('Convolution3D', 'Conv3D', 'MaxPooling3D', 'AveragePooling3D',
                         'ZeroPadding3D', 'Cropping3D', 'UpSampling3D')},
    'ConvLSTM2D': 'sequence2d', 'Keras1ConvLSTM2D': 'sequence2d',   # output: see _output_kind
}
# Layers that take either order and keep it (data_format follows the input where they have one).
FOLLOWERS = {'Activation', 'Dropout', 'GaussianNoise', 'GaussianDropout', 'LeakyReLU', 'ELU',
             'ReLU', 'Identity', 'SpatialDropout2D', 'SpatialDropout3D', 'BatchNormalization',
             'Keras1BatchNormalization'}
# ... and those that reduce an image to (samples, channels).
GLOBAL_POOLING = {'GlobalMaxPooling2D', 'GlobalAveragePooling2D', 'GlobalMaxPooling3D',
                  'GlobalAveragePooling3D'}
# Merges that are elementwise: channels-last inputs give a channels-last output.
ELEMENTWISE_MERGES = {'add', 'multiply', 'average', 'maximum', 'minimum', 'subtract', 'Add',
                      'Multiply', 'Average', 'Maximum', 'Minimum', 'Subtract'}
LAYER_CONSTRUCTORS = CHANNELS_LAST.keys() | FOLLOWERS | GLOBAL_POOLING | {
    'Flatten', 'Dense', 'Reshape', 'Permute', 'PReLU', 'Lambda',
    'TimeDistributed', 'Bidirectional', 'RepeatVector', 'Concatenate', 'Dot'} | ELEMENTWISE_MERGES
TO_LAST = "Keras 1's channels-first arrays in; the image layers run channels-last"
TO_FIRST = "back to Keras 1's channels-first order for {consumer}"
UNKNOWN_CONSUMER = 'the code using it'   # (no consumer named in the comment)


def _class(func) -> str:
    return code(func).split('.')[-1]


def _label(layer) -> str:
    """How a comment names a layer: its class, and a wrapped layer's ('TimeDistributed(Flatten)')."""
    cls = _class(layer.func)
    inner = layer.args[0].value if cls in ('TimeDistributed', 'Bidirectional') and layer.args else None
    return f'{cls}({_class(inner.func)})' if isinstance(inner, cst.Call) else cls


def _channels_first(call) -> bool:
    df = find_kwarg(call, 'data_format')
    return df is not None and isinstance(df.value, cst.SimpleString) and \
        df.value.evaluated_value == 'channels_first'


def _compose(first, then):
    """Permute dims of Permute(first) followed by Permute(then)."""
    return tuple(first[t - 1] for t in then)


class _Sequential:
    def __init__(self, depth):
        self.layout = None
        self.depth = depth        # block depth of `model = Sequential()`
        self.last_add = None      # the statement of that block holding the last model.add


class ChannelsLast(Fixer):
    name = 'channels_last'

    def __init__(self, ctx):
        super().__init__(ctx)
        self.replace = {}    # id(Name) -> new variable name
        self.wrap = {}       # id(expression) -> (Permute call, comment)
        self.strip = set()   # ids of layer constructor calls losing data_format
        self.axis = {}       # id(BatchNormalization call) -> new axis (None: Keras 3's default -1)
        self.before = {}     # id(statement) -> [statements inserted before]
        self.after = {}      # id(statement) -> [statements inserted after]
        self.remove = set()  # ids of statements removed
        self.converted = {}  # (id(binding statement), name, dims) -> new variable name
        self.layer_names = set()
        self.taken = set()   # names the file binds
        self.loop_depth = 0

    # -- analysis -----------------------------------------------------------------------------
    def visit_Module(self, node):
        if not self.ctx.channels_last:
            return False
        self.taken = _all_names(node)
        models = {}
        self._block(node.body, {}, {}, models, 0)
        self._close(models)
        if self.replace or self.wrap or self.before or self.after:
            self.need('keras.layers', 'Permute')
        return True

    def _block(self, stmts, env, layers, models, depth):
        for stmt in stmts:
            adds = {m: seq.last_add for m, seq in models.items()}
            self._statement(stmt, env, layers, models, depth)
            for m, seq in models.items():   # an add in a loop or branch: its Permute goes after it
                if seq.depth == depth and m in adds and seq.last_add is not adds[m]:
                    seq.last_add = stmt

    def _statement(self, stmt, env, layers, models, depth):
        if isinstance(stmt, cst.SimpleStatementLine):
            for small in stmt.body:
                self._small(small, stmt, env, layers, models, depth)
        elif isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
            inner_models = {}
            self._block(stmt.body.body, dict(env), dict(layers), inner_models, depth + 1)
            self._close(inner_models)
        elif isinstance(stmt, (cst.For, cst.While)):
            self.loop_depth += 1
            self._enter_loop(stmt, models)
            self._block(_body(stmt.body), env, layers, models, depth + 1)
            self.loop_depth -= 1
            if stmt.orelse is not None:
                self._block(_body(stmt.orelse.body), env, layers, models, depth + 1)
        elif isinstance(stmt, cst.If):
            self._eval(stmt.test, env, layers)
            self._block(_body(stmt.body), env, layers, models, depth + 1)
            orelse = stmt.orelse
            while orelse is not None:
                if isinstance(orelse, cst.If):
                    self._eval(orelse.test, env, layers)
                self._block(_body(orelse.body), env, layers, models, depth + 1)
                orelse = orelse.orelse if isinstance(orelse, cst.If) else None
        elif isinstance(stmt, (cst.With, cst.Try)):
            self._block(_body(stmt.body), env, layers, models, depth + 1)
            for h in getattr(stmt, 'handlers', ()):
                self._block(_body(h.body), env, layers, models, depth + 1)

    def _small(self, small, stmt, env, layers, models, depth):
        if isinstance(small, cst.Assign) and len(small.targets) == 1 and \
                isinstance(small.targets[0].target, cst.Name):
            name = small.targets[0].target.value
            value = small.value
            models.pop(name, None)
            layers.pop(name, None)
            if isinstance(value, cst.Call) and _class(value.func) == 'Sequential':
                models[name] = _Sequential(depth)
                for a in value.args:     # Sequential([...]) is left as it is
                    self._eval(a.value, env, layers)
                env[name] = (None, stmt)
                return
            if isinstance(value, cst.Call) and _class(value.func) in LAYER_CONSTRUCTORS:
                layers[name] = value     # a layer bound to a name, called later
            env[name] = (self._eval(value, env, layers, target=name), stmt)
            return
        if isinstance(small, cst.Expr) and isinstance(small.value, cst.Call):
            call = small.value
            if isinstance(call.func, cst.Attribute) and call.func.attr.value == 'add' and \
                    isinstance(call.func.value, cst.Name) and call.func.value.value in models \
                    and len(call.args) == 1:
                self._add(call.func.value.value, models[call.func.value.value], call.args[0].value,
                          stmt, env, layers)
                return
            if code(call.func) in ('keras.backend.set_image_data_format', 'K.set_image_data_format') \
                    and len(call.args) == 1 and isinstance(call.args[0].value, cst.SimpleString) \
                    and call.args[0].value.evaluated_value == 'channels_first' and len(stmt.body) == 1:
                # the image layers are channels-last now; their data_format defaults to the global one
                self.remove.add(id(stmt))
                self.change(stmt, f'{code(call)} removed: the image layers run channels-last')
                return
        if isinstance(small, (cst.Assign, cst.AugAssign, cst.AnnAssign)):
            if small.value is not None:
                self._need(small.value, self._eval(small.value, env, layers), None, env,
                           UNKNOWN_CONSUMER)
            for t in getattr(small, 'targets', ()) or [small]:
                for n in _target_names(t.target):
                    env[n] = (None, stmt)
                    models.pop(n, None)
                    layers.pop(n, None)
            return
        for child in _expressions(small):
            self._need(child, self._eval(child, env, layers), None, env, UNKNOWN_CONSUMER)

    # -- Sequential models --------------------------------------------------------------------
    def _enter_loop(self, loop, models):
        """A model.add of a channels-last layer first in a loop: the Permute goes before the loop."""
        for stmt in _body(loop.body):
            add = _model_add(stmt, models)
            if add is None:
                continue
            model, layer = add
            seq = models[model]
            want = self._rule(layer, seq.layout)[0] if isinstance(layer, cst.Call) else None
            if want is not None and want != seq.layout:
                dims, comment, suffix = self._conversion(seq.layout, want, _label(layer))
                self.before.setdefault(id(loop), []).append(self._add_stmt(
                    model, dims, comment, f'{model}_to_{suffix}'))
                seq.layout = want
            break

    def _add(self, model, seq, layer, stmt, env, layers):
        seq.last_add = stmt
        if not isinstance(layer, cst.Call):
            self._need(layer, self._eval(layer, env, layers), None, env, UNKNOWN_CONSUMER)
            seq.layout = None
            return
        cls = _class(layer.func)
        for a in layer.args:
            self._need(a.value, self._eval(a.value, env, layers), None, env, cls)
        layout, want, out = seq.layout, *self._rule(layer, seq.layout)
        if want != layout:
            dims, comment, suffix = self._conversion(layout, want, _label(layer))
            if self.loop_depth:
                self.warn(stmt, f'{model}: a Permute goes inside a loop; check that each pass sees '
                                'the layout it expects')
            self.before.setdefault(id(stmt), []).append(
                self._add_stmt(model, dims, comment, f'{model}_to_{suffix}'))
        seq.layout = out

    def _add_stmt(self, model, dims, comment, base):
        call = self._permute(dims, base)
        return cst.SimpleStatementLine(
            [cst.Expr(cst.parse_expression(f'{model}.add({code(call)})'))],
            leading_lines=[cst.EmptyLine(comment=cst.Comment('# ' + comment))])

    def _close(self, models):
        for model, seq in models.items():
            if seq.layout is not None and seq.last_add is not None:
                self.after.setdefault(id(seq.last_add), []).append(self._add_stmt(
                    model, seq.layout, TO_FIRST.format(consumer="the model's output"),
                    f'{model}_to_channels_first'))

    # -- the rules --------------------------------------------------------------------------
    def _rule(self, layer, layout):
        """(the layout `layer` needs for an input in `layout`, the layout of its output)."""
        cls = _class(layer.func)
        if cls in CHANNELS_LAST and _channels_first(layer):
            kind = self._pooling_kind(layer) if cls == 'Keras1SamePooling' else CHANNELS_LAST[cls]
            self.strip.add(id(layer))
            return IMAGES[kind][1], IMAGES[self._output_kind(layer, kind)][1]
        inner = layer.args[0].value if cls == 'TimeDistributed' and layer.args else None
        if isinstance(inner, cst.Call) and CHANNELS_LAST.get(_class(inner.func)) == '2d' and \
                _channels_first(inner):      # a 'th' image layer at each step of a sequence
            self.strip.add(id(inner))
            return IMAGES['sequence2d'][1], IMAGES['sequence2d'][1]
        if cls in FOLLOWERS or cls in GLOBAL_POOLING:
            if layout is not None:
                if _channels_first(layer):
                    self.strip.add(id(layer))
                if cls.endswith('BatchNormalization'):
                    self._batchnorm_axis(layer, layout)
            return layout, None if cls in GLOBAL_POOLING else layout
        return None, None

    def _pooling_kind(self, layer):
        """Keras1SamePooling pools 2-D or 3-D images: as many sizes as axes."""
        pool = layer.args[1].value if len(layer.args) > 1 else None
        return '3d' if self.ints(pool, 3) and not self.ints(pool, 2) else '2d'

    def _output_kind(self, layer, kind):
        if kind != 'sequence2d':
            return kind
        seq = find_kwarg(layer, 'return_sequences')
        return 'sequence2d' if seq is not None and self.constant(seq.value) is True else '2d'

    def _batchnorm_axis(self, layer, layout):
        """Keras 1's axis of a channels-first tensor -> the axis of the channels-last one."""
        arg = find_kwarg(layer, 'axis')
        axis = -1 if arg is None else self.constant(arg.value)
        rank = len(layout) + 1
        if not isinstance(axis, int) or not -rank <= axis < rank or axis % rank == 0:
            self.warn(layer, f'BatchNormalization(axis={code(arg.value) if arg else -1}) on a '
                             'channels-last image: set the axis by hand')
            return
        new = layout[axis % rank - 1]
        self.axis[id(layer)] = None if new == rank - 1 else new

    def _conversion(self, have, want, consumer):
        """(Permute dims, comment, name suffix) taking a value from layout `have` to `want`."""
        if want is None:
            comment = TO_FIRST.format(consumer=consumer) if consumer != UNKNOWN_CONSUMER else \
                TO_FIRST.split(' for ')[0]
            return have, comment, 'channels_first'
        to_last = next(k[0] for k in IMAGES.values() if k[1] == want)
        if have is None:
            return to_last, TO_LAST, 'channels_last'
        return _compose(have, to_last), TO_LAST, 'channels_last'

    # -- expressions ------------------------------------------------------------------------
    def _eval(self, node, env, layers, target=None):
        """The layout of `node`'s value; records the conversions its parts need."""
        if isinstance(node, cst.Name):
            return env.get(node.value, (None, None))[0]
        if isinstance(node, cst.Call):
            layer = node.func if isinstance(node.func, cst.Call) else layers.get(
                node.func.value) if isinstance(node.func, cst.Name) else None
            if layer is not None and _class(layer.func) in LAYER_CONSTRUCTORS and node.args:
                return self._layer_call(node, layer, env, layers, target)
            if isinstance(node.func, cst.Name) and node.func.value in ELEMENTWISE_MERGES and \
                    len(node.args) >= 1 and isinstance(node.args[0].value, (cst.List, cst.Tuple)):
                return self._merge(node.args[0].value.elements, env, layers, target, node.func.value)
            if not isinstance(node.func, cst.Name):
                self._eval(node.func, env, layers)
            for a in node.args:
                self._need(a.value, self._eval(a.value, env, layers), None, env,
                           _class(node.func) if isinstance(node.func, (cst.Name, cst.Attribute))
                           else UNKNOWN_CONSUMER, target)
            return None
        if isinstance(node, (cst.ListComp, cst.GeneratorExp, cst.SetComp, cst.DictComp)):
            inner = dict(env)
            comp = node.for_in
            while comp is not None:
                self._need(comp.iter, self._eval(comp.iter, inner, layers), None, inner,
                           'the loop over it', target)
                for n in _target_names(comp.target):
                    inner[n] = (None, None)
                comp = comp.inner_for_in
            self.loop_depth += 1
            for part in (getattr(node, 'elt', None), getattr(node, 'key', None),
                         getattr(node, 'value', None)):
                if isinstance(part, cst.BaseExpression):
                    self._need(part, self._eval(part, inner, layers), None, inner,
                               UNKNOWN_CONSUMER, target)
            self.loop_depth -= 1
            return None
        if isinstance(node, cst.Lambda):
            return None
        for child in _expressions(node):
            self._need(child, self._eval(child, env, layers), None, env, UNKNOWN_CONSUMER, target)
        return None

    def _layer_call(self, node, layer, env, layers, target):
        cls = _class(layer.func)
        if layer is node.func:   # the constructor's own arguments (regularizers...)
            for a in layer.args:
                self._eval(a.value, env, layers)
        inputs = node.args[0].value
        if cls in ELEMENTWISE_MERGES and isinstance(inputs, (cst.List, cst.Tuple)):
            return self._merge(inputs.elements, env, layers, target, cls)
        layout = self._eval(inputs, env, layers, target)
        want, out = self._rule(layer, layout)
        self._need(inputs, layout, want, env, _label(layer), target)
        for a in node.args[1:]:
            self._need(a.value, self._eval(a.value, env, layers), None, env, cls, target)
        return out

    def _merge(self, elements, env, layers, target, cls):
        layouts = [self._eval(e.value, env, layers, target) for e in elements]
        common = layouts[0] if layouts and all(lay == layouts[0] for lay in layouts) else None
        for e, lay in zip(elements, layouts):
            self._need(e.value, lay, common, env, cls, target)
        return common

    def _need(self, node, have, want, env, consumer, target=None):
        """`node` (whose value is in layout `have`) must be in layout `want` for `consumer`."""
        if have == want or isinstance(node, cst.StarredElement):
            return
        dims, comment, suffix = self._conversion(have, want, consumer)
        binding = env.get(node.value, (None, None))[1] if isinstance(node, cst.Name) else None
        if binding is not None and any(isinstance(s, cst.Assign) for s in binding.body):
            key = (id(binding), node.value, dims)
            if key not in self.converted:
                new = self._fresh_variable(f'{node.value}_{suffix}')
                self.converted[key] = new
                permute = self._permute(dims, f'{node.value}_to_{suffix}')
                self.after.setdefault(id(binding), []).append(cst.SimpleStatementLine(
                    [cst.Assign([cst.AssignTarget(cst.Name(new))],
                                cst.Call(permute, [cst.Arg(cst.Name(node.value))]))],
                    leading_lines=[cst.EmptyLine(comment=cst.Comment('# ' + comment))]))
            self.replace[id(node)] = self.converted[key]
            return
        base = f'{target}_to_{suffix}' if target else f'to_{suffix}'
        # a Permute made once per pass of a loop gets Keras 3's own unique names
        self.wrap[id(node)] = (self._permute(dims, None if self.loop_depth else base), comment)

    def _permute(self, dims, base):
        args = [cst.Arg(cst.parse_expression(repr(tuple(dims))))]
        if base is not None:
            name, n = base, 1
            while name in self.layer_names:
                n += 1
                name = f'{base}_{n}'
            self.layer_names.add(name)
            args.append(kwarg('name', cst.SimpleString(repr(name))))
        return cst.Call(cst.Name('Permute'), fix_commas(args))

    def _fresh_variable(self, base):
        name, n = base, 1
        while name in self.taken:
            n += 1
            name = f'{base}_{n}'
        self.taken.add(name)
        return name

    # -- rewrite ----------------------------------------------------------------------------
    def leave_Name(self, original, updated):
        new = self.replace.get(id(original))
        return updated.with_changes(value=new) if new else updated

    def leave_Call(self, original, updated):
        if id(original) in self.strip:
            updated = updated.with_changes(args=_without(updated.args, 'data_format'))
            self.change(original, f"{_class(original.func)}: runs channels-last "
                                  "(data_format='channels_first' dropped)")
        if id(original) in self.axis:
            new = self.axis[id(original)]
            args = _without(updated.args, 'axis')
            if new is not None:
                args.append(kwarg('axis', cst.Integer(str(new))))
            updated = updated.with_changes(args=fix_commas(args))
            self.change(original, f'BatchNormalization: axis {new if new is not None else -1} of the '
                                  "channels-last image (Keras 1's channels-first axis)")
        if _class(original.func) in CHANNELS_LAST and _channels_first(original) and \
                id(original) not in self.strip and self.ctx.channels_last:
            self.warn(original, f"{_class(original.func)} stays channels_first here (the upgrade "
                                'could not follow its input): on CPU it runs only while '
                                "TensorFlow's oneDNN is on")
        return updated

    def on_leave(self, original, updated):
        updated = super().on_leave(original, updated)
        if id(original) not in self.wrap or not isinstance(updated, cst.BaseExpression):
            return updated
        permute, comment = self.wrap.pop(id(original))
        self.change(original, f'{code(permute)} added: {comment}')
        return cst.Call(permute, [cst.Arg(updated)])

    def leave_IndentedBlock(self, original, updated):
        return updated.with_changes(body=self._statements(original.body, updated.body))

    def leave_Module(self, original, updated):
        updated = updated.with_changes(body=self._statements(original.body, updated.body))
        if self.remove and not any('keras' in _all_names(stmt) for stmt in updated.body
                                   if not _is_import(stmt)):
            self.ctx.imports.discard(('keras', None))   # it served the removed call only
        return updated

    def _statements(self, originals, updated):
        out = []
        for o, u in zip(originals, updated):
            if id(o) in self.remove:
                continue
            before = list(self.before.get(id(o), ()))
            if before:   # the statement's own blank lines and comments go above the insertion
                before[0] = before[0].with_changes(
                    leading_lines=[*u.leading_lines, *before[0].leading_lines])
                u = u.with_changes(leading_lines=[])
            for s in before + [u] + self.after.get(id(o), []):
                if s is not u:
                    self.change(o, f'{code(s.body[0])} added: {s.leading_lines[-1].comment.value[2:]}')
                out.append(s)
        return out


def _without(args, keyword):
    """`args` less the argument `keyword`; the one before it takes its place as the last."""
    kept = [a for a in args if not (a.keyword and a.keyword.value == keyword)]
    if kept and len(kept) < len(args) and args[-1].keyword and args[-1].keyword.value == keyword:
        kept[-1] = kept[-1].with_changes(comma=args[-1].comma)
    return fix_commas(kept)


def _body(block):
    if isinstance(block, cst.SimpleStatementSuite):
        return [cst.SimpleStatementLine(list(block.body))]
    return list(block.body)


def _model_add(stmt, models):
    if isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1 and \
            isinstance(stmt.body[0], cst.Expr) and isinstance(stmt.body[0].value, cst.Call):
        call = stmt.body[0].value
        if isinstance(call.func, cst.Attribute) and call.func.attr.value == 'add' and \
                isinstance(call.func.value, cst.Name) and call.func.value.value in models and \
                len(call.args) == 1:
            return call.func.value.value, call.args[0].value
    return None


def _target_names(node):
    if isinstance(node, cst.Name):
        yield node.value
    elif isinstance(node, (cst.Tuple, cst.List)):
        for e in node.elements:
            yield from _target_names(e.value)


def _expressions(node):
    """The expressions directly inside `node` (a statement or an expression)."""
    out = []

    class _Children(cst.CSTVisitor):
        def on_visit(self, child):
            if child is node:
                return True
            if isinstance(child, cst.BaseExpression):
                out.append(child)
                return False
            return True
    node.visit(_Children())
    return out


def _is_import(stmt):
    return isinstance(stmt, cst.SimpleStatementLine) and \
        any(isinstance(s, (cst.Import, cst.ImportFrom)) for s in stmt.body)


def _all_names(module):
    names = set()

    class _Names(cst.CSTVisitor):
        def visit_Name(self, n):
            names.add(n.value)
    module.visit(_Names())
    return names
