"""Fixtures for the real-browser tests: a JupyterLab server and Debian's Chromium driven by Playwright.

- The server (one per session) listens on 127.0.0.1 on a free port with a random token. Its
  root is a temporary copy of notebooks/, so Clear / Run All / autosave can never touch the
  committed files. Settings (the "Jupyter news" toast off), workspaces, config and runtime
  files live in temporary directories: nothing is written to the repository or the venv.
- The browser is /usr/bin/chromium (apt), never a downloaded one. Where it (or Playwright)
  is missing the tests skip with the reason, except under CI=true, where that is a failure.
- Screenshots go to artifacts/screenshots/ (git-ignored), measurements to
  artifacts/browser-metrics.json and the end of the pytest report.
"""
from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
import pytest

import jupyter_driver as jd

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]
VIEWPORT = {"width": 1400, "height": 1400}
SERVER_START_TIMEOUT_S = 120
NEWS_OFF = {"fetchNews": "false", "checkForUpdates": False}
record, missing = jd.record, jd.missing


def pytest_terminal_summary(terminalreporter):
    if not jd.METRICS:
        return
    terminalreporter.section("gmm-teach browser measurements")
    for what, value in jd.METRICS:
        terminalreporter.write_line(f"{what}: {value}")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "browser-metrics.json").write_text(json.dumps(jd.METRICS_JSON, indent=2, ensure_ascii=False))


def pytest_collection_modifyitems(config, items):
    """Keep all tests of one notebook together (one page and one kernel open at a time)."""
    order = {}

    def key(pair):
        position, item = pair
        callspec = getattr(item, "callspec", None)
        notebook = callspec.params.get("notebook") if callspec else None
        if notebook is None or Path(str(item.fspath)).parent != Path(__file__).parent:
            return (0, position, 0)
        group = order.setdefault(getattr(notebook, "rel", str(notebook)), position)
        return (1, group, position)

    items[:] = [item for _, item in sorted(enumerate(items), key=key)]


# --- prerequisites -------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def playwright_api():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("Playwright is not installed in this environment (pip install -r requirements-test.txt)")
    if not CHROMIUM.exists():
        missing(f"Chromium not found at {CHROMIUM}; install Debian's package: apt-get install -y chromium")
    return sync_playwright


# --- the JupyterLab server -----------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LabServer:
    def __init__(self, url: str, token: str, process: subprocess.Popen, root: Path, log: Path):
        self.url, self.token, self.process, self.root, self.log = url, token, process, root, log

    def api(self, method: str, path: str, timeout: float = 10):
        request = urllib.request.Request(f"{self.url}{path}", method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
        return json.loads(body) if body else None

    def delete_sessions(self) -> None:
        """Shut down every kernel (the next notebook starts from a fresh one)."""
        try:
            for session in self.api("GET", "/api/sessions") or []:
                self.api("DELETE", f"/api/sessions/{session['id']}", timeout=30)
        except (urllib.error.URLError, OSError):
            pass

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


@pytest.fixture(scope="session")
def lab_root(tmp_path_factory) -> Path:
    """A copy of notebooks/ to serve (the committed notebooks are never opened for writing)."""
    root = tmp_path_factory.mktemp("lab-root")
    shutil.copytree(REPO / "notebooks", root / "notebooks",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints", "src"))
    _, tour = jd.discover(REPO)
    if tour is not None:
        (root / tour.rel).parent.mkdir(parents=True)
        nbformat.write(tour.notebook, root / tour.rel)
    return root


@pytest.fixture(scope="session")
def lab_server(playwright_api, lab_root, tmp_path_factory):
    home = tmp_path_factory.mktemp("jupyter-home")
    settings = home / "lab-settings"
    (settings / "@jupyterlab" / "apputils-extension").mkdir(parents=True)
    (settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings").write_text(
        json.dumps(NEWS_OFF))
    for sub in ("workspaces", "config", "runtime"):
        (home / sub).mkdir()
    env = dict(os.environ,
               JUPYTERLAB_SETTINGS_DIR=str(settings),  # user settings: the news toast off
               JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"),
               JUPYTER_CONFIG_DIR=str(home / "config"),  # no ~/.jupyter config leaks in
               JUPYTER_RUNTIME_DIR=str(home / "runtime"))
    env.pop("MPLBACKEND", None)  # `make test` sets Agg; a student's kernel uses the inline backend
    token = secrets.token_hex(24)
    ARTIFACTS.mkdir(exist_ok=True)
    log = ARTIFACTS / "jupyterlab-server.log"
    server = None
    t0 = time.monotonic()
    try:
        for attempt in range(3):  # another process may take the free port before the server binds it
            port = _free_port()
            command = [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}",
                       "--ServerApp.ip=127.0.0.1", f"--ServerApp.token={token}", "--allow-root",
                       f"--ServerApp.root_dir={lab_root}", "--ServerApp.port_retries=0",
                       "--LabApp.expose_app_in_browser=True", "--JupyterNotebookApp.expose_app_in_browser=True"]
            with open(log, "wb") as out:
                process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=lab_root,
                                           start_new_session=True)
            server = LabServer(f"http://127.0.0.1:{port}", token, process, lab_root, log)
            if _wait_for_server(server):
                break
        else:
            pytest.fail(f"JupyterLab exited with {process.returncode}:\n{server.log_tail()}", pytrace=False)
        record("JupyterLab server start", f"{time.monotonic() - t0:.1f} s", "server_start_s", time.monotonic() - t0)
        yield server
    finally:
        if server is not None:
            _stop(server)


def _wait_for_server(server: LabServer) -> bool:
    """True once /api/status answers; False if the process exited (e.g. the port was taken)."""
    t0 = time.monotonic()
    while True:
        if server.process.poll() is not None:
            return False
        try:
            server.api("GET", "/api/status", timeout=2)
            return True
        except (urllib.error.URLError, OSError):
            if time.monotonic() - t0 > SERVER_START_TIMEOUT_S:
                pytest.fail(f"JupyterLab did not answer within {SERVER_START_TIMEOUT_S} s:\n{server.log_tail()}",
                            pytrace=False)
            time.sleep(0.1)


def _stop(server: LabServer) -> None:
    """Kernels first (via the API), then the server; escalate to SIGKILL of its process group."""
    if server.process.poll() is None:
        server.delete_sessions()
        try:
            server.api("POST", "/api/shutdown", timeout=10)
        except (urllib.error.URLError, OSError):
            pass
        try:
            server.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.process.terminate()
            try:
                server.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(server.process.pid, signal.SIGKILL)
                server.process.wait(timeout=10)


# --- the browser ---------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def browser(playwright_api, tmp_path_factory):
    """A headless Debian Chromium with a fresh profile (a persistent context: Playwright refuses
    --user-data-dir in args)."""
    pw = playwright_api().start()
    try:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=str(CHROMIUM), headless=True,
            args=CHROMIUM_ARGS, viewport=VIEWPORT)
    except Exception as exc:
        pw.stop()
        pytest.fail(f"Chromium at {CHROMIUM} did not start: {exc}", pytrace=False)
    try:
        yield context
    finally:
        try:
            context.close()
        finally:
            pw.stop()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


class NotebookRuns:
    """Open → Clear all outputs → Run All, one notebook at a time; later tests of the same notebook
    reuse its page (the widgets stay live). Switching notebooks closes the page and its kernel."""

    def __init__(self, server: LabServer, browser, screenshots: Path, timeout: float):
        self.server, self.browser, self.screenshots, self.timeout = server, browser, screenshots, timeout
        self.current = None  # (info, NotebookPage or None, failure or None, status)

    def get(self, info: jd.NotebookInfo):
        if self.current and self.current[0] is info:
            return self.current
        self.close()
        page = self.browser.new_page()
        nbp = jd.NotebookPage(page, self.server, info)
        failure, status = None, None
        t0 = time.monotonic()
        try:
            nbp.open(self.timeout)
            nbp.clear_all_outputs()
            status = nbp.run_all(self.timeout)
            if not status["errors"]:
                nbp.wait_widgets_rendered(self.timeout)
                nbp.settle()
                status = nbp.status()
        except Exception as exc:  # reported by every test of this notebook
            failure = exc
        nbp.timings["total_s"] = time.monotonic() - t0
        try:
            page.screenshot(path=str(self.screenshots / f"{info.name}.png"))
        except Exception:
            pass
        self.current = (info, nbp, failure, status)
        return self.current

    def close(self) -> None:
        if self.current:
            _, nbp, _, _ = self.current
            try:
                nbp.page.close()
            finally:
                self.server.delete_sessions()
            self.current = None


@pytest.fixture(scope="session")
def notebook_runs(lab_server, browser, screenshots):
    runs = NotebookRuns(lab_server, browser, screenshots, timeout=180)
    yield runs
    runs.close()
