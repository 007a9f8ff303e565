"""The Binder configuration (binder/): what repo2docker would build, checked without Docker.

`repo2docker --no-build --debug` renders the Dockerfile Binder would build from binder/ and
prints it; no Docker engine and no network are needed. The tests read it like a reviewer would:
the Python version, the pip install of binder/requirements.txt after the whole repository is
copied (so `-e .` resolves), and postBuild run last.
"""
from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    tomllib = None

REPO = Path(__file__).resolve().parents[1]
BINDER = REPO / "binder"
IN_CI = os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def _requirement_lines(path: Path) -> list[str]:
    lines = []
    for raw in path.read_text().splitlines():
        line = raw.split(" #", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if line:
            lines.append(line)
    return lines


def _normalised(line: str) -> str:
    req = Requirement(line)
    return f"{req.name.lower().replace('_', '-')}{req.specifier}{'; ' + str(req.marker) if req.marker else ''}"


def _runtime() -> tuple[int, int]:
    text = (BINDER / "runtime.txt").read_text().strip()
    match = re.fullmatch(r"python-(\d+)\.(\d+)", text)
    assert match, f"binder/runtime.txt must read like 'python-3.11' (repo2docker rejects 'python3.11'); got {text!r}"
    return int(match.group(1)), int(match.group(2))


# --- binder/ files ---------------------------------------------------------------------------------

def test_binder_requirements_are_the_root_constraints_plus_the_package():
    root = _requirement_lines(REPO / "requirements.txt")
    binder = _requirement_lines(BINDER / "requirements.txt")
    editable = [line for line in binder if line.startswith("-e")]
    assert editable == ["-e ."], f"binder/requirements.txt must install this repository once with '-e .'; got {editable}"
    others = [line for line in binder if not line.startswith("-e")]
    assert not [line for line in others if line.startswith("-")], "no other pip options in binder/requirements.txt"
    assert sorted(map(_normalised, others)) == sorted(map(_normalised, root)), (
        "binder/requirements.txt must carry exactly the constraints of requirements.txt:\n"
        f"  requirements.txt:        {sorted(map(_normalised, root))}\n"
        f"  binder/requirements.txt: {sorted(map(_normalised, others))}")


def test_binder_python_is_allowed_by_the_package():
    major, minor = _runtime()
    if tomllib is None:
        pytest.skip("tomllib needs Python 3.11")
    requires = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["requires-python"]
    assert f"{major}.{minor}" in SpecifierSet(requires), f"Binder's Python {major}.{minor} vs requires-python {requires}"


def test_binder_python_is_the_one_ci_tests():
    """CI runs the suite on the machine's python3 (3.11); Binder must run that same version."""
    major, minor = _runtime()
    here = sys.version_info[:2]
    if (major, minor) != here:
        message = (f"binder/runtime.txt asks for Python {major}.{minor} but this suite runs on "
                   f"{here[0]}.{here[1]}")
        if IN_CI:
            pytest.fail(message + ": CI must test the Python version Binder runs")
        pytest.skip(message + " (checked in CI, which runs the machine's python3)")


def test_postbuild_is_a_strict_bash_script():
    lines = (BINDER / "postBuild").read_text().splitlines()
    assert lines[0] == "#!/bin/bash", "repo2docker runs postBuild directly: it needs a #!/bin/bash line"
    assert "set -e" in [line.strip() for line in lines], "postBuild must stop at the first failing command (set -e)"


def test_postbuild_default_url_opens_an_existing_notebook():
    text = (BINDER / "postBuild").read_text()
    urls = re.findall(r"default_url\s*=\s*[\"']/lab/tree/([^\"']+)[\"']", text)
    assert urls, "postBuild should set c.ServerApp.default_url = '/lab/tree/<notebook>'"
    for url in urls:
        assert (REPO / url).is_file(), f"Binder would open {url}, which does not exist"


# --- repo2docker's rendering ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def repo2docker_output():
    if importlib.util.find_spec("repo2docker") is None:  # (not imported here: it warns on import)
        if IN_CI:
            pytest.fail("jupyter-repo2docker is not installed (it is in requirements-test.txt)")
        pytest.skip("jupyter-repo2docker is not installed (pip install -r requirements-test.txt)")
    command = [sys.executable, "-m", "repo2docker", "--no-build", "--debug", "--user-id", "1000",
               "--user-name", "jovyan", str(REPO)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=REPO)
    assert done.returncode == 0, f"{' '.join(command)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout, done.stderr


def _index(lines: list[str], pattern: str) -> int:
    found = [i for i, line in enumerate(lines) if re.search(pattern, line)]
    assert len(found) == 1, f"expected one Dockerfile line matching {pattern!r}, found {len(found)}"
    return found[0]


def test_repo2docker_builds_the_runtime_python(repo2docker_output):
    stdout, stderr = repo2docker_output
    major, minor = _runtime()
    assert f"Building conda environment for python={major}.{minor}" in stdout + stderr, (
        f"repo2docker does not pick Python {major}.{minor} from binder/runtime.txt:\n{stderr[-2000:]}")
    assert re.search(rf"environment(?:\.|-2e)py(?:-|-2d){major}(?:\.|-2e){minor}", stdout), \
        "the Dockerfile does not install the base environment of that Python"


def test_repo2docker_installs_binder_requirements_after_copying_the_repo(repo2docker_output):
    lines = repo2docker_output[0].splitlines()
    copy_repo = _index(lines, r"^COPY --chown=\S+ src/ \$\{REPO_DIR\}/\s*$")
    pip = _index(lines, r"pip install .*-r \"?binder/requirements\.txt\"?")
    assert lines[pip].lstrip().startswith("RUN ${KERNEL_PYTHON_PREFIX}/bin/pip"), \
        f"the requirements must go into the kernel's environment: {lines[pip]!r}"
    assert copy_repo < pip, "pip runs before the repository is copied: '-e .' would not resolve"
    assert not [line for line in lines if re.search(r"-r \"?requirements\.txt", line)], \
        "repo2docker also installs the root requirements.txt (it should use binder/ only)"


def test_repo2docker_runs_postbuild_last(repo2docker_output):
    lines = repo2docker_output[0].splitlines()
    pip = _index(lines, r"pip install .*-r \"?binder/requirements\.txt\"?")
    post = _index(lines, r"^RUN \./binder/postBuild\s*$")
    assert pip < post, "postBuild must run after the requirements are installed"
    user = [line for line in lines[:post] if line.startswith("USER ")][-1]
    assert user.strip() == "USER ${NB_USER}", f"postBuild should run as the notebook user, not {user!r}"
