"""The teachers' command line: python -m gmm_teach animate ..."""
import errno
import os
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest
from PIL import Image

import gmm_teach
from gmm_teach.__main__ import build_parser, main
from gmm_teach.animation import count_html_frames
from failing_file import FailingFile

OPTIONS = ["--k", "--seed", "--init", "--data-seed", "--n", "--frames", "--fps", "--dpi", "--max-iter",
           "--reg-covar", "--truth", "--grey", "--out", "--lang"]
FAST = ["--dpi", "20"]  # tiny frames: these tests check the command line, not the pictures


def run(capsys, *argv):
    code = main(["animate", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def gif_frames(path):
    with Image.open(path) as gif:
        assert gif.format == "GIF"
        return gif.n_frames


# --- success -----------------------------------------------------------------------

def test_writes_a_gif_with_the_requested_frames(tmp_path, capsys):
    out_path = tmp_path / "em.gif"
    code, out, err = run(capsys, "--k", "3", "--seed", "11", "--frames", "4", *FAST, "--out", str(out_path))
    assert code == 0, err
    assert err == ""
    assert gif_frames(out_path) == 4
    assert out.count("\n") == 1 and str(out_path) in out and "4 frames" in out
    assert "converged after 58 iterations" in out  # the chapter's run


def test_writes_an_html_page(tmp_path, capsys):
    out_path = tmp_path / "em.html"
    code, out, err = run(capsys, "--frames", "3", *FAST, "--fps", "4", "--truth", "--grey", "--out", str(out_path))
    assert code == 0, err
    page = out_path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and count_html_frames(page) == 3
    assert "3 frames" in out


def test_subprocess_python_m_gmm_teach(tmp_path):
    out_path = tmp_path / "chapter.gif"
    env = {**os.environ, "MPLBACKEND": "Agg"}
    done = subprocess.run([sys.executable, "-m", "gmm_teach", "animate", "--k", "3", "--seed", "11",
                           "--frames", "5", "--dpi", "30", "--out", str(out_path)],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert gif_frames(out_path) == 5
    assert len(done.stdout.strip().splitlines()) == 1
    bad = subprocess.run([sys.executable, "-m", "gmm_teach", "animate", "--k", "0"],
                         capture_output=True, text=True, env=env, timeout=120)
    assert bad.returncode == 2
    assert bad.stderr.strip() == "gmm_teach animate: error: --k must be an integer between 1 and 10; received 0"


def test_not_converged_is_reported_in_the_summary_line(tmp_path, capsys):
    code, out, err = run(capsys, "--max-iter", "3", "--frames", "10", *FAST, "--out", str(tmp_path / "e.gif"))
    assert code == 0 and err == ""  # no ConvergenceWarning block on stderr
    assert "before converging" in out and "every one is shown" in out
    assert gif_frames(tmp_path / "e.gif") == 4  # init + 3 iterations: --frames 10 asked for more


def test_other_inits_and_k(tmp_path, capsys):
    code, out, err = run(capsys, "--k", "4", "--init", "kmeans++", "--seed", "0", "--data-seed", "7", "--n", "300",
                         "--frames", "2", *FAST, "--out", str(tmp_path / "k4.gif"))
    assert code == 0, err
    assert gif_frames(tmp_path / "k4.gif") == 2


def test_japanese_messages_and_language_restored(tmp_path, capsys):
    code, out, err = run(capsys, "--lang", "ja", "--frames", "2", *FAST, "--out", str(tmp_path / "ja.gif"))
    assert code == 0 and "を書き出した。" in out
    code, out, err = run(capsys, "--lang", "ja", "--k", "0")
    assert code == 2 and "までの整数でなければならない（受け取った値: 0）。" in err
    assert gmm_teach.get_language() == "en"


# --- help ----------------------------------------------------------------------------

def test_help_explains_every_option(capsys):
    code, out, err = run(capsys, "--help")
    assert code == 0
    for option in OPTIONS:
        assert option in out
    assert "default" in out and "Exit status" in out
    animate = build_parser()._subparsers._group_actions[0].choices["animate"]
    documented = {opt for action in animate._actions for opt in action.option_strings}
    assert documented == set(OPTIONS) | {"-h", "--help"}  # OPTIONS is the complete list
    for action in animate._actions[1:]:  # [0] is argparse's own -h
        assert action.help and action.help.endswith(".") and len(action.help) > 30  # a sentence each


def test_top_level_help(capsys):
    assert main(["--help"]) == 0
    assert "animate" in capsys.readouterr().out


def test_console_script_is_declared():
    scripts = {ep.name: ep.value for ep in entry_points(group="console_scripts")}
    assert scripts.get("gmm-teach") == "gmm_teach.__main__:main"


# --- bad options: one line, no traceback, nothing written --------------------------------

@pytest.mark.parametrize("argv, mentions", [
    (["--k", "0"], "--k must be an integer between 1 and 10; received 0"),
    (["--k", "abc"], "--k must be an integer between 1 and 10; received abc"),
    (["--k", "11"], "--k"),
    (["--k", "2.5"], "--k"),
    (["--k"], "--k"),
    (["--n", "-5"], "--n must be an integer between 4 and 100000 (the chapter draws int(weight * n) points per true "
                    "component, so a smaller --n leaves one without any); received -5"),
    (["--n", "2"], "--n must be an integer between 4 and 100000"),
    (["--n", "3"], "--n must be an integer between 4 and 100000"),  # it said "10 or more" while 4 worked
    (["--k", "5", "--n", "4"], "--k 5 needs at least 5 data points, but --n 4 gives 3"),
    (["--dpi", "0"], "--dpi must be an integer between 20 and 300; received 0"),
    (["--fps", "0"], "--fps"),
    (["--frames", "1"], "--frames must be an integer >= 2; received 1"),
    (["--max-iter", "0"], "--max-iter"),
    (["--reg-covar", "-1"], "--reg-covar must be a number >= 0; received -1"),
    (["--reg-covar", "-1e-3"], "--reg-covar must be a number >= 0; received -1e-3"),  # not "expected one argument"
    (["--reg-covar", "-.5"], "--reg-covar must be a number >= 0; received -.5"),
    (["--reg-covar", "-inf"], "--reg-covar must be a number >= 0; received -inf"),
    (["--reg-c", "-1E-3"], "--reg-covar must be a number >= 0; received -1E-3"),  # an abbreviation
    (["--reg-covar", "-1e-400"], "--reg-covar must be a number >= 0; received -1e-400"),
    (["--reg-covar", "nan"], "--reg-covar must be a number >= 0; received nan"),
    (["--reg-covar", "inf"], "--reg-covar must be a finite number >= 0; received inf"),
    (["--reg-covar", "1e400"], "--reg-covar must be a finite number >= 0; received 1e400"),
    (["--reg-covar", "1e-400"], "--reg-covar 1e-400 is positive but too small for a floating-point number "
                                "(the smallest is about 5e-324), so it would silently become 0"),
    (["--seed", "-1e3"], "--seed must be an integer between 0 and 4294967295; received -1e3"),
    (["--dpi", "-20"], "--dpi must be an integer between 20 and 300; received -20"),
    (["--seed", "-1"], "--seed"),
    (["--data-seed", "x"], "--data-seed"),
    (["--init", "best"], "--init"),
    (["--lang", "fr"], "--lang"),
    (["--out", "em.mp4"], "--out must end in .gif"),
    (["--out", ".gif"], "--out .gif has no file name before the extension; give one such as em.gif"),
    (["--out", "{tmp}/.HTML"], "/.HTML has no file name before the extension; give one such as "),
    (["--out", "{tmp}/no/such/dir/em.gif"], "does not exist"),
    (["--bogus"], "--bogus"),
])
def test_bad_option_is_one_line_and_exit_2(argv, mentions, tmp_path, capsys):
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    code, out, err = run(capsys, *argv, "--out" if "--out" not in argv else "--frames",
                         str(tmp_path / "x.gif") if "--out" not in argv else "2")
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and err.endswith("\n")
    assert err.startswith("gmm_teach animate: error: ")
    assert mentions in err
    assert "Traceback" not in err
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_no_command_is_one_line_and_exit_2(capsys):
    assert main([]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "required" in err


def test_collapsed_component_is_one_line_and_exit_1(tmp_path, capsys):
    code, out, err = run(capsys, "--n", "12", "--reg-covar", "0", *FAST, "--out", str(tmp_path / "c.gif"))
    assert code == 1
    assert len(err.strip().splitlines()) == 1 and "collapsed" in err and "--reg-covar 1e-6" in err
    assert "Traceback" not in err
    assert not (tmp_path / "c.gif").exists()


def test_unwritable_output_is_one_line_and_exit_1(tmp_path, capsys):
    (tmp_path / "taken.gif").mkdir()  # a directory where the file should go
    code, out, err = run(capsys, "--frames", "2", *FAST, "--out", str(tmp_path / "taken.gif"))
    assert code == 1
    assert len(err.strip().splitlines()) == 1 and "could not write" in err


def test_help_in_japanese_names_every_option(capsys):
    from gmm_teach.__main__ import main
    assert main(["animate", "--help", "--lang", "ja"]) == 0
    text = capsys.readouterr().out
    assert "教科書" in text and "当てはめる成分の数" in text
    for option in ("--k", "--seed", "--init", "--data-seed", "--n", "--frames", "--fps", "--dpi", "--max-iter",
                   "--reg-covar", "--truth", "--grey", "--out", "--lang"):
        assert option in text


# --- limits that agree with their messages ------------------------------------------------

def test_smallest_n_in_the_message_is_the_smallest_that_works(tmp_path, capsys):
    code, out, err = run(capsys, "--n", "3", *FAST, "--frames", "2", "--out", str(tmp_path / "three.gif"))
    assert code == 2 and "between 4 and" in err
    code, out, err = run(capsys, "--n", "4", *FAST, "--frames", "2", "--out", str(tmp_path / "four.gif"))
    assert code == 0, err
    assert gif_frames(tmp_path / "four.gif") == 2
    animate = build_parser("en")._subparsers._group_actions[0].choices["animate"]
    assert "from 4 to 100000" in " ".join(animate.format_help().split())


def test_a_tiny_positive_reg_covar_that_is_still_a_float_is_used(tmp_path, capsys):
    code, out, err = run(capsys, "--reg-covar", "1e-320", *FAST, "--frames", "2", "--out", str(tmp_path / "e.gif"))
    assert code == 0, err  # subnormal but not 0: the user's value, not refused


def test_limits_are_the_animation_modules():
    from gmm_teach import __main__ as cli
    from gmm_teach import animation

    assert (cli.MIN_DPI, cli.MAX_DPI) == (animation.MIN_DPI, animation.MAX_DPI)
    assert cli.MAX_TOTAL_PIXELS == animation.MAX_TOTAL_PIXELS
    assert (cli.FRAME_INCHES, cli.FRAME_INCHES) == animation.DEFAULT_FIGSIZE


@pytest.mark.parametrize("lang, says", [
    ("en", "--dpi 60 with 59 frames would draw 59 frames of 300 x 300 pixels (5.31e+06 pixels), more than the "
           "5e+06 allowed; use a smaller --dpi, --frames or --max-iter"),
    ("ja", "--dpi 60 で 59 フレームでは 300 x 300 ピクセルのフレームが 59 枚（計 5.31e+06 ピクセル）となり、上限 5e+06 を超える。"),
])
def test_absurd_output_is_refused_in_one_line_before_drawing(tmp_path, capsys, monkeypatch, lang, says):
    from gmm_teach import __main__ as cli
    from gmm_teach import animation

    monkeypatch.setattr(cli, "MAX_TOTAL_PIXELS", 5_000_000)  # the real limit, 5e8, needs minutes to approach
    monkeypatch.setattr(animation, "save_html", lambda *a, **k: pytest.fail("drew despite the limit"))
    code, out, err = run(capsys, "--lang", lang, "--dpi", "60", "--out", str(tmp_path / "big.html"))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and says in err
    assert list(tmp_path.iterdir()) == []


def test_the_real_limit_refuses_ten_thousand_frames_at_dpi_300(tmp_path, capsys, monkeypatch):
    from gmm_teach import animation

    monkeypatch.setattr(animation, "save_gif", lambda *a, **k: pytest.fail("drew despite the limit"))
    code, out, err = run(capsys, "--k", "10", "--max-iter", "10000", "--dpi", "300", "--out", str(tmp_path / "x.gif"))
    assert code == 2
    assert "frames of 1500 x 1500 pixels" in err and "more than the 5e+08 allowed" in err


# --- out of memory, Ctrl-C, a full disk: one line, the old file intact ------------------------------

@pytest.mark.parametrize("lang, says", [("en", "ran out of memory while writing"), ("ja", "メモリが足りなくなった（")])
def test_out_of_memory_is_one_line_and_exit_1(tmp_path, capsys, monkeypatch, lang, says):
    from gmm_teach import animation

    def no_memory(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(animation, "save_gif", no_memory)
    code, out, err = run(capsys, "--lang", lang, *FAST, "--frames", "2", "--out", str(tmp_path / "m.gif"))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and says in err and "--dpi" in err and "Traceback" not in err


def _fail_writes_in(directory, monkeypatch, error, after=3000):
    import builtins
    import io

    real_open = builtins.open

    def fake_open(file, mode="r", *args, **kwargs):
        handle = real_open(file, mode, *args, **kwargs)
        inside = isinstance(file, (str, os.PathLike)) and Path(file).resolve().parent == directory.resolve()
        return FailingFile(handle, error, after) if inside and set(mode) & set("wa+") else handle

    monkeypatch.setattr(builtins, "open", fake_open)
    monkeypatch.setattr(io, "open", fake_open)


@pytest.mark.parametrize("name", ["em.gif", "em.html"])
@pytest.mark.parametrize("lang, error, code, says", [
    ("en", KeyboardInterrupt(), 130, "gmm_teach: interrupted (Ctrl-C); {path} was not written or changed"),
    ("ja", KeyboardInterrupt(), 130, "gmm_teach: 中断した (Ctrl-C)。{path} は書き出しも変更もしていない。"),
    ("en", OSError(errno.ENOSPC, "No space left on device"), 1,
     "gmm_teach animate: error: could not write {path}: No space left on device; it was not written or changed"),
    ("ja", OSError(errno.ENOSPC, "No space left on device"), 1,
     "gmm_teach animate: error: {path} を書き出せなかった: No space left on device。"),
], ids=["ctrl-c-en", "ctrl-c-ja", "disk-full-en", "disk-full-ja"])
def test_interrupted_or_failed_write_keeps_the_old_file(tmp_path, capsys, monkeypatch, name, lang, error, code, says):
    target = tmp_path / name
    old = bytes(range(256)) * 40  # yesterday's animation, 10 KB
    target.write_bytes(old)
    _fail_writes_in(tmp_path, monkeypatch, error)
    got, out, err = run(capsys, "--lang", lang, "--frames", "6", "--dpi", "40", "--out", str(target))
    assert got == code
    assert err.count("\n") == 1 and err.startswith(says.format(path=target)) and "Traceback" not in err
    assert target.read_bytes() == old  # today a Ctrl-C left a truncated file
    assert [p.name for p in tmp_path.iterdir()] == [name]  # no temporary file left


def test_ctrl_c_in_a_real_process_exits_130_with_one_line(tmp_path):
    import signal
    import time

    target = tmp_path / "em.gif"
    target.write_bytes(b"old")
    env = {**os.environ, "MPLBACKEND": "Agg"}
    # SIGINT at its default even where this test runs under a shell that ignores it (a background job)
    proc = subprocess.Popen([sys.executable, "-m", "gmm_teach", "animate", "--dpi", "200", "--out", str(target)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 60
    while not any(p.name.endswith(".part") for p in tmp_path.iterdir()):  # drawing has started
        assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert err == f"gmm_teach: interrupted (Ctrl-C); {target} was not written or changed\n"
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["em.gif"]


def test_ctrl_c_that_a_c_extension_turns_into_its_own_error_is_still_ctrl_c(tmp_path, capsys, monkeypatch):
    """Ctrl-C landing while matplotlib's Agg converts its arguments comes out as a ValueError ("Invalid affine
    transformation matrix", seen once in 60 real interrupts): the CLI records the signal itself, so it is
    still one line, exit 130, the old file kept, no traceback."""
    import signal

    from gmm_teach import animation

    def converting(X, result, path, **kwargs):
        with animation._replacing(path) as tmp:
            tmp.write_bytes(b"half a GIF")
            try:
                signal.raise_signal(signal.SIGINT)  # the user's Ctrl-C, delivered to this process
            except KeyboardInterrupt:
                raise ValueError("Invalid affine transformation matrix") from None  # what the C converter does

    monkeypatch.setattr(animation, "save_gif", converting)
    target = tmp_path / "em.gif"
    target.write_bytes(b"old")
    inherited = signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a terminal, even under nohup
    try:
        code, out, err = run(capsys, *FAST, "--out", str(target))
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # main() put the handler back
    finally:
        signal.signal(signal.SIGINT, inherited)
    assert code == 130 and out == ""
    assert err == f"gmm_teach: interrupted (Ctrl-C); {target} was not written or changed\n"
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["em.gif"]


def test_a_sigint_the_parent_ignores_stays_ignored(tmp_path, capsys, monkeypatch):
    """A background job (nohup, `&` in a script) inherits SIGINT as ignored: the CLI leaves it so."""
    import signal

    from gmm_teach import animation

    seen = []
    monkeypatch.setattr(animation, "save_gif", lambda *a, **k: seen.append(signal.getsignal(signal.SIGINT)))
    inherited = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        code, _, _ = run(capsys, *FAST, "--out", str(tmp_path / "em.gif"))
        after = signal.getsignal(signal.SIGINT)
    finally:
        signal.signal(signal.SIGINT, inherited)
    assert seen == [signal.SIG_IGN] and after is signal.SIG_IGN


def test_an_error_without_ctrl_c_is_not_reported_as_an_interrupt(tmp_path, capsys, monkeypatch):
    from gmm_teach import animation

    def broken(*args, **kwargs):
        raise ValueError("Invalid affine transformation matrix")

    monkeypatch.setattr(animation, "save_gif", broken)
    with pytest.raises(ValueError, match="Invalid affine"):  # a bug stays a bug: not disguised as Ctrl-C
        run(capsys, *FAST, "--out", str(tmp_path / "em.gif"))
