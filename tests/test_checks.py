"""The exercise checkers of chapters 01-05 (gmm_teach/checks/sampling_and_density.py and em_steps.py)
and what every checker shares (CheckResult, the one message catalogue): right answers pass, each
typical wrong answer fails with the right hint.

The wrong answers below are written the way learners write them (plain numpy, the chapter's
names). Every verdict is checked in Japanese and in English.
"""
import re

import numpy as np
import pytest

import gmm_teach
from gmm_teach import GMMParams, checks, textbook
from worked_solutions import solutions  # instructor/solutions/ (not in the package)
from gmm_teach.checks import _framework, _mixtures, em_steps
from gmm_teach.i18n import catalogue, say, set_language


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    set_language("en")


LANGS = ["ja", "en"]


def run(checker, func, lang):
    set_language(lang)
    return checker(func)


def assert_verdict(result, status, keyword=None):
    text = str(result)
    assert result.status == status, text
    assert result.passed is (status == "correct"), text
    assert bool(result) is result.passed
    if keyword is not None:
        assert keyword in result.hint, text
    if status != "correct":
        assert result.hint, text


# --- learner-style answers: one Gaussian ----------------------------------------------------------

def pdf_chapter(X, mu, sigma):  # the source chapter's gaussian_pdf, typed in again: correct
    d = X.shape[1]
    norm_const = 1.0 / np.sqrt((2 * np.pi) ** d * np.linalg.det(sigma))
    diff = X - mu
    return norm_const * np.exp(-0.5 * np.sum(diff @ np.linalg.inv(sigma) * diff, axis=1))


def pdf_sigma_for_inv(X, mu, sigma):
    d = X.shape[1]
    diff = X - mu
    norm_const = 1.0 / np.sqrt((2 * np.pi) ** d * np.linalg.det(sigma))
    return norm_const * np.exp(-0.5 * np.sum(diff @ sigma * diff, axis=1))  # sigma, not inv(sigma)


def pdf_det_no_sqrt(X, mu, sigma):
    d = X.shape[1]
    diff = X - mu
    norm_const = 1.0 / (np.sqrt((2 * np.pi) ** d) * np.linalg.det(sigma))
    return norm_const * np.exp(-0.5 * np.sum(diff @ np.linalg.inv(sigma) * diff, axis=1))


def pdf_no_2pi(X, mu, sigma):
    diff = X - mu
    norm_const = 1.0 / np.sqrt(np.linalg.det(sigma))
    return norm_const * np.exp(-0.5 * np.sum(diff @ np.linalg.inv(sigma) * diff, axis=1))


def pdf_2pi_no_power(X, mu, sigma):
    diff = X - mu
    norm_const = 1.0 / np.sqrt(2 * np.pi * np.linalg.det(sigma))
    return norm_const * np.exp(-0.5 * np.sum(diff @ np.linalg.inv(sigma) * diff, axis=1))


def pdf_no_half(X, mu, sigma):
    d = X.shape[1]
    diff = X - mu
    norm_const = 1.0 / np.sqrt((2 * np.pi) ** d * np.linalg.det(sigma))
    return norm_const * np.exp(-np.sum(diff @ np.linalg.inv(sigma) * diff, axis=1))


def pdf_all_pairs(X, mu, sigma):
    d = X.shape[1]
    diff = X - mu
    norm_const = 1.0 / np.sqrt((2 * np.pi) ** d * np.linalg.det(sigma))
    return norm_const * np.exp(-0.5 * diff @ np.linalg.inv(sigma) @ diff.T)  # (n, n)


def pdf_keepdims(X, mu, sigma):
    return solutions.pdf(X, mu, sigma)[:, None]  # (n, 1)


def pdf_returns_list(X, mu, sigma):
    return [float(v) for v in solutions.pdf(X, mu, sigma)]


def pdf_forgot_return(X, mu, sigma):
    solutions.pdf(X, mu, sigma)


def pdf_raises(X, mu, sigma):
    d = mu.shape[1]  # mu is (d,): IndexError
    return np.zeros(d)


def pdf_mutates_inputs(X, mu, sigma):
    out = solutions.pdf(X, mu, sigma)
    X[:] = 0.0
    sigma *= 2.0
    return out


def log_pdf_via_pdf(X, mu, sigma):  # right formula, but log 0 = -inf far away
    return np.log(pdf_chapter(X, mu, sigma))


def log_pdf_inv_everywhere(X, mu, sigma):
    return solutions.log_pdf(X, mu, np.linalg.inv(sigma))


def log_pdf_returns_pdf(X, mu, sigma):
    return solutions.pdf(X, mu, sigma)


def log_pdf_no_2pi(X, mu, sigma):
    diff = X - mu
    return -0.5 * (np.log(np.linalg.det(sigma)) + np.sum(diff @ np.linalg.inv(sigma) * diff, axis=1))


def mahalanobis_sigma(X, mu, sigma):
    diff = X - mu
    return np.sum(diff @ sigma * diff, axis=1)


def mahalanobis_sqrt(X, mu, sigma):
    return np.sqrt(solutions.mahalanobis(X, mu, sigma))


def lse_naive(a):
    return np.log(np.sum(np.exp(a), axis=1))


def lse_global_max(a):
    m = a.max()
    return m + np.log(np.sum(np.exp(a - m), axis=1))


def lse_no_add_back(a):
    m = a.max(axis=1, keepdims=True)
    return np.log(np.sum(np.exp(a - m), axis=1))


def lse_wrong_axis(a):
    m = a.max(axis=0)
    return m + np.log(np.sum(np.exp(a - m), axis=0))


def lse_scalar(a):
    m = a.max()
    return m + np.log(np.sum(np.exp(a - m)))


# --- learner-style answers: E-step ----------------------------------------------------------------

def e_step_package(X, phi, mu, sigma):  # returns (responsibilities, log_likelihood)
    return gmm_teach.e_step(X, GMMParams(phi, mu, sigma))


def e_step_naive(X, phi, mu, sigma):  # the chapter's E-step: 0/0 far away
    responsibilities = np.zeros((X.shape[0], len(phi)))
    for j in range(len(phi)):
        responsibilities[:, j] = phi[j] * textbook.gaussian_pdf(X, mu[j], sigma[j])
    responsibilities /= responsibilities.sum(axis=1, keepdims=True)
    return responsibilities


def _log_r(X, phi, mu, sigma, log_pdf=solutions.log_pdf, use_phi=True):
    return np.column_stack([(np.log(phi[k]) if use_phi else 0.0) + log_pdf(X, mu[k], sigma[k])
                            for k in range(len(phi))])


def _normalise(log_r):
    return np.exp(log_r - solutions.log_sum_exp(log_r)[:, None])


def e_step_forgot_phi(X, phi, mu, sigma):
    return _normalise(_log_r(X, phi, mu, sigma, use_phi=False))


def e_step_sigma_for_inv(X, phi, mu, sigma):
    return _normalise(_log_r(X, phi, mu, sigma, log_pdf=lambda X, m, s: np.log(pdf_sigma_for_inv(X, m, s))))


def e_step_det_no_sqrt(X, phi, mu, sigma):
    return _normalise(_log_r(X, phi, mu, sigma, log_pdf=lambda X, m, s: np.log(pdf_det_no_sqrt(X, m, s))))


def e_step_no_2pi(X, phi, mu, sigma):  # (2 pi)^(d/2) is common to every k: it cancels
    return _normalise(_log_r(X, phi, mu, sigma, log_pdf=log_pdf_no_2pi))


def e_step_epsilon(X, phi, mu, sigma):  # "fixes" 0/0 with an epsilon: the far point's row becomes all zeros
    responsibilities = np.column_stack([phi[j] * textbook.gaussian_pdf(X, mu[j], sigma[j]) for j in range(len(phi))])
    return responsibilities / (responsibilities.sum(axis=1, keepdims=True) + 1e-300)


def e_step_not_normalised(X, phi, mu, sigma):
    return np.exp(_log_r(X, phi, mu, sigma))


def e_step_columns(X, phi, mu, sigma):
    weighted = np.exp(_log_r(X, phi, mu, sigma))
    return weighted / weighted.sum(axis=0, keepdims=True)


def e_step_no_keepdims(X, phi, mu, sigma):
    weighted = np.exp(_log_r(X, phi, mu, sigma))
    return weighted / weighted.sum(axis=1)  # (n, K) / (n,): broadcasting error


def e_step_transposed(X, phi, mu, sigma):
    return solutions.e_step(X, phi, mu, sigma).T


def e_step_log(X, phi, mu, sigma):
    log_r = _log_r(X, phi, mu, sigma)
    return log_r - solutions.log_sum_exp(log_r)[:, None]


def e_step_raises(X, phi, mu, sigma):
    raise ZeroDivisionError("division by zero")


def e_step_wrong_signature(X, params):
    return gmm_teach.e_step(X, params)[0]


# --- learner-style answers: M-step ----------------------------------------------------------------

def m_step_package(X, responsibilities):  # returns a GMMParams
    return gmm_teach.m_step(X, responsibilities, reg_covar=0.0)


def m_step_with(X, responsibilities, *, phi_div=None, mu_div=True, cov="ml"):
    n, d = X.shape
    K = responsibilities.shape[1]
    N_k = responsibilities.sum(axis=0)
    phi = N_k / (n if phi_div is None else phi_div)
    mu = responsibilities.T @ X / (N_k[:, None] if mu_div else 1.0)
    sigma = np.zeros((K, d, d))
    for k in range(K):
        diff = X - mu[k]
        gamma = responsibilities[:, k, None]
        if cov == "ml":
            sigma[k] = (gamma * diff).T @ diff / N_k[k]
        elif cov == "unbiased":
            sigma[k] = (gamma * diff).T @ diff / (N_k[k] - 1)
        elif cov == "np.cov":
            sigma[k] = np.cov(X, rowvar=False, aweights=responsibilities[:, k])
        elif cov == "gamma twice":
            sigma[k] = (gamma * diff).T @ (gamma * diff) / N_k[k]
    return phi, mu, sigma


def m_step_cov_bias(X, responsibilities):  # np.cov done right: bias=True is the maximum-likelihood estimate
    phi, mu, _ = m_step_with(X, responsibilities)
    sigma = np.array([np.atleast_2d(np.cov(X, rowvar=False, aweights=r, bias=True)) for r in responsibilities.T])
    return phi, mu, sigma


def m_step_two_values(X, responsibilities):
    phi, mu, sigma = solutions.m_step(X, responsibilities)
    return mu, sigma


def m_step_sigma_transposed(X, responsibilities):
    phi, mu, sigma = solutions.m_step(X, responsibilities)
    return phi, mu, sigma.transpose(1, 2, 0)  # (d, d, K)


# --- learner-style answers: the EM loop ------------------------------------------------------------

def em_package(X, phi, mu, sigma, n_iter):  # returns an EMResult
    return gmm_teach.fit(X, len(phi), init=GMMParams(phi, mu, sigma), reg_covar=0.0, max_iter=n_iter, tol=0.0)


def em_chapter(X, phi, mu, sigma, n_iter, tol=1e-5):  # the source chapter's EM_GMM loop typed in again (it
    n, K = X.shape[0], len(phi)  # writes into sigma in place and stops when the log-likelihood changes by < tol)
    log_likelihoods = []
    for iteration in range(n_iter):
        responsibilities = np.zeros((n, K))
        for j in range(K):
            responsibilities[:, j] = phi[j] * pdf_chapter(X, mu[j], sigma[j])
        responsibilities /= responsibilities.sum(axis=1, keepdims=True)
        N_k = responsibilities.sum(axis=0)
        phi = N_k / n
        mu = (responsibilities.T @ X) / N_k[:, np.newaxis]
        for j in range(K):
            diff = X - mu[j]
            sigma[j] = (responsibilities[:, j][:, np.newaxis] * diff).T @ diff / N_k[j]
        log_likelihoods.append(np.sum(np.log(np.sum([phi[j] * pdf_chapter(X, mu[j], sigma[j]) for j in range(K)],
                                                    axis=0))))
        if iteration > 0 and abs(log_likelihoods[-1] - log_likelihoods[-2]) < tol:
            break
    return phi, mu, sigma, responsibilities, log_likelihoods


def em_with(e_step=solutions.e_step, m_step=solutions.m_step, ll="after", fixed_params=False):
    def em(X, phi, mu, sigma, n_iter):
        start = (phi, mu, sigma)
        log_likelihoods = []
        for _ in range(n_iter):
            responsibilities = e_step(X, *(start if fixed_params else (phi, mu, sigma)))
            old = (phi, mu, sigma)
            phi, mu, sigma = m_step(X, responsibilities)
            if ll == "after":
                log_likelihoods.append(solutions.log_likelihood(X, phi, mu, sigma))
            elif ll == "before":
                log_likelihoods.append(solutions.log_likelihood(X, *old))
            elif ll == "no 2pi":
                log_r = _log_r(X, phi, mu, sigma, log_pdf=log_pdf_no_2pi)
                log_likelihoods.append(solutions.log_sum_exp(log_r).sum())
        return phi, mu, sigma, log_likelihoods
    return em


def em_too_short(X, phi, mu, sigma, n_iter):
    return solutions.em(X, phi, mu, sigma, n_iter - 1) if n_iter > 1 else (phi, mu, sigma, [])


def em_column_of_log_likelihoods(X, phi, mu, sigma, n_iter):  # (n_iter, 1) is fine
    phi, mu, sigma, log_likelihoods = solutions.em(X, phi, mu, sigma, n_iter)
    return phi, mu, sigma, np.array(log_likelihoods)[:, None]


def em_three_values(X, phi, mu, sigma, n_iter):
    return solutions.em(X, phi, mu, sigma, n_iter)[:3]


# --- learner-style answers: chapter 01 (a mixture sampler, the empirical covariance) ------------------------

def sampler_multinomial(phi, mu, sigma, n, seed=None):  # the chapter's solution
    rng = np.random.default_rng(seed)
    counts = rng.multinomial(n, phi)
    X = np.vstack([rng.multivariate_normal(mu[k], sigma[k], counts[k]) for k in range(len(phi))])
    return X, np.repeat(np.arange(len(phi)), counts)


def sampler_ancestral(phi, mu, sigma, n, seed=None):  # z first, then every point: also right
    rng = np.random.default_rng(seed)
    z = rng.choice(len(phi), size=n, p=phi)
    L = np.linalg.cholesky(sigma)
    X = mu[z] + np.einsum("nij,nj->ni", L[z], rng.standard_normal((n, mu.shape[1])))
    return X, z


def sampler_package(phi, mu, sigma, n, seed=None):
    return gmm_teach.sample(GMMParams(phi, mu, sigma), n, seed=seed)


def sampler_with(counts="multinomial", seeded=True, pairing=True, cholesky="right", total=True):
    def sampler(phi, mu, sigma, n, seed=None):
        rng = np.random.default_rng(seed if seeded else None)
        K, d = mu.shape
        if counts == "multinomial":
            N = rng.multinomial(n, phi)
        elif counts == "fixed":
            N = np.array([int(w * n) for w in phi])
        elif counts == "uniform":
            N = rng.multinomial(n, np.full(K, 1 / K))
        elif counts == "per component":  # every count drawn on its own from Bin(n, phi_k)
            N = rng.binomial(n, phi)
        if not total:
            N = N[:-1].tolist() + [max(int(N[-1]) - 1, 0)]
        L = np.linalg.cholesky(sigma)
        parts = []
        for k in range(K):
            eps = rng.standard_normal((N[k], d))
            parts.append(mu[k] + eps @ (L[k].T if cholesky == "right" else L[k]))
        z = np.repeat(np.arange(K), N)
        return np.vstack(parts), (z if pairing else rng.permutation(z))
    return sampler


def sampler_one_based(phi, mu, sigma, n, seed=None):
    X, z = sampler_multinomial(phi, mu, sigma, n, seed)
    return X, z + 1


def sampler_swapped(phi, mu, sigma, n, seed=None):
    X, z = sampler_multinomial(phi, mu, sigma, n, seed)
    return z, X


def sampler_only_X(phi, mu, sigma, n, seed=None):
    return sampler_multinomial(phi, mu, sigma, n, seed)[0]


def cov_chapter(X, z, k):  # the chapter's solution
    X_k = X[z == k]
    diff = X_k - X_k.mean(axis=0)
    return diff.T @ diff / len(X_k)


def cov_np_bias(X, z, k):
    return np.cov(X[z == k], rowvar=False, bias=True)


def cov_np_default(X, z, k):
    return np.cov(X[z == k], rowvar=False)


def cov_not_centred(X, z, k):
    X_k = X[z == k]
    return X_k.T @ X_k / len(X_k)


def cov_global_mean(X, z, k):
    diff = X[z == k] - X.mean(axis=0)
    return diff.T @ diff / len(diff)


def cov_all_points(X, z, k):
    return np.cov(X, rowvar=False, bias=True)


def cov_variances_only(X, z, k):
    return np.diag(X[z == k].var(axis=0))


def cov_over_n(X, z, k):
    diff = X[z == k] - X[z == k].mean(axis=0)
    return diff.T @ diff / len(X)


# --- right answers pass ---------------------------------------------------------------------------

RIGHT = [
    (checks.check_sampler, sampler_multinomial),
    (checks.check_sampler, sampler_ancestral),
    (checks.check_empirical_covariance, cov_chapter),
    (checks.check_empirical_covariance, cov_np_bias),
    (checks.check_pdf, solutions.pdf),
    (checks.check_pdf, pdf_chapter),
    (checks.check_pdf, pdf_returns_list),
    (checks.check_pdf, pdf_mutates_inputs),
    (checks.check_log_pdf, solutions.log_pdf),
    (checks.check_mahalanobis, solutions.mahalanobis),
    (checks.check_log_sum_exp, solutions.log_sum_exp),
    (checks.check_e_step, solutions.e_step),
    (checks.check_e_step, e_step_no_2pi),
    (checks.check_m_step, solutions.m_step),
    (checks.check_m_step, m_step_cov_bias),
    (checks.check_em, solutions.em),
    (checks.check_em, em_chapter),
    (checks.check_em, em_column_of_log_likelihoods),
]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("checker, func", RIGHT, ids=lambda v: getattr(v, "__name__", str(v)))
def test_right_answers_pass(checker, func, lang):
    result = run(checker, func, lang)
    assert_verdict(result, "correct")
    assert result.hint == ""
    assert str(result).startswith("✓ " + ("正解である。" if lang == "ja" else "Correct."))


# --- wrong answers fail with the right hint ---------------------------------------------------------

# (checker, func, status, keyword in the Japanese hint, keyword in the English hint)
WRONG = [
    (checks.check_sampler, sampler_with(counts="fixed"), "wrong", "rng.multinomial(n, phi)", "rng.multinomial(n, phi)"),
    (checks.check_sampler, sampler_with(counts="uniform"), "wrong", "期待値は n φ_k", "expected count"),
    (checks.check_sampler, sampler_with(counts="per component", total=True), "wrong", "総数", "in total"),
    (checks.check_sampler, sampler_with(total=False), "wrong", "総数", "in total"),
    (checks.check_sampler, sampler_with(seeded=False), "wrong", "default_rng(seed)", "default_rng(seed)"),
    (checks.check_sampler, sampler_with(pairing=False), "wrong", "対応していない", "belong together"),
    (checks.check_sampler, sampler_with(cholesky="wrong"), "wrong", "eps @ L.T", "eps @ L.T"),
    (checks.check_sampler, sampler_one_based, "wrong", "0, 1, …, K − 1", "0, 1, ..., K − 1"),
    (checks.check_sampler, sampler_swapped, "wrong", "(n, d)", "(n, d)"),
    (checks.check_sampler, sampler_only_X, "wrong", "(X, z)", "(X, z)"),
    (checks.check_sampler, lambda phi, mu, sigma, n, seed: None, "wrong", "return", "return"),
    (checks.check_empirical_covariance, cov_np_default, "wrong", "N_k − 1", "N_k − 1"),
    (checks.check_empirical_covariance, cov_not_centred, "wrong", "平均を引かずに", "without subtracting the mean"),
    (checks.check_empirical_covariance, cov_global_mean, "wrong", "全データの平均", "mean of all the data"),
    (checks.check_empirical_covariance, cov_all_points, "wrong", "X[z == k]", "X[z == k]"),
    (checks.check_empirical_covariance, cov_variances_only, "wrong", "非対角", "off-diagonal"),
    (checks.check_empirical_covariance, cov_over_n, "wrong", "点数 n で割って", "divided by n"),
    (checks.check_empirical_covariance, lambda X, z, k: X[z == k], "wrong", "print", "Print"),
    (checks.check_pdf, pdf_sigma_for_inv, "wrong", "Σ⁻¹", "Σ⁻¹"),
    (checks.check_pdf, pdf_det_no_sqrt, "wrong", "平方根", "square root"),
    (checks.check_pdf, pdf_no_2pi, "wrong", "(2π)^(d/2) が抜けて", "(2π)^(d/2)"),
    (checks.check_pdf, pdf_2pi_no_power, "wrong", "d/2 乗", "power d/2"),
    (checks.check_pdf, pdf_no_half, "wrong", "1/2 が抜けて", "1/2"),
    (checks.check_pdf, pdf_all_pairs, "wrong", "np.sum(diff @ inv * diff, axis=1)", "every pair"),
    (checks.check_pdf, pdf_keepdims, "wrong", "keepdims", "keepdims"),
    (checks.check_pdf, pdf_forgot_return, "wrong", "return", "return"),
    (checks.check_pdf, pdf_raises, "wrong", "pdf(X, mu, sigma)", "pdf(X, mu, sigma)"),
    (checks.check_pdf, solutions.log_pdf, "wrong", "対数密度を返して", "log density is returned"),
    (checks.check_log_pdf, log_pdf_via_pdf, "almost", "アンダーフロー", "underflows"),
    (checks.check_log_pdf, log_pdf_inv_everywhere, "wrong", "Σ⁻¹", "Σ⁻¹"),
    (checks.check_log_pdf, log_pdf_returns_pdf, "wrong", "密度そのもの", "density itself"),
    (checks.check_log_pdf, log_pdf_no_2pi, "wrong", "2π", "2π"),
    (checks.check_mahalanobis, mahalanobis_sigma, "wrong", "Σ⁻¹", "Σ⁻¹"),
    (checks.check_mahalanobis, mahalanobis_sqrt, "wrong", "平方根", "square root"),
    (checks.check_log_sum_exp, lse_naive, "almost", "最大値", "maximum"),
    (checks.check_log_sum_exp, lse_global_max, "almost", "行ごとの最大値", "each row's maximum"),
    (checks.check_log_sum_exp, lse_no_add_back, "wrong", "足し戻して", "added back"),
    (checks.check_log_sum_exp, lse_wrong_axis, "wrong", "axis=1", "axis=1"),
    (checks.check_log_sum_exp, lse_scalar, "wrong", "スカラー", "single number"),
    (checks.check_e_step, e_step_naive, "almost", "log-sum-exp", "log-sum-exp"),
    (checks.check_e_step, e_step_epsilon, "almost", "log-sum-exp", "log-sum-exp"),
    (checks.check_e_step, e_step_forgot_phi, "wrong", "混合係数 φ が掛けられていない", "mixing weights φ"),
    (checks.check_e_step, e_step_sigma_for_inv, "wrong", "Σ⁻¹", "Σ⁻¹"),
    (checks.check_e_step, e_step_det_no_sqrt, "wrong", "平方根", "square root"),
    (checks.check_e_step, e_step_not_normalised, "wrong", "各行の和が 1 になっていない", "do not sum to 1"),
    (checks.check_e_step, e_step_columns, "wrong", "各列の和が 1", "per component"),
    (checks.check_e_step, e_step_no_keepdims, "wrong", "keepdims=True", "keepdims=True"),
    (checks.check_e_step, e_step_transposed, "wrong", "転置", "transposed"),
    (checks.check_e_step, e_step_log, "wrong", "np.exp", "np.exp"),
    (checks.check_e_step, e_step_raises, "wrong", "e_step(X, phi, mu, sigma)", "e_step(X, phi, mu, sigma)"),
    (checks.check_e_step, e_step_wrong_signature, "wrong", "引数の数", "number of arguments"),
    (checks.check_m_step, lambda X, r: m_step_with(X, r, cov="unbiased"), "wrong", "不偏", "unbiased"),
    (checks.check_m_step, lambda X, r: m_step_with(X, r, cov="np.cov"), "wrong", "割る数を決める引数",
     "sets the divisor"),
    (checks.check_m_step, lambda X, r: m_step_with(X, r, cov="gamma twice"), "wrong", "2 回", "twice"),
    (checks.check_m_step, lambda X, r: m_step_with(X, r, mu_div=False), "wrong", "N_k で割られていない",
     "not divided by N_k"),
    (checks.check_m_step, lambda X, r: m_step_with(X, r, phi_div=r.shape[1]), "wrong", "K で割って", "divided by K"),
    (checks.check_m_step, m_step_two_values, "wrong", "return phi, mu, sigma", "return phi, mu, sigma"),
    (checks.check_m_step, m_step_sigma_transposed, "wrong", "(K, d, d)", "(K, d, d)"),
    (checks.check_em, em_with(e_step=e_step_forgot_phi), "wrong", "E ステップ", "E-step"),
    (checks.check_em, em_with(m_step=lambda X, r: m_step_with(X, r, cov="unbiased")), "wrong", "不偏", "unbiased"),
    (checks.check_em, em_with(ll="before"), "wrong", "M ステップの前", "before the M-step"),
    (checks.check_em, em_with(ll="no 2pi"), "wrong", "対数尤度の計算", "(2π)^(d/2)"),
    (checks.check_em, em_with(fixed_params=True), "wrong", "直前の M ステップ", "previous M-step"),
    (checks.check_em, em_too_short, "wrong", "n_iter 回", "n_iter iterations"),
    (checks.check_em, em_three_values, "wrong", "log_likelihoods", "log_likelihoods"),
]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("checker, func, status, ja, en", WRONG,
                         ids=[f"{c.__name__}-{i}" for i, (c, *_) in enumerate(WRONG)])
def test_wrong_answers_fail_with_the_right_hint(checker, func, status, ja, en, lang):
    result = run(checker, func, lang)
    assert_verdict(result, status, ja if lang == "ja" else en)
    first_word = {("ja", "wrong"): "不正解である。", ("ja", "almost"): "ほぼ正解である。",
                  ("en", "wrong"): "Not correct.", ("en", "almost"): "Almost."}[lang, status]
    assert result.message.startswith(first_word)


def test_messages_name_the_case_and_the_shapes():
    set_language("ja")
    result = checks.check_e_step(e_step_transposed)
    assert result.message == "不正解である。形が違う: ケース 1 (n = 10, K = 3, d = 2) で (n, K) = (10, 3) を期待したが (3, 10) が返った。"
    set_language("en")
    result = checks.check_e_step(e_step_transposed)
    assert result.message == ("Not correct. Wrong shape: in case 1 (n = 10, K = 3, d = 2), expected (n, K) = (10, 3) "
                              "but received (3, 10).")


def test_an_exception_is_reported_in_one_line_without_traceback():
    result = run(checks.check_pdf, pdf_raises, "en")
    assert "IndexError: tuple index out of range" in result.message
    assert "Traceback" not in str(result) and "\n" not in result.message
    result = run(checks.check_e_step, e_step_raises, "ja")
    assert "ZeroDivisionError: division by zero" in result.message


def test_the_far_away_case_is_a_separate_verdict():
    set_language("ja")
    result = checks.check_e_step(e_step_naive)
    assert "通常の 3 個のケースは正しい" in result.message and "(1000, 1000)" in result.message
    assert "NaN" in result.message
    set_language("en")
    result = checks.check_e_step(e_step_naive)
    assert "ordinary cases are right" in result.message and "NaN" in result.message


def test_em_names_the_stage_even_when_only_a_later_case_fails():
    def em_unbiased_in_1d(X, phi, mu, sigma, n_iter):  # cases 1 and 2 are 2-D and pass; case 3 is 1-D
        unbiased = lambda X, r: m_step_with(X, r, cov="unbiased")
        return em_with(m_step=unbiased if X.shape[1] == 1 else solutions.m_step)(X, phi, mu, sigma, n_iter)
    result = run(checks.check_em, em_unbiased_in_1d, "en")
    assert result.message.startswith("Not correct. In case 3 (n = 25, K = 2, d = 1, n_iter = 5)")
    assert result.hint.startswith("Look at the M-step.") and "unbiased" in result.hint


def test_passing_a_result_instead_of_the_function():
    X = np.zeros((3, 2))
    result = run(checks.check_pdf, solutions.pdf(X, np.zeros(2), np.eye(2)), "ja")
    assert_verdict(result, "wrong", "括弧をつけずに")
    assert "ndarray" in result.message
    result = run(checks.check_e_step, None, "en")
    assert_verdict(result, "wrong", "without parentheses")
    assert "check_e_step(my_e_step)" in result.hint


def test_a_mistake_in_the_m_step_reports_every_wrong_part():
    def phi_and_mu_wrong(X, r):
        return m_step_with(X, r, phi_div=r.shape[1], mu_div=False)
    result = run(checks.check_m_step, phi_and_mu_wrong, "en")
    assert "divided by K" in result.hint and "not divided by N_k" in result.hint and "fix μ first" in result.hint


# --- every mistake the checkers know is told apart on their cases --------------------------------------

@pytest.mark.parametrize("mistake", _mixtures.DENSITY_MISTAKES)
def test_every_density_mistake_is_recognised(mistake):
    def learner(X, mu, sigma):
        return _mixtures.log_gauss_variants(X, mu, sigma)[mistake]
    result = run(checks.check_log_pdf, learner, "en")
    assert not result.passed
    assert result.hint == say("checks." + _framework.hint_key(mistake), language="en")


@pytest.mark.parametrize("mistake", em_steps.E_MISTAKES)
def test_every_e_step_mistake_is_recognised(mistake):
    def learner(X, phi, mu, sigma):
        return em_steps._e_step_variants(X, phi, mu, sigma)[mistake]
    result = run(checks.check_e_step, learner, "en")
    assert not result.passed
    assert result.hint == say("checks." + _framework.hint_key(mistake), language="en")


@pytest.mark.parametrize("part, mistake", [(0, m) for m in em_steps.PHI_MISTAKES] + [(1, m) for m in em_steps.MU_MISTAKES]
                         + [(2, m) for m in em_steps.SIGMA_MISTAKES])
def test_every_m_step_mistake_is_recognised(part, mistake):
    def learner(X, responsibilities):
        variants = em_steps._m_step_variants(X, responsibilities)
        return tuple(variants[p][mistake if p == part else "correct"] for p in range(3))
    result = run(checks.check_m_step, learner, "en")
    assert not result.passed
    assert result.hint == say("checks." + _framework.hint_key(mistake), language="en")


def test_every_em_stage_mistake_is_recognised():
    """From the one-iteration case, each typical mistake leads to different parameters."""
    X, phi, mu, sigma, _ = em_steps._em_cases()[0].args
    set_language("en")
    variants = em_steps._em_stage_variants(X, phi, mu, sigma)
    reference = em_steps._reference_em(X, phi, mu, sigma, 1).params
    expected = (reference.phi, reference.mu, reference.sigma)
    for i, (hint, triple) in enumerate(variants):
        assert not all(_framework.close(a, b) for a, b in zip(triple, expected)), hint
        for hint_j, triple_j in variants[:i]:
            if hint_j != hint:
                assert not all(_framework.close(a, b) for a, b in zip(triple, triple_j)), (hint, hint_j)


# --- what the learner sees ----------------------------------------------------------------------------

def test_result_displays_deterministically_in_jupyter():
    set_language("ja")
    good = checks.check_m_step(solutions.m_step)
    bad = checks.check_e_step(e_step_forgot_phi)
    assert repr(good) == str(good) == "✓ 正解である。m_step は 3 個のケースすべてで参照実装と一致した。"
    assert repr(bad).startswith("✗ 不正解である。ケース 1 (n = 10, K = 3, d = 2) で負担率が参照実装と一致しない")
    assert "\nヒント: 混合係数 φ が掛けられていないようである。" in repr(bad)
    assert not re.search(r"0x[0-9a-f]{6,}|\d\.\d{6,}", repr(bad))  # no addresses, numbers rounded
    assert repr(checks.check_e_step(e_step_forgot_phi)) == repr(bad)  # the same every time
    assert "#1b5e20" in good._repr_html_() and "✓" in good._repr_html_()
    assert "#b71c1c" in bad._repr_html_() and "✗" in bad._repr_html_() and "ヒント" in bad._repr_html_()
    almost = checks.check_e_step(e_step_naive)
    assert repr(almost).startswith("△ ほぼ正解である。") and "#e65100" in almost._repr_html_()
    set_language("en")
    bad_en = checks.check_e_step(e_step_forgot_phi)
    assert "\nHint: The mixing weights φ seem to be missing." in repr(bad_en)
    assert repr(bad) != repr(bad_en)  # made in the language current at check time, shown in it later


def test_html_is_escaped():
    result = checks.CheckResult(False, "wrong", "a < b & c", "x > y", "pdf", "en")
    assert "a &lt; b &amp; c" in result._repr_html_() and "x &gt; y" in result._repr_html_()


def test_checkers_are_silent(capsys, recwarn):
    checks.check_e_step(e_step_naive)  # 0/0 inside: numpy would warn
    checks.check_log_sum_exp(lse_naive)  # exp overflow inside
    checks.check_em(em_package)  # fit warns that it stopped at max_iter
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""
    assert len(recwarn) == 0


def test_the_learners_function_cannot_spoil_the_cases():
    first = checks.check_pdf(pdf_mutates_inputs)
    assert first.passed and checks.check_pdf(solutions.pdf).passed
    assert checks.check_em(em_chapter).passed  # the chapter's loop writes into sigma
    assert checks.check_em(solutions.em).passed


def test_the_checkers_speak_japanese_in_the_plain_style():
    """One catalogue for every checker (tests/test_messages.py checks both languages and placeholders)."""
    for key, entry in catalogue("checks").items():
        assert "です" not in entry["ja"] and "ます" not in entry["ja"], key  # である調
        letters = re.sub(r"\{\w*\}", "", entry["ja"])
        if re.search(r"[A-Za-z]", letters) and not key.startswith("args_"):
            assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", letters), key
        for language in ("ja", "en"):  # no stray braces
            entry[language].format(**{f: "x" for f in re.findall(r"\{(\w+)\}", entry[language])})


def test_solutions_match_the_package():
    X, z = gmm_teach.sample(gmm_teach.TEXTBOOK_TRUTH, 200, seed=3)
    p = gmm_teach.TEXTBOOK_TRUTH
    np.testing.assert_allclose(solutions.log_pdf(X, p.mu[0], p.sigma[0]), gmm_teach.log_pdf(X, p.mu[0], p.sigma[0]))
    resp = solutions.e_step(X, p.phi, p.mu, p.sigma)
    ref_resp, ref_ll = gmm_teach.e_step(X, p)
    np.testing.assert_allclose(resp, ref_resp, atol=1e-12)
    np.testing.assert_allclose(solutions.log_likelihood(X, p.phi, p.mu, p.sigma), ref_ll)
    phi, mu, sigma = solutions.m_step(X, resp)
    ref = gmm_teach.m_step(X, resp, reg_covar=0.0)
    np.testing.assert_allclose(phi, ref.phi)
    np.testing.assert_allclose(mu, ref.mu)
    np.testing.assert_allclose(sigma, ref.sigma)


# --- the verdict names the learner's function; a hint does not hand out an exercise's answer ---------------

def test_the_verdict_names_the_learners_function():
    def em_fast(X, phi, mu, sigma, n_iter):  # chapter 05's exercise
        return solutions.em(X, phi, mu, sigma, n_iter)
    for lang, words in (("en", "em_fast agrees"), ("ja", "em_fast は")):
        result = run(checks.check_em, em_fast, lang)
        assert result.passed and words in result.message, result.message
        assert "em agrees" not in result.message and " em は" not in result.message
    result = run(checks.check_m_step, lambda X, r: solutions.m_step(X, r), "en")  # a lambda: the checker's own name
    assert result.message.startswith("Correct. m_step agrees")
    assert "cov_chapter agrees" in run(checks.check_empirical_covariance, cov_chapter, "en").message
    assert "sampler_multinomial は" in run(checks.check_sampler, sampler_multinomial, "ja").message


def test_the_np_cov_hint_leaves_the_fix_to_the_learner():
    """Chapter 04, exercise 2 asks for the argument of np.cov that fixes the M-step: the hint must not give it."""
    for lang in LANGS:
        result = run(checks.check_m_step, lambda X, r: m_step_with(X, r, cov="np.cov"), lang)
        assert "bias=" not in result.hint and "ddof=" not in result.hint, result.hint


def test_the_sampler_checker_tells_the_seeds_apart_from_the_counts():
    result = run(checks.check_sampler, sampler_with(counts="fixed"), "en")
    assert "(300, 400, 300)" in result.message and "seed = 0…199" in result.message
    result = run(checks.check_sampler, sampler_multinomial, "en")
    assert re.search(r"ratios \(\d\.\d+, \d\.\d+, \d\.\d+\), \(", result.message), result.message
