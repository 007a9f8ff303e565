"""Choosing K (chapter 09): the fit for one K beside the BIC, AIC and held-out log-likelihood curves.

    k_explorer(X, X_test)   a slider over K; the fit for K, and every criterion against K
"""
from __future__ import annotations

import ipywidgets as ipw
import numpy as np

from .. import plot
from .._validation import check_data, describe
from ..em import EMResult, fit_best_of
from ..steps import COVARIANCE_TYPES, ComponentCollapseError, log_likelihood
from ..model_selection import aic, bic, n_parameters
from ._base import MAX_COMPONENTS, FigureWidget, check_K, check_number, factory


class KExplorer(FigureWidget):
    """Choose K with a slider: the K-component fit beside the BIC, AIC and held-out curves against K.

    Left: the training points coloured by the responsibilities of the fit for K, with its
    ellipses (r = 1, 2) and means; for d > 2, the marginal mixture on two features. Middle:
    BIC and AIC on the training data against K (lower is better). Right: the average
    log-likelihood per point of the training and the test data (higher is better). A marker
    shows the chosen K on every curve; a star marks each curve's best K.

    Attributes: k (SelectionSlider over K_values), image, readout, message; X, X_test,
    K_values (list), results (dict K -> EMResult fitted to X), curves (dict of arrays over
    K_values: "n_parameters", "bic", "aic", "train", "test"), best (dict "bic" / "aic" /
    "test" -> K), state (dict: K and its values).
    """

    FIGSIZE = (12.4, 4.0)

    def __init__(self, X, X_test, results=None, *, K=None, K_values=range(1, 7), covariance_type=None, n_init=3,
                 seed=0, tol=1e-2, max_iter=1000, reg_covar=1e-6, features=(0, 1), language=None):
        X, X_test = check_data(X), check_data(X_test, "X_test")
        n, d = X.shape
        if X_test.shape[1] != d:
            raise ValueError(f"X_test must have the d = {d} features of X; received shape {X_test.shape}.")
        if d < 2:
            raise ValueError(f"the K explorer draws two features; X has d = {d}.")
        features = self._check_features(features, d)
        if covariance_type is not None and covariance_type not in COVARIANCE_TYPES:
            raise ValueError(f"covariance_type must be one of {COVARIANCE_TYPES} or None; received "
                             f"{describe(covariance_type)}.")
        n_init = check_number(n_init, "n_init", 1, integer=True, why="")
        seed = check_number(seed, "seed", 0, integer=True, why="")
        tol = check_number(tol, "tol", 0.0, why="")
        max_iter = check_number(max_iter, "max_iter", 1, integer=True, why="")
        reg_covar = check_number(reg_covar, "reg_covar", 0.0, why="")
        if results is None:
            K_values = self._check_K_values(K_values, n)
        if K is not None:
            K = check_K(K)
        super().__init__(language)
        self.X, self.X_test, self.features = X, X_test, features
        self.results = self._collect(results, K_values, range(seed, seed + n_init),
                                     dict(tol=tol, max_iter=max_iter, reg_covar=reg_covar,
                                          covariance_type=covariance_type or "full"), covariance_type)
        self.K_values = sorted(self.results)
        types = {r.covariance_type for r in self.results.values()}
        self.covariance_type = types.pop() if len(types) == 1 else None  # None: the results mix types
        self.curves = self._criteria()
        Ks = np.array(self.K_values)
        self.best = {"bic": int(Ks[np.argmin(self.curves["bic"])]), "aic": int(Ks[np.argmin(self.curves["aic"])]),
                     "test": int(Ks[np.argmax(self.curves["test"])])}
        K = self.best["bic"] if K is None else K
        if K not in self.results:
            raise ValueError(f"K must be one of the fitted K_values {self.K_values}; received {K!r}.")
        self._initial = K
        self.state = {}
        self._build()

    # --- the arguments -------------------------------------------------------------------------------
    @staticmethod
    def _check_features(features, d: int) -> tuple:
        allowed = f"two different feature indices from 0 to {d - 1}"
        if isinstance(features, (str, bytes)) or not hasattr(features, "__len__") or len(features) != 2:
            raise ValueError(f"features must be {allowed}; received {describe(features)}.")
        features = tuple(check_number(f, "each of features", 0, d - 1, integer=True, why=f"X has d = {d} features")
                         for f in features)
        if features[0] == features[1]:
            raise ValueError(f"features must be {allowed}; received {features}.")
        return features

    @staticmethod
    def _check_K_values(K_values, n: int) -> list:
        high = min(MAX_COMPONENTS, n)
        why = f"at most the {MAX_COMPONENTS} colours and the n = {n} points"
        if isinstance(K_values, (str, bytes)) or not hasattr(K_values, "__iter__"):
            raise TypeError(f"K_values must be a list of integers from 1 to {high}; received {describe(K_values)}.")
        values = sorted({check_number(K, "every K in K_values", 1, high, integer=True, why=why) for K in K_values})
        if not values:
            raise ValueError(f"K_values must hold at least one integer from 1 to {high}; received {describe(K_values)}.")
        return values

    def _collect(self, results, K_values, seeds, settings, covariance_type) -> dict:
        """results as {K: EMResult}, checked against X; fitted here (the best of the seeds) when None."""
        if results is None:
            fitted = {}
            for K in K_values:
                try:
                    fitted[K] = fit_best_of(self.X, K, seeds, init="kmeans++", **settings)
                except ComponentCollapseError:
                    raise ValueError(f"every one of the {len(seeds)} starts collapsed for K = {K}; use a larger "
                                     f"reg_covar or leave K = {K} out of K_values.") from None
            return fitted
        if isinstance(results, EMResult):
            results = [results]
        if isinstance(results, (str, bytes)) or not hasattr(results, "__iter__"):
            raise TypeError(f"results must be a list (or dict K -> result) of EMResults that gmm_teach.fit "
                            f"returned; received {describe(results)}.")
        items = list(results.values()) if isinstance(results, dict) else list(results)
        if not items:
            raise ValueError("results must hold at least one EMResult.")
        collected = {}
        for r in items:
            if not isinstance(r, EMResult):
                raise TypeError(f"results must be EMResults that gmm_teach.fit returned; received "
                                f"{type(r).__name__}.")
            if r.responsibilities.shape[0] != self.X.shape[0] or r.params.d != self.X.shape[1]:
                raise ValueError(f"every result must be fitted to X ({self.X.shape[0]} points, d = {self.X.shape[1]}); "
                                 f"one has {r.responsibilities.shape[0]} points and d = {r.params.d}.")
            if covariance_type is not None and r.covariance_type != covariance_type:
                raise ValueError(f"covariance_type={covariance_type!r} disagrees with the result for K = {r.params.K}, "
                                 f"which was fitted with covariance_type={r.covariance_type!r}; leave "
                                 f"covariance_type out (each result's own type is used).")
            if r.params.K in collected:
                raise ValueError(f"two results have K = {r.params.K}; give one per K.")
            if r.params.K > MAX_COMPONENTS:
                raise ValueError(f"the K explorer draws up to K = {MAX_COMPONENTS} components; received "
                                 f"K = {r.params.K}.")
            collected[r.params.K] = r
        return collected

    def _criteria(self) -> dict:
        """Every curve against K: parameters, BIC, AIC (each result counted by its own covariance type)
        and the log-likelihood per point of the training and the test data."""
        X, X_test, d = self.X, self.X_test, self.X.shape[1]
        fits = [self.results[K] for K in self.K_values]
        return {
            "n_parameters": np.array([n_parameters(r.params.K, d, r.covariance_type) for r in fits]),
            "bic": np.array([bic(X, r) for r in fits]),
            "aic": np.array([aic(X, r) for r in fits]),
            "train": np.array([log_likelihood(X, r.params) / len(X) for r in fits]),
            "test": np.array([log_likelihood(X_test, r.params) / len(X_test) for r in fits]),
        }

    # --- the widget ----------------------------------------------------------------------------------
    def _controls(self) -> list:
        self.k = ipw.SelectionSlider(options=[(str(j), j) for j in self.K_values], value=self._initial,
                                     continuous_update=True, layout=ipw.Layout(width=self.look.control_width))
        self._describe(self.k, "K")
        return [self.k]

    def _figure(self) -> None:
        """The figure, once: every K's ellipses and means are drawn now and shown one K at a time."""
        look = self.look
        Ks = np.array(self.K_values)
        self.fig, (ax, ax_ic, ax_ho) = self._subplots(1, 3, width_ratios=[1.15, 1, 1])
        self.axes = (ax, ax_ic, ax_ho)
        f0, f1 = self.features
        X2 = self.X[:, list(self.features)]
        self.points = plot.draw_points(ax, X2)
        self.ellipses, self.means = {}, {}
        for K in self.K_values:
            marginal = self.results[K].params.marginal(self.features)
            self.ellipses[K] = plot.draw_ellipses(ax, marginal, radii=(1, 2))
            self.means[K] = plot.draw_means(ax, marginal)
            for artist in [*self.ellipses[K], self.means[K]]:
                artist.set_visible(False)
        plot.frame_data(ax, X2)  # equal units, which keep the ellipses' shapes true, unless the cloud is flat
        ax.set_xlabel(f"$x_{{{f0 + 1}}}$", fontsize=look.label_size)
        ax.set_ylabel(f"$x_{{{f1 + 1}}}$", fontsize=look.label_size)
        self.title = ax.set_title(" ", fontsize=look.title_size)

        marker = dict(linestyle="none", marker="o", markersize=6.5 * look.line_width, markerfacecolor="none",
                      markeredgecolor=plot.PALETTE[5], markeredgewidth=1.1 * look.line_width, zorder=4)  # a ring
        star = dict(linestyle="none", marker="*", markersize=7.0 * look.line_width, markeredgecolor="black",
                    markeredgewidth=0.4 * look.line_width, zorder=3)
        self.markers, self.cursors = [], []
        panels = ((ax_ic, (("bic", "BIC", plot.PALETTE[0], "-", np.argmin), ("aic", "AIC", plot.PALETTE[1], "-",
                                                                                np.argmin)),
                   "BIC and AIC (training data)", "criterion (lower is better)", "upper right"),
                  (ax_ho, (("train", "training", "0.45", "--", None), ("test", "test (held out)", plot.PALETTE[2],
                                                                       "-", np.argmax)),
                   "Log-likelihood per point", "average log-likelihood", "lower right"))
        for axis, series, title, ylabel, corner in panels:
            for key, label, color, linestyle, best in series:
                values = self.curves[key]
                axis.plot(Ks, values, color=color, linestyle=linestyle, marker="o", markersize=2.0 * look.line_width,
                          linewidth=0.8 * look.line_width, label=label, zorder=2)
                if best is not None:
                    j = int(best(values))
                    axis.plot([Ks[j]], [values[j]], color=color, **star)
                (m,) = axis.plot([], [], **marker)
                self.markers.append((m, key))
            self.cursors.append(axis.axvline(Ks[0], color="0.35", linestyle=":", linewidth=0.7 * look.line_width,
                                             zorder=1))
            axis.set_xticks(Ks)
            # the legend's corner is fixed: "best" would move with the markers
            self._curve_panel(axis, "number of components $K$", ylabel, title, legend=corner)
        dynamic = [self.points, *[e for K in self.K_values for e in self.ellipses[K]],
                   *[self.means[K] for K in self.K_values], self.title, *[m for m, _ in self.markers], *self.cursors]
        self.renderer = plot.PngRenderer(self.fig, dynamic)

    def _start(self) -> None:
        self._watch(self.k, self.update)  # watched only now: the first picture is drawn once
        self._safely(self.show, self._initial)

    def update(self) -> None:
        """Draw the K the slider shows."""
        self.show(self.k.value)

    def show(self, K) -> None:
        """Draw the fit for K and move the markers to K (what the slider does)."""
        K = int(K)
        if K not in self.results:
            raise ValueError(f"K must be one of {self.K_values}; received {K}.")
        j = self.K_values.index(K)
        r = self.results[K]
        for other in self.K_values:
            for artist in [*self.ellipses[other], self.means[other]]:
                artist.set_visible(other == K)
        plot.update_points(self.points, r.responsibilities)
        for m, key in self.markers:
            m.set_data([K], [self.curves[key][j]])
        for cursor in self.cursors:
            cursor.set_xdata([K, K])
        self.title.set_text(f"K = {K}: fit to the training data")
        values = {key: float(self.curves[key][j]) for key in ("bic", "aic", "train", "test")}
        self.state = dict(K=K, n_parameters=int(self.curves["n_parameters"][j]), **values)
        readout = self.say("kexp_readout", K=K, p=self.state["n_parameters"], n=len(self.X), bic=f"{values['bic']:.1f}",
                           aic=f"{values['aic']:.1f}", train=f"{values['train']:.4f}", n_test=len(self.X_test),
                           test=f"{values['test']:.4f}")
        best = self.say("kexp_best", bic_K=self.best["bic"], aic_K=self.best["aic"], test_K=self.best["test"])
        self._set_readout(readout + "<br>" + best)
        self._render()
        if r.converged:
            self.clear_message()
        else:
            self.show_note(self.say("kexp_not_converged", K=K, n_iter=r.n_iter))


k_explorer = factory(KExplorer, "k_explorer", """\
Choose K with a slider: the fit for K (training points, ellipses, means) beside the BIC, AIC
(on X, lower is better) and average log-likelihood per point (on X and X_test, higher is better)
curves against K, with a marker at the chosen K.

results: EMResults fitted to X, one per K (a list or a dict K -> EMResult); BIC and AIC count
each result's parameters by its own covariance_type (as gmm_teach.bic(X, result) does). When
None, each K in K_values is fitted here, the best of n_init k-means++ starts (seeds seed,
seed + 1, ...; gmm_teach.fit_best_of) with tol, max_iter, reg_covar and covariance_type (default
"full"). For d > 2 the picture shows the two features `features` (the marginal mixture,
GMMParams.marginal). Starts at K (default: BIC's best).
""")
