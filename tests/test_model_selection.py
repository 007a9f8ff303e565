"""Choosing K and covariance types, against scikit-learn.

n_parameters / bic / aic: sklearn's GaussianMixture.bic / .aic on the very same parameters (its
weights_, means_, covariances_ and precisions_cholesky_ set from ours), for all four covariance
types. covariance_type in fit / m_step / init_params: the same initial parameters give the same
log-likelihood (1e-8 relative) and the same parameters (1e-6) as sklearn, for d = 1..4, K = 1..4.
"""
import warnings

import numpy as np
import pytest
from sklearn.mixture import GaussianMixture
from sklearn.mixture._gaussian_mixture import _compute_precision_cholesky

import gmm_teach as g

TYPES = ("full", "diag", "spherical", "tied")
DIMS = (1, 2, 3, 4)
COMPONENTS = (1, 2, 3, 4)


# --- helpers: our (K, d, d) covariances in sklearn's per-type shapes --------------------------------

def sklearn_covariances(sigma, covariance_type):
    """Our (K, d, d) stack as sklearn stores it: full (K, d, d), diag (K, d), spherical (K,), tied (d, d)."""
    sigma = np.asarray(sigma)
    if covariance_type == "full":
        return sigma.copy()
    if covariance_type == "diag":
        return np.diagonal(sigma, axis1=1, axis2=2).copy()
    if covariance_type == "spherical":
        return sigma[:, 0, 0].copy()
    return sigma[0].copy()


def sklearn_precisions(sigma, covariance_type):
    """precisions_init for sklearn: the inverse of each covariance, in sklearn's shape for the type."""
    cov = sklearn_covariances(sigma, covariance_type)
    return np.linalg.inv(cov) if covariance_type in ("full", "tied") else 1.0 / cov


def mixture_data(d, K, seed, n=240):
    """n points from a random, fairly well separated K-component mixture in d dimensions."""
    rng = np.random.default_rng(seed)
    A = rng.normal(scale=0.5, size=(K, d, d))
    truth = g.GMMParams(np.full(K, 1 / K), rng.normal(scale=5.0, size=(K, d)),
                        A @ A.transpose(0, 2, 1) + 0.5 * np.eye(d))
    return g.sample(truth, n, seed)[0]


def sklearn_from(params, covariance_type, X):
    """A GaussianMixture holding exactly `params` (no fitting): the attributes fit would set."""
    gm = GaussianMixture(n_components=params.K, covariance_type=covariance_type)
    gm.weights_ = params.phi.copy()
    gm.means_ = params.mu.copy()
    gm.covariances_ = sklearn_covariances(params.sigma, covariance_type)
    gm.precisions_cholesky_ = _compute_precision_cholesky(gm.covariances_, covariance_type)
    gm.n_features_in_ = X.shape[1]
    gm.converged_, gm.n_iter_, gm.lower_bound_ = True, 1, 0.0
    return gm


def sklearn_fit(X, init, covariance_type, *, max_iter, reg_covar=1e-6):
    """sklearn from our initial parameters, exactly max_iter EM iterations (tol = 0)."""
    gm = GaussianMixture(n_components=init.K, covariance_type=covariance_type, weights_init=init.phi,
                         means_init=init.mu, precisions_init=sklearn_precisions(init.sigma, covariance_type),
                         tol=0.0, max_iter=max_iter, reg_covar=reg_covar, init_params="random_from_data",
                         random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # sklearn's own ConvergenceWarning: tol = 0 never converges
        return gm.fit(X)


def our_fit(X, init, covariance_type, *, max_iter, reg_covar=1e-6):
    with pytest.warns(g.ConvergenceWarning):  # tol = 0: runs exactly max_iter iterations
        return g.fit(X, init.K, init=init, max_iter=max_iter, tol=0.0, reg_covar=reg_covar,
                     covariance_type=covariance_type)


def assert_same_params(params, gm, covariance_type, atol=1e-6):
    np.testing.assert_allclose(params.phi, gm.weights_, rtol=0, atol=atol)
    np.testing.assert_allclose(params.mu, gm.means_, rtol=0, atol=atol)
    np.testing.assert_allclose(sklearn_covariances(params.sigma, covariance_type), gm.covariances_, rtol=0,
                               atol=atol)


def random_params(rng, K, d, covariance_type):
    """Random valid GMMParams whose covariances have the structure of covariance_type."""
    A = rng.normal(scale=0.6, size=(K, d, d))
    sigma = A @ A.transpose(0, 2, 1) + 0.3 * np.eye(d)
    sigma = g.constrain_covariances(sigma, covariance_type, N=rng.uniform(1, 3, size=K))
    return g.GMMParams(rng.dirichlet(np.full(K, 2.0)), rng.normal(scale=3.0, size=(K, d)), sigma)


# --- the number of free parameters ------------------------------------------------------------------------

@pytest.mark.parametrize("covariance_type", TYPES)
@pytest.mark.parametrize("d", DIMS)
@pytest.mark.parametrize("K", COMPONENTS)
def test_n_parameters_matches_sklearn(K, d, covariance_type):
    gm = GaussianMixture(n_components=K, covariance_type=covariance_type)
    gm.means_ = np.zeros((K, d))  # all _n_parameters reads
    assert g.n_parameters(K, d, covariance_type) == gm._n_parameters()


@pytest.mark.parametrize("d", DIMS)
@pytest.mark.parametrize("K", COMPONENTS)
def test_n_parameters_full_is_weights_means_and_symmetric_covariances(K, d):
    assert g.n_parameters(K, d) == (K - 1) + K * d + K * d * (d + 1) // 2
    assert g.n_parameters(K, d, "full") == g.n_parameters(K, d)


def test_n_parameters_of_the_chapters_model():
    assert g.n_parameters(3, 2) == 17  # 2 weights + 6 means + 3 x 3 covariance entries
    assert [g.n_parameters(3, 4, t) for t in TYPES] == [44, 26, 17, 24]  # iris, chapter 10


def test_n_parameters_is_an_int():
    assert type(g.n_parameters(3, 2)) is int


# --- BIC and AIC against sklearn on the same parameters -------------------------------------------------

@pytest.mark.parametrize("covariance_type", TYPES)
@pytest.mark.parametrize("d", DIMS)
@pytest.mark.parametrize("K", COMPONENTS)
def test_bic_and_aic_match_sklearn_on_the_same_parameters(K, d, covariance_type):
    rng = np.random.default_rng(100 * K + 10 * d + TYPES.index(covariance_type))
    params = random_params(rng, K, d, covariance_type)
    X = g.sample(params, 80, seed=int(rng.integers(2**31)))[0]
    gm = sklearn_from(params, covariance_type, X)
    assert gm.score(X) * len(X) == pytest.approx(g.log_likelihood(X, params), rel=1e-10)
    assert g.bic(X, params, covariance_type) == pytest.approx(gm.bic(X), rel=1e-10)
    assert g.aic(X, params, covariance_type) == pytest.approx(gm.aic(X), rel=1e-10)


@pytest.mark.parametrize("covariance_type", TYPES)
def test_bic_and_aic_match_sklearn_after_fitting(covariance_type):
    X = mixture_data(3, 3, seed=5)
    result = g.fit(X, 3, init="kmeans++", seed=0, covariance_type=covariance_type, max_iter=500)
    gm = sklearn_from(result.params, covariance_type, X)
    assert g.bic(X, result.params, covariance_type) == pytest.approx(gm.bic(X), rel=1e-10)
    assert g.aic(X, result.params, covariance_type) == pytest.approx(gm.aic(X), rel=1e-10)


def test_bic_and_aic_by_hand(X_textbook, chapter_fit):
    n, p = len(X_textbook), 17
    ll = chapter_fit.log_likelihoods[-1]
    assert g.bic(X_textbook, chapter_fit.params) == pytest.approx(-2 * ll + p * np.log(n), rel=1e-12)
    assert g.aic(X_textbook, chapter_fit.params) == pytest.approx(-2 * ll + 2 * p, rel=1e-12)


def test_bic_penalises_more_than_aic_once_n_exceeds_e_squared(X_textbook, chapter_fit):
    # the difference is p (ln n - 2) > 0 for n >= 8
    assert g.bic(X_textbook, chapter_fit.params) - g.aic(X_textbook, chapter_fit.params) == pytest.approx(
        17 * (np.log(len(X_textbook)) - 2))


# --- covariance types in fit and m_step against sklearn --------------------------------------------------

@pytest.mark.parametrize("covariance_type", TYPES)
@pytest.mark.parametrize("d", DIMS)
@pytest.mark.parametrize("K", COMPONENTS)
def test_fit_with_covariance_type_matches_sklearn(K, d, covariance_type):
    X = mixture_data(d, K, seed=1000 + 10 * d + K)
    init = g.init_params(X, K, init="kmeans++", seed=1, covariance_type=covariance_type)
    result = our_fit(X, init, covariance_type, max_iter=12)
    gm = sklearn_fit(X, init, covariance_type, max_iter=12)
    assert result.n_iter == gm.n_iter_ == 12
    assert result.log_likelihoods[-1] == pytest.approx(gm.score(X) * len(X), rel=1e-8)
    assert_same_params(result.params, gm, covariance_type)
    np.testing.assert_allclose(result.responsibilities, gm.predict_proba(X), rtol=0, atol=1e-6)


@pytest.mark.parametrize("covariance_type", TYPES)
@pytest.mark.parametrize("d", DIMS)
@pytest.mark.parametrize("K", COMPONENTS)
def test_m_step_with_covariance_type_matches_one_sklearn_iteration(K, d, covariance_type):
    X = mixture_data(d, K, seed=2000 + 10 * d + K, n=120)
    init = g.init_params(X, K, init="random", seed=3, covariance_type=covariance_type)
    responsibilities, _ = g.e_step(X, init)
    params = g.m_step(X, responsibilities, reg_covar=1e-6, covariance_type=covariance_type)
    gm = sklearn_fit(X, init, covariance_type, max_iter=1)
    assert_same_params(params, gm, covariance_type)
    assert g.log_likelihood(X, params) == pytest.approx(gm.score(X) * len(X), rel=1e-8)


@pytest.mark.parametrize("covariance_type", TYPES)
@pytest.mark.parametrize("reg_covar", [0.0, 1e-3, 0.1])
def test_reg_covar_is_added_as_sklearn_does_for_every_type(covariance_type, reg_covar):
    X = mixture_data(3, 2, seed=77)
    init = g.init_params(X, 2, init="kmeans++", seed=0, covariance_type=covariance_type, reg_covar=reg_covar)
    result = our_fit(X, init, covariance_type, max_iter=8, reg_covar=reg_covar)
    gm = sklearn_fit(X, init, covariance_type, max_iter=8, reg_covar=reg_covar)
    assert result.log_likelihoods[-1] == pytest.approx(gm.score(X) * len(X), rel=1e-8)
    assert_same_params(result.params, gm, covariance_type)


def test_fit_with_covariance_type_runs_to_the_same_convergence_as_sklearn(X_textbook):
    for covariance_type in TYPES:
        init = g.init_params(X_textbook, 3, init="kmeans++", seed=0, covariance_type=covariance_type)
        result = g.fit(X_textbook, 3, init=init, tol=1e-9, max_iter=3000, covariance_type=covariance_type)
        gm = GaussianMixture(3, covariance_type=covariance_type, weights_init=init.phi, means_init=init.mu,
                             precisions_init=sklearn_precisions(init.sigma, covariance_type), tol=1e-13,
                             max_iter=3000, init_params="random_from_data").fit(X_textbook)
        assert result.converged and gm.converged_
        assert result.log_likelihoods[-1] == pytest.approx(gm.score(X_textbook) * len(X_textbook), rel=1e-8)
        assert_same_params(result.params, gm, covariance_type, atol=1e-5)


@pytest.mark.parametrize("covariance_type", TYPES)
def test_fitted_covariances_have_the_structure_of_their_type(covariance_type):
    X = mixture_data(3, 3, seed=9)
    sigma = g.fit(X, 3, seed=0, covariance_type=covariance_type, max_iter=500).params.sigma
    off_diagonal = sigma * (1 - np.eye(3))
    if covariance_type in ("diag", "spherical"):
        assert np.all(off_diagonal == 0)
    if covariance_type == "spherical":
        assert np.allclose(sigma, sigma[:, :1, :1] * np.eye(3))
    if covariance_type == "tied":
        assert np.all(sigma == sigma[0])


def test_init_params_projects_the_data_covariance_onto_the_type(X_textbook):
    full = g.init_params(X_textbook, 3, init="textbook", seed=11, reg_covar=0.0)
    for covariance_type in TYPES:
        init = g.init_params(X_textbook, 3, init="textbook", seed=11, reg_covar=0.0, covariance_type=covariance_type)
        np.testing.assert_array_equal(init.mu, full.mu)
        np.testing.assert_allclose(init.sigma, g.constrain_covariances(full.sigma, covariance_type), rtol=1e-14)


# --- a wrong covariance_type ------------------------------------------------------------------------------

BAD_TYPES = ["Full", "diagonal", "", None, 3, "tied ", ["full"], ("full",), np.array("full")]


@pytest.mark.parametrize("bad", BAD_TYPES, ids=repr)
def test_a_bad_covariance_type_is_rejected_everywhere_by_name(bad, X_textbook, chapter_fit):
    """A wrong string is a ValueError; a non-string (None, 3, a list, ...) a TypeError; both name
    covariance_type and list the allowed values."""
    calls = [
        lambda: g.fit(X_textbook, 3, covariance_type=bad),
        lambda: g.m_step(X_textbook, chapter_fit.responsibilities, covariance_type=bad),
        lambda: g.init_params(X_textbook, 3, covariance_type=bad),
        lambda: g.n_parameters(3, 2, bad),
    ]
    if bad is not None:  # for bic/aic, None means "the result's own type" (or "full" for a bare GMMParams)
        calls += [lambda: g.bic(X_textbook, chapter_fit.params, bad),
                  lambda: g.aic(X_textbook, chapter_fit.params, bad),
                  lambda: g.bic(X_textbook, chapter_fit, bad),
                  lambda: g.aic(X_textbook, chapter_fit, bad)]
    expected = ValueError if isinstance(bad, str) else TypeError
    for call in calls:
        with pytest.raises(expected, match="covariance_type") as info:
            call()
        assert "full" in str(info.value) and "tied" in str(info.value)  # says what is allowed


def test_constrain_covariances_rejects_a_bad_covariance_type(chapter_fit):
    with pytest.raises(ValueError, match="covariance_type"):
        g.constrain_covariances(np.array(chapter_fit.params.sigma), "diagonal")


def test_bic_and_aic_read_the_covariance_type_from_a_result():
    X = g.textbook_data()
    result = g.fit(X, 3, covariance_type="diag", seed=0)
    assert result.covariance_type == "diag"
    assert g.bic(X, result) == pytest.approx(g.bic(X, result.params, "diag"), rel=1e-14)
    assert g.aic(X, result) == pytest.approx(g.aic(X, result.params, "diag"), rel=1e-14)
    assert g.bic(X, result) != g.bic(X, result.params)  # a bare GMMParams counts as "full"
    with pytest.raises(ValueError, match="disagrees with the result"):
        g.bic(X, result, "full")


# --- bad X and fitted in bic / aic -------------------------------------------------------------------------

@pytest.mark.parametrize("criterion", [g.bic, g.aic])
@pytest.mark.parametrize("X", [[[1.0, 2.0], [3.0]], [[1.0, 2.0], ["a", 3.0]]], ids=["ragged", "text"])
def test_bic_and_aic_give_the_same_clean_error_for_bad_X(criterion, X):
    """bic did np.asarray(X) first: a ragged list raised numpy's own ValueError ("setting an array
    element with a sequence") instead of gmm_teach's message naming X."""
    with pytest.raises(TypeError, match=r"^X must be a numeric array"):
        criterion(X, g.TEXTBOOK_TRUTH)


@pytest.mark.parametrize("criterion", [g.bic, g.aic])
def test_bic_and_aic_use_n_of_the_checked_X(criterion, X_textbook, chapter_fit):
    as_list = np.asarray(X_textbook).tolist()
    assert criterion(as_list, chapter_fit.params) == criterion(X_textbook, chapter_fit.params)


@pytest.mark.parametrize("criterion", [g.bic, g.aic])
@pytest.mark.parametrize("fitted, shown", [
    ({}, r"\{\} \(dict\)"),
    (np.zeros((3, 2)), r"an array of shape \(3, 2\)"),
    (None, r"None \(NoneType\)"),
    ((np.ones(1), np.zeros((1, 2)), np.ones((1, 2, 2))), r"\(array\(\[1\.\]\), .*\(tuple\)\.$"),
    ("full", r"'full' \(str\)"),
], ids=["dict", "ndarray", "None", "tuple", "str"])
def test_bic_and_aic_name_fitted_when_it_has_the_wrong_type(criterion, fitted, shown, X_textbook):
    with pytest.raises(TypeError, match=rf"^fitted must be an EMResult .*or a GMMParams; received {shown}"):
        criterion(X_textbook, fitted)


@pytest.mark.parametrize("call", ["n_parameters", "bic", "aic"])
@pytest.mark.parametrize("bad", [["full"], 3, 2.5, np.array(["full", "diag"])], ids=repr)
def test_a_non_string_covariance_type_is_a_type_error_in_model_selection(call, bad, X_textbook, chapter_fit):
    """Validated in model_selection itself, before any comparison (an array would compare element-wise)."""
    funcs = {"n_parameters": lambda: g.n_parameters(3, 2, bad),
             "bic": lambda: g.bic(X_textbook, chapter_fit, bad),
             "aic": lambda: g.aic(X_textbook, chapter_fit.params, bad)}
    with pytest.raises(TypeError, match=r"^covariance_type must be a string, one of \('full'"):
        funcs[call]()
