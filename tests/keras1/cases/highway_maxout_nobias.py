"""Highway, MaxoutDense (with an activity regularizer) and Dense(bias=False);
Adadelta(rho) with clipnorm; mae."""
from keras.models import Sequential
from keras.layers import Dense, Highway, MaxoutDense
from keras.optimizers import Adadelta
from keras.regularizers import activity_l2


def build():
    model = Sequential()
    model.add(Dense(6, input_dim=4, bias=False, activation='tanh'))
    model.add(Highway(activation='relu'))
    model.add(MaxoutDense(5, nb_feature=3, activity_regularizer=activity_l2(0.05)))
    model.add(Highway())
    model.add(Dense(2, bias=False))
    model.compile(loss='mae', optimizer=Adadelta(lr=1.0, rho=0.9, clipnorm=0.5))
    return model


def inputs(rng):
    return rng.randn(7, 4).astype('float32')


def targets(rng, out):
    return rng.randn(*out.shape).astype('float32')
