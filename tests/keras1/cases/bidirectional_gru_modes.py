"""Bidirectional(GRU) in the merge modes concat, sum, mul, ave on masked input (merge_mode=None
fails inside Keras 1.2.2 itself on masked input: its compute_mask returns one mask for two outputs)."""
from keras.layers import Input, Embedding, GRU, Bidirectional, Dense, merge
from keras.models import Model


def build():
    x = Input(shape=(6,), dtype='int32')
    e = Embedding(20, 4, mask_zero=True)(x)
    outs = [Bidirectional(GRU(3), merge_mode=m)(e) for m in ('concat', 'sum', 'mul', 'ave')]
    out = Dense(2)(merge(outs, mode='concat'))
    model = Model(input=x, output=out)
    model.compile(loss='mse', optimizer='rmsprop')
    return model


def warmup(model, rng):
    model.set_weights([w * 3 for w in model.get_weights()])


def inputs(rng):
    x = rng.randint(1, 20, size=(5, 6))
    for i, n in enumerate([0, 1, 3, 4, 5]):
        x[i, :n] = 0
    return x


def targets(rng, out):
    return rng.randn(*out.shape).astype('float32')
