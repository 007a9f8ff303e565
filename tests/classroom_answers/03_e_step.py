"""Made-up submissions for chapter 03 (tests/test_classroom.py): a correct answer written differently from the worked
solution, and a typical mistake the checker knows, for each exercise. Each block replaces the learner's answer cell."""

# %% correct: log_sum_exp
def log_sum_exp(a):
    top = np.max(a, axis=1)
    shifted = a - top[:, np.newaxis]
    return top + np.log(np.sum(np.exp(shifted), axis=1))

# %% mistake: log_sum_exp (the naive exp: overflows for large a)
def log_sum_exp(a):
    return np.log(np.sum(np.exp(a), axis=1))

# %% correct: e_step
def e_step(X, phi, mu, sigma):
    n, K = X.shape[0], len(phi)
    log_w = np.empty((n, K))
    for k in range(K):
        L = np.linalg.cholesky(sigma[k])
        z = np.linalg.solve(L, (X - mu[k]).T)  # (d, n)
        log_det = 2 * np.sum(np.log(np.diag(L)))
        log_w[:, k] = np.log(phi[k]) - 0.5 * (X.shape[1] * np.log(2 * np.pi) + log_det + np.sum(z**2, axis=0))
    return np.exp(log_w - log_sum_exp(log_w)[:, None])

# %% mistake: e_step (Sigma where Sigma^-1 belongs)
def e_step(X, phi, mu, sigma):
    n, K = X.shape[0], len(phi)
    log_w = np.empty((n, K))
    for k in range(K):
        diff = X - mu[k]
        m = np.sum(diff @ sigma[k] * diff, axis=1)
        log_w[:, k] = np.log(phi[k]) - 0.5 * (X.shape[1] * np.log(2 * np.pi) + np.linalg.slogdet(sigma[k])[1] + m)
    return np.exp(log_w - log_sum_exp(log_w)[:, None])
