"""Input checks shared by every public function: masked arrays, pandas objects, dtype messages, describe()."""
import subprocess
import sys

import numpy as np
import pytest

import gmm_teach as g
from gmm_teach._validation import as_float_array, check_data, check_seed, describe


@pytest.fixture(scope="module")
def X():
    return g.textbook_data(200)  # (199, 2)


@pytest.fixture(scope="module")
def fitted(X):
    return g.fit(X, 3, seed=0)


def every_function_taking_X(fitted):
    """name -> f(X) for every public function that takes data X (first argument)."""
    params = fitted.params
    resp = fitted.responsibilities
    return {
        "fit": lambda X: g.fit(X, 3, seed=0, max_iter=5, tol=1e9),
        "init_params": lambda X: g.init_params(X, 3, seed=0),
        "e_step": lambda X: g.e_step(X, params),
        "m_step": lambda X: g.m_step(X, resp),
        "log_likelihood": lambda X: g.log_likelihood(X, params),
        "lower_bound": lambda X: g.lower_bound(X, params, resp),
        "kl_divergence": lambda X: g.kl_divergence(X, params, resp),
        "log_pdf": lambda X: g.log_pdf(X, params.mu, params.sigma),
        "pdf": lambda X: g.pdf(X, params.mu[0], params.sigma[0]),
        "bic": lambda X: g.bic(X, fitted),
        "aic": lambda X: g.aic(X, params),
        "mahalanobis": lambda X: g.mahalanobis(X, params.mu, params.sigma),
        "mixture_log_pdf": lambda X: g.mixture_log_pdf(X, params),
        "fit_best_of": lambda X: g.fit_best_of(X, 3, [0], max_iter=5, tol=1e9),
        "fit_variational": lambda X: g.fit_variational(X, 3, seed=0, max_iter=5, tol=1e9),
        # the Bernoulli mixture takes binary data: X > 0 keeps X's mask (np.ma compares element-wise)
        "fit_bernoulli": lambda X: g.fit_bernoulli(X > 0, 2, seed=0, max_iter=5, tol=1e9),
        "bernoulli_log_pdf": lambda X: g.bernoulli_log_pdf(X > 0, [[0.3, 0.6], [0.5, 0.5]]),
        "bernoulli_e_step": lambda X: g.bernoulli_e_step(X > 0, g.BernoulliParams([0.4, 0.6], [[0.3, 0.6], [0.5, 0.5]])),
        "bernoulli_m_step": lambda X: g.bernoulli_m_step(X > 0, resp),
    }


FUNCTIONS = ["fit", "init_params", "e_step", "m_step", "log_likelihood", "lower_bound", "kl_divergence", "log_pdf",
             "pdf", "bic", "aic", "mahalanobis", "mixture_log_pdf", "fit_best_of",
             "fit_variational", "fit_bernoulli", "bernoulli_log_pdf", "bernoulli_e_step", "bernoulli_m_step"]


def same(a, b):
    """Results of the functions above are equal (arrays, floats, GMMParams, EMResult, tuples)."""
    if isinstance(a, g.EMResult):
        return a.params == b.params and np.array_equal(a.log_likelihoods, b.log_likelihoods)
    if isinstance(a, tuple):
        return all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, g.VariationalResult):
        return a.params == b.params and np.array_equal(a.lower_bounds, b.lower_bounds) \
            and np.array_equal(a.responsibilities, b.responsibilities)
    if isinstance(a, g.BernoulliResult):
        return a.params == b.params and np.array_equal(a.log_likelihoods, b.log_likelihoods)
    if isinstance(a, (g.GMMParams, g.BernoulliParams)):
        return a == b
    return np.array_equal(a, b)


def test_the_list_covers_every_public_function_with_an_X_argument():
    import inspect
    taking_X = {name for name in g.__all__ if callable(getattr(g, name)) and not inspect.isclass(getattr(g, name))
                and "X" in inspect.signature(getattr(g, name)).parameters}
    assert taking_X == set(FUNCTIONS)


# --- masked arrays ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", FUNCTIONS)
def test_every_function_refuses_X_with_masked_values(name, X, fitted):
    """Before, np.asarray dropped the mask and the hidden values were used as data."""
    mask = np.zeros(X.shape, dtype=bool)
    mask[5, 0] = mask[17, 1] = True
    masked = np.ma.array(X, mask=mask)
    call = every_function_taking_X(fitted)[name]
    with pytest.raises(TypeError, match=r"^X is a masked array \(np\.ma\) with 2 masked value\(s\); gmm_teach does "
                                        r"not skip masked entries .*: drop those rows first, "
                                        r"e\.g\. X\[~X\.mask\.any\(axis=1\)\]\.data\.$"):
        call(masked)


@pytest.mark.parametrize("name", ["fit", "init_params", "e_step", "log_likelihood", "log_pdf", "pdf", "bic", "aic",
                                  "mahalanobis", "mixture_log_pdf", "fit_best_of"])
def test_the_advised_fix_for_masked_X_works(name, X, fitted):
    masked = np.ma.masked_greater(X, 5.5)
    assert np.ma.count_masked(masked) > 0
    every_function_taking_X(fitted)[name](masked[~masked.mask.any(axis=1)].data)


@pytest.mark.parametrize("name", FUNCTIONS)
@pytest.mark.parametrize("mask", [np.ma.nomask, False], ids=["nomask", "all-false"])
def test_masked_X_with_nothing_masked_is_its_data(name, mask, X, fitted):
    call = every_function_taking_X(fitted)[name]
    assert same(call(np.ma.array(X, mask=mask)), call(X))


def test_masked_responsibilities_are_refused_too(X, fitted):
    q = np.ma.masked_less(fitted.responsibilities, 1e-3)
    assert np.ma.count_masked(q) > 0
    with pytest.raises(TypeError, match=r"^q .*masked array"):
        g.lower_bound(X, fitted.params, q)


def test_a_masked_one_dimensional_parameter_gets_advice_that_fits_it():
    with pytest.raises(TypeError, match=r"^mean is a masked array .*every entry is needed.*mean\.filled\(value\)"):
        as_float_array(np.ma.masked_equal([1.0, 2.0], 2.0), "mean")


def test_the_masked_constant_is_refused():
    with pytest.raises(TypeError, match=r"^x is a masked array"):
        as_float_array(np.ma.masked, "x")


# --- pandas ---------------------------------------------------------------------------------------------

pd = pytest.importorskip("pandas")


def frame(X, dtype):
    return pd.DataFrame({"a": X[:, 0], "b": X[:, 1]}).astype(dtype)


@pytest.mark.parametrize("name", FUNCTIONS)
@pytest.mark.parametrize("dtype", ["Float64", "float64", "float32", {"a": "Float64", "b": "float64"}],
                         ids=["Float64", "float64", "float32", "mixed"])
def test_pandas_frames_with_nullable_dtypes_are_numeric(name, dtype, X, fitted):
    """np.asarray of a Float64 / Int64 DataFrame is dtype object: it was refused as non-numeric."""
    call = every_function_taking_X(fitted)[name]
    df = frame(X, dtype)
    expected = call(df.to_numpy(dtype=float))
    assert same(call(df), expected)


def test_pandas_integer_dtypes_are_numeric():
    ints = np.array([[1, 2], [3, 5], [4, 4], [0, 1]])
    for dtype in ("Int64", "int64", "Int8", "UInt16"):
        np.testing.assert_array_equal(check_data(pd.DataFrame(ints).astype(dtype)), ints.astype(float))
    np.testing.assert_array_equal(as_float_array(pd.Series([1, 2], dtype="Int64"), "x"), [1.0, 2.0])
    np.testing.assert_array_equal(as_float_array(pd.array([1, 0], dtype="boolean"), "x"), [1.0, 0.0])


@pytest.mark.parametrize("name", FUNCTIONS)
def test_pandas_missing_values_are_refused_naming_X(name, X, fitted):
    df = frame(X, "Float64")
    df.iloc[3, 1] = pd.NA
    df.iloc[10, 0] = pd.NA
    call = every_function_taking_X(fitted)[name]
    with pytest.raises(ValueError, match=r"^X has 2 missing value\(s\) \(NaN or pd\.NA\), the first at row 3, "
                                         r"column 'b' \(counting rows from 0\)\. .*drop those rows \(X\.dropna\(\)\) "
                                         r"or impute them"):
        call(df)


@pytest.mark.parametrize("dtype", ["Int64", "float64"])
def test_pandas_missing_values_in_any_numeric_dtype_are_refused(dtype):
    df = pd.DataFrame({"x": [1, 2, None, 4], "y": [1, 2, 3, 4]}).astype({"x": dtype})
    with pytest.raises(ValueError, match=r"^X has 1 missing value\(s\).*row 2, column 'x'"):
        check_data(df)
    check_data(df.dropna())  # the advice works


def test_a_pandas_series_with_missing_values_names_the_position():
    with pytest.raises(ValueError, match=r"^weights has 1 missing value\(s\) \(NaN or pd\.NA\), the first at position 2"):
        as_float_array(pd.Series([1, 2, None], dtype="Int64"), "weights")


@pytest.mark.parametrize("column", [["x", "y"], pd.Categorical([1, 2]), pd.to_datetime(["2020-01-01", "2021-01-01"])],
                         ids=["text", "category", "datetime"])
def test_a_non_numeric_pandas_column_is_named(column):
    df = pd.DataFrame({"ok": [1.0, 2.0], "bad": column})
    with pytest.raises(TypeError, match=r"^X must be numeric \(int or float\); received a DataFrame of shape \(2, 2\): "
                                        r"column 'bad' has dtype"):
        check_data(df)


def test_the_pandas_message_is_one_line_without_the_frame():
    df = pd.DataFrame({"a": ["x"] * 50, "b": range(50)})
    with pytest.raises(TypeError) as info:
        check_data(df)
    assert "\n" not in str(info.value) and len(str(info.value)) < 250


def test_importing_gmm_teach_does_not_import_pandas():
    code = "import sys, gmm_teach, gmm_teach._validation; print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


# --- the dtype message ----------------------------------------------------------------------------------

@pytest.mark.parametrize("value, received", [
    (np.array([[1.0, None]], dtype=object), r"an array of shape \(1, 2\) and dtype object\.$"),
    (np.array([["a", "b"]]), r"an array of shape \(1, 2\) and dtype <U1\.$"),
    ([["a", "b"]], r"\[\['a', 'b'\]\] \(list\), which converts to an array of dtype <U1\.$"),
    ([[1.0, 2.0], [3.0, None]], r".*\(list\), which converts to an array of dtype object\.$"),
])
def test_a_non_numeric_dtype_is_named_once(value, received):
    """It said "received an array of shape (2,) and dtype object with dtype object"."""
    with pytest.raises(TypeError, match=r"^X must be a numeric array \(int or float\); received " + received) as info:
        check_data(value)
    assert str(info.value).count("dtype") == 1


# --- describe --------------------------------------------------------------------------------------------

def test_describe_a_dataframe_is_short():
    df = pd.DataFrame(np.zeros((1000, 4)))
    assert describe(df) == "a DataFrame of shape (1000, 4)"
    assert describe(df[0]) == "a Series of shape (1000,) and dtype float64"


@pytest.mark.parametrize("value", [
    list(range(10**6)),
    [[0.5] * 1000] * 1000,
    "x" * 10**6,
    {i: np.zeros((30, 30)) for i in range(100)},
    np.zeros((1000, 1000)).tolist(),
], ids=["long list", "nested list", "long str", "dict of arrays", "list of lists"])
def test_describe_of_a_large_object_is_one_short_line(value):
    text = describe(value)
    assert "\n" not in text and len(text) < 120, text


def test_describe_of_multi_line_reprs_is_one_line(fitted):
    for value in (fitted, fitted.params, g.TEXTBOOK_TRUTH):
        text = describe(value)
        assert "\n" not in text and len(text) < 100, text
        assert text.startswith(type(value).__name__ + "(")


def test_describe_says_how_long_a_truncated_list_is():
    assert describe(list(range(100))) == "[0, 1, 2, 3, 4, 5, ...] (list of length 100)"
    assert describe([1, 2]) == "[1, 2] (list)"
    assert describe(None) == "None (NoneType)"


def test_describe_survives_a_broken_repr():
    class Broken:
        def __repr__(self):
            raise RuntimeError("no repr")
    assert describe(Broken()) == "<Broken object> (Broken)"


def test_describe_a_masked_array():
    assert describe(np.ma.zeros((2, 3))) == "a masked array of shape (2, 3) and dtype float64"


# --- seeds --------------------------------------------------------------------------------------------------

def test_check_seed_legacy_range():
    assert check_seed(2**32 - 1, legacy=True) == 2**32 - 1
    assert check_seed(2**40) == 2**40  # default_rng takes it
    with pytest.raises(ValueError, match=r"^seed must be <= 4294967295 \(the legacy np\.random\.RandomState"):
        check_seed(2**32, legacy=True)
