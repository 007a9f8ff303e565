"""Worked solutions of chapter 05 The EM algorithm: the collapsed solution cells of notebooks/src/05_em_algorithm.py.

Each block below (from one `# %% solution: NAME` line to the next) is the source of one solution cell. The
chapter source holds the line `# solution: instructor/solutions/05_em_algorithm.py#NAME` in its place, and
tools/build_notebooks.py puts the block there when it builds the notebooks (the instructor edition).
The blocks run in the chapter's namespace, after its cells: they use its data and functions.
Not part of the installed package, not in the student edition.
"""

# %% solution: em_fast
def em_fast(X, phi, mu, sigma, n_iter):
    """n_iter EM iterations with one e_step call each; returns phi, mu, sigma, log_likelihoods (n_iter,)."""
    log_likelihoods = []
    responsibilities, _ = e_step(X, phi, mu, sigma)  # E-step of the first iteration
    for _ in range(n_iter):
        phi, mu, sigma = m_step(X, responsibilities)  # M-step
        responsibilities, ll = e_step(X, phi, mu, sigma)  # next E-step; ll is the log-likelihood after this M-step
        log_likelihoods.append(ll)
    return phi, mu, sigma, np.array(log_likelihoods)


gt.checks.check_em(em_fast)


# %% solution: m_step_vectorized
def m_step_vectorized(X, responsibilities):
    """M-step without a Python loop over the components; returns phi (K,), mu (K, d), sigma (K, d, d)."""
    n = X.shape[0]
    N_k = responsibilities.sum(axis=0)  # (K,)
    phi = N_k / n
    mu = responsibilities.T @ X / N_k[:, None]  # (K, d)
    diff = X[:, None, :] - mu[None, :, :]  # (n, K, d)
    sigma = np.einsum("nk,nki,nkj->kij", responsibilities, diff, diff) / N_k[:, None, None]
    return phi, mu, sigma


gt.checks.check_m_step(m_step_vectorized)


# %% reference: em
# Not a cell of the chapter: the whole EM loop from the worked solutions of chapters 02 (log_pdf), 03 (log_sum_exp,
# and e_step, which returns the responsibilities only) and 04 (m_step), written the way a learner would. The checker
# tests (tests/test_checks.py) grade right and wrong answers built from it (tests/worked_solutions.py loads it).
# Chapter 05's own e_step returns the log-likelihood as well; em_fast above uses that one.
def log_likelihood(X, phi, mu, sigma):
    """Total log-likelihood sum_n log sum_k phi_k N(x_n | mu_k, sigma_k)."""
    K = len(phi)
    log_r = np.column_stack([np.log(phi[k]) + log_pdf(X, mu[k], sigma[k]) for k in range(K)])  # (n, K)
    return log_sum_exp(log_r).sum()


def em(X, phi, mu, sigma, n_iter):
    """n_iter iterations of EM from (phi, mu, sigma); returns phi, mu, sigma and the log-likelihoods (n_iter,).

    As in the chapter, the log-likelihood is recorded after each M-step, with the new parameters.
    """
    log_likelihoods = []
    for _ in range(n_iter):
        responsibilities = e_step(X, phi, mu, sigma)  # E-step
        phi, mu, sigma = m_step(X, responsibilities)  # M-step
        log_likelihoods.append(log_likelihood(X, phi, mu, sigma))
    return phi, mu, sigma, np.array(log_likelihoods)
