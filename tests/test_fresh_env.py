"""A fresh machine, as Binder builds it: a new virtual environment with binder/requirements.txt only.

The working tree (without .git, .venv and caches) is copied to a temporary directory, a new
venv is made with the machine's Python, `pip install -r binder/requirements.txt` runs from the
copy's root (so `-e .` installs the copy) using pip's configured index, and binder/postBuild runs
with a temporary HOME. Then every notebook (notebooks/ja, notebooks/en, ...) is executed with that
environment's own `jupyter nbconvert --execute` and python3 kernel. This fails when a notebook imports
something the requirements do not provide, and when JupyterLab there could not show widgets
(no jupyterlab_widgets / @jupyter-widgets/jupyterlab-manager).

Marked slow (about two to four minutes on two cores); CI runs it through `make test`.
"""
from __future__ import annotations

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

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(p for p in (REPO / "notebooks").glob("*/*.ipynb") if p.parent.name != "src")  # every edition
IN_CI = os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")
COPY_IGNORE = shutil.ignore_patterns(".git", ".venv", "venv", "artifacts", ".pytest_cache", ".hypothesis",
                                     "__pycache__", "*.egg-info", "build", "dist", ".ipynb_checkpoints")
ANSI = re.compile(r"\x1b\[[0-9;]*m")
_REPORT: list[str] = []


class _Report:
    """Prints the fresh environment's timings at the end of the pytest report."""

    @staticmethod
    def pytest_terminal_summary(terminalreporter):
        if _REPORT:
            terminalreporter.section("gmm-teach fresh environment (Binder's requirements)")
            for line in _REPORT:
                terminalreporter.write_line(line)


def _run(command, *, env, cwd, timeout, what):
    done = subprocess.run([str(c) for c in command], env=env, cwd=cwd, capture_output=True, text=True,
                          timeout=timeout)
    if done.returncode != 0:
        pytest.fail(f"{what} failed ({done.returncode}): {' '.join(map(str, command))}\n"
                    f"--- stdout ---\n{done.stdout[-4000:]}\n--- stderr ---\n{done.stderr[-4000:]}", pytrace=False)
    return done


class FreshEnv:
    def __init__(self, root: Path):
        self.root = root
        self.repo = root / "repo"
        self.venv = root / "venv"
        self.home = root / "home"
        self.python = self.venv / "bin" / "python"
        self.timings: dict[str, float] = {}
        base = {k: v for k, v in os.environ.items()
                if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "MPLBACKEND", "CONDA_PREFIX")
                and not k.startswith("JUPYTER")}
        base["PATH"] = f"{self.venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"
        self.pip_env = base  # the real HOME: pip reads the machine's and the user's configuration
        self.env = dict(base, HOME=str(self.home))  # Binder's user starts with an empty home

    def run(self, *args, timeout=600, what="command", env=None, cwd=None):
        return _run(args, env=env or self.env, cwd=cwd or self.repo, timeout=timeout, what=what)


@pytest.fixture(scope="module")
def fresh(tmp_path_factory, request):
    if not request.config.pluginmanager.has_plugin("gmm-teach-fresh-env-report"):
        request.config.pluginmanager.register(_Report(), "gmm-teach-fresh-env-report")
    env = FreshEnv(tmp_path_factory.mktemp("fresh-machine"))
    t0 = time.monotonic()
    shutil.copytree(REPO, env.repo, ignore=COPY_IGNORE)
    env.home.mkdir()
    # the machine's python3 (what `make` and CI use), not this venv's python
    base_python = getattr(sys, "_base_executable", None) or shutil.which("python3") or sys.executable
    t = time.monotonic()
    _run([base_python, "-m", "venv", env.venv], env=env.pip_env, cwd=env.root, timeout=300, what="python -m venv")
    env.timings["venv"] = time.monotonic() - t
    t = time.monotonic()
    env.run(env.python, "-m", "pip", "install", "--quiet", "-r", "binder/requirements.txt",
            env=env.pip_env, timeout=1800, what="pip install -r binder/requirements.txt")
    env.timings["pip install -r binder/requirements.txt"] = time.monotonic() - t
    t = time.monotonic()
    env.run("bash", "binder/postBuild", what="binder/postBuild", timeout=300)
    env.timings["postBuild"] = time.monotonic() - t
    # matplotlib builds its font cache on first import (and says so on stderr): do it here, not in a notebook
    env.run(env.python, "-c", "import matplotlib.pyplot", what="the first matplotlib import", timeout=300)
    env.timings["environment ready"] = time.monotonic() - t0
    _REPORT.append("environment: " + ", ".join(f"{k} {v:.0f} s" for k, v in env.timings.items()))
    return env


def test_fresh_env_has_what_jupyterlab_needs_for_widgets(fresh):
    done = fresh.run(fresh.python, "-c", "import ipywidgets, jupyterlab_widgets, jupyterlab, ipykernel, nbclient, "
                     "nbconvert; print(ipywidgets.__version__, jupyterlab_widgets.__version__, jupyterlab.__version__)",
                     what="importing the widget and Jupyter packages")
    ipywidgets_v, widgets_v, lab_v = done.stdout.split()
    _REPORT.append(f"ipywidgets {ipywidgets_v}, jupyterlab_widgets {widgets_v}, jupyterlab {lab_v}")
    done = fresh.run(fresh.python, "-m", "jupyter", "labextension", "list", what="jupyter labextension list")
    listing = ANSI.sub("", done.stdout + done.stderr)
    manager = [line for line in listing.splitlines() if "@jupyter-widgets/jupyterlab-manager" in line]
    assert manager, f"JupyterLab has no widget manager: widgets would not render.\n{listing}"
    assert "enabled" in manager[0] and "OK" in manager[0], f"widget manager not enabled/OK: {manager[0]!r}"


def test_fresh_env_installs_the_copy_and_every_module_imports(fresh):
    code = ("import importlib, pkgutil, gmm_teach; print(gmm_teach.__file__); "
            "[importlib.import_module('gmm_teach.' + m.name) for m in pkgutil.iter_modules(gmm_teach.__path__) "
            "if not m.name.startswith('_')]")
    done = fresh.run(fresh.python, "-c", code, what="importing gmm_teach and all its submodules")
    assert Path(done.stdout.split()[0]).resolve().is_relative_to(fresh.repo.resolve()), \
        f"gmm_teach comes from {done.stdout.strip()}, not from the installed copy"


def test_fresh_env_holds_no_worked_solutions(fresh, tmp_path):
    """The worked solutions (instructor/solutions/) stay out of the package: not importable, not in the wheel."""
    done = fresh.run(fresh.python, "-c", "import importlib.util as u; print(u.find_spec('gmm_teach.solutions'))",
                     what="looking for gmm_teach.solutions")
    assert done.stdout.strip() == "None", "gmm_teach.solutions is importable in a fresh install"
    t0 = time.monotonic()
    fresh.run(fresh.python, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", tmp_path, ".",
              env=fresh.pip_env, timeout=900, what="pip wheel .")
    _REPORT.append(f"pip wheel: {time.monotonic() - t0:.0f} s")
    (wheel,) = tmp_path.glob("gmm_teach-*.whl")
    import zipfile
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        texts = {n: archive.read(n).decode("utf-8", "replace") for n in names if n.endswith(".py")}
    assert all(n.startswith(("gmm_teach/", "gmm_teach-")) for n in names), [n for n in names if "instructor" in n]
    assert "gmm_teach/solutions.py" not in names
    assert "gmm_teach/datasets/old_faithful.csv" in names, "the wheel lacks the Old Faithful table (package data)"
    import ast
    for path in sorted((REPO / "instructor" / "solutions").glob("[0-9][0-9]_*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef):
                body = ast.get_source_segment(path.read_text(encoding="utf-8"), node)
                holders = [n for n, text in texts.items() if body in text]
                assert not holders, f"{path.name}: {node.name} is in the wheel: {holders}"


def test_fresh_env_kernel_is_its_own_python(fresh):
    done = fresh.run(fresh.python, "-m", "jupyter", "kernelspec", "list", "--json", what="jupyter kernelspec list")
    spec = json.loads(done.stdout)["kernelspecs"]["python3"]
    assert Path(spec["resource_dir"]).resolve().is_relative_to(fresh.venv.resolve()), \
        f"the python3 kernel comes from {spec['resource_dir']}, not from the fresh environment"


def test_postbuild_configures_the_fresh_env(fresh):
    overrides = fresh.venv / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    assert overrides.is_file(), "postBuild did not write JupyterLab's settings overrides"
    notification = json.loads(overrides.read_text())["@jupyterlab/apputils-extension:notification"]
    assert notification["fetchNews"] == "false"
    config = (fresh.home / ".jupyter" / "jupyter_server_config.py").read_text()
    url = re.search(r"default_url\s*=\s*[\"']/lab/tree/([^\"']+)", config).group(1)
    assert (fresh.repo / url).is_file(), f"Binder would open {url}, which does not exist"


@pytest.mark.parametrize("notebook", NOTEBOOKS or [None],
                         ids=[f"{p.parent.name}-{p.stem}" for p in NOTEBOOKS] or ["no-notebooks"])
def test_notebook_executes_in_fresh_env(fresh, notebook, tmp_path):
    if notebook is None:
        if IN_CI:
            pytest.fail("no notebooks in notebooks/<language>/")
        pytest.skip("no notebooks in notebooks/<language>/ (build them with `make notebooks`)")
    source = fresh.repo / notebook.relative_to(REPO)
    t0 = time.monotonic()
    fresh.run(fresh.python, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
              "--ExecutePreprocessor.timeout=600", "--ExecutePreprocessor.kernel_name=python3",
              "--output-dir", tmp_path, source, cwd=source.parent, timeout=900,
              what=f"executing {notebook.name} in the fresh environment")
    elapsed = time.monotonic() - t0
    _REPORT.append(f"{notebook.parent.name}/{notebook.stem}: executed in {elapsed:.1f} s")
    executed = nbformat.read(tmp_path / notebook.name, as_version=4)
    problems = []
    for i, cell in enumerate(executed.cells):
        for out in cell.get("outputs", []):
            if out.output_type == "error":
                problems.append(f"cell {i}: {out.ename}: {out.evalue}")
            elif out.output_type == "stream" and out.name == "stderr":
                problems.append(f"cell {i} stderr: {out.text[:500]}")
    assert not problems, f"{notebook.name} in the fresh environment:\n" + "\n".join(problems)
