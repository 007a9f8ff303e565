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

    # %% tags=["solution"]  <- a code cell whose source is collapsed (a worked solution)

jupytext reads the source (``jupytext.reads(text, fmt="py:percent")``); ``parse`` then picks one
edition: the Japanese edition takes the plain ``[markdown]`` cells, the English edition the
``lang="en"`` cell that follows each of them. Code cells are identical in both editions except the
line `gt.set_language("ja")`, which becomes `gt.set_language("en")`. Each edition is written to
notebooks/<lang>/NN_name.ipynb, executed top to bottom with the python3 kernel, outputs and
widget state stored, no timing metadata (written to a temporary file, then renamed). Usage:

    python tools/build_notebooks.py notebooks/ja notebooks/en    # whole editions
    python tools/build_notebooks.py notebooks/src/03_e_step.py   # one chapter, every edition it has
    python tools/build_notebooks.py --lang ja notebooks/src/03_e_step.py
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
# The markers of one cell: what jupytext's percent format allows and these sources use.
MARKER = re.compile(r'^# %%(?: \[markdown\])?(?: lang="en"| tags=\["solution"\])?\s*$')


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
                             f"'# %% [markdown] lang=\"en\"' or '# %% tags=[\"solution\"]'")
    if text.lstrip() and not text.lstrip().startswith("# %%"):
        raise ValueError("text before the first '# %%' marker")
    cells = []  # [cell, translated] pairs: a Japanese markdown cell waits for its English one
    for cell in jupytext.reads(text, fmt="py:percent").cells:
        if cell.cell_type == "markdown":
            english = cell.metadata.get("lang") == "en"
            if not english:
                cells.append([nbformat.v4.new_markdown_cell(cell.source), False])
            elif not cells or cells[-1][0].cell_type != "markdown" or cells[-1][1]:
                raise ValueError(f"an English markdown cell must follow a Japanese one: {cell.source[:60]!r}")
            else:
                cells[-1] = [nbformat.v4.new_markdown_cell(cell.source) if lang == "en" else cells[-1][0], True]
            continue
        body = cell.source if lang == "ja" else cell.source.replace(LANGUAGE_LINE, f'gt.set_language("{lang}")')
        code = nbformat.v4.new_code_cell(body)
        if SOLUTION_TAG in cell.metadata.get("tags", []):
            code.metadata["jupyter"] = {"source_hidden": True}
            code.metadata["tags"] = [SOLUTION_TAG]
        cells.append([code, True])
    if lang == "en":
        for cell, translated in cells:
            if not translated:
                raise ValueError(f"a Japanese markdown cell has no English translation: {cell.source[:60]!r}")
    return [cell for cell, _ in cells]


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


def main(args: list[str]) -> None:
    langs = LANGUAGES
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
        build(source, lang)


if __name__ == "__main__":
    main(sys.argv[1:])
