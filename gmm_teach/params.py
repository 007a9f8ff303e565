"""GMMParams: the one place that says what a valid Gaussian mixture is.

A mixture of K Gaussians in d dimensions is

    p(x) = sum_k phi_k N(x | mu_k, Sigma_k)

with mixing weights phi (K,), means mu (K, d) and covariance matrices sigma (K, d, d).
"""
from __future__ import annotations

import numpy as np

from ._validation import as_float_array, check_finite, check_int

PHI_SUM_TOL = 1e-8  # phi must sum to 1 within this (float noise is fine, a typo is not)
# ... or, for phi given in a less precise float type (float32, float16), within PHI_SUM_EPS machine
# epsilons of that type. Normalising K weights in a type with unit roundoff u = eps / 2 (phi /= phi.sum())
# leaves the sum off by at most about K u (the sum's rounding plus one rounding per division), and
# 8 eps = 16 u covers that for any summation order up to K = 16 (measured: under 2 eps for K <= 100 in
# float32, under 1 eps in float16). That is 9.5e-7 in float32 (scikit-learn accepts float32 weights
# within 1e-6) and 7.8e-3 in float16; float64 and integer input keep PHI_SUM_TOL.
PHI_SUM_EPS = 8
SYMMETRY_TOL = 1e-8  # |Sigma - Sigma^T| relative to max |Sigma|


def cholesky_or_none(sigma: np.ndarray) -> np.ndarray | None:
    """Lower Cholesky factors of a (K, d, d) stack, or None if some matrix is not positive definite."""
    try:
        chol = np.linalg.cholesky(sigma)  # (K, d, d)
    except np.linalg.LinAlgError:
        return None
    diag = np.diagonal(chol, axis1=1, axis2=2)  # (K, d)
    if not np.all(np.isfinite(chol)) or np.any(diag <= 0):
        return None
    return chol


def first_not_positive_definite(sigma: np.ndarray) -> tuple[int, float]:
    """Index and smallest eigenvalue of the first matrix in (K, d, d) that is not positive definite."""
    for k in range(sigma.shape[0]):
        if cholesky_or_none(sigma[k : k + 1]) is None:
            return k, float(np.linalg.eigvalsh(sigma[k]).min())
    return -1, float("nan")


def _float_eps(value) -> float:
    """Machine epsilon of the float type `value` came in (float64's for ints, lists of floats, ...)."""
    dtype = getattr(value, "dtype", None)
    if dtype is None:
        dtype = np.asarray(value).dtype  # only called once `value` converted fine
    try:
        if np.issubdtype(dtype, np.floating):
            return float(np.finfo(dtype).eps)
    except TypeError:  # a pandas extension dtype such as Float32
        pass
    return float(np.finfo(np.float64).eps)


def _phi_sum_tolerance(phi_in) -> float:
    return max(PHI_SUM_TOL, PHI_SUM_EPS * _float_eps(phi_in))


def _read_only(array: np.ndarray) -> np.ndarray:
    array = np.array(array, dtype=np.float64, copy=True)
    array.flags.writeable = False
    return array


class GMMParams:
    """Parameters of a K-component Gaussian mixture in d dimensions (immutable).

    The arrays are copied (as float64) and made read-only. The Cholesky factors of sigma are
    computed once here (validation needs them anyway) and reused by the E-step.

    Parameters
    ----------
    phi : array_like, shape (K,)
        Mixing weights: non-negative, summing to 1.
    mu : array_like, shape (K, d)
        Component means.
    sigma : array_like, shape (K, d, d)
        Component covariance matrices: symmetric positive definite.

    Attributes
    ----------
    phi, mu, sigma : ndarray
        Read-only float64 copies of the arguments, shapes (K,), (K, d) and (K, d, d).
    cholesky : ndarray, shape (K, d, d)
        Lower Cholesky factors L_k with L_k L_k^T = Sigma_k.
    K : int
        Number of components.
    d : int
        Dimension of the data.

    Raises
    ------
    TypeError
        If an argument is not numeric.
    ValueError
        If the shapes disagree, a value is NaN or inf, phi is negative or does not sum to 1,
        or some sigma_k is not symmetric positive definite. The message says which component.
    AttributeError
        On any attempt to set an attribute: build a new GMMParams instead.

    See Also
    --------
    from_components : build 2-D parameters from standard deviations and correlations.
    fit : estimate the parameters from data by EM.

    Notes
    -----
    The mixture density is

        p(x) = sum_k phi_k N(x | mu_k, Sigma_k).

    phi must sum to 1 within 1e-8, or, if it is given in a less precise float type (float32,
    float16), within the rounding error of normalising it in that type (8 machine epsilons);
    such a phi is then normalised again in float64, so that ``params.phi`` sums to 1 to float64
    precision (sampling and the likelihood rely on that).

    Two GMMParams compare equal (``==``) when their arrays are exactly equal; ``allclose``
    compares them numerically. Objects are immutable, hence unhashable and safe to share.

    Examples
    --------
    >>> import numpy as np
    >>> from gmm_teach import GMMParams
    >>> params = GMMParams(phi=[0.5, 0.5], mu=[[0, 0], [3, 3]], sigma=[np.eye(2), 2 * np.eye(2)])
    >>> params.K, params.d
    (2, 2)
    >>> params
    GMMParams(K=2, d=2,
      phi=[0.5 0.5],
      mu=[[0.0, 0.0], [3.0, 3.0]],
      sigma=[[[1.0, 0.0], [0.0, 1.0]], [[2.0, 0.0], [0.0, 2.0]]])

    The parameters cannot be changed in place:

    >>> params.phi[0] = 0.9
    Traceback (most recent call last):
        ...
    ValueError: assignment destination is read-only
    """

    __slots__ = ("_phi", "_mu", "_sigma", "_chol")

    def __init__(self, phi, mu, sigma):
        phi_in, phi = phi, as_float_array(phi, "phi")
        mu = as_float_array(mu, "mu")
        sigma = as_float_array(sigma, "sigma")
        if phi.ndim != 1 or phi.shape[0] < 1:
            raise ValueError(f"phi must be a 1-D array of shape (K,) with K >= 1; received shape {phi.shape}.")
        K = phi.shape[0]
        if mu.ndim != 2 or mu.shape[0] != K or mu.shape[1] < 1:
            raise ValueError(f"mu must have shape (K, d) = ({K}, d) to match phi (K = {K}); received shape {mu.shape}.")
        d = mu.shape[1]
        if sigma.shape != (K, d, d):
            raise ValueError(f"sigma must have shape (K, d, d) = ({K}, {d}, {d}) to match phi and mu; received shape {sigma.shape}.")
        for name, array in (("phi", phi), ("mu", mu), ("sigma", sigma)):
            check_finite(array, name)
        if np.any(phi < 0):
            k = int(np.argmax(phi < 0))
            raise ValueError(f"phi must be non-negative; component {k} has phi[{k}] = {phi[k]!r}.")
        with np.errstate(over="ignore"):  # an overflowing sum gets its own advice below
            total = float(phi.sum())  # in float64, whatever the input type
        tol = _phi_sum_tolerance(phi_in)
        if not abs(total - 1.0) <= tol:
            if total <= 0:
                fix = "At least one weight must be positive."
            elif not np.isfinite(total):  # phi / phi.sum() would give all zeros
                fix = "Its sum overflows float64: divide by phi.max() first, then by the sum."
            elif tol > PHI_SUM_TOL:  # float32 / float16: normalising in that type may still miss 1e-8
                fix = "Normalise it in float64: phi = np.asarray(phi, dtype=float); phi = phi / phi.sum()."
            else:  # in float64 the division leaves an error of about K * 1e-16, far below 1e-8
                fix = "Divide by phi.sum() to normalise it."
            raise ValueError(
                f"phi must sum to 1 (within {tol:.2g}); received phi = {np.array2string(phi, precision=6)} "
                f"summing to {total!r}. {fix}"
            )
        if tol > PHI_SUM_TOL:
            phi = phi / total  # float32 / float16 weights: complete the normalisation in float64
        for k in range(K):
            scale = max(float(np.abs(sigma[k]).max()), np.finfo(float).tiny)
            asym = float(np.abs(sigma[k] - sigma[k].T).max())
            if asym > SYMMETRY_TOL * scale:
                raise ValueError(
                    f"sigma must be symmetric; component {k} has sigma[{k}] - sigma[{k}].T up to {asym:.3g} "
                    f"(allowed {SYMMETRY_TOL:g} relative). Use (S + S.T) / 2."
                )
        chol = cholesky_or_none(sigma)
        if chol is None:
            k, smallest = first_not_positive_definite(sigma)
            raise ValueError(
                f"sigma must be positive definite; component {k} is not "
                f"(smallest eigenvalue {smallest:.3g}, expected > 0). A covariance from too few or "
                f"identical points is singular: add a small multiple of the identity (reg_covar)."
            )
        self._phi, self._mu, self._sigma, self._chol = (
            _read_only(phi), _read_only(mu), _read_only(sigma), _read_only(chol))

    # --- read-only views -------------------------------------------------
    @property
    def phi(self) -> np.ndarray:
        """Mixing weights, shape (K,)."""
        return self._phi.view()  # a view of a read-only array cannot be made writeable

    @property
    def mu(self) -> np.ndarray:
        """Means, shape (K, d)."""
        return self._mu.view()  # a view of a read-only array cannot be made writeable

    @property
    def sigma(self) -> np.ndarray:
        """Covariance matrices, shape (K, d, d)."""
        return self._sigma.view()  # a view of a read-only array cannot be made writeable

    @property
    def cholesky(self) -> np.ndarray:
        """Lower Cholesky factors L_k with L_k L_k^T = Sigma_k, shape (K, d, d).

        Computed once, when the parameters are built; the E-step uses them instead of inverting Sigma_k.

        Examples
        --------
        >>> import numpy as np
        >>> from gmm_teach import GMMParams
        >>> params = GMMParams([0.3, 0.7], [[0, 0], [3, 3]], [np.eye(2), [[4, 2], [2, 2]]])
        >>> L = params.cholesky[1]
        >>> L
        array([[2., 0.],
               [1., 1.]])
        >>> np.allclose(L @ L.T, params.sigma[1])
        True
        """
        return self._chol.view()

    @property
    def K(self) -> int:
        """Number of components."""
        return self._phi.shape[0]

    @property
    def d(self) -> int:
        """Dimension of the data."""
        return self._mu.shape[1]

    # --- value semantics ---------------------------------------------------
    def __setattr__(self, name, value):
        if hasattr(self, "_chol"):
            raise AttributeError("GMMParams is immutable; build a new one, e.g. GMMParams(phi, mu, new_sigma).")
        object.__setattr__(self, name, value)

    def __eq__(self, other):
        if not isinstance(other, GMMParams):
            return NotImplemented
        return (self.phi.shape == other.phi.shape and self.mu.shape == other.mu.shape
                and np.array_equal(self.phi, other.phi) and np.array_equal(self.mu, other.mu)
                and np.array_equal(self.sigma, other.sigma))

    __hash__ = None

    def __repr__(self):
        with np.printoptions(precision=4, suppress=True):
            return (f"GMMParams(K={self.K}, d={self.d},\n  phi={self.phi},\n  mu={self.mu.tolist()},\n"
                    f"  sigma={self.sigma.tolist()})")

    def __reduce__(self):  # picklable (multiprocessing, caching)
        return (GMMParams, (self.phi, self.mu, self.sigma))

    def permute(self, order) -> "GMMParams":
        """The same mixture with components reordered: new component j is old component order[j].

        Parameters
        ----------
        order : array_like of int, shape (K,)
            A permutation of 0, ..., K - 1, for example from ``match_components``.

        Returns
        -------
        GMMParams
            A new object; the mixture density is unchanged (only the labels move).

        Raises
        ------
        ValueError
            If order is not a permutation of 0, ..., K - 1.

        See Also
        --------
        match_components : the order that aligns estimated components with true ones.

        Examples
        --------
        >>> import numpy as np
        >>> from gmm_teach import GMMParams
        >>> params = GMMParams([0.3, 0.7], [[0, 0], [3, 3]], [np.eye(2), 2 * np.eye(2)])
        >>> swapped = params.permute([1, 0])
        >>> swapped.phi, swapped.mu.tolist()
        (array([0.7, 0.3]), [[3.0, 3.0], [0.0, 0.0]])
        >>> swapped.permute([1, 0]) == params
        True
        """
        order = np.asarray(order)
        if order.dtype.kind not in "iu" or sorted(order.tolist()) != list(range(self.K)):
            raise ValueError(f"order must be a permutation of 0..{self.K - 1}; received {order.tolist()}.")
        return GMMParams(self.phi[order], self.mu[order], self.sigma[order])

    def allclose(self, other: "GMMParams", rtol: float = 1e-6, atol: float = 1e-8) -> bool:
        """True if `other` has the same shapes and numerically equal parameters.

        Parameters
        ----------
        other : GMMParams
            The parameters to compare with (components in the same order: see ``permute``).
        rtol, atol : float, optional
            Relative and absolute tolerances, as in ``numpy.allclose``.

        Returns
        -------
        bool
            True if phi, mu and sigma all agree within the tolerances.

        Examples
        --------
        >>> import numpy as np
        >>> from gmm_teach import GMMParams
        >>> a = GMMParams([0.5, 0.5], [[0, 0], [3, 3]], [np.eye(2), np.eye(2)])
        >>> b = GMMParams([0.5, 0.5], [[0, 1e-9], [3, 3]], [np.eye(2), np.eye(2)])
        >>> a == b, a.allclose(b)
        (False, True)
        """
        return (self.phi.shape == other.phi.shape and self.mu.shape == other.mu.shape
                and np.allclose(self.phi, other.phi, rtol=rtol, atol=atol)
                and np.allclose(self.mu, other.mu, rtol=rtol, atol=atol)
                and np.allclose(self.sigma, other.sigma, rtol=rtol, atol=atol))

    def marginal(self, dims) -> "GMMParams":
        """The marginal mixture over the coordinates `dims`: the same weights, the means' entries
        mu[:, dims] and the covariances' blocks sigma[:, dims][:, :, dims].

        The marginal of a Gaussian over some coordinates is the Gaussian with those entries of the
        mean and that block of the covariance, so the marginal of a mixture is exact, not an
        approximation. The widgets use it to draw two features of a d > 2 mixture.

        Parameters
        ----------
        dims : sequence of int
            Distinct coordinates from 0 to d - 1, in the order wanted (at least one).

        Returns
        -------
        GMMParams
            K components in len(dims) dimensions.

        Examples
        --------
        >>> import numpy as np
        >>> from gmm_teach import GMMParams
        >>> sigma = np.array([[[4.0, 1.0, 0.5], [1.0, 2.0, 0.0], [0.5, 0.0, 1.0]]])
        >>> m = GMMParams([1.0], [[1.0, 2.0, 3.0]], sigma).marginal([2, 0])
        >>> m.mu.tolist(), m.sigma.tolist()
        ([[3.0, 1.0]], [[[1.0, 0.5], [0.5, 4.0]]])
        """
        if isinstance(dims, (str, bytes)) or not hasattr(dims, "__len__") or isinstance(dims, dict):
            raise TypeError(f"dims must be a sequence of coordinates from 0 to {self.d - 1}, e.g. [0, 1]; "
                            f"received {type(dims).__name__}.")
        dims = [check_int(j, "each of dims", low=0, high=self.d - 1, high_name=f"the mixture has d = {self.d}")
                for j in dims]
        if not dims or len(set(dims)) != len(dims):
            raise ValueError(f"dims must hold at least one coordinate, each once; received {dims}.")
        return GMMParams(self.phi, self.mu[:, dims], self.sigma[:, dims][:, :, dims])


def from_components(weights, means, stds, correlations) -> GMMParams:
    """Build 2-D GMMParams from per-component standard deviations and correlations.

    This is the parametrisation the widgets use: each number has a meaning you can see.

    Parameters
    ----------
    weights : array_like, shape (K,)
        Non-negative, not all zero; they need not sum to 1 (they are normalised).
    means : array_like, shape (K, 2)
        Component means.
    stds : array_like, shape (K, 2)
        Standard deviations (sigma_x, sigma_y) of each component, all > 0.
    correlations : array_like, shape (K,)
        Correlation rho of each component, strictly between -1 and 1.

    Returns
    -------
    GMMParams
        K components in d = 2 dimensions.

    Raises
    ------
    ValueError
        If the shapes disagree, a weight is negative (or all are 0), a standard deviation is
        not positive, or a correlation is not strictly between -1 and 1 (at +-1 the Gaussian is
        squashed onto a line and has no density).

    Notes
    -----
    Each covariance matrix is

        Sigma_k = [[sigma_x^2,             rho sigma_x sigma_y],
                   [rho sigma_x sigma_y,   sigma_y^2          ]].

    Examples
    --------
    >>> from gmm_teach import from_components
    >>> params = from_components(weights=[1, 3], means=[[0, 0], [3, 3]],
    ...                          stds=[[1, 2], [0.5, 0.5]], correlations=[0.5, 0.0])
    >>> params.phi
    array([0.25, 0.75])
    >>> params.sigma[0]
    array([[1., 1.],
           [1., 4.]])
    """
    weights = as_float_array(weights, "weights")
    stds = as_float_array(stds, "stds")
    rho = as_float_array(correlations, "correlations")
    K = weights.shape[0] if weights.ndim == 1 else -1
    if K < 1 or stds.shape != (K, 2) or rho.shape != (K,):
        raise ValueError(f"weights (K,), stds (K, 2) and correlations (K,) must agree; received shapes "
                         f"{weights.shape}, {stds.shape}, {rho.shape}.")
    if np.any(weights < 0) or weights.sum() <= 0:
        raise ValueError(f"weights must be non-negative and not all zero; received {weights.tolist()}.")
    for k in range(K):
        if not (stds[k] > 0).all():
            raise ValueError(f"standard deviations must be > 0; component {k} has {stds[k].tolist()}.")
        if not -1 < rho[k] < 1:
            raise ValueError(f"a correlation must lie strictly between -1 and 1; component {k} has {rho[k]}: "
                             f"at +-1 the Gaussian is squashed onto a line and has no density.")
    sx, sy = stds[:, 0], stds[:, 1]
    sigma = np.empty((K, 2, 2))
    sigma[:, 0, 0], sigma[:, 1, 1] = sx**2, sy**2
    sigma[:, 0, 1] = sigma[:, 1, 0] = rho * sx * sy
    return GMMParams(weights / weights.sum(), means, sigma)


def check_params(params, name: str = "params") -> GMMParams:
    """Return `params` if it is a GMMParams; a TypeError naming `name` otherwise.

    >>> check_params([0.5, 0.5])
    Traceback (most recent call last):
        ...
    TypeError: params must be a GMMParams(phi, mu, sigma); received list.
    """
    if not isinstance(params, GMMParams):
        raise TypeError(f"{name} must be a GMMParams(phi, mu, sigma); received {type(params).__name__}.")
    return params


__all__ = ["GMMParams", "from_components", "check_params", "check_int"]
