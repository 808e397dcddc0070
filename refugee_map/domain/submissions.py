"""What visitors and providers send: new offers, changes and "this is outdated" reports.

Nothing here is published directly. A submission waits in the review queue until an
editor accepts it (the offer is created or changed, its history naming the submission as
the source) or rejects it with a reason. The sender's network address is never stored.

Plain functions over a sqlite-utils ``Database``; nothing here knows about HTTP.
"""

from datetime import date
from typing import Any

from sqlite_utils import Database

from refugee_map import store
from refugee_map.domain import changes, edits
from refugee_map.domain.messages import lazy_gettext as _l
from refugee_map.domain.offers import EDITABLE_FIELDS
from refugee_map.store import offer_history
from refugee_map.store import offers as offer_store
from refugee_map.store import submissions as submission_store

# Reading and adding are the store's; named here too for the callers of this module.
from refugee_map.store.submissions import (  # noqa: F401 (re-exported)
    KINDS,
    add,
    decided_items,
    get,
    open_counts,
    open_items,
)

REPORT_REASONS = {
    "closed": _l("Das Angebot gibt es nicht mehr"),
    "moved": _l("Das Angebot ist umgezogen"),
    "wrong_times": _l("Die Zeiten stimmen nicht"),
    "other": _l("Etwas anderes stimmt nicht"),
}
MAX_COMMENT = 1000
MAX_REASON = 500
# What a visitor may not decide: the agency publishes and confirms.
NOT_SUGGESTED = ("status", "verified_at")


class AlreadyDecided(Exception):
    """Someone accepted or rejected this submission first."""


SUGGESTION_SOURCE = "suggestion"


def source_of(submission: dict) -> str:
    """How the offer's history names a submission."""
    return f"{SUGGESTION_SOURCE} #{submission['id']}"


def public_offer(cleaned: dict) -> dict:
    """A cleaned offer as a visitor may propose it: no status, no confirmation date."""
    return {key: value for key, value in cleaned.items() if key not in NOT_SUGGESTED}


def proposed_changes(base: dict, proposed: dict) -> dict[str, Any]:
    """The fields a change suggestion changes against ``base``, the offer the suggester
    saw: status and dates stay the agency's, a pin that did not move keeps its flags."""
    changed = {
        field: proposed.get(field)
        for field in changes.changed(base, proposed)
        if field in EDITABLE_FIELDS and field not in NOT_SUGGESTED
    }
    return edits.keep_pin_flags(base, changed)


def base_of(db: Database, submission: dict, offer: dict) -> dict:
    """The offer as the suggester saw it (its version then; fields that version did not
    record, and a version no longer recorded, as they are now)."""
    version = submission["payload"].get("base_version")
    return offer | (offer_history.version_snapshot(db, offer["id"], version) or {})


def suggested_changes(db: Database, submission: dict, offer: dict) -> dict[str, Any]:
    """What the suggester changed, measured against the version they saw: edits made to
    the offer since then are kept rather than undone."""
    return proposed_changes(base_of(db, submission, offer), submission["payload"]["offer"])


def suggested_and_changed_since(
    db: Database, submission: dict, offer: dict
) -> tuple[dict[str, Any], list[str]]:
    """What the suggester changed (:func:`suggested_changes`) and the offer's fields that
    changed after the suggestion was made, from one read of the version they saw."""
    base = base_of(db, submission, offer)
    since = [field for field in changes.changed(base, offer) if field in EDITABLE_FIELDS]
    return proposed_changes(base, submission["payload"]["offer"]), since


def reject(db: Database, submission_id: int, *, by: str, reason: str, region: int) -> dict:
    with store.writing(db):
        submission = _open(db, submission_id, region)
        _decide(db, submission, "rejected", by=by, reason=reason)
    return get(db, submission_id, region=region)


def accept_new(
    db: Database,
    submission_id: int,
    offer: dict,
    today: date,
    *,
    by: str,
    region: int,
) -> dict:
    """Create the offer (``offer`` is the cleaned, possibly edited, suggestion) in
    ``region``, the suggestion's; publishing it is a check (:mod:`edits`)."""
    with store.writing(db):
        submission = _open(db, submission_id, region)
        if submission["kind"] != "new":
            raise ValueError("not a new-offer suggestion")
        created = edits.create(db, offer, today, by=by, source=source_of(submission), region=region)
        _decide(db, submission, "accepted", by=by, offer_id=created["id"])
    return created


def accept_change(
    db: Database,
    submission_id: int,
    accepted: dict,
    today: date,
    *,
    by: str,
    region: int,
    expected_version: int | None = None,
    provider_checked: bool = False,
) -> dict:
    """Apply ``accepted`` to the offer; the provider proposing them is also a check."""
    with store.writing(db):
        submission = _open(db, submission_id, region)
        if submission["kind"] != "change" or submission["offer_id"] is None:
            raise ValueError("not a change suggestion")
        if provider_checked:
            accepted = accepted | {"verified_at": today.isoformat()}
        updated = edits.update(
            db, submission["offer_id"], accepted, today, by=by,
            expected_version=expected_version, source=source_of(submission),
        )  # fmt: skip
        _decide(db, submission, "accepted", by=by)
    return updated


def accept_report(db: Database, submission_id: int, *, by: str, archive: bool, region: int) -> dict:
    """Agree with a report: archive the offer, or just close the report (the editor fixes it)."""
    with store.writing(db):
        submission = _open(db, submission_id, region)
        if submission["kind"] != "report" or submission["offer_id"] is None:
            raise ValueError("not a report")
        if archive:
            offer_store.update_offer(
                db, submission["offer_id"], {"status": "archived"}, by=by, action="status",
                source=source_of(submission),
            )  # fmt: skip
        _decide(db, submission, "accepted", by=by, reason="archived" if archive else "")
    return get(db, submission_id, region=region)


def _open(db: Database, submission_id: int, region: int) -> dict:
    """The open submission ``submission_id`` of ``region``; KeyError if ``region`` has none
    of that id, :class:`AlreadyDecided` once decided."""
    submission = get(db, submission_id, region=region)
    if submission is None:
        raise KeyError(submission_id)
    if submission["status"] != "open":
        raise AlreadyDecided(submission_id)
    return submission


def _decide(db: Database, submission: dict, status: str, *, by: str, reason: str = "", **extra):
    """Close an open submission; runs inside the caller's :func:`store.writing`."""
    decision = {"status": status, "reason": reason[:MAX_REASON], "decided_by": by}
    submission_store.decide(db, submission["id"], decision | extra)
