"""Worked solutions of chapter 03 The E-step: responsibilities from Bayes' theorem: the collapsed solution cells of notebooks/src/03_e_step.py.

Each block below (from one `# %% solution: NAME` line to the next) is the source of one solution cell. The
chapter source holds the line `# solution: instructor/solutions/03_e_step.py#NAME` in its place, and
tools/build_notebooks.py puts the block there when it builds the notebooks (the instructor edition).
The blocks run in the chapter's namespace, after its cells: they use its data and functions.
Not part of the installed package, not in the student edition.
"""

# %% solution: log_sum_exp
def log_sum_exp(a):
    """Row-wise log-sum-exp: a (n, K) -> (n,), ln sum_k exp(a[n, k]), without overflow or underflow."""
    m = a.max(axis=1, keepdims=True)  # (n, 1) row maximum
    return m[:, 0] + np.log(np.exp(a - m).sum(axis=1))  # every exp(a - m) <= 1 and the largest is 1

gt.checks.check_log_sum_exp(log_sum_exp)


# %% solution: e_step
def e_step(X, phi, mu, sigma):
    """Responsibilities (n, K) from X (n, d), phi (K,), mu (K, d), sigma (K, d, d)."""
    a = np.log(phi) + gt.log_pdf(X, mu, sigma)  # (n, K)
    return np.exp(a - log_sum_exp(a)[:, None])  # ln gamma_nk = a_nk - ln sum_j exp(a_nj)

gt.checks.check_e_step(e_step)
