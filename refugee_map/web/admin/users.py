"""The accounts of the back office, for those who manage them: a region's admin sees and
changes its own region's accounts (admins and editors of that region); a network admin
every account, in every region, and other network admins, and places each in a region.
"""

import re

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from refugee_map.domain import accounts as account_rules
from refugee_map.domain import regions
from refugee_map.domain import users as user_accounts
from refugee_map.domain.value_types import means_yes
from refugee_map.web import auth
from refugee_map.web import context as web
from refugee_map.web.admin.accounts import form_email
from refugee_map.web.admin.gate import back_office_blueprint, can_here
from refugee_map.web.auth import requires

bp = back_office_blueprint("admin_users", __name__)


def manages_the_network() -> bool:
    return can_here("users.network")


def region_names() -> dict[str, str]:
    """Each region's name by its id (as the forms send it)."""
    return {str(region.id): region.name for region in regions.all_regions(web.get_db(),
            current_app.config)}  # fmt: skip


def form_page(template: str, status: int = 200, **values):
    """An account page with what its form offers the signed-in manager."""
    choices = {
        "role_choices": [(role, account_rules.ROLE_LABELS[role])
                         for role in account_rules.roles_given_by(current_user)],
        "region_choices": list(region_names().items()) if manages_the_network() else [],
    }  # fmt: skip
    return render_template(template, **choices, **values), status


def chosen_region(otherwise: int | None) -> int | None:
    """The region the form names, for a network admin; anyone else's accounts, and a
    form naming none, keep ``otherwise``. Not a number: no region's (the domain refuses
    it)."""
    if not manages_the_network() or "region" not in request.form:
        return otherwise
    text = request.form["region"]
    return int(text) if re.fullmatch(r"[0-9]{1,9}", text) else -1


def chosen_role(errors: dict[str, str], otherwise: str) -> str:
    role = request.form.get("role", otherwise)
    if role not in account_rules.roles_given_by(current_user):
        errors["role"] = str(_l("Unbekannte Rolle."))
    return role


@bp.get("/users")
@requires("users")
def users():
    own = None if manages_the_network() else current_user.region_id
    accounts = user_accounts.list_users(web.get_db(), own)
    return render_template("admin/users.html", users=accounts, region_names=region_names())


@bp.route("/users/new", methods=["GET", "POST"])
@requires("users")
def user_new():
    errors: dict[str, str] = {}
    values = {"email": "", "role": "editor", "region": str(web.region().id)}
    if request.method == "POST":
        values = {"email": form_email(), "role": chosen_role(errors, ""),
                  "region": request.form.get("region") or ""}  # fmt: skip
        password = request.form.get("password") or ""
        if password != request.form.get("confirm_password"):
            errors["confirm_password"] = str(_l("Die beiden Passwörter sind verschieden."))
        if not errors:
            try:
                user_accounts.create_user(
                    web.get_db(), values["email"], password, values["role"],
                    ph=auth.password_hasher(), by=current_user.email,
                    region_id=chosen_region(web.region().id),
                )  # fmt: skip
            except account_rules.UserError as error:
                errors[error.field] = error.message
            else:
                flash(_l("Konto für %(email)s angelegt.", email=values["email"]), "success")
                return redirect(url_for("admin_users.users"))
    return form_page("admin/user_new.html", 422 if errors else 200, values=values, errors=errors)


def managed_account(user_id: int) -> account_rules.User:
    """The account ``user_id`` if the signed-in manager may manage it, else 404."""
    user = user_accounts.get_user(web.get_db(), user_id)
    if user is None or not account_rules.may_manage(current_user, user):
        abort(404)
    return user


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@requires("users")
def user_edit(user_id: int):
    user = managed_account(user_id)
    errors: dict[str, str] = {}
    if request.method == "POST":
        role = chosen_role(errors, user.role)
        region_id = chosen_region(user.region_id)
        active = means_yes(request.form.get("active"))
        errors = errors or change_errors(user, role, active)
        if not errors:
            errors = saved(user, role, region_id, active)
        if not errors:
            flash(_l("Konto %(email)s gespeichert.", email=user.email), "success")
            return redirect(url_for("admin_users.users"))
    region = str(user.region_id or web.region().id)
    return form_page("admin/user_edit.html", 422 if errors else 200, user=user, chosen=region,
                     errors=errors)  # fmt: skip


def change_errors(user: account_rules.User, role: str, active: bool) -> dict[str, str]:
    """What forbids the change: one's own role and account stay; someone active keeps
    managing the accounts the changed one managed."""
    if user.id == current_user.id and (role != user.role or not active):
        return {"role": str(_l("Die eigene Rolle und das eigene Konto kann man nicht ändern."))}
    managing = user.active and user.role in account_rules.PERMISSIONS["users"]
    losing = managing and (role != user.role or not active)
    if losing and user_accounts.active_managers(web.get_db(), user.region_id) <= 1:
        return {"role": str(_l("Es muss mindestens ein aktives Admin-Konto geben."))}
    return {}


def saved(user: account_rules.User, role: str, region_id: int | None, active: bool) -> dict:
    """Save the form's changes to ``user``; the errors that kept them from being saved."""
    db = web.get_db()
    password = request.form.get("password") or ""
    try:
        if password:
            user_accounts.set_password(db, user.id, password, ph=auth.password_hasher())
        user_accounts.set_role(db, user.id, role, region_id)
    except account_rules.UserError as error:
        return {error.field: error.message}
    user_accounts.set_active(db, user.id, active)
    return {}
