"""Keras 1.2.2 optimizers with their exact update rules, on tf.Variables.

Follows keras 1.2.2 ``optimizers.py``. These are plain classes, not Keras 3
optimizers: compat's engine calls ``build(params)`` once (eagerly) and then
``apply_gradients(grads, params, constraints)`` inside its ``tf.function``.

* Hyperparameters that Keras 1 made ``K.variable`` (``lr``, ``momentum``,
  ``decay``, ``rho``, ``beta_1``, ...) and ``iterations`` are float32
  ``tf.Variable`` s, so ``K.get_value(opt.lr)`` / ``K.set_value(opt.lr, v)``
  work and take effect at the next step. Those Keras 1 kept as Python numbers
  (``epsilon``, Adadelta's ``rho``, Nadam's ``schedule_decay``) stay numbers.
* One step reads every variable's old value before writing any, as Keras 1's
  single Theano update list did.
* ``iterations`` moves only where Keras 1 moved it: always for Adam, Adamax and
  Nadam; for SGD, RMSprop, Adagrad and Adadelta only when built with decay > 0.
* ``weights`` / ``get_weights`` / ``set_weights`` list the state in Keras 1's
  ``self.weights`` order (the ``optimizer_weights`` group of ``model.save``).
"""
from compat._keras3 import tf

__all__ = ['Optimizer', 'SGD', 'RMSprop', 'Adagrad', 'Adadelta', 'Adam', 'Adamax', 'Nadam',
           'sgd', 'rmsprop', 'adagrad', 'adadelta', 'adam', 'adamax', 'nadam', 'get',
           'optimizer_from_config', 'clip_norm', 'TFOptimizer']


def clip_norm(g, c, n):
    """keras 1.2.2 optimizers.clip_norm: scale ``g`` by c/n when the global norm n >= c."""
    if c > 0:
        g = tf.where(n >= c, g * c / n, g)
    return g


def _dense(g, p):
    if g is None:
        raise ValueError('No gradient for weight %r: it does not affect the loss. Keras 1 (Theano) '
                         'failed here too; make it non-trainable or use it in the model.' % (p.name,))
    # Keras 1 (Theano) gradients were dense; Keras 3 style sparse Embedding updates differ
    # numerically when a token repeats in a batch.
    return tf.convert_to_tensor(g) if isinstance(g, tf.IndexedSlices) else g


class Optimizer(object):
    """Base class: clipping, state variables, weights and config as keras 1.2.2 Optimizer.

    Subclasses declare ``_slot_names`` (one zero-initialised slot per param per
    name, in Keras 1 creation order), ``_iterations_in_weights`` and implement
    ``_step(grads, params, slots)`` returning new values (params, slots, extra
    variable assignments) computed from the old ones.
    """
    _slot_names = ()
    _iterations_in_weights = False

    def __init__(self, **kwargs):
        # keras 1.2.2 Optimizer.__init__: only clipnorm/clipvalue; kept as attributes only when given
        # (get_config reports them only then).
        for k in kwargs:
            if k not in ('clipnorm', 'clipvalue'):
                raise TypeError('Unexpected keyword argument passed to optimizer %s: %s '
                                '(Keras 1 optimizers accept %s, clipnorm, clipvalue)'
                                % (type(self).__name__, k, ', '.join(self._arg_names())))
        self.__dict__.update(kwargs)
        self.updates = []
        self._params = None
        self._slots = {}

    @classmethod
    def _arg_names(cls):
        code = cls.__init__.__code__
        return code.co_varnames[1:code.co_argcount]

    @staticmethod
    def _variable(value, name):
        return tf.Variable(float(value), dtype=tf.float32, trainable=False, name=name)

    # -- state -------------------------------------------------------------------------------
    def build(self, params):
        """Create the slot variables for ``params`` (eagerly, before tracing). Idempotent."""
        params = list(params)
        if self._params is not None:
            if len(params) != len(self._params) or any(a is not b for a, b in zip(params, self._params)):
                raise ValueError('%s was already built for other weights; one Keras 1 optimizer '
                                 'instance serves one model. Create a new optimizer.'
                                 % type(self).__name__)
            return
        with tf.init_scope():
            self._slots = {name: [tf.Variable(tf.zeros(p.shape, tf.float32), trainable=False,
                                              name='%s_%d' % (name, i))
                                  for i, p in enumerate(params)]
                           for name in self._slot_names}
        self._params = params

    @property
    def weights(self):
        """The state in keras 1.2.2 ``self.weights`` order (empty until built, as in Keras 1)."""
        if self._params is None:
            return []
        head = [self.iterations] if self._iterations_in_weights else []
        return head + [v for name in self._slot_names for v in self._slots[name]]

    def get_weights(self):
        return [w.numpy() for w in self.weights]

    def set_weights(self, weights):
        """keras 1.2.2 Optimizer.set_weights: values for ``weights``, shapes must match."""
        own = self.weights
        if not own:
            raise ValueError('%s.set_weights: the optimizer has no state yet; build(params) it '
                             '(the model must make its train function) first.' % type(self).__name__)
        weights = list(weights)
        if len(weights) != len(own):
            raise ValueError('%s.set_weights: expected %d arrays (Keras 1 order: %s), got %d'
                             % (type(self).__name__, len(own), self._weights_layout(), len(weights)))
        for var, value in zip(own, weights):
            if tuple(var.shape) != tuple(getattr(value, 'shape', ())):
                raise ValueError('Optimizer weight shape %s not compatible with provided weight '
                                 'shape %s' % (tuple(var.shape), tuple(getattr(value, 'shape', ()))))
        for var, value in zip(own, weights):
            var.assign(tf.cast(value, var.dtype))

    def _weights_layout(self):
        head = ['iterations'] if self._iterations_in_weights else []
        return ' + '.join(head + ['%s per param' % n for n in self._slot_names])

    # -- update ------------------------------------------------------------------------------
    def get_gradients_clipped(self, grads):
        """keras 1.2.2 Optimizer.get_gradients after K.gradients: clipnorm, then clipvalue."""
        clipnorm = getattr(self, 'clipnorm', 0) or 0
        clipvalue = getattr(self, 'clipvalue', 0) or 0
        if clipnorm > 0:
            norm = tf.sqrt(tf.add_n([tf.reduce_sum(tf.square(g)) for g in grads]))
            grads = [clip_norm(g, clipnorm, norm) for g in grads]
        if clipvalue > 0:
            grads = [tf.clip_by_value(g, -clipvalue, clipvalue) for g in grads]
        return grads

    def _decayed_lr(self):
        # lr * (1 / (1 + decay * iterations)), iterations read before this step's increment.
        lr = tf.convert_to_tensor(self.lr)
        if self.initial_decay > 0:
            lr = lr * (1. / (1. + self.decay * self.iterations))
        return lr

    def apply_gradients(self, grads, params, constraints=None):
        """One Keras 1 update step; graph-safe. Returns the list of assign ops."""
        params = list(params)
        if self._params is None:
            if not tf.executing_eagerly():
                raise RuntimeError('%s.build(params) must be called (eagerly) before '
                                   'apply_gradients is traced.' % type(self).__name__)
            self.build(params)
        if len(params) != len(self._params) or any(a is not b for a, b in zip(params, self._params)):
            raise ValueError('%s.apply_gradients: params differ from those given to build()'
                             % type(self).__name__)
        grads = list(grads)
        if len(grads) != len(params):
            raise ValueError('apply_gradients: %d gradients for %d params' % (len(grads), len(params)))
        if constraints is None:
            constraints = [None] * len(params)
        elif len(constraints) != len(params):
            raise ValueError('apply_gradients: constraints must be a list as long as params '
                             '(None where a weight has no constraint), got %d for %d params'
                             % (len(constraints), len(params)))
        grads = self.get_gradients_clipped([_dense(g, p) for g, p in zip(grads, params)])
        new_params, new_slots, extra = self._step(grads, params,
                                                  {n: self._slots[n] for n in self._slot_names})
        # keras 1.2.2 get_updates: `if p in constraints: new_p = constraints[p](new_p)`
        new_params = [c(new_p) if c is not None else new_p
                      for new_p, c in zip(new_params, constraints)]
        # All new values above were computed from old ones; now write them.
        ops = [var.assign(value) for var, value in extra]
        for name in self._slot_names:
            ops += [var.assign(value) for var, value in zip(self._slots[name], new_slots[name])]
        ops += [p.assign(new_p) for p, new_p in zip(params, new_params)]
        self.updates = ops
        return ops

    def _increment_iterations(self):
        return [(self.iterations, self.iterations + 1.)]

    def _step(self, grads, params, slots):
        raise NotImplementedError

    # -- config ------------------------------------------------------------------------------
    def get_config(self):
        """keras 1.2.2 get_config: variables as float(value), Python hyperparameters as given."""
        config = {}
        for k in ('clipnorm', 'clipvalue'):
            if hasattr(self, k):
                config[k] = getattr(self, k)
        for key in self._config_keys:
            value = getattr(self, key)
            config[key] = float(value.numpy()) if isinstance(value, tf.Variable) else value
        return config

    @classmethod
    def from_config(cls, config):
        return cls(**config)


class SGD(Optimizer):
    """keras 1.2.2 SGD: momentum, Nesterov momentum, lr decay. weights = [iterations] + moments."""
    _slot_names = ('moments',)
    _iterations_in_weights = True
    _config_keys = ('lr', 'momentum', 'decay', 'nesterov')

    def __init__(self, lr=0.01, momentum=0., decay=0., nesterov=False, **kwargs):
        super(SGD, self).__init__(**kwargs)
        self.iterations = self._variable(0., 'iterations')
        self.lr = self._variable(lr, 'lr')
        self.momentum = self._variable(momentum, 'momentum')
        self.decay = self._variable(decay, 'decay')
        self.initial_decay = decay
        self.nesterov = nesterov

    def _step(self, grads, params, slots):
        lr = self._decayed_lr()
        extra = self._increment_iterations() if self.initial_decay > 0 else []
        new_params, new_m = [], []
        for p, g, m in zip(params, grads, slots['moments']):
            v = self.momentum * m - lr * g  # velocity
            new_m.append(v)
            new_params.append(p + self.momentum * v - lr * g if self.nesterov else p + v)
        return new_params, {'moments': new_m}, extra


class RMSprop(Optimizer):
    """keras 1.2.2 RMSprop: epsilon outside the sqrt. weights = accumulators (no iterations)."""
    _slot_names = ('accumulators',)
    _config_keys = ('lr', 'rho', 'decay', 'epsilon')

    def __init__(self, lr=0.001, rho=0.9, epsilon=1e-8, decay=0., **kwargs):
        super(RMSprop, self).__init__(**kwargs)
        self.lr = self._variable(lr, 'lr')
        self.rho = self._variable(rho, 'rho')
        self.epsilon = epsilon
        self.decay = self._variable(decay, 'decay')
        self.initial_decay = decay
        self.iterations = self._variable(0., 'iterations')

    def _step(self, grads, params, slots):
        lr = self._decayed_lr()
        extra = self._increment_iterations() if self.initial_decay > 0 else []
        new_params, new_a = [], []
        for p, g, a in zip(params, grads, slots['accumulators']):
            a_t = self.rho * a + (1. - self.rho) * tf.square(g)
            new_a.append(a_t)
            new_params.append(p - lr * g / (tf.sqrt(a_t) + self.epsilon))
        return new_params, {'accumulators': new_a}, extra


class Adagrad(Optimizer):
    """keras 1.2.2 Adagrad: accumulators from 0, epsilon outside the sqrt. weights = accumulators."""
    _slot_names = ('accumulators',)
    _config_keys = ('lr', 'decay', 'epsilon')

    def __init__(self, lr=0.01, epsilon=1e-8, decay=0., **kwargs):
        super(Adagrad, self).__init__(**kwargs)
        self.lr = self._variable(lr, 'lr')
        self.epsilon = epsilon
        self.decay = self._variable(decay, 'decay')
        self.initial_decay = decay
        self.iterations = self._variable(0., 'iterations')

    def _step(self, grads, params, slots):
        lr = self._decayed_lr()
        extra = self._increment_iterations() if self.initial_decay > 0 else []
        new_params, new_a = [], []
        for p, g, a in zip(params, grads, slots['accumulators']):
            a_t = a + tf.square(g)
            new_a.append(a_t)
            new_params.append(p - lr * g / (tf.sqrt(a_t) + self.epsilon))
        return new_params, {'accumulators': new_a}, extra


class Adadelta(Optimizer):
    """keras 1.2.2 Adadelta. weights = accumulators + delta_accumulators."""
    _slot_names = ('accumulators', 'delta_accumulators')
    _config_keys = ('lr', 'rho', 'decay', 'epsilon')

    def __init__(self, lr=1.0, rho=0.95, epsilon=1e-8, decay=0., **kwargs):
        super(Adadelta, self).__init__(**kwargs)
        self.lr = self._variable(lr, 'lr')
        self.rho = rho
        self.epsilon = epsilon
        self.decay = self._variable(decay, 'decay')
        self.initial_decay = decay
        self.iterations = self._variable(0., 'iterations')

    def _step(self, grads, params, slots):
        lr = self._decayed_lr()
        extra = self._increment_iterations() if self.initial_decay > 0 else []
        new_params, new_a, new_d = [], [], []
        for p, g, a, d_a in zip(params, grads, slots['accumulators'], slots['delta_accumulators']):
            a_t = self.rho * a + (1. - self.rho) * tf.square(g)
            # the new accumulator and the *old* delta accumulator
            update = g * tf.sqrt(d_a + self.epsilon) / tf.sqrt(a_t + self.epsilon)
            new_params.append(p - lr * update)
            new_a.append(a_t)
            new_d.append(self.rho * d_a + (1 - self.rho) * tf.square(update))
        return new_params, {'accumulators': new_a, 'delta_accumulators': new_d}, extra


class Adam(Optimizer):
    """keras 1.2.2 Adam. weights = [iterations] + ms + vs."""
    _slot_names = ('ms', 'vs')
    _iterations_in_weights = True
    _config_keys = ('lr', 'beta_1', 'beta_2', 'decay', 'epsilon')

    def __init__(self, lr=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-8, decay=0., **kwargs):
        super(Adam, self).__init__(**kwargs)
        self.iterations = self._variable(0., 'iterations')
        self.lr = self._variable(lr, 'lr')
        self.beta_1 = self._variable(beta_1, 'beta_1')
        self.beta_2 = self._variable(beta_2, 'beta_2')
        self.epsilon = epsilon
        self.decay = self._variable(decay, 'decay')
        self.initial_decay = decay

    def _step(self, grads, params, slots):
        lr = self._decayed_lr()
        t = self.iterations + 1.
        lr_t = lr * (tf.sqrt(1. - tf.pow(self.beta_2, t)) / (1. - tf.pow(self.beta_1, t)))
        new_params, new_m, new_v = [], [], []
        for p, g, m, v in zip(params, grads, slots['ms'], slots['vs']):
            m_t = self.beta_1 * m + (1. - self.beta_1) * g
            v_t = self.beta_2 * v + (1. - self.beta_2) * tf.square(g)
            new_params.append(p - lr_t * m_t / (tf.sqrt(v_t) + self.epsilon))
            new_m.append(m_t)
            new_v.append(v_t)
        return new_params, {'ms': new_m, 'vs': new_v}, self._increment_iterations()


class Adamax(Optimizer):
    """keras 1.2.2 Adamax (Adam paper section 7). weights = [iterations] + ms + us."""
    _slot_names = ('ms', 'us')
    _iterations_in_weights = True
    _config_keys = ('lr', 'beta_1', 'beta_2', 'decay', 'epsilon')

    def __init__(self, lr=0.002, beta_1=0.9, beta_2=0.999, epsilon=1e-8, decay=0., **kwargs):
        super(Adamax, self).__init__(**kwargs)
        self.iterations = self._variable(0., 'iterations')
        self.lr = self._variable(lr, 'lr')
        self.beta_1 = self._variable(beta_1, 'beta_1')
        self.beta_2 = self._variable(beta_2, 'beta_2')
        self.epsilon = epsilon
        self.decay = self._variable(decay, 'decay')
        self.initial_decay = decay

    def _step(self, grads, params, slots):
        lr = self._decayed_lr()
        t = self.iterations + 1.
        lr_t = lr / (1. - tf.pow(self.beta_1, t))
        new_params, new_m, new_u = [], [], []
        for p, g, m, u in zip(params, grads, slots['ms'], slots['us']):
            m_t = self.beta_1 * m + (1. - self.beta_1) * g
            u_t = tf.maximum(self.beta_2 * u, tf.abs(g))
            new_params.append(p - lr_t * m_t / (u_t + self.epsilon))
            new_m.append(m_t)
            new_u.append(u_t)
        return new_params, {'ms': new_m, 'us': new_u}, self._increment_iterations()


class Nadam(Optimizer):
    """keras 1.2.2 Nadam with the warming momentum schedule.

    weights = [iterations] + ms + vs; ``m_schedule`` is state Keras 1 did not
    save (a model reloaded from ``model.save`` restarts it at 1, as in Keras 1).
    """
    _slot_names = ('ms', 'vs')
    _iterations_in_weights = True
    _config_keys = ('lr', 'beta_1', 'beta_2', 'epsilon', 'schedule_decay')

    def __init__(self, lr=0.002, beta_1=0.9, beta_2=0.999, epsilon=1e-8, schedule_decay=0.004,
                 **kwargs):
        super(Nadam, self).__init__(**kwargs)
        self.iterations = self._variable(0., 'iterations')
        self.m_schedule = self._variable(1., 'm_schedule')
        self.lr = self._variable(lr, 'lr')
        self.beta_1 = self._variable(beta_1, 'beta_1')
        self.beta_2 = self._variable(beta_2, 'beta_2')
        self.epsilon = epsilon
        self.schedule_decay = schedule_decay

    def _step(self, grads, params, slots):
        t = self.iterations + 1.
        momentum_cache_t = self.beta_1 * (1. - 0.5 * tf.pow(0.96, t * self.schedule_decay))
        momentum_cache_t_1 = self.beta_1 * (1. - 0.5 * tf.pow(0.96, (t + 1.) * self.schedule_decay))
        m_schedule_new = self.m_schedule * momentum_cache_t
        m_schedule_next = self.m_schedule * momentum_cache_t * momentum_cache_t_1
        new_params, new_m, new_v = [], [], []
        for p, g, m, v in zip(params, grads, slots['ms'], slots['vs']):
            g_prime = g / (1. - m_schedule_new)
            m_t = self.beta_1 * m + (1. - self.beta_1) * g
            m_t_prime = m_t / (1. - m_schedule_next)
            v_t = self.beta_2 * v + (1. - self.beta_2) * tf.square(g)
            v_t_prime = v_t / (1. - tf.pow(self.beta_2, t))
            m_t_bar = (1. - momentum_cache_t) * g_prime + momentum_cache_t_1 * m_t_prime
            new_params.append(p - self.lr * m_t_bar / (tf.sqrt(v_t_prime) + self.epsilon))
            new_m.append(m_t)
            new_v.append(v_t)
        extra = self._increment_iterations() + [(self.m_schedule, m_schedule_new)]
        return new_params, {'ms': new_m, 'vs': new_v}, extra


# Aliases (keras 1.2.2 optimizers.py).
class TFOptimizer(Optimizer):
    """keras 1.2.2 optimizers.TFOptimizer: a TensorFlow optimizer (``tf.compat.v1.train.Optimizer``, or a
    Keras 3 optimizer) doing the updates with its own rules; ``optimizers.get`` wraps a TF optimizer in it.
    As in Keras 1 it takes no weight constraints, and has no ``weights``/config (so ``model.save`` cannot
    store it).

    >>> import numpy as np
    >>> from compat._keras3 import tf
    >>> w = tf.Variable([1.0])
    >>> opt = TFOptimizer(tf.compat.v1.train.GradientDescentOptimizer(0.5))
    >>> _ = opt.apply_gradients([tf.constant([2.0])], [w])
    >>> w.numpy().tolist(), float(opt.iterations.numpy())
    ([0.0], 1.0)
    """

    def __init__(self, optimizer):
        self.optimizer = optimizer
        self.iterations = self._variable(0., 'iterations')
        self.updates = []
        self._params = None
        self._slots = {}

    def build(self, params):
        params = list(params)
        if self._params is None and hasattr(self.optimizer, 'build') \
                and not isinstance(self.optimizer, tf.compat.v1.train.Optimizer):
            with tf.init_scope():
                self.optimizer.build(params)  # a Keras 3 optimizer makes its slots eagerly
        self._params = params

    def apply_gradients(self, grads, params, constraints=None):
        if constraints is not None and any(c is not None for c in constraints):
            raise ValueError('TF optimizers do not support weights constraints. Either remove all weights '
                             'constraints in your model, or use a Keras optimizer.')  # keras 1.2.2 get_updates
        grads = [_dense(g, p) for g, p in zip(grads, params)]
        op = self.optimizer.apply_gradients(list(zip(grads, params)))
        self.updates = [op, self.iterations.assign_add(1.)]
        return self.updates

    @property
    def weights(self):
        raise NotImplementedError('TFOptimizer has no Keras 1 weights (keras 1.2.2 TFOptimizer.weights); '
                                  'a model compiled with it cannot be saved with its optimizer state')

    def get_config(self):
        raise NotImplementedError('TFOptimizer has no config (keras 1.2.2): save the weights only '
                                  '(model.save_weights) or compile with a Keras optimizer')

    @classmethod
    def from_config(cls, config):
        raise NotImplementedError('TFOptimizer cannot be built from a config (keras 1.2.2)')


sgd = SGD
rmsprop = RMSprop
adagrad = Adagrad
adadelta = Adadelta
adam = Adam
adamax = Adamax
nadam = Nadam

_CLASSES = {cls.__name__: cls for cls in (SGD, RMSprop, Adagrad, Adadelta, Adam, Adamax, Nadam)}
_BY_NAME = dict(_CLASSES, **{name.lower(): cls for name, cls in _CLASSES.items()})


def _lookup(name, case_insensitive=False):
    cls = _BY_NAME.get(name.lower() if case_insensitive else name)
    if cls is None:
        raise ValueError('Invalid optimizer: %r. Valid Keras 1 names: %s'
                         % (name, ', '.join(sorted(_BY_NAME))))
    return cls


def optimizer_from_config(config, custom_objects=None):
    """keras 1.2.2 optimizers.optimizer_from_config: ``{'class_name': ..., 'config': {...}}``
    (the ``training_config['optimizer_config']`` of a Keras 1 ``model.save`` file)."""
    if not isinstance(config, dict) or 'class_name' not in config:
        raise ValueError("optimizer config must be a dict {'class_name': ..., 'config': {...}}, "
                         'got %r' % (config,))
    class_name = config['class_name']
    if custom_objects and class_name in custom_objects:
        cls = custom_objects[class_name]
    else:
        cls = _lookup(class_name, case_insensitive=True)
    return cls.from_config(dict(config.get('config', {})))


def get(identifier, kwargs=None):
    """keras 1.2.2 optimizers.get: a name (instantiated with ``kwargs``), an instance, or a
    config dict -- Keras 1 ``{'name': 'sgd', 'lr': ...}`` or ``{'class_name': ..., 'config': ...}``."""
    if isinstance(identifier, Optimizer):
        return identifier
    if isinstance(identifier, tf.compat.v1.train.Optimizer):  # keras 1.2.2 get: wrap TF optimizer instances
        return TFOptimizer(identifier)
    if isinstance(identifier, str):
        return _lookup(identifier)(**(kwargs or {}))
    if isinstance(identifier, dict):
        if 'class_name' in identifier:
            return optimizer_from_config(identifier)
        if 'name' in identifier:
            config = dict(identifier)
            return _lookup(config.pop('name'))(**config)
        raise ValueError("optimizer config dict needs a 'name' or 'class_name' key, got %r"
                         % (identifier,))
    raise ValueError('optimizer must be a Keras 1 optimizer name, a compat.keras.optimizers '
                     'instance or a config dict, got %r (Keras 3 / tf optimizers do not follow '
                     'Keras 1 update rules)' % (identifier,))

from compat.keras._reexports import reexported  # noqa: E402

__getattr__ = reexported(__name__)
