"""Choosing K: information criteria with the correct number of free parameters."""
from __future__ import annotations

import numpy as np

from ._validation import check_int
from .em import COVARIANCE_TYPES, _check_covariance_type, log_likelihood


def n_parameters(K: int, d: int, covariance_type: str = "full") -> int:
    """Free parameters of a K-component mixture in d dimensions.

    (K - 1) mixing weights (they sum to 1) + K d means + the covariances:
    full K d(d+1)/2, diag K d, spherical K, tied d(d+1)/2.
    """
    K = check_int(K, "K", low=1)
    d = check_int(d, "d", low=1)
    covariance_type = _check_covariance_type(covariance_type)
    covariances = {"full": K * d * (d + 1) // 2, "diag": K * d, "spherical": K, "tied": d * (d + 1) // 2}
    return (K - 1) + K * d + covariances[covariance_type]


def bic(X, params, covariance_type: str = "full") -> float:
    """Bayesian information criterion -2 ln p(X|theta) + p ln n (smaller is better)."""
    X = np.asarray(X)
    ll = log_likelihood(X, params)
    return -2.0 * ll + n_parameters(params.K, params.d, covariance_type) * np.log(X.shape[0])


def aic(X, params, covariance_type: str = "full") -> float:
    """Akaike information criterion -2 ln p(X|theta) + 2 p (smaller is better)."""
    ll = log_likelihood(X, params)
    return -2.0 * ll + 2.0 * n_parameters(params.K, params.d, covariance_type)


__all__ = ["n_parameters", "bic", "aic", "COVARIANCE_TYPES"]
