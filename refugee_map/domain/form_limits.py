"""How often one address may send the public forms (suggest, report, confirm): the
``PUBLIC_FORM_LIMIT`` setting, e.g. ``30 per hour;300 per day``, every part a window of
its own that slides (no window restarts at the full hour).

Counted in the database like the sign-in attempts (:mod:`login_limits`), before the form is
read, so every app process over the database counts the same sends, and parallel requests
cannot all slip past the count. A refused send is not counted. The visitor's address is not
stored: the count keeps a digest of it keyed with the app's secret (:func:`source_of`),
deleted once it leaves the longest window.
"""

import hashlib
import hmac
import time
from collections.abc import Mapping

from limits import parse_many
from sqlite_utils import Database

from refugee_map import store
from refugee_map.domain.login_limits import TooManyAttempts, source_refusal
from refugee_map.store import attempts

ACTION = "public-form"


def windows(config: Mapping) -> list[tuple[int, float]]:
    """(sends, seconds) of each part of ``PUBLIC_FORM_LIMIT``."""
    return [(item.amount, item.get_expiry()) for item in parse_many(config["PUBLIC_FORM_LIMIT"])]


def source_of(address: str | None, secret: str | bytes) -> str:
    """What the count keeps of a visitor's internet address: a digest keyed with the app's
    ``secret`` (the same in every process), never the address."""
    key = secret.encode() if isinstance(secret, str) else secret
    digest = hmac.new(key, (address or "unknown").encode(), hashlib.sha256)
    return f"form:{digest.hexdigest()[:32]}"


def reserve(
    db: Database, source: str, limits: list[tuple[int, float]], now: float | None = None
) -> None:
    """Count a send of a public form from ``source`` (:func:`source_of`); raises
    TooManyAttempts (reason "address") when one of the ``limits`` is reached, counting
    nothing."""
    now = time.time() if now is None else now
    with store.writing(db):
        attempts.forget_before(db, ACTION, now - max(window for _amount, window in limits))
        refusal = _refusal(db, source, limits, now)
        if refusal is None:
            attempts.add(db, ACTION, "", source, now)
            return
    raise refusal


def _refusal(
    db: Database, source: str, limits: list[tuple[int, float]], now: float
) -> TooManyAttempts | None:
    for amount, window in limits:
        refusal = source_refusal(db, ACTION, source, amount, window, now, "address")
        if refusal is not None:
            return refusal
    return None
