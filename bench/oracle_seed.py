"""Run legacy/caption_seed.py unchanged under the real Keras 1.2.2 + Theano and time its epochs.

Runs in the oracle's Python 3.7 (no Keras 3, no Pillow there), so this file imports nothing from
the project: the seed script's `modern.data` helpers are replaced by a stub module serving the
arrays bench/oracle.py generated with modern/data.py (the same scenes the script would make).
`Sequential.fit` is wrapped to add a callback printing "EPOCH <i> <seconds> <samples>" per epoch
(keras 1.2.2 callbacks.py Callback.on_epoch_begin/on_epoch_end; fit's params['nb_sample']).

    /tmp/keras1-oracle/run bench/oracle_seed.py REPO_ROOT DATA.npz
"""
import os
import runpy
import sys
import time
import types

import numpy as np


def stub_data_module(path):
    arrays = np.load(path, allow_pickle=False)
    module = types.ModuleType("modern.data")

    class Split(object):
        images = arrays["scene_images"]
        captions = None

    class Vocabulary(object):
        @classmethod
        def build(cls, captions):
            return None

    module.Vocabulary = Vocabulary
    module.shapes_dataset = lambda **kwargs: {"train": Split()}
    module.prefix_arrays = lambda split, vocab, max_len: (arrays["rows"], arrays["captions"], arrays["next_index"])
    return module


def main(root, data_path):
    package = types.ModuleType("modern")
    package.__path__ = []
    sys.modules["modern"] = package
    sys.modules["modern.data"] = package.data = stub_data_module(data_path)

    import keras.callbacks
    import keras.models

    class EpochTimer(keras.callbacks.Callback):
        def on_epoch_begin(self, epoch, logs=None):
            self.t0 = time.time()

        def on_epoch_end(self, epoch, logs=None):
            print("EPOCH %d %.4f %d" % (epoch, time.time() - self.t0, self.params["nb_sample"]))
            sys.stdout.flush()

    fit = keras.models.Sequential.fit

    def timed_fit(self, *args, **kwargs):
        kwargs["callbacks"] = list(kwargs.get("callbacks") or []) + [EpochTimer()]
        kwargs["verbose"] = 0
        return fit(self, *args, **kwargs)

    keras.models.Sequential.fit = timed_fit
    runpy.run_path(os.path.join(root, "legacy", "caption_seed.py"), run_name="__main__")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
