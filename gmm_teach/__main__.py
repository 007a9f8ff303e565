"""The teachers' command line.

    python -m gmm_teach animate --k 3 --seed 11 --out em.gif     # the chapter's EM, as a GIF for slides
    python -m gmm_teach animate --out em.html                    # the same as a web page with a player
    gmm-teach animate --help                                     # (the installed console script)

A wrong option value (or settings whose output would be absurdly large) prints one line to
stderr and exits with status 2; a failed EM run (a collapsed component, ...), a file that
cannot be written (a full disk, ...) or running out of memory prints one line and exits with
status 1; Ctrl-C prints one line and exits with status 130. The file is written beside its
target and renamed onto it when complete, so a failure never leaves it truncated. Success
prints one line saying what was written.
"""
from __future__ import annotations

import argparse
import contextlib
import decimal
import math
import signal
import sys
import textwrap
import threading
import time
import warnings
from pathlib import Path

from .data import TEXTBOOK_TRUTH, textbook_counts, textbook_data
from .em import ConvergenceWarning, fit
from .init import INIT_METHODS
from .steps import ComponentCollapseError
from .i18n import LANGUAGES, get_language, say, set_language

PROG = "gmm_teach"
MAX_K = 10  # one colour each in the package's palette; more is unreadable in one picture anyway
MAX_N = 100_000  # every frame draws every point: beyond this a GIF takes minutes
# The chapter draws int(weight * n) points per true component: below this n one of them gets none.
MIN_N = next(n for n in range(1, 1000) if textbook_counts(n).min() >= 1)
# The same as gmm_teach.animation's (not imported here: matplotlib would slow down --help).
MIN_DPI, MAX_DPI = 20, 300
MAX_TOTAL_PIXELS = 500_000_000  # frames x pixels a frame
FRAME_INCHES = 5  # DEFAULT_FIGSIZE
MAX_SEED = 2**32 - 1  # numpy's legacy RandomState (the chapter's) accepts 0 .. 2**32 - 1
OUT_SUFFIXES = (".gif", ".html", ".htm")

class _UsageError(Exception):
    """A bad command line: one line to stderr, exit status 2."""


class _Exit(Exception):
    """argparse wants to stop (after --help): exit with this status."""

    def __init__(self, status: int):
        super().__init__(status)
        self.status = status


class _Parser(argparse.ArgumentParser):
    """argparse, but errors become one line (no usage block) and nothing calls sys.exit."""

    def error(self, message):
        raise _UsageError(f"{self.prog}: error: {message}")

    def exit(self, status=0, message=None):
        if message:
            sys.stderr.write(message)
        raise _Exit(status)


# The values of the help texts' {placeholders} (gmm_teach/messages/cli.py): the limits above.
HELP_VALUES = {"max_k": MAX_K, "min_n": MIN_N, "max_n": MAX_N, "min_dpi": MIN_DPI, "max_dpi": MAX_DPI,
               "max_pixels": f"{MAX_TOTAL_PIXELS:.0e}",
               "max_frames": MAX_TOTAL_PIXELS // (FRAME_INCHES * MAX_DPI) ** 2}


def _help(key: str, language: str | None) -> str:
    return say(f"cli.help_{key}", language=language, **HELP_VALUES)


def build_parser(language: str | None = None) -> argparse.ArgumentParser:
    """The parser of ``gmm_teach`` and its ``animate`` command, with help in `language` (default: current)."""
    text = {key: _help(key, language) for key in ("description", "animate", "animate_description", "epilog", "k",
                                                   "seed", "init", "data_seed", "n", "frames", "fps", "dpi",
                                                   "max_iter", "reg_covar", "truth", "grey", "out", "lang")}
    parser = _Parser(prog=PROG, description=text["description"])
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True,
                                     parser_class=_Parser)
    animate = commands.add_parser(
        "animate", help=text["animate"], description=textwrap.fill(text["animate_description"], 79),
        epilog=text["epilog"], formatter_class=argparse.RawDescriptionHelpFormatter)
    add = animate.add_argument
    add("--k", default="3", metavar="K", help=text["k"])
    add("--seed", default="11", metavar="SEED", help=text["seed"])
    add("--init", default="textbook", choices=INIT_METHODS, help=text["init"])
    add("--data-seed", default="42", metavar="SEED", help=text["data_seed"])
    add("--n", default="1000", metavar="N", help=text["n"])
    add("--frames", default=None, metavar="M", help=text["frames"])
    add("--fps", default=None, metavar="FPS", help=text["fps"])
    add("--dpi", default=None, metavar="DPI", help=text["dpi"])
    add("--max-iter", default="100", metavar="ITERS", help=text["max_iter"])
    add("--reg-covar", default="1e-6", metavar="EPS", help=text["reg_covar"])
    add("--truth", action="store_true", help=text["truth"])
    add("--grey", action="store_true", help=text["grey"])
    add("--out", default="em.gif", metavar="PATH", help=text["out"])
    add("--lang", default=None, choices=LANGUAGES, help=text["lang"])
    return parser


def _language_in(argv) -> str | None:
    """The value of --lang in argv, looked up before parsing so that --help can use it."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGUAGES:
            return argv[i + 1]
        if arg.startswith("--lang=") and arg[7:] in LANGUAGES:
            return arg[7:]
    return None


# --- option values ------------------------------------------------------------------

def _int(raw: str, option: str, low: int, high: int | None = None) -> int:
    try:
        value = int(raw.strip())
    except ValueError:
        value = None
    if value is None or value < low or (high is not None and value > high):
        if high is None:
            raise _UsageError(say("cli.int_low", option=option, low=low, value=raw))
        raise _UsageError(say("cli.int_range", option=option, low=low, high=high, value=raw))
    return value


def _number(raw: str, option: str, low: float) -> float:
    """A finite float >= low; refuses a positive value that underflows to 0 rather than using 0."""
    try:
        exact = decimal.Decimal(raw.strip())
    except decimal.InvalidOperation:
        exact = decimal.Decimal("NaN")
    if exact.is_nan() or exact < low:
        raise _UsageError(say("cli.number_low", option=option, low=f"{low:g}", value=raw))
    value = float(exact)
    if not math.isfinite(value):  # inf, or 1e400 that overflows
        raise _UsageError(say("cli.number_finite", option=option, low=f"{low:g}", value=raw))
    if value == 0 and exact != 0:  # 1e-400
        raise _UsageError(say("cli.underflow", option=option, value=raw))
    return value


# Options that take a value. argparse reads "-1e-3" or "-inf" after one of them as an option
# ("expected one argument"); such a negative number is joined to its option ("--reg-covar=-1e-3")
# so that the option's own check says what is wrong with it.
_VALUE_OPTIONS = ("--k", "--seed", "--init", "--data-seed", "--n", "--frames", "--fps", "--dpi", "--max-iter",
                  "--reg-covar", "--out", "--lang")


def _join_negative_numbers(argv: list[str]) -> list[str]:
    joined, i = [], 0
    while i < len(argv):
        arg = argv[i]
        takes_value = arg.startswith("--") and len([o for o in _VALUE_OPTIONS if o.startswith(arg)]) == 1
        if takes_value and i + 1 < len(argv) and argv[i + 1].startswith("-"):
            try:
                float(argv[i + 1])
            except ValueError:
                pass
            else:
                joined.append(f"{arg}={argv[i + 1]}")
                i += 2
                continue
        joined.append(arg)
        i += 1
    return joined


def _n(raw: str) -> int:
    try:
        return _int(raw, "--n", MIN_N, MAX_N)
    except _UsageError:
        raise _UsageError(say("cli.n_range", low=MIN_N, high=MAX_N, value=raw)) from None


def _options(args) -> dict:
    """The checked values of the animate command, or a _UsageError naming the first bad one."""
    out = Path(args.out)
    if out.name.lower() in OUT_SUFFIXES:  # ".gif": Path takes it for a hidden file without a suffix
        raise _UsageError(say("cli.out_no_name", value=args.out, example=str(out.with_name("em" + out.name))))
    if out.suffix.lower() not in OUT_SUFFIXES:
        raise _UsageError(say("cli.out_suffix", value=args.out))
    if not out.parent.is_dir():
        raise _UsageError(say("cli.out_dir", directory=str(out.parent)))
    gif = out.suffix.lower() == ".gif"
    return {
        "K": _int(args.k, "--k", 1, MAX_K),
        "seed": _int(args.seed, "--seed", 0, MAX_SEED),
        "init": args.init,
        "data_seed": _int(args.data_seed, "--data-seed", 0, MAX_SEED),
        "n": _n(args.n),
        "frames": None if args.frames is None else _int(args.frames, "--frames", 2),
        "fps": (5 if gif else 2) if args.fps is None else _int(args.fps, "--fps", 1, 50),
        "dpi": (80 if gif else 60) if args.dpi is None else _int(args.dpi, "--dpi", MIN_DPI, MAX_DPI),
        "max_iter": _int(args.max_iter, "--max-iter", 1, 10_000),
        "reg_covar": _number(args.reg_covar, "--reg-covar", 0.0),
        "truth": TEXTBOOK_TRUTH if args.truth else None,
        "colors_by_responsibility": not args.grey,
        "out": out,
        "gif": gif,
    }


def _size(n_bytes: int) -> str:
    return f"{n_bytes / 2**20:.2f} MB" if n_bytes >= 2**20 else f"{max(1, round(n_bytes / 1024))} KB"


class _Failure(Exception):
    """EM or writing failed: one line to stderr, exit status 1."""


def animate(opts: dict) -> str:
    """Fit and write the animation; returns the line to print. _UsageError / _Failure on trouble."""
    from . import animation  # matplotlib is imported only when there is something to draw

    start = time.perf_counter()
    m = int(textbook_counts(opts["n"]).sum())  # int(weight * n) points per component, each >= 1
    X = textbook_data(opts["n"], opts["data_seed"])  # (m, 2)
    if opts["K"] > m:
        raise _UsageError(say("cli.k_gt_n", k=opts["K"], n=opts["n"], m=m))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # reported in the summary line instead
        try:
            result = fit(X, opts["K"], init=opts["init"], seed=opts["seed"], max_iter=opts["max_iter"],
                         reg_covar=opts["reg_covar"])
        except (ValueError, TypeError) as err:  # ComponentCollapseError is a ValueError
            key = "cli.fit_collapsed" if isinstance(err, ComponentCollapseError) else "cli.fit_failed"
            raise _Failure(say(key, reason=str(err))) from None
    available = len(result.history)
    frames, asked = opts["frames"], None
    if frames is not None and frames > available:  # more frames than snapshots: every one is shown
        frames, asked = None, frames
    n_frames = available if frames is None else frames
    px = math.ceil(FRAME_INCHES * opts["dpi"])  # a frame is px x px pixels
    if n_frames * px * px > MAX_TOTAL_PIXELS:
        raise _UsageError(say("cli.too_large", dpi=opts["dpi"], frames=n_frames, px=px,
                              total=n_frames * px * px, limit=MAX_TOTAL_PIXELS))
    common = dict(frames=frames, dpi=opts["dpi"], truth=opts["truth"],
                  colors_by_responsibility=opts["colors_by_responsibility"])
    out = opts["out"]
    try:
        if opts["gif"]:
            animation.save_gif(X, result, out, fps=opts["fps"], **common)
        else:
            animation.save_html(X, result, out, interval=1000.0 / opts["fps"], **common)
        size = out.stat().st_size
    except OSError as err:  # the file is written beside out and renamed: out is as it was
        raise _Failure(say("cli.write_failed", path=str(out), reason=err.strerror or str(err))) from None
    except MemoryError:
        raise _Failure(say("cli.out_of_memory_writing", path=str(out), frames=n_frames, px=px)) from None
    status = (say("cli.converged", n_iter=result.n_iter) if result.converged
              else say("cli.not_converged", n_iter=result.n_iter))
    return say("cli.written" if asked is None else "cli.written_clamped", path=str(out), frames=n_frames, first=0,
               last=available - 1, status=status, asked=asked, available=available, size=_size(size),
               seconds=time.perf_counter() - start)


def _one_line(message: str) -> None:
    print(" ".join(message.split()), file=sys.stderr)


@contextlib.contextmanager
def _sigint_recorded():
    """Record Ctrl-C while it still raises KeyboardInterrupt; yields the list of signals received.

    A KeyboardInterrupt raised while a C extension is converting its arguments can come out as
    that extension's own error (matplotlib's Agg renderer reports "Invalid affine transformation
    matrix"): the record, not the exception's type, says that the user pressed Ctrl-C. A SIGINT
    that the parent set to be ignored stays ignored; outside the main thread nothing changes.
    """
    received: list[int] = []

    def on_sigint(signum, frame):
        received.append(signum)
        raise KeyboardInterrupt

    previous = signal.getsignal(signal.SIGINT)
    installed = False
    if previous is signal.default_int_handler and threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, on_sigint)
        installed = True
    try:
        yield received
    finally:
        if installed:
            signal.signal(signal.SIGINT, previous)


def _run(argv: list, where: dict) -> int:
    """Parse and run; raises _UsageError / _Failure / MemoryError for main() to report."""
    if _language_in(argv):
        set_language(_language_in(argv))
    try:
        args, unknown = build_parser().parse_known_args(argv)
    except _Exit as stop:  # --help
        return stop.status
    if args.lang:
        set_language(args.lang)
    where["prefix"] = f"{PROG} {args.command}: error: "  # from here on, errors belong to the command
    where["out"] = getattr(args, "out", where["out"])
    if unknown:  # reported by the command, whose options they were probably meant to be
        raise _UsageError(f"unrecognized arguments: {' '.join(unknown)}")
    print(animate(_options(args)))
    return 0


def main(argv=None) -> int:
    """Run the command line with argv (default sys.argv[1:]); returns the exit status."""
    previous_language = get_language()
    argv = _join_negative_numbers(sys.argv[1:] if argv is None else list(argv))
    where = {"prefix": "", "out": "--out"}  # argparse's own errors already carry the program name
    with _sigint_recorded() as interrupted:
        try:
            return _run(argv, where)
        except BaseException as err:
            if interrupted or isinstance(err, KeyboardInterrupt):
                # Ctrl-C while a long GIF renders, whatever it surfaced as: one line, no partial file
                _one_line(f"{PROG}: " + say("cli.interrupted", path=where["out"]))
                return 130
            if isinstance(err, _UsageError):
                _one_line(where["prefix"] + str(err))
                return 2
            if isinstance(err, _Failure):
                _one_line(where["prefix"] + str(err))
                return 1
            if isinstance(err, MemoryError):  # while generating the data or fitting
                _one_line(where["prefix"] + say("cli.out_of_memory"))
                return 1
            raise
        finally:
            set_language(previous_language)


if __name__ == "__main__":
    sys.exit(main())
