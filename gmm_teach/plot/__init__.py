"""Static drawing of Gaussian mixtures with matplotlib: ``gt.plot.<name>`` for every public name.

The package is split by what a reader is looking for:

``draw``     the teaching pictures of an EM run: colours, points, ellipses, means, the
             log-likelihood curve, and ``EMView`` (the stepper's and the animation's picture)
``density``  the mixture density (2-D contours, 1-D curves) and the eigenvectors of a covariance
``style``    normal and lecture sizes (``lecture_mode``), figures unknown to pyplot (``subplots``)
``_render``  PNG bytes, fast: ``encode_png``, the blitting ``PngRenderer``, ``GroupedScatter``;
             the only module that relies on matplotlib internals (see its docstring)

Every ``draw_*`` function takes the Axes to draw on and returns the artists it made, so that a
widget or an animation can change them in place with the matching ``update_*`` function.
Nothing here fits a model or touches matplotlib's global rcParams.

>>> import gmm_teach as gt
>>> fig, ax = gt.plot.subplots()            # a Figure in the current style, not shown by pyplot
>>> points = gt.plot.draw_points(ax, gt.textbook_data(n=200))
>>> ellipses = gt.plot.draw_ellipses(ax, gt.TEXTBOOK_TRUTH)
>>> gt.plot.figure_to_png(fig)[:4]
b'\\x89PNG'
"""
from ._render import GroupedScatter, PngRenderer, encode_png, figure_to_png
from .density import (density_grid, draw_density_1d, draw_density_contours, draw_eigenvectors, mixture_log_density,
                      update_density_1d, update_eigenvectors)
from .draw import (NEUTRAL_COLOR, PALETTE, POINT_ALPHA, TRUTH_COLOR, EllipseSet, EMView, component_colors,
                   draw_ellipses, draw_log_likelihood, draw_means, draw_points, frame_data, hard_colors,
                   iteration_title, make_ellipses, mass_label, mix_colors, probability_mass, update_ellipses,
                   update_log_likelihood, update_means, update_points)
from .style import (LECTURE_STYLE, NORMAL_STYLE, Style, current_style, is_lecture_mode, lecture_mode, new_figure,
                    style_axes, subplots)

__all__ = [
    "Style", "NORMAL_STYLE", "LECTURE_STYLE", "lecture_mode", "is_lecture_mode", "current_style", "style_axes",
    "new_figure", "subplots", "encode_png", "figure_to_png", "PngRenderer",
    "PALETTE", "NEUTRAL_COLOR", "TRUTH_COLOR", "POINT_ALPHA", "component_colors", "mix_colors", "hard_colors",
    "probability_mass", "mass_label", "EllipseSet", "make_ellipses", "draw_ellipses", "update_ellipses",
    "GroupedScatter", "frame_data", "draw_points", "update_points", "draw_means", "update_means",
    "draw_log_likelihood", "update_log_likelihood", "iteration_title",
    "mixture_log_density", "density_grid", "draw_density_contours", "draw_density_1d", "update_density_1d",
    "draw_eigenvectors", "update_eigenvectors", "EMView",
]
