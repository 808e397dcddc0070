"""How often someone may try to sign in, counted in the database *before* a password is
checked, so that parallel requests cannot all slip past the count.

The rule:

- An attempt comes from a *source*: the browser's trusted-device cookie for that account
  (set when it last signed in successfully), else the browser's address.
- At most ``per_account`` attempts per account and source, and ``per_address`` attempts
  per address over all accounts, within their windows. Beyond that, that source waits
  until its oldest attempt leaves the window.
- Once an account has had ``per_account`` failures within the window from anywhere, every
  source must also wait after its *own* last failure, 1, 2, 4 … seconds (at most the window
  divided by ``per_account``) as the failures grow.
- A source that has not failed has no wait, so someone else's failures never keep the
  owner out: they sign in from their trusted browser or from another address.
- An attempt counts from the moment it starts; a successful one is then forgotten.

The wait is answered at once ("try again in N seconds"): no request thread sleeps.
"""

import math
import time
from collections.abc import Mapping
from dataclasses import dataclass

from limits import parse
from sqlite_utils import Database

from refugee_map import store
from refugee_map.store import attempts

REASONS = ("account", "address", "delay")
ACTION = "login"  # the attempts' action in the store


@dataclass(frozen=True)
class Limits:
    per_account: int
    account_window: float  # seconds
    per_address: int
    address_window: float

    @classmethod
    def from_config(cls, config: Mapping) -> "Limits":
        """From the settings, written like ``5 per 15 minutes``."""
        account = parse(config["LOGIN_LIMIT_ACCOUNT"])
        address = parse(config["LOGIN_LIMIT_ADDRESS"])
        return cls(account.amount, account.get_expiry(), address.amount, address.get_expiry())

    @property
    def longest_delay(self) -> float:
        return self.account_window / self.per_account


class TooManyAttempts(Exception):
    """Not now: ``reason`` is one of REASONS, ``wait`` whole seconds until the next try."""

    def __init__(self, reason: str, wait: float):
        super().__init__(f"{reason}: wait {wait:.0f} s")
        self.reason = reason
        self.wait = max(1, math.ceil(wait))


def address_source(address: str | None) -> str:
    return f"address:{address or 'unknown'}"


def device_source(device_id: str) -> str:
    return f"device:{device_id}"


def reserve(
    db: Database, account: str, source: str, limits: Limits, now: float | None = None
) -> int:
    """Count an attempt to sign in to ``account`` from ``source`` before its password is
    checked; its id, for :func:`forget` when it succeeds. Raises TooManyAttempts."""
    now = time.time() if now is None else now
    with store.writing(db):
        oldest = now - max(limits.account_window, limits.address_window)
        attempts.forget_before(db, ACTION, oldest)
        refusal = _refusal(db, account, source, limits, now)
        if refusal is None:
            return attempts.add(db, ACTION, account, source, now)
    raise refusal


def forget(db: Database, attempt_id: int) -> None:
    """The attempt succeeded: it does not count."""
    attempts.forget(db, attempt_id)


def _refusal(
    db: Database, account: str, source: str, limits: Limits, now: float
) -> TooManyAttempts | None:
    since = now - limits.account_window
    tries, first, last = attempts.from_account_and_source(db, ACTION, account, source, since)
    if tries >= limits.per_account:
        return TooManyAttempts("account", first + limits.account_window - now)
    if source.startswith("address:"):
        refusal = source_refusal(
            db, ACTION, source, limits.per_address, limits.address_window, now, "address"
        )
        if refusal is not None:
            return refusal
    failures = attempts.at_account(db, ACTION, account, since)
    if last is not None and failures >= limits.per_account:
        delay = min(2.0 ** (failures - limits.per_account), limits.longest_delay)
        if last + delay > now:
            return TooManyAttempts("delay", last + delay - now)
    return None


def source_refusal(
    db: Database, action: str, source: str, amount: int, window: float, now: float, reason: str
) -> TooManyAttempts | None:
    """Refused for ``reason`` when ``source`` made ``amount`` attempts at ``action`` within
    the last ``window`` seconds: it waits until the oldest of them leaves the window."""
    tries, first = attempts.from_source(db, action, source, now - window)
    if tries >= amount:
        return TooManyAttempts(reason, first + window - now)
    return None
