"""Back-office accounts: the roles, the one table of who may do what, and the rules a
password must meet (long enough, hard to guess by zxcvbn's estimate), hashed with argon2id.

An admin or editor belongs to one region and works in its back office only; a network
admin belongs to none and works in every region's with an admin's rights. Every
permission question, always asked for one region, is answered by :func:`can`. Creating
and changing accounts and their sessions is ``domain.users``; Flask's side of signing in
is ``web.auth``.
"""

import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from argon2 import PasswordHasher
from zxcvbn import zxcvbn

from refugee_map.domain.messages import lazy_gettext as _l

NETWORK_ADMIN = "network-admin"
REGION_ROLES = ("admin", "editor")  # the roles of a region's accounts
ROLES = (*REGION_ROLES, NETWORK_ADMIN)
ROLE_LABELS = {
    "admin": _l("Administration"),
    "editor": _l("Redaktion"),
    NETWORK_ADMIN: _l("Netzwerk-Administration"),
}

# The one table of who may do what. Views name a permission; roles grant it.
PERMISSIONS: dict[str, frozenset[str]] = {
    "account": frozenset(ROLES),  # own password, sign out
    "offers": frozenset(ROLES),  # list, create, edit, publish, history, delete
    "offers.undelete": frozenset({"admin", NETWORK_ADMIN}),  # see deleted offers, bring back
    "users": frozenset({"admin", NETWORK_ADMIN}),  # create, disable and change accounts
    "users.network": frozenset({NETWORK_ADMIN}),  # every region's accounts, network admins
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
    region_id: int | None = None  # None: a network admin's
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
            region_id=row["region_id"],
            created_at=row["created_at"],
            last_login_at=row["last_login_at"],
        )


def can(user: Any, permission: str, region_id: int) -> bool:
    """May ``user`` (a :class:`User` or Flask-Login's anonymous user) do ``permission``
    in the back office of the region ``region_id``?"""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if not user.is_active or not may_enter(user, region_id):
        return False
    return user.role in PERMISSIONS[permission]


def may_enter(user: User, region_id: int) -> bool:
    """Is the back office of region ``region_id`` open to ``user``: its own region's,
    every region's to a network admin."""
    return user.role == NETWORK_ADMIN or user.region_id == region_id


def may_manage(manager: User, account: User) -> bool:
    """May ``manager`` (who may manage accounts) see and change ``account``: one of its
    own region's, or any as a network admin."""
    return manager.role == NETWORK_ADMIN or account.region_id == manager.region_id


def roles_given_by(manager: User) -> tuple[str, ...]:
    """The roles ``manager`` may give: a network admin every role, an admin its region's."""
    return ROLES if manager.role == NETWORK_ADMIN else REGION_ROLES


def region_of(role: str, region_id: int | None) -> int | None:
    """The region an account of ``role`` belongs to: none for a network admin."""
    return None if role == NETWORK_ADMIN else region_id


def hasher(config: Mapping) -> PasswordHasher:
    """argon2id with the library's defaults (RFC 9106), tunable for tests by config."""
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


def account_key(email: str) -> str:
    """The account an attempt to sign in is for, however its e-mail address was typed."""
    return (email or "").strip().casefold()[:254]
