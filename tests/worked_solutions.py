"""The worked solutions of chapters 02-05 and 12 (instructor/solutions/, not in the installed package) as one namespace.

``solutions.pdf``, ``solutions.e_step``, ``solutions.em``, ...: the functions the checker tests build right and wrong
answers from. Only the definitions of each block are run (tools/build_notebooks.py: solution_namespace).
"""
import importlib.util
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("_build_notebooks_for_solutions", ROOT / "tools" / "build_notebooks.py")
_builder = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_builder)

CHAPTERS = ("02_gaussian_pdf", "03_e_step", "04_m_step", "05_em_algorithm", "12_bernoulli_mixtures")
solutions = SimpleNamespace(**{name: value for name, value in _builder.solution_namespace(
    [ROOT / "instructor" / "solutions" / f"{chapter}.py" for chapter in CHAPTERS]).items()
    if not name.startswith("__")})
