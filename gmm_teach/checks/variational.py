"""Checkers of chapter 11 (the variational Bayesian Gaussian mixture): the updates of the factorised q.

    check_dirichlet_posterior(func)     func(alpha0, N_k) -> (alpha, expected_phi):
                                        alpha_k = alpha0 + N_k, E[phi_k] = alpha_k / sum_j alpha_j
    check_expected_log_phi(func)        func(alpha) -> E[ln phi_k] = psi(alpha_k) - psi(sum_j alpha_j)
    check_gaussian_wishart_mean(func)   func(beta0, m0, N_k, x_bar) -> (beta, m):
                                        beta_k = beta0 + N_k, m_k = (beta0 m0 + N_k x_bar_k) / beta_k

The answer is compared with a reference computed here (numpy only, with gmm_teach._math.digamma for psi,
so that the package needs no scipy), and a wrong answer with the typical mistakes: alpha0
forgotten, alpha0 - 1 + N_k (the exponent of phi_k in the density taken for alpha_k), the
maximum-likelihood weights N_k / N instead of E[phi_k], the mode of the Dirichlet instead of its mean,
ln(alpha_k / sum alpha) instead of psi(alpha_k) - psi(sum alpha), beta0 m0 forgotten, a division by N_k
instead of beta_k, ...

Every checker takes ``seed=None`` (the fixed cases the chapter shows) or an int (fresh hidden cases drawn
from ``np.random.default_rng(seed)``), and rejects a function that calls gmm_teach's own variational
implementation (``gt.fit_variational`` and every function of ``gmm_teach.variational``) or the worked
solutions.
"""
from __future__ import annotations

import importlib
import inspect

import numpy as np

from .._math import digamma  # psi, numpy only: the package needs no scipy (a tool the learner may use too)
from ._framework import (Case, CheckResult, Spec, as_array, call, checker, close, correct, fresh_rng, mismatch_text,
                         say, wrong)


# --- what the learner's function may not call ----------------------------------------------------------------

def _forbidden() -> tuple:
    """gt.fit_variational first (the reference a guard verdict names), then every function of gmm_teach.variational
    (its private kernels too, so that importing one does not escape). Empty while the module does not exist."""
    try:
        module = importlib.import_module("gmm_teach.variational")
    except ImportError:  # pragma: no cover - the module is part of the package
        return ()
    functions = [value for value in vars(module).values()
                 if inspect.isfunction(value) and value.__module__ == module.__name__]
    fit = getattr(module, "fit_variational", None)
    first = [fit] if fit is not None else []
    return tuple(first + [f for f in functions if f is not fit])


def _spec(name: str, call_text: str, quantity: str) -> Spec:
    return Spec(name, call_text, quantity=quantity, forbidden=_forbidden())


# --- fresh cases from a seed ------------------------------------------------------------------------------

def _counts(rng, K: int, total: float) -> np.ndarray:
    """N_k for K components: random soft counts summing to about `total`, one of them nearly empty (0.001-0.01)."""
    N_k = rng.dirichlet(np.full(K, 1.5)) * total
    N_k[int(rng.integers(K))] = rng.uniform(0.001, 0.01)  # a component the data have left: alpha_k is about alpha0
    return N_k


def _dirichlet_cases(seed=None):
    """(alpha0, N_k): K = 3, 6, 2 with alpha0 = 0.01, 1, 2.5, each with a nearly empty component; with a seed,
    K 2-8, alpha0 log-uniform in [1e-3, 10] and the counts summing to 10-400."""
    rng = fresh_rng(seed)
    if rng is None:
        rng = np.random.default_rng(1101)
        settings = ((3, 0.01, 120.0), (6, 1.0, 272.0), (2, 2.5, 15.0))
    else:
        settings = tuple((int(rng.integers(2, 9)), float(np.exp(rng.uniform(np.log(1e-3), np.log(10.0)))),
                          float(rng.uniform(10, 400))) for _ in range(3))
    return [Case(i, f"K = {K}, alpha0 = {alpha0:.3g}", (alpha0, _counts(rng, K, total)))
            for i, (K, alpha0, total) in enumerate(settings, start=1)]


def _alpha_cases(seed=None):
    """alpha (K,): posterior-looking concentrations alpha0 + N_k, one near alpha0 (small: where psi and ln differ most)."""
    fresh_rng(seed)  # a bad seed raises TypeError / ValueError before it is shifted
    return [Case(c.number, f"K = {len(c.args[1])}, alpha = alpha0 + N_k", (c.args[0] + c.args[1],))
            for c in _dirichlet_cases(None if seed is None else int(seed) + 1)]


def _mean_cases(seed=None):
    """(beta0, m0, N_k, x_bar): (K, d) = (3, 2), (4, 1), (2, 3); with a seed K 2-6, d 1-4, beta0 log-uniform."""
    rng = fresh_rng(seed)
    if rng is None:
        rng = np.random.default_rng(1102)
        settings = ((3, 2, 1.0, 200.0), (4, 1, 0.05, 60.0), (2, 3, 4.0, 25.0))
    else:
        settings = tuple((int(rng.integers(2, 7)), int(rng.integers(1, 5)),
                          float(np.exp(rng.uniform(np.log(1e-2), np.log(20.0)))), float(rng.uniform(10, 400)))
                         for _ in range(3))
    cases = []
    for i, (K, d, beta0, total) in enumerate(settings, start=1):
        m0 = rng.normal(scale=1.5, size=d)
        x_bar = m0 + rng.normal(scale=3.0, size=(K, d))
        cases.append(Case(i, f"K = {K}, d = {d}, beta0 = {beta0:.3g}", (beta0, m0, _counts(rng, K, total), x_bar)))
    return cases


# --- the answers, right and wrong -------------------------------------------------------------------------

def _dirichlet_variants(alpha0, N_k) -> dict:
    alpha = alpha0 + N_k
    K = len(N_k)
    return {"correct": (alpha, alpha / alpha.sum()),
            "dir_no_alpha0": (N_k, N_k / N_k.sum()),
            "dir_minus_one": (alpha - 1, (alpha - 1) / (alpha - 1).sum()),
            "dir_ml_phi": (alpha, N_k / N_k.sum()),
            "dir_mode": (alpha, (alpha - 1) / (alpha.sum() - K)),
            "dir_unnormalised": (alpha, alpha),
            "dir_sum_one_alpha0": (alpha, alpha / (alpha0 + N_k.sum()))}


DIRICHLET_MISTAKES = ("dir_no_alpha0", "dir_minus_one", "dir_ml_phi", "dir_mode", "dir_unnormalised", "dir_sum_one_alpha0")


def _elogphi_variants(alpha) -> dict:
    total = alpha.sum()
    return {"correct": digamma(alpha) - digamma(total),
            "elp_log_mean": np.log(alpha / total),
            "elp_no_sum": digamma(alpha),
            "elp_log_sum": digamma(alpha) - np.log(total),
            "elp_sum_psi": digamma(alpha) - digamma(alpha).sum(),
            "elp_psi_of_mean": digamma(alpha / total)}


ELOGPHI_MISTAKES = ("elp_log_mean", "elp_no_sum", "elp_log_sum", "elp_sum_psi", "elp_psi_of_mean")


def _mean_variants(beta0, m0, N_k, x_bar) -> dict:
    beta = beta0 + N_k
    weighted = beta0 * m0 + N_k[:, None] * x_bar
    return {"correct": (beta, weighted / beta[:, None]),
            "gw_no_prior_mean": (beta, N_k[:, None] * x_bar / beta[:, None]),
            "gw_divide_N": (beta, weighted / N_k[:, None]),
            "gw_no_beta0": (N_k, weighted / N_k[:, None]),
            "gw_ml_mean": (beta, x_bar.copy()),
            "gw_unweighted_xbar": (beta, (beta0 * m0 + x_bar) / beta[:, None]),
            "gw_average": (beta, (m0 + x_bar) / 2)}


MEAN_MISTAKES = ("gw_no_prior_mean", "gw_divide_N", "gw_no_beta0", "gw_ml_mean", "gw_unweighted_xbar", "gw_average")


# --- comparing -------------------------------------------------------------------------------------------

def _pair(spec: Spec, case: Case, value, shapes, shape_names, quantities, return_hint: str):
    """The returned pair as two float arrays of the given shapes, or a verdict."""
    if value is None:
        raise wrong(spec.name, say("none", case=case.text), say("hint_none"))
    if not isinstance(value, (tuple, list)):
        raise wrong(spec.name, say("returned_type", case=case.text, type=type(value).__name__), say(return_hint))
    if len(value) != 2:
        raise wrong(spec.name, say("returned_count", case=case.text, count=len(value)), say(return_hint))
    if shapes[0] != shapes[1] and tuple(np.shape(value[0])) == shapes[1] and tuple(np.shape(value[1])) == shapes[0]:
        raise wrong(spec.name, say("returned_swapped", case=case.text, first=shape_names[0], second=shape_names[1]),
                    say(return_hint))  # (m, beta) for (beta, m)
    return tuple(as_array(spec, case, v, shape, shape_name, quantity)
                 for v, shape, shape_name, quantity in zip(value, shapes, shape_names, quantities))


def _compare_pairs(name, cases, got_list, variants_list, mistakes, quantities, generic_hints):
    """A verdict at the first case and part that differ from the reference, naming the mistake that fits every case."""
    for case, got, variants in zip(cases, got_list, variants_list):
        for part in range(2):
            expected = variants["correct"][part]
            if close(got[part], expected):
                continue
            mistake = next((m for m in mistakes
                            if all(close(g[0], v[m][0]) and close(g[1], v[m][1])
                                   for g, v in zip(got_list, variants_list))), None)
            hint = say("hint_" + mistake) if mistake else say(generic_hints[part])
            raise wrong(name, mismatch_text(case, quantities[part], got[part], expected), hint)


# --- the checkers ---------------------------------------------------------------------------------------

@checker
def check_dirichlet_posterior(func, *, seed=None) -> CheckResult:
    """Check func(alpha0, N_k) -> (alpha, expected_phi): the Dirichlet factor q(phi) = Dir(phi | alpha) of the
    variational GMM, alpha_k = alpha0 + N_k, and its mean E[phi_k] = alpha_k / sum_j alpha_j. alpha0 is a float,
    N_k a (K,) array of soft counts (one component nearly empty). Three cases (K = 3, 6, 2; with an int seed,
    random K, alpha0 and counts).

    Examples
    --------
    >>> import numpy as np, gmm_teach as gt
    >>> def dirichlet_posterior(alpha0, N_k):
    ...     alpha = alpha0 + N_k
    ...     return alpha, alpha / alpha.sum()
    >>> gt.checks.check_dirichlet_posterior(dirichlet_posterior).passed
    True
    >>> gt.checks.check_dirichlet_posterior(lambda alpha0, N_k: (alpha0 + N_k, N_k / N_k.sum())).passed
    False
    """
    name = "dirichlet_posterior"
    spec = _spec(name, "dirichlet_posterior(alpha0, N_k)", "q_vb_dirichlet")
    cases = _dirichlet_cases(seed)
    got_list, variants_list = [], []
    for case in cases:
        K = len(case.args[1])
        got_list.append(_pair(spec, case, call(spec, func, case), ((K,), (K,)), ("alpha (K,)", "expected_phi (K,)"),
                              ("q_vb_alpha", "q_vb_phi"), "hint_dir_return"))
        variants_list.append(_dirichlet_variants(*case.args))
    _compare_pairs(name, cases, got_list, variants_list, DIRICHLET_MISTAKES, ("q_vb_alpha", "q_vb_phi"),
                   ("hint_dir_alpha", "hint_dir_phi"))
    return correct(name, func, len(cases))


@checker
def check_expected_log_phi(func, *, seed=None) -> CheckResult:
    """Check func(alpha) -> E[ln phi_k] = psi(alpha_k) - psi(sum_j alpha_j) under q(phi) = Dir(phi | alpha), (K,).
    psi is the digamma function (scipy.special.digamma). Three cases with a small alpha_k among them, where
    ln(alpha_k / sum alpha) is far off (with an int seed, random K and alpha).

    Examples
    --------
    >>> import numpy as np, gmm_teach as gt
    >>> from gmm_teach._math import digamma  # scipy.special.digamma in the notebook
    >>> gt.checks.check_expected_log_phi(lambda alpha: digamma(alpha) - digamma(alpha.sum())).passed
    True
    >>> gt.checks.check_expected_log_phi(lambda alpha: np.log(alpha / alpha.sum())).passed
    False
    """
    name = "expected_log_phi"
    spec = _spec(name, "expected_log_phi(alpha)", "q_vb_elogphi")
    cases = _alpha_cases(seed)
    got_list, variants_list = [], []
    for case in cases:
        K = len(case.args[0])
        got_list.append(as_array(spec, case, call(spec, func, case), (K,), "(K,)", "q_vb_elogphi"))
        variants_list.append(_elogphi_variants(*case.args))
    for case, got, variants in zip(cases, got_list, variants_list):
        if not close(got, variants["correct"]):
            mistake = next((m for m in ELOGPHI_MISTAKES
                            if all(close(g, v[m]) for g, v in zip(got_list, variants_list))), None)
            raise wrong(name, mismatch_text(case, "q_vb_elogphi", got, variants["correct"]),
                        say("hint_" + mistake) if mistake else say("hint_elp"))
    return correct(name, func, len(cases))


@checker
def check_gaussian_wishart_mean(func, *, seed=None) -> CheckResult:
    """Check func(beta0, m0, N_k, x_bar) -> (beta, m): the Gaussian part of the Gaussian-Wishart factor
    q(mu_k | Lambda_k) = N(mu_k | m_k, (beta_k Lambda_k)^-1), beta_k = beta0 + N_k and
    m_k = (beta0 m0 + N_k x_bar_k) / beta_k. beta0 a float, m0 (d,), N_k (K,) (one component nearly empty),
    x_bar (K, d); the answer (K,) and (K, d). Three cases ((K, d) = (3, 2), (4, 1), (2, 3); with an int seed,
    random sizes and values).

    Examples
    --------
    >>> import numpy as np, gmm_teach as gt
    >>> def gaussian_wishart_mean(beta0, m0, N_k, x_bar):
    ...     beta = beta0 + N_k
    ...     return beta, (beta0 * m0 + N_k[:, None] * x_bar) / beta[:, None]
    >>> gt.checks.check_gaussian_wishart_mean(gaussian_wishart_mean).passed
    True
    """
    name = "gaussian_wishart_mean"
    spec = _spec(name, "gaussian_wishart_mean(beta0, m0, N_k, x_bar)", "q_vb_mean")
    cases = _mean_cases(seed)
    got_list, variants_list = [], []
    for case in cases:
        K, d = case.args[3].shape
        got_list.append(_pair(spec, case, call(spec, func, case), ((K,), (K, d)), ("beta (K,)", "m (K, d)"),
                              ("q_vb_beta", "q_vb_m"), "hint_gw_return"))
        variants_list.append(_mean_variants(*case.args))
    _compare_pairs(name, cases, got_list, variants_list, MEAN_MISTAKES, ("q_vb_beta", "q_vb_m"),
                   ("hint_gw_beta", "hint_gw_m"))
    return correct(name, func, len(cases))


__all__ = ["check_dirichlet_posterior", "check_expected_log_phi", "check_gaussian_wishart_mean"]
