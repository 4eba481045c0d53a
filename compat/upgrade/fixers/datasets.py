"""Keras 1 image datasets keep their 'th' layout: ``cifar10.load_data()`` under 'th' gave
``(N, 3, 32, 32)`` images (keras 1.2.2 datasets/cifar10.py, cifar100.py transpose to
``(N, 32, 32, 3)`` only under 'tf'); Keras 3's gives channels_last unless the global
image_data_format says otherwise. Where the upgrade keeps 'th' from the default ordering (no
``set_image_dim_ordering`` call in the file, which would become Keras 3's
``set_image_data_format('channels_first')`` and make load_data return channels-first itself)::

    (X_train, y_train), (X_test, y_test) = cifar10.load_data()

is followed by::

    X_train = X_train.transpose(0, 3, 1, 2)
    X_test = X_test.transpose(0, 3, 1, 2)

Table: ``table.IMAGE_DATASETS`` (dataset module -> axes).
"""
from __future__ import annotations

import libcst as cst

from .. import table
from .base import Fixer, code


class Datasets(Fixer):
    name = 'datasets'

    def _dataset(self, value):
        """'cifar10' when `value` is a call of an image dataset's load_data, else None."""
        if not isinstance(value, cst.Call):
            return None
        q = self.keras_qualname(value.func) or ''
        parts = q.split('.')
        if len(parts) == 4 and parts[:2] == ['keras', 'datasets'] and parts[3] == 'load_data' \
                and parts[2] in table.IMAGE_DATASETS:
            return parts[2]
        return None

    def leave_SimpleStatementLine(self, original, updated):
        # a file's set_image_dim_ordering('th') makes Keras 3's load_data channels-first, unless
        # channels_last.py removes it (the model takes Keras 1's arrays either way)
        if self.ctx.dim_ordering != 'th' or (self.ctx.ordering_set and not self.ctx.channels_last) \
                or len(original.body) != 1 or \
                not isinstance(original.body[0], cst.Assign):
            return updated
        assign = original.body[0]
        name = self._dataset(assign.value)
        if name is None:
            return updated
        images = _image_targets(assign.targets)
        if images is None:
            self.warn(original, f"{name}.load_data(): Keras 1 gave (N, 3, 32, 32) images under 'th', "
                                "Keras 3 gives (N, 32, 32, 3): transpose the images with "
                                ".transpose(0, 3, 1, 2)")
            return updated
        axes = ', '.join(map(str, table.IMAGE_DATASETS[name]))
        new = [cst.parse_statement(f'{x} = {x}.transpose({axes})\n') for x in images]
        self.change(original, f"{name}.load_data(): {', '.join(images)} transposed to Keras 1's "
                              "'th' layout (N, 3, 32, 32) (Keras 3 loads channels_last)")
        return cst.FlattenSentinel([updated, *new])


def _image_targets(targets):
    """The image variables of `(x_train, y_train), (x_test, y_test) = ...`, else None."""
    if len(targets) != 1 or not isinstance(targets[0].target, (cst.Tuple, cst.List)):
        return None
    out = []
    for e in targets[0].target.elements:
        pair = e.value
        if not (isinstance(pair, (cst.Tuple, cst.List)) and len(pair.elements) == 2 and
                isinstance(pair.elements[0].value, (cst.Name, cst.Attribute))):
            return None
        out.append(code(pair.elements[0].value))
    return out or None
