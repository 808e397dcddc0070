"""Which language a page speaks: ``?lang=`` first, then the browser's Accept-Language.

German is the source language; every other language has a gettext catalogue under
``refugee_map/translations/<code>/``. Adding a language: see the README ("Translating").
"""

from babel import Locale, UnknownLocaleError
from babel.lists import format_list
from flask import Flask, has_request_context, request
from flask_babel import Babel, get_locale, gettext, ngettext

from refugee_map.domain import messages
from refugee_map.web import regions

# Languages with a complete UI catalogue for the public pages, each named in itself,
# in the order the language menu shows them.
LANGUAGES = {
    "de": "Deutsch",
    "en": "English",
    "ar": "العربية",
    "fa": "فارسی",
    "uk": "Українська",
    "ru": "Русский",
    "tr": "Türkçe",
    "fr": "Français",
    "ku": "Kurdî (Kurmancî)",
    "ti": "ትግርኛ",
}
RIGHT_TO_LEFT = {"ar", "fa", "ps", "ur", "he", "ckb"}
# Browser language tags that should land on a language we have (Dari is written like Farsi).
SIMILAR = {"prs": "fa", "kmr": "ku"}


# The back office is written for the agency's staff: German, and English for guests.
BACK_OFFICE_LANGUAGES = ("de", "en")


def offered_languages() -> dict[str, str]:
    """The languages this page can be read in, each named in itself: the back office
    (every page under /admin, its error pages too) speaks only its own."""
    if has_request_context() and request.path.startswith("/admin"):
        return {code: LANGUAGES[code] for code in BACK_OFFICE_LANGUAGES}
    return LANGUAGES


def select_locale() -> str | None:
    if not has_request_context():
        return None  # the command line: the default (German) unless a command forces one
    offered = offered_languages()
    wanted = request.args.get("lang", "")
    if wanted in offered:
        return wanted
    for tag, _quality in request.accept_languages:
        primary = tag.lower().replace("_", "-").split("-")[0]
        code = SIMILAR.get(primary, primary)
        if code in offered:
            return code
    return _region_language(offered)


def _region_language(offered: dict[str, str]) -> str:
    """The region's default language where this page speaks it, else German."""
    language = regions.current().default_language
    return language if language in offered else "de"


def language_name(code: str, *, own_name: bool = False) -> str:
    """A language's name in the page's language ("Arabisch"); ``own_name`` adds its name in
    itself ("Arabisch (العربية)"). Unknown codes come back as they are."""
    try:
        locale = Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        return code
    name = locale.get_display_name(current_language()) or code
    own = locale.get_display_name(code)
    return f"{name} ({own})" if own_name and own and own != name else name


def list_text(items: list[str]) -> str:
    """``items`` as one phrase in the page's language ("Deutsch, Englisch und Arabisch")."""
    return format_list([str(item) for item in items], locale=current_language()) if items else ""


def current_language() -> str:
    return str(get_locale() or "de")


def text_direction(lang: str) -> str:
    return "rtl" if lang.split("_")[0] in RIGHT_TO_LEFT else "ltr"


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", "translations")
    Babel(app, locale_selector=select_locale)
    messages.install(gettext, ngettext)  # the domain's texts follow the request's language

    @app.context_processor
    def language_context() -> dict:
        lang = current_language()
        return {"lang": lang, "dir": text_direction(lang), "languages": offered_languages()}
