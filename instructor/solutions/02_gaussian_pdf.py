"""Worked solutions of chapter 02 The Gaussian density: the collapsed solution cells of notebooks/src/02_gaussian_pdf.py.

Each block below (from one `# %% solution: NAME` line to the next) is the source of one solution cell. The
chapter source holds the line `# solution: instructor/solutions/02_gaussian_pdf.py#NAME` in its place, and
tools/build_notebooks.py puts the block there when it builds the notebooks (the instructor edition).
The blocks run in the chapter's namespace, after its cells: they use its data and functions.
Not part of the installed package, not in the student edition.
"""

# %% solution: mahalanobis
def mahalanobis(X, mu, sigma):
    """Squared Mahalanobis distances (x_n - mu)^T sigma^{-1} (x_n - mu). X (n, D), mu (D,), sigma (D, D) -> (n,)."""
    diff = X - mu  # (n, D)
    return np.sum(diff @ np.linalg.inv(sigma) * diff, axis=1)  # each point with itself, not every pair


gt.checks.check_mahalanobis(mahalanobis)


# %% solution: pdf
def pdf(X, mu, sigma):
    """Density N(x_n | mu, sigma) of each row of X. X (n, D), mu (D,), sigma (D, D) -> (n,)."""
    D = X.shape[1]
    norm_const = np.sqrt((2 * np.pi) ** D * np.linalg.det(sigma))  # (2 pi)^(D/2) |sigma|^(1/2)
    return np.exp(-0.5 * mahalanobis(X, mu, sigma)) / norm_const


gt.checks.check_pdf(pdf)


# %% solution: log_pdf
def log_pdf(X, mu, sigma):
    """Log density log N(x_n | mu, sigma) of each row of X, finite even far from mu. X (n, D) -> (n,)."""
    D = X.shape[1]
    _, log_det = np.linalg.slogdet(sigma)  # log |sigma| without forming |sigma|
    return -0.5 * (D * np.log(2 * np.pi) + log_det + mahalanobis(X, mu, sigma))


gt.checks.check_log_pdf(log_pdf)
