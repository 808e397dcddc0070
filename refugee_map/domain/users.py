"""Back-office users: create and change accounts, check a password, and the sessions of
signed-in browsers.

A signed-in browser holds a random session token (inside Flask's signed cookie); the
database keeps only its SHA-256 and an expiry. Signing out, changing the password and
disabling the account delete the stored rows, so a copied cookie stops working at once.
"""

import hashlib
import hmac
import secrets
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlite_utils import Database

from refugee_map import store
from refugee_map.domain.accounts import (
    NETWORK_ADMIN,
    ROLES,
    User,
    UserError,
    check_password_rules,
    region_of,
)
from refugee_map.domain.mailbox import is_mailbox
from refugee_map.domain.messages import lazy_gettext as _l
from refugee_map.store import accounts as account_store
from refugee_map.store import regions as region_store


def _normal_email(email: str) -> str:
    email = (email or "").strip()
    if not is_mailbox(email):
        raise UserError("email", str(_l("Bitte eine gültige E-Mail-Adresse angeben.")))
    return email


def _role_and_region(db: Database, role: str, region_id: int | None) -> dict:
    """The columns of an account of ``role`` in region ``region_id`` (ignored for a
    network admin, who belongs to none); an unknown role or region is refused."""
    if role not in ROLES:
        raise UserError("role", str(_l("Unbekannte Rolle.")))
    region_id = region_of(role, region_id)
    known = {row["id"] for row in region_store.all_regions(db)}
    if role != NETWORK_ADMIN and region_id not in known:
        raise UserError("region", str(_l("Unbekannte Region.")))
    return {"role": role, "region_id": region_id}


def create_user(
    db: Database, email: str, password: str, role: str, *, ph: PasswordHasher, by: str = "",
    region_id: int | None = region_store.HOME,
) -> User:  # fmt: skip
    """A new active account of ``role``: in the region ``region_id`` (by default the
    region of the settings), or in none as a network admin."""
    email = _normal_email(email)
    placed = _role_and_region(db, role, region_id)
    check_password_rules(password, email)
    stamp = store.now()
    row = {"email": email, "password_hash": ph.hash(password), "active": 1,
           "created_at": stamp, "created_by": by, "updated_at": stamp} | placed  # fmt: skip
    with store.writing(db):
        if find_user(db, email) is not None:  # created by someone else meanwhile
            raise UserError("email", str(_l("Für diese E-Mail-Adresse gibt es schon ein Konto.")))
        user_id = account_store.add_user(db, row)
    return get_user(db, user_id)


def get_user(db: Database, user_id: int) -> User | None:
    row = account_store.user(db, user_id)
    return User.from_row(row) if row else None


def find_user(db: Database, email: str) -> User | None:
    row = account_store.user_by_email(db, (email or "").strip())
    return User.from_row(row) if row else None


def list_users(db: Database, region_id: int | None = None) -> list[User]:
    """Every account, or those of the region ``region_id``."""
    return [User.from_row(row) for row in account_store.users(db, region_id)]


def active_managers(db: Database, region_id: int | None) -> int:
    """The active admins of region ``region_id`` and the active network admins."""
    return account_store.active_managers(db, region_id)


def set_role(db: Database, user_id: int, role: str, region_id: int | None) -> None:
    """Give the account ``role`` in region ``region_id`` (none for a network admin)."""
    changes = _role_and_region(db, role, region_id) | {"updated_at": store.now()}
    account_store.update_user(db, user_id, changes)


def set_active(db: Database, user_id: int, active: bool) -> None:
    """Enable or disable an account; disabling signs it out everywhere."""
    with store.writing(db):
        account_store.update_user(db, user_id, {"active": int(active), "updated_at": store.now()})
        if not active:
            end_all_sessions(db, user_id)


def set_password(db: Database, user_id: int, password: str, *, ph: PasswordHasher) -> None:
    """A new password; every session of the account ends."""
    user = get_user(db, user_id)
    check_password_rules(password, user.email if user else "")
    with store.writing(db):
        changes = {"password_hash": ph.hash(password), "updated_at": store.now()}
        account_store.update_user(db, user_id, changes)
        end_all_sessions(db, user_id)


def authenticate(db: Database, email: str, password: str, *, ph: PasswordHasher) -> User | None:
    """The active user with this e-mail and password, else None (same work either way)."""
    row = account_store.user_by_email(db, (email or "").strip())
    stored = row["password_hash"] if row else _dummy_hash(ph)
    try:
        ph.verify(stored, password or "")
    except (VerificationError, InvalidHashError):
        return None
    if not row or not row["active"]:
        return None
    user = User.from_row(row)
    if ph.check_needs_rehash(stored):
        account_store.update_user(db, user.id, {"password_hash": ph.hash(password)})
    return user


_dummy_hashes: dict[tuple, str] = {}


def _dummy_hash(ph: PasswordHasher) -> str:
    key = (ph.time_cost, ph.memory_cost, ph.parallelism)
    if key not in _dummy_hashes:
        _dummy_hashes[key] = ph.hash(secrets.token_hex(16))
    return _dummy_hashes[key]


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
    account_store.add_session(db, row, now=stamp.isoformat())
    user.session_token = token
    return token


def end_session(db: Database, token: str | None) -> None:
    if token:
        account_store.end_session(db, _digest(token))


def end_all_sessions(db: Database, user_id: int) -> None:
    account_store.end_user_sessions(db, user_id)


def load_session(db: Database, session_id: str) -> User | None:
    """The user of a live session ``"<user id>:<token>"``, or None if it ended or expired."""
    user_id, _, token = (session_id or "").partition(":")
    if not user_id.isdigit() or not token:
        return None
    row = account_store.session(db, _digest(token))
    if not row or not hmac.compare_digest(str(row["user_id"]), user_id):
        return None
    if row["expires_at"] < datetime.now(UTC).isoformat(timespec="seconds"):
        return None
    user = get_user(db, int(user_id))
    if user is None or not user.active:
        return None
    user.session_token = token
    return user
