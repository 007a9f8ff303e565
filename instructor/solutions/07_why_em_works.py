"""Worked solutions of chapter 07 Why EM works: the lower bound and the KL divergence: the collapsed solution cells of notebooks/src/07_why_em_works.py.

Each block below (from one `# %% solution: NAME` line to the next) is the source of one solution cell. The
chapter source holds the line `# solution: instructor/solutions/07_why_em_works.py#NAME` in its place, and
tools/build_notebooks.py puts the block there when it builds the notebooks (the instructor edition).
The blocks run in the chapter's namespace, after its cells: they use its data and functions.
Not part of the installed package, not in the student edition.
"""

# %% solution: lower_bound
def lower_bound(X, phi, mu, sigma, q):
    """L(q, theta) = sum_n sum_k q_nk [ln phi_k + ln N(x_n | mu_k, sigma_k) - ln q_nk], one number; 0 ln 0 = 0."""
    a = np.log(phi) + gt.log_pdf(X, mu, sigma)  # (n, K)
    q_log_q = np.where(q > 0, q * np.log(np.where(q > 0, q, 1.0)), 0.0)  # q ln q, with 0 where q = 0
    return float(np.sum(q * a) - np.sum(q_log_q))


gt.checks.check_lower_bound(lower_bound)


# %% solution: increase_parts
def increase_parts(X, old, new):
    """(gain, gap): L(q, new) - L(q, old) and KL(q || p(Z | X, new)), with q the responsibilities under old."""
    q = gt.e_step(X, old)[0]  # the E-step: q is the posterior under old
    gain = gt.lower_bound(X, new, q) - gt.lower_bound(X, old, q)
    gap = gt.kl_divergence(X, new, q)
    return gain, gap


gt.checks.check_increase_parts(increase_parts)
