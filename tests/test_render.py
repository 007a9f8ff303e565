"""gmm_teach.plot._render: PNG bytes, the blitting renderer and the grouped scatter give the pictures
matplotlib would, and every matplotlib internal they use is still there and means what it meant.

The tests marked "internal" check one private matplotlib attribute or method each (see the
``# INTERNAL:`` comments in gmm_teach/plot/_render.py). If a matplotlib release fails one of them,
change _render.py before anything else: the widgets' pictures depend on it.
"""
import io

import numpy as np
import pytest
from matplotlib.backend_bases import GraphicsContextBase
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.path import Path
from matplotlib.text import Text
from matplotlib.transforms import Transform
from PIL import Image

import gmm_teach as gt
from gmm_teach import plot


@pytest.fixture(scope="module")
def X():
    return gt.textbook_data()


@pytest.fixture(scope="module")
def result(X):
    return gt.fit(X, 3, init="textbook", seed=11, reg_covar=1e-6)


def decode(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


# --- the pictures -----------------------------------------------------------------------------------

def test_grouped_scatter_looks_like_matplotlib_scatter(X, result):
    """Colour groups are drawn as matplotlib draws a one-colour scatter (stamped markers)."""
    def picture(make):
        fig, ax = plot.subplots(figsize=(4, 4))
        make(ax)
        ax.set_xlim(-7, 7)
        ax.set_ylim(-4, 8)
        return decode(plot.figure_to_png(fig)).astype(float)

    one_hot = np.tile([1.0, 0.0, 0.0], (len(X), 1))  # every point fully in component 0: one group
    grouped = picture(lambda ax: plot.draw_points(ax, X, one_hot))
    uniform = picture(lambda ax: ax.scatter(X[:, 0], X[:, 1], s=plot.current_style().point_size,
                                            c=[plot.component_colors(1)[0]], alpha=plot.POINT_ALPHA, linewidths=0))
    assert np.abs(grouped - uniform).max() <= 8  # the same stamps; colours rounded to 1/31

    resp = gt.e_step(X, result.history[3])[0]  # soft colours: many groups
    grouped = picture(lambda ax: plot.draw_points(ax, X, resp))

    def per_point(ax):  # matplotlib's own drawing, marker by marker
        points = plot.draw_points(ax, X, resp)
        points.draw = lambda renderer: PathCollection.draw(points, renderer)

    plain = picture(per_point)

    def blocks(a, b=8):  # average over b x b pixels: stamped markers sit on whole pixels
        h, w, c = a.shape
        return a[: h // b * b, : w // b * b].reshape(h // b, b, w // b, b, c).mean(axis=(1, 3))

    assert np.abs(blocks(grouped) - blocks(plain)).mean() < 2.0  # of 255
    ink = [(255 - p).sum() for p in (grouped, plain)]
    assert ink[0] / ink[1] == pytest.approx(1.0, abs=0.05)  # the same amount of colour


def test_encode_png_round_trip():
    rng = np.random.default_rng(0)
    rgb = rng.integers(0, 256, size=(17, 23, 3), dtype=np.uint8)
    np.testing.assert_array_equal(decode(plot.encode_png(rgb)), rgb)


def test_fast_renderer_draws_the_same_pixels_as_a_full_draw(X, result):
    fig, (ax, ax_ll) = plot.subplots(1, 2, figsize=(8, 3.5))
    view = plot.EMView(ax, X, 3, truth=gt.TEXTBOOK_TRUTH)
    ll = plot.draw_log_likelihood(ax_ll, result.log_likelihoods, current=1)
    changed = view.update(result.history[1], result.responsibilities, title="x")
    renderer = plot.PngRenderer(fig, changed + [ll[1]])
    first = renderer.render()
    for t in (2, 7, result.n_iter):
        view.update(result.history[t], gt.e_step(X, result.history[t - 1])[0], title=plot.iteration_title(t, "M"))
        plot.update_log_likelihood(ll, current=t)
        fast = decode(renderer.render())
        full = decode(plot.figure_to_png(fig))  # an ordinary full draw of the same state
        np.testing.assert_array_equal(fast, full)
    assert not np.array_equal(decode(first), fast)


def test_encode_png_is_a_png_pillow_reads_at_every_compress_level():
    rgb = np.zeros((40, 50, 3), dtype=np.uint8)
    rgb[10:30, 5:45] = (0, 114, 178)
    for level in (0, 1, 6, 9):
        np.testing.assert_array_equal(decode(plot.encode_png(rgb, level)), rgb)


def test_the_renderer_redraws_a_changing_left_title(X, result):
    fig, ax = plot.subplots(figsize=(4, 3))
    view = plot.EMView(ax, X, 3)
    left = ax.set_title("t = 1", loc="left")
    renderer = plot.PngRenderer(fig, [*view.update(result.history[1]), left])
    renderer.render()
    left.set_text("t = 2, a longer title")
    np.testing.assert_array_equal(decode(renderer.render()), decode(plot.figure_to_png(fig)))


def test_grouped_scatter_stamps_one_marker_per_colour_group(X, result):
    """The fast path is taken (not silently the slow fallback): one draw_markers call per colour group."""
    fig, ax = plot.subplots(figsize=(4, 4))
    points = plot.draw_points(ax, X, gt.e_step(X, result.params)[0], hard=True)  # K = 3 colours
    groups = points.colour_groups()
    assert groups is not None and groups[2] == 3
    fig.canvas.draw()
    calls = []

    class Spy:  # the Agg renderer, counting the markers stamped and any per-point drawing
        def __init__(self, renderer):
            self._renderer = renderer

        def __getattr__(self, name):
            return getattr(self._renderer, name)

        def draw_markers(self, gc, path, trans, offsets, *args):
            calls.append(len(offsets.vertices))
            return self._renderer.draw_markers(gc, path, trans, offsets, *args)

        def draw_path_collection(self, *args, **kwargs):
            raise AssertionError("GroupedScatter fell back to matplotlib's per-point drawing")

    points.draw(Spy(fig.canvas.get_renderer()))
    assert sorted(calls) == sorted(np.bincount(groups[1]).tolist()) and sum(calls) == len(X)


def test_grouped_scatter_falls_back_for_varied_colours_and_few_points(X):
    fig, ax = plot.subplots()
    rng = np.random.default_rng(0)
    varied = plot.draw_points(ax, X, rng.dirichlet([1, 1, 1], size=len(X)))
    assert varied.colour_groups() is None  # nearly every point its own colour
    few = plot.draw_points(ax, X[:50])
    assert few.colour_groups() is None


# --- the matplotlib internals that _render.py uses -------------------------------------------------

def test_internal_axes_left_and_right_titles_are_the_text_artists_of_set_title():
    ax = Figure().add_subplot()
    assert ax.set_title("L", loc="left") is ax._left_title and isinstance(ax._left_title, Text)
    assert ax.set_title("R", loc="right") is ax._right_title and isinstance(ax._right_title, Text)
    assert ax.set_title("C") is ax.title
    children = ax.get_children()
    assert any(c is ax._left_title for c in children) and any(c is ax._right_title for c in children)


def test_internal_prepare_points_gives_transforms_display_offsets_and_paths(X):
    fig, ax = plot.subplots()
    points = plot.draw_points(ax, X)
    fig.canvas.draw()
    prepared = points._prepare_points()
    assert isinstance(prepared, tuple) and len(prepared) == 4
    transform, offset_trf, offsets, paths = prepared
    assert isinstance(transform, Transform) and isinstance(offset_trf, Transform)
    np.testing.assert_allclose(offset_trf.transform(offsets), ax.transData.transform(X))
    assert len(paths) == 1 and isinstance(paths[0], Path)
    assert len(paths[0].vertices) > 4  # the circle marker


def test_internal_set_gc_clip_clips_to_the_axes():
    fig, ax = plot.subplots()
    points = plot.draw_points(ax, gt.textbook_data(n=300))
    fig.canvas.draw()
    gc = GraphicsContextBase()
    points._set_gc_clip(gc)
    assert gc.get_clip_rectangle() is not None
    np.testing.assert_allclose(gc.get_clip_rectangle().bounds, ax.bbox.bounds)


def test_the_public_getters_grouped_scatter_reads_return_arrays(X):
    fig, ax = plot.subplots()
    points = plot.draw_points(ax, X)
    assert isinstance(points, PathCollection)
    assert np.asarray(points.get_linewidth()).tolist() == [0.0]
    assert len(points.get_antialiased()) == 1
    assert np.asarray(points.get_sizes()).tolist() == [plot.current_style().point_size]
