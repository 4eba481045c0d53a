"""One output per loss: msle, kld, cosine_proximity, hinge, mae (list of losses, list of
loss_weights, per-output metrics dict); SGD with clipnorm."""
from keras.layers import Input, Dense
from keras.models import Model
from keras.optimizers import SGD


def build():
    x = Input(shape=(5,))
    h = Dense(8, activation='tanh')(x)
    o1 = Dense(3, activation='softplus', name='msle_out')(h)
    o2 = Dense(4, activation='softmax', name='kld_out')(h)
    o3 = Dense(3, name='cos_out')(h)
    o4 = Dense(2, activation='tanh', name='hinge_out')(h)
    o5 = Dense(2, name='mae_out')(h)
    model = Model(input=x, output=[o1, o2, o3, o4, o5])
    model.compile(optimizer=SGD(lr=0.1, clipnorm=1.0),
                  loss=['msle', 'kld', 'cosine_proximity', 'hinge', 'mae'],
                  loss_weights=[1.0, 0.5, 1.0, 2.0, 1.0],
                  metrics={'msle_out': ['mse'], 'hinge_out': ['accuracy', 'mae']})
    return model


def inputs(rng):
    return rng.randn(7, 5).astype('float32')


def targets(rng, out):
    kl = rng.rand(*out[1].shape).astype('float32')
    return [rng.rand(*out[0].shape).astype('float32') * 3,
            kl / kl.sum(axis=1, keepdims=True),
            rng.randn(*out[2].shape).astype('float32'),
            (rng.randint(0, 2, size=out[3].shape) * 2 - 1).astype('float32'),
            rng.randn(*out[4].shape).astype('float32')]
