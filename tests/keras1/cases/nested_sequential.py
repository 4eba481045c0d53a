"""A Sequential used as a layer inside a functional Model (applied to two inputs), plus a
functional sub-Model used as a layer; Adagrad."""
from keras.layers import Input, Dense, Activation, merge
from keras.models import Model, Sequential


def build():
    tower = Sequential()
    tower.add(Dense(6, input_dim=4, activation='relu'))
    tower.add(Dense(5))
    tower.add(Activation('tanh'))
    i = Input(shape=(5,))
    sub = Model(input=i, output=Dense(3, activation='sigmoid')(i))
    a, b = Input(shape=(4,)), Input(shape=(4,))
    h = merge([tower(a), tower(b)], mode='sum')
    out = Dense(2)(merge([sub(h), h], mode='concat'))
    model = Model(input=[a, b], output=out)
    model.compile(loss='mse', optimizer='adagrad')
    return model


def inputs(rng):
    return [rng.randn(6, 4).astype('float32'), rng.randn(6, 4).astype('float32')]


def targets(rng, out):
    return rng.randn(*out.shape).astype('float32')
