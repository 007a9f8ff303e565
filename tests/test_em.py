"""The EM algorithm: the chapter's run, E/M steps, fit vs scikit-learn, init, errors, collapse, outliers."""
import dataclasses
import warnings

import numpy as np
import pytest
from scipy.special import logsumexp, softmax
from scipy.stats import multivariate_normal
from sklearn.mixture import GaussianMixture

import gmm_teach as g
from gmm_teach.textbook import em_gmm

# What the chapter prints at the end of its run ("Converged at iteration 57").
CHAPTER_PHI_TEXT = "[0.3103679  0.30013538 0.38949671]"
CHAPTER_MU_TEXT = """[[ 0.08871446  0.04564594]
 [-3.08442868  3.07309071]
 [ 3.05915799  3.15711097]]"""
CHAPTER_SIGMA_TEXT = """[[[ 1.01691342  0.38486941]
  [ 0.38486941  0.98651172]]

 [[ 1.44451192  0.28724678]
  [ 0.28724678  0.91035083]]

 [[ 1.09349783 -0.24274844]
  [-0.24274844  1.27556857]]]"""
CHAPTER_PHI = np.array([0.31036790, 0.30013538, 0.38949671])
CHAPTER_MU = np.array([[0.08871446, 0.04564594], [-3.08442868, 3.07309071], [3.05915799, 3.15711097]])
CHAPTER_SIGMA = np.array([[[1.01691342, 0.38486941], [0.38486941, 0.98651172]],
                          [[1.44451192, 0.28724678], [0.28724678, 0.91035083]],
                          [[1.09349783, -0.24274844], [-0.24274844, 1.27556857]]])
PRINTED = 0.5e-8 + 1e-15  # everything is printed with 8 decimals


def numpy_default_str(array):
    with np.printoptions(precision=8, floatmode="maxprec", suppress=False, linewidth=75, legacy=False):
        return str(array)


def scipy_log_joint(X, params):
    """(n, K) log phi_k + log N(x_n | mu_k, Sigma_k), by scipy."""
    with np.errstate(divide="ignore"):
        return np.column_stack([np.log(params.phi[k]) + multivariate_normal(params.mu[k], params.sigma[k]).logpdf(X)
                                for k in range(params.K)])


@pytest.fixture(scope="module")
def small_X():
    return np.random.default_rng(0).normal(size=(10, 2))


# --- the chapter's run, exactly ------------------------------------------------------------------

def test_chapter_run_converges_after_58_iterations(chapter_fit):
    assert len(chapter_fit.log_likelihoods) == 58
    assert chapter_fit.n_iter == 58
    assert chapter_fit.converged is True


def test_chapter_run_prints_what_the_chapter_prints(chapter_fit):
    assert numpy_default_str(chapter_fit.params.phi) == CHAPTER_PHI_TEXT
    assert numpy_default_str(chapter_fit.params.mu) == CHAPTER_MU_TEXT
    assert numpy_default_str(chapter_fit.params.sigma) == CHAPTER_SIGMA_TEXT


def test_chapter_run_equals_every_printed_digit(chapter_fit):
    np.testing.assert_allclose(chapter_fit.params.phi, CHAPTER_PHI, rtol=0, atol=PRINTED)
    np.testing.assert_allclose(chapter_fit.params.mu, CHAPTER_MU, rtol=0, atol=PRINTED)
    np.testing.assert_allclose(chapter_fit.params.sigma, CHAPTER_SIGMA, rtol=0, atol=PRINTED)


def test_chapter_loop_itself_prints_the_chapters_numbers(chapter_loop):
    phi, mu, sigma, _, log_likelihoods, _, last = chapter_loop
    assert last == 57 and len(log_likelihoods) == 58
    assert numpy_default_str(phi) == CHAPTER_PHI_TEXT
    assert numpy_default_str(mu) == CHAPTER_MU_TEXT
    assert numpy_default_str(sigma) == CHAPTER_SIGMA_TEXT


def test_all_log_likelihoods_equal_the_chapters_loop(chapter_fit, chapter_loop):
    np.testing.assert_allclose(chapter_fit.log_likelihoods, chapter_loop[4], rtol=1e-9, atol=0)


def test_final_parameters_equal_the_chapters_loop(chapter_fit, chapter_loop):
    phi, mu, sigma = chapter_loop[:3]
    np.testing.assert_allclose(chapter_fit.params.phi, phi, rtol=1e-9)
    np.testing.assert_allclose(chapter_fit.params.mu, mu, rtol=1e-9)
    np.testing.assert_allclose(chapter_fit.params.sigma, sigma, rtol=1e-9)


def test_e_step_gives_the_chapters_last_responsibilities(chapter_fit, chapter_loop, X_textbook):
    """The chapter's loop returns the responsibilities of its last E-step, i.e. under the
    parameters *before* the last M-step (ours are under the final parameters)."""
    resp, _ = g.e_step(X_textbook, chapter_fit.history[-2])
    np.testing.assert_allclose(resp, chapter_loop[3], rtol=1e-8, atol=1e-300)


def test_stopping_rule_is_the_chapters(chapter_fit):
    change = np.abs(np.diff(chapter_fit.log_likelihoods))
    assert change[-1] < 1e-5
    assert np.all(change[:-1] >= 1e-5)


# --- EMResult and history ----------------------------------------------------------------------------

def test_history_has_one_entry_more_than_log_likelihoods(chapter_fit):
    assert len(chapter_fit.history) == len(chapter_fit.log_likelihoods) + 1 == chapter_fit.n_iter + 1
    assert all(isinstance(p, g.GMMParams) for p in chapter_fit.history)
    assert chapter_fit.history[-1] == chapter_fit.params


def test_history_starts_with_the_initialisation(chapter_fit, X_textbook):
    assert chapter_fit.history[0] == g.init_params(X_textbook, 3, init="textbook", seed=11, reg_covar=0.0)


def test_textbook_initialisation_is_the_chapters(chapter_fit, X_textbook):
    first = chapter_fit.history[0]
    n = X_textbook.shape[0]
    np.testing.assert_array_equal(first.mu, X_textbook[np.random.RandomState(11).choice(n, 3, replace=False)])
    np.testing.assert_allclose(first.sigma, np.stack([np.cov(X_textbook.T)] * 3), rtol=1e-14)
    np.testing.assert_allclose(first.phi, np.full(3, 1 / 3), rtol=1e-15)


def test_history_entries_are_the_chapters_snapshots(chapter_fit, chapter_loop):
    snapshots = chapter_loop[5]
    assert len(snapshots) == len(chapter_fit.history) - 1
    for t, (mu, sigma, iteration) in enumerate(snapshots, start=1):
        assert iteration == t - 1
        np.testing.assert_allclose(chapter_fit.history[t].mu, mu, rtol=1e-9, atol=1e-12, err_msg=f"t = {t}")
        np.testing.assert_allclose(chapter_fit.history[t].sigma, sigma, rtol=1e-9, atol=1e-12, err_msg=f"t = {t}")


@pytest.mark.parametrize("t", [1, 2, 10, 57])
def test_history_t_is_the_chapters_loop_stopped_after_t_iterations(chapter_fit, X_textbook, t):
    phi, mu, sigma = em_gmm(np.array(X_textbook), 3, num_iters=t)[:3]
    np.testing.assert_allclose(chapter_fit.history[t].phi, phi, rtol=1e-9)
    np.testing.assert_allclose(chapter_fit.history[t].mu, mu, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(chapter_fit.history[t].sigma, sigma, rtol=1e-9, atol=1e-12)


def test_history_t_is_one_em_step_from_history_t_minus_1(chapter_fit, X_textbook):
    for t in range(1, len(chapter_fit.history)):
        resp, _ = g.e_step(X_textbook, chapter_fit.history[t - 1])
        expected = g.m_step(X_textbook, resp, reg_covar=0.0)
        assert chapter_fit.history[t].allclose(expected, rtol=1e-10, atol=1e-12), t


def test_log_likelihoods_are_those_of_the_history(chapter_fit, X_textbook):
    expected = [g.log_likelihood(X_textbook, p) for p in chapter_fit.history[1:]]
    np.testing.assert_allclose(chapter_fit.log_likelihoods, expected, rtol=1e-12)


def test_responsibilities_are_those_of_the_final_params(chapter_fit, X_textbook):
    resp, _ = g.e_step(X_textbook, chapter_fit.params)
    np.testing.assert_allclose(chapter_fit.responsibilities, resp, rtol=1e-12, atol=1e-300)
    assert chapter_fit.responsibilities.shape == (X_textbook.shape[0], 3)


def test_em_result_is_frozen(chapter_fit):
    with pytest.raises(dataclasses.FrozenInstanceError):
        chapter_fit.n_iter = 3


def test_a_gmmparams_init_is_used_as_given(X_textbook):
    init = g.TEXTBOOK_TRUTH.permute([2, 0, 1])
    result = g.fit(X_textbook, 3, init=init)
    assert result.history[0] == init


# --- E-step and M-step against independent formulas ------------------------------------------------------

@pytest.mark.parametrize("K, d", [(1, 1), (3, 2), (4, 3), (2, 5)])
def test_e_step_matches_scipy(K, d, random_params):
    rng = np.random.default_rng(K * 10 + d)
    params = random_params(rng, K, d)
    X = rng.normal(scale=6.0, size=(300, d))
    log_joint = scipy_log_joint(X, params)
    resp, ll = g.e_step(X, params)
    np.testing.assert_allclose(resp, softmax(log_joint, axis=1), rtol=1e-9, atol=1e-300)
    assert ll == pytest.approx(logsumexp(log_joint, axis=1).sum(), rel=1e-12)
    assert g.log_likelihood(X, params) == pytest.approx(ll, rel=1e-15)


def test_e_step_gives_zero_responsibility_to_a_zero_weight_component():
    params = g.GMMParams([0.5, 0.5, 0.0], [[0.0], [5.0], [2.5]], np.ones((3, 1, 1)))
    resp, ll = g.e_step(np.linspace(-3, 8, 50)[:, None], params)
    np.testing.assert_array_equal(resp[:, 2], 0.0)
    np.testing.assert_allclose(resp.sum(axis=1), 1.0, rtol=1e-12)
    assert np.isfinite(ll)


@pytest.mark.parametrize("K, d, reg_covar", [(1, 1, 0.0), (3, 2, 0.0), (4, 3, 1e-3), (2, 5, 1e-6)])
def test_m_step_matches_weighted_sample_statistics(K, d, reg_covar):
    rng = np.random.default_rng(K + d)
    X = rng.normal(size=(200, d)) * rng.uniform(0.5, 3, size=d)
    resp = rng.dirichlet(np.ones(K), size=200)  # (n, K), rows sum to 1
    params = g.m_step(X, resp, reg_covar=reg_covar)
    np.testing.assert_allclose(params.phi, resp.mean(axis=0), rtol=1e-12)
    for k in range(K):
        w = resp[:, k]
        np.testing.assert_allclose(params.mu[k], np.average(X, axis=0, weights=w), rtol=1e-10, atol=1e-12)
        cov = np.atleast_2d(np.cov(X.T, aweights=w, bias=True)) + reg_covar * np.eye(d)
        np.testing.assert_allclose(params.sigma[k], cov, rtol=1e-10, atol=1e-12)


def test_m_step_with_an_empty_component_and_no_regularisation_is_a_collapse():
    """All responsibility on component 1: components 0 and 2 have no points, so no covariance."""
    X = np.random.default_rng(0).normal(size=(50, 2))
    resp = np.zeros((50, 3))
    resp[:, 1] = 1.0
    with pytest.raises(g.ComponentCollapseError, match=r"component 0 .*N_k = 0.*reg_covar") as info:
        g.m_step(X, resp, reg_covar=0.0)
    assert info.value.component == 0
    assert info.value.iteration is None


# --- fit against scikit-learn -------------------------------------------------------------------------------

def mixture_data(d, K, seed, n=300):
    """n points from a random, fairly well separated K-component mixture in d dimensions."""
    rng = np.random.default_rng(seed)
    A = rng.normal(scale=0.5, size=(K, d, d))
    truth = g.GMMParams(np.full(K, 1 / K), rng.normal(scale=6.0, size=(K, d)),
                        A @ A.transpose(0, 2, 1) + 0.5 * np.eye(d))
    return g.sample(truth, n, seed)[0]


def sklearn_fit(X, init, *, max_iter, tol, reg_covar):
    gm = GaussianMixture(n_components=init.K, covariance_type="full", weights_init=init.phi, means_init=init.mu,
                         precisions_init=np.linalg.inv(init.sigma), tol=tol, max_iter=max_iter,
                         reg_covar=reg_covar, init_params="random_from_data", random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # sklearn's own ConvergenceWarning with tol=0
        return gm.fit(X)


def assert_same_as_sklearn(result, gm, X):
    assert result.log_likelihoods[-1] == pytest.approx(gm.score(X) * X.shape[0], rel=1e-8)
    np.testing.assert_allclose(result.params.phi, gm.weights_, rtol=0, atol=1e-6)
    np.testing.assert_allclose(result.params.mu, gm.means_, rtol=0, atol=1e-6)
    np.testing.assert_allclose(result.params.sigma, gm.covariances_, rtol=0, atol=1e-6)


@pytest.mark.parametrize("K", [1, 2, 3, 4, 5, 6])
@pytest.mark.parametrize("d", [1, 2, 3, 4, 5])
def test_fit_matches_sklearn_for_a_fixed_number_of_iterations(d, K):
    X = mixture_data(d, K, seed=10 * d + K)
    init = g.init_params(X, K, init="kmeans++", seed=1)
    max_iter = 30
    with pytest.warns(g.ConvergenceWarning):
        result = g.fit(X, K, init=init, max_iter=max_iter, tol=0.0, reg_covar=1e-6)
    gm = sklearn_fit(X, init, max_iter=max_iter, tol=0.0, reg_covar=1e-6)
    assert result.n_iter == gm.n_iter_ == max_iter
    assert_same_as_sklearn(result, gm, X)


@pytest.mark.parametrize("d, K, reg_covar", [(1, 3, 0.0), (2, 4, 0.0), (3, 2, 1e-2), (5, 3, 0.1)])
def test_fit_matches_sklearn_with_other_reg_covar(d, K, reg_covar):
    X = mixture_data(d, K, seed=100 + d)
    init = g.init_params(X, K, init="random", seed=2, reg_covar=reg_covar)
    with pytest.warns(g.ConvergenceWarning):
        result = g.fit(X, K, init=init, max_iter=25, tol=0.0, reg_covar=reg_covar)
    assert_same_as_sklearn(result, sklearn_fit(X, init, max_iter=25, tol=0.0, reg_covar=reg_covar), X)


def test_fit_matches_sklearn_one_iteration():
    X = mixture_data(2, 3, seed=7)
    init = g.init_params(X, 3, init="kmeans++", seed=0)
    with pytest.warns(g.ConvergenceWarning):
        result = g.fit(X, 3, init=init, max_iter=1, tol=0.0)
    assert_same_as_sklearn(result, sklearn_fit(X, init, max_iter=1, tol=0.0, reg_covar=1e-6), X)


def test_fit_matches_sklearn_run_to_convergence_on_the_chapters_data(X_textbook):
    init = g.init_params(X_textbook, 3, init="textbook", seed=11, reg_covar=0.0)
    result = g.fit(X_textbook, 3, init=init, tol=1e-11, max_iter=2000, reg_covar=0.0)
    gm = sklearn_fit(X_textbook, init, max_iter=2000, tol=1e-14, reg_covar=0.0)  # sklearn's tol is per sample
    assert result.converged and gm.converged_
    assert_same_as_sklearn(result, gm, X_textbook)


# --- convergence -------------------------------------------------------------------------------------------------

def test_convergence_warning_is_a_user_warning():
    assert issubclass(g.ConvergenceWarning, UserWarning)


@pytest.mark.parametrize("max_iter", [1, 2, 5])
def test_not_converged_after_max_iter_warns(X_textbook, max_iter):
    with pytest.warns(g.ConvergenceWarning, match="max_iter"):
        result = g.fit(X_textbook, 3, init="textbook", seed=11, max_iter=max_iter)
    assert result.converged is False
    assert result.n_iter == len(result.log_likelihoods) == max_iter
    assert len(result.history) == max_iter + 1


def test_converged_run_does_not_warn(X_textbook):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert g.fit(X_textbook, 3, init="kmeans++", seed=0).converged is True


def test_earliest_possible_stop_is_after_two_iterations_as_in_the_chapter(X_textbook):
    """The chapter compares the log-likelihoods of iterations 1 and 0 at the earliest."""
    last_iteration = em_gmm(np.array(X_textbook), 3, tol=1e12)[-1]
    result = g.fit(X_textbook, 3, init="textbook", seed=11, tol=1e12)
    assert last_iteration == 1
    assert result.converged is True
    assert result.n_iter == last_iteration + 1 == 2


def test_a_larger_tol_stops_earlier(X_textbook):
    strict = g.fit(X_textbook, 3, init="textbook", seed=11, tol=1e-8, max_iter=500)
    loose = g.fit(X_textbook, 3, init="textbook", seed=11, tol=1e-1, max_iter=500)
    assert loose.n_iter < strict.n_iter
    assert abs(loose.log_likelihoods[-1] - loose.log_likelihoods[-2]) < 1e-1


# --- initialisation -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("init", ["textbook", "random", "kmeans++"])
def test_init_is_reproducible_for_a_seed(X_textbook, init):
    assert g.init_params(X_textbook, 3, init=init, seed=4) == g.init_params(X_textbook, 3, init=init, seed=4)


@pytest.mark.parametrize("init", ["textbook", "random", "kmeans++"])
def test_init_differs_for_another_seed(X_textbook, init):
    assert g.init_params(X_textbook, 3, init=init, seed=4) != g.init_params(X_textbook, 3, init=init, seed=5)


@pytest.mark.parametrize("init", ["random", "kmeans++"])
@pytest.mark.parametrize("K, d", [(1, 1), (3, 2), (5, 4)])
def test_init_gives_valid_params_of_the_right_size(init, K, d):
    X = mixture_data(d, K, seed=K)
    params = g.init_params(X, K, init=init, seed=0)
    assert isinstance(params, g.GMMParams)
    assert (params.K, params.d) == (K, d)
    assert params.phi.sum() == pytest.approx(1.0)


def test_textbook_init_adds_reg_covar_to_the_data_covariance(X_textbook):
    params = g.init_params(X_textbook, 3, init="textbook", seed=11, reg_covar=0.5)
    np.testing.assert_allclose(params.sigma, np.stack([np.cov(X_textbook.T) + 0.5 * np.eye(2)] * 3), rtol=1e-14)


def test_kmeans_plus_plus_init_picks_distinct_data_points(X_textbook):
    params = g.init_params(X_textbook, 5, init="kmeans++", seed=3, reg_covar=0.0)
    rows = [np.flatnonzero((X_textbook == m).all(axis=1)) for m in params.mu]
    assert all(len(r) == 1 for r in rows)
    assert len({int(r[0]) for r in rows}) == 5
    np.testing.assert_allclose(params.phi, np.full(5, 0.2), rtol=1e-15)
    np.testing.assert_allclose(params.sigma, np.stack([np.cov(X_textbook.T)] * 5), rtol=1e-14)


def test_kmeans_plus_plus_init_spreads_the_centres_over_separate_clusters():
    rng = np.random.default_rng(0)
    X = np.vstack([rng.normal(size=(200, 2)), rng.normal(size=(200, 2)) + 1000.0])
    for seed in range(20):
        mu = g.init_params(X, 2, init="kmeans++", seed=seed).mu
        assert sorted(np.round(mu[:, 0] / 1000)) == [0.0, 1.0], seed


def test_random_init_is_an_m_step_from_random_responsibilities(X_textbook):
    params = g.init_params(X_textbook, 3, init="random", seed=0)
    resp = np.random.default_rng(0).random((3, X_textbook.shape[0])).T
    resp /= resp.sum(axis=1, keepdims=True)
    assert params.allclose(g.m_step(X_textbook, resp), rtol=1e-10)


@pytest.mark.parametrize("init", ["random", "kmeans++"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_fit_from_init_is_at_least_as_good_as_the_truth(X_textbook, init, seed):
    truth_ll = g.log_likelihood(X_textbook, g.TEXTBOOK_TRUTH)
    result = g.fit(X_textbook, 3, init=init, seed=seed, max_iter=300)
    assert result.log_likelihoods[-1] >= truth_ll - 1.0


def test_fit_is_reproducible_for_a_seed(X_textbook):
    a = g.fit(X_textbook, 3, seed=5)
    b = g.fit(X_textbook, 3, seed=5)
    assert a.params == b.params
    np.testing.assert_array_equal(a.log_likelihoods, b.log_likelihoods)


# --- bad input ---------------------------------------------------------------------------------------------------------

P2 = g.GMMParams([1.0], [[0.0, 0.0]], [np.eye(2)])
X_CALLS = {
    "fit": lambda X: g.fit(X, 1),
    "init_params": lambda X: g.init_params(X, 1),
    "e_step": lambda X: g.e_step(X, P2),
    "log_likelihood": lambda X: g.log_likelihood(X, P2),
    "m_step": lambda X: g.m_step(X, np.ones((2, 1))),
    "log_pdf": lambda X: g.log_pdf(X, np.zeros(2), np.eye(2)),
}
BAD_X = [
    pytest.param(np.arange(4.0), ValueError, r"X must be a 2-D array .* received 1-D", id="1-D"),
    pytest.param(np.zeros((2, 2, 2)), ValueError, r"X must be a 2-D array .* received 3-D", id="3-D"),
    pytest.param(np.zeros((0, 2)), ValueError, r"X must hold at least one sample", id="empty"),
    pytest.param([["a", "b"], ["c", "d"]], TypeError, r"X must be a numeric array", id="strings"),
    pytest.param(np.array([[1, None], [2, 3]], dtype=object), TypeError, r"X must be a numeric array", id="object"),
    pytest.param([[1.0, 2.0], [3.0]], TypeError, r"X must be a numeric array", id="ragged"),
    pytest.param(np.array([[1j, 0], [0, 1]]), TypeError, r"X must be a numeric array", id="complex"),
    pytest.param([[1.0, np.nan], [0.0, 1.0]], ValueError, r"X must contain only finite numbers.*index \(0, 1\)",
                 id="nan"),
    pytest.param([[1.0, 2.0], [np.inf, 1.0]], ValueError, r"X must contain only finite numbers.*index \(1, 0\)",
                 id="inf"),
]


@pytest.mark.parametrize("X, error, message", BAD_X)
@pytest.mark.parametrize("call", list(X_CALLS), ids=list(X_CALLS))
def test_bad_X_is_rejected_with_a_message_naming_X(call, X, error, message):
    with pytest.raises(error, match=message):
        X_CALLS[call](X)


@pytest.mark.parametrize("function", [g.fit, g.init_params])
@pytest.mark.parametrize("K, error, message", [
    (2.5, TypeError, r"K must be an integer; received 2.5"),
    ("3", TypeError, r"K must be an integer; received '3'"),
    (True, TypeError, r"K must be an integer; received True"),
    (None, TypeError, r"K must be an integer"),
    (0, ValueError, r"K must be >= 1; received 0"),
    (-2, ValueError, r"K must be >= 1; received -2"),
    (11, ValueError, r"K must be <= 10 \(the number of samples n = 10\); received 11"),
])
def test_bad_K_is_rejected(small_X, function, K, error, message):
    with pytest.raises(error, match=message):
        function(small_X, K)


def test_numpy_integer_K_is_accepted(small_X):
    assert g.init_params(small_X, np.int64(2)).K == 2


@pytest.mark.parametrize("kwargs, error, message", [
    (dict(tol=-1e-3), ValueError, r"tol must be >= 0"),
    (dict(tol=float("nan")), ValueError, r"tol must be finite"),
    (dict(tol="1e-5"), TypeError, r"tol must be a real number"),
    (dict(max_iter=0), ValueError, r"max_iter must be >= 1"),
    (dict(max_iter=-5), ValueError, r"max_iter must be >= 1"),
    (dict(max_iter=10.0), TypeError, r"max_iter must be an integer"),
    (dict(reg_covar=-1e-6), ValueError, r"reg_covar must be >= 0"),
    (dict(reg_covar=float("inf")), ValueError, r"reg_covar must be finite"),
    (dict(reg_covar=None), TypeError, r"reg_covar must be a real number"),
    (dict(seed=-1), ValueError, r"seed must be >= 0"),
    (dict(seed="a"), TypeError, r"seed must be an integer"),
    (dict(init="kmeans"), ValueError, r"init must be one of \('textbook', 'random', 'kmeans\+\+'\)"),
    (dict(init="Textbook"), ValueError, r"init must be one of"),
])
def test_bad_fit_argument_is_rejected(small_X, kwargs, error, message):
    with pytest.raises(error, match=message):
        g.fit(small_X, 2, **kwargs)


@pytest.mark.parametrize("init", [None, 3, ("textbook",)])
def test_init_of_the_wrong_type_is_rejected_naming_init(small_X, init):
    with pytest.raises((ValueError, TypeError), match=r"init must be one of"):
        g.fit(small_X, 2, init=init)


def test_init_params_with_the_wrong_K_is_rejected(X_textbook):
    with pytest.raises(ValueError, match=r"init has K = 3 components .* asked for K = 2"):
        g.fit(X_textbook, 2, init=g.TEXTBOOK_TRUTH)


def test_init_params_with_the_wrong_dimension_is_rejected(X_textbook):
    X3 = np.column_stack([X_textbook, X_textbook[:, 0]])
    with pytest.raises(ValueError, match=r"init has K = 3 components in d = 2 dimensions.*d = 3 features"):
        g.fit(X3, 3, init=g.TEXTBOOK_TRUTH)


def test_reg_covar_is_checked_by_m_step_and_init_params(small_X):
    with pytest.raises(ValueError, match=r"reg_covar must be >= 0"):
        g.m_step(small_X, np.ones((10, 1)), reg_covar=-1.0)
    with pytest.raises(ValueError, match=r"reg_covar must be >= 0"):
        g.init_params(small_X, 2, reg_covar=-1.0)


def test_e_step_rejects_params_that_are_not_gmmparams(small_X):
    with pytest.raises(TypeError, match=r"params must be a GMMParams"):
        g.e_step(small_X, ([1.0], [[0.0, 0.0]], [np.eye(2)]))


def test_e_step_rejects_params_of_another_dimension(small_X):
    with pytest.raises(ValueError, match=r"X has d = 2 features but params are 3-dimensional"):
        g.e_step(small_X, g.GMMParams([1.0], [[0.0, 0.0, 0.0]], [np.eye(3)]))


def dirichlet_rows(n, K, seed=0):
    return np.random.default_rng(seed).dirichlet(np.ones(K), size=n)


@pytest.mark.parametrize("resp, error, message", [
    (dirichlet_rows(9, 2), ValueError, r"responsibilities must have shape \(n, K\) = \(10, K\).*\(9, 2\)"),
    (dirichlet_rows(10, 2).T, ValueError, r"responsibilities must have shape \(n, K\) = \(10, K\)"),
    (np.full(10, 1.0), ValueError, r"responsibilities must have shape"),
    (np.ones((10, 2, 1)), ValueError, r"responsibilities must have shape"),
    (np.ones((10, 0)), ValueError, r"responsibilities must have shape"),
    (np.full((10, 2), 0.4), ValueError, r"each row of responsibilities must sum to 1.*row 0 sums to 0.8"),
    (np.column_stack([np.full(10, 1.5), np.full(10, -0.5)]), ValueError,
     r"responsibilities must be non-negative; the smallest is -0.5"),
    (np.column_stack([np.full(10, np.nan), np.ones(10)]), ValueError, r"responsibilities contain NaN"),
    (np.full((10, 2), "0.5"), TypeError, r"responsibilities must be a numeric array"),
])
def test_bad_responsibilities_are_rejected(small_X, resp, error, message):
    with pytest.raises(error, match=message):
        g.m_step(small_X, resp)


def test_one_bad_row_of_responsibilities_is_named(small_X):
    resp = dirichlet_rows(10, 3)
    resp[7] *= 1.01
    with pytest.raises(ValueError, match=r"row 7 sums to 1.01"):
        g.m_step(small_X, resp)


# --- collapse ---------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def collapse_setup(X_textbook):
    """The chapter's data plus one isolated point, and an init with a 4th component sitting on it."""
    X = np.vstack([X_textbook, [[50.0, 50.0]]])
    truth = g.TEXTBOOK_TRUTH
    init = g.GMMParams([0.3, 0.4, 0.299, 0.001], np.vstack([truth.mu, [[50.0, 50.0]]]),
                       np.concatenate([truth.sigma, [1e-4 * np.eye(2)]]))
    return X, init


def test_collapse_error_is_a_value_error():
    assert issubclass(g.ComponentCollapseError, ValueError)


def test_component_capturing_one_point_collapses_without_reg_covar(collapse_setup):
    X, init = collapse_setup
    with pytest.raises(g.ComponentCollapseError) as info:
        g.fit(X, 4, init=init, reg_covar=0.0)
    assert info.value.component == 3
    assert info.value.iteration == 1
    message = str(info.value)
    assert "component 3" in message
    assert "iteration 1" in message
    assert "reg_covar" in message


def test_the_same_fit_runs_to_the_end_with_reg_covar(collapse_setup):
    X, init = collapse_setup
    result = g.fit(X, 4, init=init, reg_covar=1e-6)
    assert result.converged
    assert np.all(np.isfinite(result.log_likelihoods))
    for p in result.history:
        assert np.all(np.isfinite(p.mu)) and np.all(np.isfinite(p.sigma)) and np.all(np.isfinite(p.phi))
    assert np.all(np.isfinite(result.responsibilities))
    np.testing.assert_allclose(result.params.mu[3], [50.0, 50.0], atol=1e-6)


def test_m_step_reports_a_component_holding_two_points_in_3d_as_a_collapse():
    """Two points span a line: the covariance is singular (rank 1). Depending on rounding, its Cholesky
    either shows a tiny pivot or fails outright; both must be a ComponentCollapseError of component 1,
    not GMMParams's generic ValueError 'sigma must be positive definite'."""
    not_reported = []
    for seed in range(80):
        X = np.random.default_rng(seed).normal(size=(50, 3))
        resp = np.zeros((50, 2))
        resp[:, 0] = 1.0
        resp[:2] = [0.0, 1.0]
        try:
            g.m_step(X, resp, reg_covar=0.0)
            not_reported.append((seed, "no error"))
        except g.ComponentCollapseError as err:
            assert err.component == 1 and "component 1 collapsed" in str(err)
        except ValueError as err:
            not_reported.append((seed, str(err)[:80]))
    assert not not_reported, f"not a ComponentCollapseError for seeds {[s for s, _ in not_reported]}: {not_reported[0][1]}"


def test_fit_reports_a_component_drawn_onto_two_points_in_3d_as_a_collapse():
    """The same inside fit: the error must carry the iteration (0) and the component (1)."""
    not_reported = []
    for seed in range(80):
        rng = np.random.default_rng(seed)
        X = np.vstack([rng.normal(size=(48, 3)), 30.0 + rng.normal(size=(2, 3))])
        init = g.GMMParams([0.96, 0.04], [X[:48].mean(axis=0), X[48:].mean(axis=0)], [np.eye(3), np.eye(3)])
        try:
            g.fit(X, 2, init=init, reg_covar=0.0)
            not_reported.append((seed, "no error"))
        except g.ComponentCollapseError as err:
            assert (err.component, err.iteration) == (1, 1)
        except ValueError as err:
            not_reported.append((seed, str(err)[:80]))
    assert not not_reported, f"not a ComponentCollapseError for seeds {[s for s, _ in not_reported]}: {not_reported[0][1]}"


def test_collapse_later_in_the_run_reports_that_iteration(X_textbook):
    """With the chapter's init, a component is drawn onto a far outlier after a few iterations."""
    X = np.vstack([X_textbook, [[1000.0, 1000.0], [1e6, -1e6]]])
    with pytest.raises(g.ComponentCollapseError, match=r"EM iteration \d+: component \d collapsed") as info:
        g.fit(X, 3, init="textbook", seed=11, reg_covar=0.0)
    assert info.value.iteration is not None and info.value.iteration >= 0
    assert f"iteration {info.value.iteration}" in str(info.value)
    assert f"component {info.value.component}" in str(info.value)


# --- outliers: why log space matters ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def X_outliers(X_textbook):
    return np.vstack([X_textbook, [[1000.0, 1000.0], [1e6, -1e6]]])


def test_e_step_with_outliers_is_finite_and_normalised(X_outliers):
    resp, ll = g.e_step(X_outliers, g.TEXTBOOK_TRUTH)
    assert np.all(np.isfinite(resp)) and np.all(resp >= 0)
    np.testing.assert_allclose(resp.sum(axis=1), 1.0, rtol=1e-12)
    assert np.isfinite(ll)


def test_e_step_with_outliers_matches_scipy(X_outliers):
    log_joint = scipy_log_joint(X_outliers, g.TEXTBOOK_TRUTH)
    resp, ll = g.e_step(X_outliers, g.TEXTBOOK_TRUTH)
    np.testing.assert_allclose(resp, softmax(log_joint, axis=1), rtol=1e-8, atol=1e-300)
    assert ll == pytest.approx(logsumexp(log_joint, axis=1).sum(), rel=1e-12)


@pytest.mark.parametrize("init", ["kmeans++", "random"])
def test_fit_with_outliers_gives_no_nan(X_outliers, init):
    result = g.fit(X_outliers, 3, init=init, seed=0, max_iter=300)
    assert np.all(np.isfinite(result.log_likelihoods))
    assert np.all(np.isfinite(result.responsibilities))
    assert all(np.all(np.isfinite(p.mu)) and np.all(np.isfinite(p.sigma)) for p in result.history)


def test_the_chapters_loop_gives_nan_with_outliers(X_outliers):
    """The chapter computes densities, not log densities: at (1000, 1000) every density underflows
    to 0 and 0/0 = NaN. (Started, like the e_step tests above, from the true parameters.)"""
    truth = g.TEXTBOOK_TRUTH
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        phi, mu, sigma, resp, log_likelihoods, _, _ = em_gmm(
            X_outliers, 3, num_iters=3, init=(truth.phi, truth.mu, truth.sigma))
    assert np.isnan(resp[-2]).all()  # the point at (1000, 1000)
    assert np.isnan(mu).any()
    assert np.isnan(log_likelihoods).any()


def test_e_step_for_a_point_whose_squared_distance_overflows():
    """A point at 1e155 has a squared Mahalanobis distance of ~1e310 = inf for every component, and
    -inf - (-inf) = NaN in the log-sum-exp. It should still get responsibilities that sum to 1 (or a
    clear error), never NaN."""
    X = np.array([[0.0, 0.0], [1e155, 1e155]])
    with np.errstate(all="ignore"):
        try:
            resp, ll = g.e_step(X, g.TEXTBOOK_TRUTH)
        except ValueError as err:
            assert "X" in str(err)
            return
    assert np.all(np.isfinite(resp)), resp
    np.testing.assert_allclose(resp.sum(axis=1), 1.0)
    assert not np.isnan(ll)


def test_fit_on_data_whose_squares_overflow_says_so(X_textbook):
    """Data of scale 1e160: the covariance overflows. The learner should get a message about X,
    not numpy's 'Probabilities contain NaN' from deep inside k-means++."""
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        with pytest.raises(ValueError, match=r"\bX\b"):
            g.fit(X_textbook * 1e160, 3)


def test_collapse_found_when_the_batched_cholesky_fails():
    """Regression: a Sigma_k that NumPy's Cholesky rejects but whose eigenvalues look positive
    used to slip past the collapse check and surface as GMMParams' generic message."""
    X, _ = g.sample(g.TEXTBOOK_TRUTH, 50, seed=0)
    with pytest.raises(g.ComponentCollapseError, match=r"EM iteration \d+: component \d+ collapsed.*reg_covar") as info:
        g.fit(X, 8, init="textbook", seed=11, reg_covar=0.0)
    assert info.value.iteration is not None and 0 <= info.value.component < 8
