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

import contextlib
import io
import math
import os
import re
import struct
import tempfile
from pathlib import Path

import matplotlib as mpl
import numpy as np
from matplotlib.animation import AbstractMovieWriter, FuncAnimation, HTMLWriter
from PIL import Image, ImageChops

from . import plot
from ._validation import check_data, check_float, check_int, describe
from .em import EMResult
from .steps import _e_step_kn
from .params import check_params

DEFAULT_FIGSIZE = (5.0, 5.0)  # inches, the chapter's figure
HTML_DPI = 60  # 300 x 300 px frames: 61 JPEG frames ~ 1.2 MB (PNG: ~2.8 MB; PNG at dpi 100: ~4.6 MB)
HTML_FORMAT = "jpeg"  # "png" is sharper but ~2.5x larger (1000 translucent coloured points compress badly)
JPEG_QUALITY = 75  # Pillow's default; 85 looks the same at this size and is 25 % larger
GIF_DPI = 80  # 400 x 400 px: readable on a slide; the chapter's 59 frames ~ 0.8 MB
GIF_FPS = 5
INTERVAL_MS = 500  # the chapter's interval between frames
MIN_DPI, MAX_DPI = 20, 300  # as the command line: dpi 300 is 1500 x 1500 px a frame; dpi 1000 made a 69 MB page
MAX_TOTAL_PIXELS = 500_000_000  # pixels per frame x frames: 222 frames at dpi 300, 3125 at dpi 80 (GIF ~40 MB)
MAX_FRAME_PIXELS = 16_000_000  # one frame (4000 x 4000): a larger figsize x dpi is refused
_FRAME_LINE = re.compile(r'^\s*frames\[(\d+)\] = "data:image/', re.MULTILINE)


# --- which history entries become frames ------------------------------------------

def frame_indices(n_entries: int, frames=None) -> list[int]:
    """The history indices to show, in order.

    frames None       every entry: 0, 1, ..., n_entries - 1
    frames int m      m entries evenly spread from the first to the last (2 <= m <= n_entries)
    frames sequence   those history indices, as given (each in 0..n_entries - 1)

    >>> frame_indices(59, 5)
    [0, 15, 29, 44, 58]
    >>> frame_indices(4), frame_indices(59, [0, 58])
    ([0, 1, 2, 3], [0, 58])
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
    """How many frames a matplotlib jshtml page embeds (its ``frames[i] = "data:image/...`` lines).

    >>> count_html_frames('  frames[0] = "data:image/jpeg;base64,AAAA"\\n  frames[1] = "data:image/jpeg;base64,BBBB"')
    2
    """
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


def _check_history(history) -> list:
    """Every entry of result.history, checked once: GMMParams with the same K, in 2-D (what the frames assume)."""
    history = [check_params(p, f"result.history[{i}]") for i, p in enumerate(history)]
    K = history[0].K
    for i, p in enumerate(history):
        if p.K != K or p.d != 2:
            raise ValueError(f"result.history[{i}] has K = {p.K}, d = {p.d}; every entry must have K = {K}, d = 2 "
                             f"(pass the EMResult that fit returned).")
    return history


def _check_figure_args(figsize, dpi):
    dpi = check_float(dpi, "dpi")
    if not MIN_DPI <= dpi <= MAX_DPI:
        raise ValueError(f"dpi must be between {MIN_DPI} and {MAX_DPI} (dots per inch of a frame); received {dpi:g}.")
    try:
        width, height = (check_float(v, "figsize", low=0.5) for v in figsize)
    except (TypeError, ValueError):
        raise ValueError(f"figsize must be (width, height) in inches, each >= 0.5; received {describe(figsize)}.") from None
    return (width, height), dpi


def check_output_size(n_frames: int, width_px: int, height_px: int) -> None:
    """ValueError if n_frames frames of width_px x height_px pixels are more than this module renders.

    The limits (``MAX_FRAME_PIXELS`` a frame, ``MAX_TOTAL_PIXELS`` in all) keep a GIF or a page
    within tens of MB and a few minutes of drawing; memory does not grow with the frame count.

    >>> check_output_size(59, 400, 400)          # the chapter's GIF: fine
    >>> check_output_size(1, 6000, 6000)
    Traceback (most recent call last):
    ...
    ValueError: a frame of 6000 x 6000 pixels is more than the 1.6e+07 pixels allowed; use a smaller dpi or figsize.
    """
    frame = width_px * height_px
    if frame > MAX_FRAME_PIXELS:
        raise ValueError(f"a frame of {width_px} x {height_px} pixels is more than the {MAX_FRAME_PIXELS:.3g} "
                         f"pixels allowed; use a smaller dpi or figsize.")
    if frame * n_frames > MAX_TOTAL_PIXELS:
        raise ValueError(f"{n_frames} frames of {width_px} x {height_px} pixels make {frame * n_frames:.3g} pixels, "
                         f"more than the {MAX_TOTAL_PIXELS:.3g} allowed; use a smaller dpi or fewer frames.")


def _build(X, result, frames, dpi, figsize, interval, truth, colors_by_responsibility):
    """(animation, figure, indices): the figure laid out once (constrained, then frozen), no frame saved yet."""
    X = _check_inputs(X, result)
    figsize, dpi = _check_figure_args(figsize, dpi)
    interval = check_float(interval, "interval", low=1.0)
    if truth is not None:
        truth = check_params(truth, "truth")
    indices = frame_indices(len(result.history), frames)
    history = _check_history(result.history)
    fig, ax = plot.subplots(figsize=figsize, dpi=dpi)  # unknown to pyplot: nothing to close
    view = plot.EMView(ax, X, history[0].K, truth=truth)
    Xt = np.ascontiguousarray(X.T)  # (2, n), the E-step kernel's layout

    def draw(t):
        # As in the stepper widget's "after M-step" state: the ellipses show history[t], the colours
        # the responsibilities of iteration t's E-step (under history[t - 1]) that produced them.
        # Everything was checked above, once: the frames use the kernels, which trust their input.
        resp = _e_step_kn(Xt, history[t - 1])[0].T if colors_by_responsibility and t > 0 else None  # (n, K)
        title = plot.iteration_title(t, "init" if t == 0 else "M")
        return view._show(history[t], responsibilities=resp, title=title)

    width_px, height_px = (math.ceil(v * dpi) for v in fig.get_size_inches())  # lecture mode enlarges
    check_output_size(len(indices), width_px, height_px)
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

    Examples
    --------
    >>> import gmm_teach as gt
    >>> X = gt.textbook_data(n=200)
    >>> result = gt.fit(X, 3, init="textbook", seed=11)
    >>> html = to_jshtml(X, result, frames=3, dpi=20, truth=gt.TEXTBOOK_TRUTH)   # every frame embedded
    >>> count_html_frames(html)
    3
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
    if path.name.lower() in suffixes:  # ".gif": Path takes it for a hidden file without a suffix
        raise ValueError(f"path {str(path)!r} has no file name before {path.name}; give one such as "
                         f"{str(path.with_name('em' + path.name))!r}.")
    if path.suffix.lower() not in suffixes:
        raise ValueError(f"path must end in {' or '.join(suffixes)}; received {str(path)!r}.")
    if not path.parent.is_dir():
        raise FileNotFoundError(f"the directory {str(path.parent)!r} does not exist; create it first.")
    return path


@contextlib.contextmanager
def _replacing(path: Path):
    """Yield a temporary file beside path; on success it replaces path, on any error (Ctrl-C, a full
    disk) it is removed and path is left as it was. Never a truncated file at path."""
    target = Path(os.path.realpath(path))  # through a symlink: replace the file it points to
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        if target.is_file():
            mode = target.stat().st_mode & 0o7777
        else:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)  # mkstemp made it 0600
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def save_html(X, result: EMResult, path, **kwargs) -> Path:
    """Write ``to_jshtml(X, result, **kwargs)`` as a complete web page (UTF-8) to path (.html); returns path.

    The page is written to a temporary file beside path and renamed onto it when complete: an
    error or Ctrl-C leaves an existing file at path unchanged.
    """
    path = _check_out_path(path, (".html", ".htm"))
    body = to_jshtml(X, result, **kwargs)
    with _replacing(path) as tmp, open(tmp, "w", encoding="utf-8") as page:
        page.write("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
                   "<title>EM for a Gaussian mixture</title>\n</head>\n<body>\n")
        page.write(body)
        page.write("\n</body>\n</html>\n")
    return path


# --- GIF, written frame by frame ----------------------------------------------------------

def _skip_sub_blocks(data: bytes, pos: int) -> int:
    """The position after a chain of GIF data sub-blocks (length byte, bytes, ..., 0) starting at pos."""
    while data[pos]:
        pos += data[pos] + 1
    return pos + 1


def _gif_image_block(image: Image.Image, left: int, top: int) -> tuple[bytes, int | None]:
    """(block, transparent index): one GIF image (descriptor, local colour table, LZW data) of a
    P-mode image placed at (left, top), and the palette index that is transparent in it, if any.

    Pillow encodes it as a one-frame GIF; its global colour table becomes this image's local table
    and its graphic control extension tells the (possibly renumbered) transparent index.
    """
    buffer = io.BytesIO()
    image.save(buffer, "GIF", **({"transparency": image.info["transparency"]} if "transparency" in image.info else {}))
    data = buffer.getvalue()
    packed, pos = data[10], 13
    table, bits, transparent = b"", 0, None
    if packed & 0x80:
        bits = packed & 0x07
        table, pos = data[pos:pos + (3 << (bits + 1))], pos + (3 << (bits + 1))
    while data[pos] == 0x21:  # extensions: only the graphic control one matters (transparency)
        if data[pos + 1] == 0xF9 and data[pos + 3] & 0x01:
            transparent = data[pos + 6]
        pos = _skip_sub_blocks(data, pos + 2)
    if data[pos] != 0x2C:
        raise RuntimeError("Pillow wrote a GIF this writer cannot read (no image descriptor).")
    _, _, width, height, image_packed = struct.unpack("<HHHHB", data[pos + 1:pos + 10])
    pos += 10
    if image_packed & 0x80:
        bits = image_packed & 0x07
        table, pos = data[pos:pos + (3 << (bits + 1))], pos + (3 << (bits + 1))
    if not table:
        raise RuntimeError("Pillow wrote a GIF without a colour table.")
    end = _skip_sub_blocks(data, pos + 1)  # pos: the LZW minimum code size
    descriptor = struct.pack("<BHHHHB", 0x2C, left, top, width, height, 0x80 | (image_packed & 0x40) | bits)
    return descriptor + table + data[pos:end], transparent


class _StreamingGifWriter(AbstractMovieWriter):
    """An animated GIF (looping forever) written to the file frame by frame.

    matplotlib's PillowWriter keeps every frame until the end (2.4 GB for 201 frames at dpi 300);
    this one keeps two: the previous frame, to write only the rectangle that changed (as Pillow
    does), and one pending frame, whose duration grows while identical frames follow it.
    """

    def setup(self, fig, outfile, dpi=None):
        super().setup(fig, outfile, dpi=dpi)
        self._file = open(outfile, "wb")
        self._previous = None  # RGB image of the last frame grabbed
        self._pending = None  # [image block bytes, transparent index, delay in 1/100 s] not yet written
        self._delay = max(1, int(1000 / self.fps) // 10)  # as PillowWriter: int(1000 / fps) ms
        width, height = self.frame_size
        # Header, logical screen (a 2-colour global table, white and black, for strict readers), and
        # the NETSCAPE2.0 extension: loop forever.
        self._file.write(b"GIF89a" + struct.pack("<HHBBB", width, height, 0x80, 0, 0) + b"\xff\xff\xff\x00\x00\x00"
                         + b"\x21\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00")

    def grab_frame(self, **savefig_kwargs):
        buffer = io.BytesIO()
        self.fig.savefig(buffer, **{**savefig_kwargs, "format": "rgba", "dpi": self.dpi})
        frame = Image.frombuffer("RGBA", self.frame_size, buffer.getbuffer(), "raw", "RGBA", 0, 1).convert("RGB")
        del buffer
        # Pillow's adaptive palette, as for its own animations; 255 colours leave index 255 free.
        indexed = frame.convert("P", palette=Image.Palette.ADAPTIVE, colors=255)
        shown = indexed.convert("RGB")  # what a viewer displays
        if self._previous is None:
            box, unchanged = (0, 0) + frame.size, None
        else:
            r, g, b = ImageChops.difference(self._previous, shown).split()
            delta = ImageChops.lighter(ImageChops.lighter(r, g), b)
            box = delta.getbbox()
            if box is None:  # identical to the previous frame: show that one longer
                self._pending[2] += self._delay
                return
            unchanged = delta.crop(box).point([255] + [0] * 255, "1")
        self._previous = shown
        del frame, shown
        part = indexed.crop(box)
        if unchanged is not None:  # pixels that did not change become transparent: LZW packs them well
            part.paste(255, mask=unchanged)
            part.info["transparency"] = 255
        self._flush()
        self._pending = [*_gif_image_block(part, box[0], box[1]), self._delay]

    def _flush(self):
        if self._pending is not None:
            block, transparent, delay = self._pending
            # Graphic control extension: disposal 1 (leave the frame in place), the delay, the
            # transparent index if any.
            flags = (1 << 2) | (transparent is not None)
            self._file.write(struct.pack("<BBBBHBB", 0x21, 0xF9, 4, flags, min(delay, 0xFFFF),
                                         transparent or 0, 0) + block)
            self._pending = None

    def finish(self):
        try:
            self._flush()
            self._file.write(b"\x3b")  # trailer
        finally:
            self._file.close()
            self._previous = None


def save_gif(X, result: EMResult, path, *, frames=None, fps: float = GIF_FPS, dpi: float = GIF_DPI,
             figsize=DEFAULT_FIGSIZE, truth=None, colors_by_responsibility: bool = True) -> Path:
    """Write the animation as an animated GIF (loops forever) for lecture slides.

    Same frames / truth / colours as ``em_animation``; fps frames per second. Returns path
    (a ``pathlib.Path``). Every frame is kept: their titles differ, so none is merged (a history
    index repeated in a row in ``frames`` becomes one frame shown that much longer).

    Frames are encoded and written one at a time (memory does not grow with their number) to a
    temporary file beside path, which replaces path only when complete: an error, a full disk or
    Ctrl-C leaves an existing file at path unchanged. dpi is limited to 20..300 and the frames to
    ``MAX_TOTAL_PIXELS`` pixels in all (ValueError).
    """
    path = _check_out_path(path, (".gif",))
    fps = check_float(fps, "fps", low=0.1)
    anim, _, _ = _build(X, result, frames, dpi, figsize, 1000.0 / fps, truth, colors_by_responsibility)
    with _replacing(path) as tmp:
        _save(anim, tmp, _StreamingGifWriter(fps=fps), dpi, {})
    return path


__all__ = ["em_animation", "to_jshtml", "show_animation", "save_gif", "save_html", "frame_indices",
           "count_html_frames", "check_output_size", "DEFAULT_FIGSIZE", "HTML_DPI", "GIF_DPI", "GIF_FPS",
           "MIN_DPI", "MAX_DPI", "MAX_TOTAL_PIXELS", "MAX_FRAME_PIXELS"]
