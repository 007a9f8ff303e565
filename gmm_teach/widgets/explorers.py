"""The explorers of chapters 01-03: the true mixture, one Gaussian, and the E-step.

    truth_explorer()      move each component's mean, shape and weight; watch a sample
    gaussian_explorer()   one 2-D Gaussian: contours, eigenvectors, Mahalanobis distance of a point
    estep_explorer()      move the means (and weights); watch every point's responsibilities
"""
from __future__ import annotations

import functools

import ipywidgets as ipw
import numpy as np

from .. import plot
from ..data import TEXTBOOK_TRUTH, sample, textbook_data
from ..init import init_params
from ..steps import _e_step_kn
from ..gaussian import log_gauss_kn, squared_mahalanobis_kn
from ..params import GMMParams, from_components
from ._base import (SEED_MAX, FigureWidget, Problem, check_data_2d, check_K, check_number, check_params_2d,
                    check_point, check_seed, factory, fmt, short)


# --- the true mixture ---------------------------------------------------------------------------

def _component_settings(params: GMMParams, K: int) -> list:
    """Slider values (mean, stds, correlation, weight) for K components, from params (padded if K > params.K)."""
    settings = []
    for k in range(K):
        if k < params.K:
            s = params.sigma[k]
            sx, sy = np.sqrt(s[0, 0]), np.sqrt(s[1, 1])
            settings.append(dict(mean=params.mu[k], std=(sx, sy), corr=s[0, 1] / (sx * sy), weight=params.phi[k]))
        else:  # a new component on a circle around the origin
            angle = 2 * np.pi * k / K
            settings.append(dict(mean=(4 * np.cos(angle), 4 * np.sin(angle)), std=(1.0, 1.0), corr=0.0,
                                 weight=1.0 / K))
    return settings


class TruthExplorer(FigureWidget):
    """The true mixture: per component sliders for mean, standard deviations, correlation and weight.

    Attributes: components (list of dicts of sliders "mean_x", "mean_y", "std_x", "std_y",
    "corr", "weight"), n, seed, tab, image, readout, message; params (the last valid
    GMMParams), X and z (its sample), valid (False while the settings are impossible),
    problem (the message text then).
    """

    FIGSIZE = (5.2, 4.6)
    MEAN_RANGE = 6.0
    STD_RANGE = (0.1, 3.0)
    N_RANGE = (2, 5000)
    LIMITS = (-9.0, 9.0)

    def __init__(self, K=3, n=1000, seed=0, params=TEXTBOOK_TRUTH, *, language=None):
        K = check_K(K)
        n = check_number(n, "n", *self.N_RANGE, integer=True)
        seed = check_seed(seed)
        settings = self._settings(params, K)
        super().__init__(language)
        self.K, self._initial = K, dict(settings=settings, n=n, seed=seed)  # the controls' first values
        self.params, self.X, self.z, self.valid, self.problem = None, None, None, False, ""
        self._build()

    @classmethod
    def _settings(cls, params, K: int) -> list:
        """The sliders' starting values from params; an error if one lies outside its slider's range."""
        params = check_params_2d(params)
        settings = _component_settings(params, K)
        m, (s_lo, s_hi) = cls.MEAN_RANGE, cls.STD_RANGE
        for k, setting in enumerate(settings[: params.K]):
            mean, std = np.asarray(setting["mean"], float), np.asarray(setting["std"], float)
            if np.any(np.abs(mean) > m + 1e-9):
                raise ValueError(f"params: the mean of component {k} is ({mean[0]:.3g}, {mean[1]:.3g}), outside the "
                                 f"mean sliders' range {-m:g} to {m:g}; move or rescale the mixture.")
            if np.any(std < s_lo - 1e-9) or np.any(std > s_hi + 1e-9):
                raise ValueError(f"params: the standard deviations of component {k} are ({std[0]:.3g}, "
                                 f"{std[1]:.3g}), outside the sliders' range {s_lo:g} to {s_hi:g}.")
            setting["mean"], setting["std"] = np.clip(mean, -m, m), np.clip(std, s_lo, s_hi)  # float noise only
        return settings

    def _controls(self) -> list:
        self.components, pages = [], []
        m, (s_lo, s_hi) = self.MEAN_RANGE, self.STD_RANGE
        slider = functools.partial(self._slider, ipw.FloatSlider)
        for setting in self._initial["settings"]:
            (mx, my), (sx, sy) = setting["mean"], setting["std"]
            sliders = {
                "mean_x": slider("mean_x", float(mx), -m, m, 0.1),
                "mean_y": slider("mean_y", float(my), -m, m, 0.1),
                "std_x": slider("std_x", float(sx), s_lo, s_hi, 0.05),
                "std_y": slider("std_y", float(sy), s_lo, s_hi, 0.05),
                "corr": slider("corr", float(np.round(setting["corr"], 2)), -1.0, 1.0, 0.05),
                "weight": slider("weight", float(np.round(setting["weight"], 2)), 0.0, 1.0, 0.05),
            }
            self.components.append(sliders)
            pages.append(ipw.HBox([ipw.VBox([sliders["mean_x"], sliders["mean_y"], sliders["weight"]]),
                                   ipw.VBox([sliders["std_x"], sliders["std_y"], sliders["corr"]])]))
        self.tab = self._tab(pages, [self.say("component", k=k) for k in range(self.K)])
        self.n = self._slider(ipw.IntSlider, "n", self._initial["n"], *self.N_RANGE, 1, continuous=False)
        self.seed = self._int_box("seed", self._initial["seed"], 0, SEED_MAX)
        for control in [*(c for sliders in self.components for c in sliders.values()), self.n, self.seed]:
            self._watch(control, self.update)
        return [self.tab, ipw.HBox([self.n, self.seed])]

    def _figure(self) -> None:
        K, look = self.K, self.look
        self.fig, ax = self._subplots()
        self.ax = ax
        self.colors = np.array(plot.component_colors(K))
        self.points = plot.draw_points(ax, np.zeros((1, 2)))
        self.ellipses = plot.make_ellipses(ax, K, (1, 2), self.colors, linestyle="--")
        self.means = ax.scatter(np.zeros(K), np.zeros(K), s=look.mean_size, c=self.colors, marker="X",
                                edgecolors="black", linewidths=0.5 * look.line_width, zorder=4)
        self.title = ax.set_title(" ", fontsize=look.title_size)
        self._plane(ax, self.LIMITS)
        self.renderer = plot.PngRenderer(self.fig, [self.points, *self.ellipses, self.means, self.title])

    def read_params(self) -> GMMParams:
        """GMMParams from the sliders; a Problem for settings that are not a mixture."""
        values = {key: np.array([c[key].value for c in self.components], dtype=float) for key in self.components[0]}
        for k, rho in enumerate(values["corr"]):
            if abs(rho) >= 1:
                raise Problem("corr_one", k=k, rho=f"{rho:+.2f}")
        if not np.any(values["weight"] > 0):
            raise Problem("weights_zero")
        return from_components(values["weight"], np.column_stack([values["mean_x"], values["mean_y"]]),
                               np.column_stack([values["std_x"], values["std_y"]]), values["corr"])

    def update(self) -> None:
        """Read the controls, resample and redraw (a Problem leaves the last picture)."""
        try:
            params = self.read_params()
            X, z = sample(params, self.n.value, seed=self.seed.value)
        except Problem as problem:
            self.valid, self.problem = False, self.say(problem.key, **problem.values)
            raise
        except Exception as exc:
            self.valid, self.problem = False, short(exc)
            raise
        self.params, self.X, self.z, self.valid, self.problem = params, X, z, True, ""
        plot.update_points(self.points, X=X)
        self.points.set_facecolors(self.colors[z])
        plot.update_ellipses(self.ellipses, params)
        self.means.set_offsets(params.mu)
        self.title.set_text(f"True mixture: K = {params.K}, n = {len(X)} samples")
        counts = np.bincount(z, minlength=params.K)
        self._set_readout(self.say("truth_readout", phi=fmt(params.phi), counts=", ".join(map(str, counts)),
                                   n=len(X)))
        self._render()
        self.clear_message()


truth_explorer = factory(TruthExplorer, "truth_explorer", """\
Explore the true mixture: move each component's mean, shape and weight and watch a sample of n points.

Starts from params (the chapter's truth by default; its first K components, new ones
added if K is larger). Returns a TruthExplorer widget; its .params and .X hold the
current truth and sample.
""")


# --- one Gaussian -------------------------------------------------------------------------------

class GaussianExplorer(FigureWidget):
    """One 2-D Gaussian N(0, Sigma): contours, eigenvectors and the Mahalanobis distance of a point.

    Attributes: var_x, var_y, corr, point_x, point_y (sliders), image, readout, message;
    sigma (current covariance), distance, euclidean, density (of the point).
    """

    FIGSIZE = (5.0, 4.8)
    LIMITS = (-5.0, 5.0)
    RADII = (1, 2, 3)
    VAR_RANGE = (0.1, 4.0)
    POINT_RANGE = (-4.5, 4.5)

    def __init__(self, var_x=2.0, var_y=1.0, corr=0.6, point=(2.0, -1.0), *, language=None):
        var_x = check_number(var_x, "var_x", *self.VAR_RANGE)
        var_y = check_number(var_y, "var_y", *self.VAR_RANGE)
        corr = check_number(corr, "corr", -1.0, 1.0, open_ends=True,
                            why="at ±1 the Gaussian is squashed onto a line and has no density")
        point = check_point(point, "point", *self.POINT_RANGE)
        super().__init__(language)
        self._initial = dict(var_x=var_x, var_y=var_y, corr=corr, point=point)  # the sliders' first values
        self.sigma = self.distance = self.euclidean = self.density = None
        self._build()

    def _controls(self) -> list:
        start, slider = self._initial, functools.partial(self._slider, ipw.FloatSlider)
        self.var_x = slider("var_x", start["var_x"], *self.VAR_RANGE, 0.05)
        self.var_y = slider("var_y", start["var_y"], *self.VAR_RANGE, 0.05)
        self.corr = slider("corr", start["corr"], -1.0, 1.0, 0.01)
        self.point_x = slider("point_x", float(start["point"][0]), *self.POINT_RANGE, 0.1)
        self.point_y = slider("point_y", float(start["point"][1]), *self.POINT_RANGE, 0.1)
        for control in (self.var_x, self.var_y, self.corr, self.point_x, self.point_y):
            self._watch(control, self.update)
        return [ipw.HBox([ipw.VBox([self.var_x, self.var_y, self.corr]), ipw.VBox([self.point_x, self.point_y])])]

    def _figure(self) -> None:
        look = self.look
        self.fig, ax = self._subplots()
        self.ax = ax
        lo, hi = self.LIMITS
        self.grid = np.linspace(lo, hi, 161)
        gx, gy = np.meshgrid(self.grid, self.grid)
        self._grid_t = np.ascontiguousarray(np.column_stack([gx.ravel(), gy.ravel()]).T)  # (2, 161^2)
        self.image_artist = ax.imshow(np.zeros((2, 2)), extent=(lo, hi, lo, hi), origin="lower", cmap="Blues",
                                      interpolation="bilinear", zorder=0.6, vmin=0.0, vmax=1.0)
        self.contours = plot.make_ellipses(ax, 1, self.RADII, [(0.25, 0.25, 0.25)],
                                           linewidth=0.8 * look.line_width, mass_labels=True)
        self.arrows = plot.draw_eigenvectors(ax, (0, 0), np.eye(2), color="black")
        red = plot.PALETTE[5]
        self.through = plot.make_ellipses(ax, 1, (1,), [red], linestyle="--", linewidth=0.8 * look.line_width)
        (self.segment,) = ax.plot([0, 0], [0, 0], color=red, linewidth=0.7 * look.line_width, zorder=4)
        (self.point,) = ax.plot([0], [0], marker="o", color=red, markeredgecolor="black",
                                markersize=4 * look.line_width, zorder=6)
        self.title = ax.set_title("2-D Gaussian $\\mathcal{N}(\\mathbf{0}, \\Sigma)$: "
                                  "contours at $r = 1, 2, 3$", fontsize=look.title_size)
        self._plane(ax, self.LIMITS)
        dynamic = [self.image_artist, *self.contours, *self.contours.labels, *self.arrows[0], *self.arrows[1],
                   *self.through, self.segment, self.point]
        self.renderer = plot.PngRenderer(self.fig, dynamic)

    def update(self) -> None:
        rho = self.corr.value
        if abs(rho) >= 1:
            raise Problem("corr_one_single", rho=f"{rho:+.2f}")
        sx, sy = np.sqrt(self.var_x.value), np.sqrt(self.var_y.value)
        params = from_components([1.0], [[0.0, 0.0]], [[sx, sy]], [rho])  # checked here, once
        sigma, mu = params.sigma[0], params.mu[0]
        x = np.array([self.point_x.value, self.point_y.value])
        Z = np.exp(log_gauss_kn(self._grid_t, params.mu, params.cholesky)[0]).reshape(len(self.grid), -1)
        self.image_artist.set_data(Z)
        self.image_artist.set_clim(0.0, 1.6 * Z.max())  # light shades: the lines stay readable
        plot.update_ellipses(self.contours, params)
        plot.update_eigenvectors(self.arrows, mu, sigma)
        distance = float(np.sqrt(squared_mahalanobis_kn(x[:, None], params.mu, params.cholesky)[0, 0]))
        if distance > 1e-9:
            plot.update_ellipses(self.through, GMMParams([1.0], [mu], [sigma * distance**2]))
        else:
            for e in self.through:
                e.set_visible(False)
        self.segment.set_data([mu[0], x[0]], [mu[1], x[1]])
        self.point.set_data([x[0]], [x[1]])
        self.sigma, self.distance = sigma, distance
        self.euclidean = float(np.linalg.norm(x - mu))
        self.density = float(np.exp(log_gauss_kn(x[:, None], params.mu, params.cholesky)[0, 0]))
        l2, l1 = np.linalg.eigvalsh(sigma)
        self._set_readout(self.say(
            "gauss_readout", s11=f"{sigma[0, 0]:.2f}", s12=f"{sigma[0, 1]:.2f}", s22=f"{sigma[1, 1]:.2f}",
            l1=f"{l1:.2f}", l2=f"{l2:.2f}", x1=f"{x[0]:.2f}", x2=f"{x[1]:.2f}", dm=f"{distance:.3f}",
            de=f"{self.euclidean:.3f}", density=f"{self.density:.4g}",
            mass=f"{100 * plot.probability_mass(distance):.1f}%"))
        self._render()
        self.clear_message()


gaussian_explorer = factory(GaussianExplorer, "gaussian_explorer", """\
Explore one 2-D Gaussian N(0, Sigma): its contours (r = 1, 2, 3 with their probability),
eigenvectors scaled by sqrt(eigenvalue), and the Mahalanobis distance and density of a point.
""")


# --- the E-step ---------------------------------------------------------------------------------

class EStepExplorer(FigureWidget):
    """Move the component means (and weights) and watch the responsibilities of every point.

    Attributes: components (list of dicts of sliders "mean_x", "mean_y", "weight"), index
    (which point's posterior the bar chart shows), hard (checkbox), image, readout,
    message; X, params (current), responsibilities (n, K), bars.
    """

    FIGSIZE = (9.0, 4.2)

    def __init__(self, X=None, params=None, *, reg_covar=1e-6, language=None):
        reg_covar = check_number(reg_covar, "reg_covar", 0.0, why="")
        if X is None:
            X = textbook_data()
            params = TEXTBOOK_TRUTH if params is None else params
        X = check_data_2d(X, "X", "E-step explorer")
        if params is not None:
            params = check_params_2d(params)
        super().__init__(language)
        if params is None:  # the core's initialisation, with reg_covar (degenerate data need reg_covar > 0)
            params = init_params(X, min(3, X.shape[0]), init="kmeans++", seed=0, reg_covar=reg_covar)
        self.X, self.K, self.params, self.responsibilities = X, params.K, params, None
        self._Xt = np.ascontiguousarray(X.T)  # checked once: the E-step kernel runs on it at every move
        self._sigma = params.sigma  # the covariances stay as given; the means and weights move
        self._build()

    def _controls(self) -> list:
        X, params = self.X, self.params
        pad = 0.1 * (X.max(axis=0) - X.min(axis=0)) + 1e-9
        # the mean sliders' range: the data (padded), widened to the given means (never clamped)
        lo = np.minimum(X.min(axis=0) - pad, params.mu.min(axis=0))
        hi = np.maximum(X.max(axis=0) + pad, params.mu.max(axis=0))
        slider = functools.partial(self._slider, ipw.FloatSlider)
        self.components, pages = [], []
        for k in range(self.K):
            mean = params.mu[k]
            sliders = {
                "mean_x": slider("mean_x", float(mean[0]), float(lo[0]), float(hi[0]), 0.05),
                "mean_y": slider("mean_y", float(mean[1]), float(lo[1]), float(hi[1]), 0.05),
                "weight": slider("weight", float(np.round(params.phi[k], 2)), 0.0, 1.0, 0.05),
            }
            self.components.append(sliders)
            pages.append(ipw.VBox(list(sliders.values())))
        self.tab = self._tab(pages, [self.say("component", k=k) for k in range(self.K)])
        self.index = self._slider(ipw.IntSlider, "index", 0, 0, X.shape[0] - 1, 1)
        self.hard = self._hard_checkbox()
        for control in [*(c for sliders in self.components for c in sliders.values()), self.index, self.hard]:
            self._watch(control, self.update)
        return [self.tab, ipw.HBox([self.index, self.hard])]

    def _figure(self) -> None:
        X, K, look = self.X, self.K, self.look
        self.fig, (ax, ax_bar) = self._subplots(1, 2, width_ratios=[1.6, 1])
        self.ax, self.ax_bar = ax, ax_bar
        self.view = plot.EMView(ax, X, K)
        self.chosen = ax.scatter([X[0, 0]], [X[0, 1]], s=3.5 * look.mean_size, facecolors="none",
                                 edgecolors="black", linewidths=0.9 * look.line_width, zorder=5)
        self.bars = ax_bar.bar(np.arange(K), np.zeros(K), color=self.view.colors, edgecolor="black",
                               linewidth=0.4 * look.line_width, zorder=2)
        self.bar_labels = [ax_bar.text(k, 0.0, "", ha="center", va="bottom", fontsize=look.font_size,
                                       zorder=3, clip_on=True) for k in range(K)]
        ax_bar.set_ylim(0, 1.12)
        ax_bar.set_xlim(-0.6, K - 0.4)
        ax_bar.set_xticks(np.arange(K))
        ax_bar.set_xlabel("component $k$", fontsize=look.label_size)
        ax_bar.set_ylabel("$\\gamma(z_{nk})$", fontsize=look.label_size)
        ax_bar.set_axisbelow(True)
        ax_bar.grid(True, axis="y", linewidth=0.5, alpha=0.5)
        self.bar_title = ax_bar.set_title(" ", fontsize=look.title_size)
        dynamic = [self.view.points, *self.view.ellipses, self.view.means, self.view.title, self.chosen,
                   *self.bars.patches, *self.bar_labels, self.bar_title]
        self.renderer = plot.PngRenderer(self.fig, dynamic)

    def read_params(self) -> GMMParams:
        weights = np.array([c["weight"].value for c in self.components], dtype=float)
        if not np.any(weights > 0):
            raise Problem("weights_zero")
        mu = np.array([[c["mean_x"].value, c["mean_y"].value] for c in self.components], dtype=float)
        return GMMParams(weights / weights.sum(), mu, self._sigma)

    def update(self) -> None:
        params = self.read_params()
        resp_kn, ll = _e_step_kn(self._Xt, params)  # (K, n) responsibilities and the log-likelihood
        resp = resp_kn.T  # (n, K)
        i = self.index.value
        self.params, self.responsibilities = params, resp
        self.view.hard = self.hard.value
        self.view.update(params, resp, title="E-step: responsibilities $\\gamma(z_{nk})$")
        self.chosen.set_offsets(self.X[i:i + 1])
        for k, (bar, label) in enumerate(zip(self.bars.patches, self.bar_labels)):
            bar.set_height(resp[i, k])
            label.set_position((k, resp[i, k] + 0.01))
            label.set_text(f"{resp[i, k]:.2f}")
        self.bar_title.set_text(f"Posterior of point {i}")
        self._set_readout(self.say("estep_readout", i=i, x1=f"{self.X[i, 0]:.2f}", x2=f"{self.X[i, 1]:.2f}",
                                   gamma=fmt(resp[i]), best=int(resp[i].argmax()), ll=f"{ll:.3f}"))
        self._render()
        self.clear_message()


estep_explorer = factory(EStepExplorer, "estep_explorer", """\
Explore the E-step: move the means (and weights) of params and watch every point's
responsibilities (colours) and one chosen point's posterior (bar chart).

Defaults: the chapter's data and true parameters. With X but no params, a k-means++
initialisation with K = 3 (gmm_teach.init_params with reg_covar, which degenerate data such
as a constant column need to be > 0). The covariances stay as in params.
""")
