"""A custom Layer the Keras 1 way: K.variable weights listed in self.trainable_weights, a running mean as a
non-trainable weight moved by a self.updates pair (applied by the training step only), a weight from
add_weight with a regularizer (a real penalty), a W_regularizer appended to self.regularizers (deprecated
and ignored by 1.2.2, with a warning), a self.constraints entry (non-negative bias), K.in_train_phase, and
get_output_shape_for."""
from keras import backend as K
from keras import constraints, initializations, regularizers
from keras.engine.topology import Layer
from keras.layers import Dense
from keras.models import Sequential
from keras.optimizers import SGD


class CenteredDense(Layer):
    def __init__(self, output_dim, **kwargs):
        self.output_dim = output_dim
        self.init = initializations.get('glorot_uniform')
        self.W_regularizer = regularizers.l2(0.5)
        self.uses_learning_phase = True  # keras 1.2.2: a layer using K.in_train_phase says so
        super(CenteredDense, self).__init__(**kwargs)

    def build(self, input_shape):
        input_dim = input_shape[1]
        self.W = self.init((input_dim, self.output_dim), name='{}_W'.format(self.name))
        self.b = K.zeros((self.output_dim,), name='{}_b'.format(self.name))
        self.trainable_weights = [self.W, self.b]
        self.running_mean = K.zeros((self.output_dim,), name='{}_running_mean'.format(self.name))
        self.non_trainable_weights = [self.running_mean]
        self.gamma = self.add_weight((self.output_dim,), initializer='one', name='{}_gamma'.format(self.name),
                                     regularizer=regularizers.l2(0.1))
        self.regularizers = []
        self.W_regularizer.set_param(self.W)
        self.regularizers.append(self.W_regularizer)
        self.constraints[self.b] = constraints.nonneg()
        self.built = True

    def call(self, x, mask=None):
        h = K.dot(x, self.W)
        batch_mean = K.mean(h, axis=0)
        self.updates = [(self.running_mean, 0.5 * self.running_mean + 0.5 * batch_mean)]
        return K.in_train_phase(h - batch_mean, h - self.running_mean) * self.gamma + self.b

    def get_output_shape_for(self, input_shape):
        return (input_shape[0], self.output_dim)


def build():
    model = Sequential()
    model.add(CenteredDense(6, input_shape=(4,)))
    model.add(Dense(2, activation='tanh'))
    model.compile(loss='mse', optimizer=SGD(lr=0.5), metrics=['mae'])
    return model


def inputs(rng):
    return (rng.randn(12, 4) + 1.5).astype('float32')


def targets(rng, out):
    return rng.uniform(-0.8, 0.8, size=out.shape).astype('float32')
