"""Worked solutions to the exercises, written the way a learner would write them.

Plain numpy, a few lines each, the chapter's names (phi, mu, sigma, responsibilities).
Every function passes its checker in gmm_teach.checks:

    from gmm_teach import checks, solutions
    checks.check_e_step(solutions.e_step)

gmm_teach's own functions (gaussian.py, em.py) compute the same things faster and with
Cholesky factors; these are the readable versions.
"""
import numpy as np


def mahalanobis(X, mu, sigma):
    """Squared Mahalanobis distances (x_n - mu)^T sigma^{-1} (x_n - mu). X (n, d), mu (d,), sigma (d, d) -> (n,)."""
    diff = X - mu  # (n, d)
    sigma_inv = np.linalg.inv(sigma)  # (d, d)
    return np.sum(diff @ sigma_inv * diff, axis=1)  # (n,) each point with itself, not every pair


def log_pdf(X, mu, sigma):
    """log N(x_n | mu, sigma) for each row of X. X (n, d), mu (d,), sigma (d, d) -> (n,).

    Computed in log space, so a point far from mu gets a large negative number, not log 0 = -inf.
    """
    d = X.shape[1]
    _, log_det = np.linalg.slogdet(sigma)  # log |sigma|, without forming |sigma| (it can under/overflow)
    return -0.5 * (d * np.log(2 * np.pi) + log_det + mahalanobis(X, mu, sigma))


def pdf(X, mu, sigma):
    """N(x_n | mu, sigma) for each row of X. X (n, d), mu (d,), sigma (d, d) -> (n,)."""
    return np.exp(log_pdf(X, mu, sigma))


def log_sum_exp(a):
    """log sum_k exp(a[n, k]) for each row of a (n, K) -> (n,), without overflow or underflow."""
    m = a.max(axis=1, keepdims=True)  # (n, 1) largest term of each row
    return (m + np.log(np.sum(np.exp(a - m), axis=1, keepdims=True)))[:, 0]  # exp(a - m) <= 1, and one of them is 1


def e_step(X, phi, mu, sigma):
    """Responsibilities gamma_nk = phi_k N(x_n | mu_k, sigma_k) / sum_j phi_j N(x_n | mu_j, sigma_j), (n, K)."""
    K = len(phi)
    log_r = np.column_stack([np.log(phi[k]) + log_pdf(X, mu[k], sigma[k]) for k in range(K)])  # (n, K)
    return np.exp(log_r - log_sum_exp(log_r)[:, None])  # normalise each row in log space


def m_step(X, responsibilities):
    """Maximum-likelihood phi (K,), mu (K, d), sigma (K, d, d) from responsibilities (n, K)."""
    n, d = X.shape
    N_k = responsibilities.sum(axis=0)  # (K,) effective number of points of each component
    phi = N_k / n
    mu = responsibilities.T @ X / N_k[:, None]  # (K, d)
    sigma = np.zeros((len(N_k), d, d))
    for k in range(len(N_k)):
        diff = X - mu[k]  # (n, d)
        sigma[k] = (responsibilities[:, k, None] * diff).T @ diff / N_k[k]  # weight one side only; divide by N_k
    return phi, mu, sigma


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
