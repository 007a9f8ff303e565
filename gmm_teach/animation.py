"""EM as a film: one frame per entry of ``EMResult.history``.

The chapter ends EM_GMM with a ``FuncAnimation`` that clears the axes and redraws
everything for every frame, then embeds it with ``to_jshtml()``. Here the picture is
a ``plot.EMView`` built once and laid out once; each frame only moves its ellipses and
means, recolours the points and changes the title (~40 ms of CPU a frame at dpi 80;
~100 ms if the layout were recomputed every frame). The output is sized for a notebook:
every frame is embedded (matplotlib silently drops frames above ``animation.embed_limit``)
and a 60-iteration page is about 1.2 MB.

    result = gmm_teach.fit(X, 3, init="textbook", seed=11)
    show_animation(X, result)                 # in a notebook
    save_gif(X, result, "em.gif")             # for lecture slides

Frame t shows history[t], as the stepper widget's "after M-step" state does: frame 0 is the
initialisation ("Initialisation (iteration 0)", grey points: no responsibilities yet), frame
t >= 1 ("Iteration t (after M-step)") the parameters after EM iteration t, with the points
coloured by the responsibilities of that iteration's E-step (computed under history[t - 1]),
which the M-step turned into these parameters. The chapter's title "Iteration = i" numbers
from 0 at the first M-step: its frame i is our frame i + 1.

Nothing here changes matplotlib's global rcParams (temporary ``rc_context`` only), and the
figures are unknown to pyplot (``plot.subplots``): nothing to close, nothing shown twice.
"""
from __future__ import annotations

import math
import re
import tempfile
from pathlib import Path

import matplotlib as mpl
import numpy as np
from matplotlib.animation import FuncAnimation, HTMLWriter, PillowWriter

from . import plot
from ._validation import check_data, check_float, check_int, describe
from .em import EMResult, e_step
from .params import check_params

DEFAULT_FIGSIZE = (5.0, 5.0)  # inches, the chapter's figure
HTML_DPI = 60  # 300 x 300 px frames: 61 JPEG frames ~ 1.2 MB (PNG: ~2.8 MB; PNG at dpi 100: ~4.6 MB)
HTML_FORMAT = "jpeg"  # "png" is sharper but ~2.5x larger (1000 translucent coloured points compress badly)
JPEG_QUALITY = 75  # Pillow's default; 85 looks the same at this size and is 25 % larger
GIF_DPI = 80  # 400 x 400 px: readable on a slide; the chapter's 59 frames ~ 0.8 MB
GIF_FPS = 5
INTERVAL_MS = 500  # the chapter's interval between frames
_FRAME_LINE = re.compile(r'^\s*frames\[(\d+)\] = "data:image/', re.MULTILINE)


# --- which history entries become frames ------------------------------------------

def frame_indices(n_entries: int, frames=None) -> list[int]:
    """The history indices to show, in order.

    frames None       every entry: 0, 1, ..., n_entries - 1
    frames int m      m entries evenly spread from the first to the last (2 <= m <= n_entries)
    frames sequence   those history indices, as given (each in 0..n_entries - 1)
    """
    n_entries = check_int(n_entries, "n_entries", low=1)
    if frames is None:
        return list(range(n_entries))
    if isinstance(frames, (int, np.integer)) and not isinstance(frames, bool):
        m = check_int(frames, "frames", low=1, high=n_entries,
                      high_name=f"the {n_entries} entries of result.history")
        if m == 1:
            if n_entries == 1:
                return [0]
            raise ValueError(f"frames = 1 cannot show both the first and the last of the {n_entries} history "
                             f"entries; use frames >= 2, or frames=[{n_entries - 1}] for the final fit alone.")
        spread = np.floor(np.linspace(0, n_entries - 1, m) + 0.5).astype(int)  # distinct since step >= 1
        return spread.tolist()
    try:
        chosen = [check_int(i, "each entry of frames", low=0, high=n_entries - 1,
                            high_name=f"the last index of result.history") for i in frames]
    except TypeError:
        raise TypeError(f"frames must be None, an int or a sequence of history indices; "
                        f"received {describe(frames)}.") from None
    if not chosen:
        raise ValueError("frames is an empty sequence; give at least one history index.")
    return chosen


def count_html_frames(html: str) -> int:
    """How many frames a matplotlib jshtml page embeds (its ``frames[i] = "data:image/...`` lines)."""
    return len(_FRAME_LINE.findall(html))


# --- the animation --------------------------------------------------------------

def _check_inputs(X, result):
    if not isinstance(result, EMResult):
        raise TypeError(f"result must be the EMResult returned by gmm_teach.fit; received {describe(result)}.")
    X = check_data(X)
    params = check_params(result.history[-1], "result.history[-1]")
    if X.shape[1] != params.d:
        raise ValueError(f"X has d = {X.shape[1]} features but result was fitted in d = {params.d} dimensions; "
                         f"pass the X that was given to fit.")
    if X.shape[1] != 2:
        raise ValueError(f"the animation draws 2-D data; X has d = {X.shape[1]} features. Project it to two "
                         f"dimensions first (for example its first two principal components) and fit again.")
    return X


def _check_figure_args(figsize, dpi):
    dpi = check_float(dpi, "dpi", low=1.0)
    try:
        width, height = (check_float(v, "figsize", low=0.5) for v in figsize)
    except (TypeError, ValueError):
        raise ValueError(f"figsize must be (width, height) in inches, each >= 0.5; received {describe(figsize)}.") from None
    return (width, height), dpi


def _build(X, result, frames, dpi, figsize, interval, truth, colors_by_responsibility):
    """(animation, figure, indices): the figure laid out once (constrained, then frozen), no frame saved yet."""
    X = _check_inputs(X, result)
    figsize, dpi = _check_figure_args(figsize, dpi)
    interval = check_float(interval, "interval", low=1.0)
    if truth is not None:
        truth = check_params(truth, "truth")
    indices = frame_indices(len(result.history), frames)
    fig, ax = plot.subplots(figsize=figsize, dpi=dpi)  # unknown to pyplot: nothing to close
    view = plot.EMView(ax, X, result.history[0].K, truth=truth)
    history = result.history

    def draw(t):
        # As in the stepper widget's "after M-step" state: the ellipses show history[t], the colours
        # the responsibilities of iteration t's E-step (under history[t - 1]) that produced them.
        resp = e_step(X, history[t - 1])[0] if colors_by_responsibility and t > 0 else None  # (n, K)
        title = plot.iteration_title(t, "init" if t == 0 else "M")
        return view.update(history[t], responsibilities=resp, title=title)

    draw(indices[0])
    fig.draw_without_rendering()  # constrained layout, once
    with mpl.rc_context({"figure.autolayout": False, "figure.constrained_layout.use": False}):
        fig.set_layout_engine(None)  # then frozen: no jitter when the title changes, 2.5x less CPU
    anim = FuncAnimation(fig, draw, frames=indices, init_func=lambda: [], interval=interval,
                         repeat=True, cache_frame_data=False)
    return anim, fig, indices


def em_animation(X, result: EMResult, *, frames=None, dpi: float = HTML_DPI, figsize=DEFAULT_FIGSIZE,
                 interval: float = INTERVAL_MS, truth=None, colors_by_responsibility: bool = True) -> FuncAnimation:
    """The chapter's EM animation as a ``FuncAnimation`` (nothing is rendered until it is saved or shown).

    Parameters
    ----------
    X : array_like, shape (n, 2)
        The data given to ``fit``.
    result : EMResult
        What ``fit`` returned; frame t shows ``result.history[t]``, titled
        "Initialisation (iteration 0)" or "Iteration t (after M-step)".
    frames : None, int or sequence of int
        None: every history entry. m: m entries evenly spread, the first and the last included.
        A sequence: those history indices.
    dpi, figsize : the size of a frame (dpi x figsize pixels).
    interval : milliseconds between frames (the chapter's 500).
    truth : GMMParams, optional
        True parameters, drawn as dashed ellipses (``gmm_teach.TEXTBOOK_TRUTH`` for the chapter's data).
    colors_by_responsibility : bool
        True: each point in the mix of the component colours given by its responsibilities
        from iteration t's E-step (``e_step(X, history[t - 1])``; grey in frame 0).
        False: plain grey points, as in the chapter.

    The figure is not registered with pyplot, so it neither appears twice in a notebook nor
    needs closing. Prefer ``to_jshtml`` / ``show_animation`` / ``save_gif``: matplotlib's own
    ``anim.to_jshtml()`` renders PNG frames at rcParams["savefig.dpi"] and silently drops the
    frames beyond rcParams["animation.embed_limit"] (20 MB).
    """
    anim, _, _ = _build(X, result, frames, dpi, figsize, interval, truth, colors_by_responsibility)
    return anim


def _embed_limit_mb(n_frames: int, width_px: int, height_px: int) -> float:
    """An embed_limit (MB) that no frame can reach: raw RGBA size of every frame, base64 + newlines, + slack."""
    raw = width_px * height_px * 4 + 64 * 1024  # a PNG / JPEG frame is never larger than raw RGBA + headers
    return n_frames * raw * 1.4 / 2**20 + 1.0  # base64 is 4/3, plus a newline every 76 characters


def to_jshtml(X, result: EMResult, *, frames=None, dpi: float = HTML_DPI, figsize=DEFAULT_FIGSIZE,
              interval: float = INTERVAL_MS, truth=None, colors_by_responsibility: bool = True,
              frame_format: str = HTML_FORMAT, default_mode: str = "loop") -> str:
    """The animation as a self-contained HTML/JavaScript player (matplotlib's jshtml), every frame included.

    Same arguments as ``em_animation``, plus ``frame_format`` ("jpeg" or "png") and
    ``default_mode`` ("loop", "once" or "reflect"). The defaults (dpi 60, JPEG quality 75) make a
    60-iteration run (61 frames) about 1.2 MB; PNG frames would be 3.7 MB, PNG at dpi 100 7.4 MB.
    The writer gets an embed_limit computed from the frame count and size, so no frame is
    dropped whatever rcParams["animation.embed_limit"] says (rcParams are not touched); a
    RuntimeError is raised if the page does not hold every requested frame.
    """
    if frame_format not in ("jpeg", "png"):
        raise ValueError(f"frame_format must be 'jpeg' or 'png'; received {describe(frame_format)}.")
    if default_mode not in ("loop", "once", "reflect"):
        raise ValueError(f"default_mode must be 'loop', 'once' or 'reflect'; received {describe(default_mode)}.")
    anim, fig, indices = _build(X, result, frames, dpi, figsize, interval, truth, colors_by_responsibility)
    width_px, height_px = (math.ceil(v * float(dpi)) for v in fig.get_size_inches())  # lecture mode enlarges
    writer = HTMLWriter(fps=1000.0 / float(interval), embed_frames=True, default_mode=default_mode,
                        embed_limit=_embed_limit_mb(len(indices), width_px, height_px))
    writer.frame_format = frame_format  # not via rcParams["animation.frame_format"]
    savefig_kwargs = {"pil_kwargs": {"quality": JPEG_QUALITY}} if frame_format == "jpeg" else {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "animation.html")
        _save(anim, path, writer, dpi, savefig_kwargs)
        html = path.read_text(encoding="utf-8")
    embedded = count_html_frames(html)
    if embedded != len(indices):
        raise RuntimeError(f"the HTML holds {embedded} of the {len(indices)} frames; matplotlib dropped the rest.")
    return html


def _save(anim, path, writer, dpi, savefig_kwargs):
    """anim.save without global side effects; savefig.bbox 'tight' (forbidden for movies) is lifted for the call."""
    with mpl.rc_context({"savefig.bbox": "standard"}):
        anim.save(str(path), writer=writer, dpi=float(dpi), savefig_kwargs=savefig_kwargs)


def show_animation(X, result: EMResult, **kwargs):
    """``IPython.display.HTML`` of ``to_jshtml(X, result, **kwargs)``: the last line of a notebook cell."""
    from IPython.display import HTML

    return HTML(to_jshtml(X, result, **kwargs))


def _check_out_path(path, suffixes) -> Path:
    path = Path(path)
    if path.suffix.lower() not in suffixes:
        raise ValueError(f"path must end in {' or '.join(suffixes)}; received {str(path)!r}.")
    if not path.parent.is_dir():
        raise FileNotFoundError(f"the directory {str(path.parent)!r} does not exist; create it first.")
    return path


def save_html(X, result: EMResult, path, **kwargs) -> Path:
    """Write ``to_jshtml(X, result, **kwargs)`` as a complete web page (UTF-8) to path (.html); returns path."""
    path = _check_out_path(path, (".html", ".htm"))
    body = to_jshtml(X, result, **kwargs)
    page = ("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>EM for a Gaussian mixture</title>\n"
            "</head>\n<body>\n" + body + "\n</body>\n</html>\n")
    path.write_text(page, encoding="utf-8")
    return path


def save_gif(X, result: EMResult, path, *, frames=None, fps: float = GIF_FPS, dpi: float = GIF_DPI,
             figsize=DEFAULT_FIGSIZE, truth=None, colors_by_responsibility: bool = True) -> Path:
    """Write the animation as an animated GIF (``PillowWriter``, loops forever) for lecture slides.

    Same frames / truth / colours as ``em_animation``; fps frames per second. Returns path
    (a ``pathlib.Path``). Every frame is kept: their titles differ, so Pillow merges none (a
    history index repeated in a row in ``frames`` becomes one frame shown that much longer).
    """
    path = _check_out_path(path, (".gif",))
    fps = check_float(fps, "fps", low=0.1)
    anim, _, _ = _build(X, result, frames, dpi, figsize, 1000.0 / fps, truth, colors_by_responsibility)
    _save(anim, path, PillowWriter(fps=fps), dpi, {})
    return path


__all__ = ["em_animation", "to_jshtml", "show_animation", "save_gif", "save_html", "frame_indices",
           "count_html_frames", "DEFAULT_FIGSIZE", "HTML_DPI", "GIF_DPI", "GIF_FPS"]
