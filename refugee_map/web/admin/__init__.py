"""The back office under ``/admin/``: one module and one blueprint per page, each made by
:func:`gate.back_office_blueprint` and so behind the one permission gate."""

from flask import Flask

from refugee_map.web import auth
from refugee_map.web.admin import (
    accounts,
    dashboard,
    freshness,
    gate,
    history,
    imports,
    labels,
    offers,
    regions,
    review,
    translations,
    users,
)

PAGES = (accounts, users, regions, offers, history, translations, imports, review, freshness,
         dashboard)  # fmt: skip


def init_app(app: Flask) -> None:
    """Wire accounts, app-wide CSRF protection and every back-office page into ``app``."""
    auth.init_app(app)
    app.add_template_filter(gate.admin_datetime, "admin_datetime")
    app.add_template_filter(labels.label, "label")  # a stored word as staff read it
    for page in PAGES:
        app.register_blueprint(page.bp, url_prefix="/admin")
