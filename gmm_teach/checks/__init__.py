"""Exercise checkers: run a learner's function on small cases and say whether it is right.

    import gmm_teach as gt
    def my_log_pdf(X, mu, sigma): ...
    gt.checks.check_log_pdf(my_log_pdf)

Each checker calls the learner's function on a few fixed random cases (np.random.default_rng
with a fixed seed, small n) and compares the answer with gmm_teach's own implementation. When
they differ, it compares the answer with the answers of the typical mistakes (Σ where Σ⁻¹
belongs, a forgotten φ, N_k − 1 instead of N_k, ...) to name the mistake. The verdict and the
hint are in the current language (``gmm_teach.set_language``).

For grading (nbgrader), every checker also takes ``seed=<int>``: fresh hidden cases of other sizes
and values drawn from np.random.default_rng(seed), so answers cannot be hard-coded::

    assert gt.checks.check_e_step(e_step, seed=20261207).passed

A function that calls gmm_teach's own implementation of what is checked (gt.e_step, its private
kernels, ...) or the instructor's worked solutions is not passed, with a verdict that says so
(the guard: ``_framework.call``).

Every checker returns a CheckResult: ``.passed`` (bool), ``.status`` ("correct", "almost" or
"wrong"), ``.message`` and ``.hint``. Jupyter shows it as a coloured box; its text form is
deterministic (no addresses, numbers rounded), so notebooks that show it can be tested by nbval.
The learner's function always receives fresh copies of plain numpy arrays, may return lists
instead of arrays, and never sees a traceback: an exception is reported in one line.

Where things are:

    _framework.py              CheckResult, the case, calling the learner's function (guarded),
                               the seed, comparing, naming the mistake, the message look-up ``say``
    _mixtures.py               the Gaussian maths the checkers share (test mixtures, density mistakes)
    sampling_and_density.py    chapters 01-02: check_sampler, check_empirical_covariance,
                               check_pdf, check_log_pdf, check_mahalanobis
    em_steps.py                chapters 03-05: check_log_sum_exp, check_e_step, check_m_step, check_em
    _advanced.py               what the chapters 06-08 checkers share (fresh cases, the guard's hint)
    watching_em.py             chapter 06: check_update_bars, check_max_mean_step
    bound_and_restarts.py      chapters 07-08: check_lower_bound, check_increase_parts,
                               check_best_of_restarts, check_soft_assign
    choosing_k.py              chapters 09-10: check_n_parameters, check_n_parameters_by_type,
                               check_information_criteria, check_full_covariances
    variational.py             chapter 11: check_dirichlet_posterior, check_expected_log_phi,
                               check_gaussian_wishart_mean
    bernoulli.py               chapter 12: check_bernoulli_log_pdf, check_bernoulli_m_step
    ../messages/checks/        every word a checker says, Japanese and English side by side
                               (one module per checker module)
"""
from ._framework import CheckResult
from .bernoulli import check_bernoulli_log_pdf, check_bernoulli_m_step
from .bound_and_restarts import check_best_of_restarts, check_increase_parts, check_lower_bound, check_soft_assign
from .choosing_k import (check_full_covariances, check_information_criteria, check_n_parameters,
                         check_n_parameters_by_type)
from .em_steps import check_e_step, check_em, check_log_sum_exp, check_m_step
from .sampling_and_density import (check_empirical_covariance, check_log_pdf, check_mahalanobis, check_pdf,
                                   check_sampler)
from .variational import check_dirichlet_posterior, check_expected_log_phi, check_gaussian_wishart_mean
from .watching_em import check_max_mean_step, check_update_bars

__all__ = [
    "CheckResult",
    # chapters 01-02
    "check_sampler", "check_empirical_covariance", "check_pdf", "check_log_pdf", "check_mahalanobis",
    # chapters 03-05
    "check_log_sum_exp", "check_e_step", "check_m_step", "check_em",
    # chapters 06-08
    "check_update_bars", "check_max_mean_step", "check_lower_bound", "check_increase_parts",
    "check_best_of_restarts", "check_soft_assign",
    # chapters 09-10
    "check_n_parameters", "check_n_parameters_by_type", "check_information_criteria", "check_full_covariances",
    # chapter 11
    "check_dirichlet_posterior", "check_expected_log_phi", "check_gaussian_wishart_mean",
    # chapter 12
    "check_bernoulli_log_pdf", "check_bernoulli_m_step",
]
