"""CIFAR batch reader (keras 1.2.2 datasets/cifar.py)."""
import pickle


def load_batch(fpath, label_key='labels'):
    """``(data (N, 3, 32, 32) uint8, labels list)`` from one pickled CIFAR batch file.

    keras 1.2.2 cifar.load_batch: Python 2 pickles read with bytes keys, decoded as utf8.
    """
    with open(fpath, 'rb') as f:
        d = pickle.load(f, encoding='bytes')
    d = {(k.decode('utf8') if isinstance(k, bytes) else k): v for k, v in d.items()}
    if label_key not in d or 'data' not in d:
        raise ValueError('%s is not a CIFAR batch: it lacks %r or data (keys: %s)' % (fpath, label_key, sorted(d)))
    data = d['data']
    return data.reshape(data.shape[0], 3, 32, 32), d[label_key]
