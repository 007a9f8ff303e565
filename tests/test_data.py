"""The chapter's data set (bit for bit) and ancestral sampling."""
import numpy as np
import pytest

import gmm_teach as g

# The chapter's ground truth, copied from its text.
CHAPTER_MEANS = np.array([[0, 0], [3, 3], [-3, 3]])
CHAPTER_COVS = [np.array([[1, 0.3], [0.3, 1]]),
                np.array([[1, -0.2], [-0.2, 1.5]]),
                np.array([[1.5, 0.4], [0.4, 1]])]
CHAPTER_WEIGHTS = np.array([0.3, 0.4, 0.3])


def chapter_generation(n_samples=10**3, seed=42):
    """The chapter's code, run with numpy's legacy global generator; the global state is restored."""
    saved = np.random.get_state()
    try:
        np.random.seed(seed)
        return np.vstack([
            np.random.multivariate_normal(mean, cov, int(w * n_samples))
            for mean, cov, w in zip(CHAPTER_MEANS, CHAPTER_COVS, CHAPTER_WEIGHTS)
        ])
    finally:
        np.random.set_state(saved)


# --- textbook_data ---------------------------------------------------------------------

def test_textbook_truth_is_the_chapters():
    np.testing.assert_array_equal(g.TEXTBOOK_TRUTH.phi, CHAPTER_WEIGHTS)
    np.testing.assert_array_equal(g.TEXTBOOK_TRUTH.mu, CHAPTER_MEANS)
    np.testing.assert_array_equal(g.TEXTBOOK_TRUTH.sigma, np.array(CHAPTER_COVS))


def test_textbook_data_is_bit_for_bit_the_chapters():
    X = g.textbook_data()
    expected = chapter_generation()
    assert X.shape == expected.shape == (1000, 2)
    np.testing.assert_array_equal(X, expected)


@pytest.mark.parametrize("n, seed", [(500, 42), (1000, 7), (37, 0)])
def test_textbook_data_follows_the_chapter_for_other_n_and_seed(n, seed):
    np.testing.assert_array_equal(g.textbook_data(n, seed), chapter_generation(n, seed))


def test_textbook_data_leaves_the_global_random_state_alone():
    np.random.seed(123)
    before = np.random.get_state()
    g.textbook_data()
    after = np.random.get_state()
    assert before[0] == after[0]
    np.testing.assert_array_equal(before[1], after[1])
    assert before[2:] == after[2:]


def test_textbook_data_labels_are_the_generating_blocks():
    X, z = g.textbook_data(return_labels=True)
    np.testing.assert_array_equal(X, g.textbook_data())
    np.testing.assert_array_equal(z, np.repeat([0, 1, 2], [300, 400, 300]))


def test_textbook_counts_are_the_chapters_int_w_times_n():
    for n in (10, 100, 1000, 333):
        np.testing.assert_array_equal(g.textbook_counts(n), [int(w * n) for w in CHAPTER_WEIGHTS])


def test_textbook_data_different_seed_gives_different_data():
    assert not np.array_equal(g.textbook_data(seed=1), g.textbook_data(seed=2))


def test_textbook_data_rejects_a_bad_n():
    with pytest.raises(ValueError, match=r"n must be >= 1"):
        g.textbook_data(0)
    with pytest.raises(TypeError, match=r"n must be an integer"):
        g.textbook_data(10.0)


def test_textbook_data_never_returns_an_empty_data_set():
    """textbook_data(2) has int(0.3 * 2) = int(0.4 * 2) = 0 points per component: an empty (0, 2) X,
    which every other function then rejects. It should say so instead."""
    with pytest.raises(ValueError, match=r"\bn\b"):
        g.textbook_data(2)


# --- sample ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def params_3d(random_params):
    return random_params(np.random.default_rng(5), 4, 3)


def test_sample_shapes_and_labels(params_3d):
    X, z = g.sample(params_3d, 500, seed=0)
    assert X.shape == (500, 3) and z.shape == (500,)
    assert np.issubdtype(z.dtype, np.integer)
    assert z.min() >= 0 and z.max() < params_3d.K
    assert np.all(np.isfinite(X))


def test_sample_is_reproducible_for_a_seed(params_3d):
    X1, z1 = g.sample(params_3d, 200, seed=3)
    X2, z2 = g.sample(params_3d, 200, seed=3)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(z1, z2)


def test_sample_differs_for_another_seed(params_3d):
    X1, z1 = g.sample(params_3d, 200, seed=3)
    X2, z2 = g.sample(params_3d, 200, seed=4)
    assert not np.array_equal(X1, X2)
    assert not np.array_equal(z1, z2)


@pytest.mark.parametrize("params_name", ["textbook", "random_3d"])
def test_sample_component_frequencies_match_phi(params_name, params_3d):
    params = g.TEXTBOOK_TRUTH if params_name == "textbook" else params_3d
    n = 200_000
    _, z = g.sample(params, n, seed=1)
    counts = np.bincount(z, minlength=params.K)
    expected = n * params.phi
    binomial_sd = np.sqrt(n * params.phi * (1 - params.phi))
    assert np.all(np.abs(counts - expected) <= 5 * binomial_sd), (counts, expected)


@pytest.mark.parametrize("params_name", ["textbook", "random_3d"])
def test_sample_per_component_mean_and_covariance_match_the_truth(params_name, params_3d):
    params = g.TEXTBOOK_TRUTH if params_name == "textbook" else params_3d
    X, z = g.sample(params, 200_000, seed=2)
    for k in range(params.K):
        Xk = X[z == k]
        m = len(Xk)
        sigma = params.sigma[k]
        var = np.diag(sigma)
        # standard error of a mean: sqrt(sigma_ii / m); of a covariance: sqrt((sigma_ij^2 + sigma_ii sigma_jj) / m)
        np.testing.assert_array_less(np.abs(Xk.mean(axis=0) - params.mu[k]), 5 * np.sqrt(var / m))
        cov_se = np.sqrt((sigma**2 + np.outer(var, var)) / m)
        np.testing.assert_array_less(np.abs(np.cov(Xk.T) - sigma), 5 * cov_se)


def test_sample_never_draws_a_zero_weight_component():
    p = g.GMMParams([0.5, 0.0, 0.5], [[0.0], [100.0], [5.0]], np.ones((3, 1, 1)))
    X, z = g.sample(p, 5000, seed=0)
    assert not np.any(z == 1)
    assert X.max() < 50


def test_sample_one_dimensional_mixture():
    p = g.GMMParams([1.0], [[2.0]], [[[4.0]]])
    X, z = g.sample(p, 100_000, seed=0)
    assert X.shape == (100_000, 1)
    assert abs(X.mean() - 2.0) < 5 * 2.0 / np.sqrt(100_000)
    assert np.all(z == 0)


def test_sample_rejects_bad_arguments():
    with pytest.raises(TypeError, match=r"params must be a GMMParams"):
        g.sample((CHAPTER_WEIGHTS, CHAPTER_MEANS, CHAPTER_COVS), 10)
    with pytest.raises(ValueError, match=r"n must be >= 1"):
        g.sample(g.TEXTBOOK_TRUTH, 0)
    with pytest.raises(TypeError, match=r"n must be an integer"):
        g.sample(g.TEXTBOOK_TRUTH, 10.5)
    with pytest.raises(ValueError, match=r"seed must be >= 0"):
        g.sample(g.TEXTBOOK_TRUTH, 10, seed=-1)
    with pytest.raises(TypeError, match=r"seed must be an integer"):
        g.sample(g.TEXTBOOK_TRUTH, 10, seed=1.5)


# --- seeds: the legacy generator's range ------------------------------------------------------

@pytest.mark.parametrize("seed", [2**32, 2**32 + 5, 2**64, np.uint64(2**63)], ids=repr)
def test_textbook_data_rejects_seeds_beyond_the_legacy_range_by_name(seed):
    """np.random.RandomState accepts 0 .. 2**32 - 1; before, its own 'Seed must be between 0 and
    2**32 - 1' surfaced from inside numpy."""
    with pytest.raises(ValueError, match=r"^seed must be <= 4294967295 \(the legacy np\.random\.RandomState "
                                         r"accepts seeds 0 to 2\*\*32 - 1\); received \d+\.$"):
        g.textbook_data(seed=seed)


def test_textbook_data_accepts_the_largest_legacy_seed():
    np.testing.assert_array_equal(g.textbook_data(40, seed=2**32 - 1), chapter_generation(40, 2**32 - 1))


@pytest.mark.parametrize("seed, error, message", [
    (-1, ValueError, r"^seed must be >= 0"),
    (1.5, TypeError, r"^seed must be an integer"),
    ("42", TypeError, r"^seed must be an integer"),
])
def test_textbook_data_rejects_other_bad_seeds_by_name(seed, error, message):
    with pytest.raises(error, match=message):
        g.textbook_data(seed=seed)


@pytest.mark.parametrize("seed", [2**32, 2**64, 10**40])
def test_sample_accepts_big_seeds_as_default_rng_does(seed):
    X1, z1 = g.sample(g.TEXTBOOK_TRUTH, 50, seed=seed)
    z_expected = np.random.default_rng(seed).choice(3, size=50, p=g.TEXTBOOK_TRUTH.phi)
    np.testing.assert_array_equal(z1, z_expected)
    np.testing.assert_array_equal(g.sample(g.TEXTBOOK_TRUTH, 50, seed=seed)[0], X1)


def test_sample_from_float32_weights():
    """phi normalised in float32 is accepted by GMMParams and renormalised in float64, so that
    default_rng.choice (which wants the probabilities to sum to 1 within ~1.5e-8) takes it."""
    phi = np.array([0.3, 0.4, 0.3], dtype=np.float32)
    phi /= phi.sum()  # sums to 1 - 3e-8 in float64
    params = g.GMMParams(phi, g.TEXTBOOK_TRUTH.mu, g.TEXTBOOK_TRUTH.sigma)
    X, z = g.sample(params, 1000, seed=0)
    assert X.shape == (1000, 2) and set(np.unique(z)) <= {0, 1, 2}


def test_old_faithful_is_r_faithful_as_shipped():
    """R's datasets::faithful: 272 rows; its summary() gives these quartiles and means."""
    X = g.old_faithful()
    assert X.shape == (272, 2) and X.dtype == np.float64
    np.testing.assert_allclose(X.mean(axis=0), [3.487783, 70.897059], atol=1e-6)
    np.testing.assert_allclose(X.min(axis=0), [1.6, 43.0])
    np.testing.assert_allclose(X.max(axis=0), [5.1, 96.0])
    np.testing.assert_allclose(np.median(X, axis=0), [4.0, 76.0])
    assert X[:3].tolist() == [[3.6, 79.0], [1.8, 54.0], [3.333, 74.0]]
    X[0, 0] = -1.0  # a new array each call: the package's copy is untouched
    assert g.old_faithful()[0, 0] == 3.6
