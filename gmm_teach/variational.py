"""The variational Bayesian Gaussian mixture (PRML section 10.2): ``fit_variational``.

Priors: a Dirichlet(alpha_0) on the weights and a Gaussian-Wishart on each (mu_k, Lambda_k),

    p(pi) = Dir(pi | alpha_0),   p(mu_k, Lambda_k) = N(mu_k | m_0, (beta_0 Lambda_k)^-1) W(Lambda_k | W_0, nu_0).

The factorised posterior q(Z) q(pi) q(mu, Lambda) is improved one factor at a time: the
"M-step" (PRML 10.58-10.63) gives the posterior hyperparameters alpha, beta, m, W, nu from the
responsibilities, the "E-step" (10.64-10.67) the responsibilities from them. Each step can only
raise the lower bound (ELBO, 10.70-10.77), which is recorded after every iteration.

The priors, their defaults and the order of the updates are scikit-learn's
``BayesianGaussianMixture(weight_concentration_prior_type="dirichlet_distribution",
covariance_type="full")``, so that the numbers agree (tests/test_variational.py checks it);
its ``covariance_prior`` is W_0^-1 and its ``covariances_`` are (nu_k W_k)^-1.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from ._math import digamma, gammaln, normalize_log_, xlogx
from ._validation import as_float_array, check_data, check_finite, check_float, check_int, check_seed, describe
from .em import warn_not_converged
from .gaussian import LOG_2PI, log_gauss_kn, precision_cholesky
from .init import _kmeans_plus_plus
from .params import SYMMETRY_TOL, GMMParams, cholesky_or_none
from .steps import _check_K, _check_reg_covar, _data_variance, _needs_refined_means, check_responsibilities

VARIATIONAL_INITS = ("kmeans++", "random")
EPS_NK = 10 * np.finfo(np.float64).eps  # added to N_k before dividing, as scikit-learn does (an empty component)


def _read_only(array) -> np.ndarray:
    array = np.array(array, dtype=np.float64, copy=True)
    array.flags.writeable = False
    return array


@dataclass(frozen=True)
class VariationalPrior:
    """The prior of a variational Gaussian mixture, in PRML's notation (a frozen dataclass).

    Attributes
    ----------
    alpha0 : float
        Dirichlet concentration of every weight (scikit-learn's weight_concentration_prior).
    beta0 : float
        Precision scale of the Gaussian prior on the means (mean_precision_prior).
    m0 : ndarray, shape (d,)
        Prior mean of the means (mean_prior).
    W0_inv : ndarray, shape (d, d)
        Inverse of the Wishart scale matrix W_0 (scikit-learn's covariance_prior).
    nu0 : float
        Wishart degrees of freedom (degrees_of_freedom_prior), > d - 1.

    Examples
    --------
    >>> import numpy as np
    >>> import gmm_teach as gt
    >>> prior = gt.fit_variational(gt.textbook_data(), 3, seed=0).prior
    >>> prior.alpha0, prior.beta0, prior.nu0  # the defaults: 1/K, 1 and d
    (0.3333333333333333, 1.0, 2.0)
    >>> bool(np.allclose(prior.W0_inv, np.cov(gt.textbook_data().T)))
    True
    """

    alpha0: float
    beta0: float
    m0: np.ndarray
    W0_inv: np.ndarray
    nu0: float

    @property
    def W0(self) -> np.ndarray:
        """The Wishart scale matrix W_0 = (W0_inv)^-1 (through its Cholesky factor)."""
        chol = np.linalg.cholesky(self.W0_inv)
        inv_l = np.linalg.solve(chol, np.eye(len(chol)))  # L^-1
        return inv_l.T @ inv_l


@dataclass(frozen=True)
class VariationalResult:
    """What ``fit_variational`` returns (a frozen dataclass; the arrays are read-only).

    Attributes
    ----------
    weights : ndarray, shape (K,)
        Expected mixing weights E[phi_k] = alpha_k / sum_j alpha_j (scikit-learn's weights_).
    params : GMMParams
        phi = weights, mu = m, sigma = (nu_k W_k)^-1, the covariances of scikit-learn's
        BayesianGaussianMixture (covariances_).
    responsibilities : ndarray, shape (n, K)
        r_nk of a last E-step under the final posterior (what predict_proba gives).
    lower_bounds : ndarray, shape (n_iter,)
        The full lower bound (ELBO, PRML 10.70-10.77, constants included) after each iteration;
        it never decreases (up to round-off and reg_covar^2 terms, see fit_variational's Notes).
    n_iter : int
        Number of iterations run (each an E-step and an M-step), counted from 1.
    converged : bool
        True if the lower bound changed by less than tol before max_iter.
    alpha, beta, nu : ndarray, shape (K,)
        Posterior Dirichlet concentrations, mean precision scales and Wishart degrees of freedom.
    m : ndarray, shape (K, d)
        Posterior means of the means.
    W : ndarray, shape (K, d, d)
        Posterior Wishart scale matrices (E[Lambda_k] = nu_k W_k).
    prior : VariationalPrior
        The prior used (the defaults filled in).

    Examples
    --------
    >>> import gmm_teach as gt
    >>> result = gt.fit_variational(gt.textbook_data(), 3, seed=0)
    >>> result.converged, result.weights.shape, result.W.shape, result.responsibilities.shape
    (True, (3,), (3, 2, 2), (1000, 3))
    """

    weights: np.ndarray
    params: GMMParams
    responsibilities: np.ndarray
    lower_bounds: np.ndarray
    n_iter: int
    converged: bool
    alpha: np.ndarray
    beta: np.ndarray
    m: np.ndarray
    W: np.ndarray
    nu: np.ndarray
    prior: VariationalPrior


# --- the two updates ------------------------------------------------------------

@dataclass
class _Posterior:
    """The hyperparameters of q(pi) q(mu, Lambda), with cov = (nu W)^-1 and its Cholesky factor."""

    alpha: np.ndarray  # (K,)
    beta: np.ndarray  # (K,)
    m: np.ndarray  # (K, d)
    nu: np.ndarray  # (K,)
    cov: np.ndarray  # (K, d, d) (nu_k W_k)^-1
    chol: np.ndarray  # (K, d, d) its lower Cholesky factors


def _statistics(X, Xt, resp):
    """N_k (K,), x_bar_k (K, d) and S_k (K, d, d) (PRML 10.51-10.53, no reg_covar) from resp (K, n).
    As scikit-learn: x_bar and S divide by N_k + 10 eps, so an empty component gives zeros."""
    N = resp.sum(axis=1)  # (K,)
    Nk = N + EPS_NK
    xbar = (resp @ X) / Nk[:, None]  # (K, d)
    K, d = xbar.shape
    S = np.empty((K, d, d))
    for k in range(K):
        diff = Xt - xbar[k][:, None]  # (d, n)
        S[k] = (diff * resp[k]) @ diff.T / Nk[k]
    return N, xbar, 0.5 * (S + S.transpose(0, 2, 1))


def _m_step(N, xbar, S, prior: VariationalPrior, reg_covar: float) -> _Posterior:
    """PRML 10.58-10.63 (scikit-learn's order and reg_covar: S_k + reg_covar I)."""
    d = xbar.shape[1]
    Nk = N + EPS_NK
    alpha = prior.alpha0 + Nk
    beta = prior.beta0 + Nk
    m = (prior.beta0 / beta)[:, None] * prior.m0 + (Nk / beta)[:, None] * xbar  # not (beta0 m0 + N x) / beta:
    # beta0 m0 overflows for a huge mean_precision_prior
    nu = prior.nu0 + Nk
    dx = xbar - prior.m0  # (K, d)
    S_reg = S.copy()
    S_reg[:, np.arange(d), np.arange(d)] += reg_covar
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):  # checked below
        W_inv = (prior.W0_inv + Nk[:, None, None] * S_reg
                 + (Nk * prior.beta0 / beta)[:, None, None] * dx[:, :, None] * dx[:, None, :])  # (K, d, d)
        cov = W_inv / nu[:, None, None]
        cov = 0.5 * (cov + cov.transpose(0, 2, 1))
        chol = cholesky_or_none(cov) if np.all(np.isfinite(cov)) else None
        if chol is not None:  # the precision nu_k W_k = P P^T must be finite too (its diagonal bounds the rest)
            P = precision_cholesky(chol)
            if not np.all(np.isfinite(np.square(P).sum(axis=2))):
                chol = None
    if chol is None:  # W_0^-1 is positive definite, so only the range and rounding of float64 can get here
        raise ValueError("a posterior covariance (nu_k W_k)^-1 is not representable in float64 (it overflows, its "
                         "inverse overflows, or rounding makes it singular): X and the prior (covariance_prior / "
                         "degrees_of_freedom_prior) are too extreme or on very different scales. Rescale X (for "
                         "example (X - X.mean(0)) / X.std(0)) and give the prior on that scale, or use a larger "
                         "reg_covar.")
    return _Posterior(alpha, beta, m, nu, cov, chol)


def _expected_log_det(post: _Posterior) -> np.ndarray:
    """E[ln |Lambda_k|] = sum_i psi((nu_k + 1 - i) / 2) + d ln 2 + ln |W_k| (PRML 10.65), (K,)."""
    d = post.m.shape[1]
    log_det_cov = 2.0 * np.log(np.diagonal(post.chol, axis1=1, axis2=2)).sum(axis=1)  # ln |(nu W)^-1|
    log_det_W = -(d * np.log(post.nu) + log_det_cov)
    psi = digamma(0.5 * (post.nu[:, None] - np.arange(d)[None, :])).sum(axis=1)
    return psi + d * np.log(2.0) + log_det_W


def _expected_log_weights(alpha: np.ndarray) -> np.ndarray:
    """E[ln phi_k] = psi(alpha_k) - psi(sum_j alpha_j) (PRML 10.66), (K,)."""
    return digamma(alpha) - digamma(alpha.sum())


def _e_step(Xt, post: _Posterior):
    """Responsibilities (K, n) (PRML 10.46, 10.64-10.67) in log space:

        ln rho_nk = E[ln phi_k] + 1/2 E[ln |Lambda_k|] - d/2 ln 2 pi - d / (2 beta_k) - nu_k/2 (x_n - m_k)^T W_k (x_n - m_k)

    with nu_k W_k = cov_k^-1, so that the last term and -d/2 ln 2 pi are log N(x_n | m_k, cov_k) up to
    +1/2 ln |cov_k|: the package's Gaussian kernel does the work."""
    d = post.m.shape[1]
    log_rho = log_gauss_kn(Xt, post.m, post.chol)  # (K, n) -d/2 ln 2pi - 1/2 ln|cov_k| - 1/2 nu_k (x-m)^T W (x-m)
    log_det_cov = 2.0 * np.log(np.diagonal(post.chol, axis1=1, axis2=2)).sum(axis=1)
    log_rho += (_expected_log_weights(post.alpha) + 0.5 * (_expected_log_det(post) + log_det_cov)
                - 0.5 * d / post.beta)[:, None]
    log_norm = normalize_log_(log_rho, axis=0)  # log_rho now holds the responsibilities
    if not np.all(np.isfinite(log_norm)):
        i = int(np.argmin(np.isfinite(log_norm)))
        raise ValueError(f"X[{i}] is so far from every component that its squared Mahalanobis distance overflows "
                         f"float64; rescale X (for example (X - X.mean(0)) / X.std(0)).")
    return log_rho


# --- the lower bound ---------------------------------------------------------------

STIRLING_FROM = 1e6  # _gammaln_increase uses Stirling's series from this a on (its next term, 1/(360 a^3), is 1e-21)


def _gammaln_increase(a, h) -> np.ndarray:
    """ln Gamma(a + h) - ln Gamma(a) for a > 0, h >= 0 (arrays of one shape), without the cancellation of
    two numbers of size a ln a: for a >= STIRLING_FROM by Stirling's series,

        (a - 1/2) ln(1 + h/a) + h ln(a + h) - h - h / (12 a) / (a + h),

    below it as the plain difference (whose round-off, eps a ln a, is then under 1e-8)."""
    a, h = np.asarray(a, dtype=np.float64), np.asarray(h, dtype=np.float64)
    large = a >= STIRLING_FROM
    a_big = np.where(large, a, STIRLING_FROM)  # placeholders where the other branch is used
    stirling = (a_big - 0.5) * np.log1p(h / a_big) + h * np.log(a_big + h) - h - h / (12.0 * a_big) / (a_big + h)
    a_small = np.where(large, 1.0, a)
    direct = gammaln(a_small + h) - gammaln(a_small)
    return np.where(large, stirling, direct)


def _log_wishart_norm(log_det_W, nu, d: int):
    """ln B(W, nu) (PRML B.79) from ln |W| and nu (arrays of the same shape, or floats)."""
    nu = np.asarray(nu, dtype=np.float64)
    lg = gammaln(0.5 * (nu[..., None] - np.arange(d))).sum(axis=-1)
    return -0.5 * nu * log_det_W - 0.5 * nu * d * np.log(2.0) - 0.25 * d * (d - 1) * np.log(np.pi) - lg


def _lower_bound(N, xbar, S, resp, post: _Posterior, prior: VariationalPrior, prior_log_det_W0: float) -> float:
    """The full ELBO, PRML 10.70-10.77 (with every constant), of q(Z) = resp (K, n) and q(pi, mu, Lambda) = post.

    N, xbar, S (no reg_covar) are the statistics of resp. Every nu_k W_k is handled as cov_k^-1 through
    P_k = L_k^-T (cov_k = L_k L_k^T), so no matrix is inverted."""
    K, d = post.m.shape
    beta0, nu0 = prior.beta0, prior.nu0
    log_lambda = _expected_log_det(post)  # (K,) E[ln |Lambda_k|]
    log_pi = _expected_log_weights(post.alpha)  # (K,) E[ln phi_k]
    P = precision_cholesky(post.chol)  # (K, d, d): cov_k^-1 = nu_k W_k = P_k P_k^T

    def quad(v):  # nu_k v_k^T W_k v_k = |P_k^T v_k|^2 for v (K, d)
        return np.square(np.einsum("kij,ki->kj", P, v)).sum(axis=1)

    def trace(A):  # nu_k Tr(A_k W_k) = Tr(P_k^T A_k P_k) for A (K, d, d) or (d, d)
        return np.sum(P * (A @ P), axis=(1, 2))

    log_det_W = -(d * np.log(post.nu) + 2.0 * np.log(np.diagonal(post.chol, axis1=1, axis2=2)).sum(axis=1))
    # E[ln |Lambda_k|] appears in 10.71, 10.74 and 10.77 with coefficients that add up to
    # 0.5 (N_k + nu_0 - nu_k) = -EPS_NK / 2 (nu_k = nu_0 + N_k + EPS_NK): it is collected here and left out
    # below. Summed term by term, an almost empty component with nu_0 near d - 1 (E[ln |Lambda_k|] ~ -1e15)
    # would cost the bound every digit.
    e_log_lambda = -0.5 * EPS_NK * float(log_lambda.sum())
    e_log_px = 0.5 * np.sum(N * (-d / post.beta - trace(S) - quad(xbar - post.m) - d * LOG_2PI))  # 10.71
    # 10.72 + 10.73 - 10.76, the terms in pi: with alpha_k = alpha_0 + h_k (h_k = N_k + EPS_NK) they add up to
    # ln C(alpha_0) - ln C(alpha) + sum_k (N_k - h_k) E[ln pi_k], computed as increases of ln Gamma, which
    # stay exact for a huge alpha_0 (where ln C(alpha_0) and ln C(alpha) are both of size K alpha_0 ln alpha_0)
    h = N + EPS_NK
    e_log_pi_terms = (float(np.sum(_gammaln_increase(np.full(K, prior.alpha0), h)))
                      - float(_gammaln_increase(K * prior.alpha0, h.sum())) - EPS_NK * float(log_pi.sum()))
    e_log_pmu = (0.5 * np.sum(d * np.log(beta0 / (2 * np.pi)) - d * beta0 / post.beta - beta0 * quad(post.m - prior.m0))
                 + K * _log_wishart_norm(prior_log_det_W0, nu0, d)
                 - 0.5 * np.sum(trace(prior.W0_inv)))  # 10.74 without its E[ln |Lambda_k|]
    e_log_qz = float(xlogx(resp).sum())  # 10.75
    entropy_wishart = -_log_wishart_norm(log_det_W, post.nu, d) + 0.5 * post.nu * d  # H[q(Lambda_k)] (B.82) without
    e_log_qmu = np.sum(0.5 * d * np.log(post.beta / (2 * np.pi)) - 0.5 * d
                       - entropy_wishart)  # 10.77 without its E[ln |Lambda_k|]
    return float(e_log_px + e_log_pi_terms + e_log_lambda + e_log_pmu - e_log_qz - e_log_qmu)


# --- argument checks ------------------------------------------------------------------

def _check_positive(value, name: str, default: float) -> float:
    if value is None:
        return float(default)
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a positive finite number (or None for the default); received "
                        f"{describe(value)}.")
    value = float(value)
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a positive finite number; received {value!r}.")
    return value


def _check_prior(X, K, weight_concentration_prior, mean_precision_prior, mean_prior, degrees_of_freedom_prior,
                 covariance_prior) -> VariationalPrior:
    n, d = X.shape
    alpha0 = _check_positive(weight_concentration_prior, "weight_concentration_prior", 1.0 / K)
    beta0 = _check_positive(mean_precision_prior, "mean_precision_prior", 1.0)
    if mean_prior is None:
        m0 = X.mean(axis=0)
    else:
        m0 = as_float_array(mean_prior, "mean_prior")
        if m0.shape != (d,):
            raise ValueError(f"mean_prior must have shape (d,) = ({d},) to match X; received {describe(mean_prior)}.")
        check_finite(m0, "mean_prior")
        with np.errstate(over="ignore", invalid="ignore"):  # the M-step adds N_k (x_bar_k - m_0)(x_bar_k - m_0)^T
            span = float(np.max(np.abs(m0 - X.mean(axis=0)) + np.ptp(X, axis=0)))
            fits = np.isfinite(span * span * n * d)
        if not fits:
            raise ValueError(f"mean_prior is too far from X for float64: it lies {span:.3g} from the data, and the "
                             f"M-step sums n = {n} squared distances in d = {d} dimensions, which would overflow (the "
                             f"limit is about {np.sqrt(np.finfo(np.float64).max / (n * d)):.3g}); received "
                             f"{describe(mean_prior)}. Put mean_prior near the data (the default is X.mean(axis=0)).")
    if degrees_of_freedom_prior is None:
        nu0 = float(d)
    else:
        if isinstance(degrees_of_freedom_prior, bool) or not isinstance(
                degrees_of_freedom_prior, (int, float, np.integer, np.floating)):
            raise TypeError(f"degrees_of_freedom_prior must be a real number > d - 1 = {d - 1} (or None for d); "
                            f"received {describe(degrees_of_freedom_prior)}.")
        nu0 = float(degrees_of_freedom_prior)
        if not np.isfinite(nu0) or nu0 <= d - 1:
            raise ValueError(f"degrees_of_freedom_prior must be a finite number > d - 1 = {d - 1} (the Wishart needs "
                             f"nu_0 > d - 1); received {nu0!r}.")
    if covariance_prior is None:
        if n < 2:
            raise ValueError(f"X must have at least 2 samples for the default covariance_prior (the covariance of "
                             f"X); received n = {n}. Pass covariance_prior explicitly.")
        W0_inv = np.atleast_2d(np.cov(X.T))
        if cholesky_or_none(W0_inv[None]) is None:
            raise ValueError("the default covariance_prior, the covariance of X, is singular (a constant feature, "
                             "collinear features or n <= d): pass covariance_prior explicitly, for example "
                             "np.eye(d), or remove the redundant features.")
    else:
        W0_inv = as_float_array(covariance_prior, "covariance_prior")
        if W0_inv.shape != (d, d):
            raise ValueError(f"covariance_prior must have shape (d, d) = ({d}, {d}) to match X; received "
                             f"{describe(covariance_prior)}.")
        check_finite(W0_inv, "covariance_prior")
        scale = max(float(np.abs(W0_inv).max()), np.finfo(float).tiny)
        if float(np.abs(W0_inv - W0_inv.T).max()) > SYMMETRY_TOL * scale:
            raise ValueError(f"covariance_prior must be symmetric positive definite; it is not symmetric "
                             f"(covariance_prior - covariance_prior.T up to {np.abs(W0_inv - W0_inv.T).max():.3g}). "
                             f"Use (S + S.T) / 2.")
        if cholesky_or_none(W0_inv[None]) is None:
            raise ValueError(f"covariance_prior must be symmetric positive definite; its smallest eigenvalue is "
                             f"{np.linalg.eigvalsh(W0_inv).min():.3g} (expected > 0).")
    return VariationalPrior(alpha0=alpha0, beta0=beta0, m0=_read_only(m0), W0_inv=_read_only(W0_inv), nu0=nu0)


def _initial_responsibilities(X, K: int, init, seed) -> np.ndarray:
    """(K, n) initial responsibilities."""
    n = X.shape[0]
    if isinstance(init, str):
        if init not in VARIATIONAL_INITS:
            raise ValueError(f"init must be one of {VARIATIONAL_INITS} or an (n, K) array of responsibilities; "
                             f"received {describe(init)}.")
        rng = np.random.default_rng(seed)
        if init == "random":  # as init_params(init="random") and scikit-learn's init_params="random"
            resp = rng.random((K, n))
            resp /= resp.sum(axis=0)
            return resp
        _data_variance(X)  # a clear error for data too large for float64
        centres = _kmeans_plus_plus(X, K, rng)  # (K, d)
        d2 = np.square(X[None, :, :] - centres[:, None, :]).sum(axis=2)  # (K, n)
        resp = np.zeros((K, n))
        resp[np.argmin(d2, axis=0), np.arange(n)] = 1.0  # one-hot: each point to its nearest centre
        return resp
    if not isinstance(init, (np.ndarray, list, tuple)) and not hasattr(init, "shape"):
        raise TypeError(f"init must be one of {VARIATIONAL_INITS} or an (n, K) array of responsibilities; "
                        f"received {describe(init)}.")
    resp = check_responsibilities(init, n, name="init")
    if resp.shape[1] != K:
        raise ValueError(f"init must have shape (n, K) = ({n}, {K}) to match X and K; received shape {resp.shape}.")
    return np.ascontiguousarray(resp.T)


# --- the whole algorithm ------------------------------------------------------------

def fit_variational(X, K: int, *, weight_concentration_prior=None, mean_precision_prior=None, mean_prior=None,
                    degrees_of_freedom_prior=None, covariance_prior=None, init="kmeans++", seed=None,
                    max_iter: int = 100, tol: float = 1e-3, reg_covar: float = 1e-6) -> VariationalResult:
    """Fit a variational Bayesian Gaussian mixture with (at most) K components (PRML section 10.2).

    With a small weight_concentration_prior the posterior empties the components it does not
    need: their expected weights E[phi_k] shrink towards 0, so K is an upper bound rather than
    a choice. The priors and their defaults are scikit-learn's BayesianGaussianMixture with
    weight_concentration_prior_type="dirichlet_distribution" and covariance_type="full".

    Parameters
    ----------
    X : array_like, shape (n, d)
        The data (n >= 2 unless covariance_prior is given).
    K : int
        Number of components, 1 <= K <= n.
    weight_concentration_prior : float, optional
        alpha_0 > 0, the Dirichlet concentration of every weight; default 1 / K. Small values
        (0.01, 0.001) switch unneeded components off.
    mean_precision_prior : float, optional
        beta_0 > 0: the prior on mu_k has covariance (beta_0 Lambda_k)^-1; default 1.
    mean_prior : array_like, shape (d,), optional
        m_0, the prior mean of the means; default X.mean(axis=0).
    degrees_of_freedom_prior : float, optional
        nu_0 > d - 1, the Wishart degrees of freedom; default d.
    covariance_prior : array_like, shape (d, d), optional
        W_0^-1, symmetric positive definite (the prior guess of a covariance times nu_0);
        default np.cov(X.T).
    init : {"kmeans++", "random"} or array_like of shape (n, K), default "kmeans++"
        The initial responsibilities: "kmeans++" assigns each point to the nearest of K
        k-means++ seeds (one-hot); "random" draws uniform numbers and normalises each row; an
        array is used as given (non-negative, rows summing to 1).
    seed : int or None, default None
        Seed of np.random.default_rng for "kmeans++" and "random".
    max_iter : int, default 100
        Most iterations to run (>= 1).
    tol : float, default 1e-3
        Stop when the lower bound changes by less than tol between two iterations (>= 0).
    reg_covar : float, default 1e-6
        Added to the diagonal of every S_k (>= 0), as scikit-learn.

    Returns
    -------
    VariationalResult
        weights, params, responsibilities, lower_bounds, n_iter, converged, the posterior
        hyperparameters alpha, beta, m, W, nu and the prior.

    Raises
    ------
    ValueError, TypeError
        For invalid arguments, with a message naming the argument.

    Warns
    -----
    ConvergenceWarning
        If the lower bound has not settled after max_iter iterations.

    See Also
    --------
    fit : maximum-likelihood EM, the limit of large n.
    bic : choose K by a penalised likelihood instead.

    Notes
    -----
    The initial responsibilities give the first posterior (an M-step); each iteration then
    runs an E-step (10.64-10.67), an M-step (10.58-10.63) and records the lower bound
    (10.70-10.77, all constants included, so for K = 1 it is the exact log evidence ln p(X)).
    It stops when the bound changes by less than tol. A last E-step gives ``responsibilities``.

    Each update maximises the bound over its factor, so the bound never decreases, with one
    exception inherited from scikit-learn: its M-step adds reg_covar to S_k, which makes that
    update a slightly perturbed maximisation. The bound can then drop by O(reg_covar^2): about
    1e-12 at the default 1e-6 (below round-off), 1e-6 at reg_covar = 1e-2. With reg_covar = 0
    the M-step is exact.

    Examples
    --------
    PRML's Figure 10.6: six components on the standardised Old Faithful data, and a small
    weight_concentration_prior leaves only two of them with any weight.

    >>> import numpy as np
    >>> import gmm_teach as gt
    >>> X = gt.old_faithful()
    >>> X = (X - X.mean(axis=0)) / X.std(axis=0)
    >>> result = gt.fit_variational(X, 6, weight_concentration_prior=0.01, seed=0)
    >>> result.converged
    True
    >>> int((result.weights > 0.01).sum())
    2
    >>> np.round(np.sort(result.weights)[::-1][:2], 3)
    array([0.643, 0.357])
    >>> bool(np.all(np.diff(result.lower_bounds) >= 0))
    True
    """
    X = check_data(X)
    _data_variance(X)  # a clear error for data too large for float64 (before np.cov overflows in the prior)
    n, d = X.shape
    K = _check_K(K, n)
    max_iter = check_int(max_iter, "max_iter", low=1)
    tol = check_float(tol, "tol", low=0.0)
    reg_covar = _check_reg_covar(reg_covar)
    seed = check_seed(seed)
    prior = given_prior = _check_prior(X, K, weight_concentration_prior, mean_precision_prior, mean_prior,
                                       degrees_of_freedom_prior, covariance_prior)
    shift = None
    if _needs_refined_means(X):  # far from 0 relative to its spread: resp @ X would round the spread away, so
        shift = X.mean(axis=0)  # fit X - shift (exact there) and m_0 - shift; every result but m is unchanged
        X = X - shift
        prior = dataclasses.replace(prior, m0=prior.m0 - shift)
    resp = _initial_responsibilities(X, K, init, seed)  # (K, n)

    Xt = np.ascontiguousarray(X.T)  # (d, n)
    prior_log_det_W0 = -2.0 * float(np.log(np.diagonal(np.linalg.cholesky(prior.W0_inv))).sum())
    post = _m_step(*_statistics(X, Xt, resp), prior, reg_covar)  # the first posterior, from the initial resp
    lower_bounds, converged = [], False
    for iteration in range(max_iter):
        resp = _e_step(Xt, post)  # (K, n)
        N, xbar, S = _statistics(X, Xt, resp)
        post = _m_step(N, xbar, S, prior, reg_covar)
        lower_bounds.append(_lower_bound(N, xbar, S, resp, post, prior, prior_log_det_W0))
        if iteration > 0 and abs(lower_bounds[-1] - lower_bounds[-2]) < tol:
            converged = True
            break
    if not converged:
        warn_not_converged("fit_variational", "the lower bound", lower_bounds, max_iter, tol)
    resp = _e_step(Xt, post)  # the responsibilities under the final posterior
    weights = post.alpha / post.alpha.sum()
    P = precision_cholesky(post.chol)  # cov^-1 = P P^T = nu W
    W = (P @ P.transpose(0, 2, 1)) / post.nu[:, None, None]
    if shift is not None:
        post.m = post.m + shift
    return VariationalResult(
        weights=_read_only(weights), params=GMMParams(weights, post.m, post.cov),
        responsibilities=_read_only(resp.T), lower_bounds=_read_only(lower_bounds), n_iter=len(lower_bounds),
        converged=converged, alpha=_read_only(post.alpha), beta=_read_only(post.beta), m=_read_only(post.m),
        W=_read_only(W), nu=_read_only(post.nu), prior=given_prior)
