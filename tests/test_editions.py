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
    assert 'gt.set_language("ja")' in ja[0] and 'gt.set_language("en")' in en[0]
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
