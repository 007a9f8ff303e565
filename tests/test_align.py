"""match_components: undoing label switching."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy.optimize import linear_sum_assignment

import gmm_teach as g


@pytest.mark.parametrize("K", [1, 2, 3, 5, 8])
def test_recovers_a_random_permutation_of_the_truth(K, random_params):
    rng = np.random.default_rng(K)
    truth = random_params(rng, K, 2)
    for _ in range(5):
        p = rng.permutation(K)
        estimated = truth.permute(p)
        order = g.match_components(estimated, truth)
        np.testing.assert_array_equal(order, np.argsort(p))
        assert estimated.permute(order) == truth


def test_recovers_the_permutation_of_the_textbook_truth():
    estimated = g.TEXTBOOK_TRUTH.permute([2, 0, 1])
    order = g.match_components(estimated, g.TEXTBOOK_TRUTH)
    np.testing.assert_array_equal(order, [1, 2, 0])


def test_works_on_mean_arrays(random_params):
    rng = np.random.default_rng(0)
    truth = random_params(rng, 4, 3)
    p = np.array([3, 1, 0, 2])
    order = g.match_components(truth.mu[p], truth.mu)
    np.testing.assert_array_equal(truth.mu[p][order], truth.mu)
    np.testing.assert_array_equal(order, g.match_components(truth.permute(p), truth))


def test_works_on_a_mix_of_params_and_arrays():
    truth = g.TEXTBOOK_TRUTH
    p = [1, 2, 0]
    np.testing.assert_array_equal(g.match_components(truth.permute(p), truth.mu), np.argsort(p))
    np.testing.assert_array_equal(g.match_components(truth.mu[p], truth), np.argsort(p))


def test_returns_a_permutation_usable_by_permute(random_params):
    rng = np.random.default_rng(1)
    a, b = random_params(rng, 5, 2), random_params(rng, 5, 2)
    order = g.match_components(a, b)
    assert sorted(order.tolist()) == list(range(5))
    assert np.issubdtype(order.dtype, np.integer)
    a.permute(order)


@pytest.mark.parametrize("seed", range(10))
def test_matching_has_the_least_total_squared_distance(seed):
    """Against scipy's Hungarian algorithm on unrelated (not permuted) means."""
    rng = np.random.default_rng(seed)
    K = int(rng.integers(2, 9))
    a, b = rng.normal(size=(K, 3)), rng.normal(size=(K, 3))
    order = g.match_components(a, b)
    cost = ((b[:, None, :] - a[None, :, :]) ** 2).sum(axis=2)
    rows, cols = linear_sum_assignment(cost)
    assert cost[np.arange(K), order].sum() == pytest.approx(cost[rows, cols].sum(), rel=1e-12)


def test_aligns_the_chapters_fit_with_the_truth(chapter_fit):
    order = g.match_components(chapter_fit.params, g.TEXTBOOK_TRUTH)
    aligned = chapter_fit.params.permute(order)
    assert np.abs(aligned.mu - g.TEXTBOOK_TRUTH.mu).max() < 0.2
    assert np.abs(aligned.phi - g.TEXTBOOK_TRUTH.phi).max() < 0.05


@pytest.mark.parametrize("estimated, truth", [
    (np.zeros((3, 2)), np.zeros((2, 2))),
    (np.zeros((3, 2)), np.zeros((3, 3))),
    (g.TEXTBOOK_TRUTH, np.zeros((2, 2))),
])
def test_shape_mismatch_is_an_error(estimated, truth):
    with pytest.raises(ValueError, match=r"estimated and truth must have the same number of components"):
        g.match_components(estimated, truth)


@pytest.mark.parametrize("which", ["estimated", "truth"])
def test_a_one_dimensional_array_is_an_error_naming_the_argument(which):
    args = {"estimated": np.zeros((3, 2)), "truth": np.zeros((3, 2))}
    args[which] = np.zeros(3)
    with pytest.raises(ValueError, match=rf"{which} must be a GMMParams or a \(K, d\) array"):
        g.match_components(**args)


def test_non_numeric_means_are_a_type_error():
    with pytest.raises(TypeError, match=r"estimated must be a numeric array"):
        g.match_components([["a", "b"]], np.zeros((1, 2)))


def test_too_many_components_is_an_error():
    with pytest.raises(ValueError, match=r"K <= 15"):
        g.match_components(np.zeros((16, 1)), np.zeros((16, 1)))


# --- huge, tiny and non-finite means ----------------------------------------------------------------

@pytest.mark.parametrize("scale", [1e200, 1e300, 1.7e308 / 4, 1e-200, 1e-310, 5e-324 * 8])
def test_recovers_the_permutation_at_any_scale(scale):
    """Squared distances of means of size 1e200 overflowed to inf, every cost tied and the DP
    returned [0 0 0], which is not a permutation; means of size 1e-200 underflowed to all-zero costs."""
    truth = np.array([[0.0, 0.0], [3.0, 3.0], [-3.0, 3.0]]) / 3.0
    p = [2, 0, 1]
    estimated = truth[p] + [[0.05, -0.02], [0.01, 0.03], [-0.04, 0.0]]  # estimates are never exact
    order = g.match_components(estimated * scale, truth * scale)
    np.testing.assert_array_equal(order, np.argsort(p))


@pytest.mark.parametrize("which", ["estimated", "truth"])
@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_non_finite_means_are_an_error_naming_the_argument(which, bad):
    args = {"estimated": np.zeros((3, 2)), "truth": np.arange(6.0).reshape(3, 2)}
    args[which] = args[which].copy()
    args[which][1, 0] = bad
    with pytest.raises(ValueError, match=rf"^{which} must contain only finite numbers; found 1 NaN or inf "
                                         rf"value\(s\), the first at index \(1, 0\)"):
        g.match_components(**args)


def test_k_mismatch_says_which_has_how_many_components():
    with pytest.raises(ValueError, match=r"estimated has K = 2 components but truth has K = 3"):
        g.match_components(np.zeros((2, 2)), g.TEXTBOOK_TRUTH)
    with pytest.raises(ValueError, match=r"estimated has d = 3 dimensions but truth has d = 2"):
        g.match_components(np.zeros((3, 3)), g.TEXTBOOK_TRUTH)


@pytest.mark.parametrize("which", ["estimated", "truth"])
def test_masked_means_are_refused_by_name(which):
    """Before, the mask was ignored and the hidden value matched as a mean."""
    args = {"estimated": g.TEXTBOOK_TRUTH.mu.copy(), "truth": g.TEXTBOOK_TRUTH.mu.copy()}
    args[which] = np.ma.masked_greater(args[which], 2.5)  # masks the 3s
    with pytest.raises(TypeError, match=rf"^{which} is a masked array \(np\.ma\) with 3 masked value\(s\)"):
        g.match_components(**args)


def test_masked_means_with_nothing_masked_are_accepted():
    mu = g.TEXTBOOK_TRUTH.mu
    order = g.match_components(np.ma.array(mu[[1, 2, 0]]), np.ma.masked_invalid(mu))
    np.testing.assert_array_equal(order, [2, 0, 1])


@pytest.mark.parametrize("shape", [(0, 2), (3, 0)])
def test_empty_means_are_an_error(shape):
    with pytest.raises(ValueError, match=r"estimated must be a GMMParams or a \(K, d\) array of means with K, d >= 1"):
        g.match_components(np.zeros(shape), np.zeros(shape))


# --- properties -------------------------------------------------------------------------------------

finite = st.floats(allow_nan=False, allow_infinity=False, width=64)


@st.composite
def two_mean_arrays(draw):
    K = draw(st.integers(1, 6))
    d = draw(st.integers(1, 3))
    a = draw(hnp.arrays(np.float64, (K, d), elements=finite))
    b = draw(hnp.arrays(np.float64, (K, d), elements=finite))
    return a, b


@settings(max_examples=300, deadline=None, derandomize=True)  # the same examples on every run
@given(two_mean_arrays())
def test_always_returns_a_permutation(ab):
    """Any finite means, from subnormal to 1.8e308, mixed in one array."""
    a, b = ab
    order = g.match_components(a, b)
    assert sorted(order.tolist()) == list(range(len(a)))


@st.composite
def separated_means_and_a_permutation(draw):
    """Truth means on a lattice with spacing 20 plus noise < 1; estimates = a permuted, noisy copy.
    Any wrong pairing costs more than (20 - 2)**2 = 324 > 4 d K (the right pairing's largest cost)."""
    K = draw(st.integers(1, 6))
    d = draw(st.integers(1, 3))
    cells = draw(st.lists(st.tuples(*[st.integers(-5, 5)] * d), min_size=K, max_size=K, unique=True))
    noise = st.floats(-0.99, 0.99)
    truth = 20.0 * np.array(cells, dtype=float) + draw(hnp.arrays(np.float64, (K, d), elements=noise))
    p = np.array(draw(st.permutations(range(K))))
    estimated = truth[p] + draw(hnp.arrays(np.float64, (K, d), elements=noise))
    return estimated, truth, p


@settings(max_examples=300, deadline=None, derandomize=True)  # the same examples on every run
@given(separated_means_and_a_permutation(), st.floats(1e-300, 1e300))
def test_invariant_to_scaling_both_inputs(case, factor):
    estimated, truth, p = case
    expected = np.argsort(p)
    np.testing.assert_array_equal(g.match_components(estimated, truth), expected)
    np.testing.assert_array_equal(g.match_components(estimated * factor, truth * factor), expected)


@pytest.mark.parametrize("seed", range(5))
def test_power_of_two_scaling_gives_identical_costs_for_ordinary_input(seed):
    """Unrelated (not permuted) means, where the matching is decided by small differences."""
    rng = np.random.default_rng(seed)
    a, b = rng.normal(size=(7, 2)), rng.normal(size=(7, 2))
    order = g.match_components(a, b)
    for e in (-900, -40, 40, 900):
        np.testing.assert_array_equal(g.match_components(np.ldexp(a, e), np.ldexp(b, e)), order)
