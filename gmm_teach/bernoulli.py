"""A mixture of multivariate Bernoulli distributions and its EM (Bishop, PRML section 9.3.3).

Binary data x in {0, 1}^d (for example binarised images of digits) is modelled as

    p(x) = sum_k phi_k prod_j p_kj^x_j (1 - p_kj)^(1 - x_j),

K "prototypes" p_k (K, d) of probabilities that pixel j is on, with mixing weights phi (K,).
``fit_bernoulli`` runs EM; its stages are ``bernoulli_log_pdf``, ``bernoulli_e_step`` and
``bernoulli_m_step``, and ``BernoulliParams`` says what a valid mixture is. Everything is computed
in log space, with the package's log-sum-exp (``gmm_teach._math``), as for the Gaussian mixture.

Examples
--------
>>> import numpy as np
>>> import gmm_teach as gt
>>> X = np.array([[1, 1, 0, 0]] * 6 + [[0, 0, 1, 1]] * 4)
>>> result = gt.fit_bernoulli(X, 2, seed=0)
>>> np.round(result.phi, 3), np.round(result.p, 3)
(array([0.6, 0.4]), array([[1., 1., 0., 0.],
       [0., 0., 1., 1.]]))
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._math import normalize_log_
from ._validation import as_float_array, check_data, check_finite, check_float, check_int, check_seed, describe
from .em import warn_not_converged
from .params import PHI_SUM_TOL, _phi_sum_tolerance, _read_only
from .steps import EPS_NK, ComponentCollapseError, check_responsibilities

INIT_METHODS_BERNOULLI = ("random",)
RANDOM_P_RANGE = (0.25, 0.75)  # init="random" draws every p_kj uniformly from this range (Bishop, 9.3.3)


# --- the parameters ---------------------------------------------------------------

class BernoulliParams:
    """Parameters of a K-component mixture of multivariate Bernoulli distributions in d dimensions (immutable).

    The arrays are copied (as float64) and made read-only.

    Parameters
    ----------
    phi : array_like, shape (K,)
        Mixing weights: non-negative, summing to 1 (within 1e-8, as for ``GMMParams``).
    p : array_like, shape (K, d)
        p[k, j] = p(x_j = 1 | component k), each in [0, 1]: the "prototype" of component k.

    Attributes
    ----------
    phi, p : ndarray
        Read-only float64 copies of the arguments, shapes (K,) and (K, d).
    K : int
        Number of components.
    d : int
        Dimension of the data (number of binary features).

    Raises
    ------
    TypeError
        If an argument is not numeric.
    ValueError
        If the shapes disagree, a value is NaN or inf, phi is negative or does not sum to 1, or some
        p[k, j] lies outside [0, 1]. The message says where.
    AttributeError
        On any attempt to set an attribute: build a new BernoulliParams instead.

    See Also
    --------
    fit_bernoulli : estimate the parameters from binary data by EM.
    GMMParams : the same for a Gaussian mixture.

    Examples
    --------
    >>> from gmm_teach import BernoulliParams
    >>> params = BernoulliParams(phi=[0.25, 0.75], p=[[0.9, 0.1, 0.5], [0.2, 0.8, 0.5]])
    >>> params.K, params.d
    (2, 3)
    >>> params
    BernoulliParams(K=2, d=3,
      phi=[0.25 0.75],
      p=[[0.9, 0.1, 0.5], [0.2, 0.8, 0.5]])
    >>> params.p[0, 0] = 0.5
    Traceback (most recent call last):
        ...
    ValueError: assignment destination is read-only
    """

    __slots__ = ("_phi", "_p")

    def __init__(self, phi, p):
        phi_in, phi = phi, as_float_array(phi, "phi")
        p = as_float_array(p, "p")
        if phi.ndim != 1 or phi.shape[0] < 1:
            raise ValueError(f"phi must be a 1-D array of shape (K,) with K >= 1; received shape {phi.shape}.")
        K = phi.shape[0]
        if p.ndim != 2 or p.shape[0] != K or p.shape[1] < 1:
            raise ValueError(f"p must have shape (K, d) = ({K}, d) to match phi (K = {K}); received shape {p.shape}.")
        check_finite(phi, "phi")
        check_finite(p, "p")
        if np.any(phi < 0):
            k = int(np.argmax(phi < 0))
            raise ValueError(f"phi must be non-negative; component {k} has phi[{k}] = {float(phi[k])!r}.")
        total = float(phi.sum())
        tol = _phi_sum_tolerance(phi_in)
        if not abs(total - 1.0) <= tol:
            fix = "At least one weight must be positive." if total <= 0 else "Divide by phi.sum() to normalise it."
            raise ValueError(f"phi must sum to 1 (within {tol:.2g}); received phi = "
                             f"{np.array2string(phi, precision=6)} summing to {total!r}. {fix}")
        if tol > PHI_SUM_TOL:
            phi = phi / total  # float32 / float16 weights: complete the normalisation in float64
        bad = (p < 0) | (p > 1)
        if bad.any():
            k, j = (int(i) for i in np.argwhere(bad)[0])
            raise ValueError(f"p holds probabilities, each in [0, 1]; p[{k}, {j}] = {float(p[k, j])!r} "
                             f"({int(bad.sum())} value(s) outside [0, 1]).")
        self._phi, self._p = _read_only(phi), _read_only(p)

    @property
    def phi(self) -> np.ndarray:
        """Mixing weights, shape (K,)."""
        return self._phi.view()

    @property
    def p(self) -> np.ndarray:
        """Probabilities p(x_j = 1 | component k), shape (K, d)."""
        return self._p.view()

    @property
    def K(self) -> int:
        """Number of components."""
        return self._phi.shape[0]

    @property
    def d(self) -> int:
        """Dimension of the data."""
        return self._p.shape[1]

    def __setattr__(self, name, value):
        if hasattr(self, "_p"):
            raise AttributeError("BernoulliParams is immutable; build a new one, e.g. BernoulliParams(phi, new_p).")
        object.__setattr__(self, name, value)

    def __eq__(self, other):
        if not isinstance(other, BernoulliParams):
            return NotImplemented
        return (self.p.shape == other.p.shape and np.array_equal(self.phi, other.phi)
                and np.array_equal(self.p, other.p))

    __hash__ = None

    def __repr__(self):
        with np.printoptions(precision=4, suppress=True):
            return f"BernoulliParams(K={self.K}, d={self.d},\n  phi={self.phi},\n  p={self.p.tolist()})"

    def __reduce__(self):  # picklable
        return (BernoulliParams, (self.phi, self.p))

    def permute(self, order) -> "BernoulliParams":
        """The same mixture with components reordered: new component j is old component order[j].

        Examples
        --------
        >>> from gmm_teach import BernoulliParams
        >>> params = BernoulliParams([0.3, 0.7], [[0.9, 0.1], [0.2, 0.8]])
        >>> swapped = params.permute([1, 0])
        >>> swapped.phi.tolist(), swapped.p.tolist()
        ([0.7, 0.3], [[0.2, 0.8], [0.9, 0.1]])
        """
        order = np.asarray(order)
        if order.dtype.kind not in "iu" or sorted(order.tolist()) != list(range(self.K)):
            raise ValueError(f"order must be a permutation of 0..{self.K - 1}; received {order.tolist()}.")
        return BernoulliParams(self.phi[order], self.p[order])

    def allclose(self, other: "BernoulliParams", rtol: float = 1e-6, atol: float = 1e-8) -> bool:
        """True if `other` has the same shapes and numerically equal phi and p (as numpy.allclose).

        Examples
        --------
        >>> from gmm_teach import BernoulliParams
        >>> a = BernoulliParams([0.5, 0.5], [[0.9, 0.1], [0.2, 0.8]])
        >>> a.allclose(BernoulliParams([0.5, 0.5], [[0.9, 0.1 + 1e-12], [0.2, 0.8]]))
        True
        """
        if not isinstance(other, BernoulliParams):
            raise TypeError(f"other must be a BernoulliParams; received {describe(other)}.")
        return (self.p.shape == other.p.shape and np.allclose(self.phi, other.phi, rtol=rtol, atol=atol)
                and np.allclose(self.p, other.p, rtol=rtol, atol=atol))


def _check_bernoulli_params(params, name: str = "params") -> BernoulliParams:
    if not isinstance(params, BernoulliParams):
        raise TypeError(f"{name} must be a BernoulliParams(phi, p); received {type(params).__name__}.")
    return params


# --- argument checks ------------------------------------------------------------------

def check_binary_data(X, name: str = "X") -> np.ndarray:
    """Return X as a C-contiguous float64 array of shape (n, d) holding only 0 and 1, or raise a clear error.

    bool, integer and float arrays are accepted; any other value (0.5, 2, -1, NaN, inf) is a
    ValueError saying where the first one is and how to binarise.

    >>> check_binary_data([[True, False], [False, True]])
    array([[1., 0.],
           [0., 1.]])
    >>> check_binary_data([[0, 1], [0.5, 1]])
    Traceback (most recent call last):
        ...
    ValueError: X must hold only 0 and 1 (binary data); found 1 other value(s), the first X[1, 0] = 0.5. ...
    """
    array = as_float_array(X, name, samples=True)
    if array.ndim != 2 or array.shape[0] < 1 or array.shape[1] < 1:
        check_data(array, name)  # raises its message about the shape
    bad = (array != 0) & (array != 1)  # NaN compares unequal to both
    if bad.any():
        i, j = (int(v) for v in np.argwhere(bad)[0])
        raise ValueError(
            f"{name} must hold only 0 and 1 (binary data); found {int(bad.sum())} other value(s), the first "
            f"{name}[{i}, {j}] = {float(array[i, j])!r}. A mixture of Bernoulli distributions models binary "
            f"data: binarise {name} first, e.g. ({name} > 7).astype(int) for the 0-16 grey levels of "
            f"sklearn's load_digits (and drop or impute missing values).")
    return np.ascontiguousarray(array)


def _check_alpha(alpha) -> float:
    return check_float(alpha, "alpha", low=0.0,
                       hint="It is added to the counts in the M-step; use 0 (plain maximum likelihood) or a small "
                            "positive number such as 1e-6.")


def _check_X_params(X, params):
    X = check_binary_data(X)
    params = _check_bernoulli_params(params)
    if X.shape[1] != params.d:
        raise ValueError(f"X has d = {X.shape[1]} features but params are {params.d}-dimensional "
                         f"(p has shape {params.p.shape}).")
    return X, params


# --- the stages --------------------------------------------------------------------------

def _xlog_matmul(X, q):
    """sum_j X[n, j] log q[k, j] for binary X (n, d) and q (K, d) in [0, 1], as a matrix product,
    with 0 log 0 = 0 (xlogy): a zero q contributes -inf only where X is 1. Returns (n, K)."""
    zero = q <= 0
    with np.errstate(divide="ignore"):
        log_q = np.where(zero, 0.0, np.log(np.where(zero, 1.0, q)))
    out = X @ log_q.T  # (n, K)
    if zero.any():
        hits = X @ zero.T.astype(np.float64)  # (n, K): how many x_j = 1 fall on a q_kj = 0 (exact counts)
        out[hits > 0] = -np.inf
    return out


def _log_pdf_nk(X, p):
    """(n, K) log p(x_n | p_k) = sum_j x_j log p_kj + (1 - x_j) log(1 - p_kj), with X binary (n, d)."""
    return _xlog_matmul(X, p) + _xlog_matmul(1.0 - X, 1.0 - p)


def bernoulli_log_pdf(X, p) -> np.ndarray:
    """Log probability of each binary row of X under independent Bernoulli features with probabilities p.

    Parameters
    ----------
    X : array_like, shape (n, d)
        Binary data (0 and 1; bool accepted).
    p : array_like, shape (d,) or (K, d)
        One prototype, or the prototypes of K components; every entry in [0, 1].

    Returns
    -------
    ndarray
        One prototype: p (d,) -> (n,). K prototypes: p (K, d) -> (n, K), column k for component k.
        -inf where x has a 1 on a p_kj = 0 (or a 0 on a p_kj = 1): that x is impossible there.

    Notes
    -----
        log p(x | p_k) = sum_j x_j log p_kj + (1 - x_j) log(1 - p_kj),

    computed as two matrix products, X @ log(p).T + (1 - X) @ log(1 - p).T, with 0 log 0 = 0.

    Examples
    --------
    >>> import numpy as np
    >>> from gmm_teach import bernoulli_log_pdf
    >>> X = np.array([[1, 0], [1, 1]])
    >>> np.exp(bernoulli_log_pdf(X, [0.8, 0.5]))  # 0.8 * 0.5 for both
    array([0.4, 0.4])
    >>> np.exp(bernoulli_log_pdf(X, [[0.8, 0.5], [1.0, 0.0]]))
    array([[0.4, 1. ],
           [0.4, 0. ]])
    """
    X = check_binary_data(X)
    p = as_float_array(p, "p")
    single = p.ndim == 1
    if single:
        p = p[None, :]
    if p.ndim != 2 or p.shape[1] != X.shape[1] or p.shape[0] < 1:
        raise ValueError(f"p must have shape (d,) or (K, d) with d = {X.shape[1]} (the features of X); "
                         f"received shape {p.shape if not single else p.shape[1:]}.")
    check_finite(p, "p")
    bad = (p < 0) | (p > 1)
    if bad.any():
        raise ValueError(f"p holds probabilities, each in [0, 1]; found {float(p[bad][0])!r}.")
    out = _log_pdf_nk(X, p)
    return out[:, 0] if single else out


def _e_step_nk(X, params: BernoulliParams):
    """Responsibilities (n, K) and total log-likelihood. X already checked."""
    log_r = _log_pdf_nk(X, params.p)  # (n, K)
    with np.errstate(divide="ignore"):  # phi_k = 0: log 0 = -inf, that component gets gamma = 0
        log_r += np.log(params.phi)[None, :]
    log_norm = normalize_log_(log_r, axis=1)  # (n, K) now responsibilities; (n,) log p(x_n)
    if not np.all(np.isfinite(log_norm)):
        i = int(np.argmin(np.isfinite(log_norm)))
        raise ValueError(f"X[{i}] is impossible under every component (each has a p_kj of exactly 0 where X[{i}] "
                         f"has a 1, or of exactly 1 where it has a 0, or phi_k = 0): its responsibilities "
                         f"would be 0 / 0. Keep p away from 0 and 1 (alpha > 0 in the M-step).")
    return log_r, float(log_norm.sum())


def bernoulli_e_step(X, params: BernoulliParams):
    """E-step: gamma_nk = phi_k p(x_n | p_k) / sum_j phi_j p(x_n | p_j).

    Parameters
    ----------
    X : array_like, shape (n, d)
        Binary data.
    params : BernoulliParams
        The current parameters (d must match X).

    Returns
    -------
    responsibilities : ndarray, shape (n, K)
        Each row sums to 1.
    log_likelihood : float
        Total log-likelihood sum_n log sum_k phi_k p(x_n | p_k), a by-product of the normalisation.

    Raises
    ------
    ValueError
        If X is not binary or does not match params, or a point is impossible under every component.

    See Also
    --------
    bernoulli_m_step : the other half of an EM iteration.
    e_step : the same for a Gaussian mixture.

    Examples
    --------
    >>> import numpy as np
    >>> from gmm_teach import BernoulliParams, bernoulli_e_step
    >>> params = BernoulliParams([0.5, 0.5], [[0.9, 0.9], [0.1, 0.1]])
    >>> resp, ll = bernoulli_e_step([[1, 1], [0, 1]], params)
    >>> np.round(resp, 4)
    array([[0.9878, 0.0122],
           [0.5   , 0.5   ]])
    >>> print(f"{ll:.4f}")  # log(0.5 * 0.81 + 0.5 * 0.01) + log(0.09)
    -3.2995
    """
    X, params = _check_X_params(X, params)
    return _e_step_nk(X, params)


def _m_step_nk(X, resp, alpha: float) -> BernoulliParams:
    """M-step from checked X (n, d) and resp (n, K); ComponentCollapseError for an empty component at alpha = 0."""
    n = X.shape[0]
    N = resp.sum(axis=0)  # (K,)
    if alpha == 0 and np.any(N <= EPS_NK * n):
        k = int(np.argmax(N <= EPS_NK * n))
        raise ComponentCollapseError(
            f"component {k} collapsed: it holds N_k = {N[k]:.3g} points, so p_k = 0 / 0. Use alpha > 0 (for "
            f"example alpha=1e-6), which keeps every p_kj = (sum_n gamma_nk x_nj + alpha) / (N_k + 2 alpha) "
            f"defined, or another init / seed.", component=k)
    if alpha > np.finfo(np.float64).max / 4:  # N + 2 alpha would overflow to inf (and make p = 0, not ~1/2):
        p = (0.5 * (resp.T @ X) + 0.5 * alpha) / (0.5 * N + alpha)[:, None]  # halve both (exact in binary)
    else:
        p = (resp.T @ X + alpha) / (N + 2 * alpha)[:, None]  # (K, d)
    np.clip(p, 0.0, 1.0, out=p)  # round-off only: resp.T @ X <= N_k in exact arithmetic
    return BernoulliParams(N / n, p)


def bernoulli_m_step(X, responsibilities, alpha: float = 1e-6) -> BernoulliParams:
    """M-step: the mixing weights and prototypes given the responsibilities.

    Parameters
    ----------
    X : array_like, shape (n, d)
        Binary data.
    responsibilities : array_like, shape (n, K)
        Non-negative, rows summing to 1 (for example from ``bernoulli_e_step``).
    alpha : float, default 1e-6
        Pseudo-count (>= 0) that keeps p away from 0 and 1; 0 is plain maximum likelihood.

    Returns
    -------
    BernoulliParams

    Raises
    ------
    ComponentCollapseError
        With alpha = 0, if a component holds no points (N_k = 0, so p_k would be 0 / 0).
    ValueError
        If X is not binary, or responsibilities is not (n, K), negative, or its rows do not sum to 1.

    Notes
    -----
        N_k   = sum_n gamma_nk
        phi_k = N_k / n
        p_kj  = (sum_n gamma_nk x_nj + alpha) / (N_k + 2 alpha)

    With alpha > 0 this is the maximum a posteriori estimate under a Beta(1 + alpha, 1 + alpha) prior on
    every p_kj; a component with N_k = 0 then gets p_k = 0.5 and phi_k = 0.

    Examples
    --------
    >>> import numpy as np
    >>> from gmm_teach import bernoulli_m_step
    >>> X = np.array([[1, 1], [1, 0], [0, 0], [0, 1]])
    >>> params = bernoulli_m_step(X, [[1, 0], [1, 0], [0, 1], [0, 1]], alpha=0)
    >>> params.phi, params.p
    (array([0.5, 0.5]), array([[1. , 0.5],
           [0. , 0.5]]))
    >>> np.round(bernoulli_m_step(X, [[1, 0], [1, 0], [0, 1], [0, 1]], alpha=1).p, 3)
    array([[0.75, 0.5 ],
           [0.25, 0.5 ]])
    """
    X = check_binary_data(X)
    alpha = _check_alpha(alpha)
    resp = check_responsibilities(responsibilities, X.shape[0])
    return _m_step_nk(X, resp, alpha)


# --- the whole algorithm -------------------------------------------------------------------

@dataclass(frozen=True)
class BernoulliResult:
    """What ``fit_bernoulli`` returns (a frozen dataclass).

    Attributes
    ----------
    params : BernoulliParams
        Final parameters.
    responsibilities : ndarray, shape (n, K)
        Posterior p(z = k | x_n) under the final params.
    log_likelihoods : ndarray, shape (n_iter,)
        Total log-likelihood (not the per-point mean) after each iteration's M-step.
    history : tuple of BernoulliParams, length n_iter + 1
        history[0] is the initialisation, history[t] the parameters after iteration t.
    n_iter : int
        Number of EM iterations run, counted from 1.
    converged : bool
        True if |change in log-likelihood| < tol before max_iter.
    alpha : float
        The pseudo-count the M-steps used.

    Examples
    --------
    >>> import numpy as np
    >>> from gmm_teach import fit_bernoulli
    >>> X = np.array([[1, 1, 0], [1, 1, 1], [0, 0, 1], [0, 0, 0]] * 5)
    >>> result = fit_bernoulli(X, 2, seed=1)
    >>> result.phi.shape, result.p.shape, result.responsibilities.shape
    ((2,), (2, 3), (20, 2))
    >>> len(result.history) == result.n_iter + 1, result.history[-1] == result.params
    (True, True)
    """

    params: BernoulliParams
    responsibilities: np.ndarray
    log_likelihoods: np.ndarray
    history: tuple
    n_iter: int
    converged: bool
    alpha: float = 1e-6

    @property
    def phi(self) -> np.ndarray:
        """Final mixing weights, shape (K,) (params.phi)."""
        return self.params.phi

    @property
    def p(self) -> np.ndarray:
        """Final prototypes, shape (K, d) (params.p)."""
        return self.params.p


def _init_bernoulli(X, K, init, seed, alpha) -> BernoulliParams:
    n, d = X.shape
    if isinstance(init, BernoulliParams):
        if init.K != K or init.d != d:
            raise ValueError(f"init has K = {init.K} components in d = {init.d} dimensions, but fit_bernoulli was "
                             f"asked for K = {K} on X with d = {d} features.")
        return init
    if isinstance(init, str):
        if init not in INIT_METHODS_BERNOULLI:
            raise ValueError(f"init must be 'random', an (n, K) array of initial responsibilities or a "
                             f"BernoulliParams; received {describe(init)}.")
        rng = np.random.default_rng(seed)
        low, high = RANDOM_P_RANGE
        return BernoulliParams(np.full(K, 1.0 / K), rng.uniform(low, high, size=(K, d)))
    if init is None or isinstance(init, (bool, int, float, dict)):
        raise TypeError(f"init must be 'random', an (n, K) = ({n}, {K}) array of initial responsibilities or a "
                        f"BernoulliParams; received {describe(init)}.")
    resp = check_responsibilities(init, n, name="init")
    if resp.shape[1] != K:
        raise ValueError(f"init (initial responsibilities) must have shape (n, K) = ({n}, {K}); received shape "
                         f"{resp.shape}.")
    try:
        return _m_step_nk(X, resp, alpha)
    except ComponentCollapseError as err:
        raise ComponentCollapseError(f"initialisation (iteration 0, the M-step on init): {err}", err.component, 0) from None


def fit_bernoulli(X, K: int, *, init="random", seed=None, max_iter: int = 100, tol: float = 1e-5,
                  alpha: float = 1e-6) -> BernoulliResult:
    """Fit a K-component mixture of multivariate Bernoulli distributions to binary X (n, d) by EM.

    Parameters
    ----------
    X : array_like, shape (n, d)
        Binary data: every value 0 or 1 (bool, int or float). Binarise grey levels first, e.g.
        ``(X > 7).astype(int)``.
    K : int
        Number of components, 1 <= K <= n.
    init : "random", array_like of shape (n, K), or BernoulliParams, default "random"
        "random": phi_k = 1 / K and every p_kj drawn uniformly from (0.25, 0.75) with
        ``numpy.random.default_rng(seed)`` (as in Bishop's section 9.3.3). An (n, K) array: initial
        responsibilities (non-negative, rows summing to 1); history[0] is then their M-step.
        A BernoulliParams: the initial parameters themselves.
    seed : int or None, default None
        Seed of init="random" (non-negative); the same seed gives the same run. None: fresh randomness.
    max_iter : int, default 100
        Most EM iterations to run (>= 1).
    tol : float, default 1e-5
        Stop when the total log-likelihood (the sum over points, as in ``fit``) changes by less than
        this between two iterations.
    alpha : float, default 1e-6
        Pseudo-count (>= 0) of the M-step, p_kj = (sum_n gamma_nk x_nj + alpha) / (N_k + 2 alpha):
        keeps p away from 0 and 1. alpha = 0 is plain maximum likelihood.

    Returns
    -------
    BernoulliResult
        phi, p, params, responsibilities, the log-likelihood after every iteration, the parameters
        after every iteration (history), n_iter and converged.

    Raises
    ------
    ComponentCollapseError
        With alpha = 0, if a component is left with no points (its iteration attribute says when).
    ValueError, TypeError
        For invalid arguments, with a message naming the argument.

    Warns
    -----
    ConvergenceWarning
        If EM stops at max_iter before converging.

    See Also
    --------
    bernoulli_e_step, bernoulli_m_step : the stages.
    fit : EM for a Gaussian mixture.

    Notes
    -----
    Each iteration runs the E-step, then the M-step, then records the total log-likelihood under
    the new parameters, exactly as ``fit`` does. In log space,

        log gamma_nk = a_nk - logsumexp_j a_nj,
        a_nk = log phi_k + sum_j x_nj log p_kj + (1 - x_nj) log(1 - p_kj).

    With alpha = 0 EM maximises the log-likelihood, which then never decreases (up to round-off).
    With alpha > 0 it maximises the penalised objective

        log-likelihood + alpha sum_k sum_j [log p_kj + log(1 - p_kj)]

    (a Beta(1 + alpha, 1 + alpha) prior on every p_kj), which never decreases; the log-likelihood
    itself, recorded in log_likelihoods, may then dip by a tiny amount of the order of alpha.

    A component that loses all its points (N_k = 0) stays empty: with alpha > 0 it gets phi_k = 0
    and p_k = 0.5 and takes no responsibility afterwards; with alpha = 0 its p_k would be 0 / 0
    and a ComponentCollapseError is raised.

    Examples
    --------
    Two prototypes, "left half on" and "right half on", each pixel flipped with probability 0.1:

    >>> import numpy as np
    >>> from gmm_teach import fit_bernoulli
    >>> rng = np.random.default_rng(0)
    >>> truth = np.array([[0.9, 0.9, 0.9, 0.1, 0.1, 0.1], [0.1, 0.1, 0.1, 0.9, 0.9, 0.9]])
    >>> z = rng.random(500) < 0.3
    >>> X = (rng.random((500, 6)) < truth[z.astype(int)]).astype(int)
    >>> result = fit_bernoulli(X, 2, seed=0)
    >>> result.converged, result.n_iter
    (True, 8)
    >>> np.round(result.p, 1)
    array([[0.1, 0.1, 0.1, 0.9, 0.9, 0.9],
           [0.9, 0.9, 0.9, 0.1, 0.1, 0.1]])
    >>> np.round(result.phi, 2)
    array([0.26, 0.74])
    >>> bool(np.all(np.diff(result.log_likelihoods) > -1e-6))
    True
    """
    X = check_binary_data(X)
    n = X.shape[0]
    K = check_int(K, "K", low=1, high=n, high_name=f"the number of samples n = {n}")
    seed = check_seed(seed)
    max_iter = check_int(max_iter, "max_iter", low=1)
    tol = check_float(tol, "tol", low=0.0)
    alpha = _check_alpha(alpha)
    params = _init_bernoulli(X, K, init, seed, alpha)

    resp, _ = _e_step_nk(X, params)
    history, log_likelihoods, converged = [params], [], False
    for iteration in range(max_iter):
        try:
            params = _m_step_nk(X, resp, alpha)
        except ComponentCollapseError as err:  # iterations are counted from 1, components from 0
            raise ComponentCollapseError(f"EM iteration {iteration + 1}: {err}", err.component, iteration + 1) from None
        resp, ll = _e_step_nk(X, params)  # E-step of the next iteration; ll = log-likelihood after this M-step
        history.append(params)
        log_likelihoods.append(ll)
        if iteration > 0 and abs(log_likelihoods[-1] - log_likelihoods[-2]) < tol:
            converged = True
            break
    if not converged:
        warn_not_converged("EM", "log-likelihood", log_likelihoods, max_iter, tol)
    return BernoulliResult(params=params, responsibilities=resp, log_likelihoods=np.array(log_likelihoods),
                           history=tuple(history), n_iter=len(log_likelihoods), converged=converged, alpha=alpha)


__all__ = ["BernoulliParams", "BernoulliResult", "fit_bernoulli", "bernoulli_log_pdf", "bernoulli_e_step",
           "bernoulli_m_step", "check_binary_data"]
