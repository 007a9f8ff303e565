"""Made-up submissions for chapter 11 (tests/test_classroom.py): a correct answer written differently from the worked
solution, and a typical mistake the checker knows, for each exercise. Each block replaces the learner's answer cell."""

# %% correct: dirichlet_posterior
def dirichlet_posterior(alpha0, N_k):
    alpha = np.full(len(N_k), float(alpha0)) + np.asarray(N_k)
    total = len(N_k) * alpha0 + np.sum(N_k)
    return alpha, alpha / total

# %% mistake: dirichlet_posterior (the maximum-likelihood weights N_k / N instead of E[phi_k])
def dirichlet_posterior(alpha0, N_k):
    return alpha0 + N_k, N_k / N_k.sum()

# %% correct: expected_log_phi
def expected_log_phi(alpha):
    alpha = np.asarray(alpha, dtype=float)
    return np.array([digamma(a) for a in alpha]) - digamma(np.sum(alpha))

# %% mistake: expected_log_phi (the log of the mean, ln(alpha_k / sum alpha))
def expected_log_phi(alpha):
    return np.log(alpha) - np.log(alpha.sum())

# %% correct: gaussian_wishart_mean
def gaussian_wishart_mean(beta0, m0, N_k, x_bar):
    beta = N_k + beta0
    weight = (N_k / beta)[:, None]  # how much the data count against the prior
    return beta, weight * x_bar + (1 - weight) * m0

# %% mistake: gaussian_wishart_mean (divided by N_k instead of beta_k)
def gaussian_wishart_mean(beta0, m0, N_k, x_bar):
    beta = beta0 + N_k
    return beta, (beta0 * m0 + N_k[:, None] * x_bar) / N_k[:, None]
