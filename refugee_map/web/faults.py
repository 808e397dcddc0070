"""When the database cannot take a write: "busy" (503) or "full" (507), the input kept.

:func:`store.writing` rolls the write back and raises :class:`store.Busy` (another write
held the lock longer than ``DB_BUSY_TIMEOUT``) or :class:`store.DiskFull`; a file written on
a full disk raises ``OSError(ENOSPC)``. The answer is never a 500 and never loses what the
person typed: a form's fields come back as hidden inputs (passwords excepted) with a fresh
CSRF token and a button that sends them to the same address again. (The API only reads,
and reads are never refused.)

A database out of reach (:class:`store.Unusable`: PostgreSQL or its replica down) is 503
with ``Retry-After`` on every route, reading or writing, with the error page's words.

Busy is 503 with ``Retry-After``: it passes in seconds. Full is 507 Insufficient Storage and
has no ``Retry-After``: it lasts until someone frees space, and monitoring should tell the
two apart. Reads go on working in both cases (SQLite's WAL lets readers past a writer).
"""

import re

from flask import Flask, current_app, render_template, request
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import ServiceUnavailable

from refugee_map import store

RETRY_AFTER_SECONDS = 5
UNREACHABLE_RETRY_AFTER_SECONDS = 30
# Never written back into a page: passwords, and the old CSRF token (a fresh one is).
NOT_KEPT = re.compile(r"password|csrf_token", re.IGNORECASE)

BUSY = {
    "heading": _l("Gerade wird viel gespeichert."),
    "text": _l(
        "Ihre Eingaben sind noch nicht gespeichert, aber nicht verloren. "
        "Bitte senden Sie sie in ein paar Sekunden noch einmal."
    ),
}
FULL = {
    "heading": _l("Der Speicher des Servers ist voll."),
    "text": _l(
        "Ihre Eingaben sind nicht gespeichert, aber nicht verloren. Bitte sagen Sie der "
        "Verwaltung der Seite Bescheid und senden Sie sie später noch einmal."
    ),
}


def init_app(app: Flask) -> None:
    app.register_error_handler(store.Busy, busy)
    app.register_error_handler(store.DiskFull, disk_full)
    app.register_error_handler(OSError, os_error)
    app.register_error_handler(store.Unusable, unusable)


def unusable(error: store.Unusable):
    current_app.logger.error("database out of reach: %s", error)
    response = current_app.make_response(current_app.handle_http_exception(ServiceUnavailable()))
    response.headers["Retry-After"] = str(UNREACHABLE_RETRY_AFTER_SECONDS)
    return response


def busy(error: store.Busy):
    current_app.logger.warning("write refused, database busy: %s", error)
    response = _answer(BUSY, 503)
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def disk_full(error: Exception):
    current_app.logger.error("write refused, disk or database full: %s", error)
    return _answer(FULL, 507)


def os_error(error: OSError):
    """A full disk while writing a file (an upload) is "full"; any other OSError stays
    the error it is."""
    if store.is_disk_full(error):
        return disk_full(error)
    raise error


def kept_fields() -> list[tuple[str, str]]:
    """The submitted form fields to send again, in their order; passwords are not kept."""
    return [(name, value) for name, value in request.form.items(multi=True)
            if not NOT_KEPT.search(name)]  # fmt: skip


def _answer(message: dict, status: int):
    page = render_template(
        "try_again.html",
        message=message,
        fields=kept_fields(),
        # this address with its query, under the path the site is served at
        again=request.script_root + request.full_path.removesuffix("?"),
        # Public forms carry no token and set no cookie; the back office's get a fresh one.
        with_csrf="csrf_token" in request.form,
    )
    response = current_app.make_response(page)
    response.status_code = status
    return response
