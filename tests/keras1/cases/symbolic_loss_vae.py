"""A loss and a metric that close over intermediate tensors of the model (z_mean, z_log_var), as keras 1.2.2
examples/variational_autoencoder.py does: the KL term trains the z_log_var layer, which the reconstruction
reaches only through a fixed-epsilon 'sampling' Lambda (Theano's RNG cannot be matched, so no random draw).
An l2 weight penalty on the encoder checks that regularisation is still added.

Note: make.py also writes full.h5; it is deleted from this case's fixture (tests/fixtures/keras1/
symbolic_loss_vae), because a loss that closes over the tensors of the built model cannot be recompiled for
a model loaded from the file, in Keras 1.2.2 too (Theano: the loss needs the old model's input).
"""
from keras import backend as K
from keras import objectives
from keras.layers import Input, Dense, Lambda
from keras.models import Model
from keras.regularizers import l2

ORIGINAL, HIDDEN, LATENT = 12, 8, 2


def shift(args):
    z_mean, z_log_var = args
    return z_mean + K.exp(z_log_var / 2) * 0.5


def build():
    x = Input(shape=(ORIGINAL,))
    h = Dense(HIDDEN, activation='relu', W_regularizer=l2(0.01))(x)
    z_mean = Dense(LATENT)(h)
    z_log_var = Dense(LATENT)(h)
    z = Lambda(shift, output_shape=(LATENT,))([z_mean, z_log_var])
    decoded = Dense(ORIGINAL, activation='sigmoid')(Dense(HIDDEN, activation='relu')(z))

    def kl_term():
        return -0.5 * K.sum(1 + z_log_var - K.square(z_mean) - K.exp(z_log_var), axis=-1)

    def kl(y_true, y_pred):  # a Keras 1 metric returns the batch value itself
        return K.mean(kl_term())

    def vae_loss(y_true, y_pred):
        return ORIGINAL * objectives.binary_crossentropy(y_true, y_pred) + kl_term()

    model = Model(x, decoded)
    model.compile(optimizer='rmsprop', loss=vae_loss, metrics=[kl, 'mse'])
    return model


def inputs(rng):
    return rng.rand(10, ORIGINAL).astype('float32')


def targets(rng, out):
    return rng.rand(*out.shape).astype('float32')
