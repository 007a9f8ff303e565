"""Made-up submissions for chapter 12 (tests/test_classroom.py): a correct answer written differently from the worked
solution, and a typical mistake the checker knows, for each exercise. Each block replaces the learner's answer cell."""

# %% correct: bernoulli_log_pdf
def bernoulli_log_pdf(X, p):
    log_on, log_off = np.log(p), np.log1p(-p)  # (K, d) each
    return np.einsum("nd,kd->nk", X, log_on) + np.einsum("nd,kd->nk", 1 - X, log_off)

# %% mistake: bernoulli_log_pdf (the log of the product: underflows to -inf for d = 64)
def bernoulli_log_pdf(X, p):
    probability = np.prod(np.where(X[:, None, :] == 1, p[None], 1 - p[None]), axis=2)  # (n, K)
    return np.log(probability)

# %% correct: bernoulli_m_step
def bernoulli_m_step(X, responsibilities):
    N_k = np.sum(responsibilities, axis=0)
    p = np.stack([(responsibilities[:, k, None] * X).sum(axis=0) / N_k[k] for k in range(len(N_k))])
    return N_k / len(X), p

# %% mistake: bernoulli_m_step (p divided by N instead of N_k)
def bernoulli_m_step(X, responsibilities):
    N_k = responsibilities.sum(axis=0)
    return N_k / len(X), responsibilities.T @ X / len(X)
