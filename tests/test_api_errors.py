"""Every error of /api/* answers JSON in the language asked for (``?lang=``, else
Accept-Language, else German), never werkzeug's English or an HTML page (issue 14)."""

import pytest
from babel.messages.pofile import read_po
from flask import abort

from refugee_map.config import PROJECT_DIR
from refugee_map.web import api_errors, filters

TRANSLATIONS = PROJECT_DIR / "refugee_map" / "translations"
# (method, path, status, the German text, its placeholders)
ERRORS = {
    "unknown category": ("get", "/api/offers?category=zzz", 400,
                         filters.MESSAGES["category"]._args[0], {"slug": "zzz"}),
    "bad bbox": ("get", "/api/offers?bbox=1,2", 400, filters.MESSAGES["bbox_form"]._args[0], {}),
    "bad limit": ("get", "/api/offers?limit=0", 400, filters.MESSAGES["limit"]._args[0],
                  {"n": 200}),
    "map without bbox": ("get", "/api/map", 400, filters.MESSAGES["bbox_missing"]._args[0], {}),
    "unknown offer": ("get", "/api/offers/999", 404, api_errors.NO_OFFER._args[0], {"id": 999}),
    "unknown path": ("get", "/api/nothing-here", 404, api_errors.MESSAGES[404]._args[0], {}),
    "wrong method": ("post", "/api/offers", 405, api_errors.MESSAGES[405]._args[0], {}),
    "too large": ("get", "/api/test-error/413", 413, api_errors.MESSAGES[413]._args[0], {}),
    "too many": ("get", "/api/test-error/429", 429, api_errors.MESSAGES[429]._args[0], {}),
    "server error": ("get", "/api/test-error/500", 500, api_errors.MESSAGES[500]._args[0], {}),
    "unavailable": ("get", "/api/test-error/503", 503, api_errors.MESSAGES[503]._args[0], {}),
}  # fmt: skip
# How the language is asked for -> the language of the answer.
ASKED = {
    "nothing": ({}, "de"),
    "lang=en": ({"lang": "en"}, "en"),
    "lang=ar": ({"lang": "ar"}, "ar"),
    "lang=uk": ({"lang": "uk"}, "uk"),
    "lang=ti": ({"lang": "ti"}, "ti"),
    "Accept-Language fa": ({"accept": "fa-IR,fa;q=0.9,en;q=0.5"}, "fa"),
    "Accept-Language tr": ({"accept": "tr"}, "tr"),
    "lang before Accept-Language": ({"lang": "ru", "accept": "en"}, "ru"),
    "unknown lang": ({"lang": "es"}, "de"),
    "unknown Accept-Language": ({"accept": "es-ES,es"}, "de"),
}


def translated(lang: str, msgid: str, placeholders: dict) -> str:
    if lang != "de":
        with open(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po", "rb") as po:
            msgid = read_po(po, locale=lang)[msgid].string
    return msgid % placeholders if placeholders else msgid


@pytest.fixture
def api(app):
    """The app with one more API path that fails with the status code it is given, for
    the errors no request of a visitor can cause on demand."""
    app.add_url_rule("/api/test-error/<int:code>", "test_error", lambda code: abort(code))
    return app.test_client()


@pytest.mark.parametrize("asked", ASKED)
@pytest.mark.parametrize("error", ERRORS)
def test_every_api_error_answers_json_in_the_asked_language(api, error, asked):
    method, path, status, msgid, placeholders = ERRORS[error]
    how, lang = ASKED[asked]
    if "lang" in how:
        path += ("&" if "?" in path else "?") + f"lang={how['lang']}"
    headers = {"Accept-Language": how["accept"]} if "accept" in how else {}
    response = getattr(api, method)(path, headers=headers)
    assert response.status_code == status
    assert response.mimetype == "application/json"
    assert response.get_json()["error"] == translated(lang, msgid, placeholders)


def test_a_wrong_method_keeps_its_allow_header(api):
    response = api.post("/api/offers?lang=en")
    assert "GET" in response.headers["Allow"]


def test_pages_outside_the_api_keep_their_html_errors(api):
    response = api.post("/list")
    assert response.status_code == 405 and response.mimetype == "text/html"
