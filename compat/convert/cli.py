"""``python -m compat convert INPUT... -o OUT.keras [--channels-last] [--report] [--debug]``."""
import argparse
import sys


def _parser():
    p = argparse.ArgumentParser(
        prog='python -m compat convert',
        description='Convert a Keras 1 model (model.json + weights.h5, or a full-model .h5) into a native '
                    'Keras 3 .keras file that keras.saving.load_model() reads without compat.')
    p.add_argument('inputs', nargs='+', metavar='INPUT', help='model.json and weights.h5, or full.h5')
    p.add_argument('-o', '--output', required=True, metavar='OUT.keras')
    p.add_argument('--channels-last', action='store_true',
                   help="take and return images channels-last instead of Keras 1's 'th' channels-first")
    p.add_argument('--report', action='store_true', help='print what was converted and every numeric caveat')
    p.add_argument('--debug', action='store_true', help='show the traceback of an error')
    return p


def main(argv=None):
    args = _parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    import os
    os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '3')
    from compat.convert.core import convert
    try:
        report = convert(args.inputs, args.output, channels_last=args.channels_last)
    except Exception as e:  # one readable line; the traceback only when asked for
        if args.debug:
            raise
        print('compat convert: error: %s' % (' '.join(str(e).split()) or type(e).__name__), file=sys.stderr)
        return 2
    if args.report:
        print(report)
    else:
        print('wrote %s' % args.output)
    return 0
