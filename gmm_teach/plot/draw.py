"""The teaching pictures of an EM run: colours, data points, covariance ellipses, means,
the log-likelihood curve, and ``EMView``, which combines them for the stepper and the animation.

Every ``draw_*`` function takes the Axes to draw on and returns the artists it made, so that a
widget or an animation can change them in place with the matching ``update_*`` function
instead of drawing a new picture. Nothing here fits a model or touches matplotlib's rcParams.
Words on the plots stay in English or maths (every font can draw them).

>>> import gmm_teach as gt
>>> X = gt.textbook_data(n=200)
>>> result = gt.fit(X, 3, init="textbook", seed=11)
>>> fig, ax = gt.plot.subplots()                       # a Figure in the current style, unknown to pyplot
>>> view = gt.plot.EMView(ax, X, K=3, truth=gt.TEXTBOOK_TRUTH)
>>> resp = gt.e_step(X, result.history[4])[0]          # the E-step that led to history[5]
>>> changed = view.update(result.history[5], resp, title=gt.plot.iteration_title(5, "M"))

The public functions check their arguments; the per-frame path of ``EMView`` (``_show``) and the
kernels ``_place_ellipses`` and ``_resp_colors`` trust theirs, so that a caller that has checked once
(``gmm_teach.animation``) does not pay for it in every frame.
"""
from __future__ import annotations

import numpy as np
from matplotlib.colors import to_rgb
from matplotlib.lines import Line2D
from matplotlib.markers import MarkerStyle
from matplotlib.patches import Ellipse
from matplotlib.transforms import IdentityTransform, ScaledTranslation

from .._validation import as_float_array, check_data
from ..gaussian import _ellipse_axes
from ..params import GMMParams, check_params
from ._render import GroupedScatter
from .style import current_style

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

    >>> component_colors(2)
    [(0.0, 0.4470588235294118, 0.6980392156862745), (0.9019607843137255, 0.6235294117647059, 0.0)]
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

    >>> mix_colors([[1.0, 0.0], [0.5, 0.5]], colors=["red", "blue"])
    array([[1. , 0. , 0. ],
           [0.5, 0. , 0.5]])
    """
    resp = _check_responsibilities(responsibilities)
    return _mix(resp, _colors(colors, resp.shape[1]))


def _check_responsibilities(responsibilities, n: int | None = None) -> np.ndarray:
    resp = as_float_array(responsibilities, "responsibilities")
    if n is not None and (resp.ndim != 2 or resp.shape[0] != n):
        raise ValueError(f"responsibilities must have shape (n, K) = ({n}, K) to match the points; "
                         f"received shape {resp.shape}.")
    if resp.ndim != 2:
        raise ValueError(f"responsibilities must have shape (n, K); received shape {resp.shape}.")
    return resp


def _mix(resp: np.ndarray, rgb: np.ndarray) -> np.ndarray:
    """The kernel of mix_colors: resp (n, K), rgb (K, 3), no checks."""
    return np.clip(resp @ rgb, 0.0, 1.0)  # (n, K) @ (K, 3) -> (n, 3)


def hard_colors(responsibilities, colors=None) -> np.ndarray:
    """Each point in the colour of its most responsible component (argmax), (n, 3).

    >>> hard_colors([[0.4, 0.6], [0.9, 0.1]], colors=["red", "blue"])
    array([[0., 0., 1.],
           [1., 0., 0.]])
    """
    resp = _check_responsibilities(responsibilities)
    return _colors(colors, resp.shape[1])[resp.argmax(axis=1)]


# --- covariance ellipses -----------------------------------------------------------------

def probability_mass(r) -> float:
    """Probability that a 2-D Gaussian puts inside its Mahalanobis radius r: 1 - exp(-r^2 / 2).

    r = 1: 39.3 %, r = 2: 86.5 %, r = 3: 98.9 %. (In 2-D the squared distance is chi-square
    with 2 degrees of freedom, whose distribution function is exactly this.)

    >>> round(probability_mass(2), 4)
    0.8647
    """
    return float(1.0 - np.exp(-0.5 * float(r) ** 2))


def mass_label(r) -> str:
    """'39.3%' for r = 1: the probability mass inside radius r, as a label.

    >>> mass_label(1), mass_label(3)
    ('39.3%', '98.9%')
    """
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
    """K * len(radii) hidden ellipses on ax, to be placed by update_ellipses (used by EMView).

    >>> import gmm_teach as gt
    >>> fig, ax = gt.plot.subplots()
    >>> ellipses = gt.plot.make_ellipses(ax, K=3, radii=(1, 2))
    >>> len(ellipses), ellipses[0].get_visible()
    (6, False)
    """
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

    >>> import gmm_teach as gt
    >>> fig, ax = gt.plot.subplots()
    >>> ellipses = gt.plot.draw_ellipses(ax, gt.TEXTBOOK_TRUTH, radii=(1,))
    >>> changed = gt.plot.update_ellipses(ellipses, gt.TEXTBOOK_TRUTH.permute([2, 1, 0]))
    >>> len(changed)
    3
    """
    params = check_params(params)
    radii = getattr(ellipses, "radii", None)
    if radii is None or params.K * len(radii) != len(ellipses):
        raise ValueError(f"these {len(ellipses)} ellipses were made for another number of components or radii "
                         f"than params (K = {params.K}); use the EllipseSet that draw_ellipses returned.")
    if params.d != 2:
        raise ValueError(f"ellipses need 2-D params; received d = {params.d}.")
    return _place_ellipses(ellipses, params)


def _place_ellipses(ellipses: EllipseSet, params: GMMParams) -> list:
    """The kernel of update_ellipses: no checks (params 2-D with the ellipses' K)."""
    radii = ellipses.radii
    widths, heights, angles = _ellipse_axes(params.sigma)  # (K,) each, at r = 1: they scale linearly with r
    changed = []
    for k in range(params.K):
        width, height, angle = float(widths[k]), float(heights[k]), float(angles[k])
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

    Examples
    --------
    >>> import gmm_teach as gt
    >>> fig, ax = gt.plot.subplots()
    >>> ellipses = gt.plot.draw_ellipses(ax, gt.TEXTBOOK_TRUTH, radii=(1, 2), mass_labels=True)
    >>> len(ellipses), ellipses.radii, [t.get_text() for t in ellipses.labels[:2]]
    (6, (1.0, 2.0), ['39.3%', '86.5%'])
    """
    params = check_params(params)
    ellipses = make_ellipses(ax, params.K, radii, colors, linestyle, linewidth, mass_labels, zorder)
    update_ellipses(ellipses, params)
    for e in ellipses:  # the axis limits take in the ellipses where they really are
        ax.update_datalim(e.get_extents().transformed(ax.transData.inverted()).get_points())
    ax.autoscale_view()
    return ellipses


# --- data points and means ------------------------------------------------------------------

def _point_colors(n: int, responsibilities, colors, hard: bool) -> np.ndarray:
    if responsibilities is None:
        return np.tile(NEUTRAL_COLOR, (n, 1))
    resp = _check_responsibilities(responsibilities, n)
    return _resp_colors(resp, _colors(colors, resp.shape[1]), hard)


def _resp_colors(resp: np.ndarray, rgb: np.ndarray, hard: bool) -> np.ndarray:
    """(n, 3) colours of the points: the argmax component's (hard) or the mix. No checks."""
    return rgb[resp.argmax(axis=1)] if hard else _mix(resp, rgb)


def frame_data(ax, X, *, equal="auto"):
    """Set ax's limits to X (n, 2) with 8 % padding, and equal units where they keep shapes true.

    equal=True always makes the units equal (ellipses keep their angles); "auto" only when the data's
    height / width ratio is between 1/3 and 3 (a much flatter cloud would become a thin strip); False never.

    Examples
    --------
    >>> import numpy as np, matplotlib.pyplot as plt
    >>> from gmm_teach import plot
    >>> fig, ax = plt.subplots()
    >>> plot.frame_data(ax, np.array([[0.0, 0.0], [10.0, 5.0]]))
    >>> [float(v) for v in (*ax.get_xlim(), *ax.get_ylim())], ax.get_aspect()
    ([-0.8, 10.8, -0.4, 5.4], 1.0)
    >>> plt.close(fig)
    """
    lo, hi = X.min(axis=0), X.max(axis=0)
    pad = 0.08 * np.maximum(hi - lo, 1e-9)
    ax.set_xlim(lo[0] - pad[0], hi[0] + pad[0])
    ax.set_ylim(lo[1] - pad[1], hi[1] + pad[1])
    ratio = (hi[1] - lo[1] + 1e-12) / (hi[0] - lo[0] + 1e-12)
    if equal is True or (equal == "auto" and 1 / 3 <= ratio <= 3):
        ax.set_aspect("equal", adjustable="box")


def draw_points(ax, X, responsibilities=None, colors=None, hard=False, size=None, alpha=POINT_ALPHA, zorder=1.0):
    """Scatter of the data X (n, 2), coloured by responsibilities (n, K).

    Parameters
    ----------
    ax : matplotlib Axes
    X : array_like, shape (n, 2)
    responsibilities : array_like, shape (n, K), optional
        Soft (default): each point in the responsibility-weighted mix of the component colours
        (mix_colors). None: neutral grey.
    colors : K matplotlib colours, optional (default component_colors(K))
    hard : bool, default False
        Colour each point like its most responsible component (hard_colors) instead.
    size, alpha, zorder : marker area in pt^2 (default: the style's), opacity, drawing order.

    Returns
    -------
    PathCollection
        A GroupedScatter (drawn fast, one colour group at a time), for update_points.

    Examples
    --------
    >>> import gmm_teach as gt
    >>> X = gt.textbook_data(n=200)
    >>> resp, _ = gt.e_step(X, gt.TEXTBOOK_TRUTH)
    >>> fig, ax = gt.plot.subplots()
    >>> points = gt.plot.draw_points(ax, X, resp)
    >>> points.get_facecolor().shape
    (200, 4)
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
    """Recolour (and with X, move) the scatter of draw_points in place. Returns it.

    >>> import gmm_teach as gt
    >>> X = gt.textbook_data(n=200)
    >>> fig, ax = gt.plot.subplots()
    >>> points = gt.plot.update_points(gt.plot.draw_points(ax, X), gt.e_step(X, gt.TEXTBOOK_TRUTH)[0], hard=True)
    """
    if X is not None:
        X = check_data(X)
        points.set_offsets(X)
    n = len(points.get_offsets())
    points.set_facecolors(_point_colors(n, responsibilities, colors, hard))
    return points


def draw_means(ax, params: GMMParams, colors=None, size=None, zorder=4.0):
    """The component means as large 'X' markers in the component colours.

    Parameters
    ----------
    ax : matplotlib Axes
    params : GMMParams with d = 2
    colors : K matplotlib colours, optional (default component_colors(K))
    size, zorder : marker area in pt^2 (default: the style's mean_size), drawing order.

    Returns
    -------
    PathCollection, for update_means.

    >>> import gmm_teach as gt
    >>> fig, ax = gt.plot.subplots()
    >>> means = gt.plot.draw_means(ax, gt.TEXTBOOK_TRUTH)
    >>> means.get_offsets().shape
    (3, 2)
    """
    params = check_params(params)
    style = current_style()
    rgb = _colors(colors, params.K)
    return ax.scatter(params.mu[:, 0], params.mu[:, 1], s=style.mean_size if size is None else size, c=rgb,
                      marker="X", edgecolors="black", linewidths=0.5 * style.line_width, zorder=zorder)


def update_means(means, params: GMMParams):
    """Move the markers of draw_means to params.mu, in place. Returns them.

    >>> import gmm_teach as gt
    >>> fig, ax = gt.plot.subplots()
    >>> means = gt.plot.update_means(gt.plot.draw_means(ax, gt.TEXTBOOK_TRUTH), gt.TEXTBOOK_TRUTH.permute([1, 0, 2]))
    """
    means.set_offsets(check_params(params).mu)
    return means


# --- log-likelihood curve -------------------------------------------------------------------

def draw_log_likelihood(ax, log_likelihoods, current=None, initial=None):
    """The log-likelihood after each EM iteration, with a marker at iteration `current`.

    Parameters
    ----------
    ax : matplotlib Axes
    log_likelihoods : array_like, shape (T,)
        log_likelihoods[t - 1] is the value after iteration t (EMResult.log_likelihoods), drawn at x = t.
    current : int, optional
        The iteration to mark; None hides the marker.
    initial : float, optional
        The log-likelihood of the initial parameters, drawn at x = 0.

    Returns
    -------
    (line, marker) : two Line2D, for update_log_likelihood.

    Examples
    --------
    >>> import gmm_teach as gt
    >>> result = gt.fit(gt.textbook_data(n=200), 3, init="textbook", seed=11)
    >>> fig, ax = gt.plot.subplots()
    >>> line, marker = gt.plot.draw_log_likelihood(ax, result.log_likelihoods, current=1)
    >>> [float(x) for x in marker.get_xdata()]
    [1.0]
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

    >>> import gmm_teach as gt
    >>> result = gt.fit(gt.textbook_data(n=200), 3, init="textbook", seed=11)
    >>> fig, ax = gt.plot.subplots()
    >>> artists = gt.plot.draw_log_likelihood(ax, result.log_likelihoods)
    >>> changed = gt.plot.update_log_likelihood(artists, current=3)
    >>> [float(x) for x in artists[1].get_xdata()]
    [3.0]
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
    """Plot title for EM pictures: phase "init", "E" or "M", e.g. 'Iteration 5 (after M-step)'.

    >>> iteration_title(5, "M"), iteration_title(0, "init")
    ('Iteration 5 (after M-step)', 'Initialisation (iteration 0)')
    """
    if phase == "init":
        return "Initialisation (iteration 0)"
    if phase not in ("E", "M"):
        raise ValueError(f"phase must be 'init', 'E' or 'M'; received {phase!r}.")
    return f"Iteration {t} (after {phase}-step)"


# --- the EM picture used by the stepper widget and the animation -----------------------------------

class EMView:
    """Data, covariance ellipses, means and title of one EM state, updated in place.

    ``EMView(ax, X, K, truth=None, colors=None, radii=(1, 2))`` draws once: the points (in
    grey), K sets of ellipses (hidden until the first update), the dashed true ellipses if
    ``truth`` is given, the mean markers and the title. The axis limits are fixed from the
    data, so the picture does not jump between frames.

    Parameters
    ----------
    ax : matplotlib Axes
    X : array_like, shape (n, 2)
    K : int, the number of components
    truth : GMMParams, optional
        True parameters, drawn as dashed dark ellipses.
    colors : K matplotlib colours, optional (default component_colors(K))
    radii : Mahalanobis radii of the ellipses, default (1, 2)

    ``view.update(params, responsibilities=None, title=None)`` moves the ellipses and
    means to params, colours the points by the (n, K) responsibilities (None: grey) and
    returns the changed artists (for FuncAnimation with blit=True). Set ``view.hard = True``
    to colour by the argmax component instead of the mix.

    Examples
    --------
    >>> import gmm_teach as gt
    >>> X = gt.textbook_data(n=200)
    >>> result = gt.fit(X, 3, init="textbook", seed=11)
    >>> fig, ax = gt.plot.subplots()
    >>> view = gt.plot.EMView(ax, X, 3, truth=gt.TEXTBOOK_TRUTH)
    >>> changed = view.update(result.params, result.responsibilities, title="fitted")
    >>> view.title.get_text(), len(changed)
    ('fitted', 9)
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
        frame_data(ax, X, equal=True)  # equal units keep the ellipses' angles true
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
        if responsibilities is not None:
            responsibilities = _check_responsibilities(responsibilities, len(self.X))
            if responsibilities.shape[1] > len(self.colors):
                raise ValueError(f"need {responsibilities.shape[1]} colours, one per component; "
                                 f"received {len(self.colors)}.")
        return self._show(params, responsibilities, title)

    def _show(self, params: GMMParams, responsibilities=None, title=None) -> list:
        """update without checks: params a GMMParams of this view's K in 2-D, responsibilities None or
        an (n, K) float array. For a caller that has checked every frame's inputs once (the animation)."""
        if responsibilities is None:
            self.points.set_facecolors(np.tile(NEUTRAL_COLOR, (len(self.X), 1)))
        else:
            self.points.set_facecolors(_resp_colors(responsibilities, self.colors[:responsibilities.shape[1]],
                                                    self.hard))
        changed = [self.points, *_place_ellipses(self.ellipses, params)]
        self.means.set_offsets(params.mu)
        self.means.set_visible(True)
        changed.append(self.means)
        if title is not None:
            self.title.set_text(title)
            changed.append(self.title)
        return changed


__all__ = ["PALETTE", "NEUTRAL_COLOR", "TRUTH_COLOR", "POINT_ALPHA", "component_colors", "mix_colors", "hard_colors",
           "probability_mass", "mass_label", "EllipseSet", "make_ellipses", "draw_ellipses", "update_ellipses",
           "draw_points", "update_points", "draw_means", "update_means", "draw_log_likelihood",
           "update_log_likelihood", "iteration_title", "EMView"]
