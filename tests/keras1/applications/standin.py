"""Stand-in weight files for the Keras 1.2.2 applications, in Keras 1's HDF5 layout, made from a seed.

Shared by make_fixtures.py (run by the real Keras 1.2.2, Python 3.7) and
tests/test_applications.py (compat): both write the same file from a layer list
(``[[layer_name, [[weight_name, shape], ...]], ...]``, as Keras 1's model had
them) and a seed, so the multi-megabyte files never need committing. NumPy's
``RandomState`` streams are the same in every NumPy version, which makes the
values, and the input images, identical on both sides.

Values are chosen so that signals neither vanish nor explode through 50
layers: kernels N(0, 1/fan_in), small biases and BatchNormalization
statistics, gammas near 1 and positive variances.
"""
import os
import zlib

import h5py
import numpy as np


def _rng(seed, *names):
    return np.random.RandomState(zlib.crc32(('%d/%s' % (seed, '/'.join(names))).encode('utf8')) & 0xffffffff)


def _fan_in(weight_name, shape, channels_first):
    if len(shape) == 4 and 'depthwise' in weight_name:
        return shape[2] * shape[3] if channels_first else shape[0] * shape[1]
    if len(shape) == 4 and channels_first:  # (nb_filter, stack, rows, cols)
        return int(np.prod(shape[1:]))
    return int(np.prod(shape[:-1]))  # (rows, cols, stack, nb_filter), (input_dim, output_dim)


def weight_values(seed, layer_name, weight_name, shape, channels_first, variance_scale=1.0):
    """One weight's stand-in values (float32), from its layer's and its own name. ``variance_scale``
    multiplies BatchNormalization's running variances (ResNet50's residual sums need a smaller gain
    to keep its softmax off saturation)."""
    rng = _rng(seed, layer_name, weight_name)
    shape = tuple(int(d) for d in shape)
    if weight_name.endswith('_gamma'):
        values = rng.uniform(0.8, 1.2, shape)
    elif weight_name.endswith('_running_std'):  # Keras 1.2.2 keeps the running variance under this name
        values = rng.uniform(0.5, 1.5, shape) * variance_scale
    elif len(shape) == 1:  # biases, betas, running means
        values = rng.normal(0.0, 0.1, shape)
    else:
        values = rng.normal(0.0, 1.0, shape) / np.sqrt(_fan_in(weight_name, shape, channels_first))
    return values.astype('float32')


def write_weight_file(path, layers, seed, channels_first, variance_scale=1.0):
    """Write a Keras 1.2.2 weights file (engine/topology.py save_weights_to_hdf5_group's layout) at ``path``,
    through a temporary file renamed into place."""
    folder = os.path.dirname(path)
    if folder and not os.path.isdir(folder):
        os.makedirs(folder)
    tmp = path + '.part'
    with h5py.File(tmp, 'w') as f:
        f.attrs['layer_names'] = [name.encode('utf8') for name, _ in layers]
        for layer_name, weights in layers:
            g = f.create_group(layer_name)
            g.attrs['weight_names'] = [w.encode('utf8') for w, _ in weights]
            for weight_name, shape in weights:
                g.create_dataset(weight_name, data=weight_values(seed, layer_name, weight_name, shape,
                                                                 channels_first, variance_scale))
    os.rename(tmp, path)
    return path


def input_images(seed, batch_shape):
    """Stand-in pixels, uniform in [0, 255), float32 (before the model's preprocess_input)."""
    return _rng(seed, 'inputs').uniform(0.0, 255.0, tuple(batch_shape)).astype('float32')


def input_melgrams(seed, batch_shape):
    """Stand-in log mel-spectrograms, uniform in [-1, 1), float32 (MusicTaggerCRNN's input)."""
    return _rng(seed, 'inputs').uniform(-1.0, 1.0, tuple(batch_shape)).astype('float32')
