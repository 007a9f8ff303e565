"""Checkers of chapter 09 (choosing K: parameter counts, BIC and AIC) and chapter 10 (covariance types
and scikit-learn).

    check_n_parameters(func)          func(K, d) -> the number of free parameters (full covariances)
    check_n_parameters_by_type(func)  func(K, d, covariance_type) -> the same for "full", "diag", "spherical", "tied"
    check_information_criteria(func)  func(X, params) -> (bic, aic)
    check_full_covariances(func)      func(covariances, covariance_type, K, d) -> scikit-learn's covariances_
                                      as K full (d, d) matrices

The answer is compared with gmm_teach's own (``n_parameters``, ``bic``, ``aic``), and a wrong answer
with the typical mistakes (K mixing weights instead of K - 1, d^2 covariance entries instead of
d(d + 1)/2, +2 ln L, the mean log-likelihood, log10, a tied covariance counted once per component, ...).

Every checker takes an optional keyword ``seed``: ``seed=None`` (the default) runs the fixed cases the
notebooks show; an integer seed draws fresh cases from ``np.random.default_rng(seed)`` (other K, d,
data and parameters, with the same kinds of special case), so that graded homework cannot hard-code
the answers. A bad seed (a bool, a float, a negative number) raises TypeError or ValueError.
"""
from __future__ import annotations


import numpy as np

from ..data import sample
from ..steps import COVARIANCE_TYPES, constrain_covariances, log_likelihood
from ..model_selection import aic as _ref_aic, bic as _ref_bic, n_parameters as _ref_n_parameters
from ..params import GMMParams
from ._framework import (RTOL, Case, CheckResult, Spec, as_array, call, checker, correct, fresh_rng, num, say,
                         shape_text, wrong)


# --- fresh cases from a seed ------------------------------------------------------------------------------

def _random_pairs(rng, count: int, K_range, d_range, special=()) -> list:
    """`count` distinct random (K, d) pairs, K in K_range and d in d_range (half-open), the `special` pairs
    (each with None for a random part) among them, in random order."""
    pairs = []
    for K, d in special:
        while True:
            pair = (int(rng.integers(*K_range)) if K is None else K, int(rng.integers(*d_range)) if d is None else d)
            if pair not in pairs:
                pairs.append(pair)
                break
    while len(pairs) < count:
        pair = (int(rng.integers(*K_range)), int(rng.integers(*d_range)))
        if pair not in pairs:
            pairs.append(pair)
    return [pairs[i] for i in rng.permutation(len(pairs))]


# --- counting parameters ---------------------------------------------------------------------------

def _covariance_count(K: int, d: int, covariance_type: str) -> int:
    return {"full": K * d * (d + 1) // 2, "diag": K * d, "spherical": K, "tied": d * (d + 1) // 2}[covariance_type]


def _count_variants(K: int, d: int) -> dict:
    """Counts for a full-covariance mixture, correct and with each typical mistake."""
    tri = d * (d + 1) // 2
    return {
        "correct": _ref_n_parameters(K, d),  # the package's own count: (K - 1) + K d + K d(d + 1)/2
        "weights_K": K + K * d + K * tri,
        "no_weights": K * d + K * tri,
        "no_means": (K - 1) + K * tri,
        "cov_d2": (K - 1) + K * d + K * d * d,
        "cov_diag_only": (K - 1) + K * d + K * d,
    }


COUNT_MISTAKES = ("weights_K", "no_weights", "no_means", "cov_d2", "cov_diag_only")  # no_means = no variances


def _type_variants(K: int, d: int, covariance_type: str) -> dict:
    """Counts for one covariance type with the type-specific mistakes (and the full-model ones)."""
    base = (K - 1) + K * d
    tri = d * (d + 1) // 2
    out = {"correct": _ref_n_parameters(K, d, covariance_type),  # the package's own count
           "weights_K": K + K * d + _covariance_count(K, d, covariance_type),
           "no_weights": K * d + _covariance_count(K, d, covariance_type),
           "no_means": (K - 1) + _covariance_count(K, d, covariance_type)}
    if covariance_type == "full":
        out.update(cov_d2=base + K * d * d, cov_diag_only=base + K * d)
    elif covariance_type == "tied":
        out.update(tied_per_component=base + K * tri, tied_diag=base + d)
    elif covariance_type == "spherical":
        out.update(spherical_d=base + K * d, spherical_one=base + 1)
    else:  # diag
        out.update(diag_full=base + K * tri)
    return out


TYPE_MISTAKES = ("tied_per_component", "tied_diag", "spherical_d", "spherical_one", "diag_full", "weights_K",
                 "no_weights", "no_means", "cov_d2", "cov_diag_only")


def _as_count(spec: Spec, case: Case, value) -> int:
    """The returned count as an int, or a verdict (None, not a number, an array, not an integer).

    An int or a numpy integer (also a one-element integer array) is a count; a float is not, even 13.0.
    """
    if isinstance(value, (bool, np.bool_)):
        raise wrong(spec.name, say("not_int_type", case=case.text, got=str(value), type=type(value).__name__),
                     say("hint_int_type"))
    if isinstance(value, (int, np.integer)):
        return int(value)
    got = as_array(spec, case, value, None, "int", "q_lse")
    if got.shape != ():
        if got.size == 1:
            got = got.reshape(())
        else:
            raise wrong(spec.name, say("scalar_expected", case=case.text, got=shape_text(got.shape)),
                         say("hint_scalar_expected"))
    if isinstance(value, np.ndarray) and np.issubdtype(value.dtype, np.integer):
        return int(got)
    number = float(got)
    if number != round(number):
        raise wrong(spec.name, say("not_integer", case=case.text, got=num(number)), say("hint_not_integer"))
    raise wrong(spec.name, say("not_int_type", case=case.text, got=repr(number), type=_type_name(value)),
                 say("hint_int_type"))


def _type_name(value) -> str:
    """'float', 'numpy.float64', 'numpy.ndarray (float64)' for messages."""
    if isinstance(value, np.ndarray):
        return f"numpy.ndarray ({value.dtype})"
    module = type(value).__module__
    return type(value).__name__ if module == "builtins" else f"numpy.{type(value).__name__}"


def _check_counts(spec: Spec, func, cases, variants_of, mistakes, generic_hint) -> None:
    """Every case right, or a verdict at the first wrong one, naming the mistake that fits every case."""
    got_list = [_as_count(spec, case, call(spec, func, case)) for case in cases]
    variants_list = [variants_of(*case.args) for case in cases]
    for case, got, variants in zip(cases, got_list, variants_list):
        if got == variants["correct"]:
            continue
        mistake = next((m for m in mistakes
                        if all(m in v and g == v[m] for g, v in zip(got_list, variants_list))), None)
        hint = say("hint_" + mistake) if mistake else generic_hint(case)
        raise wrong(spec.name, say("count_mismatch", case=case.text, got=num(got), expected=variants["correct"]),
                     hint)


@checker
def check_n_parameters(func, *, seed=None) -> CheckResult:
    """Check func(K, d) -> the number of free parameters of a K-component, d-dimensional Gaussian
    mixture with full covariances: (K - 1) + K d + K d(d + 1)/2 (gmm_teach.n_parameters).

    Seven cases, K = 1..6 and d = 1..5 (with an int seed: seven random pairs, K = 1..8 and d = 1..6,
    one with K = 1 and one with d = 1 among them). The count must be an integer: an int or a numpy
    integer (also a one-element integer array); a float fails, even a whole one such as 13.0.

    Examples
    --------
    >>> import gmm_teach as gt
    >>> gt.checks.check_n_parameters(lambda K, d: (K - 1) + K * d + K * d * (d + 1) // 2).passed
    True
    >>> print(gt.checks.check_n_parameters(lambda K, d: K + K * d + K * d * (d + 1) // 2).hint)
    The mixing weights seem to be counted as K. They sum to 1, so only K − 1 of them are free.
    """
    name = "n_parameters"
    spec = Spec(name, "n_parameters(K, d)", quantity="q_count", forbidden=(_ref_n_parameters,))
    rng = fresh_rng(seed)
    if rng is None:
        pairs = ((3, 2), (1, 1), (2, 3), (4, 1), (5, 4), (1, 5), (6, 2))
    else:  # K = 1 (one weight, none free) and d = 1 (no correlations) among them, the others with K, d >= 2
        pairs = _random_pairs(rng, 7, (2, 9), (2, 7), special=((1, None), (None, 1)))
    cases = [Case(i, f"K = {K}, d = {d}", (K, d)) for i, (K, d) in enumerate(pairs, start=1)]
    _check_counts(spec, func, cases, _count_variants, COUNT_MISTAKES, lambda case: say("hint_count"))
    return correct(name, func, len(cases))


@checker
def check_n_parameters_by_type(func, *, seed=None) -> CheckResult:
    """Check func(K, d, covariance_type) -> the number of free parameters for "full", "diag",
    "spherical" or "tied" covariances (gmm_teach.n_parameters, scikit-learn's _n_parameters).

    Twelve cases: each type with (K, d) = (3, 4), (2, 2) and (5, 3) (with an int seed: three random pairs,
    K = 2..8 and d = 2..6, so that the four types differ). The count must be an integer, as above.

    Examples
    --------
    >>> import gmm_teach as gt
    >>> COVARIANCES = {"full": lambda K, d: K * d * (d + 1) // 2, "diag": lambda K, d: K * d,
    ...                "spherical": lambda K, d: K, "tied": lambda K, d: d * (d + 1) // 2}
    >>> def n_params_by_type(K, d, covariance_type):
    ...     return (K - 1) + K * d + COVARIANCES[covariance_type](K, d)
    >>> gt.checks.check_n_parameters_by_type(n_params_by_type).passed
    True
    """
    name = "n_parameters_by_type"
    spec = Spec(name, "n_parameters_by_type(K, d, covariance_type)", quantity="q_count",
                forbidden=(_ref_n_parameters,))  # "Do not use gt.n_parameters"
    rng = fresh_rng(seed)
    pairs = ((3, 4), (2, 2), (5, 3)) if rng is None else _random_pairs(rng, 3, (2, 9), (2, 7))
    cases, number = [], 1
    for K, d in pairs:
        for covariance_type in COVARIANCE_TYPES:
            cases.append(Case(number, f'K = {K}, d = {d}, covariance_type = "{covariance_type}"',
                               (K, d, covariance_type)))
            number += 1
    for covariance_type in COVARIANCE_TYPES:  # one verdict per type, in the order full, diag, spherical, tied
        of_type = [c for c in cases if c.args[2] == covariance_type]
        _check_counts(spec, func, of_type, _type_variants, TYPE_MISTAKES,
                      lambda case: say("hint_type_unknown", covariance_type=case.args[2]))
    return correct(name, func, len(cases))


# --- BIC and AIC -------------------------------------------------------------------------------------

def _ic_cases(seed=None):
    """Three (X, params): (n, K, d) = (60, 2, 2), (45, 3, 1), (80, 2, 3), or with a seed three random ones
    (n 30-120, K 1-4, one case with d = 1 and two with d = 2..4)."""
    rng = fresh_rng(seed)
    if rng is None:
        rng = np.random.default_rng(8128)
        shapes = ((60, 2, 2), (45, 3, 1), (80, 2, 3))
    else:
        shapes = tuple((int(rng.integers(30, 121)), K, d)
                       for K, d in _random_pairs(rng, 3, (1, 5), (2, 5), special=((None, 1),)))
    cases = []
    for number, (n, K, d) in enumerate(shapes, start=1):
        A = rng.normal(scale=0.6, size=(K, d, d))
        truth = GMMParams(rng.dirichlet(np.full(K, 3.0)), rng.normal(scale=3.0, size=(K, d)),
                          A @ A.transpose(0, 2, 1) + 0.4 * np.eye(d))
        X = sample(truth, n, seed=int(rng.integers(2**31)))[0]
        # a fitted-looking model: the truth moved a little (the learner gets plain parameters, not a fit)
        params = GMMParams(truth.phi, truth.mu + rng.normal(scale=0.2, size=(K, d)), truth.sigma * 1.1)
        cases.append(Case(number, f"n = {n}, K = {K}, d = {d}", (X, params)))
    return cases


def _ic_variants(X, params) -> dict:
    """(bic, aic) pairs, correct and with each typical mistake."""
    n = X.shape[0]
    ll = log_likelihood(X, params)
    counts = _count_variants(params.K, params.d)
    p = counts["correct"]
    out = {
        "correct": (_ref_bic(X, params), _ref_aic(X, params)),
        "ic_sign": (2 * ll + p * np.log(n), 2 * ll + 2 * p),
        "ic_no_two": (-ll + p * np.log(n), -ll + 2 * p),
        "ic_half": (-ll + 0.5 * p * np.log(n), -ll + p),
        "ic_mean": (-2 * ll / n + p * np.log(n), -2 * ll / n + 2 * p),
        "ic_log10": (-2 * ll + p * np.log10(n), -2 * ll + 2 * p),
        "ic_log_d": (-2 * ll + p * np.log(params.d), -2 * ll + 2 * p),
        "ic_swapped": (-2 * ll + 2 * p, -2 * ll + p * np.log(n)),
        "ic_bic_2p": (-2 * ll + 2 * p, -2 * ll + 2 * p),
        "ic_aic_logn": (-2 * ll + p * np.log(n), -2 * ll + p * np.log(n)),
    }
    for mistake in COUNT_MISTAKES:
        q = counts[mistake]
        out["p_" + mistake] = (-2 * ll + q * np.log(n), -2 * ll + 2 * q)
    return out


IC_MISTAKES = ("ic_sign", "ic_no_two", "ic_half", "ic_mean", "ic_log10", "ic_log_d", "ic_swapped", "ic_bic_2p",
               "ic_aic_logn") + tuple("p_" + m for m in COUNT_MISTAKES)


def _pair_close(got, expected) -> bool:
    return bool(np.allclose(got, expected, rtol=RTOL, atol=1e-8))


def _ic_hint(mistake: str | None) -> str:
    if mistake is None:
        return say("hint_ic")
    if mistake.startswith("p_"):
        return say("hint_ic_p", inner=say("hint_" + mistake[2:]))
    return say("hint_" + mistake)


@checker
def check_information_criteria(func, *, seed=None) -> CheckResult:
    """Check func(X, params) -> (bic, aic) for a full-covariance mixture (gmm_teach.bic, gmm_teach.aic):

        BIC = -2 ln L + p ln n,  AIC = -2 ln L + 2 p,  p = (K - 1) + K d + K d(d + 1)/2,

    with ln L = sum_n ln p(x_n | params). X (n, d), params a GMMParams. Three cases (d = 2, 1, 3; with an
    int seed, random n, K, d, data and parameters).

    Examples
    --------
    >>> import numpy as np, gmm_teach as gt
    >>> def information_criteria(X, params):
    ...     ll, K, d = gt.log_likelihood(X, params), params.K, params.d
    ...     p = (K - 1) + K * d + K * d * (d + 1) // 2
    ...     return -2 * ll + p * np.log(len(X)), -2 * ll + 2 * p
    >>> gt.checks.check_information_criteria(information_criteria, seed=7).passed
    True
    >>> gt.checks.check_information_criteria(lambda X, params: (gt.bic(X, params), gt.aic(X, params))).passed
    False
    """
    name = "information_criteria"
    spec = Spec(name, "information_criteria(X, params)", quantity="q_ic",
                forbidden=(_ref_bic, _ref_aic))  # "not gt.bic or gt.aic"; gt.log_likelihood is allowed
    cases = _ic_cases(seed)
    got_list, variants_list = [], []
    for case in cases:
        value = call(spec, func, case)
        if value is None:
            raise wrong(name, say("none", case=case.text), say("hint_none"))
        if isinstance(value, np.ndarray) and value.ndim == 1:
            value = tuple(value)
        if not isinstance(value, (tuple, list)):
            raise wrong(name, say("returned_type", case=case.text, type=type(value).__name__),
                         say("hint_ic_return"))
        if len(value) != 2:
            raise wrong(name, say("returned_count", case=case.text, count=len(value)), say("hint_ic_return"))
        got_list.append(as_array(spec, case, [value[0], value[1]], (2,), "(2,)", "q_lse"))
        variants_list.append(_ic_variants(*case.args))
    for case, got, variants in zip(cases, got_list, variants_list):
        expected = variants["correct"]
        if _pair_close(got, expected):
            continue
        mistake = next((m for m in IC_MISTAKES
                        if all(_pair_close(g, v[m]) for g, v in zip(got_list, variants_list))), None)
        which = 0 if not np.isclose(got[0], expected[0], rtol=RTOL, atol=1e-8) else 1
        raise wrong(name, say("ic_mismatch", case=case.text, which=("BIC", "AIC")[which],
                              expected=num(float(expected[which])), got=num(float(got[which]))),
                     _ic_hint(mistake))
    return correct(name, func, len(cases))


# --- scikit-learn's covariance shapes ------------------------------------------------------------------

def _sklearn_covariances(sigma: np.ndarray, covariance_type: str) -> np.ndarray:
    """(K, d, d) covariances as scikit-learn stores them: full (K, d, d), diag (K, d), spherical (K,), tied (d, d)."""
    if covariance_type == "full":
        return sigma.copy()
    if covariance_type == "diag":
        return np.diagonal(sigma, axis1=1, axis2=2).copy()
    if covariance_type == "spherical":
        return sigma[:, 0, 0].copy()
    return sigma[0].copy()


def _cov_cases(seed=None):
    """Every covariance type with (K, d) = (3, 2) and (2, 3), or with a seed two random pairs (K 2-5, d 2-4)."""
    rng = fresh_rng(seed)
    if rng is None:
        rng = np.random.default_rng(4096)
        pairs = ((3, 2), (2, 3))
    else:
        pairs = _random_pairs(rng, 2, (2, 6), (2, 5))
    cases, number = [], 1
    for K, d in pairs:
        A = rng.normal(scale=0.7, size=(K, d, d))
        sigma = A @ A.transpose(0, 2, 1) + 0.5 * np.eye(d)
        for covariance_type in COVARIANCE_TYPES:
            full = constrain_covariances(sigma, covariance_type, N=rng.uniform(5, 20, size=K))
            cases.append(Case(number, f'K = {K}, d = {d}, covariance_type = "{covariance_type}"',
                               (_sklearn_covariances(full, covariance_type), covariance_type, K, d)))
            number += 1
    return cases


def _cov_hint(covariances, covariance_type, K, d, got) -> str:
    """The hint for a wrong (K, d, d) answer of the right shape."""
    if covariance_type == "spherical" and np.allclose(got, covariances[:, None, None] * np.ones((d, d)), rtol=RTOL):
        return say("hint_cov_spherical_ones")
    expected = _expected_full(covariances, covariance_type, K, d)
    if np.allclose(got, np.linalg.inv(expected), rtol=RTOL):
        return say("hint_cov_precision")
    if covariance_type in ("diag", "spherical") and np.allclose(got, np.sqrt(expected), rtol=RTOL):
        return say("hint_cov_sqrt")
    return say("hint_cov_" + covariance_type)


def _expected_full(covariances, covariance_type, K, d) -> np.ndarray:
    if covariance_type == "full":
        return covariances.copy()
    if covariance_type == "diag":
        return covariances[:, :, None] * np.eye(d)
    if covariance_type == "spherical":
        return covariances[:, None, None] * np.eye(d)
    return np.repeat(covariances[None], K, axis=0)


@checker
def check_full_covariances(func, *, seed=None) -> CheckResult:
    """Check func(covariances, covariance_type, K, d) -> (K, d, d): scikit-learn's covariances_ of a
    GaussianMixture (full (K, d, d), diag (K, d), spherical (K,), tied (d, d)) as K full matrices,
    the form gmm_teach uses (GMMParams.sigma). Eight cases: every type with (K, d) = (3, 2) and (2, 3)
    (with an int seed: two random pairs, K = 2..5 and d = 2..4, and random covariances).

    Examples
    --------
    >>> import numpy as np, gmm_teach as gt
    >>> def full_covariances(covariances, covariance_type, K, d):
    ...     if covariance_type == "full":
    ...         return covariances.copy()
    ...     if covariance_type == "diag":
    ...         return covariances[:, :, None] * np.eye(d)
    ...     if covariance_type == "spherical":
    ...         return covariances[:, None, None] * np.eye(d)
    ...     return np.repeat(covariances[None], K, axis=0)
    >>> gt.checks.check_full_covariances(full_covariances).passed
    True
    """
    name = "full_covariances"
    spec = Spec(name, "full_covariances(covariances, covariance_type, K, d)", quantity="q_full_cov")  # no package
    # function expands scikit-learn's shapes (constrain_covariances maps full matrices to a type, not this)
    cases = _cov_cases(seed)
    for case in cases:
        covariances, covariance_type, K, d = case.args
        value = call(spec, func, case)
        if value is None:
            raise wrong(name, say("none", case=case.text), say("hint_none"))
        got = as_array(spec, case, value, None, "(K, d, d)", "q_sigma")
        if got.shape != (K, d, d):
            raise wrong(name, say("cov_shape", case=case.text, expected=shape_text((K, d, d)),
                                  got=shape_text(got.shape)), say("hint_cov_" + covariance_type))
        expected = _expected_full(covariances, covariance_type, K, d)
        if not np.allclose(got, expected, rtol=RTOL, atol=1e-10):
            err = np.where(np.isclose(got, expected, rtol=RTOL, atol=1e-10), -1.0, np.abs(got - expected))
            index = np.unravel_index(int(np.argmax(np.nan_to_num(err, nan=np.inf))), expected.shape)
            raise wrong(name, say("cov_mismatch", case=case.text, index="[" + ", ".join(map(str, index)) + "]",
                                  expected=num(float(expected[index])), got=num(float(got[index]))),
                         _cov_hint(covariances, covariance_type, K, d, got))
    return correct(name, func, len(cases))


__all__ = ["check_n_parameters", "check_n_parameters_by_type", "check_information_criteria",
           "check_full_covariances"]
