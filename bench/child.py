"""Subprocess jobs for bench/run.py, each printing one JSON line:

    python -m bench.child rss compat|modern BATCH STEPS VOCAB IMAGE_SIZE   peak RSS of seed training
"""
import json
import os
import resource
import sys


def rss(which, batch, steps, vocab, image_size):
    from bench import models as B
    d = B.seed_data(4, batch * steps, vocab, 16, image_size)
    if which == "compat":
        model = B.compat_seed(vocab, 16, image_size)
        model.fit([d["images"], d["captions"]], d["next_words"], batch_size=batch, nb_epoch=1, verbose=0)
    else:
        model = B.modern_seed(vocab, 16, image_size)
        model.fit([d["images"].transpose(0, 2, 3, 1), d["captions"]], d["next_words"], batch_size=batch,
                  epochs=1, verbose=0)
    return {"peak_rss_mb": peak_rss_mb()}


def peak_rss_mb():
    """This process's peak RSS. VmHWM (Linux) starts afresh at exec; ru_maxrss does not: a child
    forked from a big parent reports the parent's peak (what bench/run.py is), so it is a fallback."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


JOBS = {"rss": lambda a: rss(a[0], int(a[1]), int(a[2]), int(a[3]), int(a[4]))}

if __name__ == "__main__":
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    print(json.dumps(JOBS[sys.argv[1]](sys.argv[2:])))
