"""Choosing K: information criteria with the correct number of free parameters."""
from __future__ import annotations

import numpy as np

from ._validation import check_data, check_int, describe
from .em import COVARIANCE_TYPES, EMResult, _check_covariance_type, log_likelihood
from .params import GMMParams


def _check_covariance_type_is_str(covariance_type) -> None:
    """A TypeError naming covariance_type for a list, an int, ... (before any comparison with it)."""
    if not isinstance(covariance_type, str):
        raise TypeError(f"covariance_type must be a string, one of {COVARIANCE_TYPES}; "
                        f"received {describe(covariance_type)}.")


def n_parameters(K: int, d: int, covariance_type: str = "full") -> int:
    """Free parameters of a K-component mixture in d dimensions.

    (K - 1) mixing weights (they sum to 1) + K d means + the covariances:
    full K d(d+1)/2, diag K d, spherical K, tied d(d+1)/2.
    """
    K = check_int(K, "K", low=1)
    d = check_int(d, "d", low=1)
    _check_covariance_type_is_str(covariance_type)
    covariance_type = _check_covariance_type(covariance_type)
    covariances = {"full": K * d * (d + 1) // 2, "diag": K * d, "spherical": K, "tied": d * (d + 1) // 2}
    return (K - 1) + K * d + covariances[covariance_type]


def _params_and_type(fitted, covariance_type):
    """GMMParams and covariance type from a GMMParams (type as given) or an EMResult (its own type)."""
    if not isinstance(fitted, (EMResult, GMMParams)):
        raise TypeError(f"fitted must be an EMResult (from gmm_teach.fit) or a GMMParams; "
                        f"received {describe(fitted)}.")
    if covariance_type is not None:
        _check_covariance_type_is_str(covariance_type)
        covariance_type = _check_covariance_type(covariance_type)
    if isinstance(fitted, EMResult):
        if covariance_type is not None and covariance_type != fitted.covariance_type:
            raise ValueError(f"covariance_type={covariance_type!r} disagrees with the result, which was fitted "
                             f"with covariance_type={fitted.covariance_type!r}; leave covariance_type out.")
        return fitted.params, fitted.covariance_type
    return fitted, "full" if covariance_type is None else covariance_type


def bic(X, fitted, covariance_type: str | None = None) -> float:
    """Bayesian information criterion -2 ln p(X|theta) + p ln n (smaller is better).

    fitted: an EMResult (its covariance_type is used) or a GMMParams (covariance_type, default "full");
    anything else is a TypeError naming fitted.
    """
    params, covariance_type = _params_and_type(fitted, covariance_type)
    X = check_data(X)  # a clear error for a ragged list, NaN, ...; n below is its number of rows
    ll = log_likelihood(X, params)
    return -2.0 * ll + n_parameters(params.K, params.d, covariance_type) * np.log(X.shape[0])


def aic(X, fitted, covariance_type: str | None = None) -> float:
    """Akaike information criterion -2 ln p(X|theta) + 2 p (smaller is better); fitted as for bic."""
    params, covariance_type = _params_and_type(fitted, covariance_type)
    X = check_data(X)
    ll = log_likelihood(X, params)
    return -2.0 * ll + 2.0 * n_parameters(params.K, params.d, covariance_type)


__all__ = ["n_parameters", "bic", "aic", "COVARIANCE_TYPES"]
