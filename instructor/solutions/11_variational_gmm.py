"""Worked solutions of chapter 11 The variational Bayesian GMM: the collapsed solution cells of notebooks/src/11_variational_gmm.py.

Each block below (from one `# %% solution: NAME` line to the next) is the source of one solution cell. The
chapter source holds the line `# solution: instructor/solutions/11_variational_gmm.py#NAME` in its place, and
tools/build_notebooks.py puts the block there when it builds the notebooks (the instructor edition).
The blocks run in the chapter's namespace, after its cells: they use its imports (numpy, digamma).
Not part of the installed package, not in the student edition.
"""

# %% solution: dirichlet_posterior
def dirichlet_posterior(alpha0, N_k):
    """q(phi) = Dir(phi | alpha): alpha (K,) and its mean E[phi] (K,)."""
    alpha = alpha0 + N_k  # the prior's alpha0 once per component, even for an empty one
    expected_phi = alpha / alpha.sum()  # the mean of the Dirichlet, not N_k / N
    return alpha, expected_phi


gt.checks.check_dirichlet_posterior(dirichlet_posterior)


# %% solution: expected_log_phi
def expected_log_phi(alpha):
    """E[ln phi_k] under Dir(phi | alpha), (K,)."""
    return digamma(alpha) - digamma(alpha.sum())  # not ln(alpha_k / sum alpha): ln is concave


gt.checks.check_expected_log_phi(expected_log_phi)


# %% solution: gaussian_wishart_mean
def gaussian_wishart_mean(beta0, m0, N_k, x_bar):
    """beta (K,) and m (K, d) of q(mu_k | Lambda_k) = N(mu_k | m_k, (beta_k Lambda_k)^-1)."""
    beta = beta0 + N_k  # the prior counts as beta0 points
    m = (beta0 * m0 + N_k[:, None] * x_bar) / beta[:, None]  # a weighted average of m0 and x_bar_k
    return beta, m


gt.checks.check_gaussian_wishart_mean(gaussian_wishart_mean)
