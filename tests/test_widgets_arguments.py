"""Every widget constructor refuses a bad argument with a clear error (which argument, what range, what
it received) instead of a slider clamping it without a word or a Python / traitlets internals message;
a refused or failed construction leaves nothing alive; closing a widget (or re-running its cell)
releases it, its controls and its figure."""
import gc
import os
import sys
import types

import ipywidgets as ipw
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.figure import Figure

import gmm_teach as gt
from gmm_teach import plot, widgets
from gmm_teach.widgets import _base, _compat

pytestmark = pytest.mark.usefixtures("widget_clean_state")  # see tests/conftest.py

X2 = gt.sample(gt.TEXTBOOK_TRUTH, 60, seed=1)[0]
FIT = gt.fit(X2, 2, seed=0, reg_covar=1e-6)
X1 = X2[:, :1]
PARAMS_1D = gt.GMMParams([1.0], [[0.0]], [[[1.0]]])
PARAMS_FAR = gt.GMMParams([0.5, 0.5], [[0.0, 0.0], [7.0, 0.0]], [np.eye(2), np.eye(2)])
PARAMS_WIDE = gt.GMMParams([1.0], [[0.0, 0.0]], [np.diag([16.0, 1.0])])
PARAMS_10 = gt.GMMParams(np.full(10, 0.1), np.arange(20.0).reshape(10, 2), np.repeat(np.eye(2)[None], 10, axis=0))
NAN = float("nan")
INF = float("inf")
BX = np.array([[1, 1, 0, 0], [0, 0, 1, 1]] * 10)  # binary data for bernoulli_stepper
BFIT = gt.fit_bernoulli(BX, 2, seed=0)


def k_explorer(**kwargs):
    return widgets.k_explorer(X2, X2, **{"results": [FIT], **kwargs})


# (factory, kwargs, exception, fragment of the message)
CASES = [
    # truth_explorer(K, n, seed, params, language)
    (widgets.truth_explorer, dict(K=0), ValueError, "K must be an integer from 1 to 10"),
    (widgets.truth_explorer, dict(K=11), ValueError, "K must be an integer from 1 to 10"),
    (widgets.truth_explorer, dict(K=2.0), TypeError, "K must be an integer"),
    (widgets.truth_explorer, dict(K=True), TypeError, "received True (bool)"),
    (widgets.truth_explorer, dict(n=-5), ValueError, "n must be an integer from 2 to 5000 (the slider's range)"),
    (widgets.truth_explorer, dict(n=1), ValueError, "n must be an integer from 2 to 5000"),
    (widgets.truth_explorer, dict(n=5001), ValueError, "n must be an integer from 2 to 5000"),
    (widgets.truth_explorer, dict(n=2.7), TypeError, "n must be an integer from 2 to 5000"),
    (widgets.truth_explorer, dict(n="100"), TypeError, "n must be an integer"),
    (widgets.truth_explorer, dict(n=True), TypeError, "n must be an integer"),
    (widgets.truth_explorer, dict(seed=-1), ValueError, "seed must be an integer from 0 to 2147483647 (what the seed box accepts)"),
    (widgets.truth_explorer, dict(seed=2**31), ValueError, "seed must be an integer from 0"),
    (widgets.truth_explorer, dict(seed=1.5), TypeError, "seed must be an integer"),
    (widgets.truth_explorer, dict(seed=None), TypeError, "seed must be an integer"),
    (widgets.truth_explorer, dict(params="truth"), TypeError, "params must be a GMMParams"),
    (widgets.truth_explorer, dict(params=PARAMS_1D), ValueError, "params must be a 2-D mixture"),
    (widgets.truth_explorer, dict(params=PARAMS_FAR), ValueError, "outside the mean sliders' range -6 to 6"),
    (widgets.truth_explorer, dict(params=PARAMS_WIDE), ValueError, "outside the sliders' range 0.1 to 3"),
    (widgets.truth_explorer, dict(language="fr"), ValueError, "language must be one of ('ja', 'en') or None"),
    (widgets.truth_explorer, dict(language=1), TypeError, "language must be one of"),
    # gaussian_explorer(var_x, var_y, corr, point, language)
    (widgets.gaussian_explorer, dict(var_x=100), ValueError, "var_x must be a number from 0.1 to 4 (the slider's range)"),
    (widgets.gaussian_explorer, dict(var_x=-1), ValueError, "var_x must be a number from 0.1 to 4"),
    (widgets.gaussian_explorer, dict(var_x=NAN), ValueError, "var_x must be a number from 0.1 to 4 (the slider's range); received nan"),
    (widgets.gaussian_explorer, dict(var_x="2"), TypeError, "var_x must be a number"),
    (widgets.gaussian_explorer, dict(var_x=True), TypeError, "var_x must be a number"),
    (widgets.gaussian_explorer, dict(var_y=0.05), ValueError, "var_y must be a number from 0.1 to 4"),
    (widgets.gaussian_explorer, dict(var_y=INF), ValueError, "var_y must be a number from 0.1 to 4 (the slider's range); received inf"),
    (widgets.gaussian_explorer, dict(var_y=None), TypeError, "var_y must be a number"),
    (widgets.gaussian_explorer, dict(corr=NAN), ValueError, "corr must be a number strictly between -1 and 1"),
    (widgets.gaussian_explorer, dict(corr=1.0), ValueError, "corr must be a number strictly between -1 and 1"),
    (widgets.gaussian_explorer, dict(corr=-1.5), ValueError, "corr must be a number strictly between -1 and 1"),
    (widgets.gaussian_explorer, dict(corr=False), TypeError, "corr must be a number"),
    (widgets.gaussian_explorer, dict(point=(1.0,)), TypeError, "point must be a pair of numbers (x1, x2)"),
    (widgets.gaussian_explorer, dict(point=1.0), TypeError, "point must be a pair of numbers"),
    (widgets.gaussian_explorer, dict(point="ab"), TypeError, "point must be a pair of numbers"),
    (widgets.gaussian_explorer, dict(point=(1.0, 2.0, 3.0)), TypeError, "point must be a pair"),
    (widgets.gaussian_explorer, dict(point=(5.0, 0.0)), ValueError, "point[0] must be a number from -4.5 to 4.5"),
    (widgets.gaussian_explorer, dict(point=(0.0, NAN)), ValueError, "point[1] must be a number from -4.5 to 4.5"),
    (widgets.gaussian_explorer, dict(point=(True, 0.0)), TypeError, "point[0] must be a number"),
    (widgets.gaussian_explorer, dict(language="EN"), ValueError, "language must be one of"),
    # estep_explorer(X, params, reg_covar, language)
    (widgets.estep_explorer, dict(X=X1), ValueError, "X must have shape (n, 2)"),
    (widgets.estep_explorer, dict(X=[[0.0, NAN], [1.0, 2.0]]), ValueError, "X must contain only finite numbers"),
    (widgets.estep_explorer, dict(X="data"), TypeError, "X must be a numeric array"),
    (widgets.estep_explorer, dict(X=X2, params=FIT), TypeError, "params must be a GMMParams"),
    (widgets.estep_explorer, dict(X=X2, params=PARAMS_1D), ValueError, "params must be a 2-D mixture"),
    (widgets.estep_explorer, dict(X=X2, reg_covar=-1.0), ValueError, "reg_covar must be a number >= 0"),
    (widgets.estep_explorer, dict(X=X2, reg_covar=NAN), ValueError, "reg_covar must be a number >= 0"),
    (widgets.estep_explorer, dict(X=X2, reg_covar="1e-6"), TypeError, "reg_covar must be a number"),
    (widgets.estep_explorer, dict(language=["ja"]), TypeError, "language must be one of"),
    # em_stepper(X, result, truth, language)
    (widgets.em_stepper, dict(X=X1, result=FIT), ValueError, "X must have shape (n, 2)"),
    (widgets.em_stepper, dict(X=X2[:10], result=FIT), ValueError, "pass the same X"),
    (widgets.em_stepper, dict(X=X2, result=FIT.params), TypeError, "result must be the EMResult"),
    (widgets.em_stepper, dict(X=X2, result=FIT, truth="truth"), TypeError, "truth must be a GMMParams"),
    (widgets.em_stepper, dict(X=X2, result=FIT, truth=PARAMS_1D), ValueError, "truth must be a 2-D mixture"),
    (widgets.em_stepper, dict(X=X2, result=FIT, language="de"), ValueError, "language must be one of"),
    # em_lab(language)
    (widgets.em_lab, dict(language="english"), ValueError, "language must be one of ('ja', 'en') or None"),
    (widgets.em_lab, dict(language=0), TypeError, "language must be one of"),
    # singularity_explorer(X, params, index, weight, language)
    (widgets.singularity_explorer, dict(X=X1), ValueError, "X must have shape (n, 2)"),
    (widgets.singularity_explorer, dict(X=X2, params="p"), TypeError, "params must be a GMMParams"),
    (widgets.singularity_explorer, dict(X=X2, params=PARAMS_1D), ValueError, "params must be a 2-D mixture"),
    (widgets.singularity_explorer, dict(X=X2, params=PARAMS_10), ValueError, "params may have at most 9 components"),
    (widgets.singularity_explorer, dict(X=X2, params=FIT.params, index=60), ValueError,
     "index must be an integer from 0 to 59"),
    (widgets.singularity_explorer, dict(X=X2, params=FIT.params, index=-1), ValueError, "index must be an integer"),
    (widgets.singularity_explorer, dict(X=X2, params=FIT.params, index=1.0), TypeError, "index must be an integer"),
    (widgets.singularity_explorer, dict(X=X2, params=FIT.params, index=True), TypeError, "index must be an integer"),
    (widgets.singularity_explorer, dict(X=X2, params=FIT.params, weight=0.9), ValueError,
     "weight must be a number from 0.001 to 0.5 (the slider's range)"),
    (widgets.singularity_explorer, dict(X=X2, params=FIT.params, weight=NAN), ValueError, "weight must be a number"),
    (widgets.singularity_explorer, dict(X=X2, params=FIT.params, weight="0.1"), TypeError, "weight must be a number"),
    (widgets.singularity_explorer, dict(X=X2, params=FIT.params, language="jp"), ValueError, "language must be"),
    # kmeans_limit_explorer(X, mu, sigma, language)
    (widgets.kmeans_limit_explorer, dict(X=X1), ValueError, "X must have shape (n, 2)"),
    (widgets.kmeans_limit_explorer, dict(mu=[0.0, 1.0]), ValueError, "mu must have shape (K, 2)"),
    (widgets.kmeans_limit_explorer, dict(mu=[[0.0, NAN]]), ValueError, "mu must contain only finite numbers"),
    (widgets.kmeans_limit_explorer, dict(mu=[["a", "b"]]), TypeError, "mu must be a numeric array"),
    (widgets.kmeans_limit_explorer, dict(mu=[[True, 0.0]]), TypeError, "mu must be numbers of shape (K, 2), not bools"),
    (widgets.kmeans_limit_explorer, dict(mu=np.zeros((11, 2))), ValueError, "must be an integer from 1 to 10"),
    (widgets.kmeans_limit_explorer, dict(sigma=100.0), ValueError, "sigma must be a number from 0.01 to 10"),
    (widgets.kmeans_limit_explorer, dict(sigma=0.0), ValueError, "sigma must be a number from 0.01 to 10"),
    (widgets.kmeans_limit_explorer, dict(sigma=NAN), ValueError, "sigma must be a number from 0.01 to 10"),
    (widgets.kmeans_limit_explorer, dict(sigma=True), TypeError, "sigma must be a number"),
    (widgets.kmeans_limit_explorer, dict(sigma="1"), TypeError, "sigma must be a number"),
    (widgets.kmeans_limit_explorer, dict(language=None, sigma=[1.0]), TypeError, "sigma must be a number"),
    (widgets.kmeans_limit_explorer, dict(language="fr"), ValueError, "language must be one of"),
    # k_explorer(X, X_test, results, K, K_values, covariance_type, n_init, seed, tol, max_iter, reg_covar, features)
    (lambda **kw: widgets.k_explorer(X1, X1, **kw), dict(K_values=[1]), ValueError, "two features"),
    (lambda **kw: widgets.k_explorer("X", X2, **kw), dict(), TypeError, "X must be a numeric array"),
    (lambda **kw: widgets.k_explorer(X2, X1, **kw), dict(), ValueError, "X_test must have the d = 2 features"),
    (lambda **kw: widgets.k_explorer(X2, [[NAN, 0.0]], **kw), dict(), ValueError, "X_test must contain only finite"),
    (k_explorer, dict(results=FIT.params), TypeError, "results must be a list"),
    (k_explorer, dict(results=[FIT.params]), TypeError, "EMResults that gmm_teach.fit returned"),
    (k_explorer, dict(results=[]), ValueError, "at least one"),
    (k_explorer, dict(K=3), ValueError, "K must be one of the fitted K_values [2]"),
    (k_explorer, dict(K=2.0), TypeError, "K must be an integer"),
    (k_explorer, dict(K=0), ValueError, "K must be an integer from 1 to 10"),
    (k_explorer, dict(results=None, K_values=[2.5]), TypeError, "every K in K_values must be an integer from 1 to 10"),
    (k_explorer, dict(results=None, K_values=[0, 1]), ValueError, "every K in K_values must be an integer from 1"),
    (k_explorer, dict(results=None, K_values=[True]), TypeError, "every K in K_values must be an integer"),
    (k_explorer, dict(results=None, K_values=[]), ValueError, "K_values must hold at least one integer"),
    (k_explorer, dict(results=None, K_values=3), TypeError, "K_values must be a list of integers"),
    (k_explorer, dict(covariance_type="diagonal"), ValueError, "covariance_type must be one of"),
    (k_explorer, dict(covariance_type="diag"), ValueError, "disagrees with the result for K = 2"),
    (k_explorer, dict(n_init=0), ValueError, "n_init must be an integer >= 1"),
    (k_explorer, dict(n_init=1.5), TypeError, "n_init must be an integer"),
    (k_explorer, dict(seed=-1), ValueError, "seed must be an integer >= 0"),
    (k_explorer, dict(seed="0"), TypeError, "seed must be an integer"),
    (k_explorer, dict(tol=-1.0), ValueError, "tol must be a number >= 0"),
    (k_explorer, dict(tol=NAN), ValueError, "tol must be a number >= 0"),
    (k_explorer, dict(max_iter=0), ValueError, "max_iter must be an integer >= 1"),
    (k_explorer, dict(max_iter=10.0), TypeError, "max_iter must be an integer"),
    (k_explorer, dict(reg_covar=-1e-6), ValueError, "reg_covar must be a number >= 0"),
    (k_explorer, dict(reg_covar=INF), ValueError, "reg_covar must be a number >= 0"),
    (k_explorer, dict(features=(0, 0)), ValueError, "features must be two different feature indices from 0 to 1"),
    (k_explorer, dict(features=(0, 2)), ValueError, "each of features must be an integer from 0 to 1"),
    (k_explorer, dict(features=(0, 0.5)), TypeError, "each of features must be an integer"),
    (k_explorer, dict(features=(0, True)), TypeError, "each of features must be an integer"),
    (k_explorer, dict(features=1), ValueError, "features must be two different feature indices"),
    (k_explorer, dict(language="ko"), ValueError, "language must be one of"),
    # bernoulli_stepper(X, result, image_shape, language)
    (widgets.bernoulli_stepper, dict(X=2 * BX, result=BFIT, image_shape=(2, 2)), ValueError, "X must hold only 0 and 1"),
    (widgets.bernoulli_stepper, dict(X="BX", result=BFIT, image_shape=(2, 2)), TypeError, "X must be a numeric array"),
    (widgets.bernoulli_stepper, dict(X=BX[:5], result=BFIT, image_shape=(2, 2)), ValueError, "pass the same X"),
    (widgets.bernoulli_stepper, dict(X=BX, result=FIT, image_shape=(2, 2)), TypeError,
     "result must be the BernoulliResult that gmm_teach.fit_bernoulli returned"),
    (widgets.bernoulli_stepper, dict(X=BX, result=BFIT), ValueError,
     "image_shape must be a pair of positive integers (rows, columns) whose product is d = 4 (X's features)"),
    (widgets.bernoulli_stepper, dict(X=BX, result=BFIT, image_shape=(2, 2.0)), TypeError,
     "image_shape must be a pair of positive integers"),
    (widgets.bernoulli_stepper, dict(X=BX, result=BFIT, image_shape=4), TypeError, "image_shape must be a pair"),
    (widgets.bernoulli_stepper, dict(X=BX, result=BFIT, image_shape=(2, 2), language="de"), ValueError,
     "language must be one of"),
    # variational_explorer(X, K_max, weight_concentration_prior, seed, language)
    (widgets.variational_explorer, dict(X=X1), ValueError, "X must have shape (n, 2)"),
    (widgets.variational_explorer, dict(X=[[0.0, NAN], [1.0, 2.0]]), ValueError, "X must contain only finite numbers"),
    (widgets.variational_explorer, dict(X="data"), TypeError, "X must be a numeric array"),
    (widgets.variational_explorer, dict(X=X2[:1]), ValueError, "X must hold at least 2 points"),
    (widgets.variational_explorer, dict(X=X2, K_max=0), ValueError, "K_max must be an integer from 1 to 10 (the slider's range"),
    (widgets.variational_explorer, dict(X=X2, K_max=11), ValueError, "K_max must be an integer from 1 to 10"),
    (widgets.variational_explorer, dict(X=X2[:4], K_max=5), ValueError, "K_max must be an integer from 1 to 4"),
    (widgets.variational_explorer, dict(X=X2, K_max=2.5), TypeError, "K_max must be an integer"),
    (widgets.variational_explorer, dict(X=X2, K_max=True), TypeError, "K_max must be an integer"),
    (widgets.variational_explorer, dict(X=X2, weight_concentration_prior=0.0), ValueError,
     "weight_concentration_prior must be a number from 0.0001 to 1000 (the slider's range, 10^-4 to 10^3)"),
    (widgets.variational_explorer, dict(X=X2, weight_concentration_prior=1e4), ValueError,
     "weight_concentration_prior must be a number from 0.0001 to 1000"),
    (widgets.variational_explorer, dict(X=X2, weight_concentration_prior=-1.0), ValueError,
     "weight_concentration_prior must be a number from 0.0001"),
    (widgets.variational_explorer, dict(X=X2, weight_concentration_prior=NAN), ValueError,
     "weight_concentration_prior must be a number from 0.0001"),
    (widgets.variational_explorer, dict(X=X2, weight_concentration_prior="0.01"), TypeError,
     "weight_concentration_prior must be a number"),
    (widgets.variational_explorer, dict(X=X2, weight_concentration_prior=None), TypeError,
     "weight_concentration_prior must be a number"),
    (widgets.variational_explorer, dict(X=X2, seed=-1), ValueError, "seed must be an integer from 0 to 2147483647"),
    (widgets.variational_explorer, dict(X=X2, seed=1.5), TypeError, "seed must be an integer"),
    (widgets.variational_explorer, dict(X=X2, seed=None), TypeError, "seed must be an integer"),
    (widgets.variational_explorer, dict(X=X2, language="fr"), ValueError, "language must be one of"),
    # found by fuzzing: these built a widget whose only content was an error advising a covariance_prior
    # argument it does not have (or, for huge X, a RuntimeWarning and a wrong "singular")
    (widgets.variational_explorer, dict(X=np.c_[X2[:, 0], np.ones(len(X2))]), ValueError,
     "X must not have a constant feature or collinear features"),
    (widgets.variational_explorer, dict(X=np.c_[X2[:, 0], 2 * X2[:, 0]]), ValueError,
     "X must not have a constant feature or collinear features"),
    (widgets.variational_explorer, dict(X=X2 * 1e-200), ValueError, "X must not have a constant feature"),
    (widgets.variational_explorer, dict(X=X2 * 1e300), ValueError, "X is too large in magnitude for float64"),
    # found by fuzzing: a result fitted to other data of the same shape was drawn (its curve, X's start)
    (widgets.bernoulli_stepper, dict(X=1 - BX, result=BFIT, image_shape=(2, 2)), ValueError,
     "result was not fitted to this X"),
]


def _open_widgets() -> int:
    return len(_compat.open_widgets())  # ipywidgets' registry (7 and 8 keep it in different places)


def _live_figures() -> int:
    gc.collect()
    return sum(isinstance(o, Figure) for o in gc.get_objects())


def _case_id(case):
    factory, kwargs, _, _ = case
    name = getattr(factory, "__name__", "factory")
    return f"{name}-" + ",".join(f"{k}={v!r}"[:30] for k, v in kwargs.items())


@pytest.mark.parametrize("factory, kwargs, error, words", CASES, ids=[_case_id(c) for c in CASES])
def test_a_bad_argument_is_refused_by_name_and_leaves_nothing_open(factory, kwargs, error, words):
    open_before, figures_before = _open_widgets(), _live_figures()
    with pytest.raises(error) as info:
        factory(**kwargs)
    message = str(info.value)
    assert words in message, message
    for internals in ("not subscriptable", "not supported between", "TraitError", "object has no attribute",
                      "could not convert string to float"):
        assert internals not in message, message
    assert _open_widgets() == open_before  # nothing half-built stays in ipywidgets' registry
    assert _live_figures() <= figures_before


def test_every_factory_argument_has_a_case():
    import inspect

    covered = {}
    for factory, kwargs, _, _ in CASES:
        covered.setdefault(getattr(factory, "__name__", ""), set()).update(kwargs)
    covered["k_explorer"] |= {"X", "X_test"}  # the lambdas above
    for name in ("truth_explorer", "gaussian_explorer", "estep_explorer", "em_stepper", "em_lab",
                 "singularity_explorer", "kmeans_limit_explorer", "k_explorer", "bernoulli_stepper",
                 "variational_explorer"):
        wanted = set(inspect.signature(getattr(widgets, name)).parameters)
        assert wanted <= covered[name], (name, wanted - covered[name])


def test_good_values_at_the_ends_of_the_ranges_are_kept_exactly():
    w = widgets.gaussian_explorer(var_x=4, var_y=0.1, corr=-0.99, point=(np.float64(4.5), -4.5))
    assert (w.var_x.value, w.var_y.value, w.corr.value) == (4.0, 0.1, -0.99)
    assert (w.point_x.value, w.point_y.value) == (4.5, -4.5)
    t = widgets.truth_explorer(K=np.int64(2), n=2, seed=2**31 - 1)
    assert (t.n.value, t.seed.value, len(t.X)) == (2, 2**31 - 1, 2)
    far = gt.GMMParams([0.5, 0.5], [[0.0, 0.0], [30.0, 0.0]], [np.eye(2), np.eye(2)])
    e = widgets.estep_explorer(X2, far)  # a mean outside the data: the slider range widens, nothing is clamped
    assert e.components[1]["mean_x"].value == 30.0 and e.params.mu[1, 0] == 30.0
    k = widgets.kmeans_limit_explorer(X2, [[0, 0], [3, 3]], sigma=10)
    assert k.sigma == pytest.approx(10.0)
    for w in (w, t, e, k):
        w.close()


# --- a failure half-way, closing and re-running cells ----------------------------------------------------

def test_a_failure_after_the_figure_was_made_leaves_nothing_open(monkeypatch):
    open_before, figures_before = _open_widgets(), _live_figures()

    def broken(*args, **kwargs):
        raise RuntimeError("broken on purpose")

    monkeypatch.setattr(plot, "draw_log_likelihood", broken)  # the stepper's figure exists by then
    with pytest.raises(RuntimeError, match="on purpose"):
        widgets.em_stepper(X2, FIT)
    monkeypatch.setattr(plot, "EMView", broken)
    with pytest.raises(RuntimeError, match="on purpose"):
        widgets.estep_explorer()
    monkeypatch.undo()
    X = np.repeat(np.arange(4.0)[:, None], 2, axis=1) * np.array([1.0, 2.0])
    X = np.vstack([X, X + [[0.0, 0.001]]])
    with pytest.raises(ValueError, match="collapsed for K = 4"):  # fails after the VBox was made
        widgets.k_explorer(X, X, K_values=[4], n_init=1, reg_covar=0.0)
    assert _open_widgets() == open_before
    assert _live_figures() <= figures_before


def test_close_closes_every_control_and_releases_the_figure():
    lab = widgets.em_lab()
    stepper, truth = lab.stepper, lab.truth
    parts = [stepper.slider, stepper.play, stepper.slider.layout, stepper.slider.style, stepper._link,
             truth.components[0]["mean_x"], truth.tab, lab.k, lab.run_button, lab._stepper_box]
    assert all(p.comm is not None for p in parts)
    lab.close()
    assert all(p.comm is None for p in parts) and lab.comm is None
    assert stepper.comm is None and truth.comm is None
    assert stepper.fig is None and stepper.renderer is None and stepper.view is None and truth.fig is None
    assert not stepper.slider._trait_notifiers.get("value", {}).get("change")  # the callbacks are gone
    assert not lab.run_button._click_handlers.callbacks
    lab.close()  # twice is fine


def _rss_mb() -> float:
    """Resident memory (MB), after handing freed heap back to the system (so that it counts what is in use)."""
    gc.collect()
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


class _FakeKernel:
    """The part of ipykernel that gmm_teach reads: the execute_request being run (JupyterLab sends its cell id)."""

    def __init__(self):
        self.parent = {}

    def run(self, cell: str, n: int):
        self.parent = {"header": {"msg_type": "execute_request", "msg_id": f"run-{n}"},
                       "metadata": {"cellId": cell}}

    def get_parent(self, channel=None):
        return self.parent


@pytest.fixture
def kernel(monkeypatch):
    import IPython

    fake = _FakeKernel()
    monkeypatch.setattr(IPython, "get_ipython", lambda: types.SimpleNamespace(kernel=fake))
    yield fake
    _base._CELL_RUNS.clear()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/statm")
@pytest.mark.parametrize("how", ["close", "rerun the cell"])
def test_recreating_a_stepper_30_times_does_not_grow_memory_or_figures(X_textbook, chapter_fit, how, kernel, capsys):
    X, result = np.array(X_textbook), chapter_fit

    def run_cell(n):
        kernel.run("cell-A", n)  # for "close" no cell id matters: the learner closes the widget
        w = widgets.em_stepper(X, result, truth=gt.TEXTBOOK_TRUTH)
        w.slider.value = 7
        return w

    if how == "close":
        kernel.parent = {}  # no kernel cell: only close() frees the widget
    w = run_cell(0)
    for n in range(1, 6):  # warm up (caches, fonts, first allocations)
        if how == "close":
            w.close()
        w = run_cell(n)
    gc.collect()
    rss0, figs0, live0, open0 = _rss_mb(), plt.get_fignums(), _live_figures(), _open_widgets()
    for n in range(6, 36):
        if how == "close":
            w.close()
        w = run_cell(n)  # the previous stepper is dropped, as re-running a cell drops it
    gc.collect()
    rss1, figs1, live1, open1 = _rss_mb(), plt.get_fignums(), _live_figures(), _open_widgets()
    with capsys.disabled():  # widget_clean_state forbids captured output; the numbers go to the terminal
        print(f"\n30 steppers ({how}): RSS {rss0:.1f} MB -> {rss1:.1f} MB ({100 * (rss1 - rss0) / rss0:+.1f}%), "
              f"figures alive {live0} -> {live1}, pyplot figures {figs0} -> {figs1}, open widgets {open0} -> {open1}")
    assert rss1 <= 1.10 * rss0
    assert figs1 == figs0 and live1 <= live0 and open1 <= open0
    w.close()


def test_rerunning_a_cell_closes_only_that_cells_earlier_widgets(kernel):
    kernel.run("cell-A", 1)
    a1, a2 = widgets.gaussian_explorer(), widgets.truth_explorer(K=2, n=50)  # one cell, two widgets
    kernel.run("cell-B", 2)
    b = widgets.gaussian_explorer()
    kernel.run("cell-A", 3)  # cell A again
    a3 = widgets.gaussian_explorer()
    assert a1.comm is None and a2.comm is None and a2.n.comm is None  # the old run's widgets are closed
    assert b.comm is not None and a3.comm is not None
    b.var_x.value = 1.0  # the other cell's widget still works
    assert b.message.value == "" and b.sigma[0, 0] == pytest.approx(1.0)
    kernel.run("cell-C", 4)
    lab = widgets.em_lab()  # its inner explorer and stepper belong to the lab, not to a cell of their own
    kernel.run("cell-D", 5)
    lab.run_button.click()
    kernel.run("cell-D", 6)
    widgets.gaussian_explorer().close()
    assert lab.stepper.comm is not None and lab.truth.comm is not None
    kernel.parent = {"header": {"msg_type": "comm_msg", "msg_id": "x"}, "metadata": {}}  # a slider moved
    widgets.gaussian_explorer().close()
    assert a3.comm is not None
    for w in (a3, b, lab):
        w.close()
