"""The exercise checkers of chapter 11 (gmm_teach/checks/variational.py): right answers pass for the fixed and
for fresh cases, each typical mistake is named by its hint (in both languages), a broken function never raises,
and a function that calls gmm_teach's own variational implementation is refused."""

import numpy as np
import pytest
from scipy.special import digamma

import gmm_teach as gt
from gmm_teach.checks import CheckResult, variational as cv
from gmm_teach.checks._framework import Spec, guard_hits
from gmm_teach.i18n import catalogue


@pytest.fixture(autouse=True)
def english():
    gt.set_language("en")
    yield
    gt.set_language("en")


# --- learners' answers ------------------------------------------------------------------------------

def dirichlet_posterior(alpha0, N_k):
    alpha = alpha0 + N_k
    return alpha, alpha / alpha.sum()


def expected_log_phi(alpha):
    return digamma(alpha) - digamma(np.sum(alpha))


def gaussian_wishart_mean(beta0, m0, N_k, x_bar):
    beta = beta0 + N_k
    return beta, (beta0 * m0 + N_k[:, None] * x_bar) / beta[:, None]


def gaussian_wishart_mean_loop(beta0, m0, N_k, x_bar):
    beta, m = [], []
    for k in range(len(N_k)):
        beta.append(beta0 + N_k[k])
        m.append([(beta0 * m0[i] + N_k[k] * x_bar[k, i]) / beta[-1] for i in range(len(m0))])
    return beta, m


RIGHT = [
    (cv.check_dirichlet_posterior, dirichlet_posterior),
    (cv.check_dirichlet_posterior, lambda a0, N: [list(a0 + N), list((a0 + N) / (len(N) * a0 + N.sum()))]),
    (cv.check_expected_log_phi, expected_log_phi),
    (cv.check_expected_log_phi, lambda alpha: list(cv.digamma(alpha) - cv.digamma(alpha.sum()))),
    (cv.check_gaussian_wishart_mean, gaussian_wishart_mean),
    (cv.check_gaussian_wishart_mean, gaussian_wishart_mean_loop),
]


@pytest.mark.parametrize("check, func", RIGHT)
@pytest.mark.parametrize("language", ["ja", "en"])
def test_right_answers_pass(check, func, language):
    gt.set_language(language)
    result = check(func)
    assert isinstance(result, CheckResult)
    assert result.passed and result.status == "correct" and result.hint == "", str(result)
    assert ("正解である" if language == "ja" else "Correct") in result.message


SEEDS = [20261207 + 7919 * i for i in range(12)]


@pytest.mark.parametrize("check, func", RIGHT)
def test_right_answers_pass_with_fresh_cases(check, func):
    for seed in SEEDS:
        result = check(func, seed=seed)
        assert result.passed and result.status == "correct", (seed, str(result))


# --- typical mistakes are named ---------------------------------------------------------------------

def dir_with(alpha=None, phi=None):
    def func(alpha0, N_k):
        a = alpha0 + N_k if alpha is None else alpha(alpha0, N_k)
        return a, a / a.sum() if phi is None else phi(alpha0, N_k, a)
    return func


def mean_with(beta=None, m=None):
    def func(beta0, m0, N_k, x_bar):
        b = beta0 + N_k if beta is None else beta(beta0, N_k)
        mm = (beta0 * m0 + N_k[:, None] * x_bar) / b[:, None] if m is None else m(beta0, m0, N_k, x_bar, b)
        return b, mm
    return func


MISTAKES = [
    (cv.check_dirichlet_posterior, dir_with(alpha=lambda a0, N: N), "α0 を足し忘れて", "α0 seems to be missing"),
    (cv.check_dirichlet_posterior, dir_with(alpha=lambda a0, N: a0 - 1 + N), "指数", "exponent of φ_k"),
    (cv.check_dirichlet_posterior, dir_with(phi=lambda a0, N, a: N / N.sum()), "N_k / N", "N_k / N"),
    (cv.check_dirichlet_posterior, dir_with(phi=lambda a0, N, a: (a - 1) / (a.sum() - len(a))), "最頻値", "mode"),
    (cv.check_dirichlet_posterior, dir_with(phi=lambda a0, N, a: a), "そのまま", "α_k itself"),
    (cv.check_dirichlet_posterior, dir_with(phi=lambda a0, N, a: a / (a0 + N.sum())), "K α0 + N", "K α0 + N"),
    (cv.check_dirichlet_posterior, dir_with(alpha=lambda a0, N: a0 + N + 1), "α_k = α0 + N_k",
     "α_k = α0 + N_k"),
    (cv.check_dirichlet_posterior, lambda a0, N: (a0 + N, (a0 + N) / (a0 + N).sum() * 1.01), "平均は",
     "mean of a Dirichlet"),
    (cv.check_dirichlet_posterior, lambda a0, N: a0 + N, "return alpha, expected_phi", "return alpha, expected_phi"),
    (cv.check_dirichlet_posterior, lambda a0, N: (a0 + N,) * 3, "return alpha, expected_phi",
     "return alpha, expected_phi"),
    (cv.check_expected_log_phi, lambda a: np.log(a / a.sum()), "ln E[φ_k]", "ln E[φ_k]"),
    (cv.check_expected_log_phi, lambda a: digamma(a), "ψ(α_k) だけ", "ψ(α_k) alone"),
    (cv.check_expected_log_phi, lambda a: digamma(a) - np.log(a.sum()), "ψ(α_k) − ln(Σ_j α_j)",
     "ψ(α_k) − ln(Σ_j α_j)"),
    (cv.check_expected_log_phi, lambda a: digamma(a) - digamma(a).sum(), "ディガンマ関数の総和",
     "not the total of the digammas"),
    (cv.check_expected_log_phi, lambda a: digamma(a / a.sum()), "ψ(α_k / Σ_j α_j)", "ψ(α_k / Σ_j α_j)"),
    (cv.check_expected_log_phi, lambda a: digamma(a) - digamma(a.sum()) + 0.1, "ディガンマ関数", "digamma function"),
    (cv.check_gaussian_wishart_mean, mean_with(m=lambda b0, m0, N, xb, b: N[:, None] * xb / b[:, None]), "β0 m0",
     "β0 m0"),
    (cv.check_gaussian_wishart_mean, mean_with(m=lambda b0, m0, N, xb, b: (b0 * m0 + N[:, None] * xb) / N[:, None]),
     "N_k で割って", "divided by N_k"),
    (cv.check_gaussian_wishart_mean, mean_with(beta=lambda b0, N: N), "β0 を足し忘れて", "β0 seems to be missing"),
    (cv.check_gaussian_wishart_mean, mean_with(m=lambda b0, m0, N, xb, b: xb), "最尤推定", "maximum-likelihood"),
    (cv.check_gaussian_wishart_mean, mean_with(m=lambda b0, m0, N, xb, b: (b0 * m0 + xb) / b[:, None]),
     "N_k が掛かっていない", "lack its weight N_k"),
    (cv.check_gaussian_wishart_mean, mean_with(m=lambda b0, m0, N, xb, b: (m0 + xb) / 2), "同じ重み",
     "equal weights"),
    (cv.check_gaussian_wishart_mean, mean_with(beta=lambda b0, N: b0 + N + 1), "β_k = β0 + N_k",
     "β_k = β0 + N_k"),
    (cv.check_gaussian_wishart_mean, lambda b0, m0, N, xb: mean_with()(b0, m0, N, xb)[::-1], "入れ替わって",
     "each other's shapes"),
]


@pytest.mark.parametrize("check, func, ja_words, en_words", MISTAKES)
def test_typical_mistakes_are_named(check, func, ja_words, en_words):
    for language, words in (("ja", ja_words), ("en", en_words)):
        gt.set_language(language)
        result = check(func)
        assert not result.passed and result.status == "wrong"
        assert words in str(result), (language, str(result))
        assert result.language == language


@pytest.mark.parametrize("check, func, ja_words, en_words", MISTAKES)
def test_typical_mistakes_fail_with_fresh_cases(check, func, ja_words, en_words):
    for seed in SEEDS[:4]:
        for language, words in (("ja", ja_words), ("en", en_words)):
            gt.set_language(language)
            result = check(func, seed=seed)
            assert not result.passed and result.status == "wrong", (seed, str(result))
            assert words in str(result), (seed, language, str(result))


def test_a_transposed_mean_is_a_shape_verdict():
    result = cv.check_gaussian_wishart_mean(lambda b0, m0, N, xb: (b0 + N, xb.T))
    assert result.status == "wrong" and "m (K, d) = (3, 2)" in result.message and "transposed" in result.hint


def test_every_hint_key_used_exists():
    used = {"hint_" + m for m in cv.DIRICHLET_MISTAKES + cv.ELOGPHI_MISTAKES + cv.MEAN_MISTAKES}
    used |= {"hint_dir_alpha", "hint_dir_phi", "hint_dir_return", "hint_elp", "hint_gw_beta", "hint_gw_m",
             "hint_gw_return", "args_dirichlet_posterior", "args_expected_log_phi", "args_gaussian_wishart_mean"}
    used |= {f"hint_guard_{c.__name__.removeprefix('check_')}" for c in CHECKERS}
    assert used <= catalogue("checks").keys()


def test_the_mistakes_can_be_told_apart():
    """Every two answers (right or mistaken) differ on the fixed cases, so each hint names one mistake."""
    for variants_of, cases, names in [(cv._dirichlet_variants, cv._dirichlet_cases(), cv.DIRICHLET_MISTAKES),
                                      (cv._elogphi_variants, cv._alpha_cases(), cv.ELOGPHI_MISTAKES),
                                      (cv._mean_variants, cv._mean_cases(), cv.MEAN_MISTAKES)]:
        variants = [{name: np.concatenate([np.ravel(x) for x in value]) if isinstance(value, tuple) else value
                     for name, value in variants_of(*c.args).items()} for c in cases]
        names = ("correct",) + names
        for i, a in enumerate(names):
            for b in names[:i]:
                assert any(not np.allclose(v[a], v[b], rtol=1e-5) for v in variants), (a, b)


def test_the_digamma_agrees_with_scipy():
    x = np.concatenate([np.geomspace(1e-4, 1e4, 200), [1.0, 0.5, 6.0, 5.999]])
    assert np.allclose(cv.digamma(x), digamma(x), rtol=1e-10, atol=1e-12)


# --- broken functions ------------------------------------------------------------------------------

def stub(*args):
    """The notebook's stub: the body is still a TODO."""
    return None


def raises(*args):
    raise KeyError("oops")


CHECKERS = [cv.check_dirichlet_posterior, cv.check_expected_log_phi, cv.check_gaussian_wishart_mean]


@pytest.mark.parametrize("check", CHECKERS)
@pytest.mark.parametrize("language", ["ja", "en"])
def test_a_stub_and_a_crash_give_a_verdict_not_a_traceback(check, language):
    gt.set_language(language)
    result = check(stub)
    assert result.status == "wrong" and "None" in result.message and "return" in result.hint
    assert str(check(stub)) == str(result)  # deterministic: nbval stores this text
    crashed = check(raises)
    assert crashed.status == "wrong" and "KeyError" in crashed.message
    not_a_function = check(17)
    assert not_a_function.status == "wrong" and "int" in not_a_function.message
    wrong_signature = check(lambda x, y, z, w, v: x)
    assert wrong_signature.status == "wrong" and "TypeError" in wrong_signature.message


def test_the_learner_cannot_change_the_cases():
    def mutating(beta0, m0, N_k, x_bar):
        out = gaussian_wishart_mean(beta0, m0, N_k, x_bar)
        N_k *= 0
        x_bar *= 0
        return out
    assert cv.check_gaussian_wishart_mean(mutating).passed
    assert cv.check_gaussian_wishart_mean(gaussian_wishart_mean).passed


def test_every_case_has_a_nearly_empty_component():
    for seed in [None] + SEEDS[:6]:
        for case in cv._dirichlet_cases(seed):
            assert case.args[1].min() < 0.011 and case.args[0] > 0
        for case in cv._mean_cases(seed):
            beta0, m0, N_k, x_bar = case.args
            assert N_k.min() < 0.011 and x_bar.shape == (len(N_k), len(m0))
        for case in cv._alpha_cases(seed):
            assert np.all(case.args[0] > 0)


@pytest.mark.parametrize("check", CHECKERS, ids=lambda c: c.__name__)
def test_fresh_cases_differ_from_seed_to_seed_and_from_the_fixed_ones(check):
    cases_of = {cv.check_dirichlet_posterior: cv._dirichlet_cases, cv.check_expected_log_phi: cv._alpha_cases,
                cv.check_gaussian_wishart_mean: cv._mean_cases}[check]

    def key(seed):
        return tuple(np.concatenate([np.ravel(np.asarray(a, dtype=float)) for a in c.args]).round(10).tobytes()
                     for c in cases_of(seed))
    keys = [key(None)] + [key(s) for s in SEEDS[:4]]
    assert key(SEEDS[0]) == keys[1] and len(set(keys)) == 5


@pytest.mark.parametrize("check", CHECKERS, ids=lambda c: c.__name__)
@pytest.mark.parametrize("seed, error", [(True, TypeError), (2.0, TypeError), ("7", TypeError), (-3, ValueError)])
def test_a_bad_seed_is_a_clear_error(check, seed, error):
    with pytest.raises(error, match="seed"):
        check(stub, seed=seed)


# --- the guard: gmm_teach's own variational implementation is refused ----------------------------------------

@pytest.fixture
def package_variational():
    return pytest.importorskip("gmm_teach.variational")  # gt.fit_variational


def test_the_guard_covers_fit_variational_and_the_module(package_variational):
    forbidden = cv._forbidden()
    assert forbidden[0] is gt.fit_variational
    assert all(f.__module__ == "gmm_teach.variational" for f in forbidden)
    spec = Spec("dirichlet_posterior", "", forbidden=forbidden)
    X = gt.old_faithful()[:40]
    hit = guard_hits(spec, lambda: gt.fit_variational(X, 2, seed=0, max_iter=3, tol=1e9))
    assert hit is not None and hit.where == "gt.fit_variational"


def _via_package(alpha0, N_k):
    """A 'solution' that lets gmm_teach's variational fit do the work."""
    X = gt.old_faithful()[:30]
    gt.fit_variational(X, len(N_k), seed=0, max_iter=2, tol=1e9)
    return alpha0 + N_k, (alpha0 + N_k) / (alpha0 + N_k).sum()


@pytest.mark.parametrize("language", ["ja", "en"])
@pytest.mark.parametrize("seed", [None, SEEDS[0]])
def test_a_function_that_calls_the_package_is_refused(seed, language, package_variational):
    gt.set_language(language)
    for check, func in [(cv.check_dirichlet_posterior, _via_package),
                        (cv.check_expected_log_phi, lambda a: (_via_package(0.1, a), expected_log_phi(a))[1]),
                        (cv.check_gaussian_wishart_mean,
                         lambda b0, m0, N, xb: (_via_package(0.1, N), gaussian_wishart_mean(b0, m0, N, xb))[1])]:
        result = check(func, seed=seed)
        name = check.__name__.removeprefix("check_")
        assert result.status == "wrong" and not result.passed, str(result)
        assert f"check_{name}: " in result.message and "gt.fit_variational" in result.message
        assert ("gmm_teach 自身の" if language == "ja" else "gmm_teach's own") in result.message
        assert result.hint == gt.i18n.say(f"checks.hint_guard_{name}", language=language)


def test_allowed_helpers_still_pass():
    # scipy's digamma and gmm_teach's numerical helpers (gt._math) are tools, not the reference
    from gmm_teach import _math
    if hasattr(_math, "digamma"):
        assert cv.check_expected_log_phi(lambda a: _math.digamma(a) - _math.digamma(a.sum())).passed
    assert cv.check_expected_log_phi(expected_log_phi, seed=5).passed
