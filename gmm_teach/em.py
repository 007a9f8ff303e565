"""The EM algorithm for a Gaussian mixture, one small function per stage.

Internally the responsibilities are stored as (K, n): one contiguous row per component,
so that sums over components run along long rows (fast). The public functions take and
return the (n, K) layout of the chapter; ``resp.T`` converts between them for free.
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from ._validation import as_float_array, check_data, check_float, check_int, check_seed, describe
from .gaussian import log_gauss_kn
from .params import GMMParams, check_params, cholesky_or_none

EPS_NK = 10 * np.finfo(np.float64).eps  # added to N_k before dividing, as scikit-learn does
SINGULAR_RTOL = 1e-12  # a Cholesky pivot^2 below this times the data's variance counts as singular
RESP_SUM_TOL = 1e-6  # rows of user-supplied responsibilities must sum to 1 within this
INIT_METHODS = ("textbook", "random", "kmeans++")
COVARIANCE_TYPES = ("full", "diag", "spherical", "tied")


class ConvergenceWarning(UserWarning):
    """EM stopped at max_iter before the log-likelihood settled."""


class ComponentCollapseError(ValueError):
    """A component lost all its points or its covariance became singular."""

    def __init__(self, message: str, component: int, iteration: int | None = None):
        super().__init__(message)
        self.component = component
        self.iteration = iteration


@dataclass(frozen=True)
class EMResult:
    """What ``fit`` returns.

    params            final GMMParams
    responsibilities  (n, K) posterior p(z = k | x_n) under the final params
    log_likelihoods   (n_iter,) total log-likelihood after each iteration's M-step
    history           (n_iter + 1) GMMParams: history[0] is the initialisation, history[t] after iteration t
    n_iter            number of EM iterations run, counted from 1 (the chapter's loop index starts at 0,
                      so its "Converged at iteration 57" is our 58th iteration: n_iter = 58)
    converged         True if |change in log-likelihood| < tol before max_iter
    covariance_type   "full", "diag", "spherical" or "tied" (bic and aic read it from a result)
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
    m = log_r.max(axis=0)  # (n,) log-sum-exp: subtract the largest term so exp never underflows to 0/0
    if not np.isfinite(m).all():
        i = int(np.argmin(np.isfinite(m)))
        raise ValueError(f"X[{i}] is so far from every component that its squared Mahalanobis distance overflows "
                         f"float64; rescale X (for example (X - X.mean(0)) / X.std(0)).")
    log_r -= m
    np.exp(log_r, out=log_r)  # (K, n) now phi_k N(...) / max_j phi_j N(...), in (0, 1]
    total = log_r.sum(axis=0)  # (n,) >= 1
    log_r /= total  # (K, n) responsibilities: columns sum to 1
    log_likelihood = float(np.log(total).sum() + m.sum())
    return log_r, log_likelihood


def e_step(X, params: GMMParams):
    """E-step: responsibilities gamma_nk = phi_k N(x_n|mu_k,Sigma_k) / sum_j phi_j N(x_n|mu_j,Sigma_j).

    Returns (responsibilities (n, K), total log-likelihood of X under params).
    Computed with log-sum-exp, so even a point far from every component gets finite
    responsibilities that sum to 1.
    """
    X, params = _check_X_params(X, params)
    resp, ll = _e_step_kn(np.ascontiguousarray(X.T), params)
    return resp.T, ll


def _log_joint(X, params: GMMParams) -> np.ndarray:
    """log phi_k + log N(x_n | mu_k, Sigma_k), shape (n, K)."""
    log_joint = log_gauss_kn(np.ascontiguousarray(X.T), params.mu, params.cholesky)  # (K, n)
    with np.errstate(divide="ignore"):
        log_joint += np.log(params.phi)[:, None]
    return log_joint.T


def _xlogx(q: np.ndarray) -> np.ndarray:
    """q ln q with 0 ln 0 = 0."""
    out = np.zeros_like(q)
    positive = q > 0
    out[positive] = q[positive] * np.log(q[positive])
    return out


def lower_bound(X, params: GMMParams, q) -> float:
    """The evidence lower bound L(q, theta) = sum_n sum_k q_nk [ln phi_k N(x_n|mu_k,Sigma_k) - ln q_nk].

    q (n, K) is any distribution over the components per point (rows sum to 1).
    ln p(X|theta) = L(q, theta) + KL(q || p(Z|X,theta)), so L never exceeds the log-likelihood,
    with equality when q is the posterior (the E-step's responsibilities).
    """
    X, params = _check_X_params(X, params)
    q = check_responsibilities(q, X.shape[0], "q")
    _check_q_K(q, params)
    log_joint = _log_joint(X, params)  # (n, K)
    with np.errstate(invalid="ignore"):  # q_nk = 0 where log phi_k = -inf contributes 0
        weighted = np.where(q > 0, q * log_joint, 0.0)
    return float(weighted.sum() - _xlogx(q).sum())


def kl_divergence(X, params: GMMParams, q) -> float:
    """KL(q || p(Z|X,theta)) = sum_n sum_k q_nk [ln q_nk - ln gamma_nk] >= 0, the gap between
    the log-likelihood and the lower bound; 0 exactly when q equals the responsibilities."""
    X, params = _check_X_params(X, params)
    q = check_responsibilities(q, X.shape[0], "q")
    _check_q_K(q, params)
    log_joint = _log_joint(X, params)  # (n, K)
    m = log_joint.max(axis=1, keepdims=True)
    log_gamma = log_joint - (m + np.log(np.exp(log_joint - m).sum(axis=1, keepdims=True)))  # (n, K)
    with np.errstate(invalid="ignore"):
        cross = np.where(q > 0, q * log_gamma, 0.0)
    return float(_xlogx(q).sum() - cross.sum())


def _check_q_K(q, params):
    if q.shape[1] != params.K:
        raise ValueError(f"q must have K = {params.K} columns to match params; received shape {q.shape}.")


def log_likelihood(X, params: GMMParams) -> float:
    """Total log-likelihood sum_n log sum_k phi_k N(x_n | mu_k, Sigma_k)."""
    return e_step(X, params)[1]


# --- M-step ------------------------------------------------------------------

def constrain_covariances(sigma: np.ndarray, covariance_type: str, N=None) -> np.ndarray:
    """Project full covariances (K, d, d) onto a covariance type (returned as full (K, d, d) matrices).

    "full"       every Sigma_k free
    "diag"       Sigma_k diagonal: keep the variances, drop the correlations
    "spherical"  Sigma_k = s_k^2 I with s_k^2 the mean of the variances
    "tied"       one Sigma shared by all components: the N_k-weighted mean of the Sigma_k
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


def _m_step_kn(X, Xt, resp, reg_covar: float, data_var: float, covariance_type: str = "full") -> GMMParams:
    """Weighted maximum likelihood from responsibilities resp (K, n). X (n, d), Xt (d, n)."""
    K, n = resp.shape
    d = X.shape[1]
    N = resp.sum(axis=1)  # (K,) effective number of points per component
    Nk = N + EPS_NK  # (K,) guards the divisions below when a component is empty
    phi = N / n  # (K,)
    mu = (resp @ X) / Nk[:, None]  # (K, d) weighted means
    sigma = np.empty((K, d, d))
    diff = np.empty_like(Xt)  # (d, n) buffer
    for k in range(K):
        np.subtract(Xt, mu[k][:, None], out=diff)  # (d, n) x_n - mu_k
        sigma[k] = (diff * resp[k]) @ diff.T / Nk[k]  # (d, d) weighted covariance
    sigma = 0.5 * (sigma + sigma.transpose(0, 2, 1))  # exactly symmetric
    sigma = constrain_covariances(sigma, covariance_type, N)  # diag / spherical / tied: maximum likelihood too
    sigma[:, np.arange(d), np.arange(d)] += reg_covar  # Sigma_k + reg_covar I
    _check_collapse(N, sigma, n, reg_covar, data_var)
    return GMMParams(phi, mu, sigma)


def _check_collapse(N, sigma, n, reg_covar, data_var):
    """ComponentCollapseError if a component has no points or a singular covariance."""
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
        ok &= (pivots > SINGULAR_RTOL * data_var).all(axis=1)
    if ok.all():
        return
    k = int(np.argmin(ok))
    what = (f"it holds N_k = {N[k]:.3g} points" if N[k] <= EPS_NK * n
            else f"its covariance became singular (N_k = {N[k]:.3g})")
    fix = (f"Use reg_covar > 0 (for example reg_covar=1e-6), which adds reg_covar to the diagonal of every "
           f"covariance, or another init / seed." if reg_covar == 0 else
           f"reg_covar = {reg_covar:g} is too small for data of this scale (variance {data_var:.3g}); "
           f"try a larger reg_covar or rescale the data.")
    raise ComponentCollapseError(f"component {k} collapsed: {what}. {fix}", component=k)


def m_step(X, responsibilities, reg_covar: float = 1e-6, covariance_type: str = "full") -> GMMParams:
    """M-step: N_k = sum_n gamma_nk, phi_k = N_k / n, mu_k = sum_n gamma_nk x_n / N_k,
    Sigma_k = sum_n gamma_nk (x_n - mu_k)(x_n - mu_k)^T / N_k  (+ reg_covar I).

    responsibilities: (n, K), non-negative, rows summing to 1.
    covariance_type: "full" (default), "diag", "spherical" or "tied" (see constrain_covariances).
    """
    X = check_data(X)
    reg_covar = _check_reg_covar(reg_covar)
    covariance_type = _check_covariance_type(covariance_type)
    resp = check_responsibilities(responsibilities, X.shape[0])
    return _m_step_kn(X, np.ascontiguousarray(X.T), np.ascontiguousarray(resp.T), reg_covar, _data_variance(X),
                      covariance_type)


def check_responsibilities(responsibilities, n: int, name: str = "responsibilities") -> np.ndarray:
    """Return an (n, K) float array, non-negative with rows summing to 1, or raise a clear ValueError."""
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

def _data_covariance(X, reg_covar: float) -> np.ndarray:
    """np.cov(X) (unbiased, as the chapter) plus reg_covar I, as a (d, d) positive definite matrix."""
    n, d = X.shape
    if n < 2:
        raise ValueError(f"X must have at least 2 samples to estimate a covariance; received n = {n}.")
    cov = np.atleast_2d(np.cov(X, rowvar=False)) + reg_covar * np.eye(d)
    if np.linalg.eigvalsh(cov).min() <= 0:
        raise ValueError("the covariance of X is singular (the points lie on a line or plane, or are all equal); "
                         "use reg_covar > 0 or remove the redundant features.")
    return cov


def _kmeans_plus_plus(X, K: int, rng) -> np.ndarray:
    """K centres chosen by k-means++ seeding: each new centre with probability proportional to D(x)^2."""
    n = X.shape[0]
    idx = [int(rng.integers(n))]
    d2 = ((X - X[idx[0]]) ** 2).sum(axis=1)  # (n,) squared distance to the nearest centre so far
    for _ in range(1, K):
        total = d2.sum()
        if total > 0:
            new = int(rng.choice(n, p=d2 / total))
        else:  # every point coincides with a centre: pick any unused point
            new = int(rng.choice(np.setdiff1d(np.arange(n), idx)))
        idx.append(new)
        d2 = np.minimum(d2, ((X - X[new]) ** 2).sum(axis=1))
    return X[idx]


def init_params(X, K: int, init="kmeans++", seed=0, reg_covar: float = 1e-6,
                covariance_type: str = "full") -> GMMParams:
    """Initial parameters for EM.

    "textbook"  the chapter's: uniform phi; mu = K distinct data points drawn with the legacy
                np.random.seed(seed) + np.random.choice(n, K, replace=False) (a private
                RandomState gives the same stream); every sigma = the data covariance (+ reg_covar I).
    "random"    random responsibilities (uniform, rows normalised) from default_rng(seed), then an M-step.
    "kmeans++"  uniform phi; mu = k-means++ seeds from default_rng(seed); every sigma = the data covariance.
    GMMParams   used as given (K and d must match X).
    With covariance_type other than "full", the initial covariances are projected onto that type.
    """
    X = check_data(X)
    n, d = X.shape
    K = _check_K(K, n)
    reg_covar = _check_reg_covar(reg_covar)
    seed = check_seed(seed)
    covariance_type = _check_covariance_type(covariance_type)
    _data_variance(X)  # a clear error for data too large for float64
    if isinstance(init, GMMParams):
        if init.K != K or init.d != d:
            raise ValueError(f"init has K = {init.K} components in d = {init.d} dimensions, but fit was asked for "
                             f"K = {K} on X with d = {d} features.")
        return init
    if not isinstance(init, str) or init not in INIT_METHODS:
        raise ValueError(f"init must be one of {INIT_METHODS} or a GMMParams; received {describe(init)}.")
    if init == "random":
        resp = np.random.default_rng(seed).random((K, n))  # (K, n)
        resp /= resp.sum(axis=0)
        return _m_step_kn(X, np.ascontiguousarray(X.T), resp, reg_covar, _data_variance(X), covariance_type)
    if init == "textbook":
        mu = X[np.random.RandomState(seed).choice(n, K, replace=False)]  # (K, d)
    else:
        mu = _kmeans_plus_plus(X, K, np.random.default_rng(seed))
    sigma = np.repeat(_data_covariance(X, 0.0)[None], K, axis=0)  # (K, d, d)
    sigma = constrain_covariances(sigma, covariance_type)
    sigma[:, np.arange(d), np.arange(d)] += reg_covar
    return GMMParams(np.full(K, 1.0 / K), mu, sigma)


# --- the whole algorithm ----------------------------------------------------------

def fit(X, K: int, *, init="kmeans++", seed=0, max_iter: int = 100, tol: float = 1e-5,
        reg_covar: float = 1e-6, covariance_type: str = "full") -> EMResult:
    """Fit a K-component Gaussian mixture to X (n, d) by EM.

    Each iteration runs the E-step, then the M-step, then records the total
    log-likelihood under the new parameters (as the chapter does). EM stops when that
    log-likelihood changes by less than tol between two iterations, or after max_iter
    iterations (with a ConvergenceWarning).

    covariance_type: "full" (the chapter's), "diag", "spherical" or "tied" (as scikit-learn).

    fit(textbook_data(), 3, init="textbook", seed=11, reg_covar=0.0) reproduces the chapter.
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
    resp, _ = _e_step_kn(Xt, params)  # (K, n) responsibilities under the initial parameters
    history, log_likelihoods, converged = [params], [], False
    for iteration in range(max_iter):
        try:
            params = _m_step_kn(X, Xt, resp, reg_covar, data_var, covariance_type)  # M-step
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
        change = abs(log_likelihoods[-1] - log_likelihoods[-2]) if len(log_likelihoods) > 1 else float("nan")
        warnings.warn(ConvergenceWarning(
            f"EM did not converge in max_iter = {max_iter} iterations (last change in log-likelihood {change:.3g}, "
            f"tol = {tol:g}). Try a larger max_iter, a larger tol, or another init / seed."), stacklevel=2)
    return EMResult(params=params, responsibilities=resp.T, log_likelihoods=np.array(log_likelihoods),
                    history=tuple(history), n_iter=len(log_likelihoods), converged=converged,
                    covariance_type=covariance_type)


# --- argument checks ----------------------------------------------------------------

def _check_K(K, n: int) -> int:
    return check_int(K, "K", low=1, high=n, high_name=f"the number of samples n = {n}")


def _check_covariance_type(covariance_type) -> str:
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


def _data_variance(X) -> float:
    """Mean per-feature variance of X: the scale against which a covariance counts as singular."""
    with np.errstate(over="ignore", invalid="ignore"):
        var = float(X.var(axis=0).mean())
    if not np.isfinite(var):
        raise ValueError("X is too large in magnitude: its variance overflows float64. Rescale X first, "
                         "for example (X - X.mean(0)) / X.std(0).")
    return var + np.finfo(np.float64).tiny
