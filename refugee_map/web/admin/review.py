"""The review queue (``/admin/review``): suggestions and reports from the public, each
accepted, rejected, or edited in the offer form and then accepted.

The views sit behind the back office's one gate (:mod:`refugee_map.web.admin.gate`) and
declare their permission with :func:`auth.requires`, like every admin view.
"""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from refugee_map.domain import accounts as account_rules
from refugee_map.domain import submissions
from refugee_map.web import context as web
from refugee_map.web import editing, forms
from refugee_map.web.admin.gate import back_office_blueprint, offer_or_404, visible_offer
from refugee_map.web.admin.offer_form import OfferForm
from refugee_map.web.auth import requires

bp = back_office_blueprint("admin_review", __name__)


@bp.app_context_processor
def review_counts() -> dict:
    """Open review items for the admin navigation, counted only when a page asks."""

    def counts() -> dict[str, int]:
        if not account_rules.can(current_user, "offers", web.region().id):
            return {"total": 0}
        return submissions.open_counts(web.get_db())

    return {"review_counts": counts}


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
    offer = visible_offer(offer_id)
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
    offer = visible_offer(offer_id)
    rows: list[dict] = []
    since: list[str] = []
    if submission["kind"] == "new":
        rows = forms.changed_fields(None, submission["payload"]["offer"])
    elif submission["kind"] == "change" and offer:
        suggested, since = submissions.suggested_and_changed_since(db, submission, offer)
        rows = forms.changed_fields(offer, offer | suggested)
    return render_template(
        "admin/review/item.html",
        submission=submission,
        offer=offer,
        rows=rows,
        changed_since=since,
        changed_since_labels=[str(forms.FIELD_LABELS.get(field, field)) for field in since],
    )


@bp.post("/review/<int:submission_id>/accept")
@requires("offers")
def accept(submission_id: int):
    submission = _submission_or_404(submission_id)
    db = web.get_db()
    by = current_user.email
    # a change or report needs its offer, and only one the user may see
    offer = None if submission["kind"] == "new" else offer_or_404(submission["offer_id"])
    try:
        if submission["kind"] == "new":
            status = request.form.get("status")
            status = status if status in ("draft", "published") else "draft"
            proposed = submission["payload"]["offer"] | {"status": status}
            created = submissions.accept_new(
                db, submission_id, proposed, editing.today(), by=by, region=web.region().id
            )
            flash(_l("Vorschlag übernommen: Angebot angelegt."), "success")
            return redirect(url_for("admin_offers.edit", offer_id=created["id"]))
        if submission["kind"] == "change":
            submissions.accept_change(
                db, submission_id, submissions.suggested_changes(db, submission, offer),
                editing.today(), by=by,
                provider_checked=bool(submission["payload"].get("from_provider")),
            )  # fmt: skip
            flash(_l("Änderungen übernommen."), "success")
            return redirect(url_for("admin_offers.edit", offer_id=submission["offer_id"]))
        archive = request.form.get("action") == "archive"
        submissions.accept_report(db, submission_id, by=by, archive=archive)
        if archive:
            flash(_l("Meldung übernommen: Angebot archiviert."), "success")
            return redirect(url_for("admin_review.queue"))
        flash(_l("Meldung übernommen. Bitte korrigieren Sie jetzt das Angebot."), "success")
        return redirect(url_for("admin_offers.edit", offer_id=submission["offer_id"]))
    except submissions.AlreadyDecided:
        flash(_l("Das hat inzwischen jemand anderes entschieden."), "warning")
        return redirect(url_for("admin_review.item", submission_id=submission_id))


@bp.post("/review/<int:submission_id>/reject")
@requires("offers")
def reject(submission_id: int):
    _submission_or_404(submission_id)
    reason = (request.form.get("reason") or "").strip()[: submissions.MAX_REASON]
    try:
        submissions.reject(web.get_db(), submission_id, by=current_user.email, reason=reason)
    except submissions.AlreadyDecided:
        flash(_l("Das hat inzwischen jemand anderes entschieden."), "warning")
        return redirect(url_for("admin_review.item", submission_id=submission_id))
    flash(_l("Abgelehnt."), "success")
    return redirect(url_for("admin_review.queue"))


@bp.route("/review/<int:submission_id>/edit", methods=["GET", "POST"])
@requires("offers")
def edit(submission_id: int):
    """Edit, then accept: the normal offer form, prefilled with the suggestion."""
    submission = _submission_or_404(submission_id)
    if submission["kind"] == "report" or submission["status"] != "open":
        abort(404)
    offer = offer_or_404(submission["offer_id"]) if submission["kind"] == "change" else None
    form = OfferForm(offer, action=url_for("admin_review.edit", submission_id=submission_id))
    if request.method == "GET":
        flash(
            _l(
                "Vorschlag #%(n)d: Prüfen und ergänzen Sie die Angaben. "
                "Speichern übernimmt den Vorschlag.",
                n=submission_id,
            ),
            "info",
        )
        return form.show(_proposed_values(web.get_db(), submission, offer))
    try:
        return form.submit(_acceptance(submission_id, offer), _l("Vorschlag übernommen."))
    except submissions.AlreadyDecided:
        flash(_l("Das hat inzwischen jemand anderes entschieden."), "warning")
        return redirect(url_for("admin_review.item", submission_id=submission_id))


def _proposed_values(db, submission: dict, offer: dict | None) -> dict:
    """The form's values: what the suggester changed over the offer as it is now (a new
    offer starts as a draft)."""
    if offer is None:
        return forms.offer_values(submission["payload"]["offer"] | {"status": "draft"})
    return forms.offer_values(offer | submissions.suggested_changes(db, submission, offer))


def _acceptance(submission_id: int, offer: dict | None):
    """How the offer form saves here: accepting the suggestion with the edited values."""
    db, by = web.get_db(), current_user.email

    def accept_edited(cleaned: dict, version: int | None) -> int:
        if offer is None:
            return submissions.accept_new(
                db, submission_id, cleaned, editing.today(), by=by, region=web.region().id
            )["id"]
        submissions.accept_change(
            db, submission_id, cleaned, editing.today(), by=by, expected_version=version
        )
        return offer["id"]

    return accept_edited
