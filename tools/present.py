"""Present one chapter's widgets as a Voilà app: `make present CHAPTER=06 EDITION=ja [PORT=8866] [NO_BROWSER=1]`.

Voilà runs the whole chapter in a kernel (chapter 06: about 20 s) and shows the page with the code
hidden and the widgets live, on http://127.0.0.1:PORT/ only. Nothing is loaded from the internet: the
template tools/present/voila/templates/gmm-teach is Voilà's "lab" template without its Font Awesome
CDN link (the widgets bring their own icons). Voilà comes with requirements-test.txt (`pip install voila`).

    python tools/present.py 06 ja [--port 8866] [--no-browser]

A chapter without widgets, an unknown chapter or edition, or a missing Voilà is refused with one line
on stderr (exit status 2). As root Voilà needs no --allow-root (it is not a Jupyter server app).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = REPO / "notebooks"
TEMPLATE_ROOT = REPO / "tools" / "present"  # on JUPYTER_PATH: voila/templates/gmm-teach
TEMPLATE = "gmm-teach"
DEFAULT_PORT = 8866
WIDGET_CALL = re.compile(r"\bwidgets\.[a-z]\w*\s*\(")


class Refused(Exception):
    """A one-line reason to refuse (printed as `make present: ...`)."""


def editions() -> list[str]:
    """The editions in notebooks/ (ja, en, ...): every directory except the sources."""
    return sorted((p.name for p in NOTEBOOKS.iterdir() if p.is_dir() and p.name != "src" and any(p.glob("*.ipynb"))),
                  key=lambda name: (name != "ja", name))


def has_widgets(notebook: Path) -> bool:
    """True if a code cell of the notebook calls gt.widgets.<something>(...)."""
    cells = json.loads(notebook.read_text(encoding="utf-8")).get("cells", [])
    return any(cell.get("cell_type") == "code" and WIDGET_CALL.search("".join(cell.get("source", "")))
               for cell in cells)


def chapters_with_widgets(edition: str) -> list[str]:
    return [p.name[:2] for p in sorted((NOTEBOOKS / edition).glob("[0-9][0-9]_*.ipynb")) if has_widgets(p)]


def choose(chapter: str, edition: str) -> Path:
    """The notebook to present, or Refused with the reason and what would work."""
    known = editions()
    example = "make present CHAPTER=06 EDITION=ja"
    if not chapter:
        listed = chapters_with_widgets(edition if edition in known else known[0])
        raise Refused(f"say which chapter, one with widgets ({', '.join(listed)}): e.g. {example}")
    if not edition:
        raise Refused(f"say which edition, one of {', '.join(known)}: e.g. {example}")
    if edition not in known:
        raise Refused(f"EDITION={edition} is not an edition of the course; choose one of {', '.join(known)} "
                      f"(e.g. {example})")
    with_widgets = chapters_with_widgets(edition)
    if not re.fullmatch(r"\d{1,2}", chapter):
        raise Refused(f"CHAPTER={chapter} is not a chapter number; chapters with widgets: {', '.join(with_widgets)}")
    number = f"{int(chapter):02d}"
    found = sorted((NOTEBOOKS / edition).glob(f"{number}_*.ipynb"))
    if not found:
        raise Refused(f"there is no chapter {number} in notebooks/{edition}/; chapters with widgets: "
                      f"{', '.join(with_widgets)}")
    if number not in with_widgets:
        raise Refused(f"chapter {number} ({found[0].stem}) has no widgets to present; chapters with widgets: "
                      f"{', '.join(with_widgets)}")
    return found[0]


def voila_command(notebook: Path, port: int, open_browser: bool) -> list[str]:
    command = [sys.executable, "-m", "voila", str(notebook), f"--port={port}", "--Voila.ip=127.0.0.1",
               "--Voila.port_retries=0", f"--template={TEMPLATE}", "--theme=light", "--strip_sources=True"]
    if not open_browser:
        command.append("--no-browser")
    return command


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("chapter", nargs="?", default="", help="the chapter's number, e.g. 06")
    parser.add_argument("edition", nargs="?", default="", help="the edition (language), e.g. ja or en")
    parser.add_argument("--port", default=str(DEFAULT_PORT), help=f"the port on 127.0.0.1 (default {DEFAULT_PORT})")
    parser.add_argument("--no-browser", action="store_true", help="do not open a browser")
    args = parser.parse_args(argv)
    try:
        notebook = choose(args.chapter.strip(), args.edition.strip())
        port = args.port.strip() or str(DEFAULT_PORT)
        if not port.isdigit() or not 1 <= int(port) <= 65535:
            raise Refused(f"PORT={args.port} is not a port number (1-65535; default {DEFAULT_PORT})")
        if importlib.util.find_spec("voila") is None:
            raise Refused(f"Voilà is not installed in {sys.prefix}: pip install -r requirements-test.txt "
                          "(or pip install voila)")
    except Refused as reason:
        print(f"make present: {reason}", file=sys.stderr)
        return 2
    rel = notebook.relative_to(REPO)
    print(f"Presenting {rel} (code hidden, widgets live) at http://127.0.0.1:{port}/", flush=True)
    print("Voilà runs the whole chapter before the page shows (about 20 s). Stop with Ctrl-C.", flush=True)
    env = dict(os.environ)
    env["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(TEMPLATE_ROOT), env.get("JUPYTER_PATH")]))
    command = voila_command(notebook, int(port), open_browser=not args.no_browser)
    os.chdir(notebook.parent)
    os.execve(command[0], command, env)
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main())
