"""Drive every widget as a learner would (sliders, buttons) and check the picture, the
readout and the messages: the picture really changes, impossible settings give a short
message in the widget (never a traceback) and the widget keeps working afterwards."""
import io
import warnings

import ipywidgets as ipw
import matplotlib as mpl
import numpy as np
import pytest
from PIL import Image

import gmm_teach as gt
from gmm_teach import i18n, plot, widgets


pytestmark = pytest.mark.usefixtures("widget_clean_state")  # see tests/conftest.py


@pytest.fixture(scope="module")
def X():
    return gt.textbook_data()


@pytest.fixture(scope="module")
def result(X):
    return gt.fit(X, 3, init="textbook", seed=11, reg_covar=1e-6)


def pixels(widget) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(widget.image.value)).convert("RGB"))


def assert_ok(widget):
    assert widget.message.value == "", widget.message.value


def text(html_value: str) -> str:
    """Readable text of an HTML readout (tags removed)."""
    import re
    return re.sub(r"<[^>]+>", "", html_value)


# --- words -----------------------------------------------------------------------------------

def test_messages_are_in_the_chapters_japanese():
    # both languages and the same placeholders for every key: tests/test_messages.py (every catalogue)
    catalogue = i18n.catalogue("widgets")
    ja = {key: entry["ja"] for key, entry in catalogue.items()}
    # Japanese in である調, with the chapter's terms
    assert "負担率" in ja["stepper_e"] and "反復" in ja["stepper_m"] and "混合係数" in ja["weight"]
    assert not any(s.endswith(("です。", "ます。")) for s in ja.values())
    # widgets.MESSAGES (read by language, e.g. by the browser tests) is that catalogue, per language
    assert widgets.MESSAGES == {language: {key: entry[language] for key, entry in catalogue.items()}
                                for language in i18n.LANGUAGES}


def test_language_is_fixed_when_the_widget_is_made():
    gt.set_language("ja")
    w = widgets.gaussian_explorer()
    gt.set_language("en")
    w.point_x.value = 1.0
    assert "マハラノビス距離" in w.readout.value and "分散" in w.var_x.description
    w.corr.value = 1.0
    assert "相関係数" in w.message.value
    assert widgets.gaussian_explorer().var_x.description.startswith("variance")


# --- truth explorer ----------------------------------------------------------------------------

def test_truth_explorer_redraws_samples_and_ellipses():
    w = widgets.truth_explorer()
    assert isinstance(w, ipw.VBox) and w.image in w.children and w.message in w.children
    assert_ok(w)
    assert len(w.components) == 3 and set(w.components[0]) == {"mean_x", "mean_y", "std_x", "std_y", "corr", "weight"}
    assert w.params.allclose(gt.TEXTBOOK_TRUTH, atol=1e-2)
    np.testing.assert_allclose(w.X, gt.sample(w.params, 1000, seed=0)[0])
    first, X0 = pixels(w), w.X.copy()
    w.components[1]["mean_x"].value = -1.0
    assert_ok(w)
    assert w.params.mu[1, 0] == pytest.approx(-1.0)
    assert not np.array_equal(pixels(w), first) and not np.array_equal(w.X, X0)
    np.testing.assert_allclose(w.ellipses[2].center, [-1.0, 3.0])  # component 1, r = 1
    w.components[0]["corr"].value = -0.5
    w.components[0]["std_y"].value = 2.0
    sigma = w.params.sigma[0]
    assert sigma[0, 1] == pytest.approx(-0.5 * 1.0 * 2.0) and sigma[1, 1] == pytest.approx(4.0)
    w.n.value = 300
    w.seed.value = 5
    assert len(w.X) == 300 and len(w.points.get_offsets()) == 300
    np.testing.assert_allclose(w.X, gt.sample(w.params, 300, seed=5)[0])
    assert "n = 300" in w.readout.value
    assert_ok(w)


def test_truth_explorer_invalid_settings_give_a_message_and_recover():
    w = widgets.truth_explorer(K=2, n=200)
    good = pixels(w)
    w.components[1]["corr"].value = 1.0
    assert "squashed onto a line" in w.message.value and "Component 1" in w.message.value
    assert not w.valid and "Traceback" not in w.message.value
    assert np.array_equal(pixels(w), good)  # the last valid picture stays
    w.components[1]["corr"].value = 0.3
    assert_ok(w)
    assert w.valid and not np.array_equal(pixels(w), good)
    for c in w.components:
        c["weight"].value = 0.0
    assert "All weights are 0" in w.message.value and not w.valid
    w.components[0]["weight"].value = 0.5
    assert_ok(w)
    assert w.params.phi.tolist() == [1.0, 0.0] and (w.z == 0).all()


def test_truth_explorer_more_components_than_params():
    w = widgets.truth_explorer(K=5, n=100)
    assert_ok(w)
    assert w.params.K == 5 and len(w.tab.children) == 5
    np.testing.assert_allclose(w.params.mu[:3], gt.TEXTBOOK_TRUTH.mu, atol=1e-9)


# --- Gaussian explorer ----------------------------------------------------------------------------

def test_gaussian_explorer_distance_density_and_picture():
    from scipy.stats import multivariate_normal

    w = widgets.gaussian_explorer(var_x=2.0, var_y=1.0, corr=0.6, point=(2.0, -1.0))
    assert_ok(w)
    first = pixels(w)
    for var_x, var_y, corr, px, py in [(2.0, 1.0, 0.6, 2.0, -1.0), (1.0, 3.0, -0.4, -1.5, 2.5), (0.5, 0.5, 0.0, 1.0, 1.0)]:
        w.var_x.value, w.var_y.value, w.corr.value = var_x, var_y, corr
        w.point_x.value, w.point_y.value = px, py
        assert_ok(w)
        c = corr * np.sqrt(var_x * var_y)
        sigma = np.array([[var_x, c], [c, var_y]])
        x = np.array([px, py])
        dm = np.sqrt(x @ np.linalg.inv(sigma) @ x)
        assert w.distance == pytest.approx(dm)
        assert w.density == pytest.approx(multivariate_normal([0, 0], sigma).pdf(x))
        assert f"{dm:.3f}" in w.readout.value and f"{w.density:.4g}" in w.readout.value
        vals = np.linalg.eigvalsh(sigma)
        assert w.contours[0].width == pytest.approx(2 * np.sqrt(vals[1]))  # r = 1 along the major axis
        assert w.through[0].width == pytest.approx(2 * dm * np.sqrt(vals[1]))  # the ellipse through x
    assert not np.array_equal(pixels(w), first)


def test_gaussian_explorer_correlation_one_is_explained():
    w = widgets.gaussian_explorer()
    before = pixels(w)
    w.corr.value = -1.0
    assert "squashed" in w.message.value
    assert np.array_equal(pixels(w), before)
    w.corr.value = 0.2
    assert_ok(w)
    assert not np.array_equal(pixels(w), before)


# --- E-step explorer ------------------------------------------------------------------------------------

def test_estep_explorer_responsibilities_follow_the_means(X):
    w = widgets.estep_explorer()
    assert_ok(w)
    np.testing.assert_allclose(w.responsibilities, gt.e_step(X, gt.TEXTBOOK_TRUTH)[0])
    first = pixels(w)
    w.components[0]["mean_x"].value = 2.0
    w.components[0]["mean_y"].value = 2.0
    assert_ok(w)
    expected = gt.e_step(X, gt.GMMParams(gt.TEXTBOOK_TRUTH.phi, [[2, 2], [3, 3], [-3, 3]], gt.TEXTBOOK_TRUTH.sigma))[0]
    np.testing.assert_allclose(w.responsibilities, expected)
    np.testing.assert_allclose(w.view.points.get_facecolors()[:, :3], plot.mix_colors(expected))
    assert not np.array_equal(pixels(w), first)
    w.index.value = 42
    np.testing.assert_allclose([b.get_height() for b in w.bars.patches], expected[42])
    np.testing.assert_allclose(w.chosen.get_offsets()[0], X[42])
    assert "Point 42" in w.readout.value and "Posterior of point 42" == w.bar_title.get_text()
    soft = pixels(w)
    w.hard.value = True
    np.testing.assert_allclose(w.view.points.get_facecolors()[:, :3], plot.hard_colors(expected))
    assert not np.array_equal(pixels(w), soft)
    for c in w.components:
        c["weight"].value = 0.0
    assert "All weights are 0" in w.message.value
    w.components[2]["weight"].value = 1.0
    assert_ok(w)
    assert np.allclose(w.responsibilities[:, 2], 1.0)


def test_estep_explorer_with_own_data():
    X, _ = gt.sample(gt.TEXTBOOK_TRUTH, 150, seed=3)
    w = widgets.estep_explorer(X)
    assert_ok(w)
    assert w.params.K == 3 and w.index.max == 149


# --- EM stepper ---------------------------------------------------------------------------------------

def test_stepper_half_steps_agree_with_the_result(X, result):
    w = widgets.em_stepper(X, result, truth=gt.TEXTBOOK_TRUTH)
    T = result.n_iter
    assert w.slider.max == w.play.max == 2 * T and w.slider.min == 0
    assert isinstance(w.play, ipw.Play) and isinstance(w.image, ipw.Image) and isinstance(w.readout, ipw.HTML)
    link = w._link
    assert (link.source, link.target) == ((w.play, "value"), (w.slider, "value"))
    assert w.state["phase"] == "init" and "Initialisation" in w.view.title.get_text()
    initial_ll = gt.e_step(X, result.history[0])[1]
    assert f"{initial_ll:.3f}" in w.readout.value
    for t in (1, 2, 9, T):
        w.slider.value = 2 * t  # M-step of iteration t: parameters history[t]
        assert_ok(w)
        ll = result.log_likelihoods[t - 1]
        assert w.state == dict(step=2 * t, iteration=t, phase="M", params_index=t, log_likelihood=ll)
        assert f"ℓ(θ({t})) = {ll:.3f}" in text(w.readout.value) and "M-step" in w.readout.value
        assert w.view.title.get_text() == f"Iteration {t} (after M-step)"
        np.testing.assert_allclose(w.view.means.get_offsets(), result.history[t].mu)
        marker = w.ll_artists[1]
        assert (marker.get_xdata()[0], marker.get_ydata()[0]) == (t, ll)
        w.slider.value = 2 * t - 1  # E-step of iteration t: parameters still history[t - 1]
        previous = initial_ll if t == 1 else result.log_likelihoods[t - 2]
        assert w.state["phase"] == "E" and w.state["params_index"] == t - 1
        assert f"{previous:.3f}" in w.readout.value and "E-step" in w.readout.value
        assert w.view.title.get_text() == f"Iteration {t} (after E-step)"
        np.testing.assert_allclose(w.view.means.get_offsets(), result.history[t - 1].mu)
        np.testing.assert_allclose(w.view.points.get_facecolors()[:, :3],
                                   plot.mix_colors(gt.e_step(X, result.history[t - 1])[0]))


def test_stepper_e_step_recolours_and_m_step_moves_ellipses(X, result):
    w = widgets.em_stepper(X, result)

    def snapshot():
        return (w.view.points.get_facecolors().copy(),
                np.array([(e.center[0], e.center[1], e.width, e.height, e.angle) for e in w.view.ellipses]),
                pixels(w))

    w.slider.value = 4  # M-step of iteration 2
    colors_m, ellipses_m, picture_m = snapshot()
    w.slider.value = 5  # E-step of iteration 3: responsibilities change, ellipses stay
    colors_e, ellipses_e, picture_e = snapshot()
    np.testing.assert_array_equal(ellipses_e, ellipses_m)
    assert not np.allclose(colors_e, colors_m)
    assert not np.array_equal(picture_e, picture_m)
    w.slider.value = 6  # M-step of iteration 3: ellipses move, colours stay
    colors_m2, ellipses_m2, picture_m2 = snapshot()
    np.testing.assert_array_equal(colors_m2, colors_e)
    assert not np.allclose(ellipses_m2, ellipses_e)
    assert not np.array_equal(picture_m2, picture_e)
    assert w.ll_artists[1].get_markerfacecolor() != "white"
    w.slider.value = 5
    assert w.ll_artists[1].get_markerfacecolor() == "white"  # hollow: the E-step leaves the log-likelihood


def test_stepper_buttons_and_hard_mode(X, result):
    w = widgets.em_stepper(X, result)
    w.prev_button.click()
    assert w.slider.value == 0  # stays inside the range
    w.next_button.click()
    w.next_button.click()
    assert w.slider.value == 2 and w.state["phase"] == "M"
    soft = pixels(w)
    w.hard.value = True
    assert not np.array_equal(pixels(w), soft)
    np.testing.assert_allclose(w.view.points.get_facecolors()[:, :3],
                               plot.hard_colors(gt.e_step(X, result.history[0])[0]))
    w.slider.value = w.slider.max
    w.next_button.click()
    assert w.slider.value == w.slider.max
    assert_ok(w)


def test_stepper_memory_does_not_grow_while_scrubbing(X, result):
    import gc

    w = widgets.em_stepper(X, result)
    steps = np.random.default_rng(0).integers(0, w.slider.max + 1, size=200)
    for s in steps[:50]:
        w.slider.value = int(s)
    children = [len(ax.get_children()) for ax in w.fig.axes]
    gc.collect()
    objects = len(gc.get_objects())
    for s in steps[50:]:
        w.slider.value = int(s)
    gc.collect()
    assert [len(ax.get_children()) for ax in w.fig.axes] == children  # no artist is ever added
    assert len(w.fig.axes) == 2 and len(w._cache) <= widgets.RESP_CACHE_SIZE
    assert len(gc.get_objects()) - objects < 500  # no Python objects pile up either
    assert_ok(w)


def test_stepper_rejects_mismatched_input(X, result):
    with pytest.raises(ValueError, match="same X"):
        widgets.em_stepper(X[:100], result)
    with pytest.raises(TypeError, match="EMResult"):
        widgets.em_stepper(X, result.params)


# --- EM lab ---------------------------------------------------------------------------------------------

def test_em_lab_runs_the_chapter_and_other_settings(X):
    lab = widgets.em_lab()
    assert_ok(lab)
    assert lab.result.converged and lab.stepper is not None and lab.image is lab.stepper.image
    chapter = gt.fit(X, 3, init="textbook", seed=11, reg_covar=1e-6)
    np.testing.assert_allclose(lab.result.log_likelihoods, chapter.log_likelihoods)
    assert "converged after" in lab.readout.value
    first = lab.image.value
    lab.k.value = 2
    lab.init.value = "kmeans++"
    lab.seed.value = 3
    lab.reg_covar.value = 1e-3
    lab.run_button.click()
    assert_ok(lab)
    assert lab.result.params.K == 2 and lab.stepper.slider.max == 2 * lab.result.n_iter
    assert lab.image.value != first and lab.stepper.slider.value == 0
    lab.stepper.slider.value = 3
    assert lab.stepper.state["phase"] == "E"
    lab.init.value = "random"
    lab.k.value = 4
    lab.max_iter.value = 1000  # random starts are slow to settle
    lab.run_button.click()
    assert_ok(lab)
    assert lab.result.params.K == 4 and len(lab.stepper.view.ellipses) == 8


def test_em_lab_explains_problems_and_keeps_working():
    lab = widgets.em_lab()
    lab.source.value = "sample"
    assert lab.truth.layout.display != "none"
    # K larger than n
    lab.truth.n.value = 5
    lab.k.value = 8
    lab.run_button.click()
    assert "K = 8 components but only n = 5 data points" in lab.message.value
    assert lab._stepper_box.layout.display == "none"
    # a collapse
    lab.truth.n.value = 8
    lab.k.value, lab.init.value, lab.seed.value, lab.reg_covar.value = 3, "textbook", 0, 0.0
    lab.run_button.click()
    assert "collapsed at iteration 6" in lab.message.value and "Component 0" in lab.message.value
    # an invalid truth
    lab.truth.components[0]["corr"].value = 1.0
    lab.run_button.click()
    assert "not a valid mixture" in lab.message.value and "squashed" in lab.message.value
    # ... and everything works again
    lab.truth.components[0]["corr"].value = 0.0
    lab.truth.n.value = 400
    lab.reg_covar.value = 1e-6
    lab.run_button.click()
    assert_ok(lab)
    assert lab._stepper_box.layout.display == "" and len(lab.stepper.X) == 400
    assert lab.stepper.truth is lab.truth.params
    # not converged within max_iter: a note, and the run so far
    lab.max_iter.value = 3
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing escapes the widget
        lab.run_button.click()
    assert "did not converge within 3 iterations" in lab.message.value and "Note" in lab.message.value
    assert lab.result.n_iter == 3 and lab.stepper.slider.max == 6 and not lab.result.converged
    assert "stopped after 3" in lab.readout.value and lab._stepper_box.layout.display == ""
    lab.max_iter.value = 500
    lab.run_button.click()
    assert_ok(lab)


def test_em_lab_in_japanese():
    gt.set_language("ja")
    lab = widgets.em_lab()
    assert "収束した" in lab.readout.value and "反復" in lab.stepper.readout.value
    assert lab.run_button.description == "EM を実行する"
    lab.source.value = "sample"
    lab.truth.n.value = 4
    lab.k.value = 6
    lab.run_button.click()
    assert "データ点の数 n = 4" in lab.message.value


# --- lecture mode ----------------------------------------------------------------------------------------

def test_lecture_mode_widgets_are_larger(X, result):
    before = mpl.rcParams.copy()
    normal = widgets.em_stepper(X, result)
    plot.lecture_mode(True)
    big = widgets.em_stepper(X, result)
    plot.lecture_mode(False)
    assert mpl.rcParams == before
    h0, w0, _ = pixels(normal).shape
    h1, w1, _ = pixels(big).shape
    assert w1 > 1.3 * w0 and h1 > 1.3 * h0
    assert "font-size: 22px" in big.readout.value and "font-size: 14px" in normal.readout.value
    if big.next_button.style.has_trait("font_size"):  # ipywidgets 8 (7 has no button font size)
        assert big.next_button.style.font_size == plot.LECTURE_STYLE.control_font
    assert plot.LECTURE_STYLE.control_font in big.slider.description
    big.slider.value = 3  # still works after lecture mode was switched off
    assert big.state["phase"] == "E" and "font-size: 22px" in big.readout.value


# --- degenerate data and collapses (reg_covar) ------------------------------------------------------------

def test_estep_explorer_initialises_degenerate_data_with_reg_covar():
    X = np.column_stack([np.linspace(-3, 3, 90), np.full(90, 1.5)])  # a constant second feature
    w = widgets.estep_explorer(X, reg_covar=1e-3)
    assert_ok(w)
    expected = gt.init_params(X, 3, init="kmeans++", seed=0, reg_covar=1e-3)
    assert w.params.allclose(expected) and np.linalg.eigvalsh(w.params.sigma).min() >= 1e-3 * (1 - 1e-9)
    np.testing.assert_allclose(w.responsibilities, gt.e_step(X, expected)[0])
    with pytest.raises(ValueError, match="constant") as info:  # the core's words, refused at creation
        widgets.estep_explorer(X, reg_covar=0.0)
    assert "reg_covar" in str(info.value)


def test_em_lab_fits_degenerate_data_with_reg_covar_and_explains_reg_covar_zero():
    lab = widgets.em_lab()
    lab.source.value = "sample"
    lab.truth.n.value = 2  # two points: their covariance in 2-D is singular
    lab.k.value, lab.init.value, lab.reg_covar.value = 1, "kmeans++", 1e-3
    lab.run_button.click()
    assert_ok(lab)
    assert np.linalg.eigvalsh(lab.result.history[0].sigma).min() >= 1e-3 * (1 - 1e-9)
    lab.reg_covar.value = 0.0
    lab.run_button.click()
    message = text(lab.message.value)
    assert "⚠" in message and "singular" in message and "reg_covar" in message and "Traceback" not in message
    assert "…" not in message  # the core's whole advice, not cut off
    lab.reg_covar.value = 1e-6
    lab.run_button.click()
    assert_ok(lab)


@pytest.mark.parametrize("language, words", [("en", "during the initialisation (iteration 0"),
                                             ("ja", "初期化の最中（反復 0")])
@pytest.mark.parametrize("iteration", [0, None])  # None: a core from before the iteration was always set
def test_em_lab_names_a_collapse_in_the_initialisation(monkeypatch, language, words, iteration):
    gt.set_language(language)
    lab = widgets.em_lab()

    def collapsing(*args, **kwargs):
        raise gt.ComponentCollapseError("component 2 collapsed", 2, iteration)

    monkeypatch.setattr(widgets.stepper, "fit", collapsing)
    lab.init.value = "random"
    lab.run_button.click()
    assert words in lab.message.value and "?" not in lab.message.value
    assert ("Component 2" if language == "en" else "成分 2") in lab.message.value
    monkeypatch.setattr(widgets.stepper, "fit", lambda *a, **k: (_ for _ in ()).throw(
        gt.ComponentCollapseError("x", 1, 4)))
    lab.run_button.click()
    assert ("collapsed at iteration 4" if language == "en" else "反復 4 で成分 1 がつぶれた") in lab.message.value


# --- ipywidgets 7.7+ and 8 (Colab ships 7.7), and how the pictures are shown ----------------------------

def test_tabs_have_their_titles_in_ipywidgets_7_and_8():
    w = widgets.truth_explorer(K=2, n=50)
    assert [w.tab.get_title(i) for i in range(2)] == ["Component 0", "Component 1"]
    e = widgets.estep_explorer(language="ja")
    assert [e.tab.get_title(i) for i in range(3)] == ["成分 0", "成分 1", "成分 2"]
    for x in (w, e):
        x.close()


def test_no_widget_uses_ipywidgets_8_only_api():
    """Colab runs ipywidgets 7.7: the package uses only what 7.7 and 8 share (8-only calls go through _compat)."""
    import pathlib
    import re

    folder = pathlib.Path(widgets.__file__).parent
    eight_only = re.compile(r"titles=|\.titles\b|_instances|description_allow_html|font_size\s*=|\.tooltip\b"
                            r"|ipw\.Stack|ipw\.TagsInput|ipw\.ColorsInput|ipw\.Datetime|ipw\.TimePicker")
    for path in sorted(folder.glob("*.py")):
        if path.name == "_compat.py":
            continue
        hits = [line for line in path.read_text(encoding="utf-8").splitlines() if eight_only.search(line)]
        assert not hits, (path.name, hits)


def test_pictures_are_shown_at_their_own_width_at_most(X, result):
    """A VBox stretches its children to the page (Voilà, static pages): the Image's max_width is the PNG's width."""
    normal = widgets.em_stepper(X, result)
    height, width, _ = pixels(normal).shape
    layout = normal.image.layout
    assert layout.max_width == f"{width}px" and layout.height == "auto" and layout.object_fit == "contain"
    plot.lecture_mode(True)
    big = widgets.gaussian_explorer()
    plot.lecture_mode(False)
    assert big.image.layout.max_width == f"{pixels(big).shape[1]}px" != layout.max_width
    for w in (normal, big):
        w.close()


def test_the_running_cell_is_read_from_ipykernel_5_and_6():
    from types import SimpleNamespace

    from gmm_teach.widgets import _compat

    message = {"header": {"msg_type": "execute_request", "msg_id": "m"}, "metadata": {"cellId": "c"}}
    assert _compat.parent_message(SimpleNamespace(get_parent=lambda: message)) is message  # ipykernel >= 6
    assert _compat.parent_message(SimpleNamespace(_parent_header=message)) is message  # ipykernel 5
    assert _compat.parent_message(SimpleNamespace()) is None
    assert _compat.parent_message(None) is None

    def broken():
        raise RuntimeError("no parent")

    assert _compat.parent_message(SimpleNamespace(get_parent=broken)) is None


def test_the_open_widget_registry_counts_open_widgets():
    from gmm_teach.widgets import _compat

    before = len(_compat.open_widgets())
    w = widgets.gaussian_explorer()
    model_id = w.model_id
    assert model_id in _compat.open_widgets() and len(_compat.open_widgets()) > before
    w.close()
    assert model_id not in _compat.open_widgets() and len(_compat.open_widgets()) == before
