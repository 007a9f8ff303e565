"""The widgets with ipywidgets 7.8, as on Google Colab (which ships ipywidgets 7.7 and imports it at start).

A fresh virtual environment in a temporary directory gets what the widget tests import (numpy,
matplotlib, pytest, threadpoolctl, scipy, ipykernel) and ipywidgets 7.8's own dependencies, then
`ipywidgets==7.8.*`, its widgetsnbextension and this repository with --no-deps (widgetsnbextension 3
would pull Notebook and JupyterLab, which the Python side never imports: 25 s instead of 65 s). There
the widget test files (tests/test_widgets*.py, this one excepted) run in a pytest subprocess and must
all pass. That installing the package keeps an ipywidgets 7 (Colab) is checked from its declared
dependency, without a network: pyproject.toml must accept 7.7.

The run is marked slow (about two minutes on two cores: the environment ~25 s from pip's cache, the tests ~90 s);
CI runs it through `make test`. The pip cache is shared with the other fresh environments.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
WIDGET_TESTS = sorted(p.name for p in (REPO / "tests").glob("test_widgets*.py") if p.name != Path(__file__).name)
PACKAGES = ["numpy", "matplotlib", "pytest", "threadpoolctl", "scipy", "ipykernel",
            "comm>=0.1.3", "ipython-genutils~=0.2.0", "jupyterlab_widgets>=1,<3"]  # the last three: ipywidgets 7.8's
IPYWIDGETS_7 = ["ipywidgets==7.8.*", "widgetsnbextension~=3.6.10"]


def _run(command, *, env, cwd, timeout, what):
    done = subprocess.run([str(c) for c in command], env=env, cwd=cwd, capture_output=True, text=True,
                          timeout=timeout)
    if done.returncode != 0:
        pytest.fail(f"{what} failed ({done.returncode}): {' '.join(map(str, command))}\n"
                    f"--- stdout ---\n{done.stdout[-6000:]}\n--- stderr ---\n{done.stderr[-4000:]}", pytrace=False)
    return done


def _dependency(name: str, lines) -> "Requirement":
    from packaging.requirements import Requirement

    found = [Requirement(line) for line in lines if Requirement(line).name.lower().replace("_", "-") == name]
    assert len(found) == 1, (name, lines)
    return found[0]


def test_the_package_accepts_ipywidgets_7_7_and_the_lab_environment_gets_8():
    """pip keeps Colab's ipywidgets 7.7 when it installs gmm-teach; requirements.txt (JupyterLab 4) gets 8."""
    import tomllib

    declared = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    spec = _dependency("ipywidgets", declared).specifier
    assert spec.contains("7.7.1") and spec.contains("8.1.5") and not spec.contains("7.6.5"), spec
    for path in (REPO / "requirements.txt", REPO / "binder" / "requirements.txt"):
        lines = [line.split("#")[0].strip() for line in path.read_text(encoding="utf-8").splitlines()]
        lines = [line for line in lines if line and not line.startswith("-")]
        assert _dependency("ipywidgets", lines).specifier.contains("7.7.1"), path
        # JupyterLab 4 renders widgets with jupyterlab_widgets 3 only (ipywidgets 7.x requires < 3: pip picks 8)
        widgets_lab = _dependency("jupyterlab-widgets", lines).specifier
        assert not widgets_lab.contains("1.1.11") and widgets_lab.contains("3.0.17"), path


@pytest.fixture(scope="module")
def venv7(tmp_path_factory):
    root = tmp_path_factory.mktemp("ipywidgets7")
    venv = root / "venv"
    env = {k: v for k, v in os.environ.items()
           if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "MPLBACKEND", "CONDA_PREFIX")
           and not k.startswith("JUPYTER")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    base_python = getattr(sys, "_base_executable", None) or shutil.which("python3") or sys.executable
    t0 = time.monotonic()
    _run([base_python, "-m", "venv", venv], env=env, cwd=root, timeout=300, what="python -m venv")
    python = venv / "bin" / "python"
    _run([python, "-m", "pip", "install", "--quiet", *PACKAGES], env=env, cwd=root, timeout=900,
         what="pip install (the tests' packages)")
    _run([python, "-m", "pip", "install", "--quiet", "--no-deps", *IPYWIDGETS_7, "-e", REPO], env=env, cwd=root,
         timeout=900, what="pip install --no-deps ipywidgets 7.8 and the package")
    print(f"\nipywidgets 7.8 environment ready in {time.monotonic() - t0:.0f} s")
    return python, env


@pytest.mark.slow
def test_widget_tests_pass_with_ipywidgets_7(venv7, capsys):
    python, env = venv7
    version = _run([python, "-c", "import ipywidgets; print(ipywidgets.__version__)"], env=env, cwd=REPO,
                   timeout=120, what="importing ipywidgets").stdout.strip()
    assert version.startswith("7.8"), version
    t0 = time.monotonic()
    done = _run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-W", "error::DeprecationWarning:traitlets.traitlets",
                 *[f"tests/{name}" for name in WIDGET_TESTS]],
                env=env, cwd=REPO, timeout=900, what=f"the widget tests with ipywidgets {version}")
    summary = [line for line in done.stdout.splitlines() if re.search(r"\d+ (passed|failed)", line)]
    with capsys.disabled():
        print(f"\nipywidgets {version}: {summary[-1] if summary else '?'} ({time.monotonic() - t0:.0f} s)")
    assert summary and "failed" not in summary[-1] and "error" not in summary[-1], done.stdout[-3000:]
