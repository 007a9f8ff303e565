"""The EM algorithm for a Gaussian mixture, one small function per stage.

Internally the responsibilities are stored as (K, n): one contiguous row per component,
so that sums over components run along long rows (fast). The public functions take and
return the (n, K) layout of the chapter; ``resp.T`` converts between them for free.
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from ._math import logsumexp, normalize_log_, xlogx
from ._validation import as_float_array, check_data, check_float, check_int, check_seed, describe
from .gaussian import log_gauss_kn
from .params import GMMParams, check_params, cholesky_or_none

EPS_NK = 10 * np.finfo(np.float64).eps  # with reg_covar = 0, N_k <= EPS_NK n counts as an empty component
# (scikit-learn adds it to N_k before dividing; we divide by N_k itself, see _m_step_kn)
SINGULAR_RTOL = 1e-12  # a Cholesky pivot^2 below this times the data's variance counts as singular
RESP_SUM_TOL = 1e-6  # rows of user-supplied responsibilities must sum to 1 within this
INIT_METHODS = ("textbook", "random", "kmeans++")
COVARIANCE_TYPES = ("full", "diag", "spherical", "tied")


class ConvergenceWarning(UserWarning):
    """EM stopped at max_iter before the log-likelihood settled.

    Issued by ``fit``; the result is still returned, with ``converged = False``. The message
    gives the last change in log-likelihood and the tolerance.

    See Also
    --------
    fit : its max_iter and tol decide when EM stops.

    Examples
    --------
    >>> import warnings
    >>> from gmm_teach import ConvergenceWarning, fit, textbook_data
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     result = fit(textbook_data(), 3, max_iter=2)
    >>> result.converged, caught[0].category is ConvergenceWarning
    (False, True)
    >>> print(caught[0].message)
    EM did not converge in max_iter = 2 iterations (last change in log-likelihood ..., tol = 1e-05). ...
    """


class ComponentCollapseError(ValueError):
    """A component lost all its points or its covariance became singular.

    A subclass of ValueError, raised by ``m_step``, ``fit`` and ``init_params``. With
    ``reg_covar > 0`` (the default 1e-6 is added to every covariance diagonal) it is rare.

    Parameters
    ----------
    message : str
        What collapsed and what to do about it.
    component : int
        The component that collapsed, counted from 0.
    iteration : int or None, default None
        The EM iteration whose M-step collapsed it (see Attributes).

    Attributes
    ----------
    component : int
        The component that collapsed, counted from 0.
    iteration : int or None
        The EM iteration whose M-step collapsed it, counted from 1 as in EMResult.n_iter;
        0 means the initialisation (the M-step that init="random" runs on random
        responsibilities). Raised by fit or init_params, iteration is always an int; only
        a standalone m_step call, which is not part of a run, leaves it None.

    Examples
    --------
    An M-step in which component 2 is given no points, without regularisation:

    >>> import numpy as np
    >>> from gmm_teach import ComponentCollapseError, m_step, textbook_data
    >>> X = textbook_data()
    >>> resp = np.zeros((len(X), 3))
    >>> resp[:500, 0] = resp[500:, 1] = 1.0
    >>> try:
    ...     m_step(X, resp, reg_covar=0.0)
    ... except ComponentCollapseError as err:
    ...     print(err.component, err.iteration)
    ...     print(err)
    2 None
    component 2 collapsed: it holds N_k = 0 points. Use reg_covar > 0 (for example reg_covar=1e-6), ...
    """

    def __init__(self, message: str, component: int, iteration: int | None = None):
        super().__init__(message)
        self.component = component
        self.iteration = iteration


@dataclass(frozen=True)
class EMResult:
    """What ``fit`` returns (a frozen dataclass).

    Attributes
    ----------
    params : GMMParams
        Final parameters.
    responsibilities : ndarray, shape (n, K)
        Posterior p(z = k | x_n) under the final params.
    log_likelihoods : ndarray, shape (n_iter,)
        Total log-likelihood after each iteration's M-step.
    history : tuple of GMMParams, length n_iter + 1
        history[0] is the initialisation, history[t] the parameters after iteration t.
    n_iter : int
        Number of EM iterations run, counted from 1 (the chapter's loop index starts at 0,
        so its "Converged at iteration 57" is our 58th iteration: n_iter = 58).
    converged : bool
        True if |change in log-likelihood| < tol before max_iter.
    covariance_type : str
        "full", "diag", "spherical" or "tied" (bic and aic read it from a result).

    Examples
    --------
    >>> from gmm_teach import fit, textbook_data
    >>> result = fit(textbook_data(), 3, init="textbook", seed=11, reg_covar=0.0)
    >>> result.n_iter, result.converged, len(result.history), result.responsibilities.shape
    (58, True, 59, (1000, 3))
    >>> print(f"{result.log_likelihoods[-1]:.4f}")
    -3936.6409
    >>> result.history[-1] == result.params
    True
    """

    params: GMMParams
    responsibilities: np.ndarray
    log_likelihoods: np.ndarray
    history: tuple
    n_iter: int
    converged: bool
    covariance_type: str = "full"


# --- E-step ------------------------------------------------------------------

def _e_step_kn(Xt: np.ndarray, params: GMMParams):
    """Responsibilities (K, n) and total log-likelihood, in log space. Xt is X.T, (d, n)."""
    log_r = log_gauss_kn(Xt, params.mu, params.cholesky)  # (K, n) log N(x_n | mu_k, Sigma_k)
    with np.errstate(divide="ignore"):  # phi_k = 0 gives log 0 = -inf: that component gets gamma = 0
        log_r += np.log(params.phi)[:, None]  # (K, n) log phi_k N(...)
    log_norm = normalize_log_(log_r, axis=0)  # (K, n) now responsibilities; (n,) log sum_k phi_k N(x_n | ...)
    _check_not_infinitely_far(log_norm)
    log_likelihood = float(log_norm.sum())
    return log_r, log_likelihood


def _check_not_infinitely_far(log_norm: np.ndarray) -> None:
    """ValueError if some point has log phi_k N(x|mu_k,Sigma_k) = -inf for every k (its squared
    Mahalanobis distance to every component overflows float64): its posterior would be 0/0."""
    finite = np.isfinite(log_norm)
    if not finite.all():
        i = int(np.argmin(finite))
        raise ValueError(f"X[{i}] is so far from every component that its squared Mahalanobis distance overflows "
                         f"float64; rescale X (for example (X - X.mean(0)) / X.std(0)).")


def e_step(X, params: GMMParams):
    """E-step: responsibilities gamma_nk = phi_k N(x_n|mu_k,Sigma_k) / sum_j phi_j N(x_n|mu_j,Sigma_j).

    Parameters
    ----------
    X : array_like, shape (n, d)
        The data.
    params : GMMParams
        The current parameters (d must match X).

    Returns
    -------
    responsibilities : ndarray, shape (n, K)
        gamma_nk = p(z_n = k | x_n, params); each row sums to 1.
    log_likelihood : float
        Total log-likelihood of X under params, a by-product of the normalisation.

    Raises
    ------
    ValueError
        If X does not match params, or a point is so far from every component that its squared
        Mahalanobis distance overflows float64 (rescale X).

    See Also
    --------
    m_step : the other half of an EM iteration.

    Notes
    -----
    Computed with log-sum-exp, so even a point far from every component gets finite
    responsibilities that sum to 1:

        log gamma_nk = a_nk - logsumexp_j a_nj,   a_nk = log phi_k + log N(x_n | mu_k, Sigma_k).

    Examples
    --------
    >>> import numpy as np
    >>> from gmm_teach import TEXTBOOK_TRUTH, e_step, textbook_data
    >>> X = textbook_data()
    >>> resp, ll = e_step(X, TEXTBOOK_TRUTH)
    >>> resp.shape, bool(np.allclose(resp.sum(axis=1), 1.0))
    ((1000, 3), True)
    >>> np.round(resp[0], 4)
    array([1., 0., 0.])
    >>> print(f"{ll:.4f}")
    -3947.3937
    """
    X, params = _check_X_params(X, params)
    resp, ll = _e_step_kn(np.ascontiguousarray(X.T), params)
    return resp.T, ll


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


def log_likelihood(X, params: GMMParams) -> float:
    """Total log-likelihood sum_n log sum_k phi_k N(x_n | mu_k, Sigma_k).

    Parameters
    ----------
    X : array_like, shape (n, d)
        The data.
    params : GMMParams
        The mixture (d must match X).

    Returns
    -------
    float
        ln p(X | params), computed with log-sum-exp (the second output of ``e_step``).

    See Also
    --------
    bic, aic : the log-likelihood penalised for the number of parameters.

    Examples
    --------
    >>> from gmm_teach import TEXTBOOK_TRUTH, log_likelihood, textbook_data
    >>> print(f"{log_likelihood(textbook_data(), TEXTBOOK_TRUTH):.4f}")
    -3947.3937
    """
    return e_step(X, params)[1]


# --- M-step ------------------------------------------------------------------

def constrain_covariances(sigma: np.ndarray, covariance_type: str, N=None) -> np.ndarray:
    """Project full covariances (K, d, d) onto a covariance type (returned as full (K, d, d) matrices).

    Parameters
    ----------
    sigma : ndarray, shape (K, d, d)
        Full covariance matrices, e.g. the M-step's weighted covariances.
    covariance_type : {"full", "diag", "spherical", "tied"}
        "full"       every Sigma_k free;
        "diag"       Sigma_k diagonal: keep the variances, drop the correlations;
        "spherical"  Sigma_k = s_k^2 I with s_k^2 the mean of the variances;
        "tied"       one Sigma shared by all components: the N_k-weighted mean of the Sigma_k.
    N : ndarray, shape (K,), optional
        Effective numbers of points N_k, the weights for "tied" (equal weights if None).

    Returns
    -------
    ndarray, shape (K, d, d)
        The constrained matrices (sigma itself for "full").

    Raises
    ------
    ValueError, TypeError
        If covariance_type is not one of the four strings.

    Notes
    -----
    Each projection is also the maximum-likelihood covariance under that constraint, so the
    M-step stays an exact maximisation for every covariance_type.

    Examples
    --------
    >>> import numpy as np
    >>> from gmm_teach import constrain_covariances
    >>> sigma = np.array([[[2.0, 1.0], [1.0, 3.0]], [[1.0, 0.0], [0.0, 1.0]]])
    >>> constrain_covariances(sigma, "diag")[0]
    array([[2., 0.],
           [0., 3.]])
    >>> constrain_covariances(sigma, "spherical")[0]
    array([[2.5, 0. ],
           [0. , 2.5]])
    >>> constrain_covariances(sigma, "tied", N=np.array([300.0, 100.0]))[1]
    array([[1.75, 0.75],
           [0.75, 2.5 ]])
    """
    covariance_type = _check_covariance_type(covariance_type)
    K, d, _ = sigma.shape
    if covariance_type == "full":
        return sigma
    variances = np.diagonal(sigma, axis1=1, axis2=2)  # (K, d)
    if covariance_type == "diag":
        return variances[:, :, None] * np.eye(d)
    if covariance_type == "spherical":
        return variances.mean(axis=1)[:, None, None] * np.eye(d)
    weights = np.full(K, 1.0 / K) if N is None else N / N.sum()  # "tied"
    return np.broadcast_to(np.tensordot(weights, sigma, axes=1), (K, d, d)).copy()


def _m_step_kn(X, Xt, resp, reg_covar: float, data_var: np.ndarray, covariance_type: str = "full",
               refine: bool = True) -> GMMParams:
    """Weighted maximum likelihood from responsibilities resp (K, n). X (n, d), Xt (d, n).

    data_var (d,) per-feature variances of X (see _data_variance). refine: correct each mean with
    its residuals (one more pass over X); needed only when X sits far from 0 relative to its
    spread (see _needs_refined_means), where resp @ X alone loses digits to cancellation."""
    K, n = resp.shape
    d = X.shape[1]
    N = resp.sum(axis=1)  # (K,) effective number of points per component
    # Divide by N itself (a guard such as N + 10 eps would shift every mean by a relative 1e-15: 1e-3 at an
    # offset of 1e12); only an empty component (N = 0, so resp @ X = 0 too) needs one, to give 0 / tiny = 0.
    Nk = np.maximum(N, np.finfo(np.float64).tiny)  # (K,)
    phi = N / n  # (K,)
    mu = (resp @ X) / Nk[:, None]  # (K, d) weighted means
    sigma = np.empty((K, d, d))
    diff = np.empty_like(Xt)  # (d, n) buffer
    for k in range(K):
        np.subtract(Xt, mu[k][:, None], out=diff)  # (d, n) x_n - mu_k
        if refine:  # far from the origin, resp @ X rounds at the scale of |X|: correct the mean with the
            mu[k] += (diff @ resp[k]) / Nk[k]  # residuals, which are exact (Sterbenz), then recompute them
            np.subtract(Xt, mu[k][:, None], out=diff)
        sigma[k] = (diff * resp[k]) @ diff.T / Nk[k]  # (d, d) weighted covariance
    sigma = 0.5 * (sigma + sigma.transpose(0, 2, 1))  # exactly symmetric
    sigma = constrain_covariances(sigma, covariance_type, N)  # diag / spherical / tied: maximum likelihood too
    sigma[:, np.arange(d), np.arange(d)] += reg_covar  # Sigma_k + reg_covar I
    _check_collapse(N, sigma, n, reg_covar, data_var)
    return GMMParams(phi, mu, sigma)


def _check_collapse(N, sigma, n, reg_covar, data_var):
    """ComponentCollapseError if a component has no points or a singular covariance.

    With reg_covar > 0 only a failed Cholesky counts (the regularised covariance is what EM uses).
    With reg_covar = 0 a component with N_k ~ 0 or a Cholesky pivot^2 below SINGULAR_RTOL times
    that feature's variance in X (data_var, (d,)) also counts: per feature, so that features of
    very different scales are each judged against their own."""
    chol = cholesky_or_none(sigma)  # (K, d, d), or None if some Sigma_k is not positive definite
    if chol is None:  # find which: one small d x d factorisation per component
        chol = [cholesky_or_none(s[None]) for s in sigma]
        ok = np.array([c is not None for c in chol])
        pivots = np.array([np.diagonal(c[0]) ** 2 if c is not None else np.zeros(len(s))
                           for c, s in zip(chol, sigma)])  # (K, d)
    else:
        ok = np.ones(len(sigma), dtype=bool)
        pivots = np.diagonal(chol, axis1=1, axis2=2) ** 2  # (K, d) Cholesky pivots
    if reg_covar == 0:  # nothing keeps Sigma_k away from 0: also catch numerically singular ones
        ok &= N > EPS_NK * n
        ok &= (pivots > SINGULAR_RTOL * data_var).all(axis=1)  # (K, d) > (d,)
    if ok.all():
        return
    k = int(np.argmin(ok))
    what = (f"it holds N_k = {N[k]:.3g} points" if N[k] <= EPS_NK * n
            else f"its covariance became singular (N_k = {N[k]:.3g})")
    fix = (f"Use reg_covar > 0 (for example reg_covar=1e-6), which adds reg_covar to the diagonal of every "
           f"covariance, or another init / seed." if reg_covar == 0 else
           f"reg_covar = {reg_covar:g} is too small for data of this scale (largest feature variance "
           f"{float(np.max(data_var)):.3g}); try a larger reg_covar or rescale X.")
    raise ComponentCollapseError(f"component {k} collapsed: {what}. {fix}", component=k)


def m_step(X, responsibilities, reg_covar: float = 1e-6, covariance_type: str = "full") -> GMMParams:
    """M-step: the weighted maximum-likelihood parameters given the responsibilities.

    Parameters
    ----------
    X : array_like, shape (n, d)
        The data.
    responsibilities : array_like, shape (n, K)
        Non-negative, rows summing to 1 (for example from ``e_step``).
    reg_covar : float, default 1e-6
        Added to the diagonal of every covariance (>= 0); keeps them positive definite.
    covariance_type : {"full", "diag", "spherical", "tied"}, default "full"
        See ``constrain_covariances``.

    Returns
    -------
    GMMParams
        The new parameters.

    Raises
    ------
    ComponentCollapseError
        If a component gets no points or a singular covariance (its iteration is None here).
    ValueError
        If responsibilities is not (n, K), negative, or its rows do not sum to 1.

    See Also
    --------
    e_step : the other half of an EM iteration.

    Notes
    -----
        N_k     = sum_n gamma_nk
        phi_k   = N_k / n
        mu_k    = sum_n gamma_nk x_n / N_k
        Sigma_k = sum_n gamma_nk (x_n - mu_k)(x_n - mu_k)^T / N_k  (+ reg_covar I)

    Examples
    --------
    With the true labels as (one-hot) responsibilities, the M-step gives each group's
    share, mean and covariance:

    >>> import numpy as np
    >>> from gmm_teach import m_step, textbook_data
    >>> X, z = textbook_data(return_labels=True)
    >>> params = m_step(X, np.eye(3)[z])
    >>> params.phi
    array([0.3, 0.4, 0.3])
    >>> np.round(params.mu[1], 2)
    array([3.03, 3.11])
    """
    X = check_data(X)
    reg_covar = _check_reg_covar(reg_covar)
    covariance_type = _check_covariance_type(covariance_type)
    resp = check_responsibilities(responsibilities, X.shape[0])
    return _m_step_kn(X, np.ascontiguousarray(X.T), np.ascontiguousarray(resp.T), reg_covar, _data_variance(X),
                      covariance_type, _needs_refined_means(X))


def check_responsibilities(responsibilities, n: int, name: str = "responsibilities") -> np.ndarray:
    """Return an (n, K) float array, non-negative with rows summing to 1, or raise a clear ValueError."""
    if isinstance(responsibilities, np.ma.MaskedArray):
        raise TypeError(f"{name} must be a plain array, not a numpy masked array (the mask would be silently "
                        f"ignored); fill or drop the masked entries first, e.g. {name}.filled(...).")
    resp = as_float_array(responsibilities, name)
    if resp.ndim != 2 or resp.shape[0] != n or resp.shape[1] < 1:
        raise ValueError(f"{name} must have shape (n, K) = ({n}, K) to match X; received shape {resp.shape}.")
    if not np.all(np.isfinite(resp)):
        raise ValueError(f"{name} contain NaN or inf; compute them in log space (log-sum-exp).")
    if resp.min() < 0:
        raise ValueError(f"{name} must be non-negative; the smallest is {resp.min():.3g}.")
    row_sums = resp.sum(axis=1)
    worst = int(np.argmax(np.abs(row_sums - 1)))
    if abs(row_sums[worst] - 1) > RESP_SUM_TOL:
        raise ValueError(f"each row of {name} must sum to 1 (within {RESP_SUM_TOL:g}); row {worst} sums to "
                         f"{row_sums[worst]:.6g}. Divide each row by its sum.")
    return resp


# --- initialisation -------------------------------------------------------------

def _data_covariance(X, reg_covar: float, covariance_type: str = "full") -> np.ndarray:
    """np.cov(X) (unbiased, as the chapter), projected onto covariance_type, plus reg_covar I:
    a (d, d) positive definite matrix, or a ValueError that says why it cannot be one."""
    n, d = X.shape
    if n < 2:
        raise ValueError(f"X must have at least 2 samples to estimate a covariance; received n = {n}.")
    if reg_covar == 0:
        _check_not_degenerate(X, covariance_type)  # says which feature, or why, before anything is singular
    cov = np.atleast_2d(np.cov(X, rowvar=False))  # entries can underflow to 0 for tiny X: reg_covar then dominates
    cov = constrain_covariances(cov[None], covariance_type)[0]
    cov[np.arange(d), np.arange(d)] += reg_covar
    if cholesky_or_none(cov[None]) is None:
        if reg_covar == 0:  # not degenerate by the checks above, yet numerically singular
            raise ValueError("the covariance of X is numerically singular (its smallest eigenvalue is "
                             f"{np.linalg.eigvalsh(cov).min():.3g}): some features are (almost) linear combinations "
                             "of others. Remove them, standardise X, or use reg_covar > 0 (for example 1e-6).")
        raise ValueError(f"reg_covar = {reg_covar:g} is too small for data of this scale (largest feature variance "
                         f"{float(np.max(np.diagonal(cov))):.3g}): the covariance of X plus reg_covar I is still not "
                         f"positive definite in float64. Use a larger reg_covar or rescale X.")
    return cov


def _check_not_degenerate(X, covariance_type: str) -> None:
    """With reg_covar = 0, a ValueError if the covariance of X (projected onto covariance_type) is
    singular, naming the features responsible. Then every component's covariance would be singular
    too: the weighted covariance of points in a subspace lies in that subspace."""
    n, d = X.shape
    fix = "or use reg_covar > 0 (for example reg_covar=1e-6), which adds reg_covar to every covariance diagonal."
    ptp = np.ptp(X, axis=0)  # (d,)
    var = X.var(axis=0)  # (d,)
    constant = np.flatnonzero(ptp == 0)
    underflow = np.flatnonzero((var == 0) & (ptp > 0))
    if underflow.size and (covariance_type != "spherical" or (var == 0).all()):
        j = int(underflow[0])
        raise ValueError(f"feature {j} of X varies by only {ptp[j]:.3g}: its variance underflows float64 to 0. "
                         f"Rescale X (for example (X - X.mean(0)) / X.std(0)), {fix}")
    if constant.size == d:
        raise ValueError(f"all {n} points of X are equal: the data has no spread in any direction, so every "
                         f"covariance is 0. Use more varied data, {fix}")
    if covariance_type == "spherical":
        return  # one variance per component, the mean over the features: positive
    if constant.size:
        j = int(constant[0])
        more = f" (so are features {constant.tolist()})" if constant.size > 1 else ""
        raise ValueError(f"feature {j} of X is constant (every sample has X[:, {j}] = {X[0, j]:.6g}){more}: its "
                         f"variance is 0, so every covariance is singular. Remove that feature, {fix}")
    if covariance_type == "diag":
        return  # only the variances matter, and they are all positive
    if n <= d:
        raise ValueError(f"X has n = {n} samples <= d = {d} features: n points span at most an (n - 1)-dimensional "
                         f"subspace, so the covariance of X and of every component is singular. Use more samples "
                         f"or fewer features (for example PCA), {fix}")
    distinct = np.unique(X, axis=0).shape[0]
    if distinct <= d:
        raise ValueError(f"X holds only {distinct} distinct points (n = {n} samples, many repeated) in d = {d} "
                         f"dimensions: they span at most a {distinct - 1}-dimensional subspace, so the covariance "
                         f"of X and of every component is singular. Use more varied data, {fix}")
    with np.errstate(all="ignore"):
        std = np.sqrt(var)
        corr = np.atleast_2d(np.cov(X / std, rowvar=False))  # scale-free: the correlation matrix
    eigenvalues, vectors = np.linalg.eigh(corr)
    if eigenvalues[0] > SINGULAR_RTOL * d:
        return
    v = np.abs(vectors[:, 0])
    involved = np.flatnonzero(v > 0.05 * v.max()).tolist()
    names = " and ".join([", ".join(map(str, involved[:-1])), str(involved[-1])]) if len(involved) > 1 \
        else str(involved[0])
    raise ValueError(f"features {names} of X are collinear (one is a linear combination of the others, e.g. a "
                     f"duplicated column): the points lie in a lower-dimensional subspace, so the covariance of X "
                     f"and of every component is singular. Remove one of those features, {fix}")


def _kmeans_plus_plus(X, K: int, rng) -> np.ndarray:
    """K centres chosen by k-means++ seeding: each new centre with probability proportional to D(x)^2."""
    n = X.shape[0]
    # D(x)^2 / sum D^2 does not depend on the scale: compute it on X times a power of 2 (exact) that brings
    # max |X| near 1, so that tiny data (1e-300) does not underflow to D = 0. Overflow is ruled out by
    # _data_variance: n d max(ptp)^2 is finite.
    scale = np.ldexp(1.0, -int(np.frexp(np.abs(X).max())[1])) if np.abs(X).max() > 0 else 1.0
    Xs = X * scale if scale != 1.0 else X
    idx = [int(rng.integers(n))]
    d2 = ((Xs - Xs[idx[0]]) ** 2).sum(axis=1)  # (n,) squared distance to the nearest centre so far
    for _ in range(1, K):
        total = d2.sum()
        if total > 0:
            new = int(rng.choice(n, p=d2 / total))
        else:  # every point coincides with a centre: pick any unused point
            new = int(rng.choice(np.setdiff1d(np.arange(n), idx)))
        idx.append(new)
        d2 = np.minimum(d2, ((Xs - Xs[new]) ** 2).sum(axis=1))
    return X[idx]


LEGACY_SEED_MAX = 2**32 - 1  # np.random.RandomState (init="textbook") accepts seeds 0 .. 2**32 - 1


def init_params(X, K: int, init="kmeans++", seed=0, reg_covar: float = 1e-6,
                covariance_type: str = "full") -> GMMParams:
    """Initial parameters for EM.

    Parameters
    ----------
    X : array_like, shape (n, d)
        The data.
    K : int
        Number of components, 1 <= K <= n.
    init : {"kmeans++", "textbook", "random"} or GMMParams, default "kmeans++"
        "textbook"  the chapter's: uniform phi; mu = K distinct data points drawn with the legacy
                    np.random.seed(seed) + np.random.choice(n, K, replace=False) (a private
                    RandomState gives the same stream, so seed must be at most 2**32 - 1);
                    every sigma = the data covariance (+ reg_covar I).
        "random"    random responsibilities (uniform, rows normalised) from default_rng(seed), then an
                    M-step. A collapse in that M-step is a ComponentCollapseError with iteration = 0.
        "kmeans++"  uniform phi; mu = k-means++ seeds from default_rng(seed); every sigma = the data
                    covariance.
        GMMParams   used as given (K and d must match X).
    seed : int or None, default 0
        Seed of the random choices (non-negative; at most 2**32 - 1 for "textbook").
    reg_covar : float, default 1e-6
        Added to the diagonal of every initial covariance (>= 0).
    covariance_type : {"full", "diag", "spherical", "tied"}, default "full"
        With covariance_type other than "full", the initial covariances are projected onto that type.

    Returns
    -------
    GMMParams
        The starting point of EM.

    Raises
    ------
    ValueError
        With reg_covar = 0, data whose covariance is singular (a constant feature, collinear
        features, n <= d, all points equal) is refused with a ValueError naming the cause: EM
        could only collapse. Also for an unknown init or a GMMParams of the wrong K or d.
    ComponentCollapseError
        If the M-step of init="random" collapses (iteration = 0).

    See Also
    --------
    fit : runs EM from these parameters.

    Examples
    --------
    >>> import numpy as np
    >>> from gmm_teach import init_params, textbook_data
    >>> params = init_params(textbook_data(), 3, init="textbook", seed=11, reg_covar=0.0)
    >>> params.phi
    array([0.33333333, 0.33333333, 0.33333333])
    >>> np.round(params.mu, 4)
    array([[-0.0335, -0.4891],
           [ 2.2908,  4.8301],
           [ 2.1249,  3.3804]])
    >>> bool(np.all(params.sigma == params.sigma[0]))
    True
    """
    X = check_data(X)
    n, d = X.shape
    K = _check_K(K, n)
    reg_covar = _check_reg_covar(reg_covar)
    seed = check_seed(seed)
    covariance_type = _check_covariance_type(covariance_type)
    data_var = _data_variance(X)  # a clear error for data too large for float64
    if isinstance(init, GMMParams):
        if init.K != K or init.d != d:
            raise ValueError(f"init has K = {init.K} components in d = {init.d} dimensions, but fit was asked for "
                             f"K = {K} on X with d = {d} features.")
        return init
    if not isinstance(init, str) or init not in INIT_METHODS:
        raise ValueError(f"init must be one of {INIT_METHODS} or a GMMParams; received {describe(init)}.")
    if init == "random":
        if reg_covar == 0 and n >= 2:
            _check_not_degenerate(X, covariance_type)
        resp = np.random.default_rng(seed).random((K, n))  # (K, n)
        resp /= resp.sum(axis=0)
        try:
            return _m_step_kn(X, np.ascontiguousarray(X.T), resp, reg_covar, data_var, covariance_type,
                              _needs_refined_means(X))
        except ComponentCollapseError as err:
            raise ComponentCollapseError(f"initialisation (iteration 0, the M-step of init='random'): {err}",
                                         err.component, 0) from None
    if init == "textbook":
        if seed is not None:
            seed = check_int(seed, "seed", low=0, high=LEGACY_SEED_MAX,
                             high_name="init='textbook' draws with the legacy np.random.RandomState, which accepts "
                                       "seeds 0 .. 2**32 - 1; the other inits accept any non-negative int")
        mu = X[np.random.RandomState(seed).choice(n, K, replace=False)]  # (K, d)
    else:
        mu = _kmeans_plus_plus(X, K, np.random.default_rng(seed))
    sigma = _data_covariance(X, reg_covar, covariance_type)  # (d, d), projected, + reg_covar I
    return GMMParams(np.full(K, 1.0 / K), mu, np.repeat(sigma[None], K, axis=0))


# --- the whole algorithm ----------------------------------------------------------

def fit(X, K: int, *, init="kmeans++", seed=0, max_iter: int = 100, tol: float = 1e-5,
        reg_covar: float = 1e-6, covariance_type: str = "full") -> EMResult:
    """Fit a K-component Gaussian mixture to X (n, d) by EM.

    Parameters
    ----------
    X : array_like, shape (n, d)
        The data.
    K : int
        Number of components, 1 <= K <= n.
    init : {"kmeans++", "textbook", "random"} or GMMParams, default "kmeans++"
        How to start (see ``init_params``).
    seed : int or None, default 0
        Seed of the initialisation.
    max_iter : int, default 100
        Most EM iterations to run.
    tol : float, default 1e-5
        Stop when the log-likelihood changes by less than this between two iterations.
    reg_covar : float, default 1e-6
        Added to the diagonal of every covariance (>= 0); 0 is the chapter's plain EM.
    covariance_type : {"full", "diag", "spherical", "tied"}, default "full"
        "full" (the chapter's), "diag", "spherical" or "tied" (as scikit-learn).

    Returns
    -------
    EMResult
        Final parameters, responsibilities, the log-likelihood after every iteration, the
        parameters after every iteration (history), n_iter and converged.

    Raises
    ------
    ComponentCollapseError
        If a component collapses; its iteration attribute says when.
    ValueError, TypeError
        For invalid arguments, with a message naming the argument.

    Warns
    -----
    ConvergenceWarning
        If EM stops at max_iter before converging.

    See Also
    --------
    init_params, e_step, m_step : the stages, one function each.
    match_components : align the fitted components with true ones.
    bic : choose K.

    Notes
    -----
    Each iteration runs the E-step, then the M-step, then records the total
    log-likelihood under the new parameters (as the chapter does). EM stops when that
    log-likelihood changes by less than tol between two iterations, or after max_iter
    iterations (with a ConvergenceWarning). The log-likelihood never decreases from one
    iteration to the next (see ``lower_bound``).

    Examples
    --------
    ``fit(textbook_data(), 3, init="textbook", seed=11, reg_covar=0.0)`` reproduces the chapter:

    >>> import numpy as np
    >>> from gmm_teach import fit, textbook_data
    >>> result = fit(textbook_data(), 3, init="textbook", seed=11, reg_covar=0.0)
    >>> result.converged, result.n_iter
    (True, 58)
    >>> print(f"{result.log_likelihoods[-1]:.4f}")
    -3936.6409
    >>> np.round(result.params.phi, 4)
    array([0.3104, 0.3001, 0.3895])
    >>> bool(np.all(np.diff(result.log_likelihoods) > -1e-8))
    True
    """
    X = check_data(X)
    n = X.shape[0]
    K = _check_K(K, n)
    max_iter = check_int(max_iter, "max_iter", low=1)
    tol = check_float(tol, "tol", low=0.0)
    reg_covar = _check_reg_covar(reg_covar)
    covariance_type = _check_covariance_type(covariance_type)
    params = init_params(X, K, init=init, seed=seed, reg_covar=reg_covar, covariance_type=covariance_type)

    Xt = np.ascontiguousarray(X.T)  # (d, n)
    data_var = _data_variance(X)
    refine = _needs_refined_means(X)
    resp, _ = _e_step_kn(Xt, params)  # (K, n) responsibilities under the initial parameters
    history, log_likelihoods, converged = [params], [], False
    for iteration in range(max_iter):
        try:
            params = _m_step_kn(X, Xt, resp, reg_covar, data_var, covariance_type, refine)  # M-step
        except ComponentCollapseError as err:  # iterations are counted from 1, components from 0
            raise ComponentCollapseError(f"EM iteration {iteration + 1}: {err}", err.component, iteration + 1) from None
        del resp  # free it before the next E-step allocates its own
        resp, ll = _e_step_kn(Xt, params)  # E-step of the next iteration; ll = log-likelihood after this M-step
        history.append(params)
        log_likelihoods.append(ll)
        if iteration > 0 and abs(log_likelihoods[-1] - log_likelihoods[-2]) < tol:
            converged = True
            break
    if not converged:
        if len(log_likelihoods) > 1:
            change = (f"last change in log-likelihood {abs(log_likelihoods[-1] - log_likelihoods[-2]):.3g}, "
                      f"tol = {tol:g}")
        else:  # the stopping rule compares two iterations: after one there is nothing to compare
            change = (f"with only one iteration no change in log-likelihood could be measured; the earliest "
                      f"stop is after 2 iterations")
        warnings.warn(ConvergenceWarning(
            f"EM did not converge in max_iter = {max_iter} iteration{'s' if max_iter > 1 else ''} ({change}). "
            f"Try a larger max_iter, a larger tol, or another init / seed."), stacklevel=2)
    return EMResult(params=params, responsibilities=resp.T, log_likelihoods=np.array(log_likelihoods),
                    history=tuple(history), n_iter=len(log_likelihoods), converged=converged,
                    covariance_type=covariance_type)


def fit_best_of(X, K: int, seeds, **fit_kwargs) -> EMResult:
    """The best of several EM runs: fit(X, K, seed=s, **fit_kwargs) for each s in seeds, and the run
    with the highest final log-likelihood.

    EM finds a local maximum that depends on where it starts; a few starts and the best of them is
    the usual remedy (scikit-learn's n_init). A start whose run collapses (ComponentCollapseError) is
    skipped; if every start collapses, a ComponentCollapseError says so (with the last collapse's
    component and iteration). A run that stops at max_iter counts too, without a ConvergenceWarning:
    the returned result's ``converged`` tells.

    Parameters
    ----------
    X : array_like, shape (n, d)
    K : int
    seeds : iterable of int
        One run per seed (at least one), e.g. range(5).
    **fit_kwargs
        Passed to fit: init (default "kmeans++"), max_iter, tol, reg_covar, covariance_type.

    Examples
    --------
    >>> from gmm_teach import textbook_data
    >>> X = textbook_data()
    >>> best = fit_best_of(X, 3, seeds=range(3), max_iter=50)
    >>> runs = [fit(X, 3, seed=s, max_iter=50) for s in range(3)]
    >>> bool(best.log_likelihoods[-1] == max(r.log_likelihoods[-1] for r in runs))
    True
    """
    if "seed" in fit_kwargs:
        raise TypeError("fit_best_of takes its seeds from `seeds`, one run per seed; do not pass seed=.")
    if isinstance(seeds, (str, bytes)) or not hasattr(seeds, "__iter__"):
        raise TypeError(f"seeds must be an iterable of seeds (non-negative integers), e.g. range(5); "
                        f"received {describe(seeds)}.")
    seeds = [check_seed(s, "each of seeds") for s in seeds]
    if not seeds:
        raise ValueError("seeds must hold at least one seed, e.g. range(5).")
    X = check_data(X)
    runs, collapse = [], None
    for s in seeds:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)  # EMResult.converged records it
            try:
                runs.append(fit(X, K, seed=s, **fit_kwargs))
            except ComponentCollapseError as err:
                collapse = err
    if not runs:
        raise ComponentCollapseError(f"every one of the {len(seeds)} starts collapsed for K = {K} (the last: "
                                     f"{collapse}). Use a larger reg_covar, other seeds or a smaller K.",
                                     collapse.component, collapse.iteration)
    return max(runs, key=lambda r: r.log_likelihoods[-1])


# --- argument checks ----------------------------------------------------------------

def _check_K(K, n: int) -> int:
    return check_int(K, "K", low=1, high=n, high_name=f"the number of samples n = {n}")


def _check_covariance_type(covariance_type) -> str:
    if not isinstance(covariance_type, str):  # before `in`: a list or an array would compare element-wise
        raise TypeError(f"covariance_type must be a string, one of {COVARIANCE_TYPES}; received "
                        f"{describe(covariance_type)}.")
    if covariance_type not in COVARIANCE_TYPES:
        raise ValueError(f"covariance_type must be one of {COVARIANCE_TYPES}; received {describe(covariance_type)}.")
    return covariance_type


def _check_reg_covar(reg_covar) -> float:
    return check_float(reg_covar, "reg_covar", low=0.0, hint="It is added to the covariance diagonals; use 0 or a small positive number such as 1e-6.")


def _check_X_params(X, params):
    X = check_data(X)
    params = check_params(params)
    if X.shape[1] != params.d:
        raise ValueError(f"X has d = {X.shape[1]} features but params are {params.d}-dimensional "
                         f"(mu has shape {params.mu.shape}).")
    return X, params


def _data_variance(X) -> np.ndarray:
    """Per-feature variances of X, (d,), plus the smallest normal float: the scale against which
    a covariance counts as singular (see _check_collapse).

    Also the one check that X fits in float64 at all: EM sums up to n squared differences of d
    features (k-means++, the covariances), so n d max(ptp)^2 must be finite; otherwise a clear
    "rescale X" error here rather than inf / NaN later."""
    n, d = X.shape
    with np.errstate(over="ignore", invalid="ignore"):
        ptp = np.ptp(X, axis=0)  # (d,) range of each feature; inf if max - min overflows
        worst = float(ptp.max())
        var = X.var(axis=0)
        overflow = not np.isfinite(worst * worst * n * d) or not np.all(np.isfinite(var))
    if overflow:
        j = int(np.argmax(ptp))
        raise ValueError(f"X is too large in magnitude for float64: feature {j} spans {worst:.3g}, and EM sums "
                         f"squared differences of n = {n} points in d = {d} dimensions, which would overflow "
                         f"(the limit is a range of about {np.sqrt(np.finfo(np.float64).max / (n * d)):.3g}). "
                         f"Rescale X first, for example X / np.abs(X).max(), or standardise it.")
    return var + np.finfo(np.float64).tiny


REFINE_OFFSET_RATIO = 1e4  # max |X| / spread above which the M-step corrects its means (see _m_step_kn)


def _needs_refined_means(X) -> bool:
    """True if X sits so far from 0 relative to its spread that resp @ X / N_k loses digits that
    matter (its rounding, eps max|X|, is more than 1e-12 of the spread)."""
    spread = float(np.ptp(X, axis=0).max())
    return float(np.abs(X).max()) > REFINE_OFFSET_RATIO * spread
