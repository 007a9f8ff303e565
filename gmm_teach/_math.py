"""The small pieces of numerics every stage shares: one home, so each is written (and tested) once.

>>> import numpy as np
>>> logsumexp(np.array([[0.0, -1000.0], [np.log(3), -1000.0]]), axis=0)
array([   1.38629436, -999.30685282])
>>> xlogx(np.array([0.0, 0.5, 1.0]))
array([ 0.        , -0.34657359,  0.        ])
"""
from __future__ import annotations

import math

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


def gammaln(x) -> np.ndarray:
    """ln |Gamma(x)| elementwise (math.lgamma over the array; +inf at the poles 0, -1, -2, ...).

    numpy has no log-gamma and gmm_teach does not need scipy at run time; the variational mixture
    calls it on K or K d numbers per iteration, so a Python loop is plenty fast.

    >>> import numpy as np
    >>> np.round(gammaln(np.array([0.5, 1.0, 10.0])), 6)  # ln sqrt(pi), ln 0! , ln 9!
    array([ 0.572365,  0.      , 12.801827])
    """
    x = np.asarray(x, dtype=np.float64)

    def one(value: float) -> float:
        if np.isnan(value):
            return value
        try:
            return math.lgamma(value)
        except ValueError:  # a pole: Gamma is infinite there
            return math.inf
        except OverflowError:  # x above ~2.6e305: ln Gamma(x) ~ x ln x exceeds float64 (scipy's inf)
            return math.inf

    with np.errstate(over="ignore"):  # lgamma's overflow flag: the result is inf, as intended
        return np.vectorize(one, otypes=[np.float64])(x) if x.ndim else np.float64(one(float(x)))


_DIGAMMA_SHIFT = 10.0  # shift x up to >= 10 by psi(x) = psi(x + 1) - 1/x; the series is then exact to ~1e-17
# Asymptotic series: psi(x) ~ ln x - 1/(2x) - sum_j B_2j / (2j x^2j) with Bernoulli numbers B_2j.
_DIGAMMA_SERIES = np.array([1 / 12, -1 / 120, 1 / 252, -1 / 240, 1 / 132, -691 / 32760, 1 / 12])  # B_2j / (2j)


def digamma(x) -> np.ndarray:
    """psi(x) = d/dx ln Gamma(x) elementwise (vectorised, float64).

    The recurrence psi(x) = psi(x + 1) - 1/x shifts x to at least 10, then the asymptotic series
    ln x - 1/(2x) - 1/(12 x^2) + 1/(120 x^4) - ... (seven terms) finishes; the relative error is
    a few 1e-15 for x > 0 (the absolute error a few 1e-15 near the root x = 1.4616...). For
    x < -10 the reflection psi(x) = psi(1 - x) - pi / tan(pi x); at 0, -1, -2, ... the result is NaN.

    >>> import numpy as np
    >>> np.round(digamma(np.array([1.0, 0.5, 100.0])), 6)  # -Euler's gamma, -gamma - 2 ln 2, ...
    array([-0.577216, -1.96351 ,  4.600162])
    """
    x = np.asarray(x, dtype=np.float64)
    scalar = x.ndim == 0
    x = np.atleast_1d(x)
    out = np.full(x.shape, np.nan)
    negative = x < -_DIGAMMA_SHIFT  # far left: reflection psi(x) = psi(1 - x) - pi / tan(pi x); nearer 0 the
    pole = (x <= 0) & (x == np.floor(x))  # recurrence below (1 - x would round away the digits of a tiny x)
    y = np.where(negative, 1.0 - x, x)
    y = np.where(pole | np.isnan(x), 1.0, y)  # placeholders, set to NaN below
    shift = np.zeros_like(y)
    for _ in range(2 * int(_DIGAMMA_SHIFT) + 1):  # at most 21 steps bring every y > -10 to >= 10
        small = y < _DIGAMMA_SHIFT
        if not small.any():
            break
        shift -= np.where(small, 1.0 / y, 0.0)
        y = np.where(small, y + 1.0, y)
    inv = 1.0 / y
    inv2 = inv * inv  # not 1 / (y * y): y * y overflows above ~1.3e154 (the series is then 0 anyway)
    series = np.zeros_like(y)
    for c in _DIGAMMA_SERIES[::-1]:  # Horner in 1/x^2
        series = (series + c) * inv2
    with np.errstate(invalid="ignore", divide="ignore"):
        psi = np.log(y) - 0.5 / y - series + shift
        psi = np.where(negative, psi - np.pi / np.tan(np.pi * (x - np.floor(x))), psi)  # tan has period pi: reduce exactly
    out = np.where(pole | np.isnan(x), np.nan, psi)
    out = np.where(np.isposinf(x), np.inf, out)
    return out[0] if scalar else out
