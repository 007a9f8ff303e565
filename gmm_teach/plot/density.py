"""Pictures of a density: the 2-D mixture density as contours, the 1-D mixture with its weighted
components, and the eigenvectors of one covariance (the half-axes of its ellipse).

The maths lives in the core (``gaussian.mixture_log_pdf``, ``gaussian.log_pdf``); this module draws.

>>> import gmm_teach as gt
>>> fig, (ax1, ax2) = gt.plot.subplots(1, 2, figsize=(9, 4))
>>> contours = gt.plot.draw_density_contours(ax1, gt.TEXTBOOK_TRUTH)
>>> arrows, texts = gt.plot.draw_eigenvectors(ax2, [0, 0], [[2.0, 0.8], [0.8, 1.0]])
"""
from __future__ import annotations

import numpy as np

from .._validation import as_float_array
from ..gaussian import log_pdf, mixture_log_pdf
from ..params import GMMParams, check_params
from .draw import _colors
from .style import current_style

# --- the 2-D mixture density ------------------------------------------------------------------

def mixture_log_density(params: GMMParams, points) -> np.ndarray:
    """log p(x) = log sum_k phi_k N(x | mu_k, Sigma_k) at each row of points (m, d), by log-sum-exp.

    The same as ``gmm_teach.gaussian.mixture_log_pdf(points, params)`` (arguments in the order
    of the other plot functions: params first).

    >>> import numpy as np
    >>> import gmm_teach as gt
    >>> np.round(gt.plot.mixture_log_density(gt.TEXTBOOK_TRUTH, gt.TEXTBOOK_TRUTH.mu), 3)
    array([-2.995, -2.942, -3.188])
    """
    return mixture_log_pdf(points, params)


def density_grid(params: GMMParams, xlim, ylim, grid: int = 120):
    """The 2-D mixture density on a grid x grid lattice.

    Returns xs (grid,), ys (grid,) and Z (grid, grid) with Z[i, j] the density at (xs[j], ys[i]).

    >>> import gmm_teach as gt
    >>> xs, ys, Z = gt.plot.density_grid(gt.TEXTBOOK_TRUTH, (-10, 10), (-8, 12), grid=50)
    >>> Z.shape, bool(abs(Z.sum() * (xs[1] - xs[0]) * (ys[1] - ys[0]) - 1) < 0.01)
    ((50, 50), True)
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

    Parameters
    ----------
    ax : matplotlib Axes
    params : GMMParams with d = 2
    xlim, ylim : (low, high), optional
        Default: every mean +- 3.5 standard deviations.
    levels : int or sequence, default 8
        As for matplotlib's contour.
    grid : int, default 120
        Points per side of the grid the density is evaluated on (density_grid).
    filled : bool, default False
    cmap, title : matplotlib colormap; the axes title (None or "" for none).

    Returns
    -------
    ContourSet
        Contours cannot be updated in place: call .remove() on it and draw again.

    >>> import gmm_teach as gt
    >>> fig, ax = gt.plot.subplots()
    >>> contours = gt.plot.draw_density_contours(ax, gt.TEXTBOOK_TRUTH, levels=6, filled=True)
    >>> contours.remove()
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
    counts them; the formula in the title counts k = 1..K).

    Parameters
    ----------
    ax : matplotlib Axes
    params : GMMParams with d = 1
    x : array_like, optional
        The grid; default: every mean +- 4 standard deviations, 500 points.
    components : bool, default True
        Draw the weighted components too.
    colors : K matplotlib colours, optional (default component_colors(K))
    fill : bool, default True
        Shade the area under the mixture.
    title : str, the axes title (None or "" for none)

    Returns
    -------
    (mixture_line, component_lines) : a Line2D and a list of Line2D, for update_density_1d.

    Examples
    --------
    >>> import gmm_teach as gt
    >>> params = gt.GMMParams([0.3, 0.7], [[-2.0], [1.0]], [[[1.0]], [[0.5]]])
    >>> fig, ax = gt.plot.subplots()
    >>> mixture, components = gt.plot.draw_density_1d(ax, params)
    >>> len(mixture.get_xdata()), [line.get_label() for line in components]
    (500, ['component 0', 'component 1'])
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
    """Recompute the curves of draw_density_1d for new params (same K and grid). Returns the changed lines.

    >>> import gmm_teach as gt
    >>> fig, ax = gt.plot.subplots()
    >>> artists = gt.plot.draw_density_1d(ax, gt.GMMParams([0.5, 0.5], [[-1.0], [1.0]], [[[1.0]], [[1.0]]]))
    >>> changed = gt.plot.update_density_1d(artists, gt.GMMParams([0.9, 0.1], [[-1.0], [1.0]], [[[1.0]], [[1.0]]]))
    >>> len(changed)
    3
    """
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

    These are the half-axes of the r = 1 covariance ellipse: v_1 (the major axis) points to
    the right, v_2 is v_1 turned by +90 degrees.

    Parameters
    ----------
    ax : matplotlib Axes
    mean : array_like, shape (2,)
    sigma : array_like, shape (2, 2), symmetric positive definite
    color : matplotlib colour, default "black"
    labels : bool, default True
        Write sqrt(lambda_i) v_i at the tips.

    Returns
    -------
    (arrows, texts) : two annotation arrows and their labels (empty list if labels=False),
        for update_eigenvectors.

    >>> import gmm_teach as gt
    >>> fig, ax = gt.plot.subplots()
    >>> arrows, texts = gt.plot.draw_eigenvectors(ax, [0, 0], [[4.0, 0.0], [0.0, 1.0]])
    >>> [tuple(float(v) for v in a.xy) for a in arrows]
    [(2.0, 0.0), (0.0, 1.0)]
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
    """Point the arrows of draw_eigenvectors along the eigenvectors of a new sigma. Returns the changed artists.

    >>> import gmm_teach as gt
    >>> fig, ax = gt.plot.subplots()
    >>> artists = gt.plot.draw_eigenvectors(ax, [0, 0], [[4.0, 0.0], [0.0, 1.0]])
    >>> changed = gt.plot.update_eigenvectors(artists, [1, 1], [[1.0, 0.0], [0.0, 9.0]])
    >>> [tuple(float(v) for v in a.xy) for a in artists[0]]
    [(1.0, 4.0), (0.0, 1.0)]
    """
    arrows, texts = artists
    mean, tips = _eigen_arrows(mean, sigma)
    for i, tip in enumerate(tips):
        arrows[i].xy = tuple(tip)
        arrows[i].set_position(tuple(mean))
        if texts:
            texts[i].set_position(tuple(tip))
    return [*arrows, *texts]


__all__ = ["mixture_log_density", "density_grid", "draw_density_contours", "draw_density_1d", "update_density_1d",
           "draw_eigenvectors", "update_eigenvectors"]
