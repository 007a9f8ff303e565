"""lower_bound and kl_divergence: ln p(X|theta) = L(q, theta) + KL(q || p(Z|X, theta))."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from scipy.special import logsumexp
from scipy.stats import multivariate_normal

import gmm_teach as gt


def random_q(rng, n, K, sparse=False):
    q = rng.random((n, K)) ** 3
    if sparse:  # some exact zeros: 0 ln 0 = 0
        q[rng.random((n, K)) < 0.3] = 0.0
        q[np.arange(n), rng.integers(K, size=n)] += 0.5
    return q / q.sum(axis=1, keepdims=True)


def reference_terms(X, params, q):
    """L and KL from scipy's density, written straight from the definitions."""
    log_joint = np.column_stack([np.log(params.phi[k]) + multivariate_normal(params.mu[k], params.sigma[k]).logpdf(X)
                                 for k in range(params.K)])  # (n, K)
    log_post = log_joint - logsumexp(log_joint, axis=1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        q_log_q = np.where(q > 0, q * np.log(q), 0.0)
    L = np.sum(np.where(q > 0, q * log_joint, 0.0)) - q_log_q.sum()
    KL = q_log_q.sum() - np.sum(np.where(q > 0, q * log_post, 0.0))
    return L, KL


@settings(max_examples=40, deadline=None, derandomize=True)
@given(seed=st.integers(0, 10**6), K=st.integers(1, 5), d=st.integers(1, 3), sparse=st.booleans())
def test_bound_plus_gap_is_the_log_likelihood_for_any_q(seed, K, d, sparse):
    rng = np.random.default_rng(seed)
    X = rng.normal(scale=3, size=(60, d))
    params = gt.init_params(X, K, "kmeans++", seed)
    q = random_q(rng, 60, K, sparse)
    L, KL = gt.lower_bound(X, params, q), gt.kl_divergence(X, params, q)
    ll = gt.log_likelihood(X, params)
    assert abs((L + KL) - ll) <= 1e-10 * abs(ll)
    assert KL >= -1e-9 and L <= ll + 1e-9 * abs(ll)


def test_against_scipy_reference():
    rng = np.random.default_rng(3)
    X = gt.textbook_data()
    params = gt.TEXTBOOK_TRUTH
    q = random_q(rng, len(X), 3, sparse=True)
    L_ref, KL_ref = reference_terms(X, params, q)
    assert gt.lower_bound(X, params, q) == pytest.approx(L_ref, rel=1e-12)
    assert gt.kl_divergence(X, params, q) == pytest.approx(KL_ref, rel=1e-10, abs=1e-9)


def test_e_step_closes_the_gap_and_m_step_raises_the_bound():
    X = gt.textbook_data()
    result = gt.fit(X, 3, init="textbook", seed=11, reg_covar=0.0)
    for t in range(1, 6):
        old, new = result.history[t - 1], result.history[t]
        q, ll_old = gt.e_step(X, old)  # E-step: q = posterior under the old parameters
        assert abs(gt.kl_divergence(X, old, q)) < 1e-9
        assert gt.lower_bound(X, old, q) == pytest.approx(ll_old, rel=1e-12)
        assert gt.lower_bound(X, new, q) > gt.lower_bound(X, old, q)  # M-step maximises L over theta
        assert gt.log_likelihood(X, new) >= gt.lower_bound(X, new, q)


def test_far_away_point_keeps_both_terms_finite():
    X = np.vstack([gt.textbook_data(), [[1000.0, 1000.0]]])
    q = np.full((len(X), 3), 1 / 3)
    L, KL = gt.lower_bound(X, gt.TEXTBOOK_TRUTH, q), gt.kl_divergence(X, gt.TEXTBOOK_TRUTH, q)
    assert np.isfinite(L) and np.isfinite(KL)


@pytest.mark.parametrize("q, match", [
    (np.full((1000, 2), 0.5), "K = 3 columns"),
    (np.full((999, 3), 1 / 3), r"shape \(n, K\) = \(1000, K\)"),
    (np.full((1000, 3), 0.5), "must sum to 1"),
    (np.tile([1.5, -0.5, 0.0], (1000, 1)), "non-negative"),
])
def test_bad_q_is_named(q, match):
    for func in (gt.lower_bound, gt.kl_divergence):
        with pytest.raises(ValueError, match=match) as info:
            func(gt.textbook_data(), gt.TEXTBOOK_TRUTH, q)
        assert "q" in str(info.value)
