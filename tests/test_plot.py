"""Tests of gmm_teach.plot: geometry against the maths, colours under colour-blindness
simulation, in-place updates, the lecture preset, and that matplotlib's global state is
never touched."""
import io
import itertools

import matplotlib as mpl
import numpy as np
import pytest
from matplotlib.collections import PathCollection
from matplotlib.patches import Ellipse
from PIL import Image

import gmm_teach as gt
from gmm_teach import plot


@pytest.fixture(autouse=True)
def rc_untouched():
    """Every plot call and lecture_mode call leaves matplotlib's rcParams exactly as they were."""
    before = mpl.rcParams.copy()
    yield
    plot.lecture_mode(False)
    after = mpl.rcParams.copy()
    changed = [k for k in before if before[k] != after[k]]
    assert not changed, f"rcParams changed: {changed}"


@pytest.fixture(scope="module")
def X():
    return gt.textbook_data()


@pytest.fixture(scope="module")
def result(X):
    return gt.fit(X, 3, init="textbook", seed=11, reg_covar=1e-6)


def decode(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


# --- colours -------------------------------------------------------------------------------

# Machado, Oliveira & Fernandes (2009), severity 1, acting on linear RGB.
CVD = {
    "protanopia": np.array([[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                            [-0.003882, -0.048116, 1.051998]]),
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                              [-0.011820, 0.042940, 0.968881]]),
    "tritanopia": np.array([[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602],
                            [0.004733, 0.691367, 0.303900]]),
}


def _linear(c):
    c = np.asarray(c, float)
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def _lab(rgb):
    """CIELAB (D65) of sRGB colours in [0, 1], (m, 3)."""
    xyz = _linear(rgb) @ np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722],
                                   [0.0193, 0.1192, 0.9505]]).T
    xyz /= np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.stack([116 * f[:, 1] - 16, 500 * (f[:, 0] - f[:, 1]), 200 * (f[:, 1] - f[:, 2])], axis=1)


def _simulate(rgb, matrix):
    lin = np.clip(_linear(rgb) @ matrix.T, 0, 1)
    return np.where(lin <= 0.0031308, 12.92 * lin, 1.055 * lin ** (1 / 2.4) - 0.055)


def _min_distance(rgb):
    lab = _lab(np.asarray(rgb))
    return min(np.linalg.norm(a - b) for a, b in itertools.combinations(lab, 2))


@pytest.mark.parametrize("K", range(1, 11))
def test_component_colors_are_distinct_rgb(K):
    colors = plot.component_colors(K)
    assert len(colors) == K
    assert all(len(c) == 3 and all(0 <= v <= 1 for v in c) for c in colors)
    assert len(set(colors)) == K
    assert colors == plot.component_colors(10)[:K]  # component k keeps its colour whatever K is


@pytest.mark.parametrize("deficiency", sorted(CVD))
def test_component_colors_stay_apart_under_colour_blindness(deficiency):
    for K in range(2, 11):
        colors = plot.component_colors(K)
        assert _min_distance(colors) > 20, K  # normal vision: clearly different
        # 10 CIELAB units: clearly distinguishable side by side (about 4-5 just noticeable differences)
        assert _min_distance(_simulate(colors, CVD[deficiency])) > 12, (deficiency, K)
    # the chapter's three components stay far apart for red-green deficiencies
    if deficiency != "tritanopia":
        assert _min_distance(_simulate(plot.component_colors(3), CVD[deficiency])) > 40


@pytest.mark.parametrize("K", [0, 11, 2.5, True])
def test_component_colors_rejects_bad_K(K):
    with pytest.raises(ValueError, match="K = 1..10"):
        plot.component_colors(K)


def test_mix_colors_is_the_responsibility_weighted_mix():
    colors = plot.component_colors(3)
    resp = np.array([[1, 0, 0], [0, 0, 1], [0.5, 0.5, 0], [0.2, 0.3, 0.5]])
    mixed = plot.mix_colors(resp, colors)
    assert mixed.shape == (4, 3)
    np.testing.assert_allclose(mixed[0], colors[0])
    np.testing.assert_allclose(mixed[1], colors[2])
    np.testing.assert_allclose(mixed[2], (np.array(colors[0]) + colors[1]) / 2)
    np.testing.assert_allclose(mixed[3], 0.2 * np.array(colors[0]) + 0.3 * np.array(colors[1]) + 0.5 * np.array(colors[2]))
    hard = plot.hard_colors(resp, colors)
    np.testing.assert_allclose(hard[3], colors[2])
    np.testing.assert_allclose(plot.mix_colors(resp, ["red", "green", "blue"])[0], [1, 0, 0])
    with pytest.raises(ValueError, match="need 3 colours"):
        plot.mix_colors(resp, ["red"])


# --- ellipses --------------------------------------------------------------------------------

def test_probability_mass_of_mahalanobis_radii():
    assert plot.probability_mass(1) == pytest.approx(0.3935, abs=1e-4)
    assert plot.probability_mass(2) == pytest.approx(0.8647, abs=1e-4)
    assert plot.probability_mass(3) == pytest.approx(0.9889, abs=1e-4)
    assert [plot.mass_label(r) for r in (1, 2, 3)] == ["39.3%", "86.5%", "98.9%"]


def _boundary_mahalanobis(ellipse: Ellipse, mu, sigma):
    """Mahalanobis distances of points on the drawn ellipse's outline (data coordinates)."""
    t = np.linspace(0, 2 * np.pi, 50)
    unit_circle = np.column_stack([np.cos(t), np.sin(t)])
    outline = ellipse.get_patch_transform().transform(unit_circle)  # patch -> data coordinates
    diff = outline - mu
    return np.sqrt(np.einsum("ni,ij,nj->n", diff, np.linalg.inv(sigma), diff))


def test_ellipses_follow_the_eigen_decomposition():
    fig, ax = plot.subplots()
    params = gt.TEXTBOOK_TRUTH
    ellipses = plot.draw_ellipses(ax, params, radii=(1, 2, 3))
    assert isinstance(ellipses, list) and len(ellipses) == 9
    assert all(isinstance(e, Ellipse) and e.axes is ax for e in ellipses)
    for k in range(3):
        vals, vecs = np.linalg.eigh(params.sigma[k])
        for i, r in enumerate((1, 2, 3)):
            e = ellipses[3 * k + i]
            assert e.width == pytest.approx(2 * r * np.sqrt(vals[1]))
            assert e.height == pytest.approx(2 * r * np.sqrt(vals[0]))
            major = np.array([np.cos(np.radians(e.angle)), np.sin(np.radians(e.angle))])
            assert abs(major @ vecs[:, 1]) == pytest.approx(1.0)  # the width lies along the major eigenvector
            np.testing.assert_allclose(e.center, params.mu[k])
            # independent check: every point of the outline is at Mahalanobis distance r
            np.testing.assert_allclose(_boundary_mahalanobis(e, params.mu[k], params.sigma[k]), r, rtol=1e-9)


def test_update_ellipses_in_place_and_truth_dashed(result):
    fig, ax = plot.subplots()
    truth = plot.draw_ellipses(ax, gt.TEXTBOOK_TRUTH, linestyle="--", colors=[plot.TRUTH_COLOR] * 3)
    est = plot.draw_ellipses(ax, result.history[0], mass_labels=True)
    assert all(e.get_linestyle() == "--" for e in truth)
    assert all(e.get_linestyle() == "-" for e in est)
    assert [t.get_text() for t in est.labels] == ["39.3%", "86.5%"] * 3
    n_patches = len(ax.patches)
    ids = [id(e) for e in est]
    changed = plot.update_ellipses(est, result.params)
    assert [id(e) for e in est] == ids and len(ax.patches) == n_patches
    assert set(map(id, est)) <= set(map(id, changed))
    for k in range(3):
        w, h, _ = gt.ellipse_geometry(result.params.sigma[k], 2.0)
        assert est[2 * k + 1].width == pytest.approx(w) and est[2 * k + 1].height == pytest.approx(h)
        np.testing.assert_allclose(_boundary_mahalanobis(est[2 * k], result.params.mu[k], result.params.sigma[k]), 1)
    with pytest.raises(ValueError, match="another number of components"):
        plot.update_ellipses(est, gt.GMMParams([1.0], [[0, 0]], [np.eye(2)]))


# --- points, means, log-likelihood --------------------------------------------------------------

def test_points_coloured_by_responsibilities(X, result):
    fig, ax = plot.subplots()
    points = plot.draw_points(ax, X)
    assert isinstance(points, PathCollection)
    np.testing.assert_allclose(points.get_facecolors()[:, :3], np.tile(plot.NEUTRAL_COLOR, (len(X), 1)))
    resp = result.responsibilities
    plot.update_points(points, resp)
    np.testing.assert_allclose(points.get_facecolors()[:, :3], plot.mix_colors(resp))
    np.testing.assert_allclose(points.get_facecolors()[:, 3], plot.POINT_ALPHA)
    plot.update_points(points, resp, hard=True)
    np.testing.assert_allclose(points.get_facecolors()[:, :3], plot.hard_colors(resp))
    means = plot.draw_means(ax, result.params)
    np.testing.assert_allclose(means.get_offsets(), result.params.mu)
    plot.update_means(means, result.history[0])
    np.testing.assert_allclose(means.get_offsets(), result.history[0].mu)
    with pytest.raises(ValueError, match=r"shape \(n, K\)"):
        plot.update_points(points, resp[:10])


def test_log_likelihood_curve_and_marker(result):
    fig, ax = plot.subplots()
    ll = result.log_likelihoods
    line, marker = plot.draw_log_likelihood(ax, ll, current=3)
    np.testing.assert_array_equal(line.get_xdata(), np.arange(1, len(ll) + 1))
    np.testing.assert_array_equal(line.get_ydata(), ll)
    assert list(marker.get_xdata()) == [3] and list(marker.get_ydata()) == [ll[2]]  # ll[t - 1] after iteration t
    plot.update_log_likelihood((line, marker), current=len(ll))
    assert list(marker.get_ydata()) == [ll[-1]]
    plot.update_log_likelihood((line, marker), current=None)
    assert len(marker.get_xdata()) == 0
    with pytest.raises(ValueError, match="no log-likelihood is drawn at iteration 0"):
        plot.update_log_likelihood((line, marker), current=0)
    line, marker = plot.draw_log_likelihood(ax, ll, current=0, initial=-5000.0)
    assert list(marker.get_ydata()) == [-5000.0] and line.get_xdata()[0] == 0
    assert ax.get_xlabel().startswith("Iteration") and ax.get_ylabel() == "Log-likelihood"


def test_iteration_titles():
    assert plot.iteration_title(5, "M") == "Iteration 5 (after M-step)"
    assert plot.iteration_title(5, "E") == "Iteration 5 (after E-step)"
    assert "iteration 0" in plot.iteration_title(0, "init")
    with pytest.raises(ValueError):
        plot.iteration_title(1, "X")


# --- densities and eigenvectors ----------------------------------------------------------------------

def test_density_1d_is_the_sum_of_weighted_components():
    params = gt.GMMParams([0.3, 0.7], [[-2.0], [1.5]], [[[0.5]], [[1.2]]])
    fig, ax = plot.subplots()
    x = np.linspace(-8, 8, 2001)
    mixture, components = plot.draw_density_1d(ax, params, x=x)
    assert len(components) == 2
    y = mixture.get_ydata()
    np.testing.assert_allclose(y, components[0].get_ydata() + components[1].get_ydata())
    assert np.trapezoid(y, x) == pytest.approx(1.0, abs=1e-6)
    assert np.trapezoid(components[0].get_ydata(), x) == pytest.approx(0.3, abs=1e-6)
    assert ax.get_title() and ax.get_xlabel() == "$x$"
    # code counts components from 0, formulas from 1: the legend names the component, never mu_0 or mu_1
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["component 0", "component 1", "$p(x)$"]
    assert not any("_{" in label or "_0" in label for label in labels[:2])
    other = gt.GMMParams([0.5, 0.5], [[0.0], [3.0]], [[[1.0]], [[1.0]]])
    plot.update_density_1d((mixture, components), other)
    assert np.trapezoid(components[1].get_ydata(), x) == pytest.approx(0.5, abs=1e-6)
    with pytest.raises(ValueError, match="d = 1"):
        plot.draw_density_1d(ax, gt.TEXTBOOK_TRUTH)


def test_density_contours_and_grid():
    xs, ys, Z = plot.density_grid(gt.TEXTBOOK_TRUTH, (-10, 10), (-8, 12), grid=300)
    assert Z.shape == (300, 300)
    assert np.trapezoid(np.trapezoid(Z, xs, axis=1), ys) == pytest.approx(1.0, abs=1e-3)
    fig, ax = plot.subplots()
    contours = plot.draw_density_contours(ax, gt.TEXTBOOK_TRUTH, levels=6)
    assert len(contours.levels) >= 4
    assert ax.get_xlabel() == "$x_1$" and "density" in ax.get_title()


def test_eigenvector_arrows_have_length_sqrt_eigenvalue():
    sigma = np.array([[2.0, 0.8], [0.8, 1.0]])
    mean = np.array([1.0, -1.0])
    fig, ax = plot.subplots()
    arrows, texts = plot.draw_eigenvectors(ax, mean, sigma)
    vals = np.linalg.eigvalsh(sigma)[::-1]
    tips = [np.array(a.xy) - mean for a in arrows]
    np.testing.assert_allclose([np.linalg.norm(t) for t in tips], np.sqrt(vals))
    assert tips[0] @ tips[1] == pytest.approx(0, abs=1e-12)
    np.testing.assert_allclose(sigma @ tips[0], vals[0] * tips[0])  # an eigenvector
    assert len(texts) == 2
    plot.update_eigenvectors((arrows, texts), [0, 0], np.diag([4.0, 1.0]))
    np.testing.assert_allclose(arrows[0].xy, [2.0, 0.0])
    np.testing.assert_allclose(np.abs(arrows[1].xy), [0.0, 1.0], atol=1e-12)


# --- EMView -----------------------------------------------------------------------------------------

def test_emview_updates_artists_in_place(X, result):
    fig, ax = plot.subplots()
    view = plot.EMView(ax, X, 3, truth=gt.TEXTBOOK_TRUTH)
    assert len(view.truth_ellipses) == 6 and all(e.get_linestyle() == "--" for e in view.truth_ellipses)
    assert not any(e.get_visible() for e in view.ellipses)  # nothing to show before the first update
    limits = (ax.get_xlim(), ax.get_ylim())
    n_children = len(ax.get_children())
    resp = gt.e_step(X, result.history[0])[0]
    changed = view.update(result.history[1], resp, title=plot.iteration_title(1, "M"))
    assert view.points in changed and view.means in changed and view.title in changed
    assert all(e in changed for e in view.ellipses)
    assert view.title.get_text() == "Iteration 1 (after M-step)"
    np.testing.assert_allclose(view.points.get_facecolors()[:, :3], plot.mix_colors(resp))
    for t in range(2, result.n_iter + 1):
        view.update(result.history[t], None)
    np.testing.assert_allclose(view.points.get_facecolors()[0, :3], plot.NEUTRAL_COLOR)
    np.testing.assert_allclose(view.means.get_offsets(), result.params.mu)
    w, h, _ = gt.ellipse_geometry(result.params.sigma[2], 1.0)
    assert view.ellipses[4].width == pytest.approx(w) and view.ellipses[4].height == pytest.approx(h)
    assert (ax.get_xlim(), ax.get_ylim()) == limits  # the picture does not jump
    assert len(ax.get_children()) == n_children
    assert view.title.get_text() == "Iteration 1 (after M-step)"  # title=None keeps it
    with pytest.raises(ValueError, match="K = 3"):
        view.update(gt.GMMParams([1.0], [[0, 0]], [np.eye(2)]))


def test_emview_hard_mode_and_custom_colors(X, result):
    fig, ax = plot.subplots()
    view = plot.EMView(ax, X, 3, colors=["red", "green", "blue"], radii=(1,))
    assert len(view.ellipses) == 3
    view.hard = True
    view.update(result.params, result.responsibilities)
    used = {tuple(np.round(c, 3)) for c in view.points.get_facecolors()[:, :3]}
    assert used == {(1, 0, 0), (0, 0.502, 0), (0, 0, 1)}  # "green" is (0, 128/255, 0)


# --- figures, rendering, lecture mode -------------------------------------------------------------------

def test_new_figure_is_unknown_to_pyplot():
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    fig, axes = plot.subplots(1, 2, figsize=(6, 3), width_ratios=[2, 1])
    assert len(axes) == 2 and plt.get_fignums() == before
    png = plot.figure_to_png(fig)
    dpi = plot.current_style().dpi
    assert png.startswith(b"\x89PNG") and decode(png).shape == (round(3 * dpi), round(6 * dpi), 3)


def test_lecture_mode_makes_figures_bigger_without_touching_rcparams():
    fig, ax = plot.subplots(figsize=(5, 4))
    normal_size, normal_title = fig.get_size_inches(), ax.title.get_fontsize()
    before = mpl.rcParams.copy()
    plot.lecture_mode(True)
    assert plot.is_lecture_mode() and plot.current_style() is plot.LECTURE_STYLE
    assert mpl.rcParams == before
    fig2, ax2 = plot.subplots(figsize=(5, 4))
    view = plot.EMView(ax2, gt.textbook_data(n=100), 3)
    assert (fig2.get_size_inches() > normal_size).all()
    assert ax2.title.get_fontsize() > normal_title
    assert ax2.xaxis.get_major_ticks()[0].label1.get_fontsize() >= 15
    assert view.ellipses[0].get_linewidth() > plot.NORMAL_STYLE.line_width
    assert mpl.rcParams == before
    plot.lecture_mode(False)
    assert not plot.is_lecture_mode() and mpl.rcParams == before


def test_no_plot_function_changes_rcparams(X, result):
    before = mpl.rcParams.copy()
    for on in (False, True):
        plot.lecture_mode(on)
        fig, ax = plot.subplots()
        plot.draw_ellipses(ax, result.params, mass_labels=True)
        plot.draw_points(ax, X, result.responsibilities)
        plot.draw_means(ax, result.params)
        plot.draw_density_contours(ax, result.params, filled=True)
        plot.draw_eigenvectors(ax, [0, 0], np.eye(2))
        fig2, ax2 = plot.subplots()
        plot.draw_log_likelihood(ax2, result.log_likelihoods, current=2)
        plot.draw_density_1d(ax2, gt.GMMParams([1.0], [[0.0]], [[[1.0]]]))
        plot.EMView(ax2, X, 3).update(result.params)
        plot.PngRenderer(fig).render()
        assert mpl.rcParams == before


def test_ellipses_far_from_the_origin_do_not_stretch_the_limits():
    from matplotlib.figure import Figure
    ax = Figure().add_subplot()
    far = gt.GMMParams([0.5, 0.5], [[100.0, 100.0], [104.0, 101.0]], [np.eye(2), np.eye(2)])
    plot.draw_ellipses(ax, far, radii=(1, 2))
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    assert 90 < x0 < 98 and 106 < x1 < 115 and 90 < y0 < 98 and 102 < y1 < 110
