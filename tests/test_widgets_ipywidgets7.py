"""The widgets with ipywidgets 7.8, as on Google Colab (which ships ipywidgets 7.7 and imports it at start).

A fresh virtual environment in a temporary directory gets `ipywidgets==7.8.*` (and what the widget
tests import: numpy, matplotlib, pytest, threadpoolctl, scipy), then this repository with
`pip install --no-deps -e .` (its own dependency, ipywidgets>=7.7, is checked apart: installing the
package into an ipywidgets 7 environment must not upgrade ipywidgets). There the widget test files
(tests/test_widgets*.py, this one excepted) run in a pytest subprocess and must all pass.

Marked slow (about 1.5 to 3 minutes on two cores: pip install from pip's cache ~35 s, the tests
~60-100 s); CI runs it through `make test`. The pip cache is shared with the other fresh environments.
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

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
WIDGET_TESTS = sorted(p.name for p in (REPO / "tests").glob("test_widgets*.py") if p.name != Path(__file__).name)
PACKAGES = ["ipywidgets==7.8.*", "numpy", "matplotlib", "pytest", "threadpoolctl", "scipy"]


def _run(command, *, env, cwd, timeout, what):
    done = subprocess.run([str(c) for c in command], env=env, cwd=cwd, capture_output=True, text=True,
                          timeout=timeout)
    if done.returncode != 0:
        pytest.fail(f"{what} failed ({done.returncode}): {' '.join(map(str, command))}\n"
                    f"--- stdout ---\n{done.stdout[-6000:]}\n--- stderr ---\n{done.stderr[-4000:]}", pytrace=False)
    return done


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
         what="pip install ipywidgets 7.8")
    # The package's own dependencies in an ipywidgets 7 environment: nothing to install or upgrade but itself.
    report = root / "report.json"
    _run([python, "-m", "pip", "install", "--quiet", "--dry-run", "--report", report, "-e", REPO], env=env,
         cwd=root, timeout=600, what="pip install --dry-run -e .")
    _run([python, "-m", "pip", "install", "--quiet", "--no-deps", "-e", REPO], env=env, cwd=root, timeout=600,
         what="pip install --no-deps -e .")
    print(f"\nipywidgets 7.8 environment ready in {time.monotonic() - t0:.0f} s")
    return python, env, report


def test_installing_the_package_into_ipywidgets_7_upgrades_nothing(venv7):
    import json

    _, _, report = venv7
    would = sorted(item["metadata"]["name"].lower() for item in json.loads(report.read_text())["install"])
    assert would == ["gmm-teach"], f"pip would also install or upgrade {would} (Colab would need a restart)"


def test_widget_tests_pass_with_ipywidgets_7(venv7, capsys):
    python, env, _ = venv7
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
