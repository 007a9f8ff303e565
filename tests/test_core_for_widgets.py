"""The maths the widgets used to do themselves, now in the core: gaussian.mahalanobis,
GMMParams.marginal and em.fit_best_of (the best of several EM starts)."""
import warnings

import numpy as np
import pytest

import gmm_teach as gt
from gmm_teach.gaussian import squared_mahalanobis_kn


# --- mahalanobis ------------------------------------------------------------------------------------------

def test_mahalanobis_agrees_with_the_inverse_formula(random_spd):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(50, 3))
    mu = rng.normal(size=3)
    sigma = random_spd(rng, 1, 3)[0]
    diff = X - mu
    expected = np.einsum("ni,ij,nj->n", diff, np.linalg.inv(sigma), diff)
    np.testing.assert_allclose(gt.mahalanobis(X, mu, sigma), expected, rtol=1e-10)


def test_mahalanobis_of_K_components_has_the_shape_of_log_pdf(random_spd):
    rng = np.random.default_rng(1)
    X = rng.normal(size=(20, 2))
    mu, sigma = rng.normal(size=(4, 2)), random_spd(rng, 4, 2)
    d2 = gt.mahalanobis(X, mu, sigma)
    assert d2.shape == (20, 4) == gt.log_pdf(X, mu, sigma).shape
    for k in range(4):
        np.testing.assert_allclose(d2[:, k], gt.mahalanobis(X, mu[k], sigma[k]))
    # log N = -d/2 log 2 pi - 1/2 log|Sigma| - 1/2 d^2
    log_det = np.linalg.slogdet(sigma)[1]
    np.testing.assert_allclose(gt.log_pdf(X, mu, sigma), -np.log(2 * np.pi) - 0.5 * log_det - 0.5 * d2, rtol=1e-10)


def test_mahalanobis_of_the_mean_is_zero_and_far_points_do_not_cancel():
    sigma = np.diag([1e-4, 1e-4])
    mu = np.array([1e12, -1e12])
    X = mu + np.array([[0.0, 0.0], [0.01, 0.0]])
    exact = ((X - mu) ** 2).sum(axis=1) / 1e-4  # the offsets that float64 could store (about 0.01)
    np.testing.assert_allclose(gt.mahalanobis(X, mu, sigma), exact, rtol=1e-12)
    assert gt.mahalanobis(X, mu, sigma)[0] == 0.0 and abs(gt.mahalanobis(X, mu, sigma)[1] - 1.0) < 0.01


def test_the_kernel_is_what_the_public_function_computes():
    params = gt.TEXTBOOK_TRUTH
    X = gt.textbook_data(100)
    kernel = squared_mahalanobis_kn(np.ascontiguousarray(X.T), params.mu, params.cholesky)
    np.testing.assert_array_equal(kernel.T, gt.mahalanobis(X, params.mu, params.sigma))


@pytest.mark.parametrize("mu, sigma, error, words", [
    ([0.0, 0.0, 0.0], np.eye(2), ValueError, "mu must have shape (2,)"),
    ([0.0, 0.0], [[1.0, 2.0], [2.0, 1.0]], ValueError, "positive definite"),
    ([0.0, 0.0], [[1.0, 0.5], [0.0, 1.0]], ValueError, "symmetric"),
    ([0.0, np.nan], np.eye(2), ValueError, "mu"),
])
def test_mahalanobis_checks_its_arguments(mu, sigma, error, words):
    with pytest.raises(error, match=words.replace("(", r"\(").replace(")", r"\)")):
        gt.mahalanobis(np.zeros((3, 2)), mu, sigma)


def test_mahalanobis_refuses_masked_X():
    X = np.ma.array(np.zeros((3, 2)), mask=[[True, False], [False, False], [False, False]])
    with pytest.raises(TypeError, match="masked array"):
        gt.mahalanobis(X, [0.0, 0.0], np.eye(2))


# --- GMMParams.marginal ---------------------------------------------------------------------------------------

def test_marginal_keeps_the_weights_and_takes_the_blocks(random_params):
    params = random_params(np.random.default_rng(2), 3, 4)
    m = params.marginal([3, 1])
    assert (m.K, m.d) == (3, 2)
    np.testing.assert_array_equal(m.phi, params.phi)
    np.testing.assert_array_equal(m.mu, params.mu[:, [3, 1]])
    for k in range(3):
        np.testing.assert_array_equal(m.sigma[k], params.sigma[k][np.ix_([3, 1], [3, 1])])
    assert params.marginal(range(4)) == params


def test_marginal_is_the_distribution_of_the_chosen_coordinates(random_params):
    params = random_params(np.random.default_rng(3), 2, 3, spread=2.0)
    X, _ = gt.sample(params, 40000, seed=0)
    m = params.marginal([0, 2])
    Y, _ = gt.sample(m, 40000, seed=1)
    np.testing.assert_allclose(X[:, [0, 2]].mean(axis=0), Y.mean(axis=0), atol=0.1)
    np.testing.assert_allclose(np.cov(X[:, [0, 2]], rowvar=False), np.cov(Y, rowvar=False), rtol=0.06, atol=0.06)


@pytest.mark.parametrize("dims, error, words", [
    ([0, 3], ValueError, "each of dims must be <= 2"),
    ([-1], ValueError, "each of dims must be >= 0"),
    ([0, 0], ValueError, "each once"),
    ([], ValueError, "at least one"),
    ([0.0, 1], TypeError, "each of dims must be an integer"),
    ([True], TypeError, "each of dims must be an integer"),
    (1, TypeError, "dims must be a sequence"),
    ("01", TypeError, "dims must be a sequence"),
])
def test_marginal_checks_dims(random_params, dims, error, words):
    params = random_params(np.random.default_rng(4), 2, 3)
    with pytest.raises(error, match=words):
        params.marginal(dims)


# --- fit_best_of -------------------------------------------------------------------------------------------

def test_fit_best_of_returns_the_run_with_the_highest_log_likelihood():
    X = gt.textbook_data(300)
    runs = {s: gt.fit(X, 4, seed=s, max_iter=300, tol=1e-3) for s in range(5)}
    best = gt.fit_best_of(X, 4, range(5), max_iter=300, tol=1e-3)
    top = max(runs.values(), key=lambda r: r.log_likelihoods[-1])
    assert best.params == top.params
    assert best.log_likelihoods[-1] == max(r.log_likelihoods[-1] for r in runs.values())


def test_fit_best_of_passes_the_fit_arguments_on():
    X = gt.textbook_data(200)
    best = gt.fit_best_of(X, 2, [3], init="random", covariance_type="diag", reg_covar=1e-3, max_iter=500, tol=1e-3)
    same = gt.fit(X, 2, seed=3, init="random", covariance_type="diag", reg_covar=1e-3, max_iter=500, tol=1e-3)
    assert best.params == same.params and best.covariance_type == "diag"


def test_fit_best_of_stays_quiet_about_an_unconverged_run_and_reports_it_in_the_result():
    X = gt.textbook_data(200)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        best = gt.fit_best_of(X, 3, [0, 1], max_iter=2)
    assert not best.converged and best.n_iter == 2


def _collapsing_data():
    X = np.repeat(np.arange(4.0)[:, None], 2, axis=1) * np.array([1.0, 2.0])
    return np.vstack([X, X + [[0.0, 0.001]]])


def test_fit_best_of_skips_collapsed_starts(monkeypatch):
    X = gt.textbook_data(200)
    real_fit, calls = gt.em.fit, []

    def fit(X, K, *, seed, **kwargs):
        calls.append(seed)
        if seed == 0:
            raise gt.ComponentCollapseError("collapsed on purpose", component=1, iteration=3)
        return real_fit(X, K, seed=seed, **kwargs)

    monkeypatch.setattr(gt.em, "fit", fit)
    best = gt.fit_best_of(X, 2, [0, 1], max_iter=50)
    assert calls == [0, 1] and best.params == real_fit(X, 2, seed=1, max_iter=50).params


def test_fit_best_of_says_so_when_every_start_collapses():
    with pytest.raises(gt.ComponentCollapseError, match=r"every one of the 2 starts collapsed for K = 4") as info:
        gt.fit_best_of(_collapsing_data(), 4, [0, 1], reg_covar=0.0)
    assert isinstance(info.value, ValueError) and info.value.component is not None


@pytest.mark.parametrize("seeds, kwargs, error, words", [
    ([], {}, ValueError, "at least one seed"),
    (3, {}, TypeError, "seeds must be an iterable"),
    ("012", {}, TypeError, "seeds must be an iterable"),
    ([0, -1], {}, ValueError, "each of seeds must be >= 0"),
    ([0.5], {}, TypeError, "each of seeds must be an integer"),
    ([0], {"seed": 1}, TypeError, "do not pass seed="),
    ([0], {"max_iter": 0}, ValueError, "max_iter"),
])
def test_fit_best_of_checks_its_arguments(seeds, kwargs, error, words):
    with pytest.raises(error, match=words):
        gt.fit_best_of(gt.textbook_data(50), 2, seeds, **kwargs)


def test_fit_best_of_refuses_masked_X():
    X = np.ma.masked_greater(gt.textbook_data(50), 5.0)
    with pytest.raises(TypeError, match="masked array"):
        gt.fit_best_of(X, 2, [0])
