"""The multivariate Gaussian density, computed stably with Cholesky factors.

    log N(x | mu, Sigma) = -d/2 log(2 pi) - 1/2 log|Sigma| - 1/2 (x - mu)^T Sigma^{-1} (x - mu)

With Sigma = L L^T (Cholesky): log|Sigma| = 2 sum(log diag L), and the Mahalanobis
term is |L^{-1}(x - mu)|^2. We never form Sigma^{-1} or |Sigma| explicitly.
"""
from __future__ import annotations

import numbers

import numpy as np

from ._math import logsumexp
from ._validation import as_float_array, check_data, check_finite, describe
from .params import SYMMETRY_TOL, check_params, cholesky_or_none, first_not_positive_definite

LOG_2PI = np.log(2 * np.pi)
BLOCK = 8192  # columns of X per block in log_gauss_kn: (d, BLOCK) buffers stay in cache


def precision_cholesky(chol: np.ndarray) -> np.ndarray:
    """P_k = L_k^{-T} for each k, so that Sigma_k^{-1} = P_k P_k^T. (K, d, d) -> (K, d, d)."""
    K, d, _ = chol.shape
    eye = np.broadcast_to(np.eye(d), (K, d, d))
    return np.linalg.solve(chol, eye).transpose(0, 2, 1)  # inv(L)^T


def log_gauss_kn(Xt: np.ndarray, mu: np.ndarray, chol: np.ndarray) -> np.ndarray:
    """log N(x_n | mu_k, Sigma_k) for all k, n. Xt (d, n), mu (K, d), chol (K, d, d) -> (K, n).

    The (K, n) layout keeps each component's row contiguous: reductions over k (axis 0)
    then run over long rows, which is much faster than over a short last axis.

    The difference x - mu is formed first and only then multiplied by L^{-1}: L^{-1} x - L^{-1} mu
    would cancel catastrophically for data far from 0 (an offset of 1e12 with a spread of 0.01).
    A squared distance that overflows float64 (a point near 1e154) gives log N = -inf, without a
    RuntimeWarning; callers that need a finite posterior check for it (see steps.e_step).
    """
    K, d = mu.shape
    prec = precision_cholesky(chol)  # (K, d, d)
    log_det = 2.0 * np.log(np.diagonal(chol, axis1=1, axis2=2)).sum(axis=1)  # (K,) log|Sigma_k|
    n = Xt.shape[1]
    out = np.empty((K, n))  # (K, n)
    width = min(n, BLOCK)
    diff = np.empty((d, width))  # (d, BLOCK) buffers, reused for every block and component: they stay in
    y = np.empty((d, width))  # cache, which makes the extra subtraction free (and saves a (d, n) array)
    with np.errstate(over="ignore", invalid="ignore"):  # overflow -> inf (or inf * 0 = NaN, fixed below)
        for k in range(K):
            inv_l = np.ascontiguousarray(prec[k].T)  # L^{-1}, (d, d)
            mu_k = mu[k][:, None]
            for start in range(0, n, width):
                stop = min(start + width, n)
                b_diff, b_y = diff[:, : stop - start], y[:, : stop - start]
                np.subtract(Xt[:, start:stop], mu_k, out=b_diff)  # x - mu
                np.matmul(inv_l, b_diff, out=b_y)  # L^{-1} (x - mu)
                np.square(b_y, out=b_y)
                np.sum(b_y, axis=0, out=out[k, start:stop])  # Mahalanobis distance squared
        if not np.isfinite(out).all():  # only from overflow (the inputs are finite): the distance is +inf
            out[np.isnan(out)] = np.inf
    out *= -0.5
    out -= (0.5 * (d * LOG_2PI + log_det))[:, None]
    return out


def _check_mu_sigma(mu, sigma, d: int):
    mu = as_float_array(mu, "mu")
    sigma = as_float_array(sigma, "sigma")
    single = mu.ndim == 1
    if single:
        if mu.shape != (d,) or sigma.shape != (d, d):
            raise ValueError(f"for one component with X of dimension d = {d}, mu must have shape ({d},) and sigma "
                             f"({d}, {d}); received mu {mu.shape} and sigma {sigma.shape}.")
        mu, sigma = mu[None], sigma[None]
    elif mu.ndim != 2 or mu.shape[1] != d or sigma.shape != (mu.shape[0], d, d):
        raise ValueError(f"for K components with X of dimension d = {d}, mu must have shape (K, {d}) and sigma "
                         f"(K, {d}, {d}); received mu {mu.shape} and sigma {sigma.shape}.")
    check_finite(mu, "mu")
    check_finite(sigma, "sigma")
    if not np.allclose(sigma, sigma.transpose(0, 2, 1), rtol=1e-8, atol=1e-12):
        raise ValueError("sigma must be symmetric; use (S + S.T) / 2.")
    chol = cholesky_or_none(sigma)
    if chol is None:
        k, smallest = first_not_positive_definite(sigma)
        where = "" if single else f" component {k}:"
        raise ValueError(f"sigma must be positive definite;{where} smallest eigenvalue {smallest:.3g}, expected > 0.")
    return mu, chol, single


def log_pdf(X, mu, sigma) -> np.ndarray:
    """Log density of N(mu, sigma) at each row of X.

    Parameters
    ----------
    X : array_like, shape (n, d)
        The points, one per row.
    mu : array_like, shape (d,) or (K, d)
        One mean, or the means of K components.
    sigma : array_like, shape (d, d) or (K, d, d)
        One covariance matrix, or K of them: symmetric positive definite.

    Returns
    -------
    ndarray
        One component: mu (d,), sigma (d, d) -> (n,).
        K components: mu (K, d), sigma (K, d, d) -> (n, K), column k for component k.

    Raises
    ------
    ValueError
        If the shapes disagree, a value is NaN or inf, or a sigma is not symmetric positive definite.

    See Also
    --------
    pdf : the density itself, exp(log_pdf).

    Notes
    -----
        log N(x | mu, Sigma) = -d/2 log(2 pi) - 1/2 log|Sigma| - 1/2 (x - mu)^T Sigma^{-1} (x - mu)

    computed with the Cholesky factor Sigma = L L^T: log|Sigma| = 2 sum(log diag L) and the
    Mahalanobis term is |L^{-1}(x - mu)|^2 (see the module docstring).

    Examples
    --------
    >>> import numpy as np
    >>> from gmm_teach import log_pdf
    >>> X = np.array([[0.0, 0.0], [1.0, 2.0]])
    >>> np.round(log_pdf(X, mu=[0, 0], sigma=np.eye(2)), 4)
    array([-1.8379, -4.3379])

    At the mean of a standard 2-D Gaussian, log N = -log(2 pi) = -1.8379. With K = 2 components
    the result has one column per component:

    >>> np.round(log_pdf(X, mu=[[0, 0], [1, 2]], sigma=[np.eye(2), 2 * np.eye(2)]), 4)
    array([[-1.8379, -3.781 ],
           [-4.3379, -2.531 ]])
    """
    X = check_data(X)
    mu, chol, single = _check_mu_sigma(mu, sigma, X.shape[1])
    out = log_gauss_kn(np.ascontiguousarray(X.T), mu, chol)  # (K, n)
    return out[0] if single else out.T


def pdf(X, mu, sigma) -> np.ndarray:
    """Density of N(mu, sigma) at each row of X: exp(log_pdf). Same shapes as log_pdf.

    Parameters
    ----------
    X : array_like, shape (n, d)
        The points, one per row.
    mu : array_like, shape (d,) or (K, d)
        One mean, or the means of K components.
    sigma : array_like, shape (d, d) or (K, d, d)
        One covariance matrix, or K of them: symmetric positive definite.

    Returns
    -------
    ndarray
        (n,) for one component, (n, K) for K components.

    See Also
    --------
    log_pdf : the same in log space, which never underflows.

    Notes
    -----
    Far from the mean the density underflows to 0.0: use log_pdf for computation.

    Examples
    --------
    >>> import numpy as np
    >>> from gmm_teach import log_pdf, pdf
    >>> np.round(pdf([[0.0, 0.0], [1.0, 2.0]], mu=[0, 0], sigma=np.eye(2)), 4)
    array([0.1592, 0.0131])

    40 standard deviations away the density underflows; its log is still exact:

    >>> pdf([[40.0, 0.0]], [0, 0], np.eye(2))
    array([0.])
    >>> np.round(log_pdf([[40.0, 0.0]], [0, 0], np.eye(2)), 4)
    array([-801.8379])
    """
    return np.exp(log_pdf(X, mu, sigma))


def squared_mahalanobis_kn(Xt: np.ndarray, mu: np.ndarray, chol: np.ndarray) -> np.ndarray:
    """(x_n - mu_k)^T Sigma_k^{-1} (x_n - mu_k) for all k, n: |L_k^{-1} (x_n - mu_k)|^2 with the Cholesky
    factors chol (K, d, d). Xt (d, n), mu (K, d) -> (K, n). No checks: the kernel of `mahalanobis`, for
    callers whose arrays are already valid. A distance that overflows float64 is +inf."""
    prec = precision_cholesky(chol)  # (K, d, d), P_k = L_k^{-T}
    out = np.empty((mu.shape[0], Xt.shape[1]))
    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(mu.shape[0]):
            y = prec[k].T @ (Xt - mu[k][:, None])  # L^{-1} (x - mu): the difference first (no cancellation)
            out[k] = np.square(y).sum(axis=0)
    out[np.isnan(out)] = np.inf
    return out


def mahalanobis(X, mu, sigma) -> np.ndarray:
    """The squared Mahalanobis distance (x - mu)^T Sigma^{-1} (x - mu) of each row of X.

    Computed as |L^{-1}(x - mu)|^2 with the Cholesky factor Sigma = L L^T (no inverse is formed).
    Its square root is the distance "in standard deviations": the ellipse through x of the
    chapter's pictures, with probability 1 - exp(-d^2 / 2) inside it in 2-D.

    Parameters
    ----------
    X : array_like, shape (n, d)
    mu, sigma : one component, mu (d,) and sigma (d, d); or K components, mu (K, d) and sigma (K, d, d)

    Returns
    -------
    ndarray
        (n,) for one component, (n, K) for K components (the same shapes as log_pdf).

    Examples
    --------
    >>> import numpy as np
    >>> mahalanobis([[2.0, 0.0], [0.0, 3.0]], [0.0, 0.0], np.diag([4.0, 1.0]))
    array([1., 9.])
    """
    X = check_data(X)
    mu, chol, single = _check_mu_sigma(mu, sigma, X.shape[1])
    out = squared_mahalanobis_kn(np.ascontiguousarray(X.T), mu, chol)  # (K, n)
    return out[0] if single else out.T


def ellipse_geometry(sigma, r: float = 1.0):
    """Width, height and angle (degrees) of the ellipse (x - mu)^T Sigma^{-1} (x - mu) = r^2.

    Parameters
    ----------
    sigma : array_like, shape (2, 2)
        A symmetric positive definite covariance matrix.
    r : float, default 1.0
        The radius in standard deviations (Mahalanobis distance), > 0.

    Returns
    -------
    width, height, angle : float
        For matplotlib's ``Ellipse((x, y), width, height, angle=angle)``: the full lengths of
        the axes, the width along the largest eigenvalue, and the angle of the width's axis
        in (-90, 90] degrees.

    Raises
    ------
    ValueError
        If sigma is not 2x2, not finite, not symmetric or not positive definite, or r is not a
        positive finite number.
    TypeError
        If r is not a real number.

    Notes
    -----
    The axes point along the eigenvectors of the 2x2 matrix sigma; their half-lengths are
    r * sqrt(eigenvalue).

    Examples
    --------
    >>> from gmm_teach import ellipse_geometry
    >>> width, height, angle = ellipse_geometry([[4.0, 0.0], [0.0, 1.0]])
    >>> print(f"{width:.4f} {height:.4f} {abs(angle):.1f}")
    4.0000 2.0000 0.0

    A correlated covariance gives a tilted ellipse, here two standard deviations out:

    >>> width, height, angle = ellipse_geometry([[2.0, 1.0], [1.0, 2.0]], r=2)
    >>> print(f"{width:.4f} {height:.4f} {angle:.1f}")
    6.9282 4.0000 45.0
    """
    sigma = as_float_array(sigma, "sigma")
    if sigma.shape != (2, 2):
        raise ValueError(f"ellipse_geometry needs a 2x2 covariance sigma; received shape {sigma.shape}.")
    check_finite(sigma, "sigma")
    if isinstance(r, bool) or not isinstance(r, numbers.Real):
        raise TypeError(f"r must be a positive real number (the radius in standard deviations); "
                        f"received {describe(r)}.")
    r = float(r)
    if not np.isfinite(r) or r <= 0:
        raise ValueError(f"r must be a positive finite number (the radius in standard deviations); received {r}.")
    scale = max(float(np.abs(sigma).max()), np.finfo(np.float64).tiny)
    if abs(sigma[0, 1] - sigma[1, 0]) > SYMMETRY_TOL * scale:
        raise ValueError(f"sigma must be symmetric; received sigma[0, 1] = {sigma[0, 1]!r} but sigma[1, 0] = "
                         f"{sigma[1, 0]!r}. Use (S + S.T) / 2.")
    sigma = 0.5 * (sigma + sigma.T)
    vals = np.linalg.eigvalsh(sigma)  # ascending eigenvalues
    if vals[0] <= 0 or cholesky_or_none(sigma[None]) is None:
        raise ValueError(f"sigma must be positive definite; its eigenvalues are {vals.tolist()}, expected both > 0.")
    width, height, angle = _ellipse_axes(sigma[None])
    return r * float(width[0]), r * float(height[0]), float(angle[0])


def _ellipse_axes(sigma: np.ndarray):
    """Widths (K,), heights (K,) and angles (K,) in degrees of the r = 1 ellipses of K 2x2 covariances
    (K, 2, 2), as ellipse_geometry gives them one at a time. No checks: the kernel of ellipse_geometry,
    for callers whose covariances are already symmetric positive definite (a GMMParams')."""
    sigma = 0.5 * (sigma + sigma.transpose(0, 2, 1))
    vals, vecs = np.linalg.eigh(sigma)  # ascending eigenvalues: (K, 2), eigenvectors in the columns (K, 2, 2)
    major = vecs[:, :, 1]  # (K, 2), along the largest eigenvalue
    flip = (major[:, 0] < 0) | ((major[:, 0] == 0) & (major[:, 1] < 0))  # eigh's sign is arbitrary: fix it so
    major = np.where(flip[:, None], -major, major)  # the angle is the same on every machine, in (-90, 90]
    return 2 * np.sqrt(vals[:, 1]), 2 * np.sqrt(vals[:, 0]), np.degrees(np.arctan2(major[:, 1], major[:, 0]))


def _mixture_log_pdf_kn(Xt: np.ndarray, phi: np.ndarray, mu: np.ndarray, chol: np.ndarray) -> np.ndarray:
    """log sum_k phi_k N(x_n | mu_k, Sigma_k) for each n: Xt (d, n), phi (K,), mu (K, d), chol (K, d, d) -> (n,).
    No checks: the kernel of mixture_log_pdf, for callers whose arrays are already valid."""
    log_joint = log_gauss_kn(Xt, mu, chol)  # (K, n) log N(x_n | mu_k, Sigma_k)
    with np.errstate(divide="ignore"):  # phi_k = 0 contributes log 0 = -inf, i.e. nothing
        log_joint += np.log(phi)[:, None]
    return logsumexp(log_joint, axis=0)


def mixture_log_pdf(X, params) -> np.ndarray:
    """The log density of a Gaussian mixture, log p(x) = log sum_k phi_k N(x | mu_k, Sigma_k), at each row of X.

    Computed by log-sum-exp over the components, so it stays finite where every p(x) term underflows.

    Parameters
    ----------
    X : array_like, shape (n, d)
        The points, one per row.
    params : GMMParams
        The mixture, with the same dimension d.

    Returns
    -------
    ndarray, shape (n,)

    Examples
    --------
    >>> import numpy as np
    >>> import gmm_teach as gt
    >>> half = gt.GMMParams([0.5, 0.5], [[0.0, 0.0], [3.0, 0.0]], [np.eye(2), np.eye(2)])
    >>> np.round(mixture_log_pdf([[0.0, 0.0], [1.5, 0.0]], half), 4)
    array([-2.52  , -2.9629])

    Halfway between the means both components give e^{-1.125} / (2 pi): log p = -log(2 pi) - 1.125.

    Far from every component the density itself underflows to 0, its log does not:

    >>> mixture_log_pdf([[60.0, 0.0]], half) > -1700
    array([ True])
    """
    params = check_params(params)
    X = check_data(X)
    if X.shape[1] != params.d:
        raise ValueError(f"X has d = {X.shape[1]} features but params are {params.d}-dimensional.")
    return _mixture_log_pdf_kn(np.ascontiguousarray(X.T), params.phi, params.mu, params.cholesky)
