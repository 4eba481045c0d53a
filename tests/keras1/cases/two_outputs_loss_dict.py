"""Functional model with two named outputs: a dict of losses, loss_weights, metrics=['accuracy']
(binary accuracy on the sigmoid head, categorical on the softmax head)."""
from keras.layers import Input, Dense
from keras.models import Model


def build():
    x = Input(shape=(6,), name='features')
    h = Dense(8, activation='relu')(x)
    flag = Dense(1, activation='sigmoid', name='flag')(h)
    kind = Dense(4, activation='softmax', name='kind')(h)
    model = Model(input=x, output=[flag, kind])
    model.compile(optimizer='adam',
                  loss={'flag': 'binary_crossentropy', 'kind': 'categorical_crossentropy'},
                  loss_weights={'flag': 0.3, 'kind': 2.0}, metrics=['accuracy'])
    return model


def inputs(rng):
    return rng.randn(10, 6).astype('float32')


def targets(rng, out):
    flag = rng.randint(0, 2, size=out[0].shape).astype('float32')
    kind = (out[1] * 0).astype('float32')
    kind[range(len(kind)), rng.randint(0, 4, size=len(kind))] = 1
    return [flag, kind]
