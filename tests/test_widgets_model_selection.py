"""The K explorer of chapter 09, driven as a learner would: the slider moves the picture, the
markers and the readout; the curves are gmm_teach's own BIC, AIC and log-likelihoods; bad input
is refused with a clear error at creation, and a problem in a callback is a message, not a traceback."""
import io
import re

import matplotlib as mpl
import numpy as np
import pytest
from PIL import Image

import gmm_teach as gt
from gmm_teach import i18n, plot, widgets


pytestmark = pytest.mark.usefixtures("widget_clean_state")  # see tests/conftest.py


@pytest.fixture(scope="module")
def split():
    X = gt.textbook_data()
    order = np.random.default_rng(0).permutation(len(X))
    return X[order[:500]], X[order[500:700]]


@pytest.fixture(scope="module")
def results(split):
    X_train, _ = split
    return [gt.fit(X_train, K, seed=0, tol=1e-2, max_iter=1000) for K in range(1, 6)]


@pytest.fixture(scope="module")
def explorer(split, results):
    return widgets.k_explorer(*split, results)


def pixels(widget) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(widget.image.value)).convert("RGB"))


def text(html_value: str) -> str:
    return re.sub(r"<[^>]+>", "", html_value)


# --- the numbers ---------------------------------------------------------------------------------------

def test_curves_are_gmm_teachs_criteria(explorer, split, results):
    X_train, X_test = split
    assert explorer.K_values == [1, 2, 3, 4, 5]
    for j, r in enumerate(results):
        assert explorer.results[r.params.K] is r
        assert explorer.curves["bic"][j] == pytest.approx(gt.bic(X_train, r.params))
        assert explorer.curves["aic"][j] == pytest.approx(gt.aic(X_train, r.params))
        assert explorer.curves["train"][j] == pytest.approx(gt.log_likelihood(X_train, r.params) / len(X_train))
        assert explorer.curves["test"][j] == pytest.approx(gt.log_likelihood(X_test, r.params) / len(X_test))
        assert explorer.curves["n_parameters"][j] == gt.n_parameters(r.params.K, 2)


def test_the_chapters_data_gives_three_components_everywhere(explorer):
    assert explorer.best == {"bic": 3, "aic": 3, "test": 3}
    assert explorer.k.value == 3 and explorer.state["K"] == 3  # starts at BIC's choice


def test_results_may_be_a_dict_in_any_order(split, results):
    w = widgets.k_explorer(*split, {r.params.K: r for r in reversed(results[:3])}, K=2)
    assert w.K_values == [1, 2, 3] and w.state["K"] == 2


# --- driving it ----------------------------------------------------------------------------------------

def test_the_slider_moves_picture_markers_and_readout(split, results):
    w = widgets.k_explorer(*split, results)
    before = pixels(w)
    w.k.value = 5
    assert w.state["K"] == 5 and w.state["n_parameters"] == 29
    assert not np.array_equal(before, pixels(w))
    assert "K = 5" in text(w.readout.value) and "p = 29" in text(w.readout.value)
    assert f"{w.state['bic']:.1f}" in w.readout.value
    for marker, key in w.markers:
        assert list(marker.get_xdata()) == [5] and marker.get_ydata()[0] == pytest.approx(w.curves[key][4])
    assert all(list(c.get_xdata()) == [5, 5] for c in w.cursors)
    shown = [K for K in w.K_values if w.means[K].get_visible()]
    assert shown == [5] and all(e.get_visible() for e in w.ellipses[5])
    assert not any(e.get_visible() for K in (1, 2, 3, 4) for e in w.ellipses[K])
    w.k.value = 3
    assert np.array_equal(before, pixels(w))  # the same picture again: blitting leaves nothing behind
    assert w.message.value == ""


def test_the_picture_matches_a_full_redraw(split, results):
    w = widgets.k_explorer(*split, results)
    w.k.value = 4
    blitted = pixels(w)
    w.renderer.reset()
    w._render()
    assert np.array_equal(blitted, pixels(w))


def test_the_title_and_labels_are_english_or_maths(explorer):
    ax, ax_ic, ax_ho = explorer.axes
    assert explorer.title.get_text() == "K = 3: fit to the training data"
    for axis in explorer.axes:
        assert axis.get_xlabel() and axis.get_ylabel() and axis.get_title()
        assert all(ord(c) < 0x3000 for c in axis.get_xlabel() + axis.get_ylabel() + axis.get_title())


def test_not_converged_fits_get_a_note(split):
    X_train, X_test = split
    with pytest.warns(gt.ConvergenceWarning):
        short = gt.fit(X_train, 4, seed=0, max_iter=2)
    w = widgets.k_explorer(X_train, X_test, [gt.fit(X_train, 3, seed=0), short], K=3)
    assert w.message.value == ""
    w.k.value = 4
    assert "ℹ" in w.message.value and "2 iterations" in w.message.value
    w.k.value = 3
    assert w.message.value == ""


def test_a_problem_in_a_callback_is_a_message(split, results, monkeypatch):
    w = widgets.k_explorer(*split, results)
    monkeypatch.setattr(plot, "update_points", lambda *a, **k: 1 / 0)
    w.k.value = 2
    assert "⚠" in w.message.value and "division by zero" in w.message.value
    monkeypatch.undo()
    w.k.value = 4
    assert w.message.value == "" and w.state["K"] == 4


# --- fitting inside, more features, languages, lecture mode ----------------------------------------

def test_without_results_it_fits_the_best_of_several_starts(split):
    X_train, X_test = split
    w = widgets.k_explorer(X_train, X_test, K_values=[1, 2, 3], n_init=2, seed=5)
    for K in (1, 2, 3):
        runs = [gt.fit(X_train, K, seed=s, tol=1e-2, max_iter=1000) for s in (5, 6)]
        assert w.results[K].log_likelihoods[-1] == pytest.approx(max(r.log_likelihoods[-1] for r in runs))
    assert w.best["bic"] == 3


def test_more_than_two_features_show_the_marginal_on_two(split):
    rng = np.random.default_rng(1)
    X = np.column_stack([split[0], rng.normal(size=(len(split[0]), 2))])
    X_test = np.column_stack([split[1], rng.normal(size=(len(split[1]), 2))])
    w = widgets.k_explorer(X, X_test, K_values=[2, 3], n_init=1, features=(1, 0), covariance_type="diag")
    r = w.results[w.state["K"]]
    centres = np.array([e.get_center() for e in w.ellipses[w.state["K"]]][::2])
    np.testing.assert_allclose(centres, r.params.mu[:, [1, 0]])
    assert w.axes[0].get_xlabel() == "$x_{2}$" and w.axes[0].get_ylabel() == "$x_{1}$"
    assert w.curves["bic"][1] == pytest.approx(gt.bic(X, w.results[3].params, "diag"))


def test_japanese_words_are_fixed_at_creation(split, results):
    gt.set_language("ja")
    w = widgets.k_explorer(*split, results)
    gt.set_language("en")
    w.k.value = 2
    assert "パラメータ数" in w.readout.value and "テスト用データ" in w.readout.value
    assert "である。" in w.readout.value and "成分数" in w.k.description


def test_lecture_mode_makes_a_larger_picture(split, results):
    normal = pixels(widgets.k_explorer(*split, results[:2]))
    plot.lecture_mode(True)
    w = widgets.k_explorer(*split, results[:2])
    assert pixels(w).shape[1] > 1.3 * normal.shape[1]
    assert "22px" in w.readout.value


def test_messages_are_in_the_catalogue():
    # both languages and the same placeholders: tests/test_messages.py checks every catalogue
    catalogue = i18n.catalogue("widgets")
    for key in ("kexp_readout", "kexp_best", "kexp_not_converged"):
        assert key in catalogue
        assert not catalogue[key]["ja"].endswith(("です。", "ます。"))


# --- refused at creation -------------------------------------------------------------------------------

def test_bad_input_is_refused_with_a_clear_error(split, results):
    X_train, X_test = split
    cases = [
        (lambda: widgets.k_explorer(X_train, X_test[:, :1], results), ValueError, "X_test"),
        (lambda: widgets.k_explorer(X_train[:, :1], X_test[:, :1], K_values=[1]), ValueError, "two features"),
        (lambda: widgets.k_explorer(X_train, X_test, results, features=(0, 0)), ValueError, "features"),
        (lambda: widgets.k_explorer(X_train, X_test, results, features=(0, 2)), ValueError, "features"),
        (lambda: widgets.k_explorer(X_train[:100], X_test, results), ValueError, "fitted to X"),
        (lambda: widgets.k_explorer(X_train, X_test, [results[0], results[0]]), ValueError, "two results"),
        (lambda: widgets.k_explorer(X_train, X_test, [results[0].params]), TypeError, "EMResult"),
        (lambda: widgets.k_explorer(X_train, X_test, []), ValueError, "at least one"),
        (lambda: widgets.k_explorer(X_train, X_test, results, K=7), ValueError, "K must be one of"),
        (lambda: widgets.k_explorer(X_train, X_test, K_values=[0, 1]), ValueError, "K_values"),
        (lambda: widgets.k_explorer(X_train, X_test, K_values=[11]), ValueError, "K_values"),
        (lambda: widgets.k_explorer(X_train, X_test, K_values=[1], n_init=0), ValueError, "n_init"),
        (lambda: widgets.k_explorer(X_train, X_test, results, covariance_type="diagonal"), ValueError,
         "covariance_type"),
    ]
    for make, error, words in cases:
        with pytest.raises(error, match=words):
            make()


def test_every_start_collapsing_is_refused_by_name():
    X = np.repeat(np.arange(4.0)[:, None], 2, axis=1) * np.array([1.0, 2.0])  # 4 points on a line
    X = np.vstack([X, X + [[0.0, 0.001]]])
    with pytest.raises(ValueError, match="collapsed for K = 4"):
        widgets.k_explorer(X, X, K_values=[4], n_init=2, reg_covar=0.0)


def test_repr_is_short_and_stable(explorer):
    assert repr(explorer) == "<gmm_teach KExplorer>"


# --- the covariance type of each result ------------------------------------------------------------------

@pytest.mark.parametrize("covariance_type", ["diag", "spherical", "tied"])
def test_precomputed_results_are_counted_by_their_own_covariance_type(split, covariance_type):
    X_train, X_test = split
    fits = [gt.fit(X_train, K, seed=0, tol=1e-2, covariance_type=covariance_type) for K in (1, 2, 3)]
    w = widgets.k_explorer(X_train, X_test, fits)
    assert w.covariance_type == covariance_type
    for j, r in enumerate(fits):
        assert w.curves["bic"][j] == pytest.approx(gt.bic(X_train, r))
        assert w.curves["aic"][j] == pytest.approx(gt.aic(X_train, r))
        assert w.curves["n_parameters"][j] == gt.n_parameters(r.params.K, 2, covariance_type)
        if gt.n_parameters(r.params.K, 2, covariance_type) != gt.n_parameters(r.params.K, 2):  # (tied, K = 1: same)
            assert w.curves["bic"][j] != pytest.approx(gt.bic(X_train, r.params, "full"))  # not counted as "full"
    w.k.value = 3
    assert f"p = {gt.n_parameters(3, 2, covariance_type)}" in text(w.readout.value)
    assert f"{gt.bic(X_train, fits[2]):.1f}" in w.readout.value
    with pytest.raises(ValueError, match="disagrees with the result"):
        widgets.k_explorer(X_train, X_test, fits, covariance_type="full")
    same = widgets.k_explorer(X_train, X_test, fits, covariance_type=covariance_type)
    np.testing.assert_allclose(same.curves["bic"], w.curves["bic"])


def test_fitting_inside_uses_the_given_covariance_type(split):
    X_train, X_test = split
    w = widgets.k_explorer(X_train, X_test, K_values=[2], n_init=1, covariance_type="spherical")
    r = w.results[2]
    assert r.covariance_type == "spherical" and w.curves["bic"][0] == pytest.approx(gt.bic(X_train, r))


# --- degenerate data: reg_covar --------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["constant column", "duplicated column"])
def test_degenerate_data_are_fitted_with_reg_covar(split, kind):
    X_train, X_test = split
    x_train, x_test = X_train[:, :1], X_test[:, :1]
    if kind == "constant column":
        X, Xt = np.column_stack([x_train, np.full(len(x_train), 2.0)]), np.column_stack([x_test, np.full(len(x_test), 2.0)])
    else:
        X, Xt = np.column_stack([x_train, x_train]), np.column_stack([x_test, x_test])
    w = widgets.k_explorer(X, Xt, K_values=[1, 2], n_init=1, reg_covar=1e-3)
    assert w.message.value == "" and set(w.results) == {1, 2}
    for r in w.results.values():
        assert np.linalg.eigvalsh(r.params.sigma).min() >= 1e-3 * (1 - 1e-9)  # reg_covar reached every Sigma_k
    with pytest.raises(ValueError, match="reg_covar"):  # the core's explanation, at creation
        widgets.k_explorer(X, Xt, K_values=[1], n_init=1, reg_covar=0.0)
