"""merge() of tensors with mode='sum' and 'mul' (three inputs); 8-way softmax with
top_k_categorical_accuracy (k=5) and categorical accuracy."""
from keras.layers import Input, Dense, merge
from keras.models import Model


def build():
    a, b, c = Input(shape=(3,)), Input(shape=(3,)), Input(shape=(3,))
    ha, hb, hc = [Dense(7, activation='tanh')(t) for t in (a, b, c)]
    s = merge([ha, hb, hc], mode='sum')
    m = merge([ha, hb, hc], mode='mul')
    out = Dense(8, activation='softmax')(merge([s, m], mode='concat'))
    model = Model(input=[a, b, c], output=out)
    model.compile(loss='categorical_crossentropy', optimizer='adam',
                  metrics=['top_k_categorical_accuracy', 'accuracy'])
    return model


def inputs(rng):
    return [rng.randn(9, 3).astype('float32') for _ in range(3)]


def targets(rng, out):
    y = (out * 0).astype('float32')
    y[range(len(y)), rng.randint(0, 8, size=len(y))] = 1
    return y
