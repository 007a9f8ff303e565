"""The chapter's data set and true ancestral sampling from any mixture."""
from __future__ import annotations

import numpy as np

from ._validation import check_int, check_seed
from .params import GMMParams, check_params

# The source chapter's ground truth: three 2-D Gaussians with weights 0.3 / 0.4 / 0.3.
TEXTBOOK_TRUTH = GMMParams(
    phi=[0.3, 0.4, 0.3],
    mu=[[0, 0], [3, 3], [-3, 3]],
    sigma=[[[1, 0.3], [0.3, 1]],
           [[1, -0.2], [-0.2, 1.5]],
           [[1.5, 0.4], [0.4, 1]]],
)


def textbook_counts(n: int = 1000, params: GMMParams = TEXTBOOK_TRUTH) -> np.ndarray:
    """Points per component in the chapter's generation: int(w * n), shape (K,)."""
    return np.array([int(w * n) for w in params.phi])


def textbook_data(n: int = 1000, seed: int = 42, *, return_labels: bool = False):
    """The chapter's X, bit for bit (with the defaults).

    The chapter calls ``np.random.seed(42)`` and then, for each component in order,
    ``np.random.multivariate_normal(mean, cov, int(w * n))``, stacking the blocks.
    We use a private ``np.random.RandomState(seed)``: the same legacy generator and the
    same stream, without touching numpy's global random state. Like ``np.random.seed``, it
    accepts seeds 0 to 2**32 - 1.

    Note this is *not* sampling from the mixture: the number of points per component is
    fixed at int(w * n) instead of being random. ``sample`` does the real thing.

    Returns X (n', 2) where n' = sum(int(w * n)), and with ``return_labels=True`` also
    the component of each row, z (n',).
    """
    n = check_int(n, "n", low=1)
    seed = check_seed(seed, legacy=True)  # RandomState accepts 0 .. 2**32 - 1 only
    rs = np.random.RandomState(seed)
    counts = textbook_counts(n)
    if counts.min() < 1:
        raise ValueError(f"n must be at least 4 so that every component gets int(w * n) >= 1 points; received n = {n}.")
    blocks = [rs.multivariate_normal(mean, cov, size)
              for mean, cov, size in zip(TEXTBOOK_TRUTH.mu, TEXTBOOK_TRUTH.sigma, counts)]
    X = np.vstack(blocks)  # (n', 2)
    if return_labels:
        return X, np.repeat(np.arange(len(counts)), counts)
    return X


def sample(params: GMMParams, n: int, seed=None):
    """Ancestral sampling: z ~ Categorical(phi), then x | z ~ N(mu_z, sigma_z).

    Uses ``np.random.default_rng(seed)`` (any non-negative integer seed, or None).
    Returns (X, z) with X (n, d) and z (n,) int.
    """
    params = check_params(params)
    n = check_int(n, "n", low=1)
    rng = np.random.default_rng(check_seed(seed))
    z = rng.choice(params.K, size=n, p=params.phi)  # (n,) which component made each point
    eps = rng.standard_normal((n, params.d))  # (n, d) standard normal noise
    X = np.empty((n, params.d))
    for k in range(params.K):
        rows = z == k
        X[rows] = params.mu[k] + eps[rows] @ params.cholesky[k].T  # x = mu + L eps has covariance L L^T
    return X, z
