"""The small pieces of numerics every stage shares: one home, so each is written (and tested) once.

>>> import numpy as np
>>> logsumexp(np.array([[0.0, -1000.0], [np.log(3), -1000.0]]), axis=0)
array([   1.38629436, -999.30685282])
>>> xlogx(np.array([0.0, 0.5, 1.0]))
array([ 0.        , -0.34657359,  0.        ])
"""
from __future__ import annotations

import numpy as np


def logsumexp(a: np.ndarray, axis: int = 0, keepdims: bool = False) -> np.ndarray:
    """log sum_i exp(a_i) along `axis`, computed as m + log sum_i exp(a_i - m) with m the largest a_i,
    so exp never overflows and the largest term is exactly 1. A slice of only -inf gives -inf."""
    m = np.max(a, axis=axis, keepdims=True)
    m_safe = np.where(np.isfinite(m), m, 0.0)  # an all -inf slice: exp(-inf - 0) = 0, log 0 = -inf
    with np.errstate(divide="ignore"):
        out = np.log(np.exp(a - m_safe).sum(axis=axis, keepdims=True)) + m_safe
    return out if keepdims else np.squeeze(out, axis=axis)


def normalize_log_(log_w: np.ndarray, axis: int = 0) -> np.ndarray:
    """In place: turn log weights into weights that sum to 1 along `axis` (the softmax, by log-sum-exp).

    Returns the log of the sums that were divided out (the log normaliser, `logsumexp(log_w, axis)`);
    a slice of only -inf (nothing to normalise) gives NaN weights and a -inf normaliser, which the
    caller checks. This is the E-step's kernel: it runs on the (K, n) array without copies.

    >>> import numpy as np
    >>> log_w = np.log(np.array([[1.0, 3.0], [1.0, 1.0]]))
    >>> np.round(normalize_log_(log_w, axis=0), 4)  # log 2 and log 4
    array([0.6931, 1.3863])
    >>> log_w  # now the weights, columns summing to 1
    array([[0.5 , 0.75],
           [0.5 , 0.25]])
    """
    m = log_w.max(axis=axis, keepdims=True)
    with np.errstate(invalid="ignore"):  # -inf - (-inf): the caller's check reports that slice
        log_w -= m
    np.exp(log_w, out=log_w)  # in (0, 1], the largest exactly 1
    total = log_w.sum(axis=axis, keepdims=True)  # >= 1
    log_w /= total
    return np.squeeze(m + np.log(total), axis=axis)


def xlogx(q: np.ndarray) -> np.ndarray:
    """q ln q elementwise, with 0 ln 0 = 0 (the limit), without warnings."""
    q = np.asarray(q, dtype=float)
    return np.where(q > 0, q * np.log(np.where(q > 0, q, 1.0)), 0.0)
