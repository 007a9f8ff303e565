"""The examples in the docstrings run, and every public function or class of gmm_teach has one.

(a) The doctests of every module of the package (found with pkgutil.walk_packages, so subpackages
    such as gmm_teach.checks, gmm_teach.widgets, gmm_teach.plot and gmm_teach.messages are included
    as soon as they exist) run with NORMALIZE_WHITESPACE | ELLIPSIS; one test per module, which fails
    with doctest's own report. gmm_teach.__main__ is included: importing it has no side effects (its
    command line runs only under ``if __name__ == "__main__"``).
(b) Every function or class in ``gmm_teach.__all__`` has an "Examples" section with at least one
    ``>>>`` line, as in scikit-learn and numpyro.
"""
from __future__ import annotations

import doctest
import importlib
import inspect
import io
import pkgutil
import re
import sys

import matplotlib

matplotlib.use("Agg")  # no display: examples that draw must not open a window

import pytest  # noqa: E402

import gmm_teach  # noqa: E402

OPTIONFLAGS = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS


def _module_names() -> list[str]:
    """gmm_teach and every module and subpackage under it, sorted.

    A subpackage that fails to import is still listed (walk_packages cannot look inside it): its
    test then fails with the import error instead of the whole file failing to collect.
    """
    broken = []
    names = {gmm_teach.__name__}
    for info in pkgutil.walk_packages(gmm_teach.__path__, prefix=gmm_teach.__name__ + ".",
                                      onerror=broken.append):
        names.add(info.name)
    return sorted(names | set(broken))


MODULES = _module_names()


@pytest.mark.parametrize("module_name", MODULES)
def test_doctests(module_name):
    module = importlib.import_module(module_name)
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=OPTIONFLAGS)
    report = io.StringIO()
    gmm_teach.set_language("en")  # the examples are written for the default language
    try:
        for test in finder.find(module, module_name):
            runner.run(test, out=report.write)
    finally:
        gmm_teach.set_language("en")  # an example that switches to "ja" must not leak into other tests
        if "matplotlib.pyplot" in sys.modules:
            import matplotlib.pyplot as plt
            plt.close("all")
    assert runner.failures == 0, (f"{runner.failures} of {runner.tries} doctest examples in {module_name} "
                                  f"failed:\n{report.getvalue()}")


def _public_functions_and_classes() -> list[str]:
    return [name for name in gmm_teach.__all__
            if inspect.isfunction(getattr(gmm_teach, name)) or inspect.isclass(getattr(gmm_teach, name))]


EXAMPLES_HEADING = re.compile(r"^Examples\n-{8,}\n", re.MULTILINE)


@pytest.mark.parametrize("name", _public_functions_and_classes())
def test_public_name_has_examples(name):
    doc = inspect.getdoc(getattr(gmm_teach, name)) or ""
    match = EXAMPLES_HEADING.search(doc)
    assert match, f"gmm_teach.{name} has no numpydoc 'Examples' section (a line 'Examples', then '--------')."
    examples = doc[match.end():]
    assert any(line.lstrip().startswith(">>>") for line in examples.splitlines()), (
        f"the Examples section of gmm_teach.{name} has no '>>>' line.")
