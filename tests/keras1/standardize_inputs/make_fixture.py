"""What Keras 1.2.2 took as inputs, targets and weights, and what it raised for the rest.

usage: /tmp/keras1-oracle/run tests/keras1/standardize_inputs/make_fixture.py tests/fixtures/standardize_inputs

Writes results.json: per case id (cases.py), either {"values": [...]} (what the call returned, a list of
arrays as nested lists) or {"error": exception class name, "message": its text}. Every call starts from
the same initial weights (weights_<model>.h5, written here too).
"""
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cases  # noqa: E402


def main(out):
    os.makedirs(out, exist_ok=True)
    models, results = {}, {}
    for model_name, method, form in cases.CASES:
        if model_name not in models:
            np.random.seed(1)
            models[model_name] = cases.build(model_name)
            models[model_name].save_weights(os.path.join(out, 'weights_%s.h5' % model_name), overwrite=True)
        model = models[model_name]
        model.load_weights(os.path.join(out, 'weights_%s.h5' % model_name))
        key = cases.case_id(model_name, method, form)
        try:
            results[key] = {'values': [v.tolist() for v in cases.call(model, model_name, method, form)]}
        except Exception as e:  # what Keras 1 raised is the fixture
            results[key] = {'error': type(e).__name__, 'message': str(e)[:300]}
        print(key, results[key].get('error', 'ok'))
    with open(os.path.join(out, 'results.json'), 'w') as f:
        json.dump(results, f, indent=0, sort_keys=True)


if __name__ == '__main__':
    main(sys.argv[1])
