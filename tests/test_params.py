"""GMMParams: validation, immutability, value semantics, permute, pickling."""
import pickle

import numpy as np
import pytest

import gmm_teach as g
from gmm_teach import GMMParams

PHI = [0.2, 0.5, 0.3]
MU = [[0.0, 0.0], [3.0, 1.0], [-2.0, 4.0]]
SIGMA = [[[1.0, 0.3], [0.3, 2.0]],
         [[0.5, 0.0], [0.0, 0.5]],
         [[2.0, -0.4], [-0.4, 1.0]]]


@pytest.fixture
def params():
    return GMMParams(PHI, MU, SIGMA)


def with_sigma(k, matrix):
    sigma = np.array(SIGMA)
    sigma[k] = matrix
    return sigma


# --- construction ------------------------------------------------------------------

def test_stores_the_given_values_as_float_arrays(params):
    np.testing.assert_array_equal(params.phi, PHI)
    np.testing.assert_array_equal(params.mu, MU)
    np.testing.assert_array_equal(params.sigma, SIGMA)
    assert params.phi.dtype == params.mu.dtype == params.sigma.dtype == np.float64
    assert (params.K, params.d) == (3, 2)


def test_cholesky_reproduces_sigma(params):
    L = params.cholesky
    np.testing.assert_allclose(L @ L.transpose(0, 2, 1), SIGMA, rtol=1e-12, atol=1e-14)
    np.testing.assert_array_equal(np.triu(L[0], 1), 0.0)


def test_integer_input_is_accepted():
    p = GMMParams([1], [[1, 2]], [[[2, 0], [0, 3]]])
    assert p.mu.dtype == np.float64 and p.K == 1 and p.d == 2


def test_phi_may_contain_zero_weights():
    p = GMMParams([0.0, 1.0], [[0.0], [1.0]], [[[1.0]], [[1.0]]])
    assert p.phi[0] == 0.0


# --- invalid parameters -------------------------------------------------------------

def test_negative_phi_names_the_component():
    with pytest.raises(ValueError, match=r"phi must be non-negative; component 1"):
        GMMParams([0.6, -0.1, 0.5], MU, SIGMA)


def test_phi_not_summing_to_one():
    with pytest.raises(ValueError, match=r"phi must sum to 1"):
        GMMParams([0.2, 0.5, 0.4], MU, SIGMA)


def test_phi_summing_to_one_within_float_noise_is_accepted():
    GMMParams([0.1, 0.2, 0.7 + 1e-12], MU, SIGMA)


@pytest.mark.parametrize("phi", [[[0.5, 0.5]], [], 1.0])
def test_phi_wrong_shape(phi):
    with pytest.raises(ValueError, match=r"phi must be a 1-D array"):
        GMMParams(phi, [[0.0]], [[[1.0]]])


def test_mu_wrong_number_of_components():
    with pytest.raises(ValueError, match=r"mu must have shape \(K, d\) = \(3, d\)"):
        GMMParams(PHI, MU[:2], SIGMA)


def test_mu_one_dimensional():
    with pytest.raises(ValueError, match=r"mu must have shape"):
        GMMParams([1.0], [0.0, 0.0], [[[1.0, 0.0], [0.0, 1.0]]])


@pytest.mark.parametrize("sigma_shape", [(3, 3, 3), (2, 2, 2), (3, 2), (3, 2, 2, 1)])
def test_sigma_wrong_shape(sigma_shape):
    with pytest.raises(ValueError, match=r"sigma must have shape \(K, d, d\) = \(3, 2, 2\)"):
        GMMParams(PHI, MU, np.ones(sigma_shape))


def test_sigma_not_symmetric_names_the_component():
    with pytest.raises(ValueError, match=r"sigma must be symmetric; component 1"):
        GMMParams(PHI, MU, with_sigma(1, [[1.0, 0.5], [0.2, 1.0]]))


def test_sigma_not_positive_definite_names_the_component():
    # eigenvalues 3 and -1
    with pytest.raises(ValueError, match=r"sigma must be positive definite; component 2"):
        GMMParams(PHI, MU, with_sigma(2, [[1.0, 2.0], [2.0, 1.0]]))


def test_singular_sigma_is_rejected():
    with pytest.raises(ValueError, match=r"sigma must be positive definite; component 0"):
        GMMParams(PHI, MU, with_sigma(0, [[1.0, 1.0], [1.0, 1.0]]))


@pytest.mark.parametrize("name", ["phi", "mu", "sigma"])
def test_nan_is_rejected_and_named(name):
    values = {"phi": np.array(PHI), "mu": np.array(MU), "sigma": np.array(SIGMA)}
    values[name].flat[0] = np.nan
    with pytest.raises(ValueError, match=rf"{name} must contain only finite numbers"):
        GMMParams(**values)


@pytest.mark.parametrize("name", ["phi", "mu", "sigma"])
def test_non_numeric_is_a_type_error_naming_the_parameter(name):
    values = {"phi": PHI, "mu": MU, "sigma": SIGMA}
    values[name] = np.array(values[name]).astype(str)
    with pytest.raises(TypeError, match=rf"{name} must be a numeric array"):
        GMMParams(**values)


# --- immutability ----------------------------------------------------------------------

@pytest.mark.parametrize("name", ["phi", "mu", "sigma", "K", "new_attribute"])
def test_assigning_an_attribute_raises(params, name):
    with pytest.raises(AttributeError):
        setattr(params, name, 1.0)


@pytest.mark.parametrize("name", ["phi", "mu", "sigma", "cholesky"])
def test_arrays_are_read_only(params, name):
    array = getattr(params, name)
    with pytest.raises(ValueError, match="read-only"):
        array[(0,) * array.ndim] = 0.25


def test_arrays_cannot_be_made_writeable_again(params):
    """Otherwise `params.phi.flags.writeable = True; params.phi[0] = 5` silently breaks the invariants
    (phi no longer sums to 1, the cached Cholesky factor no longer matches sigma)."""
    for name in ("phi", "mu", "sigma", "cholesky"):
        with pytest.raises(ValueError, match="(?i)writeable"):
            getattr(params, name).flags.writeable = True


def test_input_arrays_are_copied():
    phi, mu, sigma = np.array(PHI), np.array(MU), np.array(SIGMA)
    p = GMMParams(phi, mu, sigma)
    phi[0], mu[0, 0], sigma[0, 0, 0] = 99.0, 99.0, 99.0
    np.testing.assert_array_equal(p.phi, PHI)
    np.testing.assert_array_equal(p.mu, MU)
    np.testing.assert_array_equal(p.sigma, SIGMA)


# --- value semantics ---------------------------------------------------------------------

def test_equal_values_are_equal(params):
    assert params == GMMParams(np.array(PHI), np.array(MU), np.array(SIGMA))


@pytest.mark.parametrize("change", ["phi", "mu", "sigma"])
def test_different_values_are_not_equal(params, change):
    values = {"phi": np.array(PHI), "mu": np.array(MU), "sigma": np.array(SIGMA)}
    if change == "phi":
        values["phi"] = np.array([0.3, 0.4, 0.3])
    else:
        values[change][1] *= 1.5
    assert params != GMMParams(**values)


def test_different_shapes_are_not_equal(params):
    assert params != GMMParams([1.0], [[0.0, 0.0]], [[[1.0, 0.3], [0.3, 2.0]]])


def test_not_equal_to_other_types(params):
    assert params != (PHI, MU, SIGMA)
    assert params != None  # noqa: E711


def test_unhashable_because_it_defines_equality(params):
    with pytest.raises(TypeError):
        hash(params)


def test_allclose_tolerates_float_noise(params):
    assert params.allclose(GMMParams(PHI, np.array(MU) + 1e-12, SIGMA))
    assert not params.allclose(GMMParams(PHI, np.array(MU) + 1e-3, SIGMA))


# --- permute ------------------------------------------------------------------------------

def test_permute_reorders_every_parameter(params):
    order = [2, 0, 1]
    p = params.permute(order)
    np.testing.assert_array_equal(p.phi, np.array(PHI)[order])
    np.testing.assert_array_equal(p.mu, np.array(MU)[order])
    np.testing.assert_array_equal(p.sigma, np.array(SIGMA)[order])


def test_permute_by_the_inverse_gives_back_the_original(params):
    order = np.array([1, 2, 0])
    assert params.permute(order).permute(np.argsort(order)) == params


def test_permute_returns_a_new_object_and_leaves_the_original(params):
    p = params.permute([1, 0, 2])
    assert p is not params
    np.testing.assert_array_equal(params.phi, PHI)


@pytest.mark.parametrize("order", [[0, 1], [0, 1, 1], [0, 1, 3], [0.0, 1.0, 2.0], [True, False, True]])
def test_permute_rejects_non_permutations(params, order):
    with pytest.raises(ValueError, match=r"order must be a permutation of 0..2"):
        params.permute(order)


# --- pickling and repr ----------------------------------------------------------------------

def test_pickle_round_trip(params):
    restored = pickle.loads(pickle.dumps(params))
    assert restored == params
    np.testing.assert_array_equal(restored.cholesky, params.cholesky)
    assert not restored.phi.flags.writeable
    with pytest.raises(AttributeError):
        restored.phi = PHI


def test_repr_shows_the_sizes(params):
    text = repr(params)
    assert "K=3" in text and "d=2" in text


# --- from_components ---------------------------------------------------------------------------

def test_from_components_builds_the_covariance_from_stds_and_correlations():
    p = g.from_components([1, 3], [[0, 0], [1, 1]], [[2.0, 0.5], [1.0, 3.0]], [0.5, -0.25])
    np.testing.assert_allclose(p.phi, [0.25, 0.75])
    np.testing.assert_allclose(p.sigma[0], [[4.0, 0.5], [0.5, 0.25]])
    np.testing.assert_allclose(p.sigma[1], [[1.0, -0.75], [-0.75, 9.0]])


@pytest.mark.parametrize("rho", [1.0, -1.0, 1.5])
def test_from_components_rejects_degenerate_correlations(rho):
    with pytest.raises(ValueError, match=r"correlation must lie strictly between -1 and 1; component 0"):
        g.from_components([1], [[0, 0]], [[1.0, 1.0]], [rho])


def test_from_components_rejects_non_positive_stds():
    with pytest.raises(ValueError, match=r"standard deviations must be > 0; component 1"):
        g.from_components([1, 1], [[0, 0], [1, 1]], [[1.0, 1.0], [0.0, 1.0]], [0.0, 0.0])


# --- phi in float32 / float16 --------------------------------------------------------------------

LOW_PRECISION_PHIS = [[0.3, 0.4, 0.3], [0.1, 0.6, 0.3], [1 / 3, 1 / 3, 1 / 3], [0.15, 0.25, 0.6], [0.1, 0.2, 0.7]]


@pytest.mark.parametrize("dtype", [np.float32, np.float16])
@pytest.mark.parametrize("weights", LOW_PRECISION_PHIS)
def test_phi_normalised_in_float32_or_float16_is_accepted_and_renormalised(dtype, weights):
    """phi /= phi.sum() in float32 leaves the sum off by up to a few 1e-8 (float16: 1e-4), and
    dividing again cannot do better in that type: 1e-8 refused it with advice that could not help."""
    phi = np.array(weights, dtype=dtype)
    phi /= phi.sum()
    p = GMMParams(phi, MU, SIGMA)
    assert p.phi.dtype == np.float64
    assert abs(p.phi.sum() - 1.0) <= 4 * np.finfo(np.float64).eps  # renormalised in float64
    np.testing.assert_allclose(p.phi, phi.astype(np.float64), rtol=4 * np.finfo(dtype).eps)


@pytest.mark.parametrize("seed", range(20))
@pytest.mark.parametrize("dtype", [np.float32, np.float16])
def test_random_phi_normalised_in_its_own_dtype_is_accepted(seed, dtype):
    rng = np.random.default_rng(seed)
    K = int(rng.integers(1, 17))
    phi = rng.dirichlet(np.full(K, rng.uniform(0.2, 3.0))).astype(dtype)
    phi = phi + dtype(0)  # no zero-sum underflow surprises in float16
    phi /= phi.sum()
    GMMParams(phi, np.zeros((K, 1)), np.ones((K, 1, 1)))


def test_float64_phi_keeps_the_strict_tolerance_and_its_exact_values():
    with pytest.raises(ValueError, match=r"phi must sum to 1 \(within 1e-08\)"):
        GMMParams([0.3, 0.4, 0.3 - 1e-7], MU, SIGMA)
    p = GMMParams([0.3, 0.4, 0.3 - 1e-9], MU, SIGMA)
    np.testing.assert_array_equal(p.phi, [0.3, 0.4, 0.3 - 1e-9])  # not renormalised


@pytest.mark.parametrize("dtype, tol", [(np.float32, "9.5e-07"), (np.float16, "0.0078")])
def test_low_precision_phi_far_from_one_is_refused_with_advice_that_works(dtype, tol):
    phi = np.array([0.2, 0.5, 0.4], dtype=dtype)
    with pytest.raises(ValueError, match=rf"phi must sum to 1 \(within {tol}\).*Normalise it in float64") as info:
        GMMParams(phi, MU, SIGMA)
    assert "phi = np.asarray(phi, dtype=float); phi = phi / phi.sum()" in str(info.value)
    fixed = np.asarray(phi, dtype=float)
    fixed = fixed / fixed.sum()  # the advice, followed literally
    GMMParams(fixed, MU, SIGMA)


@pytest.mark.parametrize("phi", [[0.2, 0.5, 0.4], [0.1, 0.1, 0.1], [3.0, 1e-9, 5.0]])
def test_float64_advice_divide_by_the_sum_actually_works(phi):
    with pytest.raises(ValueError, match=r"Divide by phi\.sum\(\) to normalise it\.$"):
        GMMParams(phi, MU, SIGMA)
    phi = np.array(phi)
    GMMParams(phi / phi.sum(), MU, SIGMA)


def test_phi_whose_sum_overflows_gets_advice_that_works():
    phi = np.array([1e308, 1e308, 1e308])
    with pytest.raises(ValueError, match=r"overflows float64: divide by phi\.max\(\) first"):
        GMMParams(phi, MU, SIGMA)
    phi = phi / phi.max()
    GMMParams(phi / phi.sum(), MU, SIGMA)


def test_all_zero_phi_says_a_weight_must_be_positive():
    with pytest.raises(ValueError, match=r"phi must sum to 1.*At least one weight must be positive"):
        GMMParams([0.0, 0.0, 0.0], MU, SIGMA)


# --- masked arrays and pandas -----------------------------------------------------------------------

@pytest.mark.parametrize("name", ["phi", "mu", "sigma"])
def test_masked_parameters_are_refused_by_name(name):
    """Before, the mask was dropped and the hidden values used as parameters."""
    values = {"phi": np.array(PHI), "mu": np.array(MU), "sigma": np.array(SIGMA)}
    mask = np.zeros(values[name].shape, dtype=bool)
    mask.flat[0] = True
    values[name] = np.ma.array(values[name], mask=mask)
    with pytest.raises(TypeError, match=rf"^{name} is a masked array \(np\.ma\) with 1 masked value\(s\).*"
                                        rf"{name}\.filled\(value\)"):
        GMMParams(**values)


def test_masked_parameters_with_nothing_masked_are_their_data():
    p = GMMParams(np.ma.array(PHI), np.ma.array(MU, mask=False), np.ma.masked_invalid(np.array(SIGMA)))
    assert p == GMMParams(PHI, MU, SIGMA)
    assert type(p.phi) is np.ndarray


def test_pandas_nullable_parameters_are_accepted():
    pd = pytest.importorskip("pandas")
    phi = pd.Series(PHI, dtype="Float64")
    mu = pd.DataFrame(MU, dtype="Float64")
    assert GMMParams(phi, mu, SIGMA) == GMMParams(PHI, MU, SIGMA)


def test_pandas_phi_with_a_missing_value_is_refused_by_name():
    pd = pytest.importorskip("pandas")
    phi = pd.Series([0.5, None, 0.5], dtype="Float64")
    with pytest.raises(ValueError, match=r"^phi has 1 missing value\(s\) \(NaN or pd\.NA\), the first at position 1"):
        GMMParams(phi, MU, SIGMA)
