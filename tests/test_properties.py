"""Properties of EM that must hold for any data and parameters (hypothesis)."""
import warnings

import numpy as np
from hypothesis import given, reject, settings
from hypothesis import strategies as st

import gmm_teach as g

SETTINGS = settings(max_examples=100, deadline=None, derandomize=True)  # the same examples on every run
seeds = st.integers(0, 2**32 - 1)


def mixture_sample(seed, K, d, n, random_params):
    """n points from a random K-component mixture in d dimensions (components overlap sometimes)."""
    rng = np.random.default_rng(seed)
    return g.sample(random_params(rng, K, d, spread=float(rng.uniform(0.5, 6.0))), n, seed)[0]


def fit_quietly(X, K, **kwargs):
    """fit with tol=0 runs exactly max_iter iterations and always warns: that is expected here."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", g.ConvergenceWarning)
        try:
            return g.fit(X, K, tol=0.0, **kwargs)
        except g.ComponentCollapseError:
            reject()  # a legitimately degenerate draw, not what these properties are about


@SETTINGS
@given(seed=seeds, K=st.integers(1, 4), d=st.integers(1, 3), n=st.integers(40, 200),
       init=st.sampled_from(["random", "kmeans++", "textbook"]))
def test_log_likelihood_never_decreases(random_params, seed, K, d, n, init):
    X = mixture_sample(seed, K, d, n, random_params)
    result = fit_quietly(X, K, init=init, seed=seed % 1000, max_iter=30, reg_covar=0.0)
    lls = np.array([g.log_likelihood(X, result.history[0])] + list(result.log_likelihoods))
    drops = np.diff(lls)
    assert np.all(drops >= -1e-9 * np.abs(lls[:-1])), drops.min()


@SETTINGS
@given(seed=seeds, K=st.integers(1, 5), d=st.integers(1, 4), n=st.integers(1, 100),
       log_scale=st.floats(-1, 4))
def test_responsibilities_are_a_probability_distribution(random_params, seed, K, d, n, log_scale):
    rng = np.random.default_rng(seed)
    params = random_params(rng, K, d)
    X = rng.normal(scale=10.0**log_scale, size=(n, d))  # up to 10^4 away: far from every component
    resp, ll = g.e_step(X, params)
    assert resp.shape == (n, K)
    assert np.all(np.isfinite(resp)) and np.all(resp >= 0)
    np.testing.assert_allclose(resp.sum(axis=1), 1.0, rtol=1e-12)
    assert np.isfinite(ll)


@SETTINGS
@given(seed=seeds, K=st.integers(2, 4), d=st.integers(1, 3), data=st.data())
def test_relabelling_the_init_relabels_the_result_and_nothing_else(random_params, seed, K, d, data):
    order = np.array(data.draw(st.permutations(range(K)), label="order"))
    X = mixture_sample(seed, K, d, 150, random_params)
    init = g.init_params(X, K, init="random", seed=seed % 1000)
    plain = fit_quietly(X, K, init=init, max_iter=15)
    relabelled = fit_quietly(X, K, init=init.permute(order), max_iter=15)
    np.testing.assert_allclose(relabelled.log_likelihoods, plain.log_likelihoods, rtol=1e-9)
    for p_relabelled, p_plain in zip(relabelled.history, plain.history):
        assert p_relabelled.allclose(p_plain.permute(order), rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(relabelled.responsibilities, plain.responsibilities[:, order], rtol=1e-6, atol=1e-9)


@SETTINGS
@given(seed=seeds, K=st.integers(2, 5), d=st.integers(1, 4), data=st.data())
def test_e_and_m_steps_commute_with_relabelling(random_params, seed, K, d, data):
    order = np.array(data.draw(st.permutations(range(K)), label="order"))
    rng = np.random.default_rng(seed)
    params = random_params(rng, K, d)
    X = rng.normal(scale=5.0, size=(80, d))
    resp, ll = g.e_step(X, params)
    resp_relabelled, ll_relabelled = g.e_step(X, params.permute(order))
    np.testing.assert_allclose(resp_relabelled, resp[:, order], rtol=1e-12, atol=1e-300)
    assert ll_relabelled == np.float64(ll) or abs(ll_relabelled - ll) <= 1e-12 * abs(ll)
    assert g.m_step(X, resp[:, order]).allclose(g.m_step(X, resp).permute(order), rtol=1e-12, atol=1e-14)


def sample_statistics_data(seed, d, n):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, d)) * rng.uniform(0.1, 10.0, size=d) + rng.normal(scale=100.0, size=d)


@SETTINGS
@given(seed=seeds, d=st.integers(1, 4), extra=st.integers(3, 100))
def test_m_step_one_component_gives_the_sample_mean_and_biased_covariance(seed, d, extra):
    X = sample_statistics_data(seed, d, d + extra)
    params = g.m_step(X, np.ones((X.shape[0], 1)), reg_covar=0.0)
    np.testing.assert_allclose(params.phi, [1.0], rtol=1e-15)
    np.testing.assert_allclose(params.mu[0], X.mean(axis=0), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(params.sigma[0], np.atleast_2d(np.cov(X.T, bias=True)), rtol=1e-9, atol=1e-12)


@SETTINGS
@given(seed=seeds, K=st.integers(2, 5), d=st.integers(1, 4), extra=st.integers(3, 100), data=st.data())
def test_m_step_one_hot_column_gives_that_component_the_sample_statistics(seed, K, d, extra, data):
    """All responsibility on component k. The other components are empty, so without regularisation
    they have no covariance (see test_em: that is a ComponentCollapseError); a negligible reg_covar keeps
    them valid while leaving component k's covariance the biased sample covariance."""
    k = data.draw(st.integers(0, K - 1), label="k")
    X = sample_statistics_data(seed, d, d + extra)
    resp = np.zeros((X.shape[0], K))
    resp[:, k] = 1.0
    reg = 1e-12
    params = g.m_step(X, resp, reg_covar=reg)
    np.testing.assert_array_equal(params.phi, np.eye(K)[k])
    np.testing.assert_allclose(params.mu[k], X.mean(axis=0), rtol=1e-12, atol=1e-12)
    expected = np.atleast_2d(np.cov(X.T, bias=True)) + reg * np.eye(d)
    np.testing.assert_allclose(params.sigma[k], expected, rtol=1e-9, atol=1e-12)


@settings(max_examples=25, deadline=None, derandomize=True)
@given(seed=seeds, K=st.integers(1, 3), d=st.integers(1, 3), log_offset=st.floats(6, 12),
       init=st.sampled_from(["random", "kmeans++", "textbook"]))
def test_log_likelihood_never_decreases_far_from_the_origin(random_params, seed, K, d, log_offset, init):
    """Data of spread ~0.01-0.1 moved to 1e6..1e12: EM stays monotone to a few ulps (x - mu is formed
    before L^{-1}, and the M-step's means are not biased by a guard on N_k)."""
    X = mixture_sample(seed, K, d, 150, random_params) * 0.01 + 10.0**log_offset
    result = fit_quietly(X, K, init=init, seed=seed % 1000, max_iter=40, reg_covar=0.0)
    lls = np.array([g.log_likelihood(X, result.history[0])] + list(result.log_likelihoods))
    drops = np.diff(lls)
    assert np.all(drops >= -16 * np.spacing(np.abs(lls[1:]))), drops.min()
