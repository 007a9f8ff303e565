"""Drive a notebook in JupyterLab (or Notebook 7) the way a student does, with Playwright.

Everything a student does goes through the UI: the Edit and Run menus, slider handles and
arrow keys, typing into a slider's readout, buttons. What cannot be seen reliably in the
DOM (every code cell's execution count, the kernel status, error outputs) is read from the
notebook model through ``window.jupyterapp``, which the server exposes because the fixture
starts it with ``--LabApp.expose_app_in_browser`` (the switch JupyterLab's own Galata tests use).

JupyterLab 4 renders long notebooks lazily ("contentVisibility" windowing): a cell's text
can be empty for ``inner_text`` while it is off screen, so this module reads
``textContent`` and scrolls widgets into view before touching them.
"""
from __future__ import annotations

import ast
import os
import re
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

IN_CI = os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")
METRICS: list = []  # (what, value) lines for the end of the pytest report
METRICS_JSON: dict = {}  # the same, with the raw numbers, for artifacts/browser-metrics.json


def missing(reason: str):
    """Skip outside CI; under CI (CI=true) a missing browser is a failure, not a silent skip."""
    import pytest
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: the browser tests must run)", pytrace=False)
    pytest.skip(reason)


def record(what: str, value: str, key: str | None = None, data=None) -> None:
    """Report a measurement at the end of the run (and in artifacts/browser-metrics.json)."""
    METRICS.append((what, value))
    if key is not None:
        METRICS_JSON[key] = data


POLL_S = 0.1  # fast polling; the timeouts are generous instead
# the widgets the tests know how to use like a student; any other gt.widgets.<name>(...) a chapter
# shows gets the generic treatment (it renders; its first slider moves the picture, no error)
WIDGET_KINDS = ("em_stepper", "em_lab", "truth_explorer", "gaussian_explorer", "estep_explorer")
_WIDGET_CALL = re.compile(r"\bwidgets\.([a-z]\w*)\s*\(")


def displayed_widget(source: str) -> str | None:
    """`kind` when the cell's last statement is a call gt.widgets.<kind>(...) (the cell shows that
    widget, as AUTHORING.md asks); None otherwise."""
    try:
        body = ast.parse(source).body
    except SyntaxError:  # IPython syntax (magics): fall back to the text of the last call
        found = _WIDGET_CALL.findall(source)
        return found[-1] if found and source.rstrip().endswith(")") else None
    last = body[-1] if body else None
    if isinstance(last, ast.Expr) and isinstance(last.value, ast.Call):
        func = last.value.func
        if (isinstance(func, ast.Attribute) and isinstance(func.value, (ast.Attribute, ast.Name))
                and (getattr(func.value, "attr", None) or getattr(func.value, "id", None)) == "widgets"):
            return func.attr
    return None

# Find the NotebookPanel of `path` (JupyterLab and Notebook 7 both have shell.widgets("main")).
_PANEL_JS = """
function findPanel(path) {
  const app = window.jupyterapp;
  if (!app) return null;
  for (const w of app.shell.widgets('main')) {
    if (w && w.context && w.context.path === path && w.content && w.content.model) return w;
  }
  const w = app.shell.currentWidget;
  return (w && w.context && w.context.path === path && w.content && w.content.model) ? w : null;
}
"""

_STATUS_JS = """
(path) => {
""" + _PANEL_JS + """
  const panel = findPanel(path);
  if (!panel) return {ready: false};
  const cells = panel.content.model.cells;
  const missing = [], errors = [], stderr = [];
  for (let i = 0; i < cells.length; i++) {
    const cell = cells.get(i);
    if (cell.type !== 'code') continue;
    if (cell.sharedModel.getSource().trim() && !cell.executionCount) missing.push(i);
    for (const out of cell.outputs.toJSON()) {
      if (out.output_type === 'error') errors.push(`cell ${i}: ${out.ename}: ${out.evalue}`);
      if (out.output_type === 'stream' && out.name === 'stderr') {
        const text = Array.isArray(out.text) ? out.text.join('') : out.text;
        stderr.push(`cell ${i} (stderr): ${text.slice(0, 500)}`);
      }
    }
  }
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  const node = panel.content.node;
  const starred = Array.from(node.querySelectorAll('.jp-InputPrompt')).filter(e => e.textContent.includes('*')).length;
  const text = node.textContent;
  return {
    ready: true,
    nCells: cells.length,
    domCells: node.querySelectorAll('.jp-Cell').length,
    kernel: kernel ? kernel.status : 'none',
    missing, errors, stderr, starred,
    nOutputs: node.querySelectorAll('.jp-OutputArea-output').length,
    domStderr: node.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').length,
    widgetErrors: (text.match(/Error displaying widget[^\\n]{0,120}/g) || []),
    loadingWidgets: (text.match(/Loading widget/g) || []).length,
  };
}
"""

_IMAGE_HASH_JS = """
async (img) => {
  if (!img.src) return '';
  const data = await (await fetch(img.src)).arrayBuffer();
  const digest = await crypto.subtle.digest('SHA-256', data);
  return Array.from(new Uint8Array(digest)).map(b => b.toString(16).padStart(2, '0')).join('');
}
"""

_IMAGE_READY_JS = "(img) => !!img.src && img.complete && img.naturalWidth > 0"


class Timeout(AssertionError):
    pass


def wait_until(predicate, timeout: float, what: str, poll: float = POLL_S):
    """Poll predicate() until it returns something truthy; AssertionError naming `what` after `timeout` s."""
    deadline = time.monotonic() + timeout
    last = None
    while True:
        last = predicate()
        if last:
            return last
        if time.monotonic() > deadline:
            raise Timeout(f"timed out after {timeout:.0f} s waiting for {what} (last state: {last!r})")
        time.sleep(poll)


@dataclass
class WidgetCell:
    """A code cell whose last expression is one of gmm_teach.widgets' factories."""
    index: int  # cell index in the notebook
    kind: str  # em_stepper, em_lab, ...

    @property
    def id(self) -> str:
        return f"cell{self.index:02d}-{self.kind}"


@dataclass
class NotebookInfo:
    path: Path  # on disk (the repository's copy)
    rel: str  # path relative to the served root, with "/"
    n_cells: int
    code_cells: list
    widgets: list = field(default_factory=list)
    language: str = "ja"
    notebook: object = None  # the notebook itself, for one made by the tests (the widget tour)

    @property
    def name(self) -> str:
        """`ja-01_data_generation`: unique across editions (test ids, screenshots)."""
        return f"{self.language}-{self.path.stem}"


def read_notebook(path: Path, rel: str, language: str = "ja", nb=None) -> NotebookInfo:
    nb = nbformat.read(path, as_version=4) if nb is None else nb
    code = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.source.strip()]
    widgets = []
    for i in code:
        kind = displayed_widget(nb.cells[i].source)
        if kind:
            widgets.append(WidgetCell(i, kind))
    return NotebookInfo(path, rel, len(nb.cells), code, widgets, language)


TOUR_REL = "widget_tour/widget_tour.ipynb"
_TOUR_CALLS = {
    "em_stepper": "gt.widgets.em_stepper(X, result, truth=gt.TEXTBOOK_TRUTH)",
    "em_lab": "gt.widgets.em_lab()",
    "truth_explorer": "gt.widgets.truth_explorer()",
    "gaussian_explorer": "gt.widgets.gaussian_explorer()",
    "estep_explorer": "gt.widgets.estep_explorer()",
}


def tour_notebook(kinds, language: str):
    """A notebook showing the widgets that no chapter shows yet (so every widget meets a student)."""
    nb = nbformat.v4.new_notebook()
    setup = ("import gmm_teach as gt\n"
             f"gt.set_language({language!r})\n"
             "X = gt.textbook_data()\n"
             "result = gt.fit(X, 3, init=\"textbook\", seed=11, reg_covar=0.0)")
    nb.cells = [nbformat.v4.new_code_cell(setup)] + [nbformat.v4.new_code_cell(_TOUR_CALLS[k]) for k in kinds]
    nb.metadata = {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}}
    return nb


def editions(repo: Path) -> list[str]:
    """The languages with built notebooks: notebooks/<language>/*.ipynb (ja first, then the others)."""
    found = [d.name for d in (repo / "notebooks").iterdir()
             if d.is_dir() and d.name != "src" and any(d.glob("*.ipynb"))] if (repo / "notebooks").is_dir() else []
    return sorted(found, key=lambda lang: (lang != "ja", lang))


def discover(repo: Path):
    """(chapters, tour): every notebook of every edition (notebooks/ja/, notebooks/en/, ...), and a
    NotebookInfo for the widget tour (None when the chapters already show every widget kind)."""
    chapters = [read_notebook(p, f"notebooks/{lang}/{p.name}", lang)
                for lang in editions(repo) for p in sorted((repo / "notebooks" / lang).glob("*.ipynb"))]
    covered = {w.kind for nb in chapters for w in nb.widgets}
    kinds = [k for k in WIDGET_KINDS if k not in covered]
    tour = None
    if kinds:
        nb = tour_notebook(kinds, "ja")
        tour = read_notebook(Path(TOUR_REL), TOUR_REL, "ja", nb=nb)
        tour.notebook = nb
    return chapters, tour


class NotebookPage:
    """One notebook open in a browser page (JupyterLab or Notebook 7)."""

    def __init__(self, page, server, info: NotebookInfo, ui: str = "lab", workspace: str | None = None):
        self.page, self.server, self.info, self.ui = page, server, info, ui
        self.page_errors: list[str] = []
        self.console_errors: list[str] = []
        page.on("pageerror", lambda exc: self.page_errors.append(str(exc)))
        page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(msg.text))
        if ui == "lab":  # a fresh workspace per page: nothing restored from another test
            ws = workspace or f"t{int(time.time() * 1000)}"
            self.url = f"{server.url}/lab/workspaces/{ws}/tree/{info.rel}?token={server.token}"
        else:
            self.url = f"{server.url}/notebooks/{info.rel}?token={server.token}"
        self.timings: dict[str, float] = {}

    # --- state ------------------------------------------------------------------------------
    def status(self) -> dict:
        return self.page.evaluate(_STATUS_JS, self.info.rel)

    def kernel_status(self) -> str:
        return self.status().get("kernel", "none")

    # --- opening, clearing, running ---------------------------------------------------------
    def open(self, timeout: float) -> None:
        t0 = time.monotonic()
        self.page.goto(self.url, wait_until="domcontentloaded", timeout=timeout * 1000)

        def rendered():
            s = self.status()
            return s if (s.get("ready") and s["nCells"] == self.info.n_cells and s["domCells"] == s["nCells"]
                         and s["kernel"] == "idle") else False

        wait_until(rendered, timeout, f"{self.info.rel} to render all {self.info.n_cells} cells with an idle kernel")
        self.timings["open_s"] = time.monotonic() - t0

    def menu(self, menu: str, command: str, timeout: float = 30) -> None:
        """Click menu `menu` (its label) and then its item `command` (data-command), once it is enabled.

        Items are disabled while the notebook is still rendering (a classic race), so a disabled
        item closes the menu and tries again."""
        bar = self.page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(rf"^{re.escape(menu)}$")).first
        item = self.page.locator(f'.lm-Menu-item[data-command="{command}"]')

        def click_enabled():
            bar.click()
            item.wait_for(state="visible", timeout=5000)
            if "lm-mod-disabled" in (item.get_attribute("class") or ""):
                self.page.keyboard.press("Escape")
                return False
            item.click()
            return True

        wait_until(click_enabled, timeout, f"menu {menu} > {command} to be enabled", poll=0.3)

    def clear_all_outputs(self) -> None:
        self.menu("Edit", "editmenu:clear-all")
        wait_until(lambda: self.status()["nOutputs"] == 0, 30, "every output to be cleared")

    def run_all(self, timeout: float) -> dict:
        """Run > Run All Cells, then wait until every non-empty code cell has run and the kernel is idle.

        Returns the final status. Stops waiting at the first error output (JupyterLab does not run
        the cells after an error, so waiting longer would only time out)."""
        t0 = time.monotonic()
        self.menu("Run", "runmenu:run-all")

        def finished():
            s = self.status()
            if s["errors"]:
                return s
            if not s["missing"] and s["kernel"] == "idle" and s["starred"] == 0:
                return s
            return False

        status = wait_until(finished, timeout, f"Run All of {self.info.rel} to finish")
        self.timings["run_all_s"] = time.monotonic() - t0
        return status

    def wait_widgets_rendered(self, timeout: float) -> None:
        """Every widget cell shows a widget with a loaded picture (widget views load asynchronously)."""
        for w in self.info.widgets:
            root = self.widget_root(w)
            root.wait_for(state="attached", timeout=timeout * 1000)
            root.scroll_into_view_if_needed(timeout=timeout * 1000)
            if w.kind not in WIDGET_KINDS and root.locator("img.widget-image").count() == 0:
                continue  # a widget without a picture: rendered is all we can ask
            image = self.image(root, w.kind)
            wait_until(lambda: image.evaluate(_IMAGE_READY_JS), timeout, f"the picture of {w.id} to load")

    def problems(self, status: dict | None = None) -> list[str]:
        """Everything that must not be there after Run All: errors, stderr, widget errors, page errors."""
        s = status or self.status()
        found = list(s["errors"]) + list(s["stderr"])
        if s["domStderr"] and not s["stderr"] and not s["errors"]:
            found.append(f"{s['domStderr']} stderr/error output(s) rendered")
        found += [f"widget: {text}" for text in s["widgetErrors"]]
        found += [f"page error: {text}" for text in self.page_errors]
        return found

    def settle(self, quiet_s: float = 0.3, timeout: float = 60) -> None:
        """Wait until the kernel has been idle for quiet_s (comm messages handled, pictures sent)."""
        since = [None]

        def quiet():
            if self.kernel_status() != "idle":
                since[0] = None
                return False
            since[0] = since[0] or time.monotonic()
            return time.monotonic() - since[0] >= quiet_s

        wait_until(quiet, timeout, "the kernel to be idle", poll=0.05)

    def shutdown_kernel(self) -> None:
        self.server.delete_sessions()

    # --- widgets ------------------------------------------------------------------------------
    def cell(self, index: int):
        return self.page.locator(".jp-Notebook .jp-Cell").nth(index)

    def widget_root(self, w: WidgetCell):
        """The outermost widget box that cell w displays."""
        return self.cell(w.index).locator(".jp-OutputArea-output .jupyter-widgets.widget-vbox").first

    def stepper_in(self, lab):
        """The EM stepper inside the lab: the innermost box that holds a Play widget."""
        return lab.locator(".widget-vbox", has=self.page.locator(".widget-play")).last

    def image(self, root, kind: str):
        """The Image widget showing the figure (for the lab: its stepper's, not the truth explorer's;
        for a widget the tests do not know: its first visible picture)."""
        if kind == "em_lab":
            root = self.stepper_in(root)
        if kind not in WIDGET_KINDS:
            return root.locator("img.widget-image:visible").first
        return root.locator(":scope > img.widget-image").first

    @staticmethod
    def readout(root):
        return root.locator(":scope > .widget-html").nth(0).locator(".widget-html-content")

    @staticmethod
    def message(root):
        return root.locator(":scope > .widget-html").nth(1).locator(".widget-html-content")

    def slider(self, root, label: str):
        return root.locator(".widget-slider", has=self.page.locator(
            ".widget-label", has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))).first

    @staticmethod
    def slider_value(slider) -> float:
        return float(slider.locator(".noUi-handle").get_attribute("aria-valuenow"))

    def press(self, slider, key: str, times: int = 1) -> None:
        handle = slider.locator(".noUi-handle")
        handle.focus()
        for _ in range(times):
            self.page.keyboard.press(key)

    def drag(self, slider, dx: float, timeout: float = 30) -> None:
        """Drag the slider's handle dx pixels with the mouse (once the page has stopped scrolling),
        and wait until its value changed; a drag that missed (the page moved) is tried again."""
        handle = slider.locator(".noUi-handle")
        before = self.slider_value(slider)
        deadline = time.monotonic() + timeout
        while True:
            handle.scroll_into_view_if_needed()
            boxes = [None, handle.bounding_box()]
            while boxes[-1] != boxes[-2]:  # the same position twice in a row: no scrolling going on
                self.page.wait_for_timeout(100)
                boxes.append(handle.bounding_box())
            box = boxes[-1]
            x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
            self.page.mouse.move(x, y)
            self.page.mouse.down()
            self.page.mouse.move(x + dx, y, steps=5)
            self.page.mouse.up()
            try:
                wait_until(lambda: self.slider_value(slider) != before, 3, "the dragged slider to move")
                return
            except Timeout:
                if time.monotonic() > deadline:
                    raise

    def type_into_readout(self, slider, text: str) -> None:
        """Type a value into a slider's editable readout and press Enter (ipywidgets clamps it to the range)."""
        readout = slider.locator(".widget-readout")
        readout.click()
        self.page.keyboard.press("Control+A")
        self.page.keyboard.type(text)
        self.page.keyboard.press("Enter")

    def dropdown(self, root, label: str):
        return root.locator(".widget-dropdown", has=self.page.locator(
            ".widget-label", has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))).locator("select").first

    def text_input(self, root, label: str):
        return root.locator(".widget-text", has=self.page.locator(
            ".widget-label", has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))).locator("input").first

    @staticmethod
    def image_hash(image) -> str:
        return image.evaluate(_IMAGE_HASH_JS)

    def wait_image_change(self, image, old_hash: str, timeout: float = 60) -> str:
        """Wait for a picture whose bytes differ from old_hash (a new blob URL alone is not enough)."""
        def changed():
            if not image.evaluate(_IMAGE_READY_JS):
                return False
            new = self.image_hash(image)
            return new if new != old_hash else False

        return wait_until(changed, timeout, "the widget's picture to change", poll=0.05)

    def wait_text(self, locator, predicate, what: str, timeout: float = 60) -> str:
        def check():
            text = locator.text_content() or ""
            return [text] if predicate(text) else False  # [""] is truthy: an empty message can be awaited

        return wait_until(check, timeout, what, poll=0.05)[0]

    def measure_slider_latency(self, slider, image, steps: int, timeout: float = 30, after_step=None) -> list[dict]:
        """Press ArrowRight on the slider `steps` times; per step the time from the keydown event to
        the new picture: `src_ms` when the <img> src attribute changes, `paint_ms` at the next
        animation frame after that (the picture on screen). Both measured in the page's clock.
        After each step (outside the timing): `changed` (the picture's bytes differ from the
        previous step's) and after_step(), if given."""
        previous = self.image_hash(image)
        image.evaluate("""(img) => {
            window.__gmmSrc = [];
            new MutationObserver(() => {
              const t = performance.now();
              requestAnimationFrame(() => window.__gmmSrc.push({t, paint: performance.now()}));
            }).observe(img, {attributes: true, attributeFilter: ['src']});
        }""")
        handle = slider.locator(".noUi-handle")
        handle.evaluate("(h) => { window.__gmmKeys = []; "
                        "h.addEventListener('keydown', () => window.__gmmKeys.push(performance.now()), true); }")
        handle.focus()
        samples = []
        for _ in range(steps):
            before = self.page.evaluate("window.__gmmSrc.length")
            self.page.keyboard.press("ArrowRight")
            wait_until(lambda: self.page.evaluate(f"window.__gmmSrc.length > {before}"), timeout,
                       "the stepper's picture after a key press", poll=0.01)
            key = self.page.evaluate("window.__gmmKeys[window.__gmmKeys.length - 1]")
            change = self.page.evaluate(f"window.__gmmSrc[{before}]")
            self.settle(quiet_s=0.15)
            current = self.image_hash(image)
            samples.append({"value": self.slider_value(slider), "src_ms": change["t"] - key,
                            "paint_ms": change["paint"] - key, "changed": current != previous})
            previous = current
            if after_step:
                after_step()
            handle.focus()
        return samples


def median(values) -> float:
    return float(statistics.median(values))
