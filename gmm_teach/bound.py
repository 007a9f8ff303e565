"""The evidence lower bound L(q, theta) and the gap KL(q || p(Z|X, theta)) (chapter 07).

    ln p(X|theta) = L(q, theta) + KL(q || p(Z|X, theta))   for any q,

so L never exceeds the log-likelihood and touches it when q is the E-step's posterior.
"""
from __future__ import annotations

import numpy as np

from ._math import logsumexp, xlogx
from .gaussian import log_gauss_kn
from .params import GMMParams
from .steps import _check_not_infinitely_far, _check_X_params, check_responsibilities


def _log_joint(X, params: GMMParams) -> np.ndarray:
    """log phi_k + log N(x_n | mu_k, Sigma_k), shape (n, K); the same clear error as e_step for a
    point whose distance to every component overflows (its posterior would be 0/0)."""
    log_joint = log_gauss_kn(np.ascontiguousarray(X.T), params.mu, params.cholesky)  # (K, n)
    with np.errstate(divide="ignore"):
        log_joint += np.log(params.phi)[:, None]
    _check_not_infinitely_far(log_joint.max(axis=0))  # the largest term is -inf exactly when the sum is
    return log_joint.T


def lower_bound(X, params: GMMParams, q) -> float:
    """The evidence lower bound L(q, theta) = sum_n sum_k q_nk [ln phi_k N(x_n|mu_k,Sigma_k) - ln q_nk].

    Parameters
    ----------
    X : array_like, shape (n, d)
        The data.
    params : GMMParams
        The parameters theta.
    q : array_like, shape (n, K)
        Any distribution over the components per point (non-negative, rows sum to 1).

    Returns
    -------
    float
        L(q, theta), at most the log-likelihood ln p(X|theta).

    Raises
    ------
    ValueError
        If the shapes disagree or q is not a distribution per row; a point whose squared
        distance to every component overflows float64 raises e_step's error.

    See Also
    --------
    kl_divergence : the gap ln p(X|theta) - L(q, theta).
    e_step : the q that closes the gap.

    Notes
    -----
        ln p(X|theta) = L(q, theta) + KL(q || p(Z|X,theta)),

    so L never exceeds the log-likelihood, with equality when q is the posterior (the E-step's
    responsibilities). EM alternates: the E-step raises L over q (to the log-likelihood), the
    M-step raises it over theta. With 0 ln 0 = 0, q_nk = 0 contributes nothing. q > 0 on a
    single component whose log density overflows to -inf gives -inf (the correctly rounded
    value of a bound below -1e308).

    Examples
    --------
    >>> import numpy as np
    >>> from gmm_teach import TEXTBOOK_TRUTH, e_step, log_likelihood, lower_bound, textbook_data
    >>> X = textbook_data()
    >>> uniform = np.full((len(X), 3), 1 / 3)
    >>> print(f"{lower_bound(X, TEXTBOOK_TRUTH, uniform):.4f}")
    -11008.4795
    >>> print(f"{log_likelihood(X, TEXTBOOK_TRUTH):.4f}")
    -3947.3937

    With q the responsibilities the bound reaches the log-likelihood:

    >>> resp, _ = e_step(X, TEXTBOOK_TRUTH)
    >>> print(f"{lower_bound(X, TEXTBOOK_TRUTH, resp):.4f}")
    -3947.3937
    """
    X, params = _check_X_params(X, params)
    q = check_responsibilities(q, X.shape[0], "q")
    _check_q_K(q, params)
    log_joint = _log_joint(X, params)  # (n, K)
    with np.errstate(invalid="ignore"):  # q_nk = 0 where log phi_k = -inf contributes 0
        weighted = np.where(q > 0, q * log_joint, 0.0)
    return float(weighted.sum() - xlogx(q).sum())


def kl_divergence(X, params: GMMParams, q) -> float:
    """KL(q || p(Z|X,theta)) = sum_n sum_k q_nk [ln q_nk - ln gamma_nk] >= 0.

    The gap between the log-likelihood and the lower bound; 0 exactly when q equals the
    responsibilities.

    Parameters
    ----------
    X : array_like, shape (n, d)
        The data.
    params : GMMParams
        The parameters theta.
    q : array_like, shape (n, K)
        Any distribution over the components per point (non-negative, rows sum to 1).

    Returns
    -------
    float
        The Kullback-Leibler divergence from q to the posterior, summed over the points.

    See Also
    --------
    lower_bound : L(q, theta) = ln p(X|theta) - KL(q || p(Z|X,theta)).

    Notes
    -----
    gamma_nk = p(z_n = k | x_n, theta) are the E-step's responsibilities; 0 ln 0 = 0.

    Examples
    --------
    >>> import numpy as np
    >>> from gmm_teach import TEXTBOOK_TRUTH, e_step, kl_divergence, textbook_data
    >>> X = textbook_data()
    >>> uniform = np.full((len(X), 3), 1 / 3)
    >>> print(f"{kl_divergence(X, TEXTBOOK_TRUTH, uniform):.4f}")
    7061.0858
    >>> resp, _ = e_step(X, TEXTBOOK_TRUTH)
    >>> abs(kl_divergence(X, TEXTBOOK_TRUTH, resp)) < 1e-9
    True

    The gap is exactly the log-likelihood minus the bound, -3947.3937 - (-11008.4795).
    """
    X, params = _check_X_params(X, params)
    q = check_responsibilities(q, X.shape[0], "q")
    _check_q_K(q, params)
    log_joint = _log_joint(X, params)  # (n, K)
    log_gamma = log_joint - logsumexp(log_joint, axis=1, keepdims=True)  # (n, K) log responsibilities
    with np.errstate(invalid="ignore"):
        cross = np.where(q > 0, q * log_gamma, 0.0)
    return float(xlogx(q).sum() - cross.sum())


def _check_q_K(q, params):
    if q.shape[1] != params.K:
        raise ValueError(f"q must have K = {params.K} columns to match params; received shape {q.shape}.")
