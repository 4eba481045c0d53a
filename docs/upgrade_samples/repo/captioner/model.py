"""The caption model of the Keras 1 README, tiny."""
import keras
from keras.models import Sequential, Model
from keras.layers import (Conv2D, Activation, MaxPooling2D, Flatten, Dense,
                          Embedding, GRU, RepeatVector, Input, Permute, TimeDistributed, concatenate)

from . import config


@keras.saving.register_keras_serializable(package="keras1")
def keras1_hard_sigmoid(x):
    """Keras 1.2.2's hard sigmoid, clip(0.2 * x + 0.5, 0, 1); Keras 3's "hard_sigmoid" has slope 1/6."""
    return keras.ops.clip(0.2 * x + 0.5, 0.0, 1.0)


@keras.saving.register_keras_serializable(package="keras1")
class Keras1RMSprop(keras.optimizers.Optimizer):
    """Keras 1.2.2's RMSprop: a = rho * a + (1 - rho) * g ** 2, then p -= lr * g / (sqrt(a) +
    epsilon). Keras 3's RMSprop divides by sqrt(a + epsilon): other steps where a is small."""

    def __init__(self, learning_rate=0.001, rho=0.9, epsilon=1e-8, name="keras1_rmsprop", **kwargs):
        super().__init__(learning_rate=learning_rate, name=name, **kwargs)
        self.rho, self.epsilon = rho, epsilon

    def build(self, variables):
        if not self.built:
            super().build(variables)
            self.accumulators = [self.add_variable_from_reference(v, "accumulator") for v in variables]

    def update_step(self, gradient, variable, learning_rate):
        a = self.accumulators[self._get_variable_index(variable)]
        # dense (an embedding's sparse gradient too), as Theano's were: every accumulator row decays
        zeros = keras.ops.zeros(variable.shape, variable.dtype)      # (zeros_like fails on JAX)
        g = keras.ops.add(zeros, keras.ops.cast(gradient, variable.dtype))
        self.assign(a, self.rho * a + (1.0 - self.rho) * keras.ops.square(g))
        lr = keras.ops.cast(learning_rate, variable.dtype)
        self.assign_sub(variable, lr * g / (keras.ops.sqrt(a) + self.epsilon))

    def get_config(self):
        return {**super().get_config(), "rho": self.rho, "epsilon": self.epsilon}


def build(nb_filters=4):
    image_model = Sequential()
    image_model.add(Input(shape=config.image_shape))
    # Keras 1's channels-first arrays in; the image layers run channels-last
    image_model.add(Permute((2, 3, 1), name='image_model_to_channels_last'))
    image_model.add(Conv2D(nb_filters, (3, 3), padding='valid'))
    image_model.add(Activation('relu'))
    image_model.add(MaxPooling2D(pool_size=(2, 2)))
    # back to Keras 1's channels-first order for Flatten
    image_model.add(Permute((3, 1, 2), name='image_model_to_channels_first'))
    image_model.add(Flatten())
    image_model.add(Dense(16))
    image_model.add(RepeatVector(int(config.max_caption_len)))

    language_model = Sequential()
    language_model.add(Input(shape=(config.max_caption_len,)))
    language_model.add(Embedding(int(config.vocab_size), 8))
    language_model.add(GRU(units=16, return_sequences=True, recurrent_activation=keras1_hard_sigmoid, reset_after=False))
    language_model.add(TimeDistributed(Dense(16)))

    x = concatenate([image_model.outputs[0], language_model.outputs[0]], axis=-1)
    x = GRU(16, return_sequences=False, recurrent_activation=keras1_hard_sigmoid, reset_after=False)(x)
    x = Dense(int(config.vocab_size))(x)
    x = Activation('softmax')(x)
    model = Model(inputs=[*image_model.inputs, *language_model.inputs], outputs=x)
    model.compile(loss='categorical_crossentropy', optimizer=Keras1RMSprop())
    print('model built:', len(model.layers), 'layers')
    return model
