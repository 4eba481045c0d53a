"""Keras 1.2.2 optimizers Keras 3 steps differently, as ``python -m compat upgrade`` inlines them.

Inlined by fixers/optimizers.py: Keras1RMSprop, Keras1Adagrad, Keras1Nadam stand for Keras 1's
optimizers of those names (table.KERAS1_OPTIMIZERS); Keras1Adam, Keras1Adamax, Keras1Adadelta are
Keras 3's on dense gradients, for files with an Embedding (table.DENSE_GRADIENT_OPTIMIZERS): keras
1.2.2 optimizers.py got Theano's dense gradients. Each class is registered (package 'keras1') so
that a saved Keras 3 model loads again with its file imported.
"""
import keras


# keras 1.2.2 optimizers.py RMSprop.get_updates
@keras.saving.register_keras_serializable(package="keras1")
class Keras1RMSprop(keras.optimizers.Optimizer):
    """Keras 1.2.2's RMSprop: a = rho * a + (1 - rho) * g ** 2, then p -= lr * g / (sqrt(a) +
    epsilon). Keras 3's RMSprop divides by sqrt(a + epsilon): other steps where a is small."""

    def __init__(self, learning_rate=0.001, rho=0.9, epsilon=1e-8, name="keras1_rmsprop", **kwargs):
        super().__init__(learning_rate=learning_rate, name=name, **kwargs)
        self.rho, self.epsilon = rho, epsilon

    def build(self, variables):
        if not self.built:
            super().build(variables)
            self.accumulators = [self.add_variable_from_reference(v, "accumulator") for v in variables]

    def update_step(self, gradient, variable, learning_rate):
        a = self.accumulators[self._get_variable_index(variable)]
        # dense (an embedding's sparse gradient too), as Theano's were: every accumulator row decays
        zeros = keras.ops.zeros(variable.shape, variable.dtype)      # (zeros_like fails on JAX)
        g = keras.ops.add(zeros, keras.ops.cast(gradient, variable.dtype))
        self.assign(a, self.rho * a + (1.0 - self.rho) * keras.ops.square(g))
        lr = keras.ops.cast(learning_rate, variable.dtype)
        self.assign_sub(variable, lr * g / (keras.ops.sqrt(a) + self.epsilon))

    def get_config(self):
        return {**super().get_config(), "rho": self.rho, "epsilon": self.epsilon}


# keras 1.2.2 optimizers.py Adagrad.get_updates
@keras.saving.register_keras_serializable(package="keras1")
class Keras1Adagrad(keras.optimizers.Optimizer):
    """Keras 1.2.2's Adagrad: a += g ** 2 (from 0), then p -= lr * g / (sqrt(a) + epsilon).
    Keras 3's Adagrad divides by sqrt(a + epsilon): other steps where a is small."""

    def __init__(self, learning_rate=0.01, epsilon=1e-8, name="keras1_adagrad", **kwargs):
        super().__init__(learning_rate=learning_rate, name=name, **kwargs)
        self.epsilon = epsilon

    def build(self, variables):
        if not self.built:
            super().build(variables)
            self.accumulators = [self.add_variable_from_reference(v, "accumulator") for v in variables]

    def update_step(self, gradient, variable, learning_rate):
        a = self.accumulators[self._get_variable_index(variable)]
        # dense (an embedding's sparse gradient too), as Theano's were: every accumulator row decays
        zeros = keras.ops.zeros(variable.shape, variable.dtype)      # (zeros_like fails on JAX)
        g = keras.ops.add(zeros, keras.ops.cast(gradient, variable.dtype))
        self.assign_add(a, keras.ops.square(g))
        lr = keras.ops.cast(learning_rate, variable.dtype)
        self.assign_sub(variable, lr * g / (keras.ops.sqrt(a) + self.epsilon))

    def get_config(self):
        return {**super().get_config(), "epsilon": self.epsilon}


# keras 1.2.2 optimizers.py Nadam.get_updates
@keras.saving.register_keras_serializable(package="keras1")
class Keras1Nadam(keras.optimizers.Optimizer):
    """Keras 1.2.2's Nadam: momentum cache c_t = beta_1 * (1 - 0.5 * 0.96 ** (t * schedule_decay)), its
    running product s; p -= lr * ((1 - c_t) * g / (1 - s_t) + c_t+1 * m / (1 - s_t * c_t+1)) /
    (sqrt(v / (1 - beta_2 ** t)) + epsilon). Keras 3's Nadam has no schedule_decay (0.96 ** t)."""

    def __init__(self, learning_rate=0.002, beta_1=0.9, beta_2=0.999, epsilon=1e-8,
                 schedule_decay=0.004, name="keras1_nadam", **kwargs):
        super().__init__(learning_rate=learning_rate, name=name, **kwargs)
        self.beta_1, self.beta_2 = beta_1, beta_2
        self.epsilon, self.schedule_decay = epsilon, schedule_decay

    def build(self, variables):
        if not self.built:
            super().build(variables)
            self.momentums = [self.add_variable_from_reference(v, "momentum") for v in variables]
            self.velocities = [self.add_variable_from_reference(v, "velocity") for v in variables]
            # the product of the momentum caches so far, kept with each variable
            self.schedules = [self.add_variable((), initializer="ones", name="m_schedule")
                              for _ in variables]

    def update_step(self, gradient, variable, learning_rate):
        i = self._get_variable_index(variable)
        m, v, schedule = self.momentums[i], self.velocities[i], self.schedules[i]
        # dense (an embedding's sparse gradient too), as Theano's were
        zeros = keras.ops.zeros(variable.shape, variable.dtype)      # (zeros_like fails on JAX)
        g = keras.ops.add(zeros, keras.ops.cast(gradient, variable.dtype))
        t = keras.ops.cast(self.iterations + 1, variable.dtype)
        cache = self.beta_1 * (1.0 - 0.5 * keras.ops.power(0.96, t * self.schedule_decay))
        cache_next = self.beta_1 * (1.0 - 0.5 * keras.ops.power(0.96, (t + 1.0) * self.schedule_decay))
        schedule_new = schedule * cache
        m_t = self.beta_1 * m + (1.0 - self.beta_1) * g
        v_t = self.beta_2 * v + (1.0 - self.beta_2) * keras.ops.square(g)
        m_bar = (1.0 - cache) * g / (1.0 - schedule_new) + cache_next * m_t / (1.0 - schedule_new * cache_next)
        v_hat = v_t / (1.0 - keras.ops.power(self.beta_2, t))
        self.assign(schedule, schedule_new)
        self.assign(m, m_t)
        self.assign(v, v_t)
        lr = keras.ops.cast(learning_rate, variable.dtype)
        self.assign_sub(variable, lr * m_bar / (keras.ops.sqrt(v_hat) + self.epsilon))

    def get_config(self):
        return {**super().get_config(), "beta_1": self.beta_1, "beta_2": self.beta_2,
                "epsilon": self.epsilon, "schedule_decay": self.schedule_decay}


# keras 1.2.2 optimizers.py Adam, Adamax, Adadelta .get_updates on Theano's dense gradients
@keras.saving.register_keras_serializable(package="keras1")
class Keras1Adam(keras.optimizers.Adam):
    """Keras 3's Adam on dense gradients, as Keras 1.2.2's were (Theano): an Embedding's rows that
    repeat in a batch are summed first. Keras 3 updates with each sparse piece alone."""

    def update_step(self, gradient, variable, learning_rate):
        zeros = keras.ops.zeros(variable.shape, variable.dtype)      # (zeros_like fails on JAX)
        dense = keras.ops.add(zeros, keras.ops.cast(gradient, variable.dtype))
        super().update_step(dense, variable, learning_rate)


@keras.saving.register_keras_serializable(package="keras1")
class Keras1Adamax(keras.optimizers.Adamax):
    """Keras 3's Adamax on dense gradients, as Keras 1.2.2's were (Theano): an Embedding's rows that
    repeat in a batch are summed first. Keras 3 updates with each sparse piece alone."""

    def update_step(self, gradient, variable, learning_rate):
        zeros = keras.ops.zeros(variable.shape, variable.dtype)      # (zeros_like fails on JAX)
        dense = keras.ops.add(zeros, keras.ops.cast(gradient, variable.dtype))
        super().update_step(dense, variable, learning_rate)


@keras.saving.register_keras_serializable(package="keras1")
class Keras1Adadelta(keras.optimizers.Adadelta):
    """Keras 3's Adadelta on dense gradients, as Keras 1.2.2's were (Theano): an Embedding's rows that
    repeat in a batch are summed first. Keras 3 updates with each sparse piece alone."""

    def update_step(self, gradient, variable, learning_rate):
        zeros = keras.ops.zeros(variable.shape, variable.dtype)      # (zeros_like fails on JAX)
        dense = keras.ops.add(zeros, keras.ops.cast(gradient, variable.dtype))
        super().update_step(dense, variable, learning_rate)
