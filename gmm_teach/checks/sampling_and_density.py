"""Checkers of chapter 01 (drawing data from a mixture) and chapter 02 (the Gaussian density).

    check_sampler(func)               func(phi, mu, sigma, n, seed) -> (X, z), judged by its statistics
    check_empirical_covariance(func)  func(X, z, k) -> the covariance matrix of the points with z == k
    check_pdf(func)                   func(X, mu, sigma) -> the densities N(x_n | mu, sigma)
    check_log_pdf(func)               func(X, mu, sigma) -> their logs, finite even far from the mean
    check_mahalanobis(func)           func(X, mu, sigma) -> (x_n - mu)^T sigma^{-1} (x_n - mu)

Every checker takes ``seed=None`` (the fixed cases the chapters show) or an int (fresh hidden cases
drawn from np.random.default_rng(seed)), and rejects a function that calls gmm_teach's own
implementation of what it checks (the ``*_FORBIDDEN`` tuples) or the worked solutions.
"""
from __future__ import annotations

import numpy as np

from .. import data, em, gaussian, init, steps, textbook
from ..data import TEXTBOOK_TRUTH
from ..steps import m_step as _ref_m_step
from ..gaussian import log_pdf as _ref_log_pdf
from ..params import GMMParams
from ._framework import (Case, CheckResult, Spec, almost, as_array, call, checker, close, compare, correct,
                         fresh_rng, index_text, num, point_text, say, shape_text, wrong)
from ._mixtures import DENSITY_MISTAKES, log_gauss_variants, random_spd, rotated_spd

# what a learner's function may not call (the reference first; the worked solutions are always forbidden)
SAMPLER_FORBIDDEN = (data.sample,)
COV_FORBIDDEN = (steps.m_step, steps._m_step_kn, em.fit, em.fit_best_of, init.init_params, init._data_covariance,
                 textbook.em_gmm)
DENSITY_FORBIDDEN = (gaussian.log_pdf, gaussian.pdf, gaussian.log_gauss_kn, gaussian.mixture_log_pdf,
                     gaussian._mixture_log_pdf_kn, gaussian.mahalanobis, gaussian.squared_mahalanobis_kn,
                     textbook.gaussian_pdf)
MAHA_FORBIDDEN = (gaussian.mahalanobis, gaussian.squared_mahalanobis_kn, gaussian.log_pdf, gaussian.pdf,
                  gaussian.log_gauss_kn, textbook.gaussian_pdf)

FAR = 1000.0  # the far-away point is (1000, ..., 1000): every density underflows to 0 there

# --- chapter 01: a mixture sampler --------------------------------------------------------------------

SAMPLER_SEEDS = 200  # samples per case: the standard deviation of the counts is then known to about 5 %


def _sampler_cases(rng=None):
    """[(case, first seed, mean tolerance, covariance tolerance)]: (phi, mu, sigma, n) of the textbook's truth,
    then four components of unequal weight; with rng, two fresh mixtures (K = 2-3 in 2-D, K = 3-4 in 2-3-D)."""
    if rng is None:
        truth4 = GMMParams([0.1, 0.2, 0.3, 0.4], [[-4.0, 0.0], [0.0, 4.0], [4.0, 0.0], [0.0, -4.0]],
                           [[[1.0, 0.5], [0.5, 1.0]], [[0.5, 0.0], [0.0, 2.0]], [[1.5, -0.6], [-0.6, 0.8]], np.eye(2)])
        return [(Case(1, f"n = 1000, K = 3, d = 2, seed = 0…{SAMPLER_SEEDS - 1}",
                      (TEXTBOOK_TRUTH.phi, TEXTBOOK_TRUTH.mu, TEXTBOOK_TRUTH.sigma, 1000)), 0, 0.05, 0.05),
                (Case(2, f"n = 500, K = 4, d = 2, seed = 0…{SAMPLER_SEEDS - 1}",
                      (truth4.phi, truth4.mu, truth4.sigma, 500)), 0, 0.05, 0.05)]
    cases = []
    for number, (K, d) in enumerate(((int(rng.integers(2, 4)), 2), (int(rng.integers(3, 5)), int(rng.integers(2, 4)))),
                                    start=1):
        while True:  # unequal weights (a uniform sampler must fail), each at least 0.15
            phi = 0.15 + (1 - 0.15 * K) * rng.dirichlet(np.ones(K))
            if phi.max() - phi.min() > 0.1:
                break
        while True:  # well separated means (points paired with the wrong z must fail)
            mu = rng.normal(scale=3.0, size=(K, d)) + rng.uniform(-5, 5, size=d)
            if min(np.linalg.norm(mu[i] - mu[j]) for i in range(K) for j in range(i)) > 2.5:
                break
        sigma = np.stack([rotated_spd(rng, d, 0.15, 1.2) for _ in range(K)])  # eps @ L must fail
        n = int(rng.integers(600, 1201))
        first = int(rng.integers(1, 10**6))
        # tolerances: 6 standard errors of the pooled mean and covariance (at least the fixed cases' 0.05)
        pooled = n * phi * SAMPLER_SEEDS
        spread = np.array([np.diag(s).max() for s in sigma])
        mean_tol = float(max(0.05, (6 * np.sqrt(spread / pooled)).max()))
        cov_tol = float(max(0.05, (6 * np.sqrt(2) * spread / np.sqrt(pooled)).max()))
        cases.append((Case(number, f"n = {n}, K = {K}, d = {d}, seed = {first}…{first + SAMPLER_SEEDS - 1}",
                           (phi, mu, sigma, n)), first, mean_tol, cov_tol))
    return cases


def _sample_once(spec: Spec, func, case: Case, seed: int):
    """The learner's (X, z) for one seed, checked for form: X (n, d) floats, z (n,) component numbers."""
    phi, mu, sigma, n = case.args
    K, d = mu.shape
    value = call(spec, func, Case(case.number, case.desc, (phi, mu, sigma, n, seed)))
    if value is None:
        raise wrong(spec.name, say("none", case=case.text), say("hint_none"))
    if not isinstance(value, (tuple, list)):
        raise wrong(spec.name, say("returned_type", case=case.text, type=type(value).__name__),
                    say("hint_sampler_return"))
    if len(value) != 2:
        raise wrong(spec.name, say("returned_count", case=case.text, count=len(value)), say("hint_sampler_return"))
    shape_X, shape_z = np.shape(value[0]), np.shape(value[1])
    if len(shape_X) == 1 and len(shape_z) == 2:  # (z, X) instead of (X, z)
        raise wrong(spec.name, say("shape", case=case.text, name="X (n, d)", expected=shape_text((n, d)),
                                   got=shape_text(shape_X)), say("hint_sampler_return"))
    if len(shape_X) == 2 and shape_X[1] == d and shape_X[0] != n:
        raise wrong(spec.name, say("sampler_total", case=case.text, n=n, seed=seed, got=shape_X[0]),
                    say("hint_sampler_total"))
    X = as_array(spec, case, value[0], (n, d), "(n, d)", "q_sample_X")
    z = as_array(spec, case, value[1], (n,), "(n,)", "q_sample_z")
    bad = ~np.isin(z, np.arange(K))
    if bad.any():
        raise wrong(spec.name, say("sampler_labels", case=case.text, last=K - 1, value=num(float(z[bad][0]))),
                    say("hint_sampler_labels"))
    return X, z.astype(int)


@checker
def check_sampler(func, *, seed=None) -> CheckResult:
    """Check a mixture sampler ``func(phi, mu, sigma, n, seed) -> (X (n, d), z (n,))`` by its statistics.

    For each case the function is called with the seeds 0, ..., 199 (and once more with seed 0: the
    same seed must give the same sample); with ``seed`` (an int), on two fresh mixtures with other
    seeds and tolerances of six standard errors. Over these samples the counts per component must have the
    mean n phi_k and the binomial standard deviation sqrt(n phi_k (1 - phi_k)) (within 25 %), and the
    points with z = k the mean mu[k] and covariance sigma[k] (within 0.05). The draws themselves may
    differ from gmm_teach.sample's: ancestral sampling (z first, point by point) and counts drawn from
    the multinomial distribution are both right. The typical mistakes named: counts fixed at int(w * n),
    a seed that is ignored, z not paired with the rows of X, eps @ L instead of eps @ L.T.
    A function that calls gt.sample is not passed.

    Examples
    --------
    >>> import numpy as np, gmm_teach as gt
    >>> def sampler(phi, mu, sigma, n, seed):
    ...     rng = np.random.default_rng(seed)
    ...     z = rng.choice(len(phi), size=n, p=phi)
    ...     L = np.linalg.cholesky(sigma)
    ...     return mu[z] + np.einsum("nij,nj->ni", L[z], rng.standard_normal((n, mu.shape[1]))), z
    >>> gt.checks.check_sampler(sampler).passed
    True
    >>> gt.checks.check_sampler(lambda phi, mu, sigma, n, seed: gt.sample(gt.GMMParams(phi, mu, sigma), n, seed)).hint
    'Compute the sample with numpy, as in the chapter. gt.sample is what your answer is compared with, so an answer that calls it shows nothing.'
    """
    name = "sampler"
    rng = fresh_rng(seed)
    spec = Spec(name, "sampler(phi, mu, sigma, n, seed)", forbidden=SAMPLER_FORBIDDEN, quantity="q_sample")
    ratios_text = []
    cases = _sampler_cases(rng)
    for case, first, mean_tol, cov_tol in cases:
        phi, mu, sigma, n = case.args
        K, d = mu.shape
        runs = [_sample_once(spec, func, case, s) for s in range(first, first + SAMPLER_SEEDS)]
        again = _sample_once(spec, func, case, first)
        if not (np.array_equal(again[0], runs[0][0]) and np.array_equal(again[1], runs[0][1])):
            raise wrong(name, say("sampler_seed", case=case.text, seed=first), say("hint_sampler_seed"))
        counts = np.array([np.bincount(z, minlength=K) for _, z in runs])  # (seeds, K)
        if np.all(counts == counts[0]):
            raise wrong(name, say("sampler_fixed", case=case.text, seeds=SAMPLER_SEEDS,
                                  counts=shape_text(counts[0].tolist())), say("hint_sampler_fixed"))
        sd = np.sqrt(n * phi * (1 - phi))
        mean_off = np.abs(counts.mean(axis=0) - n * phi) > 5 * sd / np.sqrt(SAMPLER_SEEDS) + 0.5
        if mean_off.any():
            k = int(np.argmax(mean_off))
            raise wrong(name, say("sampler_count_mean", case=case.text, k=k, got=num(float(counts[:, k].mean())),
                                  expected=num(float(n * phi[k]))), say("hint_sampler_phi"))
        ratio = counts.std(axis=0) / sd
        if np.any(np.abs(ratio - 1) > 0.25):
            k = int(np.argmax(np.abs(ratio - 1)))
            raise wrong(name, say("sampler_count_sd", case=case.text, k=k, got=num(float(counts[:, k].std())),
                                  expected=num(float(sd[k]))), say("hint_sampler_sd"))
        X_all = np.vstack([X for X, _ in runs])
        z_all = np.concatenate([z for _, z in runs])
        means = np.array([X_all[z_all == k].mean(axis=0) for k in range(K)])
        covs = np.array([np.cov(X_all[z_all == k], rowvar=False, bias=True).reshape(d, d) for k in range(K)])
        overall = phi @ mu  # the mean of all the points, whatever z says
        for k in range(K):
            if not np.allclose(means[k], mu[k], atol=mean_tol):
                pairing = np.allclose(X_all.mean(axis=0), overall, atol=mean_tol)
                raise wrong(name, say("sampler_mean", case=case.text, k=k, got=point_text(means[k]),
                                      expected=point_text(mu[k])),
                            say("hint_sampler_pairing" if pairing else "hint_sampler_gauss"))
        for k in range(K):
            if not np.allclose(covs[k], sigma[k], atol=cov_tol):
                index = np.unravel_index(int(np.argmax(np.abs(covs[k] - sigma[k]))), (d, d))
                L = np.linalg.cholesky(sigma[k])
                hint = "hint_sampler_cholesky" if np.allclose(covs[k], L.T @ L, atol=cov_tol) else "hint_sampler_gauss"
                raise wrong(name, say("sampler_cov", case=case.text, k=k, index=index_text(index),
                                      got=num(float(covs[k][index])), expected=num(float(sigma[k][index]))),
                            say(hint))
        ratios_text.append(shape_text([float(np.round(r, 2)) for r in ratio]))
    return correct(name, func, len(cases), say("correct_sampler", ratios=say("list_comma").join(ratios_text)))


# --- chapter 01: the covariance matrix of one component's points -----------------------------------------

COV_MISTAKES = ("cov_unbiased", "cov_over_n", "cov_not_divided", "cov_not_centred", "cov_global_mean",
                "cov_all_points", "cov_all_points_0", "cov_diagonal")


def _empirical_cov_cases(rng=None):
    """(X, z, k) for every component k of three small labelled data sets (each component has 3 points or more).

    With rng: three fresh data sets, K = 2-4, d = 2-3 (as in the fixed cases: np.cov gives a 0-d array for
    1-D data), each component with d + 2 points or more (a nonsingular covariance), n = (d + 2) K + 0-7."""
    if rng is None:
        rng, sizes = np.random.default_rng(16180), ((12, 3, 2, 3), (10, 2, 3, 3), (16, 4, 2, 3))
    else:
        sizes = []
        for _ in range(3):
            K = int(rng.integers(2, 5))
            d = int(rng.integers(2, 4))
            sizes.append(((d + 2) * K + int(rng.integers(0, 8)), K, d, d + 2))
    cases = []
    for number, (n, K, d, least) in enumerate(sizes, start=1):
        z = rng.permutation(np.concatenate([np.arange(K).repeat(least), rng.integers(K, size=n - least * K)]))
        X = rng.normal(scale=2.0, size=(K, d))[z] + rng.normal(size=(n, d)) @ random_spd(rng, d, 0.8)
        for k in range(K):
            cases.append(Case(number, f"n = {n}, K = {K}, d = {d}, k = {k}", (X, z, k)))
    return cases


def _empirical_cov_variants(X, z, k) -> dict:
    """The covariance of component k's points, correct and with each typical mistake."""
    X_k = X[z == k]
    N_k = len(X_k)
    diff = X_k - X_k.mean(axis=0)
    S = diff.T @ diff
    glob = X_k - X.mean(axis=0)
    all_diff = X - X.mean(axis=0)
    return {"correct": S / N_k, "cov_unbiased": S / (N_k - 1), "cov_over_n": S / len(X), "cov_not_divided": S,
            "cov_not_centred": X_k.T @ X_k / N_k, "cov_global_mean": glob.T @ glob / N_k,
            "cov_all_points": all_diff.T @ all_diff / (len(X) - 1), "cov_all_points_0": all_diff.T @ all_diff / len(X),
            "cov_diagonal": np.diag(np.diag(S / N_k))}


@checker
def check_empirical_covariance(func, *, seed=None) -> CheckResult:
    """Check ``func(X, z, k) -> (d, d)``, the maximum-likelihood covariance of the rows of X with z == k.

    X (n, d), z (n,) component numbers, k one of them. Compared with gmm_teach.m_step given the one-hot
    responsibilities np.eye(K)[z] (the per-component maximum-likelihood estimate, divided by N_k), on
    three small data sets, for every k. The typical mistakes named: N_k - 1 (np.cov's default), n,
    no division, no centring, the mean of all the data, all the data, the variances only.
    With ``seed`` (an int), three fresh data sets of other sizes. A function that calls gt.m_step
    (or fit, init_params, ...) is not passed.

    Examples
    --------
    >>> import numpy as np, gmm_teach as gt
    >>> def empirical_covariance(X, z, k):
    ...     return np.cov(X[z == k], rowvar=False, bias=True)
    >>> gt.checks.check_empirical_covariance(empirical_covariance).passed
    True
    >>> unbiased = lambda X, z, k: np.cov(X[z == k], rowvar=False)
    >>> print(gt.checks.check_empirical_covariance(unbiased).hint)
    It looks like the sum is divided by N_k − 1 (np.cov's default, the unbiased estimate). The maximum likelihood estimate asked for here divides by N_k.
    """
    name = "empirical_covariance"
    spec = Spec(name, "empirical_covariance(X, z, k)", forbidden=COV_FORBIDDEN, quantity="q_cov")
    cases = _empirical_cov_cases(fresh_rng(seed))
    got_list, expected_list, variants_list = [], [], []
    for case in cases:
        X, z, k = case.args
        d = X.shape[1]
        got_list.append(as_array(spec, case, call(spec, func, case), (d, d), "(d, d)", "q_cov"))
        K = int(z.max()) + 1
        expected_list.append(_ref_m_step(X, np.eye(K)[z], reg_covar=0.0).sigma[k])
        variants_list.append(_empirical_cov_variants(X, z, k))
    compare(name, "q_cov", cases, got_list, expected_list, variants_list, COV_MISTAKES, "hint_cov")
    return correct(name, func, len(cases))


# --- chapter 02: one Gaussian: pdf, log_pdf, Mahalanobis distance -------------------------------------------

def _density_cases(far: bool, rng=None):
    """(X, mu, sigma) for d = 2, 1, 3, 2 and, with far=True, a 2-D case with the point (1000, 1000).

    With rng: fresh cases, d = 1, 2, 3 and 2-4 in random order, n = 5-12, scales 0.3-3, and a far
    case in 2-D or 3-D with a point 600-1500 standard deviations away in a random direction, in a
    random row."""
    if rng is not None:
        return _density_cases_fresh(far, rng)
    rng = np.random.default_rng(20240611)
    cases = []
    for number, (n, d, scale) in enumerate(((9, 2, 1.8), (7, 1, 2.5), (8, 3, 0.6), (10, 2, 0.4)), start=1):
        mu = rng.normal(scale=2.0, size=d)
        sigma = random_spd(rng, d, scale)
        X = mu + rng.normal(size=(n, d)) @ np.linalg.cholesky(sigma).T * 1.3
        cases.append(Case(number, f"n = {n}, d = {d}", (X, mu, sigma)))
    if far:
        mu = np.array([0.5, -1.0])
        sigma = np.array([[1.2, 0.4], [0.4, 0.8]])
        X = np.vstack([mu + rng.normal(size=(5, 2)), np.full((1, 2), FAR)])
        cases.append(Case(len(cases) + 1, "n = 6, d = 2", (X, mu, sigma)))
    return cases


def _density_cases_fresh(far: bool, rng):
    cases = []
    for number, d in enumerate(rng.permutation([1, 2, 3, int(rng.integers(2, 5))]), start=1):
        d, n = int(d), int(rng.integers(5, 13))
        mu = rng.normal(scale=rng.uniform(0.5, 4.0), size=d)
        sigma = random_spd(rng, d, float(np.exp(rng.uniform(np.log(0.3), np.log(3.0)))))
        X = mu + rng.normal(size=(n, d)) @ np.linalg.cholesky(sigma).T * rng.uniform(0.8, 1.8)
        cases.append(Case(number, f"n = {n}, d = {d}", (X, mu, sigma)))
    if far:
        d, n = int(rng.integers(2, 4)), int(rng.integers(4, 9))
        mu = rng.normal(scale=2.0, size=d)
        sigma = random_spd(rng, d, rng.uniform(0.5, 1.5))
        X = mu + rng.normal(size=(n, d)) @ np.linalg.cholesky(sigma).T
        u = rng.normal(size=d)
        far_point = mu + u / np.linalg.norm(u) * rng.uniform(600, 1500) * np.sqrt(np.linalg.eigvalsh(sigma).max())
        X = np.insert(X, int(rng.integers(0, n + 1)), np.round(far_point), axis=0)  # every density underflows there
        cases.append(Case(len(cases) + 1, f"n = {n + 1}, d = {d}", (X, mu, sigma)))
    return cases


def _far_row(X, mu) -> int:
    """The row of the far-away point."""
    return int(np.argmax(np.linalg.norm(X - mu, axis=1)))


@checker
def _check_density(func, name: str, log: bool, seed) -> CheckResult:
    quantity = "q_log_density" if log else "q_density"
    spec = Spec(name, f"{name}(X, mu, sigma)", arguments="density",
                forbidden=((gaussian.log_pdf, gaussian.pdf) if log else (gaussian.pdf, gaussian.log_pdf))
                + DENSITY_FORBIDDEN[2:],
                quantity=quantity)
    cases = _density_cases(far=log, rng=fresh_rng(seed))
    ordinary = cases[:-1] if log else cases
    swapped = "returned_pdf" if log else "returned_log"  # log density for density, or the other way round
    got_list, expected_list, variants_list = [], [], []
    for case in ordinary:
        X, mu, sigma = case.args
        got_list.append(as_array(spec, case, call(spec, func, case), (X.shape[0],), "(n,)", quantity))
        reference = _ref_log_pdf(X, mu, sigma)
        variants = {k: (v if log else np.exp(v)) for k, v in log_gauss_variants(X, mu, sigma).items()}
        variants[swapped] = np.exp(reference) if log else reference
        expected_list.append(reference if log else np.exp(reference))
        variants_list.append(variants)
    compare(name, quantity, ordinary, got_list, expected_list, variants_list, DENSITY_MISTAKES + (swapped,),
            "hint_density")
    if not log:
        return correct(name, func, len(cases))
    # the far-away point: a log density computed as np.log(pdf) gives -inf there
    case = cases[-1]
    X, mu, sigma = case.args
    expected = _ref_log_pdf(X, mu, sigma)
    got = as_array(spec, case, call(spec, func, case), (X.shape[0],), "(n,)", quantity, finite=False)
    point = point_text(X[_far_row(X, mu)])
    if not close(got, expected):
        what = say("what_nonfinite") if not np.all(np.isfinite(got)) else say("what_values")
        return almost(name, say("almost_far_log", count=len(ordinary), point=point, what=what), say("hint_log_of_pdf"))
    return correct(name, func, len(cases), say("correct_far_log", point=point))


def check_pdf(func, *, seed=None) -> CheckResult:
    """Check ``func(X, mu, sigma) -> (n,)``, the densities N(x_n | mu, sigma) of one Gaussian.

    X (n, d), mu (d,), sigma (d, d); four cases with d = 2, 1, 3 and 2 (with ``seed``, an int: four
    fresh cases). A function that calls gt.pdf, gt.log_pdf, gt.mahalanobis, gt.textbook.gaussian_pdf
    or their kernels is not passed.

    Examples
    --------
    >>> import numpy as np, gmm_teach as gt
    >>> def pdf(X, mu, sigma):
    ...     diff = X - mu
    ...     maha = np.sum(diff @ np.linalg.inv(sigma) * diff, axis=1)
    ...     return np.exp(-0.5 * maha) / np.sqrt((2 * np.pi) ** X.shape[1] * np.linalg.det(sigma))
    >>> gt.checks.check_pdf(pdf)
    ✓ Correct. pdf agrees with the reference on all 4 cases.
    >>> gt.checks.check_pdf(pdf, seed=2026).passed
    True
    >>> print(gt.checks.check_pdf(gt.pdf))
    ✗ Not correct. check_pdf: your function calls gmm_teach's own pdf (gt.pdf), so it does not compute the densities itself.
    Hint: Compute the densities with numpy, as in the chapter. gt.pdf is what your answer is compared with, so an answer that calls it shows nothing.
    >>> def pdf_without_half(X, mu, sigma):
    ...     diff = X - mu
    ...     maha = np.sum(diff @ np.linalg.inv(sigma) * diff, axis=1)
    ...     return np.exp(-maha) / np.sqrt((2 * np.pi) ** X.shape[1] * np.linalg.det(sigma))
    >>> result = gt.checks.check_pdf(pdf_without_half)
    >>> result.status, result.hint
    ('wrong', 'The 1/2 in the exponent seems to be missing. The exponent is −(1/2)(x − μ)ᵀ Σ⁻¹ (x − μ).')
    """
    return _check_density(func, "pdf", log=False, seed=seed)


def check_log_pdf(func, *, seed=None) -> CheckResult:
    """Check ``func(X, mu, sigma) -> (n,)``, the log densities log N(x_n | mu, sigma) of one Gaussian.

    X (n, d), mu (d,), sigma (d, d); four ordinary cases with d = 2, 1, 3 and 2, then a case with the
    point (1000, 1000), where np.log(pdf) gives -inf ("almost": compute the log directly). With
    ``seed`` (an int): fresh cases, the far point in a random row and direction. A function that calls
    gt.log_pdf, gt.pdf, gt.mahalanobis, gt.textbook.gaussian_pdf or their kernels is not passed.

    Examples
    --------
    >>> import numpy as np, gmm_teach as gt
    >>> def log_pdf(X, mu, sigma):
    ...     diff = X - mu
    ...     maha = np.sum(diff @ np.linalg.inv(sigma) * diff, axis=1)
    ...     return -0.5 * (X.shape[1] * np.log(2 * np.pi) + np.linalg.slogdet(sigma)[1] + maha)
    >>> gt.checks.check_log_pdf(log_pdf).passed, gt.checks.check_log_pdf(log_pdf, seed=7).passed
    (True, True)
    >>> gt.checks.check_log_pdf(lambda X, mu, sigma: np.log(np.exp(log_pdf(X, mu, sigma)))).status
    'almost'
    >>> gt.checks.check_log_pdf(gt.log_pdf).status
    'wrong'
    """
    return _check_density(func, "log_pdf", log=True, seed=seed)


@checker
def check_mahalanobis(func, *, seed=None) -> CheckResult:
    """Check ``func(X, mu, sigma) -> (n,)``, the squared Mahalanobis distances (x_n - mu)^T sigma^{-1} (x_n - mu).

    X (n, d), mu (d,), sigma (d, d). The squared distance (no square root), as in the exponent
    of the Gaussian density. With ``seed`` (an int), four fresh cases. A function that calls
    gt.mahalanobis (or gt.log_pdf, gt.pdf and their kernels) is not passed.

    Examples
    --------
    >>> import numpy as np, gmm_teach as gt
    >>> def mahalanobis(X, mu, sigma):
    ...     diff = X - mu
    ...     return np.sum(diff @ np.linalg.inv(sigma) * diff, axis=1)
    >>> gt.checks.check_mahalanobis(mahalanobis).passed
    True
    """
    name = "mahalanobis"
    spec = Spec(name, "mahalanobis(X, mu, sigma)", arguments="density", forbidden=MAHA_FORBIDDEN, quantity="q_maha")
    cases = _density_cases(far=False, rng=fresh_rng(seed))
    got_list, expected_list, variants_list = [], [], []
    for case in cases:
        X, mu, sigma = case.args
        got_list.append(as_array(spec, case, call(spec, func, case), (X.shape[0],), "(n,)", "q_maha"))
        diff = X - mu
        expected = np.sum(diff @ np.linalg.inv(sigma) * diff, axis=1)
        expected_list.append(expected)
        variants_list.append({"maha_sigma": np.sum(diff @ sigma * diff, axis=1), "maha_sqrt": np.sqrt(expected)})
    compare(name, "q_maha", cases, got_list, expected_list, variants_list, ("maha_sigma", "maha_sqrt"), "hint_maha")
    return correct(name, func, len(cases))


__all__ = ["check_sampler", "check_empirical_covariance", "check_pdf", "check_log_pdf", "check_mahalanobis"]
