"""The back office's one permission gate, the factory every /admin blueprint is made by,
and the helpers its pages share (an offer as the signed-in user may see it).

Every view declares the permission it needs with :func:`auth.requires`; :func:`guard`
runs before each request of every back-office blueprint and is the only place that lets
it through, sends it to the login page or answers 403. A view that declares nothing is
refused, and so is an account of another region (only a network admin enters every
region's back office).
"""

from datetime import datetime
from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_babel import format_datetime
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.wrappers import Response

from refugee_map.domain import accounts as account_rules
from refugee_map.domain.categories import CATEGORIES
from refugee_map.store import offers as offer_store
from refugee_map.web import context as web
from refugee_map.web import forms, i18n

LOGIN_ENDPOINT = "admin_accounts.login"
PUBLIC_ENDPOINTS = {LOGIN_ENDPOINT}


def guard() -> Response | None:
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    if not current_user.is_authenticated:
        target = request.full_path.rstrip("?") if request.method == "GET" else None
        return redirect(url_for(LOGIN_ENDPOINT, next=target))
    if not account_rules.may_enter(current_user, web.region().id):
        return other_region_page()
    view = current_app.view_functions.get(request.endpoint or "")
    permission = getattr(view, "permission", None)
    if permission is None or not can_here(permission):
        abort(403)
    return None


def other_regions_account() -> str:
    """Why an account of another region is refused here (its session is not valid)."""
    return str(_l("Dieses Konto gehört zu einer anderen Region. In der Verwaltung von "
                  "%(region)s gilt es nicht.", region=web.region().name))  # fmt: skip


def other_region_page() -> tuple[str, int]:
    """403 for an account of another region: the reason, and nothing of this region."""
    return render_template("admin/403.html", reason=other_regions_account()), 403


def private_pages(response: Response) -> Response:
    """Back-office pages stay out of caches (a shared computer's back button after logout),
    and send the Referer to this site only: Flask-WTF checks it on HTTPS form posts."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "same-origin"
    return response


def forbidden(_error) -> tuple[str, int]:
    return render_template("admin/403.html"), 403


def csrf_failed(error: CSRFError) -> tuple[str, int]:
    return render_template("admin/csrf.html", reason=error.description), 400


def admin_helpers() -> dict:
    return {
        "can": can_here,
        "field_labels": forms.FIELD_LABELS,
        "more_fields": forms.MORE_FIELDS,
        "status_labels": forms.STATUS_LABELS,
        "role_labels": account_rules.ROLE_LABELS,
        "category_labels": {category.slug: category.label for category in CATEGORIES},
    }


def back_office_blueprint(name: str, import_name: str) -> Blueprint:
    """A blueprint of the back office: behind the one gate, never cached, with the back
    office's error pages and template helpers. Every /admin blueprint is made here."""
    blueprint = Blueprint(name, import_name)
    blueprint.before_request(guard)
    blueprint.after_request(private_pages)
    blueprint.register_error_handler(403, forbidden)
    blueprint.register_error_handler(CSRFError, csrf_failed)
    blueprint.context_processor(admin_helpers)
    return blueprint


# --- shared by the pages ------------------------------------------------------------------


def admin_datetime(value: str | None) -> str:
    if not value:
        return "–"
    return format_datetime(datetime.fromisoformat(value), "dd.MM.yyyy, HH:mm")


def safe_next(target: str | None) -> str | None:
    """A place inside the back office to return to after login, never another site."""
    if not target or any(char in target for char in "\\\r\n\t"):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not (parts.path + "/").startswith("/admin/"):
        return None
    return target


def back_to(target: str | None, otherwise: str) -> Response:
    """A redirect to ``target`` (a :func:`safe_next` path, inside the region's URLs: under
    its prefix), else to ``otherwise``."""
    return redirect(request.script_root + target if target else otherwise)


def visible_offer(offer_id: int | None) -> dict | None:
    """The offer as the signed-in user may see it, else None: drafts and archived offers
    for everyone in the back office, deleted ones only for those who may see deleted
    offers. Every back-office path to an offer by its id goes through here."""
    offer = offer_store.get_offer(web.get_db(), offer_id, public=False) if offer_id else None
    if offer and offer["deleted_at"] and not can_here("offers.undelete"):
        return None
    return offer


def can_here(permission: str) -> bool:
    """May the signed-in user do ``permission`` in this request's region?"""
    return account_rules.can(current_user, permission, web.region().id)


def offer_or_404(offer_id: int) -> dict:
    offer = visible_offer(offer_id)
    if offer is None:
        abort(404)
    return offer


def translated_languages() -> list[str]:
    """Every UI language but German, the offers' source language."""
    return [code for code in i18n.LANGUAGES if code != offer_store.SOURCE_LANG]
