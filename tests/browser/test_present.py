"""`make present CHAPTER=06 EDITION=en`: the chapter as a Voilà app, seen in Chromium.

The test starts `make present ... PORT=<free> NO_BROWSER=1` with this Python's venv (as tests/test_lab.py
runs `make lab`), opens the page and checks what a lecturer projects: no request leaves 127.0.0.1 (no
CDN), no code is shown, the EM stepper's picture is shown at most at its own pixel width and changes
when its slider moves (ArrowRight on the focused handle). The refusals (a chapter without widgets, an
unknown edition) are checked without a browser.
"""
from __future__ import annotations

import json
import os
import shlex
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

import jupyter_driver as jd
from jupyter_driver import record

REPO = Path(__file__).resolve().parents[2]
CHAPTER = REPO / "notebooks" / "en" / "06_animation.ipynb"
START_TIMEOUT_S = 240  # Voilà runs the whole chapter before the page is complete (06: ~20-60 s on two cores)


def make_present(*args: str) -> list[str]:
    # -o: take the venv as installed (tests/test_fresh_env.py tests the set-up); VENV: this Python's.
    return ["make", "--no-print-directory", "-o", f"{sys.prefix}/.installed", "present", f"VENV={sys.prefix}", *args]


def _env(tmp_path: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}  # the kernel uses the inline backend
    env.update(PATH=f"{Path(sys.prefix, 'bin')}{os.pathsep}{env.get('PATH', '')}", BROWSER="true",
               JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"), JUPYTER_CONFIG_DIR=str(tmp_path / "config"))
    return env


def _title_and_code_lines(notebook: Path):
    """The chapter's title (its first heading) and the lines of its code cells that its prose does not quote."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    prose = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    title = next(line.lstrip("# ").strip() for line in prose.splitlines() if line.startswith("# "))
    lines = {line.strip() for c in nb["cells"] if c["cell_type"] == "code" for line in "".join(c["source"]).splitlines()}
    return title, sorted(line for line in lines if len(line) >= 20 and not line.startswith("#") and line not in prose)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _listening(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


# --- refusals (no browser needed) ---------------------------------------------------------------

@pytest.mark.parametrize("args, words", [
    (["CHAPTER=04", "EDITION=en"], "chapter 04 (04_m_step) has no widgets to present; chapters with widgets: 01, "),
    (["CHAPTER=06", "EDITION=fr"], "EDITION=fr is not an edition of the course; choose one of ja, en"),
    (["CHAPTER=99", "EDITION=ja"], "there is no chapter 99 in notebooks/ja/"),
    ([], "say which chapter, one with widgets (01, 02, 03, 06, 08, 09, 11, 12)"),
    (["CHAPTER=06", "PORT=http"], "PORT=http is not a port number"),
])
def test_make_present_refuses_bad_arguments_in_one_line(args, words, tmp_path):
    done = subprocess.run(make_present(*args), cwd=REPO, env=_env(tmp_path), capture_output=True, text=True,
                          timeout=60, stdin=subprocess.DEVNULL)
    assert done.returncode != 0
    ours = [line for line in done.stderr.splitlines() if line.startswith("make present:")]
    assert len(ours) == 1 and words in ours[0], done.stderr
    assert "Traceback" not in done.stderr and not done.stdout.strip(), (done.stdout, done.stderr)


def test_make_present_runs_voila_on_127_0_0_1_with_the_local_template(tmp_path):
    done = subprocess.run(make_present("-n", "CHAPTER=6", "EDITION=ja"), cwd=REPO, capture_output=True, text=True,
                          timeout=30)
    assert done.returncode == 0, done.stderr
    command = shlex.split(done.stdout.strip().splitlines()[-1])
    assert command[1:] == ["tools/present.py", "6", "ja", "--port", "8866"], command  # defaults: port 8866, a browser
    sys.path.insert(0, str(REPO / "tools"))
    try:
        import present
    finally:
        sys.path.pop(0)
    voila = present.voila_command(REPO / "notebooks/ja/06_animation.ipynb", 8866, open_browser=True)
    assert "--Voila.ip=127.0.0.1" in voila and "--template=gmm-teach" in voila and "--no-browser" not in voila
    assert "--allow-root" not in voila  # Voilà is no Jupyter server app: root needs no --allow-root
    template = (present.TEMPLATE_ROOT / "voila" / "templates" / "gmm-teach" / "index.html.j2").read_text()
    assert "https://" not in template and "http://" not in template  # nothing linked off the machine
    assert 'http-equiv="Content-Security-Policy"' in template  # nor loaded by what the outputs link


# --- the app in Chromium ------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.browser
def test_present_shows_the_chapter_with_live_widgets_and_no_code(browser, screenshots, tmp_path):
    port = _free_port()
    log_path = tmp_path / "present.log"
    argv = make_present("CHAPTER=06", "EDITION=en", f"PORT={port}", "NO_BROWSER=1")
    t0 = time.monotonic()
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(argv, cwd=REPO, env=_env(tmp_path), stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)
    read_log = lambda: log_path.read_text(encoding="utf-8", errors="replace")  # noqa: E731
    page = None
    try:
        jd.wait_until(lambda: proc.poll() is not None or _listening(port), 60, "Voilà to listen")
        assert proc.poll() is None, f"make present exited with {proc.returncode}:\n{read_log()}"
        listening = time.monotonic() - t0
        assert f"http://127.0.0.1:{port}/" in read_log()  # the address the lecturer is told

        page = browser.new_page()
        requests, blocked, errors = [], [], []
        page.on("request", lambda r: requests.append(r.url))
        page.on("requestfailed", lambda r: blocked.append(r.url) if "csp" in (r.failure or "").lower() else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        t1 = time.monotonic()
        page.goto(f"http://127.0.0.1:{port}/", timeout=START_TIMEOUT_S * 1000, wait_until="commit")
        stepper = page.locator(".widget-vbox", has=page.locator(".widget-play")).first
        image = stepper.locator(":scope > img.widget-image").first
        image.wait_for(state="visible", timeout=START_TIMEOUT_S * 1000)
        jd.wait_until(lambda: image.evaluate(jd._IMAGE_READY_JS), 60, "the stepper's picture to load")
        page.wait_for_load_state("load", timeout=START_TIMEOUT_S * 1000)
        shown = time.monotonic() - t1

        # no code: the sources are stripped; the chapter's prose and outputs are there
        text = page.evaluate("document.body.innerText")
        title, code_lines = _title_and_code_lines(CHAPTER)
        assert title in text, text[:500]
        shown_code = [line for line in code_lines if line in text]
        assert not shown_code, f"code shown on the page: {shown_code[:5]}"
        assert page.locator(".jp-CodeCell .jp-InputArea, .jp-Editor, .cm-editor").count() == 0

        # the picture at most at its own pixel width (not stretched soft across the page)
        size = image.evaluate("(img) => [img.naturalWidth, img.getBoundingClientRect().width]")
        assert 0 < size[1] <= size[0] + 1, size

        # the slider moves the picture
        image.scroll_into_view_if_needed()
        slider = stepper.locator(".widget-slider").first
        handle = slider.locator(".noUi-handle")
        value = float(handle.get_attribute("aria-valuenow"))
        before = image.evaluate(jd._IMAGE_HASH_JS)
        t2 = time.monotonic()
        handle.focus()
        page.keyboard.press("ArrowRight")

        def changed():
            if not image.evaluate(jd._IMAGE_READY_JS):
                return False
            return image.evaluate(jd._IMAGE_HASH_JS) != before

        jd.wait_until(changed, 60, "the stepper's picture to change after ArrowRight", poll=0.05)
        moved = time.monotonic() - t2
        assert float(handle.get_attribute("aria-valuenow")) == value + 1
        page.screenshot(path=str(screenshots / "present--06_animation-en.png"), full_page=False)

        off_machine = sorted({url for url in requests
                              if urlparse(url).scheme not in ("data", "blob")
                              and urlparse(url).hostname not in ("127.0.0.1",)})
        # the template's Content-Security-Policy stops what the outputs link (matplotlib's player: Font Awesome)
        sent = [url for url in off_machine if url not in blocked]
        assert not sent, f"requests that leave 127.0.0.1: {sent}"
        assert not errors, errors
        record("make present CHAPTER=06 EDITION=en",
               f"listening {listening:.1f} s, stepper shown {shown:.1f} s after the request, "
               f"slider → new picture {moved:.2f} s; {len(requests)} requests, all to 127.0.0.1 "
               f"({len(off_machine)} off-machine link(s) stopped by the page's CSP: {', '.join(off_machine)}); "
               f"picture {size[1]:.0f} px wide (its own {size[0]} px)",
               "present", dict(listening_s=listening, shown_s=shown, slider_s=moved, requests=len(requests)))
    finally:
        if page is not None:
            page.close()
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)  # make, Voilà and its kernel (one process group)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
