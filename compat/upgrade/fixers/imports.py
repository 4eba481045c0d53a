"""Imports and symbol names: Keras 1 modules -> Keras 3 modules, renamed classes everywhere,
imports of replaced symbols removed, imports the other fixers need added, and the helper
functions and classes (the Keras 1 hard sigmoid...) inserted once after the imports: their code
is that of compat/upgrade/inlined (and compat/scipy_misc.py), copied.

Runs last: it is the only fixer that renames references, so the others match Keras 1 names.
"""
from __future__ import annotations

import re

import libcst as cst

from .. import inlined, table
from .base import Fixer, code


def _init_class(k1_name: str) -> str:
    """Keras 3 class name of a Keras 1 initializations function ('normal' -> 'RandomNormal')."""
    src = table.INIT_FUNCTIONS[k1_name][0]
    return re.match(r'keras\.initializers\.(\w+)', src).group(1)


def _dotted(node) -> str:
    return code(node) if node is not None else ''


class _Uses(cst.CSTVisitor):
    """Names referenced outside import statements."""
    def __init__(self):
        self.names, self._in_import = set(), 0

    def visit_Import(self, node):
        self._in_import += 1

    def leave_Import(self, node):
        self._in_import -= 1

    def visit_ImportFrom(self, node):
        self._in_import += 1

    def leave_ImportFrom(self, node):
        self._in_import -= 1

    def visit_Name(self, node):
        if not self._in_import:
            self.names.add(node.value)


def names_used(module) -> set:
    """Names a module references outside its import statements."""
    uses = _Uses()
    module.visit(uses)
    return uses.names


class Imports(Fixer):
    name = 'imports'

    def __init__(self, ctx):
        super().__init__(ctx)
        self._in_import = 0

    def visit_Module(self, node):
        self._used = names_used(node)

    # -- import statements ------------------------------------------------------------------
    def visit_ImportFrom(self, node):
        self._in_import += 1

    def visit_Import(self, node):
        """`import keras.X`: left as it is, with a warning or error saying what to import instead."""
        self._in_import += 1
        for alias in node.names:
            mod = _dotted(alias.name)
            if mod in table.MODULES or mod in table.GONE_MODULES:
                self.warn(node, f'import {mod}: use `from {table.MODULES.get(mod, mod)} import ...`'
                                if mod in table.MODULES else table.GONE_MODULES[mod])
            elif mod in table.NEEDS_HUMAN_MODULES:
                self.add('error', node, table.NEEDS_HUMAN_MODULES[mod])
            elif mod in table.LEGACY_MODULES:
                self.warn(node, f'import {mod}: use `from {table.LEGACY_MODULES[mod][0]} import ...` '
                                '(deprecated Keras 2 code)')

    def leave_Import(self, original, updated):
        self._in_import -= 1
        return updated

    def leave_ImportFrom(self, original: cst.ImportFrom, updated: cst.ImportFrom):
        """`from keras.X import a, b`: the module (_rename_module, or _move_legacy_module), then
        each name (_rewrite_names); a module with another constructor is left with an error; other
        libraries' removed functions are inlined (_inline_elsewhere)."""
        self._in_import -= 1
        if original.relative:
            return updated
        mod = _dotted(original.module)
        if mod in table.INLINED_ELSEWHERE:
            return self._inline_elsewhere(original, updated, mod)
        if not (mod == 'keras' or mod.startswith('keras.')):
            return updated
        if mod in table.GONE_MODULES:
            self.warn(original, table.GONE_MODULES[mod])
        if mod in table.NEEDS_HUMAN_MODULES:     # another constructor: not rewritten
            self.add('error', original, table.NEEDS_HUMAN_MODULES[mod])
            return updated
        legacy_mod, legacy_names, _ = table.LEGACY_MODULES.get(mod, (None, (), None))
        if legacy_mod and legacy_names is None:
            return self._move_legacy_module(original, updated, mod)
        updated = self._rename_module(original, updated, mod)
        if isinstance(updated.names, cst.ImportStar):
            return updated
        return self._rewrite_names(original, updated, mod)

    def _inline_elsewhere(self, original, updated, mod):
        """`from scipy.misc import imsave` -> the function inlined (table.INLINED_ELSEWHERE)."""
        if isinstance(updated.names, cst.ImportStar):
            return updated
        kept = []
        for alias in updated.names:
            name = code(alias.name)
            if name in table.INLINED_ELSEWHERE[mod] and alias.asname is None:
                self.ctx.helpers.add(name)
                self.change(original, f'{mod}.{name}: removed from its library; a Pillow version is inlined')
            else:
                kept.append(alias)
        if not kept:
            return cst.RemovalSentinel.REMOVE
        return updated.with_changes(names=[a.with_changes(comma=cst.MaybeSentinel.DEFAULT) if i == len(kept) - 1
                                           else a for i, a in enumerate(kept)])

    def _move_legacy_module(self, original, updated, mod):
        """`from keras.legacy.X import ...` whose whole module moved (table.LEGACY_MODULES with no
        names): the new module, and a warning per imported name (deprecated Keras 2 code)."""
        legacy_mod, _, legacy_note = table.LEGACY_MODULES[mod]
        updated = updated.with_changes(module=cst.parse_expression(legacy_mod))
        self.change(original, f'from {mod} -> from {legacy_mod}')
        for alias in ([] if isinstance(updated.names, cst.ImportStar) else updated.names):
            self.warn(original, legacy_note.format(name=code(alias.name)))
        return updated

    def _rename_module(self, original, updated, mod):
        """`from keras.layers.core` -> `from keras.layers` (table.MODULES)."""
        new_mod = table.MODULES.get(mod, mod)
        if new_mod != mod:
            self.change(original, f'from {mod} -> from {new_mod}')
            updated = updated.with_changes(module=cst.parse_expression(new_mod))
        return updated

    def _rewrite_names(self, original, updated, mod):
        """Each imported name in turn: dropped (_drop_name), a submodule imported from where it
        went (_submodule), or renamed (_rename_name). A submodule that went elsewhere than the
        statement's other names becomes a separate statement after it; the statement goes when
        no name is left."""
        aliases, split = [], []
        for alias in updated.names:
            name = alias.name.value if isinstance(alias.name, cst.Name) else code(alias.name)
            bound = code(alias.asname.name) if alias.asname else name
            if bound in self.ctx.original_uses and bound not in self._used:
                # `from keras import backend as K` once K.image_dim_ordering() became 'th'
                self.change(original, f'import of {bound} removed (the rewrite left no use of it)')
                continue
            if f'{mod}.{name}' in table.MODULES:               # from keras.utils import np_utils
                updated, alias, separate = self._submodule(original, updated, alias, name, mod)
                if separate is not None:
                    split.append(separate)
                    continue
            elif self._drop_name(original, alias, name, mod):
                continue
            else:
                alias = self._rename_name(original, alias, name, mod)
            aliases.append(alias)
        if not aliases:
            return cst.FlattenSentinel(split) if split else cst.RemoveFromParent()
        last = aliases[-1]
        if isinstance(last.comma, cst.Comma) and updated.rpar is None:
            aliases[-1] = last.with_changes(comma=cst.MaybeSentinel.DEFAULT)
        updated = updated.with_changes(names=aliases)
        return cst.FlattenSentinel([updated, *split]) if split else updated

    def _submodule(self, original, updated, alias, name, mod):
        """A Keras 1 submodule imported by name (`from keras.utils import np_utils`), bound to its
        old name where it went (table.MODULES). Returns (statement, alias, separate import or None):
        one of several names whose submodule went to another parent gets a separate import."""
        sub = f'{mod}.{name}'
        parent, last = table.MODULES[sub].rsplit('.', 1)
        new_mod = _dotted(updated.module)
        asname = alias.asname or cst.AsName(name=cst.Name(name))
        if parent != new_mod and len(updated.names) > 1:
            # from keras.layers import Dense, recurrent -> ...; from keras import layers as recurrent
            self.change(original, f'{sub} -> {table.MODULES[sub]} (a separate import)')
            return updated, alias, cst.ImportFrom(module=cst.parse_expression(parent), names=[
                cst.ImportAlias(cst.Name(last), asname=asname)])
        if parent != new_mod:              # from keras.utils import np_utils
            updated = updated.with_changes(module=cst.parse_expression(parent))
        self.change(original, f'{sub} -> {table.MODULES[sub]}')
        return updated, alias.with_changes(name=cst.Name(last), asname=asname), None

    def _drop_name(self, original, alias, name, mod) -> bool:
        """Whether the import of `name` goes: a name of a moved legacy module (imported from its new
        place by leave_Module), a Keras 1 function inlined, or a replaced symbol or initializations
        function the rewrite left without uses."""
        legacy_mod, legacy_names, legacy_note = table.LEGACY_MODULES.get(mod, (None, (), None))
        if legacy_names and name in legacy_names and alias.asname is None:
            self.need(legacy_mod, name)          # leave_Module writes the import
            self.warn(original, legacy_note.format(name=name))
            return True
        if name in table.INLINED_FUNCTIONS and alias.asname is None:
            self.ctx.helpers.add(name)
            self.change(original, f'{name}: Keras 3 has none; the Keras 1 function is inlined')
            return True
        if mod == 'keras.initializations' and name in table.INIT_FUNCTIONS:
            if name not in self._used:
                self.change(original, f'import of {name} removed (rewritten to a Keras 3 initializer)')
                return True
            return False
        if name in table.REPLACED and name not in self._used:
            self.change(original, f'import of {name} removed (replaced)')
            return True
        return False

    def _rename_name(self, original, alias, name, mod):
        """The alias of a kept name, renamed where Keras 3 calls it otherwise: an initializations
        function -> its class (with a warning: the calls differ), a Keras 1 alias (`Convolution2D
        as Conv2D`) -> the Keras 3 name, table.SYMBOLS; a symbol Keras 3 lacks gets a warning."""
        if mod == 'keras.initializations' and name in table.INIT_FUNCTIONS:
            self.warn(original, f'{name} is a function f(shape, scale, name) in Keras 1; Keras 3 '
                                f'has the class {_init_class(name)}(...) called with (shape, '
                                'dtype): rewrite its uses by hand')
            return alias.with_changes(name=cst.Name(_init_class(name)))
        if alias.asname is not None and table.LAYER_ALIASES.get(code(alias.asname.name)) == name:
            # `Convolution2D as Conv2D` (layer_args) -> `Conv2D`: references are renamed too
            new = table.SYMBOLS.get(name, name)
            self.change(original, f'{code(alias.asname.name)} (Keras 1 alias of {name}) -> {new}')
            return alias.with_changes(name=cst.Name(new), asname=None)
        if name in table.SYMBOLS:
            self.change(original, f'{name} -> {table.SYMBOLS[name]}')
            return alias.with_changes(name=cst.Name(table.SYMBOLS[name]))
        if name in table.GONE_SYMBOLS:
            self.warn(original, table.GONE_SYMBOLS[name])
        return alias

    # -- references -------------------------------------------------------------------------
    def leave_Name(self, original: cst.Name, updated: cst.Name):
        if self._in_import:
            return updated
        q = self.keras_qualname(original)
        k = q.rsplit('.', 1)[-1] if q else None
        if k and k == original.value and k in table.SYMBOLS:
            return updated.with_changes(value=table.SYMBOLS[k])
        if k and table.LAYER_ALIASES.get(original.value) == k:     # Conv2D bound to Convolution2D
            return updated.with_changes(value=table.SYMBOLS.get(k, k))
        if k == original.value and self._init_function(q):
            return updated.with_changes(value=_init_class(k))
        return updated

    @staticmethod
    def _init_function(q) -> bool:
        return q.startswith('keras.initializations.') and q.rsplit('.', 1)[-1] in table.INIT_FUNCTIONS

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute):
        if self._in_import:
            return updated
        q = self.keras_qualname(original)
        if q is None:
            return updated
        dotted = code(original)
        if q == dotted and dotted in table.MODULES:          # keras.layers.core -> keras.layers
            return cst.parse_expression(table.MODULES[dotted])
        k = q.rsplit('.', 1)[-1]
        if original.attr.value == k and k in table.SYMBOLS:
            return updated.with_changes(attr=cst.Name(table.SYMBOLS[k]))
        if original.attr.value == k and self._init_function(q):
            self.warn(original, f'{code(original)}: a Keras 1 function f(shape, scale, name); Keras 3 '
                                f'has the class {_init_class(k)}(...): check this use by hand')
            return updated.with_changes(attr=cst.Name(_init_class(k)))
        return updated

    # -- additions --------------------------------------------------------------------------
    def leave_Module(self, original: cst.Module, updated: cst.Module):
        """What the rewrite needs, added after the file's imports: the imports the fixers asked for
        (_add_imports, `import keras` first among the Keras imports), then the inlined helpers
        (_insert_helpers)."""
        body = list(updated.body)
        last_import = max((i for i, _ in self._imports(body)), default=-1)
        new_lines = self._add_imports(original, body)
        if new_lines:
            body[last_import + 1:last_import + 1] = new_lines
            last_import += len(new_lines)
            self._keras_import_first(body, new_lines)
        self._insert_helpers(original, body, last_import)
        return updated.with_changes(body=body)

    def _needed_imports(self):
        """(module, name) pairs to import, sorted: the fixers' (ctx.imports), and ('keras', None),
        `import keras`, when a helper to inline uses it."""
        needed = set(self.ctx.imports)
        if any('keras.' in inlined.source(h) for h in self.ctx.helpers):
            needed.add(('keras', None))
        return sorted(needed, key=lambda mn: (mn[0], mn[1] or ''))

    def _add_imports(self, original, body):
        """Each needed import the file lacks: a name appended to the file's one-line `from module
        import ...` (edited in `body`), or a new statement; returns the new statements."""
        new_lines = []
        for module, name in self._needed_imports():
            if name is None:
                if not self._has_import_keras(body):
                    new_lines.append(cst.parse_statement('import keras\n'))
                continue
            if self._binds(body, name):
                continue
            i = self._find_from(body, module)
            if i is not None:
                body[i] = self._append_name(body[i], name)
            else:
                new_lines.append(cst.parse_statement(f'from {module} import {name}\n'))
            self.change(original, f'import {name} from {module} (used by the rewrite)')
        return new_lines

    @staticmethod
    def _append_name(stmt, name):
        """`from m import a` -> `from m import a, name` (one statement on its line)."""
        imp = stmt.body[0]
        names = list(imp.names)
        if isinstance(names[-1].comma, cst.Comma) and imp.rpar is None:
            names[-1] = names[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        names[-1] = names[-1].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(' ')))
        names.append(cst.ImportAlias(name=cst.Name(name)))
        return stmt.with_changes(body=[imp.with_changes(names=names)])

    def _keras_import_first(self, body, new_lines):
        """A new `import keras` moves before the file's first Keras import, taking over its
        leading blank lines and comments."""
        keras_first = next((i for i, s in self._imports(body)
                            if code(s).replace('from ', 'import ', 1).startswith('import keras')), None)
        for i, stmt in enumerate(list(body)):
            if any(stmt is n for n in new_lines) and code(stmt).strip() == 'import keras' and \
                    keras_first is not None and keras_first < i:
                body.pop(i)
                body.insert(keras_first, stmt.with_changes(leading_lines=[]))
                if keras_first < len(body) - 1 and body[keras_first + 1].leading_lines:
                    lead = body[keras_first + 1].leading_lines
                    body[keras_first] = body[keras_first].with_changes(leading_lines=lead)
                    body[keras_first + 1] = body[keras_first + 1].with_changes(leading_lines=[])
                break

    def _insert_helpers(self, original, body, last_import):
        """Each helper the fixers asked for (ctx.helpers) that the file does not define, copied from
        compat/upgrade/inlined right after the imports, two blank lines around it (PEP 8)."""
        for helper in sorted(self.ctx.helpers):
            if any(isinstance(s, (cst.FunctionDef, cst.ClassDef)) and s.name.value == helper
                   for s in body):
                continue
            fn = inlined.definition(helper).with_changes(leading_lines=[cst.EmptyLine(), cst.EmptyLine()])
            body.insert(last_import + 1, fn)
            nxt = last_import + 2
            if nxt < len(body):   # two blank lines after a top-level function (PEP 8)
                lead = list(body[nxt].leading_lines)
                blanks = 0
                while blanks < len(lead) and lead[blanks].comment is None:
                    blanks += 1
                body[nxt] = body[nxt].with_changes(
                    leading_lines=[cst.EmptyLine()] * max(0, 2 - blanks) + lead)
            self.change(original, f'helper {helper}() inserted after the imports')

    @staticmethod
    def _imports(body):
        """(index in body, Import or ImportFrom) of each import on the module's top level."""
        for i, stmt in enumerate(body):
            if isinstance(stmt, cst.SimpleStatementLine):
                for s in stmt.body:
                    if isinstance(s, (cst.Import, cst.ImportFrom)):
                        yield i, s

    def _has_import_keras(self, body):
        """Whether the module has a plain `import keras`."""
        return any(isinstance(s, cst.Import) and any(code(a.name) == 'keras' and a.asname is None
                                                     for a in s.names)
                   for _, s in self._imports(body))

    def _binds(self, body, name):
        """Whether a top-level `from ... import` binds `name` already."""
        for _, s in self._imports(body):
            if isinstance(s, cst.ImportFrom) and not isinstance(s.names, cst.ImportStar):
                for a in s.names:
                    bound = a.asname.name.value if a.asname else code(a.name)
                    if bound == name:
                        return True
        return False

    def _find_from(self, body, module):
        """Index of a line holding only `from module import names` (no star), or None."""
        for i, s in self._imports(body):
            if (isinstance(s, cst.ImportFrom) and not isinstance(s.names, cst.ImportStar)
                    and not s.relative and _dotted(s.module) == module
                    and len(body[i].body) == 1):
                return i
        return None
