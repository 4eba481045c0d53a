"""A layer wrapper written the Keras 1 way: a Wrapper subclass that builds the wrapped Dense itself, calls
Wrapper.build (which takes over its weights) and adds the wrapped layer's output to its input; trained, so the
wrapped weights must be the wrapper's trainable weights (and its W_regularizer penalty the model's)."""
from keras.engine import InputSpec
from keras.layers import Dense
from keras.layers.wrappers import Wrapper
from keras.models import Sequential
from keras.regularizers import l2


class Residual(Wrapper):
    def build(self, input_shape):
        self.input_spec = [InputSpec(shape=input_shape)]
        if not self.layer.built:
            self.layer.build(input_shape)
            self.layer.built = True
        super(Residual, self).build()

    def get_output_shape_for(self, input_shape):
        return input_shape

    def call(self, x, mask=None):
        return x + self.layer.call(x)


def build():
    model = Sequential()
    model.add(Dense(5, activation='tanh', input_dim=3))
    model.add(Residual(Dense(5, activation='relu', W_regularizer=l2(0.05))))
    model.add(Dense(2))
    model.compile(loss='mse', optimizer='adagrad')
    return model


def inputs(rng):
    return rng.randn(9, 3).astype('float32')


def targets(rng, out):
    return rng.randn(*out.shape).astype('float32')
