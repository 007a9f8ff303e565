"""The teachers' command line: python -m gmm_teach animate ..."""
import os
import subprocess
import sys
from importlib.metadata import entry_points

import pytest
from PIL import Image

import gmm_teach
from gmm_teach.__main__ import build_parser, main
from gmm_teach.animation import count_html_frames

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
    assert code == 0 and "書き出しました" in out
    code, out, err = run(capsys, "--lang", "ja", "--k", "0")
    assert code == 2 and "整数を指定してください" in err
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
    (["--n", "-5"], "--n must be an integer between 1 and 100000; received -5"),
    (["--n", "2"], "--n 2 gives only 0 data point"),
    (["--k", "5", "--n", "4"], "--k 5 needs at least 5 data points, but --n 4 gives 3"),
    (["--dpi", "0"], "--dpi must be an integer between 20 and 300; received 0"),
    (["--fps", "0"], "--fps"),
    (["--frames", "1"], "--frames must be an integer >= 2; received 1"),
    (["--max-iter", "0"], "--max-iter"),
    (["--reg-covar", "-1"], "--reg-covar must be a number >= 0.0; received -1"),
    (["--reg-covar", "nan"], "--reg-covar"),
    (["--seed", "-1"], "--seed"),
    (["--data-seed", "x"], "--data-seed"),
    (["--init", "best"], "--init"),
    (["--lang", "fr"], "--lang"),
    (["--out", "em.mp4"], "--out must end in .gif"),
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


def test_help_tables_have_the_same_keys():
    from gmm_teach.__main__ import HELP, MESSAGES
    assert HELP["ja"].keys() == HELP["en"].keys()
    assert MESSAGES["ja"].keys() == MESSAGES["en"].keys()
