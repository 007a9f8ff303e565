"""The variational explorer of chapter 11, driven as a learner would: the sliders refit (once per
setting) and move the picture and the caption, whose count of components above 1 % is the core's;
the words come in Japanese and English; close() releases everything; a problem is a message."""
import io
import re
import warnings

import numpy as np
import pytest
from PIL import Image

import gmm_teach as gt
from gmm_teach import i18n, plot, widgets
from gmm_teach.widgets import variational as module

pytestmark = pytest.mark.usefixtures("widget_clean_state")  # see tests/conftest.py


def _standardised(X):
    return (X - X.mean(axis=0)) / X.std(axis=0)


X_OF = _standardised(gt.old_faithful())


@pytest.fixture(scope="module")
def explorer():
    w = widgets.variational_explorer(X_OF)
    yield w
    w.close()


def pixels(widget) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(widget.image.value)).convert("RGB"))


def text(html_value: str) -> str:
    return re.sub(r"<[^>]+>", "", html_value)


def core_fit(K, alpha0, seed=0):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gt.ConvergenceWarning)
        return gt.fit_variational(X_OF, K, weight_concentration_prior=alpha0, seed=seed, max_iter=module.MAX_ITER)


# --- the numbers ---------------------------------------------------------------------------------------

def test_defaults_show_prmls_two_of_six(explorer):
    assert explorer.log_alpha.value == -2.0 and explorer.k_max.value == 6
    assert explorer.state["alpha0"] == 0.01 and explorer.state["K_max"] == 6 and explorer.state["kept"] == 2
    assert "2 of 6 components" in text(explorer.readout.value)
    assert "α₀ = 0.01" in text(explorer.readout.value)
    assert explorer.message.value == ""


@pytest.mark.parametrize("K_max, log_alpha", [(6, -2.0), (6, 2.0), (3, 0.0), (10, -4.0), (10, 3.0), (1, -1.0)])
def test_the_caption_counts_the_cores_components_above_one_percent(K_max, log_alpha):
    w = widgets.variational_explorer(X_OF)
    w.k_max.value, w.log_alpha.value = K_max, log_alpha
    r = core_fit(K_max, float(f"{10.0 ** log_alpha:.12g}"))
    np.testing.assert_array_equal(w.state["weights"], r.weights)
    kept = int((r.weights > 0.01).sum())
    assert w.state["kept"] == kept and w.state["K_max"] == K_max
    assert f"{kept} of {K_max} components" in text(w.readout.value)
    assert f"{r.lower_bounds[-1]:.2f}" in w.readout.value
    # the picture: ellipses and means of the kept components only, one bar per component
    visible = [k for k, ellipses in enumerate(w.ellipses) if ellipses[0].get_visible()]
    assert visible == list(np.flatnonzero(r.weights > 0.01))
    for k in visible:
        np.testing.assert_allclose(w.ellipses[k][0].get_center(), r.m[k])
    assert len(w.means.get_offsets()) == kept
    assert [b.get_visible() for b in w.bars] == [k < K_max for k in range(10)]
    for k in range(K_max):
        top = w.bars[k].get_y() + w.bars[k].get_height()
        assert top == pytest.approx(max(r.weights[k], module.WEIGHT_FLOOR))
    w.close()


def test_a_large_alpha0_keeps_every_component(explorer):
    w = widgets.variational_explorer(X_OF, weight_concentration_prior=100.0, K_max=4)
    assert w.state["kept"] == 4 and "4 of 4 components" in text(w.readout.value)
    w.close()


# --- driving it ----------------------------------------------------------------------------------------

def test_the_sliders_change_the_picture_and_each_setting_is_fitted_once(monkeypatch):
    calls = []
    real = module.fit_variational

    def counting(*args, **kwargs):
        calls.append((args[1], kwargs["weight_concentration_prior"]))
        return real(*args, **kwargs)

    monkeypatch.setattr(module, "fit_variational", counting)
    w = widgets.variational_explorer(X_OF)
    before = pixels(w)
    w.log_alpha.value = 2.0
    after_alpha = pixels(w)
    assert not np.array_equal(before, after_alpha) and w.state["kept"] == 6
    w.k_max.value = 8
    assert not np.array_equal(after_alpha, pixels(w)) and w.state["K_max"] == 8
    w.k_max.value = 6
    w.log_alpha.value = -2.0
    assert np.array_equal(before, pixels(w))  # the same picture again: blitting leaves nothing behind
    assert calls == [(6, 0.01), (6, 100.0), (8, 100.0)]  # back to a setting seen: taken from the cache
    assert set(w.results) == {(6, -2.0), (6, 2.0), (8, 2.0)}
    w.close()


def test_the_picture_matches_a_full_redraw():
    w = widgets.variational_explorer(X_OF)
    w.log_alpha.value = 1.0
    w.k_max.value = 9
    blitted = pixels(w)
    w.renderer.reset()
    w._render()
    assert np.array_equal(blitted, pixels(w))
    w.close()


def test_the_seed_is_the_cores_seed():
    w = widgets.variational_explorer(X_OF, seed=3, K_max=5, weight_concentration_prior=0.5)
    np.testing.assert_array_equal(w.state["weights"], core_fit(5, 0.5, seed=3).weights)
    w.close()


def test_a_problem_in_a_callback_is_a_message(monkeypatch):
    w = widgets.variational_explorer(X_OF)
    monkeypatch.setattr(plot, "update_points", lambda *a, **k: 1 / 0)
    w.log_alpha.value = 0.0
    assert "⚠" in w.message.value and "division by zero" in w.message.value
    monkeypatch.undo()
    w.log_alpha.value = 1.0
    assert w.message.value == "" and w.state["alpha0"] == 10.0
    w.close()


def test_a_fit_that_did_not_converge_gets_a_note(monkeypatch):
    monkeypatch.setattr(module, "MAX_ITER", 2)
    w = widgets.variational_explorer(X_OF)
    assert "ℹ" in w.message.value and "2 iterations" in w.message.value
    w.close()


# --- words ---------------------------------------------------------------------------------------------

def test_english_labels():
    w = widgets.variational_explorer(X_OF, language="en")
    assert w.log_alpha.description == "log₁₀ α₀"  # it fits the 110 px label column; the readout names it
    assert "components K" in w.k_max.description
    assert "Concentration α₀ = 0.01" in w.readout.value and "have an expected weight" in w.readout.value
    w.close()


def test_japanese_words_are_fixed_at_creation():
    gt.set_language("ja")
    w = widgets.variational_explorer(X_OF)
    gt.set_language("en")
    w.log_alpha.value = -1.0
    assert "成分数の上限" in w.k_max.description
    assert "集中度パラメータ α₀" in text(w.readout.value) and "6 個中 2 個" in text(w.readout.value) \
        and "である。" in w.readout.value
    w.close()


def test_the_title_and_labels_are_english_or_maths(explorer):
    for axis in explorer.axes:
        assert axis.get_xlabel() and axis.get_ylabel() and axis.get_title()
        assert all(ord(c) < 0x3000 for c in axis.get_xlabel() + axis.get_ylabel() + axis.get_title())
    assert explorer.title.get_text().endswith("2 of 6 above 1 %")


def test_messages_are_in_the_catalogue():
    catalogue = i18n.catalogue("widgets")
    for key in ("vexp_log_alpha", "vexp_K_max", "vexp_readout", "vexp_not_converged"):
        assert key in catalogue
        assert not catalogue[key]["ja"].endswith(("です。", "ます。"))


def test_lecture_mode_makes_a_larger_picture():
    normal = widgets.variational_explorer(X_OF)
    plot.lecture_mode(True)
    big = widgets.variational_explorer(X_OF)
    assert pixels(big).shape[1] > 1.3 * pixels(normal).shape[1]
    for w in (normal, big):
        w.close()


# --- closing -----------------------------------------------------------------------------------------

def test_close_releases_controls_figure_and_fits():
    w = widgets.variational_explorer(X_OF)
    parts = [w.log_alpha, w.k_max, w.image, w.readout, w.message, w.log_alpha.layout, w.k_max.style]
    assert all(p.comm is not None for p in parts)
    w.close()
    assert w.comm is None and all(p.comm is None for p in parts)
    assert w.fig is None and w.renderer is None and w.results is None and w.ellipses is None and w.X is None
    assert not w.log_alpha._trait_notifiers.get("value", {}).get("change")  # the callbacks are gone
    w.close()  # twice is fine


def test_repr_is_short_and_stable(explorer):
    assert repr(explorer) == "<gmm_teach VariationalExplorer>"
