"""``python -m compat convert INPUT... -o OUT [--format F] [--inputs x.npz] [--backend B] [--report]``.

OUT's extension picks the format: ``.keras``, ``.onnx``, ``.tflite`` (LiteRT), or a folder name
without extension (TensorFlow SavedModel). The artifact is run in its own runtime and kept only
if its predictions match compat's (Keras 1 numerics). Exit 0: written; 1: over tolerance or it
does not run (nothing written); 2: bad input (nothing written).
"""
import argparse
import sys


def add_common(p):
    """Arguments ``convert`` and ``verify`` share."""
    p.add_argument('inputs', nargs='+', metavar='INPUT', help='model.json and weights.h5, or full.h5')
    p.add_argument('--inputs', dest='samples', metavar='X.NPZ',
                   help='sample inputs: arrays x (or x0, x1, ...; or named as the model inputs), labels y '
                        'optional; default: seeded random inputs (integer ids for Embedding inputs)')
    p.add_argument('--backend', choices=('theano', 'tensorflow', 'auto'), default='theano',
                   help='which Keras 1 backend wrote the weights (theano: kernels flipped); auto: try both on '
                        'labelled --inputs and keep the lower loss')
    p.add_argument('--rtol', type=float, default=1e-3, help='relative tolerance (default 1e-3)')
    p.add_argument('--atol', type=float, default=1e-5, help='absolute tolerance (default 1e-5)')
    p.add_argument('--channels-last', action='store_true',
                   help="take and return images channels-last instead of Keras 1's 'th' channels-first")
    p.add_argument('--debug', action='store_true', help='show the traceback of an error')


def _parser():
    p = argparse.ArgumentParser(
        prog='python -m compat convert',
        description='Convert a Keras 1 model (model.json + weights.h5, or a full-model .h5) into a native '
                    'Keras 3 .keras file, ONNX (.onnx), LiteRT (.tflite) or a TensorFlow SavedModel folder, '
                    "verified in that format's own runtime against Keras 1's numbers.")
    add_common(p)
    p.add_argument('-o', '--output', required=True, metavar='OUT',
                   help='OUT.keras, OUT.onnx, OUT.tflite, or a folder (SavedModel)')
    p.add_argument('--format', choices=('keras', 'onnx', 'litert', 'saved_model'),
                   help="the output format (default: from OUT's extension)")
    p.add_argument('--report', action='store_true', help='print what was converted and every numeric caveat')
    return p


def error_line(prog, e):
    return '%s: error: %s' % (prog, ' '.join(str(e).split()) or type(e).__name__)


def quiet():
    """The Keras 1 spellings inside a model file are the file's, not the user's code: no Keras1Warning."""
    import os
    import warnings
    os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '3')
    from compat.keras.engine.arguments import Keras1Warning
    warnings.simplefilter('ignore', Keras1Warning)


def main(argv=None):
    args = _parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    quiet()
    from compat.convert.core import convert
    from compat.convert.export import VerificationError
    try:
        report = convert(args.inputs, args.output, channels_last=args.channels_last, format=args.format,
                         samples=args.samples, rtol=args.rtol, atol=args.atol, backend=args.backend)
    except VerificationError as e:
        if args.debug:
            raise
        print(e.report if args.report else '\n'.join(e.report.caveats[:0] + e.report.verification))
        print(error_line('compat convert', e), file=sys.stderr)
        return 1
    except Exception as e:  # one readable line; the traceback only when asked for
        if args.debug:
            raise
        print(error_line('compat convert', e), file=sys.stderr)
        return 2
    if args.report:
        print(report)
    else:
        print('wrote %s' % report.output)
        print('\n'.join(report.verification))
    return 0
