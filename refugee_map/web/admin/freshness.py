"""Keeping the map current (``/admin/freshness``): the stale offers, grouped, with "still
valid", "archive" and e-mails that ask providers to re-confirm their offer."""

from datetime import UTC, datetime, timedelta

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from refugee_map import store
from refugee_map.domain import freshness, mail
from refugee_map.domain.categories import BY_SLUG
from refugee_map.store import confirmations
from refugee_map.web import context as web
from refugee_map.web import editing, regions
from refugee_map.web.admin.gate import back_office_blueprint, offer_or_404
from refugee_map.web.auth import requires

bp = back_office_blueprint("admin_freshness", __name__)


@bp.get("/freshness")
@requires("offers")
def index():
    db = web.get_db()
    stale = _stale_offers(db)
    asked = confirmations.last_asked(db, region=web.region().id)
    return render_template(
        "admin/review/freshness.html",
        groups=freshness.grouped(stale),
        total=len(stale),
        with_email=sum(1 for offer in stale if offer["email"]),
        asked=asked,
        stale_days=editing.stale_days(),
        category=BY_SLUG,
        smtp=mail.SmtpSettings.from_config(current_app.config) is not None,
    )


def _stale_offers(db) -> list[dict]:
    """The stale offers of the request's region."""
    return freshness.stale_offers(db, editing.today(), editing.stale_days(), region=web.region().id)


def _back() -> str:
    anchor = request.form.get("anchor") or ""
    return url_for("admin_freshness.index") + (f"#{anchor}" if anchor.isalnum() else "")


@bp.post("/freshness/<int:offer_id>/valid")
@requires("offers")
def still_valid(offer_id: int):
    offer_or_404(offer_id)
    freshness.confirm(
        web.get_db(), offer_id, editing.today(), by=current_user.email, source="freshness"
    )
    flash(_l("Als noch gültig bestätigt."), "success")
    return redirect(_back())


@bp.post("/freshness/<int:offer_id>/archive")
@requires("offers")
def archive(offer_id: int):
    offer_or_404(offer_id)
    freshness.archive(web.get_db(), offer_id, by=current_user.email, source="freshness")
    flash(_l("Angebot archiviert."), "success")
    return redirect(_back())


@bp.post("/freshness/<int:offer_id>/ask")
@requires("offers")
def ask_one(offer_id: int):
    offer = offer_or_404(offer_id)
    if not offer["email"]:
        flash(_l("Für dieses Angebot ist keine E-Mail-Adresse eingetragen."), "warning")
        return redirect(_back())
    return _ask([offer])


@bp.post("/freshness/ask")
@requires("offers")
def ask_many():
    db = web.get_db()
    wanted = web.ids_or_400([value for value in request.form.getlist("offer") if value])
    stale = _stale_offers(db)
    chosen = [o for o in stale if o["email"] and (o["id"] in wanted or not wanted)]
    if not wanted:  # "ask all" (or a reload of it): whose link still works is not asked again
        link_valid_since = (
            datetime.now(UTC) - timedelta(days=int(current_app.config["CONFIRM_LINK_DAYS"]))
        ).isoformat(timespec="seconds")
        asked = confirmations.last_asked(db, region=web.region().id)
        chosen = [o for o in chosen if asked.get(o["id"], "") < link_valid_since]
    if not chosen:
        flash(_l("Keine veralteten Angebote mit E-Mail-Adresse, die noch nicht gefragt wurden."),
              "warning")  # fmt: skip
        return redirect(url_for("admin_freshness.index"))
    return _ask(chosen)


def _ask(offers: list[dict]):
    """Send the re-confirmation e-mails, or show them for copying without SMTP."""
    config, region = current_app.config, web.region()
    days = int(config["CONFIRM_LINK_DAYS"])
    agency = region.agency_name
    with force_locale(region.default_language):  # the region's language, not the UI's
        messages = [
            mail.confirmation_message(offer, _confirm_link(offer), days, agency, region.site_name)
            for offer in offers
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
        pairs = zip(requests, messages, strict=True)
        confirmations.mark_delivered(db, [r for r, m in pairs if results.get(m.offer_id) is None])
    return render_template(
        "admin/review/sent.html", messages=messages, results=results, smtp=settings is not None,
        mailto=mail.mailto,
    )  # fmt: skip


def _confirm_link(offer: dict) -> str:
    token = mail.make_token(current_app.config["SECRET_KEY"], offer["id"], offer["version"])
    base = regions.site_address(current_app.config["PUBLIC_URL"]).rstrip("/")
    if base:
        return base + url_for("suggestions.confirm", token=token)
    return url_for("suggestions.confirm", token=token, _external=True)
