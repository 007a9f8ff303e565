"""The chapter sources and their builder (tools/build_notebooks.py): the parser, jupytext, the built notebooks."""
import doctest
import importlib.util
import json
import re
from pathlib import Path

import jupytext
import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "notebooks" / "src").glob("[0-9][0-9]_*.py"))
_spec = importlib.util.spec_from_file_location("build_notebooks", ROOT / "tools" / "build_notebooks.py")
build_notebooks = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build_notebooks)
parse = build_notebooks.parse

SOURCE = '''# %%
import gmm_teach as gt
gt.set_language("ja")

# %% [markdown]
# # 見出し
# 本文である。

# %% [markdown] lang="en"
# # A heading
# The text.

# %%
x = 1 + 1

# %% tags=["solution"]
def answer():
    return 2
'''


def test_japanese_edition_takes_the_japanese_cells():
    cells = parse(SOURCE, "ja")
    assert [c.cell_type for c in cells] == ["code", "markdown", "code", "code"]
    assert cells[0].source == 'import gmm_teach as gt\ngt.set_language("ja")'
    assert cells[1].source == "# 見出し\n本文である。"
    assert cells[2].source == "x = 1 + 1"


def test_english_edition_takes_the_english_cells_and_language_line():
    cells = parse(SOURCE, "en")
    assert [c.cell_type for c in cells] == ["code", "markdown", "code", "code"]
    assert cells[0].source == 'import gmm_teach as gt\ngt.set_language("en")'
    assert cells[1].source == "# A heading\nThe text."


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_solution_cells_are_collapsed_and_tagged(lang):
    solution = parse(SOURCE, lang)[-1]
    assert solution.source == "def answer():\n    return 2"
    assert solution.metadata["tags"] == ["solution"]
    assert solution.metadata["jupyter"] == {"source_hidden": True}
    assert all("tags" not in c.metadata for c in parse(SOURCE, lang)[:-1])


def test_an_untranslated_japanese_cell_stops_the_english_edition():
    source = SOURCE.replace('# %% [markdown] lang="en"\n# # A heading\n# The text.\n', "")
    assert len(parse(source, "ja")) == 4
    with pytest.raises(ValueError, match="no English translation"):
        parse(source, "en")


def test_an_english_cell_must_follow_a_japanese_one():
    source = SOURCE + '\n# %% [markdown] lang="en"\n# Stray.\n'
    with pytest.raises(ValueError, match="must follow a Japanese one"):
        parse(source, "en")


@pytest.mark.parametrize("marker", ["# %% [markdown en]", "# %% [solution]", "# %% [raw]", '# %% lang="fr"'])
def test_markers_outside_the_percent_syntax_are_refused(marker):
    with pytest.raises(ValueError, match="unknown cell marker"):
        parse(SOURCE + f"\n{marker}\nx = 2\n", "ja")


def test_text_before_the_first_marker_is_refused():
    with pytest.raises(ValueError, match="before the first"):
        parse("x = 1\n" + SOURCE, "ja")


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="lang must be one of"):
        parse(SOURCE, "fr")


def test_the_docstring_example_runs():
    failures, tried = doctest.testmod(build_notebooks, verbose=False)
    assert tried > 0 and failures == 0


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_jupytext_reads_every_source_as_the_builder_does(source):
    text = source.read_text(encoding="utf-8")
    notebook = jupytext.reads(text, fmt="py:percent")
    ja, en = parse(text, "ja"), parse(text, "en")
    english = [c for c in notebook.cells if c.metadata.get("lang") == "en"]
    japanese = [c for c in notebook.cells if c.metadata.get("lang") != "en"]
    resolved = [build_notebooks.resolve_solution(c.source) if "solution" in c.metadata.get("tags", []) else c.source
                for c in japanese]
    assert resolved == [c.source for c in ja]
    assert [c.source for c in english] == [c.source for c in en if c.cell_type == "markdown"]
    assert len(english) == sum(c.cell_type == "markdown" for c in ja)
    solutions = [c for c in notebook.cells if "solution" in c.metadata.get("tags", [])]
    assert len(solutions) == sum("solution" in c.metadata.get("tags", []) for c in ja)


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_committed_notebooks_are_built_from_the_current_sources(source, lang):
    """The committed notebook has the cells its source gives (so nobody edits one without the other)."""
    committed = json.loads((ROOT / "notebooks" / lang / f"{source.stem}.ipynb").read_text(encoding="utf-8"))["cells"]
    expected = parse(source.read_text(encoding="utf-8"), lang)
    assert [(c["cell_type"], "".join(c["source"])) for c in committed] == \
           [(c.cell_type, c.source) for c in expected], f"rebuild it: make notebooks (or {source.name} alone)"


# --- worked solutions from instructor/solutions/, cells tagged solution-note ------------------------------

SOLUTIONS = sorted((ROOT / "instructor" / "solutions").glob("[0-9][0-9]_*.py"))


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_solution_cells_are_one_reference_to_instructor_solutions(source):
    """The worked solutions live in instructor/solutions/ only: a source's solution cell is one reference line."""
    cells = jupytext.reads(source.read_text(encoding="utf-8"), fmt="py:percent").cells
    solutions = [c for c in cells if "solution" in c.metadata.get("tags", [])]
    for cell in solutions:
        match = build_notebooks.REFERENCE.match(cell.source)
        assert match and match.group(1) == f"instructor/solutions/{source.name}", cell.source[:80]
    if solutions:
        blocks = build_notebooks.solution_blocks(ROOT / "instructor" / "solutions" / source.name)
        used = [build_notebooks.REFERENCE.match(c.source).group(2) for c in solutions]
        text = (ROOT / "instructor" / "solutions" / source.name).read_text(encoding="utf-8")
        assert sorted(used) == sorted(re.findall(r"^# %% solution: (\w+)$", text, re.M))
        assert set(used) <= set(blocks)


def test_every_solutions_file_belongs_to_a_chapter():
    assert SOLUTIONS and {p.name for p in SOLUTIONS} <= {p.name for p in SOURCES}


def test_a_reference_is_replaced_by_its_block():
    source = SOURCE.replace("def answer():\n    return 2\n",
                            "# solution: instructor/solutions/05_em_algorithm.py#m_step_vectorized\n")
    cell = parse(source, "en")[-1]
    assert cell.source == build_notebooks.solution_blocks(SOLUTIONS[0].parent / "05_em_algorithm.py")["m_step_vectorized"]
    assert cell.source.startswith("def m_step_vectorized(") and cell.metadata["tags"] == ["solution"]


def test_a_reference_to_a_missing_block_or_outside_a_solution_cell_is_refused():
    missing = SOURCE.replace("def answer():\n    return 2\n", "# solution: instructor/solutions/05_em_algorithm.py#nope\n")
    with pytest.raises(ValueError, match="has no block 'nope'"):
        parse(missing, "ja")
    outside = SOURCE.replace("x = 1 + 1", "# solution: instructor/solutions/05_em_algorithm.py#em_fast")
    with pytest.raises(ValueError, match="outside a solution cell"):
        parse(outside, "ja")


NOTE = '''
# %% [markdown] tags=["solution-note"]
# 解答例は折りたたまれたセルにある。

# %% [markdown] lang="en" tags=["solution-note"]
# Worked solutions are in the collapsed cells.
'''


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_solution_notes_keep_their_tag_in_both_editions(lang):
    cells = parse(SOURCE + NOTE, lang)
    assert cells[-1].metadata["tags"] == ["solution-note"]
    assert cells[-1].source == ("解答例は折りたたまれたセルにある。" if lang == "ja" else "Worked solutions are in the collapsed cells.")


def test_a_solution_note_must_be_tagged_in_both_languages():
    with pytest.raises(ValueError, match="both be tagged"):
        parse(SOURCE + NOTE.replace('lang="en" tags=["solution-note"]', 'lang="en"'), "en")


def test_the_solutions_are_not_in_the_package():
    assert not (ROOT / "gmm_teach" / "solutions.py").exists()
    import gmm_teach
    assert "solutions" not in gmm_teach._SUBMODULES
    with pytest.raises(ImportError):
        importlib.import_module("gmm_teach.solutions")


# --- slide markers (make slides): on the Japanese / code cell, nbconvert's slideshow metadata in both editions ---

SLIDES = '''# %% slide="skip"
import gmm_teach as gt
gt.set_language("ja")

# %% [markdown] slide="slide"
# ## 見出し

# %% [markdown] lang="en"
# ## A heading

# %% [markdown]
# 続きである。

# %% [markdown] lang="en"
# More.

# %% [markdown] slide="notes"
# 話すこと。

# %% [markdown] lang="en"
# What to say.

# %% tags=["solution"] slide="skip"
def answer():
    return 2
'''


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_slide_markers_become_slideshow_metadata_in_both_editions(lang):
    cells = parse(SLIDES, lang)
    assert [c.metadata.get("slideshow", {}).get("slide_type") for c in cells] == \
           ["skip", "slide", None, "notes", "skip"]
    assert cells[1].source == ("## 見出し" if lang == "ja" else "## A heading")
    assert cells[-1].metadata["tags"] == ["solution"] and cells[-1].metadata["jupyter"] == {"source_hidden": True}


def test_jupytext_reads_a_slide_marker_as_cell_metadata():
    cells = jupytext.reads(SLIDES, fmt="py:percent").cells
    assert [c.metadata.get("slide") for c in cells] == ["skip", "slide", None, None, None, "notes", None, "skip"]
    assert cells[-1].metadata == {"tags": ["solution"], "slide": "skip"}


def test_a_slide_marker_on_an_english_cell_is_refused():
    with pytest.raises(ValueError, match="slide marker on an English cell"):
        parse(SLIDES.replace('# %% [markdown] lang="en"\n# More.', '# %% [markdown] lang="en" slide="subslide"\n# More.'),
              "en")


@pytest.mark.parametrize("marker", ['# %% slide="title"', '# %% slide=skip', '# %% slide="skip" tags=["solution"]',
                                    '# %% [markdown] slide="-"'])
def test_unknown_or_misplaced_slide_markers_are_refused(marker):
    with pytest.raises(ValueError, match="unknown cell marker"):
        parse(SLIDES + f"\n{marker}\nx = 2\n", "ja")


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_committed_notebooks_carry_the_sources_slide_markers_and_tags(source, lang):
    """After changing markers only: tools/build_notebooks.py --metadata-only notebooks/ja notebooks/en."""
    committed = json.loads((ROOT / "notebooks" / lang / f"{source.stem}.ipynb").read_text(encoding="utf-8"))["cells"]
    expected = parse(source.read_text(encoding="utf-8"), lang)
    keys = build_notebooks.CELL_METADATA
    assert [{k: c["metadata"][k] for k in keys if k in c["metadata"]} for c in committed] == \
           [{k: c.metadata[k] for k in keys if k in c.metadata} for c in expected], \
        f"run: python tools/build_notebooks.py --metadata-only notebooks/{lang}"


def test_metadata_only_refuses_a_notebook_whose_cells_differ(tmp_path, monkeypatch):
    source = tmp_path / "src" / "99_demo.py"
    source.parent.mkdir()
    source.write_text(SLIDES, encoding="utf-8")
    (tmp_path / "notebooks" / "ja").mkdir(parents=True)
    import nbformat
    nb = nbformat.v4.new_notebook()
    nb.cells = parse(SLIDES.replace('slide="notes"', ""), "ja")
    nbformat.write(nb, tmp_path / "notebooks" / "ja" / "99_demo.ipynb")
    monkeypatch.setattr(build_notebooks, "ROOT", tmp_path)
    build_notebooks.restamp(source, "ja")  # same cells: only the metadata changes
    stamped = nbformat.read(tmp_path / "notebooks" / "ja" / "99_demo.ipynb", as_version=4)
    assert stamped.cells[3].metadata["slideshow"] == {"slide_type": "notes"}
    source.write_text(SLIDES.replace("続きである。", "変えた。"), encoding="utf-8")
    with pytest.raises(SystemExit, match="differ"):
        build_notebooks.restamp(source, "ja")
