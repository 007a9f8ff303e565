"""Input checks at the API boundary.

Every public function checks its arguments here, so that a learner sees one clear
message (which parameter, what was expected, what was received) instead of a numpy
traceback from deep inside the algorithm.
"""
from __future__ import annotations

import numbers

import numpy as np


def describe(value) -> str:
    """A short description of a received value for error messages."""
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{text} ({type(value).__name__})"


def as_float_array(value, name: str) -> np.ndarray:
    """Convert to a float64 array, with a TypeError naming `name` if it is not numeric."""
    if isinstance(value, np.ndarray) and value.dtype.kind in "biuf":
        return np.asarray(value, dtype=np.float64)
    try:
        array = np.asarray(value)
    except Exception as exc:  # ragged lists and the like
        raise TypeError(f"{name} must be a numeric array; could not convert {describe(value)}: {exc}") from None
    if array.dtype.kind not in "biuf":
        raise TypeError(
            f"{name} must be a numeric array (int or float); received {describe(value)} with dtype {array.dtype}"
        )
    return array.astype(np.float64)


def check_finite(array: np.ndarray, name: str) -> None:
    """ValueError if `array` holds NaN or inf, naming where the first one is."""
    bad = ~np.isfinite(array)
    if bad.any():
        first = tuple(int(i) for i in np.argwhere(bad)[0])
        raise ValueError(
            f"{name} must contain only finite numbers; found {int(bad.sum())} NaN or inf value(s), "
            f"the first at index {first} ({array[first]!r}). Remove or impute those values first."
        )


def check_data(X, name: str = "X") -> np.ndarray:
    """Return X as a C-contiguous float64 array of shape (n, d), or raise a clear error."""
    array = as_float_array(X, name)
    if array.ndim != 2:
        hint = ""
        if array.ndim == 1:
            hint = " For n one-dimensional samples use X.reshape(-1, 1); for one d-dimensional point use X[None, :]."
        raise ValueError(f"{name} must be a 2-D array of shape (n_samples, n_features); received {array.ndim}-D array of shape {array.shape}.{hint}")
    if array.shape[0] < 1 or array.shape[1] < 1:
        raise ValueError(f"{name} must hold at least one sample and one feature; received shape {array.shape}.")
    check_finite(array, name)
    return np.ascontiguousarray(array)


def check_int(value, name: str, *, low: int | None = None, high: int | None = None, high_name: str = "") -> int:
    """Return value as int if it is an integer within [low, high]."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer; received {describe(value)}.")
    value = int(value)
    if low is not None and value < low:
        raise ValueError(f"{name} must be >= {low}; received {value}.")
    if high is not None and value > high:
        extra = f" ({high_name})" if high_name else ""
        raise ValueError(f"{name} must be <= {high}{extra}; received {value}.")
    return value


def check_float(value, name: str, *, low: float | None = None, hint: str = "") -> float:
    """Return value as float if it is a finite real number >= low."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number; received {describe(value)}.")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite; received {value}.")
    if low is not None and value < low:
        raise ValueError(f"{name} must be >= {low}; received {value}.{(' ' + hint) if hint else ''}")
    return value


def check_seed(seed, name: str = "seed"):
    """A seed is None or a non-negative integer (what numpy's generators accept)."""
    if seed is None:
        return None
    return check_int(seed, name, low=0)
