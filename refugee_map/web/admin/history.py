"""An offer's history in the back office: every change with who and when, restoring an
earlier version, and the deleted offers with "undo delete"."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from refugee_map.domain import edits
from refugee_map.store import offer_history
from refugee_map.store import offers as offer_store
from refugee_map.web import context as web
from refugee_map.web import editing, forms, i18n
from refugee_map.web.admin import labels
from refugee_map.web.admin.gate import admin_datetime, back_office_blueprint, offer_or_404
from refugee_map.web.auth import requires

bp = back_office_blueprint("admin_history", __name__)


@bp.get("/offers/<int:offer_id>/history")
@requires("offers")
def show(offer_id: int):
    offer = offer_or_404(offer_id)
    entries = [
        entry
        | {
            "changes": forms.changed_fields(entry["before"], entry["after"])
            + _translation_changes(entry),
            "label": labels.label(entry["action"], "action"),
            "translation": entry["action"].startswith("translate"),
        }
        for entry in offer_history.history(web.get_db(), offer_id)
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
            "label": f"{forms.FIELD_LABELS[field]} ({i18n.language_name(lang)})",
            "before": before.get(field) or "–",
            "after": after.get(field) or "–",
            "lang": lang,
        }
        for field in ("title", "description")
        if (before.get(field) or "") != (after.get(field) or "")
    ]


@bp.post("/offers/<int:offer_id>/restore/<int:entry_id>")
@requires("offers")
def restore(offer_id: int, entry_id: int):
    offer_or_404(offer_id)
    db = web.get_db()
    entry = next((e for e in offer_history.history(db, offer_id) if e["id"] == entry_id), None)
    if entry is None or entry["after"] is None:
        abort(404)
    edits.restore(db, offer_id, entry["after"], editing.today(), by=current_user.email)
    flash(
        _l("Die Fassung vom %(at)s ist wiederhergestellt.", at=admin_datetime(entry["at"])),
        "success",
    )
    return redirect(url_for("admin_history.show", offer_id=offer_id))


@bp.get("/deleted")
@requires("offers.undelete")
def deleted():
    db, region = web.get_db(), web.region().id
    found = [
        offer_store.get_offer(db, offer_id, public=False, region=region)
        for offer_id in offer_store.deleted_ids(db, region=region)
    ]
    return render_template("admin/deleted.html", offers=found)


@bp.post("/offers/<int:offer_id>/undelete")
@requires("offers.undelete")
def undelete(offer_id: int):
    offer = offer_or_404(offer_id)
    if offer["deleted_at"]:
        offer_store.update_offer(
            web.get_db(), offer_id, {"deleted_at": None}, by=current_user.email, action="undelete"
        )
    flash(_l("Löschen rückgängig gemacht."), "success")
    return redirect(url_for("admin_offers.edit", offer_id=offer_id))
