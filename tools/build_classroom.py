"""The classroom editions of the course, built from the chapter sources and the committed notebooks.

    python tools/build_classroom.py                  # both languages, every chapter -> build/classroom/
    python tools/build_classroom.py --lang en 05     # one language, some chapters (by number)
    make classroom                                   # the same as the first line

Writes, for each language <lang> (ja, en):

build/classroom/<lang>/student/NN_name.ipynb
    The chapter as in notebooks/<lang>/ (its stored outputs, no re-execution) without the worked solutions: no
    solution cells (tag "solution"), no cells tagged "solution-note" (the sentences that announce the solutions,
    and the cells that use or discuss them), and no stored outputs in the exercise cells (the learner's stubs) and
    their checker cells. Run top to bottom, it works and every checker says "not yet".
build/classroom/<lang>/instructor/
    NN_name.ipynb (the full chapters with the worked solutions, as committed), solutions/ (instructor/solutions/),
    lecturers_guide/ (docs/lecturers/<lang>/*.md) and model_answers/ (instructor/model_answers/<lang>/*.md): whatever
    of these exists.
build/classroom/nbgrader/<lang>/
    An nbgrader course directory, usable wherever it is copied (nbgrader_config.py has no absolute path; run the
    nbgrader commands from inside it): source/NN_name/NN_name.ipynb for each chapter with exercises. There, each
    exercise's stub cell is an answer cell (nbgrader solution cell: the stub's signature and docstring, the worked
    solution's body between ### BEGIN SOLUTION / ### END SOLUTION, then the stub's own body, which
    `generate_assignment` releases as it is), and its checker cell a locked autograder test worth 10 points: the
    checker on the chapter's cases (visible, its message printed) and, hidden, on fresh cases drawn from a
    per-chapter seed. No solution cells and no solution notes.

    cd build/classroom/nbgrader/en
    nbgrader generate_assignment 05_em_algorithm --force     # -> release/05_em_algorithm/05_em_algorithm.ipynb
    # collect the learners' notebooks into submitted/<student>/05_em_algorithm/05_em_algorithm.ipynb
    nbgrader autograde 05_em_algorithm --create --force      # --create: add unknown students to the gradebook
    nbgrader export                                          # -> grades.csv
"""
from __future__ import annotations

import argparse
import ast
import importlib.util
import inspect
import re
import shutil
import sys
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("build_notebooks", ROOT / "tools" / "build_notebooks.py")
build_notebooks = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build_notebooks)

LANGUAGES = build_notebooks.LANGUAGES
SOLUTION_TAG, NOTE_TAG = build_notebooks.SOLUTION_TAG, build_notebooks.NOTE_TAG
OUT = ROOT / "build" / "classroom"
POINTS = 10  # per checker-graded exercise
CHECKER_CALL = re.compile(r"^gt\.checks\.(check_\w+)\((\w+)\)$")
NBGRADER_CONFIG = '''"""nbgrader configuration of the gmm-teach course ({lang}); run the nbgrader commands from this directory."""
c = get_config()  # noqa: F821 (nbgrader provides it)

c.CourseDirectory.course_id = "gmm-teach-{lang}"
# An answer cell holds the worked solution between ### BEGIN SOLUTION and ### END SOLUTION, followed by the
# stub's own body: generate_assignment replaces the solution by an empty line, and the learner gets the stub.
c.ClearSolutions.code_stub = {{"python": ""}}
c.ClearSolutions.text_stub = ""
# Whole chapters run when autograding (about 20 s each); a generous limit per cell.
c.Execute.timeout = 600
c.Execute.interrupt_on_timeout = True
'''


def sources(chapters=None) -> list[Path]:
    found = sorted((ROOT / "notebooks" / "src").glob("[0-9][0-9]_*.py"))
    return [p for p in found if not chapters or p.stem[:2] in chapters]


def edition(source: Path, lang: str) -> nbformat.NotebookNode:
    """The committed notebook notebooks/<lang>/NN_name.ipynb, its cells' tags taken from the source."""
    nb = nbformat.read(ROOT / "notebooks" / lang / f"{source.stem}.ipynb", as_version=4)
    expected = build_notebooks.parse(source.read_text(encoding="utf-8"), lang)
    if [(c.cell_type, c.source) for c in nb.cells] != [(c.cell_type, c.source) for c in expected]:
        raise SystemExit(f"notebooks/{lang}/{source.stem}.ipynb is not built from {source.name}: rebuild it "
                         f"(python tools/build_notebooks.py notebooks/src/{source.name})")
    for cell, parsed in zip(nb.cells, expected):
        tags = parsed.metadata.get("tags", [])
        if tags:
            cell.metadata["tags"] = list(tags)
        else:
            cell.metadata.pop("tags", None)
    return nb


def tags(cell) -> list:
    return cell.metadata.get("tags", [])


def exercises(cells) -> list[tuple[int, int, str, str]]:
    """(stub index, checker index, checker name, function name) of each exercise: a code cell defining the
    function (with a TODO: the learner's stub) and, next, the code cell `gt.checks.check_...(function)`. A checker
    called on a function of the text (chapter 01's textbook_sample) is not an exercise."""
    found = []
    for i, cell in enumerate(cells):
        match = CHECKER_CALL.match(cell.source.strip()) if cell.cell_type == "code" else None
        if not match or SOLUTION_TAG in tags(cell):
            continue
        checker, name = match.groups()
        stub = max((j for j in range(i) if cells[j].cell_type == "code"), default=None)
        if stub is None or f"def {name}(" not in cells[stub].source or SOLUTION_TAG in tags(cells[stub]):
            raise ValueError(f"the checker cell {cell.source!r} does not follow a cell defining {name}")
        if "# TODO" not in cells[stub].source:
            continue
        found.append((stub, i, checker, name))
    return found


def student(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The student edition of an executed chapter (a copy)."""
    nb = nbformat.reads(nbformat.writes(nb), as_version=4)
    clear = {i for stub, check, _, _ in exercises(nb.cells) for i in (stub, check)}
    for i in clear:
        nb.cells[i].outputs = []
        nb.cells[i].execution_count = None
    nb.cells = [c for c in nb.cells if SOLUTION_TAG not in tags(c) and NOTE_TAG not in tags(c)]
    return nb


def _function(source: str, name: str) -> ast.FunctionDef:
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            return node
    raise ValueError(f"no function {name!r} in {source[:80]!r}")


def _body_lines(source: str, name: str) -> list[str]:
    """The lines of the function's body after its docstring (comments included)."""
    node = _function(source, name)
    first = node.body[0]
    start = first.end_lineno if isinstance(first, ast.Expr) and isinstance(getattr(first, "value", None),
                                                                          ast.Constant) else first.lineno - 1
    return source.splitlines()[start:node.end_lineno]


def answer_cell(stub: str, solution: str, name: str) -> str:
    """The nbgrader answer cell: the stub's head, the worked solution's body as the solution region, the stub's body.

    The solution returns before the stub's body is reached; generate_assignment removes the region (leaving one
    empty line), so the released cell is the stub.
    """
    node = _function(stub, name)
    lines = stub.splitlines()
    body = _body_lines(stub, name)
    head = lines[:node.end_lineno - len(body)]
    indent = re.match(r"\s*", body[0]).group(0) if body else "    "
    return "\n".join(head + [indent + "### BEGIN SOLUTION", *_body_lines(solution, name), indent + "### END SOLUTION",
                             *body, *lines[node.end_lineno:]])


def accepts_seed(checker: str) -> bool:
    import gmm_teach as gt
    return "seed" in inspect.signature(getattr(gt.checks, checker)).parameters


def test_cell(checker: str, name: str, seed: int) -> str:
    visible = [f"result = gt.checks.{checker}({name})", "print(result)",
               f'assert result.passed, "{name}: not correct yet (see the message above)"']
    if not accepts_seed(checker):  # the checkers take seed= from issue 12 on
        return "\n".join(visible)
    return "\n".join(visible + ["### BEGIN HIDDEN TESTS",
                                f'assert gt.checks.{checker}({name}, seed={seed}).passed, '
                                f'"{name}: not correct on fresh cases"',
                                "### END HIDDEN TESTS"])


def chapter_seed(source: Path, k: int) -> int:
    """The hidden cases' seed of exercise k (from 0) of a chapter: 2026NN0k."""
    return 20260000 + 100 * int(source.stem[:2]) + k


def nbgrader_source(source: Path, nb: nbformat.NotebookNode) -> nbformat.NotebookNode | None:
    """The nbgrader source notebook of a chapter (None if it has no exercise)."""
    full = nbformat.reads(nbformat.writes(nb), as_version=4)
    found = exercises(full.cells)
    if not found:
        return None
    solutions = [c.source for c in full.cells if SOLUTION_TAG in tags(c)]
    for k, (stub, check, checker, name) in enumerate(found):
        solution = next((s for s in solutions if re.search(rf"^def {name}\(", s, re.M)), None)
        if solution is None:
            raise ValueError(f"{source.name}: no worked solution defines {name}")
        cell = full.cells[stub]
        cell.source = answer_cell(cell.source, solution, name)
        cell.metadata["nbgrader"] = {"grade": False, "solution": True, "locked": False,
                                     "grade_id": f"answer_{name}", "schema_version": 3}
        test = full.cells[check]
        test.source = test_cell(checker, name, chapter_seed(source, k))
        test.metadata["nbgrader"] = {"grade": True, "solution": False, "locked": True, "points": POINTS,
                                     "grade_id": f"test_{name}", "schema_version": 3}
    full.cells = [c for c in full.cells if SOLUTION_TAG not in tags(c) and NOTE_TAG not in tags(c)]
    for cell in full.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    full.metadata.pop("widgets", None)
    return full


def write(nb, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)


def copy_markdown(source_dir: Path, target_dir: Path) -> int:
    files = sorted(source_dir.glob("*.md")) if source_dir.is_dir() else []
    for f in files:
        target_dir.mkdir(parents=True, exist_ok=True)
        shutil.copy2(f, target_dir / f.name)
    return len(files)


def build(out: Path = OUT, langs=LANGUAGES, chapters=None, quiet: bool = False) -> dict:
    """Write the classroom editions into out; returns {lang: {"student": [...], "instructor": [...], "nbgrader": [...]}}."""
    start = time.perf_counter()
    written = {}
    for lang in langs:
        base = out / lang
        for part in ("student", "instructor"):
            shutil.rmtree(base / part, ignore_errors=True)
        course = out / "nbgrader" / lang
        course.mkdir(parents=True, exist_ok=True)
        (course / "nbgrader_config.py").write_text(NBGRADER_CONFIG.format(lang=lang), encoding="utf-8")
        done = written[lang] = {"student": [], "instructor": [], "nbgrader": []}
        for source in sources(chapters):
            nb = edition(source, lang)
            write(nb, base / "instructor" / f"{source.stem}.ipynb")
            done["instructor"].append(base / "instructor" / f"{source.stem}.ipynb")
            write(student(nb), base / "student" / f"{source.stem}.ipynb")
            done["student"].append(base / "student" / f"{source.stem}.ipynb")
            graded = nbgrader_source(source, nb)
            if graded is not None:
                target = course / "source" / source.stem / f"{source.stem}.ipynb"
                shutil.rmtree(target.parent, ignore_errors=True)
                write(graded, target)
                done["nbgrader"].append(target)
        solutions = ROOT / "instructor" / "solutions"
        for f in sorted(solutions.glob("[0-9][0-9]_*.py")):
            (base / "instructor" / "solutions").mkdir(parents=True, exist_ok=True)
            shutil.copy2(f, base / "instructor" / "solutions" / f.name)
        guide = copy_markdown(ROOT / "docs" / "lecturers" / lang, base / "instructor" / "lecturers_guide")
        answers = copy_markdown(ROOT / "instructor" / "model_answers" / lang, base / "instructor" / "model_answers")
        if not quiet:
            print(f"{base.relative_to(ROOT) if base.is_relative_to(ROOT) else base}: {len(done['student'])} student "
                  f"and instructor notebooks, {guide} guide and {answers} model-answer files; "
                  f"nbgrader/{lang}: {len(done['nbgrader'])} assignments")
    if not quiet:
        print(f"classroom editions written in {time.perf_counter() - start:.1f} s")
    return written


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("chapters", nargs="*", help="chapter numbers (e.g. 03 05); default: every chapter")
    parser.add_argument("--lang", choices=LANGUAGES, action="append", help="a language (default: both)")
    parser.add_argument("--out", type=Path, default=OUT, help="output directory (default: build/classroom)")
    args = parser.parse_args(argv)
    build(args.out.resolve(), tuple(args.lang or LANGUAGES), set(args.chapters) or None)


if __name__ == "__main__":
    main(sys.argv[1:])
