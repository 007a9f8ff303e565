"""Build the chapter notebooks from their sources and execute them in place.

Sources live in notebooks/src/<lang>/NN_name.py in the "percent" format (which
JupyterLab's jupytext extension and VS Code also open):

    # %% [markdown]
    # # A title
    # Some prose with $\\LaTeX$.

    # %%
    x = 1 + 1

    # %% [solution]          <- a code cell whose source is collapsed (a worked solution)

Each source becomes notebooks/<lang>/NN_name.ipynb, executed top to bottom with the
python3 kernel, outputs and widget state stored, no timing metadata. Usage:

    python tools/build_notebooks.py notebooks/ja [more dirs or .py files]
"""
from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
MARKER = re.compile(r"^# %%(?:\s*\[(\w+)\])?\s*$")


def parse(text: str) -> list:
    """Split a percent-format source into notebook cells."""
    cells, kind, lines = [], None, []

    def flush():
        body = "\n".join(lines).strip("\n")
        if kind is None:
            if body.strip():
                raise ValueError("text before the first '# %%' marker")
            return
        if kind == "markdown":
            body = "\n".join(re.sub(r"^# ?", "", line) for line in body.splitlines())
            cells.append(nbformat.v4.new_markdown_cell(body))
        else:
            cell = nbformat.v4.new_code_cell(body)
            if kind == "solution":
                cell.metadata["jupyter"] = {"source_hidden": True}
                cell.metadata["tags"] = ["solution"]
            cells.append(cell)

    for line in text.splitlines():
        match = MARKER.match(line)
        if match:
            flush()
            kind, lines = (match.group(1) or "code"), []
            if kind not in ("code", "markdown", "solution"):
                raise ValueError(f"unknown cell kind [{kind}]")
        else:
            lines.append(line)
    flush()
    return cells


def build(source: Path) -> Path:
    lang = source.parent.name
    target = ROOT / "notebooks" / lang / (source.stem + ".ipynb")
    nb = nbformat.v4.new_notebook()
    nb.cells = parse(source.read_text(encoding="utf-8"))
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
    sources = []
    for arg in args or ["notebooks/ja"]:
        path = (ROOT / arg).resolve()
        if path.suffix == ".py":
            sources.append(path)
        else:  # notebooks/ja -> notebooks/src/ja/*.py
            sources.extend(sorted((ROOT / "notebooks" / "src" / path.name).glob("[0-9][0-9]_*.py")))
    if not sources:
        sys.exit(f"no notebook sources found for {args}")
    for source in sources:
        build(source)


if __name__ == "__main__":
    main(sys.argv[1:])
