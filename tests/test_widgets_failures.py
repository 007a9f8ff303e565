"""The widgets of chapter 08 (where EM fails), driven as a learner would: the singularity explorer
(a component shrinking onto one data point) and the k-means limit explorer (soft assignments turning
hard as the shared variance shrinks). The numbers they show are checked against gmm_teach computed
independently, the picture must really change, and bad input gives a clear error."""
import io
import re

import matplotlib as mpl
import numpy as np
import pytest
from PIL import Image

import gmm_teach as gt
from gmm_teach import i18n, plot, widgets

NEW_KEYS = ("log_sigma", "spike_weight", "spike_readout", "kmeans_readout")


pytestmark = pytest.mark.usefixtures("widget_clean_state")  # see tests/conftest.py


@pytest.fixture(scope="module")
def X():
    return gt.textbook_data()


@pytest.fixture(scope="module")
def fitted(X):
    return gt.fit(X, 3, init="textbook", seed=11, reg_covar=0.0).params


def pixels(widget) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(widget.image.value)).convert("RGB"))


def text(html_value: str) -> str:
    return re.sub(r"<[^>]+>", "", html_value)


def assert_ok(widget):
    assert widget.message.value == "", widget.message.value


def spike(params, point, sigma, weight):
    """The chapter's construction, written independently of the widget."""
    return gt.GMMParams(np.append((1 - weight) * params.phi, weight), np.vstack([params.mu, point]),
                        np.concatenate([params.sigma, [sigma**2 * np.eye(2)]]))


# --- words ------------------------------------------------------------------------------------------------

def test_new_messages_in_the_catalogue():
    # both languages and the same placeholders: tests/test_messages.py checks every catalogue
    catalogue = i18n.catalogue("widgets")
    ja = {key: entry["ja"] for key, entry in catalogue.items()}
    for key in NEW_KEYS:
        assert key in catalogue
        assert not ja[key].endswith(("です。", "ます。"))
    assert "混合係数" in ja["spike_readout"] and "対数尤度" in ja["spike_readout"] and "負担率" in ja["kmeans_readout"]
    for name in ("SingularityExplorer", "KMeansLimitExplorer", "singularity_explorer", "kmeans_limit_explorer"):
        assert name in widgets.__all__


# --- singularity explorer -------------------------------------------------------------------------------------

def test_singularity_explorer_log_likelihood_grows_without_bound(X, fitted):
    w = widgets.singularity_explorer(X, fitted)
    assert_ok(w)
    assert w.log_sigma.value == 0.0 and w.index.value == 0 and w.weight.value == pytest.approx(0.01)
    assert w.base_log_likelihood == pytest.approx(gt.log_likelihood(X, fitted))
    first = pixels(w)
    previous = None
    for s in (0.0, -2.0, -4.0, -6.0, -8.0):
        w.log_sigma.value = s
        assert_ok(w)
        expected = gt.log_likelihood(X, spike(fitted, X[0], 10.0**s, 0.01))
        assert w.log_likelihood == pytest.approx(expected)
        assert w.params.K == 4 and np.allclose(w.params.mu[3], X[0])
        assert w.spike_log_density == pytest.approx(-np.log(2 * np.pi * 10.0 ** (2 * s)))
        assert w.marker.get_xdata()[0] == pytest.approx(s) and w.marker.get_ydata()[0] == pytest.approx(expected)
        assert f"{expected:.2f}" in text(w.readout.value)
        if previous is not None and s <= -4.0:
            assert w.log_likelihood - previous == pytest.approx(2 * 2 * np.log(10), abs=0.01)  # 2 decades of sigma
        previous = w.log_likelihood
    assert w.log_likelihood > w.base_log_likelihood + 20  # the spike beats the fit, without limit
    assert "+" in text(w.readout.value)  # the difference is shown with its sign
    assert not np.array_equal(pixels(w), first)
    np.testing.assert_allclose(w.view.points.get_facecolors()[0, :3], w.view.colors[3], atol=1e-6)  # point 0 is the spike's


def test_singularity_explorer_curve_follows_point_and_weight(X, fitted):
    w = widgets.singularity_explorer(X, fitted, index=5, weight=0.05)
    assert_ok(w)
    for j in (0, 40, len(w.grid) - 1):
        s = w.grid[j]
        assert w.curve_values[j] == pytest.approx(gt.log_likelihood(X, spike(fitted, X[5], 10.0**s, 0.05)))
    np.testing.assert_allclose(w.curve.get_ydata(), w.curve_values)
    np.testing.assert_allclose(w.ring.get_offsets()[0], X[5])
    w.log_sigma.value = -6.0
    before = w.curve_values.copy()
    picture = pixels(w)
    w.weight.value = 0.005  # a smaller weight shifts the curve but leaves its slope at the small end
    assert_ok(w)
    assert not np.allclose(w.curve_values, before)
    assert w.curve_values[1] - w.curve_values[0] == pytest.approx(before[1] - before[0], abs=1e-6)
    assert w.curve_values[0] == pytest.approx(gt.log_likelihood(X, spike(fitted, X[5], 1e-8, 0.005)))
    assert w.log_likelihood == pytest.approx(gt.log_likelihood(X, spike(fitted, X[5], 1e-6, 0.005)))
    w.index.value = 300
    assert_ok(w)
    np.testing.assert_allclose(w.ring.get_offsets()[0], X[300])
    assert "point 300" in text(w.readout.value)
    assert not np.array_equal(pixels(w), picture)
    low, high = w.ax_ll.get_ylim()
    assert low <= w.curve_values.min() and high >= w.curve_values.max()  # the new curve fits the axes


def test_singularity_explorer_defaults_and_own_data():
    w = widgets.singularity_explorer()
    assert_ok(w)
    assert w.base.allclose(gt.TEXTBOOK_TRUTH) and w.X.shape == (1000, 2)
    X, _ = gt.sample(gt.TEXTBOOK_TRUTH, 120, seed=2)
    w = widgets.singularity_explorer(X)
    assert_ok(w)
    assert w.base.K == 3 and w.index.max == 119


def test_singularity_explorer_rejects_bad_input(X, fitted):
    with pytest.raises(ValueError, match="2-D data"):
        widgets.singularity_explorer(X[:, :1], fitted)
    with pytest.raises(ValueError, match="index"):
        widgets.singularity_explorer(X, fitted, index=len(X))
    with pytest.raises(ValueError, match="weight"):
        widgets.singularity_explorer(X, fitted, weight=0.9)


def test_singularity_explorer_does_not_pile_up_artists(X, fitted):
    w = widgets.singularity_explorer(X, fitted)
    children = [len(ax.get_children()) for ax in w.fig.axes]
    for s in np.linspace(-8, 0.5, 12):
        w.log_sigma.value = float(np.round(s, 1))
    w.index.value = 10
    w.weight.value = 0.2
    assert [len(ax.get_children()) for ax in w.fig.axes] == children
    assert_ok(w)


def test_singularity_explorer_in_japanese(X, fitted):
    gt.set_language("ja")
    w = widgets.singularity_explorer(X, fitted)
    gt.set_language("en")
    w.log_sigma.value = -3.0
    assert "対数尤度" in w.readout.value and "混合係数" in w.readout.value
    assert "φ" in w.weight.description


# --- k-means limit explorer -------------------------------------------------------------------------------------

def shared(mu, sigma):
    K = len(mu)
    return gt.GMMParams(np.full(K, 1 / K), mu, np.repeat(sigma**2 * np.eye(2)[None], K, axis=0))


def test_kmeans_limit_explorer_soft_to_hard(X):
    mu = gt.TEXTBOOK_TRUTH.mu
    nearest = np.argmin(((X[:, None, :] - mu[None]) ** 2).sum(axis=2), axis=1)
    w = widgets.kmeans_limit_explorer(X, mu)
    assert_ok(w)
    first = pixels(w)
    tops = []
    for s in (1.0, 0.5, 0.0, -0.5, -1.0, -2.0):
        w.log_sigma.value = s
        assert_ok(w)
        expected = gt.e_step(X, shared(mu, 10.0**s))[0]
        np.testing.assert_allclose(w.responsibilities, expected)
        np.testing.assert_array_equal(w.responsibilities.argmax(axis=1), nearest)  # whatever sigma
        assert w.agreement == 1.0 and "100.0%" in text(w.readout.value)
        assert w.mean_max == pytest.approx(expected.max(axis=1).mean())
        assert w.marker_mean.get_ydata()[0] == pytest.approx(w.mean_max)
        tops.append(w.mean_max)
        np.testing.assert_allclose(w.view.points.get_facecolors()[:, :3], plot.mix_colors(expected), atol=1e-6)
    assert tops == sorted(tops) and tops[-1] == pytest.approx(1.0) and w.share_hard == 1.0
    assert not np.array_equal(pixels(w), first)
    assert np.all(np.diff(w.curve_values["mean_max"]) <= 1e-12)  # softer as sigma grows along the grid
    assert w.curve_values["share_hard"][0] == 1.0 and w.curve_values["share_hard"][-1] < 0.05


def test_kmeans_limit_explorer_hard_colours_do_not_depend_on_sigma(X):
    w = widgets.kmeans_limit_explorer(X, gt.TEXTBOOK_TRUTH.mu, sigma=2.0)
    soft = pixels(w)
    w.hard.value = True
    assert_ok(w)
    hard = pixels(w)
    assert not np.array_equal(hard, soft)
    colours = w.view.points.get_facecolors().copy()
    w.log_sigma.value = -1.0
    np.testing.assert_array_equal(w.view.points.get_facecolors(), colours)  # the Voronoi partition stays
    assert w.view.ellipses[0].width == pytest.approx(2 * 0.1)  # r = 1 circle of radius sigma


def test_kmeans_limit_explorer_defaults_and_bad_input(X):
    w = widgets.kmeans_limit_explorer()
    assert_ok(w)
    assert w.K == 3 and w.log_sigma.value == 0.0
    w = widgets.kmeans_limit_explorer(X, [[0, 0], [3, 3], [-3, 3], [0, 5]], sigma=0.3)
    assert_ok(w)
    assert w.K == 4 and w.sigma == pytest.approx(0.3, rel=0.01)
    with pytest.raises(ValueError, match="shape"):
        widgets.kmeans_limit_explorer(X, [0.0, 1.0])
    with pytest.raises(ValueError, match="sigma"):
        widgets.kmeans_limit_explorer(X, sigma=100.0)


def test_kmeans_limit_explorer_in_japanese_and_lecture_mode(X):
    gt.set_language("ja")
    plot.lecture_mode(True)
    big = widgets.kmeans_limit_explorer(X)
    plot.lecture_mode(False)
    gt.set_language("en")
    normal = widgets.kmeans_limit_explorer(X)
    big.log_sigma.value = -1.0
    assert "負担率" in big.readout.value and "font-size: 22px" in big.readout.value
    assert pixels(big).shape[1] > 1.3 * pixels(normal).shape[1]


def test_the_spike_is_named_as_the_code_counts_without_subscripts(X, fitted):
    for language, name in (("en", "Component 3 sits on point 5"), ("ja", "成分 3 を置き")):
        gt.set_language(language)
        w = widgets.singularity_explorer(X, fitted, index=5, weight=0.02)
        assert name in w.readout.value
        assert "<sub>3</sub>" not in w.readout.value and "<sub>4</sub>" not in w.readout.value
        assert "1 − 0.020" in w.readout.value
        w.close()
    gt.set_language("en")
