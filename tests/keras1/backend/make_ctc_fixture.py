"""Write the keras 1.2.2 CTC fixture with the real Keras 1.2.2 (Theano) oracle.

usage: /tmp/keras1-oracle/run tests/keras1/backend/make_ctc_fixture.py [OUT.npz]
(default tests/fixtures/backend/ctc.npz). theano_backend ctc_batch_cost on softmax outputs of several
lengths, labels with repeated classes (no blank skip between them) and float labels (as image_ocr feeds
them): the (1, samples) costs and the gradient of their sum with respect to the predictions.
"""
import sys

import numpy as np
from keras import backend as K

assert K.backend() == 'theano'
rng = np.random.RandomState(3)
logits = rng.randn(4, 7, 5).astype('float32')
probs = (np.exp(logits) / np.exp(logits).sum(-1, keepdims=True)).astype('float32')
labels = np.array([[1, 1, 2], [0, 3, 3], [2, 0, 1], [3, 2, 3]], 'float32')
input_length = np.array([[7], [5], [4], [6]], 'int32')
label_length = np.array([[3], [2], [1], [3]], 'int32')
y_true, y_pred = K.placeholder(ndim=2), K.placeholder(ndim=3)
lengths = [K.placeholder(ndim=2, dtype='int32') for _ in range(2)]
cost = K.ctc_batch_cost(y_true, y_pred, lengths[0], lengths[1])
run = K.function([y_true, y_pred] + lengths, [cost] + K.gradients(K.sum(cost), [y_pred]))
costs, grads = run([labels, probs, input_length, label_length])
np.savez(sys.argv[1] if len(sys.argv) > 1 else 'tests/fixtures/backend/ctc.npz', probs=probs, labels=labels,
         input_length=input_length, label_length=label_length, costs=costs.astype('float32'),
         grads=grads.astype('float32'))
print('costs', costs.tolist())
