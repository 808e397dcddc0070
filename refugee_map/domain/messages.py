"""Texts for people, marked for translation without Flask.

Domain modules write ``_("…")`` (translated at once) and ``_l("…")`` (translated when
shown), as the web layer does, so pybabel extracts them alike. The web layer installs the
function that translates (Flask-Babel's ``gettext``, which follows the request's language)
with :func:`install`; until then texts stay German, the source language.
"""

from collections.abc import Callable

from babel.support import LazyProxy


def untranslated(text: str, **variables) -> str:
    """The German source text with its placeholders filled in."""
    return text % variables if variables else text


_translate: Callable[..., str] = untranslated


def install(translate: Callable[..., str]) -> None:
    """Translate every text from now on with ``translate(text, **variables)``."""
    global _translate
    _translate = translate


def gettext(text: str, **variables) -> str:
    return _translate(text, **variables)


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
