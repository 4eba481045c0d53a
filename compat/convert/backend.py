"""``--backend auto``: which Keras 1 backend wrote these weights?

Keras 1 weight files do not record it. Theano convolves (kernels flipped relative to
TensorFlow's correlation; keras 1.2.2 utils/np_utils.py convert_kernel), so a file written by
Keras 1's TensorFlow backend holds the same kernels unflipped. With labelled samples both
readings are tried and the one whose predictions have the lower loss is kept; both losses are
reported. Without labels no choice is made.

Example::

    model, choice = choose_backend(lambda b: load_keras1(files, backend=b), 'xy.npz')
    print(choice.summary())   # theano reading: loss 0.0123; tensorflow reading: loss 0.481 -> theano
"""
import numpy as np

BACKENDS = ('theano', 'tensorflow')


class BackendUnknown(ValueError):
    """``--backend auto`` without labelled samples."""


class Choice:
    def __init__(self, losses):
        self.losses = losses  # backend -> loss
        self.backend = min(BACKENDS, key=lambda b: losses[b])

    def summary(self):
        readings = '; '.join('%s reading: loss %.6g' % (b, self.losses[b]) for b in BACKENDS)
        same = ' (equal: the file has no convolution kernel whose reading differs)' \
            if self.losses['theano'] == self.losses['tensorflow'] else ''
        return '--backend auto (mean squared error on the labelled samples): %s -> %s%s' % (
            readings, self.backend, same)


def labelled(samples_path, model):
    from compat.convert.export import load_samples
    if samples_path is None:
        raise BackendUnknown('--backend auto cannot tell Theano from TensorFlow kernels without labelled '
                             'samples: give --inputs x.npz holding x and y, or say --backend theano|tensorflow')
    samples = load_samples(samples_path, model)
    if samples.ys is None:
        raise BackendUnknown('--backend auto: %s holds no labels y, so it cannot tell Theano from TensorFlow '
                             'kernels; add y (or y0, y1, ...) to it, or say --backend theano|tensorflow'
                             % samples_path)
    return samples


def loss(model, samples):
    from compat.convert.export import predict
    got = predict(model, samples.xs)
    return float(np.mean([np.mean((np.asarray(g, 'float64') - np.asarray(y, 'float64')) ** 2)
                          for g, y in zip(got, samples.ys)]))


def choose_backend(load, samples_path):
    """``load(backend) -> model``; returns (the model with the lower loss, :class:`Choice`)."""
    models = {b: load(b) for b in BACKENDS}
    samples = labelled(samples_path, models['theano'])
    choice = Choice({b: loss(m, samples) for b, m in models.items()})
    return models[choice.backend], choice


def load_weights_auto(model, load_with, samples):
    """For an already built model (``load_keras1_weights``): ``load_with(backend)`` loads the file
    into ``model``; ``samples`` is ``(x, y)``. Leaves ``model`` with the chosen reading."""
    from compat.convert.export import Samples
    if samples is None:
        raise BackendUnknown("backend='auto' cannot tell Theano from TensorFlow kernels without labelled "
                             "samples: pass samples=(x, y), or backend='theano' / 'tensorflow'")
    xs, ys = samples
    samples = Samples(xs if isinstance(xs, (list, tuple)) else [xs], ys if isinstance(ys, (list, tuple)) else [ys])
    losses = {}
    for b in BACKENDS:
        load_with(b)
        losses[b] = loss(model, samples)
    choice = Choice(losses)
    load_with(choice.backend)
    return choice
