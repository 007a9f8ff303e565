"""Choosing K: information criteria with the correct number of free parameters.

A larger K always fits the data at least as well (a higher log-likelihood), so the
log-likelihood alone cannot choose K. BIC and AIC add a penalty for every free parameter;
the K with the smallest criterion wins.

>>> from gmm_teach import bic, fit, textbook_data
>>> X = textbook_data()
>>> scores = {K: bic(X, fit(X, K, tol=1e-2)) for K in range(1, 6)}
>>> min(scores, key=scores.get)
3
"""
from __future__ import annotations

import numpy as np

from ._validation import check_data, check_int, describe
from .em import EMResult
from .steps import COVARIANCE_TYPES, _check_covariance_type, log_likelihood
from .params import GMMParams


def _check_covariance_type_is_str(covariance_type) -> None:
    """A TypeError naming covariance_type for a list, an int, ... (before any comparison with it)."""
    if not isinstance(covariance_type, str):
        raise TypeError(f"covariance_type must be a string, one of {COVARIANCE_TYPES}; "
                        f"received {describe(covariance_type)}.")


def n_parameters(K: int, d: int, covariance_type: str = "full") -> int:
    """Free parameters of a K-component mixture in d dimensions.

    Parameters
    ----------
    K : int
        Number of components, >= 1.
    d : int
        Dimension of the data, >= 1.
    covariance_type : {"full", "diag", "spherical", "tied"}, default "full"
        The covariance constraint (see ``constrain_covariances``).

    Returns
    -------
    int
        The number p of free parameters, the p in ``bic`` and ``aic``.

    Notes
    -----
    (K - 1) mixing weights (they sum to 1) + K d means + the covariances:
    full K d(d+1)/2, diag K d, spherical K, tied d(d+1)/2.

    Examples
    --------
    The chapter's model, K = 3 full covariances in 2-D: 2 weights + 6 means + 3 x 3 covariance entries.

    >>> from gmm_teach import n_parameters
    >>> n_parameters(3, 2)
    17
    >>> [n_parameters(3, 2, t) for t in ("full", "diag", "spherical", "tied")]
    [17, 14, 11, 11]
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

    Parameters
    ----------
    X : array_like, shape (n, d)
        The data the criterion is computed on.
    fitted : EMResult or GMMParams
        An EMResult (its covariance_type is used) or a GMMParams (covariance_type, default "full");
        anything else is a TypeError naming fitted.
    covariance_type : {"full", "diag", "spherical", "tied"}, optional
        Only for a GMMParams; for an EMResult it must agree with the result's own, or be left out.

    Returns
    -------
    float
        -2 ln p(X|theta) + p ln n, with p = ``n_parameters(K, d, covariance_type)``.

    See Also
    --------
    aic : a smaller penalty, 2 p.
    n_parameters : the p in the penalty.

    Notes
    -----
    The penalty p ln n grows with the number of points, so BIC prefers smaller models than
    AIC once n > e^2 (about 7 points).

    Examples
    --------
    >>> from gmm_teach import TEXTBOOK_TRUTH, bic, fit, textbook_data
    >>> X = textbook_data()
    >>> print(f"{bic(X, TEXTBOOK_TRUTH):.4f}")
    8012.2193
    >>> scores = {K: bic(X, fit(X, K, tol=1e-2)) for K in range(1, 6)}
    >>> min(scores, key=scores.get)
    3
    """
    params, covariance_type = _params_and_type(fitted, covariance_type)
    X = check_data(X)  # a clear error for a ragged list, NaN, ...; n below is its number of rows
    ll = log_likelihood(X, params)
    return -2.0 * ll + n_parameters(params.K, params.d, covariance_type) * np.log(X.shape[0])


def aic(X, fitted, covariance_type: str | None = None) -> float:
    """Akaike information criterion -2 ln p(X|theta) + 2 p (smaller is better); fitted as for bic.

    Parameters
    ----------
    X : array_like, shape (n, d)
        The data the criterion is computed on.
    fitted : EMResult or GMMParams
        As for ``bic``.
    covariance_type : {"full", "diag", "spherical", "tied"}, optional
        As for ``bic``.

    Returns
    -------
    float
        -2 ln p(X|theta) + 2 p, with p = ``n_parameters(K, d, covariance_type)``.

    See Also
    --------
    bic : a larger penalty, p ln n.

    Examples
    --------
    >>> from gmm_teach import TEXTBOOK_TRUTH, aic, log_likelihood, n_parameters, textbook_data
    >>> X = textbook_data()
    >>> print(f"{aic(X, TEXTBOOK_TRUTH):.4f}")
    7928.7874
    >>> print(f"{-2 * log_likelihood(X, TEXTBOOK_TRUTH) + 2 * n_parameters(3, 2):.4f}")
    7928.7874
    """
    params, covariance_type = _params_and_type(fitted, covariance_type)
    X = check_data(X)
    ll = log_likelihood(X, params)
    return -2.0 * ll + 2.0 * n_parameters(params.K, params.d, covariance_type)


__all__ = ["n_parameters", "bic", "aic", "COVARIANCE_TYPES"]
