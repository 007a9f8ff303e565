"""The checkers of chapters 06, 07 and 08 (gmm_teach/checks/watching_em.py, bound_and_restarts.py): right answers
pass, each typical wrong answer fails with the right hint, in Japanese and in English. The wrong answers
are written the way learners write them."""
import re
import warnings

import numpy as np
import pytest

import gmm_teach as gt
from gmm_teach.checks import bound_and_restarts as ca, watching_em as cw
from gmm_teach.i18n import say, set_language

LANGS = ["ja", "en"]


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    set_language("en")


def run(checker, func, lang="en"):
    set_language(lang)
    return checker(func)


def assert_verdict(result, status, keyword=None):
    text = str(result)
    assert result.status == status, text
    assert result.passed is (status == "correct"), text
    if keyword is not None:
        assert keyword in result.hint, text
    if status != "correct":
        assert result.hint, text


# --- chapter 06, exercise 1: one frame of the bar-chart video -------------------------------------------

def bars_solution(bars, X, params, i):
    responsibilities = gt.e_step(X[i:i + 1], params)[0][0]
    for bar, gamma in zip(bars, responsibilities):
        bar.set_height(gamma)
    return bars


def bars_list(bars, X, params, i):  # a list of the same bars is fine
    gamma = gt.e_step(X, params)[0][i]
    for k in range(params.K):
        bars[k].set_height(gamma[k])
    return list(bars)


def bars_stub(bars, X, params, i):
    return None


def bars_no_return(bars, X, params, i):
    bars_solution(bars, X, params, i)


def bars_heights_returned(bars, X, params, i):
    bars_solution(bars, X, params, i)
    return [bar.get_height() for bar in bars]


def bars_new_bars(bars, X, params, i):  # draws new bars instead of changing the ones it was given
    import matplotlib.figure
    ax = matplotlib.figure.Figure().subplots()
    return ax.bar(range(params.K), gt.e_step(X, params)[0][i])


def bars_range_3(bars, X, params, i):  # the chapter's K = 3 written into the code
    gamma = gt.e_step(X, params)[0][i]
    for k in range(3):
        bars[k].set_height(gamma[k])
    return bars


def bars_phi(bars, X, params, i):
    for bar, h in zip(bars, params.phi):
        bar.set_height(h)
    return bars


def _set(bars, heights):
    for bar, h in zip(bars, heights):
        bar.set_height(h)
    return bars


def bars_density(bars, X, params, i):
    return _set(bars, params.phi * np.exp(gt.log_pdf(X[i:i + 1], params.mu, params.sigma)[0]))


def bars_no_phi(bars, X, params, i):
    w = np.exp(gt.log_pdf(X[i:i + 1], params.mu, params.sigma)[0])
    return _set(bars, w / w.sum())


def bars_log(bars, X, params, i):
    return _set(bars, np.log(gt.e_step(X, params)[0][i]))


def bars_hard(bars, X, params, i):
    return _set(bars, np.eye(params.K)[np.argmax(gt.e_step(X, params)[0][i])])


def bars_point_0(bars, X, params, i):
    return _set(bars, gt.e_step(X, params)[0][0])


# --- chapter 06, exercise 2: the largest step of a mean ---------------------------------------------------

def _mus(result):
    return np.array([p.mu for p in result.history])  # (n_iter + 1, K, d)


def step_solution(result, start):
    steps = np.linalg.norm(np.diff(_mus(result), axis=0), axis=2)  # steps[t - 1]: iteration t
    return steps[start - 1:].max()


def step_loop(result, start):  # a plain loop, as in the chapter's first check
    return max(np.linalg.norm(result.history[t].mu - result.history[t - 1].mu, axis=1).max()
               for t in range(start, result.n_iter + 1))


def step_stub(result, start):
    return None


def step_exclude_start(result, start):
    return max(np.linalg.norm(result.history[t].mu - result.history[t - 1].mu, axis=1).max()
               for t in range(start + 1, result.n_iter + 1))


def step_include_before(result, start):
    return max(np.linalg.norm(result.history[t].mu - result.history[t - 1].mu, axis=1).max()
               for t in range(start - 1, result.n_iter + 1))


def step_all(result, start):
    return np.linalg.norm(np.diff(_mus(result), axis=0), axis=2).max()


def step_mean(result, start):
    return np.linalg.norm(np.diff(_mus(result), axis=0), axis=2).max(axis=1)[start - 1:].mean()


def step_sum_components(result, start):
    return np.linalg.norm(np.diff(_mus(result), axis=0), axis=2).sum(axis=1)[start - 1:].max()


def step_frobenius(result, start):
    return max(np.linalg.norm(result.history[t].mu - result.history[t - 1].mu) for t in range(start, result.n_iter + 1))


def step_squared(result, start):
    return (np.sum(np.diff(_mus(result), axis=0) ** 2, axis=2)[start - 1:]).max()


def step_coordinate(result, start):
    return np.abs(np.diff(_mus(result), axis=0))[start - 1:].max()


def step_argmax(result, start):
    steps = np.linalg.norm(np.diff(_mus(result), axis=0), axis=2).max(axis=1)
    return start + int(np.argmax(steps[start - 1:]))


def step_per_iteration(result, start):
    return np.linalg.norm(np.diff(_mus(result), axis=0), axis=2).max(axis=1)[start - 1:]


# --- chapter 07, exercise 1: the lower bound ------------------------------------------------------------

def _a(X, phi, mu, sigma):
    return np.log(phi) + gt.log_pdf(X, mu, sigma)  # (n, K)


def lb_solution(X, phi, mu, sigma, q):
    q_log_q = np.where(q > 0, q * np.log(np.where(q > 0, q, 1.0)), 0.0)
    return float(np.sum(q * _a(X, phi, mu, sigma)) - np.sum(q_log_q))


def lb_package(X, phi, mu, sigma, q):  # calls the reference: refused by the guard
    return gt.lower_bound(X, gt.GMMParams(phi, mu, sigma), q)


def lb_xlogy(X, phi, mu, sigma, q):  # scipy's xlogy gives 0 ln 0 = 0, as the hint suggests
    from scipy.special import xlogy
    return np.sum(q * _a(X, phi, mu, sigma)) - np.sum(xlogy(q, q))


def lb_masked(X, phi, mu, sigma, q):  # sum over the q > 0 entries only, as an array of shape (1,)
    a = _a(X, phi, mu, sigma)
    keep = q > 0
    return np.array([np.sum(q[keep] * (a[keep] - np.log(q[keep])))])


def lb_naive(X, phi, mu, sigma, q):  # 0 * log 0 = NaN on a hard q
    return np.sum(q * (_a(X, phi, mu, sigma) - np.log(q)))


def lb_no_entropy(X, phi, mu, sigma, q):
    return np.sum(q * _a(X, phi, mu, sigma))


def lb_entropy_sign(X, phi, mu, sigma, q):
    return np.sum(q * (_a(X, phi, mu, sigma) + np.log(q)))


def lb_forgot_phi(X, phi, mu, sigma, q):
    return np.sum(q * (gt.log_pdf(X, mu, sigma) - np.log(q)))


def lb_log_likelihood(X, phi, mu, sigma, q):
    return gt.log_likelihood(X, gt.GMMParams(phi, mu, sigma))


def lb_mean(X, phi, mu, sigma, q):
    return np.mean(np.sum(q * (_a(X, phi, mu, sigma) - np.log(q)), axis=1))


def lb_kl(X, phi, mu, sigma, q):  # KL(q || gamma), by hand (gt.kl_divergence is refused by the guard)
    log_gamma = np.log(gt.e_step(X, gt.GMMParams(phi, mu, sigma))[0])
    return np.sum(q * (np.log(q) - log_gamma))


def lb_log_gamma(X, phi, mu, sigma, q):
    log_gamma = np.log(gt.e_step(X, gt.GMMParams(phi, mu, sigma))[0])
    return np.sum(q * (log_gamma - np.log(q)))


def lb_per_point(X, phi, mu, sigma, q):
    return np.sum(q * (_a(X, phi, mu, sigma) - np.log(q)), axis=1)


def lb_none(X, phi, mu, sigma, q):
    return None


def lb_raises(X, phi, mu, sigma, q):
    return q[:, 5]


# --- chapter 07, exercise 2: gain and gap -------------------------------------------------------------------

def parts_solution(X, old, new):
    q = gt.e_step(X, old)[0]
    return gt.lower_bound(X, new, q) - gt.lower_bound(X, old, q), gt.kl_divergence(X, new, q)


def parts_by_hand(X, old, new):  # Q difference (the entropy cancels) and the KL in plain numpy, as a list
    q = gt.e_step(X, old)[0]
    a_old, a_new = _a(X, old.phi, old.mu, old.sigma), _a(X, new.phi, new.mu, new.sigma)
    log_gamma_new = a_new - np.logaddexp.reduce(a_new, axis=1, keepdims=True)
    return [np.sum(q * (a_new - a_old)), np.sum(q * (np.log(q) - log_gamma_new))]


def parts_q_new(X, old, new):
    q = gt.e_step(X, new)[0]
    return gt.lower_bound(X, new, q) - gt.lower_bound(X, old, q), gt.kl_divergence(X, new, q)


def parts_swapped(X, old, new):
    gain, gap = parts_solution(X, old, new)
    return gap, gain


def parts_total(X, old, new):
    q = gt.e_step(X, old)[0]
    return gt.log_likelihood(X, new) - gt.log_likelihood(X, old), gt.kl_divergence(X, new, q)


def parts_kl_reversed(X, old, new):
    q = gt.e_step(X, old)[0]
    gamma_new = gt.e_step(X, new)[0]
    return gt.lower_bound(X, new, q) - gt.lower_bound(X, old, q), np.sum(gamma_new * np.log(gamma_new / q))


def parts_kl_old(X, old, new):
    q = gt.e_step(X, old)[0]
    return gt.lower_bound(X, new, q) - gt.lower_bound(X, old, q), gt.kl_divergence(X, old, q)


def parts_gap_sign(X, old, new):
    gain, gap = parts_solution(X, old, new)
    return gain, -gap


def parts_three(X, old, new):
    gain, gap = parts_solution(X, old, new)
    return gain, gap, gain + gap


# --- chapter 08, exercise 1: restarts ---------------------------------------------------------------------

def restarts_solution(X, K, seeds):
    best = None
    for s in seeds:
        try:
            r = gt.fit(X, K, init="random", seed=s, reg_covar=0.0)
        except gt.ComponentCollapseError:
            continue
        if best is None or r.log_likelihoods[-1] > best.log_likelihoods[-1]:
            best = r
    return best


def _successful(X, K, seeds, **settings):
    results = []
    for s in seeds:
        try:
            results.append(gt.fit(X, K, seed=s, **{"init": "random", "reg_covar": 0.0, **settings}))
        except gt.ComponentCollapseError:
            pass
    return results


def restarts_params(X, K, seeds):
    return restarts_solution(X, K, seeds).params


def restarts_no_catch(X, K, seeds):
    results = [gt.fit(X, K, init="random", seed=s, reg_covar=0.0) for s in seeds]
    return max(results, key=lambda r: r.log_likelihoods[-1])


def restarts_min(X, K, seeds):
    return min(_successful(X, K, seeds), key=lambda r: r.log_likelihoods[-1])


def restarts_first(X, K, seeds):
    return _successful(X, K, seeds)[0]


def restarts_last(X, K, seeds):
    return _successful(X, K, seeds)[-1]


def restarts_default_reg(X, K, seeds):
    return max(_successful(X, K, seeds, reg_covar=1e-6), key=lambda r: r.log_likelihoods[-1])


def restarts_kmeans(X, K, seeds):
    return max(_successful(X, K, seeds, init="kmeans++"), key=lambda r: r.log_likelihoods[-1])


def restarts_float(X, K, seeds):
    return restarts_solution(X, K, seeds).log_likelihoods[-1]


# --- chapter 08, exercise 2: soft assignments --------------------------------------------------------------

def _d2(X, mu):
    return ((X[:, None, :] - mu[None, :, :]) ** 2).sum(axis=2)


def soft_solution(X, mu, sigma):
    a = -_d2(X, mu) / (2 * sigma**2)
    w = np.exp(a - a.max(axis=1, keepdims=True))
    return w / w.sum(axis=1, keepdims=True)


def soft_package(X, mu, sigma):  # "Do not use gt.e_step": refused by the guard
    K, d = mu.shape
    return gt.e_step(X, gt.GMMParams(np.full(K, 1 / K), mu, np.repeat(sigma**2 * np.eye(d)[None], K, axis=0)))


def soft_scipy(X, mu, sigma):  # scipy's softmax is a fine helper
    from scipy.special import softmax
    return softmax(-_d2(X, mu) / (2 * sigma**2), axis=1)


def soft_naive(X, mu, sigma):
    w = np.exp(-_d2(X, mu) / (2 * sigma**2))
    return w / w.sum(axis=1, keepdims=True)


def soft_no_half(X, mu, sigma):
    return soft_solution(X, mu, sigma / np.sqrt(2))


def soft_sigma_not_squared(X, mu, sigma):
    a = -_d2(X, mu) / (2 * sigma)
    w = np.exp(a - a.max(axis=1, keepdims=True))
    return w / w.sum(axis=1, keepdims=True)


def soft_distance_not_squared(X, mu, sigma):
    a = -np.sqrt(_d2(X, mu)) / (2 * sigma**2)
    w = np.exp(a - a.max(axis=1, keepdims=True))
    return w / w.sum(axis=1, keepdims=True)


def soft_hard(X, mu, sigma):
    return np.eye(len(mu))[np.argmin(_d2(X, mu), axis=1)]


def soft_sign(X, mu, sigma):
    a = _d2(X, mu) / (2 * sigma**2)
    w = np.exp(a - a.max(axis=1, keepdims=True))
    return w / w.sum(axis=1, keepdims=True)


def soft_columns(X, mu, sigma):
    w = np.exp(-_d2(X, mu) / (2 * sigma**2))
    return w / w.sum(axis=0, keepdims=True)


def soft_not_normalised(X, mu, sigma):
    return np.exp(-_d2(X, mu) / (2 * sigma**2))


def soft_log(X, mu, sigma):
    return np.log(soft_solution(X, mu, sigma))


def soft_transposed(X, mu, sigma):
    return soft_solution(X, mu, sigma).T


# --- right answers -------------------------------------------------------------------------------------------

RIGHT = [
    (cw.check_update_bars, bars_solution),
    (cw.check_update_bars, bars_list),
    (cw.check_max_mean_step, step_solution),
    (cw.check_max_mean_step, step_loop),
    (ca.check_lower_bound, lb_solution),
    (ca.check_lower_bound, lb_xlogy),
    (ca.check_lower_bound, lb_masked),
    (ca.check_increase_parts, parts_solution),
    (ca.check_increase_parts, parts_by_hand),
    (ca.check_best_of_restarts, restarts_solution),
    (ca.check_best_of_restarts, restarts_params),
    (ca.check_soft_assign, soft_solution),
    (ca.check_soft_assign, soft_scipy),
]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("checker, func", RIGHT, ids=lambda v: getattr(v, "__name__", str(v)))
def test_right_answers_pass(checker, func, lang):
    result = run(checker, func, lang)
    assert_verdict(result, "correct")
    assert result.hint == ""
    assert str(result).startswith("✓ " + ("正解である。" if lang == "ja" else "Correct."))


# --- wrong answers -------------------------------------------------------------------------------------------

# (checker, func, status, keyword in the Japanese hint, keyword in the English hint)
WRONG = [
    (cw.check_update_bars, bars_stub, "wrong", "return", "return"),
    (cw.check_update_bars, bars_no_return, "wrong", "return bars", "return bars"),
    (cw.check_update_bars, bars_heights_returned, "wrong", "return bars", "return bars"),
    (cw.check_update_bars, bars_new_bars, "wrong", "その場で書き換える", "in place"),
    (cw.check_update_bars, bars_range_3, "wrong", "3 と決め打ち", "fixed at 3"),
    (cw.check_update_bars, bars_phi, "wrong", "混合係数 φ を棒の高さ", "mixing weights φ"),
    (cw.check_update_bars, bars_density, "wrong", "正規化する前", "before normalisation"),
    (cw.check_update_bars, bars_no_phi, "wrong", "混合係数 φ が掛けられていない", "mixing weights φ seem to be missing"),
    (cw.check_update_bars, bars_log, "wrong", "np.exp", "np.exp"),
    (cw.check_update_bars, bars_hard, "wrong", "硬い割り当て", "hard assignment"),
    (cw.check_update_bars, bars_point_0, "wrong", "X[0]", "X[0]"),
    (cw.check_max_mean_step, step_stub, "wrong", "return", "return"),
    (cw.check_max_mean_step, step_exclude_start, "wrong", "range(start, result.n_iter + 1)",
     "range(start, result.n_iter + 1)"),
    (cw.check_max_mean_step, step_include_before, "wrong", "反復 start − 1", "iteration start − 1"),
    (cw.check_max_mean_step, step_all, "wrong", "start より前", "before start"),
    (cw.check_max_mean_step, step_mean, "wrong", "平均", "averaged"),
    (cw.check_max_mean_step, step_sum_components, "wrong", "成分について和", "summed over the components"),
    (cw.check_max_mean_step, step_frobenius, "wrong", "axis=1", "axis=1"),
    (cw.check_max_mean_step, step_squared, "wrong", "2 乗距離", "squared"),
    (cw.check_max_mean_step, step_coordinate, "wrong", "座標ごと", "single coordinate"),
    (cw.check_max_mean_step, step_argmax, "wrong", "反復の番号", "iteration in which"),
    (cw.check_max_mean_step, step_per_iteration, "wrong", "1 つの数", "one number"),
    (ca.check_lower_bound, lb_naive, "almost", "0 · (−∞)", "0 · (−∞)"),
    (ca.check_lower_bound, lb_no_entropy, "wrong", "−Σ q ln q の項が抜けて", "−Σ q ln q seems to be missing"),
    (ca.check_lower_bound, lb_entropy_sign, "wrong", "符号が逆", "sign of ln q_nk"),
    (ca.check_lower_bound, lb_forgot_phi, "wrong", "混合係数 φ が抜けて", "mixing weights φ"),
    (ca.check_lower_bound, lb_log_likelihood, "wrong", "対数尤度 ln p(X | θ) を返して", "log-likelihood ln p(X | θ)"),
    (ca.check_lower_bound, lb_mean, "wrong", "平均して", "averaged"),
    (ca.check_lower_bound, lb_kl, "wrong", "KL ダイバージェンスを返して", "This is the KL divergence"),
    (ca.check_lower_bound, lb_log_gamma, "wrong", "ln γ_nk", "ln γ_nk"),
    (ca.check_lower_bound, lb_per_point, "wrong", "1 つの数", "one number"),
    (ca.check_lower_bound, lb_none, "wrong", "return", "return"),
    (ca.check_lower_bound, lb_raises, "wrong", "lower_bound(X, phi, mu, sigma, q)", "lower_bound(X, phi, mu, sigma, q)"),
    (ca.check_increase_parts, parts_q_new, "wrong", "old のもとでの事後分布", "posterior under old"),
    (ca.check_increase_parts, parts_swapped, "wrong", "入れ替わって", "swapped"),
    (ca.check_increase_parts, parts_total, "wrong", "増分 ln p(X | new) − ln p(X | old) 全体", "whole increase"),
    (ca.check_increase_parts, parts_kl_reversed, "wrong", "KL の向きが逆", "wrong way round"),
    (ca.check_increase_parts, parts_kl_old, "wrong", "KL(q ‖ p(Z | X, old)) = 0", "KL(q ‖ p(Z | X, old)) = 0"),
    (ca.check_increase_parts, parts_gap_sign, "wrong", "gap の符号が逆", "sign of the gap"),
    (ca.check_increase_parts, parts_three, "wrong", "return gain, gap", "return gain, gap"),
    (ca.check_best_of_restarts, restarts_no_catch, "wrong", "except gt.ComponentCollapseError", "except gt.ComponentCollapseError"),
    (ca.check_best_of_restarts, restarts_min, "wrong", "最も小さい", "smallest"),
    (ca.check_best_of_restarts, restarts_first, "wrong", "最初に成功した", "first successful"),
    (ca.check_best_of_restarts, restarts_last, "wrong", "最後に成功した", "last successful"),
    (ca.check_best_of_restarts, restarts_default_reg, "wrong", "reg_covar=0.0 以外", "reg_covar=0.0"),
    (ca.check_best_of_restarts, restarts_kmeans, "wrong", "init=\"random\"", "init=\"random\""),
    (ca.check_best_of_restarts, restarts_float, "wrong", "EMResult", "EMResult"),
    (ca.check_soft_assign, soft_naive, "almost", "log-sum-exp", "log-sum-exp"),
    (ca.check_soft_assign, soft_no_half, "wrong", "1/2 が抜けて", "1/2"),
    (ca.check_soft_assign, soft_sigma_not_squared, "wrong", "σ² ではなく σ", "instead of σ²"),
    (ca.check_soft_assign, soft_distance_not_squared, "wrong", "2 乗していない", "not seem to be squared"),
    (ca.check_soft_assign, soft_hard, "wrong", "σ → 0 の極限", "limit σ → 0"),
    (ca.check_soft_assign, soft_sign, "wrong", "符号が逆", "sign of the exponent"),
    (ca.check_soft_assign, soft_columns, "wrong", "成分ごとに正規化", "per component"),
    (ca.check_soft_assign, soft_not_normalised, "wrong", "各行の和が 1 になっていない", "do not sum to 1"),
    (ca.check_soft_assign, soft_log, "wrong", "np.exp", "np.exp"),
    (ca.check_soft_assign, soft_transposed, "wrong", "転置", "transposed"),
]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("checker, func, status, ja, en", WRONG, ids=[f"{c.__name__}-{f.__name__}" for c, f, *_ in WRONG])
def test_wrong_answers_fail_with_the_right_hint(checker, func, status, ja, en, lang):
    result = run(checker, func, lang)
    assert_verdict(result, status, ja if lang == "ja" else en)
    first_word = {("ja", "wrong"): "不正解である。", ("ja", "almost"): "ほぼ正解である。",
                  ("en", "wrong"): "Not correct.", ("en", "almost"): "Almost."}[lang, status]
    assert result.message.startswith(first_word)


# --- every mistake the checkers know is told apart on their cases ------------------------------------------

@pytest.mark.parametrize("mistake", ca.LOWER_BOUND_MISTAKES)
def test_every_lower_bound_mistake_is_recognised(mistake):
    def learner(X, phi, mu, sigma, q):
        return ca._lower_bound_variants(X, phi, mu, sigma, q)[mistake]
    result = run(ca.check_lower_bound, learner)
    assert result.status == "wrong"
    assert result.hint == say("checks.hint_lb_" + mistake, language="en")


@pytest.mark.parametrize("mistake", ca.PARTS_MISTAKES)
def test_every_increase_parts_mistake_is_recognised(mistake):
    def learner(X, old, new):
        return tuple(ca._increase_parts_variants(X, old, new)[mistake])
    result = run(ca.check_increase_parts, learner)
    assert result.status == "wrong"
    assert result.hint == say("checks.hint_parts_" + mistake, language="en")


@pytest.mark.parametrize("mistake", ca.SOFT_MISTAKES)
def test_every_soft_assign_mistake_is_recognised(mistake):
    def learner(X, mu, sigma):
        return ca._soft_variants(X, mu, sigma)[mistake]
    result = run(ca.check_soft_assign, learner)
    assert result.status == "wrong"
    assert result.hint == say("checks.hint_soft_" + mistake, language="en")


def test_the_lower_bound_variants_differ_from_the_answer_and_each_other():
    for case in ca._lower_bound_cases()[:-1]:
        variants = ca._lower_bound_variants(*case.args)
        values = list(variants.values())
        for i, a in enumerate(values):
            for b in values[:i]:
                assert not np.isclose(a, b, rtol=1e-5), variants


# --- the cases are what the exercises promise ----------------------------------------------------------------

def test_lower_bound_cases():
    cases = ca._lower_bound_cases()
    for case in cases[:-1]:
        q = case.args[4]
        assert (q > 0).all() and np.allclose(q.sum(axis=1), 1)
    q = cases[-1].args[4]
    assert set(np.unique(q)) == {0.0, 1.0} and np.allclose(q.sum(axis=1), 1)


def test_increase_parts_cases_obey_the_decomposition():
    cases = ca._increase_parts_cases()
    for case in cases:
        X, old, new = case.args
        gain, gap = ca._increase_parts_variants(X, old, new)["correct"]
        assert gap > 0
        assert gain + gap == pytest.approx(gt.log_likelihood(X, new) - gt.log_likelihood(X, old), abs=1e-8)
    gains = [ca._increase_parts_variants(*c.args)["correct"][0] for c in cases]
    assert gains[0] > 0 and gains[1] > 0 and gains[2] < 0  # case 3 is not an M-step


def test_restart_cases_have_collapses_and_tell_the_mistakes_apart():
    cases = ca._restart_cases()
    variants = [ca._restart_variants(ca._restart_reference(c.number)) for c in cases]
    for case in cases:
        runs = ca._restart_runs(*case.args)
        assert runs == list(ca._restart_reference(case.number))
        if any(ll is None for _, ll in runs):  # with reg_covar > 0 the degenerate run wins on log-likelihood
            assert restarts_default_reg(*case.args).log_likelihoods[-1] > max(ll for _, ll in runs if ll) + 1
    assert ca._restart_runs(*cases[0].args)[0][1] is None  # seed 0 collapses in case 1: an uncaught error shows at once
    assert [any(ll is None for _, ll in ca._restart_runs(*c.args)) for c in cases] == [True, True, False]
    names = ("correct",) + ca.RESTART_MISTAKES
    for i, a in enumerate(names):  # every mistake differs from the answer, and from the others, in some case
        for b in names[:i]:
            assert any(not np.isclose(v[a], v[b]) for v in variants), (a, b)


def test_soft_assign_small_sigma_case_underflows_everywhere():
    X, mu, sigma = ca._soft_assign_cases()[-1].args
    assert len(X) == 8 and sigma == ca.SMALL_SIGMA
    with np.errstate(under="ignore"):
        assert (np.exp(-_d2(X, mu) / (2 * sigma**2)) == 0).all()


# --- what the learner sees ------------------------------------------------------------------------------------

def test_messages_are_deterministic_and_name_the_case():
    set_language("ja")
    bad = ca.check_lower_bound(lb_no_entropy)
    assert bad.message == ("不正解である。ケース 1 (n = 10, K = 3, d = 2) で下界 L(q, θ) が参照実装と一致しない: "
                           "-52.01 であるべきところ -59.93 になっている。")
    assert repr(ca.check_lower_bound(lb_no_entropy)) == repr(bad)
    assert not re.search(r"0x[0-9a-f]{6,}|\d\.\d{6,}", repr(bad))
    set_language("en")
    restarts = ca.check_best_of_restarts(restarts_no_catch)
    assert restarts.message == ("Not correct. In case 1 (n = 25, K = 4, seeds 0-7), the run with seed 0 raised "
                                "ComponentCollapseError and the function stopped.")
    good = ca.check_best_of_restarts(restarts_solution)
    assert "seeds 0, 4, 6 in case 1" in good.message
    parts = ca.check_increase_parts(parts_solution)
    assert "gain = -16.86" in parts.message


def test_not_callable_and_exceptions():
    result = run(ca.check_soft_assign, soft_solution(np.zeros((2, 2)), np.ones((2, 2)), 1.0), "ja")
    assert_verdict(result, "wrong", "checks.check_soft_assign(my_soft_assign)")
    result = run(ca.check_lower_bound, lb_raises)
    assert "IndexError" in result.message and "\n" not in result.message and "Traceback" not in str(result)


def test_checkers_are_silent_and_leave_the_cases_alone(capsys, recwarn):
    def mutating(X, phi, mu, sigma, q):
        value = lb_solution(X, phi, mu, sigma, q)
        X[:] = 0.0
        q[:] = 1.0
        return value
    assert ca.check_lower_bound(mutating).passed and ca.check_lower_bound(lb_solution).passed
    ca.check_lower_bound(lb_naive)  # log 0 inside
    ca.check_soft_assign(soft_naive)  # 0 / 0 inside
    ca.check_best_of_restarts(restarts_solution)  # fits that stop at max_iter
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""
    assert len(recwarn) == 0


def test_the_chapter_solutions_pass_with_warnings_as_errors():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for checker, func in RIGHT:
            assert checker(func).passed


# --- chapter 06: the cases and the mistakes ---------------------------------------------------------------

@pytest.mark.parametrize("mistake", cw.BARS_MISTAKES)
def test_every_update_bars_mistake_is_recognised(mistake):
    def learner(bars, X, params, i):
        return _set(bars, cw._update_bars_variants(X, params, i)[mistake])
    result = run(cw.check_update_bars, learner)
    assert result.status == "wrong"
    assert result.hint == say("checks.hint_bars_" + mistake, language="en")


@pytest.mark.parametrize("mistake", [m for m in cw.STEP_MISTAKES if m != "exclude_start"])
def test_every_max_mean_step_mistake_is_recognised(mistake):
    def learner(result, start):
        return cw._max_mean_step_variants(result, start)[mistake]
    result = run(cw.check_max_mean_step, learner)
    assert result.status == "wrong"
    assert result.hint == say("checks.hint_step_" + mistake, language="en")


def test_chapter_06_cases_tell_the_mistakes_apart():
    cases = cw._update_bars_cases()
    assert [c.args[1].K for c in cases] == [3, 2, 4]  # a K fixed at 3 fails
    assert all(c.args[2] != 0 for c in cases)  # the point-0 mix-up shows in every case
    for case in cases:
        variants = cw._update_bars_variants(*case.args)
        assert 0.05 < variants["correct"].max() < 0.95  # an ambiguous point: the bars are worth watching
    step_cases = cw._max_mean_step_cases()
    starts = [c.args[1] for c in step_cases]
    assert starts[1] == 1 and starts[2] == step_cases[2].args[0].n_iter and 1 < starts[0] < step_cases[0].args[0].n_iter
    variants = [cw._max_mean_step_variants(*c.args) for c in step_cases]
    names = ("correct",) + cw.STEP_MISTAKES
    for i, a in enumerate(names):  # every mistake differs from the answer, and from the others, in some case
        for b in names[:i]:
            assert any(not np.isnan(v[a]) and not np.isnan(v[b]) and not np.isclose(v[a], v[b], rtol=1e-5)
                       for v in variants), (a, b)


def test_update_bars_leaves_no_figure_open():
    import matplotlib.pyplot as plt
    before = plt.get_fignums()
    assert cw.check_update_bars(bars_solution).passed
    assert plt.get_fignums() == before


def test_max_mean_step_stub_and_empty_range_messages():
    set_language("ja")
    stub = cw.check_max_mean_step(step_stub)
    assert stub.message.startswith("不正解である。ケース 1 (K = 3, d = 2, n_iter = ")
    set_language("en")
    result = cw.check_max_mean_step(step_exclude_start)
    assert "start = n_iter" in result.message or "the largest step is" in result.message


# --- issue 12: fresh hidden cases (seed=) and the guard ---------------------------------------------------------

SEEDS = [20261207 + 7919 * i for i in range(20)]
CHECKERS = [cw.check_update_bars, cw.check_max_mean_step, ca.check_lower_bound, ca.check_increase_parts,
            ca.check_best_of_restarts, ca.check_soft_assign]
CASES = {cw.check_update_bars: cw._update_bars_cases, cw.check_max_mean_step: cw._max_mean_step_cases,
         ca.check_lower_bound: ca._lower_bound_cases, ca.check_increase_parts: ca._increase_parts_cases,
         ca.check_best_of_restarts: ca._restart_cases, ca.check_soft_assign: ca._soft_assign_cases}


@pytest.mark.parametrize("checker, func", RIGHT, ids=lambda v: getattr(v, "__name__", str(v)))
def test_right_answers_pass_with_fresh_cases(checker, func):
    seeds = SEEDS if checker is not ca.check_best_of_restarts else SEEDS[:8]  # 16 fits a seed: keep it short
    for seed in seeds:
        result = checker(func, seed=seed)
        assert result.passed and result.status == "correct", (seed, str(result))


def test_right_answers_pass_with_fresh_cases_in_japanese():
    set_language("ja")
    for checker, func in RIGHT:
        result = checker(func, seed=SEEDS[3])
        assert result.passed and str(result).startswith("✓ 正解である。"), str(result)


@pytest.mark.parametrize("checker, func, status, ja, en", WRONG, ids=[f"{c.__name__}-{f.__name__}" for c, f, *_ in WRONG])
def test_wrong_answers_fail_with_fresh_cases(checker, func, status, ja, en):
    result = run(checker, func)
    for seed in SEEDS[:4]:
        fresh = checker(func, seed=seed)
        assert not fresh.passed, (seed, str(fresh))
        if func is not restarts_kmeans or result.hint == fresh.hint:  # kmeans++ may collapse on every seed
            assert_verdict(fresh, status, en)


@pytest.mark.parametrize("seed", SEEDS[:5])
def test_every_mistake_the_checkers_know_is_recognised_on_fresh_cases(seed):
    def recognised(checker, key, learner):
        result = checker(learner, seed=seed)
        assert result.status == "wrong" and result.hint == say("checks." + key, language="en"), (seed, key, str(result))

    set_language("en")
    for mistake in ca.LOWER_BOUND_MISTAKES:
        recognised(ca.check_lower_bound, "hint_lb_" + mistake,
                   lambda X, phi, mu, sigma, q, m=mistake: ca._lower_bound_variants(X, phi, mu, sigma, q)[m])
    for mistake in ca.PARTS_MISTAKES:
        recognised(ca.check_increase_parts, "hint_parts_" + mistake,
                   lambda X, old, new, m=mistake: tuple(ca._increase_parts_variants(X, old, new)[m]))
    for mistake in ca.SOFT_MISTAKES:
        recognised(ca.check_soft_assign, "hint_soft_" + mistake,
                   lambda X, mu, sigma, m=mistake: ca._soft_variants(X, mu, sigma)[m])
    for mistake in cw.BARS_MISTAKES:
        recognised(cw.check_update_bars, "hint_bars_" + mistake,
                   lambda bars, X, params, i, m=mistake: _set(bars, cw._update_bars_variants(X, params, i)[m]))
    for mistake in cw.STEP_MISTAKES:
        if mistake != "exclude_start":  # NaN where start = n_iter: that case raises its own verdict
            recognised(cw.check_max_mean_step, "hint_step_" + mistake,
                       lambda result, start, m=mistake: cw._max_mean_step_variants(result, start)[m])


def _fingerprint(cases):
    """What a learner could hard-code: the descriptions and the numbers of every case."""
    def numbers(value):
        if isinstance(value, gt.EMResult):
            return numbers(value.log_likelihoods)
        if isinstance(value, gt.GMMParams):
            return numbers(value.mu)
        if isinstance(value, (list, np.ndarray)):
            return tuple(np.round(np.asarray(value, dtype=float).ravel(), 8))
        return (value,)
    return tuple((c.desc, tuple(numbers(a) for a in c.args)) for c in cases)


@pytest.mark.parametrize("checker", CHECKERS, ids=lambda c: c.__name__)
def test_fresh_cases_differ_from_seed_to_seed_and_from_the_fixed_ones(checker):
    make = CASES[checker]
    fixed = _fingerprint(make())
    assert _fingerprint(make(None)) == fixed  # seed=None: exactly today's cases (the notebooks' outputs)
    seeds = SEEDS[:3]
    fresh = [_fingerprint(make(seed)) for seed in seeds]
    assert _fingerprint(make(seeds[0])) == fresh[0]  # the same seed, the same cases
    assert len({fixed, *fresh}) == len(seeds) + 1
    descs = {tuple(c.desc for c in make(seed)) for seed in SEEDS[:6]}
    assert len(descs) > 1  # the sizes (n, K, d, start, seed lists...) change too, not only the values


def test_fresh_cases_keep_the_special_cases():
    for seed in SEEDS:
        bars = cw._update_bars_cases(seed)
        Ks = [c.args[1].K for c in bars]
        assert min(Ks) == 2 and max(Ks) >= 4 and all(c.args[2] != 0 for c in bars)
        for case in bars:
            assert 0.05 < cw._update_bars_variants(*case.args)["correct"].max() < 0.95
        steps = cw._max_mean_step_cases(seed)
        (fit1, start1), (fit1b, start2), (fit2, start3) = [c.args for c in steps]
        assert fit1 is fit1b and 1 < start1 < fit1.n_iter and start2 == 1 and start3 == fit2.n_iter
        lb = ca._lower_bound_cases(seed)
        assert all((c.args[4] > 0).all() and np.allclose(c.args[4].sum(axis=1), 1) for c in lb[:-1])
        assert set(np.unique(lb[-1].args[4])) == {0.0, 1.0}
        gains = [ca._increase_parts_variants(*c.args)["correct"] for c in ca._increase_parts_cases(seed)]
        assert gains[0][0] > 0 and gains[1][0] > 0 and gains[2][0] < 0 and all(g[1] > 0 for g in gains)
        X, mu, sigma = ca._soft_assign_cases(seed)[-1].args
        assert len(X) == 8 and sigma <= 0.02
        with np.errstate(under="ignore"):
            assert (np.exp(-_d2(X, mu) / (2 * sigma**2)) == 0).all()
    for seed in SEEDS[:4]:
        cases = ca._restart_cases(seed)
        runs = [ca._restart_reference(c.number, seed) for c in cases]
        assert [any(ll is None for _, ll in r) for r in runs] == [True, True, False]
        assert all(sum(ll is not None for _, ll in r) >= 2 for r in runs)
        assert ca._restart_runs(*cases[0].args) == list(runs[0])


def test_a_fresh_restart_answer_must_start_from_random_inits():
    def kmeans_start(X, K, seeds):  # the best value can coincide; the start tells
        return gt.fit(X, K, init="kmeans++", seed=seeds[0], reg_covar=0.0)
    assert not ca._started_random(kmeans_start(*ca._restart_cases()[2].args), *ca._restart_cases()[2].args)
    assert ca._started_random(restarts_solution(*ca._restart_cases()[2].args), *ca._restart_cases()[2].args)


def lb_via_kl(X, phi, mu, sigma, q):  # L = ln p - KL with the package's KL
    params = gt.GMMParams(phi, mu, sigma)
    return gt.log_likelihood(X, params) - gt.kl_divergence(X, params, q)


def restarts_fit_best_of(X, K, seeds):
    return gt.fit_best_of(X, K, seeds, init="random", reg_covar=0.0)


def soft_kernel(X, mu, sigma):  # the private kernel behind gt.e_step
    from gmm_teach.steps import _e_step_kn
    K, d = mu.shape
    params = gt.GMMParams(np.full(K, 1 / K), mu, np.repeat(sigma**2 * np.eye(d)[None], K, axis=0))
    return _e_step_kn(np.ascontiguousarray(X.T), params)[0].T


GUARDED = [  # (checker, function that calls gmm_teach's own answer, the forbidden function it reaches)
    (ca.check_lower_bound, lb_package, "gt.lower_bound"),
    (ca.check_lower_bound, lb_via_kl, "gt.kl_divergence"),
    (ca.check_best_of_restarts, restarts_fit_best_of, "gt.fit_best_of"),
    (ca.check_soft_assign, soft_package, "gt.e_step"),
    (ca.check_soft_assign, soft_kernel, "gmm_teach.steps._e_step_kn"),
]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("seed", [None, SEEDS[0]])
@pytest.mark.parametrize("checker, func, where", GUARDED, ids=[f.__name__ for _, f, _ in GUARDED])
def test_a_function_that_calls_the_package_is_refused(checker, func, where, seed, lang):
    set_language(lang)
    result = checker(func, seed=seed)
    assert result.status == "wrong" and not result.passed
    assert f"check_{checker.__name__.removeprefix('check_')}: " in result.message and where in result.message
    assert result.hint == say(f"checks.hint_guard_{checker.__name__.removeprefix('check_')}", language=lang)
    assert ("gmm_teach 自身の" if lang == "ja" else "gmm_teach's own") in result.message


def test_the_guarded_functions_give_the_right_values():  # refused for calling the package, not for being wrong
    for case in ca._lower_bound_cases()[:-1]:
        assert np.isclose(lb_via_kl(*case.args), lb_solution(*case.args))
    case = ca._soft_assign_cases()[0]
    assert np.allclose(soft_kernel(*case.args), soft_solution(*case.args))


def test_allowed_helpers_still_pass():
    # update_bars and increase_parts use gt.e_step, gt.lower_bound and gt.kl_divergence, as the chapters allow;
    # best_of_restarts calls gt.fit; lower_bound uses gt.log_pdf
    for checker, func in ((cw.check_update_bars, bars_solution), (ca.check_increase_parts, parts_solution),
                          (ca.check_best_of_restarts, restarts_solution), (ca.check_lower_bound, lb_solution)):
        assert checker(func).passed and checker(func, seed=SEEDS[1]).passed


def test_worked_solutions_are_refused_even_where_nothing_of_the_package_is(tmp_path):
    import importlib.util
    folder = tmp_path / "instructor" / "solutions"
    folder.mkdir(parents=True)
    (folder / "ch06.py").write_text(
        "import numpy as np\nimport gmm_teach as gt\n\n"
        "def max_mean_step(result, start):\n"
        "    mus = np.array([p.mu for p in result.history])\n"
        "    return np.linalg.norm(np.diff(mus, axis=0), axis=2)[start - 1:].max()\n")
    spec = importlib.util.spec_from_file_location("ch06_solutions_for_test", folder / "ch06.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    result = cw.check_max_mean_step(lambda result, start: module.max_mean_step(result, start))
    assert result.status == "wrong" and "instructor/solutions/ch06.py" in result.message, str(result)


@pytest.mark.parametrize("checker", CHECKERS, ids=lambda c: c.__name__)
@pytest.mark.parametrize("seed, error", [(True, TypeError), (1.5, TypeError), ("7", TypeError), (-1, ValueError)])
def test_a_bad_seed_is_a_clear_error(checker, seed, error):
    with pytest.raises(error, match="seed"):
        checker(soft_solution, seed=seed)


def test_a_numpy_integer_seed_is_fine():
    assert ca.check_lower_bound(lb_solution, seed=np.int64(SEEDS[0])).passed
    assert str(ca.check_lower_bound(lb_no_entropy, seed=np.int64(5))) == str(ca.check_lower_bound(lb_no_entropy, seed=5))
