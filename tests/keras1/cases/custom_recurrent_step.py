"""A recurrent layer written the Keras 1 way: a Recurrent subclass with its own step, its weights from
add_weight, preprocess_input (time_distributed_dense of the input weights, as 1.2.2's SimpleRNN with
consume_less='cpu'), get_constants (a per-sample context vector appended to the states) and the default
get_initial_states; stacked under Masking (masked steps) with a go_backwards copy."""
from keras import backend as K
from keras.engine import InputSpec
from keras.layers import Dense, Masking
from keras.layers.recurrent import Recurrent, time_distributed_dense
from keras.models import Sequential


class ContextRNN(Recurrent):
    def __init__(self, output_dim, **kwargs):
        self.output_dim = output_dim
        super(ContextRNN, self).__init__(**kwargs)

    def build(self, input_shape):
        self.input_spec = [InputSpec(shape=input_shape)]
        input_dim = input_shape[2]
        self.input_dim = input_dim
        self.states = [None]
        self.W = self.add_weight((input_dim, self.output_dim), initializer='glorot_uniform',
                                 name='{}_W'.format(self.name))
        self.U = self.add_weight((self.output_dim, self.output_dim), initializer='uniform',
                                 name='{}_U'.format(self.name))
        self.C = self.add_weight((input_dim, self.output_dim), initializer='normal', name='{}_C'.format(self.name))
        self.b = self.add_weight((self.output_dim,), initializer='zero', name='{}_b'.format(self.name))
        self.built = True

    def preprocess_input(self, x):
        input_shape = K.int_shape(x)
        return time_distributed_dense(x, self.W, self.b, input_dim=input_shape[2], output_dim=self.output_dim,
                                      timesteps=input_shape[1])

    def get_constants(self, x):
        return [K.dot(K.mean(x, axis=1), self.C)]

    def step(self, x, states):
        prev_output, context = states[0], states[1]
        output = K.tanh(x + K.dot(prev_output, self.U) + context)
        return output, [output]


def build():
    model = Sequential()
    model.add(Masking(mask_value=0., input_shape=(6, 3)))
    model.add(ContextRNN(5, return_sequences=True))
    model.add(ContextRNN(4, go_backwards=True))
    model.add(Dense(2))
    model.compile(loss='mse', optimizer='rmsprop')
    return model


def inputs(rng):
    x = rng.randn(8, 6, 3).astype('float32')
    x[0, 4:] = 0.  # masked trailing steps
    x[3, :2] = 0.  # masked leading steps
    return x


def targets(rng, out):
    return rng.randn(*out.shape).astype('float32')
