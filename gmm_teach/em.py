"""The EM algorithm for a Gaussian mixture: ``fit`` runs the steps until the log-likelihood settles.

The steps themselves are in ``gmm_teach.steps`` (E and M), the starting points in
``gmm_teach.init`` and the lower bound of chapter 07 in ``gmm_teach.bound``.
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from ._validation import check_data, check_float, check_int, check_seed, describe
from .init import init_params
from .params import GMMParams
from .steps import (ComponentCollapseError, _check_covariance_type, _check_K, _check_reg_covar,
                    _data_variance, _e_step_kn, _m_step_kn, _needs_refined_means)


class ConvergenceWarning(UserWarning):
    """EM stopped at max_iter before the log-likelihood settled.

    Issued by ``fit``; the result is still returned, with ``converged = False``. The message
    gives the last change in log-likelihood and the tolerance.

    See Also
    --------
    fit : its max_iter and tol decide when EM stops.

    Examples
    --------
    >>> import warnings
    >>> from gmm_teach import ConvergenceWarning, fit, textbook_data
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     result = fit(textbook_data(), 3, max_iter=2)
    >>> result.converged, caught[0].category is ConvergenceWarning
    (False, True)
    >>> print(caught[0].message)
    EM did not converge in max_iter = 2 iterations (last change in log-likelihood ..., tol = 1e-05). ...
    """


def warn_not_converged(who: str, quantity: str, values, max_iter: int, tol: float) -> None:
    """The ConvergenceWarning of an iterative fit that reached max_iter (fit, fit_bernoulli, fit_variational):
    the last change in `quantity` (the list of its values, one per iteration) against tol, and what to try."""
    if len(values) > 1:
        change = f"last change in {quantity} {abs(values[-1] - values[-2]):.3g}, tol = {tol:g}"
    else:  # the stopping rule compares two iterations: after one there is nothing to compare
        change = (f"with only one iteration no change in {quantity} could be measured; the earliest "
                  f"stop is after 2 iterations")
    warnings.warn(ConvergenceWarning(
        f"{who} did not converge in max_iter = {max_iter} iteration{'s' if max_iter > 1 else ''} ({change}). "
        f"Try a larger max_iter, a larger tol, or another init / seed."), stacklevel=3)


@dataclass(frozen=True)
class EMResult:
    """What ``fit`` returns (a frozen dataclass).

    Attributes
    ----------
    params : GMMParams
        Final parameters.
    responsibilities : ndarray, shape (n, K)
        Posterior p(z = k | x_n) under the final params.
    log_likelihoods : ndarray, shape (n_iter,)
        Total log-likelihood after each iteration's M-step.
    history : tuple of GMMParams, length n_iter + 1
        history[0] is the initialisation, history[t] the parameters after iteration t.
    n_iter : int
        Number of EM iterations run, counted from 1 (the chapter's loop index starts at 0,
        so its "Converged at iteration 57" is our 58th iteration: n_iter = 58).
    converged : bool
        True if |change in log-likelihood| < tol before max_iter.
    covariance_type : str
        "full", "diag", "spherical" or "tied" (bic and aic read it from a result).

    Examples
    --------
    >>> from gmm_teach import fit, textbook_data
    >>> result = fit(textbook_data(), 3, init="textbook", seed=11, reg_covar=0.0)
    >>> result.n_iter, result.converged, len(result.history), result.responsibilities.shape
    (58, True, 59, (1000, 3))
    >>> print(f"{result.log_likelihoods[-1]:.4f}")
    -3936.6409
    >>> result.history[-1] == result.params
    True
    """

    params: GMMParams
    responsibilities: np.ndarray
    log_likelihoods: np.ndarray
    history: tuple
    n_iter: int
    converged: bool
    covariance_type: str = "full"


# --- the whole algorithm ----------------------------------------------------------

def fit(X, K: int, *, init="kmeans++", seed=0, max_iter: int = 100, tol: float = 1e-5,
        reg_covar: float = 1e-6, covariance_type: str = "full") -> EMResult:
    """Fit a K-component Gaussian mixture to X (n, d) by EM.

    Parameters
    ----------
    X : array_like, shape (n, d)
        The data.
    K : int
        Number of components, 1 <= K <= n.
    init : {"kmeans++", "textbook", "random"} or GMMParams, default "kmeans++"
        How to start (see ``init_params``).
    seed : int or None, default 0
        Seed of the initialisation.
    max_iter : int, default 100
        Most EM iterations to run.
    tol : float, default 1e-5
        Stop when the log-likelihood changes by less than this between two iterations.
    reg_covar : float, default 1e-6
        Added to the diagonal of every covariance (>= 0); 0 is the chapter's plain EM.
    covariance_type : {"full", "diag", "spherical", "tied"}, default "full"
        "full" (the chapter's), "diag", "spherical" or "tied" (as scikit-learn).

    Returns
    -------
    EMResult
        Final parameters, responsibilities, the log-likelihood after every iteration, the
        parameters after every iteration (history), n_iter and converged.

    Raises
    ------
    ComponentCollapseError
        If a component collapses; its iteration attribute says when.
    ValueError, TypeError
        For invalid arguments, with a message naming the argument.

    Warns
    -----
    ConvergenceWarning
        If EM stops at max_iter before converging.

    See Also
    --------
    init_params, e_step, m_step : the stages, one function each.
    match_components : align the fitted components with true ones.
    bic : choose K.

    Notes
    -----
    Each iteration runs the E-step, then the M-step, then records the total
    log-likelihood under the new parameters (as the chapter does). EM stops when that
    log-likelihood changes by less than tol between two iterations, or after max_iter
    iterations (with a ConvergenceWarning). The log-likelihood never decreases from one
    iteration to the next (see ``lower_bound``).

    Examples
    --------
    ``fit(textbook_data(), 3, init="textbook", seed=11, reg_covar=0.0)`` reproduces the chapter:

    >>> import numpy as np
    >>> from gmm_teach import fit, textbook_data
    >>> result = fit(textbook_data(), 3, init="textbook", seed=11, reg_covar=0.0)
    >>> result.converged, result.n_iter
    (True, 58)
    >>> print(f"{result.log_likelihoods[-1]:.4f}")
    -3936.6409
    >>> np.round(result.params.phi, 4)
    array([0.3104, 0.3001, 0.3895])
    >>> bool(np.all(np.diff(result.log_likelihoods) > -1e-8))
    True
    """
    X = check_data(X)
    n = X.shape[0]
    K = _check_K(K, n)
    max_iter = check_int(max_iter, "max_iter", low=1)
    tol = check_float(tol, "tol", low=0.0)
    reg_covar = _check_reg_covar(reg_covar)
    covariance_type = _check_covariance_type(covariance_type)
    params = init_params(X, K, init=init, seed=seed, reg_covar=reg_covar, covariance_type=covariance_type)

    Xt = np.ascontiguousarray(X.T)  # (d, n)
    data_var = _data_variance(X)
    refine = _needs_refined_means(X)
    resp, _ = _e_step_kn(Xt, params)  # (K, n) responsibilities under the initial parameters
    history, log_likelihoods, converged = [params], [], False
    for iteration in range(max_iter):
        try:
            params = _m_step_kn(X, Xt, resp, reg_covar, data_var, covariance_type, refine)  # M-step
        except ComponentCollapseError as err:  # iterations are counted from 1, components from 0
            raise ComponentCollapseError(f"EM iteration {iteration + 1}: {err}", err.component, iteration + 1) from None
        del resp  # free it before the next E-step allocates its own
        resp, ll = _e_step_kn(Xt, params)  # E-step of the next iteration; ll = log-likelihood after this M-step
        history.append(params)
        log_likelihoods.append(ll)
        if iteration > 0 and abs(log_likelihoods[-1] - log_likelihoods[-2]) < tol:
            converged = True
            break
    if not converged:
        warn_not_converged("EM", "log-likelihood", log_likelihoods, max_iter, tol)
    return EMResult(params=params, responsibilities=resp.T, log_likelihoods=np.array(log_likelihoods),
                    history=tuple(history), n_iter=len(log_likelihoods), converged=converged,
                    covariance_type=covariance_type)


def fit_best_of(X, K: int, seeds, **fit_kwargs) -> EMResult:
    """The best of several EM runs: fit(X, K, seed=s, **fit_kwargs) for each s in seeds, and the run
    with the highest final log-likelihood.

    EM finds a local maximum that depends on where it starts; a few starts and the best of them is
    the usual remedy (scikit-learn's n_init). A start whose run collapses (ComponentCollapseError) is
    skipped; if every start collapses, a ComponentCollapseError says so (with the last collapse's
    component and iteration). A run that stops at max_iter counts too, without a ConvergenceWarning:
    the returned result's ``converged`` tells.

    Parameters
    ----------
    X : array_like, shape (n, d)
    K : int
    seeds : iterable of int
        One run per seed (at least one), e.g. range(5).
    **fit_kwargs
        Passed to fit: init (default "kmeans++"), max_iter, tol, reg_covar, covariance_type.

    Examples
    --------
    >>> from gmm_teach import textbook_data
    >>> X = textbook_data()
    >>> best = fit_best_of(X, 3, seeds=range(3), max_iter=50)
    >>> runs = [fit(X, 3, seed=s, max_iter=50) for s in range(3)]
    >>> bool(best.log_likelihoods[-1] == max(r.log_likelihoods[-1] for r in runs))
    True
    """
    if "seed" in fit_kwargs:
        raise TypeError("fit_best_of takes its seeds from `seeds`, one run per seed; do not pass seed=.")
    if isinstance(seeds, (str, bytes)) or not hasattr(seeds, "__iter__"):
        raise TypeError(f"seeds must be an iterable of seeds (non-negative integers), e.g. range(5); "
                        f"received {describe(seeds)}.")
    seeds = [check_seed(s, "each of seeds") for s in seeds]
    if not seeds:
        raise ValueError("seeds must hold at least one seed, e.g. range(5).")
    X = check_data(X)
    runs, collapse = [], None
    for s in seeds:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)  # EMResult.converged records it
            try:
                runs.append(fit(X, K, seed=s, **fit_kwargs))
            except ComponentCollapseError as err:
                collapse = err
    if not runs:
        raise ComponentCollapseError(f"every one of the {len(seeds)} starts collapsed for K = {K} (the last: "
                                     f"{collapse}). Use a larger reg_covar, other seeds or a smaller K.",
                                     collapse.component, collapse.iteration)
    return max(runs, key=lambda r: r.log_likelihoods[-1])
