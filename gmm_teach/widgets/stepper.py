"""The EM stepper and the EM lab (chapter 06): a fitted run, half-step by half-step.

    em_stepper(X, result)   scrub through a fitted EM run, E-step and M-step apart
    em_lab()                choose data, K, initialisation and regularisation; run; step
    half_step(step)         which iteration and phase a half-step is
"""
from __future__ import annotations

import warnings
from collections import OrderedDict

import ipywidgets as ipw
import numpy as np

from .. import plot
from ..data import TEXTBOOK_TRUTH, textbook_data
from ..em import ConvergenceWarning, EMResult, fit
from ..init import INIT_METHODS
from ..steps import ComponentCollapseError, _e_step_kn
from ..params import check_params
from ._base import SEED_MAX, FigureWidget, LearnerWidget, Problem, check_data_2d, check_params_2d, factory, owned
from .explorers import TruthExplorer

RESP_CACHE_SIZE = 8  # responsibilities kept by the stepper (about 8 * n * K floats)
REG_COVAR_CHOICES = (0.0, 1e-6, 1e-3, 1e-2, 1e-1)


def half_step(step: int) -> tuple:
    """(iteration t, phase) of half-step `step`: 0 -> (0, "init"), 2t - 1 -> (t, "E"), 2t -> (t, "M").

    At (t, "E") the parameters are still history[t - 1] and the responsibilities are
    recomputed from them; at (t, "M") the parameters are history[t], estimated from those
    same responsibilities.

    >>> [half_step(s) for s in range(5)]
    [(0, 'init'), (1, 'E'), (1, 'M'), (2, 'E'), (2, 'M')]
    """
    if step == 0:
        return 0, "init"
    return (step + 1) // 2, ("E" if step % 2 else "M")


class EMStepper(FigureWidget):
    """Scrub through a fitted EM run half-step by half-step.

    The slider runs over 2 * n_iter + 1 half-steps: 0 is the initialisation, 2t - 1 the
    E-step of iteration t (responsibilities recomputed, ellipses unchanged) and 2t its
    M-step (ellipses move, colours unchanged). Ellipses, colours, the log-likelihood marker
    (hollow after an E-step: the log-likelihood has not changed) and the readout move together.

    Attributes: slider, play (jslinked to the slider), prev_button, next_button, hard,
    image, readout, message, view (plot.EMView), ll_artists, result, X, truth, state
    (dict: step, iteration, phase, params_index, log_likelihood).
    """

    def __init__(self, X, result, truth=None, *, language=None):
        X, result, truth = self._checked(X, result, truth)
        super().__init__(language)
        self.state = {}
        self._quiet = False
        self._cache = OrderedDict()
        self._build()
        self.load(X, result, truth)

    def _controls(self) -> list:
        self.slider = self._slider(ipw.IntSlider, "step", 0, 0, 1, 1, continuous=True)
        self.slider.readout = False
        self.play = ipw.Play(value=0, min=0, max=1, step=1, interval=500, show_repeat=False)
        self._link = ipw.jslink((self.play, "value"), (self.slider, "value"))
        self.prev_button = self._button("prev")
        self.next_button = self._button("next")
        self.hard = self._hard_checkbox()
        self.slider.observe(lambda change: self._quiet or self._safely(self.show, change["new"]), names="value")
        self.hard.observe(lambda change: self._safely(self.show, self.slider.value), names="value")
        self.prev_button.on_click(lambda _: self._safely(self._move, -1))
        self.next_button.on_click(lambda _: self._safely(self._move, +1))
        return [ipw.HBox([self.play, self.prev_button, self.slider, self.next_button]), self.hard]

    def _start(self) -> None:
        """Nothing to draw yet: load() draws the run."""

    @staticmethod
    def _checked(X, result, truth) -> tuple:
        X = check_data_2d(X, "X", "stepper")
        if not isinstance(result, EMResult):
            raise TypeError(f"result must be the EMResult that gmm_teach.fit returned; "
                            f"received {type(result).__name__}.")
        check_params_2d(result.params, "result.params")
        if result.responsibilities.shape[0] != X.shape[0]:
            raise ValueError(f"X has {X.shape[0]} points but result was fitted to "
                             f"{result.responsibilities.shape[0]}; pass the same X.")
        if truth is not None:
            truth = check_params(truth, "truth")
            if truth.d != 2:
                raise ValueError(f"truth must be a 2-D mixture (mu of shape (K, 2)) or None; received d = {truth.d}.")
        return X, result, truth

    def load(self, X, result: EMResult, truth=None) -> None:
        """Show another run (the same figure is reused). Starts at half-step 0."""
        X, result, truth = self._checked(X, result, truth)
        self.X, self.result, self.truth = X, result, truth
        self._Xt = np.ascontiguousarray(X.T)  # checked once: every half-step's E-step runs on it
        self._cache.clear()
        self.initial_log_likelihood = self._e_step(0)[1]
        self._draw_run()
        last = 2 * result.n_iter
        self._quiet = True
        try:
            self.play.value = 0
            self.slider.value = 0
            self.slider.max = self.play.max = last
        finally:
            self._quiet = False
        self.show(0)

    def _draw_run(self) -> None:
        """The figure of this run: the data with the ellipses beside the log-likelihood curve."""
        result = self.result
        self.fig, (ax, ax_ll) = self._subplots(1, 2, width_ratios=[1.25, 1], fig=self.fig)
        self.view = plot.EMView(ax, self.X, result.params.K, truth=self.truth)
        self.ll_artists = plot.draw_log_likelihood(ax_ll, result.log_likelihoods, current=0,
                                                   initial=self.initial_log_likelihood)
        self.renderer = plot.PngRenderer(self.fig, [self.view.points, *self.view.ellipses, self.view.means,
                                                    self.view.title, self.ll_artists[1]])

    def _e_step(self, j: int) -> tuple:
        """The E-step under history[j]: (responsibilities (n, K), log-likelihood), keeping the last
        RESP_CACHE_SIZE results (memory stays bounded). X was checked once, in load()."""
        if j in self._cache:
            self._cache.move_to_end(j)
            return self._cache[j]
        resp, ll = _e_step_kn(self._Xt, self.result.history[j])
        value = (resp.T, ll)
        self._cache[j] = value
        while len(self._cache) > RESP_CACHE_SIZE:
            self._cache.popitem(last=False)
        return value

    def _move(self, delta: int) -> None:
        self.slider.value = int(np.clip(self.slider.value + delta, 0, self.slider.max))

    def log_likelihood_at(self, t: int) -> float:
        """Log-likelihood of history[t]: the initial one for t = 0, else result.log_likelihoods[t - 1]."""
        return self.initial_log_likelihood if t == 0 else float(self.result.log_likelihoods[t - 1])

    def update(self) -> None:
        """Redraw the current half-step."""
        self.show(self.slider.value)

    def show(self, step: int) -> None:
        """Draw half-step `step` (what the slider does)."""
        step = int(step)
        t, phase = half_step(step)
        T = self.result.n_iter
        if phase == "init":
            params_index, resp = 0, None
        else:
            params_index = t - 1 if phase == "E" else t
            resp = self._e_step(t - 1)[0]  # the responsibilities of iteration t: from history[t - 1]
        ll = self.log_likelihood_at(params_index)
        self.view.hard = self.hard.value
        self.view.update(self.result.history[params_index], resp, title=plot.iteration_title(t, phase))
        line, marker = self.ll_artists
        plot.update_log_likelihood(self.ll_artists, current=params_index)
        marker.set_markerfacecolor("white" if phase == "E" else plot.PALETTE[5])
        key = {"init": "stepper_init", "E": "stepper_e", "M": "stepper_m"}[phase]
        self._set_readout(self.say(key, t=t, T=T, prev=t - 1, ll=f"{ll:.3f}"))
        self.state = dict(step=step, iteration=t, phase=phase, params_index=params_index, log_likelihood=ll)
        self._render()
        self.clear_message()


em_stepper = factory(EMStepper, "em_stepper", """\
Step through a fitted EM run (result = gmm_teach.fit(X, K, ...)) with Play, a slider and buttons.

E-step and M-step are separate half-steps: after an E-step the colours (responsibilities)
change and the ellipses stay; after an M-step the ellipses move. truth (GMMParams), if
given, is drawn as dashed ellipses.
""")


class EMLab(LearnerWidget):
    """Choose the data, K, the initialisation, its seed, reg_covar and max_iter; Run; step through the run.

    Attributes: source (ToggleButtons "textbook" / "sample"), truth (a TruthExplorer, shown
    for "sample"), k, init, seed, reg_covar, max_iter, run_button, readout, message,
    stepper (EMStepper), image (the stepper's), result (the last EMResult or None).
    """

    def __init__(self, *, language=None):
        super().__init__(language)
        self.result = None
        self.stepper = None  # made by the first run
        self._textbook_X = textbook_data()
        self._build()

    def _controls(self) -> list:
        self.source = ipw.ToggleButtons(options=[(self.say("source_textbook"), "textbook"),
                                                 (self.say("source_sample"), "sample")], value="textbook")
        self._describe(self.source, "source")
        self.truth = TruthExplorer(language=self.language)
        self.truth.layout.display = "none"
        self.k = self._slider(ipw.IntSlider, "K", 3, 1, 8, 1, continuous=False)
        self.init = self._dropdown("init", list(INIT_METHODS), "textbook")
        self.seed = self._int_box("init_seed", 11, 0, SEED_MAX)
        self.reg_covar = self._dropdown("reg_covar", [(f"{v:g}", v) for v in REG_COVAR_CHOICES], 1e-6)
        self.max_iter = self._int_box("max_iter", 100, 1, 5000)
        self.run_button = self._button("run", button_style="primary")
        self._stepper_box = ipw.VBox()
        self.source.observe(lambda change: self._safely(self._show_source), names="value")
        self.run_button.on_click(lambda _: self._safely(self.run))
        return [self.source, self.truth, ipw.HBox([self.k, self.init, self.seed]),
                ipw.HBox([self.reg_covar, self.max_iter, self.run_button])]

    def _layout(self, rows: list) -> list:
        return [*super()._layout(rows), self._stepper_box]  # the run's stepper below the readout and message

    def _start(self) -> None:
        self._safely(self.run)  # the chapter's run, so that there is something to step through

    def update(self) -> None:
        """Run again with the chosen settings."""
        self.run()

    @property
    def image(self):
        """The stepper's Image widget (the picture of the current run; None before the first run)."""
        return None if self.stepper is None else self.stepper.image

    def _show_source(self) -> None:
        self.truth.layout.display = "" if self.source.value == "sample" else "none"

    def _data(self) -> tuple:
        """(X, truth) for the chosen source; a Problem if the truth is invalid."""
        if self.source.value == "textbook":
            return self._textbook_X, TEXTBOOK_TRUTH
        if not self.truth.valid:
            raise Problem("truth_invalid", reason=self.truth.problem)
        return self.truth.X, self.truth.params

    def run(self) -> None:
        """Fit with the chosen settings and load the stepper (what the Run button does)."""
        try:
            self._run()
        except Exception:
            self._stepper_box.layout.display = "none"  # an old run must not look like the new one
            self.readout.value = ""
            raise

    def _run(self) -> None:
        X, truth = self._data()
        K, n = self.k.value, X.shape[0]
        if K > n:
            raise Problem("k_gt_n", K=K, n=n)
        settings = dict(init=self.init.value, seed=self.seed.value, reg_covar=self.reg_covar.value,
                        max_iter=self.max_iter.value)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ConvergenceWarning)
            try:
                result = fit(X, K, **settings)
            except ComponentCollapseError as err:  # components from 0, iterations from 1, as everywhere
                if not err.iteration:  # 0 (or None from an older core): in the initialisation's M-step
                    raise Problem("collapse_init", k=err.component) from None
                raise Problem("collapse", k=err.component, iteration=err.iteration) from None
        not_converged = any(issubclass(w.category, ConvergenceWarning) for w in caught)
        if self.stepper is None:
            with owned():  # the lab's own part: closed with the lab, not with the cell that clicked Run
                self.stepper = EMStepper(X, result, truth=truth, language=self.language)
            self._stepper_box.children = [self.stepper]
        else:
            self.stepper.load(X, result, truth=truth)
        self._stepper_box.layout.display = ""
        self.result = result
        self._set_readout(self.say("lab_done" if result.converged else "lab_not_done", K=K, init=settings["init"],
                                   seed=settings["seed"], reg=f"{settings['reg_covar']:g}", n_iter=result.n_iter,
                                   ll=f"{result.log_likelihoods[-1]:.3f}"))
        if not_converged:
            self.show_note(self.say("not_converged", max_iter=settings["max_iter"]))
        else:
            self.clear_message()


em_lab = factory(EMLab, "em_lab", """\
The EM lab: the chapter's data or a sample from a truth you edit, K = 1..8, init method
("textbook", "random", "kmeans++") and seed, reg_covar, max_iter; Run; then step through the run.
""")
