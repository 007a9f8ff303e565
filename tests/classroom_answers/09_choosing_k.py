"""Made-up submissions for chapter 09 (tests/test_classroom.py): a correct answer written differently from the worked
solution, and a typical mistake the checker knows, for each exercise. Each block replaces the learner's answer cell."""

# %% correct: n_params
def n_params(K, d):
    return K * (1 + d + d * (d + 1) // 2) - 1

# %% mistake: n_params (K free weights: the sum-to-one constraint forgotten)
def n_params(K, d):
    return K + K * d + K * d * (d + 1) // 2

# %% correct: information_criteria
def information_criteria(X, params):
    log_density = gt.mixture_log_pdf(X, params)  # (n,)
    total = float(np.sum(log_density))
    p = n_params(params.K, params.d)
    return p * np.log(len(X)) - 2 * total, 2 * p - 2 * total

# %% mistake: information_criteria (the mean log-likelihood per point, as scikit-learn's score)
def information_criteria(X, params):
    ll = gt.log_likelihood(X, params) / X.shape[0]
    p = n_params(params.K, params.d)
    return -2 * ll + p * np.log(X.shape[0]), -2 * ll + 2 * p
