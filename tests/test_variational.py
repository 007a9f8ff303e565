"""gt.fit_variational, the variational Bayesian GMM: against scikit-learn's BayesianGaussianMixture,
its lower bound (the full ELBO of PRML 10.70-10.77), PRML's Old Faithful result, and its argument checks.
Also the digamma and gammaln of gmm_teach._math against SciPy."""
from __future__ import annotations

import dataclasses
import warnings

import numpy as np
import pytest
import scipy.special as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.datasets import load_iris
from sklearn.mixture import BayesianGaussianMixture

import gmm_teach as gt
from gmm_teach._math import digamma, gammaln
from gmm_teach.variational import _initial_responsibilities

AGREE = 1e-6  # the brief's tolerance; measured agreement is about 1e-12


# --- digamma and gammaln ------------------------------------------------------------

POSITIVE = np.concatenate([np.logspace(-12, 15, 4000), np.linspace(0.01, 30, 3000), [1.0, 2.0, 0.5, 1.4616321449683622]])


def test_digamma_matches_scipy_for_positive_x():
    ours, ref = digamma(POSITIVE), sp.digamma(POSITIVE)
    # relative 1e-13; near the root 1.4616 (psi ~ 0) the absolute error, a few 1e-16 times the terms, counts
    np.testing.assert_allclose(ours, ref, rtol=1e-13, atol=1e-14)


def test_digamma_matches_scipy_for_negative_x_away_from_poles():
    x = -np.logspace(-10, 3, 3000)
    x = x[np.abs(x - np.round(x)) > 1e-6]  # at the poles 0, -1, -2, ... psi is infinite
    np.testing.assert_allclose(digamma(x), sp.digamma(x), rtol=1e-11)


def test_digamma_special_values_and_shapes():
    assert np.isnan(digamma(0.0)) and np.isnan(digamma(-3.0)) and np.isnan(digamma(np.nan))
    assert digamma(np.inf) == np.inf
    assert np.ndim(digamma(2.0)) == 0 and digamma(np.ones((2, 3))).shape == (2, 3)
    assert digamma(1.0) == pytest.approx(-np.euler_gamma, rel=1e-15)


def test_gammaln_matches_scipy():
    np.testing.assert_allclose(gammaln(POSITIVE), sp.gammaln(POSITIVE), rtol=1e-13, atol=1e-14)
    x = -np.linspace(0.01, 50, 997)  # negative non-integers: ln |Gamma(x)|
    np.testing.assert_allclose(gammaln(x), sp.gammaln(x), rtol=1e-12)
    assert gammaln(0.0) == np.inf and gammaln(-2.0) == np.inf
    assert np.ndim(gammaln(2.5)) == 0 and gammaln(np.ones((2, 3))).shape == (2, 3)


# --- the same run as scikit-learn ------------------------------------------------------------

class _FromResponsibilities(BayesianGaussianMixture):
    """BayesianGaussianMixture whose _initialize receives exactly the responsibilities given."""

    def __init__(self, resp0=None, **kwargs):
        super().__init__(**kwargs)
        self.resp0 = resp0

    @classmethod
    def _get_param_names(cls):
        return sorted(BayesianGaussianMixture._get_param_names() + ["resp0"])

    def _initialize_parameters(self, X, random_state, *args, **kwargs):
        self._initialize(X, np.array(self.resp0, dtype=X.dtype))


def _standardised(X):
    return (X - X.mean(axis=0)) / X.std(axis=0)


def _random_d5():
    rng = np.random.default_rng(5)
    centres = rng.normal(scale=4.0, size=(4, 5))
    return np.concatenate([c + rng.normal(size=(60, 5)) @ rng.normal(scale=0.5, size=(5, 5)) + 0.1 * rng.normal(
        size=(60, 5)) for c in centres])


DATASETS = {
    "textbook": (gt.textbook_data, 3),
    "old_faithful": (lambda: _standardised(gt.old_faithful()), 6),
    "iris": (lambda: load_iris().data, 3),
    "random_d5": (_random_d5, 4),
}


def _priors(X):
    d = X.shape[1]
    rng = np.random.default_rng(0)
    A = rng.normal(size=(d, d))
    return {
        "defaults": {},
        "small_alpha0": {"weight_concentration_prior": 1e-3},
        "large_alpha0": {"weight_concentration_prior": 100.0},
        "explicit": {"mean_prior": X.mean(axis=0) + 0.5, "covariance_prior": A @ A.T / d + np.eye(d),
                     "mean_precision_prior": 0.3, "degrees_of_freedom_prior": d + 2.5,
                     "weight_concentration_prior": 0.5},
    }


PRIOR_NAMES = ["defaults", "small_alpha0", "large_alpha0", "explicit"]


def _both(X, K, prior, resp0, **run):
    """Our run and scikit-learn's from the same initial responsibilities (n, K)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # both warn when max_iter is hit: expected with tol=0
        ours = gt.fit_variational(X, K, init=resp0, **prior, **run)
        theirs = _FromResponsibilities(resp0=resp0, n_components=K, covariance_type="full",
                                       weight_concentration_prior_type="dirichlet_distribution", **prior,
                                       **run).fit(X)
    return ours, theirs


def _differences(ours, theirs, X):
    """Max abs difference of every quantity, named."""
    nu = theirs.degrees_of_freedom_
    return {
        "weights": np.abs(ours.weights - theirs.weights_).max(),
        "params.phi": np.abs(ours.params.phi - theirs.weights_).max(),
        "alpha": np.abs(ours.alpha - theirs.weight_concentration_).max(),
        "beta": np.abs(ours.beta - theirs.mean_precision_).max(),
        "m": np.abs(ours.m - theirs.means_).max(),
        "params.mu": np.abs(ours.params.mu - theirs.means_).max(),
        "nu": np.abs(ours.nu - nu).max(),
        "params.sigma": np.abs(ours.params.sigma - theirs.covariances_).max(),
        "W": np.abs(ours.W - theirs.precisions_ / nu[:, None, None]).max(),
        "responsibilities": np.abs(ours.responsibilities - theirs.predict_proba(X)).max(),
    }


def _relative(ours_value, theirs_value):
    return abs(ours_value - theirs_value) / max(1.0, abs(theirs_value))


@pytest.mark.parametrize("prior_name", PRIOR_NAMES)
@pytest.mark.parametrize("data_name", list(DATASETS))
def test_agrees_with_scikit_learn_iteration_by_iteration(data_name, prior_name):
    make, K = DATASETS[data_name]
    X = make()
    resp0 = _initial_responsibilities(X, K, "kmeans++", 3).T
    for max_iter in (1, 7):
        ours, theirs = _both(X, K, _priors(X)[prior_name], resp0, max_iter=max_iter, tol=0.0)
        diffs = _differences(ours, theirs, X)
        # alpha, beta, nu are O(n): compare them relative to their size
        for name in ("alpha", "beta", "nu"):
            diffs[name] /= max(1.0, float(np.abs(getattr(ours, name)).max()))
        worst = max(diffs, key=diffs.get)
        assert diffs[worst] < AGREE, (max_iter, worst, diffs)
        assert ours.n_iter == theirs.n_iter_ == max_iter


@pytest.mark.parametrize("prior_name", PRIOR_NAMES)
@pytest.mark.parametrize("data_name", list(DATASETS))
def test_converges_when_scikit_learn_does(data_name, prior_name):
    make, K = DATASETS[data_name]
    X = make()
    resp0 = _initial_responsibilities(X, K, "random", 1).T
    ours, theirs = _both(X, K, _priors(X)[prior_name], resp0, max_iter=500, tol=1e-3)
    assert (ours.n_iter, ours.converged) == (theirs.n_iter_, theirs.converged_)
    assert ours.converged
    diffs = _differences(ours, theirs, X)
    assert max(diffs.values()) < AGREE, diffs


def test_random_init_is_the_package_draw():
    """init="random" is uniform numbers normalised per row, from default_rng(seed), drawn (K, n) as
    gt.init_params(init="random") draws them."""
    X = gt.textbook_data()
    resp = np.random.default_rng(7).random((3, len(X)))
    resp /= resp.sum(axis=0)
    by_name = gt.fit_variational(X, 3, init="random", seed=7, max_iter=5, tol=1e300)
    by_array = gt.fit_variational(X, 3, init=resp.T, max_iter=5, tol=1e300)
    np.testing.assert_array_equal(by_name.responsibilities, by_array.responsibilities)
    np.testing.assert_array_equal(by_name.lower_bounds, by_array.lower_bounds)


def test_kmeans_plus_plus_init_is_one_hot_to_the_nearest_seed():
    from gmm_teach.init import _kmeans_plus_plus
    X = _standardised(gt.old_faithful())
    centres = _kmeans_plus_plus(X, 4, np.random.default_rng(2))
    labels = np.argmin(((X[:, None, :] - centres[None]) ** 2).sum(axis=2), axis=1)
    resp = _initial_responsibilities(X, 4, "kmeans++", 2).T
    np.testing.assert_array_equal(resp, np.eye(4)[labels])
    a = gt.fit_variational(X, 4, seed=2, max_iter=3, tol=1e300)
    b = gt.fit_variational(X, 4, init=np.eye(4)[labels], max_iter=3, tol=1e300)
    np.testing.assert_array_equal(a.lower_bounds, b.lower_bounds)


def test_same_seed_same_result_other_seed_other_start():
    X = _standardised(gt.old_faithful())
    a, b = (gt.fit_variational(X, 5, seed=4, max_iter=3, tol=1e300) for _ in range(2))
    c = gt.fit_variational(X, 5, seed=5, max_iter=3, tol=1e300)
    np.testing.assert_array_equal(a.responsibilities, b.responsibilities)
    assert not np.array_equal(a.responsibilities, c.responsibilities)


def test_defaults_are_scikit_learns():
    X = load_iris().data
    result = gt.fit_variational(X, 4, seed=0)
    prior = result.prior
    assert prior.alpha0 == 0.25 and prior.beta0 == 1.0 and prior.nu0 == 4.0
    np.testing.assert_array_equal(prior.m0, X.mean(axis=0))
    np.testing.assert_array_equal(prior.W0_inv, np.cov(X.T))
    np.testing.assert_allclose(prior.W0 @ prior.W0_inv, np.eye(4), atol=1e-10)
    signature = BayesianGaussianMixture()
    assert (signature.tol, signature.reg_covar, signature.max_iter) == (1e-3, 1e-6, 100)


# --- the lower bound ---------------------------------------------------------------------

def _log_evidence_normal_wishart(X, beta0, nu0, m0, W0_inv):
    """ln p(X) of one Gaussian with the Gaussian-Wishart prior, in closed form (Murphy 2007, eq. 266)."""
    n, d = X.shape
    xbar = X.mean(axis=0)
    scatter = (X - xbar).T @ (X - xbar)
    beta_n, nu_n = beta0 + n, nu0 + n
    Wn_inv = W0_inv + scatter + beta0 * n / beta_n * np.outer(xbar - m0, xbar - m0)
    logdet = lambda A: np.linalg.slogdet(A)[1]  # noqa: E731
    return (-0.5 * n * d * np.log(np.pi) + sp.multigammaln(nu_n / 2, d) - sp.multigammaln(nu0 / 2, d)
            + 0.5 * nu0 * logdet(W0_inv) - 0.5 * nu_n * logdet(Wn_inv) + 0.5 * d * np.log(beta0 / beta_n))


@pytest.mark.parametrize("d, beta0, extra_nu, seed", [(1, 1.0, 0.0, 0), (2, 0.1, 3.0, 1), (3, 5.0, 0.7, 2),
                                                      (5, 2.0, 10.0, 3)])
def test_lower_bound_of_one_component_is_the_exact_log_evidence(d, beta0, extra_nu, seed):
    """With K = 1 the factorised posterior is the exact one, so the ELBO (every constant included)
    equals ln p(X), known in closed form."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(40, d)) @ rng.normal(size=(d, d)) + rng.normal(size=d)
    A = rng.normal(size=(d, d))
    prior = {"mean_precision_prior": beta0, "degrees_of_freedom_prior": d - 1 + 0.5 + extra_nu,
             "mean_prior": rng.normal(size=d), "covariance_prior": A @ A.T + np.eye(d)}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gt.ConvergenceWarning)
        result = gt.fit_variational(X, 1, reg_covar=0.0, max_iter=2, tol=0.0, **prior)
    exact = _log_evidence_normal_wishart(X, beta0, prior["degrees_of_freedom_prior"], prior["mean_prior"],
                                         prior["covariance_prior"])
    np.testing.assert_allclose(result.lower_bounds, exact, rtol=1e-11)


@pytest.mark.parametrize("data_name", list(DATASETS))
def test_lower_bound_is_scikit_learns_plus_the_constants_it_drops(data_name):
    """scikit-learn's lower_bound_ drops the terms that do not change between iterations (with
    reg_covar = 0, where both M-steps are exact): the difference must be the same every iteration."""
    make, K = DATASETS[data_name]
    X = make()
    resp0 = _initial_responsibilities(X, K, "random", 0).T
    ours, theirs = _both(X, K, {"weight_concentration_prior": 0.05}, resp0, max_iter=25, tol=0.0, reg_covar=0.0)
    offset = np.asarray(ours.lower_bounds) - np.asarray(theirs.lower_bounds_)
    assert np.ptp(offset) < 1e-9 * np.abs(ours.lower_bounds).max(), offset
    assert np.ptp(ours.lower_bounds) > 1e-3  # the bound did move: the test compares something


def _elbo_slowly(X, resp, result):
    """The ELBO of q(Z) = resp (n, K) and q(pi, mu, Lambda) from result's hyperparameters, term by term as
    expectations and entropies (scipy.stats for the Dirichlet and Wishart entropies), point by point."""
    from scipy.stats import dirichlet, wishart
    n, d = X.shape
    prior = result.prior
    K = len(result.alpha)
    e_log_pi = sp.digamma(result.alpha) - sp.digamma(result.alpha.sum())
    total = float(np.sum(resp * e_log_pi))  # E[ln p(Z | pi)]
    total += sp.gammaln(K * prior.alpha0) - K * sp.gammaln(prior.alpha0) + (prior.alpha0 - 1) * e_log_pi.sum()
    total += dirichlet(result.alpha).entropy()  # H[q(pi)]
    total -= float(np.sum(resp[resp > 0] * np.log(resp[resp > 0])))  # H[q(Z)]
    W0 = np.linalg.inv(prior.W0_inv)
    log_Z0 = (0.5 * prior.nu0 * d * np.log(2) + 0.5 * prior.nu0 * np.linalg.slogdet(W0)[1]
              + sp.multigammaln(0.5 * prior.nu0, d))  # ln of the Wishart normaliser
    for k in range(K):
        beta, nu, m, W = result.beta[k], result.nu[k], result.m[k], result.W[k]
        e_log_det = sum(sp.digamma(0.5 * (nu - i)) for i in range(d)) + d * np.log(2) + np.linalg.slogdet(W)[1]
        diff = X - m
        e_quad = d / beta + nu * np.einsum("ni,ij,nj->n", diff, W, diff)  # E[(x - mu)^T Lambda (x - mu)]
        total += float(np.sum(resp[:, k] * (0.5 * e_log_det - 0.5 * d * np.log(2 * np.pi) - 0.5 * e_quad)))
        e_quad0 = d / beta + nu * (m - prior.m0) @ W @ (m - prior.m0)
        total += 0.5 * d * np.log(prior.beta0 / (2 * np.pi)) + 0.5 * e_log_det - 0.5 * prior.beta0 * e_quad0
        total += -log_Z0 + 0.5 * (prior.nu0 - d - 1) * e_log_det - 0.5 * nu * np.trace(prior.W0_inv @ W)
        total += wishart(df=nu, scale=W).entropy()  # H[q(Lambda_k)]
        total += 0.5 * d * (1 + np.log(2 * np.pi)) - 0.5 * d * np.log(beta) - 0.5 * e_log_det  # E H[q(mu_k | Lambda_k)]
    return total


@pytest.mark.parametrize("data_name, K, iterations", [("textbook", 3, 4), ("iris", 4, 6), ("random_d5", 5, 3)])
def test_lower_bound_is_the_full_elbo(data_name, K, iterations):
    """The recorded bound after iteration t is the ELBO of the responsibilities of that iteration's E-step
    (those of a run stopped after t - 1 iterations) and the posterior of its M-step, computed slowly."""
    X = DATASETS[data_name][0]()
    prior = _priors(X)["explicit"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gt.ConvergenceWarning)
        before = gt.fit_variational(X, K, seed=1, max_iter=iterations - 1, tol=0.0, **prior)
        after = gt.fit_variational(X, K, seed=1, max_iter=iterations, tol=0.0, **prior)
    np.testing.assert_allclose(after.lower_bounds[:-1], before.lower_bounds, rtol=1e-12)
    slow = _elbo_slowly(X, before.responsibilities, after)
    assert after.lower_bounds[-1] == pytest.approx(slow, rel=1e-10, abs=1e-8)


SETTINGS = settings(max_examples=60, deadline=None, derandomize=True)


@SETTINGS
@given(seed=st.integers(0, 2**31), K=st.integers(1, 5), d=st.integers(1, 3), n=st.integers(10, 120),
       log_alpha0=st.floats(-4, 3), beta0=st.floats(0.01, 10), extra_nu=st.floats(0.01, 10),
       reg_covar=st.sampled_from([0.0, 1e-6]), init=st.sampled_from(["random", "kmeans++"]))
def test_lower_bound_never_decreases(seed, K, d, n, log_alpha0, beta0, extra_nu, reg_covar, init):
    X = _random_mixture_data(seed, K, d, n)
    K = min(K, n)
    result = _quiet_run(X, K, weight_concentration_prior=10.0 ** log_alpha0, mean_precision_prior=beta0,
                        degrees_of_freedom_prior=d - 1 + extra_nu, init=init, seed=seed, reg_covar=reg_covar)
    bounds = np.asarray(result.lower_bounds)
    assert np.all(np.isfinite(bounds))
    drops = np.diff(bounds)
    assert np.all(drops >= -1e-9 * np.abs(bounds[:-1])), drops.min()


def _random_mixture_data(seed, K, d, n):
    rng = np.random.default_rng(seed)
    centres = rng.normal(scale=rng.uniform(0.5, 5), size=(K, d))
    return centres[rng.integers(K, size=n)] + rng.normal(size=(n, d)) * rng.uniform(0.2, 2, size=d)


def _quiet_run(X, K, max_iter=40, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gt.ConvergenceWarning)
        return gt.fit_variational(X, K, max_iter=max_iter, tol=0.0, **kwargs)


def test_a_large_reg_covar_can_lower_the_bound_only_by_its_square():
    """scikit-learn's M-step adds reg_covar to S_k, a perturbed maximisation: the bound may then drop,
    by O(reg_covar^2) (documented in fit_variational's Notes). A case where it does, measured."""
    X = _random_mixture_data(4, 5, 2, 89)
    worst = {reg: np.diff(_quiet_run(X, 5, max_iter=200, weight_concentration_prior=1.0, degrees_of_freedom_prior=5.0,
                                     init="random", seed=4, reg_covar=reg).lower_bounds).min()
             for reg in (1e-2, 1e-3, 0.0)}
    assert -1e-4 < worst[1e-2] < -1e-6  # it does drop ...
    assert -1e-6 < worst[1e-3] < 0  # ... by about 100 times less for 10 times less reg_covar
    assert worst[0.0] > -1e-9 * 300  # exact M-step: round-off only


# --- PRML Fig. 10.6: Old Faithful ----------------------------------------------------------

@pytest.mark.parametrize("alpha0", [1e-3, 0.01])
@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_old_faithful_keeps_two_of_six_components(alpha0, seed):
    X = _standardised(gt.old_faithful())
    result = gt.fit_variational(X, 6, weight_concentration_prior=alpha0, seed=seed, max_iter=500)
    assert result.converged
    kept = result.weights > 0.01
    assert kept.sum() == 2, np.round(result.weights, 4)
    np.testing.assert_allclose(np.sort(result.weights[kept]), [0.357, 0.643], atol=0.005)
    assert result.weights[~kept].sum() < 1e-3


# --- the result -------------------------------------------------------------------------------

def test_result_is_frozen_read_only_and_consistent():
    X = _standardised(gt.old_faithful())
    result = gt.fit_variational(X, 4, seed=0)
    assert isinstance(result, gt.VariationalResult) and isinstance(result.prior, gt.VariationalPrior)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.n_iter = 0
    for name in ("weights", "responsibilities", "lower_bounds", "alpha", "beta", "m", "W", "nu"):
        with pytest.raises(ValueError):
            getattr(result, name)[...] = 0
    for name in ("m0", "W0_inv"):
        with pytest.raises(ValueError):
            getattr(result.prior, name)[...] = 0
    assert result.lower_bounds.shape == (result.n_iter,)
    np.testing.assert_allclose(result.weights, result.alpha / result.alpha.sum())
    np.testing.assert_allclose(result.responsibilities.sum(axis=1), 1.0)
    # sigma = (nu W)^-1
    np.testing.assert_allclose(result.params.sigma @ (result.nu[:, None, None] * result.W),
                               np.broadcast_to(np.eye(2), (4, 2, 2)), atol=1e-10)


def test_convergence_warning_when_max_iter_is_hit():
    X = gt.textbook_data()
    with pytest.warns(gt.ConvergenceWarning, match=r"max_iter = 2 iterations"):
        result = gt.fit_variational(X, 3, seed=0, max_iter=2, tol=0.0)
    assert not result.converged and result.n_iter == 2
    with warnings.catch_warnings():
        warnings.simplefilter("error", gt.ConvergenceWarning)
        assert gt.fit_variational(X, 3, seed=0).converged


def test_docstring_examples_are_collected():
    import test_docstrings
    assert "gmm_teach.variational" in test_docstrings.MODULES


# --- bad input ---------------------------------------------------------------------------------

X_GOOD = np.random.default_rng(0).normal(size=(20, 2))
_nan = X_GOOD.copy()
_nan[3, 1] = np.nan
_constant = X_GOOD.copy()
_constant[:, 1] = 1.0
_resp_bad_sum = np.full((20, 3), 0.5)
_resp_negative = np.full((20, 3), 1 / 3)
_resp_negative[0] = [1.5, -0.5, 0.0]

BAD = [
    ({"X": _nan}, ValueError, r"X must contain only finite numbers"),
    ({"X": [1.0, 2.0, 3.0]}, ValueError, r"X must be a 2-D array"),
    ({"X": np.ma.masked_array(X_GOOD, mask=np.eye(20, 2, dtype=bool))}, TypeError, r"X is a masked array"),
    ({"X": [["a", "b"], ["c", "d"]]}, TypeError, r"X must be a numeric array"),
    ({"K": 0}, ValueError, r"K must be >= 1; received 0"),
    ({"K": 21}, ValueError, r"K must be <= 20 \(the number of samples n = 20\); received 21"),
    ({"K": 2.0}, TypeError, r"K must be an integer"),
    ({"weight_concentration_prior": -1.0}, ValueError,
     r"weight_concentration_prior must be a positive finite number; received -1.0"),
    ({"weight_concentration_prior": 0}, ValueError, r"weight_concentration_prior must be a positive"),
    ({"weight_concentration_prior": np.inf}, ValueError, r"weight_concentration_prior must be a positive finite"),
    ({"weight_concentration_prior": "0.1"}, TypeError, r"weight_concentration_prior must be a positive"),
    ({"mean_precision_prior": -2}, ValueError, r"mean_precision_prior must be a positive finite number; received -2"),
    ({"mean_precision_prior": np.nan}, ValueError, r"mean_precision_prior must be a positive finite"),
    ({"mean_prior": [0.0, 0.0, 0.0]}, ValueError, r"mean_prior must have shape \(d,\) = \(2,\)"),
    ({"mean_prior": [0.0, np.nan]}, ValueError, r"mean_prior must contain only finite numbers"),
    ({"mean_prior": "zero"}, TypeError, r"mean_prior must be a numeric array"),
    ({"degrees_of_freedom_prior": 1.0}, ValueError, r"degrees_of_freedom_prior must be a finite number > d - 1 = 1"),
    ({"degrees_of_freedom_prior": -3}, ValueError, r"degrees_of_freedom_prior must be .* > d - 1"),
    ({"degrees_of_freedom_prior": True}, TypeError, r"degrees_of_freedom_prior must be a real number"),
    ({"covariance_prior": np.eye(3)}, ValueError, r"covariance_prior must have shape \(d, d\) = \(2, 2\)"),
    ({"covariance_prior": [[1.0, 0.5], [0.0, 1.0]]}, ValueError,
     r"covariance_prior must be symmetric positive definite; it is not symmetric"),
    ({"covariance_prior": [[1.0, 2.0], [2.0, 1.0]]}, ValueError,
     r"covariance_prior must be symmetric positive definite; its smallest eigenvalue is -1"),
    ({"covariance_prior": [[1.0, np.inf], [np.inf, 1.0]]}, ValueError, r"covariance_prior must contain only finite"),
    ({"X": _constant}, ValueError, r"the default covariance_prior, the covariance of X, is singular"),
    ({"X": X_GOOD[:1], "K": 1}, ValueError, r"at least 2 samples for the default covariance_prior"),
    ({"init": "kmeans"}, ValueError, r"init must be one of \('kmeans\+\+', 'random'\) or an \(n, K\) array"),
    ({"init": 3}, TypeError, r"init must be one of"),
    ({"init": np.full((20, 2), 0.5)}, ValueError, r"init must have shape \(n, K\) = \(20, 3\)"),
    ({"init": np.full((19, 3), 1 / 3)}, ValueError, r"init must have shape \(n, K\) = \(20, K\)"),
    ({"init": _resp_bad_sum}, ValueError, r"each row of init must sum to 1"),
    ({"init": _resp_negative}, ValueError, r"init must be non-negative"),
    ({"seed": -1}, ValueError, r"seed must be >= 0; received -1"),
    ({"seed": 1.5}, TypeError, r"seed must be an integer"),
    ({"max_iter": 0}, ValueError, r"max_iter must be >= 1; received 0"),
    ({"tol": -1e-3}, ValueError, r"tol must be >= 0.0; received -0.001"),
    ({"reg_covar": -1e-6}, ValueError, r"reg_covar must be >= 0.0; received -1e-06"),
]


@pytest.mark.parametrize("change, error, message", BAD, ids=[
    f"{next(iter(c))}-{i}" for i, (c, _, _) in enumerate(BAD)])
def test_bad_arguments_are_refused_with_a_clear_message(change, error, message):
    arguments = {"X": X_GOOD, "K": 3, **change}
    X, K = arguments.pop("X"), arguments.pop("K")
    with pytest.raises(error, match=message):
        gt.fit_variational(X, K, **arguments)


def test_explicit_covariance_prior_fits_data_with_a_constant_feature():
    result = gt.fit_variational(_constant, 2, covariance_prior=np.eye(2), seed=0)
    assert np.all(np.isfinite(result.lower_bounds))


# --- adversarial: extreme magnitudes (found by fuzzing; run with warnings as errors) ------------------------

def test_digamma_and_gammaln_of_huge_x_are_finite_without_warnings():
    """digamma squared x (overflow above ~1.3e154, a RuntimeWarning); gammaln raised OverflowError above
    ~2.6e305 where scipy gives inf."""
    x = np.array([1e154, 1e200, 1e300, np.finfo(np.float64).max])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        psi, lg = digamma(x), gammaln(x)
        assert gammaln(float(np.finfo(np.float64).max)) == np.inf
    np.testing.assert_allclose(psi, sp.digamma(x), rtol=1e-15)
    np.testing.assert_allclose(lg, sp.gammaln(x), rtol=1e-15)


def test_data_too_large_for_float64_is_named_not_called_singular():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match=r"X is too large in magnitude for float64"):
            gt.fit_variational(X_GOOD * 1e300, 3, seed=0)


def test_a_mean_prior_too_far_from_the_data_is_named():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match=r"mean_prior is too far from X for float64"):
            gt.fit_variational(X_GOOD, 3, seed=0, mean_prior=[1e300, 0.0])
        result = gt.fit_variational(X_GOOD, 3, seed=0, mean_prior=[1e150, 0.0])  # far, but representable
    assert np.all(np.isfinite(result.lower_bounds))


def test_a_huge_mean_precision_prior_pins_the_means_to_the_mean_prior():
    """beta0 m0 overflowed (1e300 * 1e10) and the fit failed with a wrong 'X[0] is so far' error."""
    m0 = np.array([1e10, 0.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = gt.fit_variational(X_GOOD, 3, seed=0, mean_precision_prior=1e300, mean_prior=m0,
                                    covariance_prior=1e20 * np.eye(2))
    np.testing.assert_allclose(result.m, np.broadcast_to(m0, (3, 2)), rtol=1e-12, atol=1e-250)
    assert np.all(np.isfinite(result.lower_bounds))


@pytest.mark.parametrize("alpha0", [1e12, 1e16, 1e50, 1e300])
def test_a_huge_weight_concentration_prior_keeps_the_bound_exact(alpha0):
    """The Dirichlet terms of the bound, ln C(alpha_0) - ln C(alpha), are differences of numbers of size
    alpha_0 ln alpha_0; subtracted naively they lost every digit (a bound of +6e284 at alpha_0 = 1e300,
    bounds that fell). As alpha_0 grows, q(pi) pins the weights at 1/K and the bound tends to a limit."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        huge = gt.fit_variational(X_GOOD, 3, seed=0, weight_concentration_prior=alpha0, max_iter=500)
        limit = gt.fit_variational(X_GOOD, 3, seed=0, weight_concentration_prior=1e9, max_iter=500)
    assert huge.converged
    assert np.all(np.diff(huge.lower_bounds) >= -1e-9 * np.abs(huge.lower_bounds[:-1]))
    assert huge.lower_bounds[-1] == pytest.approx(limit.lower_bounds[-1], abs=1e-3)
    np.testing.assert_allclose(huge.weights, 1 / 3, rtol=1e-6)


def test_degrees_of_freedom_just_above_d_minus_1_keeps_the_bound_exact_and_scikit_learns_run():
    """With nu_0 = d - 1 + 2e-16 a nearly empty component has E[ln |Lambda_k|] ~ -1e15; the bound summed
    terms 0.5 (N_k + nu_0 - nu_k) E[ln |Lambda_k|] whose coefficient is analytically -EPS_NK / 2 as
    separate numbers of size 1e15, so it moved in steps of 1/16, fell, and stopped at another iteration
    than scikit-learn (21 against 41)."""
    X = X_GOOD
    resp0 = _initial_responsibilities(X, 3, "kmeans++", 0).T
    prior = {"degrees_of_freedom_prior": float(np.nextafter(1.0, 2.0))}
    ours, theirs = _both(X, 3, prior, resp0, max_iter=300, tol=1e-3)
    assert (ours.n_iter, ours.converged) == (theirs.n_iter_, theirs.converged_)
    assert np.all(np.diff(ours.lower_bounds) >= -1e-9 * np.abs(ours.lower_bounds[:-1]))
    assert max(_differences(ours, theirs, X).values()) < AGREE


def test_data_far_from_the_origin_fit_as_the_same_data_near_it():
    """x + 1e15 (the data on float64's grid of 1/8 there): the statistics lost the spread to the rounding of
    resp @ X at 1e15 (covariances off by 2e4, bounds falling by 3.6, no convergence); the fit is
    translation-equivariant, so it must be the fit of x with the means shifted."""
    Xq = np.round(X_GOOD * 8) / 8
    prior = {"covariance_prior": np.cov(Xq.T), "init": _initial_responsibilities(Xq, 3, "kmeans++", 0).T}
    near = gt.fit_variational(Xq, 3, mean_prior=[0.0, 0.0], **prior)  # the default m_0, X.mean(0), rounds at 1e15
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        far = gt.fit_variational(Xq + 1e15, 3, mean_prior=[1e15, 1e15], **prior)
    assert (far.n_iter, far.converged) == (near.n_iter, near.converged)
    np.testing.assert_allclose(far.lower_bounds, near.lower_bounds, rtol=1e-9)
    np.testing.assert_allclose(far.responsibilities, near.responsibilities, atol=1e-9)
    np.testing.assert_allclose(far.params.sigma, near.params.sigma, rtol=1e-8, atol=1e-12)
    np.testing.assert_allclose(far.m - 1e15, near.m, atol=0.25)  # the grid spacing at 1e15 is 1/8
    np.testing.assert_array_equal(far.prior.m0, [1e15, 1e15])  # the prior as given, not shifted


@pytest.mark.parametrize("n, K, covariance_prior, degrees_of_freedom_prior, init", [
    (1, 1, 1e-300, 1e10, "kmeans++"),  # (nu W)^-1 ~ 1e-310: its inverse, W, overflowed in the final P P^T
    (2, 2, 1e300, 1e-8, "random"),  # W_0^-1 / nu ~ 1e308: the covariance overflowed in the M-step
])
def test_a_posterior_beyond_float64_is_a_clear_error_not_a_warning(n, K, covariance_prior, degrees_of_freedom_prior,
                                                                   init):
    X = np.random.default_rng(0).normal(size=(n, 1)) * 1e-150
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match=r"posterior covariance \(nu_k W_k\)\^-1 is not representable in float64"):
            gt.fit_variational(X, K, covariance_prior=[[covariance_prior]], degrees_of_freedom_prior=degrees_of_freedom_prior,
                               init=init, seed=0, reg_covar=0.0, max_iter=60)
