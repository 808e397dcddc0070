"""Signing in and out, one's own password, and (for admins) the accounts of the back office.

Views of the ``admin`` blueprint: :mod:`refugee_map.admin` imports this module.
"""

from flask import (
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_user, logout_user
from werkzeug.wrappers import Response

from . import auth, web
from .admin import bp, form_email, safe_next
from .auth import requires

# --- signing in and out -------------------------------------------------------------------


def _account_limit_message() -> str:
    return str(
        _l(
            "Zu viele fehlgeschlagene Anmeldungen für dieses Konto. Aus Sicherheitsgründen "
            "ist die Anmeldung für einige Minuten gesperrt. Bitte warten Sie 15 Minuten oder "
            "wenden Sie sich an die Administration."
        )
    )


def _address_limit_message() -> str:
    return str(
        _l(
            "Zu viele fehlgeschlagene Anmeldungen von diesem Netzwerk. Bitte warten Sie "
            "15 Minuten und versuchen Sie es dann erneut."
        )
    )


def _failed(response: Response) -> bool:
    return response.status_code == 401


@bp.route("/login", methods=["GET", "POST"])
@auth.limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT_ACCOUNT"],
    key_func=auth.login_key,
    methods=["POST"],
    deduct_when=_failed,
    error_message=_account_limit_message,
    scope="login-account",
)
@auth.limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT_ADDRESS"],
    methods=["POST"],
    deduct_when=_failed,
    error_message=_address_limit_message,
    scope="login-address",
)
def login():
    next_url = safe_next(request.values.get("next"))
    if current_user.is_authenticated and auth.can(current_user, "account"):
        return redirect(next_url or url_for("admin.offers"))
    if request.method == "GET":
        return render_template("admin/login.html", next=next_url, email="")
    db = web.get_db()
    user = auth.authenticate(db, form_email(), request.form.get("password") or "", ph=auth.hasher())
    if user is None:
        message = _l("E-Mail-Adresse oder Passwort stimmt nicht (oder das Konto ist gesperrt).")
        return render_template(
            "admin/login.html", error=message, email=form_email(), next=next_url
        ), 401
    _sign_in(user)
    return redirect(next_url or url_for("admin.offers"))


def _sign_in(user: auth.User) -> None:
    session.clear()  # a fresh session: no fixation
    auth.start_session(web.get_db(), user, current_app.permanent_session_lifetime)
    session.permanent = True
    login_user(user)


@bp.post("/logout")
@requires("account")
def logout():
    auth.end_session(web.get_db(), current_user.session_token)
    logout_user()
    session.clear()
    flash(_l("Sie sind abgemeldet."), "success")
    return redirect(url_for("admin.login"))


@bp.route("/account", methods=["GET", "POST"])
@requires("account")
def account():
    errors: dict[str, str] = {}
    if request.method == "POST":
        db = web.get_db()
        ph = auth.hasher()
        new = request.form.get("new_password") or ""
        if (
            auth.authenticate(db, current_user.email, request.form.get("password") or "", ph=ph)
            is None
        ):
            errors["password"] = str(_l("Das bisherige Passwort stimmt nicht."))
        elif new != request.form.get("confirm_password"):
            errors["confirm_password"] = str(_l("Die beiden neuen Passwörter sind verschieden."))
        else:
            try:
                auth.set_password(db, current_user.id, new, ph=ph)
            except auth.UserError as error:
                errors["new_password"] = error.message
            else:
                _sign_in(auth.get_user(db, current_user.id))
                flash(_l("Passwort geändert. Alle anderen Anmeldungen sind beendet."), "success")
                return redirect(url_for("admin.account"))
    return render_template("admin/account.html", errors=errors), 422 if errors else 200


# --- accounts -----------------------------------------------------------------------------


@bp.get("/users")
@requires("users")
def users():
    return render_template("admin/users.html", users=auth.list_users(web.get_db()))


@bp.route("/users/new", methods=["GET", "POST"])
@requires("users")
def user_new():
    errors: dict[str, str] = {}
    values = {"email": "", "role": "editor"}
    if request.method == "POST":
        values = {"email": form_email(), "role": request.form.get("role", "")}
        password = request.form.get("password") or ""
        if password != request.form.get("confirm_password"):
            errors["confirm_password"] = str(_l("Die beiden Passwörter sind verschieden."))
        else:
            try:
                auth.create_user(
                    web.get_db(), values["email"], password, values["role"],
                    ph=auth.hasher(), by=current_user.email,
                )  # fmt: skip
            except auth.UserError as error:
                errors[error.field] = error.message
            else:
                flash(_l("Konto für %(email)s angelegt.", email=values["email"]), "success")
                return redirect(url_for("admin.users"))
    status = 422 if errors else 200
    return render_template("admin/user_new.html", values=values, errors=errors), status


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@requires("users")
def user_edit(user_id: int):
    db = web.get_db()
    user = auth.get_user(db, user_id)
    if user is None:
        abort(404)
    errors: dict[str, str] = {}
    if request.method == "POST":
        role = request.form.get("role", user.role)
        active = request.form.get("active") in ("1", "on", "true")
        password = request.form.get("password") or ""
        losing_admin = user.role == "admin" and user.active and (role != "admin" or not active)
        if user.id == current_user.id and (role != user.role or not active):
            errors["role"] = str(_l("Die eigene Rolle und das eigene Konto kann man nicht ändern."))
        elif losing_admin and auth.active_admins(db) <= 1:
            errors["role"] = str(_l("Es muss mindestens ein aktives Admin-Konto geben."))
        elif role not in auth.ROLES:
            errors["role"] = str(_l("Unbekannte Rolle."))
        elif password:
            try:
                auth.set_password(db, user.id, password, ph=auth.hasher())
            except auth.UserError as error:
                errors["password"] = error.message
        if not errors:
            auth.set_role(db, user.id, role)
            auth.set_active(db, user.id, active)
            flash(_l("Konto %(email)s gespeichert.", email=user.email), "success")
            return redirect(url_for("admin.users"))
    status = 422 if errors else 200
    return render_template("admin/user_edit.html", user=user, errors=errors), status
