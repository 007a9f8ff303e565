"""Initial parameters for EM: the chapter's, random responsibilities, or k-means++ seeds.

The initial covariance is the data covariance (+ reg_covar I); data whose covariance is
singular (a constant or duplicated feature, collinear points, fewer samples than features)
fits with reg_covar > 0, and with reg_covar = 0 the error says which feature or why.
"""
from __future__ import annotations

import numpy as np

from ._validation import check_data, check_int, check_seed, describe
from .params import GMMParams, cholesky_or_none
from .steps import (SINGULAR_RTOL, ComponentCollapseError, _check_covariance_type, _check_K, _check_reg_covar,
                    _data_variance, _m_step_kn, _needs_refined_means, constrain_covariances)

INIT_METHODS = ("textbook", "random", "kmeans++")


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
