"""gmm_teach: Gaussian mixture models and the EM algorithm, for learning.

The names follow the maths of the chapter: phi (mixing weights), mu (means),
sigma (covariances), responsibilities (gamma).

Where to read: ``params`` (what a mixture is), ``data`` (the chapter's data and sampling),
``gaussian`` (the density), ``em`` (the algorithm, one function per stage), ``align`` (label
switching) and ``model_selection`` (choosing K). Every public function has an example in its
docstring: ``help(gmm_teach.fit)``, or ``gmm_teach.fit?`` in Jupyter.

Examples
--------
>>> import numpy as np
>>> import gmm_teach as gt
>>> X = gt.textbook_data()
>>> result = gt.fit(X, 3, init="textbook", seed=11, reg_covar=0.0)
>>> result.converged, result.n_iter
(True, 58)
>>> order = gt.match_components(result.params, gt.TEXTBOOK_TRUTH)
>>> np.round(result.params.permute(order).mu, 1)
array([[ 0.1,  0. ],
       [ 3.1,  3.2],
       [-3.1,  3.1]])
"""
from .align import match_components
from .bernoulli import (BernoulliParams, BernoulliResult, bernoulli_e_step, bernoulli_log_pdf,
                        bernoulli_m_step, fit_bernoulli)
from .data import TEXTBOOK_TRUTH, old_faithful, sample, textbook_counts, textbook_data
from .bound import kl_divergence, lower_bound
from .em import ConvergenceWarning, EMResult, fit, fit_best_of
from .init import init_params
from .steps import (COVARIANCE_TYPES, ComponentCollapseError, constrain_covariances, e_step, log_likelihood,
                    m_step)
from .gaussian import ellipse_geometry, log_pdf, mahalanobis, mixture_log_pdf, pdf
from .i18n import get_language, set_language
from .model_selection import aic, bic, n_parameters
from .params import GMMParams, from_components
from .variational import VariationalPrior, VariationalResult, fit_variational

__version__ = "0.1.0"

__all__ = [
    "GMMParams", "from_components", "TEXTBOOK_TRUTH", "textbook_data", "textbook_counts", "sample", "old_faithful",
    "log_pdf", "pdf", "mahalanobis", "mixture_log_pdf", "ellipse_geometry", "e_step", "m_step", "log_likelihood", "fit", "fit_best_of",
    "init_params",
    "EMResult", "ConvergenceWarning", "ComponentCollapseError", "match_components",
    "set_language", "get_language", "lower_bound", "kl_divergence", "bic", "aic", "n_parameters",
    "COVARIANCE_TYPES", "constrain_covariances",
    "fit_variational", "VariationalResult", "VariationalPrior",
    "BernoulliParams", "BernoulliResult", "fit_bernoulli", "bernoulli_log_pdf", "bernoulli_e_step", "bernoulli_m_step",
]

_SUBMODULES = ("plot", "widgets", "animation", "checks", "textbook")


def __getattr__(name):
    """gt.plot, gt.widgets, ... are imported on first use (matplotlib and ipywidgets load only when needed)."""
    if name in _SUBMODULES:
        import importlib
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
