"""Lambda with a named function and output_shape, Permute, RepeatVector, ActivityRegularization
(penalty in the training loss, a plain sum over the batch in Keras 1); mape loss, small-lr SGD."""
from keras import backend as K
from keras.models import Sequential
from keras.optimizers import SGD
from keras.layers import Dense, Lambda, Permute, RepeatVector, Flatten, ActivityRegularization


def square_plus_one(x):
    return K.square(x) + 1.0


def first_half(x):
    return x[:, :3]


def build():
    model = Sequential()
    model.add(Dense(6, input_dim=4))
    model.add(Lambda(square_plus_one, output_shape=(6,)))
    model.add(Lambda(first_half, output_shape=lambda s: (s[0], 3)))
    model.add(RepeatVector(4))
    model.add(Permute((2, 1)))
    model.add(ActivityRegularization(l1=0.01, l2=0.02))
    model.add(Flatten())
    model.add(Dense(3))
    model.add(ActivityRegularization(l2=0.1))
    model.compile(loss='mape', optimizer=SGD(lr=2e-4))
    return model


def inputs(rng):
    return rng.randn(6, 4).astype('float32')


def targets(rng, out):
    return (rng.rand(*out.shape) + 0.5).astype('float32')
