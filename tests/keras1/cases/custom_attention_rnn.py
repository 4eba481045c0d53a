"""A custom attention-style pooling layer that loops over time itself with K.rnn (a plain Layer subclass,
as Keras 1 users wrote them): a score per step from the layer's weights, a running weighted sum and a running
normaliser as the two states, initial states built from the input, the last output is the attention-pooled
vector; get_output_shape_for gives its shape."""
import numpy as np
from keras import backend as K
from keras.engine.topology import Layer
from keras.layers import Dense, Input
from keras.models import Model


class AttentionPool(Layer):
    def build(self, input_shape):
        dim = input_shape[2]
        self.W = self.add_weight((dim, dim), initializer='glorot_uniform', name='{}_W'.format(self.name))
        self.v = self.add_weight((dim,), initializer='uniform', name='{}_v'.format(self.name))
        super(AttentionPool, self).build(input_shape)

    def call(self, x, mask=None):
        def step(x_t, states):
            total, norm = states[0], states[1]
            score = K.exp(K.sum(K.tanh(K.dot(x_t, self.W)) * self.v, axis=-1, keepdims=True))
            total = total + score * x_t
            norm = norm + score
            return total / norm, [total, norm]

        zeros = K.zeros_like(x[:, 0, :])
        initial = [zeros, K.sum(zeros, axis=-1, keepdims=True)]
        last, _, _ = K.rnn(step, x, initial)
        return last

    def get_output_shape_for(self, input_shape):
        return (input_shape[0], input_shape[2])


def build():
    x = Input(shape=(7, 4))
    pooled = AttentionPool()(x)
    out = Dense(3, activation='softmax')(pooled)
    model = Model(x, out)
    model.compile(loss='categorical_crossentropy', optimizer='adam', metrics=['accuracy'])
    return model


def inputs(rng):
    return rng.randn(10, 7, 4).astype('float32')


def targets(rng, out):
    return np.eye(3, dtype='float32')[rng.randint(0, 3, size=len(out))]
