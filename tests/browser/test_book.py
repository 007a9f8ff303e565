"""The static book (make book) and the printed chapters (make pdf), checked in Debian's Chromium.

Both editions are built once per session (tools/build_book.py, into a temporary directory) and
served by a threaded http.server on 127.0.0.1. Every chapter page is opened and must: ask for
nothing outside that server (every request is recorded; any other address is aborted and fails the
test), load every file it asks for, show every image, typeset its math (no MathJax error, no raw
`$$`), show the widgets' saved pictures at their natural size with the note on how to run the chapter,
and link to the same chapter in the other edition. Chapter 06's animation player must change frame
when its slider moves, the search box must find words, the index must link every chapter, and one
chapter per edition is printed to A4 PDF with its fonts (Japanese ones in the Japanese PDF) embedded.
"""
from __future__ import annotations

import re
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
import build_book  # noqa: E402
import build_pdf  # noqa: E402

LANGS = ("ja", "en")
OTHER = {"ja": "en", "en": "ja"}
CHAPTERS = sorted(p.stem for p in (REPO / "notebooks" / "en").glob("[0-9][0-9]_*.ipynb"))
PAGES = [(lang, ch) for lang in LANGS for ch in CHAPTERS]
# a word and a chapter that must be among its results
SEARCH = {"ja": ("マハラノビス", "02_gaussian_pdf"), "en": ("Mahalanobis", "02_gaussian_pdf")}
PDF_CHAPTER = "05"
IGNORED_SCHEMES = ("data:", "blob:", "about:")

# Text a reader sees outside code (inputs, printed outputs, code spans) and outside typeset math.
VISIBLE_TEXT_JS = """() => {
  const main = document.querySelector('main').cloneNode(true);
  main.querySelectorAll('script, style, pre, code, .jp-InputArea, .jp-OutputArea-output[data-mime-type="text/plain"],'
    + ' .jp-RenderedText, .MathJax, .MathJax_Display, .MathJax_CHTML, .mjx-chtml, .MathJax_Preview').forEach(e => e.remove());
  return main.textContent;
}"""

IMAGES_JS = """() => Array.from(document.images).map(i => ({
  src: i.src.slice(0, 80), cls: i.className, natural: i.naturalWidth, complete: i.complete,
  width: i.getBoundingClientRect().width, visible: !!(i.offsetWidth || i.offsetHeight || i.getClientRects().length)}))"""

WIDGETS_JS = """() => Array.from(document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]')).map(s => {
  const area = s.parentElement, prev = area.parentElement.previousElementSibling;
  const imgs = Array.from(area.querySelectorAll('img.widget-image'));
  return {rendered: !!area.querySelector('.lm-Widget'),
          images: imgs.map(i => ({natural: i.naturalWidth, width: i.getBoundingClientRect().width,
                                  visible: i.getBoundingClientRect().width > 0})),
          note: !!(prev && prev.querySelector('.book-widget-note a.book-binder'))
                || !!area.closest('.jp-Cell').querySelector('.book-widget-note a.book-binder')};
})"""


# --- fixtures ------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def book(playwright_api, tmp_path_factory) -> Path:
    """Both editions, built once per session (npm ci first if book/node_modules is missing or stale)."""
    if shutil.which("npm") is None and not (build_book.NODE_MODULES / ".package-lock.json").exists():
        jd.missing("npm not found: the book's scripts and fonts come from the npm registry (Node.js >= 18)")
    out = tmp_path_factory.mktemp("book") / "book"
    t0 = time.monotonic()
    reports = build_book.build(out)
    total = time.monotonic() - t0
    for r in reports:
        record(f"book build, {r['lang']} ({r['chapters']} chapters)", f"{r['seconds']:.1f} s",
               f"book_build_{r['lang']}_s", r["seconds"])
    record("book build, total (with npm ci if needed)", f"{total:.1f} s", "book_build_total_s", total)
    return out


@pytest.fixture(scope="session")
def book_url(book):
    with build_pdf.serve(book) as base:
        yield base


class RecordedPage:
    """A page whose every request is recorded; requests leaving the local server are aborted."""

    def __init__(self, context, base: str):
        self.base = base
        self.page = context.new_page()
        self.requests, self.outside, self.failed, self.errors = [], [], [], []
        self.page.route("**/*", self._route)
        self.page.on("response", lambda r: self.failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        # (a request cancelled because the test navigates on, net::ERR_ABORTED, is not a failure)
        self.page.on("requestfailed", lambda r: self.failed.append(f"failed {r.url} ({r.failure})")
                     if r.url.startswith(self.base) and "ERR_ABORTED" not in (r.failure or "") else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _route(self, route):
        url = route.request.url
        self.requests.append(url)
        if url.startswith(self.base + "/") or url.startswith(IGNORED_SCHEMES):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def open(self, path: str, ready: bool = True) -> float:
        t0 = time.monotonic()
        self.page.goto(f"{self.base}/{path}", wait_until="load")
        if ready:
            build_pdf.wait_ready(self.page, 120_000)
        return time.monotonic() - t0

    def close(self):
        self.page.close()


@pytest.fixture()
def recorded(browser, book_url):
    page = RecordedPage(browser, book_url)
    yield page
    page.close()


LOAD_TIMES: dict = {}


# --- every chapter page --------------------------------------------------------------------------

@pytest.mark.parametrize("lang,chapter", PAGES, ids=[f"{lang}-{ch}" for lang, ch in PAGES])
def test_chapter_page(recorded, lang, chapter):
    seconds = recorded.open(f"{lang}/{chapter}.html")
    LOAD_TIMES[f"{lang}/{chapter}"] = seconds
    page = recorded.page
    assert page.evaluate("document.documentElement.lang") == lang

    # every image shown (figures, widget pictures, the animation's frame)
    images = page.evaluate(IMAGES_JS)
    broken = [i for i in images if not i["complete"] or i["natural"] == 0]
    assert not broken, f"broken images: {broken}"

    # math typeset, no errors, no raw TeX delimiters left in the prose
    assert page.evaluate("document.documentElement.dataset.mathjax") == "done"
    assert page.evaluate("window.bookMathErrors") == []
    assert page.locator(".MathJax_Error, merror, .mjx-merror").count() == 0
    text = page.evaluate(VISIBLE_TEXT_JS)
    assert "$$" not in text, "raw $$ in the rendered text: " + text[max(0, text.index("$$") - 80):][:200]
    raw_tex = re.findall(r".{0,40}\\(?:frac|mathbf|boldsymbol|sum|mid|Sigma|theta|gamma|mathcal)\b.{0,40}", text)
    assert not raw_tex, f"TeX left untypeset: {raw_tex[:3]}"

    # the widgets' saved pictures: rendered, at most at their natural width, with the note next to them
    widgets = page.evaluate(WIDGETS_JS)
    for i, w in enumerate(widgets):
        assert w["rendered"], f"widget {i} not rendered"
        shown = [im for im in w["images"] if im["visible"]]
        assert shown, f"widget {i}: no saved picture shown ({w['images']})"
        for im in shown:
            assert 0 < im["width"] <= im["natural"] + 0.5, f"widget {i}: picture stretched ({im})"
        assert w["note"], f"widget {i}: no note saying how to run the chapter"
    assert page.locator(".book-widget-note").count() == len(widgets)
    assert page.locator(".book-run-bar a.book-binder").count() == 1

    # nothing left the site; every file it asked for was there; no script error
    assert recorded.outside == [], f"requests outside the site: {recorded.outside}"
    assert all(u.startswith((recorded.base, *IGNORED_SCHEMES)) for u in recorded.requests)
    assert recorded.failed == [], f"failed requests: {recorded.failed}"
    assert recorded.errors == [], f"page errors: {recorded.errors}"

    # the other edition's same chapter, by following the link
    other = OTHER[lang]
    page.locator("a.book-other-edition").click()
    page.wait_for_url(f"**/{other}/{chapter}.html", timeout=30_000)
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.lang") == other
    if chapter[:2] != "00":
        assert page.locator("main h1").first.inner_text().strip().startswith(chapter[:2])
    assert recorded.outside == [] and recorded.failed == []


def test_load_times_reported(book_url):
    """Runs after the chapter pages: report how long they took to be ready (typeset, widgets drawn)."""
    if LOAD_TIMES:
        slowest = max(LOAD_TIMES, key=LOAD_TIMES.get)
        record("book pages ready (load + MathJax + widgets)",
               f"{len(LOAD_TIMES)} pages, {sum(LOAD_TIMES.values()):.1f} s in all, slowest {slowest} "
               f"{LOAD_TIMES[slowest]:.1f} s", "book_pages_s", LOAD_TIMES)


@pytest.mark.parametrize("lang", LANGS)
def test_animation_player_changes_frame(recorded, lang):
    recorded.open(f"{lang}/06_animation.html")
    page = recorded.page
    player = page.locator("div.animation").first
    player.scroll_into_view_if_needed()
    frame = player.locator("img").first
    slider = player.locator("input[type=range]").first
    before, value = frame.get_attribute("src"), slider.input_value()
    slider.focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    jd.wait_until(lambda: frame.get_attribute("src") != before, 10, "the animation's frame to change")
    assert int(slider.input_value()) > int(value)
    after = frame.evaluate("i => i.complete && i.naturalWidth")
    assert after > 0
    assert recorded.outside == [] and recorded.errors == []


@pytest.mark.parametrize("lang", LANGS)
def test_index_links_every_chapter(recorded, lang):
    recorded.open(f"{lang}/index.html")
    page = recorded.page
    hrefs = page.eval_on_selector_all(".book-toc a", "els => els.map(e => e.getAttribute('href'))")
    assert sorted(hrefs) == [f"{ch}.html" for ch in CHAPTERS]
    page.locator(".book-toc a").nth(len(CHAPTERS) - 1).click()
    page.wait_for_url(f"**/{lang}/{CHAPTERS[-1]}.html")
    # the chapters are chained: from the first, "next" reaches the last
    recorded.open(f"{lang}/{CHAPTERS[0]}.html", ready=False)
    seen = [CHAPTERS[0]]
    while page.locator("a.book-next").count():
        page.locator("a.book-next").click()
        page.wait_for_load_state("load")
        seen.append(page.url.rsplit("/", 1)[-1].removesuffix(".html"))
    assert seen == CHAPTERS
    assert recorded.outside == [] and recorded.failed == []


@pytest.mark.parametrize("lang", LANGS)
def test_search_box_finds_a_word(recorded, lang):
    word, expected = SEARCH[lang]
    recorded.open(f"{lang}/05_em_algorithm.html")
    page = recorded.page
    box = page.locator(".book-search input")
    box.fill(word)
    box.press("Enter")
    page.wait_for_url("**/search.html?q=*")
    page.wait_for_selector("#book-results li a")
    links = page.eval_on_selector_all("#book-results li a", "els => els.map(e => e.getAttribute('href'))")
    assert any(link.startswith(f"{expected}.html#") for link in links), links
    assert page.locator("#book-results mark").first.inner_text().lower() == word.lower()
    page.locator("#book-results li a").first.click()
    page.wait_for_load_state("load")
    assert re.search(r"/\d\d_\w+\.html#", page.url), page.url
    assert recorded.outside == [] and recorded.failed == []


# --- the printed chapter -------------------------------------------------------------------------

def pdf_fonts(path: Path) -> dict:
    """{font name: embedded?} over all pages (Type 3 fonts count as embedded when they carry glyph procedures)."""
    from pypdf import PdfReader
    fonts = {}
    for page in PdfReader(path).pages:
        resources = page.get("/Resources")
        font_dict = resources.get_object().get("/Font") if resources else None
        for font in (font_dict.get_object().values() if font_dict else []):
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            name = str(descriptor.get("/FontName") or font.get("/BaseFont") or "?").split("+")[-1].lstrip("/")
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")) or (
                font.get("/Subtype") == "/Type3" and len(font.get("/CharProcs", {})) > 0)
            fonts[name] = fonts.get(name, False) or embedded
    return fonts


@pytest.mark.parametrize("lang", LANGS)
def test_pdf_of_a_chapter(book, browser, tmp_path, lang):
    from pypdf import PdfReader
    t0 = time.monotonic()
    [(pdf, seconds)] = build_pdf.print_pages(book, tmp_path, [lang], [PDF_CHAPTER], context=browser)
    record(f"PDF of {lang}/{pdf.stem}", f"{seconds:.1f} s, {pdf.stat().st_size // 1024} KiB",
           f"pdf_{lang}_s", time.monotonic() - t0)
    reader = PdfReader(pdf)
    assert len(reader.pages) >= 3
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - 595.3) < 2 and abs(float(box.height) - 841.9) < 2, "not A4"
    fonts = pdf_fonts(pdf)
    record(f"PDF fonts, {lang}", f"{len(reader.pages)} pages; " + ", ".join(sorted(fonts)))
    assert fonts and all(fonts.values()), f"fonts not embedded: {[f for f, e in fonts.items() if not e]}"
    assert any(f.startswith("MathJax_") for f in fonts), fonts  # the typeset formulas
    text = "".join(p.extract_text() for p in reader.pages[:2])
    if lang == "ja":
        assert any("CJK" in f or "JP" in f for f in fonts), f"no Japanese font embedded: {fonts}"
        assert "アルゴリズム" in text
    else:
        assert "EM algorithm" in text
    # the navigation is not printed
    assert "Contents" not in text.split("\n")[0] and "目次" not in text.split("\n")[0]


def test_book_works_from_files(book, browser):
    """A copy on a USB stick: opened as file://, no server, the widgets, math and search still work."""
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("requestfailed", lambda r: errors.append(f"failed {r.url[:120]}"))
    try:
        page.goto((book / "ja" / "06_animation.html").as_uri())
        build_pdf.wait_ready(page, 120_000)
        assert page.locator("img.widget-image").count() > 0
        assert page.evaluate("document.documentElement.dataset.mathjax") == "done"
        page.goto((book / "en" / "search.html").as_uri() + "?q=log-sum-exp")
        page.wait_for_selector("#book-results li a")
        assert errors == [], errors
    finally:
        page.close()
