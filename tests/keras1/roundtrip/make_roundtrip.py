"""Files written by compat, read by the real Keras 1.2.2.

Step 1 (compat):  .venv/bin/python tests/keras1/roundtrip/make_roundtrip.py write
    for each case: load the Keras 1 fixture's full.h5 in compat, train one step, then
    model.save() -> tests/fixtures/roundtrip/<case>.h5 and save_weights() -> <case>.weights.h5
Step 2 (oracle):  /tmp/keras1-oracle/run tests/keras1/roundtrip/make_roundtrip.py read
    real Keras 1.2.2 load_model()s each compat file and records its predictions and the losses
    of two more training steps -> <case>.keras1.npz; it also builds the case model and
    load_weights()s the compat weights file -> predictions_from_weights.
tests/test_keras1_files.py checks compat against these.
"""
import importlib.util
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, '..', '..', 'fixtures')
CASES = ['seed_caption_small', 'conv2d_th_adam', 'gru_masked', 'lstm_timedistributed', 'functional_merge',
         'conv1d_text_adagrad', 'dense_sgd_nesterov', 'merge_modes']


def io_arrays(case):
    io = np.load(os.path.join(FIXTURES, 'keras1', case, 'io.npz'))
    pick = lambda p: [io[k] for k in sorted((k for k in io.files if k.startswith(p) and k[len(p):].isdigit()),
                                           key=lambda k: int(k[len(p):]))]
    one = lambda a: a[0] if len(a) == 1 else a
    return one(pick('x')), one(pick('y'))


def write():
    import compat
    from compat.keras.models import load_model
    for case in CASES:
        x, y = io_arrays(case)
        model = load_model(os.path.join(FIXTURES, 'keras1', case, 'full.h5'))
        model.train_on_batch(x, y)
        model.save(os.path.join(FIXTURES, 'roundtrip', case + '.h5'))
        model.save_weights(os.path.join(FIXTURES, 'roundtrip', case + '.weights.h5'))
        print(case, 'written')


def read():
    from keras.models import load_model
    for case in CASES:
        x, y = io_arrays(case)
        model = load_model(os.path.join(FIXTURES, 'roundtrip', case + '.h5'))
        pred = model.predict(x, batch_size=64)
        losses = np.array([np.atleast_1d(model.train_on_batch(x, y)) for _ in range(2)])
        spec = importlib.util.spec_from_file_location(case, os.path.join(HERE, '..', 'cases', case + '.py'))
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        fresh = module.build()
        fresh.load_weights(os.path.join(FIXTURES, 'roundtrip', case + '.weights.h5'))
        from_weights = fresh.predict(x, batch_size=64)
        arrays = {'losses': losses}
        for name, value in (('predictions', pred), ('predictions_from_weights', from_weights)):
            for i, p in enumerate(value if isinstance(value, list) else [value]):
                arrays['%s%d' % (name, i)] = p
        np.savez_compressed(os.path.join(FIXTURES, 'roundtrip', case + '.keras1.npz'), **arrays)
        print(case, 'read by Keras 1.2.2', losses[:, 0])


if __name__ == '__main__':
    {'write': write, 'read': read}[sys.argv[1]]()
