"""The language of everything gmm_teach shows a learner in words (not API errors).

What the package says lives in one place, ``gmm_teach/messages/``: one catalogue per area
(``checks``, ``widgets``, ``cli``, ...), each a module with

    MESSAGES = {
        "key": {"ja": "... {x} ...", "en": "... {x} ..."},   # Japanese and English side by side
    }

and the code asks for a message by ``say("area.key", x=...)``. The Japanese notebooks call
``gmm_teach.set_language("ja")`` in their first code cell; the default is English. A widget or
checker made with ``language="ja"`` passes it on: ``say("widgets.title", language="ja")``.
Error messages raised by the API stay in English, like every Python library.

>>> say("i18n.language", language="ja")
'日本語'
>>> say("i18n.language", language="en")
'English'
"""
from __future__ import annotations

import importlib
import pkgutil
import string

LANGUAGES = ("ja", "en")
_current = "en"


def set_language(language: str) -> None:
    """Choose "ja" or "en" for checker verdicts, hints, widget labels and messages.

    Parameters
    ----------
    language : {"ja", "en"}
        The language from now on, for the whole session (the default is "en").

    Raises
    ------
    ValueError, TypeError
        For any other value (None included).

    See Also
    --------
    get_language : the current language.

    Notes
    -----
    Error messages raised by the API stay in English, like every Python library.

    Examples
    --------
    >>> import gmm_teach as gt
    >>> gt.set_language("ja"); gt.get_language()
    'ja'
    >>> gt.set_language("en")
    """
    global _current
    _current = check_language(language, allow_none=False)


def get_language() -> str:
    """The current language, "ja" or "en".

    Returns
    -------
    str
        The language last chosen with ``set_language`` ("en" until then).

    Examples
    --------
    >>> import gmm_teach as gt
    >>> gt.get_language()
    'en'
    """
    return _current


def check_language(language, *, allow_none: bool = True, name: str = "language") -> str:
    """`language` if it is "ja" or "en"; None (where allowed) means the current language.

    >>> check_language(None)
    'en'
    >>> check_language("fr")
    Traceback (most recent call last):
        ...
    ValueError: language must be one of ('ja', 'en') or None; received 'fr'.
    """
    if language is None and allow_none:
        return _current
    if language in LANGUAGES and isinstance(language, str):
        return language
    error = ValueError if isinstance(language, str) else TypeError
    raise error(f"{name} must be one of {LANGUAGES}{' or None' if allow_none else ''}; received {language!r}.")


def areas() -> tuple:
    """The names of the catalogues in gmm_teach/messages/.

    >>> "i18n" in areas()
    True
    """
    from . import messages
    return tuple(sorted(m.name for m in pkgutil.iter_modules(messages.__path__) if not m.name.startswith("_")))


def catalogue(area: str) -> dict:
    """The catalogue of one area: {key: {"ja": text, "en": text}}."""
    if area not in areas():
        raise KeyError(f"no message catalogue {area!r}; the catalogues are {areas()}")
    return importlib.import_module(f"{__package__}.messages.{area}").MESSAGES


def placeholders(text: str) -> set:
    """The names of the {placeholders} in a message.

    >>> sorted(placeholders("component {k} holds {n} points"))
    ['k', 'n']
    """
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


def say(key: str, language: str | None = None, **values) -> str:
    """The message "area.key" in `language` (default: the current language), filled with `values`.

    >>> say("i18n.language")
    'English'
    """
    area, _, name = key.partition(".")
    table = catalogue(area)
    if name not in table:
        raise KeyError(f"no message {name!r} in the {area!r} catalogue")
    return table[name][check_language(language)].format(**values)
