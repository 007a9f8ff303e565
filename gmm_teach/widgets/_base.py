"""The base of every learner widget, and the pieces the widgets share.

Every widget is built the same way (as ipywidgets builds its own, e.g. widget_int.py)::

    class SomeExplorer(FigureWidget):
        FIGSIZE = (5.0, 4.8)                      # the picture's size in inches

        def __init__(self, a=1.0, *, language=None):
            a = check_number(a, "a", 0.0, 5.0)    # 1. check every argument: nothing is made yet
            super().__init__(language)            # 2. the VBox, its language, readout and message
            self.a = a                            # 3. the widget's state
            self._build()                         # 4. _controls(), _figure(), children, first update()

        def _controls(self) -> list: ...          # make and watch the controls; the rows above the picture
        def _figure(self) -> None: ...            # make the figure once: self.fig, artists, self.renderer
        def update(self) -> None: ...             # read the controls, move the artists, self._render()

A setting the learner can fix is raised in update() as ``Problem("message_key", **values)`` and shown
in ``widget.message`` (never a traceback); the widget stays usable. Every subclass's ``__init__`` is
wrapped (see LearnerWidget.__init_subclass__): a failure closes what was made so far, and a finished
widget is remembered for the notebook cell that made it, whose next run closes it. ``close()``
closes the widget, its controls and its nested widgets and releases its figure.

This module holds no maths: the numbers come from the core (gmm_teach.em, .gaussian, .params) and
the pictures from gmm_teach.plot.
"""
from __future__ import annotations

import contextlib
import functools
import html
import inspect
import numbers
import weakref

import ipywidgets as ipw
import numpy as np

from .. import plot
from .._validation import as_float_array, check_data, describe
from ..i18n import check_language, say
from ..params import check_params
from . import _compat

MAX_COMPONENTS = len(plot.PALETTE)  # a widget draws at most one colour per component
SEED_MAX = 2**31 - 1  # what a seed box (BoundedIntText) accepts


class Problem(Exception):
    """A setting the learner can fix: shown as the message `key` of the widgets' catalogue (never as a traceback)."""

    def __init__(self, key: str, **values):
        super().__init__(key)
        self.key, self.values = key, values


def short(exc: BaseException, limit: int = 600) -> str:
    """The first line of an exception's message, shortened."""
    text = (str(exc) or type(exc).__name__).strip().splitlines()[0]
    return text if len(text) <= limit else text[: limit - 1] + "…"


def fmt(values, digits: int = 2) -> str:
    """'0.30, 0.40, 0.30': numbers for a readout.

    >>> fmt([0.3, 0.4, 0.3])
    '0.30, 0.40, 0.30'
    """
    return ", ".join(f"{v:.{digits}f}" for v in values)


def png_width(png: bytes) -> int | None:
    """The width in pixels of PNG bytes (from the IHDR header), or None if they are not a PNG.

    >>> import struct
    >>> png_width(b"\\x89PNG\\r\\n\\x1a\\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">II", 768, 344))
    768
    """
    if len(png) < 24 or png[:8] != b"\x89PNG\r\n\x1a\n" or png[12:16] != b"IHDR":
        return None
    return int.from_bytes(png[16:20], "big")


# --- argument checks of the widget constructors ---------------------------------------------------
# A value outside a slider's range would be clamped by the slider without a word, so every
# constructor refuses it, naming the argument, the range and what it received.

def check_number(value, name: str, low=None, high=None, *, integer=False, why="the slider's range",
                 open_ends=False):
    """value as int (integer=True) or float if it is a finite real number (not a bool) within [low, high].

    open_ends: the range is the open interval (low, high). why: where the range comes from (for the message).

    >>> check_number(3, "K", 1, 10, integer=True)
    3
    >>> check_number(0, "K", 1, 10, integer=True, why="the colours")
    Traceback (most recent call last):
    ...
    ValueError: K must be an integer from 1 to 10 (the colours); received 0.
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


def check_K(K, name: str = "K") -> int:
    """A number of components the widgets can colour: 1 to MAX_COMPONENTS."""
    return check_number(K, name, 1, MAX_COMPONENTS, integer=True, why="the colours gmm_teach has")


def check_seed(seed, name: str = "seed") -> int:
    """A seed the seed box accepts: 0 to SEED_MAX."""
    return check_number(seed, name, 0, SEED_MAX, integer=True, why="what the seed box accepts")


def check_point(point, name: str, low: float, high: float) -> np.ndarray:
    """A point (x1, x2): two finite numbers (not bools), each from low to high (the sliders' range)."""
    if isinstance(point, (str, bytes, dict)) or not hasattr(point, "__len__") or len(point) != 2:
        raise TypeError(f"{name} must be a pair of numbers (x1, x2), each from {low:g} to {high:g}; "
                        f"received {describe(point)}.")
    return np.array([check_number(v, f"{name}[{i}]", low, high, why="the slider's range")
                     for i, v in enumerate(point)])


def check_params_2d(params, name: str = "params", extra: int = 0):
    """A 2-D GMMParams with at most MAX_COMPONENTS - extra components."""
    params = check_params(params, name)
    if params.d != 2:
        raise ValueError(f"{name} must be a 2-D mixture (mu of shape (K, 2)); received d = {params.d}.")
    if params.K + extra > MAX_COMPONENTS:
        raise ValueError(f"{name} may have at most {MAX_COMPONENTS - extra} components here (the widget draws up "
                         f"to {MAX_COMPONENTS}); received K = {params.K}.")
    return params


def check_data_2d(X, name: str, widget: str) -> np.ndarray:
    """Data of shape (n, 2) (the widgets draw the plane)."""
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


def check_means(mu, name: str = "mu") -> np.ndarray:
    """Means of shape (K, 2): finite numbers (not bools)."""
    if _has_bool(mu):
        raise TypeError(f"{name} must be numbers of shape (K, 2), not bools; received {describe(mu)}.")
    mu = as_float_array(mu, name)
    if mu.ndim != 2 or mu.shape[1] != 2 or mu.shape[0] < 1:
        raise ValueError(f"{name} must have shape (K, 2), one row per mean; received shape {mu.shape}.")
    if not np.all(np.isfinite(mu)):
        raise ValueError(f"{name} must contain only finite numbers (no NaN or inf); received {mu.tolist()}.")
    return mu


# --- closing ---------------------------------------------------------------------------------------

def close_widgets(value, owner, depth: int = 0) -> None:
    """Close every ipywidget in value (a widget, or a list / tuple / dict of them), its children,
    layout and style, and drop its callbacks; a learner widget closes itself (its figure too)."""
    if depth > 8:
        return
    if isinstance(value, ipw.Widget):
        if value is owner:
            return
        if isinstance(value, LearnerWidget):
            value.close()
            return
        if value.comm is None:
            return  # already closed (or never opened)
        for child in getattr(value, "children", ()) or ():
            close_widgets(child, owner, depth + 1)
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
            close_widgets(v, owner, depth + 1)
    elif isinstance(value, (list, tuple)):
        for v in list(value):
            close_widgets(v, owner, depth + 1)


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
    parent = _compat.parent_message(getattr(get_ipython(), "kernel", None))
    if parent is None:
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


@contextlib.contextmanager
def owned():
    """Widgets made inside belong to the widget being built or used (closed with it, not with a cell)."""
    _building[0] += 1
    try:
        yield
    finally:
        _building[0] -= 1


def _constructor(init):
    """Wrap a learner widget's __init__: a failure closes what was made so far (no half-built widget
    stays alive in ipywidgets' registry), and a finished top-level widget is remembered for its cell."""

    @functools.wraps(init)
    def wrapper(self, *args, **kwargs):
        try:
            with owned():
                init(self, *args, **kwargs)
        except BaseException:
            if self.__dict__.get("_trait_values", {}).get("comm") is not None:
                self.close()
            raise
        if _building[0] == 0:
            _remember_cell(self)

    return wrapper


# --- the base classes ----------------------------------------------------------------------------------

class LearnerWidget(ipw.VBox):
    """A VBox with a language, a readout and a message area, whose callbacks never raise."""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "__init__" in cls.__dict__:  # every widget's constructor: cleaned up on failure, known to its cell
            cls.__init__ = _constructor(cls.__dict__["__init__"])

    def __init__(self, language=None, **kwargs):
        language = check_language(language)  # before the VBox exists: nothing to clean up
        super().__init__(**kwargs)
        self._own_from = frozenset(self.__dict__)  # attributes after this point are the widget's own state
        self.language = language
        self.look = plot.current_style()  # sizes fixed at creation (lecture_mode or not)
        self.readout = ipw.HTML()
        self.message = ipw.HTML()

    def __repr__(self) -> str:
        # The notebook's text/plain beside the widget: short and the same on every run (nbval).
        return f"<gmm_teach {type(self).__name__}>"

    # --- building (the same steps for every widget) ------------------------------------------------
    def _build(self) -> None:
        """Make the controls and the figure, lay them out and draw the first picture."""
        self._rows = self._controls()  # kept: a failure in _figure() must close them too
        self._figure()
        self.children = self._layout(self._rows)
        self._start()

    def _layout(self, rows: list) -> list:
        """The children, top to bottom: the controls' rows, the picture, the readout and the message."""
        return [*rows, *self._picture(), self.readout, self.message]

    def _controls(self) -> list:
        """Make (and watch) the controls; return the rows shown above the picture."""
        return []

    def _figure(self) -> None:
        """Make the figure once (a widget without a figure of its own does nothing here)."""

    def _picture(self) -> list:
        """What is shown between the controls and the readout."""
        return []

    def _start(self) -> None:
        """The first picture: update(), safely."""
        self._safely(self.update)

    def update(self) -> None:
        """Read the controls and redraw; raise Problem for a setting the learner can fix."""
        raise NotImplementedError

    # --- closing ---------------------------------------------------------------------------------------
    def close(self) -> None:
        """Close this widget and every widget it made (controls, layouts, nested widgets), drop its
        callbacks and release its figure. ipywidgets keeps every open widget alive; a closed one is
        freed as soon as nothing else refers to it. Safe to call twice (and on a half-built widget)."""
        if self.__dict__.get("_closed"):
            return
        self.__dict__["_closed"] = True
        for value in list(self.__dict__.values()):
            close_widgets(value, self)
        for control in getattr(self, "children", ()):
            close_widgets(control, self)
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

    # --- words -----------------------------------------------------------------------------------------
    def say(self, key: str, **values) -> str:
        """The message `key` of gmm_teach/messages/widgets.py in this widget's language (fixed when it was made)."""
        return say(f"widgets.{key}", self.language, **values)

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

    # --- safe callbacks --------------------------------------------------------------------------------
    def _safely(self, action, *args) -> bool:
        """Run action(*args); a problem becomes a message, never a traceback. True if it worked."""
        try:
            action(*args)
        except Problem as problem:
            self.show_error(self.say(problem.key, **problem.values))
            return False
        except Exception as exc:  # anything else: short, in the learner's language
            self.show_error(self.say("unexpected", error=short(exc)))
            return False
        return True

    def _watch(self, control, action) -> None:
        """Call action() (safely) whenever control's value changes."""
        control.observe(lambda change: self._safely(action), names="value")

    # --- controls in the current style -----------------------------------------------------------------
    def _describe(self, control, key: str) -> None:
        text = self.say(key)
        if self.look.control_font:
            markup = f'<span style="font-size: {self.look.control_font}">{html.escape(text)}</span>'
            _compat.html_description(control, markup, text)
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

    def _int_box(self, key: str, value: int, low: int, high: int):
        """A box for a whole number (a seed, max_iter)."""
        box = ipw.BoundedIntText(value=value, min=low, max=high, layout=ipw.Layout(width="260px"))
        self._describe(box, key)
        return box

    def _dropdown(self, key: str, options, value):
        dropdown = ipw.Dropdown(options=options, value=value, layout=ipw.Layout(width="300px"))
        self._describe(dropdown, key)
        return dropdown

    def _button(self, key: str, **kwargs):
        button = ipw.Button(description=self.say(key), **kwargs)
        if self.look.control_font:
            _compat.set_font_size(button.style, self.look.control_font)  # ipywidgets 7: the default size
            button.layout.height = "auto"
        return button

    def _tab(self, pages: list, titles: list):
        """A Tab of pages with their titles (ipywidgets 7 has set_title, not the titles argument)."""
        tab = ipw.Tab(children=pages)
        _compat.set_titles(tab, titles)
        return tab

    def _hard_checkbox(self):
        """The "hard assignment" checkbox (colour of the most responsible component), unticked."""
        box = ipw.Checkbox(value=False, indent=False)
        self._describe(box, "hard")
        box.style.description_width = "initial"
        return box


class FigureWidget(LearnerWidget):
    """A learner widget with one figure, shown as PNG in self.image and redrawn in place."""

    FIGSIZE = (9.6, 4.3)  # inches; this default is the two-panel picture (data beside a curve)

    def __init__(self, language=None, **kwargs):
        super().__init__(language, **kwargs)
        # At most the picture's own pixel width (max_width, set by _render): a VBox stretches its children
        # to the page (Voilà, static pages), which would scale the PNG up and make it soft.
        self.image = ipw.Image(format="png", layout=ipw.Layout(height="auto", object_fit="contain"))
        self.fig = None
        self.renderer = None

    def _picture(self) -> list:
        return [self.image]

    def _subplots(self, *args, **kwargs):
        """plot.subplots with this widget's FIGSIZE."""
        return plot.subplots(*args, figsize=self.FIGSIZE, **kwargs)

    def _render(self) -> None:
        """Put the figure, as it is now, into the Image widget."""
        png = self.renderer.render()
        width = png_width(png)
        if width and self.image.layout.max_width != f"{width}px":
            self.image.layout.max_width = f"{width}px"
        self.image.value = png

    def _plane(self, ax, limits) -> None:
        """The data axes: both from limits[0] to limits[1], equal units (ellipses keep their shape), x1 and x2."""
        ax.set_xlim(*limits)
        ax.set_ylim(*limits)
        ax.set_aspect("equal", adjustable="box")
        ax.set_xlabel("$x_1$", fontsize=self.look.label_size)
        ax.set_ylabel("$x_2$", fontsize=self.look.label_size)
        ax.set_axisbelow(True)

    def _curve_panel(self, ax, xlabel: str, ylabel: str, title: str, legend: str) -> None:
        """A panel of curves: labels, title, a light grid below the curves, the legend at `legend`."""
        ax.set_xlabel(xlabel, fontsize=self.look.label_size)
        ax.set_ylabel(ylabel, fontsize=self.look.label_size)
        ax.set_title(title, fontsize=self.look.title_size)
        ax.grid(True, linewidth=0.5, alpha=0.5)
        ax.set_axisbelow(True)
        ax.legend(loc=legend, fontsize=self.look.font_size or "small")


def factory(cls, name: str, doc: str):
    """The function a notebook calls (name(...) -> cls(...)), with cls's signature (so help() shows
    every argument) and its own docstring, without repeating the arguments."""

    def make(*args, **kwargs):
        return cls(*args, **kwargs)

    make.__name__ = make.__qualname__ = name
    make.__module__ = cls.__module__
    make.__doc__ = doc
    make.__signature__ = inspect.signature(cls).replace(return_annotation=cls.__name__)
    return make
