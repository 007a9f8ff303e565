"""Worked solutions of chapter 01 Data generation: drawing data from a Gaussian mixture model: the collapsed solution cells of notebooks/src/01_data_generation.py.

Each block below (from one `# %% solution: NAME` line to the next) is the source of one solution cell. The
chapter source holds the line `# solution: instructor/solutions/01_data_generation.py#NAME` in its place, and
tools/build_notebooks.py puts the block there when it builds the notebooks (the instructor edition).
The blocks run in the chapter's namespace, after its cells: they use its data and functions.
Not part of the installed package, not in the student edition.
"""

# %% solution: multinomial_sample
def multinomial_sample(phi, mu, sigma, n, seed=None):
    """X (n, d) and z (n,): counts from Multinomial(n, phi), then N_k points from N(mu_k, sigma_k)."""
    rng = np.random.default_rng(seed)
    counts = rng.multinomial(n, phi)  # (K,) random, unlike int(w * n)
    X = np.vstack([rng.multivariate_normal(mu[k], sigma[k], counts[k]) for k in range(len(phi))])
    z = np.repeat(np.arange(len(phi)), counts)
    return X, z


gt.checks.check_sampler(multinomial_sample)


# %% solution: empirical_covariance
def empirical_covariance(X, z, k):
    """Maximum-likelihood covariance (divided by N_k) of the rows of X with z == k, shape (d, d)."""
    X_k = X[z == k]  # (N_k, d)
    diff = X_k - X_k.mean(axis=0)  # (N_k, d)
    return diff.T @ diff / len(X_k)  # sum of outer products / N_k


gt.checks.check_empirical_covariance(empirical_covariance)
