"""The language of everything gmm_teach shows a learner in words (not API errors).

Each module that talks to learners keeps its own table

    MESSAGES = {"ja": {"key": "... {x} ..."}, "en": {"key": "... {x} ..."}}

and calls ``say(MESSAGES, "key", x=...)``. The Japanese notebooks call
``gmm_teach.set_language("ja")`` in their first code cell; the default is English.
Error messages raised by the API stay in English, like every Python library.
"""
from __future__ import annotations

LANGUAGES = ("ja", "en")
_current = "en"


def set_language(language: str) -> None:
    """Choose "ja" or "en" for checker verdicts, hints, widget labels and messages."""
    global _current
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}; received {language!r}.")
    _current = language


def get_language() -> str:
    """The current language, "ja" or "en"."""
    return _current


def say(messages: dict, key: str, **values) -> str:
    """The message `key` from a {"ja": {...}, "en": {...}} table in the current language."""
    table = messages.get(_current) or messages["en"]
    text = table.get(key, messages["en"].get(key))
    if text is None:
        raise KeyError(f"no message {key!r}")
    return text.format(**values)
