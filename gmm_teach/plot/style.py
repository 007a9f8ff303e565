"""Sizes and figures: the normal and the lecture style, and figures pyplot never sees.

``lecture_mode(True)`` makes every later gmm_teach figure and widget large enough to read
from the back of a lecture hall. Nothing here touches matplotlib's global rcParams: the
style is applied inside ``rc_context`` while a figure is built, and explicitly to its axes.

>>> fig, ax = subplots(figsize=(4, 3))    # a Figure in the current style, unknown to pyplot
>>> fig.get_size_inches().tolist(), fig.dpi
([4.0, 3.0], 80.0)
"""
from __future__ import annotations

from dataclasses import dataclass

import matplotlib as mpl
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure


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

    Parameters
    ----------
    on : bool, default True
        True for the lecture sizes, False for the normal ones.

    Examples
    --------
    >>> import gmm_teach as gt
    >>> gt.plot.lecture_mode(True)
    >>> gt.plot.current_style().font_size, gt.plot.new_figure((5, 4)).get_size_inches().tolist()
    (15.0, [6.0, 4.8])
    >>> gt.plot.lecture_mode(False)
    >>> gt.plot.is_lecture_mode()
    False
    """
    global _lecture
    _lecture = bool(on)


def is_lecture_mode() -> bool:
    """True while lecture_mode(True) is in effect.

    >>> is_lecture_mode()
    False
    """
    return _lecture


def current_style() -> Style:
    """The Style in effect: LECTURE_STYLE in lecture mode, else NORMAL_STYLE.

    >>> current_style() is NORMAL_STYLE, current_style().line_width
    (True, 1.8)
    """
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
    """Apply the current style's font sizes to an Axes' ticks, labels and title (explicitly, not via rcParams).

    Returns ax. ``subplots`` does this for every Axes it makes; use it for an Axes added otherwise.

    >>> ax = style_axes(new_figure().add_subplot())
    """
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
    as soon as nothing refers to it. figsize is multiplied by the style's figure_scale;
    dpi defaults to the style's (80 normally, 100 in lecture mode).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig = new_figure((5, 4))
    >>> fig.get_size_inches().tolist(), fig in map(plt.figure, plt.get_fignums())
    ([5.0, 4.0], False)
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
    figure is cleared and reused (its size stays) instead of making a new one. The figure
    uses the constrained layout.

    Examples
    --------
    >>> fig, (ax, ax_ll) = subplots(1, 2, figsize=(8, 3.5), width_ratios=[1.25, 1])
    >>> len(fig.axes)
    2
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


__all__ = ["Style", "NORMAL_STYLE", "LECTURE_STYLE", "lecture_mode", "is_lecture_mode", "current_style",
           "style_axes", "new_figure", "subplots"]
