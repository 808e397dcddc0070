"""The public side of keeping the map current: suggest an offer or a change, report an
outdated one, and the pages of the provider's confirmation link (its checks and spending
are in :mod:`refugee_map.web.confirmations`).

No cookie is set, before or after a visitor sends a form: these forms are exempt from the
session-based CSRF token and refuse cross-site posts by the browser's own headers
(``Sec-Fetch-Site``, ``Origin``) instead. Abuse is held off by a per-address rate limit
(counted in the database, :mod:`form_limits`, so every app process counts alike), a
honeypot field and the length limits of ``offers.clean``. Nothing sent here is published:
it goes to the review queue (:mod:`submissions`).
"""

from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response

from refugee_map import store
from refugee_map.domain import freshness, submissions
from refugee_map.domain import offers as offer_rules
from refugee_map.store import offers as offer_store
from refugee_map.web import auth, confirmations, editing, forms, i18n
from refugee_map.web import context as web

bp = Blueprint("suggestions", __name__)
auth.csrf.exempt(bp)

HONEYPOT = "homepage"
# Languages offered as check boxes on the public form (the editor form knows every one).
COMMON_LANGUAGES = (
    "de", "en", "ar", "fa", "uk", "ru", "tr", "fr", "ku", "ti", "ps", "so", "es", "it", "pl",
    "ro", "bg", "sq", "sr", "ur",
)  # fmt: skip
THANKS = ("new", "change", "report", "confirmed")
FORM_LABELS = forms.FIELD_LABELS | {"comment": _l("Hinweis an die Redaktion")}


@bp.before_request
def refuse_cross_site() -> None:
    """A form posted from another site is refused (the browser tells us where it came from)."""
    if request.method != "POST":
        return
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None and site not in ("same-origin", "none"):
        abort(403)
    origin = request.headers.get("Origin")
    if origin is not None and urlsplit(origin).netloc != request.host:
        abort(403)


@bp.after_request
def private_answers(response: Response) -> Response:
    """Form pages and confirmation links are not kept by caches, nor their addresses sent to
    other sites. (Not "no-referrer": Chromium then posts forms with ``Origin: null``.)"""
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "same-origin"
    return response


@bp.errorhandler(403)
def refused(_error) -> tuple[str, int]:
    return render_template("refused.html", **_page()), 403


@bp.errorhandler(429)
def too_many(error) -> tuple[str, int, dict]:
    wait = {"Retry-After": str(error.retry_after)} if error.retry_after else {}
    return render_template("too_many.html", **_page()), 429, wait


@bp.app_context_processor
def feedback_helpers() -> dict:
    """For the report form on every offer page (``_offer_actions.html``)."""
    return {"report_reasons": submissions.REPORT_REASONS}


@bp.after_app_request
def count_offer_view(response: Response) -> Response:
    """A view of an offer's page: +1 for the offer and month; nothing about who looked."""
    if (
        request.endpoint == "public.offer"
        and request.method == "GET"
        and response.status_code == 200
        and not freshness.is_bot(request.user_agent.string)
        and not _prefetch()
    ):
        month = editing.today().strftime("%Y-%m")
        try:
            freshness.count_view(web.get_db(), request.view_args["offer_id"], month)
        except Exception as error:
            current_app.logger.warning("page view not counted: %s", error)
    return response


def _prefetch() -> bool:
    purpose = request.headers.get("Sec-Purpose") or request.headers.get("Purpose") or ""
    return "prefetch" in purpose


# --- suggesting an offer or a change ------------------------------------------------------


@bp.route("/suggest", methods=["GET", "POST"])
@auth.public_forms_limit
def suggest():
    token = request.values.get("confirm") or ""
    offer, from_provider = _suggested_offer(token)
    if request.method == "GET":
        values = forms.offer_values(offer) if offer else forms.empty_values()
        return _render_suggest(values, offer=offer, token=token, comment="")
    if request.form.get(HONEYPOT):
        return _thanks("change" if offer else "new")
    values = forms.form_values(request.form)
    comment = request.form.get("comment") or ""
    errors: dict[str, str] = {}
    cleaned = None
    try:
        cleaned = _clean(values)
    except offer_rules.OfferInvalid as error:
        errors = dict(error.errors)
    comment, comment_error = _comment(comment)
    if comment_error:
        errors["comment"] = comment_error
    unchanged = cleaned and offer and not submissions.proposed_changes(offer, cleaned)
    if unchanged and not errors and not comment:
        errors["title"] = str(_l("Sie haben noch nichts geändert."))
    if errors:
        return _render_suggest(
            values, offer=offer, token=token, comment=comment, errors=errors, status=422
        )
    payload = {"offer": submissions.public_offer(cleaned), "comment": comment}
    if offer:
        payload |= {"base_version": offer["version"], "from_provider": from_provider}
    db = web.get_db()
    kind, offer_id = ("change", offer["id"]) if offer else ("new", None)
    region = web.region().id
    if not from_provider:
        submissions.add(db, kind, payload, offer_id, region=region)
        return _thanks(kind)
    with store.writing(db):  # the link is spent exactly when the change is stored
        confirmations.spend(db, token, offer_id)
        submissions.add(db, kind, payload, offer_id, region=region)
    return _thanks(kind)


def _suggested_offer(token: str) -> tuple[dict | None, bool]:
    """The offer a change is suggested for (``?offer=``), and whether its provider sends it
    (through a link that is still good: else the request is refused)."""
    raw = request.values.get("offer") or ""
    if not raw:
        return None, False
    offer_id = web.id_or_404(raw)
    if token:
        return confirmations.provider_offer(token, offer_id), True
    offer = web.in_region(offer_store.get_offer(web.get_db(), offer_id, public=True))
    if offer is None:
        abort(404)
    return offer, False


def _clean(values: dict) -> dict:
    """offers.clean via the editor form's rules; without a pin, the address is looked up in
    the offline gazetteer only: a visitor's request never waits for a network geocoder (nor
    sends their text to one). Its pin is approximate; the reviewer places it exactly."""
    values = dict(values, status="draft", verified_at="")
    if not (values["lat"] or values["lng"]) and editing.address(values):
        values, _message, _found = editing.place_by_address(values, editing.gazetteer())
    return editing.clean(values)


def _comment(text: str) -> tuple[str, str | None]:
    try:
        return offer_rules.text_rule(submissions.MAX_COMMENT)(text), None
    except ValueError as error:
        return text[: submissions.MAX_COMMENT], str(error)


def _render_suggest(values, *, offer, token, comment, errors=None, status=200):
    codes = list(dict.fromkeys([*COMMON_LANGUAGES, *values.get("languages", [])]))
    names = dict(forms.language_options(i18n.current_language()))
    return render_template(
        "suggest.html",
        values=values,
        offer=offer,
        token=token,
        comment=comment,
        errors=errors or {},
        labels=FORM_LABELS,
        more_fields=forms.MORE_FIELDS,
        language_choices=[(code, names.get(code, code)) for code in codes],
        slot_rows=forms.hours_rows(values["opening_hours"]),
        pin_config=_pin_config(),
        honeypot=HONEYPOT,
        **_page(),
    ), status


def _pin_config() -> dict:
    return web.map_settings() | {
        "strings": {
            "pin": str(_l("Ort des Angebots (ziehen zum Verschieben)")),
            "pin_set": str(_l("Pin gesetzt.")),
        },
    }


# --- "this is outdated" -------------------------------------------------------------------


@bp.route("/offers/<int:offer_id>/report", methods=["GET", "POST"])
@auth.public_forms_limit
def report(offer_id: int):
    offer = web.in_region(offer_store.get_offer(web.get_db(), offer_id, public=True))
    if offer is None:
        abort(404)
    if request.method == "GET":
        return _render_report(offer, reason="", comment="")
    if request.form.get(HONEYPOT):
        return _thanks("report")
    reason = request.form.get("reason") or ""
    comment, comment_error = _comment(request.form.get("comment") or "")
    errors = {}
    if reason not in submissions.REPORT_REASONS:
        errors["reason"] = str(_l("Bitte wählen Sie, was nicht mehr stimmt."))
    if comment_error:
        errors["comment"] = comment_error
    if reason == "other" and not comment and not errors:
        errors["comment"] = str(_l("Bitte beschreiben Sie kurz, was nicht stimmt."))
    if errors:
        return _render_report(offer, reason=reason, comment=comment, errors=errors, status=422)
    payload = {"reason": reason, "comment": comment, "version": offer["version"]}
    submissions.add(web.get_db(), "report", payload, offer_id, region=web.region().id)
    return _thanks("report")


def _render_report(offer, *, reason, comment, errors=None, status=200):
    return render_template(
        "report.html",
        offer=offer,
        reason=reason,
        comment=comment,
        errors=errors or {},
        reasons=submissions.REPORT_REASONS,
        honeypot=HONEYPOT,
        **_page(),
    ), status


# --- the provider's confirmation link -------------------------------------------------------


@bp.errorhandler(confirmations.LinkRefused)
def link_refused(refusal: confirmations.LinkRefused) -> tuple[str, int]:
    page = render_template("confirm_invalid.html", problem=refusal.problem, **_page())
    return page, refusal.status


@bp.route("/confirm/<token>", methods=["GET", "POST"])
@auth.public_forms_limit
def confirm(token: str):
    offer = confirmations.provider_offer(token)
    if request.method == "GET":
        return render_template("confirm.html", offer=offer, token=token, **_page())
    confirmations.confirm(token, offer)
    return _thanks("confirmed")


# --- thanks -----------------------------------------------------------------------------------


@bp.get("/thanks/<kind>")
def thanks(kind: str):
    if kind not in THANKS:
        abort(404)
    return render_template("thanks.html", kind=kind, **_page())


def _thanks(kind: str) -> Response:
    return redirect(url_for("suggestions.thanks", kind=kind, **_lang()), 303)


def _lang() -> dict:
    lang = request.args.get("lang")
    return {"lang": lang} if lang in i18n.LANGUAGES else {}


def _page() -> dict:
    """What the public templates share (offer pages use the public blueprint's helpers)."""
    from refugee_map.web import public

    return public.page_context()
