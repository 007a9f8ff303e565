"""How fast is one step of the EM stepper widget, and does scrubbing leak memory?

    MPLBACKEND=Agg python benchmarks/bench_ui.py [--quick]

For n = 1,000 and 10,000 points (K = 3) it times, interleaved in one run:

  step          set the stepper's slider to the next half-step until the new PNG is in its
                Image widget (what a learner's drag or the Play button does)
  from scratch  the same picture drawn in a new figure (plot.subplots with its constrained
                layout + EMView + the log-likelihood curve, e_step for the colours) and saved
                with fig.savefig as PNG, once with matplotlib's default PNG settings and once
                with pil_kwargs={"compress_level": 1}

and prints medians, 90th percentiles and ratios. Then it scrubs 1,000 random half-steps and
compares the resident memory (RSS) after 10 steps with the end, and the Python heap
(tracemalloc) over 200 more steps. Targets: step <= 40 ms median at n = 1,000 and at most
half the from-scratch time; memory within 10 %.

    MPLBACKEND=Agg python benchmarks/bench_ui.py --png [--quick]

compares, on the real pictures of every widget (normal and lecture sizes), the PNG encoders a
widget could use for its picture: gmm_teach's own (plot.encode_png: no row filter, zlib level 1)
and Pillow's at compress_level=1 (its default strategy, and Z_RLE). The encoders alternate in a shuffled order for every frame; medians.

The machines are shared and noisy: the load average is printed with the results, and the
contenders alternate so that both see the same load.
"""
from __future__ import annotations

import argparse
import gc
import io
import os
import platform
import sys
import time
import tracemalloc
import warnings
import zlib

import matplotlib
import numpy as np

matplotlib.use("Agg")

import gmm_teach as gt  # noqa: E402
from gmm_teach import plot, widgets  # noqa: E402
from PIL import Image  # noqa: E402

TARGET_STEP_MS = 40.0


def rss_mb() -> float:
    """Resident set size of this process in MB (Linux /proc)."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def from_scratch(X, result, truth, step: int, **savefig_kwargs) -> bytes:
    """The stepper's picture of half-step `step`, drawn in a brand-new figure and saved with savefig."""
    t, phase = widgets.half_step(step)
    index = 0 if phase == "init" else (t - 1 if phase == "E" else t)
    resp = None if phase == "init" else gt.e_step(X, result.history[t - 1])[0]
    initial = gt.e_step(X, result.history[0])[1]
    fig, (ax, ax_ll) = plot.subplots(1, 2, figsize=widgets.EMStepper.FIGSIZE, width_ratios=[1.25, 1])
    view = plot.EMView(ax, X, result.params.K, truth=truth)
    view.update(result.history[index], resp, title=plot.iteration_title(t, phase))
    plot.draw_log_likelihood(ax_ll, result.log_likelihoods, current=index, initial=initial)
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=fig.dpi, **savefig_kwargs)
    return out.getvalue()


def time_steps(n: int, pairs: int, rng) -> dict:
    X, _ = gt.sample(gt.TEXTBOOK_TRUTH, n, seed=1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gt.ConvergenceWarning)
        result = gt.fit(X, 3, init="textbook", seed=11, reg_covar=1e-6)
    stepper = widgets.em_stepper(X, result, truth=gt.TEXTBOOK_TRUTH)
    last = stepper.slider.max
    steps = {"step": [], "scratch_default": [], "scratch_level1": []}
    sizes = {"step": len(stepper.image.value)}
    position = 0
    for i in range(pairs):
        position = position + 1 if position < last else 0  # play forwards, wrap around
        before = stepper.image.value
        t0 = time.perf_counter()
        stepper.slider.value = position
        steps["step"].append(time.perf_counter() - t0)
        assert stepper.image.value is not before and stepper.message.value == ""
        t0 = time.perf_counter()
        png = from_scratch(X, result, gt.TEXTBOOK_TRUTH, position)
        steps["scratch_default"].append(time.perf_counter() - t0)
        sizes["scratch_default"] = len(png)
        t0 = time.perf_counter()
        png = from_scratch(X, result, gt.TEXTBOOK_TRUTH, position, pil_kwargs={"compress_level": 1})
        steps["scratch_level1"].append(time.perf_counter() - t0)
        sizes["scratch_level1"] = len(png)
        sizes["step"] = len(stepper.image.value)
    ms = {k: 1e3 * np.array(v[2:]) for k, v in steps.items()}  # the first two warm caches up
    return {"n": n, "ms": ms, "sizes": sizes}


def memory_check(n_steps: int, rng) -> dict:
    X, _ = gt.sample(gt.TEXTBOOK_TRUTH, 1000, seed=1)
    result = gt.fit(X, 3, init="textbook", seed=11, reg_covar=1e-6)
    stepper = widgets.em_stepper(X, result, truth=gt.TEXTBOOK_TRUTH)
    steps = rng.integers(0, stepper.slider.max + 1, size=n_steps)
    for i, s in enumerate(steps):
        stepper.slider.value = int(s)
        if i == 9:
            gc.collect()
            rss10 = rss_mb()
            children = [len(ax.get_children()) for ax in stepper.fig.axes]
    gc.collect()
    rss_end = rss_mb()
    # The Python heap (numpy arrays included), traced from here on: tracemalloc only sees what is
    # allocated after it starts, so the bounded caches (responsibilities, PNG, glyphs) first refill
    # its view (60 steps); then 200 more steps. It slows everything down, hence shorter.
    tracemalloc.start()
    for s in steps[:60]:
        stepper.slider.value = int(s)
    gc.collect()
    heap_start = tracemalloc.get_traced_memory()[0]
    for s in steps[60:260]:
        stepper.slider.value = int(s)
    gc.collect()
    heap_end = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return {"steps": n_steps, "rss10": rss10, "rss_end": rss_end, "heap_start": heap_start / 1e6,
            "heap_end": heap_end / 1e6,
            "children_same": children == [len(ax.get_children()) for ax in stepper.fig.axes],
            "cache": len(stepper._cache)}


# --- PNG encoders on the widgets' real pictures ------------------------------------------------

def pillow_png(rgb: np.ndarray, **options) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(rgb).save(buffer, "PNG", **options)
    return buffer.getvalue()


PNG_ENCODERS = {
    "hand-written, level 1": plot.encode_png,
    "Pillow, level 1": lambda rgb: pillow_png(rgb, compress_level=1),
    "Pillow, level 1, Z_RLE": lambda rgb: pillow_png(rgb, compress_level=1, compress_type=zlib.Z_RLE),
}


def widget_frames() -> dict:
    """{(widget, style): (h, w, 3) uint8}: the picture each widget shows first, in both styles."""
    X, _ = gt.sample(gt.TEXTBOOK_TRUTH, 1000, seed=1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gt.ConvergenceWarning)
        result = gt.fit(X, 3, init="textbook", seed=11, reg_covar=1e-6)
    makers = {
        "truth_explorer": widgets.truth_explorer, "gaussian_explorer": widgets.gaussian_explorer,
        "estep_explorer": widgets.estep_explorer, "em_stepper": lambda: widgets.em_stepper(X, result),
        "singularity_explorer": widgets.singularity_explorer, "kmeans_limit_explorer": widgets.kmeans_limit_explorer,
        "k_explorer": lambda: widgets.k_explorer(X[:700], X[700:], K_values=[1, 2, 3], n_init=1),
    }
    frames = {}
    for lecture in (False, True):
        plot.lecture_mode(lecture)
        try:
            for name, make in makers.items():
                w = make()
                w.fig.canvas.draw()
                frames[(name, "lecture" if lecture else "normal")] = np.array(w.fig.canvas.buffer_rgba())[..., :3]
                w.close()
        finally:
            plot.lecture_mode(False)
    return frames


def time_png_encoders(repeats: int, rng) -> list:
    frames = widget_frames()
    names = list(PNG_ENCODERS)
    times = {(key, e): [] for key in frames for e in names}
    sizes = {}
    for key, rgb in frames.items():  # all agree on the pixels
        for e in names:
            png = PNG_ENCODERS[e](rgb)
            sizes[(key, e)] = len(png)
            assert np.array_equal(np.asarray(Image.open(io.BytesIO(png)).convert("RGB")), rgb)
    for _ in range(repeats):
        for key, rgb in frames.items():
            for i in rng.permutation(len(names)):  # interleaved, in a new order every time
                t0 = time.perf_counter()
                PNG_ENCODERS[names[i]](rgb)
                times[(key, names[i])].append(time.perf_counter() - t0)
    return [{"widget": key[0], "style": key[1], "shape": frames[key].shape,
             "ms": {e: 1e3 * float(np.median(times[(key, e)])) for e in names},
             "kB": {e: sizes[(key, e)] / 1e3 for e in names}} for key in frames]


def print_png_table(rows, load) -> None:
    names = list(PNG_ENCODERS)
    print(f"\nPNG encoding of each widget's picture (median ms over interleaved runs [kB]; "
          f"load average {load[0]:.1f} -> {load[1]:.1f})")
    header = f"{'widget':<22} {'style':<8} {'pixels':>9} | " + " | ".join(f"{n:>22}" for n in names)
    print(header)
    print("-" * len(header))
    for r in rows:
        h, w, _ = r["shape"]
        cells = " | ".join(f"{r['ms'][n]:8.2f} ms [{r['kB'][n]:5.0f} kB]" for n in names)
        print(f"{r['widget']:<22} {r['style']:<8} {f'{w}x{h}':>9} | {cells}")
    ratio = {n: float(np.median([r["ms"][n] / r["ms"][names[0]] for r in rows])) for n in names}
    print("median time relative to the hand-written encoder: "
          + ", ".join(f"{n} {ratio[n]:.2f}" for n in names))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (a smoke test)")
    parser.add_argument("--png", action="store_true", help="only compare the PNG encoders")
    args = parser.parse_args(argv)
    rng = np.random.default_rng(0)
    if args.png:
        load_before = os.getloadavg()
        rows = time_png_encoders(5 if args.quick else 40, rng)
        print_png_table(rows, (load_before[0], os.getloadavg()[0]))
        return 0
    pairs = {1000: 12, 10000: 6} if args.quick else {1000: 60, 10000: 25}
    load_before = os.getloadavg()
    print(f"Python {platform.python_version()}, matplotlib {matplotlib.__version__}, numpy {np.__version__}, "
          f"{os.cpu_count()} CPUs, style dpi {plot.current_style().dpi:g}, "
          f"figure {widgets.EMStepper.FIGSIZE[0]:g} x {widgets.EMStepper.FIGSIZE[1]:g} in")
    rows = [time_steps(n, p, rng) for n, p in pairs.items()]
    load_after = os.getloadavg()

    print(f"\nOne EM-stepper half-step vs the same picture from scratch (K = 3; median [p90] ms; "
          f"load average {load_before[0]:.1f} -> {load_after[0]:.1f})")
    header = (f"{'n':>7} | {'step (widget)':>15} | {'scratch, savefig':>16} | {'scratch, level 1':>16} | "
              f"{'step / scratch':>14} | {'PNG kB step/savefig':>19}")
    print(header)
    print("-" * len(header))
    ok = True
    for row in rows:
        ms, sizes = row["ms"], row["sizes"]
        med = {k: float(np.median(v)) for k, v in ms.items()}
        p90 = {k: float(np.percentile(v, 90)) for k, v in ms.items()}
        ratio = med["step"] / med["scratch_default"]
        print(f"{row['n']:>7,} | {med['step']:7.1f} [{p90['step']:5.1f}] | {med['scratch_default']:8.1f} "
              f"[{p90['scratch_default']:5.1f}] | {med['scratch_level1']:8.1f} [{p90['scratch_level1']:5.1f}] | "
              f"{ratio:14.2f} | {sizes['step'] / 1e3:8.0f} / {sizes['scratch_default'] / 1e3:<8.0f}")
        if row["n"] == 1000:
            met = med["step"] <= TARGET_STEP_MS and ratio <= 0.5
            ok &= met
            target = (f"  target at n = 1,000: step <= {TARGET_STEP_MS:g} ms and <= 0.5 x scratch: "
                      f"{'met' if met else 'NOT met'}")
    print(target)

    mem = memory_check(200 if args.quick else 1000, rng)
    rss_growth = mem["rss_end"] / mem["rss10"] - 1
    print(f"\nMemory while scrubbing {mem['steps']} random half-steps (n = 1,000):")
    print(f"  RSS after 10 steps {mem['rss10']:.1f} MB, after {mem['steps']} {mem['rss_end']:.1f} MB "
          f"({100 * rss_growth:+.1f} %)")
    print(f"  Python heap (tracemalloc) {mem['heap_start']:.3f} MB -> {mem['heap_end']:.3f} MB over 200 further "
          f"steps ({1e3 * (mem['heap_end'] - mem['heap_start']):+.0f} kB)")
    print(f"  artists per axes unchanged: {mem['children_same']}; responsibilities cached: {mem['cache']} "
          f"(limit {widgets.RESP_CACHE_SIZE})")
    mem_ok = abs(rss_growth) <= 0.10 and mem["children_same"]
    print(f"  target: within 10 %: {'met' if mem_ok else 'NOT met'}")
    return 0 if ok and mem_ok else 1


if __name__ == "__main__":
    sys.exit(main())
