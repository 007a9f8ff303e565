"""Worked solutions of chapter 10 Real data and scikit-learn: the iris data, covariance types, and a map of names: the collapsed solution cells of notebooks/src/10_real_data_sklearn.py.

Each block below (from one `# %% solution: NAME` line to the next) is the source of one solution cell. The
chapter source holds the line `# solution: instructor/solutions/10_real_data_sklearn.py#NAME` in its place, and
tools/build_notebooks.py puts the block there when it builds the notebooks (the instructor edition).
The blocks run in the chapter's namespace, after its cells: they use its data and functions.
Not part of the installed package, not in the student edition.
"""

# %% solution: n_params_by_type
def n_params_by_type(K, d, covariance_type):
    """Free parameters of a K-component mixture in d dimensions with the given covariance type."""
    covariances = {"full": K * d * (d + 1) // 2,  # a symmetric matrix per component
                   "diag": K * d,  # d variances per component
                   "spherical": K,  # one variance per component
                   "tied": d * (d + 1) // 2}  # one symmetric matrix shared by all
    return (K - 1) + K * d + covariances[covariance_type]


gt.checks.check_n_parameters_by_type(n_params_by_type)


# %% solution: full_covariances
def full_covariances(covariances, covariance_type, K, d):
    """scikit-learn's covariances_ for covariance_type, as K full (d, d) matrices: shape (K, d, d)."""
    covariances = np.asarray(covariances, dtype=float)
    if covariance_type == "full":
        return covariances.copy()
    if covariance_type == "diag":
        return covariances[:, :, None] * np.eye(d)  # each row on a diagonal
    if covariance_type == "spherical":
        return covariances[:, None, None] * np.eye(d)  # s_k^2 I
    return np.repeat(covariances[None], K, axis=0)  # tied: the same matrix K times


gt.checks.check_full_covariances(full_covariances)
