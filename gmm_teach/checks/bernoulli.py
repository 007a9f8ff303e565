"""Checkers of chapter 12 (Bernoulli mixtures).

    check_bernoulli_log_pdf(func)  func(X, p) -> ln p(x_n | p_k) for every point and component, (n, K)
    check_bernoulli_m_step(func)   func(X, responsibilities) -> (phi, p), the weighted maximum likelihood

A wrong answer is compared with the answers of the typical mistakes (the (1 − x) ln(1 − p) term forgotten,
the probability instead of its log, p divided by N instead of N_k, unweighted or hard-assigned prototypes,
...) to name the mistake. The log-probability checker ends with a case of d = 64 pixels (the digits' size)
and prototypes near 0 and 1, where the product of the per-pixel probabilities underflows to 0 ("almost":
take the sum of the logs).

Every checker takes ``seed=None`` (the fixed cases the chapter shows) or an int (fresh hidden cases drawn
from np.random.default_rng(seed)), and rejects a function that calls gmm_teach's own Bernoulli code (the
public functions and the private kernels behind them, see ``_forbidden``) or the worked solutions.
"""
from __future__ import annotations

import functools
import importlib
import inspect

import numpy as np

from ._framework import (Case, CheckResult, Spec, almost, as_array, call, checker, close, compare, compare_parts,
                         correct, fresh_rng, say, wrong)

LOG_MISTAKES = ("bern_probability", "bern_no_complement", "bern_complement_no_log", "bern_swapped", "bern_mean")
PHI_MISTAKES = ("phi_over_K", "phi_not_divided")  # the hints of chapter 04 (gmm_teach/messages/checks/em_steps.py)
P_MISTAKES = ("bern_p_over_n", "bern_p_not_divided", "bern_p_unweighted", "bern_p_hard")

EXTREME = 1e-12  # the large case's prototypes lie within this of 0 and 1: a product over 64 pixels underflows


# --- the reference and the guard ------------------------------------------------------------------------

def _module():
    """gmm_teach.bernoulli (imported when a checker first runs)."""
    return importlib.import_module("gmm_teach.bernoulli")


@functools.lru_cache(maxsize=None)
def _forbidden(first: str) -> tuple:
    """What a learner's function may not call: the reference `first`, then every other public function of
    gmm_teach.bernoulli and every private function defined there (the kernels, the initialisation, the fit)."""
    bern = _module()
    own = [obj for name, obj in vars(bern).items()
           if inspect.isfunction(obj) and getattr(obj, "__module__", "") == bern.__name__
           and not name.startswith(("check_", "_check_"))]  # the argument checks compute nothing
    reference = getattr(bern, first)
    return (reference, *[fn for fn in own if fn is not reference])


def _ref_log_pdf(X, p):
    return np.asarray(_module().bernoulli_log_pdf(X, p), dtype=float)


def _ref_m_step(X, resp):
    params = _module().bernoulli_m_step(X, resp, alpha=0.0)
    return np.asarray(params.phi, dtype=float), np.asarray(params.p, dtype=float)


# --- the log-probability ------------------------------------------------------------------------------------

def _log_variants(X, p) -> dict:
    """ln p(x_n | p_k), (n, K), with each typical mistake."""
    log_p, log_q = np.log(p), np.log(1 - p)
    ones = X @ log_p.T
    correct = ones + (1 - X) @ log_q.T
    return {
        "correct": correct,
        "bern_probability": np.exp(correct),
        "bern_no_complement": ones,
        "bern_complement_no_log": ones + (1 - X) @ (1 - p).T,
        "bern_swapped": X @ log_q.T + (1 - X) @ log_p.T,
        "bern_mean": correct / X.shape[1],
    }


def _binary(rng, n, d, rate):
    return (rng.random((n, d)) < rate).astype(float)


def _log_cases(rng=None):
    """Three ordinary cases (n = 5-9, K = 2-4, d = 4-9, n != K), then d = 64 with prototypes near 0 and 1."""
    fixed = rng is None
    rng = np.random.default_rng(1212) if fixed else rng
    sizes = ((6, 3, 5), (8, 2, 7), (5, 4, 9)) if fixed else [
        (int(rng.integers(5, 10)), int(rng.integers(2, 5)), int(rng.integers(4, 10))) for _ in range(3)]
    cases = []
    for number, (n, K, d) in enumerate(sizes, start=1):
        p = rng.uniform(0.05, 0.95, size=(K, d))
        cases.append(Case(number, f"n = {n}, K = {K}, d = {d}", (_binary(rng, n, d, 0.45), p)))
    cases.append(_large_case(rng, 4, 64))
    return cases


def _large_case(rng, number: int, d: int) -> Case:
    """Prototypes of d pixels, most of them within EXTREME of 0 or 1 (as learned prototypes are), a quarter in
    between; points that are noisy copies of the prototypes, and one point the negative of prototype 0, so that
    some ln p(x_n | p_k) lie far below -745 (where exp underflows to 0)."""
    K, n = int(rng.integers(3, 5)), int(rng.integers(6, 9))
    pattern = _binary(rng, K, d, 0.4)
    p = np.where(pattern == 1, 1 - EXTREME, EXTREME)
    middle = rng.random((K, d)) < 0.25
    p[middle] = rng.uniform(0.2, 0.8, size=int(middle.sum()))
    z = rng.integers(0, K, size=n)
    X = pattern[z].copy()
    flip = rng.random((n, d)) < 0.05
    X[flip] = 1 - X[flip]
    X[int(rng.integers(0, n))] = 1 - pattern[0]
    return Case(number, f"n = {n}, K = {K}, d = {d}", (X, p))


@checker
def check_bernoulli_log_pdf(func, *, seed=None) -> CheckResult:
    """Check ``func(X, p) -> (n, K)``: element [n, k] is ln p(x_n | p_k) = Σ_i [x_ni ln p_ki + (1 − x_ni) ln(1 − p_ki)].

    X (n, d) of 0s and 1s, p (K, d) with entries strictly between 0 and 1. Three ordinary cases, then one of
    d = 64 pixels with prototypes within 1e-12 of 0 and 1, where the product of the per-pixel probabilities
    underflows to 0 ("almost": sum the logs instead). With ``seed`` (an int), fresh cases of other sizes.
    A function that calls gmm_teach's own Bernoulli code (gt.bernoulli_log_pdf, the E-step, the fit, their
    kernels) is not passed.

    Examples
    --------
    >>> import numpy as np, gmm_teach as gt
    >>> def bernoulli_log_pdf(X, p):
    ...     return X @ np.log(p).T + (1 - X) @ np.log(1 - p).T
    >>> gt.checks.check_bernoulli_log_pdf(bernoulli_log_pdf)
    ✓ Correct. bernoulli_log_pdf agrees with the reference on all 4 cases. It also gives the right finite values for d = 64 pixels, without underflow.
    >>> gt.checks.check_bernoulli_log_pdf(lambda X, p: X @ np.log(p).T).hint[:40]
    'Only the term Σ_i x_ni ln p_ki seems to '
    """
    name = "bernoulli_log_pdf"
    spec = Spec(name, "bernoulli_log_pdf(X, p)", forbidden=_forbidden("bernoulli_log_pdf"), quantity="q_bern_log")
    cases = _log_cases(fresh_rng(seed))
    ordinary = cases[:-1]
    got_list, expected_list, variants_list = [], [], []
    for case in ordinary:
        X, p = case.args
        got_list.append(as_array(spec, case, call(spec, func, case), (X.shape[0], p.shape[0]), "(n, K)", "q_bern_log"))
        expected_list.append(_ref_log_pdf(X, p))
        variants_list.append(_log_variants(X, p))
    compare(name, "q_bern_log", ordinary, got_list, expected_list, variants_list, LOG_MISTAKES, "hint_bern_log_pdf")
    case = cases[-1]
    X, p = case.args
    got = as_array(spec, case, call(spec, func, case), (X.shape[0], p.shape[0]), "(n, K)", "q_bern_log",
                   finite=False)
    if not close(got, _ref_log_pdf(X, p)):
        nonfinite = not np.all(np.isfinite(got))
        what = say("what_nonfinite") if nonfinite else say("what_values")
        hint = say("hint_bern_underflow") if nonfinite or np.any(got == 0) else say("hint_bern_large_values")
        return almost(name, say("almost_bern_large", count=len(ordinary), d=X.shape[1], what=what), hint)
    return correct(name, func, len(cases), say("correct_bern_large", d=X.shape[1]))


# --- the M-step ------------------------------------------------------------------------------------------------

def _m_variants(X, resp) -> tuple[dict, dict]:
    """phi and p, correct and with each typical mistake."""
    n = X.shape[0]
    K = resp.shape[1]
    N_k = resp.sum(axis=0)
    weighted = resp.T @ X  # (K, d)
    hard = np.eye(K)[resp.argmax(axis=1)]
    phi_v = {"correct": N_k / n, "phi_over_K": N_k / K, "phi_not_divided": N_k}
    p_v = {
        "correct": weighted / N_k[:, None],
        "bern_p_over_n": weighted / n,
        "bern_p_not_divided": weighted,
        "bern_p_unweighted": np.repeat(X.mean(axis=0)[None], K, axis=0),
        "bern_p_hard": hard.T @ X / np.maximum(hard.sum(axis=0), 1)[:, None],
    }
    return phi_v, p_v


def _m_cases(rng=None):
    """Three (X, responsibilities): n = 8-16, K = 2-4, d = 5-9 (d != K), soft responsibilities."""
    fixed = rng is None
    rng = np.random.default_rng(9330) if fixed else rng
    sizes = ((10, 3, 6), (12, 2, 5), (9, 4, 8)) if fixed else [
        (int(rng.integers(8, 17)), int(rng.integers(2, 5)), int(rng.integers(5, 10))) for _ in range(3)]
    cases = []
    for number, (n, K, d) in enumerate(sizes, start=1):
        X = _binary(rng, n, d, rng.uniform(0.3, 0.6))
        resp = rng.dirichlet(np.full(K, 1.5), size=n)
        cases.append(Case(number, f"n = {n}, K = {K}, d = {d}", (X, resp)))
    return cases


def _unpack(spec: Spec, case: Case, value):
    """(phi, p) from a tuple / list or an object with .phi and .p (gt.BernoulliParams)."""
    if value is None:
        raise wrong(spec.name, say("none", case=case.text), say("hint_none"))
    if hasattr(value, "phi") and hasattr(value, "p"):
        value = (value.phi, value.p)
    if not isinstance(value, (tuple, list)):
        raise wrong(spec.name, say("returned_type", case=case.text, type=type(value).__name__),
                    say("hint_bern_m_return"))
    if len(value) != 2:
        raise wrong(spec.name, say("returned_count", case=case.text, count=len(value)), say("hint_bern_m_return"))
    return tuple(value)


@checker
def check_bernoulli_m_step(func, *, seed=None) -> CheckResult:
    """Check a Bernoulli M-step ``func(X, responsibilities) -> (phi, p)``.

    X (n, d) of 0s and 1s, responsibilities (n, K) with rows summing to 1; returns phi (K,) and the prototypes
    p (K, d), the weighted maximum-likelihood estimates N_k / n and Σ_n γ_nk x_n / N_k (no smoothing). A returned
    gt.BernoulliParams is accepted too. With ``seed`` (an int), fresh data and responsibilities of other sizes.
    A function that calls gmm_teach's own Bernoulli code (gt.bernoulli_m_step, the fit, their kernels) is not passed.

    Examples
    --------
    >>> import numpy as np, gmm_teach as gt
    >>> def bernoulli_m_step(X, responsibilities):
    ...     N_k = responsibilities.sum(axis=0)
    ...     return N_k / len(X), responsibilities.T @ X / N_k[:, None]
    >>> gt.checks.check_bernoulli_m_step(bernoulli_m_step)
    ✓ Correct. bernoulli_m_step agrees with the reference on all 3 cases.
    >>> def over_n(X, responsibilities):
    ...     N_k = responsibilities.sum(axis=0)
    ...     return N_k / len(X), responsibilities.T @ X / len(X)
    >>> gt.checks.check_bernoulli_m_step(over_n, seed=3).hint[:45]
    'p_k seems to be divided by N, the number of d'
    """
    name = "bernoulli_m_step"
    spec = Spec(name, "bernoulli_m_step(X, responsibilities)", forbidden=_forbidden("bernoulli_m_step"),
                quantity="q_bern_params")
    cases = _m_cases(fresh_rng(seed))
    got_list, variants_list = [], []
    for case in cases:
        X, resp = case.args
        K, d = resp.shape[1], X.shape[1]
        phi, p = _unpack(spec, case, call(spec, func, case))
        if tuple(np.shape(phi)) == (K, d) and tuple(np.shape(p)) == (K,):  # (p, phi) for (phi, p)
            raise wrong(name, say("returned_swapped", case=case.text, first="phi (K,)", second="p (K, d)"),
                        say("hint_bern_m_return"))
        got_list.append((as_array(spec, case, phi, (K,), "(K,)", "q_phi"),
                         as_array(spec, case, p, (K, d), "(K, d)", "q_bern_p")))
        variants_list.append(_m_variants(X, resp))
        for variants, value in zip(variants_list[-1], _ref_m_step(X, resp)):
            variants["correct"] = value  # the package's own answer is the reference
    compare_parts(name, cases, got_list, variants_list,
                  (("q_phi", PHI_MISTAKES, "hint_phi"), ("q_bern_p", P_MISTAKES, "hint_bern_p")))
    return correct(name, func, len(cases))
