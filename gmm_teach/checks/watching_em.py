"""Checkers of chapter 06 (watching EM run).

    check_update_bars(func)       func(bars, X, params, i) -> bars: the K bars' heights set in place to the
                                  responsibilities of X[i] under params (one frame of a bar-chart video)
    check_max_mean_step(func)     func(result, start) -> the largest distance a mean moves in one
                                  iteration t, start <= t <= result.n_iter

Every checker takes an optional keyword ``seed``. ``seed=None`` (the default) runs the fixed cases the
notebook shows; an integer seed draws fresh cases from ``np.random.default_rng(seed)`` (other n, d, K,
values and starts, the same kinds of special case), so that graded homework cannot hard-code the answers.
"""
from __future__ import annotations

import functools
import warnings

import numpy as np

from ..data import TEXTBOOK_TRUTH, sample
from ..em import ConvergenceWarning, fit as _ref_fit
from ..steps import ComponentCollapseError, e_step as _ref_e_step
from ..params import GMMParams
from ._framework import (ATOL, RTOL, Case, CheckResult, Spec, call, checker, close, correct, describe, first_match,
                         fresh_rng, num, say, wrong)
from ._mixtures import log_weighted, mixture_case, normalise_rows

from ._advanced import _random_truth, _tell_apart, _valid_seed


# --- chapter 06: one frame of a bar-chart video -------------------------------------------------------

BARS_MISTAKES = ("phi", "density", "no_phi", "log", "hard", "point_0", "fixed_K")


def _update_bars_cases(seed=None):
    """(X, params, i): K = 3 (d = 2), K = 2 (d = 1) and K = 4 (d = 2), so that a 3 written into the code shows.

    With a seed: three random (n, K, d), one K = 2 and one K of 4 or 5 among them, random weights.
    """
    rng = fresh_rng(seed)
    if rng is None:
        rng = np.random.default_rng(606)
        shapes = ((12, (0.3, 0.5, 0.2), 2), (9, (0.6, 0.4), 1), (10, (0.1, 0.2, 0.3, 0.4), 2))
    else:
        Ks = [2, int(rng.integers(4, 6)), int(rng.integers(2, 6))]  # K < 3 (range(3) raises), K > 3 (a bar left)
        rng.shuffle(Ks)
        shapes = tuple((int(rng.integers(8, 16)), tuple(rng.dirichlet(np.full(K, 4.0))), int(rng.integers(1, 4)))
                       for K in Ks)
    cases = []
    for number, (n, phi, d) in enumerate(shapes, start=1):
        phi, mu, sigma, X = mixture_case(rng, n, phi, d, spread=0.8)
        params = GMMParams(phi, mu, sigma)
        gamma = _ref_e_step(X, params)[0]
        i = int(np.argmin(gamma.max(axis=1)[1:])) + 1  # the most ambiguous point but point 0 (a mix-up shows)
        cases.append(Case(number, f"n = {n}, K = {len(phi)}, d = {d}, i = {i}", (X, params, i)))
    return cases


def _update_bars_variants(X, params, i) -> dict:
    """The heights (K,), correct and with each typical mistake."""
    a = log_weighted(X, params.phi, params.mu, params.sigma)["correct"]  # (n, K) ln phi_k N(x_n | k)
    gamma = normalise_rows(a)
    K = params.K
    fixed = gamma[i].copy()
    fixed[3:] = 0.0  # a loop over range(3)
    return {"correct": gamma[i], "phi": params.phi.copy(), "density": np.exp(a[i]),
            "no_phi": normalise_rows(a - np.log(params.phi))[i], "log": np.log(gamma[i]),
            "hard": np.eye(K)[np.argmax(gamma[i])], "point_0": gamma[0], "fixed_K": fixed}


def _new_bars(K: int):
    """K bars of height 0 on a figure outside pyplot (nothing is shown, nothing is left open)."""
    from matplotlib.figure import Figure
    return Figure().subplots().bar(range(K), np.zeros(K))


def _same_bars(returned, bars) -> bool:
    if returned is bars:
        return True
    try:
        items = list(returned)
    except TypeError:
        return False
    return len(items) == len(bars) and all(a is b for a, b in zip(items, bars))


@checker
def check_update_bars(func, *, seed=None) -> CheckResult:
    """Check func(bars, X, params, i) -> bars: each of the K bars (a BarContainer, as ax.bar returns) gets
    the height gamma_ik, the responsibility of component k for the point X[i] under params, set in place
    with bar.set_height; the same bars are returned. Three cases: K = 3, 2 and 4 (seed None), or three
    random cases with one K = 2 and one K of 4 or 5 (an int seed).

    Examples
    --------
    >>> import gmm_teach as gt
    >>> def update_bars(bars, X, params, i):
    ...     for bar, gamma in zip(bars, gt.e_step(X, params)[0][i]):
    ...         bar.set_height(gamma)
    ...     return bars
    >>> gt.checks.check_update_bars(update_bars).passed
    True
    """
    name = "update_bars"
    spec = Spec(name, "update_bars(bars, X, params, i)", quantity="q_heights")  # gt.e_step is the way (no package
    # function draws a frame); only the worked solutions are forbidden
    seed = _valid_seed(seed)  # a bad seed raises TypeError / ValueError: the caller's error
    cases = _update_bars_cases(seed)
    got_list, returned_list, variants_list = [], [], []
    for case in cases:
        X, params, i = case.args
        bars = _new_bars(params.K)
        call_case = Case(case.number, case.desc, (bars, X, params, i))

        def on_error(exc, case=case, K=params.K):
            if isinstance(exc, IndexError) and K < 3:
                error = type(exc).__name__ + (f": {exc}" if str(exc) else "")
                raise wrong(name, say("bars_fixed_three", case=case.text, error=error),
                             say("hint_bars_fixed_three"))

        returned = call(spec, func, call_case, on_error=on_error)
        got_list.append(np.array([bar.get_height() for bar in bars], dtype=np.float64))
        returned_list.append((returned, bars))
        variants_list.append(_update_bars_variants(X, params, i))
    for case, got, variants, (returned, _) in zip(cases, got_list, variants_list, returned_list):
        if close(got, variants["correct"]):
            continue
        if np.all(got == 0.0):
            if returned is None:  # nothing written yet (the stub)
                raise wrong(name, say("none", case=case.text), say("hint_none"))
            raise wrong(name, say("bars_untouched", case=case.text), say("hint_bars_untouched"))
        mistake = first_match(got_list, variants_list, BARS_MISTAKES)
        expected = variants["correct"]
        k = int(np.argmax(np.where(np.isclose(got, expected, rtol=RTOL, atol=ATOL), -1.0,
                                   np.nan_to_num(np.abs(got - expected), nan=np.inf))))
        raise wrong(name, say("mismatch", case=case.text, quantity=say("q_heights"), index=f"[{k}]",
                              expected=num(float(expected[k])), got=num(float(got[k]))),
                     say("hint_bars_" + mistake) if mistake else say("hint_bars"))
    for case, (returned, bars) in zip(cases, returned_list):
        if not _same_bars(returned, bars):
            what = "None" if returned is None else describe(returned)
            raise wrong(name, say("bars_returned_other", case=case.text, what=what), say("hint_bars_return"))
    return correct(name, func, len(cases))


# --- chapter 06: how far the means still move ----------------------------------------------------------

STEP_MISTAKES = ("exclude_start", "include_before", "all", "mean", "sum_components", "frobenius", "squared",
                 "coordinate", "argmax")


def _random_fit(rng, min_iter: int, min_d: int):
    """gt.fit on random data (K 2-4, d min_d-3, n 40-120, a random init and seed) that runs >= min_iter iterations."""
    while True:
        K, d, n = int(rng.integers(2, 5)), int(rng.integers(min_d, 4)), int(rng.integers(40, 121))
        X, _ = sample(_random_truth(rng, K, d), n, seed=int(rng.integers(2**31)))
        init = ("random", "kmeans++")[int(rng.integers(2))]
        try:
            fit = _ref_fit(X, K, init=init, seed=int(rng.integers(2**31)), reg_covar=1e-6, tol=1e-4)
        except ComponentCollapseError:
            continue
        if fit.n_iter >= min_iter:
            return fit


@functools.lru_cache(maxsize=64)
def _step_fits(seed=None) -> tuple:
    """(fit1, fit2, middle start), computed once per session (and seed): K = 3 in 2-D (textbook truth) and
    K = 2 in 1-D, or two fits on random data (the first in 2-D or 3-D, with at least 3 iterations, so that a
    start lies inside it) and a random middle start, drawn again until every typical mistake differs
    from the answer in some case."""
    rng = fresh_rng(seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        if rng is not None:
            while True:
                fit1, fit2 = _random_fit(rng, 3, 2), _random_fit(rng, 1, 1)
                for start in rng.permutation(np.arange(2, fit1.n_iter))[:10]:
                    if _steps_tell_apart(((fit1, int(start)), (fit1, 1), (fit2, fit2.n_iter))):
                        return fit1, fit2, int(start)
        X1, _ = sample(TEXTBOOK_TRUTH, 150, seed=6)
        fit1 = _ref_fit(X1, 3, init="textbook", seed=3, reg_covar=1e-6, tol=1e-4)
        truth2 = GMMParams([0.4, 0.6], [[-1.0], [1.5]], [[[0.6]], [[1.0]]])
        X2, _ = sample(truth2, 60, seed=7)
        fit2 = _ref_fit(X2, 2, init="textbook", seed=1, reg_covar=1e-6, tol=1e-4)
    return fit1, fit2, max(2, fit1.n_iter // 3)


def _fit_text(fit) -> str:
    return f"K = {fit.params.K}, d = {fit.params.d}, n_iter = {fit.n_iter}"


def _max_mean_step_cases(seed=None):
    """(result, start): a start in the middle, start = 1 (the whole run) and start = n_iter (the last step only).

    With a seed the fits are of random data, and the middle start is random (1 < start < n_iter).
    """
    fit1, fit2, middle = _step_fits(seed)
    return [Case(1, f"{_fit_text(fit1)}, start = {middle}", (fit1, middle)),
            Case(2, f"{_fit_text(fit1)}, start = 1", (fit1, 1)),
            Case(3, f"{_fit_text(fit2)}, start = {fit2.n_iter}", (fit2, fit2.n_iter))]


def _steps_tell_apart(args_list) -> bool:
    """Whether the answer and the typical mistakes differ from each other, two by two, in at least one case."""
    return _tell_apart([_max_mean_step_variants(*args) for args in args_list], ("correct",) + STEP_MISTAKES)


def _max_mean_step_variants(result, start) -> dict:
    mus = np.array([p.mu for p in result.history])  # (n_iter + 1, K, d)
    diff = np.diff(mus, axis=0)  # diff[t - 1]: iteration t
    steps = np.linalg.norm(diff, axis=2)  # (n_iter, K)
    per_iteration = steps.max(axis=1)  # (n_iter,)
    chosen = slice(start - 1, None)
    return {"correct": float(per_iteration[chosen].max()),
            "exclude_start": float(per_iteration[start:].max()) if start < result.n_iter else np.nan,
            "include_before": float(max(np.linalg.norm(mus[t] - mus[t - 1], axis=1).max()  # t = 0 wraps round
                                        for t in range(start - 1, result.n_iter + 1))),
            "all": float(per_iteration.max()),
            "mean": float(per_iteration[chosen].mean()),
            "sum_components": float(steps.sum(axis=1)[chosen].max()),
            "frobenius": float(np.sqrt((diff**2).sum(axis=(1, 2)))[chosen].max()),
            "squared": float((steps**2).max(axis=1)[chosen].max()),
            "coordinate": float(np.abs(diff).max(axis=(1, 2))[chosen].max()),
            "argmax": float(start + np.argmax(per_iteration[chosen]))}


@checker
def check_max_mean_step(func, *, seed=None) -> CheckResult:
    """Check func(result, start) -> max over t = start..result.n_iter of max_k |mu_k^(t) - mu_k^(t-1)|,
    the largest distance a mean moves in one iteration, with result.history[t] the parameters after
    iteration t (an EMResult of gt.fit). Three cases: start in the middle, start = 1, start = n_iter
    (with an int seed: fits of random data, and a random middle start).

    Examples
    --------
    >>> import numpy as np, gmm_teach as gt
    >>> def max_mean_step(result, start):
    ...     mus = np.array([p.mu for p in result.history])
    ...     return np.linalg.norm(np.diff(mus, axis=0), axis=2)[start - 1:].max()
    >>> gt.checks.check_max_mean_step(max_mean_step).passed
    True
    """
    name = "max_mean_step"
    spec = Spec(name, "max_mean_step(result, start)", quantity="q_step")  # no package function computes it
    seed = _valid_seed(seed)  # a bad seed raises TypeError / ValueError: the caller's error
    cases = _max_mean_step_cases(seed)
    got_list, variants_list = [], []
    for case in cases:
        result, start = case.args

        def on_error(exc, start=start, n_iter=result.n_iter):
            if start == n_iter and isinstance(exc, ValueError) and ("empty" in str(exc) or "zero-size" in str(exc)):
                raise wrong(name, say("step_empty", case=case.text), say("hint_step_exclude_start"))

        value = call(spec, func, case, on_error=on_error)
        if value is None:
            raise wrong(name, say("none", case=case.text), say("hint_none"))
        try:
            array = np.asarray(value, dtype=np.float64)
        except (TypeError, ValueError):
            raise wrong(name, say("step_not_a_number", case=case.text, what=describe(value)),
                         say("hint_step_number")) from None
        if array.size != 1:
            raise wrong(name, say("step_not_a_number", case=case.text, what=describe(array)),
                         say("hint_step_number"))
        got_list.append(float(array.reshape(())))
        variants_list.append(_max_mean_step_variants(*case.args))
    for case, got, variants in zip(cases, got_list, variants_list):
        if close(got, variants["correct"]):
            continue
        mistake = next((m for m in STEP_MISTAKES
                        if all(np.isnan(v[m]) or close(g, v[m]) for g, v in zip(got_list, variants_list))), None)
        raise wrong(name, say("step_mismatch", case=case.text, got=num(got), expected=num(variants["correct"])),
                     say("hint_step_" + mistake) if mistake else say("hint_step"))
    return correct(name, func, len(cases))


__all__ = ["check_update_bars", "check_max_mean_step"]
