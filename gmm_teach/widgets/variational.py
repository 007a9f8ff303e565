"""The variational mixture (chapter 11): how the weight prior alpha_0 switches components off.

    variational_explorer(X)   sliders for log10 alpha_0 and K_max; the fit's ellipses and expected weights
"""
from __future__ import annotations

import warnings

import ipywidgets as ipw
import numpy as np

from .. import plot
from ..em import ConvergenceWarning
from ..params import GMMParams, cholesky_or_none
from ..steps import _data_variance
from ..variational import VariationalResult, fit_variational
from ._base import MAX_COMPONENTS, FigureWidget, check_data_2d, check_number, check_seed, factory

LOG_ALPHA_RANGE = (-4.0, 3.0)  # the slider over log10 alpha_0
LOG_ALPHA_STEP = 0.1
KEPT = 0.01  # a component "survives" when its expected weight exceeds 1 %
WEIGHT_FLOOR = 1e-6  # the bottom of the (logarithmic) weight axis
MAX_ITER = 500


def _alpha0(log_value: float) -> float:
    """10 ** log_value, rounded to 12 significant digits (so that -2 gives exactly 0.01)."""
    return float(f"{10.0 ** log_value:.12g}")


class VariationalExplorer(FigureWidget):
    """Sliders for the weight prior alpha_0 (as log10 alpha_0) and the number of components K_max of
    a variational Gaussian mixture (gmm_teach.fit_variational), refitted on every change.

    Left: the data coloured by the responsibilities, with the ellipses (r = 1, 2) and means of the
    components whose expected weight E[phi_k] exceeds 1 %. Right: every component's expected weight
    (a logarithmic axis) with the 1 % line. The readout says how many components keep more than 1 %.

    Attributes: log_alpha (FloatSlider), k_max (IntSlider), image, readout, message; X, seed,
    results (dict (K_max, log10 alpha_0) -> VariationalResult, every fit so far), state (dict:
    alpha0, K_max, kept, weights, lower_bound, n_iter, converged).
    """

    FIGSIZE = (9.6, 4.3)

    def __init__(self, X, *, K_max=6, weight_concentration_prior=0.01, seed=0, language=None):
        X = check_data_2d(X, "X", "variational explorer")
        n = X.shape[0]
        if n < 2:
            raise ValueError(f"X must hold at least 2 points (the prior's covariance is that of X); received n = {n}.")
        _data_variance(X)  # "X is too large in magnitude for float64" before np.cov overflows
        if cholesky_or_none(np.cov(X.T)[None]) is None:  # the fits' default covariance_prior, W_0^-1 = cov(X)
            raise ValueError(f"X must not have a constant feature or collinear features: the explorer's prior uses the "
                             f"covariance of X (scikit-learn's default covariance_prior), and for this X it is singular "
                             f"(variances {np.round(np.diag(np.cov(X.T)), 6).tolist()}, which also happens when X is so "
                             f"small that its variance underflows). Remove the redundant feature, or standardise X: "
                             f"(X - X.mean(0)) / X.std(0).")
        high = min(MAX_COMPONENTS, n)
        K_max = check_number(K_max, "K_max", 1, high, integer=True,
                             why=f"the slider's range: at most the {MAX_COMPONENTS} colours and the n = {n} points")
        low, top = 10.0 ** LOG_ALPHA_RANGE[0], 10.0 ** LOG_ALPHA_RANGE[1]
        weight_concentration_prior = check_number(weight_concentration_prior, "weight_concentration_prior", low, top,
                                                  why="the slider's range, 10^-4 to 10^3")
        seed = check_seed(seed)
        super().__init__(language)
        self.X, self.seed, self.K_high = X, seed, high
        self._initial = (K_max, float(np.log10(weight_concentration_prior)), weight_concentration_prior)
        self.results: dict = {}
        self.state: dict = {}
        self._build()

    # --- the fits ------------------------------------------------------------------------------------
    def fit(self, K_max: int, log_alpha: float) -> VariationalResult:
        """The fit for (K_max, log10 alpha_0), from the cache or made now (and cached)."""
        key = (int(K_max), round(float(log_alpha), 6))
        if key not in self.results:
            initial_K, initial_log, initial_alpha = self._initial
            alpha0 = initial_alpha if key[1] == round(initial_log, 6) else _alpha0(key[1])
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ConvergenceWarning)  # shown as a note (result.converged)
                self.results[key] = fit_variational(self.X, key[0], weight_concentration_prior=alpha0,
                                                    seed=self.seed, max_iter=MAX_ITER)
        return self.results[key]

    # --- the widget ----------------------------------------------------------------------------------
    def _controls(self) -> list:
        K_max, log_alpha, _ = self._initial
        self.log_alpha = self._slider(ipw.FloatSlider, "vexp_log_alpha", log_alpha, *LOG_ALPHA_RANGE, LOG_ALPHA_STEP,
                                      continuous=False, fmt=".1f")
        self.k_max = self._slider(ipw.IntSlider, "vexp_K_max", K_max, 1, self.K_high, 1, continuous=False)
        return [self.log_alpha, self.k_max]

    def _figure(self) -> None:
        """The figure, once: one ellipse pair per possible component (hidden until needed), the bars."""
        look = self.look
        self.fig, (ax, ax_w) = self._subplots(1, 2, width_ratios=[1.15, 1])
        self.axes = (ax, ax_w)
        self.points = plot.draw_points(ax, self.X)
        self.ellipses = [plot.make_ellipses(ax, 1, radii=(1, 2), colors=[plot.PALETTE[k]])
                         for k in range(MAX_COMPONENTS)]
        self.means = ax.scatter(np.zeros(0), np.zeros(0), s=look.mean_size, marker="X", edgecolors="black",
                                linewidths=0.5 * look.line_width, zorder=4.0)
        plot.frame_data(ax, self.X)  # equal units, which keep the ellipses' shapes true, unless the cloud is flat
        ax.set_xlabel("$x_1$", fontsize=look.label_size)
        ax.set_ylabel("$x_2$", fontsize=look.label_size)
        self.title = ax.set_title(" ", fontsize=look.title_size)

        ks = np.arange(MAX_COMPONENTS)  # component 0, 1, ... as the code counts them (chapter 11's legend)
        self.bars = list(ax_w.bar(ks, np.full(MAX_COMPONENTS, WEIGHT_FLOOR), bottom=WEIGHT_FLOOR * 0.5,
                                  color=plot.PALETTE[:MAX_COMPONENTS], edgecolor="black",
                                  linewidth=0.4 * look.line_width, zorder=2))
        ax_w.set_yscale("log")
        ax_w.set_ylim(WEIGHT_FLOOR, 1.5)
        ax_w.set_xlim(-0.6, MAX_COMPONENTS - 0.4)
        ax_w.set_xticks(ks)
        ax_w.axhline(KEPT, color="0.25", linestyle="--", linewidth=0.8 * look.line_width, zorder=3, label="1 %")
        self._curve_panel(ax_w, "component", r"expected weight $E[\phi_k]$", "Expected weights", "upper right")
        dynamic = [self.points, *[e for s in self.ellipses for e in s], self.means, *self.bars, self.title]
        self.renderer = plot.PngRenderer(self.fig, dynamic)

    def _start(self) -> None:
        self._watch(self.log_alpha, self.update)  # watched only now: the first picture is drawn once
        self._watch(self.k_max, self.update)
        self._safely(self.update)

    def update(self) -> None:
        """Fit (or take from the cache) the sliders' setting and draw it."""
        self.show(self.k_max.value, self.log_alpha.value)

    def show(self, K_max, log_alpha) -> None:
        """Draw the fit for (K_max, log10 alpha_0) (what the sliders do)."""
        r = self.fit(K_max, log_alpha)
        K = len(r.weights)
        kept = r.weights > KEPT
        for k, ellipses in enumerate(self.ellipses):
            if k < K and kept[k]:
                plot.update_ellipses(ellipses, GMMParams([1.0], r.params.mu[k:k + 1], r.params.sigma[k:k + 1]))
            else:
                for e in ellipses:
                    e.set_visible(False)
        shown = np.flatnonzero(kept)
        self.means.set_offsets(r.params.mu[shown] if shown.size else np.zeros((0, 2)))
        self.means.set_facecolors([plot.PALETTE[k] for k in shown] or "none")
        plot.update_points(self.points, r.responsibilities)
        for k, bar in enumerate(self.bars):
            bar.set_visible(k < K)
            if k < K:
                bar.set_height(max(float(r.weights[k]), WEIGHT_FLOOR) - bar.get_y())
        alpha0 = _alpha0(round(float(log_alpha), 6)) if round(float(log_alpha), 6) != round(self._initial[1], 6) \
            else self._initial[2]
        self.title.set_text(f"$\\alpha_0$ = {alpha0:g}, $K_{{max}}$ = {K}: {int(kept.sum())} of {K} above 1 %")
        self.state = dict(alpha0=alpha0, K_max=K, kept=int(kept.sum()), weights=r.weights,
                          lower_bound=float(r.lower_bounds[-1]), n_iter=r.n_iter, converged=r.converged)
        self._set_readout(self.say("vexp_readout", alpha=f"{alpha0:g}", kept=int(kept.sum()), K=K,
                                   elbo=f"{r.lower_bounds[-1]:.2f}", n_iter=r.n_iter))
        self._render()
        if r.converged:
            self.clear_message()
        else:
            self.show_note(self.say("vexp_not_converged", n_iter=r.n_iter))


variational_explorer = factory(VariationalExplorer, "variational_explorer", """\
Sliders for log10 of the weight prior alpha_0 (weight_concentration_prior, 10^-4 to 10^3) and for
K_max (1 to 10): gmm_teach.fit_variational(X, K_max, weight_concentration_prior=alpha_0, seed=seed)
is refitted on every change (each setting once; widget.results keeps them). Left: X (n, 2)
coloured by the responsibilities, with the ellipses of the components whose expected weight
E[phi_k] exceeds 1 %; right: every expected weight, with the 1 % line. The readout counts the
components above 1 %: with a small alpha_0 the unneeded ones are switched off.

>>> import gmm_teach as gt
>>> X = gt.old_faithful()
>>> w = gt.widgets.variational_explorer((X - X.mean(0)) / X.std(0), K_max=6, weight_concentration_prior=0.01)
>>> w.state["kept"], w.state["K_max"]
(2, 6)
>>> w.close()
""")
