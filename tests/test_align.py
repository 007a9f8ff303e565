"""match_components: undoing label switching."""
import numpy as np
import pytest
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
