"""The machinery every checker shares: the verdict, the case, calling the learner's function
(guarded), comparing its answer with the reference, naming the mistake, and the one message look-up.

A checker (see ``em_steps.check_m_step`` for a typical one) is a function decorated with
``@checker``. It builds a few ``Case``s, calls the learner's function on each with ``call``,
turns the answer into an array with ``as_array`` (or stops with a verdict), and compares it with
gmm_teach's own answer by ``close``. When they differ, ``first_match`` looks for the typical
mistake whose answers match the learner's on every case, and the checker raises ``wrong(...)``
with the hint for that mistake. ``result(...)`` makes the final verdict.

Every word the learner reads comes from ``gmm_teach/messages/checks/`` through ``say``.

The API for writing a checker (issue 12: checkers that cannot be fooled cheaply)
-------------------------------------------------------------------------------

Signature. Every public checker is ``check_<name>(func, *, seed=None)``::

    @checker
    def check_e_step(func, *, seed=None) -> CheckResult:
        rng = fresh_rng(seed)          # None: today's fixed cases; else np.random.default_rng(seed)
        cases = _e_step_cases() if rng is None else _e_step_cases_fresh(rng)
        spec = Spec("e_step", "e_step(X, phi, mu, sigma)", quantity="q_resp",
                    forbidden=(steps.e_step, steps._e_step_kn, steps.log_likelihood, em.fit, ...))
        for case in cases:
            got = as_array(spec, case, call(spec, func, case), ...)
            ...

``fresh_rng(seed)`` validates ``seed`` (None or an int >= 0; a bool, a float, a str or a negative
number is a TypeError / ValueError naming ``seed``, raised to the caller, not a verdict) and
returns None (use exactly the fixed cases the notebooks' stored outputs show) or a fresh
``np.random.default_rng(seed)`` to draw hidden cases from: other n, d, K and values, with the
special cases the checker needs (a far point, a large value, ...) at random places. The case
descriptions ("n = 7, K = 3, d = 2") are made from the drawn sizes.

The guard. ``Spec.forbidden`` is a tuple of functions (the reference implementation of the
quantity checked AND every private kernel that computes it, so that ``from gmm_teach.steps import
_e_step_kn`` does not escape; wrappers made with functools.wraps are unwrapped). ``call`` runs the
learner's function under a ``sys.setprofile`` hook (also ``threading.setprofile`` for threads
started meanwhile; both restored afterwards, also when the function raises) that records the first
Python call whose code object is one of the forbidden functions' code, or whose code comes from the
instructor's worked solutions (a file under ``instructor/solutions/`` or ``instructor/model_answers/``,
or the module ``gmm_teach.solutions``: forbidden in every checker, even with ``forbidden=()``). Code
compiled under a pseudo file name ("<...>": a notebook cell, tools/build_notebooks.solution_namespace)
is the learner's own. A function that switches the hook off (sys.setprofile, threading.setprofile)
is not passed either.
After the function returns (or raises), a hit becomes the verdict ``wrong``: "check_<name>: your
function calls gmm_teach's own e_step (gt.e_step), so it does not compute the <quantity> itself"
with a hint naming the reference (the first function in ``forbidden``). ``Spec.quantity`` is the
catalogue key of what the learner computes ("q_resp"; "" says "the answer"). Forbid only what
computes the checked quantity: helpers a learner may use (GMMParams, gt.log_pdf in the E-step,
gt.textbook_data, numpy, ...) must not reach a forbidden function either, or using them fails.
The hook runs only while the learner's function runs; it costs about a microsecond per Python call
made inside it. ``guard_hits(spec, func, *args)`` runs a function under the guard and returns the
description of the hit (or None), for tests.
"""
from __future__ import annotations

import functools
import html
import inspect
import numbers
import os
import sys
import threading
import warnings
from dataclasses import dataclass

import numpy as np

from .. import i18n

RTOL = 1e-5  # relative tolerance: loose enough for inv/det vs Cholesky, tight enough for every mistake
ATOL = 1e-9  # absolute tolerance (densities, responsibilities and log values are all O(1e-4) or more)

SYMBOLS = {"correct": "✓", "almost": "△", "wrong": "✗"}
COLOURS = {"correct": ("#1b5e20", "#e8f5e9"), "almost": ("#e65100", "#fff3e0"), "wrong": ("#b71c1c", "#ffebee")}


def say(key: str, language: str | None = None, **values) -> str:
    """The message `key` of the checkers' catalogue (gmm_teach/messages/checks.py), filled with `values`."""
    return i18n.say("checks." + key, language=language, **values)


# --- the verdict -----------------------------------------------------------------------------------

@dataclass(frozen=True, repr=False)
class CheckResult:
    """The verdict of a checker.

    passed   True only when every case agrees with the reference
    status   "correct", "almost" (ordinary cases right, the numerically hard case wrong) or "wrong"
    message  what happened, in the language that was current when the checker ran
    hint     what to look at ("" when passed)
    name     what was checked, e.g. "e_step"
    language "ja" or "en"

    Jupyter shows it as a coloured box; its text form is deterministic (no addresses, numbers
    rounded), so notebooks that show it can be tested by nbval.

    >>> CheckResult(True, "correct", "Correct.", "", "pdf", "en")
    ✓ Correct.
    >>> print(CheckResult(False, "wrong", "Not correct.", "Look at φ.", "pdf", "en"))
    ✗ Not correct.
    Hint: Look at φ.
    """

    passed: bool
    status: str
    message: str
    hint: str
    name: str
    language: str

    def __bool__(self):
        return self.passed

    def __str__(self):
        text = f"{SYMBOLS[self.status]} {self.message}"
        if self.hint:
            text += "\n" + say("hint_label", language=self.language) + self.hint
        return text

    __repr__ = __str__

    def _repr_html_(self):
        fg, bg = COLOURS[self.status]
        body = (f'<span style="color:{fg};font-weight:bold;font-size:1.15em">{SYMBOLS[self.status]}</span> '
                f"{html.escape(self.message)}")
        if self.hint:
            hint = html.escape(self.hint).replace("\n", "<br>")
            label = html.escape(say("hint_label", language=self.language).strip())
            body += f'<div style="margin-top:4px"><b>{label}</b> {hint}</div>'
        return (f'<div style="border-left:6px solid {fg};background:{bg};color:#212121;'
                f'padding:8px 12px;margin:4px 0;line-height:1.5">{body}</div>')


class Verdict(Exception):
    """Raised inside a checker to stop at the first problem with its result."""

    def __init__(self, result: CheckResult):
        super().__init__(result.message)
        self.result = result


def checker(body):
    """Make a public checker: numpy kept quiet (the mistakes tried out may divide by 0), a verdict returned."""
    @functools.wraps(body)
    def check(*args, **kwargs) -> CheckResult:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            try:
                return body(*args, **kwargs)
            except Verdict as verdict:
                return verdict.result
    return check


def result(name: str, status: str, message: str, hint: str = "") -> CheckResult:
    """A verdict in the current language."""
    return CheckResult(passed=status == "correct", status=status, message=message, hint=hint, name=name,
                       language=i18n.get_language())


def wrong(name: str, message: str, hint: str = "") -> Verdict:
    """The "not correct" verdict, to raise: ``raise wrong(name, message, hint)``."""
    return Verdict(result(name, "wrong", join(say("wrong"), message), hint))


def almost(name: str, message: str, hint: str) -> CheckResult:
    """The "almost" verdict: the ordinary cases are right, the numerically hard one is not."""
    return result(name, "almost", join(say("almost"), message), hint)


def correct(name: str, func, count: int, *more: str) -> CheckResult:
    """The "correct" verdict naming the learner's function, with any further sentences."""
    return result(name, "correct", join(say("correct", name=func_name(func, name), count=count), *more))


def join(*sentences: str) -> str:
    """Sentences one after another (as the catalogue's "then" joins two), skipping empty ones."""
    text = ""
    for sentence in sentences:
        if sentence:
            text = say("then", first=text, second=sentence) if text else sentence
    return text


def func_name(func, default: str) -> str:
    """The name the learner gave the function (em_fast, my_e_step, ...), for the verdict; default for a lambda."""
    name = getattr(func, "__name__", "")
    return name if isinstance(name, str) and name.isidentifier() else default


# --- numbers and shapes in words ---------------------------------------------------------------------

def num(x: float) -> str:
    """A number rounded to 4 significant digits, without '-0'.

    >>> num(3.14159), num(-0.00001), num(float("inf"))
    ('3.142', '-1e-05', 'inf')
    """
    if np.isnan(x):
        return "nan"
    if np.isinf(x):
        return "inf" if x > 0 else "-inf"
    text = f"{x:.4g}"
    return "0" if text in ("-0", "0") else text


def num_pair(expected: float, got: float) -> tuple[str, str]:
    """Two numbers as ``num`` writes them, but told apart: more digits while they read the same, and the
    same number of decimals when one lost its trailing zeros (0.7877 against 0.7880, not 0.788).

    >>> num_pair(0.78771, 0.788), num_pair(0.123451, 0.123459), num_pair(3.0, 2.0)
    (('0.7877', '0.7880'), ('0.12345', '0.12346'), ('3', '2'))
    """
    a, b = num(expected), num(got)
    digits = 4
    while a == b and expected != got and digits < 17 and np.isfinite(expected) and np.isfinite(got):
        digits += 1
        a, b = (f"{x:.{digits}g}" for x in (expected, got))
    if all(t.replace("-", "").replace(".", "").isdigit() for t in (a, b)) and ("." in a or "." in b):
        places = max(len(t.partition(".")[2]) for t in (a, b))  # plain decimals only: not 1e-05, inf, nan
        a, b = (t.partition(".")[0] + "." + t.partition(".")[2].ljust(places, "0") for t in (a, b))
    return a, b


def shape_text(shape) -> str:
    """(3,) and (2, 3) as Python writes them."""
    return "(" + ", ".join(str(s) for s in shape) + ("," if len(shape) == 1 else "") + ")"


def index_text(index) -> str:
    return "[" + ", ".join(str(i) for i in index) + "]"


def point_text(point) -> str:
    return "(" + ", ".join(num(v) for v in point) + ")"


def describe(value) -> str:
    """'an array of shape (10,)' for an array, else the type's name ('None', 'tuple'), for messages."""
    if isinstance(value, np.ndarray):
        return say("array_of_shape", shape=shape_text(value.shape))
    return type(value).__name__


# --- the cases and calling the learner's function ---------------------------------------------------------

@dataclass
class Case:
    """One call of the learner's function."""

    number: int  # 1-based, as the learner reads it
    desc: str  # "n = 10, K = 3, d = 2"
    args: tuple  # what the learner's function receives (copied at every call)

    @property
    def text(self) -> str:
        return say("case", i=self.number, desc=self.desc)


@dataclass(frozen=True)
class Spec:
    """How a checker calls the learner's function, for the verdict and the hints, and what it may not call."""

    name: str  # "e_step"
    call: str  # "e_step(X, phi, mu, sigma)"
    arguments: str = ""  # the catalogue's args_<arguments> describes them; "" means args_<name>
    forbidden: tuple = ()  # functions the learner's function must not run (the reference first)
    quantity: str = ""  # catalogue key of what the learner computes ("q_resp"), for the guard's verdict

    @property
    def arguments_text(self) -> str:
        """'X の形は (n, d)、phi は (K,)、...' / 'X of shape (n, d), phi (K,), ...'."""
        return say("args_" + (self.arguments or self.name))


def _copy(value):
    if isinstance(value, np.ndarray):
        return np.array(value, copy=True)
    return list(value) if isinstance(value, list) else value


def call(spec: Spec, func, case: Case, on_error=None):
    """func(*case.args) on fresh copies (warnings are off in every checker), under the guard; an
    exception becomes a verdict, and so does a call of a forbidden function (see the module's docstring).

    on_error(exc), if given, may raise a more specific verdict for the exception first.
    """
    if not callable(func):
        raise wrong(spec.name, say("not_callable", type=type(func).__name__), say("hint_not_callable", name=spec.name))
    args = tuple(_copy(a) for a in case.args)
    guard = _Guard(forbidden_codes(spec.forbidden))
    try:
        with guard:
            value = func(*args)
    except Exception as exc:  # report it in one line, as a learner can act on it; no traceback
        if guard.hit is not None:
            raise guard_verdict(spec, guard.hit) from None
        if on_error is not None:
            on_error(exc)
        raise verdict_for_exception(spec, case, exc) from None
    if guard.hit is not None:
        raise guard_verdict(spec, guard.hit)
    return value


# --- the guard: the learner's function must not call the reference or the worked solutions ----------------

_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # .../gmm_teach
_SOLUTION_MODULES = ("gmm_teach.solutions",)
_SOLUTION_DIRS = ("solutions", "model_answers")  # instructor/solutions/..., instructor/model_answers/...
_solution_files: dict = {}  # co_filename -> the path shown to the learner, or "" (not a worked solution)


def _solution_file(filename: str) -> str:
    """'instructor/solutions/ch04.py' or 'gmm_teach/solutions.py' if filename holds worked solutions, else ''."""
    try:
        return _solution_files[filename]
    except KeyError:
        pass
    shown = ""
    if filename and not filename.startswith("<"):
        path = os.path.normcase(os.path.abspath(filename))
        parts = path.replace("\\", "/").split("/")
        for i in range(len(parts) - 1):
            if parts[i] == "instructor" and parts[i + 1] in _SOLUTION_DIRS:
                shown = "/".join(parts[i:])
                break
        if not shown and path == os.path.normcase(os.path.join(_PACKAGE_DIR, "solutions.py")):
            shown = "gmm_teach/solutions.py"
    _solution_files[filename] = shown
    return shown


def _code_of(fn):
    """The code object a function runs (functools.wraps and methods unwrapped), or None."""
    fn = inspect.unwrap(getattr(fn, "__func__", fn))
    return getattr(fn, "__code__", None)


@functools.lru_cache(maxsize=None)
def forbidden_codes(forbidden: tuple) -> dict:
    """{code object: function} for the functions in Spec.forbidden."""
    codes = {}
    for fn in forbidden:
        code = _code_of(fn)
        if code is None:
            raise TypeError(f"Spec.forbidden holds {fn!r}, which is not a Python function")
        codes.setdefault(code, inspect.unwrap(getattr(fn, "__func__", fn)))
    return codes


@dataclass(frozen=True)
class Hit:
    """A forbidden call: the function's name, where it lives as the learner would write it, and whether
    it is a worked solution (then `where` is its file)."""

    name: str  # "e_step"
    where: str  # "gt.e_step", "gmm_teach.steps._e_step_kn", or "instructor/solutions/04_m_step.py"
    solution: bool
    tampered: bool = False  # the learner's function called sys.setprofile / threading.setprofile itself


def public_name(fn) -> str:
    """How a learner reaches fn: 'gt.e_step' if gmm_teach exports it, 'gt.textbook.em_gmm', else its module path."""
    import gmm_teach

    name, module = fn.__name__, getattr(fn, "__module__", "") or ""
    if getattr(gmm_teach, name, None) is fn:
        return "gt." + name
    if module.startswith("gmm_teach.") and module.count(".") == 1 and not name.startswith("_"):
        submodule = module.split(".")[1]
        if submodule in getattr(gmm_teach, "_SUBMODULES", ()):
            return f"gt.{submodule}.{name}"
    return f"{module}.{fn.__qualname__}" if module else fn.__qualname__


_SETPROFILE = sys.setprofile
_THREADING_SETPROFILE = threading.setprofile.__code__


class _Guard:
    """The profile hook: records the first call of a forbidden code object or of worked-solution code."""

    def __init__(self, codes: dict):
        self.codes = codes
        self.hit = None
        self._closing = False

    def __call__(self, frame, event, arg):
        if event != "call":
            if event == "c_call" and arg is _SETPROFILE and not self._closing and self.hit is None:
                self.hit = Hit("setprofile", "sys.setprofile", False, tampered=True)  # switching the guard off
            return
        if self.hit is not None:
            return
        code = frame.f_code
        if code is _THREADING_SETPROFILE:
            self.hit = Hit("setprofile", "threading.setprofile", False, tampered=True)
            return
        fn = self.codes.get(code)
        if fn is not None:
            self.hit = Hit(fn.__name__, public_name(fn), False)
            return
        shown = _solution_file(code.co_filename)
        if not shown and frame.f_globals.get("__name__") in _SOLUTION_MODULES:
            shown = "gmm_teach/solutions.py"
        if shown:
            self.hit = Hit(code.co_name, shown, True)

    def __enter__(self):
        self._previous = sys.getprofile(), threading.getprofile()
        threading.setprofile(self)  # threads the learner starts meanwhile
        sys.setprofile(self)
        return self

    def __exit__(self, *exc):
        self._closing = True
        if sys.getprofile() is not self and self.hit is None:  # replaced from C, or by a Python profiler
            self.hit = Hit("setprofile", "sys.setprofile", False, tampered=True)
        previous, previous_threading = self._previous
        if previous is None or callable(previous):
            sys.setprofile(previous)
        else:  # a profiler installed from C (cProfile, %prun): sys.getprofile() gives its object, which re-installs itself
            sys.setprofile(None)
            enable = getattr(previous, "enable", None)
            if enable is not None:
                enable()
        threading.setprofile(previous_threading)
        return False


def guard_hits(spec: Spec, func, *args):
    """Run func(*args) under spec's guard; the Hit (or None). Exceptions of func propagate. For tests."""
    guard = _Guard(forbidden_codes(spec.forbidden))
    with guard:
        func(*args)
    return guard.hit


def guard_verdict(spec: Spec, hit: Hit) -> Verdict:
    """The verdict for a learner's function that called the reference (or a worked solution)."""
    checker_name = "check_" + spec.name
    quantity = say(spec.quantity or "q_answer")
    if hit.tampered:
        return wrong(spec.name, say("guard_tampered", checker=checker_name, function=hit.where, quantity=quantity),
                     say("hint_guard_tampered", function=hit.where))
    if hit.solution:
        return wrong(spec.name, say("guard_solution", checker=checker_name, function=hit.name, file=hit.where,
                                    quantity=quantity),
                     say("hint_guard_solution", quantity=quantity))
    reference = public_name(inspect.unwrap(getattr(spec.forbidden[0], "__func__", spec.forbidden[0])))
    own_hint = "hint_guard_" + spec.name  # what to do instead, where the generic advice does not fit
    hint_key = own_hint if own_hint in i18n.catalogue("checks") else "hint_guard_package"
    return wrong(spec.name, say("guard_package", checker=checker_name, function=f"{hit.name} ({hit.where})",
                                quantity=quantity),
                 say(hint_key, quantity=quantity, reference=reference))


# --- the seed: today's fixed cases, or fresh hidden ones --------------------------------------------------

def fresh_rng(seed):
    """None for seed=None (the fixed cases), else np.random.default_rng(seed) to draw fresh cases from.

    >>> fresh_rng(None) is None, type(fresh_rng(7)).__name__
    (True, 'Generator')
    >>> fresh_rng(-1)
    Traceback (most recent call last):
    ...
    ValueError: seed must be None or an integer >= 0; received -1.
    """
    if seed is None:
        return None
    if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, numbers.Integral):
        raise TypeError(f"seed must be None or an integer >= 0; received {seed!r} ({type(seed).__name__}).")
    if seed < 0:
        raise ValueError(f"seed must be None or an integer >= 0; received {seed!r}.")
    return np.random.default_rng(int(seed))


def verdict_for_exception(spec: Spec, case: Case, exc: Exception) -> Verdict:
    """The one-line "your function raised ..." verdict, with a hint for the usual causes."""
    text = " ".join(str(exc).split())
    if len(text) > 160:
        text = text[:157] + "..."
    error = type(exc).__name__ + (f": {text}" if text else "")
    if isinstance(exc, TypeError) and "argument" in text:
        hint_key = "hint_signature"
    elif isinstance(exc, ValueError) and "broadcast" in text:
        hint_key = "hint_broadcast"
    else:
        hint_key = "hint_raised"
    return wrong(spec.name, say("raised", case=case.text, error=error),
                 say(hint_key, call=spec.call, shapes=spec.arguments_text))


def as_array(spec: Spec, case: Case, value, expected_shape, shape_name: str, quantity: str,
             finite: bool = True) -> np.ndarray:
    """The returned value as a float array of the expected shape (None: any), or a verdict saying what is off."""
    if value is None:
        raise wrong(spec.name, say("none", case=case.text), say("hint_none"))
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise wrong(spec.name, say("not_numeric", case=case.text, type=type(value).__name__),
                    say("hint_not_numeric", name=shape_name)) from None
    expected_shape = array.shape if expected_shape is None else tuple(expected_shape)
    if array.shape != expected_shape:
        raise wrong(spec.name, say("shape", case=case.text, name=shape_name, expected=shape_text(expected_shape),
                                   got=shape_text(array.shape)),
                    _shape_hint(spec, array.shape, expected_shape, shape_name))
    if finite and not np.all(np.isfinite(array)):
        count = int((~np.isfinite(array)).sum())
        raise wrong(spec.name, say("nonfinite", case=case.text, quantity=say(quantity), count=count),
                    say("hint_nonfinite"))
    return array


def _shape_hint(spec: Spec, got, expected, shape_name: str) -> str:
    if got == () and expected != ():
        return say("hint_scalar")
    if len(expected) == 1 and spec.name == "log_sum_exp":
        return say("hint_lse_axis")
    if len(expected) == 1 and got == (expected[0], expected[0]):
        return say("hint_nn")
    if len(expected) == 1 and got in ((expected[0], 1), (1, expected[0])):
        return say("hint_keepdims", name=shape_name)
    if len(got) == len(expected) >= 2 and got == expected[::-1]:
        return say("hint_transposed", name=shape_name)
    if len(got) == len(expected) == 3 and sorted(got) == sorted(expected):
        return say("hint_axes", name=shape_name)
    return say("hint_shape")


def first_if_tuple(value):
    """The first element of a returned tuple (responsibilities, log_likelihood), else the value."""
    return value[0] if isinstance(value, tuple) and len(value) > 0 else value


# --- comparing and naming the mistake ---------------------------------------------------------------------

def close(got, expected) -> bool:
    """Same shape and equal within RTOL and ATOL."""
    return np.shape(got) == np.shape(expected) and bool(np.allclose(got, expected, rtol=RTOL, atol=ATOL))


def mismatch_text(case: Case, quantity: str, got: np.ndarray, expected: np.ndarray) -> str:
    """'In case 2 (...), the X differ: element [i, j] should be a but is b' for the worst element."""
    is_close = np.isclose(got, expected, rtol=RTOL, atol=ATOL)
    err = np.abs(got - expected)
    err = np.where(np.isnan(err), np.inf, err)
    err = np.where(is_close, -1.0, err)
    index = np.unravel_index(int(np.argmax(err)), np.shape(expected))
    shown_expected, shown_got = num_pair(float(expected[index]), float(got[index]))
    return say("mismatch", case=case.text, quantity=say(quantity), index=index_text(index),
               expected=shown_expected, got=shown_got)


def first_match(got_list, variants_list, order):
    """The first mistake whose answers match the learner's on every case, or None."""
    for name in order:
        if all(close(got, variants[name]) for got, variants in zip(got_list, variants_list)):
            return name
    return None


def hint_key(mistake: str) -> str:
    """The catalogue key of a mistake's hint ("sigma_unweighted_0" shares the hint of "sigma_unweighted")."""
    return "hint_" + mistake.removesuffix("_0")


def compare_parts(name: str, cases, got_list, variants_list, parts, after=None):
    """compare() for answers with several parts (phi, mu, Sigma; phi, p): a verdict at the first case where a
    part differs, showing the first such part, with one hint per wrong part (the mistake that fits every case, or
    the part's generic hint). parts: one (quantity key, mistakes in order, generic hint key) per part; variants_list
    holds, per case, one dict of variants per part with the reference under "correct". after: {part: (earlier part,
    hint key)}, the hint to give instead when that earlier part is wrong too (Sigma follows a wrong mu)."""
    after = after or {}
    for i, case in enumerate(cases):
        wrong_parts = [k for k in range(len(parts)) if not close(got_list[i][k], variants_list[i][k]["correct"])]
        if not wrong_parts:
            continue
        hints = []
        for k in wrong_parts:
            if k in after and after[k][0] in wrong_parts:
                hints.append(say(after[k][1]))
                continue
            mistake = first_match([g[k] for g in got_list], [v[k] for v in variants_list], parts[k][1])
            hints.append(say(hint_key(mistake)) if mistake else say(parts[k][2]))
        k = wrong_parts[0]
        raise wrong(name, mismatch_text(case, parts[k][0], got_list[i][k], variants_list[i][k]["correct"]),
                    "\n".join(hints))


def compare(name: str, quantity: str, cases, got_list, expected_list, variants_list, order, generic_hint: str):
    """A verdict at the first case whose answer differs from the reference, naming the mistake if one fits all cases."""
    for case, got, expected in zip(cases, got_list, expected_list):
        if not close(got, expected):
            mistake = first_match(got_list, variants_list, order)
            hint = say(hint_key(mistake)) if mistake else say(generic_hint)
            raise wrong(name, mismatch_text(case, quantity, got, expected), hint)
