"""The two steps of EM for a Gaussian mixture, each a small pure function of arrays.

E-step: responsibilities from the parameters; M-step: parameters from the responsibilities.
Each has a public function that checks its input once (``e_step``, ``m_step``) and a private
kernel that trusts it (``_e_step_kn``, ``_m_step_kn``), which ``fit``, the widgets and the
animation call in their loops.

Internally the responsibilities are stored as (K, n): one contiguous row per component,
so that sums over components run along long rows (fast). The public functions take and
return the (n, K) layout of the chapter; ``resp.T`` converts between them for free.
"""
from __future__ import annotations

import numpy as np

from ._math import normalize_log_
from ._validation import as_float_array, check_data, check_float, check_int, describe
from .gaussian import log_gauss_kn
from .params import GMMParams, check_params, cholesky_or_none

EPS_NK = 10 * np.finfo(np.float64).eps  # with reg_covar = 0, N_k <= EPS_NK n counts as an empty component
# (scikit-learn adds it to N_k before dividing; we divide by N_k itself, see _m_step_kn)
SINGULAR_RTOL = 1e-12  # a Cholesky pivot^2 below this times the data's variance counts as singular
RESP_SUM_TOL = 1e-6  # rows of user-supplied responsibilities must sum to 1 within this
COVARIANCE_TYPES = ("full", "diag", "spherical", "tied")


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
