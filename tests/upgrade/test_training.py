"""Before/after tests: fit/fit_generator/evaluate_generator/predict_generator, to_categorical."""
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
