"""ThresholdedReLU, ParametricSoftplus and SReLU with training steps; Adamax with clipvalue."""
from keras.models import Sequential
from keras.layers import Dense
from keras.layers.advanced_activations import ThresholdedReLU, ParametricSoftplus, SReLU
from keras.optimizers import Adamax


def build():
    model = Sequential()
    model.add(Dense(6, input_dim=4))
    model.add(SReLU(t_left_init='zero', a_left_init='glorot_uniform',
                    t_right_init='glorot_uniform', a_right_init='one'))
    model.add(Dense(6))
    model.add(ParametricSoftplus(alpha_init=0.3, beta_init=4.0))
    model.add(Dense(6))
    model.add(ThresholdedReLU(theta=0.3))
    model.add(Dense(6))
    model.add(SReLU())
    model.add(Dense(2))
    model.compile(loss='mse', optimizer=Adamax(lr=0.05, clipvalue=0.5))
    return model


def warmup(model, rng):
    # move SReLU thresholds off their init so every piece of it is exercised
    w = model.get_weights()
    model.set_weights([a + 0.2 * rng.randn(*a.shape).astype('float32') for a in w])


def inputs(rng):
    return rng.randn(8, 4).astype('float32')


def targets(rng, out):
    return rng.randn(*out.shape).astype('float32')
