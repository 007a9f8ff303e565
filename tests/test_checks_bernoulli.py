"""The checkers of chapter 12 (gmm_teach/checks/bernoulli.py): right answers pass for several seeds, every typical
wrong answer fails with the hint that names it (in Japanese and in English), the d = 64 case catches the product of
probabilities, and the guard refuses gmm_teach's own Bernoulli code and the worked solutions read from their file.

The answers below are written the way learners write them (plain numpy, the chapter's names).
"""
import ast
import importlib.util
from pathlib import Path

import numpy as np
import pytest

import gmm_teach as gt
from gmm_teach import checks
from gmm_teach.checks import _framework, bernoulli
from gmm_teach.i18n import say, set_language
from worked_solutions import solutions  # instructor/solutions/ (not in the package), compiled as notebook cells

ROOT = Path(__file__).resolve().parents[1]
SEEDS = [None] + [20261207 + 7919 * i for i in range(8)]
LANGS = ["ja", "en"]


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    set_language("en")


def hint(key, lang="en"):
    return say("checks." + key, language=lang)


# --- learner-style answers ------------------------------------------------------------------------------

def log_pdf_chapter(X, p):  # the chapter's two matrix products
    return X @ np.log(p).T + (1 - X) @ np.log(1 - p).T


def log_pdf_loop(X, p):  # written with loops and np.where: also right
    out = np.zeros((X.shape[0], p.shape[0]))
    for k in range(p.shape[0]):
        out[:, k] = np.sum(np.where(X == 1, np.log(p[k]), np.log(1 - p[k])), axis=1)
    return out


def log_pdf_product(X, p):  # the log of the product: right for small d, underflows for d = 64
    return np.log(np.prod(p[None] ** X[:, None] * (1 - p[None]) ** (1 - X[:, None]), axis=2))


def log_pdf_clipped(X, p):  # a defensive clip: right for ordinary p, wrong where p lies within 1e-12 of 0 and 1
    q = np.clip(p, 1e-10, 1 - 1e-10)
    return X @ np.log(q).T + (1 - X) @ np.log(1 - q).T


def log_pdf_no_complement(X, p):
    return X @ np.log(p).T


def log_pdf_probability(X, p):  # the probability, not its log
    return np.prod(p[None] ** X[:, None] * (1 - p[None]) ** (1 - X[:, None]), axis=2)


def log_pdf_swapped(X, p):
    return X @ np.log(1 - p).T + (1 - X) @ np.log(p).T


def log_pdf_complement_no_log(X, p):
    return X @ np.log(p).T + (1 - X) @ (1 - p).T


def log_pdf_mean(X, p):
    return (X @ np.log(p).T + (1 - X) @ np.log(1 - p).T) / X.shape[1]


def log_pdf_transposed(X, p):  # (K, n)
    return np.log(p) @ X.T + np.log(1 - p) @ (1 - X).T


def m_step_chapter(X, responsibilities):
    N_k = responsibilities.sum(axis=0)
    return N_k / X.shape[0], responsibilities.T @ X / N_k[:, None]


def m_step_einsum(X, responsibilities):  # a BernoulliParams back: also right
    N_k = np.einsum("nk->k", responsibilities)
    return gt.BernoulliParams(N_k / len(X), np.einsum("nk,nd->kd", responsibilities, X) / N_k[:, None])


def m_step_over_n(X, responsibilities):
    N_k = responsibilities.sum(axis=0)
    return N_k / X.shape[0], responsibilities.T @ X / X.shape[0]


def m_step_not_divided(X, responsibilities):
    N_k = responsibilities.sum(axis=0)
    return N_k / X.shape[0], responsibilities.T @ X


def m_step_unweighted(X, responsibilities):
    K = responsibilities.shape[1]
    return responsibilities.sum(axis=0) / len(X), np.tile(X.mean(axis=0), (K, 1))


def m_step_hard(X, responsibilities):  # k-means' centres
    z = responsibilities.argmax(axis=1)
    K = responsibilities.shape[1]
    p = np.array([X[z == k].mean(axis=0) if np.any(z == k) else np.zeros(X.shape[1]) for k in range(K)])
    return responsibilities.sum(axis=0) / len(X), p


def m_step_transposed(X, responsibilities):  # (d, K)
    N_k = responsibilities.sum(axis=0)
    return N_k / X.shape[0], X.T @ responsibilities / N_k


def m_step_phi_over_K(X, responsibilities):
    N_k = responsibilities.sum(axis=0)
    return N_k / responsibilities.shape[1], responsibilities.T @ X / N_k[:, None]


def m_step_swapped(X, responsibilities):  # (p, phi)
    phi, p = m_step_chapter(X, responsibilities)
    return p, phi


def m_step_three(X, responsibilities):
    phi, p = m_step_chapter(X, responsibilities)
    return phi, p, None


RIGHT = [
    (checks.check_bernoulli_log_pdf, log_pdf_chapter),
    (checks.check_bernoulli_log_pdf, log_pdf_loop),
    (checks.check_bernoulli_m_step, m_step_chapter),
    (checks.check_bernoulli_m_step, m_step_einsum),
    (checks.check_bernoulli_log_pdf, solutions.bernoulli_log_pdf),
    (checks.check_bernoulli_m_step, solutions.bernoulli_m_step),
]

# (checker, answer, status, the hint's catalogue key)
WRONG = [
    (checks.check_bernoulli_log_pdf, log_pdf_product, "almost", "hint_bern_underflow"),
    (checks.check_bernoulli_log_pdf, log_pdf_clipped, "almost", "hint_bern_large_values"),
    (checks.check_bernoulli_log_pdf, log_pdf_no_complement, "wrong", "hint_bern_no_complement"),
    (checks.check_bernoulli_log_pdf, log_pdf_probability, "wrong", "hint_bern_probability"),
    (checks.check_bernoulli_log_pdf, log_pdf_swapped, "wrong", "hint_bern_swapped"),
    (checks.check_bernoulli_log_pdf, log_pdf_complement_no_log, "wrong", "hint_bern_complement_no_log"),
    (checks.check_bernoulli_log_pdf, log_pdf_mean, "wrong", "hint_bern_mean"),
    (checks.check_bernoulli_m_step, m_step_over_n, "wrong", "hint_bern_p_over_n"),
    (checks.check_bernoulli_m_step, m_step_not_divided, "wrong", "hint_bern_p_not_divided"),
    (checks.check_bernoulli_m_step, m_step_unweighted, "wrong", "hint_bern_p_unweighted"),
    (checks.check_bernoulli_m_step, m_step_hard, "wrong", "hint_bern_p_hard"),
    (checks.check_bernoulli_m_step, m_step_phi_over_K, "wrong", "hint_phi_over_K"),
    (checks.check_bernoulli_m_step, m_step_three, "wrong", "hint_bern_m_return"),
    (checks.check_bernoulli_m_step, m_step_swapped, "wrong", "hint_bern_m_return"),
]


# --- right answers pass, wrong ones are named -----------------------------------------------------------------

@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("checker, func", RIGHT, ids=[f"{c.__name__}-{f.__name__}" for c, f in RIGHT])
def test_right_answers_pass(checker, func, seed):
    for lang in LANGS:
        set_language(lang)
        result = checker(func, seed=seed)
        assert result.passed and result.status == "correct", str(result)
        assert func.__name__ in result.message


@pytest.mark.parametrize("seed", [None, 20261207, 7])
@pytest.mark.parametrize("checker, func, status, key", WRONG, ids=[f.__name__ for _, f, _, _ in WRONG])
def test_each_typical_mistake_fails_with_its_hint(checker, func, status, key, seed):
    for lang in LANGS:
        set_language(lang)
        result = checker(func, seed=seed)
        assert result.status == status and not result.passed, str(result)
        assert hint(key, lang) in result.hint, str(result)


def test_the_product_passes_the_small_cases_and_fails_only_at_d_64():
    set_language("en")
    result = checks.check_bernoulli_log_pdf(log_pdf_product)
    assert result.message.startswith("Almost. The 3 ordinary cases are right") and "d = 64" in result.message
    (X, p), = [case.args for case in bernoulli._log_cases()[-1:]]
    assert X.shape[1] == 64 and np.min(log_pdf_chapter(X, p)) < -745  # exp underflows to 0 below about -745
    set_language("ja")
    assert "d = 64 画素" in checks.check_bernoulli_log_pdf(log_pdf_product, seed=11).message


@pytest.mark.parametrize("checker, func, shape", [
    (checks.check_bernoulli_log_pdf, log_pdf_transposed, "(n, K)"),
    (checks.check_bernoulli_m_step, m_step_transposed, "(K, d)"),
])
def test_a_transposed_answer_is_named(checker, func, shape):
    for seed in (None, 3, 20261207):
        set_language("en")
        result = checker(func, seed=seed)
        assert not result.passed and "Wrong shape" in result.message, str(result)
        assert result.hint == say("checks.hint_transposed", language="en", name=shape)


@pytest.mark.parametrize("mistake", bernoulli.LOG_MISTAKES)
def test_every_log_pdf_mistake_is_recognised(mistake):
    def learner(X, p):
        return bernoulli._log_variants(X, p)[mistake]
    set_language("en")
    result = checks.check_bernoulli_log_pdf(learner)
    assert not result.passed and result.hint == hint(_framework.hint_key(mistake)), str(result)


@pytest.mark.parametrize("part, mistake", [(0, m) for m in bernoulli.PHI_MISTAKES] + [(1, m) for m in bernoulli.P_MISTAKES])
def test_every_m_step_mistake_is_recognised(part, mistake):
    def learner(X, responsibilities):
        variants = bernoulli._m_variants(X, responsibilities)
        return tuple(variants[q][mistake if q == part else "correct"] for q in range(2))
    for seed in (None, 5):
        set_language("en")
        result = checks.check_bernoulli_m_step(learner, seed=seed)
        assert not result.passed and result.hint == hint(_framework.hint_key(mistake)), str(result)


def test_the_stubs_verdict_is_not_yet_and_gives_nothing_away():
    set_language("en")
    for checker in (checks.check_bernoulli_log_pdf, checks.check_bernoulli_m_step):
        result = checker(lambda *args: None)
        assert result.status == "wrong" and "returned None" in result.message
        assert "np.log" not in result.hint and "N_k" not in result.hint


def test_seeds_give_other_cases():
    fixed = [c.desc for c in bernoulli._log_cases()] + [c.desc for c in bernoulli._m_cases()]
    fresh = [c.desc for c in bernoulli._log_cases(np.random.default_rng(1))] + \
            [c.desc for c in bernoulli._m_cases(np.random.default_rng(1))]
    assert fixed != fresh


@pytest.mark.parametrize("seed", [-1, 1.5, "1", True])
def test_a_bad_seed_is_an_error_naming_seed(seed):
    with pytest.raises((TypeError, ValueError), match="seed"):
        checks.check_bernoulli_m_step(m_step_chapter, seed=seed)


# --- the guard ---------------------------------------------------------------------------------------------------

def _private(name):
    return getattr(__import__("gmm_teach.bernoulli", fromlist=[name]), name)


FOOLING = [
    (checks.check_bernoulli_log_pdf, lambda X, p: gt.bernoulli_log_pdf(X, p), "gt.bernoulli_log_pdf"),
    (checks.check_bernoulli_log_pdf, lambda X, p: _private("_log_pdf_nk")(X, p), "gmm_teach.bernoulli._log_pdf_nk"),
    (checks.check_bernoulli_log_pdf,
     lambda X, p: _private("_xlog_matmul")(X, p) + _private("_xlog_matmul")(1 - X, 1 - p),
     "gmm_teach.bernoulli._xlog_matmul"),
    (checks.check_bernoulli_m_step, lambda X, r: gt.bernoulli_m_step(X, r, alpha=0.0), "gt.bernoulli_m_step"),
    (checks.check_bernoulli_m_step, lambda X, r: _private("_m_step_nk")(X, r, 0.0), "gmm_teach.bernoulli._m_step_nk"),
    (checks.check_bernoulli_m_step, lambda X, r: gt.fit_bernoulli(X, r.shape[1], init=r, max_iter=1, alpha=0.0).params,
     "gt.fit_bernoulli"),
]


@pytest.mark.parametrize("seed", [None, 20261207])
@pytest.mark.parametrize("checker, func, named", FOOLING, ids=[n for _, _, n in FOOLING])
def test_a_function_that_calls_the_package_is_not_passed(checker, func, named, seed):
    set_language("en")
    result = checker(func, seed=seed)
    assert not result.passed and result.status == "wrong", str(result)
    assert result.message.startswith(f"Not correct. {checker.__name__}: your function calls gmm_teach's own")
    assert f"({named})" in result.message, result.message
    assert "as in the chapter" in result.hint
    set_language("ja")
    result = checker(func, seed=seed)
    assert "gmm_teach 自身の" in result.message and f"({named})" in result.message, str(result)


def _worked_solution_from_its_file(name):
    """The worked solution as code read from instructor/solutions/12_bernoulli_mixtures.py (not a notebook cell)."""
    path = ROOT / "instructor" / "solutions" / "12_bernoulli_mixtures.py"
    spec = importlib.util.spec_from_file_location("_builder", ROOT / "tools" / "build_notebooks.py")
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    namespace = {"np": np, "gt": gt}
    for block in builder.solution_blocks(path).values():
        tree = ast.parse(block, filename=str(path))
        tree.body = [node for node in tree.body if isinstance(node, (ast.FunctionDef, ast.Import, ast.ImportFrom))]
        exec(compile(tree, str(path), "exec"), namespace)
    return namespace[name]


@pytest.mark.parametrize("checker, name", [(checks.check_bernoulli_log_pdf, "bernoulli_log_pdf"),
                                           (checks.check_bernoulli_m_step, "bernoulli_m_step")])
@pytest.mark.parametrize("lang", LANGS)
def test_the_worked_solution_read_from_its_file_fails(checker, name, lang):
    solution = _worked_solution_from_its_file(name)
    set_language(lang)
    result = checker(solution)
    assert not result.passed and result.status == "wrong", str(result)
    assert "instructor/solutions/12_bernoulli_mixtures.py" in result.message
    assert ("解答例" in result.message) if lang == "ja" else ("worked solutions" in result.message)


def test_the_argument_checks_are_not_forbidden():
    """Only what computes the checked quantity is forbidden (the reference first)."""
    forbidden = bernoulli._forbidden("bernoulli_log_pdf")
    assert forbidden[0] is gt.bernoulli_log_pdf
    names = {fn.__name__ for fn in forbidden}
    assert {"bernoulli_e_step", "bernoulli_m_step", "fit_bernoulli", "_log_pdf_nk"} <= names
    assert not any(name.startswith(("check_", "_check_")) for name in names)


def test_the_checkers_are_exported():
    assert {"check_bernoulli_log_pdf", "check_bernoulli_m_step"} <= set(checks.__all__)
