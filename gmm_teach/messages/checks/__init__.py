"""What the exercise checkers say (gmm_teach.checks), Japanese and English side by side.

The checkers read these through ``gmm_teach.checks._framework.say("key", ...)``. A quantity
(``q_...``) is put before a particle in Japanese, so it ends with a space when its last
character is Latin or Greek ("共分散 Σ " + "が"). ``args_<checker>`` describes the arguments a
checker passes, for the hints about calling the function.

One module per checker module (the framework's words in ``_framework``); this package merges them
into the one ``checks`` catalogue, so a key is looked up as ``say("checks.<key>")`` wherever it is written.
"""
from . import (_framework, bernoulli, bound_and_restarts, choosing_k, em_steps, sampling_and_density, variational,
               watching_em)

MESSAGES = {**_framework.MESSAGES, **sampling_and_density.MESSAGES, **em_steps.MESSAGES,
            **watching_em.MESSAGES, **bound_and_restarts.MESSAGES, **choosing_k.MESSAGES,
            **variational.MESSAGES, **bernoulli.MESSAGES}
