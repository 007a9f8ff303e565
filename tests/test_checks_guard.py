"""The checkers of chapters 01-05 cannot be fooled cheaply (issue 12: homework graded by nbgrader).

(a) The guard: a learner's function that calls gmm_teach's own implementation of what is checked (the public
    function or a private kernel behind it), or the instructor's worked solutions, is not passed, and the verdict
    says why, in both languages. Allowed helpers (gt.log_pdf in the E-step, GMMParams, ...) still pass. The
    profile hook is always removed again.
(b) Fresh hidden cases: with seed=<int> every checker draws other sizes and values; right answers pass for
    many seeds, the known wrong answers (test_checks.WRONG) still fail, bad seeds are rejected.
"""
import ast
import functools
import importlib.util
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

import gmm_teach as gt
from gmm_teach import checks
from gmm_teach.checks import _framework, em_steps, sampling_and_density
from gmm_teach.i18n import set_language
from test_checks import WRONG, cov_chapter, cov_np_bias, em_chapter, m_step_cov_bias, pdf_chapter, sampler_ancestral

ROOT = Path(__file__).resolve().parents[1]
SEEDS = [20261207 + 7919 * i for i in range(20)]


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    set_language("en")


# --- plain numpy answers: the way a learner writes them ------------------------------------------------

def mahalanobis(X, mu, sigma):
    diff = X - mu
    return np.sum(diff @ np.linalg.inv(sigma) * diff, axis=1)


def log_pdf(X, mu, sigma):
    return -0.5 * (X.shape[1] * np.log(2 * np.pi) + np.linalg.slogdet(sigma)[1] + mahalanobis(X, mu, sigma))


def log_sum_exp(a):
    m = a.max(axis=1, keepdims=True)
    return m[:, 0] + np.log(np.exp(a - m).sum(axis=1))


def e_step(X, phi, mu, sigma):
    a = np.log(phi) + gt.log_pdf(X, mu, sigma)  # chapter 03 says: use gt.log_pdf
    return np.exp(a - log_sum_exp(a)[:, None])


def m_step(X, responsibilities):
    N_k = responsibilities.sum(axis=0)
    mu = responsibilities.T @ X / N_k[:, None]
    diff = X[:, None, :] - mu[None, :, :]
    return N_k / len(X), mu, np.einsum("nk,nki,nkj->kij", responsibilities, diff, diff) / N_k[:, None, None]


def em(X, phi, mu, sigma, n_iter):
    log_likelihoods = []
    for _ in range(n_iter):
        phi, mu, sigma = m_step(X, e_step(X, phi, mu, sigma))
        a = np.log(phi) + np.column_stack([log_pdf(X, mu[k], sigma[k]) for k in range(len(phi))])
        log_likelihoods.append(log_sum_exp(a).sum())
    return phi, mu, sigma, log_likelihoods


RIGHT = [
    (checks.check_sampler, sampler_ancestral),
    (checks.check_empirical_covariance, cov_chapter),
    (checks.check_pdf, pdf_chapter),
    (checks.check_log_pdf, log_pdf),
    (checks.check_mahalanobis, mahalanobis),
    (checks.check_log_sum_exp, log_sum_exp),
    (checks.check_e_step, e_step),
    (checks.check_m_step, m_step),
    (checks.check_m_step, m_step_cov_bias),
    (checks.check_empirical_covariance, cov_np_bias),
    (checks.check_em, em),
    (checks.check_em, em_chapter),  # the chapter's loop: a convergence test with tol = 1e-5 must not stop it early
]


# --- the worked solutions, loaded from where they live ------------------------------------------------------

def worked_solution(chapter: str, name: str):
    """The worked solution `name` of `chapter`, as code read from its file (not compiled as a notebook cell):
    instructor/solutions/<chapter>.py if it is there, else the module gmm_teach.solutions."""
    path = ROOT / "instructor" / "solutions" / f"{chapter}.py"
    if path.exists():
        spec = importlib.util.spec_from_file_location("_builder", ROOT / "tools" / "build_notebooks.py")
        builder = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(builder)
        namespace = {"np": np, "gt": gt}
        for block in builder.solution_blocks(path).values():
            tree = ast.parse(block, filename=str(path))
            tree.body = [node for node in tree.body if isinstance(node, (ast.FunctionDef, ast.Import, ast.ImportFrom))]
            exec(compile(tree, str(path), "exec"), namespace)  # as `import` would: the file's own path
        return namespace[name]
    solutions = pytest.importorskip("gmm_teach.solutions")
    return getattr(solutions, name)


# --- (a) the guard ------------------------------------------------------------------------------------------

def test_the_issues_first_example_fails_with_the_guards_message():
    fooling = lambda X, phi, mu, sigma: gt.e_step(X, gt.GMMParams(phi, mu, sigma))[0]  # noqa: E731
    set_language("en")
    result = checks.check_e_step(fooling)
    assert not result.passed and result.status == "wrong"
    assert result.message == ("Not correct. check_e_step: your function calls gmm_teach's own e_step (gt.e_step), "
                              "so it does not compute the responsibilities itself.")
    assert result.hint.startswith("Compute the responsibilities with numpy, as in the chapter. gt.e_step is what "
                                  "your answer is compared with")
    set_language("ja")
    result = checks.check_e_step(fooling, seed=20261207)
    assert not result.passed
    assert result.message == ("不正解である。check_e_step: この関数は gmm_teach 自身の e_step (gt.e_step) を呼んでいるので、"
                              "負担率を自分で計算していない。")
    assert "numpy" in result.hint and "gt.e_step" in result.hint and result.hint.endswith("。")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_worked_solution_read_from_its_file_fails(lang):
    solution = worked_solution("04_m_step", "m_step")
    set_language(lang)
    result = checks.check_m_step(solution)
    assert not result.passed and result.status == "wrong", str(result)
    assert "check_m_step" in result.message and "m_step" in result.message
    assert ("solutions" in result.message) and (("解答例" in result.message) if lang == "ja"
                                                else ("worked solutions" in result.message))
    assert result.hint


def test_the_same_code_typed_into_a_cell_passes():
    """The instructor edition puts the worked solution into a notebook cell: there it is the learner's own code."""
    from worked_solutions import solutions  # compiled under a pseudo file name, as a notebook cell is
    assert checks.check_m_step(solutions.m_step).passed
    assert checks.check_e_step(solutions.e_step).passed


def _from(module, name):
    return getattr(sys.modules[module], name)


# (checker, a learner's function, what the verdict names)
FOOLING = [
    (checks.check_sampler, lambda phi, mu, sigma, n, seed: gt.sample(gt.GMMParams(phi, mu, sigma), n, seed=seed),
     "gt.sample"),
    (checks.check_empirical_covariance, lambda X, z, k: gt.m_step(X, np.eye(z.max() + 1)[z], reg_covar=0.0).sigma[k],
     "gt.m_step"),
    (checks.check_empirical_covariance, lambda X, z, k: _from("gmm_teach.init", "_data_covariance")(X[z == k], 0.0),
     "gmm_teach.init._data_covariance"),
    (checks.check_pdf, gt.pdf, "gt.pdf"),
    (checks.check_pdf, lambda X, mu, sigma: np.exp(gt.log_pdf(X, mu, sigma)), "gt.log_pdf"),
    (checks.check_pdf, lambda X, mu, sigma: gt.textbook.gaussian_pdf(X, mu, sigma), "gt.textbook.gaussian_pdf"),
    (checks.check_log_pdf, gt.log_pdf, "gt.log_pdf"),
    (checks.check_log_pdf,  # the private kernel, imported under another name
     lambda X, mu, sigma: _from("gmm_teach.gaussian", "log_gauss_kn")(
         np.ascontiguousarray(X.T), mu[None], np.linalg.cholesky(sigma)[None])[0], "gmm_teach.gaussian.log_gauss_kn"),
    (checks.check_log_pdf, lambda X, mu, sigma: gt.mixture_log_pdf(X, gt.GMMParams([1.0], [mu], [sigma])),
     "gt.mixture_log_pdf"),
    (checks.check_mahalanobis, gt.mahalanobis, "gt.mahalanobis"),
    (checks.check_mahalanobis, lambda X, mu, sigma: _from("gmm_teach.gaussian", "squared_mahalanobis_kn")(
        np.ascontiguousarray(X.T), mu[None], np.linalg.cholesky(sigma)[None])[0],
     "gmm_teach.gaussian.squared_mahalanobis_kn"),
    (checks.check_log_sum_exp, lambda a: _from("gmm_teach._math", "logsumexp")(a, axis=1), "gmm_teach._math.logsumexp"),
    (checks.check_e_step, lambda X, phi, mu, sigma: gt.e_step(X, gt.GMMParams(phi, mu, sigma))[0], "gt.e_step"),
    (checks.check_e_step,  # aliasing: from gmm_teach.steps import _e_step_kn
     lambda X, phi, mu, sigma: _from("gmm_teach.steps", "_e_step_kn")(
         np.ascontiguousarray(X.T), gt.GMMParams(phi, mu, sigma))[0].T, "gmm_teach.steps._e_step_kn"),
    (checks.check_e_step, lambda X, phi, mu, sigma: np.exp(np.log(phi) + gt.log_pdf(X, mu, sigma)
                                                           - gt.mixture_log_pdf(X, gt.GMMParams(phi, mu, sigma))[:, None]),
     "gt.mixture_log_pdf"),
    (checks.check_e_step, lambda X, phi, mu, sigma: gt.fit(X, len(phi), init=gt.GMMParams(phi, mu, sigma), max_iter=1,
                                                           reg_covar=0.0).params.phi, "gt.fit"),
    (checks.check_m_step, lambda X, r: gt.m_step(X, r, reg_covar=0.0), "gt.m_step"),
    (checks.check_m_step, lambda X, r: _from("gmm_teach.steps", "_m_step_kn")(
        X, np.ascontiguousarray(X.T), np.ascontiguousarray(r.T), 0.0, X.var(axis=0)), "gmm_teach.steps._m_step_kn"),
    (checks.check_em, lambda X, phi, mu, sigma, n_iter: gt.fit(X, len(phi), init=gt.GMMParams(phi, mu, sigma),
                                                               reg_covar=0.0, max_iter=n_iter, tol=0.0), "gt.fit"),
    (checks.check_em, lambda X, phi, mu, sigma, n_iter: gt.textbook.em_gmm(X, len(phi), num_iters=n_iter,
                                                                           init=(phi, mu, sigma))[:5],
     "gt.textbook.em_gmm"),
    (checks.check_em, lambda X, phi, mu, sigma, n_iter: em_steps_loop(X, phi, mu, sigma, n_iter), "gt.e_step"),
]


def em_steps_loop(X, phi, mu, sigma, n_iter):  # the loop written, but the steps are the package's
    log_likelihoods = []
    for _ in range(n_iter):
        params = gt.m_step(X, gt.e_step(X, gt.GMMParams(phi, mu, sigma))[0], reg_covar=0.0)
        phi, mu, sigma = params.phi, params.mu, params.sigma
        log_likelihoods.append(gt.log_likelihood(X, params))
    return phi, mu, sigma, log_likelihoods


@pytest.mark.parametrize("seed", [None, 20261207])
@pytest.mark.parametrize("checker, func, named", FOOLING, ids=[f"{c.__name__}-{n}" for c, _, n in FOOLING])
def test_a_function_that_calls_the_package_is_not_passed(checker, func, named, seed):
    set_language("en")
    result = checker(func, seed=seed)
    assert not result.passed and result.status == "wrong", str(result)
    assert "your function calls gmm_teach's own" in result.message and f"({named})" in result.message, str(result)
    assert result.message.startswith(f"Not correct. {checker.__name__}: "), result.message
    set_language("ja")
    result = checker(func, seed=seed)
    assert "gmm_teach 自身の" in result.message and f"({named})" in result.message, str(result)


def test_wrappers_and_threads_do_not_hide_the_call():
    wrapped = functools.partial(lambda X, phi, mu, sigma, params: gt.e_step(X, params)[0])

    def via_partial(X, phi, mu, sigma):
        return wrapped(X, phi, mu, sigma, gt.GMMParams(phi, mu, sigma))

    def via_thread(X, phi, mu, sigma):
        with ThreadPoolExecutor(1) as pool:
            return pool.submit(lambda: gt.e_step(X, gt.GMMParams(phi, mu, sigma))[0]).result()

    def swallowing(X, phi, mu, sigma):  # catches whatever happens inside
        try:
            return gt.e_step(X, gt.GMMParams(phi, mu, sigma))[0]
        except BaseException:
            return None

    for func in (via_partial, via_thread, swallowing):
        result = checks.check_e_step(func)
        assert not result.passed and "(gt.e_step)" in result.message, (func.__name__, str(result))


def test_a_function_that_calls_the_package_and_then_raises_is_reported_for_the_call():
    def calls_then_raises(X, phi, mu, sigma):
        gt.e_step(X, gt.GMMParams(phi, mu, sigma))
        raise RuntimeError("boom")
    result = checks.check_e_step(calls_then_raises)
    assert "(gt.e_step)" in result.message and "boom" not in result.message


def test_allowed_helpers_still_pass():
    """gt.log_pdf in the E-step and the loop (chapter 03 says so), GMMParams, gt.textbook_data, gt.pdf in an E-step."""
    def e_step_with_pdf(X, phi, mu, sigma):  # the chapter's section 3 E-step with the package's density
        weighted = np.column_stack([phi[k] * gt.pdf(X, mu[k], sigma[k]) for k in range(len(phi))])
        return weighted / weighted.sum(axis=1, keepdims=True)

    def em_with_params(X, phi, mu, sigma, n_iter):
        gt.textbook_data()  # harmless
        params = gt.GMMParams(phi, mu, sigma)
        return em(X, params.phi, params.mu, params.sigma, n_iter)

    assert checks.check_e_step(e_step).passed
    assert checks.check_e_step(e_step_with_pdf).status == "almost"  # 0/0 at the far point, but not the guard
    assert checks.check_em(em_with_params).passed
    assert checks.check_em(em_with_params, seed=3).passed


def _marker(frame, event, arg):
    pass


@pytest.mark.parametrize("func", [e_step, lambda X, phi, mu, sigma: 1 / 0,
                                  lambda X, phi, mu, sigma: gt.e_step(X, gt.GMMParams(phi, mu, sigma))[0],
                                  lambda X, phi, mu, sigma: gt.e_step(X, gt.GMMParams(phi, mu, sigma))[0] / 0],
                         ids=["right", "raises", "guarded", "guarded-and-raises"])
@pytest.mark.parametrize("previous", [None, _marker], ids=["no-hook", "a-hook"])
def test_the_guard_leaves_no_profile_hook_behind(func, previous):
    sys.setprofile(previous)
    threading.setprofile(previous)
    try:
        checks.check_e_step(func)
        checks.check_e_step(func, seed=1)
        assert sys.getprofile() is previous
        assert threading.getprofile() is previous
    finally:
        sys.setprofile(None)
        threading.setprofile(None)


def test_guard_hits_names_the_hit():
    spec = _framework.Spec("e_step", "e_step(X, phi, mu, sigma)", forbidden=em_steps.E_STEP_FORBIDDEN)
    X = np.zeros((2, 2))
    params = gt.TEXTBOOK_TRUTH
    assert _framework.guard_hits(spec, gt.e_step, X, params) == _framework.Hit("e_step", "gt.e_step", False)
    assert _framework.guard_hits(spec, gt.log_pdf, X, params.mu, params.sigma) is None
    assert sys.getprofile() is None


# --- (b) fresh hidden cases -------------------------------------------------------------------------------------

@pytest.mark.parametrize("checker, func", RIGHT, ids=[f"{c.__name__}-{f.__name__}" for c, f in RIGHT])
def test_right_answers_pass_with_many_seeds(checker, func):
    seeds = SEEDS[:4] if checker is checks.check_sampler else SEEDS  # 400 samples per case: the slow one
    for seed in [None] + seeds:
        result = checker(func, seed=seed)
        assert result.passed, (seed, str(result))


@pytest.mark.parametrize("checker, func, status, ja, en", WRONG,
                         ids=[f"{c.__name__}-{i}" for i, (c, *_) in enumerate(WRONG)])
def test_wrong_answers_still_fail_with_seeds(checker, func, status, ja, en):
    set_language("en")
    for seed in SEEDS[:3]:
        result = checker(func, seed=seed)
        assert result.status == status, (seed, str(result))
        assert en in result.hint, (seed, str(result))


def _cases(checker_name: str, seed):
    rng = _framework.fresh_rng(seed)
    return {
        "sampler": lambda: [c for c, *_ in sampling_and_density._sampler_cases(rng)],
        "empirical_covariance": lambda: sampling_and_density._empirical_cov_cases(rng),
        "density": lambda: sampling_and_density._density_cases(True, rng),
        "log_sum_exp": lambda: em_steps._lse_cases(rng),
        "e_step": lambda: em_steps._e_step_cases(rng),
        "m_step": lambda: em_steps._m_step_cases(rng),
        "em": lambda: em_steps._em_cases(rng),
    }[checker_name]()


@pytest.mark.parametrize("name", ["sampler", "empirical_covariance", "density", "log_sum_exp", "e_step", "m_step", "em"])
def test_seeds_give_other_cases(name):
    fixed = _cases(name, None)
    assert [c.desc for c in fixed] == [c.desc for c in _cases(name, None)]  # seed=None: always the same
    descs = {tuple(c.desc for c in _cases(name, seed)) for seed in SEEDS[:6]}
    descs.add(tuple(c.desc for c in fixed))
    assert len(descs) >= 6, descs  # n, d or K differ from seed to seed (and from the fixed cases)
    first, again = _cases(name, SEEDS[0]), _cases(name, SEEDS[0])
    for a, b in zip(first, again):  # a seed always gives the same cases
        assert a.desc == b.desc
        for x, y in zip(a.args, b.args):
            np.testing.assert_array_equal(x, y)


def test_the_far_point_moves_with_the_seed():
    rows, points = set(), set()
    for seed in SEEDS[:8]:
        X, phi, mu, sigma = em_steps._e_step_cases(_framework.fresh_rng(seed))[-1].args
        far = int(np.argmax(np.linalg.norm(X - mu.mean(axis=0), axis=1)))
        rows.add(far)
        points.add(tuple(X[far]))
        assert np.all(gt.pdf(X[far:far + 1], mu, sigma) == 0.0)  # still far enough for 0/0
    assert len(rows) > 1 and len(points) == 8


@pytest.mark.parametrize("seed, error", [(-1, ValueError), (1.5, TypeError), (True, TypeError), ("3", TypeError),
                                         (np.float64(2.0), TypeError)])
def test_a_bad_seed_is_an_error_naming_seed(seed, error):
    for checker in (checks.check_pdf, checks.check_e_step, checks.check_em, checks.check_sampler):
        with pytest.raises(error, match="seed"):
            checker(e_step, seed=seed)


def test_a_numpy_integer_seed_is_fine():
    assert checks.check_m_step(m_step, seed=np.int64(5)).passed


@pytest.mark.parametrize("seed", SEEDS[:3])
def test_every_known_mistake_is_still_named_with_seeds(seed):
    from gmm_teach.checks import _mixtures
    from gmm_teach.i18n import say
    set_language("en")
    hint = lambda mistake: say("checks." + _framework.hint_key(mistake), language="en")  # noqa: E731
    for mistake in _mixtures.DENSITY_MISTAKES:
        result = checks.check_log_pdf(lambda X, mu, sigma: _mixtures.log_gauss_variants(X, mu, sigma)[mistake], seed=seed)
        assert result.hint == hint(mistake), (mistake, str(result))
    for mistake in em_steps.E_MISTAKES:
        result = checks.check_e_step(lambda X, phi, mu, sigma: em_steps._e_step_variants(X, phi, mu, sigma)[mistake],
                                     seed=seed)
        assert result.hint == hint(mistake), (mistake, str(result))
    for part, mistakes in enumerate((em_steps.PHI_MISTAKES, em_steps.MU_MISTAKES, em_steps.SIGMA_MISTAKES)):
        for mistake in mistakes:
            def learner(X, responsibilities):
                variants = em_steps._m_step_variants(X, responsibilities)
                return tuple(variants[p][mistake if p == part else "correct"] for p in range(3))
            result = checks.check_m_step(learner, seed=seed)
            assert result.hint == hint(mistake), (mistake, str(result))


@pytest.mark.parametrize("seed", SEEDS[:3])
def test_every_em_stage_mistake_is_told_apart_with_seeds(seed):
    X, phi, mu, sigma, n_iter = em_steps._em_cases(_framework.fresh_rng(seed))[0].args
    assert n_iter == 1
    set_language("en")
    with np.errstate(all="ignore"):  # columns normalised: N_k = 1, so the N_k - 1 variant divides by 0
        variants = em_steps._em_stage_variants(X, phi, mu, sigma)
    reference = em_steps._reference_em(X, phi, mu, sigma, 1).params
    expected = (reference.phi, reference.mu, reference.sigma)
    for i, (hint, triple) in enumerate(variants):
        assert not all(_framework.close(a, b) for a, b in zip(triple, expected)), hint
        for hint_j, triple_j in variants[:i]:
            if hint_j != hint:
                assert not all(_framework.close(a, b) for a, b in zip(triple, triple_j)), (hint, hint_j)


def test_a_running_profiler_is_suspended_and_resumed():
    """%prun / cProfile install their hook from C: sys.getprofile() gives the profiler, which the guard re-enables."""
    import cProfile
    profiler = cProfile.Profile()
    profiler.enable()
    try:
        right = checks.check_e_step(e_step)
        fooled = checks.check_e_step(lambda X, phi, mu, sigma: gt.e_step(X, gt.GMMParams(phi, mu, sigma))[0])
        assert sys.getprofile() is profiler
    finally:
        profiler.disable()
    assert right.passed and not fooled.passed and "(gt.e_step)" in fooled.message


def test_switching_the_guard_off_is_not_passed():
    def switched_off(X, phi, mu, sigma):
        sys.setprofile(None)
        return gt.e_step(X, gt.GMMParams(phi, mu, sigma))[0]

    def switched_off_and_on(X, phi, mu, sigma):
        hook = sys.getprofile()
        sys.setprofile(None)
        try:
            return gt.e_step(X, gt.GMMParams(phi, mu, sigma))[0]
        finally:
            sys.setprofile(hook)

    def via_threading(X, phi, mu, sigma):
        threading.setprofile(None)
        return e_step(X, phi, mu, sigma)

    for lang, words in (("en", "switches off the checker's watch"), ("ja", "見張りを外した")):
        set_language(lang)
        for func in (switched_off, switched_off_and_on, via_threading):
            result = checks.check_e_step(func)
            assert not result.passed and words in result.message, (func.__name__, str(result))
            assert sys.getprofile() is None and threading.getprofile() is None
