"""Where EM fails (chapter 08): a component shrinking onto one point, and the road from EM to k-means.

    singularity_explorer()    the log-likelihood grows without bound as a component narrows on a point
    kmeans_limit_explorer()   soft assignments turn hard as a shared sigma shrinks: k-means
"""
from __future__ import annotations

import warnings

import ipywidgets as ipw
import numpy as np

from .. import plot
from ..data import TEXTBOOK_TRUTH, textbook_data
from ..em import ConvergenceWarning, fit
from ..steps import _e_step_kn
from ..params import GMMParams
from ._base import (FigureWidget, check_data_2d, check_K, check_means, check_number, check_params_2d, factory)


def _spike_params(base: GMMParams, point, sigma: float, weight: float) -> GMMParams:
    """base with one more component: weight `weight`, mean `point`, covariance sigma^2 I (the others scaled)."""
    d = base.d
    phi = np.concatenate([(1.0 - weight) * base.phi, [weight]])
    mu = np.vstack([base.mu, np.asarray(point, dtype=float)[None, :]])
    sigma_all = np.concatenate([base.sigma, (sigma**2 * np.eye(d))[None]], axis=0)
    return GMMParams(phi, mu, sigma_all)


def _log_sigma_grid(low: float, high: float, step: float) -> np.ndarray:
    """The values of log10 sigma the slider can take, from low to high."""
    return np.round(np.arange(low, high + step / 2, step), 10)


class SingularityExplorer(FigureWidget):
    """A component shrinking onto one data point: the log-likelihood grows without bound.

    To a mixture `params` (K components) fitted to X, one more component k = K is added:
    mean X[index], covariance sigma^2 I, weight `weight` (the other weights scaled by
    1 - weight). The left picture shows the data coloured by the responsibilities of the
    K + 1 components, the right one the log-likelihood against log10 sigma (a curve for the
    chosen point and weight, a marker at the current sigma, dashed: the K components alone).

    Attributes: log_sigma, index, weight (sliders), image, readout, message, view
    (plot.EMView), ring, curve, marker, base_line; X, base (the K-component GMMParams),
    base_log_likelihood, params (with the spike), sigma, log_likelihood, spike_log_density,
    grid and curve_values (the log-likelihood along the grid of log10 sigma).
    """

    LOG_SIGMA_RANGE = (-8.0, 0.5)
    STEP = 0.1
    WEIGHT_RANGE = (0.001, 0.5)

    def __init__(self, X=None, params=None, index=0, weight=0.01, *, language=None):
        if X is None:
            X = textbook_data()
            params = TEXTBOOK_TRUTH if params is None else params
        X = check_data_2d(X, "X", "singularity explorer")
        n = X.shape[0]
        if params is not None:
            params = check_params_2d(params, extra=1)
        index = check_number(index, "index", 0, n - 1, integer=True, why="a point of X: 0 to n - 1")
        weight = check_number(weight, "weight", *self.WEIGHT_RANGE)
        if params is None:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ConvergenceWarning)
                params = fit(X, min(3, n), seed=0).params
        super().__init__(language)
        self.X, self.base, self.K = X, params, params.K
        self._Xt = np.ascontiguousarray(X.T)  # checked once: the curve runs the E-step kernel 86 times on it
        self.base_log_likelihood = _e_step_kn(self._Xt, params)[1]
        self.grid = _log_sigma_grid(*self.LOG_SIGMA_RANGE, self.STEP)
        self._initial = (int(index), float(weight))
        self.params = self.sigma = self.log_likelihood = self.spike_log_density = None
        self.curve_values = None
        self._build()

    def _controls(self) -> list:
        (lo, hi), (index, weight) = self.LOG_SIGMA_RANGE, self._initial
        self.log_sigma = self._slider(ipw.FloatSlider, "log_sigma", 0.0, lo, hi, self.STEP, fmt=".1f")
        self.index = self._slider(ipw.IntSlider, "index", index, 0, self.X.shape[0] - 1, 1, continuous=False)
        self.weight = self._slider(ipw.FloatSlider, "spike_weight", weight, *self.WEIGHT_RANGE, 0.001,
                                   continuous=False, fmt=".3f")
        self._watch(self.log_sigma, self.update)
        self._watch(self.index, self.update_curve)
        self._watch(self.weight, self.update_curve)
        return [ipw.HBox([self.log_sigma, self.index]), self.weight]

    def _figure(self) -> None:
        X, look, (lo, hi) = self.X, self.look, self.LOG_SIGMA_RANGE
        index = self._initial[0]
        self.fig, (ax, ax_ll) = self._subplots(1, 2, width_ratios=[1.25, 1])
        self.ax, self.ax_ll = ax, ax_ll
        self.view = plot.EMView(ax, X, self.K + 1)
        spike_color = self.view.colors[self.K]
        self.ring = ax.scatter([X[index, 0]], [X[index, 1]], s=3.5 * look.mean_size, facecolors="none",
                               edgecolors=[spike_color], linewidths=1.0 * look.line_width, zorder=5)
        (self.curve,) = ax_ll.plot(self.grid, np.zeros_like(self.grid), color="0.25",
                                   linewidth=0.8 * look.line_width, label="with the spike", zorder=2)
        self.base_line = ax_ll.axhline(self.base_log_likelihood, color=plot.PALETTE[0], linestyle="--",
                                       linewidth=0.8 * look.line_width,
                                       label=f"{self.K} components alone", zorder=1)
        (self.marker,) = ax_ll.plot([], [], linestyle="none", marker="o", markersize=5.0 * look.line_width,
                                    markerfacecolor=spike_color, markeredgecolor="black",
                                    markeredgewidth=0.6 * look.line_width, zorder=3)
        ax_ll.set_xlim(lo - 0.2, hi + 0.2)
        self._curve_panel(ax_ll, "$\\log_{10} \\sigma$", "Log-likelihood", "Log-likelihood as the spike narrows",
                          legend="upper right")
        self.renderer = plot.PngRenderer(self.fig, [self.view.points, *self.view.ellipses, self.view.means,
                                                    self.view.title, self.ring, self.marker])

    def _start(self) -> None:
        self._safely(self.update_curve)

    def spike(self, log_sigma: float) -> GMMParams:
        """The K + 1 components with the spike of width 10**log_sigma on the chosen point."""
        return _spike_params(self.base, self.X[self.index.value], 10.0 ** log_sigma, self.weight.value)

    def update_curve(self) -> None:
        """Recompute the log-likelihood curve for the chosen point and weight, then redraw everything."""
        values = np.array([_e_step_kn(self._Xt, self.spike(s))[1] for s in self.grid])
        self.curve_values = values
        self.curve.set_ydata(values)
        low = min(values.min(), self.base_log_likelihood)
        high = max(values.max(), self.base_log_likelihood)
        pad = 0.08 * (high - low) + 1e-9
        self.ax_ll.set_ylim(low - pad, high + pad)
        i = self.index.value
        self.ring.set_offsets(self.X[i:i + 1])
        self.renderer.reset()  # the curve and the axis limits are part of the background
        self.update()

    def update(self) -> None:
        s = float(self.log_sigma.value)
        params = self.spike(s)
        resp_kn, ll = _e_step_kn(self._Xt, params)  # (K + 1, n) and the log-likelihood with the spike
        sigma = 10.0 ** s
        i, k = self.index.value, self.K
        self.params, self.sigma, self.log_likelihood = params, sigma, ll
        self.spike_log_density = float(-np.log(2 * np.pi * sigma**2))  # ln N(x | x, sigma^2 I) in 2-D
        self.view.update(params, resp_kn.T, title=f"Component {k} on point {i}: $\\sigma$ = {sigma:.2g}")
        self.marker.set_data([s], [ll])
        self._set_readout(self.say("spike_readout", i=i, x1=f"{self.X[i, 0]:.2f}", x2=f"{self.X[i, 1]:.2f}", k=k,
                                   K=self.K, sigma=f"{sigma:.3g}", w=f"{self.weight.value:.3f}",
                                   spike=f"{self.spike_log_density:.2f}", ll=f"{ll:.2f}",
                                   base=f"{self.base_log_likelihood:.2f}",
                                   diff=f"{ll - self.base_log_likelihood:+.2f}"))
        self._render()
        self.clear_message()


singularity_explorer = factory(SingularityExplorer, "singularity_explorer", """\
Shrink one extra component onto the data point X[index]: a slider for log10 sigma
(Sigma = sigma^2 I), one for the point and one for its weight. The log-likelihood of the
mixture grows without bound as sigma -> 0.

Defaults: the chapter's data with the true parameters as the K = 3 base mixture; with X
but no params, gmm_teach.fit(X, 3) gives the base.
""")


class KMeansLimitExplorer(FigureWidget):
    """EM's responsibilities with equal weights and one shared Sigma_k = sigma^2 I, as sigma shrinks.

    The means stay fixed; a slider moves log10 sigma. Left: the points coloured by the
    responsibilities (circles of radius sigma and 2 sigma around the means); right: the mean
    of max_k gamma_nk and the share of points with max_k gamma_nk > 0.99 against log10 sigma,
    with markers at the current sigma. As sigma -> 0 every point goes wholly to its nearest
    mean: the assignment step of k-means.

    Attributes: log_sigma (slider), hard (checkbox), image, readout, message, view, X, mu,
    params, sigma, responsibilities, mean_max, share_hard, agreement, grid, curve_values
    (dict "mean_max" / "share_hard" along the grid).
    """

    LOG_SIGMA_RANGE = (-2.0, 1.0)
    STEP = 0.05
    HARD = 0.99

    def __init__(self, X=None, mu=None, sigma=1.0, *, language=None):
        X = textbook_data() if X is None else check_data_2d(X, "X", "k-means limit explorer")
        mu = TEXTBOOK_TRUTH.mu if mu is None else check_means(mu)
        K = check_K(mu.shape[0], "the number of means K (rows of mu)")
        lo, hi = self.LOG_SIGMA_RANGE
        sigma = check_number(sigma, "sigma", 10**lo, 10**hi,
                             why=f"the slider's range, log10 sigma from {lo:g} to {hi:g}")
        super().__init__(language)
        self.X, self.mu, self.K = X, mu, K
        self._Xt = np.ascontiguousarray(X.T)  # checked once: the E-step kernel runs on it at every move
        d2 = ((X[:, None, :] - mu[None, :, :]) ** 2).sum(axis=2)  # (n, K) squared distances
        self.nearest = np.argmin(d2, axis=1)  # (n,) the k-means assignment
        self.grid = _log_sigma_grid(lo, hi, self.STEP)
        self._initial = sigma
        self.params = self.sigma = self.responsibilities = None
        self.mean_max = self.share_hard = self.agreement = None
        summaries = [self._summary(self._responsibilities(s)) for s in self.grid]
        self.curve_values = {"mean_max": np.array([m for m, _ in summaries]),
                             "share_hard": np.array([h for _, h in summaries])}
        self._build()

    def _controls(self) -> list:
        lo, hi = self.LOG_SIGMA_RANGE
        self.log_sigma = self._slider(ipw.FloatSlider, "log_sigma", float(np.round(np.log10(self._initial), 2)),
                                      lo, hi, self.STEP, fmt=".2f")
        self.hard = self._hard_checkbox()
        self._watch(self.log_sigma, self.update)
        self._watch(self.hard, self.update)
        return [ipw.HBox([self.log_sigma, self.hard])]

    def _figure(self) -> None:
        look, (lo, hi) = self.look, self.LOG_SIGMA_RANGE
        self.fig, (ax, ax_c) = self._subplots(1, 2, width_ratios=[1.25, 1])
        self.ax, self.ax_curve = ax, ax_c
        self.view = plot.EMView(ax, self.X, self.K)
        lw = 0.8 * look.line_width
        ax_c.plot(self.grid, self.curve_values["mean_max"], color=plot.PALETTE[0], linewidth=lw,
                  label="mean of $\\max_k \\gamma_{nk}$")
        ax_c.plot(self.grid, self.curve_values["share_hard"], color=plot.PALETTE[5], linewidth=lw, linestyle="--",
                  label="share with $\\max_k \\gamma_{nk} > 0.99$")
        ax_c.axhline(1.0 / self.K, color="0.5", linewidth=0.5 * lw, linestyle=":")
        marker = dict(linestyle="none", marker="o", markersize=4.5 * look.line_width, markeredgecolor="black",
                      markeredgewidth=0.6 * look.line_width, zorder=3)
        (self.marker_mean,) = ax_c.plot([], [], markerfacecolor=plot.PALETTE[0], **marker)
        (self.marker_share,) = ax_c.plot([], [], markerfacecolor=plot.PALETTE[5], **marker)
        ax_c.set_xlim(lo - 0.1, hi + 0.1)
        ax_c.set_ylim(-0.03, 1.05)
        self._curve_panel(ax_c, "$\\log_{10} \\sigma$", "fraction", "From soft to hard assignments",
                          legend="center right")
        self.renderer = plot.PngRenderer(self.fig, [self.view.points, *self.view.ellipses, self.view.means,
                                                    self.view.title, self.marker_mean, self.marker_share])

    def shared(self, log_sigma: float) -> GMMParams:
        """Equal weights 1/K, the fixed means and Sigma_k = sigma^2 I with sigma = 10**log_sigma."""
        K, sigma = self.K, 10.0 ** log_sigma
        return GMMParams(np.full(K, 1.0 / K), self.mu, np.repeat((sigma**2 * np.eye(2))[None], K, axis=0))

    def _responsibilities(self, log_sigma: float) -> np.ndarray:
        """(n, K) responsibilities under shared(log_sigma), computed in log space: fine for any sigma."""
        return _e_step_kn(self._Xt, self.shared(log_sigma))[0].T

    def _summary(self, resp) -> tuple:
        top = resp.max(axis=1)
        return float(top.mean()), float(np.mean(top > self.HARD))

    def update(self) -> None:
        s = float(self.log_sigma.value)
        params = self.shared(s)
        resp = self._responsibilities(s)
        self.params, self.sigma, self.responsibilities = params, 10.0 ** s, resp
        self.mean_max, self.share_hard = self._summary(resp)
        self.agreement = float(np.mean(np.argmax(resp, axis=1) == self.nearest))
        self.view.hard = self.hard.value
        self.view.update(params, resp, title=f"Shared $\\Sigma_k = \\sigma^2 I$, $\\sigma$ = {self.sigma:.3g}")
        self.marker_mean.set_data([s], [self.mean_max])
        self.marker_share.set_data([s], [self.share_hard])
        self._set_readout(self.say("kmeans_readout", sigma=f"{self.sigma:.3g}", mean_max=f"{self.mean_max:.3f}",
                                   share=f"{100 * self.share_hard:.1f}%", agree=f"{100 * self.agreement:.1f}%"))
        self._render()
        self.clear_message()


kmeans_limit_explorer = factory(KMeansLimitExplorer, "kmeans_limit_explorer", """\
Watch soft assignments turn hard: EM's responsibilities with equal weights and a shared
covariance sigma^2 I for fixed means mu (K, 2), with a slider for log10 sigma. As sigma -> 0
they become the nearest-mean assignments of k-means.

Defaults: the chapter's data and the true means.
""")
