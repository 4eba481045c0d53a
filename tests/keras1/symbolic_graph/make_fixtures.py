"""Parity fixtures for Keras 1's symbolic-graph idioms, made by the real Keras 1.2.2.

usage: /tmp/keras1-oracle/run tests/keras1/symbolic_graph/make_fixtures.py [OUT_DIR]
       (OUT_DIR defaults to tests/fixtures/symbolic_graph)

Runs every case of graphs.py (conv_filter_visualization's gradient ascent,
neural_style_transfer's accumulated loss and its gradient, Input(tensor=...))
with Keras 1.2.2 on Theano, with the stand-in weights and data that
graphs.stand_ins() draws from a seed, and writes ``<case>.npz``: the results.
tests/test_symbolic_graph.py draws the same stand-ins, runs the same cases
under compat and compares.
"""
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import graphs  # noqa: E402

from keras import backend as K  # noqa: E402
from keras.engine.topology import get_source_inputs  # noqa: E402
from keras.layers import Convolution2D, Dense, Input  # noqa: E402
from keras.models import Model  # noqa: E402

assert K.backend() == 'theano' and K.image_dim_ordering() == 'th'


class Keras1(object):
    pass


k1 = Keras1()
k1.K, k1.Input, k1.Convolution2D, k1.Dense, k1.Model = K, Input, Convolution2D, Dense, Model
k1.get_source_inputs = get_source_inputs

if __name__ == '__main__':
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, '..', '..', 'fixtures', 'symbolic_graph')
    os.makedirs(out_dir, exist_ok=True)
    weights, data = graphs.stand_ins()
    for case in graphs.CASES:
        name = case.__name__
        out = case(k1, weights[name], data[name])
        path = os.path.join(out_dir, name + '.npz')
        np.savez_compressed(path + '.part.npz', **out)
        os.replace(path + '.part.npz', path)
        print(name, dict((k, np.asarray(v).shape) for k, v in sorted(out.items())))
