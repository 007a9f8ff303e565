"""The Bernoulli stepper (gt.widgets.bernoulli_stepper) driven as a learner would: the picture follows the
slider, Play and the buttons, the words come in both languages, close() releases everything, and bad
arguments are refused by name (more rows in tests/test_widgets_arguments.py)."""
import gc
import io

import ipywidgets as ipw
import numpy as np
import pytest
from matplotlib.figure import Figure
from PIL import Image

import gmm_teach as gt
from gmm_teach import i18n, widgets
from gmm_teach.widgets import _compat

pytestmark = pytest.mark.usefixtures("widget_clean_state")  # see tests/conftest.py


def prototypes() -> np.ndarray:
    """Four 8 x 8 binary pictures: a horizontal bar, a vertical bar, a frame and a diagonal."""
    pictures = np.zeros((4, 8, 8))
    pictures[0, 3:5, :] = 1
    pictures[1, :, 3:5] = 1
    pictures[2, [0, -1], :] = pictures[2, :, [0, -1]] = 1
    pictures[3][np.eye(8, dtype=bool)] = 1
    return pictures.reshape(4, 64)


@pytest.fixture(scope="module")
def X():
    """300 noisy copies of the four prototypes (each pixel flipped with probability 0.15): no scikit-learn
    (the ipywidgets 7 environment of tests/test_widgets_ipywidgets7.py has none)."""
    rng = np.random.default_rng(0)
    clean = prototypes()[rng.integers(0, 4, size=300)]
    return np.abs(clean - (rng.random(clean.shape) < 0.15)).astype(int)


@pytest.fixture(scope="module")
def result(X):
    return gt.fit_bernoulli(X, 4, seed=0, max_iter=200)


def pixels(widget) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(widget.image.value)).convert("RGB"))


def text(html_value: str) -> str:
    import re
    return re.sub(r"<[^>]+>", "", html_value)


def test_slider_runs_over_the_iterations_and_the_picture_follows(X, result):
    w = widgets.bernoulli_stepper(X, result)
    T = result.n_iter
    assert w.slider.min == 0 and w.slider.max == w.play.max == T
    assert isinstance(w.play, ipw.Play) and isinstance(w.image, ipw.Image) and isinstance(w.readout, ipw.HTML)
    assert (w._link.source, w._link.target) == ((w.play, "value"), (w.slider, "value"))
    assert len(w.images) == 4 and w.message.value == ""
    initial_ll = gt.bernoulli_e_step(X, result.history[0])[1]
    assert f"{initial_ll:.3f}" in w.readout.value and "initialisation" in w.readout.value
    before = pixels(w)
    for t in (0, 1, 2, T // 2, T):
        w.slider.value = t
        params = result.history[t]
        ll = initial_ll if t == 0 else result.log_likelihoods[t - 1]
        assert w.state["iteration"] == t and w.state["log_likelihood"] == pytest.approx(ll, abs=1e-9)
        for k in range(4):
            np.testing.assert_array_equal(w.images[k].get_array(), params.p[k].reshape(8, 8))
            assert w.prototype_axes[k].get_title() == f"comp {k}\nφ = {params.phi[k]:.2f}"
        marker = w.ll_artists[1]
        assert marker.get_xdata()[0] == t and marker.get_ydata()[0] == pytest.approx(ll, abs=1e-9)
        assert f"ℓ(θ({t})) = {ll:.3f}" in text(w.readout.value)
        assert ", ".join(f"{v:.2f}" for v in params.phi) in w.readout.value
        assert w.message.value == ""
    assert not np.array_equal(pixels(w), before)  # the last iteration does not look like the first
    w.slider.value = 1
    one = pixels(w)
    w.slider.value = 2
    assert not np.array_equal(pixels(w), one)
    w.close()


def test_buttons_stay_inside_the_range(X, result):
    w = widgets.bernoulli_stepper(X, result)
    w.prev_button.click()
    assert w.slider.value == 0
    w.next_button.click()
    w.next_button.click()
    assert w.slider.value == 2 and w.state["iteration"] == 2
    w.slider.value = w.slider.max
    w.next_button.click()
    assert w.slider.value == w.slider.max and w.message.value == ""
    w.close()


def test_other_image_shapes_and_one_component():
    X = np.array([[1, 1, 1, 0, 0, 0], [0, 0, 0, 1, 1, 1]] * 8)
    result = gt.fit_bernoulli(X, 1, seed=0)
    w = widgets.bernoulli_stepper(X, result, image_shape=(2, 3))
    assert len(w.images) == 1 and w.images[0].get_array().shape == (2, 3)
    w.slider.value = result.n_iter
    np.testing.assert_array_equal(w.images[0].get_array(), result.p[0].reshape(2, 3))
    assert w.message.value == ""
    w.close()
    w = widgets.bernoulli_stepper(X, gt.fit_bernoulli(X, 2, seed=0), image_shape=np.array([6, 1]))
    assert w.image_shape == (6, 1) and w.images[1].get_array().shape == (6, 1)
    w.close()


def test_words_in_japanese_and_english(X, result):
    catalogue = i18n.catalogue("widgets")
    for key in ("bern_iteration", "bern_readout_init", "bern_readout"):
        assert set(catalogue[key]) == {"ja", "en"}
    ja = widgets.bernoulli_stepper(X, result, language="ja")
    en = widgets.bernoulli_stepper(X, result, language="en")
    assert "反復 0" in ja.readout.value and "初期値" in ja.readout.value and "反復" in ja.slider.description
    assert "Iteration 0" in en.readout.value and en.slider.description == "iteration t"
    ja.slider.value = en.slider.value = 3
    assert "混合係数" in ja.readout.value and "プロトタイプ" in ja.readout.value
    assert "weights" in en.readout.value and "prototypes" in en.readout.value
    assert not ja.readout.value.rstrip().endswith(("です。", "ます。"))
    gt.set_language("ja")
    try:
        assert "反復" in widgets.bernoulli_stepper(X, result).slider.description  # the default follows set_language
    finally:
        gt.set_language("en")
    for w in (ja, en):
        w.close()


def test_close_releases_everything(X, result):
    def open_widgets():
        return len(_compat.open_widgets())

    def live_figures():
        gc.collect()
        return sum(isinstance(o, Figure) for o in gc.get_objects())

    open_before, figures_before = open_widgets(), live_figures()
    w = widgets.bernoulli_stepper(X, result)
    parts = [w.slider, w.play, w._link, w.prev_button, w.next_button, w.image, w.readout, w.slider.layout]
    assert all(p.comm is not None for p in parts) and open_widgets() > open_before
    w.close()
    assert w.comm is None and all(p.comm is None for p in parts)
    assert w.fig is None and w.renderer is None and w.images is None and w.ll_artists is None
    assert not w.slider._trait_notifiers.get("value", {}).get("change")
    assert not w.next_button._click_handlers.callbacks
    w.close()  # twice is fine
    del w
    assert open_widgets() == open_before and live_figures() <= figures_before


def test_scrubbing_adds_no_artists(X, result):
    w = widgets.bernoulli_stepper(X, result)
    children = [len(ax.get_children()) for ax in w.fig.axes]
    for t in np.random.default_rng(0).integers(0, w.slider.max + 1, size=40):
        w.slider.value = int(t)
    assert [len(ax.get_children()) for ax in w.fig.axes] == children and w.message.value == ""
    w.close()


@pytest.mark.parametrize("kwargs, error, words", [
    (dict(X="digits"), TypeError, "X must be a numeric array"),
    (dict(X=np.full((300, 64), 3)), ValueError, "X must hold only 0 and 1"),
    (dict(X=np.zeros((300, 16))), ValueError, "pass the same X"),
    (dict(slice=100), ValueError, "X has n = 100 points with d = 64 features but result was fitted to n = 300"),
    (dict(result="result"), TypeError, "result must be the BernoulliResult that gmm_teach.fit_bernoulli returned"),
    (dict(result="params"), TypeError, "received BernoulliParams"),
    (dict(image_shape=(8, 7)), ValueError, "image_shape must be a pair of positive integers (rows, columns) whose "
                                           "product is d = 64 (X's features), e.g. (1, 64); received (8, 7)"),
    (dict(image_shape=(0, 64)), ValueError, "image_shape must be a pair of positive integers"),
    (dict(image_shape=(-8, -8)), ValueError, "received (-8, -8)"),  # the product is 64, the sizes are not
    (dict(image_shape=(64,)), TypeError, "image_shape must be a pair of positive integers"),
    (dict(image_shape=64), TypeError, "received 64 (int)"),
    (dict(image_shape="8x8"), TypeError, "image_shape must be a pair"),
    (dict(image_shape=(8.0, 8.0)), TypeError, "image_shape must be a pair of positive integers"),
    (dict(image_shape=(True, 64)), TypeError, "image_shape must be a pair of positive integers"),
    (dict(language="fr"), ValueError, "language must be one of ('ja', 'en') or None"),
])
def test_bad_arguments_are_refused_by_name(X, result, kwargs, error, words):
    kwargs = dict(kwargs)
    data = X[: kwargs.pop("slice")] if "slice" in kwargs else kwargs.pop("X", X)
    kwargs["result"] = {"result": "result", "params": result.params, None: result}[kwargs.get("result")]
    open_before = len(_compat.open_widgets())
    with pytest.raises(error) as info:
        widgets.bernoulli_stepper(data, **kwargs)
    assert words in str(info.value), str(info.value)
    assert len(_compat.open_widgets()) == open_before


def test_too_many_components_are_refused():
    import warnings

    X = (np.random.default_rng(0).random((40, 4)) < 0.5).astype(int)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gt.ConvergenceWarning)
        result = gt.fit_bernoulli(X, 17, seed=0, max_iter=2)
    with pytest.raises(ValueError, match="at most 16 components"):
        widgets.bernoulli_stepper(X, result, image_shape=(2, 2))
