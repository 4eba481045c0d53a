"""What Keras 1.2.2 writes and resumes for models compiled with the user's own functions.

usage: /tmp/keras1-oracle/run tests/keras1/save_custom/make_fixtures.py tests/fixtures/save_custom

Per case (a Sequential and a two-output functional Model, each compiled with a
user loss and a user metric and Adam, so resuming needs the optimizer state):
  weights.h5          the initial weights (save_weights)
  full.h5             model.save after TRAIN_STEPS train_on_batch steps
  best.h5             ModelCheckpoint(save_best_only=True) during fit from the initial weights
  io.npz              x, y, val_x, val_y; steps (losses of the first steps), resumed (losses of
                      RESUME_STEPS more steps of load_model(full.h5, custom_objects)), fit_history
                      (the monitored value per epoch), best_resumed (steps after load_model(best.h5))
  training_config.json  the training_config attribute of full.h5, as Keras 1 wrote it
The user functions live in functions.py, imported by this script and by the test.
"""
import json
import os
import sys

import h5py
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import functions  # noqa: E402

from keras.callbacks import ModelCheckpoint  # noqa: E402
from keras.models import load_model  # noqa: E402

TRAIN_STEPS, RESUME_STEPS, FIT_EPOCHS = 3, 3, 4


def data(case):
    rng = np.random.RandomState(5)
    x, vx = rng.rand(16, 3).astype('float32'), rng.rand(8, 3).astype('float32')
    def targets(n):
        a = (rng.rand(n, 2) > 0.5).astype('float32')
        return a if case == 'sequential' else [a, rng.rand(n, 1).astype('float32')]
    return x, targets(16), vx, targets(8)


def rows(values):
    return np.array([np.atleast_1d(v) for v in values], dtype='float64')


def run(case, out_root):
    out = os.path.join(out_root, case)
    os.makedirs(out, exist_ok=True)
    np.random.seed(1337)
    model = functions.build(case)
    model.save_weights(os.path.join(out, 'weights.h5'), overwrite=True)
    x, y, vx, vy = data(case)
    steps = rows(model.train_on_batch(x, y) for _ in range(TRAIN_STEPS))
    full = os.path.join(out, 'full.h5')
    model.save(full)
    with h5py.File(full, 'r') as f:
        config = json.loads(f.attrs['training_config'].decode('utf8'))
    with open(os.path.join(out, 'training_config.json'), 'w') as f:
        json.dump(config, f, indent=1, sort_keys=True)
    loaded = load_model(full, custom_objects=functions.CUSTOM_OBJECTS)
    resumed = rows(loaded.train_on_batch(x, y) for _ in range(RESUME_STEPS))

    model = functions.build(case)
    model.load_weights(os.path.join(out, 'weights.h5'))
    best = os.path.join(out, 'best.h5')
    checkpoint = ModelCheckpoint(best, monitor=functions.MONITOR[case], save_best_only=True, mode='min')
    history = model.fit(x, y, batch_size=8, nb_epoch=FIT_EPOCHS, verbose=0, shuffle=False,
                        validation_data=(vx, vy), callbacks=[checkpoint])
    loaded = load_model(best, custom_objects=functions.CUSTOM_OBJECTS)
    best_resumed = rows(loaded.train_on_batch(x, y) for _ in range(RESUME_STEPS))

    arrays = {'x': x, 'val_x': vx, 'steps': steps, 'resumed': resumed, 'best_resumed': best_resumed,
              'fit_history': np.array(history.history[functions.MONITOR[case]], dtype='float64')}
    for name, value in (('y', y), ('val_y', vy)):
        for i, a in enumerate(value if isinstance(value, list) else [value]):
            arrays['%s%d' % (name, i)] = a
    np.savez(os.path.join(out, 'io.npz'), **arrays)
    print(case, 'metrics', model.metrics_names, 'steps', steps[:, 0], 'resumed', resumed[:, 0])


if __name__ == '__main__':
    for case in functions.CASES:
        run(case, sys.argv[1])
