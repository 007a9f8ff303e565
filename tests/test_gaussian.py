"""log_pdf / pdf against scipy.stats.multivariate_normal, and the ellipse geometry."""
import numpy as np
import pytest
from scipy.stats import multivariate_normal

import gmm_teach as g


def points(rng, mu, sigma, n=200):
    """Points near the mean plus far-away ones (tens to thousands of standard deviations)."""
    d = mu.shape[-1]
    near = rng.multivariate_normal(mu, sigma, size=n)
    directions = rng.normal(size=(30, d))
    directions /= np.linalg.norm(directions, axis=1, keepdims=True)
    scale = np.sqrt(np.linalg.eigvalsh(sigma).max())
    far = mu + directions * scale * np.repeat([10.0, 100.0, 1000.0], 10)[:, None]
    return np.vstack([near, far])


@pytest.mark.parametrize("d", [1, 2, 3, 4, 5])
def test_log_pdf_one_component_matches_scipy(d, random_spd):
    rng = np.random.default_rng(d)
    mu = rng.normal(scale=3.0, size=d)
    sigma = random_spd(rng, 1, d)[0]
    X = points(rng, mu, sigma)
    expected = multivariate_normal(mu, sigma).logpdf(X)
    assert np.all(np.isfinite(expected))
    result = g.log_pdf(X, mu, sigma)
    assert result.shape == (X.shape[0],)
    np.testing.assert_allclose(result, expected, rtol=1e-10, atol=1e-10)


@pytest.mark.parametrize("d, K", [(1, 1), (1, 4), (2, 3), (3, 2), (4, 5), (5, 3)])
def test_log_pdf_all_components_matches_scipy(d, K, random_spd):
    rng = np.random.default_rng(10 * d + K)
    mu = rng.normal(scale=3.0, size=(K, d))
    sigma = random_spd(rng, K, d)
    X = np.vstack([points(rng, mu[k], sigma[k], n=50) for k in range(K)])
    expected = np.column_stack([multivariate_normal(mu[k], sigma[k]).logpdf(X) for k in range(K)])
    assert np.all(np.isfinite(expected))
    result = g.log_pdf(X, mu, sigma)
    assert result.shape == (X.shape[0], K)
    np.testing.assert_allclose(result, expected, rtol=1e-10, atol=1e-10)


def test_log_pdf_of_an_ill_conditioned_covariance_matches_scipy():
    sigma = np.array([[1.0, 0.999999], [0.999999, 1.0]])
    mu = np.array([1.0, -1.0])
    X = np.random.default_rng(0).normal(size=(100, 2)) * 3
    np.testing.assert_allclose(g.log_pdf(X, mu, sigma), multivariate_normal(mu, sigma).logpdf(X), rtol=1e-7)


def test_log_pdf_matches_the_formula_for_a_standard_normal():
    X = np.array([[0.0, 0.0], [1.0, 2.0], [-300.0, 400.0]])
    expected = -np.log(2 * np.pi) - 0.5 * (X**2).sum(axis=1)
    np.testing.assert_allclose(g.log_pdf(X, np.zeros(2), np.eye(2)), expected, rtol=1e-14)


@pytest.mark.parametrize("single", [True, False])
def test_pdf_is_exp_log_pdf_and_matches_scipy(single, random_spd):
    rng = np.random.default_rng(3)
    K, d = 3, 2
    mu = rng.normal(size=(K, d))
    sigma = random_spd(rng, K, d)
    X = rng.normal(scale=2.0, size=(100, d))
    if single:
        mu, sigma = mu[0], sigma[0]
        expected = multivariate_normal(mu, sigma).pdf(X)
    else:
        expected = np.column_stack([multivariate_normal(mu[k], sigma[k]).pdf(X) for k in range(K)])
    result = g.pdf(X, mu, sigma)
    np.testing.assert_allclose(result, np.exp(g.log_pdf(X, mu, sigma)), rtol=1e-15)
    np.testing.assert_allclose(result, expected, rtol=1e-10)


def test_pdf_underflows_to_zero_far_away_while_log_pdf_stays_finite():
    X = np.array([[1e3, 1e3]])
    assert g.pdf(X, np.zeros(2), np.eye(2))[0] == 0.0
    np.testing.assert_allclose(g.log_pdf(X, np.zeros(2), np.eye(2)), multivariate_normal(np.zeros(2)).logpdf(X))


# --- bad input -------------------------------------------------------------------------------

def test_log_pdf_rejects_one_dimensional_X():
    with pytest.raises(ValueError, match=r"X must be a 2-D array.*reshape\(-1, 1\)"):
        g.log_pdf(np.arange(3.0), np.zeros(1), np.eye(1))


def test_log_pdf_rejects_a_mean_of_the_wrong_dimension():
    with pytest.raises(ValueError, match=r"mu must have shape \(2,\)"):
        g.log_pdf(np.zeros((4, 2)), np.zeros(3), np.eye(2))
    with pytest.raises(ValueError, match=r"mu must have shape \(K, 2\)"):
        g.log_pdf(np.zeros((4, 2)), np.zeros((3, 3)), np.ones((3, 2, 2)))


def test_log_pdf_rejects_a_sigma_that_does_not_match_mu():
    with pytest.raises(ValueError, match=r"sigma"):
        g.log_pdf(np.zeros((4, 2)), np.zeros((3, 2)), np.stack([np.eye(2)] * 2))


def test_log_pdf_rejects_an_asymmetric_sigma():
    with pytest.raises(ValueError, match=r"sigma must be symmetric"):
        g.log_pdf(np.zeros((4, 2)), np.zeros(2), np.array([[1.0, 0.5], [0.0, 1.0]]))


def test_log_pdf_rejects_a_non_positive_definite_sigma_naming_the_component():
    sigma = np.stack([np.eye(2), np.array([[1.0, 2.0], [2.0, 1.0]])])
    with pytest.raises(ValueError, match=r"sigma must be positive definite; component 1"):
        g.log_pdf(np.zeros((4, 2)), np.zeros((2, 2)), sigma)


def test_log_pdf_rejects_nan_in_mu():
    with pytest.raises(ValueError, match=r"mu must contain only finite numbers"):
        g.log_pdf(np.zeros((4, 2)), np.array([np.nan, 0.0]), np.eye(2))


# --- ellipse_geometry ---------------------------------------------------------------------------

def test_ellipse_of_a_diagonal_covariance():
    width, height, angle = g.ellipse_geometry(np.diag([4.0, 1.0]), r=2.0)
    assert width == pytest.approx(2 * 2 * 2.0) and height == pytest.approx(2 * 2 * 1.0)
    assert angle % 180 == pytest.approx(0.0, abs=1e-9) or angle % 180 == pytest.approx(180.0)


def test_ellipse_of_a_rotated_covariance():
    t = np.radians(30.0)
    R = np.array([[np.cos(t), -np.sin(t)], [np.sin(t), np.cos(t)]])
    width, height, angle = g.ellipse_geometry(R @ np.diag([9.0, 1.0]) @ R.T)
    assert (width, height) == (pytest.approx(6.0), pytest.approx(2.0))
    assert angle % 180 == pytest.approx(30.0)


def test_ellipse_rejects_bad_sigma():
    with pytest.raises(ValueError, match=r"2x2"):
        g.ellipse_geometry(np.eye(3))
    with pytest.raises(ValueError, match=r"positive definite"):
        g.ellipse_geometry(np.array([[1.0, 2.0], [2.0, 1.0]]))


@pytest.mark.parametrize("offset", [1e6, 1e9, 1e12])
def test_log_pdf_far_from_the_origin_matches_scipy(offset, random_spd):
    """scipy forms x - mu first; computing L^{-1} x - L^{-1} mu instead cancels catastrophically at 1e12."""
    rng = np.random.default_rng(5)
    sigma = random_spd(rng, 1, 2)[0] * 1e-4
    X = rng.normal(scale=0.01, size=(200, 2)) + offset
    mu = X[0]
    np.testing.assert_allclose(g.log_pdf(X, mu, sigma), multivariate_normal(mu, sigma).logpdf(X), rtol=1e-9, atol=1e-9)


def test_log_pdf_of_a_point_whose_squared_distance_overflows_is_minus_inf_without_warning():
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = g.log_pdf(np.array([[0.0, 0.0], [1e155, 1e155]]), np.zeros(2), np.eye(2))
    assert np.isfinite(out[0]) and out[1] == -np.inf


def test_log_pdf_in_blocks_equals_one_pass(random_spd):
    """More points than one block of log_gauss_kn: the blocks join up."""
    from gmm_teach.gaussian import BLOCK
    rng = np.random.default_rng(8)
    mu, sigma = rng.normal(size=(3, 2)), random_spd(rng, 3, 2)
    X = rng.normal(scale=3.0, size=(2 * BLOCK + 17, 2))
    expected = np.column_stack([multivariate_normal(mu[k], sigma[k]).logpdf(X) for k in range(3)])
    np.testing.assert_allclose(g.log_pdf(X, mu, sigma), expected, rtol=1e-10, atol=1e-10)
