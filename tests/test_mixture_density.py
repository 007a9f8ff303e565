"""gaussian.mixture_log_pdf: log p(x) = log sum_k phi_k N(x | mu_k, Sigma_k), by log-sum-exp."""
import numpy as np
import pytest

import gmm_teach as gt
from gmm_teach.gaussian import mixture_log_pdf


def test_it_is_the_log_of_the_weighted_sum_of_the_component_densities():
    X, _ = gt.sample(gt.TEXTBOOK_TRUTH, 300, seed=0)
    p = gt.TEXTBOOK_TRUTH
    direct = np.log(gt.pdf(X, p.mu, p.sigma) @ p.phi)  # (n, K) @ (K,): fine where nothing underflows
    np.testing.assert_allclose(mixture_log_pdf(X, p), direct, rtol=1e-12)


def test_one_component_is_log_pdf():
    p = gt.GMMParams([1.0], [[1.0, -2.0]], [[[2.0, 0.3], [0.3, 0.5]]])
    X = np.array([[0.0, 0.0], [1.0, -2.0], [5.0, 5.0]])
    np.testing.assert_allclose(mixture_log_pdf(X, p), gt.log_pdf(X, p.mu[0], p.sigma[0]), rtol=1e-13)


def test_it_stays_finite_where_every_density_underflows():
    p = gt.GMMParams([0.5, 0.5], [[0.0], [1.0]], [[[1.0]], [[1.0]]])
    x = np.array([[60.0]])  # N(60 | 0, 1) = exp(-1800) / sqrt(2 pi): 0.0 in float64
    assert gt.pdf(x, p.mu, p.sigma).max() == 0.0
    expected = np.log(0.5) + np.logaddexp(gt.log_pdf(x, p.mu[0], p.sigma[0]), gt.log_pdf(x, p.mu[1], p.sigma[1]))
    np.testing.assert_allclose(mixture_log_pdf(x, p), expected, rtol=1e-14)
    assert np.isfinite(mixture_log_pdf(x, p)).all()


def test_a_component_of_weight_zero_contributes_nothing_without_a_warning():
    with_zero = gt.GMMParams([0.0, 1.0], [[5.0, 5.0], [0.0, 0.0]], [np.eye(2), np.eye(2)])
    alone = gt.GMMParams([1.0], [[0.0, 0.0]], [np.eye(2)])
    X = np.array([[0.0, 0.0], [5.0, 5.0]])
    with np.errstate(all="raise"):
        np.testing.assert_array_equal(mixture_log_pdf(X, with_zero), mixture_log_pdf(X, alone))


def test_it_integrates_to_one_on_a_grid():
    xs, ys = np.linspace(-12, 12, 241), np.linspace(-10, 14, 241)
    gx, gy = np.meshgrid(xs, ys)
    log_p = mixture_log_pdf(np.column_stack([gx.ravel(), gy.ravel()]), gt.TEXTBOOK_TRUTH)
    assert np.exp(log_p).sum() * (xs[1] - xs[0]) * (ys[1] - ys[0]) == pytest.approx(1.0, abs=1e-3)


def test_the_plot_uses_it():
    X = gt.textbook_data(n=100)
    np.testing.assert_array_equal(gt.plot.mixture_log_density(gt.TEXTBOOK_TRUTH, X),
                                  mixture_log_pdf(X, gt.TEXTBOOK_TRUTH))


@pytest.mark.parametrize("X, params, error, match", [
    (np.zeros((3, 3)), gt.TEXTBOOK_TRUTH, ValueError, "d = 3 features but params are 2-dimensional"),
    (np.zeros((3, 2)), "not params", TypeError, "params must be a GMMParams"),
    ([[np.nan, 0.0]], gt.TEXTBOOK_TRUTH, ValueError, "NaN|finite"),
])
def test_bad_input_is_a_clear_error(X, params, error, match):
    with pytest.raises(error, match=match):
        mixture_log_pdf(X, params)
