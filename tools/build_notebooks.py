"""Build the chapter notebooks from their sources and execute them in place.

One source per chapter, for both editions: notebooks/src/NN_name.py in jupytext's "percent"
format, which jupytext, JupyterLab's jupytext extension and VS Code open as notebooks:

    # %% [markdown]
    # # 見出し
    # 日本語の本文 ($\\LaTeX$ 可)。

    # %% [markdown] lang="en"
    # # A heading
    # The same cell in English: it follows its Japanese cell directly.

    # %%
    x = 1 + 1               <- code cells are shared by both editions

    # %% tags=["solution"]  <- a code cell whose source is collapsed (a worked solution); it holds one line,
    # solution: instructor/solutions/NN_name.py#NAME     which the builder replaces by that file's block NAME

    # %% [markdown] tags=["solution-note"]           <- a cell that announces, uses or discusses the worked
    # %% [markdown] lang="en" tags=["solution-note"]    solutions: in both editions, left out of the student
                                                        edition (tools/build_classroom.py); code cells too

    # %% [markdown] slide="subslide"  <- a slide marker (make slides, tools/build_slides.py): on a Japanese
    # %% slide="skip"                    markdown cell or a code cell, last on the line; the English cell takes
    # %% tags=["solution"] slide="skip"  the marker of the Japanese cell it follows (it has none of its own)

Slide markers become nbconvert's `metadata.slideshow.slide_type` in both editions: "slide" (a new slide),
"subslide" (a new slide below it), "fragment" (appears on the next key press), "skip" (not on the slides),
"notes" (the speaker notes); a cell without a marker continues the slide before it.

The worked solutions live in instructor/solutions/NN_name.py (not in the installed package), one block per
solution cell, each starting with a line `# %% solution: NAME`; ``solution_blocks`` reads them.

jupytext reads the source (``jupytext.reads(text, fmt="py:percent")``); ``parse`` then picks one
edition: the Japanese edition takes the plain ``[markdown]`` cells, the English edition the
``lang="en"`` cell that follows each of them. Code cells are identical in both editions except the
line `gt.set_language("ja")`, which becomes `gt.set_language("en")`. Each edition is written to
notebooks/<lang>/NN_name.ipynb, executed top to bottom with the python3 kernel, outputs and
widget state stored, no timing metadata (written to a temporary file, then renamed). Usage:

    python tools/build_notebooks.py notebooks/ja notebooks/en    # whole editions
    python tools/build_notebooks.py notebooks/src/03_e_step.py   # one chapter, every edition it has
    python tools/build_notebooks.py --lang ja notebooks/src/03_e_step.py
    python tools/build_notebooks.py --metadata-only notebooks/ja notebooks/en   # markers, tags: no execution

--metadata-only copies the cells' metadata (slide markers, tags) from the sources into the committed notebooks
without executing them; it refuses a notebook whose cells differ from its source's (rebuild that one).
"""
from __future__ import annotations

import os
import re
import sys
import tempfile
import time
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ("ja", "en")
LANGUAGE_LINE = 'gt.set_language("ja")'
SOLUTION_TAG = "solution"
NOTE_TAG = "solution-note"
# The markers of one cell: what jupytext's percent format allows and these sources use.
SLIDE_TYPES = ("slide", "subslide", "fragment", "skip", "notes")
MARKER = re.compile(r'^# %%(?: \[markdown\])?(?: lang="en")?(?: tags=\["solution(?:-note)?"\])?'
                    r'(?: slide="(?:slide|subslide|fragment|skip|notes)")?\s*$')
# A solution cell's one line: the block of instructor/solutions/ that the builder puts there.
REFERENCE = re.compile(r"^# solution: (instructor/solutions/[0-9][0-9]_\w+\.py)#(\w+)$")
BLOCK = re.compile(r"^# %% (solution|reference): (\w+)\s*$", re.M)


def solution_blocks(path) -> dict:
    """The blocks of a worked-solutions file (instructor/solutions/NN_name.py): {name: source}.

    A block runs from its line `# %% solution: NAME` (a notebook's solution cell) or `# %% reference: NAME` (not a
    cell: code for the tests) to the next such line; its trailing blank lines are not part of it.

    >>> blocks = solution_blocks(ROOT / "instructor" / "solutions" / "05_em_algorithm.py")
    >>> blocks["em_fast"].splitlines()[0]
    'def em_fast(X, phi, mu, sigma, n_iter):'
    """
    text = Path(path).read_text(encoding="utf-8")
    found = list(BLOCK.finditer(text))
    return {m.group(2): text[m.end():found[i + 1].start() if i + 1 < len(found) else len(text)].strip("\n")
            for i, m in enumerate(found)}


def resolve_solution(source: str) -> str:
    """A solution cell's text: its reference line replaced by the block it names (other text unchanged)."""
    match = REFERENCE.match(source.strip())
    if not match:
        return source
    path, name = match.groups()
    blocks = solution_blocks(ROOT / path)
    if name not in blocks:
        raise ValueError(f"{path} has no block {name!r} (it has {sorted(blocks)})")
    return blocks[name]


def solution_namespace(paths) -> dict:
    """The functions of worked-solutions files, defined in one namespace with np and gt (in the order given).

    Only the definitions (def, class, import) of each block run: the checker calls and the chapter-dependent
    statements of the cells do not. For tests that grade answers built from the worked solutions. The code is
    compiled under a pseudo file name ("<instructor/solutions/NN_name.py#NAME>"), as a notebook compiles a cell: the
    checkers' guard, which refuses code read from the files under instructor/solutions/, then takes it for the
    learner's own code, as it does in the instructor edition.
    """
    import ast
    namespace = {"np": __import__("numpy"), "gt": __import__("gmm_teach")}
    for path in paths:
        for name, block in solution_blocks(path).items():
            label = f"<{Path(path).resolve().relative_to(ROOT).as_posix()}#{name}>"
            tree = ast.parse(block, filename=label)
            tree.body = [node for node in tree.body if isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.Import,
                                                                           ast.ImportFrom))]
            exec(compile(tree, label, "exec"), namespace)
    return namespace


def parse(text: str, lang: str = "ja") -> list:
    """The cells of one edition ("ja" or "en") of a chapter source, as nbformat cells.

    >>> src = '# %%\\nimport gmm_teach as gt\\ngt.set_language("ja")\\n\\n# %% [markdown]\\n# 本文\\n\\n' \\
    ...       '# %% [markdown] lang="en"\\n# Text\\n'
    >>> [(c.cell_type, c.source) for c in parse(src, "en")]
    [('code', 'import gmm_teach as gt\\ngt.set_language("en")'), ('markdown', 'Text')]
    """
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {LANGUAGES}; received {lang!r}")
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("# %%") and not MARKER.match(line):
            raise ValueError(f"line {number}: unknown cell marker {line!r}; use '# %%', '# %% [markdown]', "
                             f"'# %% [markdown] lang=\"en\"', '# %% tags=[\"solution\"]' or "
                             f"'# %% [markdown] tags=[\"solution-note\"]', each optionally followed by a slide "
                             f"marker such as slide=\"subslide\" (one of {', '.join(SLIDE_TYPES)})")
    if text.lstrip() and not text.lstrip().startswith("# %%"):
        raise ValueError("text before the first '# %%' marker")
    cells = []  # [cell, translated] pairs: a Japanese markdown cell waits for its English one
    for cell in jupytext.reads(text, fmt="py:percent").cells:
        if cell.cell_type == "markdown":
            english = cell.metadata.get("lang") == "en"
            tags = cell.metadata.get("tags", [])
            if english and "slide" in cell.metadata:
                raise ValueError(f"a slide marker on an English cell: put it on the Japanese cell before it (the "
                                 f"English cell takes that one): {cell.source[:60]!r}")
            if not english:
                markdown = nbformat.v4.new_markdown_cell(cell.source)
                if NOTE_TAG in tags:
                    markdown.metadata["tags"] = [NOTE_TAG]
                _slide(markdown, cell)
                cells.append([markdown, False])
            elif not cells or cells[-1][0].cell_type != "markdown" or cells[-1][1]:
                raise ValueError(f"an English markdown cell must follow a Japanese one: {cell.source[:60]!r}")
            elif (NOTE_TAG in tags) != (NOTE_TAG in cells[-1][0].metadata.get("tags", [])):
                raise ValueError(f"a Japanese cell and its English translation must both be tagged {NOTE_TAG!r} "
                                 f"or neither: {cell.source[:60]!r}")
            else:
                if lang == "en":
                    markdown = nbformat.v4.new_markdown_cell(cell.source)
                    markdown.metadata.update(cells[-1][0].metadata)
                    cells[-1] = [markdown, True]
                else:
                    cells[-1][1] = True
            continue
        tags = cell.metadata.get("tags", [])
        source = resolve_solution(cell.source) if SOLUTION_TAG in tags else cell.source
        if REFERENCE.match(source.strip()):
            raise ValueError(f"a reference to a worked solution outside a solution cell: {source.strip()!r}")
        body = source if lang == "ja" else source.replace(LANGUAGE_LINE, f'gt.set_language("{lang}")')
        code = nbformat.v4.new_code_cell(body)
        if SOLUTION_TAG in tags:
            code.metadata["jupyter"] = {"source_hidden": True}
            code.metadata["tags"] = [SOLUTION_TAG]
        elif NOTE_TAG in tags:
            code.metadata["tags"] = [NOTE_TAG]
        _slide(code, cell)
        cells.append([code, True])
    if lang == "en":
        for cell, translated in cells:
            if not translated:
                raise ValueError(f"a Japanese markdown cell has no English translation: {cell.source[:60]!r}")
    return [cell for cell, _ in cells]


def _slide(target, cell) -> None:
    """The source cell's slide marker as nbconvert's slideshow metadata of the built cell."""
    if "slide" in cell.metadata:
        target.metadata["slideshow"] = {"slide_type": cell.metadata["slide"]}


def has_edition(text: str, lang: str) -> bool:
    """True if the source holds that edition (English needs its [markdown en] cells)."""
    return lang == "ja" or '# %% [markdown] lang="en"' in text


def build(source: Path, lang: str) -> Path:
    target = ROOT / "notebooks" / lang / (source.stem + ".ipynb")
    nb = nbformat.v4.new_notebook()
    nb.cells = parse(source.read_text(encoding="utf-8"), lang)
    for i, cell in enumerate(nb.cells):
        cell.id = f"{source.stem[:2]}-{i:03d}"  # stable ids: small diffs
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    target.parent.mkdir(parents=True, exist_ok=True)
    client = NotebookClient(nb, timeout=600, kernel_name="python3", record_timing=False,
                            store_widget_state=True, resources={"metadata": {"path": str(target.parent)}})
    start = time.perf_counter()
    client.execute()
    nb.metadata.pop("widgets", None) if not nb.metadata.get("widgets") else None
    nb.metadata["language_info"] = {"name": "python"}  # no version numbers in the stored file
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=target.parent, suffix=".tmp", delete=False) as tmp:
        nbformat.write(nb, tmp)  # a failed build never leaves a truncated notebook behind
    os.replace(tmp.name, target)
    print(f"{target.relative_to(ROOT)}: {len(nb.cells)} cells, {time.perf_counter() - start:.1f} s, "
          f"{target.stat().st_size / 1e6:.2f} MB")
    return target


CELL_METADATA = ("tags", "jupyter", "slideshow")  # the keys parse() writes


def restamp(source: Path, lang: str) -> Path:
    """Copy the cells' metadata from the source into the committed notebook (no execution)."""
    target = ROOT / "notebooks" / lang / (source.stem + ".ipynb")
    nb = nbformat.read(target, as_version=4)
    expected = parse(source.read_text(encoding="utf-8"), lang)
    if [(c.cell_type, c.source) for c in nb.cells] != [(c.cell_type, c.source) for c in expected]:
        raise SystemExit(f"{target.relative_to(ROOT)}: its cells differ from {source.name}; rebuild it "
                         f"(python tools/build_notebooks.py {source.relative_to(ROOT)})")
    for cell, new in zip(nb.cells, expected):
        for key in CELL_METADATA:
            if key in new.metadata:
                cell.metadata[key] = new.metadata[key]
            else:
                cell.metadata.pop(key, None)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=target.parent, suffix=".tmp", delete=False) as tmp:
        nbformat.write(nb, tmp)
    os.replace(tmp.name, target)
    print(f"{target.relative_to(ROOT)}: metadata of {len(nb.cells)} cells")
    return target


def main(args: list[str]) -> None:
    langs = LANGUAGES
    action = build
    if args[:1] == ["--metadata-only"]:
        action, args = restamp, args[1:]
    if args[:1] == ["--lang"]:
        langs, args = (args[1],), args[2:]
    jobs = []
    for arg in args or ["notebooks/ja"]:
        path = (ROOT / arg).resolve()
        if path.suffix == ".py":
            text = path.read_text(encoding="utf-8")
            jobs.extend((path, lang) for lang in langs if has_edition(text, lang))
        else:  # notebooks/ja -> every source, Japanese edition
            sources = sorted((ROOT / "notebooks" / "src").glob("[0-9][0-9]_*.py"))
            jobs.extend((source, path.name) for source in sources)
    if not jobs:
        sys.exit(f"no notebook sources found for {args}")
    for source, lang in jobs:
        action(source, lang)


if __name__ == "__main__":
    main(sys.argv[1:])
