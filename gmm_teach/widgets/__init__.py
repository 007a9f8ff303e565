"""Interactive widgets for the chapters (ipywidgets 7.7+ and 8): explorers, the EM stepper, the EM lab and more.

    truth_explorer()                the true mixture: move means, shapes and weights, resample   (01)
    gaussian_explorer()             one 2-D Gaussian: contours, eigenvectors, Mahalanobis distance (02)
    estep_explorer()                the E-step: move the means and watch the responsibilities     (03)
    em_stepper(X, result)           scrub through a fitted EM run, E-step and M-step apart        (06)
    em_lab()                        choose data, K, initialisation and regularisation; run; step  (06)
    singularity_explorer()          a component shrinking onto one point: unbounded likelihood    (08)
    kmeans_limit_explorer()         soft assignments turn hard as a shared sigma shrinks: k-means (08)
    k_explorer(X, X_test)           choose K: the fit beside BIC, AIC and held-out likelihood     (09)
    variational_explorer(X)         the variational mixture: alpha_0 switches components off     (11)
    bernoulli_stepper(X, result)    a Bernoulli-mixture EM run: prototypes as images, per iteration (12)

Each returns a widget (an ipywidgets.VBox subclass: TruthExplorer, ..., KExplorer) that holds its
own state; ``help(gt.widgets.k_explorer)`` shows every argument. No maths is done here: the numbers
come from the core (gmm_teach.em, .gaussian, .params) and the pictures from gmm_teach.plot. Every
widget has one matplotlib figure, made once; a change of a control updates the artists in place
and puts a fresh PNG into ``widget.image`` (an ipywidgets.Image), which works the same in
JupyterLab, Notebook 7 and headless tests. A problem in a callback (an impossible setting) is
shown as a short message in ``widget.message`` and the widget stays usable. The words are in the
language chosen by ``gmm_teach.set_language`` when the widget is created (or its ``language=``).

The modules: ``_base`` (the base class every widget is built on, the shared argument checks,
closing and the cell-re-run cleanup), ``_compat`` (what differs between ipywidgets 7 and 8: Colab
ships 7.7), ``explorers``, ``stepper``, ``failures``, ``choosing_k``, ``variational``.
The words live in gmm_teach/messages/widgets.py.

>>> import gmm_teach as gt
>>> w = gt.widgets.gaussian_explorer(var_x=1.0, var_y=1.0, corr=0.0, point=(3.0, 4.0))
>>> round(w.distance, 6)
5.0
>>> w.close()
"""
from ..i18n import LANGUAGES as _LANGUAGES, catalogue as _catalogue
from .bernoulli import BernoulliStepper, bernoulli_stepper
from .choosing_k import KExplorer, k_explorer
from .explorers import EStepExplorer, GaussianExplorer, TruthExplorer, estep_explorer, gaussian_explorer, truth_explorer
from .failures import KMeansLimitExplorer, SingularityExplorer, kmeans_limit_explorer, singularity_explorer
from .stepper import EMLab, EMStepper, em_lab, em_stepper, half_step
from .variational import VariationalExplorer, variational_explorer
from .stepper import RESP_CACHE_SIZE  # noqa: F401 (not public; read by the tests and benchmarks)

# The widgets' words per language, {"ja": {key: text}, "en": {key: text}}: a view made from the one
# catalogue gmm_teach/messages/widgets.py (edit the words there), kept for code that reads them by language.
MESSAGES = {language: {key: entry[language] for key, entry in _catalogue("widgets").items()}
            for language in _LANGUAGES}

__all__ = [
    "MESSAGES",
    "TruthExplorer", "GaussianExplorer", "EStepExplorer", "EMStepper", "EMLab", "SingularityExplorer",
    "KMeansLimitExplorer", "KExplorer",
    "truth_explorer", "gaussian_explorer", "estep_explorer", "em_stepper", "em_lab", "half_step",
    "singularity_explorer", "kmeans_limit_explorer", "k_explorer",
    "BernoulliStepper", "bernoulli_stepper",
    "VariationalExplorer", "variational_explorer",
]
