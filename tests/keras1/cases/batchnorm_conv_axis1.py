"""BatchNormalization mode 0, axis=1 on 'th' conv maps and axis=-1 on Dense features, with set
running statistics, and training steps (running statistics moving during training)."""
from keras.models import Sequential
from keras.layers import Convolution2D, Flatten, Dense, Activation
from keras.layers.normalization import BatchNormalization


def build():
    model = Sequential()
    model.add(Convolution2D(3, 2, 2, input_shape=(2, 5, 5)))
    model.add(BatchNormalization(mode=0, axis=1, momentum=0.8))
    model.add(Activation('relu'))
    model.add(Flatten())
    model.add(Dense(6))
    model.add(BatchNormalization(mode=0))
    model.add(Dense(2))
    model.compile(loss='mse', optimizer='adam')
    return model


def warmup(model, rng):
    # give the running statistics (and gamma/beta) real values by hand: training here would
    # also advance Adam's state, which the weights file does not carry to the check
    for layer in model.layers:
        if isinstance(layer, BatchNormalization):
            gamma, beta, mean, var = layer.get_weights()
            n = len(gamma)
            layer.set_weights([(1 + 0.3 * rng.randn(n)).astype('float32'),
                               (0.3 * rng.randn(n)).astype('float32'),
                               rng.randn(n).astype('float32'),
                               (0.5 + 2 * rng.rand(n)).astype('float32')])


def inputs(rng):
    return rng.randn(6, 2, 5, 5).astype('float32') * 2 + 1


def targets(rng, out):
    return rng.randn(*out.shape).astype('float32')
