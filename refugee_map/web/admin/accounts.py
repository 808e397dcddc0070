"""Signing in and out and one's own password (the accounts themselves: ``admin.users``).

The login page is the one back-office page the gate lets through without an account.
"""

import hashlib
import math
import secrets

from flask import (
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user, login_user, logout_user
from itsdangerous import BadSignature, URLSafeTimedSerializer
from werkzeug.wrappers import Response

from refugee_map.domain import accounts as account_rules
from refugee_map.domain import login_limits
from refugee_map.domain import users as user_accounts
from refugee_map.web import auth, security
from refugee_map.web import context as web
from refugee_map.web.admin.gate import (
    LOGIN_ENDPOINT,
    back_office_blueprint,
    back_to,
    can_here,
    other_regions_account,
    safe_next,
)
from refugee_map.web.auth import requires

bp = back_office_blueprint("admin_accounts", __name__)

# --- signing in and out -------------------------------------------------------------------

LIMIT_REASONS = {
    "account": _l(
        "Zu viele fehlgeschlagene Anmeldungen für dieses Konto von diesem Gerät oder Netzwerk."
    ),
    "address": _l("Zu viele fehlgeschlagene Anmeldungen von diesem Netzwerk."),
    "delay": _l("Für dieses Konto gab es gerade viele fehlgeschlagene Anmeldungen."),
}
# A browser that signed in to an account is trusted for it: its own limit, not its address's.
DEVICE_COOKIE = "refugee_map_device"
DEVICE_SECONDS = 90 * 24 * 60 * 60


def _wait_text(seconds: int) -> str:
    if seconds < 120:
        return ngettext(
            "Bitte versuchen Sie es in %(num)d Sekunde erneut.",
            "Bitte versuchen Sie es in %(num)d Sekunden erneut.",
            seconds,
        )
    return ngettext(
        "Bitte versuchen Sie es in %(num)d Minute erneut.",
        "Bitte versuchen Sie es in %(num)d Minuten erneut.",
        math.ceil(seconds / 60),
    )


def form_email() -> str:
    return (request.form.get("email") or "")[:254]


def refusal_message(refusal: login_limits.TooManyAttempts) -> str:
    return f"{LIMIT_REASONS[refusal.reason]} {_wait_text(refusal.wait)}"


def checked_password(email: str, password: str) -> account_rules.User | None:
    """The active user with this e-mail and password, else None; the attempt is counted
    first (raises login_limits.TooManyAttempts), and forgotten when it succeeds."""
    db = web.get_db()
    account = account_rules.account_key(email)
    limits = login_limits.Limits.from_config(current_app.config)
    attempt = login_limits.reserve(db, account, _source(account), limits)
    user = user_accounts.authenticate(db, email, password, ph=auth.password_hasher())
    if user is not None:
        login_limits.forget(db, attempt)
    return user


def _devices() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="trusted-device")


def _account_digest(account: str) -> str:
    return hashlib.sha256(account.encode()).hexdigest()[:32]


def _trusted_device(account: str) -> str | None:
    """The id of this browser when it signed in to ``account`` before (a signed cookie)."""
    try:
        value = _devices().loads(request.cookies.get(DEVICE_COOKIE, ""), max_age=DEVICE_SECONDS)
    except BadSignature:
        return None
    if not isinstance(value, dict) or value.get("account") != _account_digest(account):
        return None
    return str(value.get("device") or "") or None


def _source(account: str) -> str:
    device = _trusted_device(account)
    if device:
        return login_limits.device_source(device)
    return login_limits.address_source(request.remote_addr)


def _trust_this_browser(response: Response, account: str) -> None:
    device = _trusted_device(account) or secrets.token_urlsafe(16)
    response.set_cookie(
        DEVICE_COOKIE,
        _devices().dumps({"account": _account_digest(account), "device": device}),
        max_age=DEVICE_SECONDS,
        path=f"{request.script_root}/admin/",  # the login form and the own password form
        secure=security.cookie_secure(),
        httponly=True,
        samesite="Lax",
    )


@bp.route("/login", methods=["GET", "POST"])
def login():
    next_url = safe_next(request.values.get("next"))
    if can_here("account"):
        return back_to(next_url, url_for("admin_offers.index"))
    if request.method == "GET":
        signed_in_elsewhere = current_user.is_authenticated  # as an account of another region
        return login_page(next_url, other_regions_account() if signed_in_elsewhere else None)
    try:
        user = checked_password(form_email(), request.form.get("password") or "")
    except login_limits.TooManyAttempts as refusal:
        return login_page(next_url, refusal_message(refusal), 429, {"Retry-After": refusal.wait})
    if user is None:
        message = _l("E-Mail-Adresse oder Passwort stimmt nicht (oder das Konto ist gesperrt).")
        return login_page(next_url, message, 401)
    if not account_rules.may_enter(user, web.region().id):
        return login_page(next_url, other_regions_account(), 403)
    _sign_in(user)
    response = back_to(next_url, url_for("admin_offers.index"))
    _trust_this_browser(response, account_rules.account_key(user.email))
    return response


def login_page(next_url: str | None, error=None, status: int = 200, headers=None):
    page = render_template("admin/login.html", error=error, email=form_email(), next=next_url)
    return page, status, {name: str(value) for name, value in (headers or {}).items()}


def _sign_in(user: account_rules.User) -> None:
    """A new session for ``user``; the browser's session before ends (of another region's
    account, say)."""
    db = web.get_db()
    if current_user.is_authenticated:
        user_accounts.end_session(db, current_user.session_token)
    session.clear()  # a fresh session: no fixation
    user_accounts.start_session(db, user, current_app.permanent_session_lifetime)
    session.permanent = True
    login_user(user)


@bp.post("/logout")
@requires("account")
def logout():
    user_accounts.end_session(web.get_db(), current_user.session_token)
    logout_user()
    session.clear()
    flash(_l("Sie sind abgemeldet."), "success")
    return redirect(url_for(LOGIN_ENDPOINT))


@bp.route("/account", methods=["GET", "POST"])
@requires("account")
def account():
    errors: dict[str, str] = {}
    if request.method == "POST":
        db = web.get_db()
        new = request.form.get("new_password") or ""
        try:
            current = checked_password(current_user.email, request.form.get("password") or "")
        except login_limits.TooManyAttempts as refusal:
            errors["password"] = refusal_message(refusal)
            return render_template("admin/account.html", errors=errors), 429
        if current is None:
            errors["password"] = str(_l("Das bisherige Passwort stimmt nicht."))
        elif new != request.form.get("confirm_password"):
            errors["confirm_password"] = str(_l("Die beiden neuen Passwörter sind verschieden."))
        else:
            try:
                user_accounts.set_password(db, current_user.id, new, ph=auth.password_hasher())
            except account_rules.UserError as error:
                errors["new_password"] = error.message
            else:
                _sign_in(user_accounts.get_user(db, current_user.id))
                flash(_l("Passwort geändert. Alle anderen Anmeldungen sind beendet."), "success")
                return redirect(url_for("admin_accounts.account"))
    return render_template("admin/account.html", errors=errors), 422 if errors else 200
