"""The lecturer's guide (issue 12): docs/lecturers/{en,ja}/NN_name.md and instructor/model_answers/{en,ja}/.

THE FORMAT EVERY GUIDE FILE FOLLOWS (chapters 00-12, both languages; authors of other chapters: read this)

File names are the chapter file names: docs/lecturers/<lang>/NN_name.md for notebooks/src/NN_name.py.
Model answers (chapters 03-12 at least) live in instructor/model_answers/<lang>/NN_name.md, never under docs/.

Level-2 headings, in this order, exactly:

    en                                        ja
    ## Timing                                 ## 時間配分
    ## Run live                               ## その場で実行するセル
    ## Project                                ## 投影するウィジェット
    ## Misconceptions the checkers name       ## 採点関数が指摘する誤解
    ## Homework                               ## 課題

(anything may come before "## Timing": the title line "# ..." and the chapter's goal in two lines.)

## Timing: a Markdown table. Every body row is `| <section heading> | <minutes> |`, where the heading is
   copied exactly from the chapter's built notebook notebooks/<lang>/NN_name.ipynb (a markdown heading of
   any level, without the leading #'s; a 3rd column for notes is allowed). The last row is
   `| Total | N |` / `| 合計 | N |`, and N is the sum of the minutes above it.
## Run live: a list; every item starts with a section heading of the chapter in bold,
   `- **<section heading>**: what the cells there show` (no cell numbers).
## Project: names at least one widget as `gt.widgets.<name>` (every such name must exist in gt.widgets);
   then what to do with it and 2-3 questions with the expected answer and the wrong answers students give.
## Misconceptions the checkers name: a list; every item names the checker and the catalogue key(s) of
   its hint in backticks, e.g. `- check_e_step, `hint_forgot_phi`: φ forgotten ...`. Every `hint_*` key
   must exist in gmm_teach/messages/checks/ and every `check_*` in gt.checks. A chapter without a checker
   writes a sentence instead of a list.
## Homework: list items ending in `(N points)` / `（N 点）`, then a line `Total: N points` / `合計: N 点`
   equal to their sum. Every checker the chapter's notebook calls (gt.checks.check_*) is named in the
   homework. From chapter 03 on, at least one item starts with `Written derivation:` / `記述式の導出:`
   (after the list marker) and names its model answer file, instructor/model_answers/<lang>/NN_name.md,
   which must exist. The guide gives a rubric, never the model answer.

Japanese files (guides and model answers): である調, no です/ます, and no ASCII comma directly after a
Japanese character outside math ($...$, $$...$$) and code (`...`, ```...```): use 「、」.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import gmm_teach as gt
from gmm_teach.i18n import catalogue

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = sorted(p.stem for p in (ROOT / "notebooks" / "src").glob("[0-9][0-9]_*.py"))
LANGS = ("en", "ja")
DERIVATION_FROM = 3  # chapters 03 on have a written derivation with a model answer

HEADINGS = {
    "en": {"timing": "Timing", "live": "Run live", "project": "Project",
           "misconceptions": "Misconceptions the checkers name", "homework": "Homework"},
    "ja": {"timing": "時間配分", "live": "その場で実行するセル", "project": "投影するウィジェット",
           "misconceptions": "採点関数が指摘する誤解", "homework": "課題"},
}
TOTAL_ROW = {"en": "Total", "ja": "合計"}
POINTS = {"en": re.compile(r"\((\d+) points?\)\s*$"), "ja": re.compile(r"（(\d+) 点）\s*$")}
TOTAL_LINE = {"en": re.compile(r"^Total: (\d+) points\s*$", re.M), "ja": re.compile(r"^合計: (\d+) 点\s*$", re.M)}
DERIVATION = {"en": "Written derivation:", "ja": "記述式の導出:"}

JAPANESE = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff01-\uff60"
JA_THEN_COMMA = re.compile(f"[{JAPANESE}],")
POLITE = re.compile(r"(?:です|ます)(?=[。、．，,.!！?？)）」』]|\s|$)|でした|ました|ません|ましょう|でしょう|ください")  # not "ステップですべて"


def guide_path(lang: str, chapter: str) -> Path:
    return ROOT / "docs" / "lecturers" / lang / f"{chapter}.md"


def answer_path(lang: str, chapter: str) -> Path:
    return ROOT / "instructor" / "model_answers" / lang / f"{chapter}.md"


def read_guide(lang: str, chapter: str) -> str:
    path = guide_path(lang, chapter)
    assert path.is_file(), f"missing lecturer's guide {path.relative_to(ROOT)}"
    return path.read_text(encoding="utf-8")


def sections(text: str) -> dict:
    """'## name' -> the text up to the next '## ' heading."""
    parts = re.split(r"(?m)^## (.+?)\s*$", text)
    return {name: body for name, body in zip(parts[1::2], parts[2::2])}


def section(lang: str, chapter: str, key: str) -> str:
    found = sections(read_guide(lang, chapter))
    name = HEADINGS[lang][key]
    assert name in found, f"{lang}/{chapter}.md has no '## {name}' section (has: {list(found)})"
    return found[name]


def list_items(body: str) -> list:
    """The top-level list items of a section, each with its continuation lines joined."""
    items = []
    for line in body.splitlines():
        if re.match(r"^[-*] ", line) or re.match(r"^\d+\. ", line):
            items.append(line)
        elif items and line.startswith(("  ", "\t")) and line.strip():
            items[-1] += " " + line.strip()
        elif not line.strip():
            continue
    return items


def notebook_headings(lang: str, chapter: str) -> set:
    nb = json.loads((ROOT / "notebooks" / lang / f"{chapter}.ipynb").read_text(encoding="utf-8"))
    out = set()
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            for line in "".join(cell["source"]).splitlines():
                m = re.match(r"^#+\s+(.*?)\s*$", line)
                if m:
                    out.add(m.group(1))
    return out


def notebook_checkers(chapter: str) -> set:
    src = (ROOT / "notebooks" / "src" / f"{chapter}.py").read_text(encoding="utf-8")
    return set(re.findall(r"gt\.checks\.(check_\w+)\(", src))


def strip_math_and_code(text: str) -> str:
    text = re.sub(r"```.*?```", " ", text, flags=re.S)
    text = re.sub(r"\$\$.*?\$\$", " ", text, flags=re.S)
    text = re.sub(r"`[^`\n]*`", " ", text)
    return re.sub(r"\$[^$\n]*\$", " ", text)


def timing_rows(lang: str, chapter: str) -> list:
    rows = []
    for line in section(lang, chapter, "timing").splitlines():
        if not line.strip().startswith("|"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if set("".join(cells)) <= set("-: "):  # the separator row
            continue
        rows.append(cells)
    return rows[1:]  # without the header row


CASES = [(lang, chapter) for chapter in CHAPTERS for lang in LANGS]
IDS = [f"{lang}-{chapter}" for lang, chapter in CASES]


def test_thirteen_chapters():
    """00-12, no gaps: so that the parametrised checks below cover every chapter (issue 14 added 11 and 12)."""
    assert [c[:2] for c in CHAPTERS] == [f"{k:02d}" for k in range(13)], CHAPTERS


README_ROW = re.compile(r"^\| (\d\d) [^|]+\| \[(\d\d_[a-z0-9_]+\.md)\]\(\2\) \| (\d+) (?:min|分) \|\s*$", re.M)


@pytest.mark.parametrize("lang", LANGS)
def test_readme_lists_every_chapter_guide_with_its_total(lang):
    """docs/lecturers/<lang>/README.md: one row per chapter, linking its guide, with the guide's total minutes."""
    rows = README_ROW.findall((ROOT / "docs" / "lecturers" / lang / "README.md").read_text(encoding="utf-8"))
    assert [name for _, name, _ in rows] == [f"{c}.md" for c in CHAPTERS], "the README's chapter table and the chapters differ"
    for number, name, minutes in rows:
        assert name.startswith(number)
        total = timing_rows(lang, name[:-3])[-1]
        assert total[0] == TOTAL_ROW[lang] and int(total[1]) == int(minutes), \
            f"README says {minutes} min for {name}, its Timing table says {total}"


@pytest.mark.parametrize("lang, chapter", CASES, ids=IDS)
def test_guide_has_the_sections_in_order(lang, chapter):
    text = read_guide(lang, chapter)
    names = re.findall(r"(?m)^## (.+?)\s*$", text)
    wanted = list(HEADINGS[lang].values())
    assert [n for n in names if n in wanted] == wanted, f"sections found: {names}"


@pytest.mark.parametrize("lang, chapter", CASES, ids=IDS)
def test_timing_table_headings_exist_and_add_up(lang, chapter):
    rows = timing_rows(lang, chapter)
    assert len(rows) >= 2, "the timing table needs section rows and a total row"
    *body, total = rows
    assert total[0] == TOTAL_ROW[lang], f"last row must be '| {TOTAL_ROW[lang]} | N |', got {total}"
    headings = notebook_headings(lang, chapter)
    for cells in body:
        assert cells[0] in headings, f"timing row {cells[0]!r} is not a heading of notebooks/{lang}/{chapter}.ipynb"
        assert re.fullmatch(r"\d+", cells[1]), f"minutes must be an integer: {cells}"
    assert sum(int(c[1]) for c in body) == int(total[1]), "the timing table's total is not the sum of its rows"


@pytest.mark.parametrize("lang, chapter", CASES, ids=IDS)
def test_run_live_names_chapter_sections(lang, chapter):
    items = list_items(section(lang, chapter, "live"))
    assert items, "Run live lists no cells"
    headings = notebook_headings(lang, chapter)
    for item in items:
        m = re.match(r"^(?:[-*]|\d+\.) \*\*(.+?)\*\*", item)
        assert m, f"a Run live item must start with a section heading in bold: {item[:80]!r}"
        assert m.group(1) in headings, f"{m.group(1)!r} is not a heading of notebooks/{lang}/{chapter}.ipynb"


@pytest.mark.parametrize("lang, chapter", CASES, ids=IDS)
def test_widgets_named_exist(lang, chapter):
    project = section(lang, chapter, "project")
    named = re.findall(r"gt\.widgets\.(\w+)", project)
    assert named, "the Project section names no widget as gt.widgets.<name>"
    everywhere = set(re.findall(r"gt\.widgets\.(\w+)", read_guide(lang, chapter)))
    everywhere |= set(re.findall(r"\b(\w+_explorer|em_stepper|em_lab)\b", read_guide(lang, chapter)))
    missing = sorted(name for name in everywhere if name not in gt.widgets.__all__)
    assert not missing, f"widgets not in gt.widgets: {missing}"


@pytest.mark.parametrize("lang, chapter", CASES, ids=IDS)
def test_misconceptions_come_from_the_catalogue(lang, chapter):
    body = section(lang, chapter, "misconceptions")
    known = set(catalogue("checks"))
    keys = re.findall(r"`(hint_\w+)`", body)
    assert all(k in known for k in keys), f"not in the checks catalogue: {[k for k in keys if k not in known]}"
    checkers = set(re.findall(r"\b(check_\w+)", body))
    assert checkers <= set(gt.checks.__all__), f"not in gt.checks: {sorted(checkers - set(gt.checks.__all__))}"
    items = list_items(body)
    if notebook_checkers(chapter):
        assert items, "the chapter has checkers, but the Misconceptions section lists none"
    for item in items:
        assert re.search(r"`hint_\w+`", item), f"an item names no catalogue key: {item[:80]!r}"


@pytest.mark.parametrize("lang, chapter", CASES, ids=IDS)
def test_homework_points_add_up(lang, chapter):
    body = section(lang, chapter, "homework")
    items = [item for item in list_items(body) if POINTS[lang].search(item)]
    assert items, "no homework item with points"
    totals = TOTAL_LINE[lang].findall(body)
    assert len(totals) == 1, f"one line '{'Total: N points' if lang == 'en' else '合計: N 点'}' is needed"
    assert sum(int(POINTS[lang].search(i).group(1)) for i in items) == int(totals[0])
    for checker in notebook_checkers(chapter):
        assert checker in body, f"the chapter's checker {checker} is not in the homework"


@pytest.mark.parametrize("lang, chapter", [c for c in CASES if int(c[1][:2]) >= DERIVATION_FROM],
                         ids=[i for c, i in zip(CASES, IDS) if int(c[1][:2]) >= DERIVATION_FROM])
def test_written_derivation_has_a_model_answer(lang, chapter):
    items = list_items(section(lang, chapter, "homework"))
    derivations = [i for i in items if re.sub(r"^(?:[-*]|\d+\.) ", "", i).startswith(DERIVATION[lang])]
    assert derivations, f"no homework item starts with {DERIVATION[lang]!r}"
    wanted = f"instructor/model_answers/{lang}/{chapter}.md"
    for item in derivations:
        assert wanted in item, f"a written derivation must name its model answer file {wanted}"
    assert answer_path(lang, chapter).is_file(), f"missing model answer {wanted}"


def japanese_files():
    files = [guide_path("ja", c) for c in CHAPTERS]
    files += sorted((ROOT / "instructor" / "model_answers" / "ja").glob("*.md"))
    return [f for f in files if f.is_file()]


@pytest.mark.parametrize("path", japanese_files(), ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_japanese_style(path):
    prose = strip_math_and_code(path.read_text(encoding="utf-8"))
    commas = [prose[max(0, m.start() - 15):m.end() + 5] for m in JA_THEN_COMMA.finditer(prose)]
    assert not commas, f"ASCII comma after Japanese (use 「、」): {commas[:5]}"
    polite = [prose[max(0, m.start() - 15):m.end() + 5] for m in POLITE.finditer(prose)]
    assert not polite, f"です/ます in a である-style text: {polite[:5]}"


def display_blocks(text: str) -> list:
    return [re.sub(r"\s+", " ", b).strip() for b in re.findall(r"\$\$(.*?)\$\$", text, flags=re.S)]


def test_model_answers_stay_out_of_docs():
    docs = list((ROOT / "docs").rglob("*"))
    assert not [p for p in docs if "model_answer" in p.as_posix()], "model answers must not live under docs/"
    docs_text = {p: re.sub(r"\s+", " ", p.read_text(encoding="utf-8")) for p in docs if p.suffix == ".md"}
    for answer in sorted((ROOT / "instructor" / "model_answers").rglob("*.md")):
        for block in display_blocks(answer.read_text(encoding="utf-8")):
            if len(block) < 40:  # short displays (a definition, a known formula) may be quoted in a rubric
                continue
            leaks = [p.relative_to(ROOT) for p, t in docs_text.items() if block in t]
            assert not leaks, f"a display of {answer.relative_to(ROOT)} appears in {leaks}: {block[:60]}"


@pytest.mark.parametrize("lang", LANGS)
def test_model_answers_are_valid_markdown_math(lang):
    for answer in sorted((ROOT / "instructor" / "model_answers" / lang).glob("*.md")):
        text = answer.read_text(encoding="utf-8")
        assert text.count("$$") % 2 == 0, f"{answer.name}: unbalanced $$"
        lines = text.splitlines()
        opening = True
        for i, line in enumerate(lines):
            if line.strip() == "$$" or (line.strip().startswith("$$") and not line.strip().endswith("$$")):
                if opening:
                    assert i == 0 or not lines[i - 1].strip(), f"{answer.name}:{i + 1}: a $$ display needs a blank line before it"
                opening = not opening
