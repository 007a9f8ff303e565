"""Worked solutions of chapter 04 The M-step: maximum likelihood with the responsibilities as weights: the collapsed solution cells of notebooks/src/04_m_step.py.

Each block below (from one `# %% solution: NAME` line to the next) is the source of one solution cell. The
chapter source holds the line `# solution: instructor/solutions/04_m_step.py#NAME` in its place, and
tools/build_notebooks.py puts the block there when it builds the notebooks (the instructor edition).
The blocks run in the chapter's namespace, after its cells: they use its data and functions.
Not part of the installed package, not in the student edition.
"""

# %% solution: m_step
def m_step(X, responsibilities):
    """Maximum-likelihood phi (K,), mu (K, d), sigma (K, d, d) from X (n, d) and responsibilities (n, K)."""
    n, d = X.shape
    N_k = responsibilities.sum(axis=0)  # (K,)
    phi = N_k / n
    mu = responsibilities.T @ X / N_k[:, None]  # (K, d)
    sigma = np.zeros((len(N_k), d, d))
    for k in range(len(N_k)):
        diff = X - mu[k]  # (n, d)
        sigma[k] = (responsibilities[:, k, None] * diff).T @ diff / N_k[k]
    return phi, mu, sigma

gt.checks.check_m_step(m_step)


# %% solution: m_step_cov
# 1. With 0/1 responsibilities gamma^2 = gamma, so sum_n gamma_nk^2 / N_k = N_k / N_k = 1. With soft ones gamma^2 < gamma,
#    so the amount subtracted is below 1: np.cov's default is then even closer to N_k than the unbiased N_k - 1.
# 2. The factor N_k / (N_k - c_k) with c_k = sum_n gamma_nk^2 / N_k < 1, about 1 + c_k / N_k, for the responsibilities
#    of Section 3. Component 0 is off the most although its N_k is not the smallest: its responsibilities are the most
#    decided (c_0 nearest 1), while components 1 and 2 share the upper clusters softly (gamma near 0.5, c_k near 0.5).
N_k = responsibilities.sum(axis=0)
c_k = (responsibilities**2).sum(axis=0) / N_k
print("N_k:", np.round(N_k, 1), " c_k:", np.round(c_k, 3), " np.cov default / M-step sigma:", np.round(N_k / (N_k - c_k), 5))


# 3. bias=True (or, equally, ddof=0) divides by the sum of the weights, N_k
def m_step_cov(X, responsibilities):
    """M-step with np.cov for the covariances: returns phi (K,), mu (K, d), sigma (K, d, d)."""
    n, d = X.shape
    N_k = responsibilities.sum(axis=0)
    phi = N_k / n
    mu = responsibilities.T @ X / N_k[:, None]
    sigma = np.array([np.cov(X, rowvar=False, aweights=responsibilities[:, k], bias=True).reshape(d, d)
                      for k in range(len(N_k))])
    return phi, mu, sigma

gt.checks.check_m_step(m_step_cov)
