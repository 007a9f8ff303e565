"""Worked solutions of chapter 08 Where EM fails: local optima, singularities, label switching, k-means: the collapsed solution cells of notebooks/src/08_where_em_fails.py.

Each block below (from one `# %% solution: NAME` line to the next) is the source of one solution cell. The
chapter source holds the line `# solution: instructor/solutions/08_where_em_fails.py#NAME` in its place, and
tools/build_notebooks.py puts the block there when it builds the notebooks (the instructor edition).
The blocks run in the chapter's namespace, after its cells: they use its data and functions.
Not part of the installed package, not in the student edition.
"""

# %% solution: best_of_restarts
def best_of_restarts(X, K, seeds):
    """The EMResult with the largest final log-likelihood over the seeds; collapsed runs are skipped."""
    best = None
    for s in seeds:
        try:
            r = gt.fit(X, K, init="random", seed=s, reg_covar=0.0)
        except gt.ComponentCollapseError:
            continue  # a collapsed run: discard it
        if best is None or r.log_likelihoods[-1] > best.log_likelihoods[-1]:
            best = r
    return best


gt.checks.check_best_of_restarts(best_of_restarts)


# %% solution: soft_assign
def soft_assign(X, mu, sigma):
    """Responsibilities (n, K) with weights 1/K and Sigma_k = sigma^2 I, from X (n, d), mu (K, d), sigma > 0."""
    a = -((X[:, None, :] - mu[None, :, :]) ** 2).sum(axis=2) / (2 * sigma**2)  # (n, K) log of the unnormalised terms
    w = np.exp(a - a.max(axis=1, keepdims=True))  # the nearest mean gets exp(0) = 1: no 0 / 0
    return w / w.sum(axis=1, keepdims=True)


gt.checks.check_soft_assign(soft_assign)
