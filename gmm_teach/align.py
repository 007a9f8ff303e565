"""Label switching: match estimated components to true ones."""
from __future__ import annotations

import numpy as np

from ._validation import as_float_array
from .params import GMMParams


def _means(value, name):
    if isinstance(value, GMMParams):
        return value.mu
    mu = as_float_array(value, name)
    if mu.ndim != 2:
        raise ValueError(f"{name} must be a GMMParams or a (K, d) array of means; received shape {mu.shape}.")
    return mu


def match_components(estimated, truth) -> np.ndarray:
    """The permutation that aligns estimated components with true ones.

    Returns ``order`` (K,) such that estimated component ``order[k]`` matches true
    component k, so ``estimated.permute(order)`` lists the estimates in the truth's order.
    The matching minimises the total squared distance between paired means, found exactly
    by dynamic programming over subsets (K up to about 15).
    """
    a, b = _means(estimated, "estimated"), _means(truth, "truth")
    if a.shape != b.shape:
        raise ValueError(f"estimated and truth must have the same number of components and dimensions; "
                         f"received means of shapes {a.shape} and {b.shape}.")
    K = a.shape[0]
    if K > 15:
        raise ValueError(f"match_components handles K <= 15 components; received K = {K}.")
    cost = ((b[:, None, :] - a[None, :, :]) ** 2).sum(axis=2)  # (K true, K estimated)
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
