"""Print model.summary() for several Keras 1 cases; the same script runs under the real
Keras 1.2.2 (to make tests/fixtures/summaries/keras1.txt) and under `python -m compat`:

    /tmp/keras1-oracle/run tests/keras1/summaries/print_summaries.py > tests/fixtures/summaries/keras1.txt
"""
import importlib.util
import os

CASES = ['seed_caption_small', 'functional_merge', 'dense_sgd_nesterov', 'merge_modes', 'conv2d_th_adam',
         'lstm_timedistributed', 'batchnorm_mode0']
here = os.path.dirname(os.path.abspath(__file__))

for name in CASES:
    spec = importlib.util.spec_from_file_location(name, os.path.join(here, '..', 'cases', name + '.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    print('# ' + name)
    module.build().summary()
