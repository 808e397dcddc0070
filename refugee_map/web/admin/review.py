"""The back office's side of keeping the map current (``/admin/review``, ``/admin/freshness``,
``/admin/dashboard``): the review queue of suggestions and reports, the stale offers with
"still valid", "archive" and re-confirmation e-mails, and the figures for funders.

The views sit behind the back office's one gate (:func:`admin.guard`) and declare their
permission with :func:`auth.requires`, like every admin view.
"""

from datetime import UTC, datetime, timedelta

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from refugee_map import store
from refugee_map.domain import freshness, mail, numbers, submissions
from refugee_map.domain.categories import BY_SLUG, CATEGORIES
from refugee_map.store import confirmations
from refugee_map.store import offers as offer_store
from refugee_map.web import auth, editing, forms
from refugee_map.web import context as web
from refugee_map.web.admin import offers as admin
from refugee_map.web.auth import requires

bp = admin.back_office_blueprint("review", __name__)

KIND_LABELS = {
    "new": _l("Neues Angebot"),
    "change": _l("Änderungsvorschlag"),
    "report": _l("Meldung „veraltet“"),
}
STATUS_LABELS = {"open": _l("offen"), "accepted": _l("übernommen"), "rejected": _l("abgelehnt")}
VIEW_MONTHS = 6


@bp.app_context_processor
def review_counts() -> dict:
    """Open review items for the admin navigation, counted only when a page asks."""

    def counts() -> dict[str, int]:
        if not auth.can(current_user, "offers"):
            return {"total": 0}
        return submissions.open_counts(web.get_db())

    return {"review_counts": counts}


@bp.context_processor
def review_helpers() -> dict:
    return {
        "kind_labels": KIND_LABELS,
        "decision_labels": STATUS_LABELS,
    }


# --- the queue ------------------------------------------------------------------------------


@bp.get("/review")
@requires("offers")
def queue():
    db = web.get_db()
    items = submissions.open_items(db)
    titles = {item["offer_id"]: _title(item["offer_id"]) for item in items if item["offer_id"]}
    return render_template(
        "admin/review/queue.html",
        items=items,
        titles=titles,
        decided=submissions.decided_items(db),
        counts=submissions.open_counts(db),
    )


def _title(offer_id: int) -> str:
    offer = admin.visible_offer(offer_id)
    return offer["title"] if offer else f"#{offer_id}"


def _submission_or_404(submission_id: int) -> dict:
    submission = submissions.get(web.get_db(), submission_id)
    if submission is None:
        abort(404)
    return submission


@bp.get("/review/<int:submission_id>")
@requires("offers")
def item(submission_id: int):
    submission = _submission_or_404(submission_id)
    db = web.get_db()
    offer_id = submission["offer_id"]
    offer = admin.visible_offer(offer_id)
    rows: list[dict] = []
    if submission["kind"] == "new":
        rows = forms.changed_fields(None, submission["payload"]["offer"])
    elif submission["kind"] == "change" and offer:
        rows = forms.changed_fields(offer, offer | _suggested_changes(db, submission, offer))
    return render_template(
        "admin/review/item.html",
        submission=submission,
        offer=offer,
        rows=rows,
        moved_on=bool(offer)
        and submission["payload"].get("base_version", offer["version"]) != offer["version"],
    )


def _suggested_changes(db, submission: dict, offer: dict) -> dict:
    """What the suggester changed, measured against the version they saw, so that edits
    made since then are kept rather than undone."""
    payload = submission["payload"]
    base = offer_store.version_snapshot(db, offer["id"], payload.get("base_version")) or offer
    return submissions.proposed_changes(base, payload["offer"])


@bp.post("/review/<int:submission_id>/accept")
@requires("offers")
def accept(submission_id: int):
    submission = _submission_or_404(submission_id)
    db = web.get_db()
    by = current_user.email
    # a change or report needs its offer, and only one the user may see
    offer = None if submission["kind"] == "new" else admin.offer_or_404(submission["offer_id"])
    try:
        if submission["kind"] == "new":
            status = request.form.get("status")
            status = status if status in ("draft", "published") else "draft"
            created = submissions.accept_new(
                db, submission_id, submission["payload"]["offer"] | {"status": status}, by=by
            )
            flash(_l("Vorschlag übernommen: Angebot angelegt."), "success")
            return redirect(url_for("admin.offer_edit", offer_id=created["id"]))
        if submission["kind"] == "change":
            changes = _suggested_changes(db, submission, offer)
            provider = submission["payload"].get("from_provider")
            submissions.accept_change(
                db, submission_id, changes, by=by,
                verified_at=editing.today().isoformat() if provider else None,
            )  # fmt: skip
            flash(_l("Änderungen übernommen."), "success")
            return redirect(url_for("admin.offer_edit", offer_id=submission["offer_id"]))
        archive = request.form.get("action") == "archive"
        submissions.accept_report(db, submission_id, by=by, archive=archive)
        if archive:
            flash(_l("Meldung übernommen: Angebot archiviert."), "success")
            return redirect(url_for("review.queue"))
        flash(_l("Meldung übernommen. Bitte korrigieren Sie jetzt das Angebot."), "success")
        return redirect(url_for("admin.offer_edit", offer_id=submission["offer_id"]))
    except submissions.AlreadyDecided:
        flash(_l("Das hat inzwischen jemand anderes entschieden."), "warning")
        return redirect(url_for("review.item", submission_id=submission_id))


@bp.post("/review/<int:submission_id>/reject")
@requires("offers")
def reject(submission_id: int):
    _submission_or_404(submission_id)
    reason = (request.form.get("reason") or "").strip()[: submissions.MAX_REASON]
    try:
        submissions.reject(web.get_db(), submission_id, by=current_user.email, reason=reason)
    except submissions.AlreadyDecided:
        flash(_l("Das hat inzwischen jemand anderes entschieden."), "warning")
        return redirect(url_for("review.item", submission_id=submission_id))
    flash(_l("Abgelehnt."), "success")
    return redirect(url_for("review.queue"))


@bp.route("/review/<int:submission_id>/edit", methods=["GET", "POST"])
@requires("offers")
def edit(submission_id: int):
    """Edit, then accept: the normal offer form, prefilled with the suggestion."""
    submission = _submission_or_404(submission_id)
    if submission["kind"] == "report" or submission["status"] != "open":
        abort(404)
    db = web.get_db()
    offer = None
    if submission["kind"] == "change":
        offer = admin.offer_or_404(submission["offer_id"])
    action = url_for("review.edit", submission_id=submission_id)
    if request.method == "GET":
        proposed = submission["payload"]["offer"]
        values = forms.offer_values(offer | proposed if offer else proposed | {"status": "draft"})
        if offer:
            values |= {"status": offer["status"], "verified_at": offer["verified_at"] or ""}
        flash(
            _l(
                "Vorschlag #%(n)d: Prüfen und ergänzen Sie die Angaben. "
                "Speichern übernimmt den Vorschlag.",
                n=submission_id,
            ),
            "info",
        )
        return admin.render_offer_form(
            values, offer=offer, version=offer and offer["version"], form_action=action
        )
    values = forms.form_values(request.form)
    version = request.form.get("version", type=numbers.whole_number)
    if request.form.get("action") == "geocode":  # "find" without JavaScript
        values, message, ok = editing.place_by_address(values)
        return admin.render_offer_form(
            values, offer=offer, version=version, form_action=action,
            geocode_message=(message, ok),
        )  # fmt: skip
    try:
        cleaned = editing.clean(values)
    except admin.offer_rules.OfferInvalid as error:
        return admin.render_offer_form(
            values, offer=offer, errors=error.errors, status=422, version=version,
            form_action=action,
        )  # fmt: skip
    try:
        if offer is None:
            created = submissions.accept_new(db, submission_id, cleaned, by=current_user.email)
            offer_id = created["id"]
        else:
            submissions.accept_change(
                db, submission_id, cleaned, by=current_user.email, expected_version=version
            )
            offer_id = offer["id"]
    except submissions.AlreadyDecided:
        flash(_l("Das hat inzwischen jemand anderes entschieden."), "warning")
        return redirect(url_for("review.item", submission_id=submission_id))
    except offer_store.VersionConflict as conflict:
        flash(
            _l("Das Angebot wurde inzwischen geändert. Bitte prüfen Sie die Angaben erneut."),
            "warning",
        )
        return admin.render_offer_form(
            values, offer=conflict.current, status=409, version=conflict.current["version"],
            form_action=action,
        )  # fmt: skip
    flash(_l("Vorschlag übernommen."), "success")
    return redirect(url_for("admin.offer_edit", offer_id=offer_id))


# --- freshness --------------------------------------------------------------------------------


def _stale_days() -> int:
    return int(current_app.config["STALE_DAYS"])


@bp.get("/freshness")
@requires("offers")
def freshness_page():
    db = web.get_db()
    stale = freshness.stale_offers(db, editing.today(), _stale_days())
    asked = confirmations.last_asked(db)
    return render_template(
        "admin/review/freshness.html",
        groups=freshness.grouped(stale),
        total=len(stale),
        with_email=sum(1 for offer in stale if offer["email"]),
        asked=asked,
        stale_days=_stale_days(),
        category=BY_SLUG,
        smtp=mail.SmtpSettings.from_config(current_app.config) is not None,
    )


def _back() -> str:
    anchor = request.form.get("anchor") or ""
    return url_for("review.freshness_page") + (f"#{anchor}" if anchor.isalnum() else "")


@bp.post("/freshness/<int:offer_id>/valid")
@requires("offers")
def still_valid(offer_id: int):
    admin.offer_or_404(offer_id)
    freshness.confirm(
        web.get_db(), offer_id, editing.today(), by=current_user.email, source="freshness"
    )
    flash(_l("Als noch gültig bestätigt."), "success")
    return redirect(_back())


@bp.post("/freshness/<int:offer_id>/archive")
@requires("offers")
def archive(offer_id: int):
    admin.offer_or_404(offer_id)
    freshness.archive(web.get_db(), offer_id, by=current_user.email, source="freshness")
    flash(_l("Angebot archiviert."), "success")
    return redirect(_back())


@bp.post("/freshness/<int:offer_id>/ask")
@requires("offers")
def ask_one(offer_id: int):
    offer = admin.offer_or_404(offer_id)
    if not offer["email"]:
        flash(_l("Für dieses Angebot ist keine E-Mail-Adresse eingetragen."), "warning")
        return redirect(_back())
    return _ask([offer])


@bp.post("/freshness/ask")
@requires("offers")
def ask_many():
    db = web.get_db()
    wanted = web.ids_or_400([value for value in request.form.getlist("offer") if value])
    stale = freshness.stale_offers(db, editing.today(), _stale_days())
    chosen = [o for o in stale if o["email"] and (o["id"] in wanted or not wanted)]
    if not wanted:  # "ask all" (or a reload of it): whose link still works is not asked again
        link_valid_since = (
            datetime.now(UTC) - timedelta(days=int(current_app.config["CONFIRM_LINK_DAYS"]))
        ).isoformat(timespec="seconds")
        asked = confirmations.last_asked(db)
        chosen = [o for o in chosen if asked.get(o["id"], "") < link_valid_since]
    if not chosen:
        flash(_l("Keine veralteten Angebote mit E-Mail-Adresse, die noch nicht gefragt wurden."),
              "warning")  # fmt: skip
        return redirect(url_for("review.freshness_page"))
    return _ask(chosen)


def _ask(offers: list[dict]):
    """Send the re-confirmation e-mails, or show them for copying without SMTP."""
    config = current_app.config
    days = int(config["CONFIRM_LINK_DAYS"])
    agency = config["AGENCY_NAME"]
    with force_locale(config["BABEL_DEFAULT_LOCALE"]):  # the region's language, not the UI's
        messages = [
            mail.confirmation_message(offer, _confirm_link(offer), days, agency) for offer in offers
        ]
    settings = mail.SmtpSettings.from_config(config)
    db = web.get_db()
    # Recorded before sending: a busy database (503, "send again") has sent nothing yet.
    stamp, by = store.now(), current_user.email
    requests = confirmations.record_requests(
        db, [{"offer_id": m.offer_id, "email": m.to, "sent_at": stamp, "sent_by": by}
             for m in messages]
    )  # fmt: skip
    results = mail.send(settings, messages) if settings else {}
    if settings:
        delivered = zip(requests, messages, strict=True)
        confirmations.mark_delivered(
            db, [r for r, m in delivered if results.get(m.offer_id) is None]
        )
    return render_template(
        "admin/review/sent.html", messages=messages, results=results, smtp=settings is not None
    )


def _confirm_link(offer: dict) -> str:
    token = mail.make_token(current_app.config["SECRET_KEY"], offer["id"], offer["version"])
    base = current_app.config["PUBLIC_URL"].rstrip("/")
    if base:
        return base + url_for("suggestions.confirm", token=token)
    return url_for("suggestions.confirm", token=token, _external=True)


# --- figures ----------------------------------------------------------------------------------


@bp.get("/dashboard")
@requires("offers")
def dashboard():
    db = web.get_db()
    today = editing.today()
    months = freshness.last_months(today, VIEW_MONTHS)
    figures = freshness.figures(db, today, _stale_days())
    labels = {c.slug: str(c.label) for c in CATEGORIES}
    return render_template(
        "admin/review/dashboard.html",
        figures=figures,
        per_category=[(labels.get(slug, slug), n) for slug, n in figures["per_category"]],
        per_district=[
            (name or str(_l("ohne Stadtbezirk")), n) for name, n in figures["per_district"]
        ],
        counts=submissions.open_counts(db),
        months=months,
        monthly=freshness.views_per_month(db, months),
        views=freshness.views(db, months)[:50],
    )
