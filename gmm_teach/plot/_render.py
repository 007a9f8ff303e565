"""Rendering: PNG bytes of a figure, fast. Everything that leans on matplotlib's internals lives here.

Three pieces, used by the widgets (whose pictures are PNGs shown in an ``ipywidgets.Image``)
and by ``draw_points``:

``encode_png``      PNG bytes of an RGB array (zlib level 1, no row filter: 2x faster than Pillow).
``PngRenderer``     re-renders a figure by blitting: only the artists that change are redrawn.
``GroupedScatter``  a scatter whose points are stamped one colour group at a time (10-20x faster).

matplotlib has no public API for some of what they need. Each private access below is marked
``# INTERNAL:`` with why, and ``tests/test_render.py`` checks every one of them, so that a
matplotlib release that changes them fails there, loudly, rather than drawing wrong pictures.
"""
from __future__ import annotations

import struct
import zlib

import numpy as np
from matplotlib.artist import allow_rasterization
from matplotlib.axis import Axis
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.path import Path
from matplotlib.transforms import Affine2D, Bbox

# --- PNG -----------------------------------------------------------------------------------

def _png_chunk(tag: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)


def encode_png(rgb: np.ndarray, compress_level: int = 1) -> bytes:
    """PNG bytes of an (h, w, 3) uint8 image: no row filter, zlib at compress_level.

    Why not Pillow: on the widgets' own pictures (``python benchmarks/bench_ui.py --png``,
    medians of 40 interleaved runs, Python 3.11, Pillow 13.0, zlib 1.2.13, 2 shared cores)
    this takes half the time of ``Image.fromarray(rgb).save(buf, "PNG", compress_level=1)``
    (Pillow's fastest setting; Z_RLE is no faster) and gives 8-20 % smaller files: 3.8 ms
    against 8.3 ms (67 kB against 73 kB) for the EM stepper's 768 x 344 picture, 8.1 against
    16.7 ms at lecture size (1152 x 516), 2.1 to 9.9 ms against 4.5 to 24 ms over all seven
    widgets in both sizes. Plots are large flat areas, which zlib packs well unfiltered;
    Pillow spends the difference choosing a row filter. Level 1 is several times faster than
    the usual 6 and nearly as small.

    >>> png = encode_png(np.zeros((2, 3, 3), dtype=np.uint8))
    >>> png[:8], len(png)
    (b'\\x89PNG\\r\\n\\x1a\\n', 68)
    """
    h, w, _ = rgb.shape
    raw = np.empty((h, 3 * w + 1), dtype=np.uint8)  # each row: filter byte 0, then R G B R G B ...
    raw[:, 0] = 0
    raw[:, 1:] = rgb.reshape(h, 3 * w)
    header = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlace
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header)
            + _png_chunk(b"IDAT", zlib.compress(raw.tobytes(), compress_level)) + _png_chunk(b"IEND", b""))


def figure_to_png(fig: Figure, compress_level: int = 1, draw: bool = True) -> bytes:
    """The figure as PNG bytes, drawn with Agg (draw=False: encode the canvas as it is, e.g. after a blit).

    >>> import gmm_teach as gt
    >>> fig, ax = gt.plot.subplots(figsize=(2, 1))
    >>> gt.plot.figure_to_png(fig)[:4]
    b'\\x89PNG'
    """
    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    if draw:
        canvas.draw()
    return encode_png(np.asarray(canvas.buffer_rgba())[..., :3], compress_level)


class PngRenderer:
    """Render a figure to PNG over and over, redrawing only the artists that change (blitting).

        renderer = PngRenderer(fig, dynamic=[scatter, *ellipses, title])
        png = renderer.render()   # after changing the dynamic artists in place
        renderer.reset()          # after changing anything else (new artists, limits, sizes)

    The first render draws everything else once as a background. Later renders paste that
    background and draw only the dynamic artists, plus the static ones drawn on top of them
    (higher zorder, overlapping), in the same order as a full draw: the pixels are the same
    as fig.canvas.draw() would give, at a fraction of the cost (no tick layout, no text
    layout of static labels). With dynamic=() every render is a full draw.
    The figure's layout engine is applied on each reset and then frozen, so sizes stay put.
    """

    def __init__(self, fig: Figure, dynamic=(), compress_level: int = 1):
        self.fig = fig
        self.canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
        self.compress_level = compress_level
        self._engine = fig.get_layout_engine()
        self.reset(dynamic)

    def reset(self, dynamic=None) -> None:
        """Forget the background (and with a list, change the dynamic artists)."""
        if dynamic is not None:
            self.dynamic = list(dynamic)
        self._background, self._layers = None, []

    @staticmethod
    def _regions(ax, dynamic, renderer):
        """Where the dynamic artists of ax can draw (display boxes), or None for anywhere."""
        regions = []
        # INTERNAL: Axes._left_title / _right_title are the Text artists of set_title(loc="left" / "right");
        # only the centre one is public (ax.title). A dynamic title is redrawn in its row above the axes.
        titles = (ax.title, ax._left_title, ax._right_title)
        for a in dynamic:
            if a.get_clip_on() and a.get_clip_box() is not None:
                regions.append(a.get_clip_box())  # inside the axes
            elif any(a is t for t in titles):  # a title: its row above the axes
                ext = a.get_window_extent(renderer)
                regions.append(Bbox.from_extents(min(ext.x0, ax.bbox.x0), ext.y0, max(ext.x1, ax.bbox.x1), ext.y1))
            else:  # may go anywhere
                return None
        return [r.padded(2) for r in regions]

    @classmethod
    def _layer(cls, ax, dynamic, renderer) -> list:
        """The children of ax to draw over the background: dynamic ones and static ones on top of them."""
        threshold = min(a.get_zorder() for a in dynamic)
        regions = cls._regions(ax, dynamic, renderer)
        layer = []
        for c in ax.get_children():
            if c is ax.patch or c.get_zorder() < threshold:
                continue
            if c in dynamic or regions is None or isinstance(c, Axis):
                layer.append(c)
                continue
            try:
                ext = c.get_window_extent(renderer)
            except Exception:  # no extent: draw it to be safe
                layer.append(c)
                continue
            if (ext.width <= 0 and ext.height <= 0) or any(ext.overlaps(r) for r in regions):
                layer.append(c)  # overlapping, or of unknown extent
        return sorted(layer, key=lambda c: c.get_zorder())  # stable, as in Axes.draw

    def _draw_background(self) -> None:
        fig, canvas = self.fig, self.canvas
        if self._engine is not None:
            fig.set_layout_engine(self._engine)
        canvas.draw()  # lays out and positions everything
        if self._engine is not None:
            fig.set_layout_engine("none")
        renderer = canvas.get_renderer()
        by_axes = {}
        for a in self.dynamic:
            by_axes.setdefault(a.axes, []).append(a)
        self._layers = [(ax, self._layer(ax, arts, renderer) if ax is not None else arts)
                        for ax, arts in by_axes.items()]
        # A full draw skips animated artists (hiding them instead would move the titles).
        flags = {a: a.get_animated() for _, layer in self._layers for a in layer}
        for a in flags:
            a.set_animated(True)
        try:
            canvas.draw()
        finally:
            for a, flag in flags.items():
                a.set_animated(flag)
        self._background = canvas.copy_from_bbox(fig.bbox)

    def render(self) -> bytes:
        """PNG bytes of the figure as it is now."""
        if not self.dynamic:
            if self._background is None and self._engine is not None:
                self.canvas.draw()
                self.fig.set_layout_engine("none")  # lay out once, then keep it
                self._background = True
            return figure_to_png(self.fig, self.compress_level)
        if self._background is None:
            self._draw_background()
        self.canvas.restore_region(self._background)
        for ax, layer in self._layers:
            for a in layer:
                if ax is None:
                    self.fig.draw_artist(a)
                else:
                    ax.draw_artist(a)
        return figure_to_png(self.fig, self.compress_level, draw=False)


# --- the scatter of data points -------------------------------------------------------------

class GroupedScatter(PathCollection):
    """A scatter of one marker whose per-point colours are drawn one colour group at a time.

    matplotlib draws a scatter with per-point colours marker by marker (about 10 us a
    point with Agg); a single colour is rasterised once and stamped (draw_markers), 10-20x
    faster. Here the colours are rounded to 1/31 (invisible on screen) and every group of
    equal colour is stamped. Falls back to the ordinary drawing when the colours are too
    varied for grouping to pay, or for features it does not handle (sizes, edges, hatches).
    """

    color_levels = 32  # colours are rounded to 1/31 for grouping
    min_points = 200  # below this, matplotlib's own drawing is as fast

    def colour_groups(self):
        """(q, inverse, n_groups) if draw stamps colour groups, else None (matplotlib draws it).

        q (n, 4): each point's RGBA in steps of 1/31; inverse (n,): its group number.
        """
        fc = self.get_facecolor()
        n = len(self.get_offsets())
        linewidths, antialiased = self.get_linewidth(), self.get_antialiased()
        if (not self.get_visible() or n < self.min_points or len(fc) != n or len(self.get_paths()) != 1
                or len(self.get_transforms()) > 1 or self.get_hatch() is not None or self.get_path_effects()
                or len(linewidths) != 1 or linewidths[0] != 0 or len(antialiased) != 1):
            return None
        q = np.rint(fc * (self.color_levels - 1)).astype(np.int64)  # (n, 4) colour rounded to 1/31
        key = ((q[:, 0] * 256 + q[:, 1]) * 256 + q[:, 2]) * 256 + q[:, 3]
        groups, inverse = np.unique(key, return_inverse=True)
        if len(groups) > n // 6:  # nearly every point its own colour: grouping would not pay
            return None
        return q, inverse.ravel(), len(groups)

    # The drawing below follows PathCollection.draw (matplotlib 3.8-3.11) for one marker path,
    # but calls draw_markers once per colour group instead of draw_path_collection once.
    @allow_rasterization
    def draw(self, renderer):
        grouping = self.colour_groups()
        if grouping is None:
            return super().draw(renderer)
        q, inverse, n_groups = grouping
        levels = self.color_levels - 1
        renderer.open_group(self.__class__.__name__, self.get_gid())
        self.set_sizes(self.get_sizes(), self.get_figure(root=True).dpi)  # marker sizes in points -> pixels
        # INTERNAL: Collection._prepare_points() is what Collection.draw uses to get the marker transform,
        # the offsets in display units (units converted, non-affine part applied) and the paths;
        # redoing it here would copy matplotlib's unit and transform handling. Returns a 4-tuple.
        transform, offset_trf, offsets, paths = self._prepare_points()
        trans = self.get_transforms()
        marker_trf = (Affine2D(trans[0]) + transform if len(trans) else transform).frozen()
        gc = renderer.new_gc()
        # INTERNAL: Artist._set_gc_clip(gc) sets the clip box and clip path of gc from the artist, as every
        # matplotlib artist's draw does; there is no public equivalent.
        self._set_gc_clip(gc)
        gc.set_snap(self.get_snap())
        gc.set_linewidth(0)
        gc.set_antialiased(self.get_antialiased()[0])
        order = np.argsort(inverse, kind="stable")  # points grouped by colour, data order within a group
        bounds = np.searchsorted(inverse[order], np.arange(n_groups + 1))
        for g in range(n_groups):
            rows = order[bounds[g]:bounds[g + 1]]
            rgba = tuple(q[rows[0]] / levels)
            gc.set_foreground(rgba, isRGBA=True)
            renderer.draw_markers(gc, paths[0], marker_trf, Path(offsets[rows]), offset_trf, rgba)
        gc.restore()
        renderer.close_group(self.__class__.__name__)
        self.stale = False


__all__ = ["encode_png", "figure_to_png", "PngRenderer", "GroupedScatter"]
