"""The exercise checkers of chapters 09 and 10 (gmm_teach/checks/choosing_k.py): right answers pass in
every accepted form, each typical mistake is named by its hint (in both languages), and a broken
function never raises."""

import numpy as np
import pytest

import gmm_teach as gt
from gmm_teach.checks import CheckResult, choosing_k as cms
from gmm_teach.i18n import catalogue


@pytest.fixture(autouse=True)
def english():
    gt.set_language("en")
    yield
    gt.set_language("en")


# --- learners' answers ------------------------------------------------------------------------------

def n_params(K, d):
    return (K - 1) + K * d + K * d * (d + 1) // 2


COVARIANCE_COUNT = {"full": lambda K, d: K * d * (d + 1) // 2, "diag": lambda K, d: K * d,
                    "spherical": lambda K, d: K, "tied": lambda K, d: d * (d + 1) // 2}


def n_params_by_type(K, d, covariance_type):
    return (K - 1) + K * d + COVARIANCE_COUNT[covariance_type](K, d)


def by_type_with(**wrong):
    """n_params_by_type with the covariance count of some types replaced."""
    counts = {**COVARIANCE_COUNT, **wrong}
    return lambda K, d, t: (K - 1) + K * d + counts[t](K, d)


def information_criteria(X, params):
    ll = gt.log_likelihood(X, params)
    p = n_params(params.K, params.d)
    return -2 * ll + p * np.log(len(X)), -2 * ll + 2 * p


def criteria_with(ll_factor=-2.0, mean=False, penalty_bic=None, penalty_aic=None, p=n_params, swap=False):
    def func(X, params):
        ll = gt.log_likelihood(X, params) / (len(X) if mean else 1)
        q = p(params.K, params.d)
        bic = ll_factor * ll + (q * np.log(len(X)) if penalty_bic is None else penalty_bic(q, len(X), params.d))
        aic = ll_factor * ll + (2 * q if penalty_aic is None else penalty_aic(q, len(X)))
        return (aic, bic) if swap else (bic, aic)
    return func


def full_covariances(covariances, covariance_type, K, d):
    if covariance_type == "full":
        return covariances.copy()
    if covariance_type == "diag":
        return covariances[:, :, None] * np.eye(d)
    if covariance_type == "spherical":
        return covariances[:, None, None] * np.eye(d)
    return np.repeat(covariances[None], K, axis=0)


def covariances_with(covariance_type, wrong):
    return lambda c, t, K, d: wrong(c, K, d) if t == covariance_type else full_covariances(c, t, K, d)


# --- right answers pass ----------------------------------------------------------------------------

@pytest.mark.parametrize("check, func", [
    (cms.check_n_parameters, n_params),
    (cms.check_n_parameters, lambda K, d: np.int64(n_params(K, d))),
    (cms.check_n_parameters, lambda K, d: np.int32(n_params(K, d))),
    (cms.check_n_parameters, lambda K, d: np.array(n_params(K, d))),
    (cms.check_n_parameters_by_type, lambda K, d, t: np.int64(n_params_by_type(K, d, t))),
    (cms.check_n_parameters, lambda K, d: np.array([n_params(K, d)])),
    (cms.check_n_parameters_by_type, n_params_by_type),
    (cms.check_information_criteria, information_criteria),
    (cms.check_information_criteria, lambda X, p: list(information_criteria(X, p))),
    (cms.check_information_criteria, lambda X, p: np.array(information_criteria(X, p))),
    (cms.check_full_covariances, full_covariances),
    (cms.check_full_covariances, lambda c, t, K, d: full_covariances(c, t, K, d).tolist()),
])
@pytest.mark.parametrize("language", ["ja", "en"])
def test_right_answers_pass(check, func, language):
    gt.set_language(language)
    result = check(func)
    assert isinstance(result, CheckResult)
    assert result.passed and result.status == "correct" and result.hint == "", str(result)
    assert ("正解である" if language == "ja" else "Correct") in result.message


# --- typical mistakes are named ---------------------------------------------------------------------

MISTAKES = [
    (cms.check_n_parameters, lambda K, d: K + K * d + K * d * (d + 1) // 2, "K − 1", "K − 1"),
    (cms.check_n_parameters, lambda K, d: K * d + K * d * (d + 1) // 2, "数え忘れ", "missing"),
    (cms.check_n_parameters, lambda K, d: (K - 1) + K * d * (d + 1) // 2, "平均 μ", "means μ"),
    (cms.check_n_parameters, lambda K, d: (K - 1) + K * d + K * d * d, "対称行列", "symmetric"),
    (cms.check_n_parameters, lambda K, d: (K - 1) + K * d + K * d * (d - 1) // 2, "分散", "variances"),
    (cms.check_n_parameters, lambda K, d: (K - 1) + K * d + K * d, "対角要素だけ", "Only the diagonal"),
    (cms.check_n_parameters, lambda K, d: 17, "1 つずつ", "Check each part"),
    (cms.check_n_parameters, lambda K, d: n_params(K, d) + 0.5, "整数", "whole number"),
    (cms.check_n_parameters, lambda K, d: [1, 2], "1 つの整数", "one integer"),
    (cms.check_n_parameters_by_type, by_type_with(tied=lambda K, d: K * d * (d + 1) // 2), "成分ごとに数えて",
     "once per component"),
    (cms.check_n_parameters_by_type, by_type_with(tied=lambda K, d: d), "対角行列として", "diagonal matrix"),
    (cms.check_n_parameters_by_type, by_type_with(spherical=lambda K, d: K * d), "s_k² だけ", "one number s_k²"),
    (cms.check_n_parameters_by_type, by_type_with(spherical=lambda K, d: 1), "K 個ある", "K of them"),
    (cms.check_n_parameters_by_type, by_type_with(diag=lambda K, d: K * d * (d + 1) // 2), "対角の d 個だけ",
     "only its d diagonal"),
    (cms.check_n_parameters_by_type, by_type_with(full=lambda K, d: K * d * d), "対称行列", "symmetric"),
    (cms.check_n_parameters_by_type, by_type_with(tied=lambda K, d: 7), "tied: d(d + 1)/2", "tied: d(d + 1)/2"),
    (cms.check_information_criteria, criteria_with(ll_factor=2.0), "符号が逆", "sign"),
    (cms.check_information_criteria, criteria_with(ll_factor=-1.0), "−1 を掛けて", "−1 instead of −2"),
    (cms.check_information_criteria,
     lambda X, p: tuple(v / 2 for v in information_criteria(X, p)), "1/2 倍", "half"),
    (cms.check_information_criteria, criteria_with(mean=True), "平均対数尤度", "mean log-likelihood"),
    (cms.check_information_criteria, criteria_with(penalty_bic=lambda q, n, d: q * np.log10(n)), "log10", "log10"),
    (cms.check_information_criteria, criteria_with(penalty_bic=lambda q, n, d: q * np.log(d)),
     "データ点の数", "number of data points"),
    (cms.check_information_criteria, criteria_with(swap=True), "入れ替わって", "swapped"),
    (cms.check_information_criteria, criteria_with(penalty_bic=lambda q, n, d: 2 * q), "BIC の罰則に 2p",
     "BIC seems to use the penalty 2p"),
    (cms.check_information_criteria, criteria_with(penalty_aic=lambda q, n: q * np.log(n)), "AIC の罰則に p ln n",
     "AIC seems to use the penalty p ln n"),
    (cms.check_information_criteria, criteria_with(p=lambda K, d: K + K * d + K * d * (d + 1) // 2),
     "パラメータ数 p", "number of parameters p"),
    (cms.check_information_criteria, criteria_with(p=lambda K, d: (K - 1) + K * d + K * d * d), "対称行列",
     "symmetric"),
    (cms.check_information_criteria, lambda X, p: information_criteria(X, p)[0], "return bic, aic", "return bic, aic"),
    (cms.check_information_criteria, lambda X, p: (1.0, 2.0, 3.0), "3 個", "3 values"),
    (cms.check_information_criteria, lambda X, p: (information_criteria(X, p)[0] + 5.0, information_criteria(X, p)[1]),
     "gt.log_likelihood", "gt.log_likelihood"),
    (cms.check_full_covariances, covariances_with("diag", lambda c, K, d: c), "variances[:, :, None]",
     "variances[:, :, None]"),
    (cms.check_full_covariances, covariances_with("spherical", lambda c, K, d: c), "s_k² I", "s_k² I"),
    (cms.check_full_covariances, covariances_with("spherical", lambda c, K, d: c[:, None, None] * np.ones((d, d))),
     "np.eye(d)", "np.eye(d)"),
    (cms.check_full_covariances, covariances_with("tied", lambda c, K, d: c), "np.repeat", "np.repeat"),
    (cms.check_full_covariances, covariances_with("full", lambda c, K, d: np.linalg.inv(c)), "逆行列", "inverse"),
    (cms.check_full_covariances, covariances_with("diag", lambda c, K, d: np.sqrt(c)[:, :, None] * np.eye(d)),
     "平方根", "square root"),
    (cms.check_full_covariances, covariances_with("tied", lambda c, K, d: np.repeat(c[None], K, 0) * 2),
     "np.repeat", "np.repeat"),
]


@pytest.mark.parametrize("check, func, ja_words, en_words", MISTAKES)
def test_typical_mistakes_are_named(check, func, ja_words, en_words):
    for language, words in (("ja", ja_words), ("en", en_words)):
        gt.set_language(language)
        result = check(func)
        assert not result.passed and result.status == "wrong"
        assert words in str(result), (language, str(result))
        assert result.language == language


# --- broken functions ------------------------------------------------------------------------------

def stub(*args):
    """The notebook's stub: the body is still a TODO."""
    return None


def raises(*args):
    raise KeyError("oops")


@pytest.mark.parametrize("check", [cms.check_n_parameters, cms.check_n_parameters_by_type,
                                   cms.check_information_criteria, cms.check_full_covariances])
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


def test_the_learner_cannot_change_the_cases():
    def mutating(covariances, covariance_type, K, d):
        out = full_covariances(covariances, covariance_type, K, d)
        covariances *= 0
        return out
    assert cms.check_full_covariances(mutating).passed
    assert cms.check_full_covariances(full_covariances).passed


def test_information_criteria_receives_gmmparams():
    seen = []

    def spy(X, params):
        seen.append((type(params), X.shape))
        return information_criteria(X, params)
    assert cms.check_information_criteria(spy).passed
    assert all(t is gt.GMMParams for t, _ in seen) and [s[1] for s in seen] == [(60, 2), (45, 1), (80, 3)]


# --- words ----------------------------------------------------------------------------------------------

def test_every_hint_key_used_exists():
    used = {"hint_" + m for m in cms.COUNT_MISTAKES + cms.TYPE_MISTAKES + cms.IC_MISTAKES if not m.startswith("p_")}
    used |= {f"hint_cov_{t}" for t in gt.COVARIANCE_TYPES}
    assert used <= catalogue("checks").keys()


# --- a count is an integer ---------------------------------------------------------------------------------

def float_count(K, d):  # the usual way a float creeps in: / instead of //
    return (K - 1) + K * d + K * d * (d + 1) / 2


@pytest.mark.parametrize("func", [
    float_count,
    lambda K, d: float(n_params(K, d)),
    lambda K, d: np.float64(n_params(K, d)),
    lambda K, d: np.float32(n_params(K, d)),
    lambda K, d: np.array(float(n_params(K, d))),
    lambda K, d: np.array([float(n_params(K, d))]),
], ids=["slash", "float", "np.float64", "np.float32", "0-d float array", "float array"])
@pytest.mark.parametrize("language", ["ja", "en"])
def test_a_float_count_fails_even_when_whole(func, language):
    gt.set_language(language)
    result = cms.check_n_parameters(func)
    assert result.status == "wrong" and not result.passed
    assert ("整数 (int)" if language == "ja" else "an integer (an int)") in result.hint
    assert "//" in result.hint
    assert "17.0" in result.message  # case 1: K = 3, d = 2 gives 2 + 6 + 9 = 17 parameters
    assert "float" in result.message


def test_a_float_count_fails_for_every_covariance_type():
    result = cms.check_n_parameters_by_type(lambda K, d, t: float(n_params_by_type(K, d, t)))
    assert result.status == "wrong" and "an integer" in result.hint


def test_a_bool_is_not_a_count():
    result = cms.check_n_parameters(lambda K, d: True)
    assert result.status == "wrong" and "an integer" in result.hint


def test_integer_counts_pass():
    for func in (n_params, lambda K, d: np.int64(n_params(K, d)), lambda K, d: np.array([n_params(K, d)])):
        assert cms.check_n_parameters(func).passed



# --- issue 12: fresh hidden cases (seed=) and the guard ---------------------------------------------------------

SEEDS = [20261207 + 7919 * i for i in range(20)]
CHECKERS = [cms.check_n_parameters, cms.check_n_parameters_by_type, cms.check_information_criteria,
            cms.check_full_covariances]
RIGHT_FRESH = [
    (cms.check_n_parameters, n_params),
    (cms.check_n_parameters, lambda K, d: np.int64(n_params(K, d))),
    (cms.check_n_parameters_by_type, n_params_by_type),
    (cms.check_information_criteria, information_criteria),
    (cms.check_information_criteria, lambda X, p: np.array(information_criteria(X, p))),
    (cms.check_full_covariances, full_covariances),
]


@pytest.mark.parametrize("check, func", RIGHT_FRESH)
def test_right_answers_pass_with_fresh_cases(check, func):
    for seed in SEEDS:
        result = check(func, seed=seed)
        assert result.passed and result.status == "correct", (seed, str(result))
    gt.set_language("ja")
    assert str(check(func, seed=SEEDS[0])).startswith("✓ 正解である。")


@pytest.mark.parametrize("check, func, ja_words, en_words", MISTAKES)
def test_typical_mistakes_fail_with_fresh_cases(check, func, ja_words, en_words):
    for seed in SEEDS[:6]:
        for language, words in (("ja", ja_words), ("en", en_words)):
            gt.set_language(language)
            result = check(func, seed=seed)
            assert not result.passed and result.status == "wrong", (seed, str(result))
            assert words in str(result), (seed, language, str(result))


def test_a_float_count_fails_with_fresh_cases():
    for seed in SEEDS[:5]:
        result = cms.check_n_parameters(float_count, seed=seed)
        assert result.status == "wrong" and "an integer" in result.hint and "float" in result.message


def _case_list(check, seed):
    """The cases a checker runs, recorded by a spy that answers right."""
    seen = []
    answers = {cms.check_n_parameters: n_params, cms.check_n_parameters_by_type: n_params_by_type,
               cms.check_information_criteria: information_criteria, cms.check_full_covariances: full_covariances}

    def spy(*args):
        seen.append(tuple(np.round(np.asarray(a, dtype=float), 8).tobytes() if isinstance(a, np.ndarray)
                          else (a.mu.round(8).tobytes() if isinstance(a, gt.GMMParams) else a) for a in args))
        return answers[check](*args)
    assert check(spy, seed=seed).passed
    return tuple(seen)


@pytest.mark.parametrize("check", CHECKERS, ids=lambda c: c.__name__)
def test_fresh_cases_differ_from_seed_to_seed_and_from_the_fixed_ones(check):
    fixed = _case_list(check, None)
    fresh = [_case_list(check, seed) for seed in SEEDS[:4]]
    assert _case_list(check, SEEDS[0]) == fresh[0]  # the same seed, the same cases
    assert len({fixed, *fresh}) == 5


def test_fresh_cases_keep_the_special_cases():
    for seed in SEEDS:
        pairs = [args for args in _case_list(cms.check_n_parameters, seed)]
        assert len(pairs) == 7 and len(set(pairs)) == 7
        assert any(K == 1 for K, _ in pairs) and any(d == 1 for _, d in pairs)  # one weight; no correlations
        by_type = _case_list(cms.check_n_parameters_by_type, seed)
        assert len(by_type) == 12 and all(K >= 2 and d >= 2 for K, d, _ in by_type)  # the four types differ
        assert sorted({t for _, _, t in by_type}) == sorted(gt.COVARIANCE_TYPES)
        shapes = [(X.shape, p.K, p.d) for X, p in [c.args for c in cms._ic_cases(seed)]]
        assert any(d == 1 for _, _, d in shapes) and any(d >= 2 for _, _, d in shapes)
        covs = cms._cov_cases(seed)
        assert len(covs) == 8 and all(K >= 2 and d >= 2 for _, _, K, d in [c.args for c in covs])


def test_information_criteria_fresh_cases_are_gmmparams_of_random_sizes():
    sizes = set()
    for seed in SEEDS[:6]:
        for case in cms._ic_cases(seed):
            X, params = case.args
            assert isinstance(params, gt.GMMParams) and X.shape[1] == params.d and 30 <= len(X) <= 120
            sizes.add((len(X), params.K, params.d))
    assert len(sizes) > 10


GUARDED = [  # (checker, function that calls gmm_teach's own answer, the forbidden function it reaches)
    (cms.check_n_parameters, lambda K, d: gt.n_parameters(K, d), "gt.n_parameters"),
    (cms.check_n_parameters, gt.n_parameters, "gt.n_parameters"),
    (cms.check_n_parameters_by_type, gt.n_parameters, "gt.n_parameters"),
    (cms.check_n_parameters_by_type, lambda K, d, t: int(gt.n_parameters(K, d, t)), "gt.n_parameters"),
    (cms.check_information_criteria, lambda X, p: (gt.bic(X, p), gt.aic(X, p)), "gt.bic"),
    (cms.check_information_criteria, lambda X, p: (information_criteria(X, p)[0], gt.aic(X, p)), "gt.aic"),
]


@pytest.mark.parametrize("language", ["ja", "en"])
@pytest.mark.parametrize("seed", [None, SEEDS[0]])
@pytest.mark.parametrize("check, func, where", GUARDED)
def test_a_function_that_calls_the_package_is_refused(check, func, where, seed, language):
    gt.set_language(language)
    result = check(func, seed=seed)
    name = check.__name__.removeprefix("check_")
    assert result.status == "wrong" and not result.passed
    assert f"check_{name}: " in result.message and where in result.message
    assert ("gmm_teach 自身の" if language == "ja" else "gmm_teach's own") in result.message
    assert result.hint == gt.i18n.say(f"checks.hint_guard_{name}", language=language)


def test_allowed_helpers_still_pass():
    # gt.log_likelihood is allowed in information_criteria (the exercise says so), and so is gt.n_parameters there:
    # the count is exercise 1, the criteria exercise 2
    func = lambda X, p: (-2 * gt.log_likelihood(X, p) + gt.n_parameters(p.K, p.d) * np.log(len(X)),  # noqa: E731
                         -2 * gt.log_likelihood(X, p) + 2 * gt.n_parameters(p.K, p.d))
    assert cms.check_information_criteria(func).passed and cms.check_information_criteria(func, seed=3).passed


@pytest.mark.parametrize("check", CHECKERS, ids=lambda c: c.__name__)
@pytest.mark.parametrize("seed, error", [(True, TypeError), (2.0, TypeError), ("7", TypeError), (-3, ValueError)])
def test_a_bad_seed_is_a_clear_error(check, seed, error):
    with pytest.raises(error, match="seed"):
        check(stub, seed=seed)
