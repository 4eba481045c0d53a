"""The runner (report positions, parse errors) and the command line."""
import textwrap

from compat.upgrade import upgrade_source
from compat.upgrade.cli import main
from compat.upgrade.report import format_report

SRC = textwrap.dedent('''\
    from keras.models import Sequential
    from keras.layers import Dense, Merge

    model = Sequential()
    model.add(Merge([a, b], mode='concat'))
    model.add(Dense(3, init='zero'))
    model.fit(x, y, nb_epoch=2)
    ''')


def test_positions_are_original_lines():
    new, entries = upgrade_source(SRC)
    lines = {e.message.split(':')[0]: e.line for e in entries}
    assert lines['Dense'] == 6            # although the rewrite removed `model = Sequential()`
    assert lines['fit'] == 7
    assert any(e.line == 5 and e.fixer == 'sequential_merge' for e in entries)


def test_parse_error_is_an_error_entry():
    new, entries = upgrade_source('x = 1\ndef (:\n', 'bad.py')
    assert new == 'x = 1\ndef (:\n'
    assert [(e.severity, e.line) for e in entries] == [('error', 2)]


def test_set_image_dim_ordering_in_file_wins():
    src = ("from keras import backend as K\nK.set_image_dim_ordering('tf')\n"
           'from keras.layers import MaxPooling2D\nMaxPooling2D()\n')
    new, _ = upgrade_source(src, dim_ordering='th')
    assert 'channels_first' not in new


def test_cli_directory_report_and_exit_codes(tmp_path, capsys):
    src_dir = tmp_path / 'src'
    (src_dir / 'pkg').mkdir(parents=True)
    (src_dir / 'pkg' / 'a.py').write_text(SRC)
    (src_dir / 'bad.py').write_text('def (:\n')
    out, report = tmp_path / 'out', tmp_path / 'report.txt'
    rc = main([str(src_dir), '-o', str(out), '--report', str(report)])
    assert rc == 1                                     # bad.py could not be parsed
    upgraded = (out / 'pkg' / 'a.py').read_text()
    assert 'epochs=2' in upgraded and 'Model(inputs=' in upgraded
    text = report.read_text()
    assert 'ERROR: [parse]' in text and 'pkg/a.py' in text

    (src_dir / 'bad.py').unlink()
    assert main([str(src_dir / 'pkg' / 'a.py'), '--in-place']) == 0
    assert (src_dir / 'pkg' / 'a.py').read_text() == upgraded
    capsys.readouterr()
    assert main([str(out / 'pkg' / 'a.py'), '--diff']) == 0
    assert capsys.readouterr().out == ''               # already upgraded: nothing to change


def test_format_report_totals():
    _, entries = upgrade_source(SRC, 'x.py')
    text = format_report({'x.py': entries})
    assert text.splitlines()[2].startswith('1 file(s): ')
