"""Worked solutions of chapter 06 Animation: the collapsed solution cells of notebooks/src/06_animation.py.

Each block below (from one `# %% solution: NAME` line to the next) is the source of one solution cell. The
chapter source holds the line `# solution: instructor/solutions/06_animation.py#NAME` in its place, and
tools/build_notebooks.py puts the block there when it builds the notebooks (the instructor edition).
The blocks run in the chapter's namespace, after its cells: they use its data and functions.
Not part of the installed package, not in the student edition.
"""

# %% solution: update_bars
def update_bars(bars, X, params, i):
    """Set the heights of the K bars to the responsibilities of X[i] under params; return bars."""
    responsibilities = gt.e_step(X[i:i + 1], params)[0][0]  # (K,): only the point itself is needed
    for bar, gamma in zip(bars, responsibilities):
        bar.set_height(gamma)
    return bars


gt.checks.check_update_bars(update_bars)


# %% solution: max_mean_step
def max_mean_step(result, start):
    """Largest distance a mean moves in one iteration t, over start <= t <= result.n_iter."""
    mus = np.array([params.mu for params in result.history])  # (n_iter + 1, K, d)
    steps = np.linalg.norm(np.diff(mus, axis=0), axis=2)  # (n_iter, K): steps[t - 1] is iteration t
    return steps[start - 1:].max()


gt.checks.check_max_mean_step(max_mean_step)
