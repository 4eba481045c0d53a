"""Model FLOPs counted from the layers, and the machine's peak (a large TF matmul).

Counted: multiply-adds (2 FLOPs each) of Conv2D, Dense (per time step when applied to sequences),
GRU/LSTM (input and recurrent matmuls per step). Not counted: element-wise ops (activations,
gates, pooling, softmax, bias adds), embedding lookups: a few % at most on the seed model.
A training sample costs forward + weight gradients + input gradients (each about one forward
pass), minus the input gradient of the first layer that sees data (nothing asks for it).
"""
import math
import time

import numpy as np


def _dense(layer):
    shape = layer.input.shape
    return 2 * shape[-1] * layer.units * math.prod(shape[1:-1])


def _conv(layer):
    out = layer.output.shape  # (B, H, W, C) channels-last in modern/
    k = math.prod(layer.kernel_size)
    return 2 * math.prod(out[1:-1]) * out[-1] * k * layer.input.shape[-1]


def _rnn(gates):
    def count(layer):
        steps, features = layer.input.shape[1], layer.input.shape[-1]
        units = layer.units
        return 2 * steps * gates * units * (features + units)
    return count


COUNTERS = {"Conv2D": _conv, "Dense": _dense, "GRU": _rnn(3), "LSTM": _rnn(4)}


def forward_flops(model):
    """{layer name: forward FLOPs per sample} for a Keras 3 functional model (modern.model)."""
    return {layer.name: COUNTERS[type(layer).__name__](layer) for layer in model.layers
            if type(layer).__name__ in COUNTERS}


def train_flops(model):
    """FLOPs of one training sample: 3 x forward, less the first layer's input gradient."""
    per_layer = forward_flops(model)
    first = next(iter(per_layer.values()))
    return 3 * sum(per_layer.values()) - first


def matmul_peak(n=2048, reps=5, rounds=3):
    """Median GFLOP/s of an n x n float32 matmul in a tf.function (same library as the models)."""
    import tensorflow as tf
    a = tf.constant(np.random.RandomState(0).rand(n, n).astype("float32"))
    b = tf.constant((np.random.RandomState(1).rand(n, n) / n).astype("float32"))  # keeps values O(1)

    @tf.function
    def chain(a, b):
        out = a
        for _ in range(reps):
            # each product takes the previous one: identical tf.matmul(a, b) calls would be merged
            # by Grappler's common-subexpression pass and count one matmul as `reps`
            out = tf.matmul(out, b)
        return out

    chain(a, b).numpy()  # trace, warm up
    rates = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        chain(a, b).numpy()
        rates.append(2 * n ** 3 * reps / (time.perf_counter() - t0) / 1e9)
    return sorted(rates)[len(rates) // 2]
