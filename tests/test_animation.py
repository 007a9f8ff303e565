"""gmm_teach.animation: every frame embedded, small pages, GIFs, and no side effects."""
import base64
import errno
import io
import os
import re
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.animation import FuncAnimation
from PIL import Image

import gmm_teach
from gmm_teach import animation
from gmm_teach.animation import (count_html_frames, em_animation, frame_indices, save_gif, save_html,
                                 show_animation, to_jshtml)
from failing_file import FailingFile

MB = 2**20


@pytest.fixture(scope="module")
def X():
    return gmm_teach.textbook_data()  # (1000, 2), the chapter's data


@pytest.fixture(scope="module")
def chapter(X):
    """The chapter's run: 58 iterations, 59 history entries."""
    return gmm_teach.fit(X, 3, init="textbook", seed=11, reg_covar=0.0)


@pytest.fixture(scope="module")
def sixty(X):
    """Exactly 60 EM iterations (tol = 0 never converges): 61 history entries."""
    with pytest.warns(gmm_teach.ConvergenceWarning):
        result = gmm_teach.fit(X, 3, init="textbook", seed=11, tol=0.0, max_iter=60)
    assert result.n_iter == 60 and len(result.history) == 61
    return result


@pytest.fixture
def no_side_effects():
    """rcParams and the pyplot figure list are the same after the test as before it."""
    before_rc, before_figs = dict(mpl.rcParams), plt.get_fignums()
    yield
    assert dict(mpl.rcParams) == before_rc
    assert plt.get_fignums() == before_figs


def embedded_indices(html):
    return [int(i) for i in re.findall(r'frames\[(\d+)\] = "data:image/', html)]


# --- the default page: every frame, under 2 MB ------------------------------------

def test_default_jshtml_of_60_iterations_has_every_frame_and_is_under_2_mb(X, sixty, no_side_effects):
    html = to_jshtml(X, sixty)
    assert embedded_indices(html) == list(range(61))  # one frame per history entry, none dropped
    assert count_html_frames(html) == 61
    assert 'data:image/jpeg;base64' in html
    assert len(html.encode("utf-8")) < 2 * MB


def test_output_does_not_depend_on_the_users_rcparams(X, chapter, no_side_effects):
    user = {"animation.embed_limit": 0.01,  # 10 kB: matplotlib alone would keep about one frame
            "animation.frame_format": "svg", "savefig.dpi": 300, "savefig.bbox": "tight",
            "figure.autolayout": True}
    with mpl.rc_context(user):
        html = to_jshtml(X, chapter, frames=8, dpi=30, frame_format="png")
        assert all(mpl.rcParams[key] == value for key, value in user.items())
    assert count_html_frames(html) == 8
    first = re.search(r'data:image/png;base64,(.*?)"', html, re.S).group(1).replace("\\\n", "")
    with Image.open(io.BytesIO(base64.b64decode(first))) as frame:
        assert frame.size == (150, 150)  # 5 x 5 inches at dpi 30, whatever savefig.dpi says


@pytest.mark.parametrize("frames, expected", [(2, 2), (5, 5), ([0, 1, 58], 3)])
def test_frames_option_sets_the_number_of_embedded_frames(X, chapter, frames, expected):
    html = to_jshtml(X, chapter, frames=frames, dpi=20)
    assert count_html_frames(html) == expected


def test_plain_grey_points_and_truth_ellipses_render(X, chapter, no_side_effects):
    html = to_jshtml(X, chapter, frames=3, dpi=20, colors_by_responsibility=False,
                     truth=gmm_teach.TEXTBOOK_TRUTH, default_mode="once")
    assert count_html_frames(html) == 3


def test_show_animation_returns_notebook_html(X, chapter, no_side_effects):
    shown = show_animation(X, chapter, frames=2, dpi=20)
    assert count_html_frames(shown.data) == 2


def test_save_html_writes_a_complete_page(X, chapter, tmp_path, no_side_effects):
    path = save_html(X, chapter, tmp_path / "em.html", frames=3, dpi=20)
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and count_html_frames(page) == 3


# --- GIF ---------------------------------------------------------------------------

def test_gif_has_the_requested_number_of_frames(X, chapter, tmp_path, no_side_effects):
    path = save_gif(X, chapter, tmp_path / "em.gif", frames=6, fps=4, dpi=30)
    assert path == tmp_path / "em.gif"
    with Image.open(path) as gif:
        assert gif.format == "GIF" and gif.n_frames == 6
        assert gif.size == (150, 150)  # 5 x 5 inches at dpi 30
        assert gif.info["duration"] == 250


def test_gif_keeps_frames_that_differ_only_in_the_title(X, chapter, tmp_path, no_side_effects):
    # Near convergence consecutive pictures are identical but for the title; Pillow merges identical
    # consecutive GIF frames, so this checks that none is lost.
    path = save_gif(X, chapter, tmp_path / "late.gif", frames=list(range(40, 59)), dpi=20)
    with Image.open(path) as gif:
        assert gif.n_frames == 19


def test_gif_path_is_checked(X, chapter, tmp_path):
    with pytest.raises(ValueError, match=r"\.gif"):
        save_gif(X, chapter, tmp_path / "em.png", frames=2, dpi=20)
    with pytest.raises(FileNotFoundError, match="does not exist"):
        save_gif(X, chapter, tmp_path / "missing" / "em.gif", frames=2, dpi=20)


# --- the FuncAnimation itself ---------------------------------------------------------

def test_em_animation_titles_follow_the_history(X, chapter, no_side_effects):
    anim = em_animation(X, chapter, frames=[0, 7, 58], dpi=20)
    assert isinstance(anim, FuncAnimation)
    html = anim.to_jshtml()  # matplotlib's own path works too (small enough here)
    assert count_html_frames(html) == 3
    assert anim._fig.axes[0].get_title() == "Iteration 58 (after M-step)"  # the last frame drawn


def test_inputs_are_checked(X, chapter):
    with pytest.raises(TypeError, match="EMResult"):
        to_jshtml(X, chapter.params)
    with pytest.raises(ValueError, match="features"):
        to_jshtml(np.hstack([X, X]), chapter)
    with pytest.raises(ValueError, match="frame_format"):
        to_jshtml(X, chapter, frame_format="gif")
    with pytest.raises(ValueError, match="frames"):
        to_jshtml(X, chapter, frames=60)


# --- frame_indices ----------------------------------------------------------------------

def test_frame_indices_spread_evenly_including_first_and_last():
    assert frame_indices(59) == list(range(59))
    assert frame_indices(59, 2) == [0, 58]
    assert frame_indices(59, 59) == list(range(59))
    assert frame_indices(11, 6) == [0, 2, 4, 6, 8, 10]
    for length in range(2, 40):
        for m in range(2, length + 1):
            chosen = frame_indices(length, m)
            assert len(chosen) == m == len(set(chosen))
            assert chosen[0] == 0 and chosen[-1] == length - 1 and chosen == sorted(chosen)
    assert frame_indices(5, [4, 0, 2]) == [4, 0, 2]


@pytest.mark.parametrize("frames, error", [(0, ValueError), (1, ValueError), (60, ValueError), (2.5, TypeError),
                                           (True, TypeError), ([0, 59], ValueError), ([], ValueError),
                                           ("all", TypeError)])
def test_frame_indices_reject_bad_frames(frames, error):
    with pytest.raises(error, match="frames"):
        frame_indices(59, frames)



# --- limits: dpi, pixels, file names --------------------------------------------------------

@pytest.mark.parametrize("dpi", [1000, 301, 19])
def test_dpi_outside_20_to_300_is_refused_naming_dpi_and_the_range(X, chapter, dpi):
    message = rf"dpi must be between 20 and 300 .*received {dpi}"
    with pytest.raises(ValueError, match=message):
        to_jshtml(X, chapter, frames=[58], dpi=dpi)  # dpi 1000: a 69 MB page for 59 frames
    with pytest.raises(ValueError, match=message):
        save_gif(X, chapter, "em.gif", frames=[58], dpi=dpi)
    with pytest.raises(ValueError, match=message):
        em_animation(X, chapter, frames=[58], dpi=dpi)


def test_dpi_300_is_allowed(X, chapter):
    assert count_html_frames(to_jshtml(X, chapter, frames=[58], dpi=300)) == 1


def test_output_size_limit_in_pixels_times_frames():
    animation.check_output_size(201, 1500, 1500)  # --k 10 --max-iter 200 --dpi 300: allowed, streamed
    animation.check_output_size(3125, 400, 400)  # dpi 80
    with pytest.raises(ValueError, match=r"10001 frames of 1500 x 1500 pixels make 2.25e\+10 pixels, more than the "
                                         r"5e\+08 allowed; use a smaller dpi or fewer frames"):
        animation.check_output_size(10001, 1500, 1500)  # --max-iter 10000 --dpi 300: ~110 GB before
    with pytest.raises(ValueError, match="a frame of 6000 x 6000 pixels is more than"):
        animation.check_output_size(1, 6000, 6000)


def test_too_many_pixels_are_refused_before_drawing(X, chapter, tmp_path, monkeypatch):
    monkeypatch.setattr(animation, "MAX_TOTAL_PIXELS", 10 * 150 * 150)  # 10 frames at dpi 30
    drawn = []
    monkeypatch.setattr(animation, "_e_step_kn", lambda *a, **k: drawn.append(1))  # the first thing a frame does
    with pytest.raises(ValueError, match="11 frames of 150 x 150 pixels"):
        save_gif(X, chapter, tmp_path / "em.gif", frames=list(range(1, 12)), dpi=30)
    with pytest.raises(ValueError, match="11 frames of 150 x 150 pixels"):
        to_jshtml(X, chapter, frames=list(range(1, 12)), dpi=30)
    with pytest.raises(ValueError, match="a frame of 6000 x 6000 pixels"):
        to_jshtml(X, chapter, frames=[58], dpi=300, figsize=(20, 20))
    assert drawn == [] and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", [".gif", ".GIF"])
def test_a_file_name_that_is_only_an_extension_is_refused(X, chapter, tmp_path, name):
    with pytest.raises(ValueError, match=rf"no file name before {re.escape(name)}; give one such as .*em{name}"):
        save_gif(X, chapter, tmp_path / name, frames=2, dpi=20)
    with pytest.raises(ValueError, match="no file name before .html"):
        save_html(X, chapter, tmp_path / ".html", frames=2, dpi=20)


# --- the GIF is streamed to the file, and faithful ------------------------------------------------

def test_gif_frames_go_to_the_file_while_drawing_not_all_at_the_end(X, chapter, tmp_path, monkeypatch):
    # memory must not grow with the number of frames (PillowWriter held 2.4 GB for 201 frames at dpi 300)
    seen = []
    real_e_step = animation._e_step_kn

    def spy(*args, **kwargs):  # called when each frame (t >= 1) is drawn
        seen.append({p.name: p.stat().st_size for p in tmp_path.iterdir()})
        return real_e_step(*args, **kwargs)

    monkeypatch.setattr(animation, "_e_step_kn", spy)
    save_gif(X, chapter, tmp_path / "em.gif", frames=list(range(1, 13)), dpi=30)
    written = [sum(files.values()) for files in seen[-12:]]  # while drawing frames 1..12
    assert all(b > a for a, b in zip(written[2:], written[3:])), written  # grows frame by frame
    assert all("em.gif" not in files for files in seen)  # beside the target until complete
    assert [p.name for p in tmp_path.iterdir()] == ["em.gif"]
    with Image.open(tmp_path / "em.gif") as gif:
        assert gif.n_frames == 12


def test_gif_frames_look_like_matplotlibs_pillow_writer(X, chapter, tmp_path):
    from matplotlib.animation import PillowWriter
    from PIL import ImageSequence

    frames = [0, 1, 2, 3, 30, 58]
    save_gif(X, chapter, tmp_path / "new.gif", frames=frames, dpi=40, truth=gmm_teach.TEXTBOOK_TRUTH)
    anim = em_animation(X, chapter, frames=frames, dpi=40, truth=gmm_teach.TEXTBOOK_TRUTH, interval=200)
    anim.save(str(tmp_path / "reference.gif"), writer=PillowWriter(fps=5), dpi=40)

    def decoded(name):
        with Image.open(tmp_path / name) as gif:
            return [np.asarray(f.convert("RGB"), dtype=float) for f in ImageSequence.Iterator(gif)]

    new, reference = decoded("new.gif"), decoded("reference.gif")
    assert len(new) == len(reference) == 6
    for ours, theirs in zip(new, reference):
        assert ours.shape == theirs.shape == (200, 200, 3)
        assert np.abs(ours - theirs).mean() < 1.0  # the same adaptive palette; only rounding differs
    with Image.open(tmp_path / "new.gif") as gif:
        assert gif.info.get("loop") == 0  # loops forever


def test_identical_consecutive_frames_become_one_longer_frame(X, chapter, tmp_path):
    from PIL import ImageSequence

    path = save_gif(X, chapter, tmp_path / "em.gif", frames=[5, 5, 5, 6], fps=5, dpi=20)
    with Image.open(path) as gif:
        durations = [frame.info["duration"] for frame in ImageSequence.Iterator(gif)]
    assert durations == [600, 200]


# --- never a truncated file -----------------------------------------------------------------------

@pytest.fixture
def failing_disk(monkeypatch, tmp_path):
    """failing_disk(error, after): files opened for writing in tmp_path raise error mid-write."""
    import builtins
    import io as io_module

    real_open = builtins.open

    def arm(error, after=3000):
        def fake_open(file, mode="r", *args, **kwargs):
            handle = real_open(file, mode, *args, **kwargs)
            inside = isinstance(file, (str, os.PathLike)) and Path(file).resolve().parent == tmp_path.resolve()
            return FailingFile(handle, error, after) if inside and set(mode) & set("wa+") else handle

        monkeypatch.setattr(builtins, "open", fake_open)
        monkeypatch.setattr(io_module, "open", fake_open)
    return arm


@pytest.mark.parametrize("error", [KeyboardInterrupt(), OSError(errno.ENOSPC, "No space left on device")],
                         ids=["ctrl-c", "disk-full"])
@pytest.mark.parametrize("name", ["em.gif", "em.html"])
def test_a_failed_write_leaves_the_old_file_intact_and_no_temporary_file(X, chapter, tmp_path, failing_disk,
                                                                        error, name):
    old = bytes(range(256)) * 40  # 10 KB of "yesterday's animation"
    (tmp_path / name).write_bytes(old)
    failing_disk(error)
    save = save_gif if name.endswith(".gif") else save_html
    with pytest.raises(type(error)):
        save(X, chapter, tmp_path / name, frames=6, dpi=40)
    assert (tmp_path / name).read_bytes() == old
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_new_files_get_the_usual_permissions_and_replaced_files_keep_theirs(X, chapter, tmp_path):
    umask = os.umask(0o022)
    try:
        save_gif(X, chapter, tmp_path / "new.gif", frames=2, dpi=20)
        assert (tmp_path / "new.gif").stat().st_mode & 0o777 == 0o644
        (tmp_path / "old.html").write_text("old")
        (tmp_path / "old.html").chmod(0o640)
        save_html(X, chapter, tmp_path / "old.html", frames=2, dpi=20)
        assert (tmp_path / "old.html").stat().st_mode & 0o777 == 0o640
        assert count_html_frames((tmp_path / "old.html").read_text(encoding="utf-8")) == 2
    finally:
        os.umask(umask)


# --- checked once, then the kernels ----------------------------------------------------------------

def test_frames_draw_what_the_public_checked_functions_draw(X, chapter):
    """The frames skip the checks (done once in _build) but not the maths: the same pixels as e_step + EMView.update."""
    anim, fig, _ = animation._build(X, chapter, [1, 2, 30], 30, (5.0, 5.0), 500.0, None, True)
    draw = anim._func
    view = next(c.cell_contents for c in draw.__closure__ if isinstance(c.cell_contents, gmm_teach.plot.EMView))
    for t in (1, 2, 30):
        draw(t)
        fig.canvas.draw()
        fast = np.array(fig.canvas.buffer_rgba())
        view.update(chapter.history[t], gmm_teach.e_step(X, chapter.history[t - 1])[0],
                    title=gmm_teach.plot.iteration_title(t, "M"))
        fig.canvas.draw()
        np.testing.assert_array_equal(fast, np.array(fig.canvas.buffer_rgba()))


def test_a_history_entry_of_another_shape_is_refused_before_drawing(X, chapter, tmp_path):
    """Every entry of result.history is checked once, up front, before anything is drawn."""
    import dataclasses

    other = gmm_teach.GMMParams([0.5, 0.5], [[0.0, 0.0], [1.0, 1.0]], [np.eye(2), np.eye(2)])  # K = 2
    history = list(chapter.history)
    history[5] = other
    broken = dataclasses.replace(chapter, history=history)
    with pytest.raises(ValueError, match=r"result.history\[5\] has K = 2, d = 2; every entry must have K = 3"):
        save_gif(X, broken, tmp_path / "em.gif", frames=[0, 58], dpi=30)
    assert list(tmp_path.iterdir()) == []
