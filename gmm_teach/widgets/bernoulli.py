"""The Bernoulli stepper (chapter 12): a fitted Bernoulli-mixture EM run, iteration by iteration.

    bernoulli_stepper(X, result, image_shape=(8, 8))   the K prototypes p_k as grey images, with the
                                                       log-likelihood curve, for iterations 0..n_iter
"""
from __future__ import annotations

import numbers

import ipywidgets as ipw
import numpy as np

from .. import plot
from .._validation import describe
from ..bernoulli import BernoulliResult, _e_step_nk, check_binary_data
from ._base import FigureWidget, factory

MAX_PROTOTYPES = 16  # prototypes drawn in one row


class BernoulliStepper(FigureWidget):
    """Scrub through a fitted Bernoulli-mixture EM run (gmm_teach.fit_bernoulli) iteration by iteration.

    The slider runs over the iterations 0..n_iter: at t the picture shows the parameters history[t]
    (t = 0: the initialisation), each prototype p_k as a grey image of image_shape (white 0, black 1)
    titled with its weight φ_k, and the log-likelihood curve with iteration t marked.

    Attributes: slider, play (jslinked to the slider), prev_button, next_button, image, readout, message,
    images (one AxesImage per component), ll_artists, result, X, image_shape, log_likelihoods_drawn
    (the curve: the initial log-likelihood, then result.log_likelihoods), state (dict: iteration,
    phi, log_likelihood).
    """

    FIGSIZE = (9.6, 4.4)

    def __init__(self, X, result, *, image_shape=(8, 8), language=None):
        X, result, image_shape = self._checked(X, result, image_shape)
        super().__init__(language)
        self.X, self.result, self.image_shape = X, result, image_shape
        self.state = {}
        self.initial_log_likelihood = _e_step_nk(X, result.history[0])[1]
        self._build()

    @staticmethod
    def _checked(X, result, image_shape) -> tuple:
        X = check_binary_data(X, "X")
        if not isinstance(result, BernoulliResult):
            raise TypeError(f"result must be the BernoulliResult that gmm_teach.fit_bernoulli returned; "
                            f"received {type(result).__name__}.")
        n, d = X.shape
        if result.responsibilities.shape[0] != n or result.params.d != d:
            raise ValueError(f"X has n = {n} points with d = {d} features but result was fitted to n = "
                             f"{result.responsibilities.shape[0]} points with d = {result.params.d}; pass the same X.")
        fitted_to_X = True
        try:  # fit_bernoulli's responsibilities are the final E-step on its X: the same X gives them again
            responsibilities = _e_step_nk(X, result.params)[0]
            fitted_to_X = np.allclose(responsibilities, result.responsibilities, rtol=0.0, atol=1e-9)
        except ValueError:  # a point of X impossible under result.params
            fitted_to_X = False
        if not fitted_to_X:
            raise ValueError(f"result was not fitted to this X: X has the same shape (n = {n}, d = {d}) but the final "
                             f"parameters give it other responsibilities than result.responsibilities; pass the same X "
                             f"that gmm_teach.fit_bernoulli was given.")
        if result.params.K > MAX_PROTOTYPES:
            raise ValueError(f"result may have at most {MAX_PROTOTYPES} components here (the widget draws the "
                             f"prototypes in one row); received K = {result.params.K}.")
        allowed = f"a pair of positive integers (rows, columns) whose product is d = {d} (X's features)"
        if (isinstance(image_shape, (str, bytes, dict)) or not hasattr(image_shape, "__len__")
                or len(image_shape) != 2):
            raise TypeError(f"image_shape must be {allowed}; received {describe(image_shape)}.")
        if not all(isinstance(v, numbers.Integral) and not isinstance(v, (bool, np.bool_)) for v in image_shape):
            raise TypeError(f"image_shape must be {allowed}; received {describe(image_shape)}.")
        rows, cols = (int(v) for v in image_shape)
        if rows < 1 or cols < 1 or rows * cols != d:
            raise ValueError(f"image_shape must be {allowed}, e.g. (1, {d}); received ({rows}, {cols}).")
        return X, result, (rows, cols)

    def _controls(self) -> list:
        T = self.result.n_iter
        self.slider = self._slider(ipw.IntSlider, "bern_iteration", 0, 0, T, 1, continuous=True)
        self.play = ipw.Play(value=0, min=0, max=T, step=1, interval=500, show_repeat=False)
        self._link = ipw.jslink((self.play, "value"), (self.slider, "value"))
        self.prev_button = self._button("prev")
        self.next_button = self._button("next")
        self._watch(self.slider, self.update)
        self.prev_button.on_click(lambda _: self._safely(self._move, -1))
        self.next_button.on_click(lambda _: self._safely(self._move, +1))
        return [ipw.HBox([self.play, self.prev_button, self.slider, self.next_button])]

    def _figure(self) -> None:
        K = self.result.params.K
        cols = max(K, 2)
        self.fig, axes = self._subplots(2, cols, squeeze=False, height_ratios=[1.0, 1.15])
        grid = axes[1, 0].get_gridspec()
        for ax in axes[1]:
            ax.remove()
        ax_ll = self.fig.add_subplot(grid[1, :])
        plot.style_axes(ax_ll)
        self.prototype_axes = list(axes[0, :K])
        for ax in axes[0, K:]:  # K = 1: one empty cell beside the only prototype
            ax.set_axis_off()
        self.images = []
        for ax in self.prototype_axes:
            image = ax.imshow(np.zeros(self.image_shape), cmap="gray_r", vmin=0.0, vmax=1.0,
                              interpolation="nearest")
            ax.set_xticks([])
            ax.set_yticks([])
            ax.set_title(" ", fontsize=self.look.title_size)
            self.images.append(image)
        self.log_likelihoods_drawn = np.concatenate([[self.initial_log_likelihood], self.result.log_likelihoods])
        self.ll_artists = plot.draw_log_likelihood(ax_ll, self.result.log_likelihoods, current=0,
                                                   initial=self.initial_log_likelihood)
        self.renderer = plot.PngRenderer(self.fig, [*self.images, *(ax.title for ax in self.prototype_axes),
                                                    self.ll_artists[1]])

    def _move(self, delta: int) -> None:
        self.slider.value = int(np.clip(self.slider.value + delta, 0, self.slider.max))

    def update(self) -> None:
        """Draw iteration slider.value (what the slider, Play and the buttons do)."""
        self.show(self.slider.value)

    def show(self, t: int) -> None:
        """Draw iteration t: the prototypes history[t] and the marker on the log-likelihood curve."""
        t = int(t)
        params = self.result.history[t]
        for k, (image, ax) in enumerate(zip(self.images, self.prototype_axes)):
            image.set_data(params.p[k].reshape(self.image_shape))
            ax.set_title(f"comp {k}\nφ = {params.phi[k]:.2f}", fontsize=self.look.title_size)  # code's numbering
        plot.update_log_likelihood(self.ll_artists, current=t)
        ll = float(self.log_likelihoods_drawn[t])
        key = "bern_readout_init" if t == 0 else "bern_readout"
        self._set_readout(self.say(key, t=t, T=self.result.n_iter, ll=f"{ll:.3f}",
                                   phi=", ".join(f"{v:.2f}" for v in params.phi)))
        self.state = dict(iteration=t, phi=params.phi, log_likelihood=ll)
        self._render()
        self.clear_message()


bernoulli_stepper = factory(BernoulliStepper, "bernoulli_stepper", """\
Step through a fitted Bernoulli-mixture EM run (result = gmm_teach.fit_bernoulli(X, K, ...)) with Play,
a slider over the iterations 0..n_iter and buttons.

Each prototype p_k is drawn as a grey image of image_shape (rows, columns), whose product must be
X's number of features d (8 x 8 for sklearn's digits), titled with its weight φ_k at that iteration;
beside them, the log-likelihood curve with the current iteration marked.

>>> import numpy as np
>>> import gmm_teach as gt
>>> X = np.array([[1, 1, 0, 0], [0, 0, 1, 1]] * 10)
>>> result = gt.fit_bernoulli(X, 2, seed=0)
>>> w = gt.widgets.bernoulli_stepper(X, result, image_shape=(2, 2))
>>> w.slider.max == result.n_iter
True
>>> w.slider.value = result.n_iter
>>> np.round(w.images[0].get_array(), 2).tolist() == np.round(result.p[0].reshape(2, 2), 2).tolist()
True
>>> w.close()
""")
