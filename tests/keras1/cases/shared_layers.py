"""A shared Embedding+LSTM encoder and a shared Dense used twice (siamese), merged by cos and
concat; cosine_proximity loss on a Dense head and mse on the cosine."""
from keras.layers import Input, Embedding, LSTM, Dense, Flatten, merge
from keras.models import Model


def build():
    a = Input(shape=(5,), dtype='int32')
    b = Input(shape=(5,), dtype='int32')
    embed = Embedding(16, 4)
    encode = LSTM(5)
    project = Dense(4, activation='tanh')
    ea, eb = project(encode(embed(a))), project(encode(embed(b)))
    sim = Flatten()(merge([ea, eb], mode='cos', dot_axes=1))
    head = Dense(3, name='head')(merge([ea, eb], mode='concat'))
    model = Model(input=[a, b], output=[head, sim])
    model.compile(optimizer='rmsprop', loss=['cosine_proximity', 'mse'])
    return model


def warmup(model, rng):
    model.set_weights([w * 3 for w in model.get_weights()])


def inputs(rng):
    return [rng.randint(0, 16, size=(6, 5)), rng.randint(0, 16, size=(6, 5))]


def targets(rng, out):
    return [rng.randn(*out[0].shape).astype('float32'),
            rng.uniform(-1, 1, size=out[1].shape).astype('float32')]
