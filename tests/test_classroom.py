"""The classroom editions (tools/build_classroom.py, `make classroom`): student, instructor and nbgrader.

Fast: the build of every chapter in both languages; the student edition holds no line of any worked solution
(instructor/solutions/) and no solution note, and its exercise and checker cells have no stored outputs; the
nbgrader sources are well formed. Slow (CI): a sample of student notebooks executed (the checkers say "not yet",
no errors); `nbgrader generate_assignment` for every chapter in both languages; for a sample of chapters, three
made-up submissions (tests/classroom_answers/: right answers written differently from the worked solutions, typical
mistakes the checkers know, and the untouched release) autograded and exported, with the points checked per cell
and per student. The nbgrader commands are the README's ("For lecturers"). Timings are printed at the end.
"""
from __future__ import annotations

import csv
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("build_classroom", ROOT / "tools" / "build_classroom.py")
build_classroom = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build_classroom)
build_notebooks = build_classroom.build_notebooks

SOURCES = build_classroom.sources()
LANGS = build_classroom.LANGUAGES
NBGRADER = Path(sys.executable).with_name("nbgrader")
# The lecturer's commands, as the README gives them (test_readme_gives_the_commands_the_tests_run checks it).
GENERATE = "nbgrader generate_assignment {assignment} --force"
AUTOGRADE = "nbgrader autograde {assignment} --create --force"
EXPORT = "nbgrader export"
# The autograded sample (keep CI short: each entry is one more autograde run of about 20 s, so one language per
# chapter, both languages across the sample) and the executed student notebooks.
AUTOGRADED = [("ja", "03_e_step"), ("ja", "05_em_algorithm"), ("en", "04_m_step"), ("en", "09_choosing_k"),
              ("en", "11_variational_gmm"), ("ja", "12_bernoulli_mixtures")]
EXECUTED = [("ja", "03_e_step"), ("en", "09_choosing_k")]
_REPORT: list[str] = []


class _Report:
    @staticmethod
    def pytest_terminal_summary(terminalreporter):
        if _REPORT:
            terminalreporter.section("gmm-teach classroom editions: timings")
            for line in _REPORT:
                terminalreporter.write_line(line)


def _timed(what, t0):
    _REPORT.append(f"{what}: {time.monotonic() - t0:.1f} s")


@pytest.fixture(scope="module")
def classroom(tmp_path_factory, request):
    if not request.config.pluginmanager.has_plugin("gmm-teach-classroom-report"):
        request.config.pluginmanager.register(_Report(), "gmm-teach-classroom-report")
    out = tmp_path_factory.mktemp("classroom")
    t0 = time.monotonic()
    build_classroom.build(out, quiet=True)
    _timed("build every chapter, both languages (build_classroom.build)", t0)
    return out


def _notebook(path):
    return nbformat.read(path, as_version=4)


def _text(nb) -> str:
    """Everything a learner can read in a notebook: sources and outputs."""
    return json.dumps([{"source": c.source, "outputs": c.get("outputs", [])} for c in nb.cells], ensure_ascii=False)


def _lines(nb) -> set[str]:
    """The lines (stripped) of a notebook's sources and text outputs."""
    found = set()
    for cell in nb.cells:
        texts = [cell.source]
        for out in cell.get("outputs", []):
            texts += [out.get("text", "")] + [v for v in out.get("data", {}).values() if isinstance(v, str)]
        for text in texts:
            found.update(line.strip() for line in text.splitlines())
    return found


# --- the build -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_every_chapter_is_built_in_both_editions(classroom, lang):
    for source in SOURCES:
        for part in ("student", "instructor"):
            assert (classroom / lang / part / f"{source.stem}.ipynb").is_file(), (part, source.stem)
    graded = sorted(p.name for p in (classroom / "nbgrader" / lang / "source").iterdir())
    assert graded == [s.stem for s in SOURCES if s.stem != "00_introduction"]
    assert [name[:2] for name in graded] == [f"{k:02d}" for k in range(1, 13)], "one assignment per chapter 01-12"
    for name in graded:
        assert (classroom / "nbgrader" / lang / "source" / name / f"{name}.ipynb").is_file()


@pytest.mark.parametrize("lang", LANGS)
def test_the_instructor_edition_is_the_full_chapter_with_the_guide(classroom, lang):
    for source in SOURCES:
        built = _notebook(classroom / lang / "instructor" / f"{source.stem}.ipynb")
        committed = _notebook(ROOT / "notebooks" / lang / f"{source.stem}.ipynb")
        assert [(c.cell_type, c.source) for c in built.cells] == [(c.cell_type, c.source) for c in committed.cells]
    for where, folder in ((ROOT / "docs" / "lecturers" / lang, "lecturers_guide"),
                          (ROOT / "instructor" / "model_answers" / lang, "model_answers")):
        expected = sorted(p.name for p in where.glob("*.md")) if where.is_dir() else []
        target = classroom / lang / "instructor" / folder
        assert sorted(p.name for p in target.glob("*.md")) == expected
    assert sorted(p.name for p in (classroom / lang / "instructor" / "solutions").glob("*.py")) == \
        sorted(p.name for p in (ROOT / "instructor" / "solutions").glob("[0-9][0-9]_*.py"))


def _solution_lines(lang) -> set[str]:
    """Every non-trivial line of the worked solutions that the chapters' other cells do not hold themselves
    (a stub's signature and docstring, a checker call, a line of the text's own code are not giveaways)."""
    shown = set()
    for source in SOURCES:
        for cell in build_notebooks.parse(source.read_text(encoding="utf-8"), lang):
            if not {"solution", "solution-note"} & set(cell.metadata.get("tags", [])):
                shown.update(line.strip() for line in cell.source.splitlines())
    lines = set()
    for path in (ROOT / "instructor" / "solutions").glob("[0-9][0-9]_*.py"):
        for name, block in build_notebooks.solution_blocks(path).items():
            lines.update(line.strip() for line in block.splitlines())
    return {line for line in lines - shown if len(line) >= 8 and re.search(r"[A-Za-z]{2}", line)}


@pytest.mark.parametrize("lang", LANGS)
def test_the_student_edition_has_no_worked_solution_and_no_note(classroom, lang):
    lines = _solution_lines(lang)
    assert len(lines) > 60  # the test has something to look for
    for source in SOURCES:
        nb = _notebook(classroom / lang / "student" / f"{source.stem}.ipynb")
        text = _text(nb)
        leaked = sorted(lines & _lines(nb))
        assert not leaked, f"{lang}/{source.stem}: lines of worked solutions in the student edition: {leaked[:5]}"
        assert not any({"solution", "solution-note"} & set(c.metadata.get("tags", [])) for c in nb.cells)
        prose = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
        assert not re.search(r"解答例|解答では|[Ww]orked solution|solution to [Ee]xercise", prose), source.stem
        assert "instructor/solutions" not in text


@pytest.mark.parametrize("lang", LANGS)
def test_the_student_edition_keeps_everything_else(classroom, lang):
    for source in SOURCES:
        full = _notebook(ROOT / "notebooks" / lang / f"{source.stem}.ipynb")
        tagged = build_notebooks.parse(source.read_text(encoding="utf-8"), lang)
        kept = [c for c, t in zip(full.cells, tagged) if not {"solution", "solution-note"} & set(t.metadata.get("tags", []))]
        nb = _notebook(classroom / lang / "student" / f"{source.stem}.ipynb")
        assert [c.source for c in nb.cells] == [c.source for c in kept]
        exercise_cells = {i for stub, check, _, _ in build_classroom.exercises(nb.cells) for i in (stub, check)}
        for i, (cell, original) in enumerate(zip(nb.cells, kept)):
            if cell.cell_type == "code" and i not in exercise_cells:
                assert cell.outputs == original.outputs, (source.stem, i)


@pytest.mark.parametrize("lang", LANGS)
def test_exercise_and_checker_cells_have_no_stored_outputs(classroom, lang):
    counted = 0
    for source in SOURCES:
        nb = _notebook(classroom / lang / "student" / f"{source.stem}.ipynb")
        found = build_classroom.exercises(nb.cells)
        assert len(found) >= (2 if source.stem[:2] not in ("00",) else 0), source.stem
        for stub, check, checker, name in found:
            assert nb.cells[stub].outputs == [] and nb.cells[check].outputs == []
            assert nb.cells[check].source == f"gt.checks.{checker}({name})"
            counted += 1
    assert counted >= 20


@pytest.mark.parametrize("lang", LANGS)
def test_nbgrader_sources_mark_answers_and_locked_tests(classroom, lang):
    config = (classroom / "nbgrader" / lang / "nbgrader_config.py").read_text(encoding="utf-8")
    assert str(ROOT) not in config and not re.search(r"""["'](/|[A-Za-z]:\\)""", config), "an absolute path"
    for path in sorted((classroom / "nbgrader" / lang / "source").glob("*/*.ipynb")):
        nb = _notebook(path)
        cells = [c for c in nb.cells if "nbgrader" in c.metadata]
        answers = [c for c in cells if c.metadata.nbgrader["solution"]]
        tests = [c for c in cells if c.metadata.nbgrader["grade"]]
        assert len(answers) == len(tests) >= 2, path.stem
        assert all(not c.metadata.nbgrader["locked"] and "### BEGIN SOLUTION" in c.source for c in answers)
        assert all(c.metadata.nbgrader["locked"] and c.metadata.nbgrader["points"] == 10 for c in tests)
        assert all("assert result.passed" in c.source for c in tests)
        ids = [c.metadata.nbgrader["grade_id"] for c in cells]
        assert len(set(ids)) == len(ids)
        assert not any({"solution", "solution-note"} & set(c.metadata.get("tags", [])) for c in nb.cells)
        assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")


# --- slow: running the editions --------------------------------------------------------------------------------

def _execute(path: Path, cwd: Path):
    from nbclient import NotebookClient
    nb = _notebook(path)
    env_backend = os.environ.pop("MPLBACKEND", None)  # the kernel must use the inline backend, as in the notebooks
    try:
        NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}).execute()
    finally:
        if env_backend is not None:
            os.environ["MPLBACKEND"] = env_backend
    return nb


@pytest.mark.slow
@pytest.mark.parametrize("lang, chapter", EXECUTED, ids=[f"{lang}-{c}" for lang, c in EXECUTED])
def test_a_student_notebook_runs_and_every_checker_says_not_yet(classroom, lang, chapter, tmp_path):
    t0 = time.monotonic()
    nb = _execute(classroom / lang / "student" / f"{chapter}.ipynb", tmp_path)
    _timed(f"execute the student edition {lang}/{chapter}", t0)
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"
              or (o.output_type == "stream" and o.name == "stderr")]
    assert not errors, errors[:2]
    found = build_classroom.exercises(nb.cells)
    assert found
    for _, check, _, name in found:
        text = "".join(o.get("data", {}).get("text/plain", "") for o in nb.cells[check].outputs)
        assert text.startswith("✗") and "None" in text, (name, text[:200])


def _nbgrader(command: str, cwd: Path, timeout=1200):
    args = command.split()
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    env["PATH"] = f"{NBGRADER.parent}{os.pathsep}{env.get('PATH', '')}"  # as after `. .venv/bin/activate` (nbgrader runs alembic)
    done = subprocess.run([str(NBGRADER), *args[1:]], cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)
    assert done.returncode == 0, f"{command} failed ({done.returncode}):\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


def _course(classroom, lang, where: Path) -> Path:
    """The course directory copied elsewhere: it must work wherever it is."""
    course = where / f"course-{lang}"
    shutil.copytree(classroom / "nbgrader" / lang, course)
    return course


def _without_blank(text):
    return [line for line in text.splitlines() if line.strip()]


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_generate_assignment_releases_every_chapter(classroom, lang, tmp_path):
    course = _course(classroom, lang, tmp_path)
    t0 = time.monotonic()
    _nbgrader(GENERATE.format(assignment='*'), course)
    _timed(f"nbgrader generate_assignment, every chapter ({lang})", t0)
    lines = _solution_lines(lang)
    for source in SOURCES[1:]:
        release = _notebook(course / "release" / source.stem / f"{source.stem}.ipynb")
        student = _notebook(classroom / lang / "student" / f"{source.stem}.ipynb")
        text = _text(release)
        assert "BEGIN SOLUTION" not in text and "HIDDEN TESTS" not in text, source.stem
        tests = [c.source for c in release.cells if c.metadata.get("nbgrader", {}).get("grade")]
        assert tests and not any("seed=" in t for t in tests), source.stem  # the fresh cases stay hidden
        assert not lines & _lines(release), source.stem
        answers = {c.metadata.nbgrader["grade_id"]: c.source for c in release.cells
                   if c.metadata.get("nbgrader", {}).get("solution")}
        for stub, _, _, name in build_classroom.exercises(student.cells):  # the learner gets the stub
            assert _without_blank(answers[f"answer_{name}"]) == _without_blank(student.cells[stub].source)


def _answers(chapter) -> dict[tuple[str, str], str]:
    text = (Path(__file__).parent / "classroom_answers" / f"{chapter}.py").read_text(encoding="utf-8")
    found = list(re.finditer(r"^# %% (correct|mistake): (\w+).*$", text, re.M))
    return {(m.group(1), m.group(2)): text[m.end():found[i + 1].start() if i + 1 < len(found) else len(text)].strip()
            for i, m in enumerate(found)}


@pytest.mark.slow
@pytest.mark.parametrize("lang, chapter", AUTOGRADED, ids=[f"{lang}-{c}" for lang, c in AUTOGRADED])
def test_autograde_and_export_give_the_points(classroom, lang, chapter, tmp_path):
    from nbgrader.api import Gradebook
    course = _course(classroom, lang, tmp_path)
    t0 = time.monotonic()
    _nbgrader(GENERATE.format(assignment=chapter), course)
    _timed(f"nbgrader generate_assignment {lang}/{chapter}", t0)
    release = _notebook(course / "release" / chapter / f"{chapter}.ipynb")
    answers = _answers(chapter)
    names = [c.metadata.nbgrader["grade_id"][len("answer_"):] for c in release.cells
             if c.metadata.get("nbgrader", {}).get("solution")]
    assert names and all(("correct", n) in answers and ("mistake", n) in answers for n in names)
    students = {"right": "correct", "mistaken": "mistake", "untouched": None}
    for student, kind in students.items():
        nb = nbformat.reads(nbformat.writes(release), as_version=4)
        for cell in nb.cells:
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
            if kind and grade_id.startswith("answer_"):
                cell.source = answers[(kind, grade_id[len("answer_"):])]
        target = course / "submitted" / student / chapter / f"{chapter}.ipynb"
        target.parent.mkdir(parents=True)
        nbformat.write(nb, target)
    t0 = time.monotonic()
    _nbgrader(AUTOGRADE.format(assignment=chapter), course)
    _timed(f"nbgrader autograde {lang}/{chapter}, 3 submissions", t0)
    t0 = time.monotonic()
    _nbgrader(EXPORT, course)
    _timed(f"nbgrader export {lang}/{chapter}", t0)
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        for student, kind in students.items():
            for name in names:
                grade = gradebook.find_grade(f"test_{name}", chapter, chapter, student)
                expected = 10.0 if kind == "correct" else 0.0
                assert grade.score == expected, (student, name, grade.score)
    with open(course / "grades.csv", newline="", encoding="utf-8") as f:
        rows = {row["student_id"]: row for row in csv.DictReader(f)}
    assert set(rows) == set(students)
    total = 10.0 * len(names)
    assert {s: (float(r["score"]), float(r["max_score"])) for s, r in rows.items()} == \
           {"right": (total, total), "mistaken": (0.0, total), "untouched": (0.0, total)}
    # the learners' feedback: the checker's verdict, with its hint for a known mistake
    graded = _notebook(course / "autograded" / "mistaken" / chapter / f"{chapter}.ipynb")
    for cell in graded.cells:
        if cell.metadata.get("nbgrader", {}).get("grade"):
            text = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
            assert text.startswith(("✗", "△")) and ("Hint" in text or "ヒント" in text), text[:300]  # △: almost


def test_readme_gives_the_commands_the_tests_run():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## For lecturers", 1)[1].split("\n## ", 1)[0]
    for command in ("make classroom", "cd build/classroom/nbgrader/en", GENERATE.format(assignment="05_em_algorithm"),
                    "submitted/<student>/05_em_algorithm/05_em_algorithm.ipynb",
                    AUTOGRADE.format(assignment="05_em_algorithm"), EXPORT):
        assert command in section, command
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^classroom:.*\n\t\$\(PY\) tools/build_classroom\.py\s*$", makefile, re.M)
