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

    Returns ``order`` (K,) such that estimated component ``order[k]`` matches true
    component k, so ``estimated.permute(order)`` lists the estimates in the truth's order.
    The matching minimises the total squared distance between paired means, found exactly
    by dynamic programming over subsets (K up to about 15). Both arguments are GMMParams or
    (K, d) arrays of finite means; the result is always a permutation of 0..K-1.
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
