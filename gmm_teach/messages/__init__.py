"""Everything gmm_teach says to a learner, Japanese and English side by side: one module per area.

Each module (or package, for a large area such as ``checks``: one module per checker module, merged
in its ``__init__``) defines ``MESSAGES = {key: {"ja": text, "en": text}}`` and nothing else; the code
reads them through ``gmm_teach.i18n.say("area.key", ...)``. A new module here is a new catalogue: no
registration needed. ``tests/test_messages.py`` checks every catalogue (both languages, the same
placeholders, Japanese punctuation).
"""
