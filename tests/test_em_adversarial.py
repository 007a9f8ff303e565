"""Adversarial input for the EM core (issue 10): degenerate data, huge offsets, overflow, bad arguments.

Degenerate data that scikit-learn's GaussianMixture fits with reg_covar = 1e-6 must fit here too,
for every init and covariance type; with reg_covar = 0 the error must say which feature (or why).
"""
import warnings

import numpy as np
import pytest
from sklearn.mixture import GaussianMixture

import gmm_teach as g

INITS = ["textbook", "random", "kmeans++"]
COV_TYPES = ["full", "diag", "spherical", "tied"]


def _base():
    return np.random.default_rng(0).normal(size=(60, 3))


DEGENERATE = {  # name: (X, K, what the reg_covar = 0 error must say)
    "constant column": (np.column_stack([_base()[:, :2], np.full(60, 5.0)]), 2,
                        r"feature 2 of X is constant \(every sample has X\[:, 2\] = 5\)"),
    "duplicated column": (np.column_stack([_base(), _base()[:, 0]]), 2, r"features 0 and 3 of X are collinear"),
    "all points equal": (np.full((10, 3), 2.5), 1, r"all 10 points of X are equal"),
    "n < d": (np.random.default_rng(0).normal(size=(20, 50)), 20, r"n = 20 samples <= d = 50 features"),
    "collinear in 3-D": (np.outer(np.linspace(-1, 1, 30), [1.0, 2.0, -0.5]), 2,
                         r"features 0, 1 and 2 of X are collinear"),
    "2 distinct points x 5": (np.repeat(np.random.default_rng(1).normal(size=(2, 5)), 5, axis=0), 10,
                              r"only 2 distinct points \(n = 10 samples"),
    "scaled by 1e-300": (_base() * 1e-300, 2, r"feature 0 of X varies by only .*variance underflows float64"),
}


def quiet_fit(X, K, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", g.ConvergenceWarning)
        return g.fit(X, K, **kwargs)


@pytest.fixture(scope="module")
def sklearn_scores():
    """scikit-learn fits every degenerate case with its default reg_covar = 1e-6: mean log-likelihood per sample."""
    scores = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name, (X, K, _) in DEGENERATE.items():
            for covariance_type in COV_TYPES:
                gm = GaussianMixture(K, covariance_type=covariance_type, random_state=0).fit(X)
                scores[name, covariance_type] = gm.score(X)
    return scores


# --- item 1: reg_covar is used wherever a covariance is formed ------------------------------------------------

@pytest.mark.parametrize("covariance_type", COV_TYPES)
@pytest.mark.parametrize("init", INITS)
@pytest.mark.parametrize("case", list(DEGENERATE))
def test_degenerate_data_that_sklearn_fits_fits_with_reg_covar(case, init, covariance_type, sklearn_scores):
    X, K, _ = DEGENERATE[case]
    assert np.isfinite(sklearn_scores[case, covariance_type])
    result = quiet_fit(X, K, init=init, seed=0, reg_covar=1e-6, covariance_type=covariance_type)
    assert np.all(np.isfinite(result.log_likelihoods))
    assert np.all(np.isfinite(result.responsibilities)) and np.all(result.responsibilities >= 0)
    np.testing.assert_allclose(result.responsibilities.sum(axis=1), 1.0, rtol=1e-12)
    for p in result.history:  # GMMParams validated each one; the eigenvalues are at least about reg_covar
        assert np.linalg.eigvalsh(p.sigma).min() >= 0.5e-6
    if K == 1:  # nothing for an init to change: the same maximum as scikit-learn
        assert result.log_likelihoods[-1] / len(X) == pytest.approx(sklearn_scores[case, covariance_type], rel=1e-6)


@pytest.mark.parametrize("init", ["textbook", "kmeans++"])
def test_the_initial_covariance_is_the_data_covariance_plus_reg_covar(init):
    X = DEGENERATE["constant column"][0]
    params = g.init_params(X, 2, init=init, seed=0, reg_covar=1e-6)
    np.testing.assert_allclose(params.sigma, np.stack([np.cov(X.T) + 1e-6 * np.eye(3)] * 2), rtol=1e-14, atol=1e-20)


@pytest.mark.parametrize("init", INITS)
@pytest.mark.parametrize("case", list(DEGENERATE))
def test_degenerate_data_without_reg_covar_names_the_cause(case, init):
    X, K, message = DEGENERATE[case]
    with pytest.raises(ValueError, match=message) as info:
        quiet_fit(X, K, init=init, seed=0, reg_covar=0.0)
    assert not isinstance(info.value, g.ComponentCollapseError)  # a property of the data, not of a run
    assert "reg_covar > 0" in str(info.value)  # reg_covar = 0 was given: advising > 0 is right here


@pytest.mark.parametrize("init", ["textbook", "kmeans++", "random"])
def test_reg_covar_too_small_for_the_scale_says_so(init):
    """Collinear points at a scale of 1e10: reg_covar = 1e-6 is below float64's noise on a variance of 1e20."""
    X = np.outer(np.linspace(-1, 1, 30), [1.0, 2.0, -0.5]) * 1e10
    with pytest.raises(ValueError, match=r"reg_covar = 1e-06 is too small for data of this scale") as info:
        g.fit(X, 2, init=init, seed=0, reg_covar=1e-6)
    assert "reg_covar > 0" not in str(info.value)  # it was > 0 already
    if init == "random":  # the M-step inside the initialisation
        assert isinstance(info.value, g.ComponentCollapseError) and info.value.iteration == 0


def test_diag_does_not_need_uncorrelated_features():
    """A duplicated column only makes the correlation singular: diag covariances never see it."""
    X = DEGENERATE["duplicated column"][0]
    assert quiet_fit(X, 2, init="textbook", seed=0, reg_covar=0.0, covariance_type="diag").n_iter >= 1


def test_features_of_very_different_scales_are_not_a_collapse():
    """The collapse threshold is per feature: a feature of variance 1e-8 next to one of 1e12 is not singular."""
    rng = np.random.default_rng(0)
    X = np.column_stack([rng.normal(scale=1e6, size=200), rng.normal(scale=1e-4, size=200)])
    result = quiet_fit(X, 2, init="kmeans++", seed=0, reg_covar=0.0)
    assert np.all(np.isfinite(result.log_likelihoods))


@pytest.mark.parametrize("covariance_type", COV_TYPES)
def test_m_step_with_a_constant_column_and_reg_covar_is_not_a_collapse(covariance_type):
    X = DEGENERATE["constant column"][0]
    resp = np.random.default_rng(0).dirichlet(np.ones(2), size=len(X))
    params = g.m_step(X, resp, reg_covar=1e-6, covariance_type=covariance_type)
    if covariance_type != "spherical":  # (spherical: the mean of the variances, positive anyway)
        np.testing.assert_allclose(params.sigma[:, 2, 2], 1e-6, rtol=1e-12)


# --- item 2: huge offsets ------------------------------------------------------------------------------------

OFFSET = 1e12


@pytest.fixture(scope="module")
def X_far():
    """The chapter's data shrunk to a spread of 0.01 and moved to 1e12; X_far - 1e12 is exact (Sterbenz)."""
    return g.textbook_data() * 0.01 + OFFSET


def test_responsibilities_far_from_the_origin_equal_those_at_the_origin(X_far):
    truth = g.TEXTBOOK_TRUTH
    mu_far = X_far[[0, 400, 800]]  # representable at 1e12, so mu_far - 1e12 is the same mean, exactly
    far = g.GMMParams(truth.phi, mu_far, truth.sigma * 1e-4)
    near = g.GMMParams(truth.phi, mu_far - OFFSET, truth.sigma * 1e-4)
    resp_far, ll_far = g.e_step(X_far, far)
    resp_near, ll_near = g.e_step(X_far - OFFSET, near)
    np.testing.assert_allclose(resp_far, resp_near, rtol=0, atol=1e-6)
    assert ll_far == pytest.approx(ll_near, rel=1e-9)
    np.testing.assert_allclose(g.log_pdf(X_far, mu_far[0], far.sigma[0]),
                               g.log_pdf(X_far - OFFSET, mu_far[0] - OFFSET, far.sigma[0]), rtol=1e-9, atol=1e-9)


@pytest.mark.parametrize("init", INITS)
def test_log_likelihood_never_decreases_far_from_the_origin(X_far, init):
    """EM's monotonicity, run well past convergence (tol = 0), to a few ulps of the log-likelihood."""
    result = quiet_fit(X_far, 3, init=init, seed=0, reg_covar=0.0, tol=0.0, max_iter=150)
    lls = np.array([g.log_likelihood(X_far, result.history[0])] + list(result.log_likelihoods))
    drops = np.diff(lls)
    assert np.all(drops >= -16 * np.spacing(np.abs(lls[1:]))), drops.min()


def test_m_step_of_one_far_point_is_that_point_plus_reg_covar():
    params = g.m_step([[1e12, 1e12]], [[1.0]], reg_covar=1e-6)
    np.testing.assert_array_equal(params.mu, [[1e12, 1e12]])
    np.testing.assert_allclose(params.sigma[0], 1e-6 * np.eye(2), rtol=0, atol=1e-12)


@pytest.mark.parametrize("covariance_type", COV_TYPES)
def test_m_step_far_from_the_origin_equals_the_m_step_at_the_origin(X_far, covariance_type):
    resp = np.random.default_rng(0).dirichlet(np.ones(3), size=len(X_far))
    far = g.m_step(X_far, resp, reg_covar=0.0, covariance_type=covariance_type)
    near = g.m_step(X_far - OFFSET, resp, reg_covar=0.0, covariance_type=covariance_type)
    # the mean is the representable number nearest the true one (spacing(1e12) = 1.2e-4, a percent of the spread)
    np.testing.assert_allclose(far.mu - OFFSET, near.mu, rtol=0, atol=0.5 * np.spacing(OFFSET) * (1 + 1e-6))
    # and the covariance is the maximum-likelihood one about that mean, computed at the origin (exact shift)
    mu = far.mu - OFFSET
    Xn = X_far - OFFSET
    N = resp.sum(axis=0)
    full = np.stack([(resp[:, k, None] * (Xn - mu[k])).T @ (Xn - mu[k]) / N[k] for k in range(3)])
    expected = g.constrain_covariances(full, covariance_type, N)
    np.testing.assert_allclose(far.sigma, expected, rtol=1e-9)


# --- item 3: far points: no NaN, no RuntimeWarning, the same answer as e_step ----------------------------------

def _far_X(value):
    return np.vstack([g.textbook_data()[:50], [[value, value]]])


FAR_CALLS = {
    "log_pdf": lambda X: g.log_pdf(X, g.TEXTBOOK_TRUTH.mu, g.TEXTBOOK_TRUTH.sigma),
    "e_step": lambda X: g.e_step(X, g.TEXTBOOK_TRUTH)[1],
    "log_likelihood": lambda X: g.log_likelihood(X, g.TEXTBOOK_TRUTH),
    "lower_bound": lambda X: g.lower_bound(X, g.TEXTBOOK_TRUTH, np.full((len(X), 3), 1 / 3)),
    "kl_divergence": lambda X: g.kl_divergence(X, g.TEXTBOOK_TRUTH, np.full((len(X), 3), 1 / 3)),
    "bic": lambda X: g.bic(X, g.TEXTBOOK_TRUTH),
}


@pytest.mark.parametrize("value", [1e150, 1e154, 3e154, 1e155, 1e200, 1e308])
@pytest.mark.parametrize("call", list(FAR_CALLS))
def test_far_points_give_no_runtime_warning_and_no_nan(call, value):
    X = _far_X(value)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            out = FAR_CALLS[call](X)
        except ValueError as err:  # the e_step's error: the point is infinitely far from every component
            assert "X[50] is so far from every component" in str(err) and "rescale X" in str(err)
            return
    assert not np.any(np.isnan(out))


@pytest.mark.parametrize("call", ["lower_bound", "kl_divergence", "log_likelihood"])
def test_lower_bound_and_kl_fail_exactly_where_e_step_fails(call):
    X = _far_X(1e155)  # squared distance ~1e310 to every component
    with pytest.raises(ValueError) as e_step_error:
        g.e_step(X, g.TEXTBOOK_TRUTH)
    with pytest.raises(ValueError) as info:
        FAR_CALLS[call](X)
    assert str(info.value) == str(e_step_error.value)


def test_a_difference_that_overflows_is_minus_inf_not_nan():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = g.log_pdf([[1e308, 0.0], [-1e308, 1.0]], np.array([-1e308, 0.0]), np.eye(2))
    assert out[0] == -np.inf and np.isfinite(out[1])


# --- item 4: k-means++ and data too large or too small --------------------------------------------------------

@pytest.mark.parametrize("init", INITS)
def test_fit_with_a_point_at_1e154_says_rescale_X(init):
    X = np.vstack([g.textbook_data(), [[1e154, 1e154]]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match=r"^X is too large in magnitude.*Rescale X"):
            g.fit(X, 3, init=init)


def test_kmeans_plus_plus_spreads_the_centres_for_tiny_data():
    """D(x)^2 of data at 1e-300 underflows to 0; the seeding must still see the two clusters."""
    rng = np.random.default_rng(0)
    X = np.vstack([rng.normal(size=(200, 2)), rng.normal(size=(200, 2)) + 1000.0]) * 1e-300
    for seed in range(20):
        mu = g.init_params(X, 2, init="kmeans++", seed=seed).mu
        assert sorted(np.round(mu[:, 0] / 1e-297)) == [0.0, 1.0], seed


def test_kmeans_plus_plus_on_ordinary_data_is_unchanged(X_textbook):
    """Scaling by a power of 2 is exact: the same centres as the plain D(x)^2 seeding."""
    rng = np.random.default_rng(3)
    n = X_textbook.shape[0]
    idx = [int(rng.integers(n))]
    d2 = ((X_textbook - X_textbook[idx[0]]) ** 2).sum(axis=1)
    for _ in range(4):
        idx.append(int(rng.choice(n, p=d2 / d2.sum())))
        d2 = np.minimum(d2, ((X_textbook - X_textbook[idx[-1]]) ** 2).sum(axis=1))
    np.testing.assert_array_equal(g.init_params(X_textbook, 5, init="kmeans++", seed=3).mu, X_textbook[idx])


# --- item 5: ellipse_geometry checks its input -----------------------------------------------------------------

@pytest.mark.parametrize("sigma, r, error, message", [
    ([[np.nan, 0.0], [0.0, 1.0]], 1.0, ValueError, r"^sigma must contain only finite numbers"),
    ([[np.inf, 0.0], [0.0, 1.0]], 1.0, ValueError, r"^sigma must contain only finite numbers"),
    ([[1.0, 0.5], [0.0, 1.0]], 1.0, ValueError, r"^sigma must be symmetric"),
    ([[1.0, 2.0], [2.0, 1.0]], 1.0, ValueError, r"^sigma must be positive definite"),
    ([[0.0, 0.0], [0.0, 1.0]], 1.0, ValueError, r"^sigma must be positive definite"),
    (np.eye(3), 1.0, ValueError, r"2x2 covariance sigma; received shape \(3, 3\)"),
    ([1.0, 1.0], 1.0, ValueError, r"2x2 covariance sigma; received shape \(2,\)"),
    ([["a", "b"], ["c", "d"]], 1.0, TypeError, r"^sigma must be a numeric array"),
    (np.eye(2), 0.0, ValueError, r"^r must be a positive finite number.*received 0.0"),
    (np.eye(2), -1.0, ValueError, r"^r must be a positive finite number"),
    (np.eye(2), float("nan"), ValueError, r"^r must be a positive finite number"),
    (np.eye(2), float("inf"), ValueError, r"^r must be a positive finite number"),
    (np.eye(2), "2", TypeError, r"^r must be a positive real number.*'2' \(str\)"),
    (np.eye(2), None, TypeError, r"^r must be a positive real number"),
    (np.eye(2), True, TypeError, r"^r must be a positive real number"),
])
def test_ellipse_geometry_rejects_bad_input(sigma, r, error, message):
    with pytest.raises(error, match=message):
        g.ellipse_geometry(sigma, r=r)


def test_ellipse_geometry_accepts_numpy_and_int_radius():
    assert g.ellipse_geometry(np.diag([4.0, 1.0]), r=np.float32(2.0))[:2] == (8.0, 4.0)
    assert g.ellipse_geometry(np.diag([4, 1]), r=2)[:2] == (8.0, 4.0)


# --- item 6: seeds for the legacy generator ---------------------------------------------------------------------

@pytest.mark.parametrize("seed", [2**32, 2**40, np.uint64(2**63)])
def test_textbook_init_rejects_a_seed_the_legacy_generator_cannot_take(X_textbook, seed):
    with pytest.raises(ValueError, match=r"^seed must be <= 4294967295 \(init='textbook' .*RandomState") as info:
        g.fit(X_textbook, 3, init="textbook", seed=seed)
    assert "received" in str(info.value)


@pytest.mark.parametrize("init", ["random", "kmeans++"])
def test_other_inits_accept_large_seeds(X_textbook, init):
    assert g.init_params(X_textbook, 3, init=init, seed=2**40).K == 3


def test_textbook_init_accepts_the_largest_legacy_seed(X_textbook):
    assert g.init_params(X_textbook, 3, init="textbook", seed=2**32 - 1).K == 3


# --- item 7: a collapse in the initialisation names iteration 0 -------------------------------------------------

@pytest.mark.parametrize("call", ["fit", "init_params"])
def test_collapse_in_the_random_init_is_iteration_0(call):
    X = np.array([[1.0, 2.0]])  # one point, K = 1, reg_covar = 0: the random init's M-step is singular
    func = g.fit if call == "fit" else g.init_params
    with pytest.raises(g.ComponentCollapseError, match=r"^initialisation \(iteration 0.*component 0 collapsed") as info:
        func(X, 1, init="random", reg_covar=0.0)
    assert info.value.iteration == 0 and info.value.component == 0


def test_collapse_error_documents_its_iteration():
    assert "0 means the initialisation" in g.ComponentCollapseError.__doc__


# --- item 8: covariance_type of the wrong type -------------------------------------------------------------------

@pytest.mark.parametrize("bad", [["full"], 3, None, {}, {"full": 1}, np.array(["full", "diag"]), ("full",)],
                         ids=repr)
@pytest.mark.parametrize("call", ["fit", "init_params", "m_step", "constrain_covariances"])
def test_a_non_string_covariance_type_is_a_type_error(call, bad, X_textbook):
    funcs = {"fit": lambda: g.fit(X_textbook, 3, covariance_type=bad),
             "init_params": lambda: g.init_params(X_textbook, 3, covariance_type=bad),
             "m_step": lambda: g.m_step(X_textbook, np.ones((len(X_textbook), 1)), covariance_type=bad),
             "constrain_covariances": lambda: g.constrain_covariances(np.ones((1, 2, 2)), bad)}
    with pytest.raises(TypeError, match=r"^covariance_type must be a string, one of \('full', 'diag', 'spherical', "
                                        r"'tied'\); received"):
        funcs[call]()


# --- item 9: the ConvergenceWarning after one iteration -----------------------------------------------------------

def test_convergence_warning_after_one_iteration_says_why_instead_of_nan(X_textbook):
    with pytest.warns(g.ConvergenceWarning) as record:
        g.fit(X_textbook, 3, init="textbook", seed=11, max_iter=1)
    message = str(record[0].message)
    assert "nan" not in message.lower()
    assert "only one iteration" in message


# --- item 10: masked responsibilities -----------------------------------------------------------------------------

def test_masked_responsibilities_are_refused(X_textbook):
    n = len(X_textbook)
    resp = np.ma.masked_array(np.full((n, 3), 1 / 3), mask=np.zeros((n, 3), dtype=bool))
    resp.mask[0, 0] = True
    with pytest.raises(TypeError, match=r"^responsibilities must be a plain array, not a numpy masked array"):
        g.m_step(X_textbook, resp)
    for func in (g.lower_bound, g.kl_divergence):
        with pytest.raises(TypeError, match=r"^q must be a plain array, not a numpy masked array"):
            func(X_textbook, g.TEXTBOOK_TRUTH, resp)
