"""Which language a page speaks: ``?lang=`` first, then the browser's Accept-Language."""

from flask import Flask, request
from flask_babel import Babel, get_locale

# Languages with a complete UI catalogue, each named in itself.
LANGUAGES = {"de": "Deutsch", "en": "English"}
RIGHT_TO_LEFT = {"ar", "fa", "ps", "ur", "he", "ckb"}


def select_locale() -> str:
    wanted = request.args.get("lang", "")
    if wanted in LANGUAGES:
        return wanted
    return request.accept_languages.best_match(LANGUAGES) or "de"


def current_language() -> str:
    return str(get_locale() or "de")


def text_direction(lang: str) -> str:
    return "rtl" if lang.split("_")[0] in RIGHT_TO_LEFT else "ltr"


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", "translations")
    Babel(app, locale_selector=select_locale)

    @app.context_processor
    def language_context() -> dict:
        lang = current_language()
        return {"lang": lang, "dir": text_direction(lang), "languages": LANGUAGES}
