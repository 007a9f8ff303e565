"""Worked solutions of chapter 12 Beyond Gaussians: Bernoulli mixtures: the collapsed solution cells of notebooks/src/12_bernoulli_mixtures.py.

Each block below (from one `# %% solution: NAME` line to the next) is the source of one solution cell. The
chapter source holds the line `# solution: instructor/solutions/12_bernoulli_mixtures.py#NAME` in its place, and
tools/build_notebooks.py puts the block there when it builds the notebooks (the instructor edition).
The blocks run in the chapter's namespace, after its cells: they use its data and functions.
Not part of the installed package, not in the student edition.
"""

# %% solution: bernoulli_log_pdf
def bernoulli_log_pdf(X, p):
    """ln p(x_n | p_k) for binary X (n, d) and prototypes p (K, d): an (n, K) array."""
    return X @ np.log(p).T + (1 - X) @ np.log(1 - p).T  # the sum of the per-pixel logs, never their product

gt.checks.check_bernoulli_log_pdf(bernoulli_log_pdf)


# %% solution: bernoulli_m_step
def bernoulli_m_step(X, responsibilities):
    """Maximum-likelihood phi (K,) and prototypes p (K, d) from binary X (n, d) and responsibilities (n, K)."""
    N_k = responsibilities.sum(axis=0)  # (K,)
    phi = N_k / X.shape[0]
    p = responsibilities.T @ X / N_k[:, None]  # (K, d) the weighted average image
    return phi, p

# 1. 0/1 responsibilities: each p_k is the plain average of the images assigned to component k, the k-means centre
#    update (k-means' E-step differs: the nearest centre in squared Euclidean distance, which would count the differing
#    pixels only if the centres too were made of 0s and 1s).
# 2. The pixels that are off in every image have sum_n gamma_nk x_ni = 0, so p_ki = 0 in every component. With
#    alpha = 1e-6, p_ki = alpha / (N_k + 2 alpha), about 1e-6 / N_k, and each such pixel on adds ln p_ki, between
#    about -16 and -20 here (printed per component: the larger N_k, the lower).
_, p_ml = bernoulli_m_step(X, responsibilities)
never_on = X.sum(axis=0) == 0
print("entries of p that are 0:", int((p_ml == 0).sum()), "=", K, "x", int(never_on.sum()), "pixels never on")
p_alpha = gt.bernoulli_m_step(X, responsibilities, alpha=1e-6).p
print("ln p_ki of those pixels with alpha = 1e-6:", np.round(np.log(p_alpha[:, never_on]).mean(axis=1), 1))

gt.checks.check_bernoulli_m_step(bernoulli_m_step)
