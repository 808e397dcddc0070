"""The back office's offer pages (``/admin/offers``): the list, the offer form, status,
"checked today" and deleting, and the form's JSON helpers for the location picker."""

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from refugee_map import store
from refugee_map.domain import edits, numbers
from refugee_map.domain import offers as offer_rules
from refugee_map.domain.categories import BY_SLUG, CATEGORIES
from refugee_map.domain.freshness import stale_before
from refugee_map.store import offer_lists
from refugee_map.store import offers as offer_store
from refugee_map.store import translations as translation_store
from refugee_map.web import context as web
from refugee_map.web import editing, forms, i18n
from refugee_map.web.admin.gate import (
    back_office_blueprint,
    back_to,
    offer_or_404,
    safe_next,
    translated_languages,
)
from refugee_map.web.admin.offer_form import OfferForm
from refugee_map.web.auth import requires

bp = back_office_blueprint("admin_offers", __name__)

PAGE_SIZE = 50
SORTS = {
    "updated": _l("Letzte Änderung"),
    "title": _l("Titel"),
    "district": _l("Stadtbezirk"),
    "verified": _l("Letzte Prüfung"),
}


@bp.get("/offers")
@bp.get("/")
@requires("offers")
def index():
    chosen = _chosen_filters(request.args)
    languages = translated_languages()
    found = offer_lists.offer_page(
        web.get_db(),
        _query(chosen),
        sort=chosen["sort"],
        page=request.args.get("page", 1, type=numbers.whole_number),
        page_size=PAGE_SIZE,
        stale_before=_stale_before() if chosen["stale"] else None,
        untranslated_in=tuple(languages) if chosen["untranslated"] else (),
    )
    ids = [offer["id"] for offer in found.offers]
    return render_template(
        "admin/offers.html",
        offers=found.offers,
        total=found.total,
        page=found.page,
        pages=found.pages,
        chosen=chosen,
        categories=CATEGORIES,
        district_names=web.districts().names,
        sorts=SORTS,
        stale=editing.is_stale,
        translation_status=translation_store.translation_status(web.get_db(), ids, languages),
        translated_languages=languages,
        language_names={code: i18n.language_name(code) for code in languages},
        page_args=lambda number: (
            {k: "1" if v is True else v for k, v in chosen.items() if v} | {"page": number}
        ),
    )


def _chosen_filters(args) -> dict:
    """The list's filters as asked for; what is not known is not a filter."""
    return {
        "q": (args.get("q") or "").strip()[:200],
        "category": args.get("category") if args.get("category") in BY_SLUG else "",
        "district": args.get("district") if args.get("district") in web.districts().names else "",
        "status": args.get("status") if args.get("status") in offer_rules.STATUSES else "",
        "stale": args.get("stale") == "1",
        "untranslated": args.get("untranslated") == "1",
        "sort": args.get("sort") if args.get("sort") in SORTS else "updated",
    }


def _query(chosen: dict) -> offer_store.OfferQuery:
    """The list's filters as a query over the offers of the request's region."""
    return offer_store.OfferQuery(
        statuses=(chosen["status"],) if chosen["status"] else offer_rules.STATUSES,
        categories=(chosen["category"],) if chosen["category"] else (),
        district=chosen["district"] or None,
        q=chosen["q"] or None,
        region=web.region().id,
    )


def _stale_before() -> str:
    """Offers last checked before this date count as stale (what the list marks)."""
    return stale_before(editing.today(), editing.stale_days())


@bp.route("/offers/new", methods=["GET", "POST"])
@requires("offers")
def new():
    form = OfferForm()
    if request.method == "GET":
        return form.show(forms.empty_values())

    def create(cleaned: dict, _version: int | None) -> int:
        created = edits.create(web.get_db(), cleaned, editing.today(), by=current_user.email,
                               source="admin", region=web.region().id)  # fmt: skip
        return created["id"]

    return form.submit(create, _l("Angebot angelegt."))


@bp.route("/offers/<int:offer_id>", methods=["GET", "POST"])
@requires("offers")
def edit(offer_id: int):
    form = OfferForm(offer_or_404(offer_id))
    if request.method == "GET":
        return form.show(forms.offer_values(form.offer))

    def update(cleaned: dict, version: int | None) -> int:
        edits.update(
            web.get_db(), offer_id, cleaned, editing.today(), by=current_user.email,
            expected_version=version, source="admin",
        )  # fmt: skip
        return offer_id

    return form.submit(update, _l("Änderungen gespeichert."))


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
def status(offer_id: int):
    offer_or_404(offer_id)
    chosen = request.form.get("status")
    if chosen not in offer_rules.STATUSES:
        abort(400)
    edits.update(
        web.get_db(), offer_id, {"status": chosen}, editing.today(), by=current_user.email,
        action="status",
    )  # fmt: skip
    flash(_l("Status: %(status)s.", status=forms.STATUS_LABELS[chosen]), "success")
    return redirect(url_for("admin_offers.edit", offer_id=offer_id))


@bp.post("/offers/<int:offer_id>/verify")
@requires("offers")
def verify(offer_id: int):
    offer_or_404(offer_id)
    today = editing.today().isoformat()
    offer_store.update_offer(
        web.get_db(), offer_id, {"verified_at": today}, by=current_user.email, action="verify"
    )
    flash(_l("Als aktuell bestätigt (geprüft am %(date)s).", date=today), "success")
    return back_to(
        safe_next(request.form.get("next")), url_for("admin_offers.edit", offer_id=offer_id)
    )


@bp.post("/offers/<int:offer_id>/delete")
@requires("offers")
def delete(offer_id: int):
    offer = offer_or_404(offer_id)
    if not offer["deleted_at"]:
        offer_store.update_offer(
            web.get_db(), offer_id, {"deleted_at": store.now()}, by=current_user.email,
            action="delete",
        )  # fmt: skip
    flash(_l("Angebot gelöscht. Die Administration kann das rückgängig machen."), "success")
    return redirect(url_for("admin_offers.index"))
