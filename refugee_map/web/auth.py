"""Flask's side of the back-office accounts: the login manager (a session cookie names a
live session, see ``domain.users``), CSRF protection, and :func:`requires`,
with which each admin view declares the permission the blueprint's guard asks
``domain.accounts.can`` for.
"""

from collections.abc import Callable

from argon2 import PasswordHasher
from flask import Flask, current_app
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect

from refugee_map.domain import accounts as account_rules
from refugee_map.domain import users as user_accounts
from refugee_map.domain.accounts import PERMISSIONS, User

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


def password_hasher() -> PasswordHasher:
    """argon2id as the app's settings tune it."""
    return account_rules.hasher(current_app.config)


def init_app(app: Flask) -> None:
    from refugee_map.web import context as web

    csrf.init_app(app)  # every POST form of the app, public ones too
    login_manager.init_app(app)
    login_manager.login_view = "admin_accounts.login"
    login_manager.login_message = None

    @login_manager.user_loader
    def load_user(session_id: str) -> User | None:
        return user_accounts.load_session(web.get_db(), session_id)
