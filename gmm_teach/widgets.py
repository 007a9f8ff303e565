"""Interactive widgets for the chapter (ipywidgets 8): explorers, the EM stepper and the EM lab.

    truth_explorer()          the true mixture: move means, shapes and weights, resample
    gaussian_explorer()       one 2-D Gaussian: contours, eigenvectors, Mahalanobis distance
    estep_explorer()          the E-step: move the means and watch the responsibilities
    em_stepper(X, result)     scrub through a fitted EM run, E-step and M-step apart
    em_lab()                  choose data, K, initialisation and regularisation; run; step

Each returns a widget (an ipywidgets.VBox subclass) that holds its own state. No maths is
done here: the numbers come from gmm_teach (sample, e_step, fit) and the pictures from
gmm_teach.plot. Every widget has one matplotlib figure, made once; a change of a control
updates the artists in place and puts a fresh PNG into ``widget.image`` (an
ipywidgets.Image), which works the same in JupyterLab, Notebook 7 and headless tests.
A problem in a callback (an impossible setting) is shown as a short message in
``widget.message`` and the widget stays usable. The words are in the language chosen by
``gmm_teach.set_language`` when the widget is created.
"""
from __future__ import annotations

import functools
import html
import numbers
import warnings
import weakref
from collections import OrderedDict

import ipywidgets as ipw
import numpy as np

from . import plot
from ._validation import as_float_array, check_data, describe
from .data import TEXTBOOK_TRUTH, sample, textbook_data
from .em import INIT_METHODS, ComponentCollapseError, ConvergenceWarning, EMResult, e_step, fit, init_params
from .gaussian import pdf
from .i18n import LANGUAGES, get_language, say
from .params import GMMParams, check_params, from_components

MESSAGES = {
    "ja": {
        # controls
        "component": "成分 {k}",
        "mean_x": "平均 x",
        "mean_y": "平均 y",
        "std_x": "標準偏差 x",
        "std_y": "標準偏差 y",
        "corr": "相関係数 ρ",
        "weight": "混合係数 φ",
        "n": "データ数 n",
        "seed": "乱数シード",
        "var_x": "分散 σ₁²",
        "var_y": "分散 σ₂²",
        "point_x": "点 x₁",
        "point_y": "点 x₂",
        "index": "点の番号",
        "hard": "硬い割り当て（負担率が最大の成分の色）",
        "step": "半ステップ",
        "prev": "◀ 戻る",
        "next": "進む ▶",
        "source": "データ",
        "source_textbook": "教科書のデータ",
        "source_sample": "真の分布からサンプル",
        "K": "成分数 K",
        "init": "初期化",
        "init_seed": "初期化シード",
        "reg_covar": "正則化 reg_covar",
        "max_iter": "最大反復回数",
        "run": "EM を実行する",
        # readouts
        "truth_readout": "混合係数（正規化後） φ = ({phi})。各成分から生成された点の数 = ({counts})、合計 n = {n}。"
                         "破線は真の分布の楕円（内側に 39.3% と 86.5% の確率）である。",
        "gauss_readout": "共分散行列 Σ = [[{s11}, {s12}], [{s12}, {s22}]]、固有値 λ₁ = {l1}、λ₂ = {l2}"
                         "（矢印の長さは √λ）。<br>点 x = ({x1}, {x2}) の"
                         "マハラノビス距離 d<sub>M</sub> = {dm}（ユークリッド距離 {de}）、密度 p(x) = {density}。"
                         "<br>x を通る楕円の内側の確率 1 − exp(−d<sub>M</sub>²/2) = {mass}。",
        "estep_readout": "点 {i}: x = ({x1}, {x2})、負担率 γ = ({gamma})、負担率が最大の成分は {best} である。"
                         "このパラメータでの対数尤度 = {ll}。",
        "stepper_init": "<b>反復 0 / {T}（初期値）</b>: 初期パラメータ θ<sup>(0)</sup> を置いた。"
                        "負担率はまだ計算していない（点は灰色）。対数尤度 ℓ(θ<sup>(0)</sup>) = {ll}",
        "stepper_e": "<b>反復 {t} / {T}・E ステップ</b>: 現在のパラメータ θ<sup>({prev})</sup> のもとで"
                     "負担率 γ を計算し直した（点の色が変わり、楕円は動かない）。"
                     "θ は変わらないので対数尤度も ℓ(θ<sup>({prev})</sup>) = {ll} のままである。",
        "stepper_m": "<b>反復 {t} / {T}・M ステップ</b>: 負担率から混合係数 φ、平均 μ、共分散 Σ を"
                     "更新した（楕円が動き、点の色は変わらない）。対数尤度 ℓ(θ<sup>({t})</sup>) = {ll}",
        "lab_done": "K = {K}、初期化 {init}（シード {seed}）、reg_covar = {reg}: {n_iter} 回の反復で収束した。"
                    "最終の対数尤度 = {ll}。",
        "lab_not_done": "K = {K}、初期化 {init}（シード {seed}）、reg_covar = {reg}: {n_iter} 回で打ち切った。"
                        "最終の対数尤度 = {ll}。",
        # problems and notes
        "corr_one": "成分 {k} の相関係数が {rho} である。ρ = ±1 では分布が直線上につぶれ、密度が定義できない。"
                    "−1 と 1 の間の値を選ぶこと。",
        "corr_one_single": "相関係数が {rho} である。ρ = ±1 では分布が直線上につぶれ、密度が定義できない。"
                           "−1 と 1 の間の値を選ぶこと。",
        "weights_zero": "混合係数がすべて 0 である。少なくとも一つの成分に正の重みを与えること。",
        "k_gt_n": "成分数 K = {K} がデータ点の数 n = {n} より多い。K を n 以下にするか、データを増やすこと。",
        "collapse": "反復 {iteration} で成分 {k} がつぶれた（少数の点に集中して共分散が特異になった）。"
                    "reg_covar を大きくするか、初期化やシードを変えて試すこと。",
        "collapse_init": "初期化の最中（反復 0、最初の M ステップ）に成分 {k} がつぶれた（少数の点に集中して共分散が"
                         "特異になった）。reg_covar を大きくするか、初期化やシードを変えて試すこと。",
        "not_converged": "注: 最大反復回数 {max_iter} 回では収束しなかった（対数尤度の変化がまだ許容値より大きい）。"
                         "下に示すのは打ち切った時点までの結果である。最大反復回数を増やすとよい。",
        "truth_invalid": "真の分布の設定が不正なので、データを作れない: {reason}",
        "unexpected": "この設定では計算できない: {error}",
    },
    "en": {
        "component": "Component {k}",
        "mean_x": "mean x",
        "mean_y": "mean y",
        "std_x": "std x",
        "std_y": "std y",
        "corr": "correlation ρ",
        "weight": "weight φ",
        "n": "samples n",
        "seed": "random seed",
        "var_x": "variance σ₁²",
        "var_y": "variance σ₂²",
        "point_x": "point x₁",
        "point_y": "point x₂",
        "index": "point number",
        "hard": "hard assignment (colour of the most responsible component)",
        "step": "half-step",
        "prev": "◀ back",
        "next": "forward ▶",
        "source": "data",
        "source_textbook": "textbook data",
        "source_sample": "sample from a truth",
        "K": "components K",
        "init": "initialisation",
        "init_seed": "init seed",
        "reg_covar": "reg_covar",
        "max_iter": "max iterations",
        "run": "Run EM",
        "truth_readout": "Weights (normalised) φ = ({phi}). Points drawn from each component = ({counts}), "
                         "n = {n} in all. The dashed ellipses are the truth (39.3% and 86.5% of the "
                         "probability inside).",
        "gauss_readout": "Covariance Σ = [[{s11}, {s12}], [{s12}, {s22}]], eigenvalues λ₁ = {l1}, λ₂ = {l2} "
                         "(arrows of length √λ).<br>Point x = ({x1}, {x2}): Mahalanobis distance "
                         "d<sub>M</sub> = {dm} (Euclidean {de}), density p(x) = {density}."
                         "<br>Probability inside the ellipse through x: 1 − exp(−d<sub>M</sub>²/2) = {mass}.",
        "estep_readout": "Point {i}: x = ({x1}, {x2}), responsibilities γ = ({gamma}); the most responsible "
                         "component is {best}. Log-likelihood under these parameters = {ll}.",
        "stepper_init": "<b>Iteration 0 / {T} (initialisation)</b>: initial parameters θ<sup>(0)</sup>. "
                        "No responsibilities yet (grey points). Log-likelihood ℓ(θ<sup>(0)</sup>) = {ll}",
        "stepper_e": "<b>Iteration {t} / {T}, E-step</b>: responsibilities γ recomputed under the current "
                     "parameters θ<sup>({prev})</sup> (the colours change, the ellipses stay). θ is unchanged, so "
                     "the log-likelihood stays ℓ(θ<sup>({prev})</sup>) = {ll}",
        "stepper_m": "<b>Iteration {t} / {T}, M-step</b>: weights φ, means μ and covariances Σ updated from "
                     "the responsibilities (the ellipses move, the colours stay). Log-likelihood "
                     "ℓ(θ<sup>({t})</sup>) = {ll}",
        "lab_done": "K = {K}, init {init} (seed {seed}), reg_covar = {reg}: converged after {n_iter} iterations. "
                    "Final log-likelihood = {ll}.",
        "lab_not_done": "K = {K}, init {init} (seed {seed}), reg_covar = {reg}: stopped after {n_iter} "
                        "iterations. Final log-likelihood = {ll}.",
        "corr_one": "Component {k} has correlation {rho}. At ρ = ±1 the Gaussian is squashed onto a line and "
                    "has no density: choose a value between −1 and 1.",
        "corr_one_single": "The correlation is {rho}. At ρ = ±1 the Gaussian is squashed onto a line and has no density: choose a value between −1 and 1.",
        "weights_zero": "All weights are 0. Give at least one component a positive weight.",
        "k_gt_n": "K = {K} components but only n = {n} data points. Choose K at most n or use more data.",
        "collapse": "Component {k} collapsed at iteration {iteration} (it gathered too few points and its "
                    "covariance became singular). Increase reg_covar or try another initialisation or seed.",
        "collapse_init": "Component {k} collapsed during the initialisation (iteration 0, its first M-step): it "
                         "gathered too few points and its covariance became singular. Increase reg_covar or try "
                         "another initialisation or seed.",
        "not_converged": "Note: EM did not converge within {max_iter} iterations (the log-likelihood still "
                         "changes by more than the tolerance). Below is the run up to that point; allow more "
                         "iterations.",
        "truth_invalid": "The truth is not a valid mixture, so no data can be drawn: {reason}",
        "unexpected": "This setting cannot be computed: {error}",
    },
}

RESP_CACHE_SIZE = 8  # responsibilities kept by the stepper (about 8 * n * K floats)
MAX_COMPONENTS = len(plot.PALETTE)
REG_COVAR_CHOICES = (0.0, 1e-6, 1e-3, 1e-2, 1e-1)


class _Problem(Exception):
    """A setting the learner can fix: shown as the message `key` (never as a traceback)."""

    def __init__(self, key: str, **values):
        super().__init__(key)
        self.key, self.values = key, values


def _short(exc: BaseException, limit: int = 600) -> str:
    """The first line of an exception's message, shortened."""
    text = (str(exc) or type(exc).__name__).strip().splitlines()[0]
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _fmt(values, digits: int = 2) -> str:
    return ", ".join(f"{v:.{digits}f}" for v in values)


class _LearnerWidget(ipw.VBox):
    """A VBox with a language, a readout and a message area, whose callbacks never raise."""

    def __init__(self, language=None, **kwargs):
        language = _check_language(language)  # before the VBox exists: nothing to clean up
        super().__init__(**kwargs)
        self._own_from = frozenset(self.__dict__)  # attributes after this point are the widget's own state
        self.language = language
        self.look = plot.current_style()  # sizes fixed at creation (lecture_mode or not)
        self.readout = ipw.HTML()
        self.message = ipw.HTML()

    def __repr__(self) -> str:
        # The notebook's text/plain beside the widget: short and the same on every run (nbval).
        return f"<gmm_teach {type(self).__name__}>"

    # --- closing ---------------------------------------------------------------------------
    def close(self) -> None:
        """Close this widget and every widget it made (controls, layouts, nested widgets), drop its
        callbacks and release its figure. ipywidgets keeps every open widget alive; a closed one is
        freed as soon as nothing else refers to it. Safe to call twice (and on a half-built widget)."""
        if self.__dict__.get("_closed"):
            return
        self.__dict__["_closed"] = True
        for value in list(self.__dict__.values()):
            _close_widgets(value, self)
        for control in getattr(self, "children", ()):
            _close_widgets(control, self)
        self._release()
        self.unobserve_all()
        super().close()

    def __del__(self):
        # ipywidgets closes a widget when it is freed (and at exit): only the comm then, nothing else.
        if not self.__dict__.get("_closed"):
            ipw.Widget.close(self)

    def _release(self) -> None:
        """Drop what a closed widget no longer needs: its figure, artists, arrays and caches (set to None),
        so that they are freed even while someone still holds the closed widget. Controls (closed),
        words and numbers stay."""
        base = self.__dict__.get("_own_from", frozenset())
        for key, value in list(self.__dict__.items()):
            if key in base or key in ("_own_from", "_closed") or value is None:
                continue
            if not isinstance(value, (ipw.Widget, str, numbers.Number)):
                self.__dict__[key] = None

    # --- words ---------------------------------------------------------------------
    def say(self, key: str, **values) -> str:
        """The message `key` in the language of this widget (fixed when it was made)."""
        # i18n.say picks the table of the current language; give it ours under that name.
        return say({"en": MESSAGES["en"], get_language(): MESSAGES[self.language]}, key, **values)

    def _html(self, text: str, color: str | None = None) -> str:
        style = f"font-size: {self.look.html_font}; line-height: 1.45;"
        if color:
            style += f" color: {color};"
        return f'<div style="{style}">{text}</div>'

    def show_error(self, text: str) -> None:
        """Show a short problem message (plain text) in the message area."""
        self.message.value = self._html("⚠ " + html.escape(text), color="#a12a00")

    def show_note(self, text: str) -> None:
        """Show a short note (plain text) in the message area."""
        self.message.value = self._html("ℹ " + html.escape(text), color="#004f8c")

    def clear_message(self) -> None:
        self.message.value = ""

    def _set_readout(self, text_html: str) -> None:
        self.readout.value = self._html(text_html)

    # --- safe callbacks -------------------------------------------------------------------
    def _safely(self, action, *args) -> bool:
        """Run action(*args); a problem becomes a message, never a traceback. True if it worked."""
        try:
            action(*args)
        except _Problem as problem:
            self.show_error(self.say(problem.key, **problem.values))
            return False
        except Exception as exc:  # anything else: short, in the learner's language
            self.show_error(self.say("unexpected", error=_short(exc)))
            return False
        return True

    def _watch(self, control, action) -> None:
        """Call action() (safely) whenever control's value changes."""
        control.observe(lambda change: self._safely(action), names="value")

    # --- controls in the current style ---------------------------------------------------------
    def _describe(self, control, key: str) -> None:
        text = self.say(key)
        if self.look.control_font:
            control.description_allow_html = True
            control.description = f'<span style="font-size: {self.look.control_font}">{html.escape(text)}</span>'
        else:
            control.description = text
        control.style.description_width = self.look.description_width

    def _slider(self, cls, key: str, value, low, high, step, continuous=True, fmt=None):
        kwargs = dict(value=value, min=low, max=high, step=step, continuous_update=continuous,
                      layout=ipw.Layout(width=self.look.control_width))
        if fmt:
            kwargs["readout_format"] = fmt
        control = cls(**kwargs)
        self._describe(control, key)
        return control

    def _button(self, key: str, **kwargs):
        button = ipw.Button(description=self.say(key), **kwargs)
        if self.look.control_font:
            button.style.font_size = self.look.control_font
            button.layout.height = "auto"
        return button


class _FigureWidget(_LearnerWidget):
    """A learner widget with one figure, shown as PNG in self.image and redrawn in place."""

    def __init__(self, language=None, **kwargs):
        super().__init__(language, **kwargs)
        self.image = ipw.Image(format="png")
        self.fig = None
        self.renderer = None

    def _render(self) -> None:
        """Put the figure, as it is now, into the Image widget."""
        self.image.value = self.renderer.render()



def _check_K(K, name: str = "K") -> int:
    return _check_number(K, name, 1, MAX_COMPONENTS, integer=True, why="the colours gmm_teach has")


# --- argument checks of the widget constructors ---------------------------------------------------
# A value outside a slider's range would be clamped by the slider without a word, so every
# constructor refuses it here, naming the argument, the range and what it received.

def _check_language(language):
    """None (the current language) or one of LANGUAGES."""
    if language is None:
        return get_language()
    if not isinstance(language, str):
        raise TypeError(f"language must be one of {LANGUAGES} or None; received {describe(language)}.")
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES} or None; received {language!r}.")
    return language


def _check_number(value, name: str, low=None, high=None, *, integer=False, why="the slider's range",
                  open_ends=False):
    """value as int (integer=True) or float if it is a finite real number (not a bool) within [low, high].

    open_ends: the range is the open interval (low, high). why: where the range comes from (for the message).
    """
    kind = "an integer" if integer else "a number"
    show = (lambda v: str(int(v))) if integer else (lambda v: f"{v:g}")
    if low is not None and high is not None:
        between = "strictly between" if open_ends else "from"
        joint = "and" if open_ends else "to"
        allowed = f"{kind} {between} {show(low)} {joint} {show(high)}" + (f" ({why})" if why else "")
    elif low is not None:
        allowed = f"{kind} >= {show(low)}" if not open_ends else f"{kind} > {show(low)}"
    else:
        allowed = kind
    wanted = numbers.Integral if integer else numbers.Real
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, wanted):
        raise TypeError(f"{name} must be {allowed}; received {describe(value)}.")
    number = int(value) if integer else float(value)
    if not np.isfinite(number):
        raise ValueError(f"{name} must be {allowed}; received {number}.")
    too_low = low is not None and (number <= low if open_ends else number < low)
    too_high = high is not None and (number >= high if open_ends else number > high)
    if too_low or too_high:
        raise ValueError(f"{name} must be {allowed}; received {value!r}.")
    return number


def _check_point(point, name: str, low: float, high: float) -> np.ndarray:
    """A point (x1, x2): two finite numbers (not bools), each from low to high (the sliders' range)."""
    if isinstance(point, (str, bytes, dict)) or not hasattr(point, "__len__") or len(point) != 2:
        raise TypeError(f"{name} must be a pair of numbers (x1, x2), each from {low:g} to {high:g}; "
                        f"received {describe(point)}.")
    return np.array([_check_number(v, f"{name}[{i}]", low, high, why="the slider's range")
                     for i, v in enumerate(point)])


def _check_params_2d(params, name: str = "params", extra: int = 0):
    """A 2-D GMMParams with at most MAX_COMPONENTS - extra components."""
    params = check_params(params, name)
    if params.d != 2:
        raise ValueError(f"{name} must be a 2-D mixture (mu of shape (K, 2)); received d = {params.d}.")
    if params.K + extra > MAX_COMPONENTS:
        raise ValueError(f"{name} may have at most {MAX_COMPONENTS - extra} components here (the widget draws up "
                         f"to {MAX_COMPONENTS}); received K = {params.K}.")
    return params


def _check_data_2d(X, name: str, widget: str) -> np.ndarray:
    X = check_data(X, name)
    if X.shape[1] != 2:
        raise ValueError(f"{name} must have shape (n, 2): the {widget} shows 2-D data; received shape {X.shape}.")
    return X


def _has_bool(value) -> bool:
    if isinstance(value, (bool, np.bool_)):
        return True
    if isinstance(value, np.ndarray):
        return value.dtype.kind == "b" or (value.dtype == object and any(_has_bool(v) for v in value.ravel()))
    if isinstance(value, (list, tuple)):
        return any(_has_bool(v) for v in value)
    return False


def _check_means(mu, name: str = "mu") -> np.ndarray:
    """Means of shape (K, 2): finite numbers (not bools)."""
    if _has_bool(mu):
        raise TypeError(f"{name} must be numbers of shape (K, 2), not bools; received {describe(mu)}.")
    mu = as_float_array(mu, name)
    if mu.ndim != 2 or mu.shape[1] != 2 or mu.shape[0] < 1:
        raise ValueError(f"{name} must have shape (K, 2), one row per mean; received shape {mu.shape}.")
    if not np.all(np.isfinite(mu)):
        raise ValueError(f"{name} must contain only finite numbers (no NaN or inf); received {mu.tolist()}.")
    return mu


def _close_widgets(value, owner, depth: int = 0) -> None:
    """Close every ipywidget in value (a widget, or a list / tuple / dict of them), its children,
    layout and style, and drop its callbacks; a learner widget closes itself (its figure too)."""
    if depth > 8:
        return
    if isinstance(value, ipw.Widget):
        if value is owner:
            return
        if isinstance(value, _LearnerWidget):
            value.close()
            return
        if value.comm is None:
            return  # already closed (or never opened)
        for child in getattr(value, "children", ()) or ():
            _close_widgets(child, owner, depth + 1)
        for part in ("layout", "style"):
            sub = getattr(value, part, None)
            if isinstance(sub, ipw.Widget):
                sub.close()
        handlers = getattr(value, "_click_handlers", None)
        if handlers is not None:
            handlers.callbacks.clear()
        value.unobserve_all()
        value.close()
    elif isinstance(value, dict):
        for v in list(value.values()):
            _close_widgets(v, owner, depth + 1)
    elif isinstance(value, (list, tuple)):
        for v in list(value):
            _close_widgets(v, owner, depth + 1)


# --- re-running a cell -----------------------------------------------------------------------------
# ipywidgets keeps every widget alive until it is closed, also after its cell was run again and
# its output cleared. A learner re-runs a widget's cell often, so gmm_teach closes the widgets a
# cell made when the same cell (JupyterLab / Notebook 7 send its id) makes new ones in a new run.

_CELL_RUNS: dict = {}  # cell id -> (message id of the run, [weakrefs to the widgets that run made])
_building = [0]  # > 0 while a learner widget is being built (the widgets it makes inside are its own)


def _current_cell():
    """(cell id, message id) of the execute_request the kernel is running, or None (no kernel, no cell id)."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with ipywidgets
        return None
    kernel = getattr(get_ipython(), "kernel", None)
    if kernel is None or not hasattr(kernel, "get_parent"):
        return None
    try:
        parent = kernel.get_parent() or {}
    except Exception:
        return None
    header = parent.get("header") or {}
    cell = (parent.get("metadata") or {}).get("cellId")
    if header.get("msg_type") != "execute_request" or not cell or not header.get("msg_id"):
        return None
    return cell, header["msg_id"]


def _remember_cell(widget) -> None:
    """Close the widgets that an earlier run of the current cell made; remember this one."""
    where = _current_cell()
    if where is None:
        return
    cell, run = where
    previous_run, refs = _CELL_RUNS.get(cell, (None, []))
    if previous_run != run:
        for ref in refs:
            old = ref()
            if old is not None:
                old.close()
        refs = []
    refs.append(weakref.ref(widget))
    _CELL_RUNS[cell] = (run, refs)


def _constructor(init):
    """Wrap a learner widget's __init__: a failure closes what was made so far (no half-built widget
    stays alive in ipywidgets' registry), and a finished top-level widget is remembered for its cell."""

    @functools.wraps(init)
    def wrapper(self, *args, **kwargs):
        _building[0] += 1
        try:
            init(self, *args, **kwargs)
        except BaseException:
            if self.__dict__.get("_trait_values", {}).get("comm") is not None:
                self.close()
            raise
        finally:
            _building[0] -= 1
        if _building[0] == 0:
            _remember_cell(self)

    return wrapper


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


class TruthExplorer(_FigureWidget):
    """The true mixture: per component sliders for mean, standard deviations, correlation and weight.

    Attributes: components (list of dicts of sliders "mean_x", "mean_y", "std_x", "std_y",
    "corr", "weight"), n, seed, tab, image, readout, message; params (the last valid
    GMMParams), X and z (its sample), valid (False while the settings are impossible),
    problem (the message text then).
    """

    MEAN_RANGE = 6.0
    STD_RANGE = (0.1, 3.0)
    N_RANGE = (2, 5000)
    LIMITS = (-9.0, 9.0)

    @classmethod
    def _settings(cls, params, K: int) -> list:
        """The sliders' starting values from params; an error if one lies outside its slider's range."""
        params = _check_params_2d(params)
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

    @_constructor
    def __init__(self, K=3, n=1000, seed=0, params=TEXTBOOK_TRUTH, *, language=None):
        K = _check_K(K)
        n = _check_number(n, "n", *self.N_RANGE, integer=True)
        seed = _check_number(seed, "seed", 0, 2**31 - 1, integer=True, why="what the seed box accepts")
        settings = self._settings(params, K)
        super().__init__(language)
        self.K = K
        self.components, pages = [], []
        m = self.MEAN_RANGE
        for k, setting in enumerate(settings):
            (mx, my), (sx, sy) = setting["mean"], setting["std"]
            slider = functools.partial(self._slider, ipw.FloatSlider)
            sliders = {
                "mean_x": slider("mean_x", float(mx), -m, m, 0.1),
                "mean_y": slider("mean_y", float(my), -m, m, 0.1),
                "std_x": slider("std_x", float(sx), 0.1, 3.0, 0.05),
                "std_y": slider("std_y", float(sy), 0.1, 3.0, 0.05),
                "corr": slider("corr", float(np.round(setting["corr"], 2)), -1.0, 1.0, 0.05),
                "weight": slider("weight", float(np.round(setting["weight"], 2)), 0.0, 1.0, 0.05),
            }
            self.components.append(sliders)
            pages.append(ipw.HBox([ipw.VBox([sliders["mean_x"], sliders["mean_y"], sliders["weight"]]),
                                   ipw.VBox([sliders["std_x"], sliders["std_y"], sliders["corr"]])]))
        self.tab = ipw.Tab(children=pages, titles=[self.say("component", k=k) for k in range(K)])
        self.n = self._slider(ipw.IntSlider, "n", n, *self.N_RANGE, 1, continuous=False)
        self.seed = ipw.BoundedIntText(value=seed, min=0, max=2**31 - 1, layout=ipw.Layout(width="260px"))
        self._describe(self.seed, "seed")
        self.params, self.X, self.z, self.valid, self.problem = None, None, None, False, ""

        self.fig, ax = plot.subplots(figsize=(5.2, 4.6))
        self.ax = ax
        self.colors = np.array(plot.component_colors(K))
        self.points = plot.draw_points(ax, np.zeros((1, 2)))
        self.ellipses = plot.make_ellipses(ax, K, (1, 2), self.colors, linestyle="--")
        self.means = ax.scatter(np.zeros(K), np.zeros(K), s=self.look.mean_size, c=self.colors, marker="X",
                                edgecolors="black", linewidths=0.5 * self.look.line_width, zorder=4)
        self.title = ax.set_title(" ", fontsize=self.look.title_size)
        ax.set_xlim(*self.LIMITS)
        ax.set_ylim(*self.LIMITS)
        ax.set_aspect("equal", adjustable="box")
        ax.set_xlabel("$x_1$", fontsize=self.look.label_size)
        ax.set_ylabel("$x_2$", fontsize=self.look.label_size)
        ax.set_axisbelow(True)
        self.renderer = plot.PngRenderer(self.fig, [self.points, *self.ellipses, self.means, self.title])

        for sliders in self.components:
            for control in sliders.values():
                self._watch(control, self.update)
        self._watch(self.n, self.update)
        self._watch(self.seed, self.update)
        self.children = [self.tab, ipw.HBox([self.n, self.seed]), self.image, self.readout, self.message]
        self._safely(self.update)

    def read_params(self) -> GMMParams:
        """GMMParams from the sliders; a _Problem for settings that are not a mixture."""
        values = {key: np.array([c[key].value for c in self.components], dtype=float) for key in self.components[0]}
        for k, rho in enumerate(values["corr"]):
            if abs(rho) >= 1:
                raise _Problem("corr_one", k=k, rho=f"{rho:+.2f}")
        if not np.any(values["weight"] > 0):
            raise _Problem("weights_zero")
        return from_components(values["weight"], np.column_stack([values["mean_x"], values["mean_y"]]),
                               np.column_stack([values["std_x"], values["std_y"]]), values["corr"])

    def update(self) -> None:
        """Read the controls, resample and redraw (a _Problem leaves the last picture)."""
        try:
            params = self.read_params()
            X, z = sample(params, self.n.value, seed=self.seed.value)
        except _Problem as problem:
            self.valid, self.problem = False, self.say(problem.key, **problem.values)
            raise
        except Exception as exc:
            self.valid, self.problem = False, _short(exc)
            raise
        self.params, self.X, self.z, self.valid, self.problem = params, X, z, True, ""
        plot.update_points(self.points, X=X)
        self.points.set_facecolors(self.colors[z])
        plot.update_ellipses(self.ellipses, params)
        self.means.set_offsets(params.mu)
        self.title.set_text(f"True mixture: K = {params.K}, n = {len(X)} samples")
        counts = np.bincount(z, minlength=params.K)
        self._set_readout(self.say("truth_readout", phi=_fmt(params.phi), counts=", ".join(map(str, counts)),
                                   n=len(X)))
        self._render()
        self.clear_message()


def truth_explorer(K=3, n=1000, seed=0, params=TEXTBOOK_TRUTH, *, language=None) -> TruthExplorer:
    """Explore the true mixture: move each component's mean, shape and weight and watch a sample of n points.

    Starts from params (the chapter's truth by default; its first K components, new ones
    added if K is larger). Returns a TruthExplorer widget; its .params and .X hold the
    current truth and sample.
    """
    return TruthExplorer(K=K, n=n, seed=seed, params=params, language=language)


# --- one Gaussian -------------------------------------------------------------------------------

def _mahalanobis(x, mu, sigma) -> float:
    """sqrt((x - mu)^T Sigma^{-1} (x - mu)), via a solve (no inverse)."""
    diff = np.asarray(x, float) - np.asarray(mu, float)
    return float(np.sqrt(diff @ np.linalg.solve(sigma, diff)))


class GaussianExplorer(_FigureWidget):
    """One 2-D Gaussian N(0, Sigma): contours, eigenvectors and the Mahalanobis distance of a point.

    Attributes: var_x, var_y, corr, point_x, point_y (sliders), image, readout, message;
    sigma (current covariance), distance, euclidean, density (of the point).
    """

    LIMITS = (-5.0, 5.0)
    RADII = (1, 2, 3)

    VAR_RANGE = (0.1, 4.0)
    POINT_RANGE = (-4.5, 4.5)

    @_constructor
    def __init__(self, var_x=2.0, var_y=1.0, corr=0.6, point=(2.0, -1.0), *, language=None):
        var_x = _check_number(var_x, "var_x", *self.VAR_RANGE)
        var_y = _check_number(var_y, "var_y", *self.VAR_RANGE)
        corr = _check_number(corr, "corr", -1.0, 1.0, open_ends=True,
                             why="at ±1 the Gaussian is squashed onto a line and has no density")
        point = _check_point(point, "point", *self.POINT_RANGE)
        super().__init__(language)
        self.var_x = self._slider(ipw.FloatSlider, "var_x", var_x, *self.VAR_RANGE, 0.05)
        self.var_y = self._slider(ipw.FloatSlider, "var_y", var_y, *self.VAR_RANGE, 0.05)
        self.corr = self._slider(ipw.FloatSlider, "corr", corr, -1.0, 1.0, 0.01)
        self.point_x = self._slider(ipw.FloatSlider, "point_x", float(point[0]), *self.POINT_RANGE, 0.1)
        self.point_y = self._slider(ipw.FloatSlider, "point_y", float(point[1]), *self.POINT_RANGE, 0.1)
        self.sigma = self.distance = self.euclidean = self.density = None

        self.fig, ax = plot.subplots(figsize=(5.0, 4.8))
        self.ax = ax
        lo, hi = self.LIMITS
        self.grid = np.linspace(lo, hi, 161)
        self.image_artist = ax.imshow(np.zeros((2, 2)), extent=(lo, hi, lo, hi), origin="lower", cmap="Blues",
                                      interpolation="bilinear", zorder=0.6, vmin=0.0, vmax=1.0)
        self.contours = plot.make_ellipses(ax, 1, self.RADII, [(0.25, 0.25, 0.25)],
                                           linewidth=0.8 * self.look.line_width, mass_labels=True)
        self.arrows = plot.draw_eigenvectors(ax, (0, 0), np.eye(2), color="black")
        red = plot.PALETTE[5]
        self.through = plot.make_ellipses(ax, 1, (1,), [red], linestyle="--", linewidth=0.8 * self.look.line_width)
        (self.segment,) = ax.plot([0, 0], [0, 0], color=red, linewidth=0.7 * self.look.line_width, zorder=4)
        (self.point,) = ax.plot([0], [0], marker="o", color=red, markeredgecolor="black",
                                markersize=4 * self.look.line_width, zorder=6)
        self.title = ax.set_title("2-D Gaussian $\\mathcal{N}(\\mathbf{0}, \\Sigma)$: "
                                  "contours at $r = 1, 2, 3$", fontsize=self.look.title_size)
        ax.set_xlim(lo, hi)
        ax.set_ylim(lo, hi)
        ax.set_aspect("equal", adjustable="box")
        ax.set_xlabel("$x_1$", fontsize=self.look.label_size)
        ax.set_ylabel("$x_2$", fontsize=self.look.label_size)
        ax.set_axisbelow(True)
        dynamic = [self.image_artist, *self.contours, *self.contours.labels, *self.arrows[0], *self.arrows[1],
                   *self.through, self.segment, self.point]
        self.renderer = plot.PngRenderer(self.fig, dynamic)

        for control in (self.var_x, self.var_y, self.corr, self.point_x, self.point_y):
            self._watch(control, self.update)
        self.children = [ipw.HBox([ipw.VBox([self.var_x, self.var_y, self.corr]),
                                   ipw.VBox([self.point_x, self.point_y])]),
                         self.image, self.readout, self.message]
        self._safely(self.update)

    def update(self) -> None:
        rho = self.corr.value
        if abs(rho) >= 1:
            raise _Problem("corr_one_single", rho=f"{rho:+.2f}")
        sx, sy = np.sqrt(self.var_x.value), np.sqrt(self.var_y.value)
        params = from_components([1.0], [[0.0, 0.0]], [[sx, sy]], [rho])
        sigma, mu = params.sigma[0], params.mu[0]
        x = np.array([self.point_x.value, self.point_y.value])
        gx, gy = np.meshgrid(self.grid, self.grid)
        Z = pdf(np.column_stack([gx.ravel(), gy.ravel()]), mu, sigma).reshape(gx.shape)
        self.image_artist.set_data(Z)
        self.image_artist.set_clim(0.0, 1.6 * Z.max())  # light shades: the lines stay readable
        plot.update_ellipses(self.contours, params)
        plot.update_eigenvectors(self.arrows, mu, sigma)
        distance = _mahalanobis(x, mu, sigma)
        if distance > 1e-9:
            plot.update_ellipses(self.through, GMMParams([1.0], [mu], [sigma * distance**2]))
        else:
            for e in self.through:
                e.set_visible(False)
        self.segment.set_data([mu[0], x[0]], [mu[1], x[1]])
        self.point.set_data([x[0]], [x[1]])
        self.sigma, self.distance = sigma, distance
        self.euclidean = float(np.linalg.norm(x - mu))
        self.density = float(pdf(x[None], mu, sigma)[0])
        l2, l1 = np.linalg.eigvalsh(sigma)
        self._set_readout(self.say(
            "gauss_readout", s11=f"{sigma[0, 0]:.2f}", s12=f"{sigma[0, 1]:.2f}", s22=f"{sigma[1, 1]:.2f}",
            l1=f"{l1:.2f}", l2=f"{l2:.2f}", x1=f"{x[0]:.2f}", x2=f"{x[1]:.2f}", dm=f"{distance:.3f}",
            de=f"{self.euclidean:.3f}", density=f"{self.density:.4g}",
            mass=f"{100 * plot.probability_mass(distance):.1f}%"))
        self._render()
        self.clear_message()


def gaussian_explorer(var_x=2.0, var_y=1.0, corr=0.6, point=(2.0, -1.0), *, language=None) -> GaussianExplorer:
    """Explore one 2-D Gaussian N(0, Sigma): its contours (r = 1, 2, 3 with their probability),
    eigenvectors scaled by sqrt(eigenvalue), and the Mahalanobis distance and density of a point."""
    return GaussianExplorer(var_x=var_x, var_y=var_y, corr=corr, point=point, language=language)


# --- the E-step ---------------------------------------------------------------------------------

class EStepExplorer(_FigureWidget):
    """Move the component means (and weights) and watch the responsibilities of every point.

    Attributes: components (list of dicts of sliders "mean_x", "mean_y", "weight"), index
    (which point's posterior the bar chart shows), hard (checkbox), image, readout,
    message; X, params (current), responsibilities (n, K), bars.
    """

    @_constructor
    def __init__(self, X=None, params=None, *, reg_covar=1e-6, language=None):
        reg_covar = _check_number(reg_covar, "reg_covar", 0.0, why="")
        if X is None:
            X = textbook_data()
            params = TEXTBOOK_TRUTH if params is None else params
        X = _check_data_2d(X, "X", "E-step explorer")
        if params is not None:
            params = _check_params_2d(params)
        super().__init__(language)
        if params is None:  # the core's initialisation, with reg_covar (degenerate data need reg_covar > 0)
            params = init_params(X, min(3, X.shape[0]), init="kmeans++", seed=0, reg_covar=reg_covar)
        K = params.K
        self.X, self.K, self.params, self.responsibilities = X, K, params, None
        self._sigma = params.sigma  # the covariances stay as given; the means and weights move

        pad = 0.1 * (X.max(axis=0) - X.min(axis=0)) + 1e-9
        # the mean sliders' range: the data (padded), widened to the given means (never clamped)
        lo = np.minimum(X.min(axis=0) - pad, params.mu.min(axis=0))
        hi = np.maximum(X.max(axis=0) + pad, params.mu.max(axis=0))
        slider = functools.partial(self._slider, ipw.FloatSlider)
        self.components, pages = [], []
        for k in range(K):
            mean = params.mu[k]
            sliders = {
                "mean_x": slider("mean_x", float(mean[0]), float(lo[0]), float(hi[0]), 0.05),
                "mean_y": slider("mean_y", float(mean[1]), float(lo[1]), float(hi[1]), 0.05),
                "weight": slider("weight", float(np.round(params.phi[k], 2)), 0.0, 1.0, 0.05),
            }
            self.components.append(sliders)
            pages.append(ipw.VBox(list(sliders.values())))
        self.tab = ipw.Tab(children=pages, titles=[self.say("component", k=k) for k in range(K)])
        self.index = self._slider(ipw.IntSlider, "index", 0, 0, X.shape[0] - 1, 1)
        self.hard = ipw.Checkbox(value=False, indent=False)
        self._describe(self.hard, "hard")
        self.hard.style.description_width = "initial"

        self.fig, (ax, ax_bar) = plot.subplots(1, 2, figsize=(9.0, 4.2), width_ratios=[1.6, 1])
        self.ax, self.ax_bar = ax, ax_bar
        self.view = plot.EMView(ax, X, K)
        self.chosen = ax.scatter([X[0, 0]], [X[0, 1]], s=3.5 * self.look.mean_size, facecolors="none",
                                 edgecolors="black", linewidths=0.9 * self.look.line_width, zorder=5)
        colors = self.view.colors
        self.bars = ax_bar.bar(np.arange(K), np.zeros(K), color=colors, edgecolor="black",
                               linewidth=0.4 * self.look.line_width, zorder=2)
        self.bar_labels = [ax_bar.text(k, 0.0, "", ha="center", va="bottom", fontsize=self.look.font_size,
                                       zorder=3, clip_on=True) for k in range(K)]
        ax_bar.set_ylim(0, 1.12)
        ax_bar.set_xlim(-0.6, K - 0.4)
        ax_bar.set_xticks(np.arange(K))
        ax_bar.set_xlabel("component $k$", fontsize=self.look.label_size)
        ax_bar.set_ylabel("$\\gamma(z_{nk})$", fontsize=self.look.label_size)
        ax_bar.set_axisbelow(True)
        ax_bar.grid(True, axis="y", linewidth=0.5, alpha=0.5)
        self.bar_title = ax_bar.set_title(" ", fontsize=self.look.title_size)
        dynamic = [self.view.points, *self.view.ellipses, self.view.means, self.view.title, self.chosen,
                   *self.bars.patches, *self.bar_labels, self.bar_title]
        self.renderer = plot.PngRenderer(self.fig, dynamic)

        for sliders in self.components:
            for control in sliders.values():
                self._watch(control, self.update)
        self._watch(self.index, self.update)
        self._watch(self.hard, self.update)
        self.children = [self.tab, ipw.HBox([self.index, self.hard]), self.image, self.readout, self.message]
        self._safely(self.update)

    def read_params(self) -> GMMParams:
        weights = np.array([c["weight"].value for c in self.components], dtype=float)
        if not np.any(weights > 0):
            raise _Problem("weights_zero")
        mu = np.array([[c["mean_x"].value, c["mean_y"].value] for c in self.components], dtype=float)
        return GMMParams(weights / weights.sum(), mu, self._sigma)

    def update(self) -> None:
        params = self.read_params()
        resp, ll = e_step(self.X, params)  # (n, K) responsibilities and the log-likelihood
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
                                   gamma=_fmt(resp[i]), best=int(resp[i].argmax()), ll=f"{ll:.3f}"))
        self._render()
        self.clear_message()


def estep_explorer(X=None, params=None, *, reg_covar=1e-6, language=None) -> EStepExplorer:
    """Explore the E-step: move the means (and weights) of params and watch every point's
    responsibilities (colours) and one chosen point's posterior (bar chart).

    Defaults: the chapter's data and true parameters. With X but no params, a k-means++
    initialisation with K = 3 (gmm_teach.init_params with reg_covar, which degenerate data such
    as a constant column need to be > 0). The covariances stay as in params.
    """
    return EStepExplorer(X=X, params=params, reg_covar=reg_covar, language=language)


# --- the EM stepper -----------------------------------------------------------------------------

def half_step(step: int) -> tuple:
    """(iteration t, phase) of half-step `step`: 0 -> (0, "init"), 2t - 1 -> (t, "E"), 2t -> (t, "M").

    At (t, "E") the parameters are still history[t - 1] and the responsibilities are
    recomputed from them; at (t, "M") the parameters are history[t], estimated from those
    same responsibilities.
    """
    if step == 0:
        return 0, "init"
    return (step + 1) // 2, ("E" if step % 2 else "M")


class EMStepper(_FigureWidget):
    """Scrub through a fitted EM run half-step by half-step.

    The slider runs over 2 * n_iter + 1 half-steps: 0 is the initialisation, 2t - 1 the
    E-step of iteration t (responsibilities recomputed, ellipses unchanged) and 2t its
    M-step (ellipses move, colours unchanged). Ellipses, colours, the log-likelihood marker
    (hollow after an E-step: the log-likelihood has not changed) and the readout move together.

    Attributes: slider, play (jslinked to the slider), prev_button, next_button, hard,
    image, readout, message, view (plot.EMView), ll_artists, result, X, truth, state
    (dict: step, iteration, phase, params_index, log_likelihood).
    """

    FIGSIZE = (9.6, 4.3)

    @_constructor
    def __init__(self, X, result, truth=None, *, language=None):
        X, result, truth = self._checked(X, result, truth)
        super().__init__(language)
        self.slider = self._slider(ipw.IntSlider, "step", 0, 0, 1, 1, continuous=True)
        self.slider.readout = False
        self.play = ipw.Play(value=0, min=0, max=1, step=1, interval=500, show_repeat=False)
        self._link = ipw.jslink((self.play, "value"), (self.slider, "value"))
        self.prev_button = self._button("prev")
        self.next_button = self._button("next")
        self.hard = ipw.Checkbox(value=False, indent=False)
        self._describe(self.hard, "hard")
        self.hard.style.description_width = "initial"
        self.state = {}
        self._quiet = False
        self._cache = OrderedDict()
        self.slider.observe(lambda change: self._quiet or self._safely(self.show, change["new"]), names="value")
        self.hard.observe(lambda change: self._safely(self.show, self.slider.value), names="value")
        self.prev_button.on_click(lambda _: self._safely(self._move, -1))
        self.next_button.on_click(lambda _: self._safely(self._move, +1))
        self.children = [ipw.HBox([self.play, self.prev_button, self.slider, self.next_button]), self.hard,
                         self.image, self.readout, self.message]
        self.load(X, result, truth)

    @staticmethod
    def _checked(X, result, truth) -> tuple:
        X = _check_data_2d(X, "X", "stepper")
        if not isinstance(result, EMResult):
            raise TypeError(f"result must be the EMResult that gmm_teach.fit returned; "
                            f"received {type(result).__name__}.")
        _check_params_2d(result.params, "result.params")
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
        K = result.params.K
        self.X, self.result, self.truth = X, result, truth
        self._cache.clear()
        self.initial_log_likelihood = self._e_step(0)[1]
        self.fig, (ax, ax_ll) = plot.subplots(1, 2, figsize=self.FIGSIZE, width_ratios=[1.25, 1], fig=self.fig)
        self.view = plot.EMView(ax, X, K, truth=truth)
        self.ll_artists = plot.draw_log_likelihood(ax_ll, result.log_likelihoods, current=0,
                                                   initial=self.initial_log_likelihood)
        self.renderer = plot.PngRenderer(self.fig, [self.view.points, *self.view.ellipses, self.view.means,
                                                    self.view.title, self.ll_artists[1]])
        last = 2 * result.n_iter
        self._quiet = True
        try:
            self.play.value = 0
            self.slider.value = 0
            self.slider.max = self.play.max = last
        finally:
            self._quiet = False
        self.show(0)

    def _e_step(self, j: int) -> tuple:
        """e_step(X, history[j]), keeping the last RESP_CACHE_SIZE results (memory stays bounded)."""
        if j in self._cache:
            self._cache.move_to_end(j)
            return self._cache[j]
        value = e_step(self.X, self.result.history[j])
        self._cache[j] = value
        while len(self._cache) > RESP_CACHE_SIZE:
            self._cache.popitem(last=False)
        return value

    def _move(self, delta: int) -> None:
        self.slider.value = int(np.clip(self.slider.value + delta, 0, self.slider.max))

    def log_likelihood_at(self, t: int) -> float:
        """Log-likelihood of history[t]: the initial one for t = 0, else result.log_likelihoods[t - 1]."""
        return self.initial_log_likelihood if t == 0 else float(self.result.log_likelihoods[t - 1])

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


def em_stepper(X, result: EMResult, truth=None, *, language=None) -> EMStepper:
    """Step through a fitted EM run (result = gmm_teach.fit(X, K, ...)) with Play, a slider and buttons.

    E-step and M-step are separate half-steps: after an E-step the colours (responsibilities)
    change and the ellipses stay; after an M-step the ellipses move. truth (GMMParams), if
    given, is drawn as dashed ellipses.
    """
    return EMStepper(X, result, truth=truth, language=language)


# --- the EM lab ---------------------------------------------------------------------------------

class EMLab(_LearnerWidget):
    """Choose the data, K, the initialisation, its seed, reg_covar and max_iter; Run; step through the run.

    Attributes: source (ToggleButtons "textbook" / "sample"), truth (a TruthExplorer, shown
    for "sample"), k, init, seed, reg_covar, max_iter, run_button, readout, message,
    stepper (EMStepper), image (the stepper's), result (the last EMResult or None).
    """

    @_constructor
    def __init__(self, *, language=None):
        super().__init__(language)
        self.source = ipw.ToggleButtons(options=[(self.say("source_textbook"), "textbook"),
                                                 (self.say("source_sample"), "sample")], value="textbook")
        self._describe(self.source, "source")
        self.truth = TruthExplorer(language=self.language)
        self.truth.layout.display = "none"
        self.k = self._slider(ipw.IntSlider, "K", 3, 1, 8, 1, continuous=False)
        self.init = ipw.Dropdown(options=list(INIT_METHODS), value="textbook", layout=ipw.Layout(width="300px"))
        self._describe(self.init, "init")
        self.seed = ipw.BoundedIntText(value=11, min=0, max=2**31 - 1, layout=ipw.Layout(width="260px"))
        self._describe(self.seed, "init_seed")
        self.reg_covar = ipw.Dropdown(options=[(f"{v:g}", v) for v in REG_COVAR_CHOICES], value=1e-6,
                                      layout=ipw.Layout(width="300px"))
        self._describe(self.reg_covar, "reg_covar")
        self.max_iter = ipw.BoundedIntText(value=100, min=1, max=5000, layout=ipw.Layout(width="260px"))
        self._describe(self.max_iter, "max_iter")
        self.run_button = self._button("run", button_style="primary")
        self.result = None
        self.stepper = None  # made by the first run
        self._stepper_box = ipw.VBox()
        self._textbook_X = textbook_data()

        self.source.observe(lambda change: self._safely(self._show_source), names="value")
        self.run_button.on_click(lambda _: self._safely(self.run))
        self.children = [self.source, self.truth,
                         ipw.HBox([self.k, self.init, self.seed]),
                         ipw.HBox([self.reg_covar, self.max_iter, self.run_button]),
                         self.readout, self.message, self._stepper_box]
        self._safely(self.run)  # the chapter's run, so that there is something to step through

    @property
    def image(self):
        """The stepper's Image widget (the picture of the current run; None before the first run)."""
        return None if self.stepper is None else self.stepper.image

    def _show_source(self) -> None:
        self.truth.layout.display = "" if self.source.value == "sample" else "none"

    def _data(self) -> tuple:
        """(X, truth) for the chosen source; a _Problem if the truth is invalid."""
        if self.source.value == "textbook":
            return self._textbook_X, TEXTBOOK_TRUTH
        if not self.truth.valid:
            raise _Problem("truth_invalid", reason=self.truth.problem)
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
            raise _Problem("k_gt_n", K=K, n=n)
        settings = dict(init=self.init.value, seed=self.seed.value, reg_covar=self.reg_covar.value,
                        max_iter=self.max_iter.value)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ConvergenceWarning)
            try:
                result = fit(X, K, **settings)
            except ComponentCollapseError as err:  # components from 0, iterations from 1, as everywhere
                if not err.iteration:  # 0 (or None from an older core): in the initialisation's M-step
                    raise _Problem("collapse_init", k=err.component) from None
                raise _Problem("collapse", k=err.component, iteration=err.iteration) from None
        not_converged = any(issubclass(w.category, ConvergenceWarning) for w in caught)
        if self.stepper is None:
            _building[0] += 1  # the lab's own part: closed with the lab, not with the cell that clicked Run
            try:
                self.stepper = EMStepper(X, result, truth=truth, language=self.language)
            finally:
                _building[0] -= 1
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


def em_lab(*, language=None) -> EMLab:
    """The EM lab: the chapter's data or a sample from a truth you edit, K = 1..8, init method
    ("textbook", "random", "kmeans++") and seed, reg_covar, max_iter; Run; then step through the run."""
    return EMLab(language=language)


__all__ = ["MESSAGES", "TruthExplorer", "GaussianExplorer", "EStepExplorer", "EMStepper", "EMLab",
           "truth_explorer", "gaussian_explorer", "estep_explorer", "em_stepper", "em_lab", "half_step"]


# --- chapter 08: where EM fails (a spike on one point; from EM to k-means) -------------------------------

MESSAGES["ja"].update({
    "log_sigma": "log₁₀ σ",
    "spike_weight": "追加成分の φ",
    "spike_readout": "点 {i}（x = ({x1}, {x2})）に成分 {k} を置き、その共分散を σ² I、σ = {sigma}、"
                     "混合係数を {w} とした（他の成分の混合係数は 1 − {w} 倍）。"
                     "この点での ln N(x | x, σ² I) = −ln(2πσ²) = {spike}。<br>対数尤度 = {ll}"
                     "（成分 {k} を加える前の {K} 成分では {base}、差 {diff}）。",
    "kmeans_readout": "σ = {sigma}: 各点の負担率の最大値 max<sub>k</sub> γ<sub>nk</sub> の平均 = {mean_max}、"
                      "max<sub>k</sub> γ<sub>nk</sub> &gt; 0.99 の点の割合 = {share}。"
                      "負担率が最大の成分は、σ によらず最も近い平均の成分である（一致する点の割合 {agree}）。",
})
MESSAGES["en"].update({
    "log_sigma": "log₁₀ σ",
    "spike_weight": "weight φ of the spike",
    "spike_readout": "Component {k} sits on point {i} (x = ({x1}, {x2})) with covariance σ² I, σ = {sigma}, "
                     "and weight {w} (the other weights are scaled by 1 − {w}). "
                     "At that point ln N(x | x, σ² I) = −ln(2πσ²) = {spike}.<br>Log-likelihood = {ll} "
                     "({base} with the {K} components alone, difference {diff}).",
    "kmeans_readout": "σ = {sigma}: mean of each point's largest responsibility max<sub>k</sub> γ<sub>nk</sub> = "
                      "{mean_max}; share of points with max<sub>k</sub> γ<sub>nk</sub> &gt; 0.99 = {share}. "
                      "Whatever σ, the most responsible component is the one with the nearest mean "
                      "(share of points where they agree: {agree}).",
})


def _spike_params(base: GMMParams, point, sigma: float, weight: float) -> GMMParams:
    """base with one more component: weight `weight`, mean `point`, covariance sigma^2 I (the others scaled)."""
    d = base.d
    phi = np.concatenate([(1.0 - weight) * base.phi, [weight]])
    mu = np.vstack([base.mu, np.asarray(point, dtype=float)[None, :]])
    sigma_all = np.concatenate([base.sigma, (sigma**2 * np.eye(d))[None]], axis=0)
    return GMMParams(phi, mu, sigma_all)


class SingularityExplorer(_FigureWidget):
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

    FIGSIZE = (9.6, 4.3)
    LOG_SIGMA_RANGE = (-8.0, 0.5)
    STEP = 0.1

    WEIGHT_RANGE = (0.001, 0.5)

    @_constructor
    def __init__(self, X=None, params=None, index=0, weight=0.01, *, language=None):
        if X is None:
            X = textbook_data()
            params = TEXTBOOK_TRUTH if params is None else params
        X = _check_data_2d(X, "X", "singularity explorer")
        n = X.shape[0]
        if params is not None:
            params = _check_params_2d(params, extra=1)
        index = _check_number(index, "index", 0, n - 1, integer=True, why="a point of X: 0 to n - 1")
        weight = _check_number(weight, "weight", *self.WEIGHT_RANGE)
        if params is None:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ConvergenceWarning)
                params = fit(X, min(3, n), seed=0).params
        super().__init__(language)
        self.X, self.base, self.K = X, params, params.K
        self.base_log_likelihood = e_step(X, params)[1]
        lo, hi = self.LOG_SIGMA_RANGE
        self.grid = np.round(np.arange(lo, hi + self.STEP / 2, self.STEP), 10)
        self.log_sigma = self._slider(ipw.FloatSlider, "log_sigma", 0.0, lo, hi, self.STEP, fmt=".1f")
        self.index = self._slider(ipw.IntSlider, "index", int(index), 0, n - 1, 1, continuous=False)
        self.weight = self._slider(ipw.FloatSlider, "spike_weight", float(weight), 0.001, 0.5, 0.001,
                                   continuous=False, fmt=".3f")
        self.params = self.sigma = self.log_likelihood = self.spike_log_density = None
        self.curve_values = None

        self.fig, (ax, ax_ll) = plot.subplots(1, 2, figsize=self.FIGSIZE, width_ratios=[1.25, 1])
        self.ax, self.ax_ll = ax, ax_ll
        self.view = plot.EMView(ax, X, self.K + 1)
        spike_color = self.view.colors[self.K]
        self.ring = ax.scatter([X[index, 0]], [X[index, 1]], s=3.5 * self.look.mean_size, facecolors="none",
                               edgecolors=[spike_color], linewidths=1.0 * self.look.line_width, zorder=5)
        (self.curve,) = ax_ll.plot(self.grid, np.zeros_like(self.grid), color="0.25",
                                   linewidth=0.8 * self.look.line_width, label="with the spike", zorder=2)
        self.base_line = ax_ll.axhline(self.base_log_likelihood, color=plot.PALETTE[0], linestyle="--",
                                       linewidth=0.8 * self.look.line_width,
                                       label=f"{self.K} components alone", zorder=1)
        (self.marker,) = ax_ll.plot([], [], linestyle="none", marker="o", markersize=5.0 * self.look.line_width,
                                    markerfacecolor=spike_color, markeredgecolor="black",
                                    markeredgewidth=0.6 * self.look.line_width, zorder=3)
        ax_ll.set_xlim(lo - 0.2, hi + 0.2)
        ax_ll.set_xlabel("$\\log_{10} \\sigma$", fontsize=self.look.label_size)
        ax_ll.set_ylabel("Log-likelihood", fontsize=self.look.label_size)
        ax_ll.set_title("Log-likelihood as the spike narrows", fontsize=self.look.title_size)
        ax_ll.grid(True, linewidth=0.5, alpha=0.5)
        ax_ll.set_axisbelow(True)
        ax_ll.legend(loc="upper right", fontsize=self.look.font_size or "small")
        self.renderer = plot.PngRenderer(self.fig, [self.view.points, *self.view.ellipses, self.view.means,
                                                    self.view.title, self.ring, self.marker])

        self._watch(self.log_sigma, self.update)
        self._watch(self.index, self.update_curve)
        self._watch(self.weight, self.update_curve)
        self.children = [ipw.HBox([self.log_sigma, self.index]), self.weight, self.image, self.readout,
                         self.message]
        self._safely(self.update_curve)

    def spike(self, log_sigma: float) -> GMMParams:
        """The K + 1 components with the spike of width 10**log_sigma on the chosen point."""
        return _spike_params(self.base, self.X[self.index.value], 10.0 ** log_sigma, self.weight.value)

    def update_curve(self) -> None:
        """Recompute the log-likelihood curve for the chosen point and weight, then redraw everything."""
        values = np.array([e_step(self.X, self.spike(s))[1] for s in self.grid])
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
        resp, ll = e_step(self.X, params)  # (n, K + 1) and the log-likelihood with the spike
        sigma = 10.0 ** s
        i, k = self.index.value, self.K
        self.params, self.sigma, self.log_likelihood = params, sigma, ll
        self.spike_log_density = float(-np.log(2 * np.pi * sigma**2))  # ln N(x | x, sigma^2 I) in 2-D
        self.view.update(params, resp, title=f"Component {k} on point {i}: $\\sigma$ = {sigma:.2g}")
        self.marker.set_data([s], [ll])
        self._set_readout(self.say("spike_readout", i=i, x1=f"{self.X[i, 0]:.2f}", x2=f"{self.X[i, 1]:.2f}", k=k,
                                   K=self.K, sigma=f"{sigma:.3g}", w=f"{self.weight.value:.3f}",
                                   spike=f"{self.spike_log_density:.2f}", ll=f"{ll:.2f}",
                                   base=f"{self.base_log_likelihood:.2f}",
                                   diff=f"{ll - self.base_log_likelihood:+.2f}"))
        self._render()
        self.clear_message()


def singularity_explorer(X=None, params=None, index=0, weight=0.01, *, language=None) -> SingularityExplorer:
    """Shrink one extra component onto the data point X[index]: a slider for log10 sigma
    (Sigma = sigma^2 I), one for the point and one for its weight. The log-likelihood of the
    mixture grows without bound as sigma -> 0.

    Defaults: the chapter's data with the true parameters as the K = 3 base mixture; with X
    but no params, gmm_teach.fit(X, 3) gives the base.
    """
    return SingularityExplorer(X=X, params=params, index=index, weight=weight, language=language)


class KMeansLimitExplorer(_FigureWidget):
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

    FIGSIZE = (9.6, 4.3)
    LOG_SIGMA_RANGE = (-2.0, 1.0)
    STEP = 0.05
    HARD = 0.99

    @_constructor
    def __init__(self, X=None, mu=None, sigma=1.0, *, language=None):
        X = textbook_data() if X is None else _check_data_2d(X, "X", "k-means limit explorer")
        mu = TEXTBOOK_TRUTH.mu if mu is None else _check_means(mu)
        K = _check_K(mu.shape[0], "the number of means K (rows of mu)")
        lo, hi = self.LOG_SIGMA_RANGE
        sigma = _check_number(sigma, "sigma", 10**lo, 10**hi, why=f"the slider's range, log10 sigma from {lo:g} to {hi:g}")
        super().__init__(language)
        self.X, self.mu, self.K = X, mu, K
        d2 = ((X[:, None, :] - mu[None, :, :]) ** 2).sum(axis=2)  # (n, K) squared distances
        self.nearest = np.argmin(d2, axis=1)  # (n,) the k-means assignment
        self.grid = np.round(np.arange(lo, hi + self.STEP / 2, self.STEP), 10)
        self.log_sigma = self._slider(ipw.FloatSlider, "log_sigma", float(np.round(np.log10(sigma), 2)), lo, hi,
                                      self.STEP, fmt=".2f")
        self.hard = ipw.Checkbox(value=False, indent=False)
        self._describe(self.hard, "hard")
        self.hard.style.description_width = "initial"
        self.params = self.sigma = self.responsibilities = None
        self.mean_max = self.share_hard = self.agreement = None
        summaries = [self._summary(e_step(X, self.shared(s))[0]) for s in self.grid]
        self.curve_values = {"mean_max": np.array([m for m, _ in summaries]),
                             "share_hard": np.array([h for _, h in summaries])}

        self.fig, (ax, ax_c) = plot.subplots(1, 2, figsize=self.FIGSIZE, width_ratios=[1.25, 1])
        self.ax, self.ax_curve = ax, ax_c
        self.view = plot.EMView(ax, X, K)
        lw = 0.8 * self.look.line_width
        ax_c.plot(self.grid, self.curve_values["mean_max"], color=plot.PALETTE[0], linewidth=lw,
                  label="mean of $\\max_k \\gamma_{nk}$")
        ax_c.plot(self.grid, self.curve_values["share_hard"], color=plot.PALETTE[5], linewidth=lw, linestyle="--",
                  label="share with $\\max_k \\gamma_{nk} > 0.99$")
        ax_c.axhline(1.0 / K, color="0.5", linewidth=0.5 * lw, linestyle=":")
        marker = dict(linestyle="none", marker="o", markersize=4.5 * self.look.line_width, markeredgecolor="black",
                      markeredgewidth=0.6 * self.look.line_width, zorder=3)
        (self.marker_mean,) = ax_c.plot([], [], markerfacecolor=plot.PALETTE[0], **marker)
        (self.marker_share,) = ax_c.plot([], [], markerfacecolor=plot.PALETTE[5], **marker)
        ax_c.set_xlim(lo - 0.1, hi + 0.1)
        ax_c.set_ylim(-0.03, 1.05)
        ax_c.set_xlabel("$\\log_{10} \\sigma$", fontsize=self.look.label_size)
        ax_c.set_ylabel("fraction", fontsize=self.look.label_size)
        ax_c.set_title("From soft to hard assignments", fontsize=self.look.title_size)
        ax_c.grid(True, linewidth=0.5, alpha=0.5)
        ax_c.set_axisbelow(True)
        ax_c.legend(loc="center right", fontsize=self.look.font_size or "small")
        self.renderer = plot.PngRenderer(self.fig, [self.view.points, *self.view.ellipses, self.view.means,
                                                    self.view.title, self.marker_mean, self.marker_share])
        self._watch(self.log_sigma, self.update)
        self._watch(self.hard, self.update)
        self.children = [ipw.HBox([self.log_sigma, self.hard]), self.image, self.readout, self.message]
        self._safely(self.update)

    def shared(self, log_sigma: float) -> GMMParams:
        """Equal weights 1/K, the fixed means and Sigma_k = sigma^2 I with sigma = 10**log_sigma."""
        K, sigma = self.K, 10.0 ** log_sigma
        return GMMParams(np.full(K, 1.0 / K), self.mu, np.repeat((sigma**2 * np.eye(2))[None], K, axis=0))

    def _summary(self, resp) -> tuple:
        top = resp.max(axis=1)
        return float(top.mean()), float(np.mean(top > self.HARD))

    def update(self) -> None:
        s = float(self.log_sigma.value)
        params = self.shared(s)
        resp = e_step(self.X, params)[0]  # (n, K), computed in log space: fine for any sigma
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


def kmeans_limit_explorer(X=None, mu=None, sigma=1.0, *, language=None) -> KMeansLimitExplorer:
    """Watch soft assignments turn hard: EM's responsibilities with equal weights and a shared
    covariance sigma^2 I for fixed means mu (K, 2), with a slider for log10 sigma. As sigma -> 0
    they become the nearest-mean assignments of k-means.

    Defaults: the chapter's data and the true means.
    """
    return KMeansLimitExplorer(X=X, mu=mu, sigma=sigma, language=language)


__all__ += ["SingularityExplorer", "KMeansLimitExplorer", "singularity_explorer", "kmeans_limit_explorer"]


# --- choosing K -----------------------------------------------------------------------------------
# (chapter 09) The fit for one K beside the BIC, AIC and held-out log-likelihood curves against K.

from .em import COVARIANCE_TYPES as _COVARIANCE_TYPES, log_likelihood as _log_likelihood  # noqa: E402
from .model_selection import aic as _aic, bic as _bic, n_parameters as _n_parameters  # noqa: E402

MESSAGES["ja"].update({
    "kexp_readout": "<b>K = {K}</b>: パラメータ数 p = {p}。学習用データ（n = {n}）での BIC = {bic}、AIC = {aic}、"
                    "1 点あたりの対数尤度 = {train}。テスト用データ（n = {n_test}）での 1 点あたりの対数尤度 = {test}。",
    "kexp_best": "BIC が最小になるのは K = {bic_K}、AIC が最小になるのは K = {aic_K}、"
                 "テスト用データの対数尤度が最大になるのは K = {test_K} である。",
    "kexp_not_converged": "注: K = {K} の推定は {n_iter} 回の反復で打ち切られ、収束していない。"
                          "図と曲線の値は打ち切った時点のものである。",
})
MESSAGES["en"].update({
    "kexp_readout": "<b>K = {K}</b>: p = {p} parameters. On the training data (n = {n}): BIC = {bic}, "
                    "AIC = {aic}, log-likelihood per point = {train}. On the test data (n = {n_test}): "
                    "log-likelihood per point = {test}.",
    "kexp_best": "BIC is smallest at K = {bic_K}, AIC at K = {aic_K}; the test log-likelihood is largest at "
                 "K = {test_K}.",
    "kexp_not_converged": "Note: the fit for K = {K} stopped after {n_iter} iterations without converging; "
                          "the picture and the curves show it as it was then.",
})


def _fit_best_of(X, K: int, seeds, settings: dict) -> EMResult:
    """The run with the highest log-likelihood among several k-means++ starts (collapsed starts skipped)."""
    runs = []
    for s in seeds:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)  # EMResult.converged records it
            try:
                runs.append(fit(X, K, init="kmeans++", seed=s, **settings))
            except ComponentCollapseError:
                continue
    if not runs:
        raise ValueError(f"every one of the {len(seeds)} starts collapsed for K = {K}; use a larger reg_covar "
                         f"or leave K = {K} out of K_values.")
    return max(runs, key=lambda r: r.log_likelihoods[-1])


def _marginal(params: GMMParams, features) -> GMMParams:
    """The mixture of two features: the means and the 2 x 2 blocks of the covariances (exact marginals)."""
    f = list(features)
    return GMMParams(params.phi, params.mu[:, f], params.sigma[:, f][:, :, f])


class KExplorer(_FigureWidget):
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

    @_constructor
    def __init__(self, X, X_test, results=None, *, K=None, K_values=range(1, 7), covariance_type=None, n_init=3,
                 seed=0, tol=1e-2, max_iter=1000, reg_covar=1e-6, features=(0, 1), language=None):
        X, X_test = check_data(X), check_data(X_test, "X_test")
        n, d = X.shape
        if X_test.shape[1] != d:
            raise ValueError(f"X_test must have the d = {d} features of X; received shape {X_test.shape}.")
        if d < 2:
            raise ValueError(f"the K explorer draws two features; X has d = {d}.")
        features = self._check_features(features, d)
        if covariance_type is not None and covariance_type not in _COVARIANCE_TYPES:
            raise ValueError(f"covariance_type must be one of {_COVARIANCE_TYPES} or None; received "
                             f"{describe(covariance_type)}.")
        n_init = _check_number(n_init, "n_init", 1, integer=True, why="")
        seed = _check_number(seed, "seed", 0, integer=True, why="")
        tol = _check_number(tol, "tol", 0.0, why="")
        max_iter = _check_number(max_iter, "max_iter", 1, integer=True, why="")
        reg_covar = _check_number(reg_covar, "reg_covar", 0.0, why="")
        if results is None:
            K_values = self._check_K_values(K_values, n)
        if K is not None:
            K = _check_K(K)
        super().__init__(language)
        self.X, self.X_test, self.features = X, X_test, features
        self.results = self._collect(results, K_values, n_init, seed,
                                     dict(tol=tol, max_iter=max_iter, reg_covar=reg_covar,
                                          covariance_type=covariance_type or "full"), covariance_type)
        self.K_values = sorted(self.results)
        types = {r.covariance_type for r in self.results.values()}
        self.covariance_type = types.pop() if len(types) == 1 else None  # None: the results mix types
        Ks = np.array(self.K_values)
        fits = [self.results[K] for K in Ks]  # BIC and AIC count each result's parameters by its own type
        self.curves = {
            "n_parameters": np.array([_n_parameters(r.params.K, d, r.covariance_type) for r in fits]),
            "bic": np.array([_bic(X, r) for r in fits]),
            "aic": np.array([_aic(X, r) for r in fits]),
            "train": np.array([_log_likelihood(X, r.params) / len(X) for r in fits]),
            "test": np.array([_log_likelihood(X_test, r.params) / len(X_test) for r in fits]),
        }
        self.best = {"bic": int(Ks[np.argmin(self.curves["bic"])]), "aic": int(Ks[np.argmin(self.curves["aic"])]),
                     "test": int(Ks[np.argmax(self.curves["test"])])}
        K = self.best["bic"] if K is None else K
        if K not in self.results:
            raise ValueError(f"K must be one of the fitted K_values {self.K_values}; received {K!r}.")
        self.state = {}

        self.k = ipw.SelectionSlider(options=[(str(j), j) for j in self.K_values], value=K, continuous_update=True,
                                     layout=ipw.Layout(width=self.look.control_width))
        self._describe(self.k, "K")
        self._draw()
        self._watch(self.k, lambda: self.show(self.k.value))
        self.children = [self.k, self.image, self.readout, self.message]
        self._safely(self.show, K)

    @staticmethod
    def _check_features(features, d: int) -> tuple:
        allowed = f"two different feature indices from 0 to {d - 1}"
        if isinstance(features, (str, bytes)) or not hasattr(features, "__len__") or len(features) != 2:
            raise ValueError(f"features must be {allowed}; received {describe(features)}.")
        features = tuple(_check_number(f, "each of features", 0, d - 1, integer=True, why=f"X has d = {d} features")
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
        values = sorted({_check_number(K, "every K in K_values", 1, high, integer=True, why=why) for K in K_values})
        if not values:
            raise ValueError(f"K_values must hold at least one integer from 1 to {high}; received {describe(K_values)}.")
        return values

    def _collect(self, results, K_values, n_init, seed, settings, covariance_type) -> dict:
        """results as {K: EMResult}, checked against X; fitted here when None."""
        if results is None:
            seeds = range(seed, seed + n_init)
            return {K: _fit_best_of(self.X, K, seeds, settings) for K in K_values}
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

    def _draw(self) -> None:
        """The figure, once: every K's ellipses and means are drawn now and shown one K at a time."""
        look = self.look
        Ks = np.array(self.K_values)
        self.fig, (ax, ax_ic, ax_ho) = plot.subplots(1, 3, figsize=self.FIGSIZE, width_ratios=[1.15, 1, 1])
        self.axes = (ax, ax_ic, ax_ho)
        f0, f1 = self.features
        X2 = self.X[:, list(self.features)]
        self.points = plot.draw_points(ax, X2)
        self.ellipses, self.means = {}, {}
        for K in self.K_values:
            marginal = _marginal(self.results[K].params, self.features)
            self.ellipses[K] = plot.draw_ellipses(ax, marginal, radii=(1, 2))
            self.means[K] = plot.draw_means(ax, marginal)
            for artist in [*self.ellipses[K], self.means[K]]:
                artist.set_visible(False)
        lo, hi = X2.min(axis=0), X2.max(axis=0)
        pad = 0.08 * np.maximum(hi - lo, 1e-9)
        ax.set_xlim(lo[0] - pad[0], hi[0] + pad[0])
        ax.set_ylim(lo[1] - pad[1], hi[1] + pad[1])
        ratio = (hi[1] - lo[1] + 1e-12) / (hi[0] - lo[0] + 1e-12)
        if 1 / 3 <= ratio <= 3:
            ax.set_aspect("equal", adjustable="box")  # equal units keep the ellipses' shapes true
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
            axis.set_axisbelow(True)
            axis.grid(True, linewidth=0.5, alpha=0.5)
            axis.set_xlabel("number of components $K$", fontsize=look.label_size)
            axis.set_ylabel(ylabel, fontsize=look.label_size)
            axis.set_title(title, fontsize=look.title_size)
            axis.legend(fontsize=look.font_size or "small", loc=corner)  # fixed: "best" would move with the markers
        dynamic = [self.points, *[e for K in self.K_values for e in self.ellipses[K]],
                   *[self.means[K] for K in self.K_values], self.title, *[m for m, _ in self.markers], *self.cursors]
        self.renderer = plot.PngRenderer(self.fig, dynamic)

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


def k_explorer(X, X_test, results=None, *, K=None, K_values=range(1, 7), covariance_type=None, n_init=3, seed=0,
               tol=1e-2, max_iter=1000, reg_covar=1e-6, features=(0, 1), language=None) -> KExplorer:
    """Choose K with a slider: the fit for K (training points, ellipses, means) beside the BIC, AIC
    (on X, lower is better) and average log-likelihood per point (on X and X_test, higher is better)
    curves against K, with a marker at the chosen K.

    results: EMResults fitted to X, one per K (a list or a dict K -> EMResult); BIC and AIC count
    each result's parameters by its own covariance_type (as gmm_teach.bic(X, result) does). When
    None, each K in K_values is fitted here, the best of n_init k-means++ starts (seeds seed,
    seed + 1, ...) with tol, max_iter, reg_covar and covariance_type (default "full"). For d > 2 the
    picture shows the two features `features` (the marginal mixture). Starts at K (default: BIC's best).
    """
    return KExplorer(X, X_test, results, K=K, K_values=K_values, covariance_type=covariance_type, n_init=n_init,
                     seed=seed, tol=tol, max_iter=max_iter, reg_covar=reg_covar, features=features,
                     language=language)


__all__ += ["KExplorer", "k_explorer"]
