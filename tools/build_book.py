"""Build the static book: one website per edition, build/book/ja/ and build/book/en/ (make book).

Each edition has an index.html (the chapters, the other edition, how to run them), one page per
chapter (the committed, executed notebook as it is, never re-executed: text, math, figures, the
widgets' saved pictures, matplotlib's animation player), a search page and everything those pages
load: MathJax 2, require.js, the Jupyter widgets' HTML manager and Font Awesome come from the npm
registry at build time (book/package.json + package-lock.json, `npm ci`) and are copied into
<edition>/_vendor/. No page asks for anything outside the site, so a copy on a USB stick works.

The notebooks are read from notebooks/<lang>/ and changed only in memory (a temporary copy): a
short note next to every widget picture says that it cannot respond here and how to run the
chapter (Binder, Colab, `make lab`); the animation player's Font Awesome link points to the local
copy; links to other chapters' .ipynb files point to their pages. The site is built in a temporary
directory inside the output's parent and then renamed into place.

    python tools/build_book.py [--out build/book] [--lang ja en]
"""
from __future__ import annotations

import argparse
import copy
import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from traitlets.config import Config

REPO = Path(__file__).resolve().parents[1]
BOOK = REPO / "book"
NODE_MODULES = BOOK / "node_modules"
LANGS = ("ja", "en")
# Replace OWNER/REPO here and in README's Binder links once the repository is published.
REPO_SLUG = "OWNER/REPO"
BRANCH = "main"
FONT_AWESOME_CDN = re.compile(r"https?://maxcdn\.bootstrapcdn\.com/font-awesome/[0-9.]+/css/font-awesome(?:\.min)?\.css")
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"

TEXT = {
    "ja": {
        "book_title": "混合ガウスモデルと EM アルゴリズム",
        "contents": "目次", "chapters": "章", "search": "検索", "other_edition": "English",
        "other_edition_index": "English edition",
        "run": "この章を実行する: {binder} · {colab} · 手元で <code>make lab</code>",
        "widget_note": ("下の図はこの章を実行したときに保存したウィジェットの画像です。このページ (静的な HTML) では"
                        "スライダーやボタンは反応しません。動かすには章を実行してください: {binder} · {colab} · "
                        "手元で <code>make lab</code>。"),
        "index_intro": ("混合ガウスモデル (GMM) と EM アルゴリズムを, 式の導出・実装・可視化・自動採点つきの演習で学ぶ"
                        "Jupyter 教材の読み物版です。各章は実行済みのノートブックをそのまま表示しています (コードの出力, 図, "
                        "ウィジェットの保存画像, アニメーション)。ウィジェットを動かしたり演習を解いたりするには章を実行してください。"),
        "index_run": ("実行する方法: {binder} (ブラウザだけで, 初回は数分) · {colab} · 手元で <code>make lab</code> "
                      "(リポジトリを clone して)。"),
        "search_title": "検索", "search_summary": "「{q}」: {n} 件",
    },
    "en": {
        "book_title": "Gaussian mixture models and the EM algorithm",
        "contents": "Contents", "chapters": "Chapters", "search": "Search", "other_edition": "日本語",
        "other_edition_index": "日本語版 (Japanese edition)",
        "run": "Run this chapter: {binder} · {colab} · locally with <code>make lab</code>",
        "widget_note": ("Below: the widget as it was saved when the chapter was run. On this static page its sliders "
                        "and buttons cannot respond; to play with it, run the chapter: {binder} · {colab} · "
                        "locally with <code>make lab</code>."),
        "index_intro": ("The reading edition of gmm-teach, a Jupyter course on Gaussian mixture models (GMM) and the EM "
                        "algorithm: derivations, code, figures and self-checking exercises. Every chapter is shown as it "
                        "was run (outputs, figures, the widgets' saved pictures, the animation). To move the widgets or "
                        "solve the exercises, run the chapter."),
        "index_run": ("Ways to run it: {binder} (in the browser only; the first launch takes a few minutes) · {colab} · "
                      "locally with <code>make lab</code> (from a clone of the repository)."),
        "search_title": "Search", "search_summary": "“{q}”: {n} results",
    },
}


def run_links(lang: str, notebook: str, kind: str) -> str:
    path = f"notebooks/{lang}/{notebook}"
    binder = f"https://mybinder.org/v2/gh/{REPO_SLUG}/HEAD?urlpath=lab/tree/{path}"
    colab = f"https://colab.research.google.com/github/{REPO_SLUG}/blob/{BRANCH}/{path}"
    links = {"binder": f'<a class="book-binder" href="{html.escape(binder)}">Binder</a>',
             "colab": f'<a class="book-colab" href="{html.escape(colab)}">Colab</a>'}
    return TEXT[lang][kind].format(**links)


# --- vendor files ---------------------------------------------------------------------------------

def ensure_node_modules() -> None:
    """`npm ci` when book/node_modules is missing or older than the lock file (make book runs it itself)."""
    installed = NODE_MODULES / ".package-lock.json"
    lock = BOOK / "package-lock.json"
    if installed.exists() and installed.stat().st_mtime >= lock.stat().st_mtime:
        return
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("npm not found: the book's scripts and fonts come from the npm registry (install Node.js >= 18)")
    subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=BOOK, check=True)


def copy_widget_fonts(pages: Path) -> None:
    """html-manager's own icon fonts (Font Awesome, for the Play widget and buttons with icons) beside the pages in
    `pages`: its style sheet asks for them relative to the page, at @jupyter-widgets/html-manager/dist/ and at
    @jupyter-widgets/."""
    hm = NODE_MODULES / "@jupyter-widgets" / "html-manager" / "dist"
    fonts = [f for f in hm.iterdir() if f.suffix in (".woff2", ".woff", ".ttf")]
    for where in ("@jupyter-widgets/html-manager/dist", "@jupyter-widgets"):
        (pages / where).mkdir(parents=True, exist_ok=True)
        for f in fonts:
            shutil.copy2(f, pages / where / f.name)


def copy_vendor(dest: Path) -> None:
    """The parts of the npm packages the pages load (MathJax: only CommonHTML output and TeX fonts)."""
    nm = NODE_MODULES
    mj, mjd = nm / "mathjax", dest / "mathjax"
    mjd.mkdir(parents=True)
    for name in ("MathJax.js", "LICENSE"):
        shutil.copy2(mj / name, mjd / name)
    for sub in ("config", "extensions", "localization/en", "localization/ja", "jax/element",
                "jax/input/TeX", "jax/output/CommonHTML", "fonts/HTML-CSS/TeX/woff", "fonts/HTML-CSS/TeX/otf"):
        if (mj / sub).exists():
            shutil.copytree(mj / sub, mjd / sub)
    shutil.copytree(nm / "requirejs", dest / "requirejs", ignore=shutil.ignore_patterns("bin", "*.md"))
    hm = nm / "@jupyter-widgets" / "html-manager" / "dist"
    shutil.copytree(hm, dest / "html-manager", ignore=shutil.ignore_patterns("*.map", "embed.js", "*.LICENSE.txt"))
    copy_widget_fonts(dest.parent)
    fa = nm / "font-awesome"
    (dest / "font-awesome").mkdir()
    for sub in ("css", "fonts"):
        shutil.copytree(fa / sub, dest / "font-awesome" / sub)


# --- the notebooks (in memory) --------------------------------------------------------------------

def chapter_title(nb) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return ""


def prepare(nb, lang: str, notebook: str):
    """A copy of the notebook for the static page: widget notes, local Font Awesome."""
    nb = copy.deepcopy(nb)
    note = {"output_type": "display_data", "metadata": {},
            "data": {"text/html": f'<div class="book-widget-note" lang="{lang}">'
                                  f'{run_links(lang, notebook, "widget_note")}</div>',
                     "text/plain": ""}}
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        outputs = []
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if WIDGET_VIEW in data:
                outputs.append(nbformat.from_dict(copy.deepcopy(note)))
            if "text/html" in data:
                text = data["text/html"]
                text = "".join(text) if isinstance(text, list) else text
                data["text/html"] = FONT_AWESOME_CDN.sub("_vendor/font-awesome/css/font-awesome.min.css", text)
            outputs.append(out)
        if "outputs" in cell:
            cell.outputs = outputs
    return nb


def exporter(lang: str) -> HTMLExporter:
    c = Config()
    c.HTMLExporter.extra_template_basedirs = [str(BOOK / "templates")]
    c.HTMLExporter.template_name = "book"
    c.HTMLExporter.require_js_url = "_vendor/requirejs/require.js"
    c.HTMLExporter.mathjax_url = "_vendor/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe"
    c.HTMLExporter.widget_renderer_url = "_vendor/html-manager/embed-amd.js"
    c.HTMLExporter.language_code = lang
    return HTMLExporter(config=c)


_IPYNB_LINK = re.compile(r'href="((?:\.\./(?:ja|en)/)?\d\d_[A-Za-z0-9_]+)\.ipynb(#[^"]*)?"')


def local_links(page: str) -> str:
    """Links to other chapters' notebooks -> their pages."""
    return _IPYNB_LINK.sub(lambda m: f'href="{m.group(1)}.html{m.group(2) or ""}"', page)


# --- search ---------------------------------------------------------------------------------------

_DROP = re.compile(r"<(script|style)\b.*?</\1>", re.S | re.I)
_HEADING = re.compile(r'<h([1-6])\b[^>]*\bid="([^"]+)"[^>]*>(.*?)</h\1>', re.S | re.I)
_TAG = re.compile(r"<[^>]+>")


def _text(fragment: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(_TAG.sub(" ", fragment))).strip()


def search_entries(page: str, url: str, chapter: str) -> list:
    """One entry per section (heading to next heading) of a chapter page: its heading, anchor and text."""
    main = page.split("<main>", 1)[-1].split("</main>", 1)[0]
    main = _DROP.sub(" ", main)
    main = re.sub(r'<a class="anchor-link"[^>]*>.*?</a>', "", main, flags=re.S)
    marks = list(_HEADING.finditer(main))
    entries = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(main)
        title = _text(m.group(3)).rstrip("¶").strip()
        entries.append({"url": f"{url}#{m.group(2)}", "title": title or chapter, "chapter": chapter,
                        "text": _text(main[m.end():end])[:6000]})
    return entries


# --- pages ----------------------------------------------------------------------------------------

def simple_page(lang: str, title: str, body: str, other_href: str, scripts: str = "",
                css_class: str = "book-index") -> str:
    t = TEXT[lang]
    other = "en" if lang == "ja" else "ja"
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{html.escape(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="_static/book.css">
<style>body {{ font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans CJK JP", sans-serif; color: #222; }}</style>
</head>
<body class="{css_class}">
<header class="book-header">
  <a class="book-home" href="index.html">{html.escape(t["book_title"])}</a>
  <a class="book-other-edition" hreflang="{other}" lang="{other}" href="{other_href}">{html.escape(t["other_edition"])}</a>
  <form class="book-search" action="search.html" method="get" role="search">
    <input type="search" name="q" placeholder="{html.escape(t["search"])}" aria-label="{html.escape(t["search"])}">
  </form>
</header>
<main>
{body}
</main>
{scripts}
</body>
</html>
"""


def index_page(lang: str, chapters: list) -> str:
    t = TEXT[lang]
    other = "en" if lang == "ja" else "ja"
    items = "\n".join(
        f'<li><span class="num">{c["number"]}</span><a href="{c["html"]}">{html.escape(c["short"])}</a></li>'
        for c in chapters)
    first = chapters[0]["notebook"] if chapters else "00_introduction.ipynb"
    body = f"""<h1>{html.escape(t["book_title"])}</h1>
<p>{html.escape(t["index_intro"])}</p>
<p class="book-run-index">{run_links(lang, first, "index_run")}</p>
<h2>{html.escape(t["contents"])}</h2>
<ol class="book-toc" style="list-style: none; padding-left: 0">
{items}
</ol>
<p><a hreflang="{other}" href="../{other}/index.html">{html.escape(t["other_edition_index"])}</a></p>"""
    return simple_page(lang, t["book_title"], body, f"../{other}/index.html")


def search_page(lang: str) -> str:
    t = TEXT[lang]
    other = "en" if lang == "ja" else "ja"
    body = f"""<h1>{html.escape(t["search_title"])}</h1>
<p id="book-results-summary" data-template="{html.escape(t["search_summary"])}"></p>
<ol id="book-results" class="book-results"></ol>"""
    scripts = '<script src="search-index.js"></script>\n<script src="_static/search.js"></script>'
    return simple_page(lang, t["search_title"], body, f"../{other}/search.html", scripts)


def build_edition(lang: str, dest: Path) -> dict:
    t0 = time.monotonic()
    src = REPO / "notebooks" / lang
    other = "en" if lang == "ja" else "ja"
    paths = sorted(src.glob("[0-9][0-9]_*.ipynb"))
    if not paths:
        sys.exit(f"no chapters in {src}")
    dest.mkdir(parents=True)
    copy_vendor(dest / "_vendor")
    shutil.copytree(BOOK / "static", dest / "_static")
    notebooks = [nbformat.read(p, as_version=4) for p in paths]
    chapters = []
    for p, nb in zip(paths, notebooks):
        title = chapter_title(nb) or p.stem
        chapters.append({"notebook": p.name, "html": p.stem + ".html", "number": p.name[:2], "title": title,
                         "short": re.sub(r"^\d\d\s+", "", title)})  # without the number most titles start with
    ex = exporter(lang)
    index = []
    for i, (path, nb) in enumerate(zip(paths, notebooks)):
        ch = chapters[i]
        book = {"t": TEXT[lang], "book_title": TEXT[lang]["book_title"], "html": ch["html"], "other_lang": other,
                "prev": chapters[i - 1] if i > 0 else None, "next": chapters[i + 1] if i + 1 < len(chapters) else None,
                "run_links": run_links(lang, path.name, "run")}
        resources = {"metadata": {"name": ch["title"], "path": str(src)}, "book": book}
        page, _ = ex.from_notebook_node(prepare(nb, lang, path.name), resources=resources)
        page = local_links(page)
        (dest / ch["html"]).write_text(page, encoding="utf-8")
        index += search_entries(page, ch["html"], f'{ch["number"]} {ch["short"]}')
    (dest / "index.html").write_text(index_page(lang, chapters), encoding="utf-8")
    (dest / "search.html").write_text(search_page(lang), encoding="utf-8")
    (dest / "search-index.js").write_text(
        "window.BOOK_SEARCH_INDEX = " + json.dumps(index, ensure_ascii=False) + ";\n", encoding="utf-8")
    return {"lang": lang, "chapters": len(chapters), "seconds": time.monotonic() - t0}


def top_index() -> str:
    return """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>gmm-teach</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="en/_static/book.css"></head>
<body class="book-index"><main>
<h1>gmm-teach</h1>
<ul class="book-toc">
<li><a href="ja/index.html" hreflang="ja" lang="ja">混合ガウスモデルと EM アルゴリズム (日本語)</a></li>
<li><a href="en/index.html" hreflang="en">Gaussian mixture models and the EM algorithm (English)</a></li>
</ul></main></body></html>
"""


def build(out: Path, langs=LANGS) -> list:
    """Build the editions into a temporary directory next to `out`, then rename it into place."""
    ensure_node_modules()
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        reports = [build_edition(lang, tmp / lang) for lang in langs]
        if set(langs) == set(LANGS):
            (tmp / "index.html").write_text(top_index(), encoding="utf-8")
        old = None
        if out.exists():
            old = out.parent / f".{out.name}-old-{time.time_ns()}"
            out.rename(old)
        tmp.rename(out)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return reports


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "build" / "book")
    parser.add_argument("--lang", nargs="+", choices=LANGS, default=list(LANGS))
    args = parser.parse_args(argv)
    for r in build(args.out, args.lang):
        print(f"book/{r['lang']}: {r['chapters']} chapters in {r['seconds']:.1f} s -> {args.out / r['lang']}/index.html")
    return 0


if __name__ == "__main__":
    sys.exit(main())
