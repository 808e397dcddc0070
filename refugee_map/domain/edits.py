"""What a person's change to an offer does beyond the fields they typed: the same rules on
every path (the offer form, the status buttons, the review queue, restoring a version).

- **Publishing is a check.** A person who makes an offer published (a new one, a draft or
  an archived one) has just looked at it: "last checked" (``verified_at``) becomes today,
  unless they entered a date themselves. Archiving, undeleting, drafts, imports and
  automatic changes are no check.
- **A pin that did not move keeps its flags.** The district and "location approximate"
  describe the point; a change that leaves the point where it is does not change them
  (the public form cannot even say them; a restored version's point may be the same).
- **"Last checked" never moves backwards** through a restore.

Plain functions over a sqlite-utils ``Database``; nothing here knows about HTTP.
"""

from datetime import date

from sqlite_utils import Database

from refugee_map import store
from refugee_map.domain import changes
from refugee_map.domain.offers import EDITABLE_FIELDS
from refugee_map.store import offers as offer_store

PIN = ("lat", "lng")
PIN_FLAGS = ("district", "location_approximate")


def moves_pin(before: dict, proposed: dict) -> bool:
    """Whether ``proposed`` (some fields of an offer) puts the offer's point elsewhere."""
    return bool(set(PIN) & set(changes.changed(before, before | proposed)))


def keep_pin_flags(before: dict, proposed: dict) -> dict:
    """``proposed`` without the pin's flags unless it moves the pin."""
    if moves_pin(before, proposed):
        return proposed
    return {field: value for field, value in proposed.items() if field not in PIN_FLAGS}


def publishing_is_a_check(before: dict | None, proposed: dict, today: date) -> dict:
    """``proposed`` with ``verified_at`` today when a person publishes the offer with it
    (``before``: the offer now, ``None`` for a new one) and chose no date themselves."""
    was_published = before is not None and before.get("status") == "published"
    if proposed.get("status") != "published" or was_published:
        return proposed
    previous = (before or {}).get("verified_at")
    if proposed.get("verified_at", previous) != previous:
        return proposed  # the person entered a date of their own
    return proposed | {"verified_at": max(previous or "", today.isoformat())}


def create(
    db: Database, offer: dict, today: date, *, by: str, source: str = "", region: int | None = None
) -> dict:
    """A new offer a person made (the offer form, an accepted suggestion) in ``region``."""
    return offer_store.create_offer(
        db, publishing_is_a_check(None, offer, today), by=by, source=source, region=region
    )


def update(db: Database, offer_id: int, proposed: dict, today: date, *, by: str, **options):
    """A person's change (``options``: those of ``offer_store.update_offer``)."""
    with store.writing(db):
        before = _current(db, offer_id)
        proposed = publishing_is_a_check(before, proposed, today)
        return offer_store.update_offer(db, offer_id, proposed, by=by, **options)


def restore(db: Database, offer_id: int, version: dict, today: date, *, by: str) -> dict:
    """Bring back an earlier version's fields (a history snapshot). Fields it did not
    record stay as they are, its pin flags only come with its pin, and "last checked"
    keeps the later date; making the offer published again is a check like any other."""
    with store.writing(db):
        before = _current(db, offer_id)
        proposed = {field: version[field] for field in EDITABLE_FIELDS if field in version}
        proposed["verified_at"] = (
            max(before["verified_at"] or "", proposed.get("verified_at") or "") or None
        )
        proposed = publishing_is_a_check(before, keep_pin_flags(before, proposed), today)
        return offer_store.update_offer(db, offer_id, proposed, by=by, action="restore")


def _current(db: Database, offer_id: int) -> dict:
    offer = offer_store.get_offer(db, offer_id, public=False)
    if offer is None:
        raise KeyError(offer_id)
    return offer
