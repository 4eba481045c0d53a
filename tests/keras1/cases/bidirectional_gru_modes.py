"""Bidirectional(GRU) in all merge modes (concat, sum, mul, ave, None) on masked input;
the None mode's two outputs are model outputs."""
from keras.layers import Input, Embedding, GRU, Bidirectional, Dense, merge
from keras.models import Model


def build():
    x = Input(shape=(6,), dtype='int32')
    e = Embedding(20, 4, mask_zero=True)(x)
    outs = [Bidirectional(GRU(3), merge_mode=m)(e) for m in ('concat', 'sum', 'mul', 'ave')]
    fwd, bwd = Bidirectional(GRU(2), merge_mode=None)(e)
    out = Dense(2)(merge(outs, mode='concat'))
    model = Model(input=x, output=[out, fwd, bwd])
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
    return [rng.randn(*o.shape).astype('float32') for o in out]
