"""Before/after tests: fit/fit_generator/evaluate_generator/predict_generator, to_categorical."""
from textwrap import dedent

from compat.upgrade.fixers import Training


def test_fit_nb_epoch(run):
    new, _ = run('model.fit(x, y, batch_size=16, nb_epoch=100)\n', Training)
    assert new == 'model.fit(x, y, batch_size=16, epochs=100)\n'


def test_fit_generator_unknown_batch(run):
    new, entries = run('model.fit_generator(gen, samples_per_epoch=1000, nb_epoch=3, '
                       'validation_data=vg, nb_val_samples=100, nb_worker=2)\n', Training)
    assert new == ('model.fit(gen, steps_per_epoch=1000, epochs=3, validation_data=vg, '
                   'validation_steps=100)\n')
    sev = [e.severity for e in entries]
    assert sev.count('warning') == 3    # two sample counts + nb_worker


def test_fit_generator_flow_batch(run):
    new, _ = run('model.fit_generator(dg.flow(X, Y, batch_size=32), len(X), 5)\n', Training)
    assert new == 'model.fit(dg.flow(X, Y, batch_size=32), steps_per_epoch=(len(X)) // 32, epochs=5)\n'


def test_predict_evaluate_generator(run):
    new, _ = run('model.predict_generator(g, 64)\nmodel.evaluate_generator(g, val_samples=64)\n',
                 Training)
    assert new == 'model.predict(g, steps=64)\nmodel.evaluate(g, steps=64)\n'


def test_to_categorical(run):
    src = 'from keras.utils.np_utils import to_categorical\ny = to_categorical(t, nb_classes=3)\n'
    new, _ = run(src, Training)
    assert new.endswith('y = to_categorical(t, num_classes=3)\n')


def test_predict_classes_warns(run):
    _, entries = run('model.predict_classes(x)\n', Training)
    assert entries[0].severity == 'warning'


def test_model_reset_states(run):
    # keras 1.2.2 engine/topology.py Container.reset_states: each stateful layer's reset_states
    new, entries = run(dedent('''\
        from keras.models import Sequential
        layer = 3
        model = Sequential()
        for i in range(2):
            # new epoch
            model.reset_states()
        lstm.reset_states()
        '''), Training)
    assert new == dedent('''\
        from keras.models import Sequential
        layer = 3
        model = Sequential()
        for i in range(2):
            # new epoch
            for layer_ in model.layers:
                if getattr(layer_, 'stateful', False):
                    layer_.reset_states()
        lstm.reset_states()
        ''')
    assert [e.severity for e in entries] == ['change', 'warning']   # lstm: not known as a model


def test_reset_states_loop_resets_keras3_stateful_layers():
    import keras
    import numpy as np
    model = keras.Sequential([keras.Input(batch_shape=(1, 2, 1)),
                              keras.layers.LSTM(2, stateful=True)])
    model.predict(np.ones((1, 2, 1)), verbose=0)
    lstm = model.layers[0]
    assert np.abs(keras.ops.convert_to_numpy(lstm.states[0])).sum() > 0
    ns = {'model': model}
    from compat.upgrade.fixers.training import RESET_STATES
    exec(RESET_STATES.format(layer='layer', model='model'), ns)
    assert np.abs(keras.ops.convert_to_numpy(lstm.states[0])).sum() == 0


def test_predict_classes_and_proba_of_a_model_built_here(run):
    new, entries = run('from keras.models import Sequential\n'
                       'model = Sequential()\n'
                       'preds = model.predict_classes(x, verbose=0)\n'
                       'proba = model.predict_proba(x)\n', Training)
    assert new == ('from keras.models import Sequential\n'
                   'model = Sequential()\n'
                   'preds = keras1_predict_classes(model, x, verbose=0)\n'
                   'proba = model.predict(x)\n')
    assert [e.severity for e in entries] == ['change', 'change']


def test_inlined_predict_classes_follows_keras1():
    # keras 1.2.2 models.py Sequential.predict_classes: argmax, or > 0.5 for one output column
    import numpy as np
    from compat.upgrade.inlined.models import keras1_predict_classes

    class Fixed:
        def __init__(self, out):
            self.out = np.asarray(out)

        def predict(self, x, batch_size=32, verbose=1):
            return self.out
    assert keras1_predict_classes(Fixed([[.1, .7, .2], [.5, .2, .3]]), None).tolist() == [1, 0]
    assert keras1_predict_classes(Fixed([[.7], [.2], [.5]]), None).tolist() == [[1], [0], [0]]
