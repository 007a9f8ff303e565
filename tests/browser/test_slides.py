"""The slides (make slides) in Debian's Chromium at 1280 x 720.

Every deck of both editions is built once per session (tools/build_slides.py, into a temporary directory) and served
by a threaded http.server on 127.0.0.1. One deck per edition is checked in full: reveal.js initialises, the deck has
enough slides, its maths is typeset (no MathJax error), every image loads, every file it asks for exists, and no request
leaves 127.0.0.1 (any other address is aborted and fails the test). Then every slide of every deck is shown in turn
and measured: its content must fit reveal's 1280 x 720 slide (long code and text outputs scroll inside their box, so
they do not count; anything else that sticks out does).
"""
from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

import pytest

import jupyter_driver as jd
from jupyter_driver import record

pytestmark = [pytest.mark.slow, pytest.mark.browser]

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tools"))
import build_pdf  # noqa: E402  (serve: a static server on 127.0.0.1)
import build_slides  # noqa: E402

LANGS = ("ja", "en")
CHAPTERS = sorted(p.stem for p in (REPO / "notebooks" / "src").glob("[0-9][0-9]_*.py"))
FULL_CHECK = "05_em_algorithm"  # maths, figures, code: the deck checked in full in each edition
MIN_SLIDES = 8
VIEWPORT = {"width": build_slides.WIDTH, "height": build_slides.HEIGHT}
IGNORED_SCHEMES = ("data:", "blob:", "about:")

READY_JS = """() => window.Reveal && Reveal.isReady() && window.MathJax && MathJax.Hub
    && MathJax.Hub.queue.pending === 0 && MathJax.Hub.queue.running === 0"""

# The current slide's size against reveal's slide size. Descendants clipped by a scrolling box (code, text outputs)
# do not count; the slide's own scroll size and the boxes of its direct content do.
MEASURE_JS = """() => {
  const s = Reveal.getCurrentSlide(), cfg = Reveal.getConfig(), scale = Reveal.getScale();
  const top = s.getBoundingClientRect();
  let bottom = 0, right = 0;
  s.querySelectorAll('.jp-Cell, img, table, .MathJax_Display, .widget-box, .lm-Widget').forEach(e => {
    if (e.closest('aside.notes')) return;
    const r = e.getBoundingClientRect();
    if (!r.width && !r.height) return;
    bottom = Math.max(bottom, (r.bottom - top.top) / scale);
    right = Math.max(right, (r.right - top.left) / scale);
  });
  const idx = Reveal.getIndices();
  const heading = s.querySelector('h1, h2, h3, p');
  return {h: idx.h, v: idx.v, width: cfg.width, height: cfg.height, scrollHeight: s.scrollHeight,
          scrollWidth: s.scrollWidth, bottom: Math.round(bottom), right: Math.round(right),
          text: heading ? heading.textContent.trim().slice(0, 60) : ''};
}"""


@pytest.fixture(scope="session")
def slides(playwright_api, tmp_path_factory) -> Path:
    if shutil.which("npm") is None and not (build_slides.build_book.NODE_MODULES / ".package-lock.json").exists():
        jd.missing("npm not found: the slides' scripts and fonts come from the npm registry (Node.js >= 18)")
    out = tmp_path_factory.mktemp("slides") / "slides"
    t0 = time.monotonic()
    decks = build_slides.build(out)
    seconds = time.monotonic() - t0
    record(f"slides build ({len(decks)} decks, vendor files included)", f"{seconds:.1f} s", "slides_build_s", seconds)
    return out


@pytest.fixture(scope="session")
def slides_url(slides):
    with build_pdf.serve(slides) as base:
        yield base


class Deck:
    """A deck in a 1280 x 720 page; every request is recorded and any that leaves the local server is aborted."""

    def __init__(self, context, base: str, lang: str, chapter: str):
        self.base = base
        self.page = context.new_page()
        self.page.set_viewport_size(VIEWPORT)
        self.requests, self.outside, self.failed, self.errors = [], [], [], []
        self.page.route("**/*", self._route)
        self.page.on("response", lambda r: self.failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        t0 = time.monotonic()
        self.page.goto(f"{base}/{lang}/{chapter}.slides.html", wait_until="load")
        self.page.wait_for_function(READY_JS, timeout=120_000)
        self.load_s = time.monotonic() - t0

    def _route(self, route):
        url = route.request.url
        self.requests.append(url)
        if url.startswith(self.base + "/") or url.startswith(IGNORED_SCHEMES):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def slides(self) -> list:
        """[(h, v)] of every slide, in order."""
        return self.page.evaluate("() => Reveal.getSlides().map(s => { const i = Reveal.getIndices(s); "
                                  "return [i.h, i.v || 0]; })")

    def measure_all(self) -> list:
        sizes = []
        for h, v in self.slides():
            self.page.evaluate(f"() => Reveal.slide({h}, {v})")
            self.page.wait_for_function(READY_JS, timeout=60_000)
            sizes.append(self.page.evaluate(MEASURE_JS))
        return sizes

    def close(self):
        self.page.close()


def overflows(sizes: list) -> list:
    return [s for s in sizes if max(s["scrollHeight"], s["bottom"]) > s["height"] + 1
            or max(s["scrollWidth"], s["right"]) > s["width"] + 1]


@pytest.mark.parametrize("lang", LANGS)
def test_a_deck_renders_offline(browser, slides_url, lang):
    deck = Deck(browser, slides_url, lang, FULL_CHECK)
    try:
        total = deck.page.evaluate("() => Reveal.getTotalSlides()")
        assert total >= MIN_SLIDES, f"only {total} slides"
        maths = deck.page.evaluate("() => document.querySelectorAll('.MathJax_CHTML, .mjx-chtml').length")
        errors = deck.page.evaluate("() => document.querySelectorAll('.MathJax_Error, .mjx-merror, merror').length")
        assert maths > 20 and errors == 0, f"{maths} typeset formulas, {errors} MathJax errors"
        raw = deck.page.evaluate("() => Array.from(document.querySelectorAll('.jp-MarkdownOutput')).some("
                                 "e => /\\$\\$/.test(e.textContent))")
        assert not raw, "raw $$ left in a slide's text"
        images = deck.page.evaluate("() => Array.from(document.images).map(i => [i.complete, i.naturalWidth])")
        assert images and all(complete and width > 0 for complete, width in images), images
        assert not deck.outside, f"requests outside 127.0.0.1: {deck.outside[:5]}"
        assert not deck.failed, f"missing files: {deck.failed[:5]}"
        assert not deck.errors, f"script errors: {deck.errors[:3]}"
        record(f"slides {lang}/{FULL_CHECK}: load + MathJax", f"{deck.load_s:.1f} s ({total} slides, "
               f"{len(deck.requests)} requests)", f"slides_load_{lang}_s", deck.load_s)
    finally:
        deck.close()


@pytest.mark.parametrize("chapter", CHAPTERS)
@pytest.mark.parametrize("lang", LANGS)
def test_no_slide_overflows(browser, slides_url, lang, chapter):
    deck = Deck(browser, slides_url, lang, chapter)
    try:
        t0 = time.monotonic()
        sizes = deck.measure_all()
        seconds = time.monotonic() - t0
        assert len(sizes) >= MIN_SLIDES, f"only {len(sizes)} slides"
        bad = overflows(sizes)
        assert not bad, "slides larger than {}x{}: {}".format(
            sizes[0]["width"], sizes[0]["height"],
            [(s["h"], s["v"], max(s["scrollHeight"], s["bottom"]), max(s["scrollWidth"], s["right"]), s["text"])
             for s in bad])
        assert not deck.outside, f"requests outside 127.0.0.1: {deck.outside[:5]}"
        assert not deck.failed, f"missing files: {deck.failed[:5]}"
        tallest = max(max(s["scrollHeight"], s["bottom"]) for s in sizes)
        record(f"slides {lang}/{chapter}", f"{len(sizes)} slides, tallest {tallest} px of {sizes[0]['height']}, "
               f"{seconds:.1f} s", f"slides_{lang}_{chapter}", {"slides": len(sizes), "tallest": tallest,
                                                               "seconds": seconds})
    finally:
        deck.close()


def test_a_deck_opens_from_a_file_url(browser, slides):
    """Copied to a USB stick and opened by double-click: a file:// deck works and asks for nothing else."""
    page = browser.new_page()
    page.set_viewport_size(VIEWPORT)
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("file://",) + IGNORED_SCHEMES) else None)
    try:
        page.goto((slides / "ja" / "03_e_step.slides.html").as_uri(), wait_until="load")
        page.wait_for_function(READY_JS, timeout=120_000)
        total, maths = page.evaluate("() => [Reveal.getTotalSlides(), document.querySelectorAll('.MathJax_CHTML').length]")
        assert total >= MIN_SLIDES and maths > 20
        assert not outside, outside[:5]
    finally:
        page.close()
