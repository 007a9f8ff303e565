"""Static drawing of Gaussian mixtures with matplotlib.

Every ``draw_*`` function takes the Axes to draw on and returns the artists it made, so
that a widget or an animation can change them in place with the matching ``update_*``
function instead of drawing a new picture. Nothing here fits a model or touches
matplotlib's global rcParams.

Words on the plots stay in English or maths (every font can draw them); the words a
learner reads around the plots live in ``gmm_teach.widgets``.

    fig, ax = subplots()                       # a Figure in the current style, not shown by pyplot
    view = EMView(ax, X, K=3, truth=TEXTBOOK_TRUTH)
    view.update(result.history[5], e_step(X, result.history[4])[0], title=iteration_title(5, "M"))

``lecture_mode(True)`` makes every later gmm_teach figure and widget large enough to read
from the back of a lecture hall.
"""
from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

import matplotlib as mpl
import numpy as np
from matplotlib.artist import allow_rasterization
from matplotlib.axis import Axis
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Ellipse
from matplotlib.collections import PathCollection
from matplotlib.markers import MarkerStyle
from matplotlib.path import Path
from matplotlib.transforms import Affine2D, Bbox, IdentityTransform, ScaledTranslation

from ._validation import as_float_array, check_data
from .gaussian import ellipse_geometry, log_pdf
from .params import GMMParams, check_params

# --- style: normal and lecture ---------------------------------------------------------


@dataclass(frozen=True)
class Style:
    """Sizes used by gmm_teach figures and widgets. Font sizes of None leave matplotlib's own."""

    font_size: float | None  # tick labels, legends, small annotations (pt)
    label_size: float | None  # axis labels (pt)
    title_size: float | None  # axes titles (pt)
    line_width: float  # ellipses and curves (pt)
    point_size: float  # scatter marker area of a data point (pt^2)
    mean_size: float  # marker area of a component mean (pt^2)
    figure_scale: float  # multiplies every figure size gmm_teach chooses
    dpi: float  # pixels per inch of widget pictures
    html_font: str  # CSS font-size of widget readouts and messages
    control_font: str | None  # CSS font-size of control labels and buttons (None: the notebook's)
    control_width: str  # CSS width of a slider with its label
    description_width: str  # CSS width of a slider's label


# Widget pictures are PNGs shown at their pixel size: dpi sets how large they look on screen.
NORMAL_STYLE = Style(font_size=None, label_size=None, title_size=None, line_width=1.8, point_size=9.0,
                     mean_size=110.0, figure_scale=1.0, dpi=80.0, html_font="14px", control_font=None,
                     control_width="340px", description_width="110px")
# Projector: text of 20-27 px and lines of 4 px; the stepper picture is about 1150 px wide.
LECTURE_STYLE = Style(font_size=15.0, label_size=17.0, title_size=19.0, line_width=3.0, point_size=20.0,
                      mean_size=260.0, figure_scale=1.2, dpi=100.0, html_font="22px", control_font="20px",
                      control_width="480px", description_width="170px")

_lecture = False  # module state: set by lecture_mode()


def lecture_mode(on: bool = True) -> None:
    """Switch every gmm_teach figure and widget made from now on to projector sizes (or back).

    Larger fonts, thicker lines, bigger markers, figures and widget controls. Only figures
    and widgets created afterwards change; matplotlib's global rcParams are never touched,
    so the learner's own plots look as before.
    """
    global _lecture
    _lecture = bool(on)


def is_lecture_mode() -> bool:
    """True while lecture_mode(True) is in effect."""
    return _lecture


def current_style() -> Style:
    """The Style in effect: LECTURE_STYLE in lecture mode, else NORMAL_STYLE."""
    return LECTURE_STYLE if _lecture else NORMAL_STYLE


def _rc(style: Style) -> dict:
    """rcParams applied (inside rc_context only) while gmm_teach builds its own figures."""
    rc = {"lines.linewidth": style.line_width, "axes.linewidth": 0.6 * style.line_width,
          "xtick.major.width": 0.5 * style.line_width, "ytick.major.width": 0.5 * style.line_width}
    if style.font_size is not None:
        rc.update({"font.size": style.font_size, "axes.titlesize": style.title_size,
                   "axes.labelsize": style.label_size, "xtick.labelsize": style.font_size,
                   "ytick.labelsize": style.font_size, "legend.fontsize": style.font_size})
    return rc


def style_axes(ax):
    """Apply the current style's font sizes to an Axes' ticks, labels and title (explicitly, not via rcParams)."""
    style = current_style()
    if style.font_size is not None:
        ax.tick_params(labelsize=style.font_size, width=0.5 * style.line_width, length=2.5 * style.line_width)
        ax.xaxis.label.set_fontsize(style.label_size)
        ax.yaxis.label.set_fontsize(style.label_size)
        ax.title.set_fontsize(style.title_size)
    return ax


def new_figure(figsize=(5.0, 4.0), dpi: float | None = None) -> Figure:
    """A matplotlib Figure with an Agg canvas, in the current style, unknown to pyplot.

    pyplot never sees it, so a notebook does not display it a second time and it is freed
    as soon as nothing refers to it. figsize is multiplied by the style's figure_scale.
    """
    style = current_style()
    with mpl.rc_context(_rc(style)):
        fig = Figure(figsize=(figsize[0] * style.figure_scale, figsize[1] * style.figure_scale),
                     dpi=style.dpi if dpi is None else dpi, facecolor="white")
    FigureCanvasAgg(fig)
    return fig


def subplots(nrows: int = 1, ncols: int = 1, figsize=(5.0, 4.0), dpi: float | None = None, fig=None, **kwargs):
    """Like plt.subplots but with new_figure: returns (fig, ax) or (fig, array of Axes), styled.

    Extra keyword arguments go to Figure.subplots (e.g. width_ratios=[3, 2]). With fig=, that
    figure is cleared and reused (its size stays) instead of making a new one.
    """
    if fig is None:
        fig = new_figure(figsize, dpi)
    else:
        fig.clear()
    kwargs.setdefault("squeeze", True)
    with mpl.rc_context(_rc(current_style())):
        axes = fig.subplots(nrows, ncols, **kwargs)
        for ax in np.atleast_1d(axes).ravel():
            style_axes(ax)
        fig.set_layout_engine("constrained")
    return fig, axes


def _png_chunk(tag: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)


def encode_png(rgb: np.ndarray, compress_level: int = 1) -> bytes:
    """PNG bytes of an (h, w, 3) uint8 image: no row filter, zlib at compress_level.

    For plots (large flat areas) this is about 2x faster than Pillow at the same level and
    no larger; level 1 is several times faster than the usual 6 and nearly as small.
    """
    h, w, _ = rgb.shape
    raw = np.empty((h, 3 * w + 1), dtype=np.uint8)  # each row: filter byte 0, then R G B R G B ...
    raw[:, 0] = 0
    raw[:, 1:] = rgb.reshape(h, 3 * w)
    header = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlace
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header)
            + _png_chunk(b"IDAT", zlib.compress(raw.tobytes(), compress_level)) + _png_chunk(b"IEND", b""))


def figure_to_png(fig: Figure, compress_level: int = 1, draw: bool = True) -> bytes:
    """The figure as PNG bytes, drawn with Agg (draw=False: encode the canvas as it is, e.g. after a blit)."""
    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    if draw:
        canvas.draw()
    return encode_png(np.asarray(canvas.buffer_rgba())[..., :3], compress_level)


class PngRenderer:
    """Render a figure to PNG over and over, redrawing only the artists that change (blitting).

        renderer = PngRenderer(fig, dynamic=[scatter, *ellipses, title])
        png = renderer.render()   # after changing the dynamic artists in place
        renderer.reset()          # after changing anything else (new artists, limits, sizes)

    The first render draws everything else once as a background. Later renders paste that
    background and draw only the dynamic artists, plus the static ones drawn on top of them
    (higher zorder, overlapping), in the same order as a full draw: the pixels are the same
    as fig.canvas.draw() would give, at a fraction of the cost (no tick layout, no text
    layout of static labels). With dynamic=() every render is a full draw.
    The figure's layout engine is applied on each reset and then frozen, so sizes stay put.
    """

    def __init__(self, fig: Figure, dynamic=(), compress_level: int = 1):
        self.fig = fig
        self.canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
        self.compress_level = compress_level
        self._engine = fig.get_layout_engine()
        self.reset(dynamic)

    def reset(self, dynamic=None) -> None:
        """Forget the background (and with a list, change the dynamic artists)."""
        if dynamic is not None:
            self.dynamic = list(dynamic)
        self._background, self._layers = None, []

    @staticmethod
    def _regions(ax, dynamic, renderer):
        """Where the dynamic artists of ax can draw (display boxes), or None for anywhere."""
        regions = []
        titles = (ax.title, ax._left_title, ax._right_title)
        for a in dynamic:
            if a.get_clip_on() and a.get_clip_box() is not None:
                regions.append(a.get_clip_box())  # inside the axes
            elif any(a is t for t in titles):  # a title: its row above the axes
                ext = a.get_window_extent(renderer)
                regions.append(Bbox.from_extents(min(ext.x0, ax.bbox.x0), ext.y0, max(ext.x1, ax.bbox.x1), ext.y1))
            else:  # may go anywhere
                return None
        return [r.padded(2) for r in regions]

    @classmethod
    def _layer(cls, ax, dynamic, renderer) -> list:
        """The children of ax to draw over the background: dynamic ones and static ones on top of them."""
        threshold = min(a.get_zorder() for a in dynamic)
        regions = cls._regions(ax, dynamic, renderer)
        layer = []
        for c in ax.get_children():
            if c is ax.patch or c.get_zorder() < threshold:
                continue
            if c in dynamic or regions is None or isinstance(c, Axis):
                layer.append(c)
                continue
            try:
                ext = c.get_window_extent(renderer)
            except Exception:  # no extent: draw it to be safe
                layer.append(c)
                continue
            if (ext.width <= 0 and ext.height <= 0) or any(ext.overlaps(r) for r in regions):
                layer.append(c)  # overlapping, or of unknown extent
        return sorted(layer, key=lambda c: c.get_zorder())  # stable, as in Axes.draw

    def _draw_background(self) -> None:
        fig, canvas = self.fig, self.canvas
        if self._engine is not None:
            fig.set_layout_engine(self._engine)
        canvas.draw()  # lays out and positions everything
        if self._engine is not None:
            fig.set_layout_engine("none")
        renderer = canvas.get_renderer()
        by_axes = {}
        for a in self.dynamic:
            by_axes.setdefault(a.axes, []).append(a)
        self._layers = [(ax, self._layer(ax, arts, renderer) if ax is not None else arts)
                        for ax, arts in by_axes.items()]
        # A full draw skips animated artists (hiding them instead would move the titles).
        flags = {a: a.get_animated() for _, layer in self._layers for a in layer}
        for a in flags:
            a.set_animated(True)
        try:
            canvas.draw()
        finally:
            for a, flag in flags.items():
                a.set_animated(flag)
        self._background = canvas.copy_from_bbox(fig.bbox)

    def render(self) -> bytes:
        """PNG bytes of the figure as it is now."""
        if not self.dynamic:
            if self._background is None and self._engine is not None:
                self.canvas.draw()
                self.fig.set_layout_engine("none")  # lay out once, then keep it
                self._background = True
            return figure_to_png(self.fig, self.compress_level)
        if self._background is None:
            self._draw_background()
        self.canvas.restore_region(self._background)
        for ax, layer in self._layers:
            for a in layer:
                if ax is None:
                    self.fig.draw_artist(a)
                else:
                    ax.draw_artist(a)
        return figure_to_png(self.fig, self.compress_level, draw=False)


# --- colours -------------------------------------------------------------------------

# Okabe & Ito (2008) "Color Universal Design" (without black, kept for the truth), then
# three of Paul Tol's "muted" colours. The order keeps the first few far apart also for
# protanopes, deuteranopes and tritanopes (all pairs stay > 13 CIELAB units apart under a
# Machado et al. 2009 simulation for every K <= 10).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#882255", "#332288", "#999933")
NEUTRAL_COLOR = (0.55, 0.55, 0.55)  # data points before any responsibilities exist
TRUTH_COLOR = (0.13, 0.13, 0.13)  # dashed true ellipses beside the estimates
POINT_ALPHA = 0.6


def component_colors(K: int) -> list:
    """K distinct colour-blind-safe colours as RGB tuples in [0, 1], for K = 1..10.

    Component k always gets the same colour whatever K is.
    """
    if isinstance(K, bool) or not isinstance(K, (int, np.integer)) or not 1 <= K <= len(PALETTE):
        raise ValueError(f"component_colors handles K = 1..{len(PALETTE)} components; received K = {K!r}.")
    return [to_rgb(c) for c in PALETTE[:K]]


def _colors(colors, K: int) -> np.ndarray:
    """(K, 3) float array from None (the palette) or a list of matplotlib colours."""
    if colors is None:
        return np.array(component_colors(K))
    rgb = np.array([to_rgb(c) for c in colors])
    if len(rgb) < K:
        raise ValueError(f"need {K} colours, one per component; received {len(rgb)}.")
    return rgb[:K]


def mix_colors(responsibilities, colors=None) -> np.ndarray:
    """Each point's colour as the responsibility-weighted mix of the component colours.

    responsibilities (n, K) with rows summing to 1; colors K matplotlib colours (default:
    component_colors(K)). Returns (n, 3) RGB. A point shared 50/50 between two components
    gets the colour halfway between theirs, so soft assignments are visible.
    """
    resp = as_float_array(responsibilities, "responsibilities")
    if resp.ndim != 2:
        raise ValueError(f"responsibilities must have shape (n, K); received shape {resp.shape}.")
    rgb = _colors(colors, resp.shape[1])
    return np.clip(resp @ rgb, 0.0, 1.0)  # (n, K) @ (K, 3) -> (n, 3)


def hard_colors(responsibilities, colors=None) -> np.ndarray:
    """Each point in the colour of its most responsible component (argmax), (n, 3)."""
    resp = as_float_array(responsibilities, "responsibilities")
    if resp.ndim != 2:
        raise ValueError(f"responsibilities must have shape (n, K); received shape {resp.shape}.")
    return _colors(colors, resp.shape[1])[resp.argmax(axis=1)]


# --- covariance ellipses -----------------------------------------------------------------

def probability_mass(r) -> float:
    """Probability that a 2-D Gaussian puts inside its Mahalanobis radius r: 1 - exp(-r^2 / 2).

    r = 1: 39.3 %, r = 2: 86.5 %, r = 3: 98.9 %. (In 2-D the squared distance is chi-square
    with 2 degrees of freedom, whose distribution function is exactly this.)
    """
    return float(1.0 - np.exp(-0.5 * float(r) ** 2))


def mass_label(r) -> str:
    """'39.3%' for r = 1: the probability mass inside radius r, as a label."""
    return f"{100 * probability_mass(r):.1f}%"


class EllipseSet(list):
    """The Ellipse patches of draw_ellipses, component-major: [k0 r0, k0 r1, k1 r0, ...].

    Attributes: radii (the Mahalanobis radii), K, labels (Text artists of the mass
    labels, one per ellipse, or an empty list).
    """

    def __init__(self, ellipses, radii, K, labels=()):
        super().__init__(ellipses)
        self.radii = tuple(float(r) for r in radii)
        self.K = K
        self.labels = list(labels)


def _check_radii(radii) -> tuple:
    radii = tuple(float(r) for r in np.atleast_1d(radii))
    if not radii or any(not np.isfinite(r) or r <= 0 for r in radii):
        raise ValueError(f"radii must be positive Mahalanobis distances such as (1, 2); received {radii}.")
    return radii


def make_ellipses(ax, K: int, radii=(1, 2), colors=None, linestyle="-", linewidth=None, mass_labels=False,
                  zorder=3.0) -> EllipseSet:
    """K * len(radii) hidden ellipses on ax, to be placed by update_ellipses (used by EMView)."""
    radii = _check_radii(radii)
    rgb = _colors(colors, K)
    style = current_style()
    lw = style.line_width if linewidth is None else linewidth
    ellipses, labels = [], []
    for k in range(K):
        for i, r in enumerate(radii):
            alpha = 1.0 if i == 0 else 0.6  # outer ellipses lighter
            e = Ellipse((0.0, 0.0), 1.0, 1.0, angle=0.0, facecolor="none", edgecolor=rgb[k], linestyle=linestyle,
                        linewidth=lw if i == 0 else 0.75 * lw, alpha=alpha, zorder=zorder, visible=False)
            ax.add_artist(e)  # not add_patch: a placeholder at (0, 0) must not stretch the axis limits
            ellipses.append(e)
            if mass_labels:
                labels.append(ax.text(0.0, 0.0, mass_label(r), color=rgb[k], fontsize=style.font_size or 8,
                                      ha="left", va="center", zorder=zorder + 0.1, visible=False, clip_on=True))
    return EllipseSet(ellipses, radii, K, labels)


def update_ellipses(ellipses: EllipseSet, params: GMMParams) -> list:
    """Move, stretch and turn the ellipses of draw_ellipses to match params, in place.

    Each ellipse is the set (x - mu_k)^T Sigma_k^{-1} (x - mu_k) = r^2: its axes point along
    the eigenvectors of Sigma_k with half-lengths r * sqrt(eigenvalue). Returns the changed artists.
    """
    params = check_params(params)
    radii = getattr(ellipses, "radii", None)
    if radii is None or params.K * len(radii) != len(ellipses):
        raise ValueError(f"these {len(ellipses)} ellipses were made for another number of components or radii "
                         f"than params (K = {params.K}); use the EllipseSet that draw_ellipses returned.")
    if params.d != 2:
        raise ValueError(f"ellipses need 2-D params; received d = {params.d}.")
    changed = []
    for k in range(params.K):
        width, height, angle = ellipse_geometry(params.sigma[k], 1.0)  # scales linearly with r
        for i, r in enumerate(radii):
            e = ellipses[k * len(radii) + i]
            e.set_center(params.mu[k])
            e.set_width(r * width)
            e.set_height(r * height)
            e.set_angle(angle)
            e.set_visible(True)
            changed.append(e)
            if ellipses.labels:
                label = ellipses.labels[k * len(radii) + i]
                end = 0.5 * r * width * np.array([np.cos(np.radians(angle)), np.sin(np.radians(angle))])
                label.set_position(params.mu[k] - np.copysign(1.0, end[0]) * end)  # left end of the major axis
                label.set_visible(True)
                changed.append(label)
    return changed


def draw_ellipses(ax, params: GMMParams, radii=(1, 2), colors=None, linestyle="-", linewidth=None,
                  mass_labels=False, zorder=3.0) -> EllipseSet:
    """Covariance ellipses of every component of a 2-D mixture at Mahalanobis radii r.

    Parameters
    ----------
    ax : matplotlib Axes
    params : GMMParams with d = 2
    radii : Mahalanobis radii; r = 1, 2, 3 enclose 39.3 %, 86.5 %, 98.9 % of each Gaussian.
    colors : one colour per component (default component_colors(K)).
    linestyle : "-" for estimates, "--" for the true components.
    mass_labels : write the probability mass (e.g. "86.5%") at the left end of each major axis.

    Returns an EllipseSet (a list of Ellipse) for update_ellipses.
    """
    params = check_params(params)
    ellipses = make_ellipses(ax, params.K, radii, colors, linestyle, linewidth, mass_labels, zorder)
    update_ellipses(ellipses, params)
    for e in ellipses:  # the axis limits take in the ellipses where they really are
        ax.update_datalim(e.get_extents().transformed(ax.transData.inverted()).get_points())
    ax.autoscale_view()
    return ellipses


# --- data points and means ------------------------------------------------------------------

class GroupedScatter(PathCollection):
    """A scatter of one marker whose per-point colours are drawn one colour group at a time.

    matplotlib draws a scatter with per-point colours marker by marker (about 10 us a
    point with Agg); a single colour is rasterised once and stamped (draw_markers), 10-20x
    faster. Here the colours are rounded to 1/31 (invisible on screen) and every group of
    equal colour is stamped. Falls back to the ordinary drawing when the colours are too
    varied for grouping to pay, or for features it does not handle (sizes, edges, hatches).
    """

    color_levels = 32  # colours are rounded to 1/31 for grouping
    min_points = 200  # below this, matplotlib's own drawing is as fast

    @allow_rasterization
    def draw(self, renderer):
        fc = self.get_facecolor()
        n = len(self.get_offsets())
        if (not self.get_visible() or n < self.min_points or len(fc) != n or len(self.get_paths()) != 1
                or len(self.get_transforms()) > 1 or self.get_hatch() is not None or self.get_path_effects()
                or len(self._linewidths) != 1 or self._linewidths[0] != 0 or len(self._antialiaseds) != 1):
            return super().draw(renderer)
        levels = self.color_levels - 1
        q = np.rint(fc * levels).astype(np.int64)  # (n, 4) colour rounded to 1/31
        key = ((q[:, 0] * 256 + q[:, 1]) * 256 + q[:, 2]) * 256 + q[:, 3]
        groups, inverse = np.unique(key, return_inverse=True)
        if len(groups) > n // 6:  # nearly every point its own colour: grouping would not pay
            return super().draw(renderer)
        renderer.open_group(self.__class__.__name__, self.get_gid())
        self.set_sizes(self._sizes, self.get_figure(root=True).dpi)  # marker sizes in points -> pixels
        transform, offset_trf, offsets, paths = self._prepare_points()
        trans = self.get_transforms()
        marker_trf = (Affine2D(trans[0]) + transform if len(trans) else transform).frozen()
        gc = renderer.new_gc()
        self._set_gc_clip(gc)
        gc.set_snap(self.get_snap())
        gc.set_linewidth(0)
        gc.set_antialiased(self._antialiaseds[0])
        order = np.argsort(inverse, kind="stable")  # points grouped by colour, data order within a group
        bounds = np.searchsorted(inverse[order], np.arange(len(groups) + 1))
        for g in range(len(groups)):
            rows = order[bounds[g]:bounds[g + 1]]
            rgba = tuple(q[rows[0]] / levels)
            gc.set_foreground(rgba, isRGBA=True)
            renderer.draw_markers(gc, paths[0], marker_trf, Path(offsets[rows]), offset_trf, rgba)
        gc.restore()
        renderer.close_group(self.__class__.__name__)
        self.stale = False


def _point_colors(n: int, responsibilities, colors, hard: bool) -> np.ndarray:
    if responsibilities is None:
        return np.tile(NEUTRAL_COLOR, (n, 1))
    resp = as_float_array(responsibilities, "responsibilities")
    if resp.ndim != 2 or resp.shape[0] != n:
        raise ValueError(f"responsibilities must have shape (n, K) = ({n}, K) to match the points; "
                         f"received shape {resp.shape}.")
    return hard_colors(resp, colors) if hard else mix_colors(resp, colors)


def draw_points(ax, X, responsibilities=None, colors=None, hard=False, size=None, alpha=POINT_ALPHA, zorder=1.0):
    """Scatter of the data X (n, 2), coloured by responsibilities (n, K).

    Soft (default): each point in the responsibility-weighted mix of component colours
    (mix_colors). hard=True: the colour of the argmax component. None: neutral grey.
    Returns the PathCollection for update_points.
    """
    X = check_data(X)
    if X.shape[1] != 2:
        raise ValueError(f"draw_points needs 2-D data, X of shape (n, 2); received shape {X.shape}.")
    style = current_style()
    marker = MarkerStyle("o")
    points = GroupedScatter([marker.get_path().transformed(marker.get_transform())],
                            sizes=[style.point_size if size is None else size], offsets=X,
                            offset_transform=ax.transData, linewidths=0, edgecolors="face", alpha=alpha,
                            zorder=zorder,
                            facecolors=_point_colors(X.shape[0], responsibilities, colors, hard))
    points.set_transform(IdentityTransform())  # sizes are in points, as in ax.scatter
    ax.add_collection(points)
    return points


def update_points(points, responsibilities=None, colors=None, hard=False, X=None):
    """Recolour (and with X, move) the scatter of draw_points in place. Returns it."""
    if X is not None:
        X = check_data(X)
        points.set_offsets(X)
    n = len(points.get_offsets())
    points.set_facecolors(_point_colors(n, responsibilities, colors, hard))
    return points


def draw_means(ax, params: GMMParams, colors=None, size=None, zorder=4.0):
    """The component means as large 'X' markers in the component colours. Returns a PathCollection."""
    params = check_params(params)
    style = current_style()
    rgb = _colors(colors, params.K)
    return ax.scatter(params.mu[:, 0], params.mu[:, 1], s=style.mean_size if size is None else size, c=rgb,
                      marker="X", edgecolors="black", linewidths=0.5 * style.line_width, zorder=zorder)


def update_means(means, params: GMMParams):
    """Move the markers of draw_means to params.mu, in place. Returns them."""
    means.set_offsets(check_params(params).mu)
    return means


# --- log-likelihood curve -------------------------------------------------------------------

def draw_log_likelihood(ax, log_likelihoods, current=None, initial=None):
    """The log-likelihood after each EM iteration, with a marker at iteration `current`.

    log_likelihoods[t - 1] is the value after iteration t (EMResult.log_likelihoods), drawn
    at x = t. initial, if given, is the log-likelihood of the initial parameters, drawn at
    x = 0. current = None hides the marker. Returns (line, marker); see update_log_likelihood.
    """
    style = current_style()
    (line,) = ax.plot([], [], color="0.25", marker="o", markersize=2.0 * style.line_width,
                      linewidth=0.8 * style.line_width, zorder=2)
    (marker,) = ax.plot([], [], linestyle="none", marker="o", markersize=5.0 * style.line_width,
                        markerfacecolor=PALETTE[5], markeredgecolor="black",
                        markeredgewidth=0.6 * style.line_width, zorder=3)
    ax.set_axisbelow(True)
    ax.grid(True, linewidth=0.5, alpha=0.5)
    ax.set_xlabel("Iteration $t$", fontsize=style.label_size)
    ax.set_ylabel("Log-likelihood", fontsize=style.label_size)
    ax.set_title("Log-likelihood", fontsize=style.title_size)
    artists = (line, marker)
    update_log_likelihood(artists, current, log_likelihoods=log_likelihoods, initial=initial)
    return artists


def update_log_likelihood(artists, current=None, log_likelihoods=None, initial=None) -> list:
    """Move the marker to iteration `current` (None hides it); with log_likelihoods, redraw the curve too.

    Returns the changed artists.
    """
    line, marker = artists
    changed = [marker]
    if log_likelihoods is not None:
        ll = as_float_array(log_likelihoods, "log_likelihoods").ravel()
        x = np.arange(1, ll.size + 1, dtype=float)
        if initial is not None:
            x, ll = np.concatenate([[0.0], x]), np.concatenate([[float(initial)], ll])
        line.set_data(x, ll)
        ax = line.axes
        ax.relim()
        ax.autoscale_view()
        ax.set_xlim(x.min() - 0.5 if x.size else -0.5, x.max() + 0.5 if x.size else 1.5)
        changed.append(line)
    if current is None:
        marker.set_data([], [])
        return changed
    x, y = (np.asarray(a) for a in line.get_data())
    hit = np.flatnonzero(x == current)
    if hit.size == 0:
        raise ValueError(f"no log-likelihood is drawn at iteration {current}; the curve covers "
                         f"{int(x.min()) if x.size else 0}..{int(x.max()) if x.size else 0}.")
    marker.set_data([x[hit[0]]], [y[hit[0]]])
    return changed


def iteration_title(t: int, phase: str) -> str:
    """Plot title for EM pictures: phase "init", "E" or "M", e.g. 'Iteration 5 (after M-step)'."""
    if phase == "init":
        return "Initialisation (iteration 0)"
    if phase not in ("E", "M"):
        raise ValueError(f"phase must be 'init', 'E' or 'M'; received {phase!r}.")
    return f"Iteration {t} (after {phase}-step)"


# --- densities --------------------------------------------------------------------------------

def mixture_log_density(params: GMMParams, points) -> np.ndarray:
    """log p(x) = log sum_k phi_k N(x | mu_k, Sigma_k) at each row of points (m, d), by log-sum-exp."""
    params = check_params(params)
    log_r = log_pdf(points, params.mu, params.sigma)  # (m, K)
    with np.errstate(divide="ignore"):  # phi_k = 0 contributes log 0 = -inf, i.e. nothing
        log_r = log_r + np.log(params.phi)
    top = log_r.max(axis=1, keepdims=True)
    return (top + np.log(np.exp(log_r - top).sum(axis=1, keepdims=True)))[:, 0]


def density_grid(params: GMMParams, xlim, ylim, grid: int = 120):
    """The 2-D mixture density on a grid x grid lattice.

    Returns xs (grid,), ys (grid,) and Z (grid, grid) with Z[i, j] the density at (xs[j], ys[i]).
    """
    params = check_params(params)
    if params.d != 2:
        raise ValueError(f"density_grid needs 2-D params; received d = {params.d}.")
    xs, ys = np.linspace(*xlim, grid), np.linspace(*ylim, grid)
    gx, gy = np.meshgrid(xs, ys)
    Z = np.exp(mixture_log_density(params, np.column_stack([gx.ravel(), gy.ravel()]))).reshape(gx.shape)
    return xs, ys, Z


def _default_limits(params: GMMParams, spread: float = 3.5):
    half = spread * np.sqrt(np.diagonal(params.sigma, axis1=1, axis2=2))  # (K, d)
    return np.min(params.mu - half, axis=0), np.max(params.mu + half, axis=0)


def draw_density_contours(ax, params: GMMParams, xlim=None, ylim=None, levels=8, grid: int = 120, filled=False,
                          cmap="viridis", title="Mixture density $p(\\mathbf{x})$"):
    """Contour lines (or filled contours) of the 2-D mixture density p(x) = sum_k phi_k N(x | mu_k, Sigma_k).

    xlim / ylim default to every mean +- 3.5 standard deviations. Returns the ContourSet
    (contours cannot be updated in place: call .remove() on it and draw again).
    """
    params = check_params(params)
    lo, hi = _default_limits(params)
    xlim = (lo[0], hi[0]) if xlim is None else xlim
    ylim = (lo[1], hi[1]) if ylim is None else ylim
    xs, ys, Z = density_grid(params, xlim, ylim, grid)
    style = current_style()
    if filled:
        contours = ax.contourf(xs, ys, Z, levels=levels, cmap=cmap)
    else:
        contours = ax.contour(xs, ys, Z, levels=levels, cmap=cmap, linewidths=0.6 * style.line_width)
    ax.set_xlabel("$x_1$", fontsize=style.label_size)
    ax.set_ylabel("$x_2$", fontsize=style.label_size)
    if title:
        ax.set_title(title, fontsize=style.title_size)
    ax.set_aspect("equal", adjustable="datalim")
    return contours


def _check_1d(params) -> GMMParams:
    params = check_params(params)
    if params.d != 1:
        raise ValueError(f"a 1-D density needs params with d = 1 (mu of shape (K, 1), sigma (K, 1, 1)); "
                         f"received d = {params.d}.")
    return params


def draw_density_1d(ax, params: GMMParams, x=None, components=True, colors=None, fill=True,
                    title="Mixture density $p(x)=\\sum_k \\phi_k\\,\\mathcal{N}(x\\mid\\mu_k,\\sigma_k^2)$"):
    """The 1-D mixture density and (optionally) its weighted components phi_k N(x | mu_k, sigma_k^2).

    The dashed weighted components are labelled "component 0", "component 1", ... (as the code
    counts them; the formula in the title counts k = 1..K). params: GMMParams with d = 1. x: the grid (default: every mean +- 4 standard deviations,
    500 points). Returns (mixture_line, component_lines) for update_density_1d.
    """
    params = _check_1d(params)
    style = current_style()
    if x is None:
        lo, hi = _default_limits(params, spread=4.0)
        x = np.linspace(lo[0], hi[0], 500)
    x = as_float_array(x, "x").ravel()
    rgb = _colors(colors, params.K)
    comp = params.phi * np.exp(log_pdf(x[:, None], params.mu, params.sigma))  # (m, K) phi_k N(x | mu_k, sigma_k^2)
    component_lines = []
    if components:
        for k in range(params.K):
            # code counts components from 0 and formulas from 1: name the component, no subscript
            label = f"component {k}"
            (line,) = ax.plot(x, comp[:, k], color=rgb[k], linestyle="--", linewidth=0.8 * style.line_width,
                              label=label)
            component_lines.append(line)
    (mixture,) = ax.plot(x, comp.sum(axis=1), color="black", linewidth=style.line_width, label="$p(x)$")
    if fill:
        ax.fill_between(x, comp.sum(axis=1), color="0.5", alpha=0.12, linewidth=0)
    ax.set_xlabel("$x$", fontsize=style.label_size)
    ax.set_ylabel("density", fontsize=style.label_size)
    if title:
        ax.set_title(title, fontsize=style.title_size)
    ax.set_ylim(bottom=0)
    ax.legend(fontsize=style.font_size, loc="upper right")
    return mixture, component_lines


def update_density_1d(artists, params: GMMParams) -> list:
    """Recompute the curves of draw_density_1d for new params (same K and grid). Returns the changed lines."""
    mixture, component_lines = artists
    params = _check_1d(params)
    x = np.asarray(mixture.get_xdata(), dtype=float)
    comp = params.phi * np.exp(log_pdf(x[:, None], params.mu, params.sigma))
    mixture.set_ydata(comp.sum(axis=1))
    for k, line in enumerate(component_lines):
        line.set_ydata(comp[:, k])
    return [mixture, *component_lines]


# --- eigenvectors of a covariance ---------------------------------------------------------------

def _eigen_arrows(mean, sigma):
    mean = as_float_array(mean, "mean").ravel()
    sigma = as_float_array(sigma, "sigma")
    if mean.shape != (2,) or sigma.shape != (2, 2):
        raise ValueError(f"need a mean of shape (2,) and sigma (2, 2); received {mean.shape} and {sigma.shape}.")
    vals, vecs = np.linalg.eigh(sigma)  # ascending
    if vals[0] <= 0:
        raise ValueError(f"sigma must be positive definite; its eigenvalues are {vals.tolist()}.")
    v1 = vecs[:, 1] if vecs[0, 1] > 0 or (vecs[0, 1] == 0 and vecs[1, 1] > 0) else -vecs[:, 1]  # major axis, rightwards
    v2 = np.array([-v1[1], v1[0]])  # v1 turned by +90 degrees
    return mean, [mean + np.sqrt(vals[1]) * v1, mean + np.sqrt(vals[0]) * v2]


def draw_eigenvectors(ax, mean, sigma, color="black", labels=True):
    """Arrows from the mean along the eigenvectors v_1, v_2 of sigma, of length sqrt(lambda_i).

    These are the half-axes of the r = 1 covariance ellipse. Returns (arrows, texts): two
    annotation arrows and their labels (empty list if labels=False), for update_eigenvectors.
    """
    style = current_style()
    mean, tips = _eigen_arrows(mean, sigma)
    arrows, texts = [], []
    for i, tip in enumerate(tips):
        arrows.append(ax.annotate("", xy=tip, xytext=mean, zorder=5,
                                  arrowprops=dict(arrowstyle="-|>", color=color, linewidth=style.line_width,
                                                  mutation_scale=6 * style.line_width, shrinkA=0, shrinkB=0)))
        if labels:
            texts.append(ax.text(*tip, f"$\\sqrt{{\\lambda_{i + 1}}}\\,\\mathbf{{v}}_{i + 1}$", color=color,
                                 fontsize=style.font_size, ha="left", va="bottom", zorder=5))
    return arrows, texts


def update_eigenvectors(artists, mean, sigma) -> list:
    """Point the arrows of draw_eigenvectors along the eigenvectors of a new sigma. Returns the changed artists."""
    arrows, texts = artists
    mean, tips = _eigen_arrows(mean, sigma)
    for i, tip in enumerate(tips):
        arrows[i].xy = tuple(tip)
        arrows[i].set_position(tuple(mean))
        if texts:
            texts[i].set_position(tuple(tip))
    return [*arrows, *texts]


# --- the EM picture used by the stepper widget and the animation -----------------------------------

class EMView:
    """Data, covariance ellipses, means and title of one EM state, updated in place.

    ``EMView(ax, X, K, truth=None, colors=None, radii=(1, 2))`` draws once: the points (in
    grey), K sets of ellipses (hidden until the first update), the dashed true ellipses if
    ``truth`` is given, the mean markers and the title. The axis limits are fixed from the
    data, so the picture does not jump between frames.

    ``view.update(params, responsibilities=None, title=None)`` moves the ellipses and
    means to params, colours the points by the (n, K) responsibilities (None: grey) and
    returns the changed artists (for FuncAnimation with blit=True). Set ``view.hard = True``
    to colour by the argmax component instead of the mix.
    """

    def __init__(self, ax, X, K, truth=None, colors=None, radii=(1, 2)):
        X = check_data(X)
        if X.shape[1] != 2:
            raise ValueError(f"EMView draws 2-D data, X of shape (n, 2); received shape {X.shape}.")
        if isinstance(K, bool) or not isinstance(K, (int, np.integer)) or K < 1:
            raise ValueError(f"K must be a positive integer; received {K!r}.")
        self.ax, self.X, self.K = ax, X, int(K)
        self.colors = _colors(colors, self.K)
        self.radii = _check_radii(radii)
        self.hard = False
        style = current_style()
        ax.set_axisbelow(True)
        self.points = draw_points(ax, X)
        self.truth_ellipses = []
        if truth is not None:
            truth = check_params(truth, "truth")
            self.truth_ellipses = draw_ellipses(ax, truth, self.radii, colors=[TRUTH_COLOR] * truth.K,
                                                linestyle="--", linewidth=0.7 * style.line_width, zorder=2.0)
        self.ellipses = make_ellipses(ax, self.K, self.radii, self.colors)
        self.means = ax.scatter(np.zeros(self.K), np.zeros(self.K), s=style.mean_size, c=self.colors, marker="X",
                                edgecolors="black", linewidths=0.5 * style.line_width, zorder=4, visible=False)
        self.title = ax.set_title(" ", fontsize=style.title_size)
        ax.set_xlabel("$x_1$", fontsize=style.label_size)
        ax.set_ylabel("$x_2$", fontsize=style.label_size)
        lo, hi = X.min(axis=0), X.max(axis=0)
        pad = 0.08 * np.maximum(hi - lo, 1e-9)
        ax.set_xlim(lo[0] - pad[0], hi[0] + pad[0])
        ax.set_ylim(lo[1] - pad[1], hi[1] + pad[1])
        ax.set_aspect("equal", adjustable="box")  # equal units keep the ellipses' angles true
        handles = [Line2D([], [], color="0.3", linewidth=style.line_width,
                          label="estimate, r = " + ", ".join(f"{r:g}" for r in self.radii))]
        if truth is not None:
            handles.append(Line2D([], [], color=TRUTH_COLOR, linestyle="--", linewidth=0.7 * style.line_width,
                                  label="truth"))
        # Below the x label, not over the data: it never needs redrawing when the picture changes.
        tick = ax.xaxis.get_major_ticks()[0]
        below = (tick.tick1line.get_markersize() + tick.get_pad() + 1.2 * tick.label1.get_size()
                 + ax.xaxis.labelpad + 1.2 * ax.xaxis.label.get_size() + 2)  # points under the axes
        anchor = ax.transAxes + ScaledTranslation(0, -below / 72, ax.get_figure(root=True).dpi_scale_trans)
        self.legend = ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0),
                                bbox_transform=anchor, ncol=len(handles), fontsize=style.font_size or "small",
                                frameon=False, borderaxespad=0.0, borderpad=0.0, handlelength=2.5)

    def update(self, params: GMMParams, responsibilities=None, title=None) -> list:
        """Show params (and responsibilities, and title); returns the changed artists."""
        params = check_params(params)
        if params.K != self.K or params.d != 2:
            raise ValueError(f"this EMView was made for K = {self.K} components in 2-D; received params with "
                             f"K = {params.K}, d = {params.d}.")
        update_points(self.points, responsibilities, self.colors, self.hard)
        changed = [self.points, *update_ellipses(self.ellipses, params)]
        self.means.set_offsets(params.mu)
        self.means.set_visible(True)
        changed.append(self.means)
        if title is not None:
            self.title.set_text(title)
            changed.append(self.title)
        return changed


__all__ = [
    "Style", "NORMAL_STYLE", "LECTURE_STYLE", "lecture_mode", "is_lecture_mode", "current_style", "style_axes",
    "new_figure", "subplots", "encode_png", "figure_to_png", "PngRenderer",
    "PALETTE", "NEUTRAL_COLOR", "TRUTH_COLOR", "component_colors", "mix_colors", "hard_colors",
    "probability_mass", "mass_label", "EllipseSet", "make_ellipses", "draw_ellipses", "update_ellipses",
    "GroupedScatter", "draw_points", "update_points", "draw_means", "update_means",
    "draw_log_likelihood", "update_log_likelihood", "iteration_title",
    "mixture_log_density", "density_grid", "draw_density_contours", "draw_density_1d", "update_density_1d",
    "draw_eigenvectors", "update_eigenvectors", "EMView",
]
