"""keras 1.2.2 ``keras.backend`` (``K``) on TensorFlow 2 / Keras 3.

``from compat.keras import backend as K`` gives the Keras 1.2.2 backend API:
the union of what ``theano_backend.py`` and ``tensorflow_backend.py`` exported.
Tensors are TF tensors (eager or inside ``tf.function``), variables are
``tf.Variable``, and placeholders / layer outputs are Keras 3 symbolic
tensors, which every function also accepts (the call becomes a small layer,
evaluated later by ``K.function`` or a ``keras.Model``).

Where the two Keras 1 backends disagree the numbers follow Theano, the
backend compat reproduces (flipped-kernel convolutions, Theano 'same'
padding, batch_dot axes, switch, l2_normalize, ...); each function's
docstring names its source.

``K.backend()`` returns ``'tensorflow'``: compat computes with TensorFlow and
has TF's API surface (no ``theano.*`` objects). Scripts that branch on
``K.backend() == 'theano'`` usually do so to reach Theano-only APIs, which
compat cannot provide, so the TensorFlow branch is the one that can run;
the numerics stay Theano's either way.
"""
from compat.keras.backend.common import (backend, cast_to_floatx, epsilon, floatx, get_uid,
                                         image_dim_ordering, legacy_weight_ordering, reset_uids,
                                         set_epsilon, set_floatx, set_image_dim_ordering,
                                         set_legacy_weight_ordering)
from compat.keras.backend import _graph, _lift, _nn, _ops, _variables
from compat.keras.backend._graph import *  # noqa: F401,F403
from compat.keras.backend._nn import *  # noqa: F401,F403
from compat.keras.backend._ops import *  # noqa: F401,F403
from compat.keras.backend._variables import *  # noqa: F401,F403

_COMMON = ['backend', 'cast_to_floatx', 'epsilon', 'floatx', 'get_uid', 'image_dim_ordering',
           'legacy_weight_ordering', 'reset_uids', 'set_epsilon', 'set_floatx',
           'set_image_dim_ordering', 'set_legacy_weight_ordering']
__all__ = sorted(set(_COMMON + _variables.__all__ + _ops.__all__ + _nn.__all__
                     + _graph.__all__))

from compat.keras._reexports import reexported  # noqa: E402

__getattr__ = reexported(__name__)
