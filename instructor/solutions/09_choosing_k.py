"""Worked solutions of chapter 09 Choosing K: BIC, AIC and the held-out log-likelihood: the collapsed solution cells of notebooks/src/09_choosing_k.py.

Each block below (from one `# %% solution: NAME` line to the next) is the source of one solution cell. The
chapter source holds the line `# solution: instructor/solutions/09_choosing_k.py#NAME` in its place, and
tools/build_notebooks.py puts the block there when it builds the notebooks (the instructor edition).
The blocks run in the chapter's namespace, after its cells: they use its data and functions.
Not part of the installed package, not in the student edition.
"""

# %% solution: n_params
def n_params(K, d):
    """Free parameters of a K-component Gaussian mixture in d dimensions with full covariances."""
    weights = K - 1  # they sum to 1
    means = K * d
    covariances = K * d * (d + 1) // 2  # symmetric: d variances + d(d - 1)/2 covariances each
    return weights + means + covariances


gt.checks.check_n_parameters(n_params)


# %% solution: information_criteria
def information_criteria(X, params):
    """(BIC, AIC) of a full-covariance Gaussian mixture `params` on the data X (n, d)."""
    ll = gt.log_likelihood(X, params)  # the total over all points, not the mean
    p = n_params(params.K, params.d)
    return -2 * ll + p * np.log(X.shape[0]), -2 * ll + 2 * p


gt.checks.check_information_criteria(information_criteria)
