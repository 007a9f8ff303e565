"""Checkers of chapter 07 (why EM works) and chapter 08 (where EM fails).

    chapter 07
    check_lower_bound(func)       func(X, phi, mu, sigma, q) -> L(q, theta), a number
    check_increase_parts(func)    func(X, old, new) -> (gain, gap): the M-step's rise of L and the new KL gap
    chapter 08
    check_best_of_restarts(func)  func(X, K, seeds) -> the best EMResult of gt.fit over the seeds,
                                  skipping the seeds whose run collapses
    check_soft_assign(func)       func(X, mu, sigma) -> responsibilities (n, K) with equal weights and
                                  Sigma_k = sigma^2 I (the road from EM to k-means)

A numerically hard case (a q with zeros, a tiny sigma) gives the verdict "almost" when only it fails.

Every checker takes an optional keyword ``seed``. ``seed=None`` (the default) runs the fixed cases the
notebooks show; an integer seed draws fresh cases from ``np.random.default_rng(seed)`` (other n, d, K,
values, starts and seed lists, the same kinds of special case), so that graded homework cannot
hard-code the answers: ``check_lower_bound(lower_bound, seed=20261207).passed``.
"""
from __future__ import annotations

import functools
import warnings

import numpy as np

from .._math import logsumexp, xlogx
from ..data import TEXTBOOK_TRUTH, sample
from ..bound import kl_divergence as _ref_kl, lower_bound as _ref_lower_bound
from ..em import ConvergenceWarning, EMResult, fit as _ref_fit, fit_best_of as _ref_fit_best_of
from ..init import init_params as _ref_init_params
from ..steps import (ComponentCollapseError, _e_step_kn as _ref_e_step_kn, e_step as _ref_e_step, log_likelihood as
                     _ref_log_likelihood, m_step as _ref_m_step)
from ..params import GMMParams, from_components
from ._framework import (RTOL, Case, CheckResult, Spec, almost, as_array, call, checker, close, correct, describe,
                         first_if_tuple, first_match, fresh_rng, mismatch_text, num, say, wrong)
from ._mixtures import log_weighted, mixture_case, normalise_rows

from ._advanced import _random_truth, _scalar, _tell_apart, _valid_seed, _value_mismatch


# --- chapter 07: the lower bound ----------------------------------------------------------------

LOWER_BOUND_MISTAKES = ("no_entropy", "entropy_sign", "forgot_phi", "log_likelihood", "mean", "kl", "neg_kl")


def _lower_bound_cases(seed=None):
    """Three ordinary (X, phi, mu, sigma, q) with q > 0, then one with a hard (one-hot) q.

    With a seed: random n (6-14), K (2-4), d (1-3), weights and q, the same four kinds of case.
    """
    rng = fresh_rng(seed)
    if rng is None:
        rng = np.random.default_rng(1618)
        shapes = ((10, (0.2, 0.5, 0.3), 2), (8, (0.7, 0.3), 1), (9, (0.15, 0.35, 0.5), 3), (8, (0.3, 0.4, 0.3), 2))
    else:
        shapes = tuple((int(rng.integers(6, 15)), tuple(rng.dirichlet(np.full(K, 3.0))), int(rng.integers(1, 4)))
                       for K in rng.integers(2, 5, size=4))
    cases = []
    for number, (n, phi, d) in enumerate(shapes[:3], start=1):
        phi, mu, sigma, X = mixture_case(rng, n, phi, d, spread=1.5)
        q = rng.dirichlet(np.full(len(phi), 1.2), size=n)  # (n, K), every entry > 0
        cases.append(Case(number, f"n = {n}, K = {len(phi)}, d = {d}", (X, phi, mu, sigma, q)))
    n, phi, d = shapes[3]
    phi, mu, sigma, X = mixture_case(rng, n, phi, d, spread=1.5)
    labels = np.argmax(_ref_e_step(X, GMMParams(phi, mu, sigma))[0], axis=1)
    q = np.eye(len(phi))[labels]  # (n, K) one-hot: zeros everywhere but the most responsible component
    cases.append(Case(4, f"n = {n}, K = {len(phi)}, d = {d}, q one-hot", (X, phi, mu, sigma, q)))
    return cases


def _lower_bound_variants(X, phi, mu, sigma, q) -> dict:
    """L(q, theta), correct and with each typical mistake (numbers)."""
    a = log_weighted(X, phi, mu, sigma)["correct"]  # (n, K) ln phi_k + ln N(x_n | mu_k, Sigma_k)
    log_px = logsumexp(a, axis=1)  # (n,) ln p(x_n)
    log_gamma = a - log_px[:, None]
    Q = float(np.sum(q * a))
    H = float(xlogx(q).sum())  # sum q ln q
    L = Q - H
    return {"correct": L, "no_entropy": Q, "entropy_sign": Q + H,
            "forgot_phi": float(np.sum(q * (a - np.log(phi)))) - H, "log_likelihood": float(log_px.sum()),
            "mean": L / X.shape[0], "kl": float(log_px.sum()) - L, "neg_kl": float(np.sum(q * log_gamma)) - H}


@checker
def check_lower_bound(func, *, seed=None) -> CheckResult:
    """Check func(X, phi, mu, sigma, q) -> L(q, theta) = sum_n sum_k q_nk [ln phi_k N(x_n|mu_k,Sigma_k) - ln q_nk].

    X (n, d), phi (K,), mu (K, d), sigma (K, d, d), q (n, K) with rows summing to 1; the answer is one
    number. Three ordinary cases with q > 0, then a case with a one-hot q, where q ln q must be taken
    as 0 for q = 0 ("almost" if only that case fails). An int seed draws the four cases afresh.

    Examples
    --------
    >>> import numpy as np, gmm_teach as gt
    >>> def lower_bound(X, phi, mu, sigma, q):
    ...     a = np.log(phi) + gt.log_pdf(X, mu, sigma)  # (n, K)
    ...     q_log_q = np.where(q > 0, q * np.log(np.where(q > 0, q, 1.0)), 0.0)
    ...     return np.sum(q * a) - np.sum(q_log_q)
    >>> gt.checks.check_lower_bound(lower_bound)
    ✓ Correct. lower_bound agrees with the reference on all 4 cases. It also gives the right value for a q with zeros (a hard assignment).
    >>> gt.checks.check_lower_bound(lower_bound, seed=20261207).passed  # fresh cases
    True
    >>> gt.checks.check_lower_bound(lambda X, phi, mu, sigma, q: gt.lower_bound(X, gt.GMMParams(phi, mu, sigma), q)).passed
    False
    """
    name = "lower_bound"
    spec = Spec(name, "lower_bound(X, phi, mu, sigma, q)", quantity="q_bound",
                forbidden=(_ref_lower_bound, _ref_kl))  # L = ln p - KL: the KL would do it too
    seed = _valid_seed(seed)  # a bad seed raises TypeError / ValueError: the caller's error
    cases = _lower_bound_cases(seed)
    ordinary = cases[:-1]
    got_list, variants_list = [], []
    for case in ordinary:
        got_list.append(_scalar(spec, case, call(spec, func, case)))
        variants_list.append(_lower_bound_variants(*case.args))
    for case, got, variants in zip(ordinary, got_list, variants_list):
        expected = _ref_lower_bound(case.args[0], GMMParams(*case.args[1:4]), case.args[4])
        if not close(got, expected):
            mistake = first_match(got_list, variants_list, LOWER_BOUND_MISTAKES)
            raise wrong(name, _value_mismatch(case, "q_bound", got, expected),
                         say("hint_lb_" + mistake) if mistake else say("hint_lb"))
    case = cases[-1]
    X, phi, mu, sigma, q = case.args
    got = _scalar(spec, case, call(spec, func, case), finite=False)
    expected = _ref_lower_bound(X, GMMParams(phi, mu, sigma), q)
    if not close(got, expected):
        what = say("what_nonfinite") if not np.isfinite(got) else say("what_values")
        return almost(name, say("almost_hard_q", count=len(ordinary), what=what), say("hint_zero_q"))
    return correct(name, func, len(cases), say("correct_hard_q"))


# --- chapter 07: where the increase of the log-likelihood comes from ------------------------------------

PARTS_MISTAKES = ("q_new", "swapped", "total", "kl_reversed", "kl_old", "gap_sign")


def _random_parts_case(rng, number: int, m_step: bool) -> Case:
    """(X, old, new) on random data (K 2-4, d 1-3, n 25-50): new the M-step after old (the gain > 0 and the gap
    > 0), or (m_step False) new a moved copy of old whose bound falls (the gain < 0). No responsibility under
    old or new is below 1e-12, as in the fixed cases, so that ln q needs no care here."""
    while True:
        K, d, n = int(rng.integers(2, 5)), int(rng.integers(1, 4)), int(rng.integers(25, 51))
        truth = _random_truth(rng, K, d, spread=1.0)
        X, _ = sample(truth, n, seed=int(rng.integers(2**31)))
        try:
            if m_step:
                old = _ref_init_params(X, K, init=("random", "kmeans++")[int(rng.integers(2))],
                                       seed=int(rng.integers(2**31)), reg_covar=0.0)
                new = _ref_m_step(X, _ref_e_step(X, old)[0], reg_covar=0.0)
            else:
                old = _ref_m_step(X, _ref_e_step(X, truth)[0], reg_covar=0.0)
                new = GMMParams(old.phi, old.mu + rng.normal(scale=0.8, size=(K, d)),
                                rng.uniform(1.3, 1.8) * old.sigma)  # not an M-step
        except (ComponentCollapseError, ValueError):
            continue
        gain, gap = _increase_parts_variants(X, old, new)["correct"]
        smallest = min(_ref_e_step(X, old)[0].min(), _ref_e_step(X, new)[0].min())
        if gap > 1e-3 and (gain > 1e-3 if m_step else gain < -1e-3) and smallest > 1e-12:
            desc = f"n = {n}, K = {K}, d = {d}" + ("" if m_step else ", new not from an M-step")
            return Case(number, desc, (X, old, new))


def _increase_parts_cases(seed=None):
    """(X, old, new): two M-steps (2-D and 1-D) and one 'new' that is not an M-step (the bound falls).

    With a seed: the same three kinds of case on random data.
    """
    rng = fresh_rng(seed)
    if rng is not None:
        return [_random_parts_case(rng, 1, True), _random_parts_case(rng, 2, True), _random_parts_case(rng, 3, False)]
    rng = np.random.default_rng(2718)
    X1, _ = sample(TEXTBOOK_TRUTH, 40, seed=int(rng.integers(2**31)))
    old1 = _ref_init_params(X1, 3, init="kmeans++", seed=1, reg_covar=0.0)
    new1 = _ref_m_step(X1, _ref_e_step(X1, old1)[0], reg_covar=0.0)
    truth2 = GMMParams([0.3, 0.7], [[-1.0], [2.0]], [[[0.5]], [[1.5]]])
    X2, _ = sample(truth2, 30, seed=int(rng.integers(2**31)))
    old2 = GMMParams([0.6, 0.4], [[-0.5], [1.0]], [[[1.0]], [[2.0]]])
    new2 = _ref_m_step(X2, _ref_e_step(X2, old2)[0], reg_covar=0.0)
    truth3 = from_components([0.5, 0.5], [[0.0, 0.0], [3.0, 1.0]], [[1.0, 0.8], [0.7, 1.2]], [0.3, -0.2])
    X3, _ = sample(truth3, 35, seed=int(rng.integers(2**31)))
    old3 = _ref_m_step(X3, _ref_e_step(X3, truth3)[0], reg_covar=0.0)
    new3 = GMMParams(old3.phi, old3.mu + np.array([[0.8, -0.5], [-0.6, 0.4]]), 1.4 * old3.sigma)  # not an M-step
    return [Case(1, "n = 40, K = 3, d = 2", (X1, old1, new1)),
            Case(2, "n = 30, K = 2, d = 1", (X2, old2, new2)),
            Case(3, "n = 35, K = 2, d = 2, new not from an M-step", (X3, old3, new3))]


def _increase_parts_variants(X, old, new) -> dict:
    """(gain, gap) as arrays of 2, correct and with each typical mistake."""
    q = _ref_e_step(X, old)[0]
    gain = _ref_lower_bound(X, new, q) - _ref_lower_bound(X, old, q)
    gap = _ref_kl(X, new, q)
    q_new = _ref_e_step(X, new)[0]
    total = _ref_log_likelihood(X, new) - _ref_log_likelihood(X, old)
    return {"correct": np.array([gain, gap]),
            "q_new": np.array([_ref_lower_bound(X, new, q_new) - _ref_lower_bound(X, old, q_new), 0.0]),
            "swapped": np.array([gap, gain]),
            "total": np.array([total, gap]),
            "kl_reversed": np.array([gain, float(np.sum(xlogx(q_new) - q_new * np.log(q)))]),
            "kl_old": np.array([gain, _ref_kl(X, old, q)]),
            "gap_sign": np.array([gain, -gap])}


def _pair(spec: Spec, case: Case, value) -> np.ndarray:
    if value is None:
        raise wrong(spec.name, say("none", case=case.text), say("hint_none"))
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise wrong(spec.name, say("returned_pair", case=case.text, what=type(value).__name__),
                     say("hint_pair")) from None
    if array.shape != (2,):
        raise wrong(spec.name, say("returned_pair", case=case.text, what=describe(array)), say("hint_pair"))
    if not np.all(np.isfinite(array)):
        raise wrong(spec.name, say("nonfinite", case=case.text, quantity=say("q_gap"), count=int((~np.isfinite(array)).sum())),
                     say("hint_nonfinite"))
    return array


@checker
def check_increase_parts(func, *, seed=None) -> CheckResult:
    """Check func(X, old, new) -> (gain, gap), old and new GMMParams.

    With q = e_step(X, old) (the E-step's responsibilities): gain = L(q, new) - L(q, old), the
    rise of the lower bound in the M-step, and gap = KL(q || p(Z | X, new)), the gap the M-step
    opens. Their sum is ln p(X | new) - ln p(X | old). Case 3's new is not an M-step: its gain is negative.
    An int seed draws the three cases afresh (random data, the same three kinds).

    Examples
    --------
    >>> import gmm_teach as gt
    >>> def increase_parts(X, old, new):
    ...     q = gt.e_step(X, old)[0]
    ...     return gt.lower_bound(X, new, q) - gt.lower_bound(X, old, q), gt.kl_divergence(X, new, q)
    >>> gt.checks.check_increase_parts(increase_parts).passed
    True
    """
    name = "increase_parts"
    spec = Spec(name, "increase_parts(X, old, new)", quantity="q_parts")  # the exercise allows gt.e_step,
    # gt.lower_bound and gt.kl_divergence; no package function splits the increase
    seed = _valid_seed(seed)  # a bad seed raises TypeError / ValueError: the caller's error
    cases = _increase_parts_cases(seed)
    got_list = [_pair(spec, case, call(spec, func, case)) for case in cases]
    variants_list = [_increase_parts_variants(*case.args) for case in cases]
    for case, got, variants in zip(cases, got_list, variants_list):
        expected = variants["correct"]
        if not close(got, expected):
            mistake = first_match(got_list, variants_list, PARTS_MISTAKES)
            part = 0 if not close(got[0], expected[0]) else 1
            message = _value_mismatch(case, ("q_gain", "q_gap")[part], got[part], expected[part])
            raise wrong(name, message, say("hint_parts_" + mistake) if mistake else say("hint_parts"))
    gain3 = variants_list[2]["correct"][0]
    return correct(name, func, len(cases), say("correct_parts", gain=num(gain3)))


# --- chapter 08: multiple restarts, skipping collapsed runs ---------------------------------------------

RESTART_TRUTH = from_components([0.3, 0.4, 0.3], [[0.0, 0.0], [4.0, 0.0], [2.0, 3.0]], [[0.7, 0.7]] * 3,
                                [0.0, 0.0, 0.0])
RESTART_SETTINGS = dict(init="random", reg_covar=0.0)


def _restart_cases(seed=None):
    """(X, K, seeds): two small data sets where some seeds collapse (one of them seed 0), one where none does.

    With a seed: the same three kinds of case, with random n, data and lists of 8 seeds (see _restart_setup).
    """
    if seed is None:
        cases = []
        for number, (data_seed, n, K) in enumerate(((0, 25, 4), (3, 25, 4), (4, 40, 3)), start=1):
            X, _ = sample(RESTART_TRUTH, n, seed=data_seed)
            cases.append(Case(number, f"n = {n}, K = {K}, seeds 0-7", (X, K, list(range(8)))))
        return cases
    return list(_restart_setup(_valid_seed(seed))[0])


def _restart_runs(X, K, seeds) -> list:
    """[(seed, final log-likelihood or None if the run collapsed)] with the exercise's settings."""
    runs = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        for seed in seeds:
            try:
                result = _ref_fit(X, K, seed=seed, **RESTART_SETTINGS)
            except ComponentCollapseError:
                runs.append((seed, None))
                continue
            runs.append((seed, float(result.log_likelihoods[-1])))
    return runs


RESTART_MISTAKES = ("min", "first", "last")


def _restart_variants(runs) -> dict:
    """The final log-likelihood the right answer returns, and those of the typical mistakes."""
    ok = [(s, ll) for s, ll in runs if ll is not None]
    best = max(ll for _, ll in ok)
    best_seed = next(s for s, ll in ok if close(ll, best))  # the first of the seeds that tie for the best
    return {"correct": best, "best_seed": best_seed, "min": min(ll for _, ll in ok), "first": ok[0][1],
            "last": ok[-1][1]}


@functools.lru_cache(maxsize=None)
def _restart_reference(number: int, seed=None) -> tuple:
    """_restart_runs for case `number` (1-based), computed once per session (and seed): the checker may run
    many times."""
    if seed is not None:
        return _restart_setup(seed)[1][number - 1]
    X, K, seeds = _restart_cases()[number - 1].args
    return tuple(_restart_runs(X, K, seeds))


@functools.lru_cache(maxsize=64)
def _restart_setup(seed: int) -> tuple:
    """(cases, runs of each case) drawn from the seed: cases 1 and 2 (K = 4, n 20-30) have at least one
    collapsing seed and two successful ones, case 3 (K = 3, n 35-50) none that collapses; the lists of
    8 seeds are random (0-999). Drawn again until the answer and every typical mistake differ, two by two,
    in some case."""
    rng = np.random.default_rng(seed)
    for _ in range(50):
        cases, runs_list = [], []
        for number, (low, high, K, collapses) in enumerate(((20, 31, 4, True), (20, 31, 4, True),
                                                             (35, 51, 3, False)), start=1):
            for _ in range(50):
                n = int(rng.integers(low, high))
                X, _ = sample(RESTART_TRUTH, n, seed=int(rng.integers(2**31)))
                seeds = [int(s) for s in rng.choice(1000, size=8, replace=False)]
                runs = _restart_runs(X, K, seeds)
                n_ok = sum(ll is not None for _, ll in runs)
                if n_ok >= 2 and (n_ok < len(runs)) == collapses:
                    break
            cases.append(Case(number, f"n = {n}, K = {K}, seeds {', '.join(map(str, seeds))}", (X, K, seeds)))
            runs_list.append(tuple(runs))
        if _tell_apart([_restart_variants(runs) for runs in runs_list], ("correct",) + RESTART_MISTAKES):
            return tuple(cases), tuple(runs_list)
    raise RuntimeError(f"no restart cases that tell the mistakes apart for seed {seed}")  # pragma: no cover


def _stuck(value, X) -> bool:
    """Whether a returned result has a component stuck on a point or two (a covariance with an eigenvalue
    below 1e-4 of the data's variance): what reg_covar > 0 leaves of a run that would collapse."""
    params = value.params if isinstance(value, EMResult) else value
    return bool(np.linalg.eigvalsh(params.sigma).min() < 1e-4 * float(np.var(X, axis=0).min()))


def _started_random(result: EMResult, X, K, seeds) -> bool:
    """Whether the run began where gt.fit(X, K, init="random", seed=s) begins for one of the seeds (its
    history[0]); a result without a history is given the benefit of the doubt."""
    try:
        start = np.asarray(result.history[0].mu, dtype=np.float64)
    except (TypeError, IndexError, AttributeError, ValueError):
        return True
    for s in seeds:
        begin = _ref_init_params(X, K, init="random", seed=s, reg_covar=0.0).mu
        if close(start, begin):
            return True
    return False


def _final_log_likelihood(spec: Spec, case: Case, value, X) -> float:
    if value is None:
        raise wrong(spec.name, say("none", case=case.text), say("hint_none"))
    if isinstance(value, EMResult):
        return float(value.log_likelihoods[-1])
    if isinstance(value, GMMParams):
        return float(_ref_log_likelihood(X, value))
    raise wrong(spec.name, say("returned_result", case=case.text, what=describe(value)),
                 say("hint_return_result"))


@checker
def check_best_of_restarts(func, *, seed=None) -> CheckResult:
    """Check func(X, K, seeds) -> the EMResult with the largest final log-likelihood among
    gt.fit(X, K, init="random", seed=s, reg_covar=0.0) for s in seeds, skipping every seed whose
    run raises gt.ComponentCollapseError. A GMMParams of the best run is accepted too.

    Three cases: two small data sets where some seeds collapse, one where none does (seeds 0-7; with an
    int seed, random data and random lists of 8 seeds).

    Examples
    --------
    >>> import gmm_teach as gt
    >>> def best_of_restarts(X, K, seeds):
    ...     best = None
    ...     for s in seeds:
    ...         try:
    ...             result = gt.fit(X, K, init="random", seed=s, reg_covar=0.0)
    ...         except gt.ComponentCollapseError:
    ...             continue
    ...         if best is None or result.log_likelihoods[-1] > best.log_likelihoods[-1]:
    ...             best = result
    ...     return best
    >>> gt.checks.check_best_of_restarts(best_of_restarts).passed
    True
    """
    name = "best_of_restarts"
    spec = Spec(name, "best_of_restarts(X, K, seeds)", quantity="q_best_run",
                forbidden=(_ref_fit_best_of,))  # the exercise is the loop over gt.fit, which is allowed
    seed = _valid_seed(seed)  # a bad seed raises TypeError / ValueError: the caller's error
    cases = _restart_cases(seed)
    got_list, returned_list = [], []
    for case in cases:

        def on_error(exc, case=case):
            if isinstance(exc, ComponentCollapseError):
                collapsed = next((s for s, ll in _restart_reference(case.number, seed) if ll is None), "?")
                raise wrong(name, say("restarts_collapse", case=case.text, seed=collapsed),
                            say("hint_restarts_catch"))

        returned = call(spec, func, case, on_error=on_error)
        got_list.append(_final_log_likelihood(spec, case, returned, case.args[0]))
        returned_list.append(returned)
    variants_list = [_restart_variants(_restart_reference(case.number, seed)) for case in cases]
    for case, got, variants, returned in zip(cases, got_list, variants_list, returned_list):
        if close(got, variants["correct"]):
            continue
        mistake = first_match(got_list, variants_list, RESTART_MISTAKES)
        if mistake is None:  # not from init="random" or higher with a component stuck on a point (reg_covar > 0)
            settings = isinstance(returned, EMResult) and not _started_random(returned, *case.args)
            higher = not settings and got > variants["correct"] and _stuck(returned, case.args[0])
            mistake = "higher" if higher else "settings"
        raise wrong(name, say("restarts_mismatch", case=case.text, got=num(got), best=num(variants["correct"]),
                              seed=variants["best_seed"]), say("hint_restarts_" + mistake))
    for case, returned in zip(cases, returned_list):  # the best value, but from init="random" and the seeds?
        if isinstance(returned, EMResult) and not _started_random(returned, *case.args):
            raise wrong(name, say("restarts_not_random", case=case.text), say("hint_restarts_settings"))
    collapsed_in_first = [s for s, ll in _restart_reference(1, seed) if ll is None]
    seeds_text = ", ".join(str(s) for s in collapsed_in_first)
    return correct(name, func, len(cases), say("correct_restarts", seeds=seeds_text))


# --- chapter 08: soft assignments with a shared variance -----------------------------------------------

SOFT_MISTAKES = ("no_half", "sigma_not_squared", "distance_not_squared", "hard", "sign")
SMALL_SIGMA = 0.01


def _soft_assign_cases(seed=None):
    """(X, mu, sigma): three ordinary cases (d = 2, 1, 3), then sigma = 0.01 with every point >= 0.5 from every mean.

    With a seed: three random ordinary cases (n 6-12, K 2-4, d 1-3, sigma 0.8-2.5), then a random small sigma
    (0.005, 0.01 or 0.02) with 8 points so far from every mean that every exp underflows to 0.
    """
    rng = fresh_rng(seed)
    if rng is None:
        rng = np.random.default_rng(4242)
        shapes = ((10, 3, 2, 1.5), (8, 2, 1, 0.8), (9, 4, 3, 2.0))
    else:
        shapes = tuple((int(rng.integers(6, 13)), int(rng.integers(2, 5)), int(rng.integers(1, 4)),
                        round(float(rng.uniform(0.8, 2.5)), 2)) for _ in range(3))
    cases = []
    for number, (n, K, d, s) in enumerate(shapes, start=1):
        mu = rng.normal(scale=2.0, size=(K, d))
        X = rng.normal(scale=2.0, size=(n, d))
        cases.append(Case(number, f"n = {n}, K = {K}, d = {d}, sigma = {s:g}", (X, mu, s)))
    if seed is None:
        mu = np.array([[-2.0, 0.0], [2.0, 0.5], [0.0, 3.0]])
        small, far_sq = SMALL_SIGMA, 0.25
    else:
        K, d = int(rng.integers(2, 5)), int(rng.integers(1, 4))
        mu = rng.normal(scale=2.0, size=(K, d))
        small = float((0.005, 0.01, 0.02)[int(rng.integers(3))])
        far_sq = 2000 * small**2  # every exp(-d^2 / (2 sigma^2)) < exp(-1000)
    X = np.empty((0, mu.shape[1]))
    while len(X) < 8:
        candidates = rng.normal(scale=2.0, size=(40, mu.shape[1]))
        far = (((candidates[:, None, :] - mu[None]) ** 2).sum(axis=2) > far_sq).all(axis=1)
        X = np.concatenate([X, candidates[far]])
    X = X[:8]  # every exp(-d^2 / (2 sigma^2)) underflows to 0 (< exp(-1250) in the fixed case)
    cases.append(Case(4, f"n = 8, K = {mu.shape[0]}, d = {mu.shape[1]}, sigma = {small:g}", (X, mu, small)))
    return cases


def _soft_reference(X, mu, sigma) -> np.ndarray:
    K, d = mu.shape
    params = GMMParams(np.full(K, 1.0 / K), mu, np.repeat((sigma**2 * np.eye(d))[None], K, axis=0))
    return _ref_e_step(X, params)[0]


def _soft_variants(X, mu, sigma) -> dict:
    d2 = ((X[:, None, :] - mu[None, :, :]) ** 2).sum(axis=2)  # (n, K)
    norm = normalise_rows
    return {"no_half": norm(-d2 / sigma**2), "sigma_not_squared": norm(-d2 / (2 * sigma)),
            "distance_not_squared": norm(-np.sqrt(d2) / (2 * sigma**2)),
            "hard": np.eye(mu.shape[0])[np.argmin(d2, axis=1)], "sign": norm(d2 / (2 * sigma**2))}


def _soft_hint(got_list, variants_list, expected_list, i: int) -> str:
    got, expected = got_list[i], expected_list[i]
    if close(np.exp(got), expected):
        return say("hint_soft_log")
    rows = got.sum(axis=1)
    if not np.allclose(rows, 1.0, rtol=RTOL, atol=1e-6):
        if np.allclose(got.sum(axis=0), 1.0, rtol=RTOL, atol=1e-6):
            return say("hint_soft_columns")
        row = int(np.argmax(np.abs(rows - 1.0)))
        return say("hint_soft_rows", row=row, total=num(float(rows[row])))
    mistake = first_match(got_list, variants_list, SOFT_MISTAKES)
    return say("hint_soft_" + mistake) if mistake else say("hint_soft")


@checker
def check_soft_assign(func, *, seed=None) -> CheckResult:
    """Check func(X, mu, sigma) -> responsibilities (n, K) of a mixture with equal weights 1/K and
    Sigma_k = sigma^2 I: gamma_nk = exp(-|x_n - mu_k|^2 / (2 sigma^2)) / sum_j exp(-|x_n - mu_j|^2 / (2 sigma^2)).

    X (n, d), mu (K, d), sigma a positive number. Three ordinary cases, then sigma = 0.01, where
    every exp underflows unless the row maximum is subtracted first ("almost" if only that case fails).
    An int seed draws the four cases afresh (the last with a small sigma of 0.005, 0.01 or 0.02).

    Examples
    --------
    >>> import numpy as np, gmm_teach as gt
    >>> def soft_assign(X, mu, sigma):
    ...     a = -((X[:, None, :] - mu[None, :, :]) ** 2).sum(axis=2) / (2 * sigma**2)
    ...     w = np.exp(a - a.max(axis=1, keepdims=True))
    ...     return w / w.sum(axis=1, keepdims=True)
    >>> gt.checks.check_soft_assign(soft_assign).passed, gt.checks.check_soft_assign(soft_assign, seed=1).passed
    (True, True)
    """
    name = "soft_assign"
    spec = Spec(name, "soft_assign(X, mu, sigma)", quantity="q_resp",
                forbidden=(_ref_e_step, _ref_e_step_kn))  # "Do not use gt.e_step"
    seed = _valid_seed(seed)  # a bad seed raises TypeError / ValueError: the caller's error
    cases = _soft_assign_cases(seed)
    ordinary = cases[:-1]
    got_list, variants_list, expected_list = [], [], []
    for case in ordinary:
        X, mu, sigma = case.args
        got_list.append(as_array(spec, case, first_if_tuple(call(spec, func, case)),
                                        (X.shape[0], mu.shape[0]), "(n, K)", "q_resp"))
        variants_list.append(_soft_variants(X, mu, sigma))
        expected_list.append(_soft_reference(X, mu, sigma))
    for i, (case, got, expected) in enumerate(zip(ordinary, got_list, expected_list)):
        if not close(got, expected):
            raise wrong(name, mismatch_text(case, "q_resp", got, expected),
                         _soft_hint(got_list, variants_list, expected_list, i))
    case = cases[-1]
    X, mu, sigma = case.args
    got = as_array(spec, case, first_if_tuple(call(spec, func, case)), (X.shape[0], mu.shape[0]),
                          "(n, K)", "q_resp", finite=False)
    if not close(got, _soft_reference(X, mu, sigma)):
        what = say("what_nonfinite") if not np.all(np.isfinite(got)) else say("what_values")
        return almost(name, say("almost_small_sigma", count=len(ordinary), sigma=f"{sigma:g}", what=what),
                      say("hint_small_sigma"))
    return correct(name, func, len(cases), say("correct_small_sigma", sigma=f"{sigma:g}"))


__all__ = ["check_lower_bound", "check_increase_parts", "check_best_of_restarts", "check_soft_assign"]
