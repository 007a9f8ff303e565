"""Input checks at the API boundary.

Every public function checks its arguments here, so that a learner sees one clear
message (which parameter, what was expected, what was received) instead of a numpy
traceback from deep inside the algorithm.
"""
from __future__ import annotations

import numbers
import reprlib
import sys

import numpy as np

# Legacy np.random.RandomState / np.random.seed accept seeds 0 .. 2**32 - 1 only.
LEGACY_SEED_MAX = 2**32 - 1


_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxlist, _REPR.maxtuple, _REPR.maxdict, _REPR.maxset = 3, 6, 6, 4, 6
_REPR.maxstring, _REPR.maxother, _REPR.maxlong = 50, 60, 40


def _shape_of(value):
    """The shape of an array-like (a pandas DataFrame or Series, ...), or None."""
    if isinstance(value, (np.ndarray, np.generic)):
        return None
    shape = getattr(value, "shape", None)
    if isinstance(shape, tuple) and len(shape) >= 1 and all(isinstance(s, numbers.Integral) for s in shape):
        return tuple(int(s) for s in shape)
    return None


def describe(value) -> str:
    """A short, one-line description of a received value for error messages.

    >>> describe([1, 2, 3, 4, 5, 6, 7, 8])
    '[1, 2, 3, 4, 5, 6, ...] (list of length 8)'
    >>> describe(np.zeros((2, 3)))
    'an array of shape (2, 3) and dtype float64'
    """
    if isinstance(value, np.ma.MaskedArray):
        return f"a masked array of shape {value.shape} and dtype {value.dtype}"
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    kind = type(value).__name__
    shape = _shape_of(value)
    if shape is not None:  # a DataFrame, Series, ...: never its (multi-line) repr
        dtype = getattr(value, "dtype", None)
        return f"a {kind} of shape {shape}" + (f" and dtype {dtype}" if dtype is not None else "")
    try:  # builtin containers through reprlib: a long list shows its first items only
        text = _REPR.repr(value) if isinstance(value, (list, tuple, dict, set, frozenset, str, int)) else repr(value)
    except Exception:  # a broken __repr__ must not hide the real error
        text = f"<{kind} object>"
    text = " ".join(text.split())  # one line
    if len(text) > 60:
        text = text[:57] + "..."
    if isinstance(value, (list, tuple, dict, set, frozenset, str)) and len(value) > 6:
        return f"{text} ({kind} of length {len(value)})"
    return f"{text} ({kind})"


def _unmask(value: np.ma.MaskedArray, name: str, samples: bool) -> np.ndarray:
    """The data of a masked array with nothing masked; a TypeError naming `name` otherwise.

    numpy functions (np.asarray, np.linalg, ...) silently use the hidden values under the mask,
    so a masked row would be fitted as data. We refuse instead of guessing what to skip.
    """
    n_masked = int(np.ma.count_masked(value))
    if n_masked == 0:
        return np.ma.getdata(value)
    if samples and value.ndim == 2:  # rows are data points: dropping a row drops one point
        fix = f"drop those rows first, e.g. {name}[~{name}.mask.any(axis=1)].data"
    else:  # parameters: every entry is needed
        fix = f"every entry is needed, so give the masked ones real values and pass a plain array, e.g. {name}.filled(value)"
    raise TypeError(f"{name} is a masked array (np.ma) with {n_masked} masked value(s); gmm_teach does not "
                     f"skip masked entries (numpy would silently use the values under the mask): {fix}.")


def _is_pandas(value) -> bool:
    """True for pandas DataFrame, Series, Index and extension arrays, without importing pandas."""
    pd = sys.modules.get("pandas")  # a pandas object exists only if pandas is already imported
    if pd is None:
        return False
    try:
        types = (pd.DataFrame, pd.Series, pd.Index, pd.api.extensions.ExtensionArray)
    except AttributeError:  # a partly imported or unusual pandas
        return False
    return isinstance(value, types)


def _from_pandas(value, name: str) -> np.ndarray:
    """A float64 array from a pandas object with numeric columns (including the nullable
    Int64 / Float64 / boolean dtypes, which np.asarray turns into dtype object), or a clear error."""
    dtypes = list(value.dtypes.items()) if hasattr(value, "dtypes") and hasattr(value, "columns") else [
        (None, value.dtype)]
    for column, dtype in dtypes:
        if getattr(dtype, "kind", "O") not in "biuf":  # numpy and pandas extension dtypes both have .kind
            where = f"column {column!r} has" if column is not None else "it has"
            raise TypeError(f"{name} must be numeric (int or float); received {describe(value)}: {where} dtype "
                            f"{dtype}. Convert or drop non-numeric columns first (e.g. .astype(float) if it "
                            f"holds numbers stored as text or objects).")
    missing = np.asarray(value.isna(), dtype=bool)
    if missing.any():
        first = np.argwhere(missing)[0]
        if missing.ndim == 2:
            where = f"row {int(first[0])}, column {value.columns[int(first[1])]!r}"
        else:
            where = f"position {int(first[0])}"
        raise ValueError(f"{name} has {int(missing.sum())} missing value(s) (NaN or pd.NA), the first at {where} "
                         f"(counting rows from 0). gmm_teach cannot use missing values: drop those rows "
                         f"({name}.dropna()) or impute them first.")
    return np.asarray(value.to_numpy(dtype=np.float64, na_value=np.nan), dtype=np.float64)


def as_float_array(value, name: str, *, samples: bool = False) -> np.ndarray:
    """Convert to a float64 array, with a TypeError naming `name` if it is not numeric.

    A masked array is accepted only if nothing is masked; a pandas object only if its columns
    are numeric (nullable Int64 / Float64 included) and nothing is missing. samples=True says
    the rows are data points (only changes the advice for masked values: drop those rows).
    """
    if isinstance(value, np.ma.MaskedArray):
        value = _unmask(value, name, samples)
    if isinstance(value, np.ndarray) and value.dtype.kind in "biuf":
        return np.asarray(value, dtype=np.float64)
    if _is_pandas(value):
        return _from_pandas(value, name)
    try:
        array = np.asarray(value)
    except Exception as exc:  # ragged lists and the like
        raise TypeError(f"{name} must be a numeric array; could not convert {describe(value)}: {exc}") from None
    if array.dtype.kind not in "biuf":
        received = describe(value) if isinstance(value, np.ndarray) else (
            f"{describe(value)}, which converts to an array of dtype {array.dtype}")
        raise TypeError(f"{name} must be a numeric array (int or float); received {received}.")
    return array.astype(np.float64)


def check_finite(array: np.ndarray, name: str) -> None:
    """ValueError if `array` holds NaN or inf, naming where the first one is."""
    bad = ~np.isfinite(array)
    if bad.any():
        first = tuple(int(i) for i in np.argwhere(bad)[0])
        raise ValueError(
            f"{name} must contain only finite numbers; found {int(bad.sum())} NaN or inf value(s), "
            f"the first at index {first} ({float(array[first])!r}). Remove or impute those values first."
        )


def check_data(X, name: str = "X") -> np.ndarray:
    """Return X as a C-contiguous float64 array of shape (n, d), or raise a clear error.

    >>> check_data([[1, 2], [3, 4]])
    array([[1., 2.],
           [3., 4.]])
    >>> check_data([1, 2, 3])
    Traceback (most recent call last):
        ...
    ValueError: X must be a 2-D array of shape (n_samples, n_features); received 1-D array of shape (3,). ...
    """
    array = as_float_array(X, name, samples=True)
    if array.ndim != 2:
        hint = ""
        if array.ndim == 1:
            hint = (f" For n one-dimensional samples use {name}.reshape(-1, 1); for one d-dimensional point use "
                    f"{name}[None, :].")
        raise ValueError(f"{name} must be a 2-D array of shape (n_samples, n_features); received {array.ndim}-D array of shape {array.shape}.{hint}")
    if array.shape[0] < 1 or array.shape[1] < 1:
        raise ValueError(f"{name} must hold at least one sample and one feature; received shape {array.shape}.")
    check_finite(array, name)
    return np.ascontiguousarray(array)


def check_int(value, name: str, *, low: int | None = None, high: int | None = None, high_name: str = "") -> int:
    """Return value as int if it is an integer within [low, high].

    >>> check_int(np.int64(3), "K", low=1)
    3
    >>> check_int(2.5, "K")
    Traceback (most recent call last):
        ...
    TypeError: K must be an integer; received 2.5 (float).
    """
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


def check_seed(seed, name: str = "seed", *, legacy: bool = False):
    """A seed is None or a non-negative integer (what numpy's generators accept).

    legacy=True: the seed goes to np.random.RandomState (the chapter's generator), which accepts
    only 0 .. 2**32 - 1; np.random.default_rng accepts any non-negative integer.
    """
    if seed is None:
        return None
    if legacy:
        return check_int(seed, name, low=0, high=LEGACY_SEED_MAX,
                         high_name="the legacy np.random.RandomState accepts seeds 0 to 2**32 - 1")
    return check_int(seed, name, low=0)
