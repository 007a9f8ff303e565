"""Shared fixtures for the gmm_teach core tests."""
import matplotlib

matplotlib.use("Agg")  # headless; set here, not via MPLBACKEND, which would reach the nbval kernels too

import numpy as np
import pytest
from threadpoolctl import threadpool_limits

import gmm_teach as g
from gmm_teach.textbook import em_gmm


@pytest.fixture(scope="session", autouse=True)
def _single_threaded_blas():
    """One BLAS thread per library.

    numpy and scipy each bundle their own OpenBLAS; with both spinning two threads on a
    small machine, scipy's tiny triangular solves inside scikit-learn become ~100x slower.
    The arrays in these tests are small, so one thread loses nothing.
    """
    with threadpool_limits(limits=1, user_api="blas"):
        yield


def _read_only(array):
    array = np.array(array)
    array.flags.writeable = False
    return array


@pytest.fixture(scope="session")
def X_textbook():
    """The chapter's data set (read-only so that no test can change it for the others)."""
    return _read_only(g.textbook_data())


@pytest.fixture(scope="session")
def chapter_fit(X_textbook):
    """gmm_teach's reproduction of the chapter's run."""
    return g.fit(X_textbook, 3, init="textbook", seed=11, reg_covar=0.0)


@pytest.fixture(scope="session")
def chapter_loop(X_textbook):
    """The chapter's own loop: (phi, mu, sigma, responsibilities, log_likelihoods, snapshots, last_iteration)."""
    return em_gmm(np.array(X_textbook), 3)


def _random_spd(rng, K, d, scale=0.7, floor=0.2):
    """K random symmetric positive definite (d, d) matrices, shape (K, d, d)."""
    A = rng.normal(scale=scale, size=(K, d, d))
    return A @ A.transpose(0, 2, 1) + floor * np.eye(d)


def _random_params(rng, K, d, spread=5.0):
    """Random valid GMMParams: Dirichlet weights, normal means, random SPD covariances."""
    phi = rng.dirichlet(np.full(K, 2.0))
    return g.GMMParams(phi / phi.sum(), rng.normal(scale=spread, size=(K, d)), _random_spd(rng, K, d))


@pytest.fixture(scope="session")
def random_spd():
    """random_spd(rng, K, d) -> (K, d, d) symmetric positive definite matrices."""
    return _random_spd


@pytest.fixture(scope="session")
def random_params():
    """random_params(rng, K, d, spread=5.0) -> a random valid GMMParams."""
    return _random_params


@pytest.fixture
def widget_clean_state(capsys):
    """For the widget tests: English by default, normal sizes, rcParams untouched, and nothing
    printed by any widget (errors must appear inside the widget, not on stdout/stderr)."""
    import matplotlib as mpl
    from gmm_teach import plot

    before = mpl.rcParams.copy()
    g.set_language("en")
    yield
    g.set_language("en")
    plot.lecture_mode(False)
    assert mpl.rcParams == before
    out, err = capsys.readouterr()
    assert out == "" and err == "", (out, err)
