"""python -m bench.onednn: compat's seed training with TensorFlow's oneDNN off and on, A/B.

oneDNN is chosen once per process (TF_ENABLE_ONEDNN_OPTS, read when TensorFlow loads), so each
setting runs in its own `python -m bench --quick` process (section 1 only), in alternating order
(off, on, on, off, ...); the figures are medians over the runs of each setting and the median of
the paired on/off ratios. Then, given ``--check SCRIPT`` (a parity checker outside this repository, run as
``python SCRIPT FIXTURES [CASES...]``, printing one line per case and a summary line, such as the Keras 1
oracle's check.py), it runs the Keras 1 parity cases in tests/fixtures/keras1 once per setting. The last
line is one JSON object.

    python -m bench.onednn [--pairs 2] [--check PATH/TO/check.py [--check-cases seed_caption_small ...]]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, 'tests', 'fixtures', 'keras1')
SKIP = 'keras1,whole,decode,memory,startup'


def _env(onednn):
    return dict(os.environ, TF_ENABLE_ONEDNN_OPTS=onednn, TF_CPP_MIN_LOG_LEVEL='3')


def bench_once(onednn):
    out = subprocess.run([sys.executable, '-m', 'bench', '--quick', '--no-oracle', '--skip', SKIP],
                         capture_output=True, text=True, env=_env(onednn), cwd=ROOT, check=True).stdout
    result = json.loads(out.strip().splitlines()[-1])
    return {'train': result['seed_train_samples_per_s']['compat'],
            'predict': result['seed_predict_samples_per_s']['compat'],
            'bare_train': result['seed_train_samples_per_s']['bare']}


def parity(check, onednn, cases):
    out = subprocess.run([sys.executable, check, FIXTURES] + cases, capture_output=True, text=True,
                         env=_env(onednn), cwd=ROOT).stdout
    return [line for line in out.splitlines() if line.strip()]


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--pairs', type=int, default=2, help='off/on pairs (ABBA order)')
    p.add_argument('--check', metavar='SCRIPT', help='parity checker run as: python SCRIPT FIXTURES [CASES...]')
    p.add_argument('--check-cases', nargs='*', default=[], help='cases for --check (default: all)')
    args = p.parse_args(argv)
    if args.check and not os.path.isfile(args.check):
        p.error('--check %s: no such file' % args.check)
    t0 = time.time()
    runs = {'0': [], '1': []}
    for i in range(args.pairs):
        for onednn in (('0', '1') if i % 2 == 0 else ('1', '0')):
            runs[onednn].append(bench_once(onednn))
            print('oneDNN %s: %s' % (onednn, runs[onednn][-1]), flush=True)
    result = {'load_avg': os.getloadavg()[0], 'pairs': args.pairs}
    for what in ('train', 'predict', 'bare_train'):
        off, on = [r[what] for r in runs['0']], [r[what] for r in runs['1']]
        result[what] = {'off': statistics.median(off), 'on': statistics.median(on),
                        'on_over_off': statistics.median(b / a for a, b in zip(off, on))}
    if args.check:
        checks = {k: parity(args.check, k, args.check_cases) for k in ('0', '1')}
        for onednn, lines in checks.items():
            print('check.py, oneDNN %s:' % onednn, *lines, sep='\n  ', flush=True)
        failing = {k: [line.split()[0] for line in lines[:-1] if line.split()[1:] != ['ok']]
                   for k, lines in checks.items()}
        result['parity'] = {'off': checks['0'][-1], 'on': checks['1'][-1], 'failing_off': failing['0'],
                            'failing_on': failing['1']}
    result['wall_s'] = round(time.time() - t0)
    print(json.dumps(result), flush=True)


if __name__ == '__main__':
    main()
