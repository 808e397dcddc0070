"""Flask's side of the back-office accounts: the login manager (a session cookie names a
live session, see ``domain.users``), CSRF protection, the public forms' rate limit
(:func:`public_forms_limit`, counted in the database), and :func:`requires`,
with which each admin view declares the permission the blueprint's guard asks
``domain.accounts.can`` for, in the request's region (an account of another region has
none there; ``web.admin.gate``).
"""

import functools
from collections.abc import Callable

from argon2 import PasswordHasher
from flask import Flask, abort, current_app, request
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect

from refugee_map.domain import accounts as account_rules
from refugee_map.domain import form_limits
from refugee_map.domain import users as user_accounts
from refugee_map.domain.accounts import PERMISSIONS, User
from refugee_map.web import context as web

login_manager = LoginManager()
csrf = CSRFProtect()


def requires(permission: str) -> Callable:
    """Mark a view with the permission it needs; the blueprint's guard enforces it."""
    if permission not in PERMISSIONS:
        raise KeyError(permission)

    def mark(view: Callable) -> Callable:
        view.permission = permission  # type: ignore[attr-defined]
        return view

    return mark


def public_forms_limit(view: Callable) -> Callable:
    """Count every send (POST) of the form ``view`` against the address's
    ``PUBLIC_FORM_LIMIT`` before it is read; beyond the limit, 429."""

    @functools.wraps(view)
    def limited(*args, **kwargs):
        if request.method == "POST":
            limits = form_limits.windows(current_app.config)
            source = form_limits.source_of(request.remote_addr, current_app.config["SECRET_KEY"])
            try:
                form_limits.reserve(web.get_db(), source, limits)
            except form_limits.TooManyAttempts as refusal:
                abort(429, retry_after=refusal.wait)
        return view(*args, **kwargs)

    return limited


def password_hasher() -> PasswordHasher:
    """argon2id as the app's settings tune it."""
    return account_rules.hasher(current_app.config)


def init_app(app: Flask) -> None:
    csrf.init_app(app)  # every POST form of the app, public ones too
    login_manager.init_app(app)
    login_manager.login_view = "admin_accounts.login"
    login_manager.login_message = None

    @login_manager.user_loader
    def load_user(session_id: str) -> User | None:
        return user_accounts.load_session(web.get_db(), session_id)
