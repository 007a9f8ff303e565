"""What the checkers of chapters 06-08 share: the seed as a cache key, random mixtures, telling answers apart,
and answers that must be one number."""
from __future__ import annotations

import numpy as np

from ..params import GMMParams
from ._framework import Case, Spec, close, describe, fresh_rng, num, say, wrong
from ._mixtures import random_spd


# --- fresh cases from a seed ----------------------------------------------------------

def _valid_seed(seed):
    """The seed as an int (or None), validated as fresh_rng validates it: a key for the cached cases."""
    fresh_rng(seed)
    return None if seed is None else int(seed)


def _random_truth(rng, K: int, d: int, spread: float = 2.5) -> GMMParams:
    """A random mixture of K components in d dimensions (fairly separate for the default spread of the means)."""
    phi = rng.dirichlet(np.full(K, 4.0))
    mu = rng.normal(scale=spread, size=(K, d))
    sigma = np.stack([random_spd(rng, d, rng.uniform(0.3, 1.0)) for _ in range(K)])
    return GMMParams(phi, mu, sigma)


# --- answers that should be one number or a pair --------------------------------------------------------

def _scalar(spec: Spec, case: Case, value, finite: bool = True) -> float:
    """The returned value as one float (0-d or one-element arrays are fine), or a verdict."""
    if value is None:
        raise wrong(spec.name, say("none", case=case.text), say("hint_none"))
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise wrong(spec.name, say("not_numeric", case=case.text, type=type(value).__name__),
                    say("hint_sum_all")) from None
    if array.size != 1:
        raise wrong(spec.name, say("not_a_number", case=case.text, what=describe(array)), say("hint_sum_all"))
    number = float(array.reshape(()))
    if finite and not np.isfinite(number):
        raise wrong(spec.name, say("nonfinite", case=case.text, quantity=say("q_bound"), count=1),
                    say("hint_nonfinite"))
    return number


def _value_mismatch(case: Case, quantity_key: str, got: float, expected: float) -> str:
    return say("value_mismatch", case=case.text, quantity=say(quantity_key), expected=num(expected), got=num(got))


def _tell_apart(variants_list, names) -> bool:
    """Whether every two of the named answers (the right one, the mistakes) differ in at least one case
    (NaN: the mistake cannot be made in that case)."""
    def differ(a, b):
        return not (np.any(np.isnan(a)) or np.any(np.isnan(b))) and not close(a, b)
    return all(any(differ(v[a], v[b]) for v in variants_list) for i, a in enumerate(names) for b in names[:i])
