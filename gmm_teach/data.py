"""The chapter's data set and true ancestral sampling from any mixture.

>>> from gmm_teach import TEXTBOOK_TRUTH
>>> TEXTBOOK_TRUTH.K, TEXTBOOK_TRUTH.d
(3, 2)
>>> TEXTBOOK_TRUTH.phi
array([0.3, 0.4, 0.3])
>>> TEXTBOOK_TRUTH.mu.tolist()
[[0.0, 0.0], [3.0, 3.0], [-3.0, 3.0]]
"""
from __future__ import annotations

from importlib import resources

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
"""GMMParams: the chapter's true mixture (K = 3, d = 2), from which ``textbook_data`` draws."""


def textbook_counts(n: int = 1000, params: GMMParams = TEXTBOOK_TRUTH) -> np.ndarray:
    """Points per component in the chapter's generation: int(w * n), shape (K,).

    Parameters
    ----------
    n : int, default 1000
        The requested number of points.
    params : GMMParams, default TEXTBOOK_TRUTH
        The mixture whose weights w = params.phi share the points out.

    Returns
    -------
    ndarray of int, shape (K,)
        int(w_k * n) for each component: rounded down, so the total can be less than n.

    Examples
    --------
    >>> from gmm_teach import textbook_counts
    >>> textbook_counts()
    array([300, 400, 300])
    >>> textbook_counts(10)
    array([3, 4, 3])
    """
    return np.array([int(w * n) for w in params.phi])


def textbook_data(n: int = 1000, seed: int = 42, *, return_labels: bool = False):
    """The chapter's X, bit for bit (with the defaults).

    Parameters
    ----------
    n : int, default 1000
        The requested number of points, at least 4 (so that every component gets one).
    seed : int, default 42
        Seed of the legacy generator, 0 to 2**32 - 1 (the chapter's is 42).
    return_labels : bool, default False
        Also return the component that generated each row.

    Returns
    -------
    X : ndarray, shape (n', 2)
        The data, where n' = sum(int(w * n)) (``textbook_counts(n).sum()``), component by component.
    z : ndarray of int, shape (n',)
        The component of each row; only with ``return_labels=True``.

    Raises
    ------
    ValueError
        If n < 4 or the seed is out of range.

    See Also
    --------
    sample : true sampling from any mixture.

    Notes
    -----
    The chapter calls ``np.random.seed(42)`` and then, for each component in order,
    ``np.random.multivariate_normal(mean, cov, int(w * n))``, stacking the blocks.
    We use a private ``np.random.RandomState(seed)``: the same legacy generator and the
    same stream, without touching numpy's global random state. Like ``np.random.seed``, it
    accepts seeds 0 to 2**32 - 1.

    Note this is *not* sampling from the mixture: the number of points per component is
    fixed at int(w * n) instead of being random. ``sample`` does the real thing.

    Examples
    --------
    >>> import numpy as np
    >>> from gmm_teach import textbook_data
    >>> X, z = textbook_data(return_labels=True)
    >>> X.shape
    (1000, 2)
    >>> np.round(X[0], 4)
    array([-0.3187, -0.4823])
    >>> np.bincount(z)
    array([300, 400, 300])
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


def old_faithful() -> np.ndarray:
    """The Old Faithful geyser data, PRML's example for the variational mixture (Bishop 2006, Fig. 10.6).

    272 eruptions of the Old Faithful geyser in Yellowstone National Park, as in R's
    ``datasets::faithful``, shipped with the package (``gmm_teach/datasets/old_faithful.csv``).

    Returns
    -------
    X : ndarray, shape (272, 2)
        Column 0: the eruption time in minutes; column 1: the waiting time to the next eruption
        in minutes. A new array on every call.

    Notes
    -----
    Sources: W. Härdle, *Smoothing Techniques with Implementation in S*, Springer, 1991;
    A. Azzalini and A. W. Bowman, "A look at some data on the Old Faithful geyser",
    *Applied Statistics* 39 (1990), 357-365. PRML standardises the columns before fitting.

    Examples
    --------
    >>> import numpy as np
    >>> from gmm_teach import old_faithful
    >>> X = old_faithful()
    >>> X.shape
    (272, 2)
    >>> np.round(X.mean(axis=0), 4)
    array([ 3.4878, 70.8971])
    >>> X[0].tolist()
    [3.6, 79.0]
    """
    text = resources.files("gmm_teach").joinpath("datasets", "old_faithful.csv").read_text(encoding="utf-8")
    return np.loadtxt(text.splitlines(), delimiter=",", comments="#", skiprows=5)


def sample(params: GMMParams, n: int, seed=None):
    """Ancestral sampling: z ~ Categorical(phi), then x | z ~ N(mu_z, sigma_z).

    Parameters
    ----------
    params : GMMParams
        The mixture to sample from.
    n : int
        Number of points, at least 1.
    seed : int or None, default None
        Seed of ``np.random.default_rng(seed)`` (any non-negative integer seed, or None).

    Returns
    -------
    X : ndarray, shape (n, d)
        The points.
    z : ndarray of int, shape (n,)
        The component that generated each point.

    See Also
    --------
    textbook_data : the chapter's data, with fixed counts per component.

    Notes
    -----
    Each point first picks its component z with probability phi_z, then draws
    x = mu_z + L_z eps with eps ~ N(0, I) and L_z the Cholesky factor of Sigma_z:
    x then has covariance L_z L_z^T = Sigma_z.

    Examples
    --------
    >>> import numpy as np
    >>> from gmm_teach import TEXTBOOK_TRUTH, sample
    >>> X, z = sample(TEXTBOOK_TRUTH, 10_000, seed=0)
    >>> X.shape, z.shape
    ((10000, 2), (10000,))

    The share of each component is close to phi = (0.3, 0.4, 0.3):

    >>> np.round(np.bincount(z) / len(z), 1)
    array([0.3, 0.4, 0.3])
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
