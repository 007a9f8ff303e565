"""The source chapter's own EM code, kept verbatim (minus plotting) as a reference.

The chapter computes raw densities (no logs) and inverts Sigma explicitly. It is here
so that tests and benchmarks can compare ``gmm_teach.fit`` with it, and so that the
chapters can show where it breaks (a far-away point gives 0/0 = NaN). Do not use it
for real work: use ``gmm_teach.fit``.
"""
import numpy as np


def gaussian_pdf(x, mean, cov):
    """The chapter's density: explicit det and inverse; underflows to 0 far from the mean."""
    d = x.shape[1]
    det = np.linalg.det(cov)
    inv = np.linalg.inv(cov)
    norm_const = 1.0 / np.sqrt((2 * np.pi) ** d * det)
    diff = x - mean
    return norm_const * np.exp(-0.5 * np.sum(diff @ inv * diff, axis=1))


def em_gmm(X, K, num_iters=100, tol=1e-5, seed=11, init=None):
    """The chapter's EM_GMM loop (without the animation and the print).

    ``init`` = (phi, mu, sigma) overrides the chapter's initialisation (for benchmarks).
    Returns phi, mu, sigma, responsibilities, log_likelihoods, snapshots and the last iteration index.
    """
    n, d = X.shape
    if init is None:
        rs = np.random.RandomState(seed)  # the chapter calls np.random.seed(11); the same stream
        phi = np.ones(K) / K
        mu = X[rs.choice(n, K, replace=False)]
        sigma = np.array([np.cov(X, rowvar=False) for _ in range(K)])
    else:
        phi, mu, sigma = (np.array(a, dtype=float) for a in init)
    log_likelihoods = []
    snapshots = []
    for iteration in range(num_iters):
        # E-step
        responsibilities = np.zeros((n, K))
        for j in range(K):
            responsibilities[:, j] = phi[j] * gaussian_pdf(X, mu[j], sigma[j])
        responsibilities /= responsibilities.sum(axis=1, keepdims=True)
        # M-step
        N_k = responsibilities.sum(axis=0)
        phi = N_k / n
        mu = (responsibilities.T @ X) / N_k[:, np.newaxis]
        for j in range(K):
            diff = X - mu[j]
            sigma[j] = (responsibilities[:, j][:, np.newaxis] * diff).T @ diff / N_k[j]
        # log-likelihood
        ll = np.sum(np.log(np.sum([
            phi[j] * gaussian_pdf(X, mu[j], sigma[j]) for j in range(K)
        ], axis=0)))
        log_likelihoods.append(ll)
        snapshots.append((mu.copy(), sigma.copy(), iteration))
        if iteration > 0 and abs(log_likelihoods[-1] - log_likelihoods[-2]) < tol:
            break
    return phi, mu, sigma, responsibilities, log_likelihoods, snapshots, iteration
