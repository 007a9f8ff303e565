"""Made-up submissions for chapter 05 (tests/test_classroom.py): a correct answer written differently from the worked
solution, and a typical mistake the checker knows, for each exercise. Each block replaces the learner's answer cell."""

# %% correct: em_fast
def em_fast(X, phi, mu, sigma, n_iter):
    gamma, _ = e_step(X, phi, mu, sigma)
    lls = np.empty(n_iter)
    for t in range(n_iter):
        phi, mu, sigma = m_step(X, gamma)
        gamma, lls[t] = e_step(X, phi, mu, sigma)
    return phi, mu, sigma, lls

# %% mistake: em_fast (the log-likelihood of the old parameters, before the M-step)
def em_fast(X, phi, mu, sigma, n_iter):
    lls = []
    for _ in range(n_iter):
        gamma, ll = e_step(X, phi, mu, sigma)
        lls.append(ll)
        phi, mu, sigma = m_step(X, gamma)
    return phi, mu, sigma, np.array(lls)

# %% correct: m_step_vectorized
def m_step_vectorized(X, responsibilities):
    N_k = responsibilities.sum(0)
    mu = (responsibilities.T @ X) / N_k[:, None]
    diff = X[:, None, :] - mu[None]
    weighted = responsibilities[:, :, None] * diff  # (n, K, d)
    sigma = np.einsum("nki,nkj->kij", weighted, diff) / N_k[:, None, None]
    return N_k / len(X), mu, sigma

# %% mistake: m_step_vectorized (N_k - 1)
def m_step_vectorized(X, responsibilities):
    N_k = responsibilities.sum(0)
    mu = (responsibilities.T @ X) / N_k[:, None]
    diff = X[:, None, :] - mu[None]
    sigma = np.einsum("nk,nki,nkj->kij", responsibilities, diff, diff) / (N_k - 1)[:, None, None]
    return N_k / len(X), mu, sigma
