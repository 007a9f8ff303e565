"""Build the slides: a reveal.js deck per chapter and edition, build/slides/<lang>/NN_name.slides.html (make slides).

What goes on which slide is written in the chapter sources (notebooks/src/NN_name.py) as slide markers on the cells'
`# %%` lines (`slide="slide"`, `"subslide"`, `"fragment"`, `"skip"`, `"notes"`; see notebooks/AUTHORING.md, "Slides").
tools/build_notebooks.py's parser turns them into nbconvert's `metadata.slideshow.slide_type`. This builder takes the
committed, executed notebook (never re-executed), gives its cells the slide metadata of the current source (a
temporary copy; it refuses a notebook whose cells differ from its source: rebuild that chapter first) and exports it
with nbconvert's SlidesExporter: 1280 x 720, no prompts, the course's slide CSS (tools/slides/slides.css: figures
scaled to fit, long code and text outputs scrolled inside their box). A code cell that shows a figure, a widget or
the animation shows it without its code on the slides (the notebook has the code; a slide has the picture).

Self-contained: reveal.js 4, jQuery, require.js, MathJax 2, the Jupyter widgets' HTML manager and Font Awesome come
from the npm registry at build time (book/package.json + package-lock.json, shared with make book; `npm ci`) and are
copied into build/slides/_vendor/; no deck asks for anything outside build/slides/, so the directory works from a
USB stick (open a deck in a browser) or any static server. Links to other chapters point to their decks. The decks
are written into a temporary directory next to the output and then renamed into place.

    python tools/build_slides.py [--out build/slides] [--lang ja en] [--chapters 03 05]

Keys in a deck: arrows or space to move, `s` the speaker view (with the notes), `o` the overview, `f` full screen.
"""
from __future__ import annotations

import argparse
import copy
import html
import importlib.util
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbconvert import SlidesExporter
from traitlets.config import Config

REPO = Path(__file__).resolve().parents[1]
SOURCES = REPO / "notebooks" / "src"
TEMPLATES = REPO / "tools" / "slides"
LANGS = ("ja", "en")
WIDTH, HEIGHT = 1280, 720
FONT_AWESOME_CDN = re.compile(r"https?://maxcdn\.bootstrapcdn\.com/font-awesome/[0-9.]+/css/font-awesome(?:\.min)?\.css")
CHAPTER_LINK = re.compile(r'href="(\d\d_[A-Za-z0-9_]+)\.ipynb(#[^"]*)?"')

sys.path.insert(0, str(REPO / "tools"))
import build_book  # noqa: E402  (the npm packages: book/package.json, book/node_modules)

_spec = importlib.util.spec_from_file_location("build_notebooks", REPO / "tools" / "build_notebooks.py")
build_notebooks = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build_notebooks)

TITLE = {"ja": "スライド: 混合ガウスモデルと EM アルゴリズム", "en": "Slides: Gaussian mixture models and the EM algorithm"}


def copy_vendor(dest: Path) -> None:
    """The book's vendor files (MathJax, require.js, the widget manager, Font Awesome) plus reveal.js and jQuery."""
    build_book.copy_vendor(dest)
    nm = build_book.NODE_MODULES
    reveal = nm / "reveal.js"
    (dest / "reveal.js").mkdir()
    shutil.copytree(reveal / "dist", dest / "reveal.js" / "dist", ignore=shutil.ignore_patterns("*.map", "*.esm.js"))
    shutil.copytree(reveal / "plugin" / "notes", dest / "reveal.js" / "plugin" / "notes",
                    ignore=shutil.ignore_patterns("*.map", "*.esm.js"))
    shutil.copy2(reveal / "LICENSE", dest / "reveal.js" / "LICENSE")
    (dest / "jquery").mkdir()
    for name in ("dist/jquery.min.js", "LICENSE.txt"):
        shutil.copy2(nm / "jquery" / name, dest / "jquery" / Path(name).name)
    shutil.copy2(TEMPLATES / "slides.css", dest / "slides.css")


def shows_figure(out) -> bool:
    """A figure, a widget or an animation (matplotlib's HTML player) among a cell's outputs."""
    data = out.get("data", {})
    html_ = data.get("text/html", "")
    html_ = "".join(html_) if isinstance(html_, list) else html_
    return "image/png" in data or "application/vnd.jupyter.widget-view+json" in data or "<img" in html_ \
        or 'class="animation"' in html_


def slide_notebook(source: Path, lang: str):
    """The committed notebook with the slide metadata of the current source (a copy, changed in memory only)."""
    path = REPO / "notebooks" / lang / f"{source.stem}.ipynb"
    nb = nbformat.read(path, as_version=4)
    cells = build_notebooks.parse(source.read_text(encoding="utf-8"), lang)
    if [(c.cell_type, c.source) for c in nb.cells] != [(c.cell_type, c.source) for c in cells]:
        raise SystemExit(f"notebooks/{lang}/{path.name} differs from {source.name}: rebuild it first "
                         f"(python tools/build_notebooks.py notebooks/src/{source.name})")
    nb = copy.deepcopy(nb)
    for cell, parsed in zip(nb.cells, cells):
        cell.metadata.pop("slideshow", None)
        if "slideshow" in parsed.metadata:
            cell.metadata["slideshow"] = dict(parsed.metadata["slideshow"])
        if cell.cell_type == "code" and any(shows_figure(out) for out in cell.get("outputs", [])):
            cell.metadata["transient"] = {"remove_source": True}  # a figure's slide shows the figure, not its code
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "text/html" in data:
                text = data["text/html"]
                text = "".join(text) if isinstance(text, list) else text
                data["text/html"] = FONT_AWESOME_CDN.sub("../_vendor/font-awesome/css/font-awesome.min.css", text)
    return nb


def exporter(lang: str) -> SlidesExporter:
    c = Config()
    e = c.SlidesExporter
    e.extra_template_basedirs = [str(TEMPLATES)]
    e.template_name = "gmm_slides"
    e.reveal_url_prefix = "../_vendor/reveal.js"
    e.reveal_theme = "white"
    e.reveal_transition = "none"
    e.reveal_width, e.reveal_height = str(WIDTH), str(HEIGHT)
    e.jquery_url = "../_vendor/jquery/jquery.min.js"
    e.require_js_url = "../_vendor/requirejs/require.js"
    e.mathjax_url = "../_vendor/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe"
    e.widget_renderer_url = "../_vendor/html-manager/embed-amd.js"
    e.font_awesome_url = "../_vendor/font-awesome/css/font-awesome.min.css"
    e.exclude_input_prompt = e.exclude_output_prompt = True
    e.language_code = lang
    return SlidesExporter(config=c)


def build_deck(source: Path, lang: str, dest: Path) -> dict:
    t0 = time.monotonic()
    nb = slide_notebook(source, lang)
    body, _ = exporter(lang).from_notebook_node(
        nb, resources={"metadata": {"name": source.stem}, "slides_css_url": "../_vendor/slides.css"})
    body = CHAPTER_LINK.sub(lambda m: f'href="{m.group(1)}.slides.html{m.group(2) or ""}"', body)
    out = dest / lang / f"{source.stem}.slides.html"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(body, encoding="utf-8")
    kinds = [c.metadata.get("slideshow", {}).get("slide_type", "-") for c in nb.cells]
    return {"lang": lang, "chapter": source.stem, "slides": sum(k in ("slide", "subslide") for k in kinds),
            "seconds": time.monotonic() - t0}


def index_page(decks: list) -> str:
    rows = []
    for lang in LANGS:
        items = "".join(f'<li><a href="{lang}/{d["chapter"]}.slides.html">{html.escape(d["chapter"])}</a> '
                        f'({d["slides"]})</li>' for d in decks if d["lang"] == lang)
        if items:
            rows.append(f'<h2 lang="{lang}">{html.escape(TITLE[lang])}</h2><ul>{items}</ul>')
    return ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>gmm-teach slides</title></head>'
            '<body style="font-family: sans-serif; max-width: 50em; margin: 2em auto">' + "".join(rows) +
            "<p>Keys: arrows or space to move, <kbd>s</kbd> speaker view (notes), <kbd>o</kbd> overview, "
            "<kbd>f</kbd> full screen.</p></body></html>")


def build(out: Path, langs=LANGS, chapters=None) -> list:
    """Every deck into `out` (a temporary directory next to it, then renamed); returns one report per deck."""
    build_book.ensure_node_modules()
    sources = sorted(SOURCES.glob("[0-9][0-9]_*.py"))
    if chapters:
        sources = [s for s in sources if s.name[:2] in chapters]
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".slides-", dir=out.parent))
    try:
        copy_vendor(tmp / "_vendor")
        decks = [build_deck(source, lang, tmp) for lang in langs for source in sources]
        for lang in langs:  # the decks of an edition sit in <lang>/: the widget manager looks for its fonts from there
            build_book.copy_widget_fonts(tmp / lang)
        (tmp / "index.html").write_text(index_page(decks), encoding="utf-8")
        if out.exists():
            old = out.with_name(out.name + ".old")
            shutil.rmtree(old, ignore_errors=True)
            out.rename(old)
            tmp.rename(out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            tmp.rename(out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return decks


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "build" / "slides")
    parser.add_argument("--lang", nargs="+", choices=LANGS, default=list(LANGS))
    parser.add_argument("--chapters", nargs="+", help="two-digit chapter numbers (default: all)")
    args = parser.parse_args(argv)
    t0 = time.monotonic()
    decks = build(args.out, args.lang, args.chapters)
    for d in decks:
        print(f"{d['lang']}/{d['chapter']}.slides.html: {d['slides']} slides, {d['seconds']:.1f} s")
    print(f"{len(decks)} decks in {args.out} ({time.monotonic() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
