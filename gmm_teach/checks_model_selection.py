"""Exercise checkers for choosing K (chapter 09) and covariance types / scikit-learn (chapter 10).

    from gmm_teach import checks_model_selection as cms
    def n_params(K, d): ...
    cms.check_n_parameters(n_params)

They work as the checkers of ``gmm_teach.checks`` do and return the same ``CheckResult``: the
learner's function runs on a few fixed cases, its answer is compared with gmm_teach's own
(``n_parameters``, ``bic``, ``aic``), and a wrong answer is compared with the typical mistakes
(K mixing weights instead of K - 1, d^2 covariance entries instead of d(d + 1)/2, +2 ln L, the
mean log-likelihood, log10, a tied covariance counted once per component, ...) to name the
mistake. Verdicts and hints are in the current language (``gmm_teach.set_language``).
"""
from __future__ import annotations

import numpy as np

from .checks import (RTOL, CheckResult, _as_array, _call, _Case, _checker, _func_name, _join, _num, _result,
                     _shape_text, _Spec, _t as _common, _wrong)
from .data import sample
from .em import COVARIANCE_TYPES, constrain_covariances, log_likelihood
from .i18n import say
from .model_selection import aic as _ref_aic, bic as _ref_bic, n_parameters as _ref_n_parameters
from .params import GMMParams

MESSAGES = {
    "ja": {
        "correct": "正解である。{name} は {count} 個のケースすべてで参照実装と一致した。",
        "case_K_d": "K = {K}, d = {d}",
        "case_type": "K = {K}, d = {d}, covariance_type = \"{covariance_type}\"",
        "case_data": "n = {n}, K = {K}, d = {d}",
        "count_mismatch": "{case} で {got} が返ったが、正しいパラメータ数は {expected} である。",
        "not_integer": "{case} で整数でない値 {got} が返った。",
        "hint_not_integer": "パラメータの数は整数である。d(d + 1)/2 は d * (d + 1) // 2 と書けば整数のまま計算できる。",
        "not_int_type": "{case} で {got} が返った。パラメータの数は整数であるが、返った値の型は {type} である。",
        "hint_int_type": "パラメータの数は整数 (int) である。/ で割ると結果は 3.0 のような浮動小数点数になる: d * (d + 1) // 2 のように // を使うこと (最後に int(...) で変換してもよい)。",
        "scalar_expected": "{case} で 1 つの数を期待したが、形 {got} の配列が返った。",
        "hint_scalar_expected": "パラメータの数を 1 つの整数として返すこと（例えば return (K - 1) + ...）。",
        "ic_mismatch": "{case} で {which} が一致しない: {expected} であるべきところ {got} になっている。",
        "hint_ic_return": "return bic, aic のように、BIC と AIC をこの順に 2 つ並べて返すこと。",
        "cov_mismatch": "{case} で共分散行列が一致しない: 要素 {index} は {expected} であるべきところ {got} になっている。",
        "cov_shape": "{case} で形 {expected} の配列を期待したが、形 {got} が返った。",
        # hints: counting parameters
        "hint_weights_K": "混合係数を K 個と数えているようである。φ は和が 1 という制約があるので、自由に選べるのは K − 1 個である。",
        "hint_no_weights": "混合係数 φ を数え忘れているようである。φ の自由なパラメータは K − 1 個である。",
        "hint_no_means": "K d 個足りない。平均 μ（各成分に d 個、合わせて K d 個）か、共分散行列の対角要素である分散（これも合わせて K d 個）を数え忘れているようである。",
        "hint_cov_d2": "共分散行列を d² 個と数えているようである。Σ_k は対称行列 (Σ_ij = Σ_ji) なので、自由な要素は対角の d 個と上三角の d(d − 1)/2 個、合わせて d(d + 1)/2 個である。",
        "hint_cov_diag_only": "共分散行列の対角要素だけを数えているようである。full の Σ_k は非対角要素 (共分散) も自由で、d(d + 1)/2 個の要素をもつ。",
        "hint_count": "自由なパラメータは 混合係数 (K − 1) + 平均 (K d) + 共分散行列 (K d(d + 1)/2) である。1 つずつ確かめよ。",
        "hint_tied_per_component": "tied の共分散行列を成分ごとに数えているようである。tied ではすべての成分が 1 つの Σ を共有するので、共分散の部分は K に依らず d(d + 1)/2 個である。",
        "hint_tied_diag": "tied の共分散行列を対角行列として数えているようである。共有される Σ は full の行列で、d(d + 1)/2 個の自由な要素をもつ。",
        "hint_spherical_d": "spherical を成分ごとに d 個と数えているようである。spherical の Σ_k = s_k² I は成分ごとに 1 つの数 s_k² だけで決まる。",
        "hint_spherical_one": "spherical の分散を全体で 1 個と数えているようである。s_k² は成分ごとに別の値なので K 個ある。",
        "hint_diag_full": "diag を full と同じく d(d + 1)/2 個と数えているようである。対角行列の自由な要素は対角の d 個だけである。",
        "hint_type_unknown": "covariance_type = \"{covariance_type}\" の場合を見直すこと。共分散の部分は full: K d(d + 1)/2、diag: K d、spherical: K、tied: d(d + 1)/2 である。",
        # hints: BIC and AIC
        "hint_ic_sign": "対数尤度の符号が逆のようである。BIC = −2 ln L̂ + p ln n、AIC = −2 ln L̂ + 2p であり、当てはまりが良いほど値は小さくなる。",
        "hint_ic_no_two": "対数尤度に −2 ではなく −1 を掛けているようである。BIC = −2 ln L̂ + p ln n、AIC = −2 ln L̂ + 2p である。",
        "hint_ic_half": "BIC と AIC を 1/2 倍した値になっている（−ln L̂ + (p/2) ln n など）。この教材と scikit-learn は −2 ln L̂ + ... の形を使う。",
        "hint_ic_mean": "1 点あたりの平均対数尤度を使っているようである。ln L̂ は全データ点についての和 Σ_n ln p(x_n) である（scikit-learn の score は平均なので n 倍する）。",
        "hint_ic_log10": "常用対数 log10 を使っているようである。BIC の罰則は自然対数 p ln n（np.log(n)）である。",
        "hint_ic_log_d": "罰則の対数の中身が違うようである。BIC の罰則 p ln n の n はデータ点の数 X.shape[0] である。",
        "hint_ic_swapped": "BIC と AIC が入れ替わっているようである。(bic, aic) の順に返すこと。",
        "hint_ic_bic_2p": "BIC の罰則に 2p を使っているようである。それは AIC の罰則であり、BIC の罰則は p ln n である。",
        "hint_ic_aic_logn": "AIC の罰則に p ln n を使っているようである。それは BIC の罰則であり、AIC の罰則は 2p である。",
        "hint_ic_p": "パラメータ数 p が違うようである。{inner}",
        "hint_ic": "BIC = −2 ln L̂ + p ln n、AIC = −2 ln L̂ + 2p、p = (K − 1) + K d + K d(d + 1)/2 である。ln L̂ は gt.log_likelihood(X, params) で求められる。",
        # hints: sklearn's covariance shapes
        "hint_cov_full": "\"full\" の covariances は既に形 (K, d, d) の共分散行列である。そのまま（コピーして）返せばよい。",
        "hint_cov_diag": "\"diag\" の covariances は形 (K, d) の分散である。各行を対角に並べた行列 variances[:, :, None] * np.eye(d) を返すこと。",
        "hint_cov_spherical": "\"spherical\" の covariances は形 (K,) で、成分 k の共分散行列は s_k² I である: covariances[:, None, None] * np.eye(d)。",
        "hint_cov_spherical_ones": "\"spherical\" の非対角要素が 0 になっていない。Σ_k = s_k² I であり、np.ones ではなく単位行列 np.eye(d) を掛けること。",
        "hint_cov_tied": "\"tied\" の covariances は全成分が共有する 1 つの (d, d) 行列である。それを K 個並べること: np.repeat(covariances[None], K, axis=0)。",
        "hint_cov_precision": "逆行列をとっているようである。scikit-learn の covariances_ は共分散行列そのもの（逆行列は precisions_）なので、逆行列は要らない。",
        "hint_cov_sqrt": "平方根をとっているようである。covariances_ の値は分散（標準偏差の 2 乗）なので、そのまま対角に置けばよい。",
    },
    "en": {
        "correct": "Correct. {name} agrees with the reference on all {count} cases.",
        "case_K_d": "K = {K}, d = {d}",
        "case_type": "K = {K}, d = {d}, covariance_type = \"{covariance_type}\"",
        "case_data": "n = {n}, K = {K}, d = {d}",
        "count_mismatch": "In {case}, the function returned {got}, but the number of free parameters is {expected}.",
        "not_integer": "In {case}, the function returned {got}, which is not a whole number.",
        "hint_not_integer": "A number of parameters is an integer. Write d(d + 1)/2 as d * (d + 1) // 2 to stay with integers.",
        "not_int_type": "In {case}, the function returned {got}, of type {type}; a number of parameters is an integer.",
        "hint_int_type": "A number of parameters is an integer (an int). Dividing with / gives a float such as 3.0: use // as in d * (d + 1) // 2 (or convert the result with int(...)).",
        "scalar_expected": "In {case}, one number was expected but an array of shape {got} came back.",
        "hint_scalar_expected": "Return the count as one integer (for example return (K - 1) + ...).",
        "ic_mismatch": "In {case}, the {which} differs: it should be {expected} but is {got}.",
        "hint_ic_return": "Return the two values in this order: return bic, aic.",
        "cov_mismatch": "In {case}, the covariance matrices differ: element {index} should be {expected} but is {got}.",
        "cov_shape": "In {case}, an array of shape {expected} was expected but the shape is {got}.",
        "hint_weights_K": "The mixing weights seem to be counted as K. They sum to 1, so only K − 1 of them are free.",
        "hint_no_weights": "The mixing weights φ seem to be missing. They contribute K − 1 free parameters.",
        "hint_no_means": "K d parameters are missing: either the means μ (d per component, K d in all) or the diagonals of the covariances, the variances (also K d in all).",
        "hint_cov_d2": "Each covariance seems to be counted as d² numbers. Σ_k is symmetric (Σ_ij = Σ_ji): its free entries are the d on the diagonal and the d(d − 1)/2 above it, d(d + 1)/2 in all.",
        "hint_cov_diag_only": "Only the diagonal of each covariance seems to be counted. A full Σ_k has free off-diagonal entries too: d(d + 1)/2 in all.",
        "hint_count": "The free parameters are: weights (K − 1) + means (K d) + covariances (K d(d + 1)/2). Check each part.",
        "hint_tied_per_component": "The tied covariance seems to be counted once per component. With \"tied\" every component shares one Σ, so the covariances contribute d(d + 1)/2, whatever K is.",
        "hint_tied_diag": "The tied covariance seems to be counted as a diagonal matrix. The shared Σ is a full matrix with d(d + 1)/2 free entries.",
        "hint_spherical_d": "\"spherical\" seems to be counted as d per component. Its Σ_k = s_k² I is fixed by one number s_k² per component.",
        "hint_spherical_one": "\"spherical\" seems to be counted as one variance in all. Each component has its own s_k²: K of them.",
        "hint_diag_full": "\"diag\" seems to be counted like \"full\", d(d + 1)/2 per component. A diagonal matrix has only its d diagonal entries free.",
        "hint_type_unknown": "Look again at covariance_type = \"{covariance_type}\". The covariances contribute full: K d(d + 1)/2, diag: K d, spherical: K, tied: d(d + 1)/2.",
        "hint_ic_sign": "The sign of the log-likelihood seems reversed. BIC = −2 ln L̂ + p ln n and AIC = −2 ln L̂ + 2p: a better fit gives a smaller value.",
        "hint_ic_no_two": "The log-likelihood seems to be multiplied by −1 instead of −2. BIC = −2 ln L̂ + p ln n, AIC = −2 ln L̂ + 2p.",
        "hint_ic_half": "Both values are half of the expected ones (−ln L̂ + (p/2) ln n and so on). This course and scikit-learn use the form −2 ln L̂ + ...",
        "hint_ic_mean": "The mean log-likelihood per point seems to be used. ln L̂ is the sum over all points, Σ_n ln p(x_n) (scikit-learn's score is the mean: multiply it by n).",
        "hint_ic_log10": "log10 seems to be used. The BIC penalty is p ln n with the natural logarithm, np.log(n).",
        "hint_ic_log_d": "The logarithm in the penalty seems to be taken of the wrong number. In p ln n, n is the number of data points, X.shape[0].",
        "hint_ic_swapped": "BIC and AIC seem to be swapped. Return them in the order (bic, aic).",
        "hint_ic_bic_2p": "The BIC seems to use the penalty 2p. That is AIC's penalty; BIC's is p ln n.",
        "hint_ic_aic_logn": "The AIC seems to use the penalty p ln n. That is BIC's penalty; AIC's is 2p.",
        "hint_ic_p": "The number of parameters p seems wrong. {inner}",
        "hint_ic": "BIC = −2 ln L̂ + p ln n, AIC = −2 ln L̂ + 2p, p = (K − 1) + K d + K d(d + 1)/2. gt.log_likelihood(X, params) gives ln L̂.",
        "hint_cov_full": "For \"full\", covariances already has shape (K, d, d): return it (a copy).",
        "hint_cov_diag": "For \"diag\", covariances holds the variances, shape (K, d). Put each row on a diagonal: variances[:, :, None] * np.eye(d).",
        "hint_cov_spherical": "For \"spherical\", covariances has shape (K,) and component k's covariance is s_k² I: covariances[:, None, None] * np.eye(d).",
        "hint_cov_spherical_ones": "For \"spherical\", the off-diagonal entries are not 0. Σ_k = s_k² I: multiply by the identity np.eye(d), not by np.ones.",
        "hint_cov_tied": "For \"tied\", covariances is one (d, d) matrix shared by every component. Repeat it K times: np.repeat(covariances[None], K, axis=0).",
        "hint_cov_precision": "An inverse seems to be taken. scikit-learn's covariances_ are the covariances themselves (the inverses are precisions_): no inverse is needed.",
        "hint_cov_sqrt": "A square root seems to be taken. The values of covariances_ are variances (squared standard deviations): put them on the diagonal as they are.",
    },
}


def _t(key: str, **values) -> str:
    return say(MESSAGES, key, **values)


# --- counting parameters ---------------------------------------------------------------------------

def _covariance_count(K: int, d: int, covariance_type: str) -> int:
    return {"full": K * d * (d + 1) // 2, "diag": K * d, "spherical": K, "tied": d * (d + 1) // 2}[covariance_type]


def _count_variants(K: int, d: int) -> dict:
    """Counts for a full-covariance mixture, correct and with each typical mistake."""
    tri = d * (d + 1) // 2
    return {
        "correct": _ref_n_parameters(K, d),  # the package's own count: (K - 1) + K d + K d(d + 1)/2
        "weights_K": K + K * d + K * tri,
        "no_weights": K * d + K * tri,
        "no_means": (K - 1) + K * tri,
        "cov_d2": (K - 1) + K * d + K * d * d,
        "cov_diag_only": (K - 1) + K * d + K * d,
    }


COUNT_MISTAKES = ("weights_K", "no_weights", "no_means", "cov_d2", "cov_diag_only")  # no_means = no variances


def _type_variants(K: int, d: int, covariance_type: str) -> dict:
    """Counts for one covariance type with the type-specific mistakes (and the full-model ones)."""
    base = (K - 1) + K * d
    tri = d * (d + 1) // 2
    out = {"correct": _ref_n_parameters(K, d, covariance_type),  # the package's own count
           "weights_K": K + K * d + _covariance_count(K, d, covariance_type),
           "no_weights": K * d + _covariance_count(K, d, covariance_type),
           "no_means": (K - 1) + _covariance_count(K, d, covariance_type)}
    if covariance_type == "full":
        out.update(cov_d2=base + K * d * d, cov_diag_only=base + K * d)
    elif covariance_type == "tied":
        out.update(tied_per_component=base + K * tri, tied_diag=base + d)
    elif covariance_type == "spherical":
        out.update(spherical_d=base + K * d, spherical_one=base + 1)
    else:  # diag
        out.update(diag_full=base + K * tri)
    return out


TYPE_MISTAKES = ("tied_per_component", "tied_diag", "spherical_d", "spherical_one", "diag_full", "weights_K",
                 "no_weights", "no_means", "cov_d2", "cov_diag_only")


def _as_count(spec: _Spec, case: _Case, value) -> int:
    """The returned count as an int, or a verdict (None, not a number, an array, not an integer).

    An int or a numpy integer (also a one-element integer array) is a count; a float is not, even 13.0.
    """
    if isinstance(value, (bool, np.bool_)):
        raise _wrong(spec.name, _t("not_int_type", case=case.text, got=str(value), type=type(value).__name__),
                     _t("hint_int_type"))
    if isinstance(value, (int, np.integer)):
        return int(value)
    got = _as_array(spec, case, value, None, "int", "q_lse")
    if got.shape != ():
        if got.size == 1:
            got = got.reshape(())
        else:
            raise _wrong(spec.name, _t("scalar_expected", case=case.text, got=_shape_text(got.shape)),
                         _t("hint_scalar_expected"))
    if isinstance(value, np.ndarray) and np.issubdtype(value.dtype, np.integer):
        return int(got)
    number = float(got)
    if number != round(number):
        raise _wrong(spec.name, _t("not_integer", case=case.text, got=_num(number)), _t("hint_not_integer"))
    raise _wrong(spec.name, _t("not_int_type", case=case.text, got=repr(number), type=_type_name(value)),
                 _t("hint_int_type"))


def _type_name(value) -> str:
    """'float', 'numpy.float64', 'numpy.ndarray (float64)' for messages."""
    if isinstance(value, np.ndarray):
        return f"numpy.ndarray ({value.dtype})"
    module = type(value).__module__
    return type(value).__name__ if module == "builtins" else f"numpy.{type(value).__name__}"


def _check_counts(spec: _Spec, func, cases, variants_of, mistakes, generic_hint) -> None:
    """Every case right, or a verdict at the first wrong one, naming the mistake that fits every case."""
    got_list = [_as_count(spec, case, _call(spec, func, case)) for case in cases]
    variants_list = [variants_of(*case.args) for case in cases]
    for case, got, variants in zip(cases, got_list, variants_list):
        if got == variants["correct"]:
            continue
        mistake = next((m for m in mistakes
                        if all(m in v and g == v[m] for g, v in zip(got_list, variants_list))), None)
        hint = _t("hint_" + mistake) if mistake else generic_hint(case)
        raise _wrong(spec.name, _t("count_mismatch", case=case.text, got=_num(got), expected=variants["correct"]),
                     hint)


@_checker
def check_n_parameters(func) -> CheckResult:
    """Check func(K, d) -> the number of free parameters of a K-component, d-dimensional Gaussian
    mixture with full covariances: (K - 1) + K d + K d(d + 1)/2 (gmm_teach.n_parameters).

    Seven cases, K = 1..6 and d = 1..5. The count must be an integer: an int or a numpy integer (also a
    one-element integer array); a float fails, even a whole one such as 13.0.
    """
    name = "n_parameters"
    spec = _Spec(name, "n_parameters(K, d)", (("K", "int"), ("d", "int")))
    pairs = ((3, 2), (1, 1), (2, 3), (4, 1), (5, 4), (1, 5), (6, 2))
    cases = [_Case(i, _t("case_K_d", K=K, d=d), (K, d)) for i, (K, d) in enumerate(pairs, start=1)]
    _check_counts(spec, func, cases, _count_variants, COUNT_MISTAKES, lambda case: _t("hint_count"))
    return _result(name, "correct", _t("correct", name=_func_name(func, name), count=len(cases)))


@_checker
def check_n_parameters_by_type(func) -> CheckResult:
    """Check func(K, d, covariance_type) -> the number of free parameters for "full", "diag",
    "spherical" or "tied" covariances (gmm_teach.n_parameters, scikit-learn's _n_parameters).

    Twelve cases: each type with (K, d) = (3, 4), (2, 2) and (5, 3). The count must be an integer, as above.
    """
    name = "n_parameters_by_type"
    spec = _Spec(name, "n_parameters_by_type(K, d, covariance_type)",
                 (("K", "int"), ("d", "int"), ("covariance_type", "str")))
    cases, number = [], 1
    for K, d in ((3, 4), (2, 2), (5, 3)):
        for covariance_type in COVARIANCE_TYPES:
            cases.append(_Case(number, _t("case_type", K=K, d=d, covariance_type=covariance_type),
                               (K, d, covariance_type)))
            number += 1
    for covariance_type in COVARIANCE_TYPES:  # one verdict per type, in the order full, diag, spherical, tied
        of_type = [c for c in cases if c.args[2] == covariance_type]
        _check_counts(spec, func, of_type, _type_variants, TYPE_MISTAKES,
                      lambda case: _t("hint_type_unknown", covariance_type=case.args[2]))
    return _result(name, "correct", _t("correct", name=_func_name(func, name), count=len(cases)))


# --- BIC and AIC -------------------------------------------------------------------------------------

def _ic_cases():
    rng = np.random.default_rng(8128)
    cases = []
    for number, (n, K, d) in enumerate(((60, 2, 2), (45, 3, 1), (80, 2, 3)), start=1):
        A = rng.normal(scale=0.6, size=(K, d, d))
        truth = GMMParams(rng.dirichlet(np.full(K, 3.0)), rng.normal(scale=3.0, size=(K, d)),
                          A @ A.transpose(0, 2, 1) + 0.4 * np.eye(d))
        X = sample(truth, n, seed=int(rng.integers(2**31)))[0]
        # a fitted-looking model: the truth moved a little (the learner gets plain parameters, not a fit)
        params = GMMParams(truth.phi, truth.mu + rng.normal(scale=0.2, size=(K, d)), truth.sigma * 1.1)
        cases.append(_Case(number, _t("case_data", n=n, K=K, d=d), (X, params)))
    return cases


def _ic_variants(X, params) -> dict:
    """(bic, aic) pairs, correct and with each typical mistake."""
    n = X.shape[0]
    ll = log_likelihood(X, params)
    counts = _count_variants(params.K, params.d)
    p = counts["correct"]
    out = {
        "correct": (_ref_bic(X, params), _ref_aic(X, params)),
        "ic_sign": (2 * ll + p * np.log(n), 2 * ll + 2 * p),
        "ic_no_two": (-ll + p * np.log(n), -ll + 2 * p),
        "ic_half": (-ll + 0.5 * p * np.log(n), -ll + p),
        "ic_mean": (-2 * ll / n + p * np.log(n), -2 * ll / n + 2 * p),
        "ic_log10": (-2 * ll + p * np.log10(n), -2 * ll + 2 * p),
        "ic_log_d": (-2 * ll + p * np.log(params.d), -2 * ll + 2 * p),
        "ic_swapped": (-2 * ll + 2 * p, -2 * ll + p * np.log(n)),
        "ic_bic_2p": (-2 * ll + 2 * p, -2 * ll + 2 * p),
        "ic_aic_logn": (-2 * ll + p * np.log(n), -2 * ll + p * np.log(n)),
    }
    for mistake in COUNT_MISTAKES:
        q = counts[mistake]
        out["p_" + mistake] = (-2 * ll + q * np.log(n), -2 * ll + 2 * q)
    return out


IC_MISTAKES = ("ic_sign", "ic_no_two", "ic_half", "ic_mean", "ic_log10", "ic_log_d", "ic_swapped", "ic_bic_2p",
               "ic_aic_logn") + tuple("p_" + m for m in COUNT_MISTAKES)


def _pair_close(got, expected) -> bool:
    return bool(np.allclose(got, expected, rtol=RTOL, atol=1e-8))


def _ic_hint(mistake: str | None) -> str:
    if mistake is None:
        return _t("hint_ic")
    if mistake.startswith("p_"):
        return _t("hint_ic_p", inner=_t("hint_" + mistake[2:]))
    return _t("hint_" + mistake)


@_checker
def check_information_criteria(func) -> CheckResult:
    """Check func(X, params) -> (bic, aic) for a full-covariance mixture (gmm_teach.bic, gmm_teach.aic):

        BIC = -2 ln L + p ln n,  AIC = -2 ln L + 2 p,  p = (K - 1) + K d + K d(d + 1)/2,

    with ln L = sum_n ln p(x_n | params). X (n, d), params a GMMParams. Three cases (d = 2, 1, 3).
    """
    name = "information_criteria"
    spec = _Spec(name, "information_criteria(X, params)", (("X", "(n, d)"), ("params", "GMMParams")))
    cases = _ic_cases()
    got_list, variants_list = [], []
    for case in cases:
        value = _call(spec, func, case)
        if value is None:
            raise _wrong(name, _common("none", case=case.text), _common("hint_none"))
        if isinstance(value, np.ndarray) and value.ndim == 1:
            value = tuple(value)
        if not isinstance(value, (tuple, list)):
            raise _wrong(name, _common("returned_type", case=case.text, type=type(value).__name__),
                         _t("hint_ic_return"))
        if len(value) != 2:
            raise _wrong(name, _common("returned_count", case=case.text, count=len(value)), _t("hint_ic_return"))
        got_list.append(_as_array(spec, case, [value[0], value[1]], (2,), "(2,)", "q_lse"))
        variants_list.append(_ic_variants(*case.args))
    for case, got, variants in zip(cases, got_list, variants_list):
        expected = variants["correct"]
        if _pair_close(got, expected):
            continue
        mistake = next((m for m in IC_MISTAKES
                        if all(_pair_close(g, v[m]) for g, v in zip(got_list, variants_list))), None)
        which = 0 if not np.isclose(got[0], expected[0], rtol=RTOL, atol=1e-8) else 1
        raise _wrong(name, _t("ic_mismatch", case=case.text, which=("BIC", "AIC")[which],
                              expected=_num(float(expected[which])), got=_num(float(got[which]))),
                     _ic_hint(mistake))
    return _result(name, "correct", _t("correct", name=_func_name(func, name), count=len(cases)))


# --- scikit-learn's covariance shapes ------------------------------------------------------------------

def _sklearn_covariances(sigma: np.ndarray, covariance_type: str) -> np.ndarray:
    """(K, d, d) covariances as scikit-learn stores them: full (K, d, d), diag (K, d), spherical (K,), tied (d, d)."""
    if covariance_type == "full":
        return sigma.copy()
    if covariance_type == "diag":
        return np.diagonal(sigma, axis1=1, axis2=2).copy()
    if covariance_type == "spherical":
        return sigma[:, 0, 0].copy()
    return sigma[0].copy()


def _cov_cases():
    rng = np.random.default_rng(4096)
    cases, number = [], 1
    for K, d in ((3, 2), (2, 3)):
        A = rng.normal(scale=0.7, size=(K, d, d))
        sigma = A @ A.transpose(0, 2, 1) + 0.5 * np.eye(d)
        for covariance_type in COVARIANCE_TYPES:
            full = constrain_covariances(sigma, covariance_type, N=rng.uniform(5, 20, size=K))
            cases.append(_Case(number, _t("case_type", K=K, d=d, covariance_type=covariance_type),
                               (_sklearn_covariances(full, covariance_type), covariance_type, K, d)))
            number += 1
    return cases


def _cov_hint(covariances, covariance_type, K, d, got) -> str:
    """The hint for a wrong (K, d, d) answer of the right shape."""
    if covariance_type == "spherical" and np.allclose(got, covariances[:, None, None] * np.ones((d, d)), rtol=RTOL):
        return _t("hint_cov_spherical_ones")
    expected = _expected_full(covariances, covariance_type, K, d)
    if np.allclose(got, np.linalg.inv(expected), rtol=RTOL):
        return _t("hint_cov_precision")
    if covariance_type in ("diag", "spherical") and np.allclose(got, np.sqrt(expected), rtol=RTOL):
        return _t("hint_cov_sqrt")
    return _t("hint_cov_" + covariance_type)


def _expected_full(covariances, covariance_type, K, d) -> np.ndarray:
    if covariance_type == "full":
        return covariances.copy()
    if covariance_type == "diag":
        return covariances[:, :, None] * np.eye(d)
    if covariance_type == "spherical":
        return covariances[:, None, None] * np.eye(d)
    return np.repeat(covariances[None], K, axis=0)


@_checker
def check_full_covariances(func) -> CheckResult:
    """Check func(covariances, covariance_type, K, d) -> (K, d, d): scikit-learn's covariances_ of a
    GaussianMixture (full (K, d, d), diag (K, d), spherical (K,), tied (d, d)) as K full matrices,
    the form gmm_teach uses (GMMParams.sigma). Eight cases: every type with (K, d) = (3, 2) and (2, 3).
    """
    name = "full_covariances"
    spec = _Spec(name, "full_covariances(covariances, covariance_type, K, d)",
                 (("covariances", "(K, d, d) / (K, d) / (K,) / (d, d)"), ("covariance_type", "str"),
                  ("K", "int"), ("d", "int")))
    cases = _cov_cases()
    for case in cases:
        covariances, covariance_type, K, d = case.args
        value = _call(spec, func, case)
        if value is None:
            raise _wrong(name, _common("none", case=case.text), _common("hint_none"))
        got = _as_array(spec, case, value, None, "(K, d, d)", "q_sigma")
        if got.shape != (K, d, d):
            raise _wrong(name, _t("cov_shape", case=case.text, expected=_shape_text((K, d, d)),
                                  got=_shape_text(got.shape)), _t("hint_cov_" + covariance_type))
        expected = _expected_full(covariances, covariance_type, K, d)
        if not np.allclose(got, expected, rtol=RTOL, atol=1e-10):
            err = np.where(np.isclose(got, expected, rtol=RTOL, atol=1e-10), -1.0, np.abs(got - expected))
            index = np.unravel_index(int(np.argmax(np.nan_to_num(err, nan=np.inf))), expected.shape)
            raise _wrong(name, _t("cov_mismatch", case=case.text, index="[" + ", ".join(map(str, index)) + "]",
                                  expected=_num(float(expected[index])), got=_num(float(got[index]))),
                         _cov_hint(covariances, covariance_type, K, d, got))
    return _result(name, "correct", _t("correct", name=_func_name(func, name), count=len(cases)))


__all__ = ["CheckResult", "MESSAGES", "check_n_parameters", "check_n_parameters_by_type",
           "check_information_criteria", "check_full_covariances"]
