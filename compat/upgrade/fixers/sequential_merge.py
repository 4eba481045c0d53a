"""Sequential models starting with ``Merge([...])`` -> a functional ``Model``.

The seed's pattern (keras 1.2.2 models.py Sequential with a first-layer Merge)::

    model = Sequential()
    model.add(Merge([image_model, language_model], mode='concat', concat_axis=-1))
    model.add(GRU(256))
    model.add(Dense(vocab_size))

becomes::

    x = concatenate([image_model.outputs[0], language_model.outputs[0]], axis=-1)
    x = GRU(256)(x)
    x = Dense(vocab_size)(x)
    model = Model(inputs=[*image_model.inputs, *language_model.inputs], outputs=x)

The branch models' layers join the new model directly (no nesting), so layer names and order
stay those of Keras 1. Rewritten only when statically resolvable: ``M = Sequential()`` and its
``.add`` calls in one block, the Merge as the first use of ``M``, branches named by plain
variables; anything else gets a warning.
"""
from __future__ import annotations

import libcst as cst

from .base import Fixer, bound_names, code, statements_using
from .merge_function import build_merge


def _expr_stmt_call(stmt):
    """The Call of an expression statement line `f(...)`, else None."""
    if isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1 and \
            isinstance(stmt.body[0], cst.Expr) and isinstance(stmt.body[0].value, cst.Call):
        return stmt.body[0].value
    return None


def _add_call(stmt, var):
    """The argument of `var.add(arg)`, else None."""
    call = _expr_stmt_call(stmt)
    if call is not None and isinstance(call.func, cst.Attribute) and \
            isinstance(call.func.value, cst.Name) and call.func.value.value == var and \
            call.func.attr.value == 'add' and len(call.args) == 1 and not call.args[0].keyword:
        return call.args[0].value
    return None


class SequentialMerge(Fixer):
    name = 'sequential_merge'

    def visit_Module(self, node):
        names = set()

        class _Names(cst.CSTVisitor):
            def visit_Name(self, n):
                names.add(n.value)
        node.visit(_Names())
        self._names = names
        self.bound = bound_names(node)
        self._sources = {}   # model built here -> the branch models its inputs come from

    def leave_Module(self, original, updated):
        return updated.with_changes(body=self._process(original.body, updated.body))

    def leave_IndentedBlock(self, original, updated):
        return updated.with_changes(body=self._process(original.body, updated.body))

    def _fresh(self, *candidates):
        """The first candidate name the file does not use yet (then taken)."""
        name = next((c for c in candidates if c not in self._names), None)
        n = 2
        while name is None or name in self._names:
            name, n = f'{candidates[-1]}_{n}', n + 1
        self._names.add(name)
        return name

    def _sequential_var(self, stmt):
        if isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1 and \
                isinstance(stmt.body[0], cst.Assign) and len(stmt.body[0].targets) == 1:
            target, value = stmt.body[0].targets[0].target, stmt.body[0].value
            if isinstance(target, cst.Name) and isinstance(value, cst.Call) and \
                    self.keras_name(value.func) == 'Sequential' and not value.args:
                return target.value
        return None

    def _process(self, orig_body, body):
        orig_body, body = list(orig_body), list(body)
        i = 0
        while i < len(orig_body):
            var = self._sequential_var(orig_body[i])
            if var:
                done = self._rewrite(orig_body, body, i, var)
                if done:   # `var = Sequential()` is gone: look at what now stands at i
                    orig_body, body = done
                    continue
            i += 1
        return body

    def _rewrite(self, orig_body, body, i, var):
        j = next((k for k in range(i + 1, len(orig_body)) if statements_using(orig_body[k], var)),
                 None)
        if j is None:
            return None
        first = _add_call(orig_body[j], var)
        if not (isinstance(first, cst.Call) and self.keras_name(first.func) == 'Merge'):
            return None
        branches = first.args[0].value if first.args and not first.args[0].keyword else None
        if not (isinstance(branches, (cst.List, cst.Tuple)) and all(
                isinstance(e, cst.Element) for e in branches.elements)):
            self.warn(first, 'Sequential Merge whose branches are not a list of models: '
                             'rewrite it as a functional Model by hand')
            return None
        k = j + 1
        while k < len(orig_body) and _add_call(orig_body[k], var) is not None:
            k += 1
        if any(_add_call(s, var) is not None for s in orig_body[k:]):
            self.warn(first, f'{var}.add(...) after other uses of {var}: the Sequential Merge was '
                             'not rewritten; make it a functional Model by hand')
            return None
        t = self._fresh('x', f'{var}_x')
        # branches given as expressions (`Merge([branch(3), branch(4)])`) are bound to variables
        # first, in their Keras 1 order, so that the new Model can name their inputs
        names, bind = [], []
        for n, e in enumerate(branches.elements):
            if isinstance(e.value, (cst.Name, cst.Attribute)):
                names.append(code(e.value))
                continue
            b = self._fresh(f'{var}_branch{n}')
            names.append(b)
            bind.append(cst.parse_statement(f'{b} = {code(e.value)}\n'))
        inputs = cst.parse_expression('[' + ', '.join(f'{n}.outputs[0]' for n in names) + ']')
        merged = build_merge(self, first, first, inputs)
        if merged is None:
            return None
        new = list(body)

        def assign(stmt, value):
            return stmt.with_changes(body=[cst.Assign([cst.AssignTarget(cst.Name(t))], value)])

        new[j] = assign(body[j], merged)
        for m in range(j + 1, k):
            layer = _add_call(body[m], var)
            new[m] = assign(body[m], cst.Call(func=layer, args=[cst.Arg(cst.Name(t))]))
        # keras 1.2.2 models.py Sequential.add: the model's inputs are
        # get_source_inputs(output), each source input once in first-seen order; a model built
        # here from branches that share a source model (babi_memnn's question encoder feeds two
        # Merges) lists the source models instead, each once
        sources = [s for n in names for s in self._sources.get(n, [n])]
        self._sources[var] = list(dict.fromkeys(sources))
        listed = self._sources[var] if len(self._sources[var]) < len(sources) else names
        model = cst.parse_statement(
            f'{var} = Model(inputs=[' + ', '.join(f'*{n}.inputs' for n in listed) +
            f'], outputs={t})\n')
        new.insert(k, model)
        orig = list(orig_body)
        orig.insert(k, model)
        if bind:
            bind[0] = bind[0].with_changes(leading_lines=new[j].leading_lines)
            new[j] = new[j].with_changes(leading_lines=[])
        new[j:j] = bind
        orig[j:j] = bind
        # drop `var = Sequential()`, keeping its comments on the next statement
        lead = list(body[i].leading_lines)
        new[i + 1] = new[i + 1].with_changes(leading_lines=lead + list(new[i + 1].leading_lines))
        del new[i], orig[i]
        self.need('keras.models', 'Model')
        self.change(first, f'Sequential {var} starting with Merge -> functional Model '
                           f'({code(merged.func)} of {", ".join(names)}, '
                           f'{k - j - 1} layer(s) after it)')
        if listed is not names:
            self.change(first, f'{var}: branches share source models; inputs listed once each '
                               f'(from {", ".join(listed)}), as Keras 1 get_source_inputs did')
        return orig, new
