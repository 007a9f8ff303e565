"""Build the chapter notebooks from their sources and execute them in place.

One source per chapter, for both editions: notebooks/src/NN_name.py in the "percent"
format (which JupyterLab's jupytext extension and VS Code also open):

    # %% [markdown]
    # # 見出し
    # 日本語の本文 ($\\LaTeX$ 可)。

    # %% [markdown en]
    # # A heading
    # The same cell in English: it follows its Japanese cell directly.

    # %%
    x = 1 + 1               <- code cells are shared by both editions

    # %% [solution]         <- a code cell whose source is collapsed (a worked solution)

The Japanese edition takes the `[markdown]` cells, the English edition the `[markdown en]`
cell that follows each of them. Code cells are identical in both editions except the line
`gt.set_language("ja")`, which becomes `gt.set_language("en")`. Each edition is written to
notebooks/<lang>/NN_name.ipynb, executed top to bottom with the python3 kernel, outputs and
widget state stored, no timing metadata. Usage:

    python tools/build_notebooks.py notebooks/ja notebooks/en    # whole editions
    python tools/build_notebooks.py notebooks/src/03_e_step.py   # one chapter, every edition it has
    python tools/build_notebooks.py --lang ja notebooks/src/03_e_step.py
"""
from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
MARKER = re.compile(r"^# %%(?:\s*\[(\w+)(?: (\w+))?\])?\s*$")
LANGUAGES = ("ja", "en")
LANGUAGE_LINE = 'gt.set_language("ja")'


def parse(text: str, lang: str = "ja") -> list:
    """Split a percent-format source into the cells of one edition."""
    cells, kind, lines = [], None, []  # cells: (cell, translated) pairs

    def flush():
        body = "\n".join(lines).strip("\n")
        if kind is None:
            if body.strip():
                raise ValueError("text before the first '# %%' marker")
            return
        if kind in ("markdown", "markdown en"):
            cell = nbformat.v4.new_markdown_cell("\n".join(re.sub(r"^# ?", "", line) for line in body.splitlines()))
            if kind == "markdown":
                cells.append([cell, False])
            elif not cells or cells[-1][0].cell_type != "markdown" or cells[-1][1]:
                raise ValueError(f"a [markdown en] cell must follow a Japanese [markdown] cell: {body[:60]!r}")
            else:
                cells[-1] = [cell if lang == "en" else cells[-1][0], True]
            return
        if lang != "ja":
            body = body.replace(LANGUAGE_LINE, f'gt.set_language("{lang}")')
        cell = nbformat.v4.new_code_cell(body)
        if kind == "solution":
            cell.metadata["jupyter"] = {"source_hidden": True}
            cell.metadata["tags"] = ["solution"]
        cells.append([cell, True])

    for line in text.splitlines():
        match = MARKER.match(line)
        if match:
            flush()
            kind = " ".join(g for g in match.groups() if g) or "code"
            lines = []
            if kind not in ("code", "markdown", "markdown en", "solution"):
                raise ValueError(f"unknown cell kind [{kind}]")
        else:
            lines.append(line)
    flush()
    if lang == "en":
        for cell, translated in cells:
            if not translated:
                raise ValueError(f"a Japanese markdown cell has no [markdown en] translation: {cell.source[:60]!r}")
    return [cell for cell, _ in cells]


def has_edition(text: str, lang: str) -> bool:
    """True if the source holds that edition (English needs its [markdown en] cells)."""
    return lang == "ja" or "# %% [markdown en]" in text


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
    nbformat.write(nb, target)
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
