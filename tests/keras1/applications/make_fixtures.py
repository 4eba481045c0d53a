"""Parity fixtures for keras.applications, made by the real Keras 1.2.2.

usage: /tmp/keras1-oracle/run tests/keras1/applications/make_fixtures.py [OUT_DIR] [CASE ...]
       (OUT_DIR defaults to tests/fixtures/applications; CASE names as in cases.py, default all)

Why stand-in weights made from a seed, and only predictions committed: the
applications carry 14-140 million weights (56-550 MB a file), far too big to
commit, and the real ImageNet files are not needed to check the numerics. For
each case (cases.py) this script

1. builds the model with ``weights=None`` in the case's ordering to read its
   layers' weight names and shapes;
2. writes a stand-in weights file from the case's seed (standin.py) under the
   exact file name Keras 1.2.2 used, in a temporary ``~/.keras/models``;
3. builds the model again with ``weights='imagenet'`` (``'msd'``): Keras 1.2.2's
   own code reads the file, and converts the kernels as it did (on this Theano
   backend it flips the TensorFlow-kernel 'tf' files, and the MusicTaggerCRNN
   files, with ``convert_all_kernels_in_model``);
4. predicts on stand-in images (the seed again) passed through the model's own
   ``preprocess_input``.

It commits ``<case>.json`` (the case, the layer list the weights file is made
from, the file name) and ``<case>.npz`` (the predictions): under 1 MB in
all. tests/test_applications.py rebuilds the same file and images from the
seed and checks compat's predictions against these.

Two things the oracle cannot do as a user's Keras 1 did, and how they are
handled:
- ResNet50 and InceptionV3 checked the md5 of the real files; a stand-in never
  matches, so ``validate_file`` accepts it here. Downloading is made to fail.
- Xception existed only on Keras 1's TensorFlow backend (it raises RuntimeError
  on Theano, checked below). Its case runs Keras 1.2.2's own xception.py with the
  three TensorFlow-backend primitives it relied on given in Theano:
  ``conv2d`` as a correlation (TensorFlow's; the 'tf' file's kernels are used
  unconverted, as on TensorFlow), ``separable_conv2d`` (a depthwise correlation,
  ``num_groups`` = channels, then a 1x1 correlation) and 'same' ``pool2d`` as
  TensorFlow's 'SAME' (the odd padding at the end) -- see ``tensorflow_primitives``.
"""
import contextlib
import importlib
import json
import os
import shutil
import sys
import tempfile
import warnings

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import cases as case_table  # noqa: E402
import standin  # noqa: E402

from keras import backend as K  # noqa: E402
from keras.utils import data_utils  # noqa: E402


def _no_download(*args, **kwargs):
    raise RuntimeError('make_fixtures.py never downloads (stand-in weights only): %s' % (args,))


data_utils.urlretrieve = _no_download
data_utils.validate_file = lambda fpath, md5_hash: True


def layer_list(model):
    """[[layer_name, [[weight_name, shape], ...]], ...] of every layer, as save_weights lists them."""
    return [[layer.name, [[str(w.name), [int(d) for d in K.get_value(w).shape]] for w in layer.weights]]
            for layer in model.layers]


@contextlib.contextmanager
def tensorflow_primitives():
    """Keras 1.2.2's TensorFlow-backend conv2d, separable_conv2d and 'same' max pooling, written in Theano, so
    its xception.py runs here (tensorflow_backend.py conv2d / separable_conv2d / pool2d; 'tf' ordering only)."""
    import theano.tensor as T
    from keras.backend import theano_backend as TB
    from keras.layers import convolutional, pooling

    def separable_conv2d(x, depthwise_kernel, pointwise_kernel, strides=(1, 1), border_mode='valid',
                         dim_ordering='default'):
        assert border_mode == 'same' and tuple(strides) == (1, 1)  # all Xception uses
        rows, cols, channels, multiplier = [int(d) for d in K.get_value(depthwise_kernel).shape]
        x = x.dimshuffle((0, 3, 1, 2))
        # (rows, cols, channels, multiplier) -> grouped filters (channels * multiplier, 1, rows, cols)
        dw = depthwise_kernel.dimshuffle((2, 3, 0, 1)).reshape((channels * multiplier, 1, rows, cols))
        y = T.nnet.conv2d(x, dw, border_mode='half', filter_flip=False, num_groups=channels)
        pw = pointwise_kernel.dimshuffle((3, 2, 0, 1))
        y = T.nnet.conv2d(y, pw, border_mode='valid', filter_flip=False)
        return y.dimshuffle((0, 2, 3, 1))

    def conv2d(x, kernel, *args, **kwargs):
        # TensorFlow correlates: Theano's convolution with the kernel's rows and columns reversed
        assert kwargs.get('dim_ordering', 'tf') == 'tf'
        return theano_conv2d(x, kernel[::-1, ::-1, :, :], *args, **kwargs)

    def pool2d(x, pool_size, strides=(1, 1), border_mode='valid', dim_ordering='default', pool_mode='max'):
        if border_mode != 'same':
            return theano_pool2d(x, pool_size, strides, border_mode, dim_ordering, pool_mode)
        assert pool_mode == 'max' and dim_ordering == 'tf'
        x = x.dimshuffle((0, 3, 1, 2))
        pads = []
        for axis, (k, s) in enumerate(zip(pool_size, strides)):
            n = x.shape[2 + axis]
            out = (n + s - 1) // s
            pads.append(T.maximum((out - 1) * s + k - n, 0))
        low = -np.inf
        padded = T.alloc(np.float32(low), x.shape[0], x.shape[1], x.shape[2] + pads[0], x.shape[3] + pads[1])
        before = [p // 2 for p in pads]  # TensorFlow 'SAME': the extra pixel after
        padded = T.set_subtensor(padded[:, :, before[0]:before[0] + x.shape[2], before[1]:before[1] + x.shape[3]], x)
        from theano.tensor.signal import pool
        y = pool.pool_2d(padded, ws=pool_size, stride=strides, ignore_border=True, mode='max')
        return y.dimshuffle((0, 2, 3, 1))

    theano_pool2d, theano_conv2d = TB.pool2d, TB.conv2d
    saved = [(K, 'separable_conv2d', K.separable_conv2d), (K, 'pool2d', K.pool2d), (K, 'backend', K.backend),
             (K, 'conv2d', K.conv2d), (convolutional.K, 'conv2d', convolutional.K.conv2d),
             (convolutional.K, 'separable_conv2d', convolutional.K.separable_conv2d),
             (pooling.K, 'pool2d', pooling.K.pool2d)]
    K.separable_conv2d = convolutional.K.separable_conv2d = separable_conv2d
    K.pool2d = pooling.K.pool2d = pool2d
    K.conv2d = convolutional.K.conv2d = conv2d
    K.backend = lambda: 'tensorflow'
    try:
        yield
    finally:
        for owner, name, value in saved:
            setattr(owner, name, value)


def preprocess(case, module, x):
    if case.preprocess == 'imagenet':
        return importlib.import_module('keras.applications.imagenet_utils').preprocess_input(x)
    if case.preprocess == 'inception':
        return module.preprocess_input(x)
    return x


def build(case, module, weights):
    constructor = getattr(module, case.function)
    if case.model == 'music_tagger_crnn':
        return constructor(weights=weights, include_top=case.include_top)
    arg, _ = case_table.input_shape(case.model, case.ordering, case.include_top)
    return constructor(include_top=case.include_top, weights=weights, input_shape=arg)


def run(case, out_dir, home):
    K.set_image_dim_ordering(case.ordering)
    module = importlib.import_module('keras.applications.' + case.module)
    primitives = tensorflow_primitives() if case.model == 'xception' else contextlib.ExitStack()
    with primitives:
        spec = layer_list(build(case, module, None))
        # the URL constant Keras 1.2.2's code passed to get_file for this case
        url = getattr(module, '%s_WEIGHTS_PATH%s' % (case.ordering.upper(), '' if case.include_top
                                                     or case.model == 'music_tagger_crnn' else '_NO_TOP'))
        fname = url.rsplit('/', 1)[1]
        path = standin.write_weight_file(os.path.join(home, '.keras', 'models', fname), spec, case.seed,
                                         channels_first=case.ordering == 'th', variance_scale=case.variance_scale)
        model = build(case, module, case.weights)
        os.remove(path)
        x = standin.input_melgrams(case.seed, (case.batch,) + case.input_shape) \
            if case.preprocess == 'melgram' else standin.input_images(case.seed, (case.batch,) + case.input_shape)
        x = preprocess(case, module, x)
        predictions = model.predict(x, batch_size=case.batch)
    meta = dict(case._asdict(), input_shape=list(case.input_shape), weight_file=fname, url=url, layers=spec,
                output_shape=list(predictions.shape), keras_version='1.2.2', backend='theano')
    with open(os.path.join(out_dir, case.name + '.json'), 'w') as f:
        json.dump(meta, f, indent=0, sort_keys=True)
    np.savez_compressed(os.path.join(out_dir, case.name + '.npz'), predictions=predictions)
    print('%-28s %-28s out=%s  mean=%.4g std=%.4g max=%.4g' % (case.name, fname, predictions.shape,
          predictions.mean(), predictions.std(), predictions.max()))
    sys.stdout.flush()


def check_xception_refuses_theano():
    """Keras 1.2.2 raised RuntimeError for Xception on Theano (the backend this oracle runs)."""
    from keras.applications.xception import Xception
    try:
        Xception(weights=None)
    except RuntimeError as e:
        assert 'only available with the TensorFlow backend' in str(e), e
    else:
        raise AssertionError('Keras 1.2.2 built Xception on Theano')


def main(argv):
    out_dir = os.path.abspath(argv[0]) if argv else os.path.join(HERE, '..', '..', 'fixtures', 'applications')
    wanted = set(argv[1:])
    os.makedirs(out_dir, exist_ok=True)
    check_xception_refuses_theano()
    home = tempfile.mkdtemp(prefix='keras1-apps-')
    os.environ['HOME'] = home  # get_file looks in ~/.keras/models: a private, empty cache
    warnings.simplefilter('ignore')
    try:
        for case in case_table.all_cases():
            if not wanted or case.name in wanted:
                run(case, out_dir, home)
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == '__main__':
    main(sys.argv[1:])
