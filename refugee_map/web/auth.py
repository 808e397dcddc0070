"""Back-office accounts: users, roles, password hashing, sessions and permissions.

Every permission question is answered by :func:`can`; the admin blueprint asks it once
per request for the permission its view declares with :func:`requires`.

A signed-in browser holds a random session token (inside Flask's signed cookie); the
database keeps only its SHA-256 and an expiry. Signing out, changing the password and
disabling the account delete the stored rows, so a copied cookie stops working at once.
"""

import hashlib
import hmac
import re
import secrets
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import Flask, current_app
from flask_babel import lazy_gettext as _l
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect
from sqlite_utils import Database
from zxcvbn import zxcvbn

from refugee_map import store
from refugee_map.domain.mailbox import is_mailbox
from refugee_map.store import accounts

ROLES = ("admin", "editor")
ROLE_LABELS = {"admin": _l("Administration"), "editor": _l("Redaktion")}

# The one table of who may do what. Views name a permission; roles grant it.
PERMISSIONS: dict[str, frozenset[str]] = {
    "account": frozenset({"admin", "editor"}),  # own password, sign out
    "offers": frozenset({"admin", "editor"}),  # list, create, edit, publish, history, delete
    "offers.undelete": frozenset({"admin"}),  # see deleted offers and bring them back
    "users": frozenset({"admin"}),  # create, disable and change accounts
}

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024
MIN_PASSWORD_SCORE = 3  # zxcvbn: 0 (guessed at once) to 4 (very hard to guess)
ZXCVBN_MAX_LENGTH = 72  # zxcvbn refuses longer input; the start of a password is estimated
# zxcvbn keeps the user inputs of a call in a module-level dict: one estimate at a time.
_zxcvbn_lock = threading.Lock()
# The site's own words, also as the names it goes by (zxcvbn matches whole inputs only).
SITE_WORDS = ("refugee", "map", "hilfe", "karte", "ehrenamt", "verwaltung", "redaktion", "admin",
              "refugee_map", "refugee-map", "refugeemap", "hilfe-karte", "hilfekarte",
              "hilfe-karte dortmund", "dortmund")  # fmt: skip
WEAKNESSES = {
    "user_inputs": _l("Es enthält die E-Mail-Adresse oder den Namen des Kontos."),
    "passwords": _l("Es ist ein häufiges Passwort oder ähnelt einem."),
    "dictionary": _l("Einzelne Wörter und Namen sind leicht zu erraten."),
    "spatial": _l("Tastaturmuster wie „qwertz“ sind leicht zu erraten."),
    "repeat": _l("Wiederholungen wie „aaa“ oder „abcabc“ sind leicht zu erraten."),
    "sequence": _l("Folgen wie „abc“ oder „6543“ sind leicht zu erraten."),
    "regex": _l("Jahreszahlen und Daten sind leicht zu erraten."),
    "date": _l("Jahreszahlen und Daten sind leicht zu erraten."),
}
PASSWORD_ADVICE = _l(
    "Nehmen Sie mehrere ungewöhnliche Wörter, etwa einen kurzen Satz, den nur Sie kennen."
)

login_manager = LoginManager()
csrf = CSRFProtect()
limiter = Limiter(get_remote_address, default_limits=[], storage_uri="memory://")


class UserError(ValueError):
    """A user cannot be created or changed; ``field`` names the form field at fault."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass
class User:
    """A back-office account as Flask-Login sees it (``session_token`` only when signed in)."""

    id: int
    email: str
    role: str
    active: bool
    created_at: str = ""
    last_login_at: str | None = None
    session_token: str | None = None

    is_anonymous = False

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> "User":
        return cls(
            id=row["id"],
            email=row["email"],
            role=row["role"],
            active=bool(row["active"]),
            created_at=row["created_at"],
            last_login_at=row["last_login_at"],
        )


def can(user: Any, permission: str) -> bool:
    """May ``user`` (a :class:`User` or Flask-Login's anonymous user) do ``permission``?"""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if not user.is_active:
        return False
    return user.role in PERMISSIONS[permission]


def requires(permission: str) -> Callable:
    """Mark a view with the permission it needs; the blueprint's guard enforces it."""
    if permission not in PERMISSIONS:
        raise KeyError(permission)

    def mark(view: Callable) -> Callable:
        view.permission = permission  # type: ignore[attr-defined]
        return view

    return mark


# --- passwords -------------------------------------------------------------------------


def hasher(config: Mapping | None = None) -> PasswordHasher:
    """argon2id with the library's defaults (RFC 9106), tunable for tests by config."""
    config = config if config is not None else current_app.config
    return PasswordHasher(
        time_cost=int(config.get("ARGON2_TIME_COST", 3)),
        memory_cost=int(config.get("ARGON2_MEMORY_COST", 65536)),
        parallelism=int(config.get("ARGON2_PARALLELISM", 4)),
    )


def check_password_rules(password: str, email: str) -> None:
    """Long enough and hard to guess: zxcvbn's estimate, knowing the account's e-mail."""
    if len(password) < MIN_PASSWORD_LENGTH:
        message = _l("Mindestens %(n)d Zeichen.", n=MIN_PASSWORD_LENGTH)
        raise UserError("password", str(message))
    if len(password) > MAX_PASSWORD_LENGTH:
        raise UserError("password", str(_l("Höchstens %(n)d Zeichen.", n=MAX_PASSWORD_LENGTH)))
    with _zxcvbn_lock:
        estimate = zxcvbn(password[:ZXCVBN_MAX_LENGTH], user_inputs=personal_words(email))
    if estimate["score"] < MIN_PASSWORD_SCORE:
        reasons = (_l("Dieses Passwort ist zu leicht zu erraten."), _weakness(estimate))
        message = " ".join(str(reason) for reason in (*reasons, PASSWORD_ADVICE) if reason)
        raise UserError("password", message)


def personal_words(email: str) -> list[str]:
    """Words a guesser tries first: the e-mail address, its parts (name, organisation) and
    the site's own words."""
    email = email.casefold()
    parts = [part for part in re.split(r"[@.+_\-]+", email) if len(part) > 2]
    return [email, *email.split("@"), *parts, *SITE_WORDS]


def _weakness(estimate: dict) -> str:
    """What makes the password guessable, from the patterns zxcvbn found in it."""
    found = [match for match in estimate["sequence"] if match["pattern"] != "bruteforce"]
    if any(match.get("dictionary_name") == "user_inputs" for match in found):
        return str(WEAKNESSES["user_inputs"])
    if not found:
        return ""
    longest = max(found, key=lambda match: len(match["token"]))
    if longest.get("dictionary_name") == "passwords":
        return str(WEAKNESSES["passwords"])
    return str(WEAKNESSES.get(longest["pattern"], ""))


def _normal_email(email: str) -> str:
    email = (email or "").strip()
    if not is_mailbox(email):
        raise UserError("email", str(_l("Bitte eine gültige E-Mail-Adresse angeben.")))
    return email


# --- users -----------------------------------------------------------------------------


def create_user(
    db: Database, email: str, password: str, role: str, *, ph: PasswordHasher, by: str = ""
) -> User:
    email = _normal_email(email)
    if role not in ROLES:
        raise UserError("role", str(_l("Unbekannte Rolle.")))
    check_password_rules(password, email)
    stamp = store.now()
    row = {"email": email, "password_hash": ph.hash(password), "role": role, "active": 1,
           "created_at": stamp, "created_by": by, "updated_at": stamp}  # fmt: skip
    with store.writing(db):
        if find_user(db, email) is not None:  # created by someone else meanwhile
            raise UserError("email", str(_l("Für diese E-Mail-Adresse gibt es schon ein Konto.")))
        user_id = accounts.add_user(db, row)
    return get_user(db, user_id)


def get_user(db: Database, user_id: int) -> User | None:
    row = accounts.user(db, user_id)
    return User.from_row(row) if row else None


def find_user(db: Database, email: str) -> User | None:
    row = accounts.user_by_email(db, (email or "").strip())
    return User.from_row(row) if row else None


def list_users(db: Database) -> list[User]:
    return [User.from_row(row) for row in accounts.users(db)]


def active_admins(db: Database) -> int:
    return accounts.active_admins(db)


def set_role(db: Database, user_id: int, role: str) -> None:
    if role not in ROLES:
        raise UserError("role", str(_l("Unbekannte Rolle.")))
    accounts.update_user(db, user_id, {"role": role, "updated_at": store.now()})


def set_active(db: Database, user_id: int, active: bool) -> None:
    """Enable or disable an account; disabling signs it out everywhere."""
    with store.writing(db):
        accounts.update_user(db, user_id, {"active": int(active), "updated_at": store.now()})
        if not active:
            end_all_sessions(db, user_id)


def set_password(db: Database, user_id: int, password: str, *, ph: PasswordHasher) -> None:
    """A new password; every session of the account ends."""
    user = get_user(db, user_id)
    check_password_rules(password, user.email if user else "")
    with store.writing(db):
        changes = {"password_hash": ph.hash(password), "updated_at": store.now()}
        accounts.update_user(db, user_id, changes)
        end_all_sessions(db, user_id)


def authenticate(db: Database, email: str, password: str, *, ph: PasswordHasher) -> User | None:
    """The active user with this e-mail and password, else None (same work either way)."""
    row = accounts.user_by_email(db, (email or "").strip())
    stored = row["password_hash"] if row else _dummy_hash(ph)
    try:
        ph.verify(stored, password or "")
    except (VerificationError, InvalidHashError):
        return None
    if not row or not row["active"]:
        return None
    user = User.from_row(row)
    if ph.check_needs_rehash(stored):
        accounts.update_user(db, user.id, {"password_hash": ph.hash(password)})
    return user


_dummy_hashes: dict[tuple, str] = {}


def _dummy_hash(ph: PasswordHasher) -> str:
    key = (ph.time_cost, ph.memory_cost, ph.parallelism)
    if key not in _dummy_hashes:
        _dummy_hashes[key] = ph.hash(secrets.token_hex(16))
    return _dummy_hashes[key]


# --- sessions --------------------------------------------------------------------------


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(db: Database, user: User, lifetime: timedelta) -> str:
    """Record a new signed-in browser for ``user``; returns its token."""
    token = secrets.token_urlsafe(32)
    stamp = datetime.now(UTC)
    row = {
        "token_hash": _digest(token),
        "user_id": user.id,
        "created_at": stamp.isoformat(timespec="seconds"),
        "expires_at": (stamp + lifetime).isoformat(timespec="seconds"),
    }
    accounts.add_session(db, row, now=stamp.isoformat())
    user.session_token = token
    return token


def end_session(db: Database, token: str | None) -> None:
    if token:
        accounts.end_session(db, _digest(token))


def end_all_sessions(db: Database, user_id: int) -> None:
    accounts.end_user_sessions(db, user_id)


def load_session(db: Database, session_id: str) -> User | None:
    """The user of a live session ``"<user id>:<token>"``, or None if it ended or expired."""
    user_id, _, token = (session_id or "").partition(":")
    if not user_id.isdigit() or not token:
        return None
    row = accounts.session(db, _digest(token))
    if not row or not hmac.compare_digest(str(row["user_id"]), user_id):
        return None
    if row["expires_at"] < datetime.now(UTC).isoformat(timespec="seconds"):
        return None
    user = get_user(db, int(user_id))
    if user is None or not user.active:
        return None
    user.session_token = token
    return user


# --- wiring ----------------------------------------------------------------------------


def account_key(email: str) -> str:
    """The account an attempt to sign in is for, however its e-mail address was typed."""
    return (email or "").strip().casefold()[:254]


def init_app(app: Flask) -> None:
    from refugee_map.web import context as web

    csrf.init_app(app)  # every POST form of the app, public ones too
    login_manager.init_app(app)
    login_manager.login_view = "admin_accounts.login"
    login_manager.login_message = None
    # The limiter is one object for every app: without an explicit setting, an app would
    # inherit "disabled" from an earlier app that turned it off.
    app.config.setdefault("RATELIMIT_ENABLED", True)
    limiter.init_app(app)

    @login_manager.user_loader
    def load_user(session_id: str) -> User | None:
        return load_session(web.get_db(), session_id)
