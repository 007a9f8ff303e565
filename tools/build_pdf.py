"""Print the book's chapter pages to PDF: build/pdf/<lang>/NN_name.pdf (make pdf).

Each chapter page of the static book (tools/build_book.py, build/book/<lang>/) is served on
127.0.0.1 and printed by headless Chromium (Debian's /usr/bin/chromium, driven by Playwright's
page.pdf; never a downloaded browser) on A4, after MathJax has typeset every formula and the
widgets' saved pictures and all images have loaded. The print style sheet (book/static/book.css)
hides the navigation, fits images to the page and keeps figures and outputs whole where they fit.
Chromium embeds the fonts it uses (for Japanese: Noto Sans CJK from Debian's fonts-noto-cjk).

    python tools/build_pdf.py [--book build/book] [--out build/pdf] [--lang ja en] [--chapters 05 06]
"""
from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]
LANGS = ("ja", "en")
# Everything on the page is ready: the document, MathJax's typesetting (book.js sets data-mathjax), every image.
READY_JS = """() => document.readyState === 'complete'
  && (!window.MathJax || document.documentElement.dataset.mathjax === 'done')
  && Array.from(document.images).every(i => i.complete)
  && Array.from(document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]'))
       .every(s => s.parentElement.querySelector('.lm-Widget'))"""
FOOTER = ('<div style="width:100%; font-size:8px; color:#777; text-align:center; font-family:sans-serif">'
          '<span class="title"></span> — <span class="pageNumber"></span> / <span class="totalPages"></span></div>')


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(root: Path):
    """A threaded static server on 127.0.0.1 (a free port) for `root`; yields its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def wait_ready(page, timeout_ms: float = 120_000) -> None:
    page.wait_for_function(READY_JS, timeout=timeout_ms)


def chapters(book: Path, lang: str, numbers=None) -> list:
    pages = sorted((book / lang).glob("[0-9][0-9]_*.html"))
    if numbers:
        pages = [p for p in pages if p.name[:2] in numbers]
    return pages


def print_pages(book: Path, out: Path, langs=LANGS, numbers=None, context=None) -> list:
    """Print the chapter pages; return [(pdf path, seconds)]. `context`: an open Playwright browser context
    (the tests pass theirs); without it, Chromium is started here."""
    book, out = book.resolve(), out.resolve()
    jobs = [(lang, page) for lang in langs for page in chapters(book, lang, numbers)]
    if not jobs:
        sys.exit(f"no chapter pages in {book} (run make book first)")
    done = []
    with contextlib.ExitStack() as stack:
        base = stack.enter_context(serve(book))
        if context is None:
            from playwright.sync_api import sync_playwright
            if not CHROMIUM.exists():
                sys.exit(f"Chromium not found at {CHROMIUM}: apt-get install -y chromium fonts-noto-cjk")
            pw = stack.enter_context(sync_playwright())
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
            stack.callback(browser.close)
            context = browser.new_context(viewport={"width": 1100, "height": 1400})
        page = context.new_page()
        stack.callback(page.close)
        for lang, html in jobs:
            t0 = time.monotonic()
            target = out / lang / (html.stem + ".pdf")
            target.parent.mkdir(parents=True, exist_ok=True)
            page.goto(f"{base}/{lang}/{html.name}", wait_until="load")
            wait_ready(page)
            page.emulate_media(media="print")
            tmp = Path(tempfile.mkstemp(prefix=f".{target.stem}-", suffix=".pdf", dir=target.parent)[1])
            try:
                page.pdf(path=str(tmp), format="A4", print_background=True, prefer_css_page_size=True,
                         display_header_footer=True, header_template="<span></span>", footer_template=FOOTER)
                tmp.replace(target)
            finally:
                tmp.unlink(missing_ok=True)
            page.emulate_media(media="screen")
            done.append((target, time.monotonic() - t0))
    return done


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--book", type=Path, default=REPO / "build" / "book")
    parser.add_argument("--out", type=Path, default=REPO / "build" / "pdf")
    parser.add_argument("--lang", nargs="+", choices=LANGS, default=list(LANGS))
    parser.add_argument("--chapters", nargs="+", help="two-digit chapter numbers (default: all)")
    args = parser.parse_args(argv)
    t0 = time.monotonic()
    for path, seconds in print_pages(args.book, args.out, args.lang, args.chapters):
        print(f"{path.relative_to(REPO) if path.is_relative_to(REPO) else path}: {path.stat().st_size // 1024} KiB "
              f"in {seconds:.1f} s")
    print(f"total {time.monotonic() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
