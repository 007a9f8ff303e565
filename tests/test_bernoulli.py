"""The mixture of multivariate Bernoulli distributions (gmm_teach.bernoulli): fit_bernoulli against a plain
Python loop, properties (hypothesis), recovery of known prototypes, collapse, and argument checks."""
import itertools
import math
import pickle
import warnings

import numpy as np
import pytest
from hypothesis import given, reject, settings
from hypothesis import strategies as st

import gmm_teach as g
from gmm_teach.bernoulli import RANDOM_P_RANGE

SETTINGS = settings(max_examples=60, deadline=None, derandomize=True)
AGREE = 1e-10  # the loop and the vectorised code agree this well (measured: within 1e-11)


# --- an independent implementation: plain Python loops, math only, no gmm_teach maths -------------------

def _log(v):
    return math.log(v) if v > 0 else -math.inf


def loop_m_step(X, resp, alpha):
    n, d, K = len(X), len(X[0]), len(resp[0])
    N = [sum(resp[i][k] for i in range(n)) for k in range(K)]
    phi = [N[k] / n for k in range(K)]
    p = [[(sum(resp[i][k] * X[i][j] for i in range(n)) + alpha) / (N[k] + 2 * alpha) for j in range(d)]
         for k in range(K)]
    return phi, p


def loop_e_step(X, phi, p):
    n, d, K = len(X), len(X[0]), len(phi)
    resp, ll = [], 0.0
    for i in range(n):
        a = []
        for k in range(K):
            s = _log(phi[k])
            for j in range(d):
                if X[i][j] == 1:
                    s += _log(p[k][j])
                else:
                    s += _log(1.0 - p[k][j])
            a.append(s)
        m = max(a)
        total = sum(math.exp(v - m) for v in a)
        resp.append([math.exp(v - m) / total for v in a])
        ll += m + math.log(total)
    return resp, ll


def loop_fit(X, resp0, alpha, n_iter):
    """history (list of (phi, p)), log-likelihoods, final responsibilities: M-step on resp0 gives
    history[0], then n_iter times E-step, M-step, log-likelihood under the new parameters."""
    X = [[int(v) for v in row] for row in np.asarray(X)]
    resp0 = [list(map(float, row)) for row in np.asarray(resp0)]
    history = [loop_m_step(X, resp0, alpha)]
    resp, _ = loop_e_step(X, *history[-1])
    lls = []
    for _ in range(n_iter):
        history.append(loop_m_step(X, resp, alpha))
        resp, ll = loop_e_step(X, *history[-1])
        lls.append(ll)
    return history, lls, resp


def prototype_data(n=200, seed=0, flip=0.1):
    """Three 4 x 3 binary prototypes, each pixel flipped with probability `flip`; weights 0.5, 0.3, 0.2."""
    truth = np.array([[1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0],
                      [0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0],
                      [1, 0, 1, 0, 1, 0, 1, 0, 0, 0, 1, 1]], dtype=float)
    p = np.abs(truth - flip)
    rng = np.random.default_rng(seed)
    z = rng.choice(3, size=n, p=[0.5, 0.3, 0.2])
    return (rng.random((n, p.shape[1])) < p[z]).astype(int), p, np.array([0.5, 0.3, 0.2])


def digits_subset(n=120):
    from sklearn.datasets import load_digits
    return (load_digits().data[:n] > 7).astype(int)


def random_resp(n, K, seed):
    r = np.random.default_rng(seed).random((n, K))
    return r / r.sum(axis=1, keepdims=True)


def constant_columns():
    X, _, _ = prototype_data(n=60, seed=3)
    X = X.copy()
    X[:, 0] = 0  # a pixel that is never on
    X[:, 5] = 1  # and one always on
    return X


DATASETS = {
    "prototypes": lambda: (prototype_data()[0], 3),
    "digits": lambda: (digits_subset(), 4),
    "constant columns": lambda: (constant_columns(), 2),
    "one feature": lambda: (np.array([[0], [1], [1], [0], [1]]), 2),
    "K = 1": lambda: (prototype_data(n=40)[0], 1),
}


@pytest.mark.parametrize("alpha", [0.0, 1e-6, 0.5])
@pytest.mark.parametrize("name", list(DATASETS))
def test_fit_agrees_with_a_plain_python_loop(name, alpha):
    X, K = DATASETS[name]()
    n_iter = 6 if name == "digits" else 12
    resp0 = random_resp(len(X), K, seed=1)
    history, lls, resp = loop_fit(X, resp0, alpha, n_iter)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", g.ConvergenceWarning)
        result = g.fit_bernoulli(X, K, init=resp0, alpha=alpha, max_iter=n_iter, tol=0.0)
    assert result.n_iter == n_iter and len(result.history) == n_iter + 1
    for t, ((phi, p), params) in enumerate(zip(history, result.history)):
        np.testing.assert_allclose(params.phi, phi, rtol=0, atol=AGREE, err_msg=f"phi at iteration {t}")
        np.testing.assert_allclose(params.p, p, rtol=0, atol=AGREE, err_msg=f"p at iteration {t}")
    np.testing.assert_allclose(result.phi, history[-1][0], rtol=0, atol=AGREE)
    np.testing.assert_allclose(result.p, history[-1][1], rtol=0, atol=AGREE)
    np.testing.assert_allclose(result.responsibilities, resp, rtol=0, atol=AGREE)
    np.testing.assert_allclose(result.log_likelihoods, lls, rtol=0, atol=AGREE)


def test_the_stopping_rule_agrees_with_the_loop():
    """Default tol: both stop at the first iteration whose total log-likelihood changed by less than 1e-5."""
    X, K = DATASETS["prototypes"]()
    resp0 = random_resp(len(X), K, seed=2)
    result = g.fit_bernoulli(X, K, init=resp0)
    _, lls, _ = loop_fit(X, resp0, 1e-6, result.n_iter)
    changes = np.abs(np.diff(lls))
    assert result.converged and changes[-1] < 1e-5 and np.all(changes[:-1] >= 1e-5)


def test_stages_agree_with_the_loop():
    X = digits_subset(60)
    params = g.BernoulliParams([0.2, 0.3, 0.5], np.random.default_rng(4).uniform(0.05, 0.95, size=(3, 64)))
    resp, ll = g.bernoulli_e_step(X, params)
    resp_loop, ll_loop = loop_e_step(X.tolist(), params.phi.tolist(), params.p.tolist())
    np.testing.assert_allclose(resp, resp_loop, rtol=0, atol=AGREE)
    assert ll == pytest.approx(ll_loop, rel=AGREE)
    new = g.bernoulli_m_step(X, resp, alpha=0.3)
    phi, p = loop_m_step(X.tolist(), resp.tolist(), 0.3)
    np.testing.assert_allclose(new.phi, phi, rtol=0, atol=AGREE)
    np.testing.assert_allclose(new.p, p, rtol=0, atol=AGREE)


def test_log_pdf_is_the_product_of_bernoullis():
    X = np.array([[1, 0, 1], [0, 0, 0], [1, 1, 1]])
    p = np.array([[0.9, 0.2, 0.6], [0.3, 0.5, 0.1]])
    expected = np.array([[np.prod([p[k, j] if x[j] else 1 - p[k, j] for j in range(3)]) for k in range(2)]
                         for x in X])
    np.testing.assert_allclose(np.exp(g.bernoulli_log_pdf(X, p)), expected, rtol=1e-14)
    np.testing.assert_allclose(np.exp(g.bernoulli_log_pdf(X, p[1])), expected[:, 1], rtol=1e-14)


def test_log_pdf_of_p_exactly_0_or_1_is_minus_inf_or_finite_never_nan():
    X = np.array([[1, 0], [0, 1], [0, 0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no "divide by zero" or "invalid value" RuntimeWarning either
        out = g.bernoulli_log_pdf(X, [[1.0, 0.0], [0.0, 0.5]])
    assert out[0, 0] == 0.0 and out[1, 0] == -np.inf and out[2, 0] == -np.inf
    assert out[0, 1] == -np.inf and out[1, 1] == out[2, 1] == pytest.approx(np.log(0.5))


def test_alpha_0_with_p_exactly_0_and_1_gives_no_nan():
    """A pixel never on (and one always on) gives p = 0 (and 1) exactly with alpha = 0: no NaN anywhere."""
    X = constant_columns()
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        result = g.fit_bernoulli(X, 2, seed=0, alpha=0)
    assert np.all(result.p[:, 0] == 0) and np.all(result.p[:, 5] == 1)
    assert np.all(np.isfinite(result.log_likelihoods)) and np.all(np.isfinite(result.responsibilities))


def test_a_point_impossible_under_every_component_is_a_clear_error():
    params = g.BernoulliParams([0.5, 0.5], [[0.0, 0.5], [0.0, 0.9]])
    with pytest.raises(ValueError, match=r"X\[1\] is impossible under every component"):
        g.bernoulli_e_step([[0, 1], [1, 1]], params)


# --- properties ------------------------------------------------------------------------------------

@st.composite
def problems(draw):
    n = draw(st.integers(2, 30))
    d = draw(st.integers(1, 8))
    K = draw(st.integers(1, min(4, n)))
    seed = draw(st.integers(0, 2**32 - 1))
    X = (np.random.default_rng(seed).random((n, d)) < draw(st.floats(0.1, 0.9))).astype(int)
    return X, K, seed


MONOTONE = 1e-9  # allowed decrease, relative to 1 + |objective|: round-off only


def penalised(X, params, alpha):
    """log-likelihood + alpha sum_kj [log p_kj + log(1 - p_kj)]: what EM with alpha > 0 maximises."""
    return g.bernoulli_e_step(X, params)[1] + alpha * float(np.sum(np.log(params.p) + np.log1p(-params.p)))


@SETTINGS
@given(problem=problems(), alpha=st.sampled_from([0.0, 1e-6, 0.1, 1.0]))
def test_em_never_decreases_its_objective(problem, alpha):
    """alpha = 0: the log-likelihood never decreases. alpha > 0: the penalised objective never decreases
    (the log-likelihood itself may dip; see the next test). Both within 1e-9 relative (round-off)."""
    X, K, seed = problem
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", g.ConvergenceWarning)
            result = g.fit_bernoulli(X, K, seed=seed, alpha=alpha, max_iter=30)
    except g.ComponentCollapseError:  # alpha = 0 only (tested below)
        assert alpha == 0
        reject()
    if alpha == 0:
        values = result.log_likelihoods
    else:
        values = np.array([penalised(X, h, alpha) for h in result.history[1:]])
    assert np.all(np.diff(values) >= -MONOTONE * (1 + np.abs(values[1:])))


def test_with_alpha_the_log_likelihood_itself_can_dip():
    """The honest caveat of the docstring: with alpha > 0 the recorded log-likelihood is not monotone in
    general (here alpha = 1 on a small data set), while the penalised objective is."""
    found = False
    for seed in range(40):
        X = (np.random.default_rng(seed).random((12, 5)) < 0.5).astype(int)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", g.ConvergenceWarning)
            result = g.fit_bernoulli(X, 3, seed=seed, alpha=1.0, max_iter=30)
        values = np.array([penalised(X, h, 1.0) for h in result.history[1:]])
        assert np.all(np.diff(values) >= -MONOTONE * (1 + np.abs(values[1:])))
        found |= bool(np.any(np.diff(result.log_likelihoods) < -1e-6))
    assert found


@SETTINGS
@given(problem=problems(), alpha=st.sampled_from([0.0, 1e-6, 1.0]))
def test_results_are_valid_probabilities(problem, alpha):
    X, K, seed = problem
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", g.ConvergenceWarning)
            result = g.fit_bernoulli(X, K, seed=seed, alpha=alpha, max_iter=20)
    except g.ComponentCollapseError:
        reject()
    r = result.responsibilities
    assert r.shape == (len(X), K) and np.all((r >= 0) & (r <= 1))
    np.testing.assert_allclose(r.sum(axis=1), 1.0, atol=1e-12)
    for params in result.history:
        assert abs(params.phi.sum() - 1) < 1e-12
        assert np.all((params.p >= 0) & (params.p <= 1))
        if alpha > 0:
            assert np.all((params.p > 0) & (params.p < 1))
    assert result.params is result.history[-1]
    assert result.phi.shape == (K,) and result.p.shape == (K, X.shape[1])


@settings(max_examples=20, deadline=None, derandomize=True)
@given(problem=problems())
def test_deterministic_for_a_seed_and_history_0_is_the_documented_init(problem):
    X, K, seed = problem
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", g.ConvergenceWarning)
        a = g.fit_bernoulli(X, K, seed=seed, max_iter=10)
        b = g.fit_bernoulli(X, K, seed=seed, max_iter=10)
    assert a.history == b.history and np.array_equal(a.log_likelihoods, b.log_likelihoods)
    assert np.array_equal(a.responsibilities, b.responsibilities)
    low, high = RANDOM_P_RANGE
    expected = g.BernoulliParams(np.full(K, 1 / K), np.random.default_rng(seed).uniform(low, high, (K, X.shape[1])))
    assert a.history[0] == expected


def test_history_0_of_given_responsibilities_is_their_m_step_and_of_given_params_is_them():
    X, _, _ = prototype_data(n=50)
    resp0 = random_resp(50, 3, seed=5)
    result = g.fit_bernoulli(X, 3, init=resp0, alpha=0.01)
    assert result.history[0] == g.bernoulli_m_step(X, resp0, alpha=0.01)
    start = g.BernoulliParams([0.2, 0.8], np.full((2, 12), 0.4) + np.arange(2)[:, None] * 0.2)
    assert g.fit_bernoulli(X, 2, init=start).history[0] is start


# --- recovery -----------------------------------------------------------------------------------

def test_recovers_known_prototypes():
    X, p_true, phi_true = prototype_data(n=2000, seed=7)
    result = g.fit_bernoulli(X, 3, seed=0)
    assert result.converged
    order = min(itertools.permutations(range(3)), key=lambda o: np.abs(result.p[list(o)] - p_true).sum())
    fitted = result.params.permute(list(order))
    np.testing.assert_allclose(fitted.p, p_true, atol=0.05)
    np.testing.assert_allclose(fitted.phi, phi_true, atol=0.03)
    z = np.argmax(result.responsibilities[:, list(order)], axis=1)
    assert np.mean(np.max(result.responsibilities, axis=1) > 0.99) > 0.9 and len(np.unique(z)) == 3


def test_fits_binarised_digits():
    from sklearn.datasets import load_digits

    X = (load_digits().data[:500] > 7).astype(int)
    result = g.fit_bernoulli(X, 10, seed=0, max_iter=200)
    assert result.converged and result.p.shape == (10, 64)
    assert np.all(np.diff(result.log_likelihoods) > -1e-6)


# --- convergence warning, collapse --------------------------------------------------------------

def test_convergence_warning_at_max_iter():
    X, _, _ = prototype_data()
    with pytest.warns(g.ConvergenceWarning, match="max_iter = 2 iterations"):
        result = g.fit_bernoulli(X, 3, seed=0, max_iter=2)
    assert result.converged is False and result.n_iter == 2 and len(result.history) == 3
    with pytest.warns(g.ConvergenceWarning, match="only one iteration"):
        g.fit_bernoulli(X, 3, seed=0, max_iter=1)


def test_an_empty_component_with_alpha_0_is_a_collapse_error():
    X, _, _ = prototype_data(n=30)
    resp0 = np.zeros((30, 3))
    resp0[:15, 0] = resp0[15:, 1] = 1.0  # component 2 holds nothing
    with pytest.raises(g.ComponentCollapseError, match="component 2 collapsed.*alpha > 0") as info:
        g.fit_bernoulli(X, 3, init=resp0, alpha=0)
    assert info.value.component == 2 and info.value.iteration == 0
    with pytest.raises(g.ComponentCollapseError) as info:
        g.bernoulli_m_step(X, resp0, alpha=0)
    assert info.value.iteration is None


def test_an_empty_component_with_alpha_stays_empty():
    X, _, _ = prototype_data(n=30)
    resp0 = np.zeros((30, 3))
    resp0[:15, 0] = resp0[15:, 1] = 1.0
    result = g.fit_bernoulli(X, 3, init=resp0, alpha=1e-6)
    for params in result.history:
        assert params.phi[2] == 0 and np.all(params.p[2] == 0.5)
    assert np.all(result.responsibilities[:, 2] == 0) and np.all(np.isfinite(result.log_likelihoods))


# --- BernoulliParams --------------------------------------------------------------------------------

def test_params_are_immutable_comparable_and_picklable():
    params = g.BernoulliParams([0.25, 0.75], [[0.9, 0.1], [0.2, 0.8]])
    with pytest.raises(ValueError, match="read-only"):
        params.p[0, 0] = 0.5
    with pytest.raises(ValueError, match="read-only"):
        params.phi[0] = 0.5
    with pytest.raises(AttributeError, match="immutable"):
        params.p = np.zeros((2, 2))
    assert pickle.loads(pickle.dumps(params)) == params
    assert params.permute([1, 0]).permute([1, 0]) == params and params.permute([1, 0]) != params
    assert (params.K, params.d) == (2, 2)


@pytest.mark.parametrize("phi, p, error, match", [
    ([0.5, 0.6], [[0.5], [0.5]], ValueError, "phi must sum to 1"),
    ([-0.5, 1.5], [[0.5], [0.5]], ValueError, "phi must be non-negative"),
    ([1.0], [[0.5, 1.5]], ValueError, r"p\[0, 1\] = 1.5"),
    ([1.0], [[0.5, -0.1]], ValueError, r"p\[0, 1\] = -0.1"),
    ([1.0], [[0.5, np.nan]], ValueError, "p must contain only finite"),
    ([0.5, 0.5], [[0.5, 0.5]], ValueError, r"p must have shape \(K, d\) = \(2, d\)"),
    ([[1.0]], [[0.5]], ValueError, "phi must be a 1-D array"),
    (["a"], [[0.5]], TypeError, "phi must be a numeric"),
    ([1.0], "p", TypeError, "p must be a numeric"),
])
def test_bad_params(phi, p, error, match):
    with pytest.raises(error, match=match):
        g.BernoulliParams(phi, p)


# --- bad arguments ----------------------------------------------------------------------------------

GOOD_X = np.array([[0, 1, 1], [1, 0, 0], [1, 1, 0], [0, 0, 1]])
BINARISE = r"binarise X first, e\.g\. \(X > 7\)\.astype\(int\)"

BAD_ARGUMENTS = [
    (dict(X=[[0, 1], [0.5, 1]]), ValueError, r"X must hold only 0 and 1.*X\[1, 0\] = 0\.5.*" + BINARISE),
    (dict(X=[[0, 1], [1, 2]]), ValueError, r"X\[1, 1\] = 2\.0.*" + BINARISE),
    (dict(X=[[0, np.nan], [1, 1]]), ValueError, r"X\[0, 1\] = nan.*" + BINARISE),
    (dict(X=[[0, 1], [-1, 1]]), ValueError, r"X\[1, 0\] = -1\.0"),
    (dict(X=[["a", "b"], ["c", "d"]]), TypeError, "X must be a numeric array"),
    (dict(X=np.ma.masked_array(GOOD_X, mask=GOOD_X == 0)), TypeError, "X is a masked array"),
    (dict(X=[0, 1, 1]), ValueError, "X must be a 2-D array"),
    (dict(X=np.zeros((0, 3))), ValueError, "X must hold at least one sample"),
    (dict(K=0), ValueError, "K must be >= 1"),
    (dict(K=5), ValueError, r"K must be <= 4 \(the number of samples n = 4\)"),
    (dict(K=2.0), TypeError, "K must be an integer"),
    (dict(alpha=-1e-3), ValueError, "alpha must be >= 0"),
    (dict(alpha=np.nan), ValueError, "alpha must be finite"),
    (dict(alpha="small"), TypeError, "alpha must be a real number"),
    (dict(init=np.full((4, 3), 1 / 3)), ValueError, r"init .*must have shape \(n, K\) = \(4, 2\)"),
    (dict(init=np.full((3, 2), 0.5)), ValueError, r"init must have shape \(n, K\) = \(4, K\)"),
    (dict(init=np.array([[0.5, 0.6]] * 4)), ValueError, "each row of init must sum to 1"),
    (dict(init="kmeans++"), ValueError, "init must be 'random'"),
    (dict(init=None), TypeError, "init must be 'random'"),
    (dict(init=g.BernoulliParams([1.0], [[0.5, 0.5, 0.5]])), ValueError, "init has K = 1 components"),
    (dict(seed=-1), ValueError, "seed must be >= 0"),
    (dict(seed=1.5), TypeError, "seed must be an integer"),
    (dict(max_iter=0), ValueError, "max_iter must be >= 1"),
    (dict(tol=-1.0), ValueError, "tol must be >= 0"),
]


@pytest.mark.parametrize("kwargs, error, match", BAD_ARGUMENTS,
                         ids=[f"{next(iter(kw))}-{i}" for i, (kw, _, _) in enumerate(BAD_ARGUMENTS)])
def test_bad_arguments_name_the_parameter(kwargs, error, match):
    arguments = dict(X=GOOD_X, K=2) | kwargs
    X, K = arguments.pop("X"), arguments.pop("K")
    with pytest.raises(error, match=match):
        g.fit_bernoulli(X, K, **arguments)


def test_bool_and_float_binary_data_give_the_same_fit():
    X = prototype_data(n=80)[0]
    a = g.fit_bernoulli(X.astype(bool), 2, seed=3)
    b = g.fit_bernoulli(X.astype(float), 2, seed=3)
    assert a.history == b.history


def test_stage_arguments_are_checked():
    params = g.BernoulliParams([1.0], [[0.5, 0.5, 0.5]])
    with pytest.raises(ValueError, match="X has d = 2 features but params are 3-dimensional"):
        g.bernoulli_e_step([[0, 1]], params)
    with pytest.raises(TypeError, match="params must be a BernoulliParams"):
        g.bernoulli_e_step(GOOD_X, [0.5, 0.5])
    with pytest.raises(ValueError, match=r"X\[0, 0\] = 0\.3"):
        g.bernoulli_e_step([[0.3, 1, 0]], params)
    with pytest.raises(ValueError, match="alpha must be >= 0"):
        g.bernoulli_m_step(GOOD_X, np.full((4, 2), 0.5), alpha=-1)
    with pytest.raises(ValueError, match=r"responsibilities must have shape \(n, K\) = \(4, K\)"):
        g.bernoulli_m_step(GOOD_X, np.full((3, 2), 0.5))
    with pytest.raises(ValueError, match=r"p must have shape \(d,\) or \(K, d\) with d = 3"):
        g.bernoulli_log_pdf(GOOD_X, [[0.5, 0.5]])
    with pytest.raises(ValueError, match=r"p holds probabilities"):
        g.bernoulli_log_pdf(GOOD_X, [0.5, 0.5, 1.5])


def test_one_component_converges_at_the_second_iteration():
    """K = 1: the first M-step already gives the maximum-likelihood p (the column means), so the second
    iteration changes nothing and EM stops there: the earliest stop the rule allows."""
    X = prototype_data(n=50)[0]
    result = g.fit_bernoulli(X, 1, seed=0, alpha=0)
    assert result.converged and result.n_iter == 2
    np.testing.assert_allclose(result.p[0], X.mean(axis=0), rtol=0, atol=1e-15)
    assert result.log_likelihoods[1] == pytest.approx(result.log_likelihoods[0], abs=1e-12)


# --- adversarial (found by fuzzing) ------------------------------------------------------------------------

def test_a_huge_alpha_pulls_p_to_one_half_not_to_zero():
    """N_k + 2 alpha overflowed to inf for alpha above ~9e307, so p = alpha / inf = 0: the opposite of the
    limit 1/2 (every x_j = 1 then impossible)."""
    resp = np.full((len(GOOD_X), 2), 0.5)
    for alpha in (1e300, 1e308, float(np.finfo(np.float64).max)):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            params = g.bernoulli_m_step(GOOD_X, resp, alpha=alpha)
        np.testing.assert_allclose(params.p, 0.5, rtol=1e-12)
    result = g.fit_bernoulli(GOOD_X, 2, seed=0, alpha=1e308)
    np.testing.assert_allclose(result.p, 0.5, rtol=1e-12)


def test_allclose_with_something_else_is_a_type_error():
    params = g.BernoulliParams([0.5, 0.5], [[0.9, 0.1], [0.2, 0.8]])
    for other in ("params", None, g.GMMParams([1.0], [[0.0]], [[[1.0]]])):
        with pytest.raises(TypeError, match=r"other must be a BernoulliParams"):
            params.allclose(other)
