"""The user functions and models of the save_custom fixtures, for Keras 1.2.2 and compat alike
(``keras`` is whichever Keras 1 API the importer sees: the real one or compat's)."""
from keras import backend as K
from keras.layers import Dense, Input
from keras.models import Model, Sequential
from keras.optimizers import Adam

CASES = ('sequential', 'functional')
MONITOR = {'sequential': 'val_mean_abs_gap', 'functional': 'val_loss'}


def scaled_squared_error(y_true, y_pred):
    return K.mean(2.0 * K.square(y_pred - y_true), axis=-1)


def mean_abs_gap(y_true, y_pred):
    return K.mean(K.abs(y_pred - y_true))


CUSTOM_OBJECTS = {'scaled_squared_error': scaled_squared_error, 'mean_abs_gap': mean_abs_gap}


def build(case):
    if case == 'sequential':
        model = Sequential()
        model.add(Dense(4, input_dim=3, activation='tanh'))
        model.add(Dense(2, activation='sigmoid'))
        model.compile(Adam(lr=0.05), loss=scaled_squared_error, metrics=['accuracy', mean_abs_gap])
        return model
    inp = Input(shape=(3,), name='features')
    hidden = Dense(4, activation='tanh', name='hidden')(inp)
    labels = Dense(2, activation='sigmoid', name='labels')(hidden)
    score = Dense(1, name='score')(hidden)
    model = Model(input=inp, output=[labels, score])
    model.compile(Adam(lr=0.05), loss={'labels': scaled_squared_error, 'score': 'mse'},
                  metrics=[mean_abs_gap], loss_weights=[1.0, 0.5])
    return model
