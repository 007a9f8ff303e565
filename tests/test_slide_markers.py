"""Slides and Colab without a browser: the slide markers of every source, the Colab link and set-up cell of every
built notebook, and a deck built by tools/build_slides.py that refers to nothing outside build/slides/.

The decks themselves (rendering, no request leaving 127.0.0.1, nothing sticking out of a 1280 x 720 slide) are
checked in Chromium by tests/browser/test_slides.py.
"""
import importlib.util
import json
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "notebooks" / "src").glob("[0-9][0-9]_*.py"))
_spec = importlib.util.spec_from_file_location("build_notebooks", ROOT / "tools" / "build_notebooks.py")
build_notebooks = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build_notebooks)

COLAB = "https://colab.research.google.com/github/OWNER/REPO/blob/main/notebooks/{lang}/{stem}.ipynb"
LINK_TEXT = {"ja": "Colab で開く", "en": "Open in Colab"}
SETUP = ('# Colab and other places without gmm-teach: install it. Where it is installed (make lab, Binder) this does '
         'nothing.\ntry:\n    import gmm_teach\nexcept ImportError:\n'
         '    %pip install -q "gmm-teach @ git+https://github.com/OWNER/REPO"')
IMPORTS = 'import numpy as np\nimport matplotlib.pyplot as plt\nimport gmm_teach as gt\ngt.set_language("{lang}")'
MIN_SLIDES = 8


def slide_types(source):
    return [(c, c.metadata.get("slideshow", {}).get("slide_type"))
            for c in build_notebooks.parse(source.read_text(encoding="utf-8"), "ja")]


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_every_source_has_slide_markers(source):
    cells = slide_types(source)
    starts = sum(kind in ("slide", "subslide") for _, kind in cells)
    assert starts >= MIN_SLIDES, f"{source.name}: {starts} slides; mark where slides start (AUTHORING.md, Slides)"
    assert cells[0][1] == "slide", "the title cell starts the deck"
    for cell, kind in cells:
        if cell.cell_type == "markdown" and re.match(r"#{1,2} ", cell.source):
            assert kind in ("slide", "notes", "skip"), f"a heading that does not start a slide: {cell.source[:60]!r}"
        if "solution" in cell.metadata.get("tags", []) or "solution-note" in cell.metadata.get("tags", []):
            assert kind == "skip", f"a worked solution on the slides: {cell.source[:60]!r}"
    code = [kind for cell, kind in cells if cell.cell_type == "code"]
    assert code[:2] == ["skip", "skip"], "the Colab set-up and the imports are not slides"


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_every_notebook_links_to_colab_and_starts_with_the_setup_cell(source, lang):
    cells = json.loads((ROOT / "notebooks" / lang / f"{source.stem}.ipynb").read_text(encoding="utf-8"))["cells"]
    first = "".join(cells[0]["source"])
    assert cells[0]["cell_type"] == "markdown"
    link = f"[{LINK_TEXT[lang]}]({COLAB.format(lang=lang, stem=source.stem)})"
    assert link in first.split("\n")[2], f"the title is followed by {link}"
    code = [c for c in cells if c["cell_type"] == "code"]
    assert "".join(code[0]["source"]) == SETUP
    assert code[0]["outputs"] == [], "the set-up cell prints nothing where gmm_teach is installed"
    assert "".join(code[1]["source"]) == IMPORTS.format(lang=lang)


def test_the_setup_cell_does_nothing_where_gmm_teach_is_installed(capsys):
    from IPython.core.inputtransformer2 import TransformerManager
    python = TransformerManager().transform_cell(SETUP)
    assert "run_line_magic('pip'" in python
    calls = []
    exec(compile(python, "<setup>", "exec"), {"get_ipython": lambda: calls.append("pip")})
    assert calls == [] and capsys.readouterr() == ("", "")


# --- a deck, without a browser -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    spec = importlib.util.spec_from_file_location("build_slides", ROOT / "tools" / "build_slides.py")
    build_slides = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_slides)
    if shutil.which("npm") is None and not (build_slides.build_book.NODE_MODULES / ".package-lock.json").exists():
        pytest.skip("npm not found: the slides' scripts come from the npm registry (Node.js >= 18)")
    out = tmp_path_factory.mktemp("slides") / "slides"
    reports = build_slides.build(out, chapters=["03"])
    return out, reports


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_deck_refers_only_to_files_next_to_it(deck, lang):
    out, reports = deck
    page = out / lang / "03_e_step.slides.html"
    text = page.read_text(encoding="utf-8")
    refs = re.findall(r'<(?:script|link|img)\b[^>]*?\b(?:src|href)="([^"]+)"', text)
    refs += re.findall(r'require\([^\[]*\[\s*"([^"]+)",\s*"([^"]+)"', text)[0]
    refs += re.findall(r"import \w+ from '([^']*)'", text)
    assert refs
    for ref in refs:
        assert not re.match(r"(https?:)?//", ref), f"{page.name} loads {ref}"
        if not ref.startswith(("data:", "#")):
            target = ref.split("?")[0]
            target = target if target.endswith((".js", ".css")) else target + ".js"
            assert (page.parent / target).resolve().is_file(), f"{ref} is not in the slides directory"
    assert "width: 1280, height: 720" in text
    assert not re.search(r'href="\d\d_[a-z0-9_]+\.ipynb', text), "links to other chapters point to their decks"
    assert 'href="04_m_step.slides.html"' in text
    assert {r["lang"] for r in reports} == {"ja", "en"} and all(r["slides"] >= MIN_SLIDES for r in reports)


def test_slide_markers_do_not_change_the_notebooks_cells():
    """The built notebooks keep their sources: markers live in metadata only (both editions get the same ones)."""
    for source in SOURCES:
        text = source.read_text(encoding="utf-8")
        plain = re.sub(r' slide="\w+"$', "", text, flags=re.M)
        for lang in ("ja", "en"):
            marked, unmarked = build_notebooks.parse(text, lang), build_notebooks.parse(plain, lang)
            assert [c.source for c in marked] == [c.source for c in unmarked]
        ja = [c.metadata.get("slideshow") for c in build_notebooks.parse(text, "ja")]
        en = [c.metadata.get("slideshow") for c in build_notebooks.parse(text, "en")]
        assert ja == en
