"""The README's first commands start JupyterLab on the index notebook, also as root (containers, CI).

Each test starts the server headless (--no-browser, 127.0.0.1, a free port, a known token), waits
for /api/status, asks for the index notebook, then stops the whole process group.
"""
import json
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")
BIN = Path(sys.prefix, "bin")
INDEX = "00_introduction.ipynb"  # JupyterLab serves the directory of the notebook it is given
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
TOKEN = "gmm-teach-test-token"
START_TIMEOUT = 30.0

pytestmark = pytest.mark.skipif(not (BIN / "jupyter").exists(), reason=f"no jupyter in {BIN}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def headless(port: int) -> list[str]:
    return ["--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={TOKEN}"]


def get(url: str):
    """(status, body) of a GET with the token."""
    sep = "&" if "?" in url else "?"
    try:
        with urllib.request.urlopen(f"{url}{sep}token={TOKEN}", timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


@contextmanager
def server(argv, port, tmp_path):
    """Start argv in its own process group; yield (base URL, function returning the log so far)."""
    log_path = tmp_path / "server.log"
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
           "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"), "BROWSER": "true"}
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(argv, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)
    read_log = lambda: log_path.read_text(encoding="utf-8", errors="replace")  # noqa: E731
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if proc.poll() is not None:
                pytest.fail(f"{shlex.join(argv)} exited with status {proc.returncode}:\n{read_log()}")
            try:
                if get(f"{base}/api/status")[0] == 200:
                    break
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"no answer on {base}/api/status within {START_TIMEOUT} s:\n{read_log()}")
            time.sleep(0.25)
        yield base, read_log
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)


def assert_serves_the_index_notebook(base):
    status, body = get(f"{base}/api/contents/{INDEX}?content=0")
    assert status == 200, body[:300]
    assert json.loads(body)["type"] == "notebook"
    assert get(f"{base}/lab/tree/{INDEX}")[0] == 200  # the page a browser opens


# --- make lab -----------------------------------------------------------------------

def make_lab(*extra):
    # -o: take the venv as installed (the set-up itself is tested by test_fresh_env); VENV: this Python's.
    return ["make", "--no-print-directory", "-o", f"{sys.prefix}/.installed", "lab", f"VENV={sys.prefix}", *extra]


def test_make_lab_passes_allow_root_only_as_root():
    dry = subprocess.run(make_lab("-n"), cwd=REPO, capture_output=True, text=True, timeout=30)
    assert dry.returncode == 0, dry.stderr
    command = [line for line in dry.stdout.splitlines() if "jupyter lab" in line and "echo" not in line]
    assert len(command) == 1, dry.stdout
    assert ("--allow-root" in command[0].split()) == IS_ROOT
    assert command[0].rstrip().endswith("notebooks/ja/00_introduction.ipynb")


def test_make_lab_starts_jupyterlab_on_the_index_notebook(tmp_path):
    port = free_port()
    argv = make_lab(f"LAB_ARGS={shlex.join(headless(port))}")
    with server(argv, port, tmp_path) as (base, read_log):
        assert_serves_the_index_notebook(base)
        log = read_log()
    # What a newcomer is told: which address to open (JupyterLab prints it with the token).
    assert "open the address" in log and "?token=" in log
    assert f"http://127.0.0.1:{port}/lab" in log
    assert "Running as root is not recommended" not in log


# --- the pip-only instructions ------------------------------------------------------------

def readme_lab_lines():
    """(plain, as_root): the README's `jupyter lab ...` line and the one it gives for root."""
    plain = re.findall(r"^(jupyter lab [^#\n`]*?)\s*(?:#.*)?$", README, re.MULTILINE)
    as_root = re.findall(r"`(jupyter lab --allow-root [^`]+)`", README)
    assert len(plain) == 1 and len(as_root) == 1, (plain, as_root)
    return plain[0], as_root[0]


def test_readme_tells_root_users_to_add_allow_root():
    plain, as_root = readme_lab_lines()
    assert plain == "jupyter lab notebooks/ja/00_introduction.ipynb"
    assert as_root == "jupyter lab --allow-root notebooks/ja/00_introduction.ipynb"


def test_readme_jupyter_lab_line_serves_the_index_notebook(tmp_path):
    plain, as_root = readme_lab_lines()
    line = as_root if IS_ROOT else plain  # what the README tells this user to type
    port = free_port()
    with server([*shlex.split(line), *headless(port)], port, tmp_path) as (base, _):
        assert_serves_the_index_notebook(base)


@pytest.mark.skipif(not IS_ROOT, reason="only root needs --allow-root")
def test_as_root_the_plain_line_is_refused_which_is_why_the_readme_says_so(tmp_path):
    plain, _ = readme_lab_lines()
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
           "JUPYTER_RUNTIME_DIR": str(tmp_path)}
    done = subprocess.run([*shlex.split(plain), *headless(free_port())], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert done.returncode != 0
    assert "--allow-root" in done.stderr + done.stdout
