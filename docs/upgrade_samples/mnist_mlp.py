'''Python 2 version of keras 1.2.2 examples/mnist_mlp.py on stand-in data: a tiny MNIST-style
set that Python 2 cPickled (../tiny_mnist_py2.pkl.gz, 1x8x8 images of 3 classes).'''
import pickle
import gzip
import os

import numpy as np
np.random.seed(1337)  # for reproducibility

import keras
from keras.models import Sequential
from keras.layers import Dense, Dropout, Activation, Input
from keras import utils as np_utils


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


batch_size = 8
nb_classes = 3
nb_epoch = 1

f = gzip.open(os.path.join(os.path.dirname(__file__), '..', 'tiny_mnist_py2.pkl.gz'), 'rb')
(X_train, y_train), (X_test, y_test) = pickle.load(f, encoding='latin1')
f.close()

X_train = X_train.reshape(len(X_train), 64)
X_test = X_test.reshape(len(X_test), 64)
print(X_train.shape[0], 'train samples')
print(X_test.shape[0], 'test samples')
print(len(X_train) // batch_size, 'batches per epoch')

Y_train = np_utils.to_categorical(y_train, nb_classes)
Y_test = np_utils.to_categorical(y_test, nb_classes)

model = Sequential()
model.add(Input(shape=(64,)))
model.add(Dense(32))
model.add(Activation('relu'))
model.add(Dropout(0.2))
model.add(Dense(nb_classes))
model.add(Activation('softmax'))

model.compile(loss='categorical_crossentropy', optimizer=Keras1RMSprop(), metrics=['accuracy'])
history = model.fit(X_train, Y_train, batch_size=batch_size, epochs=nb_epoch,
                    verbose=0, validation_data=(X_test, Y_test))
for key, values in sorted(history.history.items()):
    print(key, '%.6f' % values[-1])
score = model.evaluate(X_test, Y_test, verbose=0)
print('RESULT', '%.6f' % score[0], '%.6f' % score[1])
