"""The Japanese and English editions must not drift apart."""
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
JA, EN = ROOT / "notebooks" / "ja", ROOT / "notebooks" / "en"
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]")  # kana and kanji
NAMES = sorted(p.name for p in JA.glob("*.ipynb"))


def cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def source(cell):
    return "".join(cell["source"])


def is_glossary(cell):
    return "用語集" in source(cell) and "Glossary" in source(cell)


def test_same_notebooks_in_both_editions():
    assert NAMES, "no Japanese notebooks"
    assert NAMES == sorted(p.name for p in EN.glob("*.ipynb"))
    assert all(re.fullmatch(r"\d\d_[a-z0-9_]+\.ipynb", name) for name in NAMES)


def test_every_chapter_has_one_bilingual_source():
    assert sorted(p.stem for p in (ROOT / "notebooks" / "src").glob("[0-9][0-9]_*.py")) == [n[:-6] for n in NAMES]


@pytest.mark.parametrize("name", NAMES)
def test_same_cells_in_the_same_order(name):
    ja, en = cells(JA / name), cells(EN / name)
    assert [c["cell_type"] for c in ja] == [c["cell_type"] for c in en]


@pytest.mark.parametrize("name", NAMES)
def test_code_cells_identical_but_the_language_line(name):
    ja = [source(c) for c in cells(JA / name) if c["cell_type"] == "code"]
    en = [source(c) for c in cells(EN / name) if c["cell_type"] == "code"]
    assert 'gt.set_language("ja")' in ja[1] and 'gt.set_language("en")' in en[1]  # the imports (after Colab's set-up)
    assert [s.replace('gt.set_language("ja")', "LANG") for s in ja] == \
           [s.replace('gt.set_language("en")', "LANG") for s in en]


@pytest.mark.parametrize("name", NAMES)
def test_japanese_cells_are_japanese_and_english_cells_are_not(name):
    for cell in cells(JA / name):
        if cell["cell_type"] == "markdown":
            assert JAPANESE.search(source(cell)), f"{name}: a Japanese-edition cell without Japanese: {source(cell)[:80]!r}"
    for cell in cells(EN / name):
        if cell["cell_type"] == "markdown" and not is_glossary(cell):
            found = JAPANESE.search(source(cell))
            assert not found, f"{name}: Japanese {found.group()!r} in an English cell: {source(cell)[:80]!r}"


def test_both_indexes_have_the_bilingual_glossary():
    for edition in (JA, EN):
        assert any(is_glossary(c) for c in cells(edition / "00_introduction.ipynb")), edition


# --- what the introduction says about the other chapters -----------------------------------------------------

SOURCES = sorted((ROOT / "notebooks" / "src").glob("[0-9][0-9]_*.py"))
CHAPTER_LINK = re.compile(r"\((\d\d)_[a-z0-9_]+\.ipynb\)")


def chapters_with_widgets():
    return {p.name[:2] for p in SOURCES if "gt.widgets." in p.read_text(encoding="utf-8")}


def prerequisites(name):
    """The chapters linked in a chapter's 前提 / Prerequisites paragraph (Japanese edition)."""
    for cell in cells(JA / name):
        text = source(cell)
        if "**前提" in text:
            paragraph = text[text.index("**前提"):].split("\n\n")[0]
            return set(CHAPTER_LINK.findall(paragraph)) | set(re.findall(r"\b(\d\d) 章", paragraph))
    return set()


def chapter_numbers(text):
    """'06、07、09' / '06, 07 and 09' / '07〜10' / '07-10' -> a set of two-digit chapter numbers."""
    numbers = set()
    for first, last in re.findall(r"(\d\d)(?:\s*[〜~\-–]\s*(\d\d))?", text):
        numbers |= {f"{k:02d}" for k in range(int(first), int(last or first) + 1)}
    return numbers


def intro_cell(edition, heading):
    return next(source(c) for c in cells(edition / "00_introduction.ipynb") if source(c).startswith(heading))


@pytest.mark.parametrize("edition, heading, sentence", [
    (JA, "## ウィジェットの使い方", r"ウィジェットがあるのは([^。]*?)章"),
    (EN, "## Using the widgets", r"[Ww]idgets (?:appear|are) in chapters ([^.]*?)[.;:(]"),
])
def test_introduction_names_the_chapters_that_have_widgets(edition, heading, sentence):
    found = re.search(sentence, intro_cell(edition, heading))
    assert found, f"the introduction must say which chapters have widgets ({sentence!r})"
    assert chapter_numbers(found.group(1)) == chapters_with_widgets()


@pytest.mark.parametrize("edition, sentence", [
    (JA, r"(\d\d(?:\s*(?:〜|、|,)\s*\d\d)*)\s*章?は[^。]*?どの順"),
    (EN, r"(\d\d(?:\s*(?:-|–|,|, and| and)\s*\d\d)*)\s*(?:can be read )?in any order"),
])
def test_introduction_reading_order_respects_the_prerequisites(edition, sentence):
    """Chapters the introduction says can be read in any order must not need one another."""
    text = intro_cell(edition, "## 章の構成" if edition == JA else "## How the series is organised")
    found = re.search(sentence, text)
    assert found, "the introduction must say which chapters can be read in any order"
    free = chapter_numbers(found.group(1))
    assert len(free) >= 2
    names = {name[:2]: name for name in NAMES}
    for chapter in free:
        needs = prerequisites(names[chapter]) & free
        assert not needs, f"chapter {chapter} needs {sorted(needs)} (its 前提), so they cannot be read in any order"
