"""The Gaussian maths the checkers share: small random test mixtures, and the log density of one
component computed correctly and with each typical mistake (the answers a learner's slip gives).

The E-step, lower-bound and bar-chart checkers all build on ``log_weighted``: log φ_k + log N(x_n | μ_k, Σ_k).
"""
from __future__ import annotations

import numpy as np

from .._math import logsumexp

LOG_2PI = np.log(2 * np.pi)

DENSITY_MISTAKES = ("sigma_for_inv", "inv_everywhere", "det_no_sqrt", "no_sqrt_at_all", "no_2pi", "2pi_no_power",
                    "no_det", "no_normaliser", "no_half", "sign")


def random_spd(rng, d: int, scale: float) -> np.ndarray:
    """A random symmetric positive definite (d, d) matrix with correlations, of size about scale."""
    A = rng.normal(size=(d, d))
    return scale * (A @ A.T / d + 0.5 * np.eye(d))


def rotated_spd(rng, d: int, low: float, high: float) -> np.ndarray:
    """A random (d, d) covariance with eigenvalues low and high (d >= 2; more in between) along random axes:
    clearly elongated and tilted, so that L L^T and L^T L (L its Cholesky factor) differ."""
    Q, _ = np.linalg.qr(rng.normal(size=(d, d)))
    values = np.concatenate([[low * rng.uniform(1, 1.5), high * rng.uniform(0.8, 1)], rng.uniform(low, high, d - 2)])
    return (Q * values[:d]) @ Q.T


def mixture_case(rng, n: int, phi, d: int, spread: float):
    """phi, mu, sigma for K = len(phi) overlapping components in d dimensions, and n points among them."""
    phi = np.asarray(phi, dtype=float)
    K = len(phi)
    mu = rng.normal(scale=spread, size=(K, d))
    sigma = np.stack([random_spd(rng, d, rng.uniform(0.4, 2.0)) for _ in range(K)])
    centre = mu.mean(axis=0)
    X = centre + rng.normal(scale=spread * 1.2, size=(n, d))
    return phi, mu, sigma, X


def log_gauss_variants(X, mu, sigma) -> dict:
    """log N(x_n | mu, sigma) for one component (n,), correct and with each typical mistake."""
    d = X.shape[1]
    diff = X - mu  # (n, d)
    maha = np.sum(diff @ np.linalg.inv(sigma) * diff, axis=1)  # (n,) (x - mu)^T Sigma^{-1} (x - mu)
    maha_sigma = np.sum(diff @ sigma * diff, axis=1)  # (n,) the same with Sigma in place of Sigma^{-1}
    log_det = np.linalg.slogdet(sigma)[1]
    c = d * LOG_2PI
    return {
        "correct": -0.5 * (c + log_det + maha),
        "sigma_for_inv": -0.5 * (c + log_det + maha_sigma),
        "inv_everywhere": -0.5 * (c - log_det + maha_sigma),  # log_pdf(X, mu, inv(sigma))
        "det_no_sqrt": -0.5 * c - log_det - 0.5 * maha,  # 1 / (sqrt((2 pi)^d) |Sigma|)
        "no_sqrt_at_all": -c - log_det - 0.5 * maha,  # 1 / ((2 pi)^d |Sigma|)
        "no_2pi": -0.5 * (log_det + maha),
        "2pi_no_power": -0.5 * (LOG_2PI + log_det + maha),  # sqrt(2 pi |Sigma|)
        "no_det": -0.5 * (c + maha),
        "no_normaliser": -0.5 * maha,
        "no_half": -0.5 * (c + log_det) - maha,
        "sign": -0.5 * (c + log_det) + 0.5 * maha,
    }


def log_weighted(X, phi, mu, sigma) -> dict:
    """log phi_k + log N(x_n | mu_k, sigma_k), (n, K), correct and with each density mistake."""
    per_k = [log_gauss_variants(X, mu[k], sigma[k]) for k in range(len(phi))]
    return {name: np.log(phi) + np.column_stack([v[name] for v in per_k]) for name in per_k[0]}


def normalise_rows(log_w: np.ndarray) -> np.ndarray:
    """exp(log_w) with every row scaled to sum to 1 (the softmax of each row, by log-sum-exp)."""
    return np.exp(log_w - logsumexp(log_w, axis=1, keepdims=True))
