"""``python -m compat``: run a Keras 1 script unchanged, or a compat tool.

    python -m compat SCRIPT.py [ARGS...]     run SCRIPT as `python SCRIPT.py ARGS...` would,
                                             with `import keras` giving the Keras 1.2.2 API
                                             (Python 2 scripts too: translated in memory)
    python -m compat NOTEBOOK.ipynb [ARGS...]  run a notebook's code cells in order as one script
    python -m compat upgrade ...             rewrite Keras 1 source into Keras 3 (see --help)
    python -m compat convert ...             Keras 1 model files to .keras, ONNX, LiteRT or a SavedModel,
                                             verified in that format's runtime (see --help)
    python -m compat verify ...              per-layer error of a port against Keras 1's numbers
    python -m compat --version
"""
import os
import sys

USAGE = __doc__


def python36_split(pattern, string, maxsplit=0, flags=0):
    """``re.split`` as Python <= 3.6 ran it: empty matches never split (CPython 3.6
    Modules/_sre.c pattern_split: an empty match skips one character and splits nothing).

    Python 3.7 splits on empty matches too, and a pattern such as the bAbI tokenizer's
    ``re.split('(\\W+)?', sentence)`` (keras 1.2.2 examples/babi_rnn.py, babi_memnn.py
    ``tokenize``) then yields ``None`` groups that crash ``x.strip()``. For patterns that
    cannot match the empty string the two agree.
    """
    import re
    regex = re.compile(pattern, flags)
    pieces, last, pos, splits = [], 0, 0, 0
    while not maxsplit or splits < maxsplit:
        match = regex.search(string, pos)
        if match is None:
            break
        if match.start() == match.end():
            if match.end() == len(string):
                break
            pos = match.end() + 1
            continue
        pieces.append(string[last:match.start()])
        pieces.extend(match.groups())
        splits += 1
        last = pos = match.end()
    pieces.append(string[last:])
    return pieces


def run_script(path, args):
    """Run ``path`` as ``__main__`` with compat installed (sys.argv and sys.path as Python sets them)."""
    import compat
    if not os.path.exists(path):
        print('compat: cannot open file %r: No such file' % path, file=sys.stderr)
        return 2
    # the script's own code (compat.wants_keras1: not the standard library, not installed packages) gets
    # Python 3.6's re.split, as compat.install(python36_re_split=True) gives imported code
    compat.install(old_numpy=False, python36_re_split=True)
    compat.restore_numpy_aliases('this script')  # the same aliases and note compat.install() gives imported code
    from compat import scipy_misc
    scipy_misc.restore()  # scipy.misc.imsave/imread, removed in SciPy 1.2 (Keras 1's image examples import them)
    sys.argv = [path] + list(args)
    folder = os.path.dirname(os.path.abspath(path))
    sys.path.insert(0, folder)
    from compat.upgrade.python2 import importer
    importer.install(folder)      # Python 2 modules of the script's folder: translated in memory
    if path.endswith('.ipynb'):
        code = _notebook_code(path)
    else:
        code = importer.main_code(path)
    _run_as_main(code, path)
    return 0


def _notebook_code(path):
    """A notebook's code cells as one script (IPython lines skipped, one note on stderr)."""
    import linecache
    from compat.upgrade import notebook
    from compat.upgrade.python2.importer import compile_python2
    with open(path, encoding='utf-8') as f:
        source, skipped = notebook.runnable(f.read(), path)
    if skipped:
        print('compat: %s: its code cells run as one script; IPython lines skipped: %s'
              % (path, '; '.join(skipped)), file=sys.stderr)
    name = path + ' (code cells)'   # tracebacks show the joined script's lines ('# cell N' heads)
    linecache.cache[name] = (len(source), None, source.splitlines(True), name)
    return compile_python2(source, name) or compile(source, name, 'exec', dont_inherit=True)


def _run_as_main(code, path):
    """Execute `code` as the ``__main__`` module, as runpy.run_path does for a file."""
    import builtins
    import types
    module = types.ModuleType('__main__')
    module.__dict__.update(__file__=path, __builtins__=builtins, __loader__=None, __spec__=None,
                           __cached__=None, __package__='')
    saved = sys.modules.get('__main__')
    sys.modules['__main__'] = module
    try:
        exec(code, module.__dict__)
    finally:
        sys.modules['__main__'] = saved


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ('-h', '--help'):
        print(USAGE)
        return 0 if argv else 2
    if argv[0] == '--version':
        import compat
        print('compat %s (Keras %s API)' % (compat.__version__, compat.KERAS1_VERSION))
        return 0
    if argv[0] == 'upgrade':
        from compat.upgrade.cli import main as upgrade_main
        return upgrade_main(argv[1:])
    if argv[0] == 'convert':
        from compat.convert import main as convert_main
        return convert_main(argv[1:])
    if argv[0] == 'verify':
        from compat.convert.verify import main as verify_main
        return verify_main(argv[1:])
    return run_script(argv[0], argv[1:])


if __name__ == '__main__':
    sys.exit(main())
