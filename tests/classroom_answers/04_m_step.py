"""Made-up submissions for chapter 04 (tests/test_classroom.py): a correct answer written differently from the worked
solution, and a typical mistake the checker knows, for each exercise. Each block replaces the learner's answer cell."""

# %% correct: m_step
def m_step(X, responsibilities):
    N_k = np.sum(responsibilities, axis=0)
    mu = np.einsum("nk,nd->kd", responsibilities, X) / N_k[:, None]
    sigma = np.stack([np.cov(X.T, aweights=r, bias=True).reshape(X.shape[1], X.shape[1]) for r in responsibilities.T])
    return N_k / X.shape[0], mu, sigma

# %% mistake: m_step (N_k - 1, the unbiased divisor)
def m_step(X, responsibilities):
    n, d = X.shape
    N_k = responsibilities.sum(axis=0)
    mu = responsibilities.T @ X / N_k[:, None]
    sigma = np.zeros((len(N_k), d, d))
    for k in range(len(N_k)):
        diff = X - mu[k]
        sigma[k] = (responsibilities[:, k, None] * diff).T @ diff / (N_k[k] - 1)
    return N_k / n, mu, sigma

# %% correct: m_step_cov
def m_step_cov(X, responsibilities):
    n, d = X.shape
    N_k = responsibilities.sum(axis=0)
    mu = responsibilities.T @ X / N_k[:, None]
    sigma = np.array([np.cov(X, rowvar=False, aweights=responsibilities[:, k], ddof=0).reshape(d, d)
                      for k in range(len(N_k))])
    return N_k / n, mu, sigma

# %% mistake: m_step_cov (ddof=1: N_k - 1 again)
def m_step_cov(X, responsibilities):
    n, d = X.shape
    N_k = responsibilities.sum(axis=0)
    mu = responsibilities.T @ X / N_k[:, None]
    sigma = np.array([np.cov(X, rowvar=False, fweights=None, aweights=responsibilities[:, k], ddof=1).reshape(d, d)
                      for k in range(len(N_k))])
    return N_k / n, mu, sigma
