"""Checkers of chapter 03 (the E-step), chapter 04 (the M-step) and chapter 05 (the whole EM loop).

    check_log_sum_exp(func)  func(a) -> log sum_k exp(a[n, k]) for each row, without overflow
    check_e_step(func)       func(X, phi, mu, sigma) -> responsibilities (n, K)
    check_m_step(func)       func(X, responsibilities) -> (phi, mu, sigma)
    check_em(func)           func(X, phi, mu, sigma, n_iter) -> (phi, mu, sigma, log_likelihoods)

A wrong E-step, M-step or loop is compared with the answers of the typical mistakes (a forgotten
φ, rows not normalised, N_k − 1 instead of N_k, np.cov's weights, ...) to name the mistake.

Every checker takes ``seed=None`` (the fixed cases the chapters show) or an int (fresh hidden cases
drawn from np.random.default_rng(seed)), and rejects a function that calls gmm_teach's own
implementation of what it checks (the ``*_FORBIDDEN`` tuples) or the worked solutions.
"""
from __future__ import annotations

import warnings

import numpy as np

from .. import _math, em, gaussian, init, steps, textbook
from .._math import logsumexp
from ..data import TEXTBOOK_TRUTH, sample
from ..em import ConvergenceWarning, fit as _ref_fit
from ..steps import ComponentCollapseError, e_step as _ref_e_step, m_step as _ref_m_step
from ..params import GMMParams
from ._framework import (RTOL, Case, CheckResult, Spec, Verdict, almost, as_array, call, checker, close,
                         compare, compare_parts, correct, first_if_tuple, first_match, fresh_rng, hint_key, join,
                         mismatch_text, num, point_text, say, wrong)
from ._mixtures import DENSITY_MISTAKES, log_weighted, mixture_case, normalise_rows, random_spd

# what a learner's function may not call (the reference first; the worked solutions are always forbidden).
# Allowed: the density (gt.log_pdf, gt.pdf, ...) in the E-step and the loop, as chapter 03 asks.
LSE_FORBIDDEN = (_math.logsumexp, _math.normalize_log_, gaussian.mixture_log_pdf, gaussian._mixture_log_pdf_kn)
E_STEP_FORBIDDEN = (steps.e_step, steps._e_step_kn, steps.log_likelihood, _math.normalize_log_,
                    gaussian.mixture_log_pdf, gaussian._mixture_log_pdf_kn, em.fit, em.fit_best_of, textbook.em_gmm)
M_STEP_FORBIDDEN = (steps.m_step, steps._m_step_kn, em.fit, em.fit_best_of, init.init_params, textbook.em_gmm)
EM_FORBIDDEN = (em.fit, em.fit_best_of, steps.e_step, steps._e_step_kn, steps.m_step, steps._m_step_kn,
                steps.log_likelihood, _math.normalize_log_, gaussian.mixture_log_pdf, gaussian._mixture_log_pdf_kn,
                init.init_params, textbook.em_gmm)

FAR = 1000.0  # the far-away point is (1000, ..., 1000): every density underflows to 0 there

# --- chapter 03: log-sum-exp ----------------------------------------------------------------------------


def _lse_cases(rng=None):
    """Three ordinary (n, K) arrays, then one with values around +-1000 (rows far above and far below 0).

    With rng: n = 3-9, K = 2-5, scales 0.5-5; the large case has rows around +-(750-1200) in random order."""
    if rng is None:
        rng = np.random.default_rng(31415)
        cases = [Case(i, f"n = {n}, K = {K}", (rng.normal(scale=3.0, size=(n, K)),))
                 for i, (n, K) in enumerate(((6, 3), (8, 2), (5, 4)), start=1)]
        large = np.array([[1000.0, 999.0, 998.0], [-1000.0, -1001.0, -1003.0], [0.5, 1.0, 2.0],
                          [1000.0, -1000.0, 0.0], [-800.0, -800.5, -801.0]])
        return cases + [Case(4, "n = 5, K = 3", (large,))]
    cases = []
    for i in range(1, 4):
        n, K = int(rng.integers(3, 10)), int(rng.integers(2, 6))
        cases.append(Case(i, f"n = {n}, K = {K}", (rng.normal(scale=rng.uniform(0.5, 5.0), size=(n, K)),)))
    n, K = int(rng.integers(4, 8)), int(rng.integers(2, 5))
    signs = rng.permutation(np.resize([1.0, -1.0, 1.0, -1.0, 0.0], n))  # overflow and underflow rows, at least 2 each
    large = np.round(signs[:, None] * rng.uniform(750, 1200, size=(n, 1)) + rng.normal(scale=2.0, size=(n, K)), 1)
    mixed = int(rng.integers(n))  # one row with both signs: exp(a - m) underflows for part of it only
    large[mixed, rng.permutation(K)[:2]] = [1000.0, -1000.0]
    return cases + [Case(4, f"n = {n}, K = {K}", (large,))]


@checker
def check_log_sum_exp(func, *, seed=None) -> CheckResult:
    """Check ``func(a) -> (n,)``, the row-wise log-sum-exp log sum_k exp(a[n, k]) of an (n, K) array a.

    Three ordinary cases, then a case with values around +-1000, where exp overflows or
    underflows unless the row maximum is subtracted first ("almost" if only that case fails).
    With ``seed`` (an int), fresh arrays of other sizes. A function that calls gmm_teach's own
    logsumexp (or the kernels built on it) is not passed.

    Examples
    --------
    >>> import numpy as np, gmm_teach as gt
    >>> def log_sum_exp(a):
    ...     m = a.max(axis=1, keepdims=True)
    ...     return (m + np.log(np.exp(a - m).sum(axis=1, keepdims=True)))[:, 0]
    >>> gt.checks.check_log_sum_exp(log_sum_exp).passed
    True
    >>> gt.checks.check_log_sum_exp(lambda a: np.log(np.exp(a).sum(axis=1))).status
    'almost'
    """
    name = "log_sum_exp"
    spec = Spec(name, "log_sum_exp(a)", forbidden=LSE_FORBIDDEN, quantity="q_lse_rows")
    cases = _lse_cases(fresh_rng(seed))
    (large,) = cases[-1].args
    got_list, expected_list, variants_list = [], [], []
    for case in cases[:-1]:
        (a,) = case.args
        got_list.append(as_array(spec, case, call(spec, func, case), (a.shape[0],), "(n,)", "q_lse"))
        expected_list.append(logsumexp(a, axis=1))
        variants_list.append({"lse_no_add_back": expected_list[-1] - a.max(axis=1)})
    compare(name, "q_lse", cases[:-1], got_list, expected_list, variants_list, ("lse_no_add_back",), "hint_lse")
    case = cases[-1]
    got = as_array(spec, case, call(spec, func, case), (large.shape[0],), "(n,)", "q_lse", finite=False)
    if not close(got, logsumexp(large, axis=1)):
        m = large.max()
        global_max = m + np.log(np.exp(large - m).sum(axis=1))  # the whole array's maximum, not each row's
        hint = say("hint_lse_global_max") if close(got, global_max) else say("hint_lse_overflow")
        what = say("what_nonfinite") if not np.all(np.isfinite(got)) else say("what_values")
        return almost(name, say("almost_large", count=len(cases) - 1, what=what), hint)
    return correct(name, func, len(cases), say("correct_large"))


# --- chapter 03: the E-step ---------------------------------------------------------------------------------

E_MISTAKES = ("forgot_phi", "sigma_for_inv", "inv_everywhere", "det_no_sqrt", "no_det", "no_half", "sign")


def _e_step_variants(X, phi, mu, sigma) -> dict:
    """Responsibilities (n, K) with each typical E-step mistake (constants common to all k cancel)."""
    logs = log_weighted(X, phi, mu, sigma)
    out = {"forgot_phi": normalise_rows(logs["correct"] - np.log(phi))}
    for name in E_MISTAKES[1:]:
        out[name] = normalise_rows(logs[name])
    return out


def _e_step_cases(rng=None):
    """Three ordinary mixtures, then one with a point far from every component.

    With rng: K = 2-4, d = 1-3 (one case 1-D, one 2-D or 3-D), n = 6-12, unequal weights, and a far
    case in 2-D or 3-D with a point 700-1500 away from the means in a random direction, in a random row."""
    if rng is not None:
        return _e_step_cases_fresh(rng)
    rng = np.random.default_rng(5772)
    cases = []
    for number, (n, phi, d) in enumerate(((10, (0.2, 0.5, 0.3), 2), (8, (0.7, 0.3), 1),
                                          (9, (0.15, 0.35, 0.5), 3)), start=1):
        phi, mu, sigma, X = mixture_case(rng, n, phi, d, spread=1.5)
        cases.append(Case(number, f"n = {n}, K = {len(phi)}, d = {d}", (X, phi, mu, sigma)))
    phi, mu, sigma, X = mixture_case(rng, 5, (0.3, 0.4, 0.3), 2, spread=1.5)
    X = np.vstack([X, np.full((1, 2), FAR)])
    cases.append(Case(4, "n = 6, K = 3, d = 2", (X, phi, mu, sigma)))
    return cases


def _unequal_weights(rng, K: int) -> np.ndarray:
    """Mixing weights, each at least 0.08, not all nearly equal (a forgotten φ must show)."""
    while True:
        phi = 0.08 + (1 - 0.08 * K) * rng.dirichlet(np.full(K, 1.5))
        if phi.max() / phi.min() > 1.5:
            return phi


def _e_step_cases_fresh(rng):
    cases = []
    for number, d in enumerate(rng.permutation([1, int(rng.integers(2, 4)), int(rng.integers(1, 4))]), start=1):
        K, n = int(rng.integers(2, 5)), int(rng.integers(6, 13))
        phi, mu, sigma, X = mixture_case(rng, n, _unequal_weights(rng, K), int(d), spread=rng.uniform(1.0, 2.5))
        cases.append(Case(number, f"n = {n}, K = {K}, d = {d}", (X, phi, mu, sigma)))
    K, d, n = int(rng.integers(2, 5)), int(rng.integers(2, 4)), int(rng.integers(4, 8))
    phi, mu, sigma, X = mixture_case(rng, n, _unequal_weights(rng, K), d, spread=1.5)
    u = rng.normal(size=d)
    far_point = np.round(mu.mean(axis=0) + u / np.linalg.norm(u) * rng.uniform(700, 1500))
    X = np.insert(X, int(rng.integers(0, n + 1)), far_point, axis=0)  # every phi_k N(x | ...) underflows there
    cases.append(Case(4, f"n = {n + 1}, K = {K}, d = {d}", (X, phi, mu, sigma)))
    return cases


@checker
def check_e_step(func, *, seed=None) -> CheckResult:
    """Check an E-step ``func(X, phi, mu, sigma) -> responsibilities (n, K)``.

    X (n, d), phi (K,), mu (K, d), sigma (K, d, d), all plain numpy arrays. A returned tuple
    (responsibilities, log_likelihood) is accepted: only its first element is checked.
    Three ordinary cases, then a case with the point (1000, 1000), far from every component,
    where the naive E-step gives 0/0 = NaN ("almost": use log-sum-exp). With ``seed`` (an int),
    fresh mixtures of other sizes, the far point in a random row and direction.

    The density may come from gt.log_pdf (chapter 03 says so); a function that calls gt.e_step,
    gt.log_likelihood, gt.fit, gt.mixture_log_pdf or their kernels is not passed.

    Examples
    --------
    >>> import numpy as np, gmm_teach as gt
    >>> def e_step(X, phi, mu, sigma):
    ...     a = np.log(phi) + gt.log_pdf(X, mu, sigma)  # (n, K)
    ...     m = a.max(axis=1, keepdims=True)
    ...     return np.exp(a - m - np.log(np.exp(a - m).sum(axis=1, keepdims=True)))
    >>> gt.checks.check_e_step(e_step)
    ✓ Correct. e_step agrees with the reference on all 4 cases. It also gives the right responsibilities for a point far from every component, (1000, 1000).
    >>> gt.checks.check_e_step(e_step, seed=20261207).passed
    True
    >>> gt.checks.check_e_step(lambda X, phi, mu, sigma: gt.e_step(X, gt.GMMParams(phi, mu, sigma))[0]).message
    "Not correct. check_e_step: your function calls gmm_teach's own e_step (gt.e_step), so it does not compute the responsibilities itself."
    """
    name = "e_step"
    spec = Spec(name, "e_step(X, phi, mu, sigma)", forbidden=E_STEP_FORBIDDEN, quantity="q_resp")
    cases = _e_step_cases(fresh_rng(seed))
    ordinary = cases[:-1]
    got_list, variants_list, expected_list = [], [], []
    for case in ordinary:
        X, phi, mu, sigma = case.args
        shape = (X.shape[0], len(phi))
        got = as_array(spec, case, first_if_tuple(call(spec, func, case)), shape, "(n, K)", "q_resp")
        got_list.append(got)
        variants_list.append(_e_step_variants(X, phi, mu, sigma))
        expected_list.append(_ref_e_step(X, GMMParams(phi, mu, sigma))[0])
    for i, (case, got, expected) in enumerate(zip(ordinary, got_list, expected_list)):
        if close(got, expected):
            continue
        raise wrong(name, mismatch_text(case, "q_resp", got, expected),
                    _e_step_hint(got_list, variants_list, expected_list, i))
    # the far-away point
    case = cases[-1]
    X, phi, mu, sigma = case.args
    got = as_array(spec, case, first_if_tuple(call(spec, func, case)), (X.shape[0], len(phi)), "(n, K)",
                   "q_resp", finite=False)
    expected = _ref_e_step(X, GMMParams(phi, mu, sigma))[0]
    point = point_text(X[int(np.argmax(np.linalg.norm(X - mu.mean(axis=0), axis=1)))])
    if not close(got, expected):
        what = say("what_nonfinite") if not np.all(np.isfinite(got)) else say("what_values")
        return almost(name, say("almost_far_e", count=len(ordinary), point=point, what=what), say("hint_underflow"))
    return correct(name, func, len(cases), say("correct_far_e", point=point))


def _e_step_hint(got_list, variants_list, expected_list, i: int) -> str:
    """The most specific hint for responsibilities that differ from the reference (in case i first)."""
    got, expected = got_list[i], expected_list[i]
    if close(np.exp(got), expected):
        return say("hint_returned_log_resp")
    rows = got.sum(axis=1)
    if not np.allclose(rows, 1.0, rtol=RTOL, atol=1e-6):
        if np.allclose(got.sum(axis=0), 1.0, rtol=RTOL, atol=1e-6):
            return say("hint_columns")
        if np.isclose(got.sum(), 1.0, rtol=RTOL, atol=1e-6):
            return say("hint_total")
        row = int(np.argmax(np.abs(rows - 1.0)))
        return say("hint_rows", row=row, total=num(float(rows[row])))
    mistake = first_match(got_list, variants_list, E_MISTAKES)
    return say(hint_key(mistake)) if mistake else say("hint_e_step")


# --- chapter 04: the M-step -----------------------------------------------------------------------------------

PHI_MISTAKES = ("phi_over_K", "phi_not_divided")
MU_MISTAKES = ("mu_not_divided", "mu_over_n")
SIGMA_MISTAKES = ("sigma_unbiased", "sigma_np_cov", "sigma_unweighted", "sigma_unweighted_0", "sigma_over_n",
                  "sigma_not_divided", "sigma_no_mean", "sigma_gamma_twice")


def _sigma_from(X, resp, mu, weights=None) -> np.ndarray:
    """sum_n w_nk (x_n - mu_k)(x_n - mu_k)^T, (K, d, d) (not divided)."""
    weights = resp if weights is None else weights
    diff = X[None, :, :] - mu[:, None, :]  # (K, n, d)
    return np.einsum("nk,kni,knj->kij", weights, diff, diff)


def _m_step_variants(X, resp) -> tuple[dict, dict, dict]:
    """phi, mu and sigma, correct and with each typical M-step mistake (sigma with the correct mu)."""
    n, d = X.shape
    K = resp.shape[1]
    N = resp.sum(axis=0)  # (K,)
    mu = resp.T @ X / N[:, None]  # (K, d)
    S = _sigma_from(X, resp, mu)  # (K, d, d)
    cov_all = [np.atleast_2d(np.cov(X, rowvar=False, ddof=ddof)) for ddof in (1, 0)]
    phi_v = {"correct": N / n, "phi_over_K": N / K, "phi_not_divided": N}
    mu_v = {"correct": mu, "mu_not_divided": resp.T @ X, "mu_over_n": resp.T @ X / n}
    sigma_v = {
        "correct": S / N[:, None, None],
        "sigma_unbiased": S / (N - 1)[:, None, None],
        "sigma_np_cov": S / (N - (resp**2).sum(axis=0) / N)[:, None, None],  # np.cov(..., aweights=gamma_k)
        "sigma_unweighted": np.repeat(cov_all[0][None], K, axis=0),
        "sigma_unweighted_0": np.repeat(cov_all[1][None], K, axis=0),
        "sigma_over_n": S / n,
        "sigma_not_divided": S,
        "sigma_no_mean": np.einsum("nk,ni,nj->kij", resp, X, X) / N[:, None, None],
        "sigma_gamma_twice": _sigma_from(X, resp, mu, resp**2) / N[:, None, None],
    }
    return phi_v, mu_v, sigma_v


def _m_step_cases(rng=None):
    """Three (X, responsibilities); with rng: K = 2-4, d = 1-3 (one 1-D, one 2-D or 3-D), n = 3K + d + 2-9."""
    if rng is None:
        rng, sizes = np.random.default_rng(27182), ((12, 3, 2), (10, 2, 1), (14, 2, 3))
    else:
        sizes = []
        for d in rng.permutation([1, int(rng.integers(2, 4)), int(rng.integers(1, 4))]):
            K = int(rng.integers(2, 5))
            sizes.append((3 * K + int(d) + int(rng.integers(2, 10)), K, int(d)))
    cases = []
    for number, (n, K, d) in enumerate(sizes, start=1):
        X = rng.normal(scale=2.0, size=(n, d)) + rng.normal(size=d)
        resp = rng.dirichlet(np.full(K, 1.5), size=n)  # (n, K) rows sum to 1
        cases.append(Case(number, f"n = {n}, K = {K}, d = {d}", (X, resp)))
    return cases


def _unpack_params(spec: Spec, case: Case, value, hint: str, sizes=(3,)):
    """(phi, mu, sigma, *rest) from a tuple / list, a GMMParams-like object or an EMResult-like object."""
    if value is None:
        raise wrong(spec.name, say("none", case=case.text), say("hint_none"))
    if hasattr(value, "params") and hasattr(value, "log_likelihoods"):  # gmm_teach.EMResult
        value = (value.params.phi, value.params.mu, value.params.sigma, value.log_likelihoods)
    elif all(hasattr(value, a) for a in ("phi", "mu", "sigma")):  # GMMParams
        value = (value.phi, value.mu, value.sigma)
    if not isinstance(value, (tuple, list)):
        raise wrong(spec.name, say("returned_type", case=case.text, type=type(value).__name__), say(hint))
    if len(value) not in sizes:
        raise wrong(spec.name, say("returned_count", case=case.text, count=len(value)), say(hint))
    return tuple(value)


def _params_of_shape(spec: Spec, case: Case, values, K: int, d: int):
    phi, mu, sigma = values[:3]
    return (as_array(spec, case, phi, (K,), "(K,)", "q_phi"),
            as_array(spec, case, mu, (K, d), "(K, d)", "q_mu"),
            as_array(spec, case, sigma, (K, d, d), "(K, d, d)", "q_sigma"))


@checker
def check_m_step(func, *, seed=None) -> CheckResult:
    """Check an M-step ``func(X, responsibilities) -> (phi, mu, sigma)``.

    X (n, d), responsibilities (n, K) with rows summing to 1; returns phi (K,), mu (K, d),
    sigma (K, d, d), the maximum-likelihood estimates (divided by N_k, no reg_covar).
    A returned GMMParams is accepted too. With ``seed`` (an int), fresh data of other sizes and
    fresh responsibilities. A function that calls gt.m_step (or fit, init_params, their kernels) is not passed.

    Examples
    --------
    >>> import numpy as np, gmm_teach as gt
    >>> def m_step(X, responsibilities):
    ...     N_k = responsibilities.sum(axis=0)
    ...     mu = responsibilities.T @ X / N_k[:, None]
    ...     diff = X[:, None, :] - mu[None, :, :]  # (n, K, d)
    ...     sigma = np.einsum("nk,nki,nkj->kij", responsibilities, diff, diff) / N_k[:, None, None]
    ...     return N_k / len(X), mu, sigma
    >>> gt.checks.check_m_step(m_step)
    ✓ Correct. m_step agrees with the reference on all 3 cases.
    >>> def m_step_phi_over_K(X, responsibilities):
    ...     phi, mu, sigma = m_step(X, responsibilities)
    ...     return phi * len(X) / responsibilities.shape[1], mu, sigma
    >>> print(gt.checks.check_m_step(m_step_phi_over_K, seed=5).hint)
    φ seems to be divided by K. φ_k = N_k / n, where n is the number of data points.
    """
    name = "m_step"
    spec = Spec(name, "m_step(X, responsibilities)", forbidden=M_STEP_FORBIDDEN, quantity="q_params")
    cases = _m_step_cases(fresh_rng(seed))
    got_list, variants_list = [], []
    for case in cases:
        X, resp = case.args
        values = _unpack_params(spec, case, call(spec, func, case), "hint_m_return")
        got_list.append(_params_of_shape(spec, case, values, resp.shape[1], X.shape[1]))
        variants_list.append(_m_step_variants(X, resp))
        reference = _ref_m_step(X, resp, reg_covar=0.0)
        for variants, value in zip(variants_list[-1], (reference.phi, reference.mu, reference.sigma)):
            variants["correct"] = value  # the package's own answer is the reference
    compare_parts(name, cases, got_list, variants_list,
                  (("q_phi", PHI_MISTAKES, "hint_phi"), ("q_mu", MU_MISTAKES, "hint_mu"),
                   ("q_sigma", SIGMA_MISTAKES, "hint_sigma")), after={2: (1, "hint_sigma_after_mu")})
    return correct(name, func, len(cases))


# --- chapter 05: the whole EM loop ----------------------------------------------------------------------------

def _em_cases(rng=None):
    """(X, phi0, mu0, sigma0, n_iter): one iteration from a non-uniform start, ten on the chapter's mixture, five in 1-D.

    With rng: the same three kinds (one iteration in 2-D; 6-12 iterations with K = 2-4 in 2-D or 3-D;
    3-7 iterations in 1-D) on fresh mixtures, starts and sizes."""
    if rng is not None:
        return [_em_case_fresh(rng, number, kind) for number, kind in ((1, "one"), (2, "many"), (3, "1d"))]
    rng = np.random.default_rng(1977)
    truth = GMMParams([0.4, 0.6], [[0.0, 0.0], [2.5, 1.5]], [[[1.0, 0.3], [0.3, 0.7]], [[0.8, -0.2], [-0.2, 1.2]]])
    X1, _ = sample(truth, 30, seed=int(rng.integers(2**31)))
    phi1 = np.array([0.35, 0.65])
    mu1 = X1[[0, 1]] + np.array([[0.3, -0.2], [0.1, 0.4]])
    sigma1 = np.array([[[1.5, 0.4], [0.4, 0.8]], [[0.7, -0.2], [-0.2, 1.2]]])
    X2, z = sample(TEXTBOOK_TRUTH, 45, seed=int(rng.integers(2**31)))
    first = [int(np.flatnonzero(z == k)[0]) for k in range(3)]  # one starting mean in each true cluster
    phi2 = np.full(3, 1 / 3)
    mu2 = X2[first]
    sigma2 = np.repeat(np.cov(X2, rowvar=False)[None], 3, axis=0)  # the chapter's start: the data covariance
    truth3 = GMMParams([0.3, 0.7], [[-1.0], [2.0]], [[[0.5]], [[1.5]]])
    X3, _ = sample(truth3, 25, seed=int(rng.integers(2**31)))
    phi3, mu3, sigma3 = np.array([0.6, 0.4]), np.array([[-0.5], [1.0]]), np.array([[[1.0]], [[2.0]]])
    return [Case(1, "n = 30, K = 2, d = 2, n_iter = 1", (X1, phi1, mu1, sigma1, 1)),
            Case(2, "n = 45, K = 3, d = 2, n_iter = 10", (X2, phi2, mu2, sigma2, 10)),
            Case(3, "n = 25, K = 2, d = 1, n_iter = 5", (X3, phi3, mu3, sigma3, 5))]


def _em_case_fresh(rng, number: int, kind: str) -> Case:
    """A fresh EM case: a random mixture, a sample of it, a start near it; drawn again until EM without
    reg_covar runs n_iter iterations without a collapse and the log-likelihood rises by more than 0.1
    at each one (so a loop with the chapter's convergence test, tol up to 0.1, does not stop early)."""
    while True:
        d = {"one": 2, "many": int(rng.integers(2, 4)), "1d": 1}[kind]
        K = {"one": 2, "many": int(rng.integers(2, 5)), "1d": 2}[kind]
        n_iter = {"one": 1, "many": int(rng.integers(6, 13)), "1d": int(rng.integers(3, 8))}[kind]
        n = int(rng.integers(12, 20)) * K
        truth = GMMParams(_unequal_weights(rng, K), rng.normal(scale=2.5, size=(K, d)),
                          np.stack([random_spd(rng, d, rng.uniform(0.4, 1.2)) for _ in range(K)]))
        X, z = sample(truth, n, seed=int(rng.integers(2**31)))
        if np.bincount(z, minlength=K).min() < d + 2:
            continue
        first = [int(rng.choice(np.flatnonzero(z == k))) for k in range(K)]  # one starting mean in each cluster
        phi0 = _unequal_weights(rng, K)
        mu0 = X[first] + rng.normal(scale=0.3, size=(K, d))
        sigma0 = np.stack([random_spd(rng, d, rng.uniform(0.6, 1.6)) for _ in range(K)])
        try:
            reference = _reference_em(X, phi0, mu0, sigma0, n_iter)
        except (ComponentCollapseError, ValueError):
            continue
        lls = np.concatenate([[_log_likelihood_variants(X, GMMParams(phi0, mu0, sigma0))["correct"]],
                              reference.log_likelihoods])
        if np.all(np.diff(lls) > 0.1) and all(np.linalg.eigvalsh(s).min() > 1e-3 for s in reference.params.sigma):
            return Case(number, f"n = {n}, K = {K}, d = {d}, n_iter = {n_iter}", (X, phi0, mu0, sigma0, n_iter))


def _reference_em(X, phi, mu, sigma, n_iter: int):
    """gmm_teach.fit from the given start, no reg_covar, exactly n_iter iterations."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return _ref_fit(X, len(phi), init=GMMParams(phi, mu, sigma), reg_covar=0.0, max_iter=n_iter, tol=0.0)


def _log_likelihood_variants(X, params: GMMParams) -> dict:
    """Total log-likelihood under params, correct and with each density mistake."""
    logs = log_weighted(X, params.phi, params.mu, params.sigma)  # name -> (n, K)
    return {name: float(logsumexp(v, axis=1).sum()) for name, v in logs.items()}


def _em_stage_variants(X, phi, mu, sigma) -> list:
    """(phi, mu, sigma) after one iteration with one typical E-step or M-step mistake: [(hint, triple)]."""
    out = []
    logs = log_weighted(X, phi, mu, sigma)
    raw = np.exp(logs["correct"])  # phi_k N(x_n | mu_k, Sigma_k), not normalised
    e_variants = dict(_e_step_variants(X, phi, mu, sigma))
    e_variants["rows_plain"] = raw
    e_variants["columns"] = raw / raw.sum(axis=0)

    def m(resp, phi_key="correct", mu_key="correct", sigma_key="correct"):
        phi_v, mu_v, sigma_v = _m_step_variants(X, resp)
        new_mu = mu_v[mu_key]
        new_sigma = (sigma_v[sigma_key] if mu_key == "correct"
                     else _sigma_from(X, resp, new_mu) / resp.sum(axis=0)[:, None, None])
        return phi_v[phi_key], new_mu, new_sigma

    for mistake, resp in e_variants.items():
        out.append((say("hint_em_stage_e", inner=say(hint_key(mistake))), m(resp)))
    resp = normalise_rows(logs["correct"])
    for key_name, mistakes in (("phi_key", PHI_MISTAKES), ("mu_key", MU_MISTAKES), ("sigma_key", SIGMA_MISTAKES)):
        for mistake in mistakes:
            out.append((say("hint_em_stage_m", inner=say(hint_key(mistake))), m(resp, **{key_name: mistake})))
    return out


@checker
def check_em(func, *, seed=None) -> CheckResult:
    """Check a whole EM loop ``func(X, phi, mu, sigma, n_iter) -> (phi, mu, sigma, log_likelihoods)``.

    Starting from the given phi (K,), mu (K, d), sigma (K, d, d), run n_iter iterations of
    E-step then M-step (no reg_covar) and record the total log-likelihood after each M-step,
    as the chapter does: log_likelihoods has n_iter values. Compared with gmm_teach.fit from the
    same start (exactly n_iter iterations). Also accepted: the chapter's order (phi, mu, sigma,
    responsibilities, log_likelihoods) and a gmm_teach.EMResult. A convergence test with the
    chapter's tol = 1e-5 (or anything up to 0.1) never stops early on these cases. With ``seed``
    (an int), the same three kinds of case on fresh mixtures, starts and numbers of iterations.

    The density may come from gt.log_pdf; a function that calls gt.fit, gt.e_step, gt.m_step,
    gt.log_likelihood, gt.mixture_log_pdf, gt.init_params, gt.textbook.em_gmm or their kernels is not passed.

    Examples
    --------
    >>> import numpy as np, gmm_teach as gt
    >>> def em(X, phi, mu, sigma, n_iter):
    ...     log_likelihoods = []
    ...     for _ in range(n_iter):
    ...         a = np.log(phi) + gt.log_pdf(X, mu, sigma)  # (n, K)
    ...         m = a.max(axis=1, keepdims=True)
    ...         responsibilities = np.exp(a - m) / np.exp(a - m).sum(axis=1, keepdims=True)
    ...         N_k = responsibilities.sum(axis=0)
    ...         phi, mu = N_k / len(X), responsibilities.T @ X / N_k[:, None]
    ...         diff = X[:, None, :] - mu[None, :, :]
    ...         sigma = np.einsum("nk,nki,nkj->kij", responsibilities, diff, diff) / N_k[:, None, None]
    ...         a = np.log(phi) + gt.log_pdf(X, mu, sigma)
    ...         m = a.max(axis=1)
    ...         log_likelihoods.append(np.sum(m + np.log(np.exp(a - m[:, None]).sum(axis=1))))
    ...     return phi, mu, sigma, log_likelihoods
    >>> gt.checks.check_em(em).passed, gt.checks.check_em(em, seed=11).passed
    (True, True)
    """
    name = "em"
    spec = Spec(name, "em(X, phi, mu, sigma, n_iter)", forbidden=EM_FORBIDDEN, quantity="q_em")
    cases = _em_cases(fresh_rng(seed))
    for case in cases:
        X, phi0, mu0, sigma0, n_iter = case.args
        K, d = mu0.shape
        values = _unpack_params(spec, case, call(spec, func, case), "hint_em_return", sizes=(4, 5))
        got = _params_of_shape(spec, case, values, K, d)
        lls = values[-1]
        if lls is None:
            raise wrong(name, say("ll_length", case=case.text, got=0, n_iter=n_iter), say("hint_ll_length"))
        lls = as_array(spec, case, lls, None, "(n_iter,)", "q_ll", finite=False).ravel()  # a list is fine
        if lls.size != n_iter:
            raise wrong(name, say("ll_length", case=case.text, got=lls.size, n_iter=n_iter), say("hint_ll_length"))
        lls = as_array(spec, case, lls, (n_iter,), "(n_iter,)", "q_ll")
        reference = _reference_em(X, phi0, mu0, sigma0, n_iter)
        expected = (reference.params.phi, reference.params.mu, reference.params.sigma)
        wrong_parts = [p for p in range(3) if not close(got[p], expected[p])]
        if wrong_parts:
            part = wrong_parts[0]
            quantity = ("q_phi", "q_mu", "q_sigma")[part]
            message = mismatch_text(case, quantity, got[part], expected[part])
            raise wrong(name, message, _em_hint(spec, func, case, got, lls))
        if not close(lls, reference.log_likelihoods):
            message = mismatch_text(case, "q_ll", lls, reference.log_likelihoods)
            raise wrong(name, message, _ll_hint(X, lls, reference))
    return correct(name, func, len(cases))


def _em_hint(spec: Spec, func, case: Case, got, lls) -> str:
    """Which stage is wrong: after one iteration from the case's start, compare with each typical mistake."""
    X, phi0, mu0, sigma0, n_iter = case.args
    decreases = [t for t in range(1, len(lls)) if lls[t] < lls[t - 1] - 1e-8 * abs(lls[t - 1])]
    extra = say("hint_ll_decreases", t=decreases[0]) if decreases else ""
    if n_iter != 1:  # run the learner's loop once from the same start: is the first iteration already wrong?
        once = Case(case.number, case.desc, (X, phi0, mu0, sigma0, 1))
        try:
            values = _unpack_params(spec, once, call(spec, func, once), "hint_em_return", sizes=(4, 5))
            got = _params_of_shape(spec, once, values, *mu0.shape)
        except Verdict:
            return join(say("hint_em"), extra)
        first = _reference_em(X, phi0, mu0, sigma0, 1).params
        if all(close(g, e) for g, e in zip(got, (first.phi, first.mu, first.sigma))):
            return join(say("hint_em_loop"), extra)
    for hint, triple in _em_stage_variants(X, phi0, mu0, sigma0):
        if all(close(g, v) for g, v in zip(got, triple)):
            return hint
    return join(say("hint_em"), extra)


def _ll_hint(X, lls, reference) -> str:
    """Why the log-likelihoods differ when the parameters are right."""
    before = [_log_likelihood_variants(X, p)["correct"] for p in reference.history[:-1]]
    if close(lls, np.array(before)):
        return say("hint_ll_before")
    if close(lls, reference.log_likelihoods / X.shape[0]):
        return say("hint_ll_mean")
    variants = [_log_likelihood_variants(X, p) for p in reference.history[1:]]
    for mistake in DENSITY_MISTAKES:
        if close(lls, np.array([v[mistake] for v in variants])):
            return say("hint_ll_variant", inner=say(hint_key(mistake)))
    return say("hint_ll")


__all__ = ["check_log_sum_exp", "check_e_step", "check_m_step", "check_em"]
