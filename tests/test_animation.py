"""gmm_teach.animation: every frame embedded, small pages, GIFs, and no side effects."""
import base64
import io
import re

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.animation import FuncAnimation
from PIL import Image

import gmm_teach
from gmm_teach.animation import (count_html_frames, em_animation, frame_indices, save_gif, save_html,
                                 show_animation, to_jshtml)

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

