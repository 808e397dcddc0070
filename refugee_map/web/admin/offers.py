"""The back office under ``/admin/``: the permission gate, offers, history and undo.

Signing in and accounts are in :mod:`admin_accounts`, translations in
:mod:`admin_translations`; their views register on this module's blueprint.

Every view declares the permission it needs with :func:`auth.requires`; :func:`guard`
runs before each request of this blueprint and is the only place that lets it through,
sends it to the login page or answers 403. A view that declares nothing is refused.
"""

import math
from datetime import datetime
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import format_datetime
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.wrappers import Response

from refugee_map import store
from refugee_map.domain import numbers
from refugee_map.domain import offers as offer_rules
from refugee_map.domain.categories import BY_SLUG, CATEGORIES
from refugee_map.store import offers as offer_store
from refugee_map.web import auth, editing, forms, i18n
from refugee_map.web import context as web
from refugee_map.web.auth import requires

PUBLIC_ENDPOINTS = {"admin.login"}
PAGE_SIZE = 50
SORTS = {
    "updated": _l("Letzte Änderung"),
    "title": _l("Titel"),
    "district": _l("Stadtbezirk"),
    "verified": _l("Letzte Prüfung"),
}
ACTION_LABELS = {
    "create": _l("angelegt"),
    "edit": _l("bearbeitet"),
    "status": _l("Status geändert"),
    "verify": _l("als aktuell bestätigt"),
    "delete": _l("gelöscht"),
    "undelete": _l("wiederhergestellt (Löschen rückgängig)"),
    "restore": _l("frühere Fassung wiederhergestellt"),
    "import": _l("importiert"),
    "geocode": _l("anhand der Adresse auf die Karte gesetzt"),
    "translate": _l("Übersetzung geändert"),
    "translate-confirm": _l("Übersetzung als passend zum deutschen Text bestätigt"),
}


# --- the one gate -------------------------------------------------------------------------


def guard() -> Response | None:
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    if not current_user.is_authenticated:
        target = request.full_path.rstrip("?") if request.method == "GET" else None
        return redirect(url_for("admin.login", next=target))
    view = current_app.view_functions.get(request.endpoint or "")
    permission = getattr(view, "permission", None)
    if permission is None or not auth.can(current_user, permission):
        abort(403)
    return None


def safe_next(target: str | None) -> str | None:
    """A place inside the back office to return to after login, never another site."""
    if not target or any(char in target for char in "\\\r\n\t"):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not (parts.path + "/").startswith("/admin/"):
        return None
    return target


def form_email() -> str:
    return (request.form.get("email") or "")[:254]


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


def admin_datetime(value: str | None) -> str:
    if not value:
        return "–"
    return format_datetime(datetime.fromisoformat(value), "dd.MM.yyyy, HH:mm")


def admin_helpers() -> dict:
    return {
        "can": lambda permission: auth.can(current_user, permission),
        "field_labels": forms.FIELD_LABELS,
        "more_fields": forms.MORE_FIELDS,
        "status_labels": forms.STATUS_LABELS,
        "role_labels": auth.ROLE_LABELS,
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


bp = back_office_blueprint("admin", __name__)
bp.add_app_template_filter(admin_datetime, "admin_datetime")


# --- offers -------------------------------------------------------------------------------


def visible_offer(offer_id: int | None) -> dict | None:
    """The offer as the signed-in user may see it, else None: drafts and archived offers
    for everyone in the back office, deleted ones only for those who may see deleted
    offers. Every back-office path to an offer by its id goes through here."""
    offer = offer_store.get_offer(web.get_db(), offer_id, public=False) if offer_id else None
    if offer and offer["deleted_at"] and not auth.can(current_user, "offers.undelete"):
        return None
    return offer


def offer_or_404(offer_id: int) -> dict:
    offer = visible_offer(offer_id)
    if offer is None:
        abort(404)
    return offer


def language_names(codes: list[str]) -> dict[str, str]:
    """Each language's name in the back office's language ("Arabisch")."""
    return {code: i18n.language_name(code) for code in codes}


def translated_languages() -> list[str]:
    """Every UI language but German, the offers' source language."""
    return [code for code in i18n.LANGUAGES if code != offer_store.SOURCE_LANG]


@bp.get("/offers")
@bp.get("/")
@requires("offers")
def offers():
    args = request.args
    names = web.districts().names
    chosen = {
        "q": (args.get("q") or "").strip()[:200],
        "category": args.get("category") if args.get("category") in BY_SLUG else "",
        "district": args.get("district") if args.get("district") in names else "",
        "status": args.get("status") if args.get("status") in offer_rules.STATUSES else "",
        "stale": args.get("stale") == "1",
        "untranslated": args.get("untranslated") == "1",
        "sort": args.get("sort") if args.get("sort") in SORTS else "updated",
    }
    query = offer_store.OfferQuery(
        statuses=(chosen["status"],) if chosen["status"] else offer_rules.STATUSES,
        categories=(chosen["category"],) if chosen["category"] else (),
        district=chosen["district"] or None,
        q=chosen["q"] or None,
    )
    found = offer_store.find_offers(web.get_db(), query)
    if chosen["stale"]:
        found = [offer for offer in found if editing.is_stale(offer)]
    languages = translated_languages()
    if chosen["untranslated"]:
        status = offer_store.translation_status(web.get_db(), [o["id"] for o in found], languages)
        found = [o for o in found if status[o["id"]]["missing"] or status[o["id"]]["outdated"]]
    found = _sorted(found, chosen["sort"])
    pages = max(1, math.ceil(len(found) / PAGE_SIZE))
    page = min(max(args.get("page", 1, type=numbers.whole_number), 1), pages)
    shown = found[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    status = offer_store.translation_status(web.get_db(), [o["id"] for o in shown], languages)
    return render_template(
        "admin/offers.html",
        offers=shown,
        total=len(found),
        page=page,
        pages=pages,
        chosen=chosen,
        categories=CATEGORIES,
        district_names=names,
        sorts=SORTS,
        stale=editing.is_stale,
        translation_status=status,
        translated_languages=languages,
        language_names=language_names(languages),
        page_args=lambda number: (
            {k: "1" if v is True else v for k, v in chosen.items() if v} | {"page": number}
        ),
    )


def _sorted(found: list[dict], sort: str) -> list[dict]:
    if sort == "title":
        return sorted(found, key=lambda o: (o["title"].casefold(), o["id"]))
    if sort == "district":
        return sorted(found, key=lambda o: (o["district"] is None, o["district"] or "", o["title"]))
    if sort == "verified":  # never checked first, then the oldest check
        return sorted(found, key=lambda o: (o["verified_at"] or "", o["title"].casefold()))
    return sorted(found, key=lambda o: (o["updated_at"], o["id"]), reverse=True)


def render_offer_form(values: dict, *, offer: dict | None = None, errors=None, status=200, **extra):
    return render_template(
        "admin/offer_form.html",
        values=values,
        offer=offer,
        errors=errors or {},
        categories=CATEGORIES,
        district_names=web.districts().names,
        statuses=forms.STATUS_LABELS,
        target_groups=offer_rules.TARGET_GROUPS,
        language_options=forms.language_options(i18n.current_language()),
        hours_rows=forms.hours_rows(values["opening_hours"]),
        map_config=_map_config(),
        stale=bool(offer) and editing.is_stale(offer),
        **extra,
    ), status


def _map_config() -> dict:
    return web.map_settings() | {
        "geocodeUrl": url_for("admin.geocode"),
        "locateUrl": url_for("admin.locate"),
        "strings": {key: str(text) for key, text in editing.LOCATION_STRINGS.items()},
    }


@bp.route("/offers/new", methods=["GET", "POST"])
@requires("offers")
def offer_new():
    if request.method == "GET":
        return render_offer_form(forms.empty_values())
    values = forms.form_values(request.form)
    if request.form.get("action") == "geocode":
        return _geocode_in_form(values, offer=None)
    try:
        cleaned = editing.clean(values)
    except offer_rules.OfferInvalid as error:
        return render_offer_form(values, errors=error.errors, status=422)
    created = offer_store.create_offer(web.get_db(), cleaned, by=current_user.email, source="admin")
    flash(_l("Angebot angelegt."), "success")
    return redirect(url_for("admin.offer_edit", offer_id=created["id"]))


@bp.route("/offers/<int:offer_id>", methods=["GET", "POST"])
@requires("offers")
def offer_edit(offer_id: int):
    offer = offer_or_404(offer_id)
    if request.method == "GET":
        return render_offer_form(forms.offer_values(offer), offer=offer, version=offer["version"])
    values = forms.form_values(request.form)
    version = request.form.get("version", type=numbers.whole_number)
    if request.form.get("action") == "geocode":
        return _geocode_in_form(values, offer=offer, version=version)
    try:
        cleaned = editing.clean(values)
    except offer_rules.OfferInvalid as error:
        return render_offer_form(
            values, offer=offer, errors=error.errors, status=422, version=version
        )
    db = web.get_db()
    try:
        offer_store.update_offer(
            db, offer_id, cleaned, by=current_user.email, expected_version=version, source="admin"
        )
    except offer_store.VersionConflict as conflict:
        return _conflict(values, cleaned, version, conflict.current)
    flash(_l("Änderungen gespeichert."), "success")
    return redirect(url_for("admin.offer_edit", offer_id=offer_id))


def _conflict(values: dict, mine: dict, version: int | None, current: dict):
    """Someone saved first: show what they changed, keep every value the editor typed."""
    base = offer_store.version_snapshot(web.get_db(), current["id"], version)
    theirs = forms.changed_fields(base, current) if base else forms.changed_fields(mine, current)
    yours = {row["field"]: row for row in forms.changed_fields(current, mine)}
    for row in theirs:
        row["yours"] = forms.display(row["field"], mine.get(row["field"]))
        row["differs"] = row["field"] in yours
    return render_offer_form(
        values,
        offer=current,
        status=409,
        version=current["version"],
        conflict={"changes": theirs, "by": current["updated_by"], "at": current["updated_at"]},
    )


def _geocode_in_form(values: dict, *, offer: dict | None, version: int | None = None):
    """The "find" button without JavaScript: geocode, then show the form again."""
    values, message, ok = editing.place_by_address(values)
    return render_offer_form(values, offer=offer, version=version, geocode_message=(message, ok))


@bp.get("/geocode")
@requires("offers")
def geocode():
    """JSON for the form's "find" button: the point of an address, or why not."""
    result, message, ok = editing.geocode(request.args.get("q") or "")
    if result is None:
        unavailable = {str(editing.LOCATION_STRINGS[key]) for key in ("failed", "busy")}
        status = 503 if message in unavailable else 404
        if message == str(editing.LOCATION_STRINGS["no_address"]):
            status = 400
        return jsonify(error=message, field="street"), status
    return jsonify(result | {"message": message})


@bp.get("/locate")
@requires("offers")
def locate():
    """JSON: the district of a point (the pin was moved)."""
    lat = request.args.get("lat", type=numbers.decimal)
    lng = request.args.get("lng", type=numbers.decimal)
    if lat is None or lng is None:
        return jsonify(error=str(_l("Bitte eine Zahl angeben.")), field="lat"), 400
    district = editing.district_of(lat, lng)
    if district is None:
        return jsonify(error=str(editing.LOCATION_STRINGS["outside"]), field="lat"), 422
    return jsonify(district=district)


@bp.post("/offers/<int:offer_id>/status")
@requires("offers")
def offer_status(offer_id: int):
    offer_or_404(offer_id)
    status = request.form.get("status")
    if status not in offer_rules.STATUSES:
        abort(400)
    offer_store.update_offer(
        web.get_db(), offer_id, {"status": status}, by=current_user.email, action="status"
    )
    flash(_l("Status: %(status)s.", status=forms.STATUS_LABELS[status]), "success")
    return redirect(url_for("admin.offer_edit", offer_id=offer_id))


@bp.post("/offers/<int:offer_id>/verify")
@requires("offers")
def offer_verify(offer_id: int):
    offer_or_404(offer_id)
    today = editing.today().isoformat()
    offer_store.update_offer(
        web.get_db(), offer_id, {"verified_at": today}, by=current_user.email, action="verify"
    )
    flash(_l("Als aktuell bestätigt (geprüft am %(date)s).", date=today), "success")
    return redirect(
        safe_next(request.form.get("next")) or url_for("admin.offer_edit", offer_id=offer_id)
    )


@bp.post("/offers/<int:offer_id>/delete")
@requires("offers")
def offer_delete(offer_id: int):
    offer = offer_or_404(offer_id)
    if not offer["deleted_at"]:
        offer_store.update_offer(
            web.get_db(), offer_id, {"deleted_at": store.now()}, by=current_user.email,
            action="delete",
        )  # fmt: skip
    flash(_l("Angebot gelöscht. Die Administration kann das rückgängig machen."), "success")
    return redirect(url_for("admin.offers"))


@bp.post("/offers/<int:offer_id>/undelete")
@requires("offers.undelete")
def offer_undelete(offer_id: int):
    offer = offer_or_404(offer_id)
    if offer["deleted_at"]:
        offer_store.update_offer(
            web.get_db(), offer_id, {"deleted_at": None}, by=current_user.email, action="undelete"
        )
    flash(_l("Löschen rückgängig gemacht."), "success")
    return redirect(url_for("admin.offer_edit", offer_id=offer_id))


@bp.get("/deleted")
@requires("offers.undelete")
def deleted():
    db = web.get_db()
    rows = db.query("SELECT id FROM offers WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC")
    found = [offer_store.get_offer(db, row["id"], public=False) for row in rows]
    return render_template("admin/deleted.html", offers=found)


@bp.get("/offers/<int:offer_id>/history")
@requires("offers")
def offer_history(offer_id: int):
    offer = offer_or_404(offer_id)
    entries = [
        entry
        | {
            "changes": forms.changed_fields(entry["before"], entry["after"])
            + _translation_changes(entry),
            "label": ACTION_LABELS.get(entry["action"], entry["action"]),
            "translation": entry["action"].startswith("translate"),
        }
        for entry in offer_store.history(web.get_db(), offer_id)
    ]
    return render_template("admin/history.html", offer=offer, entries=entries)


def _translation_changes(entry: dict) -> list[dict]:
    """The rows a translation entry changed: title and description in that language."""
    before = (entry["before"] or {}).get("translation") or {}
    after = (entry["after"] or {}).get("translation") or {}
    lang = after.get("lang") or before.get("lang")
    return [
        {
            "field": field,
            "label": f"{forms.FIELD_LABELS[field]} ({lang})",
            "before": before.get(field) or "–",
            "after": after.get(field) or "–",
            "lang": lang,
        }
        for field in ("title", "description")
        if (before.get(field) or "") != (after.get(field) or "")
    ]


@bp.post("/offers/<int:offer_id>/restore/<int:entry_id>")
@requires("offers")
def offer_restore(offer_id: int, entry_id: int):
    offer_or_404(offer_id)
    db = web.get_db()
    entry = next((e for e in offer_store.history(db, offer_id) if e["id"] == entry_id), None)
    if entry is None or entry["after"] is None:
        abort(404)
    snapshot = {field: entry["after"].get(field) for field in offer_store.EDITABLE_FIELDS}
    offer_store.update_offer(db, offer_id, snapshot, by=current_user.email, action="restore")
    flash(
        _l("Die Fassung vom %(at)s ist wiederhergestellt.", at=admin_datetime(entry["at"])),
        "success",
    )
    return redirect(url_for("admin.offer_history", offer_id=offer_id))


def init_app(app) -> None:
    """Wire accounts, CSRF protection and this blueprint into ``app``."""
    auth.init_app(app)
    app.register_blueprint(bp, url_prefix="/admin")


# The other back-office views register on this blueprint when imported.
from refugee_map.web.admin import accounts as admin_accounts  # noqa: E402, F401
from refugee_map.web.admin import translations as admin_translations  # noqa: E402, F401
