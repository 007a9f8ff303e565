"""Label switching: match estimated components to true ones."""
from __future__ import annotations

import numpy as np

from ._validation import as_float_array, check_finite
from .params import GMMParams


def _means(value, name):
    if isinstance(value, GMMParams):
        return value.mu
    mu = as_float_array(value, name)  # refuses masked arrays with masked values, naming `name`
    if mu.ndim != 2 or mu.shape[0] < 1 or mu.shape[1] < 1:
        raise ValueError(f"{name} must be a GMMParams or a (K, d) array of means with K, d >= 1; "
                         f"received shape {mu.shape}.")
    check_finite(mu, name)
    return mu


def _common_scale(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """a and b divided by the same power of two, so that every |value| < 1.

    Squared distances between the scaled means are at most 4 d: they cannot overflow (means of
    size 1e200 would give inf for every pairing, and no permutation at all). A power of two divides
    exactly, and floating point behaves the same at every power-of-two scale, so for ordinary means
    the costs are the exact ones times 4**-e, rounded the same way: the same argmin.
    """
    largest = max(float(np.abs(a).max()), float(np.abs(b).max()))
    if largest == 0.0:
        return a, b
    _, exponent = np.frexp(largest)  # largest = m * 2**exponent with 0.5 <= m < 1
    return np.ldexp(a, -exponent), np.ldexp(b, -exponent)


def match_components(estimated, truth) -> np.ndarray:
    """The permutation that aligns estimated components with true ones.

    EM's component numbers are arbitrary (label switching): a fit's component 0 may be the
    truth's component 2. This finds which is which, from the means.

    Parameters
    ----------
    estimated : GMMParams or array_like, shape (K, d)
        The estimated mixture, or its (finite) means.
    truth : GMMParams or array_like, shape (K, d)
        The true mixture, or its (finite) means.

    Returns
    -------
    order : ndarray of int, shape (K,)
        Estimated component ``order[k]`` matches true component k, so
        ``estimated.permute(order)`` lists the estimates in the truth's order.
        Always a permutation of 0..K-1.

    Raises
    ------
    ValueError
        If the shapes differ, a mean is not finite, or K > 15.

    See Also
    --------
    GMMParams.permute : reorder the components.

    Notes
    -----
    The matching minimises the total squared distance between paired means,

        sum_k |mu_true[k] - mu_est[order[k]]|^2,

    found exactly by dynamic programming over subsets (K up to about 15).

    Examples
    --------
    >>> from gmm_teach import TEXTBOOK_TRUTH, match_components
    >>> estimated_means = [[3.1, 2.9], [0.1, 0.0], [-2.9, 3.2]]
    >>> TEXTBOOK_TRUTH.mu.tolist()
    [[0.0, 0.0], [3.0, 3.0], [-3.0, 3.0]]
    >>> match_components(estimated_means, TEXTBOOK_TRUTH)
    array([1, 0, 2])

    With a fit: permute its components into the truth's order.

    >>> from gmm_teach import fit, textbook_data
    >>> params = fit(textbook_data(), 3, init="textbook", seed=11, reg_covar=0.0).params
    >>> aligned = params.permute(match_components(params, TEXTBOOK_TRUTH))
    >>> aligned.phi.round(2)
    array([0.31, 0.39, 0.3 ])
    """
    a, b = _means(estimated, "estimated"), _means(truth, "truth")
    if a.shape != b.shape:
        what = (f"estimated has K = {a.shape[0]} components but truth has K = {b.shape[0]}"
                if a.shape[0] != b.shape[0] else
                f"estimated has d = {a.shape[1]} dimensions but truth has d = {b.shape[1]}")
        raise ValueError(f"estimated and truth must have the same number of components and dimensions; "
                         f"received means of shapes {a.shape} and {b.shape} ({what}).")
    K = a.shape[0]
    if K > 15:
        raise ValueError(f"match_components handles K <= 15 components; received K = {K}.")
    a, b = _common_scale(a, b)
    cost = ((b[:, None, :] - a[None, :, :]) ** 2).sum(axis=2)  # (K true, K estimated), each <= 4 d
    # best[mask]: least cost of matching true components 0..popcount(mask)-1 to the estimates in mask
    best = np.full(1 << K, np.inf)
    choice = np.zeros(1 << K, dtype=int)
    best[0] = 0.0
    for mask in range(1 << K):
        if not np.isfinite(best[mask]):
            continue
        k = bin(mask).count("1")
        if k == K:
            continue
        for j in range(K):
            if not mask & (1 << j):
                new = mask | (1 << j)
                c = best[mask] + cost[k, j]
                if c < best[new]:
                    best[new], choice[new] = c, j
    order, mask = np.empty(K, dtype=int), (1 << K) - 1
    for k in range(K - 1, -1, -1):
        order[k] = choice[mask]
        mask &= ~(1 << order[k])
    return order
