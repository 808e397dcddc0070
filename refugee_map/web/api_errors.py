"""Every error of ``/api/*`` as JSON, ``{"error": ...}``, in the language asked for.

The language is the request's (``?lang=`` if the site speaks it, else the browser's
``Accept-Language``, else German: :func:`i18n.select_locale`). Werkzeug's own descriptions
are English, so each status code has a text of ours; headers such as ``Allow`` (405) and
``Retry-After`` (429, 503) are kept.
"""

from flask import Flask, request
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException

MESSAGES = {
    400: _l("Die Anfrage ist ungültig."),
    404: _l("Diese Adresse gibt es in der Schnittstelle nicht."),
    405: _l("Diese Methode ist hier nicht erlaubt."),
    413: _l("Die Anfrage ist zu groß."),
    429: _l("Zu viele Anfragen. Bitte warten Sie kurz."),
    500: _l("Ein Fehler auf dem Server. Bitte versuchen Sie es später noch einmal."),
    503: _l("Der Dienst ist gerade nicht erreichbar. Bitte versuchen Sie es später noch einmal."),
}
NO_OFFER = _l("Kein veröffentlichtes Angebot mit der Nummer %(id)s.")


def is_api_request() -> bool:
    """``/api/*``, and the OGC API - Features at ``/ogc``."""
    return request.path.startswith(("/api/", "/ogc/")) or request.path == "/ogc"


def answer(error: HTTPException):
    """The JSON answer to an HTTP error of the API, with the error's own headers."""
    code = error.code or 500
    text = MESSAGES.get(code) or MESSAGES[500 if code >= 500 else 400]
    headers = [(k, v) for k, v in error.get_headers() if k.lower() != "content-type"]
    return {"error": str(text)}, code, headers


def no_offer(offer_id: int) -> dict:
    return {"error": str(NO_OFFER % {"id": offer_id}), "field": "id"}


def init_app(app: Flask) -> None:
    """The API's errors that no view of it sees (an unknown path, a wrong method)."""

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        return answer(error) if is_api_request() else error
