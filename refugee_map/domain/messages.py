"""Texts for people, marked for translation without Flask.

Domain modules write ``_("…")`` (translated at once), ``ngettext("…", "…", n)`` (with a
plural) and ``_l("…")`` (translated when shown), as the web layer does, so pybabel extracts
them alike. The web layer installs the functions that translate (Flask-Babel's, which follow
the request's language) with :func:`install`; until then texts stay German, the source
language.
"""

from collections.abc import Callable

from babel.support import LazyProxy


def untranslated(text: str, **variables) -> str:
    """The German source text with its placeholders filled in."""
    return text % variables if variables else text


def untranslated_plural(singular: str, plural: str, num: int, **variables) -> str:
    """The German singular or plural, with ``%(num)s`` and the placeholders filled in."""
    return untranslated(singular if num == 1 else plural, num=num, **variables)


_translate: Callable[..., str] = untranslated
_translate_plural: Callable[..., str] = untranslated_plural


def install(translate: Callable[..., str], translate_plural: Callable[..., str]) -> None:
    """Translate every text from now on with ``translate(text, **variables)`` and
    ``translate_plural(singular, plural, num, **variables)``."""
    global _translate, _translate_plural
    _translate = translate
    _translate_plural = translate_plural


def gettext(text: str, **variables) -> str:
    return _translate(text, **variables)


def ngettext(singular: str, plural: str, num: int, **variables) -> str:
    """``singular`` or ``plural`` as the language's plural rules pick for ``num``."""
    return _translate_plural(singular, plural, num, **variables)


class LazyText(LazyProxy):
    """A text translated each time it is used, so it follows the current language; like
    Flask-Babel's lazy strings it renders in templates and JSON as the translated text."""

    __slots__ = ()

    def __html__(self) -> str:
        return str(self)

    def __hash__(self) -> int:
        return hash(str(self))

    def __repr__(self) -> str:
        return f"l{str(self)!r}"


def lazy_gettext(text: str, **variables) -> LazyText:
    return LazyText(gettext, text, enable_cache=False, **variables)


def as_data(text: str | LazyText) -> list:
    """A text to keep (as JSON) and show later in the reader's language: a lazy text as its
    source text and variables; any other text as it is."""
    if isinstance(text, LazyText):
        return [text._args[0], {name: str(value) for name, value in text._kwargs.items()}]
    return [str(text), {}]


def from_data(data: list) -> LazyText:
    """The text :func:`as_data` kept, translated when shown."""
    text, variables = data
    return lazy_gettext(text, **variables)
