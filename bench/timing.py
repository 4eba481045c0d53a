"""Side-by-side timing: alternate the contenders, take medians (the machine is shared and drifts)."""
import statistics
import time


def alternate(contenders, rounds):
    """{name: [seconds, ...]}: each round runs every contender once, order reversed every other round.

    contenders: {name: zero-argument callable doing the timed work}. Alternating (ABBA...) spreads
    slow drifts of a shared machine over both sides instead of charging one of them.
    """
    names = list(contenders)
    times = {n: [] for n in names}
    for r in range(rounds):
        for n in (names if r % 2 == 0 else names[::-1]):
            t0 = time.perf_counter()
            contenders[n]()
            times[n].append(time.perf_counter() - t0)
    return times


def median(xs):
    return statistics.median(xs) if xs else float("nan")


def ratio(times, a, b):
    """median(a) / median(b): a time ratio (> 1 means a is slower)."""
    return median(times[a]) / median(times[b])


def spread(xs):
    """(max - min) / median: how noisy the rounds were."""
    return (max(xs) - min(xs)) / median(xs) if xs else float("nan")
